/** @jsxImportSource hono/jsx */
/**
 * The reminder preview (issue 9 item 9), the secretariat's: what the daily job would mail on a
 * chosen date (`Reminder.preview`: the job's own planner and templates, nothing written or sent),
 * each mail readable as its recipient will see it. The mail's HTML is never put into a page: it
 * is served alone, under a CSP `sandbox` with no script (`/pratinjau-pengingat/<n>/html`).
 *
 * Locally (`npm start`, `AppOptions.localJobs`) the page also runs the real daily job for that
 * date on the embedded stores, so a newcomer can watch a season unfold in the mail viewer. On
 * Lambda the option is off: no button, and its route answers 404.
 */
import { Actor } from "@tenggat/core/actor";
import { LocalDate } from "@tenggat/core/date";
import { VisibleError } from "@tenggat/core/error";
import { Policy } from "@tenggat/core/policy";
import { Reminder } from "@tenggat/core/reminder";
import type { Context } from "hono";
import { Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { longDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, Panel, Summary } from "./layout.tsx";
import { LOCAL_JOBS } from "./paths.ts";

export const reminderPreview = new Hono();

const BASE = "/pratinjau-pengingat";

function localJobs(c: Context): boolean {
  return c.get(LOCAL_JOBS as never) === true;
}

/** The mail's HTML alone: no script, no plugin, no fetch; a unique origin; never framed. */
const MAIL_CSP = [
  "sandbox",
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

function secretariatOnly() {
  Policy.require(
    Policy.isSecretariat(),
    "reminder.preview_not_allowed",
    "only the secretariat may preview the reminders",
  );
}

/** The `tanggal` asked for, today when absent; `undefined` when it is not a date. */
function dateOf(c: Context, v: View): string | undefined {
  const asked = c.req.query("tanggal")?.trim();
  if (!asked) return LocalDate.at(v.now);
  return LocalDate.isValid(asked) ? asked : undefined;
}

const q = (date: string) => `?tanggal=${encodeURIComponent(date)}`;

function DateForm({ v, value, error }: { v: View; value: string; error?: string | undefined }) {
  const { t } = v;
  return (
    <form method="get" action={BASE} class="filters" novalidate>
      <Field
        id="tanggal"
        type="date"
        label={t.reminderPreview.date}
        hint={t.reminderPreview.dateHint}
        value={value}
        errors={error ? { tanggal: error } : {}}
      />
      <button type="submit" class="secondary">
        {t.reminderPreview.show}
      </button>
    </form>
  );
}

reminderPreview.get(BASE, async (c) => {
  const v = await personView(c);
  secretariatOnly();
  const { t, names } = v;
  const date = dateOf(c, v);
  if (!date) {
    const error = t.reminderPreview.badDate;
    return render(
      v,
      t.reminderPreview.title,
      <>
        <ErrorSummary t={t} errors={{ tanggal: error }} />
        <h1>{t.reminderPreview.title}</h1>
        <DateForm v={v} value={c.req.query("tanggal") ?? ""} error={error} />
      </>,
      400,
    );
  }
  const p = await Reminder.preview({ date });
  const ran = Number(c.req.query("dijalankan"));
  return render(
    v,
    t.reminderPreview.title,
    <>
      {c.req.query("dijalankan") !== undefined && Number.isInteger(ran) ? (
        <Panel title={t.reminderPreview.ran(longDate(date, t), ran)} />
      ) : null}
      <h1>{t.reminderPreview.title}</h1>
      <p class="lead">{t.reminderPreview.lead}</p>
      <DateForm v={v} value={date} />
      <h2>{longDate(date, t)}</h2>
      {!p.workingDay ? <p class="notice">{t.reminderPreview.nonWorking}</p> : null}
      {p.completed && p.since ? (
        <p class="notice">{t.reminderPreview.completed(longDate(p.since, t))}</p>
      ) : null}
      {p.incomplete ? <p class="notice">{t.reminderPreview.incomplete}</p> : null}
      {p.carried > 0 ? <p>{t.reminderPreview.carried(p.carried)}</p> : null}
      {p.mails.length === 0 ? (
        <p>{t.reminderPreview.none}</p>
      ) : (
        <>
          <p>{t.reminderPreview.count(p.mails.length)}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.reminderPreview.recipient}</th>
                  <th scope="col">{t.reminderPreview.subject}</th>
                  <th scope="col">{t.reminderPreview.kind}</th>
                  <th scope="col">{t.reminderPreview.status}</th>
                </tr>
              </thead>
              <tbody>
                {p.mails.map((m) => (
                  <tr>
                    <td>
                      {m.name}
                      <br />
                      <small>{m.offices.map((o) => names.office(o)).join("; ")}</small>
                    </td>
                    <td>
                      <a href={`${BASE}/${m.n}${q(date)}`}>{m.subject}</a>
                    </td>
                    <td>
                      <span class={m.kind === "escalation" ? "tag red" : "tag"}>
                        {t.reminderPreview.kinds[m.kind]}
                      </span>
                    </td>
                    <td>
                      <span class={m.status === "already" ? "tag grey" : "tag green"}>
                        {t.reminderPreview.statuses[m.status]}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {localJobs(c) ? (
        <form method="post" action={`${BASE}/jalankan`}>
          <Csrf token={v.csrf} />
          <input type="hidden" name="tanggal" value={date} />
          <p class="hint">{t.reminderPreview.runHint}</p>
          <button type="submit">{t.reminderPreview.run}</button>
        </form>
      ) : null}
    </>,
  );
});

/** The preview's mail number `n` of the date asked for, or a 404/400. */
async function mailOf(c: Context, v: View) {
  secretariatOnly();
  const date = dateOf(c, v);
  if (!date) throw new VisibleError("input", "input.invalid", v.t.reminderPreview.badDate);
  const n = Number(c.req.param("n"));
  const p = await Reminder.preview({ date });
  const mail = Number.isInteger(n) ? p.mails.find((m) => m.n === n) : undefined;
  if (!mail) throw new VisibleError("not-found", "reminder.preview_not_found", "no such mail");
  return { date, mail };
}

reminderPreview.get(`${BASE}/:n{[0-9]+}`, async (c) => {
  const v = await personView(c);
  const { t, names } = v;
  const { date, mail } = await mailOf(c, v);
  return render(
    v,
    mail.subject,
    <>
      <p>
        <a href={`${BASE}${q(date)}`}>{t.reminderPreview.back}</a>
      </p>
      <h1>{mail.subject}</h1>
      <Summary
        rows={[
          [t.reminderPreview.to, `${mail.name} <${mail.email}>`],
          [t.reminderPreview.recipient, mail.offices.map((o) => names.office(o)).join("; ")],
          [t.reminderPreview.date, longDate(date, t)],
          [t.reminderPreview.kind, t.reminderPreview.kinds[mail.kind] ?? mail.kind],
          [t.reminderPreview.status, t.reminderPreview.statuses[mail.status] ?? mail.status],
          [t.reminderPreview.items, String(mail.items.length)],
        ]}
      />
      {mail.deferred > 0 ? <p class="notice">{t.reminderPreview.deferred(mail.deferred)}</p> : null}
      <p>
        <a href={`${BASE}/${mail.n}/html${q(date)}`}>{t.reminderPreview.html}</a>
      </p>
      <h2>{t.reminderPreview.text}</h2>
      <pre class="section-text">{mail.text}</pre>
    </>,
  );
});

reminderPreview.get(`${BASE}/:n{[0-9]+}/html`, async (c) => {
  const v = await personView(c);
  const { mail } = await mailOf(c, v);
  c.header("content-security-policy", MAIL_CSP);
  c.header("cache-control", "no-store");
  return c.body(mail.html, 200, { "content-type": "text/html; charset=utf-8" });
});

reminderPreview.post(`${BASE}/jalankan`, async (c) => {
  if (!localJobs(c)) throw new VisibleError("not-found", "route.not_found", "no such page");
  const v = await personView(c);
  secretariatOnly();
  const form = await c.req.parseBody();
  const date = typeof form.tanggal === "string" ? form.tanggal.trim() : "";
  if (!LocalDate.isValid(date)) {
    throw new VisibleError("input", "input.invalid", `tanggal: ${v.t.reminderPreview.badDate}`);
  }
  const tenant = Actor.tenant();
  // The real job for that day, as the scheduler runs it at 08:00 WIB (it sets its own actor).
  const run = await Reminder.runOne(tenant, LocalDate.instant(date, "08:00"));
  if (!run.ok) throw new Error(`daily job failed for ${date}: ${run.error}`);
  const sent = run.digests.outcomes.sent ?? 0;
  return seeOther(c, `${BASE}${q(date)}&dijalankan=${sent}`);
});
