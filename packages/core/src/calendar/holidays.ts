import DateHolidays from "date-holidays";
import { LocalDate } from "../date/index.ts";
import type { OfficialHoliday } from "../regulation/settings.ts";

/**
 * Working days in Sambas: not a Saturday or Sunday, not a holiday. Holidays come from an
 * official list for a year where one is configured (SKB 3 Menteri, with collective leave days),
 * otherwise from the `date-holidays` library ("ID", public holidays only), which lacks collective
 * leave and mislabels some days (see TOOLING.md) — hence the override.
 *
 * Each year is computed once into a flag array indexed by day of year; after that every look-up
 * is an array read (the reminder job asks for a great many dates).
 */
export interface Holidays {
  /** Whether `date` is a holiday (weekends aside). */
  isHoliday(date: LocalDate): boolean;
  /** The holiday's name, if `date` is one. */
  name(date: LocalDate): string | undefined;
  /** Not a weekend, not a holiday. */
  isWorkingDay(date: LocalDate): boolean;
  /** The working day on or before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /** The working day on or after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** Epoch-day form of `previousWorkingDay`, for hot loops. */
  previousWorkingEpochDay(epochDay: number): number;
  /** Epoch-day form of `nextWorkingDay`. */
  nextWorkingEpochDay(epochDay: number): number;
  /** The holidays of a year, in date order, and where they come from. */
  list(year: number): { source: "official" | "library"; days: readonly OfficialHoliday[] };
}

export type HolidaySource = (year: number) => readonly OfficialHoliday[];

let library: DateHolidays | undefined;
const libraryYears = new Map<number, readonly OfficialHoliday[]>();

/** Indonesian public holidays of a year from `date-holidays`, memoised per year. */
export const fromLibrary: HolidaySource = (year) => {
  const cached = libraryYears.get(year);
  if (cached) return cached;
  library ??= new DateHolidays("ID", { types: ["public"] });
  const days: OfficialHoliday[] = [];
  for (const h of library.getHolidays(year)) {
    if (h.type !== "public") continue;
    // `date` is the local date first ("2027-03-09 00:00:00 -0600"); a holiday may span days.
    const first = h.date.slice(0, 10);
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let i = 0; i < span; i++) days.push({ date: LocalDate.addDays(first, i), name: h.name });
  }
  const result = days.sort((a, b) => LocalDate.compare(a.date, b.date));
  libraryYears.set(year, result);
  return result;
};

interface Year {
  start: number;
  /** 1 = weekend, 2 = holiday (bit flags), per day of year. */
  flags: Uint8Array;
  names: Map<string, string>;
  source: "official" | "library";
  days: readonly OfficialHoliday[];
}

// A week of holidays is common (Lebaran with collective leave); a year without a working day is
// a configuration error, not a calendar.
const MAX_SEARCH = 400;

/**
 * A holiday provider. `official` maps a year (`"2027"`) to its official list, which replaces
 * `source` (the library by default) for that year.
 */
export function create(
  official: Readonly<Record<string, readonly OfficialHoliday[]>> = {},
  source: HolidaySource = fromLibrary,
): Holidays {
  const years = new Map<number, Year>();

  function year(y: number): Year {
    let entry = years.get(y);
    if (entry) return entry;
    const start = LocalDate.toEpochDay(LocalDate.of(y, 1, 1));
    const length = LocalDate.isLeapYear(y) ? 366 : 365;
    const flags = new Uint8Array(length);
    // 1970-01-01 (epoch day 0) was a Thursday: ISO day = ((e + 3) mod 7) + 1.
    for (let i = 0; i < length; i++) {
      const dow = ((((start + i + 3) % 7) + 7) % 7) + 1;
      if (dow >= 6) flags[i] = 1;
    }
    const listed = official[String(y)];
    const days = listed ?? source(y);
    const names = new Map<string, string>();
    for (const h of days) {
      if (!h.date.startsWith(`${String(y).padStart(4, "0")}-`)) continue;
      const i = LocalDate.toEpochDay(h.date) - start;
      flags[i] = (flags[i] ?? 0) | 2;
      const before = names.get(h.date);
      names.set(h.date, before && before !== h.name ? `${before}; ${h.name}` : h.name);
    }
    entry = { start, flags, names, source: listed ? "official" : "library", days };
    years.set(y, entry);
    return entry;
  }

  function flagsAt(epochDay: number): number {
    // Guess the year from the epoch day, then correct by at most one.
    let y = 1970 + Math.floor(epochDay / 365.2425);
    let entry = year(y);
    while (epochDay < entry.start) entry = year(--y);
    while (epochDay >= entry.start + entry.flags.length) entry = year(++y);
    return entry.flags[epochDay - entry.start] ?? 0;
  }

  function previousWorkingEpochDay(epochDay: number): number {
    for (let d = epochDay, n = 0; n < MAX_SEARCH; d--, n++) if (flagsAt(d) === 0) return d;
    throw new RangeError(`no working day in the ${MAX_SEARCH} days up to epoch day ${epochDay}`);
  }

  function nextWorkingEpochDay(epochDay: number): number {
    for (let d = epochDay, n = 0; n < MAX_SEARCH; d++, n++) if (flagsAt(d) === 0) return d;
    throw new RangeError(`no working day in the ${MAX_SEARCH} days from epoch day ${epochDay}`);
  }

  return {
    isHoliday: (date) => (flagsAt(LocalDate.toEpochDay(date)) & 2) !== 0,
    name: (date) => year(LocalDate.parts(date).year).names.get(date),
    isWorkingDay: (date) => flagsAt(LocalDate.toEpochDay(date)) === 0,
    previousWorkingDay: (date) =>
      LocalDate.fromEpochDay(previousWorkingEpochDay(LocalDate.toEpochDay(date))),
    nextWorkingDay: (date) =>
      LocalDate.fromEpochDay(nextWorkingEpochDay(LocalDate.toEpochDay(date))),
    previousWorkingEpochDay,
    nextWorkingEpochDay,
    list(y) {
      const entry = year(y);
      return { source: entry.source, days: entry.days };
    },
  };
}
