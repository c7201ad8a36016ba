export * as Outbox from "./index.ts";

import { AsyncLocalStorage } from "node:async_hooks";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { Fanout } from "../fanout/index.ts";
import type { Notify } from "../notify/index.ts";

/**
 * What a change still owes once it is stored — its audit event in the trail and its
 * announcements (mails) — kept as an *intent* so that a crash at any instant loses neither and
 * doubles neither, on a store with single-item conditional writes only (no transactions).
 *
 * Order of writes for every change (`Audit.commit`):
 *
 * 1. the intent: `Key.intent(tenant, event.at, event.id)` holding the event, the changed
 *    entity's key and the announcements, fully built (one PutItem);
 * 2. the change itself, carrying the same event as its `lastEvent` (the conditional write that
 *    decides whether the change happened at all);
 * 3. then, off the request path when the caller allows it (`collect`) or at once (`inline`):
 *    the event copied to the trail (deterministic key, create-if-absent), each announcement
 *    handed to `Notify.announce` (exactly once per recipient through the ledger's deterministic
 *    claim), and the intent deleted.
 *
 * A crash before 2 leaves an intent for a change that never happened; after 2, an intent for
 * one that did. `sweep` tells them apart by reading the entity: its `lastEvent` is this event
 * (done: complete it), or it has moved past this version and the trail holds this event (done
 * too: `Audit.commit` copies the previous event before every later change), or neither — then
 * the change did not happen, and once the intent is older than `ABANDON_MS` (longer than any
 * request may live) it is dropped. Every step of completing is idempotent, so completing twice
 * (the request's own drain racing the sweep) is harmless.
 */

/** What a stored change still owes. */
export interface Intent {
  event: Audit.Event;
  /** The changed entity's key (its `lastEvent` tells whether the change was stored). */
  entity: { pk: string; sk: string };
  /** Announcements of the change, built when it was made (`Notify.Announcement`). */
  announce: Notify.Announcement[];
}

/** As stored: the announcements as JSON, instants kept as `{ "$date": iso }` to be revived. */
type IntentItem = Dynamo.Item & Omit<Intent, "announce"> & { announce: string; createdAt: string };

function pack(announce: Notify.Announcement[]): string {
  return JSON.stringify(announce, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

function unpack(item: IntentItem): Intent {
  const announce = JSON.parse(item.announce, (_key, value) =>
    value &&
    typeof value === "object" &&
    typeof value.$date === "string" &&
    Object.keys(value).length === 1
      ? new Date(value.$date)
      : value,
  ) as Notify.Announcement[];
  return { event: item.event, entity: item.entity, announce };
}

/** A recorded intent waiting to be completed, with its task force. */
export interface Owed {
  tenant: string;
  intent: Intent;
}

/**
 * How old an intent whose change is not stored must be before it is dropped: longer than any
 * request can live (API Gateway 30 s, Lambda at most 15 minutes; the SDK gives up after six
 * attempts of 10 s), so the change can no longer be in flight. Chosen by the software.
 */
export const ABANDON_MS = 20 * 60_000;

const scope = new AsyncLocalStorage<Owed[]>();

/**
 * Runs `fn` with intents recorded inside it collected in `owed` instead of completed at once:
 * the caller completes them after answering (`settle`) or leaves them to the sweep.
 */
export function collect<R>(owed: Owed[], fn: () => R): R {
  return scope.run(owed, fn);
}

/** Writes an intent (step 1). Its key is deterministic: writing it twice stores one. */
export async function record(tenant: string, intent: Intent): Promise<void> {
  await Dynamo.put({
    ...Key.intent(tenant, intent.event.at, intent.event.id),
    type: "intent",
    v: 1,
    event: intent.event,
    entity: intent.entity,
    announce: pack(intent.announce),
    createdAt: Actor.now().toISOString(),
  });
}

/** Drops an intent whose change was refused (a lost race): nothing is owed. */
export async function discard(tenant: string, intent: Intent): Promise<void> {
  const k = Key.intent(tenant, intent.event.at, intent.event.id);
  await Dynamo.remove(k.pk, k.sk);
}

/**
 * After the change is stored (step 3): completes now, or hands the intent to the enclosing
 * `collect` scope. Inline, a failure is logged and the intent stays for the sweep: the change
 * stands, and its caller must not be told it failed.
 */
export async function owe(tenant: string, intent: Intent): Promise<void> {
  const owed = scope.getStore();
  if (owed) {
    owed.push({ tenant, intent });
    return;
  }
  await completeLogged(tenant, intent);
}

async function completeLogged(tenant: string, intent: Intent): Promise<boolean> {
  try {
    await complete(tenant, intent);
    return true;
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "intent not completed; the sweep retries it",
        tenant,
        event: intent.event.id,
        error: String(error),
      }),
    );
    return false;
  }
}

