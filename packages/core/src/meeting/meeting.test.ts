import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Calendar } from "../calendar/index.ts";
import { LocalDate } from "../date/index.ts";
import type { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Org } from "../org/index.ts";
import { Regulation } from "../regulation/index.ts";
import { Task } from "../task/index.ts";
import {
  as,
  asSystem,
  clock,
  failure,
  instance,
  OFFICES,
  seed,
  snapshot,
  TENANT,
  UNITS,
  type Who,
} from "./fixture.ts";
import { Meeting } from "./index.ts";

// Observe what is announced (the mail layer is someone else's), and inject one fault the
// embedded store cannot produce: a crash between storing the minutes and their follow-ups.
const hooks = vi.hoisted(() => ({
  announced: [] as Notify.Announcement[],
  failSatisfy: 0,
}));
vi.mock("../notify/index.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../notify/index.ts")>();
  const announce: typeof actual.announce = async (tenant, a) => {
    hooks.announced.push(a);
    return actual.announce(tenant, a);
  };
  return { ...actual, announce, Notify: { ...actual.Notify, announce } };
});
vi.mock("../obligation/index.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../obligation/index.ts")>();
  const satisfy: typeof actual.satisfy = async (...args) => {
    if (hooks.failSatisfy > 0) {
      hooks.failSatisfy--;
      throw new Error("simulated crash before the obligation was satisfied");
    }
    return actual.satisfy(...args);
  };
  return { ...actual, satisfy, Obligation: { ...actual.Obligation, satisfy } };
});

const ALL_OFFICES = OFFICES.map((o) => o.code).sort();
const UNIT_A = "Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak";
type Sent = { meeting: { date: string }; calendar: { uid: string; sequence: number } };
const sent = (a: Notify.Announcement | undefined) => a?.data as unknown as Sent;
const SGT_A = ALL_OFFICES.filter((o) => o.startsWith("sgt-a."));

let stores: Embedded;
let ids: Record<Who, string>;

beforeAll(async () => {
  stores = await start();
  ids = await seed();
});
afterAll(async () => {
  await stores.stop();
});
beforeEach(() => {
  hooks.announced.length = 0;
  hooks.failSatisfy = 0;
});

const subtask = (over: Record<string, unknown> = {}) => ({
  kind: "subtask" as const,
  unit: "sgt-a",
  date: "2027-03-20",
  start: "09:00",
  end: "11:00",
  location: "Aula Kantor Bupati Sambas",
  agenda: "Koordinasi pencegahan",
  // 20 March 2027 is a Saturday: these tests schedule on it on purpose (issue 8 §8).
  nonWorkingDay: true,
  ...over,
});

const minutes = (over: Record<string, unknown> = {}) => ({
  attendance: { offices: ["sgt-a.koordinator", "sgt-a.anggota.disdik"], others: 3 },
  decisions: ["Sosialisasi di sekolah pada bulan April"],
  actionItems: [
    { title: "Siapkan bahan sosialisasi", office: "sgt-a.anggota.disdik", due: "2027-04-15" },
    { title: "Undang penyuluh agama", office: "sgt-a.anggota.kemenag", due: "2027-04-01" },
  ],
  ...over,
});

