export * as Reminder from "./index.ts";

import { createHash } from "node:crypto";
import type { SESClient } from "@aws-sdk/client-ses";
import { z } from "zod";
import { Actor } from "../actor/index.ts";
import { Calendar } from "../calendar/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { VisibleError } from "../error/index.ts";
import { Ledger } from "../ledger/index.ts";
import { Meeting } from "../meeting/index.ts";
import { Message } from "../message/index.ts";
import { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Org } from "../org/index.ts";
import { Regulation } from "../regulation/index.ts";
import { TaskForce } from "../taskforce/index.ts";

/**
 * The reminder planner and the daily job: what to send today, exactly once.
 *
 * Per task force, on a working day:
 * 1. **Sweep** the ledger: claims a crashed or throttled run left behind are sent now.
 * 2. **Materialise** obligation instances from the calendar, from the watermark (the last day
 *    materialised, or `trackFrom` on the first run) to `HORIZON_MONTHS` ahead. Ids are
 *    deterministic, so this is idempotent; each new instance is put on the next-action index at
 *    its first reminder date. The rolling windows of Pasal 16 move with the meetings held: when
 *    those changed since the last run, the windows are computed again, and a stored open window
 *    the calendar no longer has (a meeting held early started the next window sooner) is
 *    retired — waived by the job with the reason — so nobody is chased for a window that does
 *    not exist.
 * 3. **Plan**: the open instances whose next action is today or earlier (one Query on the
 *    next-action index, never a scan). For each, only the *latest* stage due by today is
 *    notified — after an outage that is one notice, not one per missed day — to the offices the
 *    calendar names (the owner; from the due date on, one office further up the route each
 *    overdue step). An instance that is satisfied or waived is off the index: its notices stop
 *    (one still found there is skipped).
 * 4. Each (instance, stage, person) becomes a **reminder item** created under a deterministic id
 *    (created once, whatever retries or concurrent runs do); then the instance's next action
 *    moves on (conditionally).
 * 5. **Digest**: one mail per person per day (`digest:<date>:<person>`, claimed in the ledger)
 *    with their pending items (most urgent first, at most `MAX_DIGEST_ITEMS` and as many as the
 *    ledger can store with the claim; the rest waits for the next one); items are then marked
 *    done. An item found in an earlier digest after a crash is marked done without being sent
 *    again. A digest that cannot be made is logged and the others still go; the run then fails,
 *    to be retried and alarmed on.
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
}

/** Loads what the calendar needs for one task force: settings, organisation, meetings held. */
export async function context(tenant: string): Promise<Context> {
  const [info, units, offices] = await Promise.all([
    TaskForce.get(tenant),
    Directory.units(tenant),
    Directory.offices(tenant),
  ]);
  if (!info) throw new Error(`task force ${tenant} is not registered`);
  const settings = Regulation.Settings.parse(info.settings);
  const org = Org.create({ units, offices, people: [] });
  // One Query per unit that holds meetings (the task force and its sub-task-forces).
  const meetingUnits = org.units
    .filter((u) => u.kind === "sub-gugus-tugas" || u.kind === "gugus-tugas")
    .map((u) => u.code);
  const held: Calendar.Held[] = await Meeting.history(tenant, meetingUnits);
  return { tenant, info, settings, org, holidays: Calendar.holidaysFor(settings), held };
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

interface Watermark {
  materialisedFrom?: string;
  /** The horizon of the last materialisation: instances starting before it are stored already. */
  materialisedThrough?: string;
  /** Fingerprint of the meetings the rolling windows were last computed from (`rollingKey`). */
  rollingHeld?: string;
  lastRun?: string;
  lastOk?: string;
  lastError?: string;
  failures?: number;
}

async function watermark(tenant: string): Promise<Watermark> {
  const k = Key.job(tenant, "daily");
  return ((await Dynamo.get(k.pk, k.sk)) ?? {}) as Watermark;
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
  return created.length;
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

/** A reminder item: one stage of one instance for one person, waiting for their digest. */
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
  responsible: z.object({ id: z.string(), en: z.string() }).optional(),
  article: z.string(),
  basis: Regulation.Basis.optional(),
  offices: z.array(z.string()),
});
export type Item = z.infer<typeof Item>;

