import { Actor } from "@tenggat/core/actor";
import { Audit } from "@tenggat/core/audit";
import { Auth } from "@tenggat/core/auth";
import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { invalid, notFound } from "@tenggat/core/error";
import { Org } from "@tenggat/core/org";
import { Policy } from "@tenggat/core/policy";
import { Satgas } from "@tenggat/core/satgas";
import * as z from "zod/mini";
import { body, createRouter, errors, IdParam, json, PageQuery, page, security } from "./common.ts";
import { IdempotencyKeyHeader, idempotent } from "./idempotency.ts";
import { createRoute, named } from "./route.ts";

/** Units, offices, people and their assignments, API keys, and the audit trail. */
export const directory = createRouter();

const signedIn = () =>
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
const secretariat = () =>
  Policy.require(
    Policy.isSecretariat(),
    "auth.secretariat_only",
    "only the secretariat (Sekretaris, Ketua Harian) may do this",
  );

const UnitList = named(z.object({ items: z.array(Org.Unit) }), "UnitList");
const OfficeList = named(z.object({ items: z.array(Org.Office) }), "OfficeList");

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/units",
    security: security.person,
    tags: ["Organisation"],
    summary: "The task force's units: itself, the sub-task-forces and the Satgas",
    responses: { 200: json(UnitList, "Units"), 401: errors[401] },
  }),
  async (c) => {
    signedIn();
    return c.json({ items: await Directory.units(Actor.tenant()) }, 200);
  },
);

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/units",
    security: security.person,
    middleware: [idempotent()],
    tags: ["Organisation"],
    summary: "Add a village Satgas under a sub-district Satgas (Pasal 5(6),(7))",
    request: { headers: IdempotencyKeyHeader, body: body(Directory.AddVillage) },
    responses: {
      201: json(z.object({ unit: Org.Unit, office: Org.Office }), "Created"),
      ...errors,
    },
  }),
  async (c) => {
    secretariat();
    return c.json(await Directory.addVillage(c.req.valid("json")), 201);
  },
);

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/units/{unit}/establishment",
    security: security.person,
    tags: ["Organisation"],
    summary:
      "Record a Satgas's establishing decree (Pasal 5(7)); its obligations start on that day (secretariat)",
    description:
      "A village Satgas is reported to the Ketua with a task (mail). The same decree again changes nothing; another is a 409.",
    request: {
      params: z.object({ unit: Org.UnitCode }),
      body: body(z.omit(Satgas.EstablishInput, { unit: true })),
    },
    responses: { 200: json(named(Satgas.Result, "Establishment"), "Established"), ...errors },
  }),
  async (c) => {
    const { unit } = c.req.valid("param");
    return c.json(await Satgas.establish({ ...c.req.valid("json"), unit }), 200);
  },
);

const Progress = named(
  z.object({
    kecamatan: z.object({ established: z.int(), total: z.int() }),
    desa: z.object({
      established: z.int(),
      known: z.int(),
      total: z.int(),
    }),
  }),
  "EstablishmentProgress",
);

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/units/establishment-progress",
    security: security.person,
    tags: ["Organisation"],
    summary: "RAD A.4: Satgas established, of the 19 sub-districts and of the district's villages",
    responses: { 200: json(Progress, "Progress"), 401: errors[401] },
  }),
  async (c) => {
    signedIn();
    return c.json(await Satgas.progress(Actor.tenant()), 200);
  },
);

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/offices",
    security: security.person,
    tags: ["Organisation"],
    summary: "Every office of the task force (L-I), with the position that holds it",
    responses: { 200: json(OfficeList, "Offices"), 401: errors[401] },
  }),
  async (c) => {
    signedIn();
    return c.json({ items: await Directory.offices(Actor.tenant()) }, 200);
  },
);

