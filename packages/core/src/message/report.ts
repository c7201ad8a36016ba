import { LocalDate } from "../date/index.ts";
import * as z from "../util/zod.ts";
import {
  Actor,
  actor,
  Common,
  dueText,
  type Lang,
  Line,
  Localized,
  mail,
  type Out,
  office,
  period,
  pick,
  type Rendered,
  Url,
  unit,
  words,
} from "./common.ts";
import * as Format from "./format.ts";
import * as Labels from "./labels.ts";
import type * as Layout from "./layout.ts";

/** Report events: returned, approved, sent up for review, forwarded (to the owner), published. */

const Report = z.strictObject({
  title: Localized,
  unit: Localized,
  /** A period id (`2026-S2`) or its words ("Semester II 2026"). */
  period: z.optional(Localized),
  url: Url,
});

/** The route's citation: Lampiran III Bab VIII (L-III §VIII). */
const ROUTE = "L-III §VIII";

export const ReportReturned = z.strictObject({
  kind: z.literal("report-returned"),
  ...Common,
  report: Report,
  /** The reviewing office, e.g. "Ketua Harian". */
  reviewer: Localized,
  actor: Actor,
  /** The reviewer's comments, as written. They are about the report, never about a case. */
  comments: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
  /** By when the corrected report is expected. */
  resubmitBy: z.optional(LocalDate.Schema),
  today: LocalDate.Schema,
});

export const ReportApproved = z.strictObject({
  kind: z.literal("report-approved"),
  ...Common,
  report: Report,
  approver: Localized,
  actor: Actor,
  approvedOn: LocalDate.Schema,
  /** Where the report goes next on its tiered route (L-III §VIII), if anywhere. */
  forwardedTo: z.optional(Localized),
});

/** A report arriving for review: submitted to the first office, or forwarded up the route. */
export const ReportForwarded = z.strictObject({
  kind: z.literal("report-forwarded"),
  ...Common,
  report: Report,
  /** The office that sent it up. */
  from: Localized,
  actor: Actor,
  reviewBy: z.optional(LocalDate.Schema),
  /** The route's citation, "L-III §VIII" by default. */
  article: z._default(Line(100), ROUTE),
  ackUrl: z.optional(Url),
  today: LocalDate.Schema,
});

/** For the report's owner: the report went on up the route (nothing for them to do). */
export const ReportSentOn = z.strictObject({
  kind: z.literal("report-sent-on"),
  ...Common,
  report: Report,
  from: Localized,
  actor: Actor,
  /** The office that reviews it now. */
  to: Localized,
  article: z._default(Line(100), ROUTE),
});

export const ReportPublished = z.strictObject({
  kind: z.literal("report-published"),
  ...Common,
  report: Report,
  publisher: Localized,
  actor: Actor,
  publishedOn: LocalDate.Schema,
});

type ReportOut = Out<typeof Report>;

function reportFacts(r: ReportOut, lang: Lang): Layout.Fact[] {
  const c = words(lang).common;
  const facts: Layout.Fact[] = [{ label: c.unit, value: unit(r.unit, lang) }];
  if (r.period) facts.push({ label: c.period, value: period(r.period, lang) });
  return facts;
}

/** "Laporan Semesteran Sub Gugus Tugas Bidang Pencegahan …" (never the unit's words twice). */
function reportName(r: ReportOut, lang: Lang): string {
  return Labels.titleWithUnit(pick(r.title, lang), unit(r.unit, lang));
}

export function reportReturned(i: Out<typeof ReportReturned>): Rendered {
  const { lang } = i;
  const w = words(lang).report;
  const reviewer = office(i.reviewer, lang);
  const facts = reportFacts(i.report, lang);
  if (i.resubmitBy)
    facts.push({ label: w.resubmitBy, value: dueText(i.resubmitBy, i.today, lang) });
  return mail(
    i,
    w.returned.subject(reportName(i.report, lang)),
    w.returned.lead(actor(i.reviewer, i.actor, lang), pick(i.report.title, lang)),
    [
      { type: "facts", facts },
      { type: "quote", label: w.commentsOf(reviewer), text: i.comments },
    ],
    [{ label: w.open, url: i.report.url }],
  );
}

export function reportApproved(i: Out<typeof ReportApproved>): Rendered {
  const { lang } = i;
  const w = words(lang).report;
  const middle: Layout.Block[] = [{ type: "facts", facts: reportFacts(i.report, lang) }];
  if (i.forwardedTo) {
    middle.push({
      type: "paragraph",
      text: w.approved.next(office(i.forwardedTo, lang), Labels.basis(ROUTE, lang)),
    });
  }
  return mail(
    i,
    w.approved.subject(reportName(i.report, lang)),
    w.approved.lead(
      actor(i.approver, i.actor, lang),
      pick(i.report.title, lang),
      Format.longDate(i.approvedOn, lang),
    ),
    middle,
    [{ label: w.open, url: i.report.url }],
  );
}

export function reportForwarded(i: Out<typeof ReportForwarded>): Rendered {
  const { lang } = i;
  const t = words(lang);
  const w = t.report;
  const facts = reportFacts(i.report, lang);
  if (i.reviewBy) facts.push({ label: w.reviewBy, value: dueText(i.reviewBy, i.today, lang) });
  facts.push({ label: t.common.basis, value: Labels.basis(i.article, lang) });
  const links: Layout.Link[] = [{ label: w.review, url: i.report.url }];
  if (i.ackUrl) links.push({ label: t.common.ack, url: i.ackUrl });
  return mail(
    i,
    w.forwarded.subject(reportName(i.report, lang)),
    w.forwarded.lead(actor(i.from, i.actor, lang), pick(i.report.title, lang)),
    [{ type: "facts", facts }],
    links,
  );
}

export function reportSentOn(i: Out<typeof ReportSentOn>): Rendered {
  const { lang } = i;
  const t = words(lang);
  const w = t.report;
  const to = office(i.to, lang);
  const facts = reportFacts(i.report, lang);
  facts.push({ label: t.common.basis, value: Labels.basis(i.article, lang) });
  return mail(
    i,
    w.sentOn.subject(reportName(i.report, lang), to),
    w.sentOn.lead(actor(i.from, i.actor, lang), pick(i.report.title, lang), to),
    [
      { type: "facts", facts },
      { type: "paragraph", text: w.sentOn.after },
    ],
    [{ label: w.open, url: i.report.url }],
  );
}

export function reportPublished(i: Out<typeof ReportPublished>): Rendered {
  const { lang } = i;
  const w = words(lang).report;
  return mail(
    i,
    w.published.subject(reportName(i.report, lang)),
    w.published.lead(
      actor(i.publisher, i.actor, lang),
      pick(i.report.title, lang),
      Format.longDate(i.publishedOn, lang),
    ),
    [{ type: "facts", facts: reportFacts(i.report, lang) }],
    [{ label: w.open, url: i.report.url }],
  );
}
