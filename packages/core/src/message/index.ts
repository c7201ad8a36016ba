export * as Message from "./index.ts";

import { z } from "zod";
import { LocalDate } from "../date/index.ts";
import { Ics } from "../ics/index.ts";
import { Mime } from "../mime/index.ts";
import { Basis, basisLabel } from "../regulation/ids.ts";
import { fn, parse } from "../util/fn.ts";
import * as Format from "./format.ts";
import * as Layout from "./layout.ts";

/**
 * The mails Tenggat sends, in Bahasa Indonesia (default) or English, rendered to
 * `{ subject, text, html }` (plus an iCalendar object for meeting mails). Pure: time and links
 * come in with the input.
 *
 * Inputs are strict: a field the template does not know is refused, so nothing about a case or
 * a victim can ride along by accident. What a mail carries is counts, titles, units, offices,
 * dates, article citations and links; the details stay behind the link, in the application.
 */

export { longDate, relative, shortDate, time, timeRange } from "./format.ts";

export const Lang = z.enum(["id", "en"]);
export type Lang = z.infer<typeof Lang>;

/** Regulation citation shown with each obligation (Perbup Sambas 8/2016). */
export const REGULATION = {
  id: "Peraturan Bupati Sambas Nomor 8 Tahun 2016",
  en: "Sambas Regent Regulation No. 8 of 2016 (Perbup Sambas 8/2016)",
} as const;

/** One line of text: whitespace (line breaks included) collapses to single spaces. */
const Line = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1));

/** Text in one language, or in both (`{ id, en }`, as units and offices are kept). */
export const Localized = z.union([Line(300), z.strictObject({ id: Line(300), en: Line(300) })]);
export type Localized = z.input<typeof Localized>;

function pick(text: z.output<typeof Localized>, lang: Lang): string {
  return typeof text === "string" ? text : text[lang];
}

const Url = z.url({ protocol: /^https?$/ }).max(2000);

const Common = {
  lang: Lang.default("id"),
  recipient: z.strictObject({ name: Line(200) }),
  /** The offices that make this person a recipient; the footer says so. */
  offices: z.array(Localized).max(20).default([]),
  /** Where the person changes the language of these mails. */
  settingsUrl: Url,
};

// ---------------------------------------------------------------------------------------------
// Inputs

export const Stage = z.enum(["reminder", "due", "overdue", "escalation"]);
export type Stage = z.infer<typeof Stage>;

export const DigestItem = z.strictObject({
  /** `reminder` coming up, `due` today, `overdue`, `escalation`: a unit below is overdue. */
  stage: Stage,
  /** The obligation, e.g. "Laporan semester". */
  title: Localized,
  /** The unit that owes it, e.g. "Sub Gugus Tugas A". */
  unit: Localized,
  /** The office that answers for it, when not the recipient (escalations). */
  responsible: Localized.optional(),
  due: LocalDate.Schema,
  /** The article the obligation comes from, e.g. "Pasal 19a". */
  article: Line(100),
  /** Its basis (law, action plan, reading, configured), shown beside the article unless law. */
  basis: Basis.optional(),
  openUrl: Url,
  ackUrl: Url.optional(),
});
export type DigestItem = z.input<typeof DigestItem>;

export const Digest = z.strictObject({
  kind: z.literal("digest"),
  ...Common,
  today: LocalDate.Schema,
  items: z.array(DigestItem).min(1).max(200),
});

const Report = z.strictObject({
  title: Localized,
  unit: Localized,
  /** e.g. "Semester II 2026". */
  period: Localized.optional(),
  url: Url,
});

export const ReportReturned = z.strictObject({
  kind: z.literal("report-returned"),
  ...Common,
  report: Report,
  /** The reviewing office, e.g. "Ketua Harian". */
  reviewer: Localized,
  /** The reviewer's comments, as written. They are about the report, never about a case. */
  comments: z.string().trim().min(1).max(4000),
  /** By when the corrected report is expected. */
  resubmitBy: LocalDate.Schema.optional(),
  today: LocalDate.Schema,
});

export const ReportApproved = z.strictObject({
  kind: z.literal("report-approved"),
  ...Common,
  report: Report,
  approver: Localized,
  approvedOn: LocalDate.Schema,
  /** Where the report goes next on its tiered route (L-III §VIII), if anywhere. */
  forwardedTo: Localized.optional(),
});