type ItemRecord = Dynamo.Item & Item & { done?: boolean; digest?: string };

function pendingKey(tenant: string, item: Pick<Item, "personId" | "date" | "id">) {
  return Key.pendingItem(tenant, item.personId, item.date, item.id);
}

export interface PlanResult {
  instances: number;
  items: number;
}

/** Plans today's stages into reminder items and moves each instance's next action on. */
export async function plan(ctx: Context, today: string): Promise<PlanResult> {
  const open = await Obligation.actionable(ctx.tenant, today);
  let items = 0;
  for (const instance of open) {
    // The index should hold open instances only; one settled meanwhile is never chased.
    if (instance.status !== "open") continue;
    const stages = Calendar.reminders(subject(instance), {
      horizon: horizonFor(instance.due, today),
      settings: ctx.settings,
      holidays: ctx.holidays,
    });
    const due = stages.filter(
      (s) => s.date <= today && (!instance.lastNotified || s.date > instance.lastNotified),
    );
    const latest = due[due.length - 1];
    const next = stages.find((s) => s.date > today);
    if (latest) items += await itemsFor(ctx, instance, latest, today);
    if (next) {
      await Obligation.advance(ctx.tenant, instance.id, instance.nextAction as string, {
        nextAction: next.date,
        lastNotified: latest?.date ?? instance.lastNotified ?? today,
      });
    }
  }
  return { instances: open.length, items };
}

function localized(id: string, en: string) {
  return { id, en };
}

/**
 * Who gets an office's mail today, read once per run (an office is asked for by many instances:
 * every escalation to the Ketua Harian, every digest's person).
 */
const seen = new WeakMap<Context, Map<string, Promise<Notify.Recipient[]>>>();

