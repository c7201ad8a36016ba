export * as Directory from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import * as Principal from "../auth/principal.ts";
import { LocalDate } from "../date/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Org } from "../org/index.ts";
import { Privacy } from "../privacy/index.ts";
import { fn } from "../util/fn.ts";
import { createId } from "../util/id.ts";
import * as z from "../util/zod.ts";

/**
 * The stored organisation of one task force: its units and offices (seeded from L-I, villages
 * added later), the people, and who holds which office when (including an acting holder, Plt.).
 */

export const Language = z.enum(["id", "en"]);
export type Language = z.infer<typeof Language>;

export const Person = z.object({
  id: z.string(),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  email: z.email().check(z.maxLength(254)),
  language: z._default(Language, "id"),
  /** Bumped to revoke the person's calendar feed URL (`Feed`). */
  feedVersion: z._default(z.int(), 0),
  /** Set when the person was deactivated: no sign-in, no session, no mail; never deleted. */
  deactivatedAt: z.optional(z.string()),
  createdAt: z.string(),
  version: z.int(),
});
export type Person = z.infer<typeof Person>;

/**
 * The decision (Surat Keputusan) that appoints someone: its number, its date, who signed it and,
 * for members of the task force, who proposed them. Pasal 5(5): the Ketua appoints the members on
 * the Ketua Harian's proposal.
 */
export const Decision = z.strictObject({
  number: z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(100),
      z.describe("The decree's number, e.g. 188.45/123/2027"),
    ),
  date: LocalDate.Schema,
  by: z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(200),
      z.describe("Who decided, e.g. Ketua Gugus Tugas (Bupati)"),
    ),
  proposedBy: z
    .optional(z.string().check(z.trim(), z.maxLength(200)))
    .check(z.describe("Who proposed it (Pasal 5(5): the Ketua Harian)")),
});
export type Decision = z.infer<typeof Decision>;

export const Assignment = z.object({
  office: Org.OfficeCode,
  personId: z.string(),
  start: LocalDate.Schema,
  end: z.optional(LocalDate.Schema),
  /** Pelaksana tugas (Plt.): acting while the holder is away; gets the office's mail meanwhile. */
  acting: z._default(z.boolean(), false),
  /** The appointing decision, for a leadership office or an acting holder (`needsDecision`). */
  decision: z.optional(Decision),
  version: z.int(),
});
export type Assignment = z.infer<typeof Assignment>;

/**
 * The leadership offices (configured from L-I: Penasehat, Ketua, Ketua Harian): assigning one, or
 * any acting holder (Plt.), records the appointing decision and is never done to oneself.
 */
export const LEADERSHIP_OFFICES = ["gt.penasehat", "gt.ketua", "gt.ketua-harian"] as const;

/** Whether assigning `office` (acting or not) must record its decision. */
export const needsDecision = (office: string, acting: boolean) =>
  acting || (LEADERSHIP_OFFICES as readonly string[]).includes(office);

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

/**
 * One unit, from this process's copy of the organisation when it has it (`ORG_CACHE_MS`), else
 * read and kept.
 */
export async function unit(tenant: string, code: string): Promise<Org.Unit | undefined> {
  const copy = await orgCopy(tenant);
  const known = copy.units.get(code);
  if (known) return known;
  const k = Key.unit(tenant, code);
  const item = await Dynamo.get(k.pk, k.sk);
  const found = item ? Org.Unit.parse(Dynamo.strip(item)) : undefined;
  if (found) copy.units.set(code, found);
  return found;
}

export async function offices(tenant: string): Promise<Org.Office[]> {
  const items = await Dynamo.queryAll({ pk: Key.org(tenant).pk, sk: { beginsWith: "OFFICE#" } });
  return items.map((i) => Org.Office.parse(Dynamo.strip(i)));
}

/** One office, from this process's copy of the organisation when it has it, else read and kept. */
export async function office(tenant: string, code: string): Promise<Org.Office | undefined> {
  const copy = await orgCopy(tenant);
  const known = copy.offices.get(code);
  if (known) return known;
  const k = Key.office(tenant, code);
  const item = await Dynamo.get(k.pk, k.sk);
  const found = item ? Org.Office.parse(Dynamo.strip(item)) : undefined;
  if (found) copy.offices.set(code, found);
  return found;
}

