import { LocalDate } from "../date/index.ts";
import type { OfficialHoliday } from "../regulation/settings.ts";
import { ESTIMATED, FIRST_YEAR, LAST_YEAR } from "./holidays.data.ts";
import { OFFICIAL } from "./holidays.official.ts";

/**
 * Working days in Sambas: not a Saturday or Sunday, not a holiday. For each year the holidays
 * come from, in order: the task force's own official list (`Settings.officialHolidays`), the
 * official list shipped with Tenggat (2026: SKB 1497/2/5 of 2025, with collective leave), or
 * else the estimates generated at build time (`holidays.data.ts`, `npm run generate:holidays`),
 * which lack collective leave and are labelled estimates ("perkiraan") wherever they show.
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
  /**
   * The holidays of a year, in date order, and where they come from: `official` (a list of the
   * task force or shipped, `reference` naming its decree when shipped) or `estimate`.
   */
  list(year: number): HolidayList;
}

export interface HolidayList {
  source: "official" | "estimate";
  /** For a shipped official list: its decree; for the task force's own list: "configured". */
  reference?: string;
  days: readonly OfficialHoliday[];
}

export type HolidaySource = (year: number) => readonly OfficialHoliday[];

const estimatedYears = new Map<number, readonly OfficialHoliday[]>();

/**
 * The estimated holidays of a year (the generated table; none outside the years it covers).
 */
export const estimated: HolidaySource = (year) => {
  const cached = estimatedYears.get(year);
  if (cached) return cached;
  const rows = ESTIMATED[String(year)] ?? [];
  const days = rows.map(([date, name, nameEn]) => ({
    date,
    name,
    nameEn,
    kind: "national" as const,
  }));
  estimatedYears.set(year, days);
  return days;
};

/** The years the generated estimates cover. */
export const ESTIMATED_YEARS = { first: FIRST_YEAR, last: LAST_YEAR } as const;

/** The official lists shipped with Tenggat, by year (`"2026"`), with their source. */
export const SHIPPED = OFFICIAL;

interface Year {
  start: number;
  /** 1 = weekend, 2 = holiday (bit flags), per day of year. */
  flags: Uint8Array;
  names: Map<string, string>;
  list: HolidayList;
}

// A week of holidays is common (Lebaran with collective leave); a year without a working day is
// a configuration error, not a calendar.
const MAX_SEARCH = 400;

/**
 * A holiday provider. `official` maps a year (`"2027"`) to the task force's official list, which
 * replaces for that year the shipped official list (`shipped`) or else `source` (the estimates).
 */
export function create(
  official: Readonly<Record<string, readonly OfficialHoliday[]>> = {},
  source: HolidaySource = estimated,
  shipped: Readonly<Record<string, { source: string; days: readonly OfficialHoliday[] }>> = SHIPPED,
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
    const configured = official[String(y)];
    const bundled = shipped[String(y)];
    const list: HolidayList = configured
      ? { source: "official", reference: "configured", days: configured }
      : bundled
        ? { source: "official", reference: bundled.source, days: bundled.days }
        : { source: "estimate", days: source(y) };
    const days = list.days;
    const names = new Map<string, string>();
    for (const h of days) {
      if (!h.date.startsWith(`${String(y).padStart(4, "0")}-`)) continue;
      const i = LocalDate.toEpochDay(h.date) - start;
      flags[i] = (flags[i] ?? 0) | 2;
      const before = names.get(h.date);
      names.set(h.date, before && before !== h.name ? `${before}; ${h.name}` : h.name);
    }
    entry = { start, flags, names, list };
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
    list: (y) => year(y).list,
  };
}
