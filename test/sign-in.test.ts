import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

describe("sign-in by e-mailed link, through HTTP", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => {
    await w.stop();
  });

  it("signs the secretary in with the link from the mail, once", async () => {
    const token = await w.signIn("gt.sekretaris@sambas.example");
    const me = await w.call("GET", "/v1/me", { token });
    expect(me.status).toBe(200);
    expect(me.body.offices).toEqual(["gt.sekretaris"]);
    expect(me.body.taskForce).toBe("sambas");
  });

  it("refuses a link used twice", async () => {
    await w.call("POST", "/v1/auth/sign-in", {
      body: { taskForce: "sambas", email: "sgt-a.koordinator@sambas.example" },
    });
    const mails = await w.mail();
    const mail = mails
      .filter((m) => m.destination.to.some((t) => t.includes("sgt-a.koordinator")))
      .at(-1);
    const code = mail?.body.text?.match(/[?&]code=([A-Za-z0-9_-]+)/)?.[1];
    expect(code).toBeTruthy();
    const first = await w.call("POST", "/v1/auth/verify", { body: { taskForce: "sambas", code } });
    const second = await w.call("POST", "/v1/auth/verify", { body: { taskForce: "sambas", code } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe("auth.link_invalid");
  });

  it("signs in from a phone: the link opens a page whose button sets a session cookie", async () => {
    await w.call("POST", "/v1/auth/sign-in", {
      body: { taskForce: "sambas", email: "gt.ketua@sambas.example" },
    });
    const mail = (await w.mail())
      .filter((m) => m.destination.to.some((t) => t.includes("gt.ketua@")))
      .at(-1);
    const link = mail?.body.text?.match(/http:\/\/localhost:3000(\/masuk\/tautan\?\S+)/)?.[1];
    expect(link).toBeTruthy();
    const page = await w.app.request(link as string);
    expect(page.status).toBe(200);
    const pre = (page.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const html = await page.text();
    const field = (name: string) =>
      html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1] as string;
    // The form carries the CSRF token of this browser and posts from the app's own origin.
    const form = await w.app.request("/masuk/tautan", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://localhost",
        cookie: pre,
      },
      body: new URLSearchParams({
        tf: "sambas",
        code: field("code"),
        _csrf: field("_csrf"),
        next: "/akun",
      }).toString(),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/akun");
    const cookie = form.headers.getSetCookie().find((c) => c.startsWith("tenggat_session=")) ?? "";
    expect(cookie).toMatch(/tenggat_session=.+HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await w.app.request("/v1/me", {
      headers: { cookie: cookie.split(";")[0] as string },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { offices: string[] }).offices).toEqual(["gt.ketua"]);
  });

  it("answers 202 for an unknown address and mails nobody", async () => {
    const before = (await w.mail()).length;
    const response = await w.call("POST", "/v1/auth/sign-in", {
      body: { taskForce: "sambas", email: "nobody@sambas.example" },
    });
    expect(response.status).toBe(202);
    expect((await w.mail()).length).toBe(before);
  });

  it("gives 400 with the field at fault, 415 for a wrong content type, 413 for a huge body", async () => {
    const bad = await w.call("POST", "/v1/auth/sign-in", {
      body: { taskForce: "sambas", email: "not-an-address" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("email");

    const text = await w.app.request("/v1/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    expect(text.status).toBe(415);

    const huge = await w.app.request("/v1/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ taskForce: "sambas", email: `${"a".repeat(400_000)}@x.example` }),
    });
    expect(huge.status).toBe(413);

    const malformed = await w.app.request("/v1/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);
  });

  it("rejects a forged or missing session with 401 and a JSON error", async () => {
    const forged = await w.call("GET", "/v1/me", { token: "v1.e30.AAAA" });
    expect(forged.status).toBe(401);
    const none = await w.call("GET", "/v1/units");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("auth.required");
  });

  it("limits sign-in links per address: the same 202 beyond the limit, but no more mail", async () => {
    const email = "sgt-b.koordinator@sambas.example";
    const mailed = async () =>
      (await w.mail()).filter((m) => m.destination.to.some((t) => t.includes(email))).length;
    const before = await mailed();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await w.call("POST", "/v1/auth/sign-in", { body: { taskForce: "sambas", email } })).status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 202]);
    expect((await mailed()) - before).toBe(5);
  });

  it("signs out: the session is refused afterwards, and the cookie is cleared", async () => {
    const token = await w.signIn("sgt-c.koordinator@sambas.example");
    expect((await w.call("GET", "/v1/me", { token })).status).toBe(200);
    const out = await w.app.request("/v1/auth/sign-out", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie") ?? "").toMatch(/tenggat_session=;.*Max-Age=0/i);
    const after = await w.call("GET", "/v1/me", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("auth.session_revoked");
    // A new sign-in works again.
    const again = await w.signIn("sgt-c.koordinator@sambas.example");
    expect((await w.call("GET", "/v1/me", { token: again })).status).toBe(200);
  });
});