describe("scheduling", () => {
  it("schedules a sub-task-force meeting: its unit invited, uid and sequence, audited, announced", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask()));

    expect(m).toMatchObject({
      kind: "subtask",
      unit: "sgt-a",
      status: "scheduled",
      version: 1,
      sequence: 0,
      uid: `${m.id}@tenggat`,
      convenedBy: "sgt-a.koordinator",
      title: "Rapat Koordinasi Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak",
    });
    expect(m.id).toMatch(/^mtg_[0-9A-Z]{26}$/);
    expect(m.invitees).toEqual(SGT_A);
    expect(m.article).toMatch(/^Pasal 15a, 16;/);
    const trail = await Audit.ofEntity(TENANT, "meeting", m.id);
    expect(trail.items.map((e) => e.action)).toEqual(["meeting.scheduled"]);
    expect(trail.items[0]?.actor.id).toBe(ids.koorA);
    expect(hooks.announced).toEqual([
      {
        id: `meeting:${m.id}:v1`,
        kind: "meeting-invitation",
        offices: SGT_A,
        ref: { entity: "meeting", id: m.id },
        data: {
          meeting: expect.objectContaining({
            title: m.title,
            unit: { id: UNIT_A, en: UNIT_A },
            date: "2027-03-20",
            start: "09:00",
            end: "11:00",
            location: "Aula Kantor Bupati Sambas",
            article: m.article,
            convenedBy: { id: "sgt-a.koordinator", en: "sgt-a.koordinator" },
          }),
          calendar: expect.objectContaining({ uid: m.uid, sequence: 0 }),
        },
      },
    ]);
    const calendar = hooks.announced[0]?.data as { calendar: { attendees: { email: string }[] } };
    expect(calendar.calendar.attendees.map((a) => a.email).sort()).toEqual([
      "disdik@sambas.example",
      "kemenag@sambas.example",
      "koora@sambas.example",
      "wakila@sambas.example",
    ]);
    const mails = await sentMail(stores.sesUrl);
    const toDisdik = mails.filter((mail) =>
      mail.destination.to.some((t) => t.includes("<disdik@sambas.example>")),
    );
    const ics = toDisdik
      .flatMap((mail) => mail.attachments)
      .map((a) => Buffer.from(a.content, "base64").toString("utf8"))
      .join("\n");
    expect(ics).toContain(`UID:${m.uid}`);
    expect(await as("koorA", () => Meeting.fromID({ id: m.id }))).toEqual(m);
  });

  it("a special meeting invites every office of the task force (Pasal 17(2)) and is announced as called", async () => {
    const bySecretariat = await as("sekretaris", () =>
      Meeting.schedule({ ...subtask({ kind: "special" }), unit: undefined }),
    );
    // L-III §VI: a coordinator whose monitoring finds a problem may call one directly.
    const byCoordinator = await as("koorB", () =>
      Meeting.schedule({ ...subtask({ kind: "special" }), unit: "gt" }),
    );

    for (const m of [bySecretariat, byCoordinator]) {
      expect(m.unit).toBe("gt");
      expect(m.invitees).toEqual(ALL_OFFICES);
      expect(m.title).toBe("Rapat Koordinasi Khusus");
    }
    expect(bySecretariat.convenedBy).toBe("gt.sekretaris");
    expect(byCoordinator.convenedBy).toBe("sgt-b.koordinator");
    expect(hooks.announced.map((a) => [a.kind, a.offices])).toEqual([
      ["special-meeting-called", ALL_OFFICES],
      ["special-meeting-called", ALL_OFFICES],
    ]);
  });

  it("guests are added to those the regulation invites, never instead of them", async () => {
    const m = await as("koorA", () =>
      Meeting.schedule(subtask({ invitees: ["gt.anggota.polres", "sgt-a.koordinator"] })),
    );

    expect(m.invitees).toEqual([...SGT_A, "gt.anggota.polres"].sort());
  });

  it("only the secretariat or the unit's coordinator or deputy may call a meeting", async () => {
    const before = await snapshot();

    const cases: [Who, Record<string, unknown>, string][] = [
      ["koorB", subtask(), "meeting.not_allowed"],
      ["disdik", subtask(), "meeting.not_allowed"],
      ["koorA", { ...subtask({ kind: "taskforce" }), unit: undefined }, "meeting.not_allowed"],
      ["koorA", { ...subtask({ kind: "workshop" }), unit: undefined }, "meeting.not_allowed"],
      ["polres", { ...subtask({ kind: "special" }), unit: undefined }, "meeting.not_allowed"],
    ];
    for (const [who, input, code] of cases) {
      const error = await failure(() =>
        as(who, () => Meeting.schedule(input as Parameters<typeof Meeting.schedule>[0])),
      );
      expect([who, error.kind, error.code]).toEqual([who, "forbidden", code]);
    }
    const anonymous = await failure(() =>
      Actor.provide({ type: "public", tenant: TENANT }, () => Meeting.schedule(subtask()), clock),
    );
    expect(anonymous.kind).toBe("unauthenticated");
    expect(await snapshot()).toBe(before);

    const byDeputy = await as("wakilA", () => Meeting.schedule(subtask()));
    const bySecretariat = await as("sekretaris", () =>
      Meeting.schedule(subtask({ unit: "sgt-b" })),
    );
    expect(byDeputy.convenedBy).toBe("sgt-a.wakil-koordinator");
    expect(bySecretariat.invitees).toEqual(["sgt-b.anggota.puskesmas", "sgt-b.koordinator"]);
  });

  it("bad input is a 400 with the field's path and stores nothing", async () => {
    const before = await snapshot();

    const cases: [Record<string, unknown>, string][] = [
      [subtask({ end: "08:00" }), "end"],
      [subtask({ end: "09:00" }), "end"],
      [subtask({ start: "25:00" }), "start"],
      [subtask({ date: "2027-03-09" }), "date"],
      [subtask({ date: "2027-02-30" }), "date"],
      [subtask({ date: "2030-01-01" }), "date"],
      [subtask({ unit: undefined }), "unit"],
      [subtask({ unit: "gt" }), "unit"],
      [subtask({ kind: "special" }), "unit"],
      [subtask({ invitees: ["sgt-a.koordinator", "sgt-z.nobody"] }), "invitees.1"],
      [subtask({ invitees: ["gt.anggota.nobody"] }), "invitees.0"],
      [subtask({ location: "" }), "location"],
      [subtask({ title: "Rapat\u0007" }), "title"],
      [subtask({ kind: "party" }), "kind"],
    ];
    for (const [input, path] of cases) {
      const error = await failure(() =>
        as("sekretaris", () => Meeting.schedule(input as Parameters<typeof Meeting.schedule>[0])),
      );
      expect([path, error.kind, error.issues?.map((i) => i.path)]).toEqual([path, "input", [path]]);
    }
    expect(await snapshot()).toBe(before);
    expect(hooks.announced).toEqual([]);
  });

  it("a meeting may be scheduled for today", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask({ date: "2027-03-10" })));

    expect(m.date).toBe("2027-03-10");
  });
});

