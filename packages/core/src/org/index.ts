export * as Org from "./index.ts";

import { LocalDate } from "../date/index.ts";
import { VisibleError } from "../error/index.ts";
import { parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * The organisation of a task force (Gugus Tugas) as Perbup Sambas 8/2016 sets it up:
 * the district task force itself, five sub-task-forces (Sub Gugus Tugas, Pasal 5(4)d, 8),
 * and task units (Satgas) in every sub-district (Kecamatan) and village (Desa) (Pasal 5(6)).
 *
 * Unit codes: `gt`, `sgt-a` … `sgt-e` (L-I order), `satgas-kec-<slug>`, `satgas-desa-<slug>`.
 * Office codes: `<unit>.<role>`, e.g. `gt.ketua-harian`, `sgt-a.koordinator`,
 * `satgas-kec-paloh.ketua`; members carry a third part naming the seat, e.g. `gt.anggota.polres`,
 * `sgt-b.anggota.puskesmas`.
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
  .check(
    z.maxLength(120),
    z.regex(/^(gt|sgt-[a-e]|satgas-kec-[a-z0-9-]+|satgas-desa-[a-z0-9-]+)$/, "not a unit code"),
  );

/**
 * The decree that set a Satgas up (Pasal 5(7)): the Camat's for a sub-district Satgas, the Kepala
 * Desa's for a village Satgas. A Satgas owes nothing before `on`.
 */
export const Establishment = z.object({
  /** The day the decree takes effect. */
  on: LocalDate.Schema,
  /** The decree's number, e.g. `188.45/12/2016`. */
  decree: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** Who issued it, e.g. `Camat Paloh`, `Kepala Desa Temajuk`. */
  by: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** Sample data of a local installation, not a real decree. */
  sample: z.optional(z.boolean()),
});
export type Establishment = z.infer<typeof Establishment>;

export const Unit = z.object({
  code: UnitCode,
  kind: UnitKind,
  /** Name in Bahasa Indonesia, as the regulation writes it. */
  name: z.string(),
  /** English name, for people who chose English. */
  nameEn: z.string(),
  /** The unit this one reports into (`gt` for sub-task-forces and sub-district Satgas). */
  parent: z.optional(UnitCode),
  /** Where the unit comes from: the article or attachment that creates it. */
  article: z.string(),
  /** For a Satgas: its establishing decree; a Satgas without one is establishable, not established. */
  established: z.optional(Establishment),
});
export type Unit = z.infer<typeof Unit>;

/** Satgas exist from their establishing decree (Pasal 5(7)); the other units from the regulation. */
export function needsEstablishment(kind: UnitKind): boolean {
  return kind === "satgas-kecamatan" || kind === "satgas-desa";
}

/**
 * The first day a unit owes anything: its decree's day for a Satgas (undefined while it is not
 * established), `inForce` for the others.
 */
export function startsOn(unit: Unit, inForce: LocalDate): LocalDate | undefined {
  if (!needsEstablishment(unit.kind)) return inForce;
  if (!unit.established) return undefined;
  return LocalDate.max(unit.established.on, inForce);
}

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
  .check(
    z.maxLength(200),
    z.regex(/^[a-z0-9-]+\.[a-z0-9-]+(\.[a-z0-9-]+)?$/, "not an office code"),
  );

export const Office = z.object({
  code: OfficeCode,
  unit: UnitCode,
  role: Role,
  /** The position in the team, in Bahasa Indonesia (Jabatan dalam Tim). */
  title: z.string(),
  titleEn: z.string(),
  /** The position in government that holds it per L-I (Jabatan Pokok), when the regulation names one. */
  heldBy: z.optional(z.string()),
  article: z.string(),
});
export type Office = z.infer<typeof Office>;

/**
 * A person assigned to an office. Names and e-mail addresses are configuration of a deployment,
 * never seed data; they are personal data under UU 27/2022, so only what routing needs is kept.
 */
export const Assignment = z.object({
  office: OfficeCode,
  name: z.string().check(z.minLength(1)),
  email: z.email(),
});
export type Assignment = z.infer<typeof Assignment>;

/** The plain data of an organisation (what is stored and configured). */
export const Info = z.object({
  units: z.array(Unit),
  offices: z.array(Office),
  people: z._default(z.array(Assignment), []),
});
export type Info = z.infer<typeof Info>;

/** A village Satgas to add by configuration (Pasal 5(6),(7)): set up by the Kepala Desa. */
export const Village = z.object({
  name: z.string().check(z.trim(), z.minLength(1)),
  /** The sub-district, by name (`Sajingan Besar`) or unit code (`satgas-kec-sajingan-besar`). */
  kecamatan: z.string().check(z.trim(), z.minLength(1)),
  /** Overrides the code's slug when two villages share a name (`satgas-desa-<slug>`). */
  slug: z.optional(z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))),
  /** The day the Kepala Desa's decree set it up (Pasal 5(7)); without it, not yet established. */
  establishedOn: z.optional(LocalDate.Schema),
  /** The decree's number, with `establishedOn`. */
  decree: z.optional(z.string().check(z.trim(), z.minLength(1))),
});
export type Village = z.input<typeof Village>;

