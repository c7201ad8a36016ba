export * as Directory from "./index.ts";

import { z } from "zod";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Org } from "../org/index.ts";
import { fn } from "../util/fn.ts";
import { createId } from "../util/id.ts";

/**
 * The stored organisation of one task force: its units and offices (seeded from L-I, villages
 * added later), the people, and who holds which office when (including an acting holder, Plt.).
 */

export const Language = z.enum(["id", "en"]);
export type Language = z.infer<typeof Language>;

export const Person = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  email: z.email().max(254),
  language: Language.default("id"),
  /** Bumped to revoke the person's calendar feed URL (`Feed`). */
  feedVersion: z.number().int().default(0),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Person = z.infer<typeof Person>;

export const Assignment = z.object({
  office: Org.OfficeCode,
  personId: z.string(),
  start: LocalDate.Schema,
  end: LocalDate.Schema.optional(),
  /** Pelaksana tugas (Plt.): acting while the holder is away; gets the office's mail meanwhile. */
  acting: z.boolean().default(false),
  version: z.number().int(),
});
export type Assignment = z.infer<typeof Assignment>;

type PersonItem = Dynamo.Item & Person;
type AssignmentItem = Dynamo.Item & Assignment;

// ---------------------------------------------------------------------------------------------
// Units and offices

export async function units(tenant: string): Promise<Org.Unit[]> {
  const items = await Dynamo.queryAll({ pk: Key.org(tenant).pk, sk: { beginsWith: "UNIT#" } });
  return items.map((i) => Org.Unit.parse(Dynamo.strip(i)));
}

/** Units and offices together: one Query, as they share the organisation's partition. */
export async function organisation(
  tenant: string,
): Promise<{ units: Org.Unit[]; offices: Org.Office[] }> {
  const items = await Dynamo.queryAll({ pk: Key.org(tenant).pk });
  const units: Org.Unit[] = [];
  const offices: Org.Office[] = [];
  for (const i of items) {
    if (i.sk.startsWith("UNIT#")) units.push(Org.Unit.parse(Dynamo.strip(i)));
    else if (i.sk.startsWith("OFFICE#")) offices.push(Org.Office.parse(Dynamo.strip(i)));
  }
  return { units, offices };
}

export async function unit(tenant: string, code: string): Promise<Org.Unit | undefined> {
  const k = Key.unit(tenant, code);
  const item = await Dynamo.get(k.pk, k.sk);
  return item ? Org.Unit.parse(Dynamo.strip(item)) : undefined;
}

export async function offices(tenant: string): Promise<Org.Office[]> {
  const items = await Dynamo.queryAll({ pk: Key.org(tenant).pk, sk: { beginsWith: "OFFICE#" } });
  return items.map((i) => Org.Office.parse(Dynamo.strip(i)));
}

export async function office(tenant: string, code: string): Promise<Org.Office | undefined> {
  const k = Key.office(tenant, code);
  const item = await Dynamo.get(k.pk, k.sk);
  return item ? Org.Office.parse(Dynamo.strip(item)) : undefined;
}

/** Writes units and offices that are not stored yet (seeding is idempotent). */
export async function seedOrganisation(tenant: string, units: Org.Unit[], offices: Org.Office[]) {
  let created = 0;
  for (const u of units) {
    if (await Dynamo.create({ ...Key.unit(tenant, u.code), type: "unit", v: 1, ...u })) created++;
  }
  for (const o of offices) {
    if (await Dynamo.create({ ...Key.office(tenant, o.code), type: "office", v: 1, ...o }))
      created++;
  }
  return created;
}

export const AddVillage = z.object({
  name: z.string().trim().min(2).max(100),
  kecamatan: Org.UnitCode.refine(
    (c) => c.startsWith("satgas-kec-"),
    "must be a sub-district Satgas",
  ),
});