describe("rescheduling and cancelling", () => {
  it("reschedule: sequence + 1 each time, uid stable, listing follows the date, announced with the previous time", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask({ date: "2027-03-22" })));

    const once = await as("koorA", () =>
      Meeting.reschedule({
        id: m.id,
        date: "2027-03-25",
        start: "13:00",
        end: "15:00",
        reason: "Bentrok dengan musrenbang",
        version: 1,
      }),
    );
    const twice = await as("sekretaris", () =>
      Meeting.reschedule({
        id: m.id,
        date: "2027-04-02",
        start: "13:00",
        end: "15:00",
        location: "Kantor Camat Paloh",
        version: 2,
      }),
    );

    expect([once.sequence, once.version, once.uid, once.location]).toEqual([
      1,
      2,
      m.uid,
      m.location,
    ]);
    expect([twice.sequence, twice.version, twice.uid, twice.date, twice.location]).toEqual([
      2,
      3,
      m.uid,
      "2027-04-02",
      "Kantor Camat Paloh",
    ]);
    expect(hooks.announced.slice(1).map((a) => [a.id, a.kind, sent(a).calendar.sequence])).toEqual([
      [`meeting:${m.id}:v2`, "meeting-rescheduled", 1],
      [`meeting:${m.id}:v3`, "meeting-rescheduled", 2],
    ]);
    expect(hooks.announced[1]?.data).toMatchObject({
      previous: { date: "2027-03-22", start: "09:00", end: "11:00" },
      meeting: { date: "2027-03-25", start: "13:00", end: "15:00" },
    });
    const trail = await Audit.ofEntity(TENANT, "meeting", m.id);
    expect(trail.items.map((e) => [e.action, e.note])).toEqual([
      ["meeting.scheduled", undefined],
      ["meeting.rescheduled", "Bentrok dengan musrenbang"],
      ["meeting.rescheduled", undefined],
    ]);
    const march = await as("disdik", () =>
      Meeting.list({ unit: "sgt-a", from: "2027-03-22", to: "2027-03-31" }),
    );
    const april = await as("disdik", () =>
      Meeting.list({ unit: "sgt-a", from: "2027-04-01", to: "2027-04-30" }),
    );
    expect(march.items.map((i) => i.id)).not.toContain(m.id);
    expect(april.items.map((i) => i.id)).toContain(m.id);
    expect(Meeting.calendarEvent(twice)).toMatchObject({
      uid: m.uid,
      sequence: 2,
      start: { date: "2027-04-02", time: "13:00" },
      status: "CONFIRMED",
    });
  });

  it("reschedule refuses a stale version (409), a past date or no change (400), and changes nothing", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask()));
    await as("koorA", () =>
      Meeting.reschedule({
        id: m.id,
        date: "2027-03-21",
        start: "09:00",
        end: "11:00",
        nonWorkingDay: true,
        version: 1,
      }),
    );
    const before = await snapshot();

    const staleVersion = await failure(() =>
      as("koorA", () =>
        Meeting.reschedule({
          id: m.id,
          date: "2027-03-23",
          start: "09:00",
          end: "11:00",
          version: 1,
        }),
      ),
    );
    const past = await failure(() =>
      as("koorA", () =>
        Meeting.reschedule({
          id: m.id,
          date: "2027-03-01",
          start: "09:00",
          end: "11:00",
          version: 2,
        }),
      ),
    );
    const unchanged = await failure(() =>
      as("koorA", () =>
        Meeting.reschedule({
          id: m.id,
          date: "2027-03-21",
          start: "09:00",
          end: "11:00",
          nonWorkingDay: true,
          version: 2,
        }),
      ),
    );
    const backwards = await failure(() =>
      as("koorA", () =>
        Meeting.reschedule({
          id: m.id,
          date: "2027-03-23",
          start: "11:00",
          end: "10:59",
          version: 2,
        }),
      ),
    );
    const missing = await failure(() =>
      as("koorA", () =>
        Meeting.reschedule({
          id: "mtg_nope",
          date: "2027-03-23",
          start: "09:00",
          end: "11:00",
          version: 1,
        }),
      ),
    );

    expect([staleVersion.kind, staleVersion.code]).toEqual(["conflict", "version.stale"]);
    expect([past.kind, past.issues?.[0]?.path]).toEqual(["input", "date"]);
    expect([unchanged.kind, unchanged.code]).toEqual(["input", "meeting.unchanged"]);
    expect([backwards.kind, backwards.issues?.[0]?.path]).toEqual(["input", "end"]);
    expect([missing.kind, missing.code]).toEqual(["not-found", "meeting.not_found"]);
    expect(await snapshot()).toBe(before);
  });

  it("a retried reschedule is answered as the first time, without a second change", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask()));
    const request = {
      id: m.id,
      date: "2027-03-24",
      start: "09:00",
      end: "11:00",
      version: 1,
    };
    const first = await as("koorA", () => Meeting.reschedule(request));
    const before = await snapshot();

    const retry = await as("koorA", () => Meeting.reschedule(request));

    expect(retry).toEqual(first);
    expect(await snapshot()).toBe(before);
    // The announcement is repeated under the same id (the mail layer sends it once).
    expect(hooks.announced.slice(1).map((a) => a.id)).toEqual([
      `meeting:${m.id}:v2`,
      `meeting:${m.id}:v2`,
    ]);
  });

  it("two reschedules from the same version: exactly one wins, the other is a 409", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask()));

    const results = await Promise.allSettled([
      as("koorA", () =>
        Meeting.reschedule({
          id: m.id,
          date: "2027-03-26",
          start: "09:00",
          end: "11:00",
          nonWorkingDay: true,
          version: 1,
        }),
      ),
      as("sekretaris", () =>
        Meeting.reschedule({
          id: m.id,
          date: "2027-03-27",
          start: "09:00",
          end: "11:00",
          nonWorkingDay: true,
          version: 1,
        }),
      ),
    ]);

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual(["version.stale"]);
    const stored = await as("koorA", () => Meeting.fromID({ id: m.id }));
    expect([stored.version, stored.sequence]).toEqual([2, 1]);
  });

  it("cancel: sequence + 1, cancellation announced; nothing more can happen to it", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask()));

    const cancelled = await as("koorA", () =>
      Meeting.cancel({ id: m.id, reason: "Koordinator dinas luar", version: 1 }),
    );

    expect(cancelled).toMatchObject({
      status: "cancelled",
      sequence: 1,
      uid: m.uid,
      version: 2,
      cancellation: { reason: "Koordinator dinas luar" },
    });
    expect(hooks.announced[1]).toMatchObject({
      id: `meeting:${m.id}:v2`,
      kind: "meeting-cancelled",
      offices: SGT_A,
      data: { calendar: { sequence: 1, uid: m.uid } },
    });
    expect(Meeting.calendarEvent(cancelled).status).toBe("CANCELLED");
    const before = await snapshot();
    const errors = [
      await failure(() =>
        as("koorA", () =>
          Meeting.reschedule({
            id: m.id,
            date: "2027-03-28",
            start: "09:00",
            end: "11:00",
            version: 2,
          }),
        ),
      ),
      await failure(() => as("koorA", () => Meeting.hold({ id: m.id, ...minutes(), version: 2 }))),
      await failure(() =>
        as("koorA", () => Meeting.cancel({ id: m.id, reason: "Alasan yang lain", version: 2 })),
      ),
    ];
    expect(errors.map((e) => [e.kind, e.code])).toEqual([
      ["conflict", "meeting.not_scheduled"],
      ["conflict", "meeting.not_scheduled"],
      ["conflict", "meeting.not_scheduled"],
    ]);
    expect(await snapshot()).toBe(before);
    const retry = await as("koorA", () =>
      Meeting.cancel({ id: m.id, reason: "Koordinator dinas luar", version: 1 }),
    );
    expect(retry).toEqual(cancelled);
  });

  it("only the secretariat, the unit's leaders or the convening office may change a meeting", async () => {
    const sgtA = await as("koorA", () => Meeting.schedule(subtask()));
    const special = await as("koorB", () =>
      Meeting.schedule({ ...subtask({ kind: "special" }), unit: "gt" }),
    );
    const before = await snapshot();

    const denied = [
      await failure(() =>
        as("koorB", () => Meeting.cancel({ id: sgtA.id, reason: "bukan urusan saya", version: 1 })),
      ),
      await failure(() =>
        as("disdik", () =>
          Meeting.cancel({ id: sgtA.id, reason: "saya anggota saja", version: 1 }),
        ),
      ),
      await failure(() =>
        as("koorA", () =>
          Meeting.cancel({ id: special.id, reason: "bukan saya yang panggil", version: 1 }),
        ),
      ),
    ];

    expect(denied.map((e) => [e.kind, e.code])).toEqual([
      ["forbidden", "meeting.not_allowed"],
      ["forbidden", "meeting.not_allowed"],
      ["forbidden", "meeting.not_allowed"],
    ]);
    expect(await snapshot()).toBe(before);
    const byDeputy = await as("wakilA", () =>
      Meeting.cancel({ id: sgtA.id, reason: "Wakil membatalkan", version: 1 }),
    );
    const byConvener = await as("koorB", () =>
      Meeting.cancel({ id: special.id, reason: "Masalah sudah selesai", version: 1 }),
    );
    expect([byDeputy.status, byConvener.status]).toEqual(["cancelled", "cancelled"]);
  });
});

