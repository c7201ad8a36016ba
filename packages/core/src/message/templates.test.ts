import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Message } from "./index.ts";

/**
 * The catalogues, the labels derived from data, and the templates added for issue 9: each
 * report and task event has a mail of its own, the agenda and reasons travel in the body, the
 * person who acted for another office is named, and a long digest stays under Gmail's clipping.
 */

const BASE = "https://tenggat.sambas.example";
const common = {
  recipient: { name: "Budi Santoso" },
  offices: ["sgt-a.koordinator"],
  settingsUrl: `${BASE}/akun?tf=sambas`,
};
const report = {
  title: { id: "Laporan Semesteran Sub Gugus Tugas", en: "Sub-task-force semester report" },
  unit: {
    id: "Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak",
    en: "Sub-task-force for Prevention and Child Participation",
  },
  period: "2026-S2",
  url: `${BASE}/laporan/rpt_1?tf=sambas`,
};
const ketuaHarian = { id: "Ketua Harian", en: "Executive Chair" };
const secretaryActing = {
  actor: { name: "Siti Aminah", office: { id: "Sekretaris", en: "Secretary" } },
};

/** The shape of a catalogue: every key path, and whether it holds a function or a string. */
function shape(value: unknown, path = ""): string[] {
  if (typeof value === "function") return [`${path}()`];
  if (typeof value === "string") return [path];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    shape(v, path ? `${path}.${k}` : k),
  );
}

describe("the catalogues", () => {
  it("English has every key of Indonesian, of the same kind, and no empty string", () => {
    const id = shape(Message.CATALOGUES.id).sort();
    const en = shape(Message.CATALOGUES.en).sort();
    expect(en).toEqual(id);
    expect(id.length).toBeGreaterThan(100);
    const strings = (c: unknown): string[] =>
      typeof c === "string"
        ? [c]
        : typeof c === "object" && c
          ? Object.values(c).flatMap(strings)
          : [];
    for (const lang of ["id", "en"] as const) {
      expect(strings(Message.CATALOGUES[lang]).filter((s) => s.trim() === "")).toEqual([]);
    }
  });

  it("no template picks its words inline by language", () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(sources).toContain("digest.ts");
    for (const file of sources) {
      const text = readFileSync(join(dir, file), "utf8");
      expect({ file, inline: /lang\s*===\s*"(id|en)"/.test(text) }).toEqual({
        file,
        inline: false,
      });
    }
  });
});

describe("labels derived from data", () => {
  const L = Message.Labels;

  it("says periods as a person does", () => {
    expect(L.period("2026-S2", "id")).toBe("Semester II 2026");
    expect(L.period("2027-S1", "en")).toBe("Semester I 2027");
    expect(L.period("2027-Q3", "id")).toBe("Triwulan III 2027");
    expect(L.period("2026", "id")).toBe("Tahun 2026");
    expect(L.period("2026-2030", "id")).toBe("Tahun 2026–2030");
    expect(L.period("w2026-12-01", "id")).toBe("Periode mulai Selasa, 1 Desember 2026");
    expect(L.period("not-a-period", "id")).toBe("not-a-period");
  });

  it("writes the legal basis out: Lampiran III Bab VIII, Article in English", () => {
    expect(L.basis("L-III §VIII", "id")).toBe("Lampiran III Bab VIII");
    expect(L.basis("Pasal 19a; L-III §VIII", "id")).toBe("Pasal 19a; Lampiran III Bab VIII");
    expect(L.basis("Pasal 5(6); L-III §VIII", "en")).toBe("Article 5(6); Annex III, Chapter VIII");
    expect(L.basis("RAD E", "id")).toBe("RAD E");
  });

  it("names offices, units and statuses instead of their codes", () => {
    expect(L.office("sgt-a.koordinator", "id")).toBe("Koordinator Sub Gugus Tugas A");
    expect(L.office("gt.ketua-harian", "id")).toBe("Ketua Harian Gugus Tugas");
    expect(L.office("satgas-kec-sajingan-besar.ketua", "id")).toBe(
      "Ketua Satgas Kec. Sajingan Besar",
    );
    expect(L.office("sgt-c.wakil-koordinator", "en")).toBe("Deputy Coordinator, Sub-task-force C");
    expect(L.unit("sgt-e", "id")).toBe("Sub Gugus Tugas E");
    expect(L.status("satisfied", "id")).toBe("selesai");
    expect(L.status("returned", "en")).toBe("returned");
  });

  it("writes an instant in Sambas time: Kamis, 10 Desember 2026, 09.00 WIB", () => {
    expect(L.timestamp(new Date("2026-12-10T02:00:00Z"), "id")).toBe(
      "Kamis, 10 Desember 2026, 09.00 WIB",
    );
    expect(L.timestamp(new Date("2026-12-10T17:30:00Z"), "en")).toBe(
      "Friday 11 December 2026, 00:30 WIB",
    );
  });

  it("joins a title and its unit without saying Sub Gugus Tugas twice", () => {
    expect(
      L.titleWithUnit("Laporan Semesteran Sub Gugus Tugas", "Sub Gugus Tugas Bidang Pencegahan"),
    ).toBe("Laporan Semesteran Sub Gugus Tugas Bidang Pencegahan");
    expect(L.titleWithUnit("Laporan Satgas", "Satgas Kec. Paloh")).toBe(
      "Laporan Satgas Kec. Paloh",
    );
    expect(L.titleWithUnit("Laporan tahunan", "Gugus Tugas")).toBe("Laporan tahunan Gugus Tugas");
  });
});

