import { createHash } from "node:crypto";
import { Actor } from "@tenggat/core/actor";
import { VisibleError } from "@tenggat/core/error";
import { Federation } from "@tenggat/core/federation";
import { Policy } from "@tenggat/core/policy";
import { Submission } from "@tenggat/core/submission";
import * as z from "zod/mini";
import { body, createRouter, errors, json, security } from "./common.ts";
import { coerceNumber, createRoute, named } from "./route.ts";

/**
 * The submission package (issue 10): draft, approve, deliver, read (JSON, CSV per table, XLSX),
 * and the machine pull with a `since` cursor and ETags. The rules live in
 * `@tenggat/core/submission` and `@tenggat/core/federation`.
 */
export const submission = createRouter();
const tags = ["Submissions"];

const Info = named(z.object({ ...Submission.Info.shape }), "Submission");
const Delivery = named(z.object({ ...Federation.Delivery.shape }), "Delivery");
const Detail = named(
  z.object({
    ...Info.shape,
    deliveries: z.array(Delivery),
    links: z.object({
      json: z.string(),
      xlsx: z.string(),
      csv: z.record(z.string(), z.string()),
    }),
  }),
  "SubmissionDetail",
);
const PackageDoc = named(z.object({ ...Submission.Package.shape }), "SubmissionPackage", {
  description: "`tenggat.submission/v1` (docs/submission.md)",
});
const Changed = named(
  z.object({
    items: z.array(Info),
    since: z.string().check(z.describe("Ask again with `?since=` this to get only what changed")),
  }),
  "SubmissionChanges",
);
const Id = z.object({
  id: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(120),
      z.describe(
        "`sbm-2027-h1`; add `.json`, `.xlsx` or `.csv?table=rad|kasus|rapat|kepatuhan|anggota`",
      ),
    ),
});
const VersionBody = z.strictObject({ version: z.int().check(z.minimum(1)) });

function readable(): string {
  Policy.require(
    Submission.mayRead(),
    "submission.not_allowed",
    "sign in, or use a key with reports:read",
  );
  return Actor.tenant();
}

async function detail(tenant: string, id: string) {
  const info = await Submission.get(tenant, id);
  if (!info)
    throw new VisibleError("not-found", "submission.not_found", `submission ${id} was not found`);
  const base = `/v1/submissions/${id}`;
  return {
    ...info,
    deliveries: await Federation.deliveriesOf(tenant, id),
    links: {
      json: `${base}.json`,
      xlsx: `${base}.xlsx`,
      csv: Object.fromEntries(Submission.TABLES.map((t) => [t, `${base}.csv?table=${t}`])),
    },
  };
}

submission.openapi(
  createRoute({
    method: "post",
    path: "/v1/submissions",
    security: security.person,
    tags,
    summary: "Draft (or rebuild) the submission package of a period (the Ketua Harian's office)",
    description:
      "Assembled from approved data only. The same data gives the same bytes and `contentHash` (200, nothing changes); changed data gives a new package `version` and the approvals start again (200); the first draft answers 201. A province's package rolls up the newest package of each active member.",
    request: { body: body(Submission.DraftInput) },
    responses: {
      200: json(Detail, "Unchanged or rebuilt"),
      201: json(Detail, "Drafted"),
      ...errors,
    },
  }),
  async (c) => {
    const result = await Submission.draft(c.req.valid("json"));
    return c.json(await detail(Actor.tenant(), result.info.id), result.created ? 201 : 200);
  },
);