/** Completes a stored change: its event to the trail, its announcements, then the intent goes. */
export async function complete(tenant: string, intent: Intent): Promise<void> {
  await Audit.append(tenant, intent.event);
  if (intent.announce.length > 0) {
    // Loaded on use: Notify reaches the directory, which commits through Audit and so here.
    const { Notify } = await import("../notify/index.ts");
    for (const a of intent.announce) {
      const outcomes = await Notify.announce(tenant, a);
      // A recipient whose mail could not even be claimed: keep the intent for the next sweep
      // (the ledger skips everyone already claimed). SES failures stay with the ledger.
      if (outcomes.includes("failed")) throw new Error(`announcement ${a.id} not claimed`);
    }
  }
  await discard(tenant, intent);
}

/** Completes owed intents one after the other, each under the system actor `outbox`. */
async function completeAll(owed: readonly Owed[], clock?: Actor.Clock): Promise<void> {
  for (const { tenant, intent } of owed) {
    await Actor.provide(
      { type: "system", tenant, job: "outbox" },
      () => completeLogged(tenant, intent),
      clock,
    );
  }
}

let pending = new Set<Promise<unknown>>();

/**
 * Completes collected intents in the background, each under the system actor `outbox` on the
 * given clock (the local runtime calls it right after answering a request). `idle()` waits for
 * them.
 */
export function settle(owed: Owed[], clock?: Actor.Clock): void {
  if (owed.length === 0) return;
  const work = (async () => {
    await new Promise<void>((r) => setImmediate(r));
    await completeAll(owed, clock);
  })();
  pending.add(work);
  void work.finally(() => pending.delete(work));
}

/** Resolves once every background completion started by `settle` has finished. */
export async function idle(): Promise<void> {
  while (pending.size > 0) {
    const now = [...pending];
    pending = new Set();
    await Promise.allSettled(now);
  }
}

export type Outcome = "completed" | "abandoned" | "waiting" | "failed";

/**
 * Completes every intent of a task force whose change is stored, and drops those whose change
 * can no longer happen (see the module comment). Safe at any time, concurrently with anything.
 * Runs under the caller's actor and clock.
 */
export async function sweep(tenant: string): Promise<Record<Outcome, number>> {
  const now = Actor.now();
  const counts: Record<Outcome, number> = { completed: 0, abandoned: 0, waiting: 0, failed: 0 };
  const items = await Dynamo.queryAll<IntentItem>({
    pk: Key.intents(tenant).pk,
    sk: { lte: `${now.toISOString()}#~` },
  });
  for (const item of items) {
    const intent = unpack(item);
    const state = await stored(tenant, intent);
    if (state === "stored") {
      counts[(await completeLogged(tenant, intent)) ? "completed" : "failed"]++;
    } else if (now.getTime() - Date.parse(item.createdAt) > ABANDON_MS) {
      await discard(tenant, intent);
      counts.abandoned++;
    } else counts.waiting++;
  }
  return counts;
}

/** Whether the intent's change was stored: the entity carries its event, or moved past it. */
async function stored(tenant: string, intent: Intent): Promise<"stored" | "not-stored"> {
  const e = intent.event;
  const entity = await Dynamo.get<Dynamo.Item & Audit.Versioned>(
    intent.entity.pk,
    intent.entity.sk,
  );
  if (!entity) return "not-stored";
  if (entity.lastEvent?.id === e.id && entity.lastEvent.at === e.at) return "stored";
  if ((entity.version ?? 0) <= e.version) return "not-stored";
  // Moved on: the change that made version `e.version` copied its predecessor to the trail.
  const k = Key.auditEvent(tenant, e.entity, e.entityId, e.at, e.version);
  return (await Dynamo.get(k.pk, k.sk)) ? "stored" : "not-stored";
}

