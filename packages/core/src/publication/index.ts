export * as Publication from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Directory } from "../directory/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Policy } from "../policy/index.ts";
import { Report } from "../report/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { fn } from "../util/fn.ts";
import * as z from "../util/zod.ts";
import { DEFAULT_K, type Shown, suppress } from "./suppress.ts";

/**
 * What the public sees (issue 10 item 6; L-III §VIII points 1 and 3, Pasal 6f): a task force's
 * published reports and a yearly aggregate of their case counts, with small numbers suppressed
 * (`suppress.ts`), and the withdrawal of a published report.
 *
 * **The yearly aggregate.** Counts of the reports published for periods of the year: the
 * sub-task-forces' and the district's rows as they are (district and sub-task-force totals are
 * shown); the Satgas (sub-district and village) rows column by column through `suppress` with
 * `k` (`publicK` in the task force's settings, default 5), their total shown when that is safe.
 * A Satgas report's own public page shows its texts but not its counts: they appear only in the
 * suppressed aggregate, so no page undoes another's suppression.
 *
 * **Withdrawal.** The office that published a report (the person, from its audit trail) or the
 * Ketua withdraws it with a reason; the public URL then answers 410 with the reason; the listing
 * and the aggregate leave it out. Publishing it again as it was (`republish`, same people, with a
 * note) lifts the withdrawal; correcting it (`correct`) reopens it as a draft revision that goes
 * along its route again, and publishing that revision lifts the withdrawal (the public page then
 * says "diperbaiki pada …" and why the earlier version was withdrawn). All audited on the
 * report's trail.
 */

export { DEFAULT_K, label, type Shown, suppress } from "./suppress.ts";

export const CASE_LABELS: Record<(typeof Report.CASE_FIELDS)[number], string> = {
  reported: "Kasus dilaporkan",
  handled: "Kasus ditangani",
  victimsAssisted: "Korban didampingi",
  victimsRepatriated: "Korban dipulangkan",
  prosecuted: "Perkara dilimpahkan",
};

export const Withdrawal = z.object({
  report: z.string(),
  reason: z.string(),
  at: z.string(),
  by: z.object({ id: z.string(), name: z.string() }),
  active: z.boolean(),
  /** Set when a corrected revision replaced the withdrawn one: which, and when it was published. */
  corrected: z.optional(z.object({ revision: z.int(), at: z.string() })),
  /**
   * How many times the withdrawal changed (withdrawn, published again, corrected): each change is
   * a conditional write on the previous count, so two people acting at once get one change and a
   * 409, and each change's audit event has its own version. Absent on items written before it.
   */
  seq: z.optional(z.int()),
});
export type Withdrawal = z.infer<typeof Withdrawal>;
type WithdrawalItem = Dynamo.Item & Withdrawal;

async function withdrawalOf(tenant: string, id: string): Promise<Withdrawal | undefined> {
  const k = Key.withdrawal(tenant, id);
  const found = await Dynamo.get<WithdrawalItem>(k.pk, k.sk);
  return found ? Withdrawal.parse(Dynamo.strip(found)) : undefined;
}

async function withdrawn(tenant: string): Promise<Set<string>> {
  const items = await Dynamo.queryAll<WithdrawalItem>({ pk: Key.withdrawals(tenant).pk });
  return new Set(items.filter((i) => i.active).map((i) => i.report));
}

export async function kOf(tenant: string): Promise<number> {
  const k = (await TaskForce.get(tenant))?.settings.publicK;
  return typeof k === "number" && Number.isInteger(k) && k >= 2 && k <= 50 ? k : DEFAULT_K;
}

async function publisher(tenant: string, id: string): Promise<string | undefined> {
  let cursor: string | undefined;
  let found: string | undefined;
  do {
    const page = await Audit.ofEntity(tenant, "report", id, {
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const e of page.items) if (e.action === "report.published") found = e.actor.id;
    cursor = page.cursor;
  } while (cursor);
  return found;
}

/** A withdrawal's or a correction's reason: 10 to 2,000 characters, trimmed. */
const reason = (description: string) =>
  z.string().check(z.trim(), z.minLength(10), z.maxLength(2000), z.describe(description));

export const WithdrawInput = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  reason: reason("Shown to the public at the report's URL"),
});

async function mayWithdraw(tenant: string, id: string): Promise<void> {
  const actor = Actor.use();
  const by = actor.type === "person" ? actor.personId : undefined;
  const allowed =
    Policy.holds("gt.ketua") || (by !== undefined && by === (await publisher(tenant, id)));
  Policy.require(
    allowed,
    "report.not_publisher",
    "only whoever published the report, or the Ketua, withdraws it",
  );
}