describe("report mails", () => {
  it("a returned report names the real actor, a.n. the office, and carries no code", () => {
    const r = Message.render({
      kind: "report-returned",
      ...common,
      report,
      reviewer: ketuaHarian,
      ...secretaryActing,
      comments: "Lengkapi bagian pemantauan.",
      today: "2027-02-10",
    });
    expect(r.text).toContain(
      "Siti Aminah (Sekretaris) a.n. Ketua Harian mengembalikan laporan \u201cLaporan Semesteran Sub Gugus Tugas\u201d untuk diperbaiki.",
    );
    expect(r.subject).toBe(
      "[Tenggat] Laporan dikembalikan untuk diperbaiki: Laporan Semesteran Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak",
    );
    expect(r.text).toContain("Periode: Semester II 2026");
    expect(r.text).toContain("Anda menerima surel ini sebagai Koordinator Sub Gugus Tugas A.");
    expect(r.text).not.toMatch(/2026-S2|sgt-a\.|Sub Gugus Tugas Sub Gugus Tugas/);
  });

  it("the owner of a forwarded report is told where it went, not asked to review it", () => {
    const r = Message.render({
      kind: "report-sent-on",
      ...common,
      report,
      from: ketuaHarian,
      to: { id: "Ketua Gugus Tugas", en: "Chair of the Task Force" },
    });
    expect(r.subject).toMatch(/^\[Tenggat\] Laporan diteruskan kepada Ketua Gugus Tugas: /);
    expect(r.text).toContain("Ketua Harian meneruskan laporan");
    expect(r.text).toContain("Anda tidak perlu berbuat apa-apa");
    expect(r.text).toContain("Dasar hukum: Lampiran III Bab VIII");
    expect(r.text).not.toContain("menunggu pemeriksaan Anda");
    const en = Message.render({
      kind: "report-sent-on",
      ...common,
      lang: "en",
      report,
      from: ketuaHarian,
      to: { id: "Ketua Gugus Tugas", en: "Chair of the Task Force" },
    });
    expect(en.subject).toMatch(/^\[Tenggat\] Report forwarded to Chair of the Task Force: /);
    expect(en.text).toContain("Period: Semester II 2026");
  });

  it("publication has a mail of its own, not a second approval", () => {
    const r = Message.render({
      kind: "report-published",
      ...common,
      report,
      publisher: { id: "Ketua Gugus Tugas", en: "Chair of the Task Force" },
      publishedOn: "2027-03-01",
    });
    expect(r.subject).toMatch(/^\[Tenggat\] Laporan diterbitkan: /);
    expect(r.text).toContain(
      "Ketua Gugus Tugas menerbitkan laporan \u201cLaporan Semesteran Sub Gugus Tugas\u201d pada Senin, 1 Maret 2027.",
    );
    expect(r.text).not.toContain("disetujui");
  });
});

