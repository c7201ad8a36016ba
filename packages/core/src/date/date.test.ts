import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "./index.ts";

describe("LocalDate", () => {
  it("rejects impossible dates", () => {
    expect(LocalDate.isValid("2027-02-30")).toBe(false);
    expect(LocalDate.isValid("2027-13-01")).toBe(false);
    expect(LocalDate.isValid("2028-02-29")).toBe(true);
    expect(LocalDate.isValid("2100-02-29")).toBe(false);
    expect(LocalDate.isValid("2000-02-29")).toBe(true);
  });

  it("round-trips epoch days", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        expect(LocalDate.toEpochDay(LocalDate.fromEpochDay(n))).toBe(n);
      }),
    );
    expect(LocalDate.toEpochDay("1970-01-01")).toBe(0);
    expect(LocalDate.fromEpochDay(365 + 365 + 366)).toBe("1973-01-01");
  });

  it("adds months with end-of-month clamping across leap years", () => {
    expect(LocalDate.addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(LocalDate.addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(LocalDate.addMonths("2027-11-15", 4)).toBe("2028-03-15");
    expect(LocalDate.addMonths("2027-03-15", -4)).toBe("2026-11-15");
  });

  it("knows the day of week", () => {
    expect(LocalDate.dayOfWeek("2026-11-29")).toBe(7); // a Sunday
    expect(LocalDate.dayOfWeek("2027-01-01")).toBe(5); // a Friday
  });

  it("converts instants to Pontianak local dates at the day boundary", () => {
    // 16:59 UTC is 23:59 in Pontianak; 17:00 UTC is midnight of the next day.
    expect(LocalDate.at(new Date("2027-02-28T16:59:00Z"))).toBe("2027-02-28");
    expect(LocalDate.at(new Date("2027-02-28T17:00:00Z"))).toBe("2027-03-01");
    expect(LocalDate.instant("2027-03-01", "08:00").toISOString()).toBe("2027-03-01T01:00:00.000Z");
    expect(LocalDate.timeAt(new Date("2027-03-01T01:00:00Z"))).toBe("08:00");
  });
});
