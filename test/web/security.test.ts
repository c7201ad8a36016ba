/**
 * The pages' safety through HTTP (issue 9 "Safety", issue 11 item 14): CSRF on every
 * state-changing cookie request incl. the login-CSRF of `POST /v1/auth/verify`, headers, cookie
 * flags, and `next` that cannot leave the app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeNext } from "../../packages/functions/src/web/security.ts";
import { type World, world } from "../support.ts";

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => w?.stop());

const ORIGIN = "http://localhost";

async function mailedCode(email: string): Promise<string> {
  await w.call("POST", "/v1/auth/sign-in", { body: { taskForce: "sambas", email } });
  const mail = (await w.mail())
    .filter((m) => m.destination.to.some((t) => t.includes(email)))
    .at(-1);
  return mail?.body.text?.match(/[?&]code=([A-Za-z0-9_-]+)/)?.[1] as string;
}

/** GETs a page and returns its cookie (pre-session) and the CSRF token in its forms. */
async function formOf(path: string, cookie?: string) {
  const page = await w.app.request(path, { headers: cookie ? { cookie } : {} });
  const html = await page.text();
  const set = page.headers.getSetCookie().map((c) => c.split(";")[0] as string);
  return {
    status: page.status,
    cookie: [cookie, ...set].filter(Boolean).join("; "),
    csrf: html.match(/name="_csrf" value="([^"]+)"/)?.[1] as string,
  };
}

async function session(email: string): Promise<string> {
  const code = await mailedCode(email);
  const landing = await formOf(`/masuk/tautan?tf=sambas&code=${code}`);
  const signed = await w.app.request("/masuk/tautan", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: ORIGIN,
      cookie: landing.cookie,
    },
    body: new URLSearchParams({ tf: "sambas", code, _csrf: landing.csrf }).toString(),
  });
  expect(signed.status).toBe(303);
  const cookie = signed.headers.getSetCookie().find((c) => c.startsWith("tenggat_session="));
  return (cookie ?? "").split(";")[0] as string;
}

describe("login CSRF: a cross-site form cannot sign a victim's browser in", () => {
  it("refuses a form POST to /v1/auth/verify from another origin, and the code stays unused", async () => {
    const code = await mailedCode("gt.ketua@sambas.example");
    const attack = await w.app.request("/v1/auth/verify", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
      },
      body: new URLSearchParams({ taskForce: "sambas", code }).toString(),
    });
    expect(attack.status).toBe(403);
    expect(((await attack.json()) as { error: { code: string } }).error.code).toBe("csrf.invalid");
    expect(attack.headers.get("set-cookie")).toBeNull();
    // Without Origin or Referer, or same-origin without the token: refused as well.
    for (const headers of [{}, { origin: ORIGIN }] as Record<string, string>[]) {
      const r = await w.app.request("/v1/auth/verify", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ taskForce: "sambas", code }).toString(),
      });
      expect(r.status).toBe(403);
    }
    // The code was not burned by the refused attempts: the API client redeems it.
    const json = await w.call("POST", "/v1/auth/verify", { body: { taskForce: "sambas", code } });
    expect(json.status).toBe(200);
  });

  it("refuses the console's own sign-in forms posted cross-site", async () => {
    const code = await mailedCode("gt.ketua@sambas.example");
    const landing = await formOf(`/masuk/tautan?tf=sambas&code=${code}`);
    const cross = await w.app.request("/masuk/tautan", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
        cookie: landing.cookie,
      },
      body: new URLSearchParams({ tf: "sambas", code, _csrf: landing.csrf }).toString(),
    });
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain("Formulir sudah kedaluwarsa");
    expect(cross.headers.get("set-cookie") ?? "").not.toContain("tenggat_session=");
  });
});

describe("CSRF on cookie-authenticated requests (pages and /v1)", () => {
  it("needs Origin and the session's token for a JSON change made with the cookie; bearer needs neither", async () => {
    const cookie = await session("sgt-b.koordinator@sambas.example");
    const patch = (headers: Record<string, string>) =>
      w.app.request("/v1/me", {
        method: "PATCH",
        headers: { "content-type": "application/json", cookie, ...headers },
        body: JSON.stringify({ language: "id" }),
      });
    expect((await patch({})).status).toBe(403);
    expect((await patch({ origin: ORIGIN })).status).toBe(403);
    const page = await formOf("/akun", cookie);
    expect(
      (await patch({ origin: "https://evil.example", "x-csrf-token": page.csrf })).status,
    ).toBe(403);
    expect((await patch({ origin: ORIGIN, "x-csrf-token": "forged" })).status).toBe(403);
    expect((await patch({ origin: ORIGIN, "x-csrf-token": page.csrf })).status).toBe(200);
    // Referer alone (some browsers omit Origin) is enough for the origin check.
    expect((await patch({ referer: `${ORIGIN}/akun`, "x-csrf-token": page.csrf })).status).toBe(
      200,
    );
    const token = await w.signIn("sgt-b.koordinator@sambas.example");
    const bearer = await w.call("PATCH", "/v1/me", { token, body: { language: "id" } });
    expect(bearer.status).toBe(200);
  });

  it("refuses a page form without the token and stores nothing", async () => {
    const cookie = await session("sgt-c.koordinator@sambas.example");
    const forged = await w.app.request("/akun", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, cookie },
      body: "language=en",
    });
    expect(forged.status).toBe(403);
    const me = await w.app.request("/v1/me", { headers: { cookie } });
    expect(((await me.json()) as { person: { language: string } }).person.language).toBe("id");
  });
});