describe("task mails", () => {
  const task = {
    title: "Rekap data kasus triwulan",
    unit: "sgt-b",
    description: "Kumpulkan jumlah kasus dari Puskesmas.\nKirim ke sekretariat.",
    due: "2027-03-20",
    url: `${BASE}/tugas/task_1?tf=sambas`,
  };

  it("a new task carries its description and, after a handover, the reason", () => {
    const r = Message.render({
      kind: "task-assigned",
      ...common,
      task,
      assignedBy: "gt.sekretaris",
      reason: "Urusan kesehatan",
      today: "2027-03-10",
    });
    expect(r.text).toContain(
      "Uraian tugas:\n> Kumpulkan jumlah kasus dari Puskesmas.\n> Kirim ke sekretariat.",
    );
    expect(r.text).toContain("Alasan:\n> Urusan kesehatan");
    expect(r.text).toContain("Sekretaris Gugus Tugas memberi Anda tugas");
    expect(r.text).toContain("Unit: Sub Gugus Tugas B");
    expect(r.html).toContain("Kumpulkan jumlah kasus dari Puskesmas.<br>Kirim ke sekretariat.");
  });

  it("the previous office is told of a handover, the assigner of completion", () => {
    const away = Message.render({
      kind: "task-reassigned-away",
      ...common,
      task,
      by: "gt.sekretaris",
      ...secretaryActing,
      to: "sgt-a.anggota",
      reason: "Urusan pendidikan",
    });
    expect(away.subject).toBe(
      "[Tenggat] Tugas dialihkan kepada Anggota Sub Gugus Tugas A: Rekap data kasus triwulan",
    );
    expect(away.text).toContain("Anda tidak lagi menanggung tugas ini.");
    expect(away.text).toContain("Alasan:\n> Urusan pendidikan");
    const done = Message.render({
      kind: "task-completed",
      ...common,
      lang: "en",
      task,
      by: { id: "Anggota (Puskesmas)", en: "Member (Puskesmas)" },
      completedOn: "2027-03-15",
      note: "Sent to the secretariat.",
    });
    expect(done.subject).toBe("[Tenggat] Task done: Rekap data kasus triwulan");
    expect(done.text).toContain(
      "Member (Puskesmas) completed the task \u201cRekap data kasus triwulan\u201d you gave, on Monday 15 March 2027.",
    );
    expect(done.text).toContain("Completion note:\n> Sent to the secretariat.");
  });
});

describe("meeting mails", () => {
  const meeting = {
    title: "Rapat Koordinasi Sub Gugus Tugas",
    unit: { id: "Sub Gugus Tugas A", en: "Sub-task-force A" },
    date: "2027-03-04",
    start: "09:00",
    end: "11:30",
    location: "Aula Kantor Bupati Sambas",
    article: "Pasal 16",
    convenedBy: "sgt-a.koordinator",
    url: `${BASE}/rapat/mtg_1?tf=sambas`,
    agenda: "1. Evaluasi RAD semester II\n2. Rencana sosialisasi",
  };
  const calendar = {
    uid: "mtg_1@tenggat.sambas.example",
    sequence: 1,
    organizer: { name: "Sekretariat", email: "sekretariat@sambas.example" },
    attendees: [{ name: "Budi Santoso", email: "budi@sambas.example" }],
    now: new Date("2027-02-20T02:00:00Z"),
  };

  it("the invitation carries the agenda in the body, never in the calendar object", () => {
    const r = Message.render({
      kind: "meeting-invitation",
      ...common,
      meeting,
      calendar: { ...calendar, sequence: 0 },
    });
    expect(r.text).toContain("Acara:\n> 1. Evaluasi RAD semester II\n> 2. Rencana sosialisasi");
    expect(r.text).toContain("Penyelenggara: Koordinator Sub Gugus Tugas A");
    expect(r.calendar?.content).not.toContain("Evaluasi RAD");
    expect(r.calendar?.content).toContain("SUMMARY:Rapat Koordinasi Sub Gugus Tugas");
  });

  it("reschedule and cancellation carry the reason", () => {
    const moved = Message.render({
      kind: "meeting-rescheduled",
      ...common,
      meeting,
      previous: { date: "2027-03-03", start: "09:00", end: "11:00" },
      reason: "Bentrok dengan kunjungan Bupati.",
      calendar,
    });
    expect(moved.text).toContain("Alasan:\n> Bentrok dengan kunjungan Bupati.");
    const cancelled = Message.render({
      kind: "meeting-cancelled",
      ...common,
      lang: "en",
      meeting,
      reason: "The hall is closed for repairs.",
      calendar,
    });
    expect(cancelled.text).toContain("Reason:\n> The hall is closed for repairs.");
    // Nobody is asked to prepare an agenda for a meeting that will not take place.
    expect(cancelled.text).not.toContain("Evaluasi RAD");
  });

  it("a special meeting refuses an agenda and shows a generic title", () => {
    const special = {
      date: "2027-03-04",
      start: "09:00",
      end: "10:00",
      location: "Ruang Rapat Sekda",
      convenedBy: ketuaHarian,
      url: `${BASE}/rapat/mtg_2?tf=sambas`,
    };
    const r = Message.render({
      kind: "special-meeting-called",
      ...common,
      meeting: special,
      calendar: { ...calendar, sequence: 0 },
    });
    expect(r.subject).toContain("Rapat Koordinasi Khusus (Pasal 17)");
    expect(() =>
      Message.render({
        kind: "special-meeting-called",
        ...common,
        meeting: { ...special, agenda: "nama korban" } as typeof special,
        calendar: { ...calendar, sequence: 0 },
      }),
    ).toThrow(/agenda/);
  });
});