export const ReportForwarded = z.strictObject({
  kind: z.literal("report-forwarded"),
  ...Common,
  report: Report,
  /** The office that sent it up. */
  from: Localized,
  reviewBy: LocalDate.Schema.optional(),
  /** The route's citation, "L-III §VIII" by default. */
  article: Line(100).default("L-III §VIII"),
  ackUrl: Url.optional(),
  today: LocalDate.Schema,
});

export const TaskAssigned = z.strictObject({
  kind: z.literal("task-assigned"),
  ...Common,
  task: z.strictObject({
    title: Localized,
    unit: Localized,
    due: LocalDate.Schema.optional(),
    article: Line(100).optional(),
    url: Url,
    ackUrl: Url.optional(),
  }),
  assignedBy: Localized,
  today: LocalDate.Schema,
});

const Meeting = z
  .strictObject({
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
    ackUrl: Url.optional(),
  })
  .refine((m) => m.end > m.start, { message: "end must be after start", path: ["end"] });

/** What the calendar part needs besides the meeting: the event's identity and its people. */
const Invite = z.strictObject({
  uid: Ics.Uid,
  sequence: z.number().int().min(0),
  organizer: Ics.Person,
  attendees: z.array(Ics.Person).min(1).max(2000),
  /** The instant of sending (DTSTAMP). */
  now: z.date(),
});

const Revision = Invite.extend({ sequence: z.number().int().min(1) });

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
  /** Same UID as the invitation, higher SEQUENCE. */
  calendar: Revision,
});

export const MeetingCancelled = z.strictObject({
  kind: z.literal("meeting-cancelled"),
  ...Common,
  meeting: Meeting,
  /** Same UID as the invitation, higher SEQUENCE. */
  calendar: Revision,
});

export const SpecialMeetingCalled = z.strictObject({
  kind: z.literal("special-meeting-called"),
  ...Common,
  /** Title defaults to "Rapat Koordinasi Khusus"; the article to "Pasal 17". */
  meeting: z
    .strictObject({
      title: Localized.default({
        id: "Rapat Koordinasi Khusus",
        en: "Special Coordination Meeting",
      }),
      unit: Localized.default({ id: "Gugus Tugas PP-TPPO", en: "Task Force (GT PP-TPPO)" }),
      date: LocalDate.Schema,
      start: Ics.Time,
      end: Ics.Time,
      location: Line(300),
      article: Line(100).default("Pasal 17"),
      convenedBy: Localized,
      url: Url,
      ackUrl: Url.optional(),
    })
    .refine((m) => m.end > m.start, { message: "end must be after start", path: ["end"] }),
  calendar: Invite,
});

export const SignInLink = z.strictObject({
  kind: z.literal("sign-in-link"),
  lang: Lang.default("id"),
  recipient: z.strictObject({ name: Line(200) }).optional(),
  url: Url,
  validMinutes: z.number().int().min(1).max(1440),
  settingsUrl: Url.optional(),
});

export const Input = z.discriminatedUnion("kind", [
  Digest,
  ReportReturned,
  ReportApproved,
  ReportForwarded,
  TaskAssigned,
  MeetingInvitation,
  MeetingRescheduled,
  MeetingCancelled,
  SpecialMeetingCalled,
  SignInLink,
]);
export type Input = z.input<typeof Input>;
export type Kind = Input["kind"];

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** For meeting mails: the iCalendar object to attach (see `compose`). */
  calendar?: { method: "REQUEST" | "CANCEL"; content: string };
}

// ---------------------------------------------------------------------------------------------
// Words