submission.openapi(
  createRoute({
    method: "get",
    path: "/v1/submissions",
    security: security.personOrKey,
    tags,
    summary: "Packages changed since a cursor (people signed in; machines with `reports:read`)",
    description:
      "Oldest change first. Answers with an `ETag`; send it back in `If-None-Match` to get 304 when nothing changed. Keep `since` from the answer and ask with it next time.",
    request: {
      query: z.object({
        since: z.optional(z.string().check(z.maxLength(400))),
        limit: z._default(coerceNumber().check(z.int(), z.minimum(1), z.maximum(200)), 50),
      }),
    },
    responses: {
      200: json(Changed, "Changed packages"),
      304: { description: "Nothing changed since the ETag you sent" },
      ...errors,
    },
  }),
  async (c) => {
    const tenant = readable();
    const q = c.req.valid("query");
    const result = await Submission.changed(tenant, {
      limit: q.limit,
      ...(q.since ? { since: q.since } : {}),
    });
    const text = JSON.stringify(result);
    const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", "private, no-cache");
    const match = c.req.header("if-none-match");
    if (match?.split(",").some((m) => m.trim().replace(/^W\//, "") === etag)) {
      return c.body(null, 304);
    }
    return c.json(result, 200);
  },
);

submission.openapi(
  createRoute({
    method: "get",
    path: "/v1/submissions/{id}",
    security: security.personOrKey,
    tags,
    summary: "A package: its state and deliveries, or the package as JSON, CSV or XLSX",
    description:
      "`/v1/submissions/sbm-2027-h1` gives the state, approvals, deliveries and links; `.json` the package's canonical bytes (`tenggat.submission/v1`); `.csv?table=rad|kasus|rapat|kepatuhan|anggota` one table (UTF-8 with BOM, Indonesian headers); `.xlsx` a workbook with a sheet per table.",
    request: { params: Id, query: z.object({ table: z.optional(z.enum(Submission.TABLES)) }) },
    responses: {
      200: {
        description: "The package",
        content: {
          "application/json": { schema: z.union([Detail, PackageDoc]) },
          "text/csv": { schema: z.string() },
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            schema: z.string(),
          },
        },
      },
      ...errors,
    },
  }),
  async (c) => {
    const tenant = readable();
    const raw = c.req.valid("param").id;
    const match = /^(.*)\.(json|csv|xlsx)$/.exec(raw);
    if (!match) return c.json(await detail(tenant, raw), 200);
    const [, id = "", ext] = match;
    const { bytes, pkg } = await Submission.packageOf(tenant, id);
    const name = `${tenant}-${id}-v${pkg.version}`;
    if (ext === "json") {
      c.header("ETag", `"${pkg.contentHash.slice(7, 34)}-${pkg.version}"`);
      return c.body(bytes, 200, { "content-type": "application/json; charset=utf-8" });
    }
    if (ext === "csv") {
      const table = c.req.valid("query").table;
      if (!table) {
        throw new VisibleError("input", "input.invalid", "table: required for .csv", [
          { path: "table", message: `one of ${Submission.TABLES.join(", ")}` },
        ]);
      }
      const found = Submission.tables(pkg).find((t) => t.name === table);
      return c.body(
        Submission.csv(found ?? { name: table, title: table, headers: [], rows: [] }),
        200,
        {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${name}-${table}.csv"`,
        },
      );
    }
    const workbook = await Submission.xlsx(pkg);
    return c.body(workbook as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${name}.xlsx"`,
    });
  },
);

submission.openapi(
  createRoute({
    method: "post",
    path: "/v1/submissions/{id}/approve",
    security: security.person,
    tags,
    summary: "Approve the package at its step: the Ketua Harian, then the Ketua",
    request: { params: Id, body: body(VersionBody) },
    responses: { 200: json(Info, "Approved at this step"), ...errors },
  }),
  async (c) =>
    c.json(await Submission.approve({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
);

submission.openapi(
  createRoute({
    method: "post",
    path: "/v1/submissions/{id}/deliver",
    security: security.person,
    tags,
    summary: "Deliver an approved package to every upstream (signed, retried until a receipt)",
    description:
      "One delivery per upstream and package version, POSTed with Standard Webhooks 1.0 headers; the same `webhook-id` on every retry. A receipt marks the package delivered and satisfies that year's `national-submission` (a reading of L-III §VIII).",
    request: { params: Id, body: body(VersionBody) },
    responses: {
      200: json(z.object({ submission: Info, deliveries: z.array(Delivery) }), "Delivery started"),
      ...errors,
    },
  }),
  async (c) =>
    c.json(await Federation.deliver({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
);

const Upstreams = named(
  z.object({
    upstreams: z.array(
      z.object({ id: z.string(), name: z.string(), url: z.string(), secret: z.string() }),
    ),
    version: z.int(),
  }),
  "Upstreams",
  { description: "Secrets are shown masked (`whsec_…abcd`)" },
);

submission.openapi(
  createRoute({
    method: "get",
    path: "/v1/upstreams",
    security: security.person,
    tags,
    summary: "Where packages are delivered (secretariat; secrets masked)",
    responses: { 200: json(Upstreams, "The upstreams"), ...errors },
  }),
  async (c) => c.json(await Federation.listUpstreams(), 200),
);

submission.openapi(
  createRoute({
    method: "put",
    path: "/v1/upstreams",
    security: security.person,
    tags,
    summary: "Replace the upstreams (secretariat); leave a secret out to keep the stored one",
    request: { body: body(Federation.UpstreamsInput) },
    responses: { 200: json(Upstreams, "Stored"), ...errors },
  }),
  async (c) => c.json(await Federation.setUpstreams(c.req.valid("json")), 200),
);
