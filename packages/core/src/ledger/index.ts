export * as Ledger from "./index.ts";

import { gunzipSync, gzipSync } from "node:zlib";
import type { SESClient } from "@aws-sdk/client-ses";
import { z } from "zod";
import { Actor } from "../actor/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { Email } from "../email/index.ts";
import { Observe } from "../observe/index.ts";

/**
 * The notification ledger: every mail Tenggat sends is first *claimed* here by a conditional
 * write under a deterministic id (what it is about, the stage, the person, the day), then sent,
 * then marked sent. So:
 * - a retry of the whole job, or two runs at once, never send the same notification twice: only
 *   one claim can succeed;
 * - a crash between claim and send leaves a claim whose lease runs out; `sweep` then sends it
 *   (once — taking over a lease is itself a conditional write);
 * - SES throttling or errors back off in-process and then leave the claim for the next sweep, so
 *   nothing is lost;
 * - the one window that can still duplicate is a crash after SES accepted a mail and before it
 *   was marked sent (milliseconds); no protocol without SES-side idempotency can close it.
 * The rendered message is stored with the claim (gzip, base64), so a retry sends exactly what was
 * claimed; a message too large for that (`fits`) is refused before anything is written.
 */

export const Kind = z.enum(["digest", "event", "invitation", "sign-in"]);
export type Kind = z.infer<typeof Kind>;

export const Status = z.enum(["claimed", "sent", "failed"]);
export type Status = z.infer<typeof Status>;

/** An item a digest mail is about (for the year simulator and audits of what was said). */
export const Item = z.object({
  instance: z.string(),
  obligation: z.string(),
  unit: z.string(),
  stage: z.enum(["reminder", "due", "overdue", "escalation"]),
  due: z.string(),
});
export type Item = z.infer<typeof Item>;

