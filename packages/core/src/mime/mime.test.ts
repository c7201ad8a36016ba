import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { Mime } from "./index.ts";

// ---------------------------------------------------------------------------------------------
// A deliberately small MIME reader, written from the RFCs, to read our own output back.

interface Entity {
  headers: [string, string][];
  body: string;
}

function readEntity(raw: string): Entity {
  const split = raw.indexOf("\r\n\r\n");
  expect(split, "header/body separator").toBeGreaterThan(0);
  const head = raw.slice(0, split).replace(/\r\n(?=[ \t])/g, ""); // unfold
  const headers = head.split("\r\n").map((line): [string, string] => {
    const colon = line.indexOf(":");
    expect(colon, `header line ${line}`).toBeGreaterThan(0);
    // We always write "Name: value"; the one space after the colon is not part of the value.
    expect(line[colon + 1], `space after ${line.slice(0, colon)}:`).toBe(" ");
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 2)];
  });
  return { headers, body: raw.slice(split + 4) };
}

function header(e: Entity, name: string): string | undefined {
  const found = e.headers.filter(([n]) => n === name.toLowerCase());
  expect(found.length, `at most one ${name}`).toBeLessThanOrEqual(1);
  return found[0]?.[1];
}

function mediaType(e: Entity): { type: string; params: Record<string, string> } {
  const value = header(e, "content-type") ?? "text/plain";
  const [type, ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf("=");
    params[p.slice(0, eq).trim().toLowerCase()] = p
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, "");
  }
  return { type: (type as string).trim().toLowerCase(), params };
}

function children(e: Entity): Entity[] {
  const boundary = mediaType(e).params.boundary as string;
  expect(boundary).toBeTruthy();
  const segments = `\r\n${e.body}`.split(`\r\n--${boundary}`);
  expect(segments[0], "no preamble").toBe("");
  const last = segments.at(-1) as string;
  expect(last, "close delimiter").toBe("--\r\n");
  return segments.slice(1, -1).map((s) => {
    expect(s.startsWith("\r\n")).toBe(true);
    return readEntity(s.slice(2));
  });
}

function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r\n/g, "");
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=") {
      expect(text.slice(i + 1, i + 3)).toMatch(/^[0-9A-F]{2}$/);
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

function content(e: Entity): Buffer {
  const cte = header(e, "content-transfer-encoding");
  if (cte === "base64") return Buffer.from(e.body.replace(/\r\n/g, ""), "base64");
  if (cte === "quoted-printable") return decodeQuotedPrintable(e.body);
  throw new Error(`unexpected transfer encoding ${cte}`);
}

