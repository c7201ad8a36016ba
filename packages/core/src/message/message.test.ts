import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { Ics } from "../ics/index.ts";
import { Message } from "./index.ts";

const BASE = "https://tenggat.sambas.example";
const common = {
  recipient: { name: "Budi Santoso" },
  offices: [{ id: "Koordinator Sub Gugus Tugas A", en: "Coordinator, Sub-task-force A" }],
  settingsUrl: `${BASE}/settings`,
};
const unitA = { id: "Sub Gugus Tugas A", en: "Sub-task-force A" };

const digest = (lang: Message.Lang): Message.Input => ({
  kind: "digest",
  lang,
  ...common,
  today: "2027-01-29",
  items: [
    {
      stage: "reminder",
      title: { id: "Laporan semester", en: "Semester report" },
      unit: unitA,
      due: "2027-02-01",
      article: "Pasal 19a",
      openUrl: `${BASE}/o/sem?t=abc`,
      ackUrl: `${BASE}/ack/sem?t=abc&x=1`,
    },
    {
      stage: "reminder",
      title: { id: "Laporan tahunan", en: "Annual report" },
      unit: unitA,
      due: "2027-02-20",
      article: "Pasal 19b",
      openUrl: `${BASE}/o/ann`,
    },
    {
      stage: "escalation",
      title: "Laporan Satgas",
      unit: "Satgas Kecamatan Paloh",
      responsible: "Ketua Satgas Kecamatan Paloh",
      due: "2027-01-25",
      article: "L-III §VIII",
      openUrl: `${BASE}/o/paloh`,
    },
  ],
});

const meeting = {
  title: { id: "Rapat Koordinasi Sub Gugus Tugas A", en: "Sub-task-force A coordination meeting" },
  unit: unitA,
  date: "2027-03-04",
  start: "09:00",
  end: "11:30",
  location: "Aula Kantor Bupati Sambas",
  article: "Pasal 16",
  convenedBy: { id: "Koordinator Sub Gugus Tugas A", en: "Coordinator, Sub-task-force A" },
  url: `${BASE}/meetings/mtg_1`,
  ackUrl: `${BASE}/meetings/mtg_1/ack?t=xyz`,
};
const calendar = {
  uid: "mtg_1@tenggat.sambas.example",
  sequence: 0,
  organizer: { name: "Sekretariat Gugus Tugas", email: "sekretariat@sambas.example" },
  attendees: [{ name: "Budi Santoso", email: "budi@sambas.example" }],
  now: new Date("2027-02-20T02:00:00Z"),
};