const Holders = named(
  z.object({
    office: Org.Office,
    on: z.string(),
    assignments: z.array(Directory.Assignment),
    recipients: z.array(Directory.Person),
  }),
  "OfficeHolders",
);

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/offices/{id}/holders",
    security: security.person,
    tags: ["Organisation"],
    summary: "Who holds an office on a date (default today), and who gets its mail",
    request: { params: IdParam, query: z.object({ on: z.optional(LocalDate.Schema) }) },
    responses: { 200: json(Holders, "Holders"), ...errors },
  }),
  async (c) => {
    signedIn();
    const tenant = Actor.tenant();
    const { id } = c.req.valid("param");
    const on = c.req.valid("query").on ?? LocalDate.at(Actor.now());
    const office = await Directory.office(tenant, id);
    if (!office) throw notFound("office", id);
    const [assignments, recipients] = await Promise.all([
      Directory.assignments(tenant, id, on),
      Directory.recipients(tenant, id, on),
    ]);
    return c.json({ office, on, assignments, recipients }, 200);
  },
);

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/people",
    security: security.person,
    tags: ["People"],
    summary: "People registered in the task force (secretariat)",
    request: { query: PageQuery },
    responses: {
      200: json(named(page(Directory.Person), "PersonPage"), "A page of people"),
      ...errors,
    },
  }),
  async (c) => {
    secretariat();
    return c.json(await Directory.people(Actor.tenant(), c.req.valid("query")), 200);
  },
);

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/people",
    security: security.person,
    middleware: [idempotent()],
    tags: ["People"],
    summary: "Register a person (secretariat); the e-mail address is unique in the task force",
    request: { headers: IdempotencyKeyHeader, body: body(Directory.CreatePerson) },
    responses: { 201: json(Directory.Person, "Created"), ...errors },
  }),
  async (c) => {
    secretariat();
    return c.json(await Directory.createPerson(c.req.valid("json")), 201);
  },
);

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/people/{id}",
    security: security.person,
    tags: ["People"],
    summary: "One person (themself or the secretariat), with the offices held today",
    request: { params: IdParam },
    responses: {
      200: json(z.object({ person: Directory.Person, offices: z.array(z.string()) }), "The person"),
      ...errors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const actor = Actor.use();
    Policy.require(
      Policy.isSecretariat() || (actor.type === "person" && actor.personId === id),
      "auth.secretariat_only",
      "only the secretariat may look at other people",
    );
    const tenant = Actor.tenant();
    const person = await Directory.person(tenant, id);
    if (!person) throw notFound("person", id);
    return c.json(
      { person, offices: await Directory.officesOf(tenant, id, LocalDate.at(Actor.now())) },
      200,
    );
  },
);

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/people/{id}/deactivate",
    security: security.person,
    tags: ["People"],
    summary:
      "Deactivate a person (secretariat): no sign-in, sessions and mail end; never deleted, the audit trail keeps them",
    request: {
      params: IdParam,
      body: {
        content: { "application/json": { schema: z.omit(Directory.Deactivate, { id: true }) } },
      },
    },
    responses: { 200: json(Directory.Person, "Deactivated"), ...errors },
  }),
  async (c) => {
    secretariat();
    const { id } = c.req.valid("param");
    const actor = Actor.use();
    if (actor.type === "person" && actor.personId === id) {
      throw invalid("id", "you cannot deactivate yourself; another member of the secretariat can");
    }
    const reason = c.req.header("content-type")?.includes("json")
      ? c.req.valid("json").reason
      : undefined;
    return c.json(await Directory.deactivate({ id, ...(reason ? { reason } : {}) }), 200);
  },
);

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments",
    security: security.person,
    middleware: [idempotent()],
    tags: ["People"],
    summary: "Assign a person to an office from a date; `acting: true` for a Plt. (secretariat)",
    request: { headers: IdempotencyKeyHeader, body: body(Directory.Assign) },
    responses: { 201: json(Directory.Assignment, "Assigned"), ...errors },
  }),
  async (c) => {
    secretariat();
    return c.json(await Directory.assign(c.req.valid("json")), 201);
  },
);

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/end",
    security: security.person,
    tags: ["People"],
    summary: "End an assignment on a date (secretariat)",
    request: { body: body(Directory.EndAssignment) },
    responses: { 200: json(Directory.Assignment, "Ended"), ...errors },
  }),
  async (c) => {
    secretariat();
    return c.json(await Directory.endAssignment(c.req.valid("json")), 200);
  },
);

const CreatedKey = named(z.object({ key: Auth.ApiKey, secret: z.string() }), "CreatedApiKey");

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/api-keys",
    security: security.person,
    middleware: [idempotent({ secret: "secret" })],
    tags: ["Machines"],
    summary:
      "Create an API key for a machine, e.g. the upward report pipeline (secretariat); the secret is shown once",
    request: { headers: IdempotencyKeyHeader, body: body(Auth.CreateApiKey) },
    responses: { 201: json(CreatedKey, "Created"), ...errors },
  }),
  async (c) => {
    secretariat();
    return c.json(await Auth.createApiKey(c.req.valid("json")), 201);
  },
);

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/api-keys",
    security: security.person,
    tags: ["Machines"],
    summary: "API keys of the task force (secretariat); secrets are never shown again",
    responses: { 200: json(z.object({ items: z.array(Auth.ApiKey) }), "Keys"), ...errors },
  }),
  async (c) => {
    secretariat();
    return c.json({ items: await Auth.listApiKeys(Actor.tenant()) }, 200);
  },
);

directory.openapi(
  createRoute({
    method: "post",
    path: "/v1/api-keys/{id}/revoke",
    security: security.person,
    tags: ["Machines"],
    summary: "Revoke an API key (secretariat)",
    request: { params: IdParam },
    responses: { 200: json(Auth.ApiKey, "Revoked"), ...errors },
  }),
  async (c) => {
    secretariat();
    return c.json(await Auth.revokeApiKey(c.req.valid("param").id), 200);
  },
);

const AuditPage = named(page(Audit.Event), "AuditPage");

directory.openapi(
  createRoute({
    method: "get",
    path: "/v1/audit",
    security: security.person,
    tags: ["Audit"],
    summary: "The audit trail of one entity (oldest first) or of one unit (newest first)",
    description:
      "Give either `entity` and `id` (e.g. `report` and `rpt_…`) or `unit`. The secretariat sees everything; a unit's leaders see their own unit.",
    request: {
      query: z.extend(PageQuery, {
        entity: z.optional(z.string().check(z.maxLength(40))),
        id: z.optional(z.string().check(z.maxLength(200))),
        unit: z.optional(Org.UnitCode),
      }),
    },
    responses: { 200: json(AuditPage, "Events"), ...errors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const tenant = Actor.tenant();
    const pageInput = { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) };
    if (q.unit) {
      Policy.require(
        Policy.isSecretariat() || Policy.leads(q.unit),
        "auth.not_your_unit",
        "you may only read your own unit's trail",
      );
      return c.json(await Audit.ofUnit(tenant, q.unit, pageInput), 200);
    }
    if (q.entity && q.id) {
      secretariat();
      return c.json(await Audit.ofEntity(tenant, q.entity, q.id, pageInput), 200);
    }
    throw invalid("unit", "give either unit, or entity and id");
  },
);