/** Withdraws a published report from the public, with a reason. */
export const withdraw = fn(WithdrawInput, async (input) => {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  const tenant = Actor.tenant();
  const report = await Report.get(tenant, input.id);
  if (!report) throw notFound("report", input.id);
  if (report.status !== "published") {
    throw new VisibleError(
      "conflict",
      "report.not_published",
      `report ${input.id} is ${report.status}, not published`,
    );
  }
  await mayWithdraw(tenant, input.id);
  const prev = await withdrawalOf(tenant, input.id);
  if (prev?.active) {
    throw new VisibleError(
      "conflict",
      "report.withdrawn",
      `report ${input.id} is withdrawn already`,
    );
  }
  return record(tenant, input.id, input.reason, true, prev);
});

/** Publishes a withdrawn report again (the same people), with a note on what was corrected. */
export const republish = fn(WithdrawInput, async (input) => {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  const tenant = Actor.tenant();
  // The report (404, also for another task force's), then who asks (403), then its state (409).
  if (!(await Report.get(tenant, input.id))) throw notFound("report", input.id);
  await mayWithdraw(tenant, input.id);
  const prev = await withdrawalOf(tenant, input.id);
  if (!prev?.active) {
    throw new VisibleError(
      "conflict",
      "report.not_withdrawn",
      `report ${input.id} is not withdrawn`,
    );
  }
  return record(tenant, input.id, input.reason, false, prev);
});

export const CorrectInput = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  version: z.int().check(z.minimum(1), z.describe("The report's version you read")),
  reason: reason("What is to be corrected: told to the report's owner, kept on its trail"),
});

/**
 * Opens the correction of a withdrawn report (its publisher or the Ketua): the report becomes a
 * draft revision that its owner edits and that goes along its route again (`Report.publish`
 * then publishes it at the same public URL, "diperbaiki pada …"). Until then its public URL
 * keeps answering 410 with the withdrawal's reason. Checks: signed in (401), the report (404,
 * also another task force's), who asks (403), withdrawn (409 `report.not_withdrawn`), published
 * (409 `report.not_published`), the version (409).
 */
export const correct = fn(CorrectInput, async (input) => {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  const tenant = Actor.tenant();
  if (!(await Report.get(tenant, input.id))) throw notFound("report", input.id);
  await mayWithdraw(tenant, input.id);
  if (!(await withdrawalOf(tenant, input.id))?.active) {
    throw new VisibleError(
      "conflict",
      "report.not_withdrawn",
      `report ${input.id} is not withdrawn: withdraw it first, so that the public does not read what is being corrected`,
    );
  }
  return Report.reopenForCorrection(input, () => [true, "", ""]);
});

/**
 * A corrected revision was published (`Report.publish`): the withdrawal is lifted and keeps its
 * reason and date, with the revision that replaced it (audited on the report's trail).
 */
export async function correctionPublished(tenant: string, r: Report.Info): Promise<void> {
  const at = r.correctedAt ?? Actor.now().toISOString();
  let w = await withdrawalOf(tenant, r.id);
  for (let attempt = 1; ; attempt++) {
    if (!w?.active || !r.revision) return;
    try {
      await store(tenant, { ...w, active: false, corrected: { revision: r.revision, at } }, w);
      break;
    } catch (error) {
      // The report is published already: lift the withdrawal over whatever changed it meanwhile.
      if (attempt >= 3 || !(error instanceof VisibleError)) throw error;
      w = await withdrawalOf(tenant, r.id);
    }
  }
  await Audit.append(
    tenant,
    Audit.event({
      entity: "report",
      entityId: r.id,
      // Apart from the withdrawals' (2 000 000 + seconds): one per revision, never colliding.
      version: 3_000_000 + r.revision,
      action: "report.correction_published",
      after: { revision: r.revision, withdrawnAt: w.at },
      note: w.reason,
    }),
  );
}

/** The withdrawal a corrected report replaced (for its public page), if any. */
export async function correctionOf(tenant: string, id: string): Promise<Withdrawal | undefined> {
  const w = await withdrawalOf(tenant, id);
  return w && !w.active && w.corrected ? w : undefined;
}

/**
 * Stores the withdrawal's next state if nobody changed it since `prev` was read (409
 * `version.stale` otherwise); returns its change count.
 */