/** Adds a village Satgas under a sub-district Satgas (Pasal 5(6),(7)), with its head office. */
export const addVillage = fn(AddVillage, async (input) => {
  const tenant = Actor.tenant();
  const parent = await unit(tenant, input.kecamatan);
  if (!parent) throw notFound("unit", input.kecamatan);
  const kecamatanName = parent.name.replace(/^Satgas PP-TPPO Kecamatan /, "");
  const village = Org.desaUnit(input.name, kecamatanName);
  const head = Org.satgasHead(village);
  const k = Key.unit(tenant, village.code);
  await Audit.commit(tenant, { ...k, type: "unit", v: 1, ...village }, undefined, {
    entity: "unit",
    entityId: village.code,
    unit: village.code,
    action: "unit.created",
    after: village,
  });
  await Dynamo.create({ ...Key.office(tenant, head.code), type: "office", v: 1, ...head });
  return { unit: village, office: head };
});

// ---------------------------------------------------------------------------------------------
// People

export const CreatePerson = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  language: Language.default("id"),
});

/** Creates a person; the e-mail address is unique within the task force. */
export const createPerson = fn(CreatePerson, async (input) => {
  const tenant = Actor.tenant();
  const id = createId("person");
  const claim = Key.email(tenant, input.email);
  if (!(await Dynamo.create({ ...claim, type: "email", v: 1, personId: id }))) {
    throw new VisibleError(
      "conflict",
      "person.email_taken",
      `email: ${input.email} is already registered`,
      [{ path: "email", message: "already registered" }],
    );
  }
  const person = {
    id,
    name: input.name,
    email: input.email,
    language: input.language,
    createdAt: Actor.now().toISOString(),
  };
  const stored = await Audit.commit<PersonItem>(
    tenant,
    { ...Key.person(tenant, id), type: "person", v: 1, ...person },
    undefined,
    { entity: "person", entityId: id, action: "person.created", after: person },
  );
  return toPerson(stored);
});

export async function person(tenant: string, id: string): Promise<Person | undefined> {
  const k = Key.person(tenant, id);
  const item = await Dynamo.get<PersonItem>(k.pk, k.sk);
  return item ? toPerson(item) : undefined;
}

export async function personByEmail(tenant: string, email: string): Promise<Person | undefined> {
  const claim = Key.email(tenant, email);
  const item = await Dynamo.get<Dynamo.Item & { personId: string }>(claim.pk, claim.sk);
  return item ? person(tenant, item.personId) : undefined;
}