/** Intents waiting (for tests and operators). */
export async function waiting(tenant: string): Promise<Intent[]> {
  const items = await Dynamo.queryAll<IntentItem>({ pk: Key.intents(tenant).pk });
  return items.map(unpack);
}

/**
 * The intents sweep for every task force (or the ones named), on any day: a change made on a
 * Sunday is audited and announced on Sunday. One task force's failure does not stop the others.
 */
export async function sweepAll(now: Date, tenants?: string[]) {
  // The registry's ids alone: the task forces' records (and the calendar they import) are not
  // needed to sweep their intents (issue 12: the outbox and sweep Lambdas' first request).
  const ids = tenants ?? (await Fanout.tenantIds());
  const results: { tenant: string; intents?: Record<Outcome, number>; error?: string }[] = [];
  for (const tenant of ids) {
    try {
      const intents = await Actor.provide(
        { type: "system", tenant, job: "outbox" },
        () => sweep(tenant),
        () => now,
      );
      results.push({ tenant, intents });
    } catch (error) {
      results.push({ tenant, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

/**
 * The outbox queue (SQS `OutboxQueue` on AWS): after a request stores a change, the API puts one
 * message naming the task force on it, and a consumer sweeps that task force's intents
 * (`consume`). The mail leaves the request path but goes out within about a second (SQS hands
 * the message to the consumer at once), where the sweep every minute would take up to a minute
 * and query every task force 1,440 times a day whether or not anything was written. The message
 * only names the task force: the intents themselves are in the table, so a lost, duplicated or
 * reordered message loses and doubles nothing (the 15-minute sweep is the safety net).
 */
export interface Message {
  tenant: string;
}

/** The queue, as the API sees it: send messages (the implementation batches them). */
export interface Queue {
  send(messages: readonly Message[]): Promise<void>;
}

/** A queue record, as SQS hands it to Lambda (only the fields used). */
export interface QueueRecord {
  messageId: string;
  body: string;
}

function tenantOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { tenant?: unknown };
    return typeof parsed?.tenant === "string" && parsed.tenant.length > 0
      ? parsed.tenant
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The queue's consumer: sweeps each task force named in a batch once (messages naming the same
 * task force are coalesced) and names the records to retry (SQS's partial batch response): those
 * of a task force whose sweep failed or left an intent it could not complete, and records that
 * name no task force. Runs each sweep under the system actor `outbox` at `now`.
 */
export async function consume(
  records: readonly QueueRecord[],
  now: Date,
): Promise<{
  batchItemFailures: { itemIdentifier: string }[];
  swept: { tenant: string; intents?: Record<Outcome, number>; error?: string }[];
}> {
  const byTenant = new Map<string, string[]>();
  const failures: { itemIdentifier: string }[] = [];
  for (const record of records) {
    const tenant = tenantOf(record.body);
    if (!tenant) {
      console.error(
        JSON.stringify({
          level: "error",
          message: "outbox queue message names no task force",
          messageId: record.messageId,
        }),
      );
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), record.messageId]);
  }
  const swept = await sweepAll(now, [...byTenant.keys()]);
  for (const result of swept) {
    if (result.error || (result.intents?.failed ?? 0) > 0) {
      for (const id of byTenant.get(result.tenant) ?? []) failures.push({ itemIdentifier: id });
    }
  }
  return { batchItemFailures: failures, swept };
}

/**
 * Tells the queue which task forces have intents owed by a request (one message per task force,
 * however many changes it made). Never throws: when the message cannot be sent, the request
 * completes its own intents before answering (as the `inline` mode does), so that a change's
 * mails do not wait for the sweep, which runs only in office hours; an intent that still fails
 * stays for the sweep, and the change stands, so its caller must not be told it failed.
 */
export async function announce(
  owed: readonly Owed[],
  queue: Queue,
  clock?: Actor.Clock,
): Promise<void> {
  const tenants = [...new Set(owed.map((o) => o.tenant))];
  if (tenants.length === 0) return;
  try {
    await queue.send(tenants.map((tenant) => ({ tenant })));
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "outbox queue not told; the request completes its intents itself",
        tenants,
        error: String(error),
      }),
    );
    await completeAll(owed, clock);
  }
}
