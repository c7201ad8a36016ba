/** @jsxImportSource hono/jsx */
/**
 * Meetings: the list, scheduling (`/rapat/baru`), and on a meeting's page rescheduling and
 * cancelling with a reason, and recording it held (attendance, decisions, action items that
 * become tasks). Forms are shown only to those core lets manage the meeting.
 */

import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { VisibleError } from "@tenggat/core/error";
import { Meeting } from "@tenggat/core/meeting";
import { Policy } from "@tenggat/core/policy";
import { Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { clock, longDate, shortDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors, Panel, Summary } from "./layout.tsx";

export const meetings = new Hono();

const KINDS = ["subtask", "special", "taskforce", "workshop"] as const;
const SUBTASK = ["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"];
type Form = Record<string, string>;

/** May the person call a meeting of some kind (core's `convener`, without its kind). */
function mayConvene(): boolean {
  return (
    Policy.isSecretariat() ||
    Policy.holds("gt.ketua") ||
    SUBTASK.some((u) => Policy.holds(`${u}.koordinator`) || Policy.holds(`${u}.wakil-koordinator`))
  );
}

/** Core's `mayManage`: the secretariat, a sub-task-force's leaders for its meetings, the convener. */
export function mayManage(m: Meeting.Info): boolean {
  return (
    Policy.isSecretariat() ||
    (m.kind === "subtask" && Policy.leads(m.unit)) ||
    Policy.holds(m.convenedBy)
  );
}

/** Core's issues (`actionItems.0.due`, `attendance`) as field ids of these forms. */
function fieldErrors(error: VisibleError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues ?? [{ path: "", message: error.message }]) {
    const p = issue.path.split(".");
    let id = p[0] || "date";
    if (p[0] === "actionItems") id = `item-${p[1]}-${p[2] ?? "title"}`;
    if (p[0] === "attendance") id = "others";
    out[id] ??= issue.message;
  }
  return out;
}

