export * as Reminder from "./index.ts";

import { createHash } from "node:crypto";
import type { SESClient } from "@aws-sdk/client-ses";
import { Actor } from "../actor/index.ts";
import { Calendar } from "../calendar/index.ts";
import { LocalDate } from "../date/index.ts";
import type { Directory } from "../directory/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { VisibleError } from "../error/index.ts";
import { Fanout } from "../fanout/index.ts";
import { Ledger } from "../ledger/index.ts";
import { history as meetingsHeld } from "../meeting/history.ts";
import type { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Observe } from "../observe/index.ts";
import type { Org } from "../org/index.ts";
import { Regulation } from "../regulation/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import * as z from "../util/zod.ts";

/**
 * The mail half of a run (the directory, recipients, the templates and MIME, the SES client) is
 * loaded by the first run that has something to say or an organisation to read: a working day
 * with nothing due, the common case, reads the watermark and the open instances and stops there
 * (issue 12: the daily consumer's cold start).
 */
const directory = async () => (await import("../directory/index.ts")).Directory;
const notify = async () => (await import("../notify/index.ts")).Notify;
const org = async () => (await import("../org/index.ts")).Org;

/**
 * The reminder planner and the daily job: what to send today, exactly once.
 *
 * Per task force, on a working day:
 * 1. Claims a crashed or throttled run left behind are the sweep's (`Sweep.mail`, every 15
 *    minutes in office hours), not this run's.
 * 2. **Materialise** obligation instances from the calendar, from the watermark (the last day
 *    materialised, or `trackFrom` on the first run) to `HORIZON_MONTHS` ahead. Ids are
 *    deterministic, so this is idempotent; each new instance is put on the next-action index at
 *    its first reminder date. The rolling windows of Pasal 16 move with the meetings held: when
 *    those changed since the last run, the windows are computed again, and a stored open window
 *    the calendar no longer has (a meeting held early started the next window sooner) is
 *    retired — waived by the job with the reason — so nobody is chased for a window that does
 *    not exist.
 * 3. **Plan**: the open instances whose first reminder has come (one Query on the next-action
 *    index, never a scan). For each, only the *latest* stage dated after the last completed run
 *    (`lastOk` on the watermark) and by today is notified — after an outage that is one notice,
 *    not one per missed day — to the offices the calendar names (the owner; from the due date
 *    on, one office further up the route each overdue step). An instance that is satisfied or
 *    waived is off the index: its notices stop (one still found there is skipped). Nothing is
 *    written per instance or per item. Who gets each stage comes from one snapshot of the
 *    directory taken before the first digest (`Notify.snapshot`: one Query of the roster index,
 *    one BatchGetItem of the people, one of their addresses' suppression), never per recipient.
 * 4. **Digest**: one mail per person per day (`digest:<date>:<person>`), claimed in the ledger
 *    by one conditional write that carries its items (most urgent first, at most
 *    `MAX_DIGEST_ITEMS` and as many as the claim can store; the rest waits for the next run);
 *    the claim is the record of what was said. "Sent" marks are written in batches of 25.
 *    After a run that did not complete (the watermark's `lastOk` was not moved), items an
 *    earlier digest carried are found in those digests' claims and not sent again. A digest
 *    that cannot be made is logged and the others still go; the run then fails, to be retried
 *    and alarmed on.
 * 5. The watermark's `lastOk` moves to today when something was planned and all of it claimed.
 *    A day with nothing due writes nothing.
 * Nothing is sent on weekends or holidays: the job does no planning or sending on those days
 * (the calendar already puts every stage on a working day).
 */

/** How far ahead instances are materialised (configured; default 13 months). */
export const HORIZON_MONTHS = 13;

/** How far ahead this task force's instances are materialised (its `horizonMonths`, else 13). */
export function horizonMonths(ctx: Pick<Context, "info">): number {
  return ctx.info.horizonMonths ?? HORIZON_MONTHS;
}

export interface Context {
  tenant: string;
  info: TaskForce.Info;
  settings: Regulation.Settings;
  org: Org.Organisation;
  holidays: Calendar.Holidays;
  held: Calendar.Held[];
  /**
   * Whether every assignment of the task force carries its roster keys (`Key.rosterIndexed`,
   * the watermark's `rosterIndexed`): the recipients are then read with one Query of the roster
   * index, else office by office.
   */
  rosterIndexed?: boolean;
}