export const Entry = z.object({
  id: z.string(),
  kind: Kind,
  /** The local date (Asia/Pontianak) the notification belongs to. */
  date: z.string(),
  personId: z.string().optional(),
  to: z.array(z.string()),
  offices: z.array(z.string()).default([]),
  subject: z.string(),
  items: z.array(Item).default([]),
  status: Status,
  attempts: z.number().int(),
  leaseUntil: z.string(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  error: z.string().optional(),
  /**
   * How often a claim was taken over after its lease ran out (a run died or gave up holding it):
   * the only way a mail can go out twice is a takeover after SES had accepted it.
   */
  takeovers: z.number().int().optional(),
});
export type Entry = z.infer<typeof Entry>;

type EntryItem = Dynamo.Item & Entry & { raw?: string; rawEncoding?: "gzip" };

/**
 * The most a stored message may take (gzip, then base64): the claim must fit in one DynamoDB
 * item (400 KB) beside the entry's other fields (up to a few hundred digest items).
 */
export const MAX_STORED_BYTES = 300_000;

function encode(raw: Buffer): string {
  return gzipSync(raw).toString("base64");
}

function decode(item: EntryItem): Buffer {
  const bytes = Buffer.from(item.raw ?? "", "base64");
  return item.rawEncoding === "gzip" ? gunzipSync(bytes) : bytes;
}

/** Whether a message is small enough to be claimed (stored with its claim). */
export function fits(raw: Buffer): boolean {
  return encode(raw).length <= MAX_STORED_BYTES;
}

/** How long a claim is reserved for the run that made it before another may take it over. */
export const LEASE_MS = 10 * 60_000;
/** In-process attempts per send before the claim is left to the next sweep. */
export const ATTEMPTS = 4;

export interface Message {
  id: string;
  kind: Kind;
  date: string;
  personId?: string;
  to: string[];
  offices?: string[];
  subject: string;
  items?: Item[];
  raw: Buffer;
}

export type Outcome = "sent" | "already" | "busy" | "retry" | "failed";

export interface Options {
  /** SES client to use (tests inject faults with it). */
  client?: SESClient;
  /** Sleep between in-process retries (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Collects "sent" marks instead of writing each at once (`marks()`, then `flush()`): 25 to a
   * request. The price: a crash after SES accepted a mail and before the flush leaves its claim,
   * and the sweep sends it again — the duplicate window the module comment names, widened from
   * one request to one batch (at most `MARK_BATCH` mails). The daily job uses it.
   */
  marks?: Marks;
}

/** How many "sent" marks a batch holds before it is written (one BatchWriteItem request). */
export const MARK_BATCH = 25;

/** "Sent" marks waiting to be written: whole entries, without their claim's outbox keys. */
export interface Marks {
  pending: Dynamo.Item[];
}

/**
 * Adds another whole item to the batch, written with the marks (unconditionally, in the same
 * BatchWriteItem request): the daily job's watermark, so a digest day costs no extra write.
 */
export function also(batch: Marks, item: Dynamo.Item): void {
  batch.pending.push(item);
}

export function marks(): Marks {
  return { pending: [] };
}

/** Writes the waiting "sent" marks (no conditions: an entry under a live lease is this run's). */
export async function flush(batch: Marks): Promise<void> {
  const items = batch.pending.splice(0);
  if (items.length > 0) await Dynamo.putMany(items);
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function outboxKey(tenant: string, leaseUntil: string, id: string) {
  return Key.outboxEntry(tenant, leaseUntil, id);
}

export async function get(tenant: string, id: string): Promise<Entry | undefined> {
  const k = Key.notification(tenant, id);
  const item = await Dynamo.get<EntryItem>(k.pk, k.sk);
  return item ? Entry.parse(Dynamo.strip(item)) : undefined;
}

/**
 * Claims a notification for sending. Returns the claimed entry, or why not: `already` (sent or
 * failed for good) or `busy` (another run holds a live lease on it).
 */
export async function claim(
  tenant: string,
  message: Message,
): Promise<
  { outcome: "claimed"; raw: Buffer; entry?: EntryItem } | { outcome: "already" | "busy" }
> {
  const now = Actor.now();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const k = Key.notification(tenant, message.id);
  const stored = encode(message.raw);
  if (stored.length > MAX_STORED_BYTES) {
    throw new RangeError(
      `notification ${message.id}: the message takes ${stored.length} bytes stored, more than ${MAX_STORED_BYTES}`,
    );
  }
  const entry: EntryItem = {
    ...k,
    ...outboxKey(tenant, leaseUntil, message.id),
    type: "notification",
    v: 1,
    id: message.id,
    kind: message.kind,
    date: message.date,
    ...(message.personId ? { personId: message.personId } : {}),
    to: message.to,
    offices: message.offices ?? [],
    subject: message.subject,
    items: message.items ?? [],
    status: "claimed",
    attempts: 0,
    leaseUntil,
    createdAt: now.toISOString(),
    raw: stored,
    rawEncoding: "gzip",
  };
  const fresh = await Dynamo.create(entry);
  if (fresh) return { outcome: "claimed", raw: message.raw, entry };
  return takeOver(tenant, message.id, now);
}

async function takeOver(
  tenant: string,
  id: string,
  now: Date,
): Promise<
  { outcome: "claimed"; raw: Buffer; entry?: EntryItem } | { outcome: "already" | "busy" }
> {
  const k = Key.notification(tenant, id);
  const existing = await Dynamo.get<EntryItem>(k.pk, k.sk);
  if (existing?.status !== "claimed") return { outcome: "already" };
  if (existing.leaseUntil > now.toISOString()) return { outcome: "busy" };
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  try {
    const updated = await Dynamo.update<EntryItem>({
      ...k,
      expression: "SET leaseUntil = :lease, gsi2sk = :gsi2sk ADD takeovers :one",
      condition: "#status = :claimed AND leaseUntil = :old",
      names: { "#status": "status" },
      values: {
        ":lease": leaseUntil,
        ":gsi2sk": outboxKey(tenant, leaseUntil, id).gsi2sk,
        ":claimed": "claimed",
        ":old": existing.leaseUntil,
        ":one": 1,
      },
    });
    return { outcome: "claimed", raw: decode(updated), entry: updated };
  } catch (error) {
    if (error instanceof ConditionFailed) return { outcome: "busy" };
    throw error;
  }
}

/** Sends a claimed notification and records the result. */
async function dispatch(
  tenant: string,
  id: string,
  raw: Buffer,
  to: string[],
  options: Options,
  entry?: EntryItem,
): Promise<Outcome> {
  const sleep = options.sleep ?? defaultSleep;
  const k = Key.notification(tenant, id);
  let lastError: Email.SendError | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let sent: Email.Sent;
    try {
      sent = await Email.send({ raw, to }, options.client ? { client: options.client } : {});
    } catch (error) {
      const failure = Email.classify(error);
      lastError = failure;
      if (!failure.retryable) {
        await Dynamo.update({
          ...k,
          expression:
            "SET #status = :failed, #error = :error, attempts = attempts + :one REMOVE gsi2pk, gsi2sk",
          names: { "#status": "status", "#error": "error" },
          values: {
            ":failed": "failed",
            ":error": `${failure.code}: ${failure.message}`.slice(0, 1000),
            ":one": 1,
          },
        });
        Observe.count("MailsFailed");
        return "failed";
      }
      if (failure.retryAfterMs && failure.retryAfterMs > 60_000) break;
      await sleep(Math.min(5_000, 200 * 2 ** attempt) + Math.floor(Math.random() * 100));
      continue;
    }
    // SES has the mail now: nothing below may send it again or call it failed. Should recording
    // it fail, the error propagates and the claim stays: the one window the module comment names.
    // (`raw` is a DynamoDB reserved word, hence `#raw`.)
    Observe.count("MailsSent");
    if (options.marks && entry) {
      const { gsi2pk: _pk, gsi2sk: _sk, raw: _raw, rawEncoding: _enc, ...rest } = entry;
      options.marks.pending.push({
        ...rest,
        status: "sent",
        sentAt: Actor.now().toISOString(),
        messageId: sent.messageId,
        attempts: (entry.attempts ?? 0) + 1,
      });
      if (options.marks.pending.length >= MARK_BATCH) await flush(options.marks);
      return "sent";
    }
    await Dynamo.update({
      ...k,
      expression:
        "SET #status = :sent, sentAt = :at, messageId = :mid, attempts = attempts + :one REMOVE gsi2pk, gsi2sk, #raw, rawEncoding",
      names: { "#status": "status", "#raw": "raw" },
      values: {
        ":sent": "sent",
        ":at": Actor.now().toISOString(),
        ":mid": sent.messageId,
        ":one": 1,
      },
    });
    return "sent";
  }
  // Leave it claimed; the lease it gets now decides when the next sweep tries again.
  const backoff = Math.max(lastError?.retryAfterMs ?? 0, 60_000);
  const leaseUntil = new Date(Actor.now().getTime() + backoff).toISOString();
  await Dynamo.update({
    ...k,
    expression:
      "SET leaseUntil = :lease, gsi2sk = :gsi2sk, #error = :error, attempts = attempts + :n",
    names: { "#error": "error" },
    values: {
      ":lease": leaseUntil,
      ":gsi2sk": outboxKey(tenant, leaseUntil, id).gsi2sk,
      ":error": lastError ? `${lastError.code}: ${lastError.message}`.slice(0, 1000) : "unknown",
      ":n": ATTEMPTS,
    },
  });
  return "retry";
}

/** Claims and sends a notification exactly once. */
export async function deliver(
  tenant: string,
  message: Message,
  options: Options = {},
): Promise<Outcome> {
  const claimed = await claim(tenant, message);
  if (claimed.outcome !== "claimed") return claimed.outcome;
  return dispatch(tenant, message.id, claimed.raw, message.to, options, claimed.entry);
}

/** A claim whose lease has run out, as `overdue` lists it. */
export type Due = Pick<Entry, "id" | "to">;

/** The claims whose lease has run out (one Query): what `sweep` would send now. */
export async function overdue(tenant: string): Promise<Due[]> {
  return Dynamo.queryAll<EntryItem>({
    index: "gsi2",
    pk: Key.outbox(tenant).gsi2pk,
    sk: { lte: `${Actor.now().toISOString()}#~` },
  });
}

/**
 * Sends every claim whose lease has run out (a crashed run, throttling): the retry half of
 * exactly-once. Safe to run at any time, concurrently with anything.
 */
export async function sweep(
  tenant: string,
  options: Options = {},
  found?: readonly Due[],
): Promise<Record<Outcome, number>> {
  const now = Actor.now();
  const counts: Record<Outcome, number> = { sent: 0, already: 0, busy: 0, retry: 0, failed: 0 };
  const due = found ?? (await overdue(tenant));
  for (const entry of due) {
    const claimed = await takeOver(tenant, entry.id, now);
    if (claimed.outcome !== "claimed") {
      counts[claimed.outcome]++;
      continue;
    }
    counts[await dispatch(tenant, entry.id, claimed.raw, entry.to, options)]++;
  }
  return counts;
}

/** Sent notifications of a day are not listed here; the simulator reads SES. This lists what waits. */
export async function pending(tenant: string): Promise<Entry[]> {
  const items = await Dynamo.queryAll<EntryItem>({ index: "gsi2", pk: Key.outbox(tenant).gsi2pk });
  return items.map((i) => Entry.parse(Dynamo.strip(i)));
}