/** RFC 2047 decoding of B-encoded UTF-8 words; whitespace between adjacent words is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_, b64: string) =>
      Buffer.from(b64, "base64").toString("utf8"),
    );
}

function lines(raw: Buffer): string[] {
  return raw.toString("utf8").split("\r\n");
}

// ---------------------------------------------------------------------------------------------

const ics = [
  "BEGIN:VCALENDAR",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "SUMMARY:Rapat Koordinasi — Sub Gugus Tugas A",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

const base: Mime.Input = {
  from: { name: "Tenggat Gugus Tugas PP-TPPO Sambas", email: "tenggat@sambas.example" },
  to: [{ name: "Budi Santoso", email: "budi@sambas.example" }],
  subject: "[Tenggat] Undangan rapat: Rapat Koordinasi — Kamis, 4 Maret 2027",
  date: new Date("2027-02-01T01:00:00Z"),
  text: "Yth. Bapak/Ibu Budi Santoso,\n\nAnda diundang ke rapat.\nBuka: https://tenggat.sambas.example/m/1\n",
  html: '<!DOCTYPE html><html lang="id"><body><p style="margin:0">Yth. Bapak/Ibu Budi Santoso,</p><p>Anda diundang ke rapat — <a href="https://tenggat.sambas.example/m/1">Buka</a></p></body></html>',
  headers: { "X-Tenggat-Notification": "ntf_01HXYZ" },
  seed: "test-1",
};

describe("Mime.build", () => {
  it("nests text, HTML and the calendar in alternative, inside mixed with invite.ics", () => {
    const raw = Mime.build({ ...base, calendar: { method: "REQUEST", content: ics } });
    const message = readEntity(raw.toString("utf8"));
    expect(header(message, "mime-version")).toBe("1.0");
    expect(mediaType(message).type).toBe("multipart/mixed");

    const [alternative, attachment, ...rest] = children(message);
    expect(rest).toHaveLength(0);
    expect(mediaType(alternative as Entity).type).toBe("multipart/alternative");
    const [text, html, calendar] = children(alternative as Entity) as [Entity, Entity, Entity];
    expect(mediaType(text)).toEqual({ type: "text/plain", params: { charset: "UTF-8" } });
    expect(content(text).toString("utf8")).toBe((base.text as string).replace(/\n/g, "\r\n"));
    expect(mediaType(html).type).toBe("text/html");
    expect(content(html).toString("utf8")).toBe(base.html);
    expect(mediaType(calendar)).toEqual({
      type: "text/calendar",
      params: { method: "REQUEST", charset: "UTF-8" },
    });
    expect(content(calendar).toString("utf8")).toBe(ics);
    // The bare-token form calendar clients match on.
    expect(raw.toString("utf8")).toContain(
      "Content-Type: text/calendar; method=REQUEST; charset=UTF-8\r\n",
    );

    expect(mediaType(attachment as Entity)).toEqual({
      type: "application/ics",
      params: { name: "invite.ics" },
    });
    expect(header(attachment as Entity, "content-disposition")).toBe(
      'attachment; filename="invite.ics"',
    );
    expect(content(attachment as Entity).toString("utf8")).toBe(ics);
  });

  it("writes the standard and custom headers", () => {
    const raw = Mime.build({
      ...base,
      to: [
        { name: "Budi Santoso", email: "budi@sambas.example" },
        { email: "sekretariat@sambas.example" },
      ],
      cc: [{ name: "Ketua Harian", email: "kh@sambas.example" }],
      replyTo: [{ name: "Sekretariat", email: "sekretariat@sambas.example" }],
      listUnsubscribe: { url: "https://tenggat.sambas.example/settings", oneClick: true },
    });
    const message = readEntity(raw.toString("utf8"));
    expect(header(message, "from")).toBe(
      "Tenggat Gugus Tugas PP-TPPO Sambas <tenggat@sambas.example>",
    );
    expect(header(message, "to")).toBe(
      "Budi Santoso <budi@sambas.example>, sekretariat@sambas.example",
    );
    expect(header(message, "cc")).toBe("Ketua Harian <kh@sambas.example>");
    expect(header(message, "reply-to")).toBe("Sekretariat <sekretariat@sambas.example>");
    expect(header(message, "date")).toBe("Mon, 01 Feb 2027 08:00:00 +0700");
    expect(header(message, "message-id")).toMatch(/^<[0-9a-f]{32}@sambas\.example>$/);
    expect(header(message, "x-tenggat-notification")).toBe("ntf_01HXYZ");
    expect(header(message, "auto-submitted")).toBe("auto-generated");
    expect(header(message, "list-unsubscribe")).toBe("<https://tenggat.sambas.example/settings>");
    expect(header(message, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(header(message, "bcc")).toBeUndefined();
    // Without attachments the alternative is the top level.
    expect(mediaType(message).type).toBe("multipart/alternative");
  });

  it("uses CRLF everywhere and keeps every line within 998 (headers within 78)", () => {
    const raw = Mime.build({
      ...base,
      to: Array.from({ length: 12 }, (_, i) => ({
        name: `Anggota Gugus Tugas Nomor ${i}`,
        email: `anggota${i}@sambas.example`,
      })),
      text: `${"kata ".repeat(400)}\n${"x".repeat(3000)}`,
      html: `<p>${"<b>teks</b> ".repeat(500)}</p>`,
      calendar: { method: "REQUEST", content: ics },
      attachments: [
        { contentType: "application/pdf", filename: "jadwal.pdf", content: Buffer.alloc(5000, 7) },
      ],
    });
    const text = raw.toString("utf8");
    expect(/\r(?!\n)|(?<!\r)\n/.test(text)).toBe(false);
    const all = lines(raw);
    for (const line of all) expect(line.length).toBeLessThanOrEqual(998);
    const headerLines = all.slice(0, all.indexOf(""));
    for (const line of headerLines) expect(line.length).toBeLessThanOrEqual(78);
    // Only 7-bit content on the wire.
    expect([...raw].every((b) => b < 128)).toBe(true);
    const to = header(readEntity(text), "to") as string;
    expect(to.split(", ")).toHaveLength(12);
    expect(to).toContain("Anggota Gugus Tugas Nomor 11 <anggota11@sambas.example>");
  });

  it("encodes a non-ASCII subject as encoded-words that decode to the original", () => {
    const raw = Mime.build(base);
    const subject = header(readEntity(raw.toString("utf8")), "subject") as string;
    expect(subject).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeWords(subject)).toBe(base.subject);
  });

  it("keeps a plain ASCII subject readable", () => {
    const subject =
      "[Tenggat] 3 kewajiban: Laporan semester Sub Gugus Tugas A, tenggat 20 Feb 2027";
    const raw = Mime.build({ ...base, subject });
    expect(raw.toString("utf8")).toContain("Subject: [Tenggat] 3 kewajiban:");
    expect(header(readEntity(raw.toString("utf8")), "subject")).toBe(subject);
  });

  it("round-trips any visible one-line subject and display name (property)", () => {
    // Visible: nothing `cleanHeaderText` would strip (controls, format characters, extra spaces).
    const oneLine = fc
      .string({ unit: "binary", minLength: 1, maxLength: 200 })
      .filter((s) => s !== "" && Mime.cleanHeaderText(s) === s);
    fc.assert(
      fc.property(oneLine, oneLine, (subject, name) => {
        const raw = Mime.build({ ...base, subject, to: [{ name, email: "a@sambas.example" }] });
        const all = lines(raw);
        const headerLines = all.slice(0, all.indexOf(""));
        for (const line of headerLines) expect(line.length).toBeLessThanOrEqual(998);
        const message = readEntity(raw.toString("utf8"));
        expect(decodeWords(header(message, "subject") as string)).toBe(subject);
        const to = header(message, "to") as string;
        const display = to.slice(0, to.lastIndexOf(" <"));
        const decoded = display.startsWith('"')
          ? display.slice(1, -1).replace(/\\(.)/g, "$1")
          : decodeWords(display);
        expect(decoded).toBe(name);
      }),
      { numRuns: 300 },
    );
  });

  it("quotes display names with specials and encodes non-ASCII ones", () => {
    const raw = Mime.build({
      ...base,
      to: [
        { name: "Dr. Sri Wahyuni, S.H.", email: "sri@sambas.example" },
        { name: 'Kepala "Bidang" A\\B', email: "kb@sambas.example" },
        { name: "Agustinus Ñoño", email: "an@sambas.example" },
      ],
    });
    const to = header(readEntity(raw.toString("utf8")), "to") as string;
    expect(to).toContain('"Dr. Sri Wahyuni, S.H." <sri@sambas.example>');
    expect(to).toContain('"Kepala \\"Bidang\\" A\\\\B" <kb@sambas.example>');
    expect(to).toMatch(/=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <an@sambas\.example>/);
    expect(decodeWords(to)).toContain("Agustinus Ñoño <an@sambas.example>");
  });

  it("strips bidi overrides, zero-width characters and line breaks from subjects and display names", () => {
    const raw = Mime.build({
      ...base,
      subject: "Undangan\u202e fdp.exe\u202c rapat\u200b\r\nBcc: mallory@evil.example",
      from: { name: "Tenggat\u2066\u200d Sambas\0", email: "tenggat@sambas.example" },
      to: [{ name: "Budi\r\nBcc: m@evil.example\u200f", email: "budi@sambas.example" }],
    }).toString("utf8");
    const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
    const entity = readEntity(raw);
    expect(head).not.toMatch(/^Bcc:/im);
    expect(decodeWords(header(entity, "subject") as string)).toBe(
      "Undangan fdp.exe rapat Bcc: mallory@evil.example",
    );
    expect(decodeWords(header(entity, "from") as string)).toBe(
      "Tenggat Sambas <tenggat@sambas.example>",
    );
    expect(header(entity, "to")).toBe('"Budi Bcc: m@evil.example" <budi@sambas.example>');
    expect(Mime.cleanHeaderText("a\u202ab\u2067c\ufeffd\u00ade")).toBe("abcde");
  });

  it("refuses CR, LF and NUL in every other header value, and standard headers as custom ones", () => {
    const attempts: Mime.Input[] = [
      { ...base, to: [{ email: "budi@sambas.example\r\nBcc: m@evil.example" }] },
      { ...base, headers: { "X-Tenggat-Notification": "ntf_1\r\nBcc: m@evil.example" } },
      { ...base, headers: { "X-Bad:Name": "x" } },
      { ...base, headers: { bcc: "m@evil.example" } },
      { ...base, headers: { "Content-Type": "text/plain" } },
      {
        ...base,
        attachments: [{ contentType: "text/plain", filename: "a\r\n.txt", content: "x" }],
      },
      {
        ...base,
        attachments: [{ contentType: "text/plain\r\nX-Evil: 1", content: "x" }],
      },
      { ...base, messageId: "abc@x\r\nBcc: m@evil.example" },
    ];
    for (const attempt of attempts) {
      expect(() => Mime.build(attempt), JSON.stringify(attempt.subject)).toThrow(VisibleError);
    }
  });

  it("is deterministic with a seed and random without one", () => {
    const withCalendar = { ...base, calendar: { method: "REQUEST" as const, content: ics } };
    expect(Mime.build(withCalendar).equals(Mime.build(withCalendar))).toBe(true);
    expect(Mime.build(withCalendar).equals(Mime.build({ ...withCalendar, seed: "other" }))).toBe(
      false,
    );
    const { seed: _, ...unseeded } = withCalendar;
    expect(Mime.build(unseeded).equals(Mime.build(unseeded))).toBe(false);
    const message = readEntity(Mime.build(withCalendar).toString("utf8"));
    const outer = mediaType(message).params.boundary as string;
    const inner = mediaType(children(message)[0] as Entity).params.boundary as string;
    expect(outer).not.toBe(inner);
    expect(outer).toMatch(/^=_tenggat_[0-9a-f]{32}$/);
  });

  it("sends a text-only message as a single text/plain entity", () => {
    const { html: _, ...textOnly } = base;
    const message = readEntity(Mime.build(textOnly).toString("utf8"));
    expect(mediaType(message).type).toBe("text/plain");
    expect(content(message).toString("utf8")).toContain("Anda diundang ke rapat.");
  });

  it("names attachments with RFC 2231 when the file name is not ASCII", () => {
    const raw = Mime.build({
      ...base,
      attachments: [
        { contentType: "text/plain", filename: "Notulen rapat — Maret.txt", content: "isi" },
      ],
    });
    const [, attachment] = children(readEntity(raw.toString("utf8")));
    expect(header(attachment as Entity, "content-disposition")).toBe(
      "attachment; filename*=UTF-8''Notulen%20rapat%20%E2%80%94%20Maret.txt",
    );
    expect(content(attachment as Entity).toString("utf8")).toBe("isi");
  });
});

describe("Mime encodings", () => {
  it("quoted-printable round-trips any text with lines of at most 76 (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 600 }), (text) => {
        const encoded = Mime.encodeQuotedPrintable(text);
        expect(/^[\x20-\x7e\r\n\t]*$/.test(encoded)).toBe(true);
        for (const line of encoded.split("\r\n")) {
          expect(line.length).toBeLessThanOrEqual(76);
          expect(line).not.toMatch(/[ \t]$/);
          expect(line.startsWith(".")).toBe(false);
        }
        expect(decodeQuotedPrintable(encoded).toString("utf8")).toBe(
          text.replace(/\r\n|\r|\n/g, "\r\n"),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("keeps trailing spaces and = signs through quoted-printable", () => {
    const text = "a = b  \n.\ntab\t";
    const encoded = Mime.encodeQuotedPrintable(text);
    expect(encoded).toBe("a =3D b =20\r\n=2E\r\ntab=09");
    expect(decodeQuotedPrintable(encoded).toString("utf8")).toBe("a = b  \r\n.\r\ntab\t");
  });

  it("base64 round-trips any bytes with lines of at most 76 (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const encoded = Mime.encodeBase64(Buffer.from(bytes));
        for (const line of encoded.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
        expect(Buffer.from(encoded.replace(/\r\n/g, ""), "base64").equals(Buffer.from(bytes))).toBe(
          true,
        );
      }),
    );
  });

  it("never splits a character across encoded-words", () => {
    const words = Mime.encodeWords("é".repeat(100) + "😀".repeat(30));
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(68);
      const b64 = /^=\?UTF-8\?B\?(.*)\?=$/.exec(word)?.[1] as string;
      const bytes = Buffer.from(b64, "base64");
      expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toBeTruthy();
    }
  });
});
