/** @jsxImportSource hono/jsx */
/**
 * Meetings: the list; scheduling (`/rapat/baru`) with a check of whom the invitation reaches
 * before it is sent (and every invited office nobody holds, who would get none); recording a
 * meeting that already took place, without invitations (`/rapat/catat`); and on a meeting's page
 * rescheduling and cancelling with a reason, and recording it held (attendance, decisions,
 * action items that become tasks). Forms are shown only to those core lets act.
 */

import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { VisibleError } from "@tenggat/core/error";
import { Meeting } from "@tenggat/core/meeting";
import { Policy } from "@tenggat/core/policy";
import { type Context, Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { clock, longDate, shortDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors, Panel, Summary } from "./layout.tsx";

export const meetings = new Hono();

const KINDS = ["subtask", "special", "taskforce", "workshop"] as const;
const SUBTASK = ["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"];
type Form = Record<string, string>;
type Label = (office: string) => string;

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
          <a class="button secondary" href="/rapat/catat">
            {t.meeting.recordPast}
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

/** Kind and sub-task-force of a meeting to schedule or record. */
function KindFields({ v, f, errors }: { v: View; f: Form; errors: FieldErrors }) {
  const { t, names } = v;
  return (
    <>
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
    </>
  );
}

/** Date, start and end: scheduling, rescheduling and recording a meeting. */
function WhenFields(p: { v: View; f: Form; errors: FieldErrors; dateHint?: string }) {
  const { t } = p.v;
  return (
    <>
      <Field
        id="date"
        type="date"
        label={t.meeting.date}
        hint={p.dateHint}
        value={p.f.date}
        errors={p.errors}
      />
      <Field
        id="start"
        type="time"
        label={t.meeting.start}
        hint={t.meeting.timeHint}
        value={p.f.start}
        errors={p.errors}
      />
      <Field
        id="end"
        type="time"
        label={t.meeting.end}
        hint={t.meeting.timeHint}
        value={p.f.end}
        errors={p.errors}
      />
    </>
  );
}

/** What a meeting is: kind, unit, title, when (a weekend or holiday on purpose), where, agenda. */
function MeetingFields(p: { v: View; f: Form; errors: FieldErrors; dateHint: string }) {
  const { t } = p.v;
  return (
    <>
      <KindFields v={p.v} f={p.f} errors={p.errors} />
      <Field id="title" label={t.meeting.titleLabel} value={p.f.title} errors={p.errors} />
      <WhenFields v={p.v} f={p.f} errors={p.errors} dateHint={p.dateHint} />
      <div class="field">
        <input
          type="checkbox"
          id="nonWorkingDay"
          name="nonWorkingDay"
          value="1"
          checked={p.f.nonWorkingDay === "1"}
        />{" "}
        <label for="nonWorkingDay">{t.meeting.nonWorkingDay}</label>
      </div>
      <Field id="location" label={t.meeting.where} value={p.f.location} errors={p.errors} />
      <Field id="agenda" textarea label={t.meeting.agenda} value={p.f.agenda} errors={p.errors} />
    </>
  );
}

const ITEMS = [0, 1, 2];

/** Attendance, decisions and up to three action items (each becomes a task of its office). */
function MinutesFields(p: {
  v: View;
  f: Form;
  errors: FieldErrors;
  /** The offices one may tick as present and give an action item to. */
  offices: readonly string[];
  present: readonly string[];
  label: Label;
}) {
  const { t } = p.v;
  const { f, errors, label } = p;
  return (
    <>
      <fieldset class="field">
        <legend>{t.meeting.present}</legend>
        {p.offices.map((o, i) => (
          <div>
            <input
              type="checkbox"
              id={`present-${i}`}
              name="present"
              value={o}
              checked={p.present.includes(o)}
            />{" "}
            <label for={`present-${i}`}>{label(o)}</label>
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
      {ITEMS.map((i) => (
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
              {p.offices.map((o) => (
                <option value={o} selected={f[`item-${i}-office`] === o}>
                  {label(o)}
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
    </>
  );
}

/** The minutes a form carries, as core takes them (an unreadable count is core's 400). */
function minutesOf(f: Form, present: string[]) {
  const others = Number(f.others ?? "0");
  return {
    attendance: { offices: present, people: [], others: Number.isInteger(others) ? others : -1 },
    decisions: (f.decisions ?? "")
      .split(/\r?\n/)
      .map((d) => d.trim())
      .filter(Boolean),
    actionItems: ITEMS.filter((i) => f[`item-${i}-title`]?.trim()).map((i) => ({
      title: (f[`item-${i}-title`] ?? "").trim(),
      office: f[`item-${i}-office`] ?? "",
      due: f[`item-${i}-due`] ?? "",
    })),
  };
}

/** The meeting a form describes, as core's `schedule`, `invitation` and `record` take it. */
function meetingOf(f: Form) {
  return {
    kind: f.kind as Meeting.Kind,
    ...(f.kind === "subtask" ? { unit: f.unit } : {}),
    ...(f.title?.trim() ? { title: f.title.trim() } : {}),
    date: f.date ?? "",
    start: f.start ?? "",
    end: f.end ?? "",
    location: f.location ?? "",
    ...(f.agenda?.trim() ? { agenda: f.agenda.trim() } : {}),
    ...(f.nonWorkingDay === "1" ? { nonWorkingDay: true } : {}),
  };
}

/** A form's fields as strings, and its ticked `present` boxes as a list. */
async function formOf(c: Context): Promise<{ f: Form; present: string[] }> {
  const body = await c.req.parseBody({ all: true });
  const f: Form = {};
  for (const [k, val] of Object.entries(body)) f[k] = Array.isArray(val) ? "" : String(val);
  return { f, present: ([] as unknown[]).concat(body.present ?? []).map(String) };
}

/** The schedule form's fields, carried through the check step in hidden inputs. */
const SCHEDULE_FIELDS = [
  "kind",
  "unit",
  "title",
  "date",
  "start",
  "end",
  "nonWorkingDay",
  "location",
  "agenda",
];

function ScheduleForm({ v, f, errors }: { v: View; f: Form; errors: FieldErrors }) {
  const { t } = v;
  return (
    <>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t.meeting.schedule}</h1>
      <form method="post" action="/rapat/baru" novalidate>
        <Csrf token={v.csrf} />
        <MeetingFields v={v} f={f} errors={errors} dateHint={t.meeting.dateHint} />
        <button type="submit">{t.meeting.schedule}</button>
      </form>
      <p>
        <a href="/rapat/catat">{t.meeting.recordPast}</a>
      </p>
    </>
  );
}

/** "Check before you send": who the invitation reaches, and every office nobody holds. */
function CheckInvitation({
  v,
  f,
  inv,
  label,
}: {
  v: View;
  f: Form;
  inv: Meeting.Invitation;
  label: Label;
}) {
  const { t, names } = v;
  const hidden = SCHEDULE_FIELDS.filter((k) => f[k] !== undefined).map((k) => (
    <input type="hidden" name={k} value={f[k]} />
  ));
  const when = `${longDate(f.date ?? "", t)}, ${clock(f.start ?? "", t)}–${clock(f.end ?? "", t)} WIB`;
  const rows: [string, string][] = [[t.meeting.kind, t.meeting.kinds[f.kind ?? ""] ?? ""]];
  if (f.kind === "subtask") rows.push([t.report.unit, names.unit(f.unit ?? "")]);
  rows.push([t.meeting.when, when], [t.meeting.where, f.location ?? ""]);
  return (
    <>
      <h1>{t.meeting.checkTitle}</h1>
      <Summary rows={rows} />
      {inv.unreached.length > 0 ? (
        <div class="warning-text">
          <h2>{t.meeting.unreachedTitle}</h2>
          <ul>
            {inv.unreached.map((o) => (
              <li>{label(o)}</li>
            ))}
          </ul>
          <p class="hint">{t.meeting.unreachedHint}</p>
        </div>
      ) : null}
      <h2>{t.meeting.invitedPeople}</h2>
      <p>{t.meeting.checkLead}</p>
      {inv.people.length === 0 ? (
        <p>{t.meeting.nobodyInvited}</p>
      ) : (
        <ul class="tasks">
          {inv.people.map((p) => (
            <li>
              <span>{p.name}</span>
              <span>{p.offices.map(label).join("; ")}</span>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/rapat/baru" class="inline-form">
        <Csrf token={v.csrf} />
        {hidden}
        <input type="hidden" name="langkah" value="kirim" />
        <button type="submit">{t.meeting.confirm}</button>
      </form>
      <form method="post" action="/rapat/baru" class="inline-form">
        <Csrf token={v.csrf} />
        {hidden}
        <input type="hidden" name="langkah" value="ubah" />
        <button type="submit" class="secondary">
          {t.meeting.change}
        </button>
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

/**
 * The schedule form's answers: first the check of whom the invitation reaches (nothing stored
 * or sent), then, confirmed (`langkah=kirim`), the meeting is scheduled and invitations go out.
 */
meetings.post("/rapat/baru", async (c) => {
  const v = await personView(c);
  const { f } = await formOf(c);
  if (f.langkah === "ubah") {
    return render(v, v.t.meeting.schedule, <ScheduleForm v={v} f={f} errors={{}} />);
  }
  try {
    if (f.langkah === "kirim") {
      const m = await Meeting.schedule(meetingOf(f));
      return seeOther(c, `/rapat/${m.id}?selesai=jadwal`);
    }
    const [inv, label] = await Promise.all([Meeting.invitation(meetingOf(f)), officeLabels(v)]);
    return render(
      v,
      v.t.meeting.checkTitle,
      <CheckInvitation v={v} f={f} inv={inv} label={label} />,
    );
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

/** Every office of the task force: who may be ticked present at a meeting recorded afterwards. */
async function allOffices(tenant: string): Promise<string[]> {
  const { offices } = await Directory.cachedOrganisation(tenant);
  return offices.map((o) => o.code);
}

/**
 * An office as a person tells it apart: its title, and the government position that holds it
 * (L-I) — the members of a sub-task-force share one title ("Anggota Sub Gugus Tugas A").
 */
async function officeLabels(v: View): Promise<Label> {
  const { offices } = v.me ? await Directory.cachedOrganisation(v.me.tenant) : { offices: [] };
  const heldBy = new Map(offices.map((o) => [o.code, o.heldBy]));
  return (code) => {
    const title = v.names.office(code);
    const by = heldBy.get(code);
    return by && !title.includes(by) ? `${title} (${by})` : title;
  };
}

function RecordForm(p: {
  v: View;
  f: Form;
  errors: FieldErrors;
  offices: readonly string[];
  present: readonly string[];
  label: Label;
}) {
  const { t } = p.v;
  return (
    <>
      <ErrorSummary t={t} errors={p.errors} />
      <h1>{t.meeting.recordPast}</h1>
      <p class="lead">{t.meeting.recordLead}</p>
      <form method="post" action="/rapat/catat" novalidate>
        <Csrf token={p.v.csrf} />
        <MeetingFields v={p.v} f={p.f} errors={p.errors} dateHint={t.meeting.recordDateHint} />
        <MinutesFields
          v={p.v}
          f={p.f}
          errors={p.errors}
          offices={p.offices}
          present={p.present}
          label={p.label}
        />
        <button type="submit">{t.meeting.recordPast}</button>
      </form>
    </>
  );
}

meetings.get("/rapat/catat", async (c) => {
  const v = await personView(c);
  Policy.require(mayConvene(), "meeting.not_allowed", "you may not record a meeting");
  const f: Form = { date: LocalDate.at(v.now), start: "09:00", end: "11:00" };
  const [offices, label] = await Promise.all([allOffices(v.me.tenant), officeLabels(v)]);
  return render(
    v,
    v.t.meeting.recordPast,
    <RecordForm v={v} f={f} errors={{}} offices={offices} present={[]} label={label} />,
  );
});

meetings.post("/rapat/catat", async (c) => {
  const v = await personView(c);
  const { f, present } = await formOf(c);
  try {
    const { meeting } = await Meeting.record({ ...meetingOf(f), ...minutesOf(f, present) });
    return seeOther(c, `/rapat/${meeting.id}?selesai=dicatat`);
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "input") {
      const [offices, label] = await Promise.all([allOffices(v.me.tenant), officeLabels(v)]);
      const errors = fieldErrors(error);
      return render(
        v,
        v.t.meeting.recordPast,
        <RecordForm
          v={v}
          f={f}
          errors={errors}
          offices={offices}
          present={present}
          label={label}
        />,
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
  present = [],
  label,
}: {
  v: View;
  m: Meeting.Info;
  f: Form;
  errors: FieldErrors;
  present?: readonly string[];
  label: Label;
}) {
  const { t } = v;
  if (m.status !== "scheduled" || !mayManage(m)) return null;
  const version = <input type="hidden" name="version" value={String(m.version)} />;
  return (
    <>
      <ErrorSummary t={t} errors={errors} />
      <details open={Boolean(f.form === "jadwal-ulang")}>
        <summary>{t.meeting.reschedule}</summary>
        <form method="post" action={`/rapat/${m.id}/jadwal-ulang`} novalidate>
          <Csrf token={v.csrf} />
          {version}
          <WhenFields
            v={v}
            f={{ date: f.date ?? m.date, start: f.start ?? m.start, end: f.end ?? m.end }}
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
          <MinutesFields
            v={v}
            f={f}
            errors={errors}
            offices={m.invitees}
            present={present}
            label={label}
          />
          <button type="submit">{t.meeting.hold}</button>
        </form>
      </details>
    </>
  );
}

const DONE: Record<string, "scheduled" | "rescheduled" | "cancelledDone" | "held" | "recorded"> = {
  jadwal: "scheduled",
  "jadwal-ulang": "rescheduled",
  batal: "cancelledDone",
  catat: "held",
  dicatat: "recorded",
};

export function doneMessage(v: View, key: string | undefined): string | undefined {
  const k = key ? DONE[key] : undefined;
  return k ? v.t.meeting[k] : undefined;
}

meetings.post("/rapat/:id/:act", async (c) => {
  const v = await personView(c);
  const id = c.req.param("id");
  const act = c.req.param("act");
  const { f, present } = await formOf(c);
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
      await Meeting.hold({
        id,
        version,
        ...(f.heldOn ? { heldOn: f.heldOn } : {}),
        ...minutesOf(f, present),
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
      present,
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
  present: readonly string[] = [],
) {
  const { t, names } = v;
  const [m, label] = await Promise.all([Meeting.fromID({ id }), officeLabels(v)]);
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
            [t.meeting.invitees, m.invitees.map(label).join("; ")],
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
      <ManageForms v={v} m={m} f={f} errors={errors} present={present} label={label} />
    </>,
    status,
  );
}

meetings.get("/rapat/:id", async (c) => {
  const v = await personView(c);
  return meetingPage(v, c.req.param("id"), {}, {}, doneMessage(v, c.req.query("selesai")));
});