/**
 * Loads what the calendar needs for one task force: settings, organisation, meetings held
 * (`known`: the task force's record when the caller has read it already).
 */
export async function context(tenant: string, known?: TaskForce.Info): Promise<Context> {
  const [info, org] = await Promise.all([known ?? TaskForce.get(tenant), organisationOf(tenant)]);
  if (!info) throw new Error(`task force ${tenant} is not registered`);
  const settings = Regulation.settingsOf(info.settings);
  // One Query per unit that holds meetings (the task force and its sub-task-forces).
  const meetingUnits = org.units
    .filter((u) => u.kind === "sub-gugus-tugas" || u.kind === "gugus-tugas")
    .map((u) => u.code);
  const held: Calendar.Held[] = await meetingsHeld(tenant, meetingUnits);
  return { tenant, info, settings, org, holidays: Calendar.holidaysFor(settings), held };
}

/** The task force's units and offices (one Query). */
async function organisationOf(tenant: string): Promise<Org.Organisation> {
  const [Directory, Org] = await Promise.all([directory(), org()]);
  const { units, offices } = await Directory.organisation(tenant);
  return Org.create({ units, offices, people: [] });
}

function subject(i: Obligation.Info | Obligation.Computed) {
  return {
    id: i.id,
    obligation: i.obligation as Regulation.ObligationId,
    route: i.route,
    windowStart: i.windowStart,
    due: i.due,
  };
}

function horizonFor(due: string, today: string): string {
  return LocalDate.addDays(LocalDate.max(due, today), 120);
}

function trackFrom(ctx: Context): string {
  return ctx.info.trackFrom ?? ctx.info.createdAt.slice(0, 10);
}

export interface Watermark {
  materialisedFrom?: string;
  /** The horizon of the last materialisation: instances starting before it are stored already. */
  materialisedThrough?: string;
  /** Fingerprint of the meetings the rolling windows were last computed from (`rollingKey`). */
  rollingHeld?: string;
  /** The first day the job ran for this task force: no digest of it is older. */
  firstRun?: string;
  lastRun?: string;
  /** The last run that said every stage up to its day (the next plans from the day after). */
  lastOk?: string;
  lastError?: string;
  failures?: number;
  /**
   * The first window start beyond the last materialisation's horizon: until the horizon reaches
   * it, materialising again would store nothing, so the run reads neither the organisation nor
   * the meetings held (`store`).
   */
  materialiseNext?: string;
  /**
   * Meetings held, counted by `Meeting` (`HELD_CHANGES`, one ADD per meeting held); `heldSeen` is
   * the count the rolling windows were last computed at. A difference means a meeting was held
   * since, so the windows are computed again (Pasal 16).
   */
  heldChanges?: number;
  heldSeen?: number;
  /** The task force's assignments are all on the roster index (`Key.rosterIndexed`). */
  rosterIndexed?: boolean;
}

/**
 * The watermark and the count of meetings held (`Meeting` adds to it on `daily-held`, a separate
 * item, so that the job may replace its watermark whole in the batch of its "sent" marks without
 * losing a count added meanwhile): one Query of the job partition.
 */
export async function watermark(tenant: string): Promise<Watermark & { raw?: Dynamo.Item }> {
  const items = await Dynamo.queryAll({
    pk: Key.job(tenant, "daily").pk,
    sk: { beginsWith: "daily" },
  });
  const raw = items.find((i) => i.sk === "daily");
  const held = items.find((i) => i.sk === HELD_CHANGES) as { heldChanges?: number } | undefined;
  const roster = items.some((i) => i.sk === ROSTER_INDEXED);
  return {
    ...((raw ?? {}) as Watermark),
    ...(held?.heldChanges !== undefined ? { heldChanges: held.heldChanges } : {}),
    ...(roster ? { rosterIndexed: true } : {}),
    ...(raw ? { raw } : {}),
  };
}

/** The sort key of the item `Meeting` counts meetings held on (`Key.meetingsHeld`). */
const HELD_CHANGES = Key.meetingsHeld("-").sk;
/** The sort key of the item that says the roster index is complete (`Key.rosterIndexed`). */
const ROSTER_INDEXED = Key.rosterIndexed("-").sk;

/**
 * Unless the watermark (or this run) says so already, puts the task force's older assignments
 * on the roster index and records that it is complete (once per task force: the first run that materialises or has something due after the index
 * was introduced; every assignment made since carries the keys).
 */
