import { Org } from "@tenggat/core/org";
import { Report } from "@tenggat/core/report";
import * as z from "zod/mini";
import { body, createRouter, errors, IdParam, json, PageQuery, page, security } from "./common.ts";
import { IdempotencyKeyHeader, idempotent } from "./idempotency.ts";
import { createRoute, type Invalid, named } from "./route.ts";

/**
 * Reports along the regulation's route (L-III §VIII), the approval queue, the upward
 * compilation, and the public listing. The rules live in `@tenggat/core/report`; each handler
 * hands off to it.
 */
export const report = createRouter();

/**
 * Bad input as this area reports it: each unknown field by its own path (`content.victimName`),
 * and an identity number in any text with its own code (`privacy.identity_number`).
 */
const hook: Invalid = (error) => {
  throw Report.inputError(error as Parameters<typeof Report.inputError>[0]);
};

const ReportBody = Report.Info;
const ReportPage = named(page(ReportBody), "ReportPage");
const tags = ["Reports"];
const transition = { 200: json(ReportBody, "The report after the change"), ...errors };

report.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports",
    security: security.person,
    middleware: [idempotent()],
    tags,
    summary: "Start the report an obligation instance owes, as a draft (owner or unit leaders)",
    description:
      "One report per obligation instance: a second create gives 409 `report.exists` naming the report. Meeting obligations are refused (400 `report.not_a_report`). Content follows L-III §VIII; unknown fields, negative or fractional counts and anything that looks like a NIK are refused with 400 and field paths.",
    request: { headers: IdempotencyKeyHeader, body: body(Report.CreateInput) },
    responses: { 201: json(ReportBody, "Created"), ...errors },
  }),
  async (c) => c.json(await Report.create(c.req.valid("json")), 201),
  hook,
);

report.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/compile",
    security: security.person,
    middleware: [idempotent()],
    tags,
    summary:
      "Draft the Ketua Harian's report to the Ketua from the sub-task-forces' approved semester reports",
    description:
      "For a `district-report` instance: RAD rows concatenated, case counts summed, and a narrative naming who reported and who has not. Idempotent like create (409 `report.exists`).",
    request: { headers: IdempotencyKeyHeader, body: body(Report.CompileInput) },
    responses: { 201: json(ReportBody, "Created"), ...errors },
  }),
  async (c) => c.json(await Report.compile(c.req.valid("json")), 201),
  hook,
);

const ListQuery = z.extend(PageQuery, {
  unit: z.optional(Org.UnitCode),
  status: z.optional(Report.Status),
  instance: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

report.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports",
    security: security.personOrKey,
    tags,
    summary: "Reports of a unit, by status, or of one obligation instance",
    description:
      "Give `unit`, `status` or `instance`. Each page keeps what you may read: members of the unit, offices on a submitted report's route and copies, the secretariat. Machines with the `reports:read` scope (the upward pipeline) get approved, forwarded and published reports, without officials' names.",
    request: { query: ListQuery },
    responses: { 200: json(ReportPage, "A page of reports"), ...errors },
  }),
  async (c) => c.json(await Report.list(c.req.valid("query")), 200),
  hook,
);

report.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/{id}",
    security: security.personOrKey,
    tags,
    summary: "One report",
    request: { params: IdParam },
    responses: { 200: json(ReportBody, "The report"), ...errors },
  }),
  async (c) => c.json(await Report.fromID(c.req.valid("param").id), 200),
  hook,
);

report.openapi(
  createRoute({
    method: "put",
    path: "/v1/reports/{id}",
    security: security.person,
    tags,
    summary: "Replace the content of a draft or returned report (owner or unit leaders)",
    request: { params: IdParam, body: body(Report.UpdateBody) },
    responses: transition,
  }),
  async (c) =>
    c.json(await Report.update({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  hook,
);

report.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/submit",
    security: security.person,
    tags,
    summary: "Submit a draft or returned report to the first office of its route",
    description:
      "409 `report.not_draft` unless draft or returned; 409 `report.incomplete` while planning, implementation, organisation or monitoring is empty (L-III §VIII).",
    request: { params: IdParam, body: body(Report.VersionBody) },
    responses: transition,
  }),
  async (c) =>
    c.json(await Report.submit({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  hook,
);

report.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/return",
    security: security.person,
    tags,
    summary:
      "Return a submitted or forwarded report to its owner, with comments (office holding it)",
    request: { params: IdParam, body: body(Report.ReturnBody) },
    responses: transition,
  }),
  async (c) =>
    c.json(
      await Report.returnForChanges({ id: c.req.valid("param").id, ...c.req.valid("json") }),
      200,
    ),
  hook,
);