describe("reading", () => {
  it("members, invited guests and the secretariat read a meeting; others get 403", async () => {
    const m = await as("koorA", () =>
      Meeting.schedule(subtask({ invitees: ["gt.anggota.polres"] })),
    );

    const forOutsider = await failure(() => as("puskesmas", () => Meeting.fromID({ id: m.id })));
    const listForOutsider = await failure(() =>
      as("puskesmas", () => Meeting.list({ unit: "sgt-a" })),
    );

    expect([forOutsider.kind, forOutsider.code]).toEqual(["forbidden", "meeting.not_visible"]);
    expect([listForOutsider.kind, listForOutsider.code]).toEqual([
      "forbidden",
      "meeting.not_visible",
    ]);
    for (const who of ["polres", "sekretaris", "disdik", "wakilA"] as const) {
      expect((await as(who, () => Meeting.fromID({ id: m.id }))).id).toBe(m.id);
    }
    const gt = await as("puskesmas", () => Meeting.list({ unit: "gt" }));
    expect(gt.items.every((i) => i.unit === "gt")).toBe(true);
  });

  it("lists a unit's meetings by date a page at a time; a foreign cursor is a 400", async () => {
    const unit = "sgt-b";
    for (const date of ["2027-05-03", "2027-05-01", "2027-05-02"]) {
      await as("koorB", () => Meeting.schedule(subtask({ unit, date })));
    }

    const first = await as("puskesmas", () =>
      Meeting.list({ unit, from: "2027-05-01", to: "2027-05-31", limit: 2 }),
    );
    const second = await as("puskesmas", () =>
      Meeting.list({ unit, from: "2027-05-01", to: "2027-05-31", limit: 2, cursor: first.cursor }),
    );
    const foreign = await failure(() =>
      as("sekretaris", () => Meeting.list({ unit: "sgt-a", cursor: first.cursor })),
    );
    const backwards = await failure(() =>
      as("sekretaris", () => Meeting.list({ unit, from: "2027-05-02", to: "2027-05-01" })),
    );

    expect(first.items.map((i) => i.date)).toEqual(["2027-05-01", "2027-05-02"]);
    expect(first.cursor).toBeDefined();
    expect(second.items.map((i) => i.date)).toEqual(["2027-05-03"]);
    expect([foreign.kind, foreign.code]).toEqual(["input", "cursor.invalid"]);
    expect(backwards.issues?.[0]?.path).toBe("to");
  });
});