async function indexRoster(ctx: Context, mark: Pick<Watermark, "rosterIndexed">): Promise<void> {
  ctx.rosterIndexed ??= mark.rosterIndexed === true;
  if (ctx.rosterIndexed) return;
  const Directory = await directory();
  await Directory.indexRoster(
    ctx.tenant,
    ctx.org.offices.map((o) => o.code),
  );
  await Directory.rosterComplete(ctx.tenant);
  ctx.rosterIndexed = true;
}

async function setWatermark(tenant: string, fields: Record<string, unknown>): Promise<void> {
  const k = Key.job(tenant, "daily");
  const names: Record<string, string> = { "#type": "type", "#v": "v" };
  const values: Record<string, unknown> = { ":type": "job", ":v": 1 };
  const sets = ["#type = :type", "#v = :v"];
  for (const [key, value] of Object.entries(fields)) {
    names[`#${key}`] = key;
    values[`:${key}`] = value;
    sets.push(`#${key} = :${key}`);
  }
  await Dynamo.update({ ...k, expression: `SET ${sets.join(", ")}`, names, values });
}

/** Obligations whose windows roll with the meetings held (Pasal 16). */
const ROLLING: ReadonlySet<string> = new Set(["subtask-meeting"]);

/** A fingerprint of the meetings held that the rolling windows are computed from. */
export function rollingKey(ctx: Context): string {
  const lines = ctx.held
    .filter((h) => ROLLING.has(h.obligation))
    .map((h) => `${h.obligation} ${h.unit} ${h.date}`)
    .sort();
  return createHash("sha256").update(lines.join("\n")).digest("base64url").slice(0, 22);
}

/**
 * Stores the instances from the watermark to the horizon; returns how many were new. Instances
 * that start before the previous run's horizon (`through`) are stored already and are not
 * written again. The rolling meeting windows (Pasal 16) are the exception when `rolling` is set
 * (the meetings held changed since they were computed, or nobody knows): then they are all
 * computed again, new ones stored, and stored open ones the calendar no longer has are retired.
 */
export async function materialise(
  ctx: Context,
  today: string,
  from: string,
  through?: string,
  rolling = true,
): Promise<number> {
  return (await store(ctx, today, from, through, rolling)).created;
}

/** `materialise`, telling also how many instances were computed as not stored before. */
async function store(
  ctx: Context,
  today: string,
  from: string,
  through?: string,
  rolling = true,
): Promise<{ created: number; computed: number; next: string }> {
  const to = LocalDate.addMonths(today, horizonMonths(ctx));
  const start = trackFrom(ctx);
  const listed = Calendar.list({ from: LocalDate.max(from, start), to }, ctx);
  const computed = listed
    .filter((i) => !through || i.windowStart > through || (rolling && ROLLING.has(i.obligation)))
    .map(Obligation.fromCalendar)
    // An instance whose window closed before tracking started is history, not a duty to chase.
    .filter((i) => i.windowEnd >= start);
  const created = await Obligation.materialise(ctx.tenant, computed, (instance) => {
    const stages = Calendar.reminders(subject(instance), {
      horizon: horizonFor(instance.due, today),
      settings: ctx.settings,
      holidays: ctx.holidays,
    });
    return (stages.find((s) => s.date >= start) ?? stages[stages.length - 1])?.date;
  });
  if (rolling && through) await retireMovedWindows(ctx, listed, LocalDate.max(from, start));
  return { created: created.length, computed: computed.length, next: nextWindowStart(ctx, to) };
}

/** How far past the horizon `nextWindowStart` looks; a run looks again when it gets there. */
const NEXT_LOOKAHEAD_DAYS = 62;

/**
 * The first window that starts after `to` (the horizon just materialised): the next run whose
 * horizon reaches it has something to store. Rolling windows move with the meetings held and
 * are watched through `heldChanges` instead.
 */
function nextWindowStart(ctx: Context, to: string): string {
  const limit = LocalDate.addDays(to, NEXT_LOOKAHEAD_DAYS);
  const later = Calendar.list({ from: LocalDate.addDays(to, 1), to: limit }, ctx)
    .map((i) => i.windowStart)
    .filter((d) => d > to)
    .sort();
  return later[0] ?? limit;
}

/**
 * Waives the stored open rolling windows that overlap [`from`, …) and that the calendar, from
 * the meetings held now, no longer computes: a meeting held inside a window starts the next one
 * on its date, so the windows stored before it (which assumed no meeting) do not exist. The
 * waiver names why; a conflict means someone settled it meanwhile, which is as good.
 */
