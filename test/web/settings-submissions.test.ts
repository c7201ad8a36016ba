/**
 * The secretariat's settings page (`/pengaturan`) and the submission pages (`/kiriman`) through
 * HTTP (no browser): forms posted as a browser posts them (with a bearer session, which the CSRF
 * guard lets through as the API does), answers read back through the API.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "../support.ts";

let w: World;
const now = new Date("2027-02-08T02:00:00Z");
const tokens = new Map<string, string>();
const SEK = "gt.sekretaris@sambas.example";
const KOOR_A = "sgt-a.koordinator@sambas.example";

async function token(email: string) {
  let t = tokens.get(email);
  if (!t) {
    t = await w.signIn(email);
    tokens.set(email, t);
  }
  return t;
}

async function page(path: string, email: string) {
  const r = await w.app.request(path, {
    headers: { authorization: `Bearer ${await token(email)}` },
  });
  return { status: r.status, location: r.headers.get("location"), html: await r.text() };
}

async function post(path: string, email: string, body: Record<string, string>) {
  const r = await w.app.request(path, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await token(email)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(body).toString(),
  });
  return { status: r.status, location: r.headers.get("location"), html: await r.text() };
}

/** Every field of the choices form as the page shows it (what a browser would post back). */
function formOf(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    fields[m[1] as string] = (m[2] as string).replaceAll("&amp;", "&");
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields[m[1] as string] = m[2] as string;
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2] as string);
    fields[m[1] as string] = selected?.[1] ?? "";
  }
  return fields;
}

const settingsOf = async () =>
  (await w.call("GET", "/v1/settings", { token: await token(SEK) })).body;

beforeAll(async () => {
  w = await world({ clock: () => now, trackFrom: "2027-01-04" });
}, 60_000);
afterAll(async () => w?.stop());