/**
 * How long a warm process (a Lambda, the local server) uses its copy of a task force's units and
 * offices before it checks the organisation's version stamp (`Key.orgVersion`, bumped on every
 * change to them) — the bound on how stale a title may be seen elsewhere after a change: at most
 * 60 s (configured; the regulation is silent). An office or unit this process has not seen is
 * always read, so something just added is found at once; nothing is ever removed.
 */
export const ORG_CACHE_MS = 60_000;

interface OrgCopy {
  version: number;
  checkedAt: number;
  units: Map<string, Org.Unit>;
  offices: Map<string, Org.Office>;
  /** The whole organisation, once something asked for all of it (`cachedOrganisation`). */
  all?: Promise<{ units: Org.Unit[]; offices: Org.Office[] }> | undefined;
}

const copies = new Map<string, OrgCopy>();

/** The copy for a tenant of this very table. */
async function orgCopy(tenant: string): Promise<OrgCopy> {
  const id = Dynamo.cacheKey(tenant);
  const copy = copies.get(id);
  // A cache lifetime, not a date of the domain: the process's own clock is the right one.
  const now = Date.now();
  if (copy && now - copy.checkedAt < ORG_CACHE_MS) return copy;
  const k = Key.orgVersion(tenant);
  const stamp = await Dynamo.get<Dynamo.Item & { version: number }>(k.pk, k.sk);
  const version = stamp?.version ?? 0;
  if (copy && copy.version === version) {
    copy.checkedAt = now;
    return copy;
  }
  const fresh = { version, checkedAt: now, units: new Map(), offices: new Map() };
  copies.set(id, fresh);
  return fresh;
}

/**
 * Units and offices together from this process's copy (checked against the version stamp every
 * `ORG_CACHE_MS`), read with one Query when the copy is new or the organisation changed: for the
 * console's pages, which name every office and unit on every page.
 */
export async function cachedOrganisation(
  tenant: string,
): Promise<{ units: Org.Unit[]; offices: Org.Office[] }> {
  const copy = await orgCopy(tenant);
  if (!copy.all) {
    const all = organisation(tenant).then((org) => {
      for (const u of org.units) copy.units.set(u.code, u);
      for (const o of org.offices) copy.offices.set(o.code, o);
      return org;
    });
    copy.all = all;
    all.catch(() => {
      if (copy.all === all) copy.all = undefined;
    });
  }
  return copy.all;
}

/** Bumps the organisation's version stamp: every warm copy is dropped within `ORG_CACHE_MS`. */
async function orgChanged(tenant: string): Promise<void> {
  const k = Key.orgVersion(tenant);
  await Dynamo.update({
    ...k,
    expression: "SET #type = :type, v = :v ADD version :one",
    names: { "#type": "type" },
    values: { ":type": "org-version", ":v": 1, ":one": 1 },
  });
  for (const id of copies.keys()) if (id.endsWith(`|${tenant}`)) copies.delete(id);
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
  if (created > 0) await orgChanged(tenant);
  return created;
}

export const AddVillage = z.object({
  name: Privacy.text(100, 2),
  kecamatan: Org.UnitCode.check(
    z.refine((c) => c.startsWith("satgas-kec-"), "must be a sub-district Satgas"),
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
  await orgChanged(tenant);
  return { unit: village, office: head };
});

// ---------------------------------------------------------------------------------------------
// People

/** A name goes into mail headers: one line, no control or invisible formatting characters. */
const OneLine = /^[^\p{Cc}\p{Zl}\p{Zp}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]*$/u;

export const CreatePerson = z.object({
  name: Privacy.text(200, 1).check(
    z.regex(OneLine, "must be one line, without control characters"),
  ),
  email: z.pipe(
    z.email().check(z.maxLength(254)),
    z.transform((e) => e.toLowerCase()),
  ),
  language: z._default(Language, "id"),
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
  const id = await personIdByEmail(tenant, email);
  return id ? person(tenant, id) : undefined;
}

/** The id of the person registered with `email`, if any (one read: the address's claim). */
export async function personIdByEmail(tenant: string, email: string): Promise<string | undefined> {
  const claim = Key.email(tenant, email);
  const item = await Dynamo.get<Dynamo.Item & { personId: string }>(claim.pk, claim.sk);
  return item?.personId;
}

export const Deactivate = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});