async function retireMovedWindows(
  ctx: Context,
  listed: readonly Calendar.Instance[],
  from: string,
): Promise<void> {
  const current = new Set(listed.filter((i) => ROLLING.has(i.obligation)).map((i) => i.id));
  const units = new Set(listed.filter((i) => ROLLING.has(i.obligation)).map((i) => i.unit));
  for (const unit of units) {
    const stored = await Obligation.allOfUnit(ctx.tenant, unit);
    for (const instance of stored) {
      if (!ROLLING.has(instance.obligation) || instance.status !== "open") continue;
      if (instance.windowEnd < from || current.has(instance.id)) continue;
      const before = ctx.held
        .filter((h) => h.unit === unit && h.obligation === instance.obligation)
        .map((h) => h.date)
        .filter((d) => d < instance.windowStart)
        .sort()
        .pop();
      try {
        await Obligation.waive({
          id: instance.id,
          version: instance.version,
          reason: before
            ? `Jendela tidak berlaku lagi: rapat koordinasi tanggal ${before} memulai jendela berikutnya lebih awal (Pasal 16).`
            : "Jendela tidak berlaku lagi: jendela Pasal 16 dihitung ulang dari rapat yang diadakan.",
        });
      } catch (error) {
        if (error instanceof VisibleError && error.kind === "conflict") continue;
        throw error;
      }
    }
  }
}

/** A reminder item: one stage of one instance for one person, carried by their digest. */
export const Item = z.object({
  id: z.string(),
  personId: z.string(),
  date: LocalDate.Schema,
  instance: z.string(),
  obligation: z.string(),
  unit: z.string(),
  stage: Calendar.Stage,
  stageDate: LocalDate.Schema,
  due: LocalDate.Schema,
  title: z.object({ id: z.string(), en: z.string() }),
  unitName: z.object({ id: z.string(), en: z.string() }),
  responsible: z.optional(z.object({ id: z.string(), en: z.string() })),
  article: z.string(),
  basis: z.optional(Regulation.Basis),
  offices: z.array(z.string()),
});
export type Item = z.infer<typeof Item>;

export interface PlanResult {
  instances: number;
  /** Today's items, one per (instance, stage, person); nothing is stored until a digest claims them. */
  items: Item[];
}

/**
 * Plans today's items. The next-action index lists the open instances whose first reminder
 * has come; for each, the latest stage dated after the last completed run (`since`, exclusive)
 * and on or before today is due — after an outage that is one notice, not one per missed day.
 * Nothing is written: the digests' claims are the record of what was said (`digests`).
 */
export async function plan(ctx: Context, today: string, since?: string): Promise<PlanResult> {
  const due = await dueStages(ctx, today, since);
  return { instances: due.instances, items: await itemsOf(ctx, due.stages, today) };
}

/**
 * The first half of `plan`: the stages due today, from the next-action index (one Query) and
 * the calendar alone — no organisation or directory read, so a day with nothing due costs one
 * request here.
 */
async function dueStages(
  ctx: Pick<Context, "tenant" | "settings" | "holidays">,
  today: string,
  since?: string,
): Promise<{
  instances: number;
  stages: { instance: Obligation.Info; stage: Calendar.Reminder }[];
}> {
  const open = await Obligation.actionable(ctx.tenant, today);
  const stages: { instance: Obligation.Info; stage: Calendar.Reminder }[] = [];
  for (const instance of open) {
    // The index should hold open instances only; one settled meanwhile is never chased.
    if (instance.status !== "open") continue;
    const all = Calendar.reminders(subject(instance), {
      horizon: horizonFor(instance.due, today),
      settings: ctx.settings,
      holidays: ctx.holidays,
    });
    const due = all.filter((s) => s.date <= today && (!since || s.date > since));
    const latest = due[due.length - 1];
    if (latest) stages.push({ instance, stage: latest });
  }
  return { instances: open.length, stages };
}

/**
 * The second half of `plan`: who gets each due stage. The directory is read once for all of
 * them (`Notify.snapshot`: the roster, the people, their addresses' suppression), so each
 * recipient costs no request of its own.
 */
