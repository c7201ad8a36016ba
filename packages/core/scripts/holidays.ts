/**
 * Generates `src/calendar/holidays.data.ts`: estimated Indonesian public holidays for
 * 2016–2045, the fallback for a year without an official list (SKB 3 Menteri).
 *
 *   npm run generate:holidays
 *
 * (a test checks that the committed table is what `generate()` gives).
 *
 * Build-time only: `date-holidays` (and its moment-timezone) is a devDependency and no runtime
 * code imports it. The library is the starting point, corrected for what it gets wrong against
 * the official lists (measured against the government's dates 2016–2026, see docs/rules.md):
 * - 27 Rajab is labelled "Maulid Nabi Muhammad": it is Isra Mi'raj;
 * - Islamic holidays come from a tabular calendar and fall a day early about one year in three
 *   (Idul Fitri 2019, 2023, 2025, 2026, 2027 …): they are recomputed from the new moon with the
 *   visibility criterion Indonesia uses (MABIMS: elongation ≥ 6.4° from 2022; before, a young
 *   moon of a few hours): 1 miss in 51 dates Indonesia kept 2016–2026 (Isra Mi'raj 2022),
 *   where the library misses 12;
 * - Nyepi and Waisak are listed only up to 2027: later years are estimated from the moon
 *   (Nyepi: the day of the new moon of March, Bali time; Waisak: the first full moon from 6 May,
 *   Jakarta time), which reproduces the library's official years 12/12 for Waisak, 9/12 for Nyepi;
 * - Easter Sunday (Kebangkitan Yesus Kristus / Paskah) is a national holiday from 2024 on and
 *   is absent from the library.
 * Collective leave (cuti bersama) cannot be estimated: only an official list has it.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import DateHolidays from "date-holidays";
import { latitudeArgument, nearestNewMoon, phase } from "./moon.ts";

export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2045;

/** One estimated day: date, name in Bahasa Indonesia, name in English. */
export type Row = [date: string, id: string, en: string];

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WIB = 7 * 3_600_000;
const WITA = 8 * 3_600_000;

/** Names as the SKB writes them (without the year numbers), and in English. */
const NAMES: Record<string, [string, string]> = {
  "01-01": ["Tahun Baru Masehi", "New Year's Day"],
  "chinese 01-0-01": ["Tahun Baru Imlek", "Chinese New Year"],
  "27 Rajab": ["Isra Mikraj Nabi Muhammad S.A.W.", "Isra Mi'raj (Ascension of the Prophet)"],
  nyepi: ["Hari Suci Nyepi (Tahun Baru Saka)", "Day of Silence (Saka New Year)"],
  "easter -2": ["Wafat Yesus Kristus", "Good Friday"],
  easter: ["Kebangkitan Yesus Kristus (Paskah)", "Easter Sunday"],
  "1 Shawwal": ["Idul Fitri", "Eid al-Fitr"],
  "2 Shawwal": ["Idul Fitri", "Eid al-Fitr"],
  "05-01": ["Hari Buruh Internasional", "International Labour Day"],
  "easter 39": ["Kenaikan Yesus Kristus", "Ascension of Jesus Christ"],
  "10 Dhu al-Hijjah": ["Idul Adha", "Eid al-Adha"],
  waisak: ["Hari Raya Waisak", "Vesak Day"],
  "06-01": ["Hari Lahir Pancasila", "Pancasila Day"],
  "1 Muharram": ["1 Muharam Tahun Baru Islam", "Islamic New Year"],
  "08-17": ["Proklamasi Kemerdekaan", "Independence Day"],
  "12 Rabi al-awwal": ["Maulid Nabi Muhammad S.A.W.", "Birthday of the Prophet Muhammad"],
  "12-25": ["Kelahiran Yesus Kristus", "Christmas Day"],
};

/** Day of the month of the library's Islamic rules ("27 Rajab" → 27). */
const ISLAMIC = /^(\d+) (Rajab|Shawwal|Dhu al-Hijjah|Muharram|Rabi al-awwal)$/;

/**
 * The elongation threshold on this approximation (geocentric, from the age and the Moon's
 * latitude at conjunction), calibrated on the Hijri months Indonesia started 2022–2026 (MABIMS'
 * 6.4° is topocentric at sunset; the approximation runs a little low): every month of those
 * years but one (Rajab 1443) right.
 */
const ELONGATION = 6.0;

/**
 * The first day (a Jakarta date, ms at 00:00 UTC) of the Hijri month that the library starts on
 * `libraryStart`, by the new moon and Indonesia's visibility criterion: the month starts the day
 * after the first evening (18:00 WIB) when the crescent is visible — elongation ≥ 6.4° (MABIMS,
 * from 2022; `ELONGATION` here), or a moon at least 5 hours old before.
 */
