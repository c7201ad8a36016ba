/**
 * The meeting forms through HTTP (issue 9 item 5): scheduling shows whom the invitation reaches
 * and warns of every invited office nobody holds before anything is sent; a meeting that already
 * took place is recorded without invitations. Bad input is a 400 beside its field with nothing
 * stored; those who may not get a 403.
 */
import { Directory } from "@tenggat/core/directory";
import type { Meeting } from "@tenggat/core/meeting";
import { clearMail } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "../support.ts";

let w: World;
const now = new Date("2027-02-08T02:00:00Z"); // Monday 8 February 2027, 09:00 WIB
const tokens: Record<string, string> = {};
const SEK = "gt.sekretaris@sambas.example";
const KOOR_A = "sgt-a.koordinator@sambas.example";
const KOOR_B = "sgt-b.koordinator@sambas.example";

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;");

async function post(path: string, who: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of ([] as string[]).concat(v)) body.append(k, one);
  }
  const r = await w.app.request(path, {
    method: "POST",
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: body.toString(),
  });
  return { status: r.status, location: r.headers.get("location"), html: await r.text() };
}
async function get(path: string, who: string) {
  const r = await w.app.request(path, { headers: { authorization: `Bearer ${tokens[who]}` } });
  return { status: r.status, html: await r.text() };
}
async function meetingsOf(unit: string) {
  const r = await w.call("GET", `/v1/meetings?unit=${unit}&from=2027-01-01&limit=200`, {
    token: tokens[SEK],
  });
  return r.body.items as Meeting.Info[];
}

const schedule = {
  kind: "subtask",
  unit: "sgt-a",
  date: "2027-02-15",
  start: "09:00",
  end: "11:00",
  location: "Aula Dinas Pendidikan",
  agenda: "Evaluasi pencegahan",
};

beforeAll(async () => {
  w = await world({ clock: () => now, trackFrom: "2027-01-04" });
  for (const who of [SEK, KOOR_A, KOOR_B]) tokens[who] = await w.signIn(who);
}, 120_000);
afterAll(async () => w?.stop());

describe("scheduling: check whom the invitation reaches first", () => {
  it("lists the invitees and names every office nobody holds; only the confirmation sends", async () => {
    const offices = (await Directory.offices("sambas")).filter((o) => o.unit === "sgt-a");
    const vacant: string[] = [];
    for (const o of offices) {
      if ((await Directory.recipients("sambas", o.code, "2027-02-08")).length === 0) {
        // Members share a title: each is told apart by the position that holds it (L-I).
        vacant.push(o.heldBy ? `${o.title} (${o.heldBy})` : o.title);
      }
    }
    expect(vacant.length).toBeGreaterThan(0); // the sample people leave offices empty
    expect(new Set(vacant).size).toBe(vacant.length);
    await clearMail(w.stores.sesUrl);
    const before = await meetingsOf("sgt-a");

    const check = await post("/rapat/baru", KOOR_A, schedule);

    expect(check.status).toBe(200);
    expect(check.html).toContain("Periksa undangan sebelum dikirim");
    expect(check.html).toContain("tidak ada yang menerima undangan");
    for (const title of vacant) expect(check.html).toContain(esc(title));
    expect(check.html).toContain("Sub Gugus Tugas"); // the coordinator's own office is listed
    expect(check.html).toContain('name="langkah" value="kirim"');
    expect(await meetingsOf("sgt-a")).toEqual(before);
    expect(await w.mail()).toEqual([]);

    const back = await post("/rapat/baru", KOOR_A, { ...schedule, langkah: "ubah" });
    expect(back.status).toBe(200);
    expect(back.html).toContain('value="Aula Dinas Pendidikan"');
    expect(await meetingsOf("sgt-a")).toEqual(before);

    const sent = await post("/rapat/baru", KOOR_A, { ...schedule, langkah: "kirim" });
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/^\/rapat\/mtg_[^?]+\?selesai=jadwal$/);
    expect((await meetingsOf("sgt-a")).length).toBe(before.length + 1);
    expect((await w.mail()).some((m) => m.subject.includes("Undangan rapat"))).toBe(true);
  });

  it("a past date is shown beside its field at the check (400), and nothing is stored", async () => {
    const before = await meetingsOf("sgt-a");
    const bad = await post("/rapat/baru", KOOR_A, { ...schedule, date: "2027-02-01" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#date"');
    expect(bad.html).toMatch(/must not be in the past/);
    expect(await meetingsOf("sgt-a")).toEqual(before);
    // Another unit's coordinator: refused at the check as at the confirmation.
    expect((await post("/rapat/baru", KOOR_B, schedule)).status).toBe(403);
  });
});

describe("recording a meeting that already took place", () => {
  const past = {
    kind: "subtask",
    unit: "sgt-b",
    date: "2027-02-03",
    start: "09:00",
    end: "11:00",
    location: "Puskesmas Sambas",
    present: ["sgt-b.koordinator"],
    others: "3",
    decisions: "Posko pengaduan dibuka\nSosialisasi di pasar",
    "item-0-title": "Siapkan posko",
    "item-0-office": "sgt-b.koordinator",
    "item-0-due": "2027-02-26",
  };

  it("stores it held, invites nobody, and shows it with its decisions and task", async () => {
    const form = await get("/rapat/catat", KOOR_B);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Catat rapat yang sudah berlangsung");
    await clearMail(w.stores.sesUrl);

    const done = await post("/rapat/catat", KOOR_B, past);

    expect(done.status).toBe(303);
    expect(done.location).toMatch(/^\/rapat\/mtg_[^?]+\?selesai=dicatat$/);
    const page = await get(done.location as string, KOOR_B);
    expect(page.html).toContain("Rapat sudah dicatat; tidak ada undangan yang dikirim");
    expect(page.html).toContain("Posko pengaduan dibuka");
    expect(page.html).toContain("Siapkan posko");
    const [m] = (await meetingsOf("sgt-b")).filter((x) => x.date === "2027-02-03");
    expect(m?.status).toBe("held");
    const subjects = (await w.mail()).map((x) => x.subject).join("\n");
    expect(subjects).not.toMatch(/Undangan/);
    expect(subjects).toMatch(/Tugas baru: Siapkan posko/);
    const trail = await get(`/riwayat/meeting/${m?.id}`, SEK);
    expect(trail.html).toContain("mencatat, tanpa undangan,");
  });

  it("a future date is a 400 beside the field, ticks kept, nothing stored; 403 for the wrong people", async () => {
    const before = await meetingsOf("sgt-b");
    const bad = await post("/rapat/catat", KOOR_B, { ...past, date: "2027-02-10" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#date"');
    expect(bad.html).toMatch(/must not be in the future/);
    expect(bad.html).toMatch(/value="sgt-b.koordinator" checked/);
    const nobody = await post("/rapat/catat", KOOR_B, { ...past, present: [], others: "0" });
    expect(nobody.status).toBe(400);
    expect(nobody.html).toContain('href="#others"');
    expect(await meetingsOf("sgt-b")).toEqual(before);
    expect((await post("/rapat/catat", KOOR_A, past)).status).toBe(403);
    expect(await meetingsOf("sgt-b")).toEqual(before);
  });
});