async function itemsOf(
  ctx: Context,
  stages: readonly { instance: Obligation.Info; stage: Calendar.Reminder }[],
  today: string,
): Promise<Item[]> {
  const offices = stages.flatMap((s) => s.stage.recipients).filter((o) => !o.startsWith("ext:"));
  const roster = await snapshotOf(ctx, offices, today);
  const items = new Map<string, Item>();
  for (const { instance, stage } of stages) {
    for (const item of await itemsFor(ctx, instance, stage, today, roster)) {
      if (!items.has(item.id)) items.set(item.id, item);
    }
  }
  return [...items.values()];
}

function localized(id: string, en: string) {
  return { id, en };
}

/**
 * The directory as this run reads it: one snapshot per context and day, taken before any
 * digest is composed (the bound on staleness: a change made after it waits for the next run).
 */
const snapshots = new WeakMap<
  Context,
  { today: string; offices: ReadonlySet<string>; roster: Promise<Notify.Snapshot> }
>();

function snapshotOf(ctx: Context, offices: readonly string[], today: string) {
  const known = snapshots.get(ctx);
  if (known?.today === today && offices.every((o) => known.offices.has(o))) return known.roster;
  const roster = notify().then((Notify) =>
    Notify.snapshot(ctx.tenant, offices, today, ctx.rosterIndexed === true),
  );
  roster.catch(() => {
    if (snapshots.get(ctx)?.roster === roster) snapshots.delete(ctx);
  });
  snapshots.set(ctx, { today, offices: new Set(offices), roster });
  return roster;
}

/** A person this run has already read (as a recipient), else from the directory. */
export async function personOf(
  ctx: Context,
  personId: string,
): Promise<Directory.Person | undefined> {
  const known = await snapshots.get(ctx)?.roster;
  return known?.people.get(personId) ?? (await directory()).person(ctx.tenant, personId);
}

async function itemsFor(
  ctx: Context,
  instance: Obligation.Info,
  stage: Calendar.Reminder,
  today: string,
  roster: Notify.Roster,
): Promise<Item[]> {
  const unit = ctx.org.unit(instance.unit);
  const owner = ctx.org.office(instance.owner);
  const [Notify, Org] = await Promise.all([notify(), org()]);
  const items: Item[] = [];
  for (const office of stage.recipients) {
    // Outsiders have no holders to fall back from: a province's member district (`ext:anggota-…`)
    // is reminded through its contacts by `Federation.daily`, not the secretariat's digest.
    if (office.startsWith("ext:")) continue;
    const escalated = office !== instance.owner;
    for (const r of await Notify.recipients(ctx.tenant, [office], today, "stand-in", roster)) {
      items.push({
        id: `rem:${instance.id}:${stage.date}:${r.person.id}`,
        personId: r.person.id,
        date: today,
        instance: instance.id,
        obligation: instance.obligation,
        unit: instance.unit,
        stage: escalated ? "escalation" : stage.stage === "escalation" ? "overdue" : stage.stage,
        stageDate: stage.date,
        due: instance.due,
        title: instance.title,
        unitName: unit ? Org.label(unit) : localized(instance.unit, instance.unit),
        ...(escalated && owner ? { responsible: localized(owner.title, owner.titleEn) } : {}),
        article: instance.article,
        basis: instance.basis,
        offices: r.offices,
      });
    }
  }
  return items;
}

export interface DigestResult {
  people: number;
  outcomes: Partial<Record<Ledger.Outcome, number>>;
  /** People whose digest could not be made (logged; their items wait for the next run). */
  errors?: number;
  /** Items left for the next digest (over `MAX_DIGEST_ITEMS` or the ledger's size). */
  deferred?: number;
}

/**
 * The most items one digest carries (the mail template's limit, `Message.Digest`): the most
 * urgent go first, the rest wait for the next working day's digest. Reached only when one
 * office is escalated to for a great many instances (a sub-task-force coordinator over every
 * village Satgas of a large district).
 */
export const MAX_DIGEST_ITEMS = 200;
/** What the job would mail on a date, without writing (see `preview.ts`). */
export { Preview, PreviewInput, PreviewMail, preview, previewFor } from "./preview.ts";

/** What the reminder job needs to know to send each person one digest for today. */
export interface DigestInput {
  items: readonly Item[];
  /**
   * The first day a digest can have been sent on for these stages: the day after the last
   * completed run (or the first run). Stages dated before today may have gone out in a digest
   * of a day from then on (a run that failed after sending some) and are checked against it.
   */
  checkFrom?: string;
}