/** An organisation with the look-ups the calendar and the workflows need. */
export interface Organisation {
  readonly units: readonly Unit[];
  readonly offices: readonly Office[];
  readonly people: readonly Assignment[];
  /** The unit with this code. */
  unit(code: string): Unit | undefined;
  /** The office with this code. */
  office(code: string): Office | undefined;
  /** The offices of a unit, in L-I order. */
  officesOf(unit: string): readonly Office[];
  /** Units of one kind, in seed order. */
  byKind(kind: UnitKind): readonly Unit[];
  /** Units whose parent is `unit`. */
  children(unit: string): readonly Unit[];
  /** The parent chain of a unit, nearest first, ending at the root (`gt`); empty for the root. */
  parents(unit: string): readonly Unit[];
  /** The office that leads a unit: Ketua of the task force or a Satgas, Koordinator of a sub-task-force. */
  head(unit: string): Office | undefined;
  /** The Koordinator of a sub-task-force (Pasal 8). */
  coordinator(unit: string): Office | undefined;
  /** The people assigned to an office. */
  holders(office: string): readonly Assignment[];
}

const HEAD_ROLE: Record<UnitKind, Role> = {
  "gugus-tugas": "ketua",
  "sub-gugus-tugas": "koordinator",
  "satgas-kecamatan": "ketua",
  "satgas-desa": "ketua",
};

function invalidOrg(message: string): VisibleError {
  return new VisibleError("input", "org.invalid", message);
}

/**
 * Builds an organisation from its data, checking that it hangs together: unique codes, every
 * parent and every office's unit exists, no cycles, office codes start with their unit's code.
 * Linear in the number of units and offices.
 */