describe("what the guard leaves alone", () => {
  it("a page form the guard has read (urlencoded or multipart) reaches the page as sent", async () => {
    // The pages load on the first page request and get the request after the CSRF guard has
    // read its body (api/app.ts `pages`): the body must arrive whole in either encoding.
    const cookie = await session("sgt-d.koordinator@sambas.example");
    const language = async () =>
      (
        (await (await w.app.request("/v1/me", { headers: { cookie } })).json()) as {
          person: { language: string };
        }
      ).person.language;
    const { csrf } = await formOf("/akun", cookie);
    const multipart = new FormData();
    multipart.set("language", "en");
    multipart.set("_csrf", csrf);
    const saved = await w.app.request("/akun", {
      method: "POST",
      headers: { origin: ORIGIN, cookie },
      body: multipart,
    });
    expect(saved.status).toBe(303);
    expect(await language()).toBe("en");
    const back = await w.app.request("/akun", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, cookie },
      body: new URLSearchParams({ language: "id", _csrf: csrf }).toString(),
    });
    expect(back.status).toBe(303);
    expect(await language()).toBe("id");
  });

  it("a reminder acknowledgement from a mail works in a signed-in browser (it carries its own signed token)", async () => {
    const { Notify } = await import("@tenggat/core/notify");
    const cookie = await session("sgt-d.koordinator@sambas.example");
    const me = await w.app.request("/v1/me", { headers: { cookie } });
    const personId = ((await me.json()) as { person: { id: string } }).person.id;
    const url = Notify.ackUrl("sambas", "digest:2027-01-04:x", personId, new Date());
    const t = new URL(url).searchParams.get("t") as string;
    const acked = await w.app.request("/v1/links/ack", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ t }).toString(),
    });
    expect(acked.status).toBe(200);
  });
});

describe("headers and cookies", () => {
  it("pages: strict CSP without inline script, never framed, nosniff, same-origin referrer, no-store", async () => {
    const page = await w.app.request("/masuk?tf=sambas");
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    expect(page.headers.get("cache-control")).toContain("no-store");
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    const css = await w.app.request("/aset/gaya.css");
    expect(css.headers.get("cache-control")).toContain("max-age=31536000");
  });

  it("token responses are never cached; the API is never framed", async () => {
    const code = await mailedCode("gt.ketua@sambas.example");
    const r = await w.app.request("/v1/auth/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ taskForce: "sambas", code }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("the session cookie is Secure when served over HTTPS", async () => {
    const code = await mailedCode("gt.ketua@sambas.example");
    const landing = await w.app.request(`https://localhost/masuk/tautan?tf=sambas&code=${code}`);
    const pre = landing.headers.getSetCookie()[0] ?? "";
    expect(pre).toMatch(/Secure/);
    const csrf = (await landing.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const signed = await w.app.request("https://localhost/masuk/tautan", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://localhost",
        cookie: pre.split(";")[0] as string,
      },
      body: new URLSearchParams({ tf: "sambas", code, _csrf: csrf }).toString(),
    });
    const cookie = signed.headers.getSetCookie().find((c) => c.startsWith("tenggat_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });
});

describe("no open redirect through `next`", () => {
  it("keeps only paths inside the app", () => {
    expect(safeNext("/laporan/rpt_1?x=1")).toBe("/laporan/rpt_1?x=1");
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "evil",
      "/\u0000x",
      "/a\\b",
      "",
      undefined,
    ]) {
      expect(safeNext(bad)).toBe("/");
    }
  });

  it("a sign-in whose `next` points elsewhere lands at home", async () => {
    const code = await mailedCode("gt.ketua@sambas.example");
    const landing = await formOf(`/masuk/tautan?tf=sambas&code=${code}&next=//evil.example`);
    const signed = await w.app.request("/masuk/tautan", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: ORIGIN,
        cookie: landing.cookie,
      },
      body: new URLSearchParams({
        tf: "sambas",
        code,
        _csrf: landing.csrf,
        next: "//evil.example",
      }).toString(),
    });
    expect(signed.status).toBe(303);
    expect(signed.headers.get("location")).toBe("/");
  });
});
