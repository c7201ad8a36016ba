export * as Org from "./index.ts";

import { z } from "zod";
import { SUB_DISTRICTS, SUB_TASK_FORCES } from "./sambas.ts";

/**
 * The organisation of a task force (Gugus Tugas) as Perbup Sambas 8/2016 sets it up:
 * the district task force itself, five sub-task-forces (Sub Gugus Tugas, Pasal 5(4)d, 8),
 * and task units (Satgas) in every sub-district (Kecamatan) and village (Desa) (Pasal 5(6)).
 *
 * Unit codes: `gt`, `sgt-a` … `sgt-e` (L-I order), `satgas-kec-<slug>`, `satgas-desa-<slug>`.
 * Office codes: `<unit>.<role>`, e.g. `gt.ketua-harian`, `sgt-a.koordinator`,
 * `satgas-kec-paloh.ketua`.
 */

export const UnitKind = z.enum([
  "gugus-tugas",
  "sub-gugus-tugas",
  "satgas-kecamatan",
  "satgas-desa",
]);
export type UnitKind = z.infer<typeof UnitKind>;

export const UnitCode = z
  .string()
  .regex(/^(gt|sgt-[a-e]|satgas-kec-[a-z0-9-]+|satgas-desa-[a-z0-9-]+)$/, "not a unit code");

export const Unit = z.object({
  code: UnitCode,
  kind: UnitKind,
  /** Name in Bahasa Indonesia, as the regulation writes it. */
  name: z.string(),
  /** English name, for people who chose English. */
  nameEn: z.string(),
  /** The unit this one reports into (`gt` for sub-task-forces and sub-district Satgas). */
  parent: UnitCode.optional(),
  /** Where the unit comes from: the article or attachment that creates it. */
  article: z.string(),
});
export type Unit = z.infer<typeof Unit>;

export const Role = z.enum([
  "penasehat",
  "ketua",
  "ketua-harian",
  "sekretaris",
  "anggota",
  "koordinator",
  "wakil-koordinator",
]);
export type Role = z.infer<typeof Role>;

export const OfficeCode = z
  .string()
  .regex(/^[a-z0-9-]+\.[a-z0-9-]+(\.[a-z0-9-]+)?$/, "not an office code");

export const Office = z.object({
  code: OfficeCode,
  unit: UnitCode,
  role: Role,
  /** The position in the team, in Bahasa Indonesia (Jabatan dalam Tim). */
  title: z.string(),
  titleEn: z.string(),
  /** The position in government that holds it per L-I (Jabatan Pokok), when the regulation names one. */
  heldBy: z.string().optional(),
  article: z.string(),
});
export type Office = z.infer<typeof Office>;

/** Slug for a place name: lower case, spaces to hyphens (`Sajingan Besar` → `sajingan-besar`). */
export function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function kecamatanUnit(name: string): Unit {
  return {
    code: `satgas-kec-${slug(name)}`,
    kind: "satgas-kecamatan",
    name: `Satgas PP-TPPO Kecamatan ${name}`,
    nameEn: `Anti-trafficking task unit, ${name} sub-district`,
    parent: "gt",
    article: "Pasal 5(6),(7)",
  };
}

export function desaUnit(name: string, kecamatan: string): Unit {
  return {
    code: `satgas-desa-${slug(name)}`,
    kind: "satgas-desa",
    name: `Satgas PP-TPPO Desa ${name}`,
    nameEn: `Anti-trafficking task unit, ${name} village`,
    parent: `satgas-kec-${slug(kecamatan)}`,
    article: "Pasal 5(6),(7)",
  };
}

/** The head office of a Satgas (the regulation leaves its internal make-up to the Camat / Kepala Desa). */
export function satgasHead(unit: Unit): Office {
  return {
    code: `${unit.code}.ketua`,
    unit: unit.code,
    role: "ketua",
    title: `Ketua ${unit.name}`,
    titleEn: `Head, ${unit.nameEn}`,
    article: "Pasal 5(7)",
  };
}

export { SUB_DISTRICTS, SUB_TASK_FORCES };
