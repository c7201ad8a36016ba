import { describe, expect, it } from "vitest";
import { LocalDate } from "../date/index.ts";
import { Regulation } from "../regulation/index.ts";
import { Calendar } from "./index.ts";

const settings = Regulation.Settings.parse({});
/** Weekends only: no holidays, so every expectation below is plain calendar arithmetic. */
const weekendsOnly = Calendar.holidays({}, () => []);

const report = {
  id: "semester-report:sgt-a:2026-S2",
  obligation: "semester-report",
  route: ["sgt-a.koordinator", "gt.ketua-harian", "gt.ketua"],
  windowStart: "2027-01-01",
  due: "2027-02-19", // a Friday
} as const;

const brief = (list: Calendar.Reminder[]) =>
  list.map((r) => [r.date, r.stage, r.escalationLevel, r.recipients.join(" ")]);

describe("Calendar.reminders", () => {
  it("reminds 30, 14, 7, 1 days before and on the due day, then weekly, escalating", () => {
    // Act
    const list = Calendar.reminders(report, {
      horizon: "2027-03-12",
      settings,
      holidays: weekendsOnly,
    });

    // Assert
    expect(brief(list)).toEqual([
      ["2027-01-20", "reminder", 0, "sgt-a.koordinator"],
      ["2027-02-05", "reminder", 0, "sgt-a.koordinator"],
      ["2027-02-12", "reminder", 0, "sgt-a.koordinator"],
      ["2027-02-18", "reminder", 0, "sgt-a.koordinator"],
      ["2027-02-19", "due", 0, "sgt-a.koordinator"],
      ["2027-02-26", "escalation", 1, "sgt-a.koordinator gt.ketua-harian"],
      ["2027-03-05", "escalation", 2, "sgt-a.koordinator gt.ketua"],
      ["2027-03-12", "overdue", 2, "sgt-a.koordinator gt.ketua"],
    ]);
    expect(list.map((r) => r.daysFromDue)).toEqual([-30, -14, -7, -1, 0, 7, 14, 21]);
  });

  it("moves a Sunday due date's notices to Friday and keeps one notice per day, the later stage", () => {
    // Arrange: due on Sunday 28 Feb 2027; the 1-day reminder (Saturday) lands on Friday too
    const sunday = { ...report, due: "2027-02-28" };

    // Act
    const list = Calendar.reminders(sunday, {
      horizon: "2027-02-28",
      settings,
      holidays: weekendsOnly,
    });

    // Assert
    expect(list.map((r) => [r.date, r.stage, r.nominal])).toEqual([
      ["2027-01-29", "reminder", "2027-01-29"],
      ["2027-02-12", "reminder", "2027-02-14"],
      ["2027-02-19", "reminder", "2027-02-21"],
      ["2027-02-26", "due", "2027-02-28"],
    ]);
  });

  it("sends reminders that would precede the window on the window's first working day", () => {
    // Arrange: the window opens Monday 1 Feb; due Sunday 7 Feb
    const short = { ...report, windowStart: "2027-02-01", due: "2027-02-07" };

    // Act
    const list = Calendar.reminders(short, {
      horizon: "2027-02-07",
      settings,
      holidays: weekendsOnly,
    });

    // Assert
    expect(list.map((r) => [r.date, r.stage, r.daysFromDue])).toEqual([
      ["2027-02-01", "reminder", -6],
      ["2027-02-05", "due", -2],
    ]);
  });

  it("never sends an overdue notice before the due date, even across a long holiday", () => {
    // Arrange: sample collective leave 9–16 March 2027 (not the real list)
    const leave = ["09", "10", "11", "12", "15", "16"].map((d) => ({
      date: `2027-03-${d}`,
      name: "Cuti bersama (contoh)",
    }));
    const holidays = Calendar.holidays({ "2027": leave }, () => []);
    const monday = { ...report, due: "2027-03-08" };

    // Act
    const list = Calendar.reminders(monday, { horizon: "2027-03-22", settings, holidays });

    // Assert: the 15 March notice would fall back to 8 March (the due day): it goes forward
    expect(brief(list).slice(-3)).toEqual([
      ["2027-03-08", "due", 0, "sgt-a.koordinator"],
      ["2027-03-17", "escalation", 1, "sgt-a.koordinator gt.ketua-harian"],
      ["2027-03-22", "escalation", 2, "sgt-a.koordinator gt.ketua"],
    ]);
  });

  it("stays at the top of a short route, and only repeats to the owner of a one-office route", () => {
    // Arrange
    const chair = { ...report, route: ["gt.ketua", "gt.penasehat"] };
    const alone = { ...report, route: ["gt.ketua"] };
    const options = { horizon: "2027-03-12", settings, holidays: weekendsOnly };

    // Act
    const chairList = Calendar.reminders(chair, options).filter((r) => r.daysFromDue > 0);
    const aloneList = Calendar.reminders(alone, options).filter((r) => r.daysFromDue > 0);

    // Assert
    expect(brief(chairList)).toEqual([
      ["2027-02-26", "escalation", 1, "gt.ketua gt.penasehat"],
      ["2027-03-05", "overdue", 1, "gt.ketua gt.penasehat"],
      ["2027-03-12", "overdue", 1, "gt.ketua gt.penasehat"],
    ]);
    expect(brief(aloneList)).toEqual([
      ["2027-02-26", "overdue", 0, "gt.ketua"],
      ["2027-03-05", "overdue", 0, "gt.ketua"],
      ["2027-03-12", "overdue", 0, "gt.ketua"],
    ]);
  });

  it("stops once the meeting is held, in time or late", () => {
    // Arrange
    const options = { horizon: "2027-12-31", settings, holidays: weekendsOnly };

    // Act
    const inTime = Calendar.reminders({ ...report, heldOn: "2027-02-10" }, options);
    const late = Calendar.reminders({ ...report, heldOn: "2027-03-06" }, options);

    // Assert
    expect(inTime.map((r) => r.date)).toEqual(["2027-01-20", "2027-02-05"]);
    expect(late.at(-1)?.date).toBe("2027-03-05");
  });

  it("includes an overdue notice whose weekend date moves back onto the horizon", () => {
    // Arrange: due Sunday 28 Feb; overdue on Sundays 7 and 14 March, sent the Fridays before
    const sunday = { ...report, due: "2027-02-28" };

    // Act
    const list = Calendar.reminders(sunday, {
      horizon: "2027-03-12",
      settings,
      holidays: weekendsOnly,
    });

    // Assert
    expect(list.slice(-2).map((r) => [r.date, r.nominal, r.stage])).toEqual([
      ["2027-03-05", "2027-03-07", "escalation"],
      ["2027-03-12", "2027-03-14", "escalation"],
    ]);
  });

  it("answers what to send on one day, as the whole list would", () => {
    // Arrange
    const options = { settings, holidays: weekendsOnly };
    const all = Calendar.reminders(report, { ...options, horizon: "2027-04-30" });

    // Act
    const days = [...LocalDate.range("2026-12-01", "2027-04-30")];
    const picked = days.flatMap((d) => Calendar.remindersOn(report, d, options) ?? []);

    // Assert
    expect(picked).toEqual(all);
    expect(Calendar.remindersOn(report, "2027-02-19", options)?.stage).toBe("due");
    expect(Calendar.remindersOn(report, "2027-02-20", options)).toBeUndefined();
  });

  it("uses the offsets and interval from the settings", () => {
    // Arrange
    const custom = Regulation.Settings.parse({
      reminders: { overdueEvery: 14, offsets: { "semester-report": [3] } },
    });

    // Act
    const list = Calendar.reminders(report, {
      horizon: "2027-03-19",
      settings: custom,
      holidays: weekendsOnly,
    });

    // Assert
    expect(list.map((r) => [r.date, r.stage])).toEqual([
      ["2027-02-16", "reminder"],
      ["2027-03-05", "escalation"],
      ["2027-03-19", "escalation"],
    ]);
  });
});