const T = {
  id: {
    greeting: (name: string) => `Yth. Bapak/Ibu ${name},`,
    unit: "Unit",
    due: "Tenggat",
    basis: "Dasar hukum",
    responsible: "Penanggung jawab",
    open: "Buka",
    ack: "Konfirmasi diterima",
    period: "Periode",
    stage: {
      overdue: "Terlambat",
      due: "Jatuh tempo hari ini",
      escalation: "Eskalasi: unit di bawah Anda terlambat",
      reminder: "Akan datang",
    },
    subjectStage: {
      overdue: (d: string) => `terlambat, tenggat ${d}`,
      due: (d: string) => `tenggat hari ini, ${d}`,
      escalation: (d: string) => `eskalasi, tenggat ${d}`,
      reminder: (d: string) => `tenggat ${d}`,
    },
    count: (n: number) => `${n} kewajiban`,
    digestIntro: (n: number, today: string) =>
      n === 1
        ? `Ada 1 kewajiban Gugus Tugas PP-TPPO yang perlu Anda perhatikan per ${today}.`
        : `Ada ${n} kewajiban Gugus Tugas PP-TPPO yang perlu Anda perhatikan per ${today}.`,
    digestAck:
      "Tekan \u201cKonfirmasi diterima\u201d untuk mencatat bahwa Anda sudah mengetahui kewajiban tersebut.",
    footerWho: `Surel ini dikirim otomatis oleh Tenggat, sistem kalender dan pengingat Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang (GT PP-TPPO) Kabupaten Sambas, berdasarkan ${REGULATION.id}.`,
    footerAs: (offices: string) => `Anda menerima surel ini sebagai ${offices}.`,
    footerMember: "Anda menerima surel ini sebagai personel Gugus Tugas PP-TPPO.",
    footerSignIn: "Anda menerima surel ini karena ada permintaan tautan masuk untuk alamat ini.",
    footerNoReply: "Surel ini tidak perlu dibalas; balasan tidak dibaca.",
    language: "Ganti bahasa surel / Change e-mail language",
  },
  en: {
    greeting: (name: string) => `Dear ${name},`,
    unit: "Unit",
    due: "Due",
    basis: "Legal basis",
    responsible: "Responsible",
    open: "Open",
    ack: "Acknowledge",
    period: "Period",
    stage: {
      overdue: "Overdue",
      due: "Due today",
      escalation: "Escalation: a unit below you is overdue",
      reminder: "Coming up",
    },
    subjectStage: {
      overdue: (d: string) => `overdue, due ${d}`,
      due: (d: string) => `due today, ${d}`,
      escalation: (d: string) => `escalated, due ${d}`,
      reminder: (d: string) => `due ${d}`,
    },
    count: (n: number) => `${n} obligations`,
    digestIntro: (n: number, today: string) =>
      n === 1
        ? `1 task-force obligation needs your attention as of ${today}.`
        : `${n} task-force obligations need your attention as of ${today}.`,
    digestAck: "Press \u201cAcknowledge\u201d to record that you are aware of an obligation.",
    footerWho: `This e-mail was sent automatically by Tenggat, the calendar and reminder system of the Sambas District Task Force for the Prevention and Handling of Trafficking in Persons (GT PP-TPPO), under ${REGULATION.en}.`,
    footerAs: (offices: string) => `You receive it as ${offices}.`,
    footerMember: "You receive it as a member of the task force (GT PP-TPPO).",
    footerSignIn: "You receive it because a sign-in link was requested for this address.",
    footerNoReply: "No reply is needed; replies are not read.",
    language: "Change e-mail language / Ganti bahasa surel",
  },
} as const;

const STAGE_ORDER: Record<Stage, number> = { overdue: 0, due: 1, escalation: 2, reminder: 3 };
const STAGE_TONE: Record<Stage, Layout.Tone> = {
  overdue: "danger",
  due: "warning",
  escalation: "danger",
  reminder: "info",
};

const PREFIX = "[Tenggat]";

/** The footer of a mail sent because of the offices the recipient holds. */
function officesFooter(i: {
  lang: Lang;
  offices: z.output<typeof Localized>[];
  settingsUrl: string;
}): Layout.Footer {
  return footer(
    i.lang,
    "offices",
    i.offices.map((o) => pick(o, i.lang)),
    i.settingsUrl,
  );
}

function footer(
  lang: Lang,
  reason: "offices" | "sign-in",
  offices: string[],
  settingsUrl: string | undefined,
): Layout.Footer {
  const t = T[lang];
  const why =
    reason === "sign-in"
      ? t.footerSignIn
      : offices.length
        ? t.footerAs(offices.join(", "))
        : t.footerMember;
  return {
    paragraphs: [t.footerWho, why, t.footerNoReply],
    ...(settingsUrl ? { language: { label: t.language, url: settingsUrl } } : {}),
  };
}

function assemble(
  lang: Lang,
  subject: string,
  preheader: string,
  blocks: Layout.Block[],
  foot: Layout.Footer,
  calendar?: Rendered["calendar"],
): Rendered {
  return {
    subject,
    text: Layout.text(blocks, foot),
    html: Layout.html(blocks, foot, { lang, title: subject, preheader }),
    ...(calendar ? { calendar } : {}),
  };
}

type Out<S extends z.ZodType> = z.output<S>;

// ---------------------------------------------------------------------------------------------
// Digest