describe("holding", () => {
  it("stores the minutes, makes a task of every action item and satisfies the window's obligation", async () => {
    await Obligation.materialise(TENANT, [
      instance("subtask-meeting", "sgt-a", "2026-3", "2026-09-01", "2026-12-31"),
      instance("subtask-meeting", "sgt-a", "2027-1", "2027-01-01", "2027-04-30"),
      instance("subtask-meeting", "sgt-a", "2027-2", "2027-05-01", "2027-08-31"),
    ]);
    const m = await as("koorA", () => Meeting.schedule(subtask({ date: "2027-03-10" })));

    const held = await as("koorA", () => Meeting.hold({ id: m.id, ...minutes(), version: 1 }));

    const t1 = Task.idForActionItem(m.id, 1);
    const t2 = Task.idForActionItem(m.id, 2);
    expect(held.meeting).toMatchObject({
      status: "held",
      version: 2,
      sequence: 0,
      minutes: {
        heldOn: "2027-03-10",
        attendance: {
          offices: ["sgt-a.anggota.disdik", "sgt-a.koordinator"],
          people: [],
          others: 3,
        },
        decisions: ["Sosialisasi di sekolah pada bulan April"],
        actionItems: [
          { office: "sgt-a.anggota.disdik", due: "2027-04-15", task: t1 },
          { office: "sgt-a.anggota.kemenag", due: "2027-04-01", task: t2 },
        ],
      },
    });
    expect(held.tasks.map((t) => [t.id, t.office, t.status, t.source])).toEqual([
      [t1, "sgt-a.anggota.disdik", "assigned", { kind: "meeting", meetingId: m.id, item: 1 }],
      [t2, "sgt-a.anggota.kemenag", "assigned", { kind: "meeting", meetingId: m.id, item: 2 }],
    ]);
    // The window it falls in, and late the window missed before it (as the calendar counts).
    expect(held.satisfied).toEqual([
      "subtask-meeting:sgt-a:2026-3",
      "subtask-meeting:sgt-a:2027-1",
    ]);
    const satisfied = await Obligation.get(TENANT, "subtask-meeting:sgt-a:2027-1");
    expect(satisfied).toMatchObject({
      status: "satisfied",
      satisfiedBy: { kind: "meeting", id: m.id, on: "2027-03-10" },
    });
    expect((await Obligation.get(TENANT, "subtask-meeting:sgt-a:2027-2"))?.status).toBe("open");
    expect(await Meeting.heldOf(TENANT, "sgt-a")).toContain("2027-03-10");
    expect(hooks.announced.slice(1).map((a) => [a.kind, a.offices, a.id])).toEqual([
      ["task-assigned", ["sgt-a.anggota.disdik"], `task:${t1}:v1`],
      ["task-assigned", ["sgt-a.anggota.kemenag"], `task:${t2}:v1`],
    ]);
    const trail = await Audit.ofEntity(TENANT, "meeting", m.id);
    expect(trail.items.map((e) => e.action)).toEqual(["meeting.scheduled", "meeting.held"]);
  });

  it("a retried hold returns the same result: no second task, no second obligation", async () => {
    const m = await as("wakilA", () => Meeting.schedule(subtask({ date: "2027-03-10" })));
    const request = { id: m.id, ...minutes({ heldOn: "2027-03-09" }), version: 1 };
    const first = await as("wakilA", () => Meeting.hold(request));
    const before = await snapshot();

    const retry = await as("wakilA", () => Meeting.hold(request));
    const again = await as("wakilA", () => Meeting.hold(request));

    expect(retry).toEqual(first);
    expect(again).toEqual(first);
    expect(await snapshot()).toBe(before);
    const other = await failure(() =>
      as("wakilA", () =>
        Meeting.hold({ id: m.id, ...minutes({ decisions: ["Lain"] }), version: 1 }),
      ),
    );
    const later = await failure(() =>
      as("wakilA", () => Meeting.hold({ id: m.id, ...minutes(), version: 2 })),
    );
    expect([other.code, later.code]).toEqual(["meeting.not_scheduled", "meeting.not_scheduled"]);
    expect(await snapshot()).toBe(before);
  });

  it("a crash after the minutes were stored is finished by the retry, exactly once", async () => {
    await Obligation.materialise(TENANT, [
      instance("subtask-meeting", "sgt-b", "2027-1", "2027-01-01", "2027-04-30"),
    ]);
    const m = await as("koorB", () =>
      Meeting.schedule(subtask({ unit: "sgt-b", date: "2027-03-10" })),
    );
    const request = {
      id: m.id,
      attendance: { people: [ids.koorB, ids.puskesmas] },
      actionItems: [
        { title: "Data layanan puskesmas", office: "sgt-b.anggota.puskesmas", due: "2027-04-10" },
      ],
      version: 1,
    };
    hooks.failSatisfy = 1;

    const crash = await failure(() => as("koorB", () => Meeting.hold(request)));
    const stored = await Meeting.get(TENANT, m.id);
    const open = await Obligation.get(TENANT, "subtask-meeting:sgt-b:2027-1");
    const retry = await as("koorB", () => Meeting.hold(request));

    expect(crash.message).toMatch(/simulated crash/);
    expect(stored?.status).toBe("held");
    expect(open?.status).toBe("open");
    expect(retry.satisfied).toEqual(["subtask-meeting:sgt-b:2027-1"]);
    expect(retry.tasks.map((t) => t.id)).toEqual([Task.idForActionItem(m.id, 1)]);
    const queue = await as("puskesmas", () => Task.byOffice({ office: "sgt-b.anggota.puskesmas" }));
    expect(
      queue.items.filter((t) => t.source.kind === "meeting" && t.source.meetingId === m.id),
    ).toHaveLength(1);
    const job = await asSystem(() => Meeting.followUp(TENANT, retry.meeting));
    expect(job).toEqual({ tasks: retry.tasks, satisfied: retry.satisfied });
  });

  it("settles its window and, late, the windows missed before it; a retry settles nothing more; never a window ahead", async () => {
    await Obligation.materialise(TENANT, [
      instance("subtask-meeting", "sgt-c", "2026-2", "2026-05-01", "2026-08-31"),
      instance("subtask-meeting", "sgt-c", "2026-3", "2026-09-01", "2026-12-31"),
      instance("subtask-meeting", "sgt-c", "2027-1", "2027-01-01", "2027-04-30"),
      instance("subtask-meeting", "sgt-c", "2027-2", "2027-05-01", "2027-08-31"),
    ]);
    const schedule = () =>
      as("koorC", () => Meeting.schedule(subtask({ unit: "sgt-c", date: "2027-03-10" })));
    const [first, second] = [await schedule(), await schedule()];
    const hold = (id: string) =>
      as("koorC", () => Meeting.hold({ id, attendance: { others: 5 }, version: 1 }));

    const held = await hold(first.id);
    const retried = await hold(first.id);
    const another = await hold(second.id);

    const ids = ["2026-2", "2026-3", "2027-1"].map((p) => `subtask-meeting:sgt-c:${p}`);
    expect(held.satisfied).toEqual(ids);
    expect(retried.satisfied).toEqual(ids);
    expect(another.satisfied).toEqual([]);
    const stored = await Obligation.allOfUnit(TENANT, "sgt-c");
    expect(stored.map((i) => [i.period, i.status, i.satisfiedBy?.id])).toEqual([
      ["2026-2", "satisfied", first.id],
      ["2026-3", "satisfied", first.id],
      ["2027-1", "satisfied", first.id],
      ["2027-2", "open", undefined],
    ]);
  });

  it("taskforce meetings and workshops satisfy their gt instance; a special meeting none", async () => {
    await Obligation.materialise(TENANT, [
      instance("taskforce-meeting", "gt", "2027-Q1", "2027-01-01", "2027-03-31"),
      instance("workshop", "gt", "2027-H1", "2027-01-01", "2027-06-30"),
    ]);
    const base = { ...subtask({ date: "2027-03-10" }), unit: undefined };
    const results: string[][] = [];

    for (const kind of ["taskforce", "workshop", "special"] as const) {
      const m = await as("sekretaris", () => Meeting.schedule({ ...base, kind }));
      const held = await as("sekretaris", () =>
        Meeting.hold({ id: m.id, attendance: { offices: ["gt.sekretaris"] }, version: 1 }),
      );
      results.push(held.satisfied);
    }

    expect(results).toEqual([["taskforce-meeting:gt:2027-Q1"], ["workshop:gt:2027-H1"], []]);
    expect(await Meeting.heldOf(TENANT, "gt", "workshop")).toContain("2027-03-10");
  });

  it("bad minutes are a 400 with the field's path (403 for another unit's office) and change nothing", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask({ date: "2027-03-10" })));
    const next = await as("koorA", () => Meeting.schedule(subtask({ date: "2027-03-17" })));
    const before = await snapshot();

    const cases: [string, Record<string, unknown>, string, string][] = [
      [m.id, { heldOn: "2027-03-11" }, "input", "heldOn"],
      [next.id, {}, "input", "heldOn"],
      [m.id, { heldOn: "2027-02-06" }, "input", "heldOn"],
      [m.id, { attendance: {} }, "input", "attendance"],
      [m.id, { attendance: { offices: ["sgt-a.nobody"] } }, "input", "attendance.offices.0"],
      [m.id, { attendance: { people: ["per_nobody"] } }, "input", "attendance.people.0"],
      [m.id, { attendance: { others: -1 } }, "input", "attendance.others"],
      [
        m.id,
        { actionItems: [{ title: "x", office: "sgt-a.nobody", due: "2027-04-01" }] },
        "input",
        "actionItems.0.office",
      ],
      [
        m.id,
        { actionItems: [{ title: "x", office: "sgt-a.koordinator", due: "2027-03-01" }] },
        "input",
        "actionItems.0.due",
      ],
      [
        m.id,
        { actionItems: [{ title: "", office: "sgt-a.koordinator", due: "2027-04-01" }] },
        "input",
        "actionItems.0.title",
      ],
      [
        m.id,
        {
          actionItems: [{ title: "Di luar unit", office: "sgt-b.koordinator", due: "2027-04-01" }],
        },
        "forbidden",
        "",
      ],
    ];
    for (const [id, over, kind, path] of cases) {
      const error = await failure(() =>
        as("koorA", () =>
          Meeting.hold({ id, ...minutes(), ...over, version: 1 } as Parameters<
            typeof Meeting.hold
          >[0]),
        ),
      );
      expect([path, error.kind, error.issues?.[0]?.path ?? ""]).toEqual([path, kind, path]);
    }
    const staleVersion = await failure(() =>
      as("koorA", () => Meeting.hold({ id: m.id, ...minutes(), version: 7 })),
    );
    expect(staleVersion.code).toBe("version.stale");
    expect(await snapshot()).toBe(before);
  });

  it("a meeting entered late is held on its real date, within the margin", async () => {
    const m = await as("koorA", () => Meeting.schedule(subtask({ date: "2027-03-10" })));
    const heldOn = LocalDate.addDays("2027-03-10", -Meeting.HOLD_MARGIN_DAYS);

    const held = await as("koorA", () =>
      Meeting.hold({ id: m.id, heldOn, attendance: { others: 4 }, version: 1 }),
    );

    expect(held.meeting.minutes?.heldOn).toBe(heldOn);
  });
});