describe("a digest of many items", () => {
  const item = (n: number) => ({
    stage: n % 3 === 0 ? ("overdue" as const) : ("reminder" as const),
    title: {
      id: `Laporan Satgas Desa nomor ${n} dengan judul yang cukup panjang untuk diuji`,
      en: `Village Satgas report number ${n}`,
    },
    unit: `Satgas Desa Contoh ${n}`,
    responsible: `Ketua Satgas PP-TPPO Desa Contoh ${n}`,
    due: n % 3 === 0 ? "2027-02-01" : "2027-03-01",
    article: "Pasal 5(6); L-III §VIII",
    openUrl: `${BASE}/kewajiban/${encodeURIComponent(`satgas-report:satgas-desa-${n}:2026-S2`)}?tf=sambas`,
    ackUrl: `${BASE}/v1/links/ack?t=v1.${"x".repeat(220)}${n}`,
  });
  const digest = (count: number) => ({
    kind: "digest" as const,
    ...common,
    offices: ["gt.sekretaris"],
    today: "2027-02-10",
    items: Array.from({ length: count }, (_, n) => item(n + 1)),
    overviewUrl: `${BASE}/dasbor?tf=sambas`,
  });
  const raw = (r: Message.Rendered) =>
    Message.compose(r, {
      from: { name: "Tenggat", email: "tenggat@sambas.example" },
      to: [{ name: "Budi Santoso", email: "budi@sambas.example" }],
      date: new Date("2027-02-10T01:00:00Z"),
      notificationId: "digest:2027-02-10:per_1",
    });

  it("stays under Gmail's 102 KB clipping: the most urgent first, the rest on the dashboard", () => {
    const whole = Message.render({ ...digest(200), overviewUrl: undefined });
    const cut = Message.render(digest(200));
    const size = raw(cut).length;

    expect(raw(whole).length).toBeGreaterThan(102 * 1024);
    expect(size).toBeLessThan(102 * 1024);
    const listed = cut.text.match(/^\* /gm)?.length ?? 0;
    expect(listed).toBeGreaterThan(10);
    expect(listed).toBeLessThan(200);
    expect(cut.text).toContain(`Surel ini memuat ${listed} dari 200 kewajiban`);
    expect(cut.text).toContain(`Lihat semua kewajiban: ${BASE}/dasbor?tf=sambas`);
    expect(cut.text).toContain("Terlambat (66)");
    // The overdue ones (every third) come first: the 66 of them fill the mail.
    expect(cut.text).not.toContain("Akan datang");
    expect(cut.subject).toMatch(/^\[Tenggat\] 200 kewajiban: /);
  });

  it("a short digest lists everything and has no overview note", () => {
    const r = Message.render(digest(5));
    expect(r.text.match(/^\* /gm)).toHaveLength(5);
    expect(r.text).not.toContain("Lihat semua kewajiban");
  });
});