function digest(i: Out<typeof Digest>): Rendered {
  const { lang } = i;
  const t = T[lang];
  const items = [...i.items].sort(
    (a, b) =>
      STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
      LocalDate.compare(a.due, b.due) ||
      pick(a.title, lang).localeCompare(pick(b.title, lang)),
  );
  const first = items[0] as (typeof items)[number];
  const firstName = `${pick(first.title, lang)}, ${pick(first.unit, lang)}`;
  const subject = `${PREFIX} ${items.length > 1 ? `${t.count(items.length)}: ` : ""}${firstName} — ${t.subjectStage[first.stage](Format.shortDate(first.due, lang))}`;

  const blocks: Layout.Block[] = [
    { type: "paragraph", text: t.greeting(i.recipient.name) },
    { type: "paragraph", text: t.digestIntro(items.length, Format.longDate(i.today, lang)) },
  ];
  for (const stage of Stage.options.slice().sort((a, b) => STAGE_ORDER[a] - STAGE_ORDER[b])) {
    const group = items.filter((x) => x.stage === stage);
    if (!group.length) continue;
    blocks.push({
      type: "heading",
      text: `${t.stage[stage]} (${group.length})`,
      tone: STAGE_TONE[stage],
    });
    for (const item of group) {
      const facts: Layout.Fact[] = [
        { label: t.unit, value: pick(item.unit, lang) },
        {
          label: t.due,
          value: `${Format.longDate(item.due, lang)} (${Format.relative(item.due, i.today, lang)})`,
        },
        {
          label: t.basis,
          value:
            item.basis && item.basis !== "law"
              ? `${item.article} (${basisLabel(item.basis, lang)})`
              : item.article,
        },
      ];
      if (item.responsible)
        facts.push({ label: t.responsible, value: pick(item.responsible, lang) });
      const links: Layout.Link[] = [{ label: t.open, url: item.openUrl }];
      if (item.ackUrl) links.push({ label: t.ack, url: item.ackUrl });
      blocks.push({
        type: "item",
        title: pick(item.title, lang),
        facts,
        links,
        tone: STAGE_TONE[stage],
      });
    }
  }
  if (items.some((x) => x.ackUrl)) blocks.push({ type: "paragraph", text: t.digestAck });
  return assemble(
    lang,
    subject,
    t.digestIntro(items.length, Format.longDate(i.today, lang)),
    blocks,
    officesFooter(i),
  );
}

// ---------------------------------------------------------------------------------------------
// Reports and tasks

function reportFacts(r: Out<typeof Report>, lang: Lang): Layout.Fact[] {
  const t = T[lang];
  const facts: Layout.Fact[] = [{ label: t.unit, value: pick(r.unit, lang) }];
  if (r.period) facts.push({ label: t.period, value: pick(r.period, lang) });
  return facts;
}

function reportName(r: Out<typeof Report>, lang: Lang): string {
  return `${pick(r.title, lang)} ${pick(r.unit, lang)}`;
}

function reportReturned(i: Out<typeof ReportReturned>): Rendered {
  const { lang } = i;
  const t = T[lang];
  const name = reportName(i.report, lang);
  const reviewer = pick(i.reviewer, lang);
  const subject =
    lang === "id"
      ? `${PREFIX} Laporan dikembalikan untuk diperbaiki: ${name}`
      : `${PREFIX} Report returned for changes: ${name}`;
  const lead =
    lang === "id"
      ? `${reviewer} mengembalikan laporan \u201c${pick(i.report.title, lang)}\u201d untuk diperbaiki.`
      : `${reviewer} returned the report \u201c${pick(i.report.title, lang)}\u201d for changes.`;
  const facts = reportFacts(i.report, lang);
  if (i.resubmitBy) {
    facts.push({
      label: lang === "id" ? "Kirim ulang paling lambat" : "Resubmit by",
      value: `${Format.longDate(i.resubmitBy, lang)} (${Format.relative(i.resubmitBy, i.today, lang)})`,
    });
  }
  const blocks: Layout.Block[] = [
    { type: "paragraph", text: t.greeting(i.recipient.name) },
    { type: "paragraph", text: lead },
    { type: "facts", facts },
    {
      type: "quote",
      label: lang === "id" ? `Catatan ${reviewer}` : `Comments from ${reviewer}`,
      text: i.comments,
    },
    {
      type: "actions",
      links: [{ label: lang === "id" ? "Buka laporan" : "Open the report", url: i.report.url }],
    },
  ];
  return assemble(lang, subject, lead, blocks, officesFooter(i));
}

