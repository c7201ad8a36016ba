import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { request, sessionToken, taskForce } from "@tenggat/local/fixture";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Finding 2 of issue 11 through HTTP: a special meeting (Pasal 17) handles a case. Its agenda
 * and minutes are for its invitees and the leadership only; no meeting's agenda or minutes go
 * into an `.ics` or the calendar feed; a special meeting's title never leaves the sign-in (mail
 * subjects, `.ics`, feeds say "Rapat khusus Gugus Tugas"). The `.ics` is read with ical.js, an
 * independent parser.
 */

const TF = "uji-khusus";
const NOW = new Date("2027-03-10T02:00:00Z");
const OFFICES = {
  ketua: "gt.ketua",
  sekretaris: "gt.sekretaris",
  koorA: "sgt-a.koordinator",
} as const;
const tokens = {} as Record<keyof typeof OFFICES | "newcomer", string>;
const ids = {} as Record<keyof typeof OFFICES, string>;
let stores: Embedded;
let app: Awaited<ReturnType<typeof makeApp>>;

async function makeApp() {
  const { createApp } = await import("@tenggat/functions/api/app");
  return createApp({ clock: () => NOW });
}
const call = (method: string, path: string, who: keyof typeof tokens, body?: unknown) =>
  request(app, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });

const CASE_TITLE = "Penanganan kasus Desa Sebubus";
const CASE_AGENDA = "Pemulangan korban dari Kuching, pendampingan keluarga";
const ROUTINE_AGENDA = "Evaluasi sosialisasi semester I di tiga kecamatan";
let special = "";

/** Every VEVENT of an iCalendar text, as ical.js reads it. */
function events(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return root.getAllSubcomponents("vevent").map((v) => ({
    summary: String(v.getFirstPropertyValue("summary") ?? ""),
    description: v.getFirstPropertyValue("description"),
    location: String(v.getFirstPropertyValue("location") ?? ""),
  }));
}

beforeAll(async () => {
  stores = await start();
  app = await makeApp();
  const fixture = await taskForce({ tenant: TF, now: NOW, offices: OFFICES });
  Object.assign(tokens, fixture.tokens);
  Object.assign(ids, fixture.ids);
  const called = await call("POST", "/v1/meetings", "ketua", {
    kind: "special",
    title: CASE_TITLE,
    agenda: CASE_AGENDA,
    date: "2027-03-12",
    start: "13:00",
    end: "15:00",
    location: "Kantor Bupati Sambas",
  });
  expect(called.status).toBe(201);
  special = called.body.id;
  const routine = await call("POST", "/v1/meetings", "koorA", {
    kind: "subtask",
    unit: "sgt-a",
    agenda: ROUTINE_AGENDA,
    date: "2027-03-15",
    start: "09:00",
    end: "11:00",
    location: "Aula Dinas Pendidikan",
  });
  expect(routine.status).toBe(201);
  // Someone who takes up an office after the special meeting was called is not invited to it.
  const unit = await call("POST", "/v1/units", "sekretaris", {
    name: "Sebubus",
    kecamatan: "satgas-kec-paloh",
  });
  const person = await call("POST", "/v1/people", "sekretaris", {
    name: "Kepala Desa Baru",
    email: "baru@uji.example",
  });
  const assigned = await call("POST", "/v1/assignments", "sekretaris", {
    office: unit.body.office.code,
    personId: person.body.id,
    start: "2027-03-10",
  });
  expect([unit.status, person.status, assigned.status]).toEqual([201, 201, 201]);
  tokens.newcomer = sessionToken(TF, person.body.id, new Date(NOW.getTime() + 3_600_000));
});
afterAll(async () => {
  await stores?.stop();
});

describe("special meetings (Pasal 17)", () => {
  it("mail subjects and the attached .ics carry a generic title and no agenda", async () => {
    const mails = await sentMail(stores.sesUrl);
    const invitations = mails.filter((m) => m.attachments.some((a) => a.filename === "invite.ics"));
    expect(invitations.length).toBeGreaterThanOrEqual(3);
    for (const mail of mails) {
      const text = `${mail.subject}\n${mail.body.text ?? ""}\n${mail.body.html ?? ""}`;
      expect(text).not.toContain(CASE_TITLE);
      expect(text).not.toContain(CASE_AGENDA);
    }
    const specialMails = mails.filter((m) => m.subject.includes("Rapat khusus Gugus Tugas"));
    expect(specialMails.length).toBeGreaterThanOrEqual(3);
    for (const mail of invitations) {
      const ics = mail.attachments.find((a) => a.filename === "invite.ics");
      const parsed = events(Buffer.from(ics?.content ?? "", "base64").toString("utf8"));
      expect(parsed).toHaveLength(1);
      const [event] = parsed;
      expect(event?.summary).not.toContain(CASE_TITLE);
      expect(String(event?.description ?? "")).not.toContain(CASE_AGENDA);
      expect(String(event?.description ?? "")).not.toContain(ROUTINE_AGENDA);
    }
  });

  it("shows agenda and minutes to invitees and the leadership only", async () => {
    const held = await call("POST", `/v1/meetings/${special}/hold`, "ketua", {
      attendance: { offices: ["gt.ketua"] },
      decisions: ["Korban didampingi Dinas Sosial"],
      heldOn: "2027-03-10",
      version: 1,
    });
    expect(held.status).toBe(200);
    const byKetua = await call("GET", `/v1/meetings/${special}`, "ketua");
    const byInvitee = await call("GET", `/v1/meetings/${special}`, "koorA");
    const byNewcomer = await call("GET", `/v1/meetings/${special}`, "newcomer");
    expect([byKetua.status, byInvitee.status, byNewcomer.status]).toEqual([200, 200, 200]);
    expect(byKetua.body.agenda).toBe(CASE_AGENDA);
    expect(byKetua.body.minutes.decisions).toEqual(["Korban didampingi Dinas Sosial"]);
    expect(byInvitee.body.agenda).toBe(CASE_AGENDA);
    expect(byNewcomer.body.status).toBe("held");
    expect(byNewcomer.body).not.toHaveProperty("agenda");
    expect(byNewcomer.body).not.toHaveProperty("minutes");
    const listed = await call("GET", "/v1/meetings?unit=gt", "newcomer");
    const row = listed.body.items.find((m: { id: string }) => m.id === special);
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty("agenda");
    expect(row).not.toHaveProperty("minutes");
  });

  it("the calendar feed carries titles, times and places only", async () => {
    const { Feed } = await import("@tenggat/core/feed");
    const text = await Feed.build(TF, ids.koorA, NOW);
    const parsed = events(text);
    const meetings = parsed.filter((e) => e.location !== "");
    expect(meetings).toHaveLength(2);
    expect(meetings.map((e) => e.summary)).toContain("Rapat khusus Gugus Tugas");
    expect(meetings.some((e) => e.summary.startsWith("Rapat Koordinasi Sub Gugus Tugas"))).toBe(
      true,
    );
    for (const e of meetings) expect(e.description).toBeNull();
    expect(text).not.toContain(CASE_TITLE);
    expect(text).not.toContain("Pemulangan korban");
    expect(text).not.toContain("Evaluasi sosialisasi");
  });
});
