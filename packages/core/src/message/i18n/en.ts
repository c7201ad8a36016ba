import type { Catalogue } from "./id.ts";

/**
 * The English catalogue: the same keys as `id.ts` (the type makes a missing key a compile
 * error, and `i18n.test.ts` checks it at run time too).
 */

const REGULATION = "Sambas Regent Regulation No. 8 of 2016 (Perbup Sambas 8/2016)";

export const en: Catalogue = {
  regulation: REGULATION,
  regulationShort: "Perbup Sambas 8/2016",
  sender: "Tenggat (Sambas Task Force GT PP-TPPO)",
  prefix: "[Tenggat]",

  dates: {
    long: (day: string, rest: string) => `${day} ${rest}`,
    time: (hhmm: string) => hhmm,
    range: (range: string) => `${range} (UTC+7)`,
    today: "today",
    tomorrow: "tomorrow",
    inDays: (n: number) => `in ${n} days`,
    overdue: (n: number) => (n === 1 ? "1 day overdue" : `${n} days overdue`),
  },

  common: {
    greeting: (name: string) => `Dear ${name},`,
    greetingAnonymous: "Hello,",
    unit: "Unit",
    due: "Due",
    basis: "Legal basis",
    responsible: "Responsible",
    period: "Period",
    open: "Open",
    ack: "Acknowledge",
    dueWithDistance: (date: string, distance: string) => `${date} (${distance})`,
    onBehalf: (actor: string, office: string) => `${actor}, on behalf of the ${office},`,
    actorWithOffice: (name: string, office: string) => `${name} (${office})`,
  },

  footer: {
    who: `This e-mail was sent automatically by Tenggat, the calendar and reminder system of the Sambas District Task Force for the Prevention and Handling of Trafficking in Persons (GT PP-TPPO), under ${REGULATION}.`,
    as: (offices: string) => `You receive it as ${offices}.`,
    member: "You receive it as a member of the task force (GT PP-TPPO).",
    signIn: "You receive it because a sign-in link was requested for this address.",
    noReply: "No reply is needed; replies are not read.",
    language: "Change e-mail language / Ganti bahasa surel",
  },

  digest: {
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
    heading: (stage: string, n: number) => `${stage} (${n})`,
    intro: (n: number, today: string) =>
      n === 1
        ? `1 task-force obligation needs your attention as of ${today}.`
        : `${n} task-force obligations need your attention as of ${today}.`,
    ack: "Press \u201cAcknowledge\u201d to record that you are aware of an obligation.",
    more: (shown: number, total: number) =>
      `This e-mail lists ${shown} of ${total} obligations, the most urgent first. The other ${total - shown} are on the overview page.`,
    overview: "See all obligations",
  },

  report: {
    open: "Open the report",
    review: "Review the report",
    reviewBy: "Review by",
    resubmitBy: "Resubmit by",
    commentsOf: (reviewer: string) => `Comments from ${reviewer}`,
    returned: {
      subject: (name: string) => `Report returned for changes: ${name}`,
      lead: (reviewer: string, title: string) =>
        `${reviewer} returned the report \u201c${title}\u201d for changes.`,
    },
    approved: {
      subject: (name: string) => `Report approved: ${name}`,
      lead: (approver: string, title: string, on: string) =>
        `${approver} approved the report \u201c${title}\u201d on ${on}.`,
      next: (to: string, basis: string) =>
        `The report goes on up the tiered route to ${to} (${basis}).`,
    },
    forwarded: {
      subject: (name: string) => `Report awaiting your review: ${name}`,
      lead: (from: string, title: string) =>
        `${from} forwarded the report \u201c${title}\u201d to you for review.`,
    },
    sentOn: {
      subject: (name: string, to: string) => `Report forwarded to ${to}: ${name}`,
      lead: (from: string, title: string, to: string) =>
        `${from} forwarded the report \u201c${title}\u201d to ${to} for review.`,
      after: "Nothing is needed from you; you will be told when it is approved or returned.",
    },
    published: {
      subject: (name: string) => `Report published: ${name}`,
      lead: (by: string, title: string, on: string) =>
        `${by} published the report \u201c${title}\u201d on ${on}. The public can now read it.`,
    },
  },

  task: {
    open: "Open the task",
    description: "Description",
    reason: "Reason",
    note: "Completion note",
    assigned: {
      subject: (title: string) => `New task: ${title}`,
      subjectDue: (title: string, due: string) => `New task: ${title} — due ${due}`,
      lead: (by: string, title: string) => `${by} assigned you the task \u201c${title}\u201d.`,
    },
    reassignedAway: {
      subject: (title: string, to: string) => `Task handed to ${to}: ${title}`,
      lead: (by: string, title: string, to: string) =>
        `${by} handed the task \u201c${title}\u201d from your office to ${to}. It is no longer yours.`,
    },
    completed: {
      subject: (title: string) => `Task done: ${title}`,
      lead: (by: string, title: string, on: string) =>
        `${by} completed the task \u201c${title}\u201d you gave, on ${on}.`,
    },
  },

  meeting: {
    facts: {
      meeting: "Meeting",
      date: "Date",
      time: "Time",
      place: "Place",
      convenedBy: "Convened by",
    },
    agenda: "Agenda",
    reason: "Reason",
    view: "View the meeting",
    confirm: "Confirm attendance",
    startsAt: (date: string, time: string) => `${date}, ${time} WIB`,
    when: (date: string, range: string) => `${date}, ${range}`,
    calendarRequest:
      "A calendar invitation is attached (invite.ics): open it to add the meeting to Google Calendar, Outlook or your phone's calendar.",
    calendarUpdate:
      "The attached calendar invitation (invite.ics) updates the event already in your calendar.",
    calendarCancel:
      "A cancellation for your calendar is attached (invite.ics); calendars that hold the invitation will remove the event.",
    invitation: {
      subject: (title: string, start: string) => `Meeting invitation: ${title} — ${start}`,
      lead: (title: string, when: string) => `You are invited to the ${title} on ${when}.`,
    },
    rescheduled: {
      subject: (title: string, start: string) => `Meeting rescheduled: ${title} — now ${start}`,
      lead: (title: string, when: string) =>
        `The ${title} has been rescheduled. New time: ${when}.`,
      previous: "Old time (no longer valid)",
    },
    cancelled: {
      subject: (title: string, date: string) => `Meeting cancelled: ${title} — ${date}`,
      lead: (title: string, when: string) => `The ${title} on ${when} is cancelled.`,
    },
    special: {
      title: "Special Coordination Meeting",
      unit: "Task Force (GT PP-TPPO)",
      subject: (title: string, basis: string, start: string) => `${title} (${basis}) — ${start}`,
      lead: (by: string, title: string, basis: string, when: string) =>
        `${by} has called a ${title} under ${basis} of ${REGULATION}, for all task-force personnel, on ${when}.`,
      why: "The meeting deals with a matter that needs a quick decision. Details are given at the meeting and are not sent by e-mail.",
    },
  },

  signIn: {
    subject: (minutes: number) => `Your sign-in link (valid for ${minutes} minutes)`,
    lead: (minutes: number) =>
      `Use the link below to sign in to Tenggat. It is valid for ${minutes} minutes and works only once.`,
    ignore:
      "If this was not you, ignore this e-mail; nothing changes on your account. Do not forward it to anyone.",
    button: "Sign in to Tenggat",
  },

  labels: {
    period: {
      year: (y: string) => `Year ${y}`,
      semester: (n: string, y: string) => `Semester ${n} ${y}`,
      quarter: (n: string, y: string) => `Quarter ${n} ${y}`,
      occurrence: (n: string, y: string) => `Occurrence ${n} of ${y}`,
      years: (a: string, b: string) => `${a}–${b}`,
      window: (from: string) => `Period from ${from}`,
    },
    annex: (annex: string, chapter: string) => `Annex ${annex}, Chapter ${chapter}`,
    annexOnly: (annex: string) => `Annex ${annex}`,
    article: (n: string) => `Article ${n}`,
    status: {
      open: "open",
      satisfied: "done",
      waived: "waived",
      retired: "no longer applies",
      draft: "draft",
      submitted: "submitted",
      returned: "returned",
      approved: "approved",
      forwarded: "forwarded",
      published: "published",
      assigned: "assigned",
      accepted: "accepted",
      done: "done",
      cancelled: "cancelled",
      scheduled: "scheduled",
      held: "held",
    },
    role: {
      penasehat: "Adviser",
      ketua: "Chair",
      "ketua-harian": "Executive Chair",
      sekretaris: "Secretary",
      anggota: "Member",
      koordinator: "Coordinator",
      "wakil-koordinator": "Deputy Coordinator",
    },
    officeOf: (role: string, unit: string) => `${role}, ${unit}`,
    taskForce: "Task Force",
    subTaskForce: (letter: string) => `Sub-task-force ${letter}`,
    satgas: (place: string) => `Satgas ${place}`,
    timestamp: (date: string, time: string) => `${date}, ${time} WIB`,
  },
};