function recipientsOf(ctx: Context, office: string, today: string): Promise<Notify.Recipient[]> {
  let cache = seen.get(ctx);
  if (!cache) {
    cache = new Map();
    seen.set(ctx, cache);
  }
  const key = `${today} ${office}`;
  let found = cache.get(key);
  if (!found) {
    found = Notify.recipients(ctx.tenant, [office], today);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** A person this run has already read (as a recipient), else from the directory. */
async function personOf(ctx: Context, personId: string): Promise<Directory.Person | undefined> {
  for (const found of seen.get(ctx)?.values() ?? []) {
    const match = (await found).find((r) => r.person.id === personId);
    if (match) return match.person;
  }
  return Directory.person(ctx.tenant, personId);
}

async function itemsFor(
  ctx: Context,
  instance: Obligation.Info,
  stage: Calendar.Reminder,
  today: string,
) {
  const unit = ctx.org.unit(instance.unit);
  const owner = ctx.org.office(instance.owner);
  let created = 0;
  for (const office of stage.recipients) {
    const escalated = office !== instance.owner;
    for (const r of await recipientsOf(ctx, office, today)) {
      const id = `rem:${instance.id}:${stage.date}:${r.person.id}`;
      const item: Item = {
        id,
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
      };
      const fresh = await Dynamo.create({
        ...Key.notification(ctx.tenant, id),
        ...pendingKey(ctx.tenant, item),
        type: "reminder-item",
        v: 1,
        ...item,
      });
      if (fresh) created++;
    }
  }
  return created;
}

export interface DigestResult {
  people: number;
  outcomes: Partial<Record<Ledger.Outcome, number>>;
  /** People whose digest could not be made (logged; their items wait for the next run). */
  errors?: number;
}

/**
 * The most items one digest carries (the mail template's limit, `Message.Digest`): the most
 * urgent go first, the rest stay pending for the next working day's digest. Reached only when
 * one office is escalated to for a great many instances (a sub-task-force coordinator over
 * every village Satgas of a large district).
 */
export const MAX_DIGEST_ITEMS = 200;

/** Sends each person with pending items one digest for today. */
export async function digests(
  ctx: Context,
  today: string,
  options: Ledger.Options = {},
): Promise<DigestResult> {
  const pending = await Dynamo.queryAll<ItemRecord>({
    index: "gsi1",
    pk: Key.pendingItems(ctx.tenant).gsi1pk,
  });
  const byPerson = new Map<string, ItemRecord[]>();
  for (const p of pending) {
    const list = byPerson.get(p.personId);
    if (list) list.push(p);
    else byPerson.set(p.personId, [p]);
  }
  const outcomes: Partial<Record<Ledger.Outcome, number>> = {};
  let errors = 0;
  for (const [personId, records] of byPerson) {
    // One person's digest failing (a bug, bad data) must not keep everyone else's mail back.
    try {
      const outcome = await digestFor(ctx, today, personId, records, options);
      if (outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } catch (error) {
      errors++;
      console.error(
        JSON.stringify({
          level: "error",
          message: "digest not sent",
          tenant: ctx.tenant,
          date: today,
          personId,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }
  return { people: byPerson.size, outcomes, ...(errors > 0 ? { errors } : {}) };
}

function digestId(date: string, personId: string) {
  return `digest:${date}:${personId}`;
}

/**
 * Marks items done (in `digest`, or why not) and takes them off the pending index: the items
 * are written back whole without their index keys, 25 to a request (nothing else writes an
 * item once it exists; of two runs marking the same item, either label will do).
 */
async function markDone(_tenant: string, records: readonly ItemRecord[], digest: string) {
  await Dynamo.putMany(
    records.map((r) => {
      const { gsi1pk: _pk, gsi1sk: _sk, ...rest } = r;
      return { ...rest, done: true, digest };
    }),
  );
}

async function digestFor(
  ctx: Context,
  today: string,
  personId: string,
  records: ItemRecord[],
  options: Ledger.Options,
): Promise<Ledger.Outcome | undefined> {
  // Items a digest already carried (a crash before they were marked) are done, not resent.
  const earlier = new Map<string, Set<string>>();
  for (const date of new Set(records.map((r) => r.date))) {
    const entry = await Ledger.get(ctx.tenant, digestId(date, personId));
    if (entry)
      earlier.set(date, new Set(entry.items.map((i) => `${i.instance}@${i.stage}@${i.due}`)));
  }
  const carried = records.filter((r) =>
    earlier.get(r.date)?.has(`${r.instance}@${r.stage}@${r.due}`),
  );
  if (carried.length > 0) await markDone(ctx.tenant, carried, "earlier");
  let rest = records.filter((r) => !carried.includes(r));
  if (rest.length === 0 || earlier.has(today)) return undefined; // today's digest went already
  // After an outage, only the newest stage of each instance.
  const newest = new Map<string, ItemRecord>();
  for (const r of rest) {
    const seen = newest.get(r.instance);
    if (!seen || seen.stageDate < r.stageDate) newest.set(r.instance, r);
  }
  const superseded = rest.filter((r) => newest.get(r.instance) !== r);
  if (superseded.length > 0) await markDone(ctx.tenant, superseded, "superseded");
  rest = [...newest.values()];

  const person = await personOf(ctx, personId);
  if (!person) {
    await markDone(ctx.tenant, rest, "no-person");
    return undefined;
  }
  const id = digestId(today, personId);
  const now = Actor.now();
  const order = { overdue: 0, due: 1, escalation: 2, reminder: 3 } as const;
  rest.sort((a, b) => order[a.stage] - order[b.stage] || a.due.localeCompare(b.due));
  // The template lists at most 20 offices as the reason for the mail, by their titles.
  const offices = [...new Set(rest.flatMap((r) => r.offices))].slice(0, 20);
  const officeNames = await Notify.officeNames(ctx.tenant, offices);
  const build = (items: readonly ItemRecord[]) => {
    const rendered = Message.render({
      kind: "digest",
      lang: person.language,
      recipient: { name: person.name },
      offices: officeNames,
      settingsUrl: Notify.settingsUrl(ctx.tenant),
      overviewUrl: Notify.overviewUrl(ctx.tenant, offices),
      today,
      items: items.map((r) => ({
        stage: r.stage,
        title: r.title,
        unit: r.unitName,
        ...(r.responsible ? { responsible: r.responsible } : {}),
        due: r.due,
        article: r.article,
        ...(r.basis ? { basis: r.basis } : {}),
        openUrl: Notify.entityUrl(ctx.tenant, "obligation", r.instance),
        ackUrl: Notify.ackUrl(ctx.tenant, r.id, personId, now),
      })),
    });
    const raw = Message.compose(rendered, {
      from: Notify.from(person.language),
      to: [{ name: person.name, email: person.email }],
      date: now,
      notificationId: id,
    });
    return { rendered, raw };
  };
  // What does not fit (the template's count, or the size the ledger can keep) waits, still
  // pending, for the next digest.
  rest = rest.slice(0, MAX_DIGEST_ITEMS);
  let mail = build(rest);
  while (!Ledger.fits(mail.raw) && rest.length > 1) {
    rest = rest.slice(0, Math.ceil(rest.length * 0.75));
    mail = build(rest);
  }
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
  if (outcome !== "busy") await markDone(ctx.tenant, rest, id);
  return outcome;
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

/** The whole day's work for one task force. Idempotent: run it again and nothing is sent twice. */
export async function runTenant(
  tenant: string,
  today: string,
  options: Ledger.Options = {},
): Promise<TenantRun> {
  const ctx = await context(tenant);
  const mark = await watermark(tenant);
  const from = mark.materialisedFrom ?? trackFrom(ctx);
  const held = rollingKey(ctx);
  const created = await materialise(
    ctx,
    today,
    from,
    mark.materialisedThrough,
    mark.rollingHeld !== held,
  );
  await setWatermark(tenant, {
    materialisedFrom: today,
    materialisedThrough: LocalDate.addMonths(today, horizonMonths(ctx)),
    rollingHeld: held,
    lastRun: today,
  });
  const empty: DigestResult = { people: 0, outcomes: {} };
  if (!ctx.holidays.isWorkingDay(today)) {
    return {
      tenant,
      ok: true,
      workingDay: false,
      created,
      planned: 0,
      items: 0,
      digests: empty,
      swept: {},
    };
  }
  const swept = await Ledger.sweep(tenant, options);
  const planned = await plan(ctx, today);
  const sent = await digests(ctx, today, options);
  if (sent.errors) {
    // Everyone else has their mail; fail the run so that it is retried and, failing again,
    // reaches the dead-letter queue and its alarm.
    throw new Error(`${sent.errors} digest(s) could not be made on ${today} (see the log)`);
  }
  await setWatermark(tenant, { lastOk: today, failures: 0 });
  return {
    tenant,
    ok: true,
    workingDay: true,
    created,
    planned: planned.instances,
    items: planned.items,
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
  const tenants = options.tenants ?? (await TaskForce.list()).map((t) => t.id);
  const runs: TenantRun[] = [];
  for (const tenant of tenants) {
    try {
      runs.push(
        await Actor.provide(
          { type: "system", tenant, job: "daily" },
          () => runTenant(tenant, today, options),
          () => now,
        ),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await setWatermark(tenant, { lastError: `${today}: ${message}`.slice(0, 1000) }).catch(
        () => undefined,
      );
      runs.push({
        tenant,
        ok: false,
        workingDay: true,
        created: 0,
        planned: 0,
        items: 0,
        digests: { people: 0, outcomes: {} },
        swept: {},
        error: message,
      });
    }
  }
  return { today, runs };
}

/**
 * Retries mail a run left claimed but unsent (a crash, SES throttling or errors), for every
 * task force, on working days only: a retried digest never lands on a weekend or holiday.
 */
export async function sweepAll(now: Date, options: RunOptions = {}) {
  const today = LocalDate.at(now);
  const tenants = options.tenants ?? (await TaskForce.list()).map((t) => t.id);
  const results: {
    tenant: string;
    swept?: Partial<Record<Ledger.Outcome, number>>;
    error?: string;
  }[] = [];
  for (const tenant of tenants) {
    try {
      const swept = await Actor.provide(
        { type: "system", tenant, job: "sweep" },
        async () => {
          const info = await TaskForce.get(tenant);
          const settings = Regulation.Settings.parse(info?.settings ?? {});
          if (!Calendar.holidaysFor(settings).isWorkingDay(today)) return {};
          return Ledger.sweep(tenant, options);
        },
        () => now,
      );
      results.push({ tenant, swept });
    } catch (error) {
      results.push({ tenant, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { today, results };
}

export type { SESClient };
export { ConditionFailed };