describe("history for the calendar", () => {
  let workshop: string;
  beforeAll(async () => {
    const unit = "sgt-d";
    const cancelled = await as("koorD", () =>
      Meeting.schedule(subtask({ unit, date: "2027-03-12" })),
    );
    await as("koorD", () =>
      Meeting.cancel({ id: cancelled.id, reason: "Tidak jadi rapat", version: 1 }),
    );
    await as("koorD", () => Meeting.schedule(subtask({ unit, date: "2027-06-01" })));
    for (const heldOn of ["2027-03-10", "2027-02-20", "2027-03-10"]) {
      const m = await as("koorD", () => Meeting.schedule(subtask({ unit, date: "2027-03-10" })));
      await as("koorD", () =>
        Meeting.hold({ id: m.id, heldOn, attendance: { others: 2 }, version: 1 }),
      );
    }
    const w = await as("sekretaris", () =>
      Meeting.schedule({ ...subtask({ kind: "workshop", date: "2027-03-10" }), unit: undefined }),
    );
    await as("sekretaris", () =>
      Meeting.hold({ id: w.id, heldOn: "2027-03-08", attendance: { others: 30 }, version: 1 }),
    );
    workshop = w.id;
  });

  it("heldOf lists held dates only, oldest first, once each", async () => {
    const dates = await Meeting.heldOf(TENANT, "sgt-d");
    const workshops = await Meeting.heldOf(TENANT, "gt", "workshop");

    expect(dates).toEqual(["2027-02-20", "2027-03-10"]);
    expect(workshops).toContain("2027-03-08");
    expect(await Meeting.heldOf(TENANT, "satgas-kec-paloh")).toEqual([]);
  });

  it("history gives the calendar the held meetings it rolls the Pasal 16 windows from", async () => {
    const held = await Meeting.history(TENANT, ["sgt-d", "gt"]);

    const settings = Regulation.Settings.parse({ subtaskMeetingStart: "2026-11-01" });
    const windows = Calendar.list(
      { from: "2026-11-01", to: "2027-12-31", unit: "sgt-d", obligations: ["subtask-meeting"] },
      { org: Org.create({ units: UNITS, offices: OFFICES, people: [] }), settings, held },
    );

    expect(held.filter((h) => h.unit === "sgt-d")).toEqual([
      { obligation: "subtask-meeting", unit: "sgt-d", date: "2027-02-20" },
      { obligation: "subtask-meeting", unit: "sgt-d", date: "2027-03-10" },
      { obligation: "subtask-meeting", unit: "sgt-d", date: "2027-03-10" },
    ]);
    expect(held).toContainEqual({ obligation: "workshop", unit: "gt", date: "2027-03-08" });
    expect(workshop).toMatch(/^mtg_/);
    // A window starts on each held date (Pasal 16, rolling).
    expect(windows.slice(0, 3).map((w) => [w.windowStart, w.heldOn])).toEqual([
      ["2026-11-01", "2027-02-20"],
      ["2027-02-20", "2027-03-10"],
      ["2027-03-10", undefined],
    ]);
  });
});