async function store(
  tenant: string,
  next: Withdrawal,
  prev: Withdrawal | undefined,
): Promise<number> {
  const seq = (prev?.seq ?? 0) + 1;
  const condition = !prev
    ? { expression: "attribute_not_exists(pk)" }
    : prev.seq === undefined
      ? { expression: "attribute_not_exists(#seq)", names: { "#seq": "seq" } }
      : { expression: "#seq = :prev", names: { "#seq": "seq" }, values: { ":prev": prev.seq } };
  try {
    await Dynamo.put(
      { ...Key.withdrawal(tenant, next.report), type: "withdrawal", v: 1, ...next, seq },
      condition,
    );
  } catch (error) {
    if (!(error instanceof Dynamo.ConditionFailed)) throw error;
    throw new VisibleError(
      "conflict",
      "version.stale",
      `the withdrawal of report ${next.report} was changed by someone else; reload and try again`,
    );
  }
  return seq;
}

async function record(
  tenant: string,
  id: string,
  reason: string,
  active: boolean,
  prev: Withdrawal | undefined,
): Promise<Withdrawal> {
  const actor = Actor.describe();
  const w: Withdrawal = {
    report: id,
    reason,
    at: Actor.now().toISOString(),
    by: { id: actor.id, name: actor.name },
    active,
  };
  const seq = await store(tenant, w, prev);
  await Audit.append(
    tenant,
    Audit.event({
      entity: "report",
      entityId: id,
      // One per change of the withdrawal (its count), apart from the report's own versions.
      version: 2_000_000 + seq,
      action: active ? "report.withdrawn" : "report.republished",
      note: reason,
    }),
  );
  return { ...w, seq };
}

/** Thrown for a withdrawn report's public URL (the edge answers 410 with the reason). */
export class Gone extends Error {
  constructor(public readonly withdrawal: Withdrawal) {
    super(`withdrawn: ${withdrawal.reason}`);
    this.name = "Gone";
  }
}

/** A published report for the public; throws `Gone` when withdrawn, 404 when not published. */
export async function report(taskForce: string, id: string) {
  const w = await withdrawalOf(taskForce, id);
  if (w?.active && (await TaskForce.get(taskForce))) throw new Gone(w);
  const r = await Report.publishedById(taskForce, id);
  const satgas = r.unit.startsWith("satgas-");
  const correction = w && !w.active && w.corrected ? w : undefined;
  return { report: r, showCounts: !satgas, ...(correction ? { correction } : {}) };
}

/** The published, not withdrawn reports, newest first. */
export async function published(taskForce: string): Promise<Report.Info[]> {
  const out: Report.Info[] = [];
  let cursor: string | undefined;
  do {
    const page = await Report.listPublished({
      taskForce,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor && out.length < 2000);
  const gone = await withdrawn(taskForce);
  return out.filter((r) => !gone.has(r.id));
}

export interface Row {
  unit: string;
  name: string;
  cells: Shown[];
}

export interface Aggregate {
  taskForce: { id: string; name: string };
  year: number;
  k: number;
  columns: string[];
  /** District and sub-task-force rows: shown as they are. */
  district: Row[];
  /** Satgas rows, suppressed column by column, and their total. */
  satgas: Row[];
  satgasTotal: Shown[];
  reports: number;
}

/** The yearly aggregate of published reports (periods of `year`), suppressed for the public. */
export async function aggregate(taskForce: string, year: number): Promise<Aggregate> {
  const tf = await TaskForce.get(taskForce);
  if (!tf) throw notFound("taskforce", taskForce);
  const k = await kOf(taskForce);
  const names = new Map((await Directory.units(taskForce)).map((u) => [u.code, u.name]));
  const sums = new Map<string, number[]>();
  let reports = 0;
  for (const r of await published(taskForce)) {
    if (!r.period.startsWith(String(year))) continue;
    reports++;
    const row = sums.get(r.unit) ?? Report.CASE_FIELDS.map(() => 0);
    Report.CASE_FIELDS.forEach((f, i) => {
      row[i] = (row[i] ?? 0) + r.content.cases[f];
    });
    sums.set(r.unit, row);
  }
  const units = [...sums.keys()].sort();
  const plain = (u: string): Row => ({
    unit: u,
    name: names.get(u) ?? u,
    cells: (sums.get(u) ?? []).map((value) => ({ kind: "value", value })),
  });
  const district = units.filter((u) => !u.startsWith("satgas-")).map(plain);
  const small = units.filter((u) => u.startsWith("satgas-"));
  const columns = Report.CASE_FIELDS.map((_, i) =>
    suppress(
      small.map((u) => sums.get(u)?.[i] ?? 0),
      k,
    ),
  );
  return {
    taskForce: { id: tf.id, name: tf.name },
    year,
    k,
    columns: Report.CASE_FIELDS.map((f) => CASE_LABELS[f]),
    district,
    satgas: small.map((u, r) => ({
      unit: u,
      name: names.get(u) ?? u,
      cells: columns.map((c) => c.cells[r] as Shown),
    })),
    satgasTotal: columns.map((c) => c.total),
    reports,
  };
}
