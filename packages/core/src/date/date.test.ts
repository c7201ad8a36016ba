import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "./index.ts";

/** Ten characters shaped like a date, digits anywhere (so many are real dates). */
const date10 = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 19 }),
    fc.integer({ min: 0, max: 39 }),
  )
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  );

describe("LocalDate", () => {
  it("rejects impossible dates", () => {
    expect(LocalDate.isValid("2027-02-30")).toBe(false);
    expect(LocalDate.isValid("2027-13-01")).toBe(false);
    expect(LocalDate.isValid("2028-02-29")).toBe(true);
    expect(LocalDate.isValid("2100-02-29")).toBe(false);
    expect(LocalDate.isValid("2000-02-29")).toBe(true);
  });

  it("accepts exactly four, two and two ASCII digits with hyphens", () => {
    const reference = /^(\d{4})-(\d{2})-(\d{2})$/;
    const text = fc
      .array(fc.constantFrom("0", "1", "2", "9", "-", "3", " ", "٣", "a"), { maxLength: 12 })
      .map((cs) => cs.join(""));
    fc.assert(
      fc.property(fc.oneof(text, date10), (t) => {
        const m = reference.exec(t);
        const expected =
          m !== null &&
          Number(m[1]) >= 1 &&
          Number(m[2]) >= 1 &&
          Number(m[2]) <= 12 &&
          Number(m[3]) >= 1 &&
          Number(m[3]) <= LocalDate.daysInMonth(Number(m[1]), Number(m[2]));
        expect(LocalDate.isValid(t)).toBe(expected);
        if (expected)
          expect(
            LocalDate.of(...(Object.values(LocalDate.parts(t)) as [number, number, number])),
          ).toBe(t);
        else expect(() => LocalDate.parts(t)).toThrow(RangeError);
      }),
      { numRuns: 1000 },
    );
    expect(LocalDate.isValid("2027-02-3")).toBe(false);
    expect(LocalDate.isValid("2027-02-03\n")).toBe(false);
    expect(LocalDate.isValid("0000-01-01")).toBe(false);
  });

  it("writes years below 1000 with four digits and refuses years past 9999", () => {
    expect(LocalDate.fromEpochDay(LocalDate.toEpochDay("0999-12-31"))).toBe("0999-12-31");
    expect(LocalDate.addDays("0001-01-01", 400)).toBe("0002-02-05");
    expect(() => LocalDate.addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => LocalDate.addDays("0001-01-01", -1)).toThrow(RangeError);
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

  it("gives the local date and time Intl gives for Asia/Pontianak, before and after 1988", () => {
    const intl = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Pontianak",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const reference = (d: Date) => {
      const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
      return [`${p.year}-${p.month}-${p.day}`, `${p.hour}:${p.minute}`];
    };
    const instants = fc.oneof(
      fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2200, 0, 1) }),
      // around the change to UTC+7 and around local midnights
      fc.integer({ min: Date.UTC(1987, 11, 31, 14), max: Date.UTC(1988, 0, 1, 2) }),
      fc
        .tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -90, max: 90 }))
        .map(([day, s]) => Date.UTC(2000, 0, 1, 17) + day * 86_400_000 + s * 1000),
    );
    fc.assert(
      fc.property(instants, (ms) => {
        const d = new Date(ms);
        expect([LocalDate.at(d), LocalDate.timeAt(d)]).toEqual(reference(d));
      }),
      { numRuns: 3000 },
    );
  });

  it("gives the UTC offset Intl gives for Asia/Pontianak, before and after 1988", () => {
    const intl = new Intl.DateTimeFormat("en-US", {
      timeZone: "Asia/Pontianak",
      timeZoneName: "longOffset",
    });
    const reference = (d: Date) => {
      const name = intl.formatToParts(d).find((x) => x.type === "timeZoneName")?.value ?? "";
      const [, sign, h, m] = name.match(/GMT([+-])(\d\d):(\d\d)/) ?? [];
      return (sign === "-" ? -1 : 1) * (Number(h) * 60 + Number(m));
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const d = new Date(ms);
        expect(LocalDate.offsetMinutes(d)).toBe(reference(d));
      }),
      { numRuns: 1000 },
    );
  });

  it("converts instants to Pontianak local dates at the day boundary", () => {
    // 16:59 UTC is 23:59 in Pontianak; 17:00 UTC is midnight of the next day.
    expect(LocalDate.at(new Date("2027-02-28T16:59:00Z"))).toBe("2027-02-28");
    expect(LocalDate.at(new Date("2027-02-28T17:00:00Z"))).toBe("2027-03-01");
    expect(LocalDate.instant("2027-03-01", "08:00").toISOString()).toBe("2027-03-01T01:00:00.000Z");
    expect(LocalDate.timeAt(new Date("2027-03-01T01:00:00Z"))).toBe("08:00");
  });
});