function reportApproved(i: Out<typeof ReportApproved>): Rendered {
  const { lang } = i;
  const t = T[lang];
  const name = reportName(i.report, lang);
  const approver = pick(i.approver, lang);
  const subject =
    lang === "id" ? `${PREFIX} Laporan disetujui: ${name}` : `${PREFIX} Report approved: ${name}`;
  const on = Format.longDate(i.approvedOn, lang);
  const lead =
    lang === "id"
      ? `${approver} menyetujui laporan \u201c${pick(i.report.title, lang)}\u201d pada ${on}.`
      : `${approver} approved the report \u201c${pick(i.report.title, lang)}\u201d on ${on}.`;
  const blocks: Layout.Block[] = [
    { type: "paragraph", text: t.greeting(i.recipient.name) },
    { type: "paragraph", text: lead },
    { type: "facts", facts: reportFacts(i.report, lang) },
  ];
  if (i.forwardedTo) {
    const to = pick(i.forwardedTo, lang);
    blocks.push({
      type: "paragraph",
      text:
        lang === "id"
          ? `Laporan diteruskan secara berjenjang kepada ${to} (L-III §VIII).`
          : `The report goes on up the tiered route to ${to} (L-III §VIII).`,
    });
  }
  blocks.push({
    type: "actions",
    links: [{ label: lang === "id" ? "Buka laporan" : "Open the report", url: i.report.url }],
  });
  return assemble(lang, subject, lead, blocks, officesFooter(i));
}

function reportForwarded(i: Out<typeof ReportForwarded>): Rendered {
  const { lang } = i;
  const t = T[lang];
  const name = reportName(i.report, lang);
  const from = pick(i.from, lang);
  const subject =
    lang === "id"
      ? `${PREFIX} Laporan menunggu pemeriksaan Anda: ${name}`
      : `${PREFIX} Report awaiting your review: ${name}`;
  const lead =
    lang === "id"
      ? `${from} meneruskan laporan \u201c${pick(i.report.title, lang)}\u201d kepada Anda untuk diperiksa.`
      : `${from} forwarded the report \u201c${pick(i.report.title, lang)}\u201d to you for review.`;
  const facts = reportFacts(i.report, lang);
  if (i.reviewBy) {
    facts.push({
      label: lang === "id" ? "Periksa paling lambat" : "Review by",
      value: `${Format.longDate(i.reviewBy, lang)} (${Format.relative(i.reviewBy, i.today, lang)})`,
    });
  }
  facts.push({ label: t.basis, value: i.article });
  const links: Layout.Link[] = [
    { label: lang === "id" ? "Periksa laporan" : "Review the report", url: i.report.url },
  ];
  if (i.ackUrl) links.push({ label: t.ack, url: i.ackUrl });
  const blocks: Layout.Block[] = [
    { type: "paragraph", text: t.greeting(i.recipient.name) },
    { type: "paragraph", text: lead },
    { type: "facts", facts },
    { type: "actions", links },
  ];
  return assemble(lang, subject, lead, blocks, officesFooter(i));
}

function taskAssigned(i: Out<typeof TaskAssigned>): Rendered {
  const { lang } = i;
  const t = T[lang];
  const title = pick(i.task.title, lang);
  const by = pick(i.assignedBy, lang);
  const due = i.task.due;
  const subject =
    lang === "id"
      ? `${PREFIX} Tugas baru: ${title}${due ? ` — tenggat ${Format.shortDate(due, lang)}` : ""}`
      : `${PREFIX} New task: ${title}${due ? ` — due ${Format.shortDate(due, lang)}` : ""}`;
  const lead =
    lang === "id"
      ? `${by} memberi Anda tugas \u201c${title}\u201d.`
      : `${by} assigned you the task \u201c${title}\u201d.`;
  const facts: Layout.Fact[] = [{ label: t.unit, value: pick(i.task.unit, lang) }];
  if (due) {
    facts.push({
      label: t.due,
      value: `${Format.longDate(due, lang)} (${Format.relative(due, i.today, lang)})`,
    });
  }
  if (i.task.article) facts.push({ label: t.basis, value: i.task.article });
  const links: Layout.Link[] = [
    { label: lang === "id" ? "Buka tugas" : "Open the task", url: i.task.url },
  ];
  if (i.task.ackUrl) links.push({ label: t.ack, url: i.task.ackUrl });
  const blocks: Layout.Block[] = [
    { type: "paragraph", text: t.greeting(i.recipient.name) },
    { type: "paragraph", text: lead },
    { type: "facts", facts },
    { type: "actions", links },
  ];
  return assemble(lang, subject, lead, blocks, officesFooter(i));
}

