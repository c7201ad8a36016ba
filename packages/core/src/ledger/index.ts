export * as Ledger from "./index.ts";

import { gunzipSync, gzipSync } from "node:zlib";
import type { SESClient } from "@aws-sdk/client-ses";
import { Actor } from "../actor/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import type { Email } from "../email/index.ts";
import { Observe } from "../observe/index.ts";
import * as z from "../util/zod.ts";
import { identify } from "./event.ts";

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
 * - a crash after SES accepted a mail and before it was marked sent leaves the claim *in doubt*
 *   (SES has no idempotency key, so resending could duplicate and not resending could lose).
 *   Every mail carries its ledger entry (the SES message tag `ledger` and the header
 *   `X-Tenggat-Ledger: <tenant>/<id>`), SES publishes a Send event for every mail it accepts
 *   (configuration-set event publishing → SNS → the feedback handler → `confirmEvent`), and that
 *   event marks the entry sent. The sweep resends an expired claim only once no Send event came
 *   within `CONFIRM_MS` after its lease (`resendAt`); a send is started only under a live lease.
 *   So a mail goes out exactly once, unless SES's event publishing is itself delayed past that
 *   window — then at least once (a duplicate), never lost.
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
  personId: z.optional(z.string()),
  to: z.array(z.string()),
  offices: z._default(z.array(z.string()), []),
  subject: z.string(),
  items: z._default(z.array(Item), []),
  status: Status,
  attempts: z.int(),
  leaseUntil: z.string(),
  createdAt: z.string(),
  sentAt: z.optional(z.string()),
  messageId: z.optional(z.string()),
  error: z.optional(z.string()),
  /**
   * How often a claim was taken over after its lease ran out (a run died or gave up holding it):
   * the only way a mail can go out twice is a takeover after SES had accepted it, and
   * `resendAt` makes that wait for SES's Send event.
   */
  takeovers: z.optional(z.int()),
  /**
   * While claimed: the earliest instant the sweep may take the claim over and send it again —
   * the lease's end plus `CONFIRM_MS` when a send under it may have reached SES (in doubt).
   */
  resendAt: z.optional(z.string()),
  /**
   * When SES's Send event for this mail reached the ledger (it marks a claimed entry sent, and
   * stamps one its sender marked). A batch of marks (`flush`, whole items) may write over it.
   */
  confirmedAt: z.optional(z.string()),
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
/**
 * How long after a claim's lease ends SES's Send event for a mail accepted under it may still
 * arrive (event publishing through SNS takes seconds; chosen by the software with a wide
 * margin). Until then an unconfirmed claim is in doubt and is not sent again.
 */
export const CONFIRM_MS = 5 * 60_000;
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

let ledgerClient: SESClient | undefined;

/**
 * `Email` and with it the SES client (`@aws-sdk/client-ses`, ~60 KiB with its protocol) load with
 * the first mail sent, not with the ledger: the SES feedback Lambda and a sweep or daily run with
 * nothing owed read and write the ledger but send nothing (issue 12).
 */
const loadEmail = async () => (await import("../email/index.ts")).Email;

/**
 * The client the ledger sends with: the SDK's own retries off (`maxAttempts: 1`), because the
 * SDK retries a timed-out request that SES may have accepted; `dispatch` retries only what SES
 * refused (throttling, 5xx) and leaves an unanswered attempt in doubt.
 */
export async function client(): Promise<SESClient> {
  ledgerClient ??= (await loadEmail()).createClient({ maxAttempts: 1 });
  return ledgerClient;
}

/** The outbox index orders claims by the instant the sweep may send them (`resendAt`). */
function outboxKey(tenant: string, resendAt: string, id: string) {
  return Key.outboxEntry(tenant, resendAt, id);
}

