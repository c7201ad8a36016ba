import { UnitKind } from "../org/index.ts";
import * as z from "../util/zod.ts";
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
  .check(
    z.regex(
      /^((unit|parent|gt):[a-z-]+|satgas-coordinator|ext:[a-z-]+)$/,
      "not an office reference",
    ),
  );
export type OfficeRef = z.infer<typeof OfficeRef>;

export const ReportTier = z.enum(REPORT_TIERS);

/** Who owes an obligation: a kind of unit, the route its work travels (owner first), and copies. */
export const Duty = z.object({
  kind: UnitKind,
  /** Offices in order; the first owes the obligation, the next ones receive it / are escalated to. */
  route: z.array(OfficeRef).check(z.minLength(1)),
  /** Offices or outsiders who get a copy (tembusan) or to whom it is published. */
  copies: z.array(OfficeRef),
  /** For reports in February and August: which internal deadline applies. */
  tier: z.optional(ReportTier),
  /**
   * The provincial copy of L-III §VIII point 1 ("tembusan kepada sub Gugus Tugas Bidang
   * Pencegahan … Provinsi"): the text writes it for the prevention sub-task-force (`sgt-a`) only;
   * `Settings.provincialCopy = "all"` extends it to every unit of this duty (configured).
   */
  provincialCopy: z.optional(z.literal(true)),
});
export type Duty = z.infer<typeof Duty>;

/** How an obligation recurs and how its window and due date are found. */
export const Cadence = z.discriminatedUnion("kind", [
  /** A rolling window of `months` from the last meeting held (Pasal 16). */
  z.object({ kind: z.literal("rolling"), months: z.int().check(z.minimum(1)) }),
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
    due: z.enum(["annualEvaluation", "coordinatorMonitoring", "satgasMonitoring"]),
  }),
  /** A report on the year before, due on a configured day of the following year. */
  z.object({ kind: z.literal("yearly-report"), due: z.literal("chairAnnualReport") }),
  /** A report on a whole plan period, due after it ends. */
  z.object({ kind: z.literal("plan-period-report") }),
  /** A new plan, due before the running plan period ends. */
  z.object({ kind: z.literal("plan-period-renewal") }),
  /** The national submission: covers January–June, due on `Settings.nationalSubmissionDue`. */
  z.object({ kind: z.literal("national-submission") }),
  /** Next year's official holiday list: window from `Settings.holidayList.from` to its due day. */
  z.object({ kind: z.literal("holiday-list") }),
  /**
   * Recorded one by one, never computed: an evaluation the Bupati asks for (Pasal 21(1)), a
   * province's member districts' packages (`Federation`, one per member and year).
   */
  z.object({ kind: z.literal("on-request") }),
]);
export type Cadence = z.infer<typeof Cadence>;

export const Title = z.object({ id: z.string(), en: z.string() });
export type Title = z.infer<typeof Title>;

