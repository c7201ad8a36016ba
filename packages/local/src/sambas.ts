/**
 * The Sambas task force as the local runtime installs it: the organisation of L-I, and sample
 * people for its leading offices with `@sambas.example` addresses (a reserved domain: nothing
 * can ever be delivered there). A real deployment gives its own people file instead.
 */
import { readFileSync } from "node:fs";
import { Org } from "@tenggat/core/org";
import { RAD } from "@tenggat/core/rad";
import { Sambas } from "@tenggat/core/sambas";
import type { Seed } from "@tenggat/core/seed";

export const TENANT = "sambas";

/** Offices that get a sample person: the leadership, every coordinator and deputy, every Satgas head. */
function sampleOffices(org: Org.Organisation): Org.Office[] {
  return org.offices.filter((o) => o.role !== "anggota");
}

export function samplePeople(org: Org.Organisation): Org.Assignment[] {
  return sampleOffices(org).map((o) => ({
    office: o.code,
    name: `${o.title} (contoh)`,
    email: `${o.code}@sambas.example`,
  }));
}

/**
 * Sample establishments (Pasal 5(7)) so that a local installation shows Satgas at work: three
 * border sub-districts, marked `sample` — NOT real decrees. The seed itself lists the 19
 * Satgas Kecamatan as establishable only; the secretariat records real decrees through
 * `POST /v1/units/{unit}/establishment`.
 */
export const SAMPLE_ESTABLISHMENTS: Org.Establish[] = [
  ["paloh", "Paloh"],
  ["sajingan-besar", "Sajingan Besar"],
  ["teluk-keramat", "Teluk Keramat"],
].map(([slug, name]) => ({
  unit: `satgas-kec-${slug}`,
  on: "2016-04-01",
  decree: `contoh/${slug}/2016`,
  by: `Camat ${name} (contoh)`,
  sample: true,
}));

/** The seed for Sambas; `peopleFile` (JSON array of `{office, name, email}`) replaces the samples. */
export function sambasSeed(options: { peopleFile?: string; since?: string } = {}): Seed.SeedInput {
  const org = Org.withEstablishments(Sambas.organisation(), SAMPLE_ESTABLISHMENTS);
  const people = options.peopleFile
    ? (JSON.parse(readFileSync(options.peopleFile, "utf8")) as Org.Assignment[])
    : samplePeople(org);
  return {
    taskForce: {
      id: TENANT,
      name: "Gugus Tugas PP-TPPO Kabupaten Sambas",
      level: "kabupaten",
      legalBasis: "Peraturan Bupati Sambas Nomor 8 Tahun 2016",
    },
    org: Org.withPeople(org, people),
    plans: [RAD.sambas2016()],
    since: options.since ?? "2016-04-01",
  };
}
