import { createRoute, z } from "@hono/zod-openapi";
import { Actor } from "@tenggat/core/actor";
import { Auth } from "@tenggat/core/auth";
import { Directory } from "@tenggat/core/directory";
import { Notify } from "@tenggat/core/notify";
import { Policy } from "@tenggat/core/policy";
import { setCookie } from "hono/cookie";
import { html } from "hono/html";
import { body, createRouter, errors, json, security, tooMany } from "./common.ts";

export const SESSION_COOKIE = "tenggat_session";

export const auth = createRouter();

const Accepted = z.object({ message: z.string() }).openapi("SignInRequested");

auth.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/sign-in",
    security: security.public,
    tags: ["Sign-in"],
    summary: "Send a one-time sign-in link by e-mail",
    description:
      "Always answers 202, whether or not the address is registered, so addresses cannot be probed. The link is valid for a few minutes and can be used once.",
    request: { body: body(Auth.RequestLink) },
    responses: {
      202: json(Accepted, "If the address is registered, a link is on its way"),
      400: errors[400],
      429: tooMany,
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    await Actor.provide({ type: "public", tenant: input.taskForce }, async () => {
      const link = await Auth.issueLink(input);
      if (link) await Notify.signInLink(input.taskForce, link, Auth.LINK_MINUTES);
    });
    return c.json(
      {
        message:
          "Jika alamat ini terdaftar, tautan masuk telah dikirim. / If this address is registered, a sign-in link is on its way.",
      },
      202,
    );
  },
);

// The link in the mail opens a page with a button rather than signing in on GET: mail scanners
// fetch links to check them, and would otherwise burn the single use before the person can.
auth.get("/v1/auth/link", (c) => {
  const tf = c.req.query("tf") ?? "";
  const code = c.req.query("code") ?? "";
  return c.html(html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Masuk ke Tenggat</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5">
<h1 style="font-size:1.4rem">Masuk ke Tenggat</h1>
<p>Tekan tombol di bawah untuk masuk. <span lang="en">(Press the button to sign in.)</span></p>
<form method="post" action="/v1/auth/verify">
<input type="hidden" name="taskForce" value="${tf}"><input type="hidden" name="code" value="${code}">
<button type="submit" style="font-size:1.1rem;padding:.8rem 1.6rem;border-radius:.4rem;border:0;background:#0b5394;color:#fff">Masuk / Sign in</button>
</form></body></html>`);
});

const SessionBody = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    person: Directory.Person,
    offices: z.array(z.string()),
  })
  .openapi("Session");

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

const Me = z
  .object({ person: Directory.Person, offices: z.array(z.string()), taskForce: z.string() })
  .openapi("Me");

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