describe("choosing the obligation a meeting satisfies", () => {
  const date = fc
    .integer({ min: LocalDate.toEpochDay("2026-01-01"), max: LocalDate.toEpochDay("2028-12-31") })
    .map(LocalDate.fromEpochDay);
  const inst = fc
    .record({
      start: date,
      length: fc.integer({ min: 0, max: 150 }),
      status: fc.constantFrom("open", "satisfied", "waived"),
      obligation: fc.constantFrom("subtask-meeting", "workshop"),
      n: fc.nat(1000),
    })
    .map(
      (r): Obligation.Info => ({
        ...instance(
          r.obligation,
          "sgt-a",
          `p${r.n}`,
          r.start,
          LocalDate.addDays(r.start, r.length),
        ),
        status: r.status as Obligation.Info["status"],
        version: 1,
      }),
    );

  it("takes the open window holding the date (earliest due), and with rolling windows every missed one; never one ahead", () => {
    fc.assert(
      fc.property(
        // Stored instances have distinct ids (their key): no two with one id.
        fc.uniqueArray(inst, { maxLength: 8, selector: (i) => i.id }),
        date,
        fc.boolean(),
        (instances, heldOn, rolling) => {
          const chosen = Meeting.choose(instances, "subtask-meeting", heldOn, rolling, "mtg_x");
          const open = instances.filter(
            (i) => i.obligation === "subtask-meeting" && i.status === "open",
          );
          const containing = open.filter((i) => i.windowStart <= heldOn && heldOn <= i.windowEnd);
          const missed = open.filter((i) => i.windowEnd < heldOn);
          // Only open instances of the obligation, none whose window starts after the date.
          for (const c of chosen) {
            expect(open).toContain(c);
            expect(c.windowStart <= heldOn).toBe(true);
          }
          const picked = chosen.filter((c) => containing.includes(c));
          expect(picked.length).toBe(containing.length > 0 ? 1 : 0);
          if (picked[0]) expect(picked[0].due).toBe(containing.map((i) => i.due).sort()[0]);
          const late = chosen.filter((c) => missed.includes(c));
          expect(late.length).toBe(rolling ? missed.length : 0);
          expect(new Set(chosen.map((c) => c.id)).size).toBe(chosen.length);
        },
      ),
    );
  });

  it("takes no second window for a meeting that already satisfied the one holding its date", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(inst, { maxLength: 8, selector: (i) => i.id }),
        date,
        (instances, heldOn) => {
          const done = {
            ...instance("subtask-meeting", "sgt-a", "done", heldOn, heldOn),
            status: "satisfied" as const,
            satisfiedBy: { kind: "meeting" as const, id: "mtg_x", on: heldOn },
            version: 2,
          };

          const chosen = Meeting.choose(
            [...instances, done],
            "subtask-meeting",
            heldOn,
            true,
            "mtg_x",
          );

          expect(chosen.every((c) => c.windowEnd < heldOn)).toBe(true);
        },
      ),
    );
  });
});