export function create(info: Info): Organisation {
  const units = new Map<string, Unit>();
  const byKind = new Map<UnitKind, Unit[]>();
  const children = new Map<string, Unit[]>();
  for (const unit of info.units) {
    if (units.has(unit.code)) throw invalidOrg(`unit ${unit.code} is listed twice`);
    units.set(unit.code, unit);
    const list = byKind.get(unit.kind);
    if (list) list.push(unit);
    else byKind.set(unit.kind, [unit]);
  }
  for (const unit of info.units) {
    if (unit.parent === undefined) continue;
    if (!units.has(unit.parent)) {
      throw invalidOrg(`unit ${unit.code} has an unknown parent ${unit.parent}`);
    }
    const list = children.get(unit.parent);
    if (list) list.push(unit);
    else children.set(unit.parent, [unit]);
  }
  // A parent chain longer than the number of units has a cycle.
  for (const unit of info.units) {
    let steps = 0;
    for (let u: Unit | undefined = unit; u?.parent !== undefined; u = units.get(u.parent)) {
      if (++steps > units.size) throw invalidOrg(`unit ${unit.code} is its own ancestor`);
    }
  }
  const offices = new Map<string, Office>();
  const officesOf = new Map<string, Office[]>();
  for (const office of info.offices) {
    if (offices.has(office.code)) throw invalidOrg(`office ${office.code} is listed twice`);
    if (!units.has(office.unit)) {
      throw invalidOrg(`office ${office.code} belongs to an unknown unit ${office.unit}`);
    }
    if (!office.code.startsWith(`${office.unit}.`)) {
      throw invalidOrg(`office ${office.code} must start with its unit's code ${office.unit}.`);
    }
    offices.set(office.code, office);
    const list = officesOf.get(office.unit);
    if (list) list.push(office);
    else officesOf.set(office.unit, [office]);
  }
  const people = info.people ?? [];
  const holders = new Map<string, Assignment[]>();
  for (const person of people) {
    if (!offices.has(person.office)) {
      throw invalidOrg(`${person.name} is assigned to an unknown office ${person.office}`);
    }
    const list = holders.get(person.office);
    if (list) list.push(person);
    else holders.set(person.office, [person]);
  }
  const none: readonly never[] = [];
  const head = (code: string): Office | undefined => {
    const unit = units.get(code);
    return unit ? offices.get(`${code}.${HEAD_ROLE[unit.kind]}`) : undefined;
  };
  return {
    units: info.units,
    offices: info.offices,
    people,
    unit: (code) => units.get(code),
    office: (code) => offices.get(code),
    officesOf: (code) => officesOf.get(code) ?? none,
    byKind: (kind) => byKind.get(kind) ?? none,
    children: (code) => children.get(code) ?? none,
    parents(code) {
      const chain: Unit[] = [];
      for (let u = units.get(code); u?.parent !== undefined; ) {
        u = units.get(u.parent);
        if (u) chain.push(u);
      }
      return chain;
    },
    head,
    coordinator: (code) =>
      units.get(code)?.kind === "sub-gugus-tugas" ? offices.get(`${code}.koordinator`) : undefined,
    holders: (code) => holders.get(code) ?? none,
  };
}

/** The plain data of an organisation, e.g. to store or to configure from. */
export function toInfo(org: Organisation): Info {
  return { units: [...org.units], offices: [...org.offices], people: [...org.people] };
}

/**
 * A short label for a unit, for subject lines and lists: "Sub Gugus Tugas A", "Satgas Kec. Paloh",
 * "Satgas Desa Temajuk", "Gugus Tugas" (English alongside).
 */
export function label(unit: Unit): { id: string; en: string } {
  switch (unit.kind) {
    case "gugus-tugas":
      return { id: "Gugus Tugas", en: "Task Force" };
    case "sub-gugus-tugas": {
      const letter = unit.code.slice(-1).toUpperCase();
      return { id: `Sub Gugus Tugas ${letter}`, en: `Sub-task-force ${letter}` };
    }
    case "satgas-kecamatan": {
      const place = unit.name.replace(/^Satgas PP-TPPO Kecamatan /, "");
      return { id: `Satgas Kec. ${place}`, en: `Satgas, ${place} sub-district` };
    }
    case "satgas-desa": {
      const place = unit.name.replace(/^Satgas PP-TPPO Desa /, "");
      return { id: `Satgas Desa ${place}`, en: `Satgas, ${place} village` };
    }
  }
}

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