/** Sends each person with items one digest for today. */
export async function digests(
  ctx: Context,
  today: string,
  input: DigestInput,
  options: Ledger.Options = {},
): Promise<DigestResult> {
  const byPerson = new Map<string, Item[]>();
  for (const p of input.items) {
    const list = byPerson.get(p.personId);
    if (list) list.push(p);
    else byPerson.set(p.personId, [p]);
  }
  const outcomes: Partial<Record<Ledger.Outcome, number>> = {};
  // The caller's batch when it has one (`runTenant` adds its watermark to the last request).
  const marks = options.marks ?? Ledger.marks();
  const batched = { ...options, marks };
  let errors = 0;
  let deferred = 0;
  try {
    for (const [personId, records] of byPerson) {
      // One person's digest failing (a bug, bad data) must not keep everyone else's mail back.
      try {
        const result = await digestFor(ctx, today, personId, records, input.checkFrom, batched);
        deferred += result.deferred;
        if (result.outcome) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      } catch (error) {
        errors++;
        Observe.log.error("digest not sent", {
          tenant: ctx.tenant,
          date: today,
          personId,
          error,
        });
      }
    }
  } finally {
    if (!options.marks) await Ledger.flush(marks);
  }
  return {
    people: byPerson.size,
    outcomes,
    ...(errors > 0 ? { errors } : {}),
    ...(deferred > 0 ? { deferred } : {}),
  };
}

export function digestId(date: string, personId: string) {
  return `digest:${date}:${personId}`;
}

export const carriedKey = (i: { instance: string; stage: string; due: string }) =>
  `${i.instance}@${i.stage}@${i.due}`;

/**
 * Items an earlier digest already carried: only stages dated before today can have been, and
 * only on working days from `checkFrom` on. In the steady state (the job ran on the last working
 * day) no stage is dated between that run and today, so this reads nothing.
 */
export async function carriedEarlier(
  ctx: Context,
  today: string,
  personId: string,
  records: readonly Item[],
  checkFrom: string | undefined,
): Promise<Set<string>> {
  const carried = new Set<string>();
  const late = records.filter((r) => r.stageDate < today);
  if (late.length === 0) return carried;
  const first = late.map((r) => r.stageDate).sort()[0] ?? today;
  const from = checkFrom ? LocalDate.max(first, checkFrom) : first;
  if (from >= today) return carried;
  const days = [...LocalDate.range(from, LocalDate.addDays(today, -1))].filter((d) =>
    ctx.holidays.isWorkingDay(d),
  );
  for (const day of days) {
    const entry = await Ledger.get(ctx.tenant, digestId(day, personId));
    for (const i of entry?.items ?? []) carried.add(carriedKey(i));
  }
  return carried;
}

async function digestFor(
  ctx: Context,
  today: string,
  personId: string,
  records: Item[],
  checkFrom: string | undefined,
  options: Ledger.Options,
): Promise<{ outcome?: Ledger.Outcome; deferred: number }> {
  // Items a digest already carried (a run that failed after sending some) are not sent again.
  const carried = await carriedEarlier(ctx, today, personId, records, checkFrom);
  let rest = records.filter((r) => !carried.has(carriedKey(r)));
  if (rest.length === 0) return { deferred: 0 };
  const person = await personOf(ctx, personId);
  if (!person) return { deferred: 0 };
  const id = digestId(today, personId);
  const all = rest.length;
  const { digestMail } = await import("./mail.ts");
  const mail = await digestMail(ctx, today, person, rest, id);
  rest = mail.items;
  const { rendered, raw } = mail;
  const outcome = await Ledger.deliver(
    ctx.tenant,
    {
      id,
      kind: "digest",
      date: today,
      personId,
      to: [person.email],
      offices: [...new Set(rest.flatMap((r) => r.offices))],
      subject: rendered.subject,
      items: rest.map((r) => ({
        instance: r.instance,
        obligation: r.obligation,
        unit: r.unit,
        stage: r.stage,
        due: r.due,
      })),
      raw,
    },
    options,
  );
  if (outcome === "sent") {
    Observe.count("Escalations", rest.filter((r) => r.stage === "escalation").length);
  }
  return { outcome, deferred: all - rest.length };
}

export interface TenantRun {
  tenant: string;
  ok: boolean;
  workingDay: boolean;
  created: number;
  planned: number;
  items: number;
  digests: DigestResult;
  swept: Partial<Record<Ledger.Outcome, number>>;
  error?: string;
}