export function hijriMonthStart(libraryStart: number): number {
  const k = nearestNewMoon(libraryStart - DAY);
  const conjunction = phase(k);
  const latitude = 5.13 * Math.sin(latitudeArgument(k));
  const first = Math.floor((conjunction + WIB) / DAY) * DAY;
  for (let day = first; ; day += DAY) {
    const age = (day + 11 * 3_600_000 - conjunction) / 3_600_000;
    if (age <= 0) continue;
    const elongation = Math.hypot(0.508 * age, latitude);
    const year = new Date(day).getUTCFullYear();
    if (year >= 2022 ? elongation >= ELONGATION && age >= 5 : age >= 5) return day + DAY;
  }
}

/** Nyepi: the day of the new moon in March, Bali time (the day after Tilem Kesanga, roughly). */
export function nyepi(year: number): string {
  return iso(phase(nearestNewMoon(Date.parse(`${year}-03-16T00:00:00Z`))) + WITA);
}

/** Waisak: the first full moon from 6 May, Jakarta time. */
export function waisak(year: number): string {
  let k = nearestNewMoon(Date.parse(`${year}-05-01T00:00:00Z`)) - 0.5;
  while (iso(phase(k) + WIB).slice(5) < "05-06") k += 1;
  return iso(phase(k) + WIB);
}

/** The estimated holidays of every year, corrected as the header says. */
export function generate(from = FIRST_YEAR, to = LAST_YEAR): Record<string, Row[]> {
  const library = new DateHolidays("ID", { types: ["public"] });
  const out: Record<string, Row[]> = {};
  for (let year = from; year <= to; year++) {
    const rows: Row[] = [];
    const add = (date: string, key: string) => {
      const names = NAMES[key];
      if (!names) throw new Error(`no names for ${key}`);
      if (date.startsWith(`${year}-`)) rows.push([date, ...names]);
    };
    let nyepiListed = false;
    let waisakListed = false;
    for (const h of library.getHolidays(year)) {
      if (h.type !== "public") continue;
      const date = h.date.slice(0, 10);
      const islamic = ISLAMIC.exec(h.rule);
      if (islamic) {
        const day = Number(islamic[1]);
        const start = hijriMonthStart(Date.parse(`${date}T00:00:00Z`) - (day - 1) * DAY);
        add(iso(start + (day - 1) * DAY), h.rule);
      } else if (/^\d{4}-\d{2}-\d{2}$/.test(h.rule)) {
        // A date listed for one year only: Nyepi or Waisak, official where the library has it.
        if (/Nyepi/.test(h.name)) {
          nyepiListed = true;
          add(date, "nyepi");
        } else if (/Waisak/.test(h.name)) {
          waisakListed = true;
          add(date, "waisak");
        } else throw new Error(`unexpected one-off holiday ${h.name} ${date}`);
      } else {
        add(date, h.rule);
        if (h.rule === "easter -2" && year >= 2024) {
          add(iso(Date.parse(`${date}T00:00:00Z`) + 2 * DAY), "easter");
        }
      }
    }
    if (!nyepiListed) add(nyepi(year), "nyepi");
    if (!waisakListed) add(waisak(year), "waisak");
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
    out[String(year)] = rows;
  }
  return out;
}

/** The TypeScript module holding `generate()`'s table. */
export function render(table: Record<string, Row[]>): string {
  const years = Object.entries(table)
    .map(
      ([year, rows]) =>
        `  "${year}": [\n${rows.map((r) => `    ${JSON.stringify(r)},`).join("\n")}\n  ],`,
    )
    .join("\n");
  return `// Generated by \`npm run generate:holidays\` (packages/core/scripts/holidays.ts). Do not edit:
// change the script and run it again. Estimates (perkiraan): a year's official list (SKB 3
// Menteri) replaces them; collective leave (cuti bersama) is only in official lists.

/** [date, name in Bahasa Indonesia, name in English] */
export type EstimatedDay = readonly [date: string, id: string, en: string];

/** Estimated public holidays of ${FIRST_YEAR}–${LAST_YEAR}, by year. */
export const ESTIMATED: Readonly<Record<string, readonly EstimatedDay[]>> = {
${years}
};

export const FIRST_YEAR = ${FIRST_YEAR};
export const LAST_YEAR = ${LAST_YEAR};
`;
}

export const TARGET = fileURLToPath(new URL("../src/calendar/holidays.data.ts", import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TARGET, render(generate()));
  // Formatted as the repository formats code, so lint stays green on the generated file.
  execFileSync("npx", ["biome", "format", "--write", TARGET], { stdio: "inherit" });
  process.stdout.write(`wrote ${TARGET}\n`);
}