// ---------------------------------------------------------------------------------------------
// Meetings

type MeetingOut = Out<typeof Meeting> | Out<typeof SpecialMeetingCalled>["meeting"];

function when(m: { date: string; start: string; end: string }, lang: Lang): string {
  return `${Format.longDate(m.date, lang)}, ${Format.timeRange(m.start, m.end, lang)}`;
}

function meetingFacts(m: MeetingOut, lang: Lang): Layout.Fact[] {
  const t = T[lang];
  return lang === "id"
    ? [
        { label: "Rapat", value: pick(m.title, lang) },
        { label: "Hari, tanggal", value: Format.longDate(m.date, lang) },
        { label: "Waktu", value: Format.timeRange(m.start, m.end, lang) },
        { label: "Tempat", value: m.location },
        { label: "Penyelenggara", value: pick(m.convenedBy, lang) },
        { label: t.unit, value: pick(m.unit, lang) },
        { label: t.basis, value: m.article },
      ]
    : [
        { label: "Meeting", value: pick(m.title, lang) },
        { label: "Date", value: Format.longDate(m.date, lang) },
        { label: "Time", value: Format.timeRange(m.start, m.end, lang) },
        { label: "Place", value: m.location },
        { label: "Convened by", value: pick(m.convenedBy, lang) },
        { label: t.unit, value: pick(m.unit, lang) },
        { label: t.basis, value: m.article },
      ];
}

function meetingLinks(m: MeetingOut, lang: Lang, cancelled = false): Layout.Link[] {
  const links: Layout.Link[] = [
    { label: lang === "id" ? "Lihat rapat" : "View the meeting", url: m.url },
  ];
  if (m.ackUrl && !cancelled) {
    links.push({
      label: lang === "id" ? "Konfirmasi kehadiran" : "Confirm attendance",
      url: m.ackUrl,
    });
  }
  return links;
}

function calendarOf(
  m: MeetingOut,
  invite: Out<typeof Invite>,
  method: "REQUEST" | "CANCEL",
  lang: Lang,
): Rendered["calendar"] {
  const description = [
    pick(m.unit, lang),
    `${T[lang].basis}: ${m.article}, ${lang === "id" ? "Perbup Sambas 8/2016" : "Perbup Sambas 8/2016"}`,
    `${lang === "id" ? "Penyelenggara" : "Convened by"}: ${pick(m.convenedBy, lang)}`,
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
      summary: pick(m.title, lang),
      description,
      location: m.location,
      organizer: invite.organizer,
      attendees: invite.attendees,
      url: m.url,
      now: invite.now,
    }),
  };
}

function calendarNote(lang: Lang, method: "REQUEST" | "CANCEL"): string {
  if (method === "CANCEL") {
    return lang === "id"
      ? "Pembatalan untuk kalender Anda terlampir (invite.ics); kalender yang sudah memuat undangan akan menghapus acara ini."
      : "A cancellation for your calendar is attached (invite.ics); calendars that hold the invitation will remove the event.";
  }
  return lang === "id"
    ? "Undangan kalender terlampir (invite.ics): buka untuk menambahkannya ke Google Calendar, Outlook, atau kalender ponsel Anda."
    : "A calendar invitation is attached (invite.ics): open it to add the meeting to Google Calendar, Outlook or your phone's calendar.";
}

/**
 * The body every meeting mail shares: greeting, the lead, what the template adds, the meeting's
 * facts and links, a note on the attached calendar object, and the footer.
 */
function meetingMail(
  i: {
    lang: Lang;
    recipient: { name: string };
    offices: z.output<typeof Localized>[];
    settingsUrl: string;
  },
  m: MeetingOut,
  invite: Out<typeof Invite>,
  parts: {
    subject: string;
    lead: string;
    strong?: boolean;
    extra?: Layout.Block[];
    method: "REQUEST" | "CANCEL";
    note?: string;
  },
): Rendered {
  const { lang } = i;
  const blocks: Layout.Block[] = [
    { type: "paragraph", text: T[lang].greeting(i.recipient.name) },
    { type: "paragraph", text: parts.lead, ...(parts.strong ? { strong: true } : {}) },
    ...(parts.extra ?? []),
    { type: "facts", facts: meetingFacts(m, lang) },
    { type: "actions", links: meetingLinks(m, lang, parts.method === "CANCEL") },
    { type: "paragraph", text: parts.note ?? calendarNote(lang, parts.method) },
  ];
  return assemble(
    lang,
    parts.subject,
    parts.lead,
    blocks,
    officesFooter(i),
    calendarOf(m, invite, parts.method, lang),
  );
}

