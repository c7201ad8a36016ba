export * as Ics from "./index.ts";

import { LocalDate } from "../date/index.ts";
import { parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * iCalendar (RFC 5545) for meeting invitations (iTIP/iMIP, RFC 5546/6047: METHOD:REQUEST and
 * METHOD:CANCEL) and for the personal subscription feed. Output is a string with CRLF line ends,
 * lines folded at 75 octets without ever splitting a UTF-8 character.
 *
 * Times are local wall-clock times in Asia/Pontianak (`DTSTART;TZID=Asia/Pontianak:…`) with the
 * VTIMEZONE included, so calendars that do not know the IANA name still get UTC+07.
 * Deadlines are all-day events (`DTSTART;VALUE=DATE`).
 */

export const ZONE = LocalDate.ZONE;
const PRODID = "-//Tenggat//Gugus Tugas PP-TPPO Kabupaten Sambas//ID";
const MAX_OCTETS = 75;
const CRLF = "\r\n";

/** `HH:MM`, 24-hour local time in Asia/Pontianak. */
export const Time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM"));
export type Time = z.infer<typeof Time>;

export const LocalDateTime = z.strictObject({ date: LocalDate.Schema, time: Time });
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/** A globally unique, stable event id (e.g. `mtg_01H…@tenggat.sambas.example`); reused by updates. */
export const Uid = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(255),
    z.regex(/^[\x21-\x7e]+$/, "uid: printable ASCII without spaces"),
  );

/** Whether `s` has a C0 control character (or DEL) other than tab, CR and LF. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** Free text for a property; control characters other than newlines and tabs are refused. */
const Text = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.refine((s) => !hasControl(s), "contains control characters"),
  );

export const Person = z.strictObject({
  name: Text(200).check(z.minLength(1)),
  email: z.email(),
});
export type Person = z.infer<typeof Person>;

const HttpUrl = z.url({ protocol: /^https?$/ });

function after(start: LocalDateTime, end: LocalDateTime): boolean {
  return `${end.date}T${end.time}` > `${start.date}T${start.time}`;
}

export const InvitationInput = z
  .strictObject({
    uid: Uid,
    /** 0 for the first invitation; every reschedule or cancellation must send a higher one. */
    sequence: z.int().check(z.minimum(0), z.maximum(1_000_000)),
    method: z.enum(["REQUEST", "CANCEL"]),
    start: LocalDateTime,
    end: LocalDateTime,
    summary: Text(500).check(z.minLength(1)),
    description: z.optional(Text(8000)),
    location: z.optional(Text(500)),
    organizer: Person,
    attendees: z.array(Person).check(z.minLength(1), z.maxLength(2000)),
    url: z.optional(HttpUrl),
    /** Ask attendees' calendars to send a reply to the organizer (only if someone reads them). */
    rsvp: z._default(z.boolean(), false),
    /** The instant the invitation is issued (DTSTAMP). */
    now: z.date(),
  })
  .check(
    z.refine((i) => after(i.start, i.end), { message: "end must be after start", path: ["end"] }),
  );
export type InvitationInput = z.input<typeof InvitationInput>;

export const DeadlineEvent = z.strictObject({
  kind: z.literal("deadline"),
  uid: Uid,
  /** The local date the obligation is due: an all-day event on that date. */
  date: LocalDate.Schema,
  summary: Text(500).check(z.minLength(1)),
  description: z.optional(Text(8000)),
  url: z.optional(HttpUrl),
});
export type DeadlineEvent = z.infer<typeof DeadlineEvent>;

export const MeetingEvent = z
  .strictObject({
    kind: z.literal("meeting"),
    uid: Uid,
    sequence: z._default(z.int().check(z.minimum(0), z.maximum(1_000_000)), 0),
    start: LocalDateTime,
    end: LocalDateTime,
    summary: Text(500).check(z.minLength(1)),
    // No description: a feed carries a meeting's title, times and place only, never its agenda
    // or minutes (a feed lives in phone calendars, synced and shared beyond the task force).
    location: z.optional(Text(500)),
    url: z.optional(HttpUrl),
    status: z._default(z.enum(["CONFIRMED", "CANCELLED"]), "CONFIRMED"),
  })
  .check(
    z.refine((i) => after(i.start, i.end), { message: "end must be after start", path: ["end"] }),
  );
