/** @jsxImportSource hono/jsx */
/**
 * Reports: read (sections, RAD rows target vs actual, case counts, history), edit a draft,
 * and each transition — submit, return with comments, approve, forward, publish — through a
 * "check your answers" page, then a confirmation panel. A button is shown only when core would
 * allow the action (the same rules as `Report.*`, which check again on every POST).
 */
import { ActionPlan } from "@tenggat/core/actionplan";
import { VisibleError } from "@tenggat/core/error";
import { Policy } from "@tenggat/core/policy";
import { RAD } from "@tenggat/core/rad";
import { Report } from "@tenggat/core/report";
import { Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { instant, period, shortDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors, Panel, Summary } from "./layout.tsx";

export const reports = new Hono();

const SECTIONS = ["planning", "implementation", "organisation", "monitoring"] as const;
const CASES = Report.CASE_FIELDS;

/** The transitions, by the Indonesian path segment of their confirmation page. */
const ACTS = {
  ajukan: "submit",
  setujui: "approve",
  kembalikan: "return",
  teruskan: "forward",
  terbitkan: "publish",
} as const;
type Act = keyof typeof ACTS;
type Verb = (typeof ACTS)[Act];

/** What the current person may do on `r`: the rules `Report.*` enforce, read without writing. */
export function allowed(r: Report.Info): { edit: boolean; acts: Act[] } {
  if (!Policy.isSignedIn()) return { edit: false, acts: [] };
  const author = Policy.actsAs(r.owner) || Policy.leads(r.unit);
  const holder = Policy.actsAs(r.route[r.step] ?? "");
  const last = r.route[r.route.length - 1] ?? "";
  const acts: Act[] = [];
  if ((r.status === "draft" || r.status === "returned") && author) acts.push("ajukan");
  if ((r.status === "submitted" || r.status === "forwarded") && holder)
    acts.push("setujui", "kembalikan");
  if (r.status === "approved" && holder && r.step < r.route.length - 1) acts.push("teruskan");
  if (
    r.status === "approved" &&
    r.step === r.route.length - 1 &&
    r.copies.includes("ext:publik") &&
    (Policy.actsAs(last) || Policy.isSecretariat())
  )
    acts.push("terbitkan");
  return { edit: (r.status === "draft" || r.status === "returned") && author, acts };
}

async function rowsOf(tenant: string, r: Report.Info): Promise<RAD.Row[]> {
  if (!RAD.SubTaskForce.safeParse(r.unit).success) return [];
  const year = Number(r.period.slice(0, 4));
  const plans = await ActionPlan.all(tenant);
  const current = plans.filter((p) => p.periodStart <= year && year <= p.periodEnd);
  return (current.length > 0 ? current : plans).flatMap((p) => RAD.rowsForUnit(p, r.unit));
}

/** Who made the newest change, as "Name (Office)", for the stale-version message. */
async function lastChangedBy(v: View, id: string): Promise<string> {
  try {
    const trail = await Report.history(id, { limit: 200 });
    const e = trail.items.at(-1);
    if (!e) return v.t.errors.someoneElse;
    const office = e.actor.offices[0];
    return office ? `${e.actor.name} (${v.names.office(office)})` : e.actor.name;
  } catch {
    return v.t.errors.someoneElse;
  }
}

function ReportSummary({ v, r }: { v: View; r: Report.Info }) {
  const { t, names } = v;
  return (
    <Summary
      rows={[
        [t.report.statusLabel, <span class="tag">{t.report.status[r.status] ?? r.status}</span>],
        [t.report.unit, names.unit(r.unit)],
        [t.report.owner, names.office(r.owner)],
        [t.report.period, period(r.period, t)],
        [t.report.due, shortDate(r.due, t)],
        [t.report.basis, `${r.article} (Perbup Sambas 8/2016)`],
        ...(r.status === "submitted" || r.status === "forwarded" || r.status === "approved"
          ? ([[t.report.withOffice, names.office(r.route[r.step] ?? "")]] as [string, string][])
          : []),
      ]}
    />
  );
}

reports.get("/laporan/:id", async (c) => {
  const v = await personView(c);
  const { t, names } = v;
  const r = await Report.fromID(c.req.param("id"));
  const may = allowed(r);
  const [rows, history] = await Promise.all([
    rowsOf(v.me.tenant, r),
    Report.history(r.id, { limit: 200 }).catch(() => undefined),
  ]);
  const title = t.lang === "en" ? r.title.en : r.title.id;
  const done = c.req.query("selesai") as Act | undefined;
  const rowName = new Map(rows.map((row) => [row.id, row.activity]));
  return render(
    v,
    title,
    <>
      {done && ACTS[done] ? <Panel title={t.report.done[ACTS[done]] ?? ""} /> : null}
      {c.req.query("tersimpan") === "1" ? (
        <p class="notice" role="status">
          {t.report.saved}
        </p>
      ) : null}
      <h1>
        {title} — {period(r.period, t)}
      </h1>
      <ReportSummary v={v} r={r} />
      {r.status === "returned" && r.lastReturn ? (
        <div class="warning-text">
          <p>
            {t.report.lastReturn} ({names.office(r.lastReturn.office)},{" "}
            {instant(r.lastReturn.at, t)}):
          </p>
          <p class="section-text">{r.lastReturn.comments}</p>
        </div>
      ) : null}
      <div>
        {may.edit ? (
          <a class="button secondary" href={`/laporan/${r.id}/ubah`}>
            {t.report.edit}
          </a>
        ) : null}
        {may.acts.map((act) => (
          <a
            class={act === "kembalikan" ? "button secondary" : "button"}
            href={`/laporan/${r.id}/${act}`}
          >
            {t.report[ACTS[act]]}
          </a>
        ))}
      </div>
      {SECTIONS.map((s) => (
        <>
          <h2>{t.report.sections[s]}</h2>
          <p class="section-text">{r.content[s] || t.report.empty}</p>
        </>
      ))}
      <h2>{t.report.rad}</h2>
      {r.content.rad.length === 0 ? (
        <p>{t.report.noRad}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t.report.rad}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.report.radRow}</th>
                <th scope="col">
                  {t.report.process}: {t.report.target}
                </th>
                <th scope="col">
                  {t.report.process}: {t.report.actual}
                </th>
                <th scope="col">
                  {t.report.result}: {t.report.target}
                </th>
                <th scope="col">
                  {t.report.result}: {t.report.actual}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.content.rad.map((e) => (
                <tr>
                  <td>
                    {e.row}
                    {rowName.get(e.row) ? <span class="hint">{rowName.get(e.row)}</span> : null}
                  </td>
                  <td>{e.process.target ?? "—"}</td>
                  <td>{e.process.actual}</td>
                  <td>{e.result.target ?? "—"}</td>
                  <td>{e.result.actual}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h2>{t.report.cases}</h2>
      <Summary rows={CASES.map((f) => [t.report.caseFields[f] ?? f, String(r.content.cases[f])])} />
      <h2>{t.report.sections.narrative}</h2>
      <p class="section-text">{r.content.narrative || t.report.empty}</p>
      {r.approvals.length > 0 ? (
        <>
          <h2>{t.report.approvals}</h2>
          <ul>
            {r.approvals.map((a) => (
              <li>
                {names.office(a.office)} — {instant(a.at, t)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {history ? (
        <>
          <h2>{t.report.history}</h2>
          <ol>
            {history.items.map((e) => (
              <li>
                {t.audit.sentence(
                  e.actor.offices[0]
                    ? `${names.office(e.actor.offices[0])} (${e.actor.name})`
                    : e.actor.kind === "person"
                      ? e.actor.name
                      : t.audit.system,
                  t.audit.verbs[e.action] ?? e.action,
                  t.audit.report,
                  instant(e.at, t),
                )}
                {e.note ? <span class="hint section-text">“{e.note}”</span> : null}
              </li>
            ))}
          </ol>
          {v.me.secretariat ? (
            <p>
              <a href={`/riwayat/report/${r.id}`}>{t.report.history}</a>
            </p>
          ) : null}
        </>
      ) : null}
    </>,
  );
});

// ---------------------------------------------------------------------------------------------
// Editing a draft

type Form = Record<string, string>;

function formValues(r: Report.Info, rows: RAD.Row[]): Form {
  const f: Form = { version: String(r.version) };
  for (const s of [...SECTIONS, "narrative"] as const) f[s] = r.content[s];
  for (const k of CASES) f[`cases-${k}`] = String(r.content.cases[k]);
  rows.forEach((row, i) => {
    const e = r.content.rad.find((x) => x.row === row.id);
    f[`rad-${i}-process`] = e ? String(e.process.actual) : "";
    f[`rad-${i}-result`] = e ? String(e.result.actual) : "";
  });
  return f;
}

const measure = (s: string): number | string => (/^\d+(\.\d+)?$/.test(s) ? Number(s) : s);

/** The content a form describes, or the fields at fault (in the person's words). */
function contentOf(
  v: View,
  r: Report.Info,
  rows: RAD.Row[],
  f: Form,
): { content?: Report.Content; errors: FieldErrors; radIndex: number[] } {
  const errors: FieldErrors = {};
  const cases: Record<string, number> = {};
  for (const k of CASES) {
    const raw = (f[`cases-${k}`] ?? "").trim();
    if (raw === "") cases[k] = 0;
    else if (/^\d{1,9}$/.test(raw)) cases[k] = Number(raw);
    else errors[`cases-${k}`] = v.t.report.badCount;
  }
  const rad: Report.RadProgress[] = [];
  const radIndex: number[] = [];
  rows.forEach((row, i) => {
    const p = (f[`rad-${i}-process`] ?? "").trim();
    const q = (f[`rad-${i}-result`] ?? "").trim();
    if (!p && !q) return;
    if (!p || !q) {
      errors[p ? `rad-${i}-result` : `rad-${i}-process`] = v.t.report.radBoth;
      return;
    }
    const before = r.content.rad.find((x) => x.row === row.id);
    rad.push({
      row: row.id,
      process: { ...before?.process, actual: measure(p) } as Report.Indicator,
      result: { ...before?.result, actual: measure(q) } as Report.Indicator,
    });
    radIndex.push(i);
  });
  if (Object.keys(errors).length > 0) return { errors, radIndex };
  return {
    content: {
      planning: f.planning ?? "",
      implementation: f.implementation ?? "",
      organisation: f.organisation ?? "",
      monitoring: f.monitoring ?? "",
      narrative: f.narrative ?? "",
      cases: cases as Report.Cases,
      rad,
    },
    errors,
    radIndex,
  };
}

/** Core's issues (`content.cases.reported`, `content.rad.0.process.actual`) as field ids. */
function fieldErrors(error: VisibleError, radIndex: number[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues ?? [{ path: "", message: error.message }]) {
    const parts = issue.path.replace(/^content\./, "").split(".");
    let field = parts[0] || "planning";
    if (parts[0] === "cases" && parts[1]) field = `cases-${parts[1]}`;
    if (parts[0] === "rad") {
      const i = radIndex[Number(parts[1])] ?? 0;
      field = `rad-${i}-${parts[2] === "result" ? "result" : "process"}`;
    }
    out[field] ??= issue.message;
  }
  return out;
}

function EditForm(p: {
  v: View;
  r: Report.Info;
  rows: RAD.Row[];
  f: Form;
  errors: FieldErrors;
  stale?: string | undefined;
}) {
  const { t } = p.v;
  const { r, f, errors } = p;
  return (
    <>
      <ErrorSummary t={t} errors={errors} />
      {p.stale ? <div class="warning-text">{p.stale}</div> : null}
      <h1>
        {t.report.edit}: {t.lang === "en" ? r.title.en : r.title.id} — {period(r.period, t)}
      </h1>
      <p class="notice">{t.report.nikWarning}</p>
      <form method="post" action={`/laporan/${r.id}/ubah`} novalidate>
        <Csrf token={p.v.csrf} />
        <input type="hidden" name="version" value={f.version} />
        {SECTIONS.map((s) => (
          <Field id={s} textarea label={t.report.sections[s] ?? s} value={f[s]} errors={errors} />
        ))}
        <h2>{t.report.rad}</h2>
        {p.rows.length === 0 ? (
          <p>{t.report.noRad}</p>
        ) : (
          <>
            <p class="hint">{t.report.radHint}</p>
            {p.rows.map((row, i) => (
              <fieldset class="field">
                <legend>
                  {row.id}: {row.activity}
                </legend>
                <Field
                  id={`rad-${i}-process`}
                  label={`${t.report.process}: ${t.report.actual}`}
                  hint={`${t.report.target}: ${row.process.text}`}
                  value={f[`rad-${i}-process`]}
                  errors={errors}
                />
                <Field
                  id={`rad-${i}-result`}
                  label={`${t.report.result}: ${t.report.actual}`}
                  hint={`${t.report.target}: ${row.result.text}`}
                  value={f[`rad-${i}-result`]}
                  errors={errors}
                />
              </fieldset>
            ))}
          </>
        )}
        <h2>{t.report.cases}</h2>
        {CASES.map((k) => (
          <Field
            id={`cases-${k}`}
            inputmode="numeric"
            label={t.report.caseFields[k] ?? k}
            value={f[`cases-${k}`]}
            errors={errors}
          />
        ))}
        <Field
          id="narrative"
          textarea
          label={t.report.sections.narrative ?? "narrative"}
          value={f.narrative}
          errors={errors}
        />
        <button type="submit">{t.report.save}</button>
        <a class="button secondary" href={`/laporan/${r.id}`}>
          {t.report.cancel}
        </a>
      </form>
    </>
  );
}

async function editable(c: Parameters<typeof personView>[0]) {
  const v = await personView(c);
  const r = await Report.fromID(c.req.param("id") ?? "");
  Policy.require(
    allowed(r).edit,
    "report.not_editable",
    `report ${r.id} is ${r.status}; only its owner edits a draft or a returned report`,
  );
  return { v, r, rows: await rowsOf(v.me.tenant, r) };
}

reports.get("/laporan/:id/ubah", async (c) => {
  const { v, r, rows } = await editable(c);
  return render(
    v,
    v.t.report.edit,
    <EditForm v={v} r={r} rows={rows} f={formValues(r, rows)} errors={{}} />,
  );
});

reports.post("/laporan/:id/ubah", async (c) => {
  const { v, r, rows } = await editable(c);
  const f = (await c.req.parseBody()) as Form;
  const { content, errors, radIndex } = contentOf(v, r, rows, f);
  const again = (e: FieldErrors, status: 400 | 409, stale?: string) =>
    render(
      v,
      v.t.report.edit,
      <EditForm v={v} r={r} rows={rows} f={f} errors={e} stale={stale} />,
      status,
    );
  if (!content) return again(errors, 400);
  try {
    await Report.update({ id: r.id, version: Number(f.version), content });
  } catch (error) {
    if (!(error instanceof VisibleError)) throw error;
    if (error.code === "version.stale" || error.code === "report.preview_stale") {
      return again({}, 409, v.t.errors.stale(await lastChangedBy(v, r.id)));
    }
    if (error.kind === "input") return again(fieldErrors(error, radIndex), 400);
    throw error;
  }
  return seeOther(c, `/laporan/${r.id}?tersimpan=1`);
});

// ---------------------------------------------------------------------------------------------
// Transitions: check your answers, then do it

function ConfirmPage(p: {
  v: View;
  r: Report.Info;
  act: Act;
  errors: FieldErrors;
  stale?: string | undefined;
  version: number;
  comments?: string;
  /** For publishing: the public text with likely names and places marked, and its digest. */
  preview?: Awaited<ReturnType<typeof Report.publicationPreview>> | undefined;
}) {
  const { t } = p.v;
  const verb: Verb = ACTS[p.act];
  return (
    <>
      <ErrorSummary t={t} errors={p.errors} />
      {p.stale ? (
        <div class="warning-text">
          {p.stale} <a href={`/laporan/${p.r.id}`}>{t.errors.reload}</a>
        </div>
      ) : null}
      <h1>
        {t.report.confirmTitle}: {t.report[verb]}
      </h1>
      <ReportSummary v={p.v} r={p.r} />
      {p.preview ? <PublicText v={p.v} preview={p.preview} /> : null}
      <p>{t.report.confirmText[verb]}</p>
      <form method="post" action={`/laporan/${p.r.id}/${p.act}`} novalidate>
        <Csrf token={p.v.csrf} />
        <input type="hidden" name="version" value={String(p.version)} />
        {p.preview ? (
          <input type="hidden" name="confirmPreview" value={p.preview.confirmPreview} />
        ) : null}
        {verb === "return" ? (
          <Field
            id="comments"
            textarea
            label={t.report.comments}
            hint={t.report.commentsHint}
            value={p.comments}
            errors={p.errors}
          />
        ) : null}
        {verb === "approve" ? (
          <Field id="note" textarea label={t.report.note} value={p.comments} errors={p.errors} />
        ) : null}
        <button type="submit" class={verb === "publish" ? "warning" : undefined}>
          {t.report.confirm}: {t.report[verb]}
        </button>
        <a class="button secondary" href={`/laporan/${p.r.id}`}>
          {t.report.cancel}
        </a>
      </form>
    </>
  );
}

/**
 * What the public will read, with likely personal names, places and numbers marked: names cannot
 * be detected reliably, so the publisher reads and confirms this very text (SECURITY.md).
 */
function PublicText(p: {
  v: View;
  preview: NonNullable<Parameters<typeof ConfirmPage>[0]["preview"]>;
}) {
  const { t } = p.v;
  return (
    <section aria-labelledby="public-text">
      <h2 id="public-text">{t.report.publicText}</h2>
      <p class="hint">{t.report.publicTextHint(p.preview.highlighted)}</p>
      {p.preview.texts.map((x) => (
        <div class="public-text">
          <h3>{t.report.sections[x.path.replace(/^content\./, "")] ?? x.path}</h3>
          <p>{x.segments.map((seg) => (seg.highlight ? <mark>{seg.text}</mark> : seg.text))}</p>
        </div>
      ))}
    </section>
  );
}

function actOf(param: string | undefined): Act {
  if (param && param in ACTS) return param as Act;
  throw new VisibleError("not-found", "route.not_found", "no such action");
}

reports.get("/laporan/:id/:act", async (c) => {
  const v = await personView(c);
  const act = actOf(c.req.param("act"));
  const r = await Report.fromID(c.req.param("id"));
  Policy.require(allowed(r).acts.includes(act), "report.not_your_turn", v.t.report.notYours);
  const preview = ACTS[act] === "publish" ? await Report.publicationPreview(r.id) : undefined;
  return render(
    v,
    v.t.report.confirmTitle,
    <ConfirmPage v={v} r={r} act={act} errors={{}} version={r.version} preview={preview} />,
  );
});

reports.post("/laporan/:id/:act", async (c) => {
  const v = await personView(c);
  const act = actOf(c.req.param("act"));
  const id = c.req.param("id");
  const f = (await c.req.parseBody()) as Form;
  const version = Number(f.version);
  const comments = (f.comments ?? f.note ?? "").trim();
  const verb = ACTS[act];
  const again = async (errors: FieldErrors, status: 400 | 409, stale?: string) => {
    const r = await Report.fromID(id);
    const preview = verb === "publish" ? await Report.publicationPreview(id) : undefined;
    return render(
      v,
      v.t.report.confirmTitle,
      <ConfirmPage
        v={v}
        r={r}
        act={act}
        errors={errors}
        stale={stale}
        preview={preview}
        version={stale ? r.version : version}
        comments={comments}
      />,
      status,
    );
  };
  if (verb === "return" && !comments) return again({ comments: v.t.report.commentsRequired }, 400);
  try {
    if (verb === "submit") await Report.submit({ id, version });
    if (verb === "approve")
      await Report.approve({ id, version, ...(comments ? { note: comments } : {}) });
    if (verb === "return") await Report.returnForChanges({ id, version, comments });
    if (verb === "forward") await Report.forward({ id, version });
    if (verb === "publish")
      await Report.publish({ id, version, confirmPreview: String(f.confirmPreview ?? "") });
  } catch (error) {
    if (!(error instanceof VisibleError)) throw error;
    if (error.code === "version.stale") {
      return again({}, 409, v.t.errors.stale(await lastChangedBy(v, id)));
    }
    if (error.code === "report.incomplete") {
      const errors: FieldErrors = {};
      for (const issue of error.issues ?? []) {
        const section = issue.path.replace(/^content\./, "");
        errors[`/laporan/${id}/ubah#${section}`] =
          `${v.t.report.sections[section] ?? section}: ${v.t.report.incomplete}`;
      }
      return again(errors, 409);
    }
    if (error.kind === "input") {
      return again({ [verb === "approve" ? "note" : "comments"]: error.message }, 400);
    }
    throw error;
  }
  return seeOther(c, `/laporan/${id}?selesai=${act}`);
});
