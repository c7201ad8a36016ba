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
    // The mail links to the console's landing page; the API's own page takes the same query.
    const query = mail?.body.text?.match(/http:\/\/localhost:3000\/masuk\/tautan(\?\S+)/)?.[1];
    expect(query).toMatch(/^\?tf=sambas&code=/);
    const page = await w.app.request(`/v1/auth/link${query}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const code = html.match(/name="code" value="([^"]+)"/)?.[1] as string;
    const form = await w.app.request("/v1/auth/verify", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ taskForce: "sambas", code }).toString(),
    });
    expect(form.status).toBe(200);
    const cookie = form.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/tenggat_session=.+HttpOnly/i);
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

  it("limits sign-in links per address per hour", async () => {
    const email = "sgt-b.koordinator@sambas.example";
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await w.call("POST", "/v1/auth/sign-in", { body: { taskForce: "sambas", email } })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