export const Info = z.object({
  id: ObligationId,
  title: Title,
  /** The articles it comes from, in the regulation's numbering ("Pasal 16", "L-III §VIII"). */
  articles: z.array(z.string()).check(z.minLength(1)),
  basis: Basis,
  duties: z.array(Duty).check(z.minLength(1)),
  cadence: Cadence,
  /** Default reminder offsets, days before the due date (0 = the due day). */
  reminderOffsets: z.array(z.int().check(z.minimum(0))),
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
  copies: ["ext:publik"],
  tier: "subTaskForce",
  provincialCopy: true,
};

/** Each coordinator reports on its field to the Ketua Harian (Pasal 10h, 11i, 12g, 13m, 14k). */
const COORDINATOR_REPORTS = ["Pasal 10h", "Pasal 11i", "Pasal 12g", "Pasal 13m", "Pasal 14k"];
/** Each coordinator monitors and evaluates its field (Pasal 10g, 11h, 12f, 13d, 13l, 14j). */
const COORDINATOR_MONITORING = [
  "Pasal 10g",
  "Pasal 11h",
  "Pasal 12f",
  "Pasal 13d",
  "Pasal 13l",
  "Pasal 14j",
];

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
    articles: ["Pasal 19a", ...COORDINATOR_REPORTS, "L-III §VIII"],
    basis: "law",
    duties: [REPORT_ROUTE],
    cadence: { kind: "semester" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["reportDeadlines.subTaskForce", "reportWindowOpens", "provincialCopy"],
    note:
      "Law: a semester report (Pasal 19a); each coordinator reports to the Ketua Harian (Pasal " +
      "10h, 11i, 12g, 13m, 14k); reported in February and August, through the Ketua Harian to " +
      "the Ketua, published (L-III §VIII point 1), with a copy to the province for the prevention " +
      "sub-task-force (A), as the text says. Reading: February covers July-December before, " +
      "August covers January-June. Configured: the day; the provincial copy for B-E " +
      "(provincialCopy = all).",
  },
  {
    id: "annual-report",
    title: { id: "Laporan Tahunan Sub Gugus Tugas", en: "Sub-task-force annual report" },
    articles: ["Pasal 19b", "L-III §VIII"],
    basis: "law",
    duties: [REPORT_ROUTE],
    cadence: { kind: "annual" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["reportDeadlines.subTaskForce", "reportWindowOpens", "provincialCopy"],
    note:
      "Law: an annual report (Pasal 19b). Reading: due in February with the semester report, " +
      "covering the year before. Configured: the day.",
  },
  {
    id: "satgas-report",
    title: { id: "Laporan Satgas", en: "Satgas report" },
    articles: ["Pasal 5(6)", "Pasal 5(7)", "L-III §VIII"],
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
      "before sub-district before the sub-task-forces) and which coordinator. A Satgas owes it " +
      "from its establishing decree (Pasal 5(7)), never before.",
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
    articles: ["L-III §VIII", "Pasal 7a"],
    basis: "reading",
    duties: [
      {
        kind: "gugus-tugas",
        route: ["gt:ketua-harian", "gt:ketua"],
        copies: ["ext:provinsi", "ext:kementerian"],
      },
    ],
    cadence: { kind: "national-submission" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["nationalSubmissionDue"],
    note:
      "Reading: L-III §VIII gives the ministry's national coordination every September-October " +
      "(for the UN in November-December) as the reason reports keep to February and August; it " +
      "sets no district duty or date. The district's January-June progress must reach that " +
      "coordination in time, so it is owed by a configured day early in the window (30 September " +
      "by default, not the window's last day). The Ketua Harian prepares it (Pasal 7a). " +
      "Satisfied by the delivered submission package, never waived by the software.",
  },
  {
    id: "annual-evaluation",
    title: {
      id: "Evaluasi Tahunan Pencegahan dan Penanganan TPPO",
      en: "Annual evaluation of prevention and handling",
    },
    articles: ["Pasal 21(1)", "Pasal 21(2)"],
    basis: "law",
    duties: [{ kind: "gugus-tugas", route: ["gt:ketua-harian", "gt:ketua"], copies: [] }],
    cadence: { kind: "yearly", due: "annualEvaluation" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["yearlyDue.annualEvaluation"],
    note:
      "Law: evaluated every year by the agency for women's empowerment with the members (Pasal " +
      "21); its head is the Ketua Harian (L-I 3). Configured: the day. An evaluation the Bupati " +
      "asks for at another time is `bupati-evaluation`.",
  },
  {
    id: "coordinator-monitoring",
    title: {
      id: "Pemantauan dan Evaluasi Instansi Anggota oleh Koordinator",
      en: "Coordinator's monitoring and evaluation of member agencies",
    },
    articles: ["L-III §VI", ...COORDINATOR_MONITORING],
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
      "(L-III §VI) and its own field (Pasal 10g, 11h, 12f, 13d/l, 14j). Configured: the day.",
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
    basis: "reading",
    duties: [{ kind: "gugus-tugas", route: ["gt:ketua", "gt:penasehat"], copies: [] }],
    cadence: { kind: "plan-period-renewal" },
    reminderOffsets: [...LONG_OFFSETS],
    settings: ["planPeriods", "planPeriodYears", "actionPlanRenewalDue"],
    note:
      "Law: the Ketua draws up the RAD (Pasal 6a); the RAD runs 2016-2020 (L-III §IX). Reading: " +
      "a new one is owed before the running one ends. Configured: the day in the period's last " +
      "year, later periods. Satisfied when the next plan period is installed.",
  },
  {
    id: "secretariat-report",
    title: {
      id: "Laporan Kegiatan Sekretariat kepada Ketua",
      en: "Secretariat's activity report to the Chair",
    },
    articles: ["Pasal 9(2)g"],
    basis: "configured",
    duties: [
      { kind: "gugus-tugas", route: ["gt:sekretaris", "gt:ketua"], copies: [], tier: "district" },
    ],
    cadence: { kind: "semester" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["reportDeadlines.district", "reportWindowOpens"],
    note:
      "Law: the Sekretaris reports the secretariat's activities to the Ketua (Pasal 9(2)g). " +
      "Configured: the cadence, which the text does not give: with the February/August cycle, " +
      "on the district report's day.",
  },
  {
    id: "satgas-monitoring",
    title: {
      id: "Pemantauan dan Evaluasi Tingkat Kecamatan dan Desa",
      en: "Monitoring and evaluation at sub-district and village level",
    },
    articles: ["L-III §VII"],
    basis: "reading",
    duties: [
      {
        kind: "satgas-desa",
        route: ["unit:ketua", "parent:ketua"],
        copies: [],
      },
      {
        kind: "satgas-kecamatan",
        route: ["unit:ketua", "gt:ketua-harian"],
        copies: [],
      },
    ],
    cadence: { kind: "yearly", due: "satgasMonitoring" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["yearlyDue.satgasMonitoring"],
    note:
      "Law: at sub-district and village level, monitoring and evaluation of the grassroots " +
      "members (NGOs, PKBM, KPMD, pesantren…) feeds the periodic reports to the local government " +
      "(L-III §VII). Reading: owed by each established Satgas once a year, before its reports. " +
      "Configured: the day.",
  },
  {
    id: "bupati-evaluation",
    title: {
      id: "Evaluasi atas Permintaan Bupati",
      en: "Evaluation requested by the Regent",
    },
    articles: ["Pasal 21(1)", "Pasal 21(2)"],
    basis: "law",
    duties: [{ kind: "gugus-tugas", route: ["gt:ketua-harian", "gt:ketua"], copies: [] }],
    cadence: { kind: "on-request" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: [],
    note:
      'Law: an evaluation whenever the Bupati needs one ("sewaktu-waktu diperlukan Bupati", ' +
      "Pasal 21(1)), by the women's-empowerment agency, whose head is the Ketua Harian (L-I 3). " +
      "The secretariat records the request with its due date (POST /v1/evaluations).",
  },
  {
    id: "member-submission",
    title: {
      id: "Paket Laporan Kabupaten/Kota Anggota",
      en: "A member district's submission package",
    },
    articles: ["L-III §VIII"],
    basis: "reading",
    duties: [
      {
        kind: "gugus-tugas",
        route: ["ext:anggota", "gt:ketua-harian", "gt:ketua"],
        copies: [],
      },
    ],
    cadence: { kind: "on-request" },
    reminderOffsets: [...DEFAULT_OFFSETS],
    settings: ["nationalSubmissionDue", "memberSubmissionLeadDays"],
    note:
      'Reading: reports go up "secara berjenjang" (L-III §VIII), so a province (or the nation) ' +
      "that rolls its members' January-June progress up into its own national submission owes " +
      "it to have each member's package first. One instance per registered member district and " +
      "year, recorded by the federation (not computed for the province's units), owed by the " +
      "member (its contacts are reminded by mail) and escalated to the province's Ketua Harian " +
      "and Ketua. Configured: due `memberSubmissionLeadDays` (14) days before the province's own " +
      "`nationalSubmissionDue`. Satisfied by the member's signed package received for the period.",
  },
  {
    id: "holiday-list",
    title: {
      id: "Memasukkan Daftar Libur Resmi Tahun Berikutnya",
      en: "Entering next year's official holiday list",
    },
    articles: ["Pasal 9(2)d"],
    basis: "configured",
    duties: [{ kind: "gugus-tugas", route: ["gt:sekretaris", "gt:ketua-harian"], copies: [] }],
    cadence: { kind: "holiday-list" },
    reminderOffsets: [91, 60, 30, 14, 7, 1, 0],
    settings: ["officialHolidays"],
    note:
      "Configured: the Sekretaris draws up the schedule (Pasal 9(2)d), and the working days every " +
      "configured deadline is moved to depend on the official holidays " +
      "and collective leave of the joint ministerial decree (SKB) for the year; without it the " +
      "computed dates are estimates. The secretariat enters next year's list from 1 October, by " +
      "31 December; storing it through the settings satisfies the duty.",
  },
];

/**
 * Every obligation. Written as `Info` (the compiler checks its shape) and validated against the
 * schema by regulation.test.ts rather than at every cold start of every Lambda.
 */
export const RULEBOOK: readonly Info[] = RULEBOOK_DATA;

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
