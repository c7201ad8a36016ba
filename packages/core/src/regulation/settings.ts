import { LocalDate } from "../date/index.ts";
import { Privacy } from "../privacy/index.ts";
import * as z from "../util/zod.ts";
import { ObligationId } from "./ids.ts";

/**
 * Everything the regulation leaves open, with its default. Each field is a choice of the
 * software or of the task force, never law: docs/rules.md lists them beside the articles they
 * fill in. Other areas store these per task force; the calendar takes them as a parameter.
 *
 * `Settings.parse({})` gives the defaults.
 */

/** A day of the month valid in every month, February included (1–28). */
const DayOfMonth = z.int().check(z.minimum(1), z.maximum(28));

/** A month and day, `MM-DD`, valid in every year (so not `02-29`). */
export const MonthDay = z.string().check(
  z.regex(/^\d{2}-\d{2}$/, "must be MM-DD"),
  z.refine((s) => LocalDate.isValid(`2027-${s}`), {
    message: "must be a day that exists every year",
  }),
  z.describe("A month and day, MM-DD, that exists in every year"),
);
export type MonthDay = z.infer<typeof MonthDay>;

const Year = z.int().check(z.minimum(2000), z.maximum(2200));

export const PlanPeriod = z
  .object({ start: Year, end: Year })
  .check(z.refine((p) => p.start <= p.end, { message: "start must not be after end" }));
export type PlanPeriod = z.infer<typeof PlanPeriod>;

export const OfficialHoliday = z.object({
  date: LocalDate.Schema,
  name: Privacy.text(200, 1),
  nameEn: z.optional(Privacy.text(200, 1)),
  /** A national holiday or a collective leave day (cuti bersama); both are non-working days. */
  kind: z.optional(z.enum(["national", "cuti-bersama"])),
});
export type OfficialHoliday = z.infer<typeof OfficialHoliday>;

/** Reminder offsets: days before the due date (0 = on the due day). */
export const Offsets = z.array(z.int().check(z.minimum(0), z.maximum(366))).check(z.maxLength(20));

export const REPORT_TIERS = ["satgasDesa", "satgasKecamatan", "subTaskForce", "district"] as const;
export type ReportTier = (typeof REPORT_TIERS)[number];

export const ReportDeadlines = z
  .prefault(
    z.object({
      /** Village Satgas report to their sub-district Satgas by this day (L-III §VIII point 3). */
      satgasDesa: z._default(DayOfMonth, 7),
      /** Sub-district Satgas report by this day (L-III §VIII points 2, 3). */
      satgasKecamatan: z._default(DayOfMonth, 14),
      /** Sub-task-forces' semester and annual reports by this day (Pasal 19, L-III §VIII point 1). */
      subTaskForce: z._default(DayOfMonth, 21),
      /** The Ketua Harian's report to the Ketua by this day (Pasal 7e). */
      district: z._default(DayOfMonth, 28),
    }),
    {},
  )
  .check(
    z.refine(
      (d) =>
        d.satgasDesa < d.satgasKecamatan &&
        d.satgasKecamatan < d.subTaskForce &&
        d.subTaskForce < d.district,
      {
        message:
          "the reporting chain must close in order: satgasDesa < satgasKecamatan < subTaskForce < district",
      },
    ),
    z.describe(
      "Internal deadlines (day of February and of August) for each tier of the reporting chain",
    ),
  );

