import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { Ics } from "./index.ts";

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

/**
 * A small RFC 5545 reader: unfold (here, not with the module's own `unfold`), split
 * name;params:value (params may be quoted). `parsed` reads the same text with ical.js.
 */
function properties(ics: string): Prop[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((l) => l !== "")
    .map((line) => {
      const m = /^([A-Z-]+)((?:;[A-Z-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$/.exec(line);
      if (!m) throw new Error(`not a content line: ${line}`);
      const params: Record<string, string> = {};
      for (const p of (m[2] ?? "").matchAll(/;([A-Z-]+)=("[^"]*"|[^";:,]*)/g)) {
        params[p[1] as string] = (p[2] as string).replace(/^"|"$/g, "");
      }
      return { name: m[1] as string, params, value: m[3] as string };
    });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function get(props: Prop[], name: string): Prop[] {
  return props.filter((p) => p.name === name);
}

function one(props: Prop[], name: string): Prop {
  const found = get(props, name);
  expect(found, name).toHaveLength(1);
  return found[0] as Prop;
}

/** The properties inside the (first) VEVENT. */
function vevent(props: Prop[]): Prop[] {
  const start = props.findIndex((p) => p.name === "BEGIN" && p.value === "VEVENT");
  const end = props.findIndex((p) => p.name === "END" && p.value === "VEVENT");
  expect(start).toBeGreaterThanOrEqual(0);
  return props.slice(start + 1, end);
}

/** The first VEVENT as ical.js, an independent parser, reads it. */
function parsed(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const event = root.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return {
    root,
    event,
    text: (name: string) => event.getFirstPropertyValue(name) as string | null,
  };
}

function expectWellFormed(ics: string): void {
  // An independent parser reads it: one VCALENDAR, the events inside.
  expect(new ICAL.Component(ICAL.parse(ics)).name).toBe("vcalendar");
  expect(ics.endsWith("\r\n")).toBe(true);
  expect(/\r(?!\n)|(?<!\r)\n/.test(ics)).toBe(false);
  for (const line of ics.slice(0, -2).split("\r\n")) {
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  }
}

const invitation: Ics.InvitationInput = {
  uid: "mtg_01HZZZ@tenggat.sambas.example",
  sequence: 0,
  method: "REQUEST",
  start: { date: "2027-03-04", time: "09:00" },
  end: { date: "2027-03-04", time: "11:30" },
  summary: "Rapat Koordinasi Sub Gugus Tugas A (Pasal 16)",
  description:
    "Agenda: evaluasi semester; tindak lanjut, rencana aksi.\nBuka: https://x.example/m/1",
  location: "Aula Kantor Bupati Sambas, Jl. Pembangunan",
  organizer: { name: "Sekretaris Gugus Tugas", email: "sekretariat@sambas.example" },
  attendees: [
    { name: "Koordinator Sub Gugus Tugas A", email: "koord.a@sambas.example" },
    { name: 'Wakil, Koordinator; "A"', email: "wakil.a@sambas.example" },
  ],
  url: "https://tenggat.sambas.example/meetings/mtg_01HZZZ",
  now: new Date("2027-02-20T03:04:05.678Z"),
};

describe("Ics.invitation", () => {
  it("writes a REQUEST with the Pontianak time zone, local times and a UTC stamp", () => {
    const ics = Ics.invitation(invitation);
    expectWellFormed(ics);
    const props = properties(ics);
    expect(one(props, "METHOD").value).toBe("REQUEST");
    expect(one(props, "VERSION").value).toBe("2.0");
    expect(get(props, "TZID").map((p) => p.value)).toEqual(["Asia/Pontianak"]);
    expect(get(props, "TZOFFSETTO").map((p) => p.value)).toEqual(["+0700"]);
    const event = vevent(props);
    expect(one(event, "UID").value).toBe("mtg_01HZZZ@tenggat.sambas.example");
    expect(one(event, "SEQUENCE").value).toBe("0");
    expect(one(event, "DTSTAMP").value).toBe("20270220T030405Z");
    expect(one(event, "DTSTART")).toEqual({
      name: "DTSTART",
      params: { TZID: "Asia/Pontianak" },
      value: "20270304T090000",
    });
    expect(one(event, "DTEND").value).toBe("20270304T113000");
    expect(one(event, "STATUS").value).toBe("CONFIRMED");
    expect(one(event, "ORGANIZER").value).toBe("mailto:sekretariat@sambas.example");
    expect(one(event, "ORGANIZER").params.CN).toBe("Sekretaris Gugus Tugas");
    const attendees = get(event, "ATTENDEE");
    expect(attendees.map((a) => a.value)).toEqual([
      "mailto:koord.a@sambas.example",
      "mailto:wakil.a@sambas.example",
    ]);
    // DQUOTE cannot appear in a parameter value; `,;` force quoting.
    expect(attendees[1]?.params.CN).toBe("Wakil, Koordinator; 'A'");
    expect(ics).toContain(`CN="Wakil, Koordinator; 'A'"`);
    expect(attendees[0]?.params.RSVP).toBe("FALSE");
    // The VTIMEZONE comes before the event that refers to it.
    const timezone = ics.indexOf("BEGIN:VTIMEZONE");
    expect(timezone).toBeGreaterThanOrEqual(0);
    expect(timezone).toBeLessThan(ics.indexOf("BEGIN:VEVENT"));
    const read = parsed(ics);
    expect(read.root.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(
      "Asia/Pontianak",
    );
    expect(read.text("summary")).toBe(invitation.summary);
    expect(read.text("description")).toBe(invitation.description);
    expect(read.text("location")).toBe(invitation.location);
  });

  it("escapes , ; \\ and newlines in text and reads them back", () => {
    const summary = 'Rapat; evaluasi, tahap\\1 "khusus"\r\nbaris 2\rbaris 3';
    const ics = Ics.invitation({ ...invitation, summary });
    expectWellFormed(ics);
    const raw = one(vevent(properties(ics)), "SUMMARY").value;
    expect(raw).toBe('Rapat\\; evaluasi\\, tahap\\\\1 "khusus"\\nbaris 2\\nbaris 3');
    expect(unescapeText(raw)).toBe('Rapat; evaluasi, tahap\\1 "khusus"\nbaris 2\nbaris 3');
    expect(parsed(ics).text("summary")).toBe(
      'Rapat; evaluasi, tahap\\1 "khusus"\nbaris 2\nbaris 3',
    );
    expect(unescapeText(one(vevent(properties(ics)), "DESCRIPTION").value)).toBe(
      invitation.description,
    );
  });

  it("cancels with the same UID, a higher SEQUENCE, METHOD:CANCEL and STATUS:CANCELLED", () => {
    const first = properties(Ics.invitation(invitation));
    const cancelInput = Ics.revise(invitation, {
      method: "CANCEL",
      now: new Date("2027-02-25T00:00:00Z"),
    });
    const cancel = properties(Ics.invitation(cancelInput));
    expect(one(cancel, "METHOD").value).toBe("CANCEL");
    expect(one(vevent(cancel), "STATUS").value).toBe("CANCELLED");
    expect(one(vevent(cancel), "UID").value).toBe(one(vevent(first), "UID").value);
    expect(Number(one(vevent(cancel), "SEQUENCE").value)).toBeGreaterThan(
      Number(one(vevent(first), "SEQUENCE").value),
    );
    expect(one(vevent(cancel), "DTSTAMP").value).toBe("20270225T000000Z");
  });

  it("reschedules with the same UID and a higher SEQUENCE", () => {
    const moved = Ics.revise(invitation, {
      start: { date: "2027-03-05", time: "13:00" },
      end: { date: "2027-03-05", time: "15:00" },
      now: new Date("2027-02-26T00:00:00Z"),
    });
    const event = vevent(properties(Ics.invitation(moved)));
    expect(one(event, "UID").value).toBe(invitation.uid);
    expect(one(event, "SEQUENCE").value).toBe("1");
    expect(one(event, "DTSTART").value).toBe("20270305T130000");
    expect(one(event, "STATUS").value).toBe("CONFIRMED");
  });

  it("refuses an end before the start and unsafe URLs", () => {
    expect(() =>
      Ics.invitation({ ...invitation, end: { date: "2027-03-04", time: "08:00" } }),
    ).toThrow(VisibleError);
    expect(() => Ics.invitation({ ...invitation, url: "javascript:alert(1)" })).toThrow(
      VisibleError,
    );
    expect(() => Ics.invitation({ ...invitation, uid: "a b" })).toThrow(VisibleError);
  });
});

describe("Ics.fold", () => {
  it("never exceeds 75 octets, never splits a UTF-8 character, and unfolds to the input", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 400 }),
        fc.constantFrom("SUMMARY:", "DESCRIPTION;LANGUAGE=id:", "X:"),
        (text, prefix) => {
          const line = prefix + text;
          const folded = Ics.fold(line);
          const physical = folded.split("\r\n");
          physical.forEach((p, i) => {
            const bytes = Buffer.from(p, "utf8");
            expect(bytes.length).toBeLessThanOrEqual(75);
            // Each physical line is valid UTF-8 on its own: no character was cut in two.
            expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toBe(p);
            if (i > 0) expect(p.startsWith(" ")).toBe(true);
          });
          expect(Ics.unfold(folded)).toBe(line);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("uses the whole 75 octets before folding", () => {
    const line = `SUMMARY:${"a".repeat(200)}`;
    const physical = Ics.fold(line).split("\r\n");
    expect(physical[0]).toHaveLength(75);
    expect(physical[1]).toHaveLength(75);
  });

  it("folds a line of Indonesian and emoji text inside every generated file", () => {
    const summary = `Rapat ${"Pencegahan—Penanganan 🤝 ".repeat(8)}`;
    const ics = Ics.invitation({ ...invitation, summary });
    expectWellFormed(ics);
    expect(one(vevent(properties(ics)), "SUMMARY").value).toBe(summary);
  });
});

describe("Ics.feed", () => {
  const now = new Date("2027-01-10T00:00:00Z");
  const feed = Ics.feed({
    name: "Tenggat — Koordinator Sub Gugus Tugas A",
    now,
    events: [
      {
        kind: "deadline",
        uid: "obl:sgt-a:laporan-semester:2026-S2@tenggat",
        date: "2027-12-31",
        summary: "Laporan semester Sub Gugus Tugas A",
        description: "Pasal 19a",
        url: "https://tenggat.sambas.example/o/1",
      },
      {
        kind: "meeting",
        uid: "mtg_1@tenggat",
        sequence: 2,
        start: { date: "2027-02-01", time: "09:00" },
        end: { date: "2027-02-01", time: "10:00" },
        summary: "Rapat Koordinasi",
        location: "Aula",
        status: "CANCELLED",
      },
    ],
  });

  it("has all-day deadlines, timed meetings, a time zone and no attendees", () => {
    expectWellFormed(feed);
    const props = properties(feed);
    expect(one(props, "X-WR-CALNAME").value).toBe("Tenggat — Koordinator Sub Gugus Tugas A");
    expect(one(props, "METHOD").value).toBe("PUBLISH");
    expect(get(props, "TZID").map((p) => p.value)).toEqual(["Asia/Pontianak"]);
    expect(get(props, "BEGIN").filter((p) => p.value === "VEVENT")).toHaveLength(2);
    expect(get(props, "ATTENDEE")).toHaveLength(0);
    expect(get(props, "ORGANIZER")).toHaveLength(0);
    const starts = get(props, "DTSTART");
    expect(starts[1]).toEqual({ name: "DTSTART", params: { VALUE: "DATE" }, value: "20271231" });
    // An all-day event ends (exclusively) the next day, across a year boundary too.
    // (the VTIMEZONE has a DTSTART of its own, but no DTEND)
    expect(get(props, "DTEND")[0]?.value).toBe("20280101");
    expect(starts[2]).toEqual({
      name: "DTSTART",
      params: { TZID: "Asia/Pontianak" },
      value: "20270201T090000",
    });
    expect(get(props, "STATUS").map((p) => p.value)).toEqual(["CANCELLED"]);
    expect(get(props, "DTSTAMP").every((p) => p.value === "20270110T000000Z")).toBe(true);
    expect(one(props, "REFRESH-INTERVAL").value).toBe("PT360M");
  });

  it("is an empty but valid calendar without events", () => {
    const empty = Ics.feed({ name: "Kosong", now, events: [] });
    expectWellFormed(empty);
    expect(empty.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(empty.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(empty).not.toContain("BEGIN:VEVENT");
  });
});

describe("Ics.subscription", () => {
  it("offers the feed as https, webcal and a Google Calendar link", () => {
    const links = Ics.subscription("https://tenggat.sambas.example/v1/feed/abc_DEF-123.ics");
    expect(links.https).toBe("https://tenggat.sambas.example/v1/feed/abc_DEF-123.ics");
    expect(links.webcal).toBe("webcal://tenggat.sambas.example/v1/feed/abc_DEF-123.ics");
    expect(links.google).toBe(
      "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Ftenggat.sambas.example%2Fv1%2Ffeed%2Fabc_DEF-123.ics",
    );
    expect(() => Ics.subscription("javascript:alert(1)")).toThrow();
  });
});