export interface RunOptions extends Ledger.Options {
  /** Only these task forces (default: every registered one). */
  tenants?: string[];
}

/**
 * The whole day's work for one task force. Idempotent: run it again and nothing is sent twice.
 * Reads the task force first and stops there on a weekend or holiday; writes nothing on a day
 * with nothing due (instances are stored only when the horizon reaches a new one, the
 * watermark only when something was stored or sent).
 */
export async function runTenant(
  tenant: string,
  today: string,
  options: Ledger.Options = {},
): Promise<TenantRun> {
  const info = await TaskForce.get(tenant);
  if (!info) throw new Error(`task force ${tenant} is not registered`);
  const settings = Regulation.settingsOf(info.settings);
  const empty: DigestResult = { people: 0, outcomes: {} };
  if (!Calendar.holidaysFor(settings).isWorkingDay(today)) {
    return {
      tenant,
      ok: true,
      workingDay: false,
      created: 0,
      planned: 0,
      items: 0,
      digests: empty,
      swept: {},
    };
  }
  const holidays = Calendar.holidaysFor(settings);
  const mark = await watermark(tenant);
  const first = mark.firstRun ?? today;
  // Materialise only when it can store something: the first run, a meeting held since the
  // rolling windows were computed, or the horizon reaching the next window. Otherwise the
  // organisation and the meetings held are not read at all.
  const heldChanges = mark.heldChanges ?? 0;
  const horizon = LocalDate.addMonths(today, horizonMonths({ info }));
  const materialising =
    !mark.firstRun ||
    mark.heldSeen !== heldChanges ||
    !mark.materialiseNext ||
    horizon >= mark.materialiseNext;
  let ctx: Context | undefined;
  let created = 0;
  let written: Record<string, unknown> = {};
  if (materialising) {
    ctx = await context(tenant, info);
    const from = mark.materialisedFrom ?? trackFrom(ctx);
    const held = rollingKey(ctx);
    const rolling = mark.rollingHeld !== held;
    const stored = await store(ctx, today, from, mark.materialisedThrough, rolling);
    created = stored.created;
    written = {
      materialisedFrom: today,
      materialisedThrough: LocalDate.addMonths(today, horizonMonths(ctx)),
      rollingHeld: held,
      firstRun: first,
      materialiseNext: stored.next,
      heldSeen: heldChanges,
    };
    await setWatermark(tenant, written);
    // The organisation is read already: the first run puts older assignments on the roster.
    await indexRoster(ctx, mark);
  }
  if (info.level !== "kabupaten") {
    // A province's (or the nation's) member districts: their packages owed, their contacts told.
    const Members = await import("../federation/members.ts");
    await Members.daily({ tenant, info, settings, holidays }, today, options);
  }
  // Claims a crashed run left are the sweep's (every 15 minutes, infra/jobs.ts), not this run's.
  const swept = {};
  const due = await dueStages({ tenant, settings, holidays }, today, mark.lastOk);
  if (due.stages.length === 0) {
    return {
      tenant,
      ok: true,
      workingDay: true,
      created,
      planned: due.instances,
      items: 0,
      digests: empty,
      swept,
    };
  }
  // Something is due: the organisation is needed (titles, names); the meetings held are not.
  ctx ??= { tenant, info, settings, holidays, held: [], org: await organisationOf(tenant) };
  await indexRoster(ctx, mark);
  const planned = { instances: due.instances, items: await itemsOf(ctx, due.stages, today) };
  const checkFrom = mark.lastOk ? LocalDate.addDays(mark.lastOk, 1) : first;
  const marks = options.marks ?? Ledger.marks();
  let sent: DigestResult;
  try {
    sent = await digests(ctx, today, { items: planned.items, checkFrom }, { ...options, marks });
  } catch (error) {
    await Ledger.flush(marks);
    throw error;
  }
  if (sent.errors) {
    // Everyone else has their mail; fail the run so that it is retried and, failing again,
    // reaches the dead-letter queue and its alarm.
    await Ledger.flush(marks);
    throw new Error(`${sent.errors} digest(s) could not be made on ${today} (see the log)`);
  }
  // The stages up to today are said (or claimed by a run that will say them): the next run
  // plans from tomorrow. Items left over for size keep the mark where it was. The watermark
  // goes whole into the last batch of "sent" marks (one request for both): it was read at the
  // start of this run and only this task force's runs write it (two at once write the same).
  if (planned.items.length > 0 && !sent.deferred) {
    const k = Key.job(tenant, "daily");
    // Everything the watermark item held (the count of meetings held lives on its own item).
    const { raw: _raw, heldChanges: _held, ...fields } = mark;
    Ledger.also(marks, {
      ...fields,
      ...written,
      ...k,
      type: "job",
      v: 1,
      lastOk: today,
      failures: 0,
    });
  }
  await Ledger.flush(marks);
  return {
    tenant,
    ok: true,
    workingDay: true,
    created,
    planned: planned.instances,
    items: planned.items.length,
    digests: sent,
    swept,
  };
}

