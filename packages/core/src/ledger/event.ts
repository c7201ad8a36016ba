/**
 * The ledger's half that SES's events drive: how a mail names its ledger entry (header and tag)
 * and the confirmation by SES's Send event. Free of zod and of the SES client, so that the SES
 * feedback Lambda, which only confirms entries and suppresses addresses, loads neither
 * (issue 12); `Ledger` re-exports all of it.
 */
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";

/** The MIME header that names a mail's ledger entry: `X-Tenggat-Ledger: <tenant>/<id>`. */
export const HEADER = "X-Tenggat-Ledger";
/** The SES message tag that names it too (`ledger=<tenant/id, escaped for a tag>`). */
export const TAG = "ledger";

const HEADER_VALUE = /^[\x21-\x7e]{1,900}$/;
/** SES tag values: letters, digits, `_` and `-`, at most 256. */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;
const ESCAPES: Record<string, string> = { _: "__", ":": "_c", "/": "_s", ".": "_d" };
const UNESCAPES: Record<string, string> = { _: "_", c: ":", s: "/", d: "." };

/** `tenant/id` in the characters an SES tag allows: `_` escapes (`__`, `_c` `:`, `_s` `/`, `_d` `.`, `_xHHHH`). */
export function tagValue(tenant: string, id: string): string {
  return `${tenant}/${id}`.replace(
    /[^A-Za-z0-9-]/g,
    (c) => ESCAPES[c] ?? `_x${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The reverse of `tagValue`; undefined for a value it did not make. */
export function fromTagValue(value: string): { tenant: string; id: string } | undefined {
  if (!/^(?:[A-Za-z0-9-]|_[_csd]|_x[0-9a-f]{4})+$/.test(value)) return undefined;
  const text = value.replace(/_(x[0-9a-f]{4}|[_csd])/g, (_m, e: string) =>
    e.startsWith("x") ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (UNESCAPES[e] ?? ""),
  );
  return split(text);
}

function split(text: string): { tenant: string; id: string } | undefined {
  const slash = text.indexOf("/");
  if (slash <= 0 || slash === text.length - 1) return undefined;
  return { tenant: text.slice(0, slash), id: text.slice(slash + 1) };
}

/**
 * The message as sent: the header `X-Tenggat-Ledger` put in front of the stored message's
 * headers, and the tag. Either is left out where the id cannot be carried (the other remains;
 * ids are `[A-Za-z0-9_.:-]`, so both fit in practice).
 */
export function identify(
  tenant: string,
  id: string,
  raw: Buffer,
): { raw: Buffer; tags?: Record<string, string> } {
  const value = `${tenant}/${id}`;
  const header = HEADER_VALUE.test(value) ? Buffer.from(`${HEADER}: ${value}\r\n`) : undefined;
  const tag = tagValue(tenant, id);
  return {
    raw: header ? Buffer.concat([header, raw]) : raw,
    ...(TAG_VALUE.test(tag) ? { tags: { [TAG]: tag } } : {}),
  };
}

/**
 * SES's Send event (configuration-set event publishing) as far as the ledger reads it: which
 * entry the mail was (its tag, else its header), SES's message id and when SES accepted it.
 */
export interface SendEvent {
  eventType: "Send";
  mail: {
    messageId: string;
    timestamp: string;
    tags?: Record<string, string[]>;
    headers?: { name: string; value: string }[];
  };
}

/**
 * RFC 3339 date-time with `Z` or an offset, seconds required, any fraction: the pattern of zod's
 * `z.iso.datetime({ offset: true })`, which this guard replaced (zod is ~37 KiB of the SES
 * feedback Lambda, which reads nothing else with it; issue 12).
 */
const DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

/** Whether a payload is a Send event the ledger can read (other fields are allowed and ignored). */
export function isSendEvent(payload: unknown): payload is SendEvent {
  if (!isObject(payload) || payload.eventType !== "Send") return false;
  const mail = payload.mail;
  if (!isObject(mail)) return false;
  if (!isString(mail.messageId) || mail.messageId.length === 0) return false;
  if (!isString(mail.timestamp) || !DATETIME.test(mail.timestamp)) return false;
  const { tags, headers } = mail;
  if (
    tags !== undefined &&
    !(isObject(tags) && Object.values(tags).every((t) => Array.isArray(t) && t.every(isString)))
  ) {
    return false;
  }
  if (
    headers !== undefined &&
    !(
      Array.isArray(headers) &&
      headers.every((h) => isObject(h) && isString(h.name) && isString(h.value))
    )
  ) {
    return false;
  }
  return true;
}

export interface Confirmation {
  tenant: string;
  id: string;
  messageId: string;
  /** When SES accepted the mail. */
  at: Date;
}

/** The ledger entry an SES event is about; undefined for other events and untagged mail. */
export function fromEvent(payload: unknown): Confirmation | undefined {
  if (!isSendEvent(payload)) return undefined;
  const { mail } = payload;
  const tag = mail.tags?.[TAG]?.[0];
  const header = mail.headers?.find((h) => h.name.toLowerCase() === HEADER.toLowerCase());
  const ref =
    (tag ? fromTagValue(tag) : undefined) ?? (header ? split(header.value.trim()) : undefined);
  return ref ? { ...ref, messageId: mail.messageId, at: new Date(mail.timestamp) } : undefined;
}

/**
 * Records SES's word that it accepted the mail (its Send event), in one conditional update: a
 * claimed entry becomes sent (so no sweep sends it again); an entry already marked sent by its
 * sender keeps its send and gains `confirmedAt`. `unknown` for an entry that failed for good or
 * does not exist. The event may arrive any number of times, before or after the sender's own
 * mark: nothing changes after the first.
 */
export async function confirm(c: Confirmation): Promise<"confirmed" | "unknown"> {
  const k = Key.notification(c.tenant, c.id);
  try {
    await Dynamo.update({
      ...k,
      expression:
        "SET #status = :sent, sentAt = if_not_exists(sentAt, :at), messageId = if_not_exists(messageId, :mid), confirmedAt = if_not_exists(confirmedAt, :at) REMOVE gsi2pk, gsi2sk, #raw, rawEncoding",
      condition: "#status IN (:claimed, :sent)",
      names: { "#status": "status", "#raw": "raw" },
      values: {
        ":sent": "sent",
        ":claimed": "claimed",
        ":at": c.at.toISOString(),
        ":mid": c.messageId,
      },
    });
    return "confirmed";
  } catch (error) {
    if (error instanceof ConditionFailed) return "unknown";
    throw error;
  }
}

/** Applies one SES event (any kind): a Send event of a ledger mail confirms its entry. */
export async function confirmEvent(payload: unknown): Promise<"confirmed" | "unknown" | "ignored"> {
  const c = fromEvent(payload);
  return c ? confirm(c) : "ignored";
}