export async function people(tenant: string, page: { limit?: number; cursor?: string } = {}) {
  const result = await Dynamo.query<PersonItem>({
    pk: Key.people(tenant).pk,
    sk: { beginsWith: "PERSON#" },
    limit: page.limit ?? 50,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { items: result.items.map(toPerson), ...(result.cursor ? { cursor: result.cursor } : {}) };
}

export const UpdatePerson = z.object({
  language: Language.optional(),
  /** `true` issues a new calendar feed URL; the old one stops working. */
  rotateFeed: z.boolean().optional(),
});

/** Changes a person's own settings (language of the mails, calendar feed URL). */
export async function updatePerson(
  tenant: string,
  id: string,
  input: z.input<typeof UpdatePerson>,
): Promise<Person> {
  const change = UpdatePerson.parse(input);
  const k = Key.person(tenant, id);
  const current = await Dynamo.get<PersonItem>(k.pk, k.sk);
  if (!current) throw notFound("person", id);
  const before = { language: current.language, feedVersion: current.feedVersion ?? 0 };
  const after = {
    language: change.language ?? before.language,
    feedVersion: before.feedVersion + (change.rotateFeed ? 1 : 0),
  };
  const stored = await Audit.commit<PersonItem>(tenant, { ...current, ...after }, current, {
    entity: "person",
    entityId: id,
    action: "person.updated",
    before,
    after,
  });
  return toPerson(stored);
}

function toPerson(item: PersonItem): Person {
  return Person.parse(Dynamo.strip(item));
}

// ---------------------------------------------------------------------------------------------
// Assignments

export const Assign = z
  .object({
    office: Org.OfficeCode,
    personId: z.string().min(1),
    start: LocalDate.Schema,
    end: LocalDate.Schema.optional(),
    acting: z.boolean().default(false),
  })
  .refine((a) => !a.end || a.end >= a.start, {
    path: ["end"],
    message: "must not be before start",
  });

/** Assigns a person to an office from `start` (to `end`); `acting` for a Plt. */
export const assign = fn(Assign, async (input) => {
  const tenant = Actor.tenant();
  if (!(await office(tenant, input.office))) throw notFound("office", input.office);
  if (!(await person(tenant, input.personId))) throw notFound("person", input.personId);
  const k = Key.assignment(tenant, input.office, input.start, input.personId);
  const assignment = {
    office: input.office,
    personId: input.personId,
    start: input.start,
    ...(input.end ? { end: input.end } : {}),
    acting: input.acting,
  };
  const stored = await Audit.commit<AssignmentItem>(
    tenant,
    { ...k, type: "assignment", v: 1, ...assignment },
    undefined,
    {
      entity: "assignment",
      entityId: `${input.office}:${input.start}:${input.personId}`,
      unit: officeUnit(input.office),
      action: "assignment.created",
      after: assignment,
    },
  );
  return Assignment.parse(Dynamo.strip(stored));
});

export const EndAssignment = z.object({
  office: Org.OfficeCode,
  personId: z.string().min(1),
  start: LocalDate.Schema,
  end: LocalDate.Schema,
});

/** Ends an assignment on `end` (the last day the person holds the office). */
export const endAssignment = fn(EndAssignment, async (input) => {
  const tenant = Actor.tenant();
  const k = Key.assignment(tenant, input.office, input.start, input.personId);
  const current = await Dynamo.get<AssignmentItem>(k.pk, k.sk);
  if (!current) throw notFound("assignment", `${input.office}:${input.start}:${input.personId}`);
  if (input.end < current.start) {
    throw new VisibleError("input", "input.invalid", "end: must not be before start", [
      { path: "end", message: "must not be before start" },
    ]);
  }
  const stored = await Audit.commit<AssignmentItem>(
    tenant,
    { ...current, end: input.end },
    current,
    {
      entity: "assignment",
      entityId: `${input.office}:${input.start}:${input.personId}`,
      unit: officeUnit(input.office),
      action: "assignment.ended",
      before: { end: current.end },
      after: { end: input.end },
    },
  );
  return Assignment.parse(Dynamo.strip(stored));
});

const activeOn = (a: Assignment, date: string) => a.start <= date && (!a.end || a.end >= date);

/** Everyone assigned to an office on `date`, holders and acting holders. */
export async function assignments(
  tenant: string,
  officeCode: string,
  date: string,
): Promise<Assignment[]> {
  const items = await Dynamo.queryAll<AssignmentItem>({
    pk: Key.holders(tenant, officeCode).pk,
    sk: { lte: `${date}#~` },
  });
  return items.map((i) => Assignment.parse(Dynamo.strip(i))).filter((a) => activeOn(a, date));
}

/**
 * Who receives an office's mail and acts for it on `date`: the acting holder (Plt.) while one is
 * assigned, otherwise the holders.
 */
export async function recipients(
  tenant: string,
  officeCode: string,
  date: string,
): Promise<Person[]> {
  const active = await assignments(tenant, officeCode, date);
  const acting = active.filter((a) => a.acting);
  const chosen = acting.length > 0 ? acting : active;
  const found = await Promise.all(chosen.map((a) => person(tenant, a.personId)));
  return found.filter((p): p is Person => p !== undefined);
}

/** The offices a person holds (or acts in) on `date`. */
export async function officesOf(tenant: string, personId: string, date: string): Promise<string[]> {
  const items = await Dynamo.queryAll<AssignmentItem>({
    index: "gsi1",
    pk: Key.posts(tenant, personId).gsi1pk,
    sk: { lte: `${date}#~` },
  });
  const codes = items
    .map((i) => Assignment.parse(Dynamo.strip(i)))
    .filter((a) => activeOn(a, date));
  return [...new Set(codes.map((a) => a.office))].sort();
}

/** The unit an office belongs to (`sgt-a.koordinator` → `sgt-a`). */
export function officeUnit(officeCode: string): string {
  return officeCode.split(".")[0] ?? officeCode;
}
