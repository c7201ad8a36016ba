/** @jsxImportSource hono/jsx */
/**
 * `/` per person: what waits for me (the approval queue), my units' obligations due soon or
 * overdue, my tasks, my next meetings — each line a link to its page.
 */
import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { Meeting } from "@tenggat/core/meeting";
import { Obligation } from "@tenggat/core/obligation";
import { Report } from "@tenggat/core/report";
import { Task } from "@tenggat/core/task";
import { Hono } from "hono";
import { personView, render } from "./context.tsx";
import { clock, longDate, period, shortDate } from "./format.ts";
import { DueTag, TaskList } from "./parts.tsx";
import { periodLabel, waitingFor } from "./submissions.tsx";

export const home = new Hono();

/** How far ahead "due soon" looks (configured: the regulation is silent). */
export const SOON_DAYS = 30;

home.get("/", async (c) => {
  const v = await personView(c);
  const { t, me, names } = v;
  const today = LocalDate.at(v.now);
  const units = [...new Set(me.offices.map((o) => Directory.officeUnit(o)))];
  const [queue, obligations, tasks, meetings, packages] = await Promise.all([
    Report.queue({ limit: 20 }),
    Promise.all(
      units.map((unit) =>
        Obligation.byUnit(me.tenant, {
          unit,
          to: LocalDate.addDays(today, SOON_DAYS),
          limit: 200,
        }),
      ),
    ).then((pages) =>
      pages
        .flatMap((p) => p.items)
        .filter((o) => o.status === "open")
        .map((o) => Obligation.view(o, today))
        .sort((a, b) => a.due.localeCompare(b.due)),
    ),
    Promise.all(me.offices.map((office) => Task.byOffice({ office, limit: 50 }))).then((pages) =>
      pages
        .flatMap((p) => p.items)
        .filter((x) => x.status === "assigned" || x.status === "accepted")
        .sort((a, b) => a.due.localeCompare(b.due)),
    ),
    Promise.all(
      units.map((unit) =>
        Meeting.list({ unit, from: today, limit: 5 }).catch(() => ({ items: [] })),
      ),
    ).then((pages) =>
      pages
        .flatMap((p) => p.items)
        .filter((m) => m.status === "scheduled")
        .sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`))
        .slice(0, 8),
    ),
    waitingFor(me.tenant),
  ]);
  return render(
    v,
    t.home.title,
    <>
      <h1>{t.home.greeting(me.name)}</h1>
      <p>
        {t.home.offices}:{" "}
        {me.offices.length > 0
          ? me.offices.map((o) => names.office(o)).join("; ")
          : t.home.noOffice}
      </p>

      <h2>{t.home.queue}</h2>
      {queue.items.length === 0 ? (
        <p>{t.home.queueEmpty}</p>
      ) : (
        <ul class="tasks">
          {queue.items.map((q) => (
            <li>
              <a href={q.entity === "task" ? `/tugas/${q.id}` : `/laporan/${q.id}`}>{q.title}</a>
              <span class="tag yellow">
                {(q.action && t.action[q.action]) ?? q.action ?? ""} · {names.office(q.office)}
              </span>
            </li>
          ))}
        </ul>
      )}

      {packages.length > 0 ? (
        <>
          <h2>{t.submissions.waiting}</h2>
          <ul class="tasks">
            {packages.map((s) => (
              <li>
                <a href={`/kiriman/${s.id}`}>
                  {t.submissions.one}: {periodLabel(v, s)}
                </a>
                <span class="tag yellow">{t.submissions.approve}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t.home.obligations}</h2>
      {obligations.length === 0 ? (
        <p>{t.home.obligationsEmpty}</p>
      ) : (
        <ul class="tasks">
          {obligations.map((o) => (
            <li>
              <a href={`/kewajiban/${encodeURIComponent(o.id)}`}>
                {t.lang === "en" ? o.title.en : o.title.id} — {period(o.period, t)} ·{" "}
                {names.unit(o.unit)}
              </a>
              <span>
                {shortDate(o.due, t)} <DueTag t={t} view={o} />
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2>{t.home.tasks}</h2>
      {tasks.length === 0 ? <p>{t.home.tasksEmpty}</p> : <TaskList t={t} tasks={tasks} />}

      <h2>{t.home.meetings}</h2>
      {meetings.length === 0 ? (
        <p>{t.home.meetingsEmpty}</p>
      ) : (
        <ul class="tasks">
          {meetings.map((m) => (
            <li>
              <a href={`/rapat/${m.id}`}>{m.title}</a>
              <span>
                {longDate(m.date, t)} {clock(m.start, t)} WIB
              </span>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});