describe("/pengaturan: the task force's settings", () => {
  it("is the secretariat's: a coordinator gets the API's 403, for the page and for a post", async () => {
    expect((await page("/pengaturan", KOOR_A)).status).toBe(403);
    const before = await settingsOf();
    const refused = await post("/pengaturan", KOOR_A, {
      version: String(before.version),
      "reminders.overdueEvery": "3",
    });
    expect(refused.status).toBe(403);
    expect((await settingsOf()).version).toBe(before.version);
    // The link in the header is there for the secretariat only.
    expect((await page("/", KOOR_A)).html).not.toContain('href="/pengaturan"');
    expect((await page("/", SEK)).html).toContain('href="/pengaturan"');
  });

  it("shows each choice with its value, its default and its basis", async () => {
    const r = await page("/pengaturan?tahun=2027", SEK);
    expect(r.status).toBe(200);
    expect(r.html).toContain("Pengaturan gugus tugas");
    expect(r.html).toMatch(/Tenggat laporan Sub Gugus Tugas[^<]*<\/label>/);
    // The sub-task-forces' day: 21 by default, a configured choice (not law).
    expect(r.html).toMatch(/Sekarang: 21 \(bawaan\) · Bawaan: 21 · Dasar: pengaturan gugus tugas/);
    // Which coordinator Satgas reports reach is a reading of L-III §VIII point 3.
    expect(r.html).toMatch(/Dasar: tafsiran atas peraturan/);
    expect(r.html).not.toContain("Dasar: ketentuan peraturan");
  });

  it("saves a changed choice (only what differs from the default is stored), audited", async () => {
    const form = formOf((await page("/pengaturan", SEK)).html, "/pengaturan");
    expect(form["reportDeadlines.subTaskForce"]).toBe("21");
    const saved = await post("/pengaturan", SEK, {
      ...form,
      "reportDeadlines.subTaskForce": "20",
      "reminders.overdueEvery": "5",
      "reminders.offsets.semester-report": "21, 7 ,0",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toContain("selesai=pilihan");
    const after = await settingsOf();
    expect(after.settings).toEqual({
      reportDeadlines: { subTaskForce: 20 },
      reminders: { overdueEvery: 5, offsets: { "semester-report": [21, 7, 0] } },
    });
    const shown = await page("/pengaturan?selesai=pilihan", SEK);
    expect(shown.html).toContain("Pilihan tersimpan.");
    expect(shown.html).toMatch(/Sekarang: 20 \(diubah\) · Bawaan: 21/);
    const trail = await w.call("GET", "/v1/audit?entity=taskforce&id=sambas", {
      token: await token(SEK),
    });
    expect(trail.body.items.at(-1).action).toBe("taskforce.settings_changed");
  });

  it("a bad field is a 400 page naming it, with what was typed kept and nothing stored", async () => {
    const before = await settingsOf();
    const form = formOf((await page("/pengaturan", SEK)).html, "/pengaturan");
    const shape = await post("/pengaturan", SEK, {
      ...form,
      "reminders.overdueEvery": "seminggu",
      "yearlyDue.annualEvaluation": "31-12",
    });
    expect(shape.status).toBe(400);
    expect(shape.html).toContain('id="reminders-overdueEvery-error"');
    expect(shape.html).toContain('href="#yearlyDue-annualEvaluation"');
    expect(shape.html).toContain('value="seminggu"');
    // Well-formed but refused by the rulebook: the tiers must close in order.
    const order = await post("/pengaturan", SEK, {
      ...form,
      "reportDeadlines.satgasDesa": "25",
    });
    expect(order.status).toBe(400);
    expect(order.html).toContain('id="reportDeadlines-satgasDesa-error"');
    expect(order.html).toContain("berurutan: Satgas Desa &lt; Satgas Kecamatan");
    expect(await settingsOf()).toEqual(before);
  });

  it("a stale version is explained (who changed it, reload) and overwrites nothing", async () => {
    const form = formOf((await page("/pengaturan", SEK)).html, "/pengaturan");
    // Someone else saves in between (through the API).
    const current = await settingsOf();
    await w.call("PUT", "/v1/settings", {
      token: await token("gt.ketua-harian@sambas.example"),
      body: { settings: { ...current.settings, submitGraceDays: 3 }, version: current.version },
    });
    const stale = await post("/pengaturan", SEK, { ...form, planPeriodYears: "4" });
    expect(stale.status).toBe(409);
    expect(stale.html).toMatch(/sudah diubah oleh [^<]*Ketua Harian[^<]* sejak Anda membukanya/);
    expect(stale.html).toContain("Muat ulang");
    const after = await settingsOf();
    expect(after.settings.submitGraceDays).toBe(3);
    expect(after.settings.planPeriodYears).toBeUndefined();
  });

  it("each year's official holidays: the default list beside it, add, remove, back to the default", async () => {
    const empty = await page("/pengaturan?tahun=2027", SEK);
    expect(empty.html).toContain("Kalender 2027 memakai daftar perkiraan");
    expect(empty.html).toContain("Belum ada daftar resmi yang disimpan untuk tahun ini.");
    expect(empty.html).toContain("Salin daftar ini sebagai daftar resmi 2027");
    const version = () => settingsOf().then((s) => String(s.version));
    const wrongYear = await post("/pengaturan/libur/tambah", SEK, {
      version: await version(),
      tahun: "2027",
      date: "2028-01-01",
      name: "Tahun Baru",
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.html).toContain('id="holiday-date-error"');
    expect(wrongYear.html).toContain("Tanggal harus dalam tahun 2027");
    const added = await post("/pengaturan/libur/tambah", SEK, {
      version: await version(),
      tahun: "2027",
      date: "2027-03-09",
      name: "Cuti Bersama Idul Fitri",
      kind: "cuti-bersama",
    });
    expect(added.status).toBe(303);
    expect((await settingsOf()).settings.officialHolidays).toEqual({
      "2027": [{ date: "2027-03-09", name: "Cuti Bersama Idul Fitri", kind: "cuti-bersama" }],
    });
    const listed = await page("/pengaturan?tahun=2027", SEK);
    expect(listed.html).toContain("Kalender 2027 memakai daftar resmi yang disimpan");
    expect(listed.html).toContain("Daftar bawaan 2027 (tidak dipakai");
    expect(listed.html).toContain("9 Maret 2027");
    // 2026 ships the official SKB list: the page names the decree.
    expect((await page("/pengaturan?tahun=2026", SEK)).html).toMatch(
      /Kalender 2026 memakai daftar resmi bawaan Tenggat \(SKB/,
    );
    const removed = await post("/pengaturan/libur/hapus", SEK, {
      version: await version(),
      tahun: "2027",
      date: "2027-03-09",
    });
    expect(removed.status).toBe(303);
    expect((await settingsOf()).settings.officialHolidays).toBeUndefined();
    const copied = await post("/pengaturan/libur/salin", SEK, {
      version: await version(),
      tahun: "2027",
    });
    expect(copied.status).toBe(303);
    const lists = (await settingsOf()).settings.officialHolidays;
    expect(lists["2027"].length).toBeGreaterThan(10);
    expect(lists["2027"][0].date).toBe("2027-01-01");
  });

  it("the holiday-list duty's page leads to the form, and storing the year's list satisfies it", async () => {
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(now, { tenants: ["sambas"] });
    const path = `/kewajiban/${encodeURIComponent("holiday-list:gt:2028")}`;
    const open = await page(path, SEK);
    expect(open.status).toBe(200);
    expect(open.html).toContain('href="/pengaturan?tahun=2028#libur"');
    expect((await page(path, KOOR_A)).html).not.toContain("/pengaturan?tahun=2028");
    const added = await post("/pengaturan/libur/tambah", SEK, {
      version: String((await settingsOf()).version),
      tahun: "2028",
      date: "2028-01-01",
      name: "Tahun Baru Masehi",
    });
    expect(added.status).toBe(303);
    const done = await page(path, SEK);
    expect(done.html).not.toContain('href="/pengaturan?tahun=2028#libur"');
    expect(done.html).toMatch(/<a href="\/pengaturan">[^<]+<\/a>/);
  });

  it("upstreams: added with a write-only secret, shown as set, removed; bad URL beside its field", async () => {
    const list = () =>
      w.call("GET", "/v1/upstreams", { token: tokens.get(SEK) as string }).then((r) => r.body);
    const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const bad = await post("/pengaturan/hulu/tambah", SEK, {
      version: "0",
      id: "kalbar",
      name: "Provinsi Kalimantan Barat",
      url: "http://provinsi.example/terima",
      secret,
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="upstream-url-error"');
    expect(bad.html).toContain("Tulis alamat https://");
    expect(bad.html).not.toContain(secret);
    expect((await list()).upstreams).toEqual([]);
    const added = await post("/pengaturan/hulu/tambah", SEK, {
      version: "0",
      id: "kalbar",
      name: "Provinsi Kalimantan Barat",
      url: "https://provinsi.example/terima",
      secret,
    });
    expect(added.status).toBe(303);
    const shown = await page("/pengaturan", SEK);
    expect(shown.html).toContain("Provinsi Kalimantan Barat");
    expect(shown.html).toContain("diatur");
    expect(shown.html).not.toContain(secret);
    expect(shown.html).not.toContain(secret.slice(-4));
    const stale = await post("/pengaturan/hulu/hapus", SEK, { version: "0", id: "kalbar" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("sudah diubah oleh");
    const removed = await post("/pengaturan/hulu/hapus", SEK, {
      version: String((await list()).version),
      id: "kalbar",
    });
    expect(removed.status).toBe(303);
    expect((await list()).upstreams).toEqual([]);
  });
});

describe("the pages' copy of the organisation", () => {
  it("names a village added through the API on the next page (the copy follows the version stamp)", async () => {
    expect((await page("/orang", SEK)).html).not.toContain("Temajuk");
    const added = await w.call("POST", "/v1/units", {
      token: await token(SEK),
      body: { name: "Temajuk", kecamatan: "satgas-kec-paloh" },
    });
    expect(added.status).toBe(201);
    expect((await page("/orang", SEK)).html).toContain("Temajuk");
  });
});

describe("/kiriman: submission packages", () => {
  const KH = "gt.ketua-harian@sambas.example";
  const KETUA = "gt.ketua@sambas.example";
  let receiver: Server;
  let url = "";
  let id = "";

  beforeAll(async () => {
    // Two receivers on 127.0.0.1: one acknowledges with a receipt, one refuses for good.
    receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        if (req.url === "/terima") {
          res.writeHead(202, { "content-type": "application/json" });
          res.end(JSON.stringify({ receipt: "rcpt-kalbar-1" }));
        } else {
          res.writeHead(400, { "content-type": "text/plain" });
          res.end("unknown district");
        }
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => receiver?.close(() => r()));
  });

  it("only the Ketua Harian's office sees the draft form; a bad year is named; drafting lands on the package", async () => {
    expect((await page("/kiriman", SEK)).html).not.toContain('action="/kiriman/baru"');
    expect((await post("/kiriman/baru", SEK, { year: "2026", period: "annual" })).status).toBe(403);
    expect(
      (await w.call("GET", "/v1/submissions", { token: await token(SEK) })).body.items,
    ).toEqual([]);
    const list = await page("/kiriman", KH);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Belum ada paket kiriman.");
    expect(list.html).toContain('action="/kiriman/baru"');
    const bad = await post("/kiriman/baru", KH, { year: "20x6", period: "annual" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="year-error"');
    const made = await post("/kiriman/baru", KH, { year: "2026", period: "annual" });
    expect(made.status).toBe(303);
    expect(made.location).toBe("/kiriman/sbm-2026?selesai=dibuat");
    id = "sbm-2026";
    const again = await post("/kiriman/baru", KH, { year: "2026", period: "annual" });
    expect(again.location).toBe("/kiriman/sbm-2026?selesai=tetap");
  });

  it("the detail page: summary, contents with downloads, history; approve only at one's own step", async () => {
    const kh = await page(`/kiriman/${id}?selesai=dibuat`, KH);
    expect(kh.status).toBe(200);
    expect(kh.html).toContain("Paket sudah disusun.");
    expect(kh.html).toContain("Tahun 2026");
    expect(kh.html).toMatch(/Hash isi.*sha256:[0-9a-f]{64}/s);
    expect(kh.html).toContain(`href="/v1/submissions/${id}.xlsx"`);
    expect(kh.html).toContain(`href="/v1/submissions/${id}.csv?table=kepatuhan"`);
    expect(kh.html).toContain(`href="/kiriman/${id}/setujui"`);
    // The package waits for the Ketua Harian: the Ketua and the Sekretaris see no approve button,
    // and a coordinator can read it (as the API allows) but act on nothing.
    expect((await page(`/kiriman/${id}`, KETUA)).html).not.toContain(`/kiriman/${id}/setujui`);
    const sek = await page(`/kiriman/${id}`, SEK);
    expect(sek.html).not.toContain(`/kiriman/${id}/setujui`);
    expect(sek.html).toContain(`href="/riwayat/submission/${id}"`);
    const koor = await page(`/kiriman/${id}`, KOOR_A);
    expect(koor.status).toBe(200);
    expect(koor.html).not.toContain(`/kiriman/${id}/setujui`);
    expect(koor.html).not.toContain('action="/kiriman/baru"');
    expect((await page(`/kiriman/${id}/setujui`, KETUA)).status).toBe(403);
    const version = String(
      (await w.call("GET", `/v1/submissions/${id}`, { token: await token(KH) })).body.version,
    );
    expect((await post(`/kiriman/${id}/setujui`, KETUA, { version })).status).toBe(403);
    // The Ketua Harian's home lists the package waiting for approval.
    expect((await page("/", KH)).html).toContain(`href="/kiriman/${id}"`);
    expect((await page("/", KOOR_A)).html).not.toContain(`href="/kiriman/${id}"`);
  });

  it("approved by the Ketua Harian then the Ketua (a stale version explained), then delivered", async () => {
    const confirm = await page(`/kiriman/${id}/setujui`, KH);
    expect(confirm.html).toContain("Periksa sebelum melanjutkan");
    const version = /name="version" value="(\d+)"/.exec(confirm.html)?.[1] as string;
    const stale = await post(`/kiriman/${id}/setujui`, KH, {
      version: String(Number(version) + 5),
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("sudah diubah oleh");
    expect((await post(`/kiriman/${id}/setujui`, KH, { version })).location).toBe(
      `/kiriman/${id}?selesai=approve`,
    );
    const ketua = await page(`/kiriman/${id}`, KETUA);
    expect(ketua.html).toContain(`href="/kiriman/${id}/setujui"`);
    expect((await page("/", KETUA)).html).toContain(`href="/kiriman/${id}"`);
    const v2 = /name="version" value="(\d+)"/.exec(
      (await page(`/kiriman/${id}/setujui`, KETUA)).html,
    )?.[1] as string;
    expect((await post(`/kiriman/${id}/setujui`, KETUA, { version: v2 })).status).toBe(303);
    const approved = await page(`/kiriman/${id}`, KH);
    expect(approved.html).toContain("disetujui, belum dikirim");
    expect(approved.html).toContain(`href="/kiriman/${id}/kirim"`);
    expect((await page(`/kiriman/${id}`, SEK)).html).not.toContain(`/kiriman/${id}/kirim`);

    // No delivery address yet: said in words, on the confirmation page, nothing changed.
    const v3 = /name="version" value="(\d+)"/.exec(
      (await page(`/kiriman/${id}/kirim`, KH)).html,
    )?.[1] as string;
    const none = await post(`/kiriman/${id}/kirim`, KH, { version: v3 });
    expect(none.status).toBe(409);
    expect(none.html).toContain("Belum ada tujuan pengiriman");
    const secret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
    await w.call("PUT", "/v1/upstreams", {
      token: await token(SEK),
      body: {
        upstreams: [
          { id: "kalbar", name: "Provinsi Kalimantan Barat", url: `${url}/terima`, secret },
          { id: "salah", name: "Penerima keliru", url: `${url}/tolak`, secret },
        ],
        version: (await w.call("GET", "/v1/upstreams", { token: await token(SEK) })).body.version,
      },
    });
    const sent = await post(`/kiriman/${id}/kirim`, KH, { version: v3 });
    expect(sent.status).toBe(303);
    const detail = await page(`/kiriman/${id}?selesai=deliver`, KH);
    expect(detail.html).toContain("Pengiriman sudah dimulai.");
    expect(detail.html).toMatch(
      /Provinsi Kalimantan Barat[\s\S]*terkirim[\s\S]*tanda terima rcpt-kalbar-1/,
    );
    expect(detail.html).toMatch(
      /Penerima keliru[\s\S]*gagal[\s\S]*galat terakhir: HTTP 400: unknown district/,
    );
    const list = await page("/kiriman", KOOR_A);
    expect(list.html).toContain("tanda terima rcpt-kalbar-1");
    expect(list.html).toContain("gagal");
  });
});