/** A village Satgas unit; `code` defaults to `satgas-desa-<slug(name)>`. */
export function desaUnit(name: string, kecamatan: string, code?: string): Unit {
  return {
    code: code ?? `satgas-desa-${slug(name)}`,
    kind: "satgas-desa",
    name: `Satgas PP-TPPO Desa ${name}`,
    nameEn: `Anti-trafficking task unit, ${name} village`,
    parent: kecamatan.startsWith("satgas-kec-") ? kecamatan : `satgas-kec-${slug(kecamatan)}`,
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

/**
 * Adds village Satgas (Pasal 5(6),(7)) under their sub-district Satgas, each with its head office.
 * Input errors (unknown sub-district, a code already taken) are `input`/`conflict` VisibleErrors;
 * two villages of the same name need a `slug` to tell them apart.
 */
export function withVillages(org: Organisation, villages: readonly Village[]): Organisation {
  const list = parse(z.array(Village), villages);
  const units = [...org.units];
  const offices = [...org.offices];
  const taken = new Set<string>();
  for (const [i, village] of list.entries()) {
    const parent = village.kecamatan.startsWith("satgas-kec-")
      ? village.kecamatan
      : `satgas-kec-${slug(village.kecamatan)}`;
    if (org.unit(parent)?.kind !== "satgas-kecamatan") {
      throw new VisibleError(
        "input",
        "org.unknown_kecamatan",
        `villages.${i}.kecamatan: no sub-district Satgas ${parent} for village ${village.name}`,
        [{ path: `villages.${i}.kecamatan`, message: `unknown sub-district ${village.kecamatan}` }],
      );
    }
    const code = `satgas-desa-${village.slug ?? slug(village.name)}`;
    if (taken.has(code) || org.unit(code)) {
      throw new VisibleError(
        "conflict",
        "org.unit_exists",
        `villages.${i}: unit ${code} already exists; give this village a distinct slug`,
      );
    }
    taken.add(code);
    const unit: Unit = desaUnit(village.name, parent, code);
    if (village.establishedOn !== undefined) {
      unit.established = {
        on: village.establishedOn,
        decree: village.decree ?? "(tidak disebut)",
        by: `Kepala Desa ${village.name}`,
      };
    }
    units.push(unit);
    offices.push(satgasHead(unit));
  }
  return create({ units, offices, people: [...org.people] });
}

/** One establishment to apply: the Satgas unit and its decree. */
export const Establish = z.extend(Establishment, { unit: UnitCode });
export type Establish = z.input<typeof Establish>;

/**
 * Records Satgas establishments (Pasal 5(7)) on the organisation: each unit named must be a
 * Satgas of it. A 400 names the entry at fault.
 */
export function withEstablishments(
  org: Organisation,
  establishments: readonly Establish[],
): Organisation {
  const list = parse(z.array(Establish), establishments);
  const byUnit = new Map<string, Establishment>();
  for (const [i, e] of list.entries()) {
    const unit = org.unit(e.unit);
    if (!unit || !needsEstablishment(unit.kind)) {
      throw new VisibleError(
        "input",
        "org.not_establishable",
        `establishments.${i}.unit: ${e.unit} is not a Satgas of this task force`,
        [{ path: `establishments.${i}.unit`, message: `not a Satgas: ${e.unit}` }],
      );
    }
    const { unit: _, ...decree } = e;
    byUnit.set(e.unit, decree);
  }
  const units = org.units.map((u) => {
    const e = byUnit.get(u.code);
    return e ? { ...u, established: e } : u;
  });
  return create({ units, offices: [...org.offices], people: [...org.people] });
}

/** Progress on RAD A.4 (forming Satgas down to the villages). */
export interface EstablishmentProgress {
  kecamatan: { established: number; total: number };
  desa: { established: number; known: number; total: number };
}

/**
 * RAD A.4 progress: how many of the sub-districts and villages have an established Satgas.
 * `villagesTotal` is the number of villages of the district (193 in Sambas); `known` counts the
 * village Satgas units recorded so far.
 */
export function establishmentProgress(
  org: Organisation,
  villagesTotal: number,
): EstablishmentProgress {
  const kec = org.byKind("satgas-kecamatan");
  const desa = org.byKind("satgas-desa");
  return {
    kecamatan: { established: kec.filter((u) => u.established).length, total: kec.length },
    desa: {
      established: desa.filter((u) => u.established).length,
      known: desa.length,
      total: Math.max(villagesTotal, desa.length),
    },
  };
}

/** Assigns people to offices (replacing earlier assignments of the same offices). */
export function withPeople(org: Organisation, assignments: readonly Assignment[]): Organisation {
  const list = parse(z.array(Assignment), assignments);
  const replaced = new Set(list.map((a) => a.office));
  const people = [...org.people.filter((p) => !replaced.has(p.office)), ...list];
  return create({ units: [...org.units], offices: [...org.offices], people });
}
