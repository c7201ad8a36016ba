import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../date/index.ts";
import { Org } from "../org/index.ts";
import { Regulation } from "../regulation/index.ts";
import { Sambas } from "../sambas/index.ts";
import { Calendar } from "./index.ts";

const org = Org.withVillages(Sambas.organisation(), [
  { name: "Temajuk", kecamatan: "Paloh" },
  { name: "Sebunga", kecamatan: "Sajingan Besar" },
]);

const START = LocalDate.toEpochDay("2016-04-01");
const END = LocalDate.toEpochDay("2040-12-31");

/** A date between the regulation's start and 2040. */
const date = (min = START, max = END) =>
  fc.integer({ min, max }).map((n) => LocalDate.fromEpochDay(n));

/** A range of up to `days` days. */
const range = (days = 3 * 366) =>
  fc
    .tuple(fc.integer({ min: START, max: END }), fc.integer({ min: 0, max: days }))
    .map(([a, n]) => ({ from: LocalDate.fromEpochDay(a), to: LocalDate.fromEpochDay(a + n) }));

const monthDay = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([m, d]) => `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

/** Any valid settings: tier days in order, any yearly days, either window rule, … */
const settings = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 4, maxLength: 4 }),
    annualEvaluation: monthDay,
    coordinatorMonitoring: monthDay,
    chairAnnualReport: monthDay,
    renewal: monthDay,
    fiveYear: monthDay,
    reportWindowOpens: fc.constantFrom("after-period", "reporting-month"),
    workshopSpread: fc.constantFrom("half-year", "year"),
    dueOnWorkingDay: fc.boolean(),
    satgasReportsTo: fc.constantFrom("sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"),
    subtaskMeetingStart: date(START, LocalDate.toEpochDay("2030-12-31")),
    planPeriodYears: fc.integer({ min: 1, max: 7 }),
  })
  .map((r) => {
    const [satgasDesa, satgasKecamatan, subTaskForce, district] = [...r.days].sort((a, b) => a - b);
    return Regulation.Settings.parse({
      reportDeadlines: { satgasDesa, satgasKecamatan, subTaskForce, district },
      yearlyDue: {
        annualEvaluation: r.annualEvaluation,
        coordinatorMonitoring: r.coordinatorMonitoring,
        chairAnnualReport: r.chairAnnualReport,
      },
      actionPlanRenewalDue: r.renewal,
      chairFiveYearReportDue: r.fiveYear,
      reportWindowOpens: r.reportWindowOpens,
      workshopSpread: r.workshopSpread,
      dueOnWorkingDay: r.dueOnWorkingDay,
      satgasReportsTo: r.satgasReportsTo,
      subtaskMeetingStart: r.subtaskMeetingStart,
      planPeriodYears: r.planPeriodYears,
    });
  });

/** Sub-task-force meetings held on arbitrary days. */
const meetings = fc
  .uniqueArray(date(START, LocalDate.toEpochDay("2034-12-31")), { maxLength: 40 })
  .map((dates) =>
    dates.map((d) => ({ obligation: "subtask-meeting" as const, unit: "sgt-a", date: d })),
  );

describe("Calendar invariants (fast-check)", () => {
  it("no day of a sub-task-force is outside a meeting window of at most 4 months, whatever was held", () => {
    fc.assert(
      fc.property(settings, meetings, range(6 * 366), (s, held, r) => {
        // Act
        const windows = Calendar.list(
          { ...r, unit: "sgt-a", obligations: ["subtask-meeting"] },
          { org, settings: s, held },
        ).sort((a, b) => LocalDate.compare(a.windowStart, b.windowStart));

        // Assert: each window lasts at most 4 months (and not much less)
        for (const w of windows) {
          expect(w.windowEnd < LocalDate.addMonths(w.windowStart, 4)).toBe(true);
          expect(LocalDate.diffDays(w.windowStart, w.windowEnd)).toBeGreaterThanOrEqual(116);
          expect(w.due).toBe(w.windowEnd);
        }
        // …and together they cover every day from the start (or `from`) to `to`
        let cursor = LocalDate.max(r.from, s.subtaskMeetingStart);
        for (const w of windows) {
          expect(w.windowStart <= cursor).toBe(true);
          cursor = LocalDate.max(cursor, LocalDate.addDays(w.windowEnd, 1));
        }
        if (s.subtaskMeetingStart <= r.to) expect(cursor > r.to).toBe(true);
        else expect(windows).toEqual([]);
        // …and a window is settled exactly when a meeting falls inside it
        const dates = held.map((h) => h.date).sort();
        for (const w of windows) {
          const settled = w.heldOn !== undefined && w.heldOn <= w.windowEnd;
          if (settled) {
            expect(dates).toContain(w.heldOn);
            expect(w.heldOn && w.heldOn >= w.windowStart).toBe(true);
          } else {
            expect(dates.some((d) => d > w.windowStart && d <= w.windowEnd)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("every instance cites an article, ids are unique, due dates lie inside their windows", () => {
    fc.assert(
      fc.property(settings, range(), (s, r) => {
        // Act
        const list = Calendar.list(r, { org, settings: s });

        // Assert
        expect(new Set(list.map((i) => i.id)).size).toBe(list.length);
        for (const i of list) {
          expect(i.articles.length).toBeGreaterThan(0);
          expect(i.citation).toMatch(/Pasal|L-III|RAD/);
          expect(i.id).toBe(`${i.obligation}:${i.unit}:${i.period}`);
          expect(i.windowStart <= i.due && i.due <= i.windowEnd).toBe(true);
          expect(i.windowStart >= s.inForce).toBe(true);
          expect(i.windowStart <= r.to && i.windowEnd >= r.from).toBe(true);
          expect(i.owner).toBe(i.route[0]);
          for (const office of [...i.route, ...i.copies]) {
            expect(office.startsWith("ext:") || org.office(office) !== undefined).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("ids and contents are stable across runs and ranges", () => {
    fc.assert(
      fc.property(settings, meetings, range(800), range(800), (s, held, a, b) => {
        // Arrange
        const union = { from: LocalDate.min(a.from, b.from), to: LocalDate.max(a.to, b.to) };

        // Act
        const listA = Calendar.list(a, { org, settings: s, held });
        const again = Calendar.list(a, { org, settings: s, held });
        const listB = Calendar.list(b, { org, settings: s, held });
        const all = new Map(Calendar.list(union, { org, settings: s, held }).map((i) => [i.id, i]));

        // Assert
        expect(again).toEqual(listA);
        const inB = new Map(listB.map((i) => [i.id, i]));
        for (const i of listA) {
          expect(all.get(i.id)).toEqual(i);
          if (inB.has(i.id)) expect(inB.get(i.id)).toEqual(i);
        }
        for (const i of listB) expect(all.get(i.id)).toEqual(i);
      }),
      { numRuns: 100 },
    );
  });

  it("a range across a year boundary sees the same instances as the two whole years", () => {
    fc.assert(
      fc.property(
        settings,
        fc.integer({ min: 2017, max: 2039 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 31 }),
        (s, year, dec, jan) => {
          // Arrange
          const r = {
            from: `${year}-12-${String(dec).padStart(2, "0")}`,
            to: `${year + 1}-01-${String(jan).padStart(2, "0")}`,
          };

          // Act
          const edge = Calendar.list(r, { org, settings: s });
          const years = Calendar.list(
            { from: `${year}-01-01`, to: `${year + 1}-12-31` },
            { org, settings: s },
          ).filter((i) => i.windowStart <= r.to && i.windowEnd >= r.from);

          // Assert
          expect(Calendar.byDue(edge)).toEqual(Calendar.byDue(years));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reminders fall on working days only, in order, and escalate up the route", () => {
    const holidayList = fc.uniqueArray(
      date(LocalDate.toEpochDay("2026-01-01"), LocalDate.toEpochDay("2029-12-31")),
      { maxLength: 60 },
    );
    const reminderSettings = fc.record({
      offsets: fc.uniqueArray(fc.integer({ min: 0, max: 90 }), { maxLength: 6 }),
      overdueEvery: fc.integer({ min: 1, max: 21 }),
    });
    fc.assert(
      fc.property(
        holidayList,
        reminderSettings,
        range(500).filter((r) => r.from >= "2026-01-01" && r.to <= "2028-06-30"),
        fc.nat(),
        (days, rs, r, pick) => {
          // Arrange: an official list for 2026–2029 made of arbitrary days
          const official: Record<string, { date: string; name: string }[]> = {};
          for (const y of ["2026", "2027", "2028", "2029"]) official[y] = [];
          for (const d of days) official[d.slice(0, 4)]?.push({ date: d, name: "contoh" });
          const s = Regulation.Settings.parse({
            officialHolidays: official,
            reminders: {
              overdueEvery: rs.overdueEvery,
              offsets: { "semester-report": rs.offsets, "subtask-meeting": rs.offsets },
            },
          });
          const holidays = Calendar.holidays(s.officialHolidays);
          const list = Calendar.list(r, { org, settings: s, holidays });
          const instance = list[pick % list.length];
          if (!instance) return;

          // Act
          const horizon = LocalDate.addDays(instance.due, 120);
          const out = Calendar.reminders(instance, { horizon, settings: s, holidays });

          // Assert
          let previous = "";
          let level = 0;
          for (const x of out) {
            expect(holidays.isWorkingDay(x.date)).toBe(true);
            expect(LocalDate.isWeekend(x.date)).toBe(false);
            expect(days).not.toContain(x.date);
            expect(x.date > previous).toBe(true);
            previous = x.date;
            expect(x.date <= horizon).toBe(true);
            expect(x.daysFromDue).toBe(LocalDate.diffDays(instance.due, x.date));
            if (x.stage === "reminder" || x.stage === "due")
              expect(x.date <= instance.due).toBe(true);
            else expect(x.date > instance.due).toBe(true);
            if (x.stage === "reminder") expect(x.date >= instance.windowStart).toBe(true);
            expect(x.escalationLevel).toBeGreaterThanOrEqual(level);
            expect(x.escalationLevel).toBeLessThanOrEqual(instance.route.length - 1);
            level = x.escalationLevel;
            expect(x.recipients[0]).toBe(instance.owner);
          }
          // …and asking day by day gives the same notices as the whole list, stage and
          // escalation included, through the due date and the overdue weeks after it
          const day = LocalDate.addDays(instance.windowStart, pick % 200);
          const on = Calendar.remindersOn(instance, day, { settings: s, holidays });
          if (day <= horizon) expect(on).toEqual(out.find((x) => x.date === day));
          const fromDay = LocalDate.addDays(instance.due, -3);
          const toDay = LocalDate.addDays(instance.due, 60);
          const dayByDay = [...LocalDate.range(fromDay, toDay)].flatMap(
            (d) => Calendar.remindersOn(instance, d, { settings: s, holidays }) ?? [],
          );
          expect(dayByDay).toEqual(out.filter((x) => x.date >= fromDay && x.date <= toDay));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rolling windows handle leap days and month ends", () => {
    // Arrange / Act
    const leap = Calendar.rollingWindows("2028-01-01", 4, ["2028-02-29"], "2028-12-31");
    const october = Calendar.rollingWindows("2026-10-31", 4, [], "2027-12-31");
    const octoberLeap = Calendar.rollingWindows("2027-10-31", 4, [], "2028-03-01");

    // Assert
    expect(leap.map((w) => [w.windowStart, w.windowEnd])).toEqual([
      ["2028-01-01", "2028-04-30"],
      ["2028-02-29", "2028-06-28"],
      ["2028-06-29", "2028-10-28"],
      ["2028-10-29", "2029-02-27"],
    ]);
    expect(october[0]?.windowEnd).toBe("2027-02-27"); // 31 Oct + 4 months = 28 Feb (clamped)
    expect(octoberLeap[0]?.windowEnd).toBe("2028-02-28"); // = 29 Feb in a leap year
  });
});

describe("rolling windows, found by the stability property", () => {
  it("a meeting on a window's first day opens it without settling it: no repeated window id", () => {
    // Arrange: a meeting on the configured start day itself.
    const held = [{ obligation: "subtask-meeting" as const, unit: "sgt-a", date: "2016-04-01" }];

    // Act
    const list = Calendar.list(
      { from: "2016-04-01", to: "2016-12-31", unit: "sgt-a", obligations: ["subtask-meeting"] },
      { org, settings: Regulation.Settings.parse({}), held },
    );

    // Assert
    const ids = list.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(list[0]?.id).toBe("subtask-meeting:sgt-a:w2016-04-01");
    expect(list[0]?.heldOn).toBeUndefined();
  });
});
