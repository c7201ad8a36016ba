export * as LocalDate from "./index.ts";

import * as z from "../util/zod.ts";

/**
 * A calendar date as the regulation speaks of it: a local date in `Asia/Pontianak`
 * (Western Indonesia Time, UTC+7, no daylight saving), kept as `YYYY-MM-DD`.
 *
 * Arithmetic runs on epoch days (days since 1970-01-01 in the proleptic Gregorian
 * calendar), never on a `Date` at UTC midnight, so no time zone can shift a date.
 */
export type LocalDate = string;

/** The IANA zone every date of the regulation is local to. */
export const ZONE = "Asia/Pontianak";

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The decimal value of `text[from…to)`, or -1 when a character is not an ASCII digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The parts of a real `YYYY-MM-DD` date (four, two and two ASCII digits), else undefined. Reads
 * the characters directly rather than through a regular expression: the planner parses a great
 * many dates.
 */
function split(text: string): Parts | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

/** Whether `text` is a real date in `YYYY-MM-DD` form (2027-02-30 is not). */
export function isValid(text: string): boolean {
  return typeof text === "string" && split(text) !== undefined;
}

/** zod schema for a real `YYYY-MM-DD` date. */
export const Schema = z
  .string()
  .check(
    z.refine(isValid, { message: "must be a real date in the form YYYY-MM-DD" }),
    z.describe("A local date in Asia/Pontianak, YYYY-MM-DD"),
  );

export interface Parts {
  year: number;
  month: number;
  day: number;
}

export function parts(date: LocalDate): Parts {
  const found = typeof date === "string" ? split(date) : undefined;
  if (!found) throw new RangeError(`not a date: ${date}`);
  return found;
}

export function of(year: number, month: number, day: number): LocalDate {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!isValid(text)) throw new RangeError(`not a date: ${year}-${month}-${day}`);
  return text;
}

// Howard Hinnant's days_from_civil / civil_from_days.
export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = parts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromEpochDay(epochDay: number): LocalDate {
  const z0 = epochDay + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // Valid by construction; `of` checks only the years a `YYYY` cannot hold.
  if (year < 1 || year > 9999) return of(year, month, day);
  return `${year < 1000 ? String(year).padStart(4, "0") : year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds calendar months; a day past the end of the target month is clamped (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return of(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Days from `a` to `b` (positive when `b` is later). */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

/** `YYYY-MM-DD` strings compare correctly as strings; this makes the intent explicit. */
export function compare(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function min(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function max(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

export function startOfMonth(year: number, month: number): LocalDate {
  return of(year, month, 1);
}

export function endOfMonth(year: number, month: number): LocalDate {
  return of(year, month, daysInMonth(year, month));
}

/** Every date from `from` to `to`, both included. */
export function* range(from: LocalDate, to: LocalDate): Generator<LocalDate> {
  const end = toEpochDay(to);
  for (let d = toEpochDay(from); d <= end; d++) yield fromEpochDay(d);
}

// The formatter is made by the first date computed, not at import: a zoned formatter loads
// ICU's time-zone data, which a cold start that computes no date need not pay for.
let formatter: Intl.DateTimeFormat | undefined;
const FORMAT: Intl.DateTimeFormatOptions = {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};

function zonedParts(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  formatter ??= new Intl.DateTimeFormat("en-CA", FORMAT);
  for (const p of formatter.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

/**
 * Pontianak has kept UTC+7 (WIB) since 1988-01-01 00:00 local time, 16:00 UTC the day before
 * (tzdata): the local time of a later instant is arithmetic, no `Intl` call (which the API made
 * several times per request). Earlier instants ask `Intl`; a test compares both with `Intl`.
 */
const WIB_SINCE = Date.UTC(1987, 11, 31, 16);
const WIB_UNTIL = Date.UTC(9999, 0, 1);
const WIB_MS = 7 * 3_600_000;

/** Milliseconds of local wall-clock time at `instant`, when it is in the WIB years. */
function wibLocalMs(instant: Date): number | undefined {
  const ms = instant.getTime();
  return ms >= WIB_SINCE && ms < WIB_UNTIL ? ms + WIB_MS : undefined;
}

/** The local date in Asia/Pontianak at `instant`. */
export function at(instant: Date): LocalDate {
  const local = wibLocalMs(instant);
  if (local !== undefined) return fromEpochDay(Math.floor(local / 86_400_000));
  const p = zonedParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The local wall-clock time `HH:MM` in Asia/Pontianak at `instant`. */
export function timeAt(instant: Date): string {
  const local = wibLocalMs(instant);
  if (local !== undefined) {
    const minutes = Math.floor(local / 60_000) % 1440;
    return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  }
  const p = zonedParts(instant);
  return `${p.hour}:${p.minute}`;
}

/** Minutes the zone is ahead of UTC at `instant` (420 for Asia/Pontianak). */
export function offsetMinutes(instant: Date): number {
  if (wibLocalMs(instant) !== undefined) return WIB_MS / 60_000;
  const p = zonedParts(instant);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant at which the local wall-clock time `date` `time` (`HH:MM`) occurs in Asia/Pontianak. */
export function instant(date: LocalDate, time = "00:00"): Date {
  const { year, month, day } = parts(date);
  const [hh, mm] = time.split(":").map(Number);
  const guess = new Date(Date.UTC(year, month - 1, day, hh ?? 0, mm ?? 0));
  return new Date(guess.getTime() - offsetMinutes(guess) * 60000);
}
