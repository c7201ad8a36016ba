import { LocalDate } from "../date/index.ts";
import * as Format from "./format.ts";
import { catalogue, type Lang } from "./i18n/index.ts";

/**
 * Labels derived from data, in one place: what a person reads instead of a code. Templates run
 * every period, basis and office they are given through these, so a code never reaches a mail.
 */

const ROMAN = ["", "I", "II", "III", "IV"];

/** A period id as a person says it: `2026-S2` → "Semester II 2026", `2027-Q1` → "Triwulan I 2027". */
export function period(id: string, lang: Lang): string {
  const p = catalogue(lang).labels.period;
  let m = /^(\d{4})$/.exec(id);
  if (m) return p.year(m[1] as string);
  m = /^(\d{4})-[SH]([12])$/.exec(id);
  if (m) return p.semester(ROMAN[Number(m[2])] as string, m[1] as string);
  m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (m) return p.quarter(ROMAN[Number(m[2])] as string, m[1] as string);
  m = /^(\d{4})-x(\d+)$/.exec(id);
  if (m) return p.occurrence(m[2] as string, m[1] as string);
  m = /^(\d{4})-(\d{4})$/.exec(id);
  if (m) return p.years(m[1] as string, m[2] as string);
  m = /^w(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (m && LocalDate.isValid(m[1] as string))
    return p.window(Format.longDate(m[1] as string, lang));
  return id;
}

/** Whether a text is a period id (and so must go through `period`). */
export function isPeriodId(text: string): boolean {
  return /^(\d{4}(-([SH][12]|Q[1-4]|x\d+|\d{4}))?|w\d{4}-\d{2}-\d{2})$/.test(text);
}

/**
 * A legal basis as a person reads it: "L-III §VIII" → "Lampiran III Bab VIII" (Annex III,
 * Chapter VIII); "Pasal 19a; L-III §VIII" keeps its parts; in English "Pasal" is "Article".
 */
export function basis(text: string, lang: Lang): string {
  const l = catalogue(lang).labels;
  return text
    .replace(/\bL-([IVX]+)\s*§\s*([IVX]+)/g, (_, a: string, c: string) => l.annex(a, c))
    .replace(/\bL-([IVX]+)\b/g, (_, a: string) => l.annexOnly(a))
    .replace(/\bPasal\s+(\d+[a-z]?(\(\d+\))?[a-z]?)/g, (_, n: string) => l.article(n));
}

/** A status code in words ("satisfied" → "selesai"); an unknown one is returned as is. */
export function status(code: string, lang: Lang): string {
  const words: Record<string, string> = catalogue(lang).labels.status;
  return words[code] ?? code;
}

/**
 * An office code's title when the directory has none to give: `sgt-a.koordinator` →
 * "Koordinator Sub Gugus Tugas A", `gt.ketua-harian` → "Ketua Harian Gugus Tugas".
 */
export function office(code: string, lang: Lang): string {
  const l = catalogue(lang).labels;
  const [unitCode = "", role = ""] = code.split(".");
  const roles: Record<string, string> = l.role;
  const roleName = roles[role] ?? role.replace(/-/g, " ");
  return l.officeOf(roleName, unit(unitCode, lang));
}

/** A unit code's short name when the directory has none to give. */
export function unit(code: string, lang: Lang): string {
  const l = catalogue(lang).labels;
  if (code === "gt") return l.taskForce;
  const sgt = /^sgt-([a-e])$/.exec(code);
  if (sgt) return l.subTaskForce((sgt[1] as string).toUpperCase());
  const satgas = /^satgas-(kec|desa)-(.+)$/.exec(code);
  if (satgas) {
    const place = (satgas[2] as string)
      .split("-")
      .map((w) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w))
      .join(" ");
    return l.satgas(`${satgas[1] === "kec" ? "Kec." : "Desa"} ${place}`);
  }
  return code;
}

/** An instant as a person reads it: "Kamis, 10 Desember 2026, 09.00 WIB" (Asia/Pontianak). */
export function timestamp(instant: Date, lang: Lang): string {
  return catalogue(lang).labels.timestamp(
    Format.longDate(LocalDate.at(instant), lang),
    Format.time(LocalDate.timeAt(instant), lang),
  );
}

/**
 * A thing's title with the unit it belongs to, without saying a word twice where the title ends
 * as the unit's name begins: "Laporan Semesteran Sub Gugus Tugas" + "Sub Gugus Tugas Bidang
 * Pencegahan" → "Laporan Semesteran Sub Gugus Tugas Bidang Pencegahan".
 */
export function titleWithUnit(title: string, unitName: string): string {
  const t = title.split(" ");
  const u = unitName.split(" ");
  for (let n = Math.min(t.length, u.length); n > 0; n--) {
    const tail = t
      .slice(t.length - n)
      .join(" ")
      .toLowerCase();
    const head = u.slice(0, n).join(" ").toLowerCase();
    if (tail === head) return [...t, ...u.slice(n)].join(" ");
  }
  if (title.toLowerCase().includes(unitName.toLowerCase())) return title;
  return `${title} ${unitName}`;
}

/** Who did something: the office, or "Name (own office) a.n. office" when acting for another. */
export function actor(
  office: string,
  lang: Lang,
  by?: { name: string; office?: string | undefined } | undefined,
): string {
  if (!by) return office;
  const c = catalogue(lang).common;
  const who = by.office ? c.actorWithOffice(by.name, by.office) : by.name;
  return c.onBehalf(who, office);
}
