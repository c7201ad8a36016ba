import { clearMail, type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Config } from "../config/index.ts";
import { Message } from "../message/index.ts";
import { Email } from "./index.ts";

/**
 * The whole path against the embedded SES: render an invitation, compose the MIME message, send
 * it with `Email.send` (the shared client, pointed at the emulator by `AWS_ENDPOINT_URL_SES`),
 * and read back what SES stored (parsed there by mailparser, an independent MIME reader).
 */

let local: Embedded;

beforeAll(async () => {
  local = await start();
});

afterAll(async () => {
  await local.stop();
});

beforeEach(async () => {
  await clearMail(local.sesUrl);
});

const BASE = "http://localhost:3000";
const people = [
  { name: "Budi Santoso", email: "budi@sambas.example" },
  { name: "Sri Wahyuni", email: "sri@sambas.example" },
];
const meeting = {
  title: "Rapat Koordinasi Sub Gugus Tugas A",
  unit: { id: "Sub Gugus Tugas A", en: "Sub-task-force A" },
  date: "2027-03-04",
  start: "09:00",
  end: "11:30",
  location: "Aula Kantor Bupati Sambas",
  article: "Pasal 16",
  convenedBy: "Koordinator Sub Gugus Tugas A",
  url: `${BASE}/meetings/mtg_1`,
};
const calendar = {
  uid: "mtg_1@tenggat.sambas.example",
  sequence: 0,
  organizer: { name: "Sekretariat Gugus Tugas", email: "sekretariat@sambas.example" },
  attendees: people,
  now: new Date("2027-02-20T02:00:00Z"),
};
const common = {
  recipient: { name: "Budi Santoso" },
  offices: ["Koordinator Sub Gugus Tugas A"],
  settingsUrl: `${BASE}/settings`,
};

function envelope(notificationId: string) {
  return {
    from: { name: Message.senderName("id"), email: Config.sender() },
    to: people,
    date: new Date("2027-02-20T02:00:00Z"),
    notificationId,
  };
}

describe("Email.send through the embedded SES", () => {
  it("delivers an invitation with its calendar parts, as SES and a MIME parser see it", async () => {
    const rendered = Message.render({ kind: "meeting-invitation", ...common, meeting, calendar });
    const raw = Message.compose(rendered, envelope("ntf_invite_1"));

    const { messageId } = await Email.send({ raw, to: people.map((p) => p.email) });

    expect(messageId).toMatch(/\S/);
    const mails = await sentMail(local.sesUrl);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.messageId).toBe(messageId);
    expect(mail?.subject).toBe(
      "[Tenggat] Undangan rapat: Rapat Koordinasi Sub Gugus Tugas A — Kamis, 4 Maret 2027, 09.00 WIB",
    );
    expect(mail?.subject).toBe(rendered.subject);
    // (mailparser writes the display name back quoted; the quotes are its, not ours.)
    expect(mail?.from.replace(/"/g, "")).toBe("Tenggat GT PP-TPPO Sambas <tenggat@sambas.example>");
    const to = (mail?.destination.to.join(", ") ?? "").replace(/"/g, "");
    expect(to).toContain("Budi Santoso <budi@sambas.example>");
    expect(to).toContain("Sri Wahyuni <sri@sambas.example>");

    const text = mail?.body.text ?? "";
    expect(text).toContain("Yth. Bapak/Ibu Budi Santoso,");
    expect(text).toContain("Hari, tanggal: Kamis, 4 Maret 2027");
    expect(text).toContain("Waktu: 09.00–11.30 WIB");
    expect(text).toContain(`Lihat rapat: ${BASE}/meetings/mtg_1`);
    expect(text).toContain("Peraturan Bupati Sambas Nomor 8 Tahun 2016");
    expect(mail?.body.html).toContain("Kamis, 4 Maret 2027");
    expect(mail?.body.html).toContain('<html lang="id">');

    const inline = mail?.attachments.find((a) => a.contentType === "text/calendar");
    const file = mail?.attachments.find((a) => a.contentType === "application/ics");
    expect(inline).toBeDefined();
    expect(file?.filename).toBe("invite.ics");
    for (const part of [inline, file]) {
      const ics = Buffer.from(part?.content ?? "", "base64").toString("utf8");
      expect(ics).toBe(rendered.calendar?.content);
      expect(ics).toContain("METHOD:REQUEST\r\n");
      expect(ics).toContain("UID:mtg_1@tenggat.sambas.example\r\n");
      expect(ics).toContain("DTSTART;TZID=Asia/Pontianak:20270304T090000\r\n");
      expect(ics).toContain("BEGIN:VTIMEZONE\r\n");
    }
  });

  it("delivers the cancellation with the same UID and a higher SEQUENCE", async () => {
    const rendered = Message.render({
      kind: "meeting-cancelled",
      lang: "en",
      ...common,
      meeting,
      calendar: { ...calendar, sequence: 1 },
    });
    const raw = Message.compose(rendered, envelope("ntf_cancel_1"));

    await Email.send({ raw, to: [people[0]?.email as string] });

    const [mail] = await sentMail(local.sesUrl);
    expect(mail?.subject).toBe(
      "[Tenggat] Meeting cancelled: Rapat Koordinasi Sub Gugus Tugas A — Thursday 4 March 2027",
    );
    const file = mail?.attachments.find((a) => a.filename === "invite.ics");
    const ics = Buffer.from(file?.content ?? "", "base64").toString("utf8");
    expect(ics).toContain("METHOD:CANCEL\r\n");
    expect(ics).toContain("STATUS:CANCELLED\r\n");
    expect(ics).toContain("UID:mtg_1@tenggat.sambas.example\r\n");
    expect(ics).toContain("SEQUENCE:1\r\n");
  });

  it("delivers a digest whose encoded subject and UTF-8 body survive the trip", async () => {
    const rendered = Message.render({
      kind: "digest",
      ...common,
      today: "2027-02-17",
      items: [
        {
          stage: "reminder",
          title: "Laporan semester",
          unit: "Sub Gugus Tugas A",
          due: "2027-02-20",
          article: "Pasal 19a",
          openUrl: `${BASE}/o/1?t=a.b.c`,
        },
      ],
    });
    const raw = Message.compose(rendered, envelope("ntf_digest_1"));

    await Email.send({ raw, to: ["budi@sambas.example"] });

    const [mail] = await sentMail(local.sesUrl);
    expect(mail?.subject).toBe(
      "[Tenggat] Laporan semester, Sub Gugus Tugas A — tenggat 20 Feb 2027",
    );
    expect(mail?.body.text).toContain("Tenggat: Sabtu, 20 Februari 2027 (3 hari lagi)");
    expect(mail?.body.text).toContain(`Buka: ${BASE}/o/1?t=a.b.c`);
    expect(mail?.attachments).toHaveLength(0);
  });
});
