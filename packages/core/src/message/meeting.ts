import { LocalDate } from "../date/index.ts";
import { Ics } from "../ics/index.ts";
import * as z from "../util/zod.ts";
import {
  assemble,
  Body,
  Common,
  greeting,
  type Lang,
  Line,
  Localized,
  type LocalizedOut,
  type Out,
  office,
  officesFooter,
  pick,
  type Rendered,
  subject,
  Url,
  unit,
  words,
} from "./common.ts";
import * as Format from "./format.ts";
import * as Labels from "./labels.ts";
import type * as Layout from "./layout.ts";

/**
 * Meeting mails: invitation, reschedule, cancellation, and the special meeting (Pasal 17). The
 * agenda travels in the mail body only; the attached calendar object carries the meeting's
 * facts and link, never its agenda.
 */

const MeetingFields = {
  title: Localized,
  unit: Localized,
  date: LocalDate.Schema,
  start: Ics.Time,
  end: Ics.Time,
  location: Line(300),
  /** The article that calls the meeting: "Pasal 16", "Pasal 17", "RAD E". */
  article: Line(100),
  /** The convening office. */
  convenedBy: Localized,
  url: Url,
  /** Confirm attendance in the application. */
  ackUrl: z.optional(Url),
};

const Meeting = z
  .strictObject({
    ...MeetingFields,
    /** What the meeting will discuss, as the convener wrote it. */
    agenda: z.optional(Body(8000)),
  })
  .check(z.refine((m) => m.end > m.start, { message: "end must be after start", path: ["end"] }));

/** What the calendar part needs besides the meeting: the event's identity and its people. */
const Invite = z.strictObject({
  uid: Ics.Uid,
  sequence: z.int().check(z.minimum(0)),
  organizer: Ics.Person,
  attendees: z.array(Ics.Person).check(z.minLength(1), z.maxLength(2000)),
  /** The instant of sending (DTSTAMP). */
  now: z.date(),
});

const Revision = z.extend(Invite, { sequence: z.int().check(z.minimum(1)) });

export const MeetingInvitation = z.strictObject({
  kind: z.literal("meeting-invitation"),
  ...Common,
  meeting: Meeting,
  calendar: Invite,
});

export const MeetingRescheduled = z.strictObject({
  kind: z.literal("meeting-rescheduled"),
  ...Common,
  meeting: Meeting,
  previous: z.strictObject({ date: LocalDate.Schema, start: Ics.Time, end: Ics.Time }),
  /** Why it moved, as the convener wrote it. */
  reason: z.optional(Body(2000)),
  /** Same UID as the invitation, higher SEQUENCE. */
  calendar: Revision,
});

export const MeetingCancelled = z.strictObject({
  kind: z.literal("meeting-cancelled"),
  ...Common,
  meeting: Meeting,
  /** Why it is cancelled, as the convener wrote it. */
  reason: z.optional(Body(2000)),
  /** Same UID as the invitation, higher SEQUENCE. */
  calendar: Revision,
});

/** A special meeting (Pasal 17): a generic title and no agenda, in the mail as in the calendar. */
export const SpecialMeetingCalled = z.strictObject({
  kind: z.literal("special-meeting-called"),
  ...Common,
  /** Title defaults to "Rapat Koordinasi Khusus"; the article to "Pasal 17". */
  meeting: z
    .strictObject({
      ...MeetingFields,
      title: z.optional(Localized),
      unit: z.optional(Localized),
      article: z._default(Line(100), "Pasal 17"),
    })
    .check(z.refine((m) => m.end > m.start, { message: "end must be after start", path: ["end"] })),
  calendar: Invite,
});

interface MeetingOut {
  title: string;
  unit: string;
  date: string;
  start: string;
  end: string;
  location: string;
  article: string;
  convenedBy: LocalizedOut;
  url: string;
  ackUrl?: string | undefined;
  agenda?: string | undefined;
}

type Base = {
  lang: Lang;
  recipient: { name: string };
  offices: LocalizedOut[];
  settingsUrl: string;
};

function words1(m: Out<typeof Meeting>, lang: Lang): MeetingOut {
  return { ...m, title: pick(m.title, lang), unit: unit(m.unit, lang) };
}

function when(m: { date: string; start: string; end: string }, lang: Lang): string {
  return words(lang).meeting.when(
    Format.longDate(m.date, lang),
    Format.timeRange(m.start, m.end, lang),
  );
}

function startsAt(m: MeetingOut, lang: Lang): string {
  return words(lang).meeting.startsAt(Format.longDate(m.date, lang), Format.time(m.start, lang));
}

function meetingFacts(m: MeetingOut, lang: Lang): Layout.Fact[] {
  const t = words(lang);
  const f = t.meeting.facts;
  return [
    { label: f.meeting, value: m.title },
    { label: f.date, value: Format.longDate(m.date, lang) },
    { label: f.time, value: Format.timeRange(m.start, m.end, lang) },
    { label: f.place, value: m.location },
    { label: f.convenedBy, value: office(m.convenedBy, lang) },
    { label: t.common.unit, value: m.unit },
    { label: t.common.basis, value: Labels.basis(m.article, lang) },
  ];
}