meetings.get("/rapat", async (c) => {
  const v = await personView(c);
  const { t, names } = v;
  const today = LocalDate.at(v.now);
  const units = [...new Set(["gt", ...v.me.offices.map((o) => Directory.officeUnit(o))])];
  const pages = await Promise.all(
    units.map((unit) =>
      Meeting.list({ unit, from: today, limit: 50 }).catch(() => ({ items: [] })),
    ),
  );
  const list = pages
    .flatMap((p) => p.items)
    .sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  return render(
    v,
    t.meeting.list,
    <>
      <h1>{t.meeting.list}</h1>
      {mayConvene() ? (
        <p>
          <a class="button" href="/rapat/baru">
            {t.meeting.schedule}
          </a>
        </p>
      ) : null}
      <h2>{t.meeting.upcoming}</h2>
      {list.length === 0 ? (
        <p>{t.home.meetingsEmpty}</p>
      ) : (
        <ul class="tasks">
          {list.map((m) => (
            <li>
              <a href={`/rapat/${m.id}`}>{m.title}</a>
              <span>
                {longDate(m.date, t)} {clock(m.start, t)} WIB · {names.unit(m.unit)}{" "}
                <span class="tag">{t.meeting.status[m.status]}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

function ScheduleForm({ v, f, errors }: { v: View; f: Form; errors: FieldErrors }) {
  const { t, names } = v;
  return (
    <>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t.meeting.schedule}</h1>
      <form method="post" action="/rapat/baru" novalidate>
        <Csrf token={v.csrf} />
        <fieldset class={errors.kind ? "field error" : "field"} id="kind">
          <legend>{t.meeting.kind}</legend>
          {errors.kind ? <span class="message">{errors.kind}</span> : null}
          {KINDS.map((k) => (
            <div>
              <input
                type="radio"
                id={`kind-${k}`}
                name="kind"
                value={k}
                checked={(f.kind ?? "subtask") === k}
              />{" "}
              <label for={`kind-${k}`}>{t.meeting.kinds[k]}</label>
            </div>
          ))}
        </fieldset>
        <div class={errors.unit ? "field error" : "field"}>
          <label for="unit">{t.meeting.unit}</label>
          {errors.unit ? <span class="message">{errors.unit}</span> : null}
          <select id="unit" name="unit">
            {SUBTASK.map((u) => (
              <option value={u} selected={f.unit === u}>
                {names.unit(u)}
              </option>
            ))}
          </select>
        </div>
        <Field id="title" label={t.meeting.titleLabel} value={f.title} errors={errors} />
        <Field
          id="date"
          type="date"
          label={t.meeting.date}
          hint={t.meeting.dateHint}
          value={f.date}
          errors={errors}
        />
        <Field
          id="start"
          type="time"
          label={t.meeting.start}
          hint={t.meeting.timeHint}
          value={f.start}
          errors={errors}
        />
        <Field
          id="end"
          type="time"
          label={t.meeting.end}
          hint={t.meeting.timeHint}
          value={f.end}
          errors={errors}
        />
        <Field id="location" label={t.meeting.where} value={f.location} errors={errors} />
        <Field id="agenda" textarea label={t.meeting.agenda} value={f.agenda} errors={errors} />
        <button type="submit">{t.meeting.schedule}</button>
      </form>
    </>
  );
}

meetings.get("/rapat/baru", async (c) => {
  const v = await personView(c);
  Policy.require(mayConvene(), "meeting.not_allowed", "you may not call a meeting");
  const f: Form = { date: LocalDate.addDays(LocalDate.at(v.now), 7), start: "09:00", end: "11:00" };
  return render(v, v.t.meeting.schedule, <ScheduleForm v={v} f={f} errors={{}} />);
});

meetings.post("/rapat/baru", async (c) => {
  const v = await personView(c);
  const f = (await c.req.parseBody()) as Form;
  try {
    const m = await Meeting.schedule({
      kind: f.kind as Meeting.Kind,
      ...(f.kind === "subtask" ? { unit: f.unit } : {}),
      ...(f.title?.trim() ? { title: f.title.trim() } : {}),
      date: f.date ?? "",
      start: f.start ?? "",
      end: f.end ?? "",
      location: f.location ?? "",
      ...(f.agenda?.trim() ? { agenda: f.agenda.trim() } : {}),
    });
    return seeOther(c, `/rapat/${m.id}?selesai=jadwal`);
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "input") {
      return render(
        v,
        v.t.meeting.schedule,
        <ScheduleForm v={v} f={f} errors={fieldErrors(error)} />,
        400,
      );
    }
    throw error;
  }
});

/** The forms on a scheduled meeting's page, for those who manage it. */
export function ManageForms({
  v,
  m,
  f,
  errors,
}: {
  v: View;
  m: Meeting.Info;
  f: Form;
  errors: FieldErrors;
}) {
  const { t, names } = v;
  if (m.status !== "scheduled" || !mayManage(m)) return null;
  const version = <input type="hidden" name="version" value={String(m.version)} />;
  const items = [0, 1, 2];
  return (
    <>
      <ErrorSummary t={t} errors={errors} />
      <details open={Boolean(f.form === "jadwal-ulang")}>
        <summary>{t.meeting.reschedule}</summary>
        <form method="post" action={`/rapat/${m.id}/jadwal-ulang`} novalidate>
          <Csrf token={v.csrf} />
          {version}
          <Field
            id="date"
            type="date"
            label={t.meeting.date}
            value={f.date ?? m.date}
            errors={errors}
          />
          <Field
            id="start"
            type="time"
            label={t.meeting.start}
            value={f.start ?? m.start}
            errors={errors}
          />
          <Field
            id="end"
            type="time"
            label={t.meeting.end}
            value={f.end ?? m.end}
            errors={errors}
          />
          <Field
            id="reason"
            textarea
            rows={2}
            label={t.meeting.reason}
            value={f.reason}
            errors={errors}
          />
          <button type="submit">{t.meeting.reschedule}</button>
        </form>
      </details>
      <details open={Boolean(f.form === "batal")}>
        <summary>{t.meeting.cancel}</summary>
        <form method="post" action={`/rapat/${m.id}/batal`} novalidate>
          <Csrf token={v.csrf} />
          {version}
          <Field
            id="cancel-reason"
            name="reason"
            textarea
            rows={2}
            label={t.meeting.reason}
            value={f.reason}
            errors={errors}
          />
          <button type="submit" class="warning">
            {t.meeting.cancel}
          </button>
        </form>
      </details>
      <details open={Boolean(f.form === "catat")}>
        <summary>{t.meeting.hold}</summary>
        <form method="post" action={`/rapat/${m.id}/catat`} novalidate>
          <Csrf token={v.csrf} />
          {version}
          <Field
            id="heldOn"
            type="date"
            label={t.meeting.heldOn}
            value={f.heldOn ?? m.date}
            errors={errors}
          />
          <fieldset class="field">
            <legend>{t.meeting.present}</legend>
            {m.invitees.map((o, i) => (
              <div>
                <input type="checkbox" id={`present-${i}`} name="present" value={o} />{" "}
                <label for={`present-${i}`}>{names.office(o)}</label>
              </div>
            ))}
          </fieldset>
          <Field
            id="others"
            inputmode="numeric"
            label={t.meeting.others}
            value={f.others ?? "0"}
            errors={errors}
          />
          <Field
            id="decisions"
            textarea
            rows={4}
            label={t.meeting.decisions}
            hint={t.meeting.decisionsHint}
            value={f.decisions}
            errors={errors}
          />
          {items.map((i) => (
            <fieldset class="field">
              <legend>{t.meeting.item(i + 1)}</legend>
              <Field
                id={`item-${i}-title`}
                label={t.meeting.itemTitle}
                value={f[`item-${i}-title`]}
                errors={errors}
              />
              <div class="field">
                <label for={`item-${i}-office`}>{t.meeting.itemOffice}</label>
                <select id={`item-${i}-office`} name={`item-${i}-office`}>
                  {m.invitees.map((o) => (
                    <option value={o} selected={f[`item-${i}-office`] === o}>
                      {names.office(o)}
                    </option>
                  ))}
                </select>
              </div>
              <Field
                id={`item-${i}-due`}
                type="date"
                label={t.meeting.itemDue}
                value={f[`item-${i}-due`]}
                errors={errors}
              />
            </fieldset>
          ))}
          <button type="submit">{t.meeting.hold}</button>
        </form>
      </details>
    </>
  );
}

const DONE: Record<string, "scheduled" | "rescheduled" | "cancelledDone" | "held"> = {
  jadwal: "scheduled",
  "jadwal-ulang": "rescheduled",
  batal: "cancelledDone",
  catat: "held",
};

export function doneMessage(v: View, key: string | undefined): string | undefined {
  const k = key ? DONE[key] : undefined;
  return k ? v.t.meeting[k] : undefined;
}

meetings.post("/rapat/:id/:act", async (c) => {
  const v = await personView(c);
  const id = c.req.param("id");
  const act = c.req.param("act");
  const body = await c.req.parseBody({ all: true });
  const f: Form = {};
  for (const [k, val] of Object.entries(body)) f[k] = Array.isArray(val) ? "" : String(val);
  const present = ([] as unknown[]).concat(body.present ?? []).map(String);
  const version = Number(f.version);
  try {
    if (act === "jadwal-ulang") {
      await Meeting.reschedule({
        id,
        version,
        date: f.date ?? "",
        start: f.start ?? "",
        end: f.end ?? "",
        ...(f.reason?.trim() ? { reason: f.reason.trim() } : {}),
      });
    } else if (act === "batal") {
      await Meeting.cancel({ id, version, reason: (f.reason ?? "").trim() });
    } else if (act === "catat") {
      const actionItems = [0, 1, 2]
        .filter((i) => f[`item-${i}-title`]?.trim())
        .map((i) => ({
          title: (f[`item-${i}-title`] ?? "").trim(),
          office: f[`item-${i}-office`] ?? "",
          due: f[`item-${i}-due`] ?? "",
        }));
      const others = Number(f.others ?? "0");
      await Meeting.hold({
        id,
        version,
        ...(f.heldOn ? { heldOn: f.heldOn } : {}),
        attendance: {
          offices: present,
          people: [],
          others: Number.isInteger(others) ? others : -1,
        },
        decisions: (f.decisions ?? "")
          .split(/\r?\n/)
          .map((d) => d.trim())
          .filter(Boolean),
        actionItems,
      });
    } else throw new VisibleError("not-found", "route.not_found", "no such action");
  } catch (error) {
    if (!(error instanceof VisibleError)) throw error;
    if (error.kind !== "input" && error.code !== "version.stale" && !error.code.endsWith("stale"))
      throw error;
    const errors =
      error.kind === "input"
        ? fieldErrors(error)
        : { date: v.t.errors.stale(v.t.errors.someoneElse) };
    if (act === "batal" && errors.reason) errors["cancel-reason"] = errors.reason;
    if (act === "batal") delete errors.reason;
    return meetingPage(
      v,
      id,
      { ...f, form: act },
      errors,
      undefined,
      error.kind === "input" ? 400 : 409,
    );
  }
  return seeOther(c, `/rapat/${id}?selesai=${act}`);
});

async function meetingPage(
  v: View,
  id: string,
  f: Form,
  errors: FieldErrors,
  done: string | undefined,
  status: 200 | 400 | 409 = 200,
) {
  const { t, names } = v;
  const m = await Meeting.fromID({ id });
  return render(
    v,
    m.title,
    <>
      {done ? <Panel title={done} /> : null}
      <h1>{m.title}</h1>
      <Summary
        rows={
          [
            [t.report.statusLabel, <span class="tag">{t.meeting.status[m.status]}</span>],
            [t.meeting.when, `${longDate(m.date, t)}, ${clock(m.start, t)}–${clock(m.end, t)} WIB`],
            [t.meeting.where, m.location],
            [t.report.unit, names.unit(m.unit)],
            [t.report.basis, `${m.article} (Perbup Sambas 8/2016)`],
            [t.meeting.invitees, m.invitees.map((o) => names.office(o)).join("; ")],
            ...(m.cancellation
              ? ([[t.meeting.cancelled, m.cancellation.reason]] as [string, string][])
              : []),
          ] as [string, string][]
        }
      />
      <h2>{t.meeting.agenda}</h2>
      <p class="section-text">{m.agenda || t.meeting.none}</p>
      {m.minutes ? (
        <>
          <h2>{t.meeting.minutes}</h2>
          <h3>{t.meeting.decisions}</h3>
          {m.minutes.decisions.length === 0 ? (
            <p>{t.meeting.none}</p>
          ) : (
            <ul>
              {m.minutes.decisions.map((d) => (
                <li>{d}</li>
              ))}
            </ul>
          )}
          <h3>{t.meeting.actionItems}</h3>
          {m.minutes.actionItems.length === 0 ? (
            <p>{t.meeting.none}</p>
          ) : (
            <ul>
              {m.minutes.actionItems.map((a) => (
                <li>
                  <a href={`/tugas/${a.task}`}>{a.title}</a> — {names.office(a.office)},{" "}
                  {shortDate(a.due, t)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <ManageForms v={v} m={m} f={f} errors={errors} />
    </>,
    status,
  );
}

meetings.get("/rapat/:id", async (c) => {
  const v = await personView(c);
  return meetingPage(v, c.req.param("id"), {}, {}, doneMessage(v, c.req.query("selesai")));
});
