export * as Message from "./index.ts";

import { Mime } from "../mime/index.ts";
import { fn, parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";
import type { Lang, Rendered } from "./common.ts";
import { Digest, digest } from "./digest.ts";
import { catalogue } from "./i18n/index.ts";
import {
  MeetingCancelled,
  MeetingInvitation,
  MeetingRescheduled,
  meetingCancelled,
  meetingInvitation,
  meetingRescheduled,
  SpecialMeetingCalled,
  specialMeetingCalled,
} from "./meeting.ts";
import {
  ReportApproved,
  ReportForwarded,
  ReportPublished,
  ReportReturned,
  ReportSentOn,
  reportApproved,
  reportForwarded,
  reportPublished,
  reportReturned,
  reportSentOn,
} from "./report.ts";
import { SignInLink, signInLink } from "./signin.ts";
import {
  TaskAssigned,
  TaskCompleted,
  TaskReassignedAway,
  taskAssigned,
  taskCompleted,
  taskReassignedAway,
} from "./task.ts";

/**
 * The mails Tenggat sends, in Bahasa Indonesia (default) or English, rendered to
 * `{ subject, text, html }` (plus an iCalendar object for meeting mails). Pure: time and links
 * come in with the input.
 *
 * One file per template family (`digest.ts`, `report.ts`, `task.ts`, `meeting.ts`,
 * `signin.ts`); every string a person reads lives in the catalogues (`i18n/id.ts`, `i18n/en.ts`),
 * and every label derived from data (periods, offices, units, legal bases, timestamps) in
 * `labels.ts`.
 *
 * Inputs are strict: a field the template does not know is refused, so nothing about a case or
 * a victim can ride along by accident. What a mail carries is counts, titles, units, offices,
 * dates, article citations, the texts people wrote about the work (agenda, comments, task
 * descriptions, reasons) and links; the details stay behind the link, in the application.
 */

export { Lang, Localized, type Rendered } from "./common.ts";
export { BODY_BUDGET, Digest, DigestItem, Stage } from "./digest.ts";
export * as Format from "./format.ts";
export { longDate, relative, shortDate, time, timeRange } from "./format.ts";
export { CATALOGUES, type Catalogue, catalogue } from "./i18n/index.ts";
export * as Labels from "./labels.ts";
export {
  MeetingCancelled,
  MeetingInvitation,
  MeetingRescheduled,
  SpecialMeetingCalled,
} from "./meeting.ts";
export {
  ReportApproved,
  ReportForwarded,
  ReportPublished,
  ReportReturned,
  ReportSentOn,
} from "./report.ts";
export { SignInLink } from "./signin.ts";
export { TaskAssigned, TaskCompleted, TaskReassignedAway } from "./task.ts";

/** Regulation citation shown with each obligation (Perbup Sambas 8/2016). */
export const REGULATION = {
  id: catalogue("id").regulation,
  en: catalogue("en").regulation,
} as const;

export const Input = z.discriminatedUnion("kind", [
  Digest,
  ReportReturned,
  ReportApproved,
  ReportForwarded,
  ReportSentOn,
  ReportPublished,
  TaskAssigned,
  TaskReassignedAway,
  TaskCompleted,
  MeetingInvitation,
  MeetingRescheduled,
  MeetingCancelled,
  SpecialMeetingCalled,
  SignInLink,
]);
export type Input = z.input<typeof Input>;
export type Kind = Input["kind"];

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
    case "report-sent-on":
      return reportSentOn(i);
    case "report-published":
      return reportPublished(i);
    case "task-assigned":
      return taskAssigned(i);
    case "task-reassigned-away":
      return taskReassignedAway(i);
    case "task-completed":
      return taskCompleted(i);
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
  return catalogue(lang).sender;
}

export const Envelope = z.strictObject({
  from: Mime.Address,
  to: z.array(Mime.Address).check(z.minLength(1), z.maxLength(50)),
  cc: z.optional(z.array(Mime.Address).check(z.maxLength(50))),
  replyTo: z.optional(z.array(Mime.Address).check(z.maxLength(10))),
  date: z.date(),
  /** The ledger's id for this mail; sent as `X-Tenggat-Notification` and seeds the Message-ID. */
  notificationId: z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,200}$/, "not a notification id")),
  /** Where one click stops these mails (List-Unsubscribe, RFC 8058). */
  unsubscribeUrl: z.optional(z.url({ protocol: /^https$/ })),
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
