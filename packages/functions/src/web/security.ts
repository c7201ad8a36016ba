/**
 * The pages' safety (issue 9 "Safety", issue 11 item 14): response headers, the CSRF guard for
 * every state-changing request made with a cookie (pages and `/v1/*`), and `next` paths that
 * can only point inside the app. See SECURITY.md, "Pages: CSRF and headers".
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { Config } from "@tenggat/core/config";
import { VisibleError } from "@tenggat/core/error";
import type { Context, Next } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "tenggat_session";
/** A random value that keys the CSRF token of forms shown before sign-in (login CSRF). */
export const PRE_COOKIE = "tenggat_pre";
/** The form field and header that carry the token. */
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** Requests that create a session: guarded even without a session cookie (login CSRF). */
const SESSION_CREATING = new Set(["/v1/auth/verify", "/masuk", "/masuk/tautan"]);
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * Requests that act on a signed token they carry, never on the cookie (the reminder
 * acknowledgement from a mail): another site cannot forge the token, so the cookie adds nothing.
 */
const TOKEN_AUTHENTICATED = new Set(["/v1/links/ack"]);
/** Content types a cross-site form can send without a CORS preflight. */
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

/** The strict policy of the pages: nothing inline, nothing from elsewhere, never framed. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

function secure(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:";
}

function hmac(key: string): string {
  return createHmac("sha256", Config.sessionSecret()).update(`csrf\0${key}`).digest("base64url");
}

/**
 * The CSRF token for this browser: an HMAC of the session cookie when signed in, else of the
 * pre-session cookie (set here when missing, so a form shown before sign-in can carry a token).
 */
export function csrfToken(c: Context): string {
  const session = getCookie(c, SESSION_COOKIE);
  if (session) return hmac(session);
  let pre = getCookie(c, PRE_COOKIE) ?? (c.get("preCookie" as never) as string | undefined);
  if (!pre) {
    pre = randomBytes(24).toString("base64url");
    setCookie(c, PRE_COOKIE, pre, {
      httpOnly: true,
      secure: secure(c),
      sameSite: "Lax",
      path: "/",
      maxAge: 86_400,
    });
    c.set("preCookie" as never, pre as never);
  }
  return hmac(pre);
}

function sameToken(given: string | undefined, key: string | undefined): boolean {
  if (!given || !key) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(hmac(key));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The origins this app answers on: the request's own and the configured public URL's. */
function ownOrigins(c: Context): string[] {
  const origins = [new URL(c.req.url).origin];
  try {
    origins.push(new URL(Config.publicUrl()).origin);
  } catch {
    // no public URL configured: the request's origin alone
  }
  return origins;
}

function requestOrigin(c: Context): string | undefined {
  const origin = c.req.header("origin");
  if (origin && origin !== "null") return origin;
  const referer = c.req.header("referer");
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

const refused = (why: string) =>
  new VisibleError("forbidden", "csrf.invalid", `cross-site request refused: ${why}`);

/**
 * Checks every state-changing request made with a cookie (or that would create a session):
 * its Origin (or Referer) must be this app's, and it must carry the token of this browser's
 * session in the `_csrf` field (forms) or the `x-csrf-token` header. Requests authenticated by
 * a bearer token or an API key carry no ambient credential and pass untouched.
 */
export async function guard(c: Context, next: Next) {
  if (SAFE.has(c.req.method)) return next();
  if (c.req.header("authorization") || c.req.header("x-api-key")) return next();
  if (TOKEN_AUTHENTICATED.has(c.req.path)) return next();
  const session = getCookie(c, SESSION_COOKIE);
  const pre = getCookie(c, PRE_COOKIE);
  const type = c.req.header("content-type") ?? "";
  // A browser always sends Origin with a POST, so a bodiless request without one is no browser's
  // (and gets the API's own 400 for its missing body); one with an Origin is checked.
  const creating =
    SESSION_CREATING.has(c.req.path) &&
    (FORM_TYPES.test(type) || (!type && c.req.header("origin") !== undefined));
  if (!session && !creating) return next();
  const origin = requestOrigin(c);
  if (!origin) throw refused("no Origin or Referer");
  if (!ownOrigins(c).includes(origin)) throw refused(`origin ${origin}`);
  let given = c.req.header(CSRF_HEADER);
  if (!given && FORM_TYPES.test(type)) {
    const form = await c.req.parseBody();
    const field = form[CSRF_FIELD];
    given = typeof field === "string" ? field : undefined;
  }
  if (!sameToken(given, session ?? pre)) throw refused("missing or wrong token");
  return next();
}

/**
 * Headers on every response: never framed, no MIME sniffing, no referrer to other sites. The
 * console's pages add their strict CSP and `no-store` themselves; token responses get `no-store`.
 */
export async function headers(c: Context, next: Next) {
  await next();
  const h = c.res.headers;
  h.set("x-content-type-options", "nosniff");
  h.set("referrer-policy", "same-origin");
  h.set("x-frame-options", "DENY");
  if (!h.has("content-security-policy")) h.set("content-security-policy", "frame-ancestors 'none'");
  if (c.req.path.startsWith("/v1/auth/") || h.has("set-cookie")) h.set("cache-control", "no-store");
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function setSession(c: Context, token: string, expiresAt: string, now: Date) {
  // Max-Age rather than Expires: the browser's clock need not agree with the app's.
  const maxAge = Math.max(0, Math.floor((new Date(expiresAt).getTime() - now.getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: secure(c),
    sameSite: "Lax",
    path: "/",
    maxAge,
  });
  deleteCookie(c, PRE_COOKIE, { path: "/" });
}

export function clearSession(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secure(c) });
}

/**
 * A `next` path that stays inside the app: one leading `/`, not `//` or `/\` (which browsers
 * read as another host), no scheme, no control characters. Anything else becomes `/`.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || next.length > 1000) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  return next;
}