/** Every href in the HTML, unescaped. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] as string).replace(/&amp;/g, "&"));
}

/** What every rendered mail must satisfy, whatever its kind and language. */
function expectWellMade(r: Message.Rendered, lang: Message.Lang): void {
  expect(r.subject.startsWith("[Tenggat] ")).toBe(true);
  expect(r.subject).not.toMatch(/[\r\n]/);
  // The text part carries every link of the HTML part.
  for (const href of hrefs(r.html)) expect(r.text).toContain(href);
  expect(hrefs(r.html).length).toBeGreaterThan(0);
  // Simple, self-contained, mobile-friendly HTML.
  expect(r.html).toContain(`<html lang="${lang}">`);
  expect(r.html).toContain('name="viewport"');
  expect(r.html).toContain("max-width:600px");
  expect(r.html).not.toMatch(/<img|<link|<script|@import|url\(|src=/i);
  expect(r.html).not.toMatch(/<style/i);
  for (const href of hrefs(r.html)) expect(href).toMatch(/^https?:\/\//);
  // The footer: who, why (the regulation), no reply, language switch.
  const regulation =
    lang === "id" ? "Peraturan Bupati Sambas Nomor 8 Tahun 2016" : "Perbup Sambas 8/2016";
  expect(r.text).toContain(regulation);
  expect(r.html).toContain(regulation);
  expect(r.text).toContain(lang === "id" ? "tidak perlu dibalas" : "No reply is needed");
}

describe("Message formats", () => {
  it("writes dates the Indonesian and the English way, from its own tables", () => {
    expect(Message.longDate("2027-02-01", "id")).toBe("Senin, 1 Februari 2027");
    expect(Message.longDate("2027-02-01", "en")).toBe("Monday 1 February 2027");
    expect(Message.longDate("2027-08-17", "id")).toBe("Selasa, 17 Agustus 2027");
    expect(Message.longDate("2027-01-01", "id")).toBe("Jumat, 1 Januari 2027");
    expect(Message.longDate("2026-11-29", "id")).toBe("Minggu, 29 November 2026");
    expect(Message.shortDate("2027-02-20", "id")).toBe("20 Feb 2027");
    expect(Message.shortDate("2027-08-03", "id")).toBe("3 Agu 2027");
    expect(Message.shortDate("2027-05-03", "id")).toBe("3 Mei 2027");
    expect(Message.shortDate("2027-12-03", "en")).toBe("3 Dec 2027");
    expect(Message.time("09:05", "id")).toBe("09.05");
    expect(Message.timeRange("09:00", "11:30", "id")).toBe("09.00–11.30 WIB");
    expect(Message.timeRange("09:00", "11:30", "en")).toBe("09:00–11:30 WIB (UTC+7)");
  });

  it("says how far a date is", () => {
    const today = "2027-02-17";
    expect(Message.relative("2027-02-20", today, "id")).toBe("3 hari lagi");
    expect(Message.relative("2027-02-18", today, "id")).toBe("besok");
    expect(Message.relative("2027-02-17", today, "id")).toBe("hari ini");
    expect(Message.relative("2027-02-01", today, "id")).toBe("terlambat 16 hari");
    expect(Message.relative("2027-02-20", today, "en")).toBe("in 3 days");
    expect(Message.relative("2027-02-16", today, "en")).toBe("1 day overdue");
    expect(Message.relative("2027-02-15", today, "en")).toBe("2 days overdue");
  });

  it("names every weekday of a year correctly (against Date's UTC weekday)", () => {
    const id = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (n) => {
        const d = new Date(Date.UTC(2027, 0, 1 + n));
        const date = d.toISOString().slice(0, 10);
        expect(Message.longDate(date, "id").startsWith(`${id[d.getUTCDay()]}, `)).toBe(true);
      }),
    );
  });
});

