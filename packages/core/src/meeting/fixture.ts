/**
 * Test fixture for meetings and tasks (used by the tests beside this file and in `task/`): a
 * small task force built by hand — the district task force with its secretariat, four
 * sub-task-forces and a sub-district Satgas — people holding its offices, and a settable clock.
 * Not part of the area's API (only `index.ts` is importable from outside core).
 */

import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Actor } from "../actor/index.ts";
import { Config } from "../config/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { Dynamo } from "../dynamo/index.ts";
import type { Obligation } from "../obligation/index.ts";
import type { Org } from "../org/index.ts";
import { TaskForce } from "../taskforce/index.ts";

export const TENANT = "uji-sambas";

const unit = (code: string, kind: Org.UnitKind, name: string, parent?: string): Org.Unit => ({
  code,
  kind,
  name,
  nameEn: name,
  ...(parent ? { parent } : {}),
  article: "test",
});

const office = (code: string, role: Org.Role): Org.Office => ({
  code,
  unit: code.split(".")[0] as string,
  role,
  title: code,
  titleEn: code,
  article: "test",
});

export const UNITS: Org.Unit[] = [
  unit("gt", "gugus-tugas", "Gugus Tugas PP-TPPO"),
  unit("sgt-a", "sub-gugus-tugas", "Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak", "gt"),
  unit("sgt-b", "sub-gugus-tugas", "Sub Gugus Tugas Bidang Rehabilitasi Kesehatan", "gt"),
  unit("sgt-c", "sub-gugus-tugas", "Sub Gugus Tugas Bidang Rehabilitasi Sosial", "gt"),
  unit("sgt-d", "sub-gugus-tugas", "Sub Gugus Tugas Bidang Penegakan Hukum", "gt"),
  unit("satgas-kec-paloh", "satgas-kecamatan", "Satgas PP-TPPO Kecamatan Paloh", "gt"),
];

export const OFFICES: Org.Office[] = [
  office("gt.ketua", "ketua"),
  office("gt.ketua-harian", "ketua-harian"),
  office("gt.sekretaris", "sekretaris"),
  office("gt.anggota.polres", "anggota"),
  office("sgt-a.koordinator", "koordinator"),
  office("sgt-a.wakil-koordinator", "wakil-koordinator"),
  office("sgt-a.anggota.disdik", "anggota"),
  office("sgt-a.anggota.kemenag", "anggota"),
  office("sgt-b.koordinator", "koordinator"),
  office("sgt-b.anggota.puskesmas", "anggota"),
  office("sgt-c.koordinator", "koordinator"),
  office("sgt-c.anggota.dinsos", "anggota"),
  office("sgt-d.koordinator", "koordinator"),
  office("satgas-kec-paloh.ketua", "ketua"),
];

/** Who holds what (one office each). */
export const PEOPLE = {
  sekretaris: "gt.sekretaris",
  ketuaHarian: "gt.ketua-harian",
  polres: "gt.anggota.polres",
  koorA: "sgt-a.koordinator",
  wakilA: "sgt-a.wakil-koordinator",
  disdik: "sgt-a.anggota.disdik",
  kemenag: "sgt-a.anggota.kemenag",
  koorB: "sgt-b.koordinator",
  puskesmas: "sgt-b.anggota.puskesmas",
  koorC: "sgt-c.koordinator",
  koorD: "sgt-d.koordinator",
} as const;
export type Who = keyof typeof PEOPLE;

/** The clock every actor of the tests runs on; move it with `setNow`. */
let now = new Date("2027-03-10T02:00:00Z"); // 09:00 in Sambas
export const clock: Actor.Clock = () => now;
export function setNow(instant: string | Date): void {
  now = new Date(instant);
}
export const today = () => LocalDate.at(now);

const people = new Map<Who, Actor.Actor>();
const system: Actor.Actor = { type: "system", tenant: TENANT, job: "test-setup" };

/** Registers the task force, its organisation and people (once per test file). */
export async function seed(): Promise<Record<Who, string>> {
  await TaskForce.register({
    id: TENANT,
    name: "Gugus Tugas PP-TPPO (uji)",
    level: "kabupaten",
    legalBasis: "Perbup Sambas 8/2016",
    settings: {},
    createdAt: now.toISOString(),
  });
  await Directory.seedOrganisation(TENANT, UNITS, OFFICES);
  const ids = {} as Record<Who, string>;
  for (const [who, officeCode] of Object.entries(PEOPLE) as [Who, string][]) {
    const person = await Actor.provide(
      system,
      () => Directory.createPerson({ name: `Pejabat ${who}`, email: `${who}@sambas.example` }),
      clock,
    );
    await Actor.provide(
      system,
      () => Directory.assign({ office: officeCode, personId: person.id, start: "2026-01-01" }),
      clock,
    );
    ids[who] = person.id;
    people.set(who, {
      type: "person",
      tenant: TENANT,
      personId: person.id,
      name: person.name,
      offices: await Directory.officesOf(TENANT, person.id, today()),
    });
  }
  return ids;
}

/** Runs `fn` as one of the people, on the test clock. */
export function as<R>(who: Who, fn: () => R): R {
  const actor = people.get(who);
  if (!actor) throw new Error(`seed() first: no ${who}`);
  return Actor.provide(actor, fn, clock);
}

/** Runs `fn` as a system job of the task force. */
export function asSystem<R>(fn: () => R): R {
  return Actor.provide(system, fn, clock);
}

/** Runs `fn`, expecting it to fail; returns the error. */
export async function failure(fn: () => Promise<unknown>): Promise<{
  kind?: string;
  code?: string;
  issues?: { path: string; message: string }[];
  message: string;
}> {
  try {
    await fn();
  } catch (error) {
    return error as { kind?: string; code?: string; message: string };
  }
  throw new Error("expected a failure, got success");
}

/** Every item of the table, in key order: to show that a rejected request changed nothing. */
export async function snapshot(): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await Dynamo.client().send(
      new ScanCommand({ TableName: Config.tableName(), ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Record<string, unknown>) => `${i.pk}\u0000${i.sk}`;
  items.sort((a, b) => key(a).localeCompare(key(b)));
  return JSON.stringify(items);
}

/** An obligation instance as the calendar would compute it (the fields that matter here). */
export function instance(
  obligation: string,
  unitCode: string,
  period: string,
  windowStart: string,
  windowEnd: string,
): Obligation.Computed {
  return {
    id: `${obligation}:${unitCode}:${period}`,
    obligation,
    title: { id: obligation, en: obligation },
    unit: unitCode,
    owner: unitCode === "gt" ? "gt.sekretaris" : `${unitCode}.koordinator`,
    route: [],
    copies: [],
    period,
    windowStart,
    windowEnd,
    due: windowEnd,
    article: "Pasal 16",
    basis: "law",
  };
}