describe("recording a meeting that already took place", () => {
  const past = (over: Record<string, unknown> = {}) => ({
    kind: "subtask" as const,
    unit: "sgt-b",
    date: "2027-03-01",
    start: "09:00",
    end: "11:00",
    location: "Kantor Camat Paloh",
    agenda: "Evaluasi layanan korban",
    attendance: { offices: ["sgt-b.koordinator", "sgt-b.anggota.puskesmas"], others: 2 },
    decisions: ["Posko pengaduan dibuka di puskesmas"],
    actionItems: [{ title: "Siapkan posko", office: "sgt-b.anggota.puskesmas", due: "2027-03-31" }],
    ...over,
  });

  it("stores it held, audited, invites nobody, makes its tasks and satisfies its window", async () => {
    // A window of its own (sgt-b's 2027-1 was settled by a test above).
    await Obligation.materialise(TENANT, [
      instance("subtask-meeting", "sgt-b", "2027-rec", "2027-02-20", "2027-03-05"),
    ]);

    const recorded = await as("koorB", () => Meeting.record(past()));

    const m = recorded.meeting;
    const task = Task.idForActionItem(m.id, 1);
    expect(m).toMatchObject({
      status: "held",
      version: 1,
      unit: "sgt-b",
      date: "2027-03-01",
      convenedBy: "sgt-b.koordinator",
      minutes: {
        heldOn: "2027-03-01",
        attendance: { offices: ["sgt-b.anggota.puskesmas", "sgt-b.koordinator"], others: 2 },
        decisions: ["Posko pengaduan dibuka di puskesmas"],
        actionItems: [{ office: "sgt-b.anggota.puskesmas", due: "2027-03-31", task }],
      },
    });
    expect(m.invitees).toEqual(ALL_OFFICES.filter((o) => o.startsWith("sgt-b.")));
    expect(recorded.tasks.map((t) => [t.id, t.office, t.status])).toEqual([
      [task, "sgt-b.anggota.puskesmas", "assigned"],
    ]);
    expect(recorded.satisfied).toEqual(["subtask-meeting:sgt-b:2027-rec"]);
    // No invitation of any kind: the only mail is the task's.
    expect(hooks.announced.map((a) => a.kind)).toEqual(["task-assigned"]);
    const trail = await Audit.ofEntity(TENANT, "meeting", m.id);
    expect(trail.items.map((e) => e.action)).toEqual(["meeting.recorded"]);
    expect(await Meeting.heldOf(TENANT, "sgt-b")).toContain("2027-03-01");
    // It is read back like any meeting, and is over: nothing more can be done to it.
    expect((await as("koorB", () => Meeting.fromID({ id: m.id }))).status).toBe("held");
    const cancel = await failure(() =>
      as("koorB", () => Meeting.cancel({ id: m.id, version: 1, reason: "Salah catat rapat" })),
    );
    expect(cancel.code).toBe("meeting.not_scheduled");
  });

  it("refuses a future date (400 naming it), bad minutes and the wrong people, storing nothing", async () => {
    const before = await snapshot();
    const cases: [Who, Record<string, unknown>, string, string][] = [
      ["koorB", { date: "2027-03-11" }, "input", "date"],
      ["koorB", { date: "2020-01-06" }, "input", "date"],
      ["koorB", { date: "2027-03-06" }, "input", "date"], // a Saturday, not said to be meant
      ["koorB", { end: "08:00" }, "input", "end"],
      ["koorB", { attendance: {} }, "input", "attendance"],
      [
        "koorB",
        { actionItems: [{ title: "x", office: "sgt-b.koordinator", due: "2027-02-01" }] },
        "input",
        "actionItems.0.due",
      ],
      ["koorA", {}, "forbidden", ""],
      ["puskesmas", {}, "forbidden", ""],
    ];
    for (const [who, over, kind, path] of cases) {
      const error = await failure(() =>
        as(who, () => Meeting.record(past(over) as Parameters<typeof Meeting.record>[0])),
      );
      expect([who, path, error.kind, error.issues?.[0]?.path ?? ""]).toEqual([
        who,
        path,
        kind,
        path,
      ]);
    }
    expect(await snapshot()).toBe(before);
    expect(hooks.announced).toEqual([]);
  });
});

describe("who an invitation would reach, before scheduling", () => {
  it("lists the people invited and every office nobody holds, storing and sending nothing", async () => {
    const before = await snapshot();

    const subtaskC = await as("koorC", () =>
      Meeting.invitation(subtask({ unit: "sgt-c", invitees: ["gt.anggota.polres"] })),
    );
    const special = await as("sekretaris", () =>
      Meeting.invitation({ ...subtask(), kind: "special", unit: undefined }),
    );

    expect(subtaskC).toEqual({
      offices: ["gt.anggota.polres", "sgt-c.anggota.dinsos", "sgt-c.koordinator"],
      people: [
        { personId: ids.koorC, name: "Pejabat koorC", offices: ["sgt-c.koordinator"] },
        { personId: ids.polres, name: "Pejabat polres", offices: ["gt.anggota.polres"] },
      ],
      unreached: ["sgt-c.anggota.dinsos"],
    });
    expect(special.offices).toEqual(ALL_OFFICES);
    expect(special.unreached).toEqual([
      "gt.ketua",
      "satgas-kec-paloh.ketua",
      "sgt-c.anggota.dinsos",
    ]);
    expect(special.people).toHaveLength(Object.keys(ids).length);
    expect(await snapshot()).toBe(before);
    expect(hooks.announced).toEqual([]);
  });

  it("checks as scheduling checks: a past date is a 400, another unit's coordinator a 403", async () => {
    const past = await failure(() =>
      as("koorC", () => Meeting.invitation(subtask({ unit: "sgt-c", date: "2027-03-01" }))),
    );
    const other = await failure(() =>
      as("koorA", () => Meeting.invitation(subtask({ unit: "sgt-c" }))),
    );
    expect([past.kind, past.issues?.[0]?.path]).toEqual(["input", "date"]);
    expect(other.kind).toBe("forbidden");
  });
});