function meetingInvitation(i: Out<typeof MeetingInvitation>): Rendered {
  const { lang, meeting: m } = i;
  const title = pick(m.title, lang);
  const start = `${Format.longDate(m.date, lang)}, ${Format.time(m.start, lang)} WIB`;
  const subject =
    lang === "id"
      ? `${PREFIX} Undangan rapat: ${title} — ${start}`
      : `${PREFIX} Meeting invitation: ${title} — ${start}`;
  const lead =
    lang === "id"
      ? `Anda diundang menghadiri ${title} pada ${when(m, lang)}.`
      : `You are invited to the ${title} on ${when(m, lang)}.`;
  return meetingMail(i, m, i.calendar, { subject, lead, method: "REQUEST" });
}

function meetingRescheduled(i: Out<typeof MeetingRescheduled>): Rendered {
  const { lang, meeting: m } = i;
  const title = pick(m.title, lang);
  const start = `${Format.longDate(m.date, lang)}, ${Format.time(m.start, lang)} WIB`;
  const subject =
    lang === "id"
      ? `${PREFIX} Jadwal rapat diubah: ${title} — kini ${start}`
      : `${PREFIX} Meeting rescheduled: ${title} — now ${start}`;
  const lead =
    lang === "id"
      ? `Jadwal ${title} diubah. Jadwal baru: ${when(m, lang)}.`
      : `The ${title} has been rescheduled. New time: ${when(m, lang)}.`;
  return meetingMail(i, m, i.calendar, {
    subject,
    lead,
    strong: true,
    extra: [
      {
        type: "facts",
        facts: [
          {
            label: lang === "id" ? "Jadwal lama (batal)" : "Old time (no longer valid)",
            value: when(i.previous, lang),
          },
        ],
      },
    ],
    method: "REQUEST",
    note:
      lang === "id"
        ? "Undangan kalender terlampir (invite.ics) memperbarui acara yang sudah ada di kalender Anda."
        : "The attached calendar invitation (invite.ics) updates the event already in your calendar.",
  });
}

function meetingCancelled(i: Out<typeof MeetingCancelled>): Rendered {
  const { lang, meeting: m } = i;
  const title = pick(m.title, lang);
  const subject =
    lang === "id"
      ? `${PREFIX} Rapat dibatalkan: ${title} — ${Format.longDate(m.date, lang)}`
      : `${PREFIX} Meeting cancelled: ${title} — ${Format.longDate(m.date, lang)}`;
  const lead =
    lang === "id"
      ? `${title} pada ${when(m, lang)} dibatalkan.`
      : `The ${title} on ${when(m, lang)} is cancelled.`;
  return meetingMail(i, m, i.calendar, { subject, lead, strong: true, method: "CANCEL" });
}

function specialMeetingCalled(i: Out<typeof SpecialMeetingCalled>): Rendered {
  const { lang, meeting: m } = i;
  const start = `${Format.longDate(m.date, lang)}, ${Format.time(m.start, lang)} WIB`;
  const subject =
    lang === "id"
      ? `${PREFIX} ${pick(m.title, lang)} (${m.article}) — ${start}`
      : `${PREFIX} ${pick(m.title, lang)} (${m.article}) — ${start}`;
  const by = pick(m.convenedBy, lang);
  const lead =
    lang === "id"
      ? `${by} memanggil ${pick(m.title, lang)} sesuai ${m.article} ${REGULATION.id}, yang dihadiri seluruh personel Gugus Tugas, pada ${when(m, lang)}.`
      : `${by} has called a ${pick(m.title, lang)} under ${m.article} of ${REGULATION.en}, for all task-force personnel, on ${when(m, lang)}.`;
  const why =
    lang === "id"
      ? "Rapat ini membahas penanganan yang memerlukan keputusan cepat. Rinciannya disampaikan dalam rapat dan tidak dikirim lewat surel."
      : "The meeting deals with a matter that needs a quick decision. Details are given at the meeting and are not sent by e-mail.";
  return meetingMail(i, m, i.calendar, {
    subject,
    lead,
    strong: true,
    extra: [{ type: "paragraph", text: why }],
    method: "REQUEST",
  });
}

