/**
 * Labels derived from data in one place: dates and instants as a person says them, periods
 * ("Semester II 2026"), office and unit titles.
 */
import { LocalDate } from "@tenggat/core/date";
import { Message } from "@tenggat/core/message";
import type { Catalogue } from "./i18n/index.ts";

const lang = (t: Catalogue) => (t.lang === "en" ? "en" : "id");

/** `Senin, 7 Juni 2027` / `Monday, 7 June 2027`. */
export function longDate(date: string, t: Catalogue): string {
  if (!LocalDate.isValid(date)) return date;
  const { year, month, day } = LocalDate.parts(date);
  // Day and month names come from the mails' tables: one home for them.
  return `${Message.Format.dayName(date, lang(t))}, ${day} ${Message.Format.monthName(month, lang(t))} ${year}`;
}

/** `7 Juni 2027`. */
export function shortDate(date: string, t: Catalogue): string {
  if (!LocalDate.isValid(date)) return date;
  const { year, month, day } = LocalDate.parts(date);
  return `${day} ${Message.Format.monthName(month, lang(t))} ${year}`;
}

/** `10.12` in Indonesian, `10:12` in English. */
export function clock(hhmm: string, t: Catalogue): string {
  return t.lang === "id" ? hhmm.replace(":", ".") : hhmm;
}

/** An instant in local time: `Senin, 7 Juni 2027 10.12 WIB`. */
export function instant(iso: string, t: Catalogue): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${longDate(LocalDate.at(d), t)} ${clock(LocalDate.timeAt(d), t)} WIB`;
}

/**
 * A period id as a person says it (`2026-S2` → `Semester II 2026`, `2027-Q1` → `Triwulan I 2027`):
 * the mails' label (`Message.Labels.period`), one home for it.
 */
export function period(p: string, t: Catalogue): string {
  return Message.Labels.period(p, lang(t));
}

export interface Names {
  office(code: string): string;
  unit(code: string): string;
}

/** Office and unit names from the task force's organisation, in the person's language. */
export function names(
  offices: { code: string; title: string; titleEn: string; heldBy?: string | undefined }[],
  units: { code: string; name: string; nameEn: string }[],
  t: Catalogue,
): Names {
  const title = (x: (typeof offices)[number]) => (t.lang === "en" ? x.titleEn : x.title);
  // Offices that share a title (the members of a sub-task-force: "Anggota Sub Gugus Tugas A")
  // are told apart by the government position that holds each (L-I).
  const shared = new Map<string, number>();
  for (const x of offices) shared.set(title(x), (shared.get(title(x)) ?? 0) + 1);
  const o = new Map(
    offices.map((x) => {
      const name = title(x);
      const by = (shared.get(name) ?? 0) > 1 && x.heldBy && !name.includes(x.heldBy);
      return [x.code, by ? `${name} (${x.heldBy})` : name];
    }),
  );
  const u = new Map(units.map((x) => [x.code, t.lang === "en" ? x.nameEn : x.name]));
  return {
    office: (code) => o.get(code) ?? (code.startsWith("ext:") ? code.slice(4) : code),
    unit: (code) => u.get(code) ?? code,
  };
}