report.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/approve",
    security: security.person,
    tags,
    summary: "Approve a submitted or forwarded report (office holding it)",
    description:
      "The first approval satisfies the report's obligation. 409 `report.not_submitted` in any other state; 409 `version.stale` when someone acted first.",
    request: { params: IdParam, body: body(Report.ApproveBody) },
    responses: transition,
  }),
  async (c) =>
    c.json(await Report.approve({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  hook,
);

report.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/forward",
    security: security.person,
    tags,
    summary: "Send an approved report on to the next office of its route (office that approved it)",
    request: { params: IdParam, body: body(Report.VersionBody) },
    responses: transition,
  }),
  async (c) =>
    c.json(await Report.forward({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  hook,
);

report.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/publish",
    security: security.person,
    tags,
    summary:
      "Publish a report the last office of its route approved (that office or the secretariat)",
    description:
      "Send the `confirmPreview` of `GET /v1/reports/{id}/publication-preview`: you confirm the very text you saw (409 `report.preview_stale` if it changed since).",
    request: { params: IdParam, body: body(Report.PublishBody) },
    responses: transition,
  }),
  async (c) =>
    c.json(await Report.publish({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  hook,
);

const Segment = z.object({
  text: z.string(),
  highlight: z.optional(z.enum(["name", "place", "number"])),
});
const Preview = named(
  z.object({
    id: z.string(),
    version: z.int(),
    confirmPreview: z.string(),
    texts: z.array(z.object({ path: z.string(), segments: z.array(Segment) })),
    highlighted: z.int(),
  }),
  "PublicationPreview",
);

report.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/{id}/publication-preview",
    security: security.person,
    tags,
    summary:
      "The text publishing makes public, with likely personal names and places highlighted, and the digest to confirm it",
    request: { params: IdParam },
    responses: { 200: json(Preview, "The public text in segments"), ...errors },
  }),
  async (c) => c.json(await Report.publicationPreview(c.req.valid("param").id), 200),
);

report.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/{id}/history",
    security: security.person,
    tags,
    summary: "What happened to a report, oldest first (its audit trail)",
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json(page(z.record(z.string(), z.unknown())), "Events"), ...errors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const pageInput = { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) };
    return c.json(await Report.history(c.req.valid("param").id, pageInput), 200);
  },
  hook,
);

const QueuePage = named(
  z.object({ items: z.array(Report.QueueEntry), cursor: z.optional(z.string()) }),
  "Queue",
);

report.openapi(
  createRoute({
    method: "get",
    path: "/v1/queue",
    security: security.person,
    tags,
    summary: "What waits for any of my offices to act on, oldest first (reports and tasks)",
    request: { query: PageQuery },
    responses: { 200: json(QueuePage, "A page of the queue"), ...errors },
  }),
  async (c) => c.json(await Report.queue(c.req.valid("query")), 200),
  hook,
);

const TaskForceParam = z.object({
  taskForce: z
    .string()
    .check(z.maxLength(64), z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "not a task force id")),
});

report.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/{taskForce}/reports",
    security: security.public,
    tags: ["Public"],
    summary: "A task force's published reports, newest first (no sign-in)",
    request: { params: TaskForceParam, query: PageQuery },
    responses: { 200: json(ReportPage, "A page of published reports"), ...errors },
  }),
  async (c) =>
    c.json(await Report.listPublished({ ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  hook,
);

report.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/{taskForce}/reports/{id}",
    security: security.public,
    tags: ["Public"],
    summary: "One published report (no sign-in); 404 for any other",
    request: { params: z.extend(TaskForceParam, IdParam.shape) },
    responses: { 200: json(ReportBody, "The report"), ...errors },
  }),
  async (c) => {
    const { taskForce, id } = c.req.valid("param");
    return c.json(await Report.publishedById(taskForce, id), 200);
  },
  hook,
);