function after(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** A claim stored before `resendAt` existed is in doubt for `CONFIRM_MS` after its lease. */
function resendAtOf(entry: Pick<Entry, "leaseUntil" | "resendAt">): string {
  return entry.resendAt ?? after(entry.leaseUntil, CONFIRM_MS);
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
  const resendAt = after(leaseUntil, CONFIRM_MS);
  const k = Key.notification(tenant, message.id);
  const stored = encode(message.raw);
  if (stored.length > MAX_STORED_BYTES) {
    throw new RangeError(
      `notification ${message.id}: the message takes ${stored.length} bytes stored, more than ${MAX_STORED_BYTES}`,
    );
  }
  const entry: EntryItem = {
    ...k,
    ...outboxKey(tenant, resendAt, message.id),
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
    resendAt,
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
  // In doubt until `resendAt`: a mail sent under the lease may yet be confirmed by its Send event.
  if (resendAtOf(existing) > now.toISOString()) return { outcome: "busy" };
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const resendAt = after(leaseUntil, CONFIRM_MS);
  try {
    const updated = await Dynamo.update<EntryItem>({
      ...k,
      expression:
        "SET leaseUntil = :lease, resendAt = :resend, gsi2sk = :gsi2sk ADD takeovers :one",
      condition: "#status = :claimed AND leaseUntil = :old",
      names: { "#status": "status" },
      values: {
        ":lease": leaseUntil,
        ":resend": resendAt,
        ":gsi2sk": outboxKey(tenant, resendAt, id).gsi2sk,
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

/**
 * Sends a claimed notification and records the result. Each attempt starts only under the
 * claim's live lease (`leaseUntil`), so whatever SES accepted for it, it accepted before the
 * lease ended (plus one bounded SDK call): the bound `CONFIRM_MS` counts from.
 */
async function dispatch(
  tenant: string,
  id: string,
  raw: Buffer,
  to: string[],
  options: Options,
  entry?: EntryItem,
  leaseUntil: string | undefined = entry?.leaseUntil,
): Promise<Outcome> {
  const sleep = options.sleep ?? defaultSleep;
  const email = await loadEmail();
  const k = Key.notification(tenant, id);
  const tagged = identify(tenant, id, raw);
  let lastError: Email.SendError | undefined;
  // Whether an attempt may have reached SES without an answer (a timeout, a dropped connection).
  let doubt = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // The lease ran out (a long stall): the claim is the sweep's now, after its confirmation window.
    if (leaseUntil && Actor.now().toISOString() >= leaseUntil) return "busy";
    let sent: Email.Sent;
    try {
      sent = await email.send(
        { raw: tagged.raw, to, ...(tagged.tags ? { tags: tagged.tags } : {}) },
        { client: options.client ?? (await client()) },
      );
    } catch (error) {
      const failure = email.classify(error);
      lastError = failure;
      if (failure.code === "email.timeout" || failure.code === "email.network") doubt = true;
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
      // Unanswered: SES may have it. Sending again now could duplicate it; its Send event or the
      // confirmation window decides (the sweep), not this loop.
      if (doubt) break;
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
  // Leave it claimed; the lease it gets now decides when the next sweep tries again — at once
  // after it when SES said no to every attempt, after the confirmation window when one of them
  // may have reached SES unanswered.
  const backoff = Math.max(lastError?.retryAfterMs ?? 0, 60_000);
  const retryLease = new Date(Actor.now().getTime() + backoff).toISOString();
  const resendAt = doubt ? after(retryLease, CONFIRM_MS) : retryLease;
  await Dynamo.update({
    ...k,
    expression:
      "SET leaseUntil = :lease, resendAt = :resend, gsi2sk = :gsi2sk, #error = :error, attempts = attempts + :n",
    names: { "#error": "error" },
    values: {
      ":lease": retryLease,
      ":resend": resendAt,
      ":gsi2sk": outboxKey(tenant, resendAt, id).gsi2sk,
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

/** The claims whose resend time (`resendAt`) has come (one Query): what `sweep` would send now. */
export async function overdue(tenant: string): Promise<Due[]> {
  return Dynamo.queryAll<EntryItem>({
    index: "gsi2",
    pk: Key.outbox(tenant).gsi2pk,
    sk: { lte: `${Actor.now().toISOString()}#~` },
  });
}

/**
 * Sends every claim whose resend time has come (a crashed run with no Send event since, a
 * throttled send): the retry half of exactly-once. Safe to run at any time, concurrently with
 * anything.
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
    counts[
      await dispatch(
        tenant,
        entry.id,
        claimed.raw,
        entry.to,
        options,
        undefined,
        claimed.entry?.leaseUntil,
      )
    ]++;
  }
  return counts;
}

/** Sent notifications of a day are not listed here; the simulator reads SES. This lists what waits. */
export async function pending(tenant: string): Promise<Entry[]> {
  const items = await Dynamo.queryAll<EntryItem>({ index: "gsi2", pk: Key.outbox(tenant).gsi2pk });
  return items.map((i) => Entry.parse(Dynamo.strip(i)));
}

// ---------------------------------------------------------------------------------------------
// Confirmation by SES's Send event (ledger/event.ts, free of zod and of the SES client)

export {
  type Confirmation,
  confirm,
  confirmEvent,
  fromEvent,
  fromTagValue,
  HEADER,
  identify,
  isSendEvent,
  type SendEvent,
  TAG,
  tagValue,
} from "./event.ts";
