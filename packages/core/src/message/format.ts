import { LocalDate } from "../date/index.ts";
import { catalogue } from "./i18n/index.ts";

/**
 * Dates and times written the way each language writes them, from our own tables: ICU's `id`
 * locale data is not guaranteed in every Node build (small-icu), and its forms drift between
 * versions.
 */

export type Lang = "id" | "en";

/** ISO day of week 1 (Monday) … 7 (Sunday). */
const DAYS: Record<Lang, readonly string[]> = {
  id: ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

const MONTHS: Record<Lang, readonly string[]> = {
  id: [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

const MONTHS_SHORT: Record<Lang, readonly string[]> = {
  id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

export function dayName(date: LocalDate, lang: Lang): string {
  return DAYS[lang][LocalDate.dayOfWeek(date) - 1] as string;
}

/** A month's name: 6 → `Juni` / `June`. */
export function monthName(month: number, lang: Lang): string {
  return MONTHS[lang][month - 1] as string;
}

/** `Senin, 1 Februari 2027` / `Monday 1 February 2027`. */
export function longDate(date: LocalDate, lang: Lang): string {
  const { year, month, day } = LocalDate.parts(date);
  const name = dayName(date, lang);
  const rest = `${day} ${MONTHS[lang][month - 1]} ${year}`;
  return catalogue(lang).dates.long(name, rest);
}

/** `20 Feb 2027` / `20 Feb 2027`, `1 Agu 2027` / `1 Aug 2027`. */
export function shortDate(date: LocalDate, lang: Lang): string {
  const { year, month, day } = LocalDate.parts(date);
  return `${day} ${MONTHS_SHORT[lang][month - 1]} ${year}`;
}

/** `09.00` in Indonesian (the period is the Indonesian time separator), `09:00` in English. */
export function time(hhmm: string, lang: Lang): string {
  return catalogue(lang).dates.time(hhmm);
}

/** `09.00–11.00 WIB` / `09:00–11:00 WIB (UTC+7)`. */
export function timeRange(start: string, end: string, lang: Lang): string {
  return catalogue(lang).dates.range(`${time(start, lang)}–${time(end, lang)} WIB`);
}

/** How far `due` is from `today`: `3 hari lagi`, `hari ini`, `terlambat 2 hari` / `in 3 days`, … */
export function relative(due: LocalDate, today: LocalDate, lang: Lang): string {
  const days = LocalDate.diffDays(today, due);
  const d = catalogue(lang).dates;
  if (days === 0) return d.today;
  if (days === 1) return d.tomorrow;
  if (days > 1) return d.inDays(days);
  return d.overdue(-days);
}
