/** @jsxImportSource hono/jsx */
/**
 * What every page needs: who is looking (under the same `Actor` the API uses), their language,
 * the CSRF token, office and unit names; rendering with the layout; errors as pages.
 */
import { Actor } from "@tenggat/core/actor";
import { Directory } from "@tenggat/core/directory";
import { VisibleError } from "@tenggat/core/error";
import { Policy } from "@tenggat/core/policy";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { type Names, names } from "./format.ts";
import { type Catalogue, catalogue } from "./i18n/index.ts";
import { Layout, type Me } from "./layout.tsx";
import { clearSession, csrfToken, PAGE_CSP, SESSION_COOKIE, safeNext } from "./security.ts";

/** Thrown by a page that needs a signed-in person; becomes a redirect to the sign-in form. */
export class SignInNeeded extends Error {}

export interface View {
  c: Context;
  t: Catalogue;
  me?: Me | undefined;
  csrf: string;
  names: Names;
  /** Today in Asia/Pontianak on the app's clock. */
  now: Date;
}

/** The page's view for anyone (signed in or not). */
export async function view(c: Context, lang?: string): Promise<View> {
  const actor = Actor.use();
  const now = Actor.now();
  if (actor.type !== "person") {
    const t = catalogue(lang ?? c.req.query("lang"));
    return { c, t, csrf: csrfToken(c), names: names([], [], t), now };
  }
  const [person, { offices, units }] = await Promise.all([
    Directory.person(actor.tenant, actor.personId),
    Directory.cachedOrganisation(actor.tenant),
  ]);
  const t = catalogue(person?.language);
  const me: Me = {
    tenant: actor.tenant,
    personId: actor.personId,
    name: actor.name,
    offices: actor.offices,
    secretariat: Policy.isSecretariat(actor),
  };
  return { c, t, me, csrf: csrfToken(c), names: names(offices, units, t), now };
}

/** The view of a page that needs a signed-in person (else a redirect to `/masuk`). */
export async function personView(c: Context): Promise<View & { me: Me }> {
  if (Actor.use().type !== "person") throw new SignInNeeded();
  return (await view(c)) as View & { me: Me };
}

/** Renders a page in the layout, with the pages' headers. */
export function render(v: View, title: string, body: Child, status = 200) {
  pageHeaders(v.c, Boolean(v.me));
  return v.c.html(
    <Layout t={v.t} title={title} me={v.me} csrf={v.csrf}>
      {body}
    </Layout>,
    status as 200,
  );
}

export function pageHeaders(c: Context, signedIn: boolean) {
  c.header("content-security-policy", PAGE_CSP);
  // Pages show a person's work, and forms carry tokens: never kept by a cache.
  c.header("cache-control", signedIn ? "no-store" : "no-store, max-age=0");
}

/** 303 to another page (after a POST, or to sign in). */
export function seeOther(c: Context, path: string) {
  pageHeaders(c, false);
  return c.redirect(path, 303);
}

/** The sign-in URL that comes back to `path` afterwards. */
export function signInUrl(tenant: string | undefined, path: string): string {
  const q = new URLSearchParams();
  if (tenant && tenant !== "-") q.set("tf", tenant);
  const next = safeNext(path);
  if (next !== "/") q.set("next", next);
  const s = q.toString();
  return s ? `/masuk?${s}` : "/masuk";
}

function here(c: Context): string {
  const url = new URL(c.req.url);
  return c.req.method === "GET" ? url.pathname + url.search : url.pathname;
}

/**
 * An error thrown by a page, as a page: sign-in needed → 303 to `/masuk` (coming back here
 * afterwards); 403/404/409/400 → a page saying so in the person's language; anything else → a
 * logged 500 page that shows nothing of the error.
 */
export async function errorPage(error: unknown, c: Context) {
  const unauthenticated =
    error instanceof SignInNeeded ||
    (error instanceof VisibleError && error.kind === "unauthenticated");
  if (unauthenticated) {
    if (error instanceof VisibleError && c.req.header("cookie")?.includes(SESSION_COOKIE))
      clearSession(c);
    const tf = c.req.query("tf") ?? tenantOf();
    return seeOther(c, signInUrl(tf, here(c)));
  }
  let v: View;
  try {
    v = await view(c);
  } catch {
    const t = catalogue(undefined);
    v = { c, t, csrf: "", names: names([], [], t), now: new Date() };
  }
  const { t } = v;
  if (error instanceof VisibleError) {
    if (error.code === "csrf.invalid") {
      return render(v, t.csrf.title, <Message title={t.csrf.title} body={t.csrf.body} />, 403);
    }
    if (error.kind === "not-found") {
      return render(
        v,
        t.errors.notFoundTitle,
        <Message title={t.errors.notFoundTitle} body={t.errors.notFound} />,
        404,
      );
    }
    if (error.kind === "forbidden") {
      return render(
        v,
        t.errors.forbiddenTitle,
        <Message title={t.errors.forbiddenTitle} body={t.errors.forbidden} />,
        403,
      );
    }
    if (error.kind === "conflict" || error.kind === "input" || error.kind === "rate-limited") {
      const status = error.kind === "conflict" ? 409 : error.kind === "input" ? 400 : 429;
      return render(
        v,
        t.errors.conflictTitle,
        <Message title={t.errors.conflictTitle} body={error.message} />,
        status,
      );
    }
  }
  console.error(
    JSON.stringify({
      level: "error",
      requestId: c.get("requestId"),
      message: String(error),
      stack: (error as Error)?.stack,
    }),
  );
  return render(
    v,
    t.errors.internalTitle,
    <Message title={t.errors.internalTitle} body={t.errors.internal} />,
    500,
  );
}

function tenantOf(): string | undefined {
  try {
    const tenant = Actor.use().tenant;
    return tenant === "-" ? undefined : tenant;
  } catch {
    return undefined;
  }
}

export function Message({ title, body }: { title: string; body: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">Tenggat</a>
      </p>
    </>
  );
}

/** The page for a route that does not exist. */
export async function notFoundPage(c: Context) {
  return errorPage(new VisibleError("not-found", "route.not_found", "no such page"), c);
}