function meetingLinks(m: MeetingOut, lang: Lang, cancelled: boolean): Layout.Link[] {
  const w = words(lang).meeting;
  const links: Layout.Link[] = [{ label: w.view, url: m.url }];
  if (m.ackUrl && !cancelled) links.push({ label: w.confirm, url: m.ackUrl });
  return links;
}

function calendarOf(
  m: MeetingOut,
  invite: Out<typeof Invite>,
  method: "REQUEST" | "CANCEL",
  lang: Lang,
): Rendered["calendar"] {
  const t = words(lang);
  const description = [
    m.unit,
    `${t.common.basis}: ${Labels.basis(m.article, lang)}, ${t.regulationShort}`,
    `${t.meeting.facts.convenedBy}: ${office(m.convenedBy, lang)}`,
    m.url,
  ].join("\n");
  return {
    method,
    content: Ics.invitation({
      uid: invite.uid,
      sequence: invite.sequence,
      method,
      start: { date: m.date, time: m.start },
      end: { date: m.date, time: m.end },
      summary: m.title,
      description,
      location: m.location,
      organizer: invite.organizer,
      attendees: invite.attendees,
      url: m.url,
      now: invite.now,
    }),
  };
}

/**
 * The body every meeting mail shares: greeting, the lead, what the template adds, the meeting's
 * facts, its agenda, its links, a note on the attached calendar object, and the footer.
 */
function meetingMail(
  i: Base,
  m: MeetingOut,
  invite: Out<typeof Invite>,
  parts: {
    subject: string;
    lead: string;
    strong?: boolean;
    extra?: Layout.Block[];
    method: "REQUEST" | "CANCEL";
    note: string;
  },
): Rendered {
  const { lang } = i;
  const w = words(lang).meeting;
  const cancelled = parts.method === "CANCEL";
  const blocks: Layout.Block[] = [
    greeting(lang, i.recipient.name),
    { type: "paragraph", text: parts.lead, ...(parts.strong ? { strong: true } : {}) },
    ...(parts.extra ?? []),
    { type: "facts", facts: meetingFacts(m, lang) },
    ...(m.agenda && !cancelled
      ? [{ type: "quote" as const, label: w.agenda, text: m.agenda }]
      : []),
    { type: "actions", links: meetingLinks(m, lang, cancelled) },
    { type: "paragraph", text: parts.note },
  ];
  return assemble(
    lang,
    subject(lang, parts.subject),
    parts.lead,
    blocks,
    officesFooter(i),
    calendarOf(m, invite, parts.method, lang),
  );
}

export function meetingInvitation(i: Out<typeof MeetingInvitation>): Rendered {
  const { lang } = i;
  const m = words1(i.meeting, lang);
  const w = words(lang).meeting;
  return meetingMail(i, m, i.calendar, {
    subject: w.invitation.subject(m.title, startsAt(m, lang)),
    lead: w.invitation.lead(m.title, when(m, lang)),
    method: "REQUEST",
    note: w.calendarRequest,
  });
}

export function meetingRescheduled(i: Out<typeof MeetingRescheduled>): Rendered {
  const { lang } = i;
  const m = words1(i.meeting, lang);
  const w = words(lang).meeting;
  const extra: Layout.Block[] = [
    { type: "facts", facts: [{ label: w.rescheduled.previous, value: when(i.previous, lang) }] },
  ];
  if (i.reason) extra.push({ type: "quote", label: w.reason, text: i.reason });
  return meetingMail(i, m, i.calendar, {
    subject: w.rescheduled.subject(m.title, startsAt(m, lang)),
    lead: w.rescheduled.lead(m.title, when(m, lang)),
    strong: true,
    extra,
    method: "REQUEST",
    note: w.calendarUpdate,
  });
}

export function meetingCancelled(i: Out<typeof MeetingCancelled>): Rendered {
  const { lang } = i;
  const m = words1(i.meeting, lang);
  const w = words(lang).meeting;
  return meetingMail(i, m, i.calendar, {
    subject: w.cancelled.subject(m.title, Format.longDate(m.date, lang)),
    lead: w.cancelled.lead(m.title, when(m, lang)),
    strong: true,
    ...(i.reason ? { extra: [{ type: "quote" as const, label: w.reason, text: i.reason }] } : {}),
    method: "CANCEL",
    note: w.calendarCancel,
  });
}

export function specialMeetingCalled(i: Out<typeof SpecialMeetingCalled>): Rendered {
  const { lang } = i;
  const w = words(lang).meeting;
  const m: MeetingOut = {
    ...i.meeting,
    title: i.meeting.title ? pick(i.meeting.title, lang) : w.special.title,
    unit: i.meeting.unit ? unit(i.meeting.unit, lang) : w.special.unit,
  };
  const basis = Labels.basis(m.article, lang);
  return meetingMail(i, m, i.calendar, {
    subject: w.special.subject(m.title, basis, startsAt(m, lang)),
    lead: w.special.lead(office(m.convenedBy, lang), m.title, basis, when(m, lang)),
    strong: true,
    extra: [{ type: "paragraph", text: w.special.why }],
    method: "REQUEST",
    note: w.calendarRequest,
  });
}
