import { z } from "zod";
import { UnitKind } from "../org/index.ts";
import { Basis, ObligationId } from "./ids.ts";
import { MonthDay, REPORT_TIERS } from "./settings.ts";

/**
 * The rulebook: every obligation of Perbup Sambas 8/2016 the software tracks, as data.
 *
 * Offices are referred to symbolically and resolved for each unit that owes the obligation:
 * - `unit:<role>`   the office of that role in the owing unit (`sgt-a.koordinator`)
 * - `parent:<role>` the office of that role in the owing unit's parent (`satgas-kec-paloh.ketua`)
 * - `gt:<role>`     the office of that role in the district task force (`gt.ketua-harian`)
 * - `satgas-coordinator` the coordinator chosen by `Settings.satgasReportsTo`
 * - `ext:<who>`     someone outside the organisation: `ext:publik` (the public),
 *                   `ext:provinsi` (the provincial task force), `ext:kementerian` (the ministry)
 */
export const OfficeRef = z
  .string()
  .regex(/^((unit|parent|gt):[a-z-]+|satgas-coordinator|ext:[a-z-]+)$/, "not an office reference");
export type OfficeRef = z.infer<typeof OfficeRef>;

export const ReportTier = z.enum(REPORT_TIERS);

/** Who owes an obligation: a kind of unit, the route its work travels (owner first), and copies. */
export const Duty = z.object({
  kind: UnitKind,
  /** Offices in order; the first owes the obligation, the next ones receive it / are escalated to. */
  route: z.array(OfficeRef).min(1),
  /** Offices or outsiders who get a copy (tembusan) or to whom it is published. */
  copies: z.array(OfficeRef),
  /** For reports in February and August: which internal deadline applies. */
  tier: ReportTier.optional(),
});
export type Duty = z.infer<typeof Duty>;

/** How an obligation recurs and how its window and due date are found. */
export const Cadence = z.discriminatedUnion("kind", [
  /** A rolling window of `months` from the last meeting held (Pasal 16). */
  z.object({ kind: z.literal("rolling"), months: z.int().min(1) }),
  /** Calendar quarters; due on the last day of the quarter. */
  z.object({ kind: z.literal("quarterly") }),
  /** Two a year: per half-year or both in the year (`Settings.workshopSpread`). */
  z.object({ kind: z.literal("twice-yearly") }),
  /** Reports in February (covering July–December before) and August (January–June). */
  z.object({ kind: z.literal("semester") }),
  /** A report in February covering the year before. */
  z.object({ kind: z.literal("annual") }),
  /** A fixed window each year (`MM-DD` to `MM-DD`), due on its last day. */
  z.object({ kind: z.literal("yearly-window"), from: MonthDay, to: MonthDay }),
  /** Once a year, any time in the year; due on a configured day. */
  z.object({
    kind: z.literal("yearly"),
    due: z.enum(["annualEvaluation", "coordinatorMonitoring"]),
  }),
  /** A report on the year before, due on a configured day of the following year. */
  z.object({ kind: z.literal("yearly-report"), due: z.literal("chairAnnualReport") }),
  /** A report on a whole plan period, due after it ends. */
  z.object({ kind: z.literal("plan-period-report") }),
  /** A new plan, due before the running plan period ends. */
  z.object({ kind: z.literal("plan-period-renewal") }),
]);
export type Cadence = z.infer<typeof Cadence>;

export const Title = z.object({ id: z.string(), en: z.string() });
export type Title = z.infer<typeof Title>;

export const Info = z.object({
  id: ObligationId,
  title: Title,
  /** The articles it comes from, in the regulation's numbering ("Pasal 16", "L-III §VIII"). */
  articles: z.array(z.string()).min(1),
  basis: Basis,
  duties: z.array(Duty).min(1),
  cadence: Cadence,
  /** Default reminder offsets, days before the due date (0 = the due day). */
  reminderOffsets: z.array(z.int().min(0)),
  /** Settings that shape this obligation's instances (see docs/rules.md). */
  settings: z.array(z.string()),
  /** What is law and what is configured, in plain English. */
  note: z.string(),
});
export type Info = z.infer<typeof Info>;

/** The default reminder offsets (issue #2 §3): 30, 14, 7 and 1 days before, and the due day. */
export const DEFAULT_OFFSETS: readonly number[] = [30, 14, 7, 1, 0];
const LONG_OFFSETS: readonly number[] = [90, 60, 30, 14, 7, 1, 0];

const REPORT_ROUTE: Duty = {
  kind: "sub-gugus-tugas",
  route: ["unit:koordinator", "gt:ketua-harian", "gt:ketua"],
  copies: ["ext:provinsi", "ext:publik"],
  tier: "subTaskForce",
};

