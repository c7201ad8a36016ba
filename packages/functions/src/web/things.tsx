/** @jsxImportSource hono/jsx */
/**
 * The pages mails link to besides reports: an obligation instance (`/kewajiban/<id>`), a
 * task (`/tugas/<id>`, with accept and complete), my tasks (`/tugas`).
 * Each reads through the same core function as the API, so what the API refuses, the page does.
 */
import { Actor } from "@tenggat/core/actor";
import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { VisibleError } from "@tenggat/core/error";
import { Obligation } from "@tenggat/core/obligation";
import { Policy } from "@tenggat/core/policy";
import { Report } from "@tenggat/core/report";
import { Task } from "@tenggat/core/task";
import { Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { instant, longDate, period, shortDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors, Summary } from "./layout.tsx";
import { DueTag, TaskList } from "./parts.tsx";

export const things = new Hono();

async function officeCodes(v: View): Promise<string[]> {
  const { offices } = await Directory.cachedOrganisation(v.me?.tenant ?? "");
  return offices.map((o) => o.code);
}

/** The page of what satisfied an obligation, where it has one. */
function satisfiedHref(by: { kind: string; id: string }): string | undefined {
  if (by.kind === "report") return `/laporan/${by.id}`;
  if (by.kind === "meeting") return `/rapat/${by.id}`;
  if (by.kind === "submission") return `/kiriman/${by.id.split("@")[0]}`;
  if (by.kind === "settings") return "/pengaturan";
  return undefined;
}

things.get("/kewajiban/:id", async (c) => {
  const v = await personView(c);
  const { t, names } = v;
  const id = c.req.param("id");
  const found = await Obligation.get(v.me.tenant, id);
  if (!found) throw new VisibleError("not-found", "obligation.not_found", `no obligation ${id}`);
  const o = Obligation.view(found, LocalDate.at(v.now));
  const report = Report.REPORT_OBLIGATIONS.has(o.obligation)
    ? await Report.ofInstance(v.me.tenant, o.id)
    : undefined;
  const title = t.lang === "en" ? o.title.en : o.title.id;
  return render(
    v,
    title,
    <>
      <h1>
        {title} — {period(o.period, t)}
      </h1>
      <Summary
        rows={
          [
            [t.report.unit, names.unit(o.unit)],
            [t.report.owner, names.office(o.owner)],
            [
              t.report.due,
              <>
                {longDate(o.due, t)} <DueTag t={t} view={o} />
              </>,
            ],
            [t.obligation.window, `${shortDate(o.windowStart, t)} – ${shortDate(o.windowEnd, t)}`],
            [
              t.report.basis,
              `${o.article} (Perbup Sambas 8/2016) — ${t.obligation.basis[o.basis] ?? o.basis}`,
            ],
            ...(o.satisfiedBy
              ? ([
                  [
                    t.obligation.satisfiedBy,
                    satisfiedHref(o.satisfiedBy) ? (
                      <a href={satisfiedHref(o.satisfiedBy)}>{shortDate(o.satisfiedBy.on, t)}</a>
                    ) : (
                      shortDate(o.satisfiedBy.on, t)
                    ),
                  ],
                ] as [string, unknown][])
              : []),
            ...(o.waiver ? ([[t.obligation.waiver, o.waiver.reason]] as [string, string][]) : []),
          ] as [string, string][]
        }
      />
      {report ? (
        <p>
          <a class="button" href={`/laporan/${report.id}`}>
            {t.report.open}
          </a>
        </p>
      ) : null}
      {o.status === "open" && o.obligation === "holiday-list" && Policy.isSecretariat() ? (
        <p>
          <a class="button" href={`/pengaturan?tahun=${o.period}#libur`}>
            {t.settings.enterList(o.period)}
          </a>
        </p>
      ) : null}
      {o.obligation === "national-submission" ? (
        <p>
          <a href="/kiriman">{t.submissions.title}</a>
        </p>
      ) : null}
      {!report &&
      Report.REPORT_OBLIGATIONS.has(o.obligation) &&
      o.status !== "waived" &&
      (Policy.actsAs(o.owner) || Policy.leads(o.unit)) ? (
        <form method="post" action={`/kewajiban/${encodeURIComponent(o.id)}/laporan`}>
          <Csrf token={v.csrf} />
          <button type="submit">{t.report.create}</button>
        </form>
      ) : null}
    </>,
  );
});

/** Starts the report an obligation instance is owed (idempotent in core: a second gets 409). */
things.post("/kewajiban/:id/laporan", async (c) => {
  await personView(c);
  const instance = c.req.param("id");
  try {
    const r = await Report.create({ instance });
    return seeOther(c, `/laporan/${r.id}/ubah`);
  } catch (error) {
    if (error instanceof VisibleError && error.code === "report.exists") {
      const existing = await Report.ofInstance(Actor.tenant(), instance);
      if (existing) return seeOther(c, `/laporan/${existing.id}`);
    }
    throw error;
  }
});

function TaskPage(p: {
  v: View;
  x: Task.Info;
  errors: FieldErrors;
  note?: string;
  done?: string;
  offices: string[];
}) {
  const { v, x, errors } = p;
  const { t, names } = v;
  const mine = Policy.actsAs(x.office);
  const open = x.status === "assigned" || x.status === "accepted";
  // Core's rule for reassign: the secretariat to any office; the assignee or the unit's leaders
  // within the unit.
  const secretariat = Policy.isSecretariat();
  const mayReassign = open && (secretariat || mine || Policy.leads(x.unit));
  const targets = p.offices.filter(
    (o) => o !== x.office && (secretariat || Directory.officeUnit(o) === x.unit),
  );
  return (
    <>
      {p.done ? (
        <div class="panel" role="status">
          <h1>{p.done}</h1>
        </div>
      ) : null}
      <ErrorSummary t={t} errors={errors} />
      <h1>{x.title}</h1>
      <Summary
        rows={
          [
            [t.report.statusLabel, <span class="tag">{t.task.status[x.status]}</span>],
            [t.task.office, names.office(x.office)],
            [t.task.due, longDate(x.due, t)],
            [t.task.description, x.description ?? "—"],
            ...(x.source.kind === "meeting"
              ? ([
                  [t.meeting.title, <a href={`/rapat/${x.source.meetingId}`}>{t.meeting.title}</a>],
                ] as [string, unknown][])
              : []),
            ...(x.completion
              ? ([[t.task.outcome, `${x.completion.note} (${instant(x.completion.at, t)})`]] as [
                  string,
                  string,
                ][])
              : []),
          ] as [string, string][]
        }
      />
      {mine && x.status === "assigned" ? (
        <form method="post" action={`/tugas/${x.id}/terima`}>
          <Csrf token={v.csrf} />
          <input type="hidden" name="version" value={String(x.version)} />
          <button type="submit">{t.task.accept}</button>
        </form>
      ) : null}
      {mine && x.status === "accepted" ? (
        <form method="post" action={`/tugas/${x.id}/selesai`} novalidate>
          <Csrf token={v.csrf} />
          <input type="hidden" name="version" value={String(x.version)} />
          <Field
            id="note"
            textarea
            label={t.task.outcome}
            hint={t.task.outcomeHint}
            value={p.note}
            errors={errors}
          />
          <button type="submit">{t.task.complete}</button>
        </form>
      ) : null}
      {mayReassign && targets.length > 0 ? (
        <details open={Boolean(errors.reason || errors.office)}>
          <summary>{t.task.reassign}</summary>
          <form method="post" action={`/tugas/${x.id}/alihkan`} novalidate>
            <Csrf token={v.csrf} />
            <input type="hidden" name="version" value={String(x.version)} />
            <div class="field">
              <label for="office">{t.task.reassignTo}</label>
              <select id="office" name="office">
                {targets.map((o) => (
                  <option value={o}>{names.office(o)}</option>
                ))}
              </select>
            </div>
            <Field id="reason" textarea rows={2} label={t.task.reassignReason} errors={errors} />
            <button type="submit" class="secondary">
              {t.task.reassign}
            </button>
          </form>
        </details>
      ) : null}
    </>
  );
}

things.get("/tugas/:id", async (c) => {
  const v = await personView(c);
  const x = await Task.fromID({ id: c.req.param("id") });
  const done = c.req.query("selesai");
  const message =
    done === "terima"
      ? v.t.task.accepted
      : done === "selesai"
        ? v.t.task.completed
        : done === "alihkan"
          ? v.t.task.reassigned
          : undefined;
  const offices = await officeCodes(v);
  return render(v, x.title, <TaskPage v={v} x={x} errors={{}} done={message} offices={offices} />);
});

things.post("/tugas/:id/:act", async (c) => {
  const v = await personView(c);
  const id = c.req.param("id");
  const act = c.req.param("act");
  const f = (await c.req.parseBody()) as Record<string, string>;
  const version = Number(f.version);
  const note = (f.note ?? "").trim();
  const again = async (errors: FieldErrors, status: 400 | 409) => {
    const x = await Task.fromID({ id });
    const offices = await officeCodes(v);
    return render(
      v,
      x.title,
      <TaskPage v={v} x={x} errors={errors} note={note} offices={offices} />,
      status,
    );
  };
  try {
    if (act === "terima") await Task.accept({ id, version });
    else if (act === "selesai") {
      if (!note) return again({ note: v.t.task.outcomeHint }, 400);
      await Task.complete({ id, version, note });
    } else if (act === "alihkan") {
      await Task.reassign({ id, version, office: f.office ?? "", reason: (f.reason ?? "").trim() });
    } else throw new VisibleError("not-found", "route.not_found", "no such action");
  } catch (error) {
    if (error instanceof VisibleError && act === "alihkan" && error.kind === "input") {
      return again({ reason: error.message }, 400);
    }
    if (error instanceof VisibleError && error.code === "version.stale") {
      return again({ note: v.t.errors.stale(v.t.errors.someoneElse) }, 409);
    }
    if (error instanceof VisibleError && error.kind === "input") {
      return again({ note: error.message }, 400);
    }
    throw error;
  }
  return seeOther(c, `/tugas/${id}?selesai=${act}`);
});

things.get("/tugas", async (c) => {
  const v = await personView(c);
  const { t, names } = v;
  const pages = await Promise.all(
    v.me.offices.map((office) => Task.byOffice({ office, limit: 100 })),
  );
  const tasks = pages.flatMap((p) => p.items).sort((a, b) => a.due.localeCompare(b.due));
  return render(
    v,
    t.task.mine,
    <>
      <h1>{t.task.mine}</h1>
      {tasks.length === 0 ? (
        <p>{t.home.tasksEmpty}</p>
      ) : (
        <TaskList t={t} tasks={tasks} office={names.office} />
      )}
    </>,
  );
});
