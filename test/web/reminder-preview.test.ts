/**
 * The reminder preview through HTTP (issue 9 item 9): the page and its JSON twin, each mail as
 * its recipient will see it (the HTML served alone under a sandboxing CSP), bad dates, roles,
 * and the local runtime's "run the daily job for this date" (absent from the Lambda app).
 */
import { createApp } from "@tenggat/functions/api/app";
import { clearMail } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "../support.ts";

let w: World;
let now = new Date("2027-01-11T01:00:00Z");
const clock = () => now;
let sek = "";
let koor = "";
/** A working day with mail to preview (found from the API's preview). */
let day = "";

const SEK = "gt.sekretaris@sambas.example";
const KOOR_A = "sgt-a.koordinator@sambas.example";

async function get(app: { request: World["app"]["request"] }, path: string, token?: string) {
  const r = await app.request(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: r.status, r, html: await r.text() };
}

beforeAll(async () => {
  w = await world({ clock, trackFrom: "2027-01-04" });
  const { Reminder } = await import("@tenggat/core/reminder");
  await Reminder.daily(now, { tenants: ["sambas"] }); // stores the year's instances
  now = new Date("2027-01-12T01:00:00Z");
  sek = await w.signIn(SEK);
  koor = await w.signIn(KOOR_A);
  for (const d of ["2027-01-12", "2027-01-13", "2027-01-14", "2027-01-15", "2027-01-18"]) {
    const p = await w.call("GET", `/v1/reminders/preview?date=${d}`, { token: sek });
    if (p.body.mails?.length > 0) {
      day = d;
      break;
    }
  }
  if (!day) throw new Error("no day with mail in mid-January");
}, 120_000);
afterAll(async () => w?.stop());

describe("the reminder preview", () => {
  it("lists the mails of a date as the API does, each viewable as its recipient sees it", async () => {
    const api = await w.call("GET", `/v1/reminders/preview?date=${day}`, { token: sek });
    expect(api.status).toBe(200);
    const first = api.body.mails[0];
    const listPage = await get(w.app, `/pratinjau-pengingat?tanggal=${day}`, sek);
    expect(listPage.status).toBe(200);
    for (const m of api.body.mails) {
      expect(listPage.html).toContain(`href="/pratinjau-pengingat/${m.n}?tanggal=${day}"`);
      expect(listPage.html).toContain(m.name);
    }
    expect(listPage.html).toContain("Akan dikirim");
    // No "run the daily job" on the app as Lambda runs it.
    expect(listPage.html).not.toContain("/pratinjau-pengingat/jalankan");

    const one = await get(w.app, `/pratinjau-pengingat/${first.n}?tanggal=${day}`, sek);
    expect(one.status).toBe(200);
    expect(one.html).toContain(first.email);
    // The text part, escaped into the page (a `<` in it could never become markup).
    const firstLine = String(first.text).split("\n")[0] as string;
    expect(one.html).toContain(firstLine.replaceAll("&", "&amp;").replaceAll("<", "&lt;"));
    expect(one.html).not.toContain(first.html);

    const html = await get(w.app, `/pratinjau-pengingat/${first.n}/html?tanggal=${day}`, sek);
    expect(html.status).toBe(200);
    expect(html.html).toBe(first.html);
    expect(html.r.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = html.r.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(html.r.headers.get("cache-control")).toBe("no-store");

    // Today (WIB) when no date is given.
    const today = await w.call("GET", "/v1/reminders/preview", { token: sek });
    expect(today.body.date).toBe("2027-01-12");
  });

  it("refuses a date that is not one, naming the field, and a mail that is not there", async () => {
    const api = await w.call("GET", "/v1/reminders/preview?date=2027-02-30", { token: sek });
    expect(api.status).toBe(400);
    expect(JSON.stringify(api.body.error)).toContain("date");
    const pageBad = await get(w.app, "/pratinjau-pengingat?tanggal=30-02-2027", sek);
    expect(pageBad.status).toBe(400);
    expect(pageBad.html).toContain('href="#tanggal"');
    expect(pageBad.html).toContain("Tulis tanggal yang benar");
    expect((await get(w.app, `/pratinjau-pengingat/999?tanggal=${day}`, sek)).status).toBe(404);
  });

  it("is the secretariat's: a coordinator gets 403 from the page and the API; no session, the sign-in form", async () => {
    expect((await get(w.app, `/pratinjau-pengingat?tanggal=${day}`, koor)).status).toBe(403);
    expect((await get(w.app, `/pratinjau-pengingat/1/html?tanggal=${day}`, koor)).status).toBe(403);
    expect((await w.call("GET", `/v1/reminders/preview?date=${day}`, { token: koor })).status).toBe(
      403,
    );
    const anon = await w.app.request(`/pratinjau-pengingat?tanggal=${day}`);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/^\/masuk\?.*next=%2Fpratinjau-pengingat/);
    expect((await w.call("GET", `/v1/reminders/preview?date=${day}`)).status).toBe(401);
    // The header links to it for the secretariat only.
    expect((await get(w.app, "/", sek)).html).toContain('href="/pratinjau-pengingat"');
    expect((await get(w.app, "/", koor)).html).not.toContain('href="/pratinjau-pengingat"');
  });

  it("runs the real daily job for the date under the local runtime only; the mails are the preview's", async () => {
    const form = (token: string) => ({
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: `tanggal=${day}`,
    });
    // The app as Lambda makes it (lambda.ts: `createApp({ outbox: "inline" })`): no such route.
    const lambda = createApp({ outbox: "inline", clock });
    expect((await lambda.request("/pratinjau-pengingat/jalankan", form(sek))).status).toBe(404);
    expect((await w.mail()).some((m) => m.subject.includes("Pengingat"))).toBe(false);

    const local = createApp({ outbox: "inline", clock, localJobs: true });
    const before = await w.call("GET", `/v1/reminders/preview?date=${day}`, { token: sek });
    const shown = await get(local, `/pratinjau-pengingat?tanggal=${day}`, sek);
    expect(shown.html).toContain('action="/pratinjau-pengingat/jalankan"');
    expect(shown.html).toContain("Jalankan tugas harian untuk tanggal ini");

    // Not the secretariat: refused, nothing sent.
    expect((await local.request("/pratinjau-pengingat/jalankan", form(koor))).status).toBe(403);
    await clearMail(w.stores.sesUrl);
    const ran = await local.request("/pratinjau-pengingat/jalankan", form(sek));
    expect(ran.status).toBe(303);
    const sent = await w.mail();
    expect(ran.headers.get("location")).toBe(
      `/pratinjau-pengingat?tanggal=${day}&dijalankan=${sent.length}`,
    );
    expect(sent.map((m) => m.subject).sort()).toEqual(
      before.body.mails.map((m: { subject: string }) => m.subject).sort(),
    );
    const after = await get(
      local,
      `/pratinjau-pengingat?tanggal=${day}&dijalankan=${sent.length}`,
      sek,
    );
    expect(after.html).toContain(`${sent.length} surel dikirim`);
    expect(after.html).toContain("Tugas harian sudah selesai untuk tanggal ini");

    const bad = await local.request("/pratinjau-pengingat/jalankan", {
      ...form(sek),
      body: "tanggal=kemarin",
    });
    expect(bad.status).toBe(400);
  });
});
