export * as Token from "./index.ts";

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { VisibleError } from "../error/index.ts";
import { parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * Signed, expiring, URL-safe tokens for links in e-mails (open a report, acknowledge a
 * reminder, sign in) and for sessions.
 *
 * Shape: `v1.<payload>.<signature>`, both parts base64url. The payload is JSON
 * `{ s: subject, e: expiry (epoch seconds), d?: data }`; the signature is HMAC-SHA256 over the
 * version, the purpose and the encoded payload. The purpose is not in the token: it is only in
 * the signature, so a token signed for one purpose simply fails to verify for another (a link
 * token is never accepted as a session token, even with the same secret).
 *
 * The payload is signed, not encrypted: anyone holding the link can read it. Put ids in it,
 * never names, case details or anything about a victim.
 */

const VERSION = "v1";
/** Tokens longer than this are rejected before any decoding (they travel in URLs). */
const MAX_LENGTH = 2048;
const MIN_SECRET_LENGTH = 16;

/** What a token may be used for, e.g. `session`, `link.open`, `link.ack`, `sign-in`, `feed`. */
export const Purpose = z
  .string()
  .check(
    z.maxLength(64),
    z.regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, "purpose: lower-case words joined by dots"),
  );
export type Purpose = z.infer<typeof Purpose>;

/** Data a token may carry: flat JSON values, kept small (the token travels in a URL). */
export const Data = z.record(
  z.string().check(z.maxLength(32)),
  z.union([z.string().check(z.maxLength(256)), z.number(), z.boolean(), z.null()]),
);
export type Data = z.infer<typeof Data>;

export const Claims = z.strictObject({
  purpose: Purpose,
  /** Whom or what the token is about: a person id, a notification id… */
  subject: z.string().check(z.minLength(1), z.maxLength(256)),
  data: z.optional(Data),
  /** The instant after which the token is refused; stored to the second (rounded down). */
  expiresAt: z.date(),
});
export type Claims = z.infer<typeof Claims>;

export interface Verified<D = Data> {
  purpose: Purpose;
  subject: string;
  data: D | undefined;
  expiresAt: Date;
}

const Payload = z.strictObject({
  s: z.string().check(z.minLength(1), z.maxLength(256)),
  e: z.int(),
  d: z.optional(Data),
});

function checkSecret(secret: string): void {
  // A misconfigured (empty or toy) secret must fail loudly, never sign tokens anyone can forge.
  if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`token secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
}

function mac(purpose: string, payload: string, secret: string): Buffer {
  return createHmac("sha256", secret)
    .update(`tenggat-token/${VERSION}\n${purpose}\n${payload}`)
    .digest();
}

/** Signs `claims` into a URL-safe token. */
export function sign(claims: Claims, secret: string): string {
  const c = parse(Claims, claims);
  checkSecret(secret);
  const body: z.infer<typeof Payload> = {
    s: c.subject,
    e: Math.floor(c.expiresAt.getTime() / 1000),
    ...(c.data ? { d: c.data } : {}),
  };
  const payload = Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
  const signature = mac(c.purpose, payload, secret).toString("base64url");
  return `${VERSION}.${payload}.${signature}`;
}

function invalid(): VisibleError {
  return new VisibleError("unauthenticated", "token.invalid", "the link or token is not valid");
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks the signature (constant time), the purpose and the expiry against `now`.
 * Throws `VisibleError("unauthenticated", "token.invalid" | "token.expired")`.
 * With `data`, the token's data is also validated against that schema (and typed by it).
 */
export function verify<D = Data>(
  token: string,
  options: { purpose: Purpose; now: Date; data?: z.ZodMiniType<D> },
  secret: string,
): Verified<D> {
  checkSecret(secret);
  const purpose = parse(Purpose, options.purpose);
  if (typeof token !== "string" || token.length > MAX_LENGTH) throw invalid();
  const parts = token.split(".");
  if (parts.length !== 3) throw invalid();
  const [version, payload, signature] = parts as [string, string, string];
  if (version !== VERSION || !B64URL.test(payload) || !B64URL.test(signature)) throw invalid();

  const expected = mac(purpose, payload, secret);
  const given = Buffer.from(signature, "base64url");
  // Compare in constant time; the length is public (always 32 bytes for a genuine token).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  // base64url has several spellings of the same bytes (unused trailing bits); accept only ours.
  if (given.toString("base64url") !== signature) throw invalid();

  let body: z.infer<typeof Payload>;
  try {
    const parsed = Payload.safeParse(
      JSON.parse(Buffer.from(payload, "base64url").toString("utf8")),
    );
    if (!parsed.success) throw invalid();
    body = parsed.data;
  } catch {
    throw invalid();
  }
  const expiresAt = new Date(body.e * 1000);
  if (options.now.getTime() >= expiresAt.getTime()) {
    throw new VisibleError("unauthenticated", "token.expired", "the link or token has expired");
  }
  let data: D | undefined;
  if (options.data) {
    const parsed = options.data.safeParse(body.d);
    if (!parsed.success) throw invalid();
    data = parsed.data;
  } else {
    data = body.d as D | undefined;
  }
  return { purpose, subject: body.s, data, expiresAt };
}

/**
 * A link into the application carrying a signed token as its `t` query parameter, e.g.
 * `signedUrl(Config.publicUrl(), "/r/rpt_01H", { purpose: "link.open", … }, Config.linkSecret())`.
 */
export function signedUrl(
  baseUrl: string,
  path: string,
  claims: Claims,
  secret: string,
  param = "t",
): string {
  // Relative to the base, so a base with a path (`https://host/tenggat`) keeps it.
  const url = new URL(path.replace(/^\/+/, ""), `${baseUrl.replace(/\/+$/, "")}/`);
  if (!/^https?:$/.test(url.protocol)) throw new Error(`not an http(s) base URL: ${baseUrl}`);
  url.searchParams.set(param, sign(claims, secret));
  return url.toString();
}

/** SHA-256 of `secret`, hex: how one-time secrets (sign-in codes, feed keys) are stored at rest. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A fresh random secret, base64url (`bytes` of entropy, 32 by default), e.g. for a feed URL. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Compares two secrets (or their hashes) in constant time. */
export function secretsEqual(a: string, b: string): boolean {
  const x = createHash("sha256").update(a, "utf8").digest();
  const y = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(x, y);
}
