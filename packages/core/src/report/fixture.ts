/**
 * Test fixture for reports (used by the tests beside this file): the Sambas organisation of L-I
 * with one village Satgas, people holding the offices the report routes pass through, the
 * obligation instances the calendar computes for July–August 2026, and a clock that moves a
 * minute before each action. Not part of the area's API (only `index.ts` is importable).
 */

import { Actor } from "../actor/index.ts";
import { Calendar } from "../calendar/index.ts";
import { Directory } from "../directory/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Org } from "../org/index.ts";
import { Regulation } from "../regulation/index.ts";
import { Sambas } from "../sambas/index.ts";
import { TaskForce } from "../taskforce/index.ts";

export const TENANT = "uji-laporan";

/** Sambas with the Satgas of Paloh and of its village Temajuk established (Pasal 5(7)). */
export const ORG = Org.withEstablishments(
  Org.withVillages(Sambas.organisation(), [
    { name: "Temajuk", kecamatan: "Paloh", establishedOn: "2016-04-01", decree: "uji/desa" },
  ]),
  [{ unit: "satgas-kec-paloh", on: "2016-04-01", decree: "uji/kec", by: "Camat Paloh" }],
);

/** Who holds what (one office each). */
export const PEOPLE = {
  penasehat: "gt.penasehat",
  ketua: "gt.ketua",
  ketuaHarian: "gt.ketua-harian",
  sekretaris: "gt.sekretaris",
  koorA: "sgt-a.koordinator",
  wakilA: "sgt-a.wakil-koordinator",
  anggotaA: "sgt-a.anggota.tp-pkk",
  koorB: "sgt-b.koordinator",
  koorC: "sgt-c.koordinator",
  koorE: "sgt-e.koordinator",
  kecPaloh: "satgas-kec-paloh.ketua",
  desaTemajuk: "satgas-desa-temajuk.ketua",
} as const;
export type Who = keyof typeof PEOPLE;

/** Instance ids as the calendar makes them (`obligation:unit:period`). */
export const INSTANCES = {
  semesterA: "semester-report:sgt-a:2026-S1",
  semesterB: "semester-report:sgt-b:2026-S1",
  semesterC: "semester-report:sgt-c:2026-S1",
  semesterD: "semester-report:sgt-d:2026-S1",
  semesterE: "semester-report:sgt-e:2026-S1",
  desa: "satgas-report:satgas-desa-temajuk:2026-S1",
  kecamatan: "satgas-report:satgas-kec-paloh:2026-S1",
  district: "district-report:gt:2026-S1",
  meeting: "subtask-meeting:sgt-a:w2026-08-01",
  monitoringA: "coordinator-monitoring:sgt-a:2026",
} as const;

let now = new Date("2026-08-03T01:00:00Z"); // 08:00 in Sambas
export const clock: Actor.Clock = () => now;
export function setNow(instant: string | Date): void {
  now = new Date(instant);
}
/** Moves the clock on a minute, so each action has its own instant. */
export function tick(): void {
  now = new Date(now.getTime() + 60_000);
}

const ids = new Map<Who, string>();
const system: Actor.Actor = { type: "system", tenant: TENANT, job: "test" };

export function personId(who: Who): string {
  const id = ids.get(who);
  if (!id) throw new Error(`setup() has not created ${who}`);
  return id;
}

export function actor(who: Who): Actor.Actor {
  return {
    type: "person",
    tenant: TENANT,
    personId: personId(who),
    name: who,
    offices: [PEOPLE[who]],
  };
}

/** Runs `fn` as `who` (a person, a machine, the public or the system), a minute later. */
export function as<R>(who: Who | Actor.Actor, fn: () => R): R {
  tick();
  return Actor.provide(typeof who === "string" ? actor(who) : who, fn, clock);
}

export const machine = (scopes: string[] = ["reports:read"]): Actor.Actor => ({
  type: "machine",
  tenant: TENANT,
  keyId: "key_test",
  name: "pipeline",
  scopes,
});
export const anyone: Actor.Actor = { type: "public", tenant: TENANT };

/** Registers the task force, seeds the organisation, people and the July–August 2026 instances. */
export async function setup(): Promise<void> {
  await TaskForce.register({
    id: TENANT,
    name: "Gugus Tugas PP-TPPO (uji)",
    level: "kabupaten",
    legalBasis: "Peraturan Bupati Sambas Nomor 8 Tahun 2016",
    settings: {},
    createdAt: now.toISOString(),
  });
  await Directory.seedOrganisation(TENANT, [...ORG.units], [...ORG.offices]);
  await Actor.provide(
    system,
    async () => {
      for (const [who, office] of Object.entries(PEOPLE) as [Who, string][]) {
        const person = await Directory.createPerson({ name: who, email: `${who}@uji.example` });
        await Directory.assign({ office, personId: person.id, start: "2026-01-01" });
        ids.set(who, person.id);
      }
    },
    clock,
  );
  const computed = Calendar.list(
    { from: "2026-07-01", to: "2026-08-31" },
    { org: ORG, settings: Regulation.Settings.parse({}) },
  ).map((i) => ({ ...i, article: i.citation }));
  await Obligation.materialise(TENANT, computed);
}

/** Every stored item of a report, its claim, and its trail: to show that a refusal changed nothing. */
export async function snapshot(reportId: string, instance: string): Promise<unknown> {
  const k = Key.report(TENANT, reportId);
  const claim = Key.reportOfInstance(TENANT, instance);
  const inst = Key.instance(TENANT, instance);
  return {
    report: await Dynamo.get(k.pk, k.sk),
    claim: await Dynamo.get(claim.pk, claim.sk),
    instance: await Dynamo.get(inst.pk, inst.sk),
    trail: await Dynamo.queryAll({ pk: Key.auditOfEntity(TENANT, "report", reportId).pk }),
  };
}