/**
 * Deactivates a person (secretariat): never deleted (the audit trail keeps them), they can no
 * longer sign in, every session of theirs is refused (their session version moves, as on
 * `Auth.signOut`) and no office's mail goes to them. Idempotent: deactivating again changes nothing.
 */
export const deactivate = fn(Deactivate, async (input) => {
  const tenant = Actor.tenant();
  const k = Key.person(tenant, input.id);
  const current = await Dynamo.get<PersonItem>(k.pk, k.sk);
  if (!current) throw notFound("person", input.id);
  if (current.deactivatedAt) return toPerson(current);
  const deactivatedAt = Actor.now().toISOString();
  // The session version moves too, so no session of theirs would return with a reactivation.
  const sessionVersion = Number(current.sessionVersion ?? 0) + 1;
  const next = { ...current, deactivatedAt, sessionVersion };
  const stored = await Audit.commit<PersonItem>(tenant, next, current, {
    entity: "person",
    entityId: input.id,
    action: "person.deactivated",
    after: { deactivatedAt },
    ...(input.reason ? { note: input.reason } : {}),
  });
  Principal.invalidate(tenant);
  return toPerson(stored);
});

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
  language: z.optional(Language),
  /** `true` issues a new calendar feed URL; the old one stops working. */
  rotateFeed: z.optional(z.boolean()),
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
    personId: z.string().check(z.minLength(1)),
    start: LocalDate.Schema,
    end: z.optional(LocalDate.Schema),
    acting: z._default(z.boolean(), false),
    decision: z
      .optional(Decision)
      .check(
        z.describe(
          "Required for a leadership office (Penasehat, Ketua, Ketua Harian) and for any acting holder",
        ),
      ),
  })
  .check(
    z.refine((a) => !a.end || a.end >= a.start, {
      path: ["end"],
      message: "must not be before start",
    }),
  );

/**
 * Assigns a person to an office from `start` (to `end`); `acting` for a Plt. A leadership office
 * or an acting holder needs the appointing `decision` (400 naming it; the installation from L-I,
 * run by the system, is itself the regulation's appointment) and is refused to oneself (403).
 */
export const assign = fn(Assign, async (input) => {
  const tenant = Actor.tenant();
  const actor = Actor.use();
  if (needsDecision(input.office, input.acting)) {
    if (actor.type === "person" && actor.personId === input.personId) {
      throw new VisibleError(
        "forbidden",
        "assignment.self",
        `nobody appoints themself to ${input.office}${input.acting ? " (Plt.)" : ""}; another member of the secretariat records the decision`,
      );
    }
    if (!input.decision && actor.type !== "system") {
      throw new VisibleError(
        "input",
        "input.invalid",
        "decision: a leadership office or an acting holder is assigned by a recorded decision (number, date, by whom; Pasal 5(5))",
        [{ path: "decision", message: "required for this office or for an acting holder" }],
      );
    }
  }
  if (!(await office(tenant, input.office))) throw notFound("office", input.office);
  if (!(await person(tenant, input.personId))) throw notFound("person", input.personId);
  const k = Key.assignment(tenant, input.office, input.start, input.personId);
  const assignment = {
    office: input.office,
    personId: input.personId,
    start: input.start,
    ...(input.end ? { end: input.end } : {}),
    acting: input.acting,
    ...(input.decision ? { decision: input.decision } : {}),
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
  Principal.invalidate(tenant);
  return Assignment.parse(Dynamo.strip(stored));
});

export const EndAssignment = z.object({
  office: Org.OfficeCode,
  personId: z.string().check(z.minLength(1)),
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
  // Who holds what changed: cached principals of this task force are read again.
  Principal.invalidate(tenant);
  return Assignment.parse(Dynamo.strip(stored));
});

const activeOn = (a: Assignment, date: string) => a.start <= date && (!a.end || a.end >= date);

/** Everyone assigned to an office on `date`, holders and acting holders. */
export async function assignments(
  tenant: string,
  officeCode: string,
  date: string,
): Promise<Assignment[]> {
  const items = await assignmentsFrom(tenant, officeCode, date);
  return items.map((i) => Assignment.parse(Dynamo.strip(i))).filter((a) => activeOn(a, date));
}

/** An office's assignments that began on or before `date` (ended ones too): one Query. */
function assignmentsFrom(tenant: string, officeCode: string, date: string) {
  return Dynamo.queryAll<AssignmentItem>({
    pk: Key.holders(tenant, officeCode).pk,
    sk: { lte: `${date}#~` },
  });
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
  const chosen = mailedOf(await assignments(tenant, officeCode, date));
  const found = await Promise.all(chosen.map((a) => person(tenant, a.personId)));
  return found.filter((p): p is Person => p !== undefined && !p.deactivatedAt);
}

/** Of an office's active assignments, those whose holders get its mail: the Plt. while one acts. */
export function mailedOf(active: readonly Assignment[]): Assignment[] {
  const acting = active.filter((a) => a.acting);
  return acting.length > 0 ? acting : [...active];
}

/**
 * Every assignment of the task force active on `date`, by office (in each office the order of
 * `assignments`): one Query of the roster index (`Key.roster`). Complete only once the task
 * force's older assignments carry the roster keys (`indexRoster`); until then `holdersOf`.
 */
export async function roster(tenant: string, date: string): Promise<Map<string, Assignment[]>> {
  const items = await Dynamo.queryAll<AssignmentItem>({
    index: "gsi2",
    pk: Key.roster(tenant).gsi2pk,
  });
  return byOffice(items, date);
}

/** `roster` read office by office (one Query each): before the roster index is complete. */
export async function holdersOf(
  tenant: string,
  officeCodes: readonly string[],
  date: string,
): Promise<Map<string, Assignment[]>> {
  const items = await Promise.all(
    [...new Set(officeCodes)].map((code) => assignmentsFrom(tenant, code, date)),
  );
  return byOffice(items.flat(), date);
}

function byOffice(items: readonly AssignmentItem[], date: string): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  const sorted = [...items].sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  for (const item of sorted) {
    const a = Assignment.parse(Dynamo.strip(item));
    if (!activeOn(a, date)) continue;
    const list = out.get(a.office);
    if (list) list.push(a);
    else out.set(a.office, [a]);
  }
  return out;
}