export type MeetingEvent = z.input<typeof MeetingEvent>;

export const FeedInput = z.strictObject({
  /** Calendar name shown on the phone (X-WR-CALNAME). */
  name: Text(200).check(z.minLength(1)),
  description: z.optional(Text(1000)),
  events: z.array(z.union([DeadlineEvent, MeetingEvent])).check(z.maxLength(20_000)),
  /** The instant the feed is generated (DTSTAMP of every event). */
  now: z.date(),
  /** How often subscribers should fetch again, in minutes (a hint; Google ignores it). */
  refreshMinutes: z._default(z.int().check(z.minimum(15), z.maximum(10_080)), 360),
});
export type FeedInput = z.input<typeof FeedInput>;

// ---------------------------------------------------------------------------------------------
// Content lines

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** A parameter value (RFC 5545 §3.2): DQUOTE is not allowed at all; quote when `:;,` appear. */
export function paramValue(value: string): string {
  let clean = "";
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    clean += c < 0x20 || c === 0x7f ? " " : ch === '"' ? "'" : ch;
  }
  return /[:;,]/.test(clean) || clean !== clean.trim() ? `"${clean}"` : clean;
}

/**
 * Folds one content line so no physical line exceeds 75 octets (RFC 5545 §3.1): continuation
 * lines start with a space. Splits only between code points, so a multi-byte UTF-8 character is
 * never cut (some parsers do not rejoin split characters).
 */
export function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** Undoes `fold` (RFC 5545 §3.1 unfolding). */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, "");
}

function contentLine(name: string, value: string, params: Record<string, string> = {}): string {
  const p = Object.entries(params)
    .map(([k, v]) => `;${k}=${v}`)
    .join("");
  return fold(`${name}${p}:${value}`);
}

function compact(date: string): string {
  return date.replace(/-/g, "");
}

function localDateTime(t: LocalDateTime): string {
  return `${compact(t.date)}T${t.time.replace(":", "")}00`;
}

/** UTC `YYYYMMDDTHHMMSSZ`. */
export function utc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * Asia/Pontianak: WIB, UTC+07:00 all year since 1988 (no daylight saving). One STANDARD rule is
 * enough for the dates Tenggat deals in.
 */