// ---------------------------------------------------------------------------------------------
// Sign-in

function signInLink(i: Out<typeof SignInLink>): Rendered {
  const { lang } = i;
  const t = T[lang];
  const subject =
    lang === "id"
      ? `${PREFIX} Tautan masuk (berlaku ${i.validMinutes} menit)`
      : `${PREFIX} Your sign-in link (valid for ${i.validMinutes} minutes)`;
  const lead =
    lang === "id"
      ? `Gunakan tautan di bawah ini untuk masuk ke Tenggat. Tautan ini berlaku ${i.validMinutes} menit dan hanya dapat dipakai satu kali.`
      : `Use the link below to sign in to Tenggat. It is valid for ${i.validMinutes} minutes and works only once.`;
  const ignore =
    lang === "id"
      ? "Jika Anda tidak meminta tautan ini, abaikan surel ini; tidak ada yang berubah pada akun Anda. Jangan teruskan surel ini kepada siapa pun."
      : "If this was not you, ignore this e-mail; nothing changes on your account. Do not forward it to anyone.";
  const blocks: Layout.Block[] = [
    {
      type: "paragraph",
      text: i.recipient
        ? t.greeting(i.recipient.name)
        : lang === "id"
          ? "Yth. Bapak/Ibu,"
          : "Hello,",
    },
    { type: "paragraph", text: lead },
    {
      type: "actions",
      links: [{ label: lang === "id" ? "Masuk ke Tenggat" : "Sign in to Tenggat", url: i.url }],
    },
    { type: "paragraph", text: ignore },
  ];
  return assemble(lang, subject, lead, blocks, footer(lang, "sign-in", [], i.settingsUrl));
}

// ---------------------------------------------------------------------------------------------

/** Renders one mail. Throws an `input` VisibleError on unknown or malformed fields. */
export const render = fn(Input, (i): Rendered => {
  switch (i.kind) {
    case "digest":
      return digest(i);
    case "report-returned":
      return reportReturned(i);
    case "report-approved":
      return reportApproved(i);
    case "report-forwarded":
      return reportForwarded(i);
    case "task-assigned":
      return taskAssigned(i);
    case "meeting-invitation":
      return meetingInvitation(i);
    case "meeting-rescheduled":
      return meetingRescheduled(i);
    case "meeting-cancelled":
      return meetingCancelled(i);
    case "special-meeting-called":
      return specialMeetingCalled(i);
    case "sign-in-link":
      return signInLink(i);
  }
});

/** The From display name for a language. */
export function senderName(lang: Lang): string {
  return lang === "id" ? "Tenggat GT PP-TPPO Sambas" : "Tenggat (Sambas Task Force GT PP-TPPO)";
}

export const Envelope = z.strictObject({
  from: Mime.Address,
  to: z.array(Mime.Address).min(1).max(50),
  cc: z.array(Mime.Address).max(50).optional(),
  replyTo: z.array(Mime.Address).max(10).optional(),
  date: z.date(),
  /** The ledger's id for this mail; sent as `X-Tenggat-Notification` and seeds the Message-ID. */
  notificationId: z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, "not a notification id"),
  /** Where one click stops these mails (List-Unsubscribe, RFC 8058). */
  unsubscribeUrl: z.url({ protocol: /^https$/ }).optional(),
});
export type Envelope = z.input<typeof Envelope>;

/**
 * The complete MIME message for a rendered mail. The notification id seeds the boundaries and
 * the Message-ID, so the same notification with the same date is byte-identical (SES may still
 * put its own Message-ID on the mail it delivers; SES's MessageId is the one to record).
 */
export function compose(rendered: Rendered, envelope: Envelope): Buffer {
  const e = parse(Envelope, envelope);
  return Mime.build({
    from: e.from,
    to: e.to,
    ...(e.cc ? { cc: e.cc } : {}),
    ...(e.replyTo ? { replyTo: e.replyTo } : {}),
    subject: rendered.subject,
    date: e.date,
    text: rendered.text,
    html: rendered.html,
    ...(rendered.calendar ? { calendar: rendered.calendar } : {}),
    headers: { "X-Tenggat-Notification": e.notificationId },
    ...(e.unsubscribeUrl ? { listUnsubscribe: { url: e.unsubscribeUrl, oneClick: true } } : {}),
    seed: e.notificationId,
  });
}