const RULEBOOK_DATA: Info[] = [
  {
    id: "subtask-meeting",
    title: {
      id: "Rapat Koordinasi Sub Gugus Tugas",
      en: "Sub-task-force coordination meeting",
    },
    articles: ["Pasal 16"],
    basis: "law",
    duties: [
      {
        kind: "sub-gugus-tugas",
        route: ["unit:koordinator", "gt:ketua-harian", "gt:ketua"],
        copies: [],
      },
    ],
    cadence: { kind: "rolling", months: 4 },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["subtaskMeetingStart"],
    note:
      "Law: at least one meeting of all personnel in every 4 months (Pasal 16), convened by the " +
      "coordinator (Pasal 10a-14a). Reading: a rolling window of at most 4 months from the last " +
      "meeting held; configured: where the first window starts when none was held.",
  },
  {
    id: "taskforce-meeting",
    title: { id: "Pertemuan Rutin Gugus Tugas", en: "Routine task-force meeting" },
    articles: ["RAD E baris 1", "Pasal 9(2)d"],
    basis: "action-plan",
    duties: [
      { kind: "gugus-tugas", route: ["gt:sekretaris", "gt:ketua-harian", "gt:ketua"], copies: [] },
    ],
    cadence: { kind: "quarterly" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: [],
    note:
      "Action-plan target: a routine meeting every quarter, at least 4 a year (RAD E row 1); the " +
      "Sekretaris draws up the schedule and prepares it (Pasal 9(2)d). Reading: calendar quarters.",
  },
  {
    id: "workshop",
    title: { id: "Workshop Tupoksi Gugus Tugas", en: "Workshop on the task force's duties" },
    articles: ["RAD E baris 1"],
    basis: "action-plan",
    duties: [
      { kind: "gugus-tugas", route: ["gt:sekretaris", "gt:ketua-harian", "gt:ketua"], copies: [] },
    ],
    cadence: { kind: "twice-yearly" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["workshopSpread"],
    note:
      "Action-plan target: at least 2 workshops a year (RAD E row 1). Configured: one per half-year " +
      "by default. Owner: the Sekretaris, who prepares the task force's meetings (Pasal 9(2)d).",
  },
  {
    id: "semester-report",
    title: { id: "Laporan Semesteran Sub Gugus Tugas", en: "Sub-task-force semester report" },
    articles: ["Pasal 19a", "L-III §VIII"],
    basis: "law",
    duties: [REPORT_ROUTE],
    cadence: { kind: "semester" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["reportDeadlines.subTaskForce", "reportWindowOpens"],
    note:
      "Law: a semester report (Pasal 19a), reported in February and August, through the Ketua " +
      "Harian to the Ketua, copy to the province, published (L-III §VIII point 1). Reading: " +
      "February covers July-December before, August covers January-June. Configured: the day.",
  },
  {
    id: "annual-report",
    title: { id: "Laporan Tahunan Sub Gugus Tugas", en: "Sub-task-force annual report" },
    articles: ["Pasal 19b", "L-III §VIII"],
    basis: "law",
    duties: [REPORT_ROUTE],
    cadence: { kind: "annual" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["reportDeadlines.subTaskForce", "reportWindowOpens"],
    note:
      "Law: an annual report (Pasal 19b). Reading: due in February with the semester report, " +
      "covering the year before. Configured: the day.",
  },
  {
    id: "satgas-report",
    title: { id: "Laporan Satgas", en: "Satgas report" },
    articles: ["Pasal 5(6)", "L-III §VIII"],
    basis: "law",
    duties: [
      {
        kind: "satgas-desa",
        route: ["unit:ketua", "parent:ketua", "satgas-coordinator"],
        copies: ["gt:ketua-harian", "ext:publik"],
        tier: "satgasDesa",
      },
      {
        kind: "satgas-kecamatan",
        route: ["unit:ketua", "gt:ketua-harian", "gt:ketua"],
        copies: ["satgas-coordinator"],
        tier: "satgasKecamatan",
      },
    ],
    cadence: { kind: "semester" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: [
      "reportDeadlines.satgasDesa",
      "reportDeadlines.satgasKecamatan",
      "satgasReportsTo",
      "reportWindowOpens",
    ],
    note:
      "Law: reports in February and August, tiered (L-III §VIII points 2, 3): village Satgas to " +
      "the sub-district Satgas, which reports through the Ketua Harian and passes village reports " +
      "to the district coordinator with a copy to the Ketua Harian. Configured: the days (village " +
      "before sub-district before the sub-task-forces) and which coordinator.",
  },
  {
    id: "district-report",
    title: { id: "Laporan Ketua Harian kepada Ketua", en: "Daily Chair's report to the Chair" },
    articles: ["Pasal 7e", "L-III §VIII"],
    basis: "law",
    duties: [
      {
        kind: "gugus-tugas",
        route: ["gt:ketua-harian", "gt:ketua"],
        copies: [],
        tier: "district",
      },
    ],
    cadence: { kind: "semester" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["reportDeadlines.district", "reportWindowOpens"],
    note:
      "Law: the Ketua Harian reports to the Ketua (Pasal 7e); the sub-task-force reports reach " +
      "the Ketua through the Ketua Harian in February and August (L-III §VIII point 1). " +
      "Configured: the day, after the sub-task-forces' day so the chain closes inside the month.",
  },
  {
    id: "national-submission",
    title: {
      id: "Penyampaian Laporan untuk Koordinasi Nasional",
      en: "Submission for the national coordination",
    },
    articles: ["L-III §VIII"],
    basis: "law",
    duties: [
      {
        kind: "gugus-tugas",
        route: ["gt:ketua-harian", "gt:ketua"],
        copies: ["ext:provinsi", "ext:kementerian"],
      },
    ],
    cadence: { kind: "yearly-window", from: "09-01", to: "10-31" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: [],
    note:
      "Law: national progress is coordinated by the ministry every September-October for the UN " +
      "session (L-III §VIII); the district's progress must reach it in that window. Reading: it " +
      "carries the August report (January-June); the Ketua Harian prepares it (Pasal 7a).",
  },
  {
    id: "annual-evaluation",
    title: {
      id: "Evaluasi Tahunan Pencegahan dan Penanganan TPPO",
      en: "Annual evaluation of prevention and handling",
    },
    articles: ["Pasal 21"],
    basis: "law",
    duties: [{ kind: "gugus-tugas", route: ["gt:ketua-harian", "gt:ketua"], copies: [] }],
    cadence: { kind: "yearly", due: "annualEvaluation" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["yearlyDue.annualEvaluation"],
    note:
      "Law: evaluated every year (or when the Bupati asks) by the agency for women's empowerment " +
      "with the members (Pasal 21); its head is the Ketua Harian (L-I 3). Configured: the day.",
  },
  {
    id: "coordinator-monitoring",
    title: {
      id: "Pemantauan dan Evaluasi Instansi Anggota oleh Koordinator",
      en: "Coordinator's monitoring and evaluation of member agencies",
    },
    articles: ["L-III §VI"],
    basis: "law",
    duties: [
      {
        kind: "sub-gugus-tugas",
        route: ["unit:koordinator", "gt:ketua-harian", "gt:ketua"],
        copies: [],
      },
    ],
    cadence: { kind: "yearly", due: "coordinatorMonitoring" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["yearlyDue.coordinatorMonitoring"],
    note:
      "Law: each coordinator monitors and evaluates the member agencies at least once a year " +
      "(L-III §VI). Configured: the day.",
  },
  {
    id: "chair-annual-report",
    title: {
      id: "Laporan Tahunan Ketua kepada Bupati dan Masyarakat",
      en: "Chair's annual report to the Regent and the public",
    },
    articles: ["Pasal 6f"],
    basis: "law",
    duties: [{ kind: "gugus-tugas", route: ["gt:ketua", "gt:penasehat"], copies: ["ext:publik"] }],
    cadence: { kind: "yearly-report", due: "chairAnnualReport" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["yearlyDue.chairAnnualReport"],
    note:
      "Law: the Ketua reports to the Bupati and the public every year (Pasal 6f); the Bupati is " +
      "the Penasehat (L-I 1). Configured: the day in the following year.",
  },
  {
    id: "chair-five-year-report",
    title: {
      id: "Laporan Lima Tahunan Ketua kepada Bupati dan Masyarakat",
      en: "Chair's five-yearly report to the Regent and the public",
    },
    articles: ["Pasal 6f"],
    basis: "law",
    duties: [{ kind: "gugus-tugas", route: ["gt:ketua", "gt:penasehat"], copies: ["ext:publik"] }],
    cadence: { kind: "plan-period-report" },
    reminderOffsets: [...LONG_OFFSETS],
    settings: ["planPeriods", "planPeriodYears", "chairFiveYearReportDue"],
    note:
      "Law: the Ketua reports every five years (Pasal 6f). Reading: at the end of each plan period " +
      "(2016-2020, then assumed five-yearly). Configured: the day after the period ends.",
  },
  {
    id: "action-plan-renewal",
    title: { id: "Penyusunan RAD Periode Berikutnya", en: "Drawing up the next action plan" },
    articles: ["Pasal 6a", "L-III §IX"],
    basis: "law",
    duties: [{ kind: "gugus-tugas", route: ["gt:ketua", "gt:penasehat"], copies: [] }],
    cadence: { kind: "plan-period-renewal" },
    reminderOffsets: [...LONG_OFFSETS],
    settings: ["planPeriods", "planPeriodYears", "actionPlanRenewalDue"],
    note:
      "Law: the Ketua draws up the RAD (Pasal 6a); the RAD runs 2016-2020 (L-III §IX), so a new " +
      "one is owed before it ends. Configured: the day in the period's last year, later periods.",
  },
];

/** Every obligation, validated once at load. */
export const RULEBOOK: readonly Info[] = z.array(Info).parse(RULEBOOK_DATA);

const BY_ID = new Map(RULEBOOK.map((o) => [o.id, o]));

/** The obligation with this id. */
export function byId(id: ObligationId): Info {
  const found = BY_ID.get(id);
  if (!found) throw new RangeError(`unknown obligation ${id}`);
  return found;
}

/** The citation text of an obligation, e.g. `Pasal 19a; L-III §VIII`. */
export function citation(o: Info): string {
  return o.articles.join("; ");
}
