export * as Idempotency from "./index.ts";

import { createHash } from "node:crypto";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { VisibleError } from "../error/index.ts";

/**
 * Idempotency keys for creates (`Idempotency-Key` header, the semantics Stripe documents): the
 * first request with a key runs and its answer (status and body) is kept; a retry with the same
 * key and the same request gets that answer again without running anything; the same key with a
 * different request is a 409 `idempotency.mismatch`; a duplicate arriving while the first still
 * runs is a 409 `idempotency.in_progress` (retry it shortly). Keys are scoped per task force
 * and principal (person, API key): two people may use the same key without meeting.
 *
 * One item per key (`Key.idempotency`), claimed by a conditional create; single-item
 * conditional writes only. An answer is kept `RETAIN_MS` (checked on read: the `ttl` attribute
 * only lets DynamoDB clean up later). A request that failed with a 5xx keeps no answer, so its
 * retry runs again (every write behind it is crash-safe on its own); any other answer, 4xx
 * included, is replayed, as Stripe does once the request has started executing.
 */

/** How long an answer is replayed (chosen by the software, as Stripe: 24 hours). */
export const RETAIN_MS = 24 * 3_600_000;
/** How long a running first request holds its key before a retry may take over (a crash). */
export const LOCK_MS = 60_000;

/** A key: 1–255 printable ASCII characters (a UUID is the usual choice). */
export function validKey(key: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}

/** The request's fingerprint: method, path and body bytes. */
export function fingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n`).update(body).digest("base64url");
}

export interface Answer {
  status: number;
  body: string;
  contentType: string;
}

type Stored = Dynamo.Item & {
  fingerprint: string;
  state: "running" | "answered";
  createdAt: string;
  lockedUntil: string;
  answer?: Answer;
  ttl: number;
};

export type Begun = { run: true } | { run: false; answer: Answer };

/**
 * Claims the key for this request, or gives the answer to replay. Throws 409 on a mismatch or
 * while the first request still runs, 400 on a malformed key.
 */
export async function begin(
  tenant: string,
  principal: string,
  key: string,
  print: string,
  now: Date,
): Promise<Begun> {
  if (!validKey(key)) {
    throw new VisibleError(
      "input",
      "idempotency.invalid_key",
      "Idempotency-Key: 1 to 255 printable ASCII characters",
      [{ path: "Idempotency-Key", message: "1 to 255 printable ASCII characters" }],
    );
  }
  const k = Key.idempotency(tenant, principal, key);
  const fresh = {
    ...k,
    type: "idempotency",
    v: 1,
    fingerprint: print,
    state: "running" as const,
    createdAt: now.toISOString(),
    lockedUntil: new Date(now.getTime() + LOCK_MS).toISOString(),
    ttl: Math.floor((now.getTime() + RETAIN_MS) / 1000) + 3_600,
  };
  if (await Dynamo.create(fresh)) return { run: true };
  const existing = await Dynamo.get<Stored>(k.pk, k.sk);
  const expired = !existing || now.getTime() - Date.parse(existing.createdAt) >= RETAIN_MS;
  if (!expired && existing.fingerprint !== print) {
    throw new VisibleError(
      "conflict",
      "idempotency.mismatch",
      "Idempotency-Key was used for a different request; use a new key for a new request",
    );
  }
  if (!expired && existing.state === "answered" && existing.answer) {
    return { run: false, answer: existing.answer };
  }
  if (!expired && existing.lockedUntil > now.toISOString()) {
    throw new VisibleError(
      "conflict",
      "idempotency.in_progress",
      "a request with this Idempotency-Key is still being processed; retry shortly",
    );
  }
  // Expired, or a first request that died holding the key: take it over (one taker wins).
  try {
    await Dynamo.put(fresh, {
      expression: existing
        ? "createdAt = :created AND lockedUntil = :locked"
        : "attribute_not_exists(pk)",
      ...(existing
        ? { values: { ":created": existing.createdAt, ":locked": existing.lockedUntil } }
        : {}),
    });
  } catch (error) {
    if (error instanceof ConditionFailed) {
      throw new VisibleError(
        "conflict",
        "idempotency.in_progress",
        "a request with this Idempotency-Key is still being processed; retry shortly",
      );
    }
    throw error;
  }
  return { run: true };
}

/** Keeps the answer of the request that holds the key, for its retries. */
export async function finish(
  tenant: string,
  principal: string,
  key: string,
  answer: Answer,
): Promise<void> {
  const k = Key.idempotency(tenant, principal, key);
  await Dynamo.update({
    ...k,
    expression: "SET #state = :answered, answer = :answer",
    names: { "#state": "state" },
    values: { ":answered": "answered", ":answer": answer },
  });
}

/** Lets the key go without an answer (the request failed with a 5xx): a retry runs again. */
export async function release(tenant: string, principal: string, key: string): Promise<void> {
  const k = Key.idempotency(tenant, principal, key);
  await Dynamo.remove(k.pk, k.sk);
}
