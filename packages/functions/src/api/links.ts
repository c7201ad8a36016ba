import { Actor } from "@tenggat/core/actor";
import { Auth } from "@tenggat/core/auth";
import { Config } from "@tenggat/core/config";
import { Directory } from "@tenggat/core/directory";
import { Feed } from "@tenggat/core/feed";
import { Policy } from "@tenggat/core/policy";
import { Token } from "@tenggat/core/token";
import { html } from "hono/html";
import * as z from "zod/mini";
import { body, createRouter, errors, json, security } from "./common.ts";
import { createRoute, named } from "./route.ts";

/**
 * What mails link to, usable from a phone without signing in: a signed, expiring link opens a
 * short summary of what the mail is about; another acknowledges a reminder; the personal
 * calendar feed. Plus the person's own settings (language, feed URL).
 */
export const links = createRouter();

const page = (title: string, content: ReturnType<typeof html>) =>
  html`<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:34rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a">${content}</body></html>`;

const Token_ = z.object({ t: z.string().check(z.minLength(10), z.maxLength(2048)) });

links.openapi(
  createRoute({
    method: "get",
    path: "/v1/links/open",
    security: security.public,
    tags: ["Links"],
    summary: "Open what a mail is about (signed link): redirects (303) to its page in the console",
    description:
      "The page asks the person to sign in first when needed, then shows the obligation, report, meeting or task.",
    request: { query: Token_ },
    responses: { 303: { description: "To the page of what the link names" }, 401: errors[401] },
  }),
  async (c) => {
    const claims = Token.verify(
      c.req.valid("query").t,
      { purpose: "link.open", now: Actor.now() },
      Config.linkSecret(),
    );
    const tenant = String(claims.data?.tf ?? "");
    const [entity = "", ...rest] = claims.subject.split(":");
    const id = encodeURIComponent(rest.join(":"));
    const pages: Record<string, string> = {
      obligation: `/kewajiban/${id}`,
      report: `/laporan/${id}`,
      meeting: `/rapat/${id}`,
      task: `/tugas/${id}`,
    };
    const path = pages[entity] ?? "/";
    return c.redirect(`${path}?tf=${encodeURIComponent(tenant)}`, 303) as never;
  },
);

links.get("/v1/links/ack", (c) => {
  const t = c.req.query("t") ?? "";
  return c.html(
    page(
      "Konfirmasi",
      html`<h1 style="font-size:1.3rem">Konfirmasi pengingat</h1><p>Tekan tombol untuk menyatakan bahwa Anda sudah menerima pengingat ini. <span lang="en">(Press to acknowledge this reminder.)</span></p>
<form method="post" action="/v1/links/ack"><input type="hidden" name="t" value="${t}">
<button type="submit" style="font-size:1.1rem;padding:.8rem 1.6rem;border:0;border-radius:.4rem;background:#0b5394;color:#fff">Saya sudah menerima / Acknowledge</button></form>`,
    ),
  );
});

links.openapi(
  createRoute({
    method: "post",
    path: "/v1/links/ack",
    security: security.public,
    tags: ["Links"],
    summary:
      "Acknowledge a reminder (signed link from the mail); recorded once in the audit trail, however often the link is used",
    request: {
      body: {
        content: {
          "application/json": { schema: Token_ },
          "application/x-www-form-urlencoded": { schema: Token_ },
        },
      },
    },
    responses: { 200: json(z.object({ acknowledged: z.string() }), "Recorded"), ...errors },
  }),
  async (c) => {
    const form = c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded");
    const input = z.parse(Token_, form ? c.req.valid("form") : c.req.valid("json"));
    const now = Actor.now();
    const claims = Token.verify(input.t, { purpose: "link.ack", now }, Config.linkSecret());
    const tenant = String(claims.data?.tf ?? "");
    const personId = String(claims.data?.p ?? "");
    const who = await Auth.principal(tenant, personId, now);
    await Actor.provide(
      {
        type: "person",
        tenant,
        personId,
        name: who?.name ?? personId,
        offices: who?.offices ?? [],
      },
      () => Auth.acknowledge(tenant, claims.subject, personId),
    );
    if (form) {
      return c.html(
        page(
          "Terima kasih",
          html`<h1 style="font-size:1.3rem">Terima kasih</h1><p>Konfirmasi Anda tercatat. <span lang="en">(Recorded.)</span></p>`,
        ),
        200,
      ) as never;
    }
    return c.json({ acknowledged: claims.subject }, 200);
  },
);

links.get("/v1/feed.ics", async (c) => {
  const now = Actor.now();
  const { tenant, person } = await Feed.person(c.req.query("t") ?? "", now);
  const text = await Feed.build(tenant, person.id, now);
  return c.body(text, 200, {
    "content-type": "text/calendar; charset=utf-8",
    "cache-control": "private, max-age=900",
  });
});

const MeFeed = named(
  z.object({ https: z.string(), webcal: z.string(), google: z.string() }),
  "FeedLinks",
);

links.openapi(
  createRoute({
    method: "post",
    path: "/v1/me/feed",
    security: security.person,
    tags: ["Sign-in"],
    summary: "My personal calendar feed URL (subscribe from a phone); `rotate: true` replaces it",
    request: { body: body(z.object({ rotate: z._default(z.boolean(), false) })) },
    responses: { 200: json(MeFeed, "Subscription links"), ...errors },
  }),
  async (c) => {
    const actor = Actor.use();
    Policy.require(actor.type === "person", "auth.person_only", "sign in as a person");
    const me = actor as Extract<Actor.Actor, { type: "person" }>;
    const { rotate } = c.req.valid("json");
    const person = rotate
      ? await Directory.updatePerson(me.tenant, me.personId, { rotateFeed: true })
      : await Directory.person(me.tenant, me.personId);
    return c.json(Feed.url(me.tenant, person as Directory.Person, Actor.now()), 200);
  },
);

links.openapi(
  createRoute({
    method: "patch",
    path: "/v1/me",
    security: security.person,
    tags: ["Sign-in"],
    summary: "Change my settings: the language of my mails (`id` or `en`)",
    request: { body: body(z.omit(Directory.UpdatePerson, { rotateFeed: true })) },
    responses: { 200: json(Directory.Person, "Updated"), ...errors },
  }),
  async (c) => {
    const actor = Actor.use();
    Policy.require(actor.type === "person", "auth.person_only", "sign in as a person");
    const me = actor as Extract<Actor.Actor, { type: "person" }>;
    return c.json(await Directory.updatePerson(me.tenant, me.personId, c.req.valid("json")), 200);
  },
);