export function vtimezone(): string[] {
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${ZONE}`,
    `X-LIC-LOCATION:${ZONE}`,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:WIB",
    "END:STANDARD",
    "END:VTIMEZONE",
  ];
}

function mailto(
  person: Person,
  extra: Record<string, string> = {},
): [string, Record<string, string>] {
  return [`mailto:${person.email}`, { CN: paramValue(person.name), ...extra }];
}

function calendar(head: string[], body: string[]): string {
  return `${["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", ...head, ...vtimezone(), ...body, "END:VCALENDAR"].join(CRLF)}${CRLF}`;
}

// ---------------------------------------------------------------------------------------------
// Invitations

/**
 * A meeting invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL, STATUS:CANCELLED),
 * ready to be sent as `text/calendar; method=…` and as an `invite.ics` attachment.
 * A reschedule is a REQUEST with the same `uid` and a higher `sequence`; see `revise`.
 */
export function invitation(input: InvitationInput): string {
  const i = parse(InvitationInput, input);
  const cancel = i.method === "CANCEL";
  const lines: string[] = [
    "BEGIN:VEVENT",
    contentLine("UID", escapeText(i.uid)),
    `SEQUENCE:${i.sequence}`,
    `DTSTAMP:${utc(i.now)}`,
    contentLine("DTSTART", localDateTime(i.start), { TZID: ZONE }),
    contentLine("DTEND", localDateTime(i.end), { TZID: ZONE }),
    contentLine("SUMMARY", escapeText(i.summary)),
  ];
  if (i.description) lines.push(contentLine("DESCRIPTION", escapeText(i.description)));
  if (i.location) lines.push(contentLine("LOCATION", escapeText(i.location)));
  if (i.url) lines.push(contentLine("URL", i.url, { VALUE: "URI" }));
  lines.push(contentLine("ORGANIZER", ...mailto(i.organizer)));
  for (const a of i.attendees) {
    lines.push(
      contentLine(
        "ATTENDEE",
        ...mailto(a, {
          CUTYPE: "INDIVIDUAL",
          ROLE: "REQ-PARTICIPANT",
          PARTSTAT: "NEEDS-ACTION",
          RSVP: i.rsvp && !cancel ? "TRUE" : "FALSE",
        }),
      ),
    );
  }
  lines.push(`STATUS:${cancel ? "CANCELLED" : "CONFIRMED"}`, "TRANSP:OPAQUE", "END:VEVENT");
  return calendar([`METHOD:${i.method}`], lines);
}

/**
 * The next revision of an invitation: same UID, SEQUENCE + 1, new DTSTAMP, and whatever
 * `changes` say (a new time for a reschedule, `method: "CANCEL"` to cancel).
 */
export function revise(
  previous: InvitationInput,
  changes: Partial<Omit<InvitationInput, "uid" | "sequence">> & { now: Date },
): InvitationInput {
  return { ...previous, ...changes, uid: previous.uid, sequence: previous.sequence + 1 };
}

// ---------------------------------------------------------------------------------------------
// Subscription feed

/**
 * A personal subscription feed (webcal): all-day events for deadlines, timed events for
 * meetings; no attendees and no organizer, so phones show plain events, not invitations.
 */
export function feed(input: FeedInput): string {
  const f = parse(FeedInput, input);
  const stamp = `DTSTAMP:${utc(f.now)}`;
  const body: string[] = [];
  for (const e of f.events) {
    body.push("BEGIN:VEVENT", contentLine("UID", escapeText(e.uid)), stamp);
    if (e.kind === "deadline") {
      body.push(
        `DTSTART;VALUE=DATE:${compact(e.date)}`,
        `DTEND;VALUE=DATE:${compact(LocalDate.addDays(e.date, 1))}`,
        contentLine("SUMMARY", escapeText(e.summary)),
      );
      if (e.description) body.push(contentLine("DESCRIPTION", escapeText(e.description)));
      if (e.url) body.push(contentLine("URL", e.url, { VALUE: "URI" }));
      // A deadline does not make anyone busy for the day.
      body.push("TRANSP:TRANSPARENT", "END:VEVENT");
    } else {
      body.push(
        `SEQUENCE:${e.sequence}`,
        contentLine("DTSTART", localDateTime(e.start), { TZID: ZONE }),
        contentLine("DTEND", localDateTime(e.end), { TZID: ZONE }),
        contentLine("SUMMARY", escapeText(e.summary)),
      );
      if (e.location) body.push(contentLine("LOCATION", escapeText(e.location)));
      if (e.url) body.push(contentLine("URL", e.url, { VALUE: "URI" }));
      body.push(`STATUS:${e.status}`, "TRANSP:OPAQUE", "END:VEVENT");
    }
  }
  const refresh = `PT${f.refreshMinutes}M`;
  const head = [
    "METHOD:PUBLISH",
    contentLine("X-WR-CALNAME", escapeText(f.name)),
    `X-WR-TIMEZONE:${ZONE}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
    `X-PUBLISHED-TTL:${refresh}`,
  ];
  if (f.description) head.push(contentLine("X-WR-CALDESC", escapeText(f.description)));
  return calendar(head, body);
}

/**
 * Ways to subscribe to a feed served at `httpsUrl` (which carries the person's secret): the
 * plain URL, `webcal://` (iPhone and Outlook open it as a subscription), and Google Calendar's
 * "add by URL" page (Android phones take subscriptions through Google Calendar). Treat each as
 * a password: whoever has it sees the person's calendar.
 */
export function subscription(httpsUrl: string): { https: string; webcal: string; google: string } {
  const url = new URL(httpsUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`not an http(s) feed URL: ${httpsUrl}`);
  }
  const webcal = `webcal://${url.host}${url.pathname}${url.search}`;
  return {
    https: url.toString(),
    webcal,
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`,
  };
}
