/** @jsxImportSource hono/jsx */
/**
 * `/kiriman` and `/kiriman/<id>`: the submission packages (issue 10) — each package's period,
 * version, state and delivery to each upstream (pending; delivered with the receipt; failed with
 * the last error); a package's summary, downloads and history; and the buttons its reader may
 * use, under the same rules as `/v1/submissions`: draft or rebuild (the Ketua Harian's office),
 * approve at the Ketua Harian's step and then the Ketua's (each in person), deliver.
 */
import { Actor } from "@tenggat/core/actor";
import { Audit } from "@tenggat/core/audit";
import { VisibleError } from "@tenggat/core/error";
import { Federation } from "@tenggat/core/federation";
import { Message } from "@tenggat/core/message";
import { Policy } from "@tenggat/core/policy";
import { Submission } from "@tenggat/core/submission";
import { Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { instant, shortDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors, Panel, Summary } from "./layout.tsx";

export const submissions = new Hono();

type Form = Record<string, string>;

/** Packages on one page of the list. */
export const PAGE_SIZE = 20;

const lang = (v: View) => (v.t.lang === "en" ? "en" : "id");

/** The Ketua Harian's office drafts and rebuilds packages (`Submission.draft`). */
const mayDraft = () => Policy.actsAs("gt.ketua-harian");
/** The Ketua Harian's office or the Ketua delivers (`Submission.markDelivering`). */
const mayDeliver = () => Policy.actsAs("gt.ketua-harian") || Policy.holds("gt.ketua");
/** The office of the package's step approves it, in person (`Submission.approve`). */
const mayApprove = (s: Submission.Info) =>
  (s.status === "draft" || s.status === "in-review") && Policy.holds(s.route[s.step] ?? "");
const deliverable = (s: Submission.Info) =>
  s.status === "approved" || s.status === "delivering" || s.status === "delivered";

function readable() {
  Policy.require(Submission.mayRead(), "submission.not_allowed", "sign in to read packages");
}

export function periodLabel(v: View, s: Submission.Info): string {
  return Message.Labels.period(s.period.id, lang(v));
}

function StatusTag({ v, s }: { v: View; s: Submission.Info }) {
  const { t, names } = v;
  const waiting =
    s.status === "draft" || s.status === "in-review"
      ? ` · ${t.submissions.waitsFor(names.office(s.route[s.step] ?? ""))}`
      : "";
  const colour =
    s.status === "delivered" ? "tag green" : s.status === "approved" ? "tag" : "tag yellow";
  return (
    <span class={colour}>
      {t.submissions.status[s.status] ?? s.status}
      {waiting}
    </span>
  );
}

function DeliveryLine({ v, d }: { v: View; d: Federation.Delivery }) {
  const { t } = v;
  if (d.state === "delivered" && d.receipt) {
    return (
      <>
        <span class="tag green">{t.submissions.delivery.delivered}</span>{" "}
        {t.submissions.receipt(d.receipt.id, instant(d.receipt.at, t))}
      </>
    );
  }
  if (d.state === "failed") {
    return (
      <>
        <span class="tag red">{t.submissions.delivery.failed}</span>{" "}
        {t.submissions.lastError(d.lastError ?? "—", d.attempts)}
      </>
    );
  }
  return (
    <>
      <span class="tag yellow">{t.submissions.delivery.pending}</span>{" "}
      {d.nextAttempt ? t.submissions.nextAttempt(instant(d.nextAttempt, t), d.attempts) : ""}
      {d.lastError ? ` · ${t.submissions.lastError(d.lastError, d.attempts)}` : ""}
    </>
  );
}

function DraftForm({ v, f, errors }: { v: View; f: Form; errors: FieldErrors }) {
  const { t } = v;
  const year = f.year ?? String(Number(v.now.toISOString().slice(0, 4)));
  return (
    <form method="post" action="/kiriman/baru" novalidate>
      <Csrf token={v.csrf} />
      <fieldset>
        <legend>{t.submissions.draftTitle}</legend>
        <p class="hint">{t.submissions.draftHint}</p>
        <Field
          id="year"
          label={t.submissions.year}
          inputmode="numeric"
          value={year}
          errors={errors}
        />
        <div class="field">
          <label for="period">{t.submissions.period}</label>
          <select id="period" name="period">
            {(["h1", "annual"] as const).map((p) => (
              <option value={p} selected={f.period === p}>
                {t.submissions.periods[p]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.submissions.draft}</button>
      </fieldset>
    </form>
  );
}

async function listPage(
  v: View,
  since: string | undefined,
  f: Form = {},
  errors: FieldErrors = {},
  status = 200,
) {
  const { t } = v;
  const tenant = v.me?.tenant ?? "";
  const page = await Submission.changed(tenant, { limit: PAGE_SIZE, ...(since ? { since } : {}) });
  const deliveries = await Promise.all(
    page.items.map((s) => Federation.deliveriesOf(tenant, s.id)),
  );
  return render(
    v,
    t.submissions.title,
    <>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t.submissions.title}</h1>
      <p>{t.submissions.lead}</p>
      {page.items.length === 0 ? (
        <p>{since ? t.submissions.noMore : t.submissions.none}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t.submissions.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.submissions.period}</th>
                <th scope="col">{t.submissions.version}</th>
                <th scope="col">{t.submissions.state}</th>
                <th scope="col">{t.submissions.deliveries}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s, i) => (
                <tr>
                  <th scope="row">
                    <a href={`/kiriman/${s.id}`}>{periodLabel(v, s)}</a>
                  </th>
                  <td>{s.packageVersion}</td>
                  <td>
                    <StatusTag v={v} s={s} />
                  </td>
                  <td>
                    {(deliveries[i] ?? []).length === 0 ? (
                      t.dashboard.none
                    ) : (
                      <ul class="plain">
                        {(deliveries[i] ?? []).map((d) => (
                          <li>
                            {d.name}: <DeliveryLine v={v} d={d} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {page.items.length === PAGE_SIZE ? (
        <p>
          <a href={`/kiriman?lanjut=${encodeURIComponent(page.since)}`}>{t.submissions.more}</a>
        </p>
      ) : null}
      {mayDraft() ? <DraftForm v={v} f={f} errors={errors} /> : null}
    </>,
    status,
  );
}

submissions.get("/kiriman", async (c) => {
  const v = await personView(c);
  readable();
  return listPage(v, c.req.query("lanjut"));
});

submissions.post("/kiriman/baru", async (c) => {
  const v = await personView(c);
  const f = (await c.req.parseBody()) as Form;
  const year = Number((f.year ?? "").trim());
  const period = f.period === "annual" ? "annual" : "h1";
  Policy.require(
    mayDraft(),
    "submission.not_secretariat",
    "only the Ketua Harian's office drafts the submission",
  );
  if (!/^\d{4}$/.test((f.year ?? "").trim()) || year < 2016 || year > 2100) {
    return listPage(v, undefined, f, { year: v.t.submissions.badYear }, 400);
  }
  const result = await Submission.draft({ year, period });
  const done = result.created ? "dibuat" : result.changed ? "dibangun-ulang" : "tetap";
  return seeOther(c, `/kiriman/${result.info.id}?selesai=${done}`);
});

const ACTS = { setujui: "approve", kirim: "deliver" } as const;
type Act = keyof typeof ACTS;

function actOf(param: string | undefined): Act {
  if (param && param in ACTS) return param as Act;
  throw new VisibleError("not-found", "route.not_found", "no such action");
}

async function load(v: View, id: string) {
  const tenant = v.me?.tenant ?? "";
  const found = await Submission.get(tenant, id);
  if (!found)
    throw new VisibleError("not-found", "submission.not_found", `submission ${id} was not found`);
  return found;
}

function PackageSummary({ v, s }: { v: View; s: Submission.Info }) {
  const { t, names } = v;
  return (
    <Summary
      rows={[
        [
          t.submissions.period,
          `${periodLabel(v, s)} (${shortDate(s.period.from, t)} – ${shortDate(s.period.to, t)})`,
        ],
        [t.submissions.state, <StatusTag v={v} s={s} />],
        [t.submissions.version, String(s.packageVersion)],
        [t.submissions.generatedAt, instant(s.generatedAt, t)],
        [t.submissions.contentHash, <code>{s.contentHash}</code>],
        [
          t.submissions.route,
          s.route
            .map((o, i) => {
              const a = s.approvals[i];
              return a
                ? `${names.office(o)}: ${t.submissions.approvedBy(a.by.name, instant(a.at, t))}`
                : names.office(o);
            })
            .join(" → "),
        ],
        ...(s.deliveredOn
          ? ([[t.submissions.deliveredOn, shortDate(s.deliveredOn, t)]] as [string, string][])
          : []),
      ]}
    />
  );
}

submissions.get("/kiriman/:id", async (c) => {
  const v = await personView(c);
  readable();
  const { t } = v;
  const id = c.req.param("id");
  // One read of the package gives its state and its content (and 404 when there is none).
  const [{ info: s, pkg }, deliveries] = await Promise.all([
    Submission.packageOf(v.me.tenant, id),
    Federation.deliveriesOf(v.me.tenant, id),
  ]);
  const tables = Submission.tables(pkg);
  const done = c.req.query("selesai");
  const base = `/v1/submissions/${encodeURIComponent(id)}`;
  const year = s.period.id.slice(0, 4);
  return render(
    v,
    `${t.submissions.one}: ${periodLabel(v, s)}`,
    <>
      {done && t.submissions.done[done] ? (
        <Panel title={t.submissions.done[done] as string} />
      ) : null}
      <h1>
        {t.submissions.one}: {periodLabel(v, s)}
      </h1>
      <PackageSummary v={v} s={s} />
      {mayApprove(s) ? (
        <p>
          <a class="button" href={`/kiriman/${id}/setujui`}>
            {t.submissions.approve}
          </a>
        </p>
      ) : null}
      {deliverable(s) && mayDeliver() ? (
        <p>
          <a class="button" href={`/kiriman/${id}/kirim`}>
            {s.status === "approved" ? t.submissions.deliver : t.submissions.deliverAgain}
          </a>
        </p>
      ) : null}
      <h2>{t.submissions.deliveries}</h2>
      {deliveries.length === 0 ? (
        <p>{t.submissions.noDeliveries}</p>
      ) : (
        <ul>
          {deliveries.map((d) => (
            <li>
              {d.name} (<code>{d.url}</code>, {t.submissions.version.toLowerCase()}{" "}
              {d.packageVersion}): <DeliveryLine v={v} d={d} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t.submissions.contents}</h2>
      <section class="table-wrap" tabindex={0} aria-label={t.submissions.contents}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.submissions.table}</th>
              <th scope="col">{t.submissions.rows}</th>
              <th scope="col">CSV</th>
            </tr>
          </thead>
          <tbody>
            {tables.map((x) => (
              <tr>
                <th scope="row">{x.title}</th>
                <td>{x.rows.length}</td>
                <td>
                  <a
                    href={`${base}.csv?table=${x.name}`}
                    aria-label={`${t.submissions.download} CSV ${x.title}`}
                  >
                    {t.submissions.download}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p>
        <a href={`${base}.xlsx`}>{t.submissions.xlsx}</a> ·{" "}
        <a href={`${base}.json`}>{t.submissions.json}</a>
      </p>
      {mayDraft() ? (
        <form method="post" action="/kiriman/baru">
          <Csrf token={v.csrf} />
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="period" value={s.period.kind} />
          <p class="hint">{t.submissions.rebuildHint}</p>
          <button type="submit" class="secondary">
            {t.submissions.rebuild}
          </button>
        </form>
      ) : null}
      <p>
        {Policy.isSecretariat() ? (
          <>
            <a href={`/riwayat/submission/${encodeURIComponent(id)}`}>{t.submissions.history}</a> ·{" "}
          </>
        ) : null}
        <a href="/kiriman">{t.submissions.all}</a>
      </p>
    </>,
  );
});

function ConfirmPage({
  v,
  s,
  act,
  stale,
  error,
}: {
  v: View;
  s: Submission.Info;
  act: Act;
  stale?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = v;
  const verb = ACTS[act];
  return (
    <>
      {stale ? (
        <div class="warning-text" role="alert">
          {stale} <a href={`/kiriman/${s.id}`}>{t.errors.reload}</a>
        </div>
      ) : null}
      {error ? (
        <div class="warning-text" role="alert">
          {error}
        </div>
      ) : null}
      <h1>
        {t.report.confirmTitle}: {t.submissions[verb]}
      </h1>
      <PackageSummary v={v} s={s} />
      <p>{t.submissions.confirmText[verb]}</p>
      <form method="post" action={`/kiriman/${s.id}/${act}`}>
        <Csrf token={v.csrf} />
        <input type="hidden" name="version" value={String(s.version)} />
        <button type="submit">
          {t.report.confirm}: {t.submissions[verb]}
        </button>
        <a class="button secondary" href={`/kiriman/${s.id}`}>
          {t.report.cancel}
        </a>
      </form>
    </>
  );
}

function allowedTo(act: Act, s: Submission.Info): boolean {
  return ACTS[act] === "approve" ? mayApprove(s) : deliverable(s) && mayDeliver();
}

submissions.get("/kiriman/:id/:act", async (c) => {
  const v = await personView(c);
  readable();
  const act = actOf(c.req.param("act"));
  const s = await load(v, c.req.param("id"));
  Policy.require(allowedTo(act, s), "submission.not_your_step", v.t.submissions.notYours);
  return render(v, v.t.report.confirmTitle, <ConfirmPage v={v} s={s} act={act} />);
});

submissions.post("/kiriman/:id/:act", async (c) => {
  const v = await personView(c);
  readable();
  const act = actOf(c.req.param("act"));
  const id = c.req.param("id");
  const f = (await c.req.parseBody()) as Form;
  const version = Number(f.version);
  // The page refuses what it would not offer (the API's order of checks differs, see
  // test/permissions.test.ts DISPUTES): who may act is checked first, then the version.
  const before = await load(v, id);
  Policy.require(allowedTo(act, before), "submission.not_your_step", v.t.submissions.notYours);
  try {
    if (ACTS[act] === "approve") await Submission.approve({ id, version });
    else await Federation.deliver({ id, version });
  } catch (error) {
    if (!(error instanceof VisibleError)) throw error;
    const s = await load(v, id);
    if (error.code === "version.stale") {
      const trail = await Audit.ofEntity(v.me.tenant, "submission", id, { limit: 200 });
      const e = trail.items.at(-1);
      const who = e ? e.actor.name : v.t.errors.someoneElse;
      return render(
        v,
        v.t.report.confirmTitle,
        <ConfirmPage v={v} s={s} act={act} stale={v.t.errors.stale(who)} />,
        409,
      );
    }
    if (error.kind === "conflict" || error.kind === "input") {
      const message =
        error.code === "submission.no_upstream" ? v.t.submissions.noUpstream : error.message;
      return render(
        v,
        v.t.report.confirmTitle,
        <ConfirmPage v={v} s={s} act={act} error={message} />,
        error.kind === "input" ? 400 : 409,
      );
    }
    throw error;
  }
  return seeOther(c, `/kiriman/${id}?selesai=${ACTS[act]}`);
});

/** The packages waiting for the signed-in person's approval (home page): one Query, only for the offices of the route. */
export async function waitingFor(tenant: string): Promise<Submission.Info[]> {
  const actor = Actor.use();
  const offices = actor.type === "person" ? actor.offices : [];
  if (!Submission.ROUTE.some((o) => offices.includes(o))) return [];
  const page = await Submission.changed(tenant, { limit: 200 });
  return page.items.filter(mayApprove);
}