describe("Message.render digest", () => {
  it("groups items by stage and carries title, unit, date, article and links (Indonesian)", () => {
    const r = Message.render(digest("id"));
    expectWellMade(r, "id");
    // Most urgent first: the escalation, then the reminders by date.
    expect(r.subject).toBe(
      "[Tenggat] 3 kewajiban: Laporan Satgas, Satgas Kecamatan Paloh — eskalasi, tenggat 25 Jan 2027",
    );
    expect(r.text).toContain("Yth. Bapak/Ibu Budi Santoso,");
    expect(r.text).toContain("Laporan semester");
    expect(r.text).toContain("Unit: Sub Gugus Tugas A");
    expect(r.text).toContain("Tenggat: Senin, 1 Februari 2027 (3 hari lagi)");
    expect(r.text).toContain("Tenggat: Senin, 25 Januari 2027 (terlambat 4 hari)");
    expect(r.text).toContain("Dasar hukum: Pasal 19a");
    expect(r.text).toContain("Penanggung jawab: Ketua Satgas Kecamatan Paloh");
    expect(r.text).toContain(`Buka: ${BASE}/o/sem?t=abc`);
    expect(r.text).toContain(`Konfirmasi diterima: ${BASE}/ack/sem?t=abc&x=1`);
    // Each heading must be there (indexOf gives -1 for a missing one) and in this order.
    const at = (part: string) => {
      const i = r.text.indexOf(part);
      expect(i, `"${part}" in the text`).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at("Eskalasi")).toBeLessThan(at("Akan datang (2)"));
    expect(at("Laporan semester")).toBeLessThan(at("Laporan tahunan"));
    expect(r.text).toContain("Anda menerima surel ini sebagai Koordinator Sub Gugus Tugas A.");
    expect(r.html).toContain("Senin, 1 Februari 2027");
    expect(r.html).toContain(`href="${BASE}/ack/sem?t=abc&amp;x=1"`);
    expect(r.calendar).toBeUndefined();
  });

  it("speaks English to people who chose it", () => {
    const r = Message.render(digest("en"));
    expectWellMade(r, "en");
    expect(r.subject).toBe(
      "[Tenggat] 3 obligations: Laporan Satgas, Satgas Kecamatan Paloh — escalated, due 25 Jan 2027",
    );
    expect(r.text).toContain("Dear Budi Santoso,");
    expect(r.text).toContain("Semester report");
    expect(r.text).toContain("Unit: Sub-task-force A");
    expect(r.text).toContain("Due: Monday 1 February 2027 (in 3 days)");
    expect(r.text).toContain("Legal basis: Article 19a");
    expect(r.text).toContain("You receive it as Coordinator, Sub-task-force A.");
    expect(r.text).not.toContain("Senin");
  });

  it("puts the first item in the subject, without a count when there is one", () => {
    const one = digest("id");
    if (one.kind !== "digest") throw new Error("fixture");
    const r = Message.render({
      ...one,
      today: "2027-02-20",
      items: [{ ...(one.items[1] as Message.DigestItem), stage: "due" }],
    });
    expect(r.subject).toBe(
      "[Tenggat] Laporan tahunan, Sub Gugus Tugas A — tenggat hari ini, 20 Feb 2027",
    );
    expect(r.text).toContain("(hari ini)");
    expect(r.text).toContain("Jatuh tempo hari ini (1)");
  });

  it("escapes whatever text it is given and keeps subjects on one line", () => {
    const d = digest("id");
    if (d.kind !== "digest") throw new Error("fixture");
    const r = Message.render({
      ...d,
      items: [
        {
          ...(d.items[0] as Message.DigestItem),
          title: 'Laporan <script>alert("x")</script>\r\nBcc: x@evil.example',
        },
      ],
    });
    expect(r.html).not.toContain("<script>");
    expect(r.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(r.subject).toBe(
      '[Tenggat] Laporan <script>alert("x")</script> Bcc: x@evil.example, Sub Gugus Tugas A — tenggat 1 Feb 2027',
    );
  });

  it("refuses fields it does not know (nothing about a case can ride along)", () => {
    const d = digest("id") as Record<string, unknown>;
    const withVictim = {
      ...d,
      items: [{ ...(d.items as object[])[0], victimName: "X" }],
    } as unknown as Message.Input;
    expect(() => Message.render(withVictim)).toThrow(VisibleError);
    expect(() => Message.render({ ...d, caseNotes: "…" } as unknown as Message.Input)).toThrow(
      VisibleError,
    );
    expect(() =>
      Message.render({ ...d, settingsUrl: "javascript:alert(1)" } as unknown as Message.Input),
    ).toThrow(VisibleError);
  });

  it("defaults to Bahasa Indonesia", () => {
    const { lang: _, ...withoutLang } = digest("en") as Extract<Message.Input, { kind: "digest" }>;
    const r = Message.render(withoutLang);
    expect(r.text).toContain("Yth. Bapak/Ibu Budi Santoso,");
    expect(r.html).toContain('<html lang="id">');
  });
});

describe("Message.render report and task mails", () => {
  const report = {
    title: { id: "Laporan semester", en: "Semester report" },
    unit: unitA,
    period: { id: "Semester II 2026", en: "Semester II 2026" },
    url: `${BASE}/reports/rpt_1`,
  };

  it("report-returned carries the reviewer's comments and the resubmission date", () => {
    for (const lang of ["id", "en"] as const) {
      const r = Message.render({
        kind: "report-returned",
        lang,
        ...common,
        report,
        reviewer: { id: "Ketua Harian", en: "Daily Chair" },
        comments: "Lengkapi tabel indikator RAD B.\nLampirkan daftar hadir rapat.",
        resubmitBy: "2027-02-10",
        today: "2027-02-03",
      });
      expectWellMade(r, lang);
      expect(r.text).toContain(
        "> Lengkapi tabel indikator RAD B.\n> Lampirkan daftar hadir rapat.",
      );
      expect(r.html).toContain("Lengkapi tabel indikator RAD B.<br>Lampirkan daftar hadir rapat.");
      expect(r.text).toContain(`${BASE}/reports/rpt_1`);
      if (lang === "id") {
        expect(r.subject).toBe(
          "[Tenggat] Laporan dikembalikan untuk diperbaiki: Laporan semester Sub Gugus Tugas A",
        );
        expect(r.text).toContain("Ketua Harian mengembalikan laporan");
        expect(r.text).toContain("Rabu, 10 Februari 2027 (7 hari lagi)");
        expect(r.text).toContain("Periode: Semester II 2026");
      } else {
        expect(r.subject).toBe(
          "[Tenggat] Report returned for changes: Semester report Sub-task-force A",
        );
        expect(r.text).toContain("Daily Chair returned the report");
        expect(r.text).toContain("Wednesday 10 February 2027 (in 7 days)");
      }
    }
  });

  it("report-approved and report-forwarded name the offices on the tiered route", () => {
    const approved = Message.render({
      kind: "report-approved",
      ...common,
      report,
      approver: "Ketua Harian",
      approvedOn: "2027-02-12",
      forwardedTo: "Ketua Gugus Tugas",
    });
    expectWellMade(approved, "id");
    expect(approved.subject).toBe(
      "[Tenggat] Laporan disetujui: Laporan semester Sub Gugus Tugas A",
    );
    expect(approved.text).toContain("Ketua Harian menyetujui laporan");
    expect(approved.text).toContain("Jumat, 12 Februari 2027");
    expect(approved.text).toContain("kepada Ketua Gugus Tugas (Lampiran III Bab VIII)");

    const forwarded = Message.render({
      kind: "report-forwarded",
      lang: "en",
      ...common,
      report,
      from: { id: "Koordinator Sub Gugus Tugas A", en: "Coordinator, Sub-task-force A" },
      reviewBy: "2027-02-15",
      today: "2027-02-12",
      ackUrl: `${BASE}/reports/rpt_1/ack?t=1`,
    });
    expectWellMade(forwarded, "en");
    expect(forwarded.subject).toBe(
      "[Tenggat] Report awaiting your review: Semester report Sub-task-force A",
    );
    expect(forwarded.text).toContain("Review by: Monday 15 February 2027 (in 3 days)");
    expect(forwarded.text).toContain("Legal basis: Annex III, Chapter VIII");
    expect(forwarded.text).toContain(`Acknowledge: ${BASE}/reports/rpt_1/ack?t=1`);
  });

  it("task-assigned gives the due date in the subject and the body", () => {
    const r = Message.render({
      kind: "task-assigned",
      ...common,
      task: {
        title: "Susun jadwal rapat triwulan",
        unit: "Sekretariat Gugus Tugas",
        due: "2027-03-01",
        article: "Pasal 9(2)d",
        url: `${BASE}/tasks/tsk_1`,
        ackUrl: `${BASE}/tasks/tsk_1/ack`,
      },
      assignedBy: "Ketua Harian",
      today: "2027-02-22",
    });
    expectWellMade(r, "id");
    expect(r.subject).toBe(
      "[Tenggat] Tugas baru: Susun jadwal rapat triwulan — tenggat 1 Mar 2027",
    );
    expect(r.text).toContain("Tenggat: Senin, 1 Maret 2027 (7 hari lagi)");
    expect(r.text).toContain("Dasar hukum: Pasal 9(2)d");
    expect(r.text).toContain(`Konfirmasi diterima: ${BASE}/tasks/tsk_1/ack`);
  });
});

describe("Message.render meeting mails", () => {
  function props(ics: string): string[] {
    return Ics.unfold(ics).split("\r\n");
  }

  it("meeting-invitation attaches a REQUEST in the recipient's language", () => {
    for (const lang of ["id", "en"] as const) {
      const r = Message.render({ kind: "meeting-invitation", lang, ...common, meeting, calendar });
      expectWellMade(r, lang);
      expect(r.calendar?.method).toBe("REQUEST");
      const lines = props(r.calendar?.content as string);
      expect(lines).toContain("METHOD:REQUEST");
      expect(lines).toContain("UID:mtg_1@tenggat.sambas.example");
      expect(lines).toContain("SEQUENCE:0");
      expect(lines).toContain("DTSTART;TZID=Asia/Pontianak:20270304T090000");
      expect(lines).toContain(`SUMMARY:${lang === "id" ? meeting.title.id : meeting.title.en}`);
      expect(lines).toContain("LOCATION:Aula Kantor Bupati Sambas");
      if (lang === "id") {
        expect(r.subject).toBe(
          "[Tenggat] Undangan rapat: Rapat Koordinasi Sub Gugus Tugas A — Kamis, 4 Maret 2027, 09.00 WIB",
        );
        expect(r.text).toContain("Waktu: 09.00–11.30 WIB");
        expect(r.text).toContain("Tempat: Aula Kantor Bupati Sambas");
        expect(r.text).toContain("Dasar hukum: Pasal 16");
        expect(r.text).toContain(`Konfirmasi kehadiran: ${meeting.ackUrl}`);
        expect(r.text).toContain("invite.ics");
      } else {
        expect(r.subject).toBe(
          "[Tenggat] Meeting invitation: Sub-task-force A coordination meeting — Thursday 4 March 2027, 09:00 WIB",
        );
        expect(r.text).toContain("Time: 09:00–11:30 WIB (UTC+7)");
      }
    }
  });

  it("meeting-rescheduled keeps the UID, needs a higher SEQUENCE and shows both times", () => {
    const moved = { ...meeting, date: "2027-03-05", start: "13:00", end: "15:00" };
    const r = Message.render({
      kind: "meeting-rescheduled",
      ...common,
      meeting: moved,
      previous: { date: "2027-03-04", start: "09:00", end: "11:30" },
      calendar: { ...calendar, sequence: 1 },
    });
    expectWellMade(r, "id");
    expect(r.subject).toBe(
      "[Tenggat] Jadwal rapat diubah: Rapat Koordinasi Sub Gugus Tugas A — kini Jumat, 5 Maret 2027, 13.00 WIB",
    );
    expect(r.text).toContain("Jadwal lama (batal): Kamis, 4 Maret 2027, 09.00–11.30 WIB");
    const lines = props(r.calendar?.content as string);
    expect(lines).toContain("METHOD:REQUEST");
    expect(lines).toContain("UID:mtg_1@tenggat.sambas.example");
    expect(lines).toContain("SEQUENCE:1");
    expect(lines).toContain("DTSTART;TZID=Asia/Pontianak:20270305T130000");
    expect(() =>
      Message.render({
        kind: "meeting-rescheduled",
        ...common,
        meeting: moved,
        previous: { date: "2027-03-04", start: "09:00", end: "11:30" },
        calendar,
      }),
    ).toThrow(VisibleError);
  });

  it("meeting-cancelled sends METHOD:CANCEL with STATUS:CANCELLED", () => {
    const r = Message.render({
      kind: "meeting-cancelled",
      lang: "en",
      ...common,
      meeting,
      calendar: { ...calendar, sequence: 2 },
    });
    expectWellMade(r, "en");
    expect(r.subject).toBe(
      "[Tenggat] Meeting cancelled: Sub-task-force A coordination meeting — Thursday 4 March 2027",
    );
    expect(r.calendar?.method).toBe("CANCEL");
    const lines = props(r.calendar?.content as string);
    expect(lines).toContain("METHOD:CANCEL");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain("SEQUENCE:2");
    // No "confirm attendance" for a meeting that will not take place.
    expect(r.text).not.toContain(meeting.ackUrl);
  });

  it("special-meeting-called cites Pasal 17, addresses all personnel, and gives no details", () => {
    const r = Message.render({
      kind: "special-meeting-called",
      ...common,
      meeting: {
        date: "2027-04-01",
        start: "14:00",
        end: "16:00",
        location: "Ruang Rapat Wakil Bupati",
        convenedBy: "Ketua Gugus Tugas",
        url: `${BASE}/meetings/mtg_2`,
      },
      calendar: { ...calendar, uid: "mtg_2@tenggat.sambas.example" },
    });
    expectWellMade(r, "id");
    expect(r.subject).toBe(
      "[Tenggat] Rapat Koordinasi Khusus (Pasal 17) — Kamis, 1 April 2027, 14.00 WIB",
    );
    expect(r.text).toContain("seluruh personel Gugus Tugas");
    expect(r.text).toContain("tidak dikirim lewat surel");
    expect(props(r.calendar?.content as string)).toContain("SUMMARY:Rapat Koordinasi Khusus");
  });

  it("refuses a meeting that ends before it starts", () => {
    expect(() =>
      Message.render({
        kind: "meeting-invitation",
        ...common,
        meeting: { ...meeting, end: "08:00" },
        calendar,
      }),
    ).toThrow(VisibleError);
  });
});

describe("Message.render sign-in-link", () => {
  it("gives the link, its lifetime and what to do if it was not you", () => {
    const url = `${BASE}/v1/auth/link?tf=sambas&code=abc`;
    const id = Message.render({ kind: "sign-in-link", url, validMinutes: 15 });
    expect(id.subject).toBe("[Tenggat] Tautan masuk (berlaku 15 menit)");
    expect(id.text).toContain(`Masuk ke Tenggat: ${url}`);
    expect(id.text).toContain("berlaku 15 menit");
    expect(id.text).toContain("Jika Anda tidak meminta tautan ini, abaikan surel ini");
    expect(id.text).toContain("permintaan tautan masuk");
    expect(hrefs(id.html)).toEqual([url]);

    const en = Message.render({
      kind: "sign-in-link",
      lang: "en",
      recipient: { name: "Sri Wahyuni" },
      url,
      validMinutes: 15,
      settingsUrl: `${BASE}/settings`,
    });
    expectWellMade(en, "en");
    expect(en.subject).toBe("[Tenggat] Your sign-in link (valid for 15 minutes)");
    expect(en.text).toContain("Dear Sri Wahyuni,");
    expect(en.text).toContain("If this was not you, ignore this e-mail");
  });
});

describe("Message.compose", () => {
  it("builds the MIME message with the notification header, calendar and a stable Message-ID", () => {
    const rendered = Message.render({ kind: "meeting-invitation", ...common, meeting, calendar });
    const envelope: Message.Envelope = {
      from: { name: Message.senderName("id"), email: "tenggat@sambas.example" },
      to: [{ name: "Budi Santoso", email: "budi@sambas.example" }],
      date: new Date("2027-02-20T02:00:00Z"),
      notificationId: "ntf_01HXYZ",
    };
    const raw = Message.compose(rendered, envelope);
    const text = raw.toString("utf8");
    expect(text).toContain("X-Tenggat-Notification: ntf_01HXYZ\r\n");
    expect(text).toContain("Content-Type: text/calendar; method=REQUEST; charset=UTF-8");
    expect(text).toContain('Content-Disposition: attachment; filename="invite.ics"');
    // A retry of the same notification produces the same bytes (and Message-ID).
    expect(Message.compose(rendered, envelope).equals(raw)).toBe(true);
    const other = Message.compose(rendered, { ...envelope, notificationId: "ntf_other" });
    expect(other.equals(raw)).toBe(false);
    expect(() => Message.compose(rendered, { ...envelope, notificationId: "a\r\nb" })).toThrow(
      VisibleError,
    );
  });
});
