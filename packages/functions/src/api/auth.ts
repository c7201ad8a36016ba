import { Actor } from "@tenggat/core/actor";
import { Auth } from "@tenggat/core/auth";
import { Directory } from "@tenggat/core/directory";
import { Notify } from "@tenggat/core/notify";
import { Policy } from "@tenggat/core/policy";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import * as z from "zod/mini";
import { body, createRouter, errors, json, security } from "./common.ts";
import { createRoute, named } from "./route.ts";

export const SESSION_COOKIE = "tenggat_session";

export const auth = createRouter();

const Accepted = named(z.object({ message: z.string() }), "SignInRequested");

/**
 * Every sign-in request is answered no sooner than this after it arrived: the work for a
 * registered address (storing the link, handing the mail to SES) then takes no visibly longer
 * than for an unknown one. Measured with `npm run bench:sign-in`; see SECURITY.md.
 */
export const SIGN_IN_FLOOR_MS = 400;

/**
 * The caller's network address, for the per-source limit: on Lambda the address API Gateway saw
 * (`requestContext.http.sourceIp`, which a client cannot set); behind a local proxy on this
 * machine the first hop of `x-forwarded-for`; otherwise the connection's address.
 */
export function sourceAddress(c: Context): string | undefined {
  const env = c.env as
    | {
        event?: {
          requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
        };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  const gateway =
    env?.event?.requestContext?.http?.sourceIp ?? env?.event?.requestContext?.identity?.sourceIp;
  if (gateway) return gateway;
  const socket = env?.incoming?.socket?.remoteAddress;
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 64);
  if (socket && !/^(127\.|::1$|::ffff:127\.)/.test(socket)) return socket;
  return forwarded || socket;
}

auth.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/sign-in",
    security: security.public,
    tags: ["Sign-in"],
    summary: "Send a one-time sign-in link by e-mail",
    description: `Always answers the same 202, in the same time (at least ${SIGN_IN_FLOOR_MS} ms), whether or not the address is registered and whether or not a limit is reached, so addresses cannot be probed. A registered address gets at most ${Auth.LINKS_PER_HOUR} links in any hour and one source at most ${Auth.REQUESTS_PER_SOURCE_PER_HOUR} requests (sliding windows); requests beyond are silently not sent. The link is valid for ${Auth.LINK_MINUTES} minutes and can be used once.`,
    request: { body: body(Auth.RequestLink) },
    responses: {
      202: json(Accepted, "If the address is registered, a link is on its way"),
      400: errors[400],
    },
  }),
  async (c) => {
    const started = performance.now();
    const input = c.req.valid("json");
    const source = sourceAddress(c);
    await Actor.provide({ type: "public", tenant: input.taskForce }, async () => {
      try {
        await Auth.requestSignIn(input, source, (tenant, link) =>
          Notify.signInLink(tenant, link, Auth.LINK_MINUTES),
        );
      } catch (error) {
        // The answer must not differ: a failure is logged for the operator, never shown.
        console.error(
          JSON.stringify({
            level: "error",
            message: "sign-in request failed",
            requestId: c.get("requestId"),
            error: String(error),
            stack: (error as Error)?.stack,
          }),
        );
      }
    });
    // Only a caller over a network can time the answer: a call inside this process (tests,
    // tools: no source at all) is not kept waiting.
    const wait = SIGN_IN_FLOOR_MS - (performance.now() - started);
    if (source !== undefined && wait > 0) await new Promise((r) => setTimeout(r, wait));
    return c.json(
      {
        message:
          "Jika alamat ini terdaftar, tautan masuk telah dikirim. / If this address is registered, a sign-in link is on its way.",
      },
      202,
    );
  },
);

auth.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/sign-out",
    security: security.person,
    tags: ["Sign-in"],
    summary: "Sign out: ends every session of mine, on every device",
    description: `The session cookie is cleared and every session token of the signed-in person is refused from now on (by this server at once, by every server within ${Auth.PRINCIPAL_SECONDS} s).`,
    responses: { 204: { description: "Signed out" }, 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const actor = Actor.use();
    Policy.require(actor.type === "person", "auth.person_only", "only people have sessions");
    await Auth.signOut();
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  },
);

// The link in the mail opens a page with a button rather than signing in on GET: mail scanners
// fetch links to check them, and would otherwise burn the single use before the person can.
// The landing page of the link is the console's `/masuk/tautan` (a button, not a GET sign-in:
// mail scanners fetch links and would burn the single use); links mailed before it still work.
auth.get("/v1/auth/link", (c) => {
  const q = new URLSearchParams({ tf: c.req.query("tf") ?? "", code: c.req.query("code") ?? "" });
  return c.redirect(`/masuk/tautan?${q}`, 303);
});

const SessionBody = named(
  z.object({
    token: z.string(),
    expiresAt: z.string(),
    person: Directory.Person,
    offices: z.array(z.string()),
  }),
  "Session",
);

auth.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/verify",
    security: security.public,
    tags: ["Sign-in"],
    summary: "Redeem a sign-in link for a session token",
    description:
      "Send `{ taskForce, code }` as JSON to get the token in the body (use it as `Authorization: Bearer <token>`). A form post (from the link page) also sets an HttpOnly session cookie and shows a page.",
    request: {
      // Not `required`: with two media types the validator of each runs only for its own type
      // (a required body would run both); `Auth.redeem` validates whatever arrives.
      body: {
        content: {
          "application/json": { schema: Auth.Redeem },
          "application/x-www-form-urlencoded": { schema: Auth.Redeem },
        },
      },
    },
    responses: { 200: json(SessionBody, "Signed in"), 400: errors[400], 401: errors[401] },
  }),
  async (c) => {
    const form = c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded");
    const input = form ? c.req.valid("form") : c.req.valid("json");
    const session = await Actor.provide({ type: "public", tenant: input.taskForce }, () =>
      Auth.redeem(input),
    );
    if (!form) return c.json(session, 200);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      secure: new URL(c.req.url).protocol === "https:",
      sameSite: "Lax",
      path: "/",
      expires: new Date(session.expiresAt),
    });
    return c.html(
      html`<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tenggat</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5">
<h1 style="font-size:1.4rem">Selamat datang, ${session.person.name}</h1>
<p>Anda sudah masuk sampai ${session.expiresAt}. <span lang="en">(You are signed in.)</span></p>
<p><a href="/v1/me">Lihat akun saya / My account</a></p></body></html>`,
      200,
    ) as never;
  },
);

const Me = named(
  z.object({ person: Directory.Person, offices: z.array(z.string()), taskForce: z.string() }),
  "Me",
);

auth.openapi(
  createRoute({
    method: "get",
    path: "/v1/me",
    security: security.person,
    tags: ["Sign-in"],
    summary: "Who I am and which offices I hold today",
    responses: { 200: json(Me, "The signed-in person"), 401: errors[401] },
  }),
  async (c) => {
    const actor = Actor.use();
    Policy.require(actor.type === "person", "auth.person_only", "only people have an account page");
    const me = actor as Extract<Actor.Actor, { type: "person" }>;
    const person = await Directory.person(me.tenant, me.personId);
    return c.json(
      { person: person as Directory.Person, offices: me.offices, taskForce: me.tenant },
      200,
    );
  },
);