/**
 * The daily job: every task force of the deployment, each on its own. A failure in one is
 * recorded on its watermark and reported, and never stops the others; the caller (the Lambda
 * handler) fails the run afterwards so the scheduler retries it — safely, since every step is
 * idempotent.
 */
export async function daily(
  now: Date,
  options: RunOptions = {},
): Promise<{ today: string; runs: TenantRun[] }> {
  const today = LocalDate.at(now);
  const tenants = options.tenants ?? (await Fanout.tenantIds());
  const runs: TenantRun[] = [];
  for (const tenant of tenants) runs.push(await runOne(tenant, now, options));
  return { today, runs };
}

/**
 * One task force's daily run, as the job and the queue consumer run it: never throws. A
 * failure is logged at `error`, counted (`TaskForcesFailed`), recorded on the watermark and
 * returned with `ok: false`; the caller decides what to retry.
 */
export async function runOne(
  tenant: string,
  now: Date,
  options: Ledger.Options = {},
): Promise<TenantRun> {
  const today = LocalDate.at(now);
  const started = performance.now();
  return Actor.provide(
    { type: "system", tenant, job: "daily" },
    async () => {
      try {
        const run = await runTenant(tenant, today, options);
        Observe.log.info("task force run", {
          date: today,
          workingDay: run.workingDay,
          created: run.created,
          items: run.items,
          digests: run.digests.outcomes,
          swept: run.swept,
        });
        return run;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        Observe.count("TaskForcesFailed");
        Observe.log.error("task force run failed", { date: today, error });
        await setWatermark(tenant, { lastError: `${today}: ${message}`.slice(0, 1000) }).catch(
          () => undefined,
        );
        return {
          tenant,
          ok: false,
          workingDay: true,
          created: 0,
          planned: 0,
          items: 0,
          digests: { people: 0, outcomes: {} },
          swept: {},
          error: message,
        };
      } finally {
        Observe.count("JobDuration", Math.round(performance.now() - started));
      }
    },
    () => now,
  );
}

/**
 * The daily job at national scale: the scheduled run only puts one message per task force on a
 * queue (SQS in AWS, an in-process stand-in locally), and a consumer runs each task force on its
 * own (`consume`), so one slow or failing task force delays nobody else and is retried alone.
 */
export const TenantMessage = z.object({
  tenant: z.string().check(z.minLength(1)),
  /** The instant the job was scheduled for: every consumer plans the same day from it. */
  at: z.iso.datetime(),
}) satisfies z.ZodMiniType<Fanout.TenantMessage>;
export type TenantMessage = Fanout.TenantMessage;

/** A queue record, as SQS hands it to Lambda (only the fields used). */
export interface QueueRecord {
  messageId: string;
  body: string;
}

/**
 * Runs the task forces of a batch of queue records, one after the other, and names the records
 * that failed (SQS's partial batch response): only those are retried and, failing on, reach the
 * dead-letter queue and its alarm. A record that is not a task-force message fails too.
 */
export async function consume(
  records: readonly QueueRecord[],
  options: Ledger.Options = {},
): Promise<{ batchItemFailures: { itemIdentifier: string }[]; runs: TenantRun[] }> {
  const failures: { itemIdentifier: string }[] = [];
  const runs: TenantRun[] = [];
  for (const record of records) {
    let message: TenantMessage;
    try {
      message = TenantMessage.parse(JSON.parse(record.body));
    } catch (error) {
      Observe.count("TaskForcesFailed");
      Observe.log.error("queue message is not a task-force run", {
        messageId: record.messageId,
        error,
      });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const run = await runOne(message.tenant, new Date(message.at), options);
    runs.push(run);
    if (!run.ok) failures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures: failures, runs };
}

export type { SESClient };
export { ConditionFailed };