export const Settings = z
  .object({
    /**
     * The day the obligations start. Perbup Sambas 8/2016 is in force from its promulgation on
     * 1 April 2016 (Pasal 23); another task force sets the day it was formed.
     */
    inForce: z._default(LocalDate.Schema, "2016-04-01"),
    reportDeadlines: ReportDeadlines,
    /**
     * Move a due date the settings chose (an internal deadline, a yearly day) to the previous
     * working day when it falls on a weekend or holiday. Dates that follow from the text (the
     * end of a quarter or of a 4-month window) are never moved.
     */
    dueOnWorkingDay: z._default(z.boolean(), true),
    /**
     * When a report's window opens: the day after the period it covers ends ("after-period"),
     * or the first day of the reporting month, February or August ("reporting-month").
     */
    reportWindowOpens: z._default(z.enum(["after-period", "reporting-month"]), "after-period"),
    /**
     * Start of the first rolling 4-month window of the sub-task-force meetings (Pasal 16) when
     * no meeting has been held since.
     */
    subtaskMeetingStart: z._default(LocalDate.Schema, "2016-04-01"),
    /** Spread of the two workshops a year (RAD E): one per half-year, or both anywhere in the year. */
    workshopSpread: z._default(z.enum(["half-year", "year"]), "half-year"),
    /**
     * The district coordinator the sub-district Satgas pass village reports on to (L-III §VIII
     * point 3 says "Koordinator Gugus Tugas … Tingkat Kabupaten" without naming which; Pasal 14e
     * gives the Satgas to sub-task-force E).
     */
    satgasReportsTo: z._default(z.enum(["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"]), "sgt-e"),
    /** Due dates, inside the year, of yearly duties the regulation gives no date for. */
    yearlyDue: z.prefault(
      z.object({
        /** Annual evaluation by the women's-empowerment agency (Pasal 21). */
        annualEvaluation: z._default(MonthDay, "12-31"),
        /** Coordinators' monitoring & evaluation of member agencies (L-III §VI). */
        coordinatorMonitoring: z._default(MonthDay, "11-30"),
        /** The Ketua's annual report on the year before, due in the following year (Pasal 6f). */
        chairAnnualReport: z._default(MonthDay, "03-31"),
        /** Monitoring & evaluation by each established Satgas (L-III §VII, a reading). */
        satgasMonitoring: z._default(MonthDay, "11-30"),
      }),
      {},
    ),
    /**
     * Plan (RAD) periods. The regulation's is 2016–2020 (L-III §IX); later periods are assumed
     * to follow every `planPeriodYears` years after the last one listed. List a period here when
     * a new RAD sets different years.
     */
    planPeriods: z._default(z.array(PlanPeriod).check(z.minLength(1)), [
      { start: 2016, end: 2020 },
    ]),
    planPeriodYears: z._default(z.int().check(z.minimum(1), z.maximum(10)), 5),
    /** The Ketua's five-yearly report (Pasal 6f) is due on this day of the year after a period ends. */
    chairFiveYearReportDue: z._default(MonthDay, "03-31"),
    /** A new RAD (Pasal 6a) is due by this day of the last year of the running period. */
    actionPlanRenewalDue: z._default(MonthDay, "09-30"),
    /**
     * The national submission (a reading of L-III §VIII: the ministry coordinates national
     * progress every September–October) is due by this day. The regulation fixes no day; the
     * default is early in the window so the coordination can still use it (not 31 October, its
     * last day). Must lie between 1 July (the half-year it covers has ended) and 31 October.
     */
    nationalSubmissionDue: z._default(
      MonthDay.check(
        z.refine((d) => d >= "07-01" && d <= "10-31", {
          message: "must be between 07-01 and 10-31 (the coordination is in September-October)",
        }),
      ),
      "09-30",
    ),
    /**
     * A province (or the nation) owes its own package by `nationalSubmissionDue` and rolls its
     * members' up into it: each member's package is due this many days earlier (configured).
     */
    memberSubmissionLeadDays: z._default(z.int().check(z.minimum(0), z.maximum(90)), 14),
    /**
     * Who sends the provincial copy of the reports (L-III §VIII point 1): `prevention` = the
     * prevention sub-task-force (A) only, as the text is written; `all` = all five (configured).
     */
    provincialCopy: z._default(z.enum(["prevention", "all"]), "prevention"),
    /**
     * The secretariat's duty to enter next year's official holiday list (configured): reminded
     * from `from`, due on `due`, both `MM-DD` of the year before the list's year.
     */
    holidayList: z
      .prefault(
        z.object({ from: z._default(MonthDay, "10-01"), due: z._default(MonthDay, "12-31") }),
        {},
      )
      .check(
        z.refine((h) => h.from <= h.due, { message: "from must not be after due", path: ["from"] }),
      ),
    /**
     * A report may be submitted this many days before the end of the period it covers (default
     * 0: only once the period has ended; at most a year). A reading of L-III §VIII: the
     * February and August reports are on the semester before.
     */
    submitGraceDays: z._default(z.int().check(z.minimum(0), z.maximum(366)), 0),
    reminders: z.prefault(
      z.object({
        /** Days between repeated notices once an obligation is overdue; each one escalates. */
        overdueEvery: z._default(z.int().check(z.minimum(1), z.maximum(92)), 7),
        /** Reminder offsets per obligation, replacing the rulebook's default for it. */
        offsets: z._default(z.partialRecord(ObligationId, Offsets), {}),
      }),
      {},
    ),
    /**
     * The official list of holidays and collective leave days (SKB 3 Menteri) per year, e.g.
     * `{ "2027": [{ "date": "2027-01-01", "name": "Tahun Baru Masehi" }] }`. A year listed here
     * replaces the shipped list (official for 2026, estimates for other years) for that year.
     */
    officialHolidays: z._default(
      z.record(z.string().check(z.regex(/^\d{4}$/)), z.array(OfficialHoliday)),
      {},
    ),
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s.subtaskMeetingStart < s.inForce) {
        ctx.addIssue({
          code: "custom",
          path: ["subtaskMeetingStart"],
          message: `must not be before inForce (${s.inForce})`,
        });
      }
      const periods = [...s.planPeriods].sort((a, b) => a.start - b.start);
      for (let i = 1; i < periods.length; i++) {
        const prev = periods[i - 1];
        const cur = periods[i];
        if (prev && cur && cur.start <= prev.end) {
          ctx.addIssue({ code: "custom", path: ["planPeriods"], message: "periods overlap" });
        }
      }
      for (const [year, list] of Object.entries(s.officialHolidays)) {
        for (const [i, h] of list.entries()) {
          if (!h.date.startsWith(`${year}-`)) {
            ctx.addIssue({
              code: "custom",
              path: ["officialHolidays", year, i, "date"],
              message: `${h.date} is not in ${year}`,
            });
          }
        }
      }
    }),
  );
export type Settings = z.infer<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

/** The defaults, as documented in docs/rules.md. */
export const DEFAULTS: Settings = Settings.parse({});

const parsed = new Map<string, Settings>();
const PARSED_MAX = 256;

/**
 * A task force's stored settings, parsed: the same object for the same stored settings, so
 * that what the calendar keeps per settings object (the holiday provider, the slots of a range)
 * serves every task force with those settings and both reads of one run. Read-only. Bounded:
 * the oldest goes first.
 */
export function settingsOf(raw: unknown): Settings {
  const key = raw === undefined ? "" : JSON.stringify(raw);
  const kept = parsed.get(key);
  if (kept) return kept;
  const settings = Settings.parse(raw);
  if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
  parsed.set(key, settings);
  return settings;
}
