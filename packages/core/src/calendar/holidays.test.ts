import { describe, expect, it } from "vitest";
import { LocalDate } from "../date/index.ts";
import { Calendar } from "./index.ts";

/** A sample official list for 2027: NOT the real SKB, only data to exercise the mechanism. */
const SAMPLE_2027 = [
  { date: "2027-01-01", name: "Tahun Baru (contoh)" },
  { date: "2027-03-09", name: "Idul Fitri (contoh)" },
  { date: "2027-03-10", name: "Idul Fitri (contoh)" },
  { date: "2027-03-11", name: "Cuti bersama (contoh)" },
  { date: "2027-03-12", name: "Cuti bersama (contoh)" },
];

describe("Calendar.holidays", () => {
  it("takes estimated public holidays for a year without an official list", () => {
    // Arrange
    const holidays = Calendar.holidays();

    // Act / Assert
    expect(holidays.isHoliday("2027-08-17")).toBe(true); // Hari Kemerdekaan
    expect(holidays.isHoliday("2027-01-01")).toBe(true);
    expect(holidays.isHoliday("2027-12-25")).toBe(true);
    expect(holidays.isHoliday("2027-08-18")).toBe(false);
    expect(holidays.list(2027).source).toBe("estimate");
    expect(holidays.name("2027-08-17")).toMatch(/Kemerdekaan/);
    // Idul Fitri 1448 H by the new moon, not the library's tabular day before (issue 8 §9)
    expect(holidays.name("2027-03-10")).toBe("Idul Fitri");
    expect(holidays.isHoliday("2027-03-09")).toBe(false);
  });

  it("ships the official 2026 list with its collective leave (SKB 1497/2/5 of 2025)", () => {
    // Arrange
    const holidays = Calendar.holidays();

    // Act
    const list = holidays.list(2026);

    // Assert
    expect(list.source).toBe("official");
    expect(list.reference).toMatch(/1497.*19 November 2025/);
    for (const leave of ["2026-02-16", "2026-03-18", "2026-03-20", "2026-03-23", "2026-12-24"]) {
      expect(holidays.isWorkingDay(leave)).toBe(false);
    }
    expect(holidays.name("2026-12-24")).toMatch(/Cuti Bersama/);
    expect(holidays.previousWorkingDay("2026-12-25")).toBe("2026-12-23");
    expect(holidays.name("2026-01-16")).toMatch(/Isra Mikraj/);
  });

  it("knows weekends (ISO Saturday and Sunday) apart from holidays", () => {
    const holidays = Calendar.holidays({}, () => [], {});
    expect(holidays.isWorkingDay("2027-01-02")).toBe(false); // Saturday
    expect(holidays.isWorkingDay("2027-01-03")).toBe(false); // Sunday
    expect(holidays.isHoliday("2027-01-03")).toBe(false);
    expect(holidays.isWorkingDay("2027-01-04")).toBe(true); // Monday
  });

  it("replaces the estimates with a task force's official list for the years that have one", () => {
    // Arrange
    const holidays = Calendar.holidays({ "2027": SAMPLE_2027 });

    // Act / Assert: collective leave from the list counts, a library day missing from it does not
    expect(holidays.isHoliday("2027-03-11")).toBe(true);
    expect(holidays.name("2027-03-11")).toBe("Cuti bersama (contoh)");
    expect(holidays.isHoliday("2027-08-17")).toBe(false);
    expect(holidays.list(2027)).toEqual({
      source: "official",
      reference: "configured",
      days: SAMPLE_2027,
    });
    // …and other years still come from the estimates
    expect(holidays.isHoliday("2028-08-17")).toBe(true);
    expect(holidays.list(2028).source).toBe("estimate");
  });

  it("moves to the previous and next working day across weekends, holidays and years", () => {
    // Arrange
    const holidays = Calendar.holidays({ "2027": SAMPLE_2027 }, () => [], {});

    // Act / Assert
    expect(holidays.previousWorkingDay("2027-01-03")).toBe("2026-12-31"); // Sun, Sat, 1 Jan
    expect(holidays.nextWorkingDay("2027-01-01")).toBe("2027-01-04");
    expect(holidays.previousWorkingDay("2027-03-14")).toBe("2027-03-08"); // leave 9–12, weekend
    expect(holidays.nextWorkingDay("2027-03-09")).toBe("2027-03-15");
    expect(holidays.previousWorkingDay("2027-03-15")).toBe("2027-03-15");
    expect(holidays.previousWorkingDay("2028-01-01")).toBe("2027-12-31"); // Sat → Fri
    expect(holidays.nextWorkingDay("2028-02-26")).toBe("2028-02-28"); // leap year, Sat → Mon
  });

  it("computes each year once", () => {
    // Arrange
    const asked: number[] = [];
    const holidays = Calendar.holidays(
      {},
      (year) => {
        asked.push(year);
        return [];
      },
      {},
    );

    // Act
    for (const date of LocalDate.range("2027-01-01", "2027-12-31")) holidays.isWorkingDay(date);
    holidays.previousWorkingDay("2027-06-06");

    // Assert
    expect(asked).toEqual([2027]);
  });

  it("refuses to search forever when no day is a working day", () => {
    const everyDay = (year: number) =>
      [...LocalDate.range(`${year}-01-01`, `${year}-12-31`)].map((date) => ({ date, name: "x" }));
    const holidays = Calendar.holidays({}, everyDay, {});
    expect(() => holidays.previousWorkingDay("2027-06-01")).toThrow(RangeError);
  });
});