/**
 * Gives every assignment of these offices stored before the roster index existed its roster
 * keys (one conditional UpdateItem each, touching nothing else, so a change made meanwhile is
 * kept); returns how many. Idempotent; the daily job runs it once per task force, over all its
 * offices, and then records `Key.rosterIndexed`.
 */
export async function indexRoster(tenant: string, officeCodes: readonly string[]): Promise<number> {
  let indexed = 0;
  for (const code of new Set(officeCodes)) {
    const items = await Dynamo.queryAll<AssignmentItem>({ pk: Key.holders(tenant, code).pk });
    for (const item of items) {
      if (item.gsi2pk) continue;
      const a = Assignment.parse(Dynamo.strip(item));
      const k = Key.assignment(tenant, a.office, a.start, a.personId);
      try {
        await Dynamo.update({
          pk: item.pk,
          sk: item.sk,
          expression: "SET gsi2pk = :pk, gsi2sk = :sk",
          condition: "attribute_exists(pk)",
          values: { ":pk": k.gsi2pk, ":sk": k.gsi2sk },
        });
        indexed++;
      } catch (error) {
        if (!(error instanceof ConditionFailed)) throw error;
      }
    }
  }
  return indexed;
}

/**
 * Records that every assignment of the task force is on the roster index (`Key.rosterIndexed`):
 * after `indexRoster`, or for a task force registered since the index exists (`Seed.install`).
 */
export async function rosterComplete(tenant: string): Promise<void> {
  await Dynamo.put({ ...Key.rosterIndexed(tenant), type: "job", v: 1 });
}

/** Whether `rosterComplete` was recorded for the task force: one GetItem. */
export async function rosterIsComplete(tenant: string): Promise<boolean> {
  const k = Key.rosterIndexed(tenant);
  return (await Dynamo.get(k.pk, k.sk)) !== undefined;
}

/** People by id (BatchGetItem, 100 to a request), those not found left out. */
export async function peopleById(
  tenant: string,
  ids: readonly string[],
): Promise<Map<string, Person>> {
  const items = await Dynamo.getMany<PersonItem>(ids.map((id) => Key.person(tenant, id)));
  return new Map(items.map((i) => [i.id, toPerson(i)]));
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
