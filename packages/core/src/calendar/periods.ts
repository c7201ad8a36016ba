import { LocalDate } from "../date/index.ts";
import type { Cadence, Duty } from "../regulation/rulebook.ts";
import type { PlanPeriod, Settings } from "../regulation/settings.ts";

/**
 * Period keys and windows for the fixed cadences. A slot is one occurrence of an obligation,
 * the same for every unit that owes it; the calendar stamps it per unit.
 *
 * Period keys are readable and depend only on the period, never on the range asked for:
 * `2027-Q1`, `2027-H1`, `2026-S2` (July–December 2026), `2027` (a year), `2016-2020` (a plan
 * period), `w2027-01-15` (a rolling window starting 15 January 2027).
 */
export interface Slot {
  period: string;
  windowStart: LocalDate;
  windowEnd: LocalDate;
  due: LocalDate;
  /** The period a report is about. */
  covers?: { from: LocalDate; to: LocalDate };
  /** The setting that fixed the due date, where the regulation leaves the day open. */
  dueSetting?: string;
  /** For obligations owed several times in one window: which occurrence (0-based). */
  occurrence?: number;
  /**
   * The due day is a configured day that `Settings.dueOnWorkingDay` may move: the due date alone
   * (`due`, the window is a calendar year), or the due date with the window's end (`window`,
   * the window ends when the work is due).
   */
  movable?: "due" | "window";
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
const jan1 = (y: number) => ymd(y, 1, 1);
const dec31 = (y: number) => ymd(y, 12, 31);
const onDay = (y: number, monthDay: string) => `${String(y).padStart(4, "0")}-${monthDay}`;

/**
 * The plan periods overlapping years `fromYear`…`toYear`: the configured ones, then periods of
 * `planPeriodYears` following the last configured one.
 */
export function planPeriods(settings: Settings, fromYear: number, toYear: number): PlanPeriod[] {
  const configured = [...settings.planPeriods].sort((a, b) => a.start - b.start);
  const out = configured.filter((p) => p.end >= fromYear && p.start <= toYear);
  const last = configured[configured.length - 1];
  if (!last) return out;
  const step = settings.planPeriodYears;
  // Jump straight to the first assumed period that can overlap, so far years cost nothing extra.
  let start = last.end + 1;
  if (start + step - 1 < fromYear) start += Math.floor((fromYear - start) / step) * step;
  for (; start <= toYear; start += step) {
    const p = { start, end: start + step - 1 };
    if (p.end >= fromYear) out.push(p);
  }
  return out;
}

/**
 * Slots of a fixed cadence whose years fall in `fromYear`…`toYear` (callers widen the years by
 * one on each side and filter by window). Not for `rolling` cadences.
 */
export function slots(
  cadence: Cadence,
  duty: Duty,
  settings: Settings,
  fromYear: number,
  toYear: number,
): Slot[] {
  const out: Slot[] = [];
  const afterPeriod = settings.reportWindowOpens === "after-period";
  switch (cadence.kind) {
    case "quarterly":
      for (let y = fromYear; y <= toYear; y++) {
        for (let q = 1; q <= 4; q++) {
          const end = LocalDate.endOfMonth(y, q * 3);
          out.push({
            period: `${y}-Q${q}`,
            windowStart: ymd(y, q * 3 - 2, 1),
            windowEnd: end,
            due: end,
          });
        }
      }
      return out;
    case "twice-yearly":
      for (let y = fromYear; y <= toYear; y++) {
        if (settings.workshopSpread === "half-year") {
          out.push(
            {
              period: `${y}-H1`,
              windowStart: jan1(y),
              windowEnd: ymd(y, 6, 30),
              due: ymd(y, 6, 30),
              dueSetting: "workshopSpread",
            },
            {
              period: `${y}-H2`,
              windowStart: ymd(y, 7, 1),
              windowEnd: dec31(y),
              due: dec31(y),
              dueSetting: "workshopSpread",
            },
          );
        } else {
          for (const occurrence of [0, 1]) {
            out.push({
              period: `${y}-x${occurrence + 1}`,
              windowStart: jan1(y),
              windowEnd: dec31(y),
              due: dec31(y),
              dueSetting: "workshopSpread",
              occurrence,
            });
          }
        }
      }
      return out;
    case "semester": {
      const tier = duty.tier ?? "subTaskForce";
      const day = settings.reportDeadlines[tier];
      const dueSetting = `reportDeadlines.${tier}`;
      for (let y = fromYear; y <= toYear; y++) {
        // February: semester II of the year before. August: semester I of this year.
        const feb = ymd(y, 2, day);
        out.push({
          period: `${y - 1}-S2`,
          windowStart: afterPeriod ? jan1(y) : ymd(y, 2, 1),
          windowEnd: feb,
          due: feb,
          covers: { from: ymd(y - 1, 7, 1), to: dec31(y - 1) },
          dueSetting,
          movable: "window",
        });
        const aug = ymd(y, 8, day);
        out.push({
          period: `${y}-S1`,
          windowStart: afterPeriod ? ymd(y, 7, 1) : ymd(y, 8, 1),
          windowEnd: aug,
          due: aug,
          covers: { from: jan1(y), to: ymd(y, 6, 30) },
          dueSetting,
          movable: "window",
        });
      }
      return out;
    }
    case "annual": {
      const tier = duty.tier ?? "subTaskForce";
      const day = settings.reportDeadlines[tier];
      for (let y = fromYear; y <= toYear; y++) {
        const feb = ymd(y, 2, day);
        out.push({
          period: `${y - 1}`,
          windowStart: afterPeriod ? jan1(y) : ymd(y, 2, 1),
          windowEnd: feb,
          due: feb,
          covers: { from: jan1(y - 1), to: dec31(y - 1) },
          dueSetting: `reportDeadlines.${tier}`,
          movable: "window",
        });
      }
      return out;
    }
    case "yearly-window":
      for (let y = fromYear; y <= toYear; y++) {
        const end = onDay(y, cadence.to);
        out.push({
          period: `${y}`,
          windowStart: onDay(y, cadence.from),
          windowEnd: end,
          due: end,
          covers: { from: jan1(y), to: ymd(y, 6, 30) },
        });
      }
      return out;
    case "yearly":
      for (let y = fromYear; y <= toYear; y++) {
        out.push({
          period: `${y}`,
          windowStart: jan1(y),
          windowEnd: dec31(y),
          due: onDay(y, settings.yearlyDue[cadence.due]),
          dueSetting: `yearlyDue.${cadence.due}`,
          movable: "due",
        });
      }
      return out;
    case "yearly-report":
      // The report on year y is due in year y + 1; `y` runs over the report years asked for.
      for (let y = fromYear; y <= toYear; y++) {
        const due = onDay(y, settings.yearlyDue[cadence.due]);
        out.push({
          period: `${y - 1}`,
          windowStart: jan1(y),
          windowEnd: due,
          due,
          covers: { from: jan1(y - 1), to: dec31(y - 1) },
          dueSetting: `yearlyDue.${cadence.due}`,
          movable: "window",
        });
      }
      return out;
    case "plan-period-report":
      for (const p of planPeriods(settings, fromYear - 1, toYear - 1)) {
        const due = onDay(p.end + 1, settings.chairFiveYearReportDue);
        out.push({
          period: `${p.start}-${p.end}`,
          windowStart: jan1(p.end + 1),
          windowEnd: due,
          due,
          covers: { from: jan1(p.start), to: dec31(p.end) },
          dueSetting: "chairFiveYearReportDue",
          movable: "window",
        });
      }
      return out;
    case "plan-period-renewal":
      for (const p of planPeriods(settings, fromYear, toYear)) {
        const due = onDay(p.end, settings.actionPlanRenewalDue);
        out.push({
          period: `${p.start}-${p.end}`,
          windowStart: jan1(p.end),
          windowEnd: due,
          due,
          dueSetting: "actionPlanRenewalDue",
          movable: "window",
        });
      }
      return out;
    case "national-submission":
      // A reading of L-III §VIII: January–June's progress, due early in the September–October
      // coordination, on a configured day.
      for (let y = fromYear; y <= toYear; y++) {
        const due = onDay(y, settings.nationalSubmissionDue);
        out.push({
          period: `${y}`,
          windowStart: ymd(y, 7, 1),
          windowEnd: due,
          due,
          covers: { from: jan1(y), to: ymd(y, 6, 30) },
          dueSetting: "nationalSubmissionDue",
          movable: "window",
        });
      }
      return out;
    case "holiday-list":
      // The list of year y + 1, entered in year y (the period names the list's year).
      for (let y = fromYear; y <= toYear; y++) {
        const due = onDay(y, settings.holidayList.due);
        out.push({
          period: `${y + 1}`,
          windowStart: onDay(y, settings.holidayList.from),
          windowEnd: due,
          due,
          dueSetting: "holidayList.due",
          movable: "window",
        });
      }
      return out;
    case "on-request":
      return out;
    case "rolling":
      throw new RangeError("rolling cadences have no fixed slots; use rollingWindows");
  }
}

/** One window of a rolling cadence, and the meeting that settled it. */
export interface RollingWindow extends Slot {
  /** The meeting held inside the window, or the first one held after it (late). */
  heldOn?: LocalDate;
}

/**
 * The rolling windows of Pasal 16 for one unit, from `start` until the first window starting
 * after `until`.
 *
 * Each window runs from its start for at most `months` months: it ends the day before the same
 * day `months` later (`LocalDate.addMonths`, end-of-month clamping, so a window starting on
 * 31 October ends on 27 or 28 February: shorter, never longer). A meeting held inside a window
 * settles it and the next window starts on that meeting's date; when none is held by the
 * window's end the next window starts the day after, and the missed one stays owed. A meeting on
 * a window's first day opened it and does not settle it. So every day
 * from `start` lies inside some window of at most `months` months, whatever meetings were held.
 *
 * `held` must be sorted, without duplicates; meetings before `start` are ignored.
 */
export function rollingWindows(
  start: LocalDate,
  months: number,
  held: readonly LocalDate[],
  until: LocalDate,
): RollingWindow[] {
  const out: RollingWindow[] = [];
  let i = 0;
  while (i < held.length && (held[i] as string) < start) i++;
  for (let s = start; s <= until; ) {
    const end = LocalDate.addDays(LocalDate.addMonths(s, months), -1);
    // A meeting on a window's first day is the one that opened it (or coincides with its start):
    // it does not settle the window it opens — otherwise the next window would start on the same
    // day and repeat this one's id.
    while (i < held.length && (held[i] as string) <= s) i++;
    const next = held[i];
    const window: RollingWindow = { period: `w${s}`, windowStart: s, windowEnd: end, due: end };
    if (next !== undefined) window.heldOn = next;
    out.push(window);
    if (next !== undefined && next <= end) {
      // Settled: the meeting starts the next window and cannot settle it too.
      s = next;
      i++;
    } else {
      s = LocalDate.addDays(end, 1);
    }
  }
  return out;
}
