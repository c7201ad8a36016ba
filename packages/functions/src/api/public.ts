import { Actor } from "@tenggat/core/actor";
import { Publication } from "@tenggat/core/publication";
import * as z from "zod/mini";
import * as Pages from "../web/public/pages.ts";
import { body, createRouter, errors, json, security } from "./common.ts";
import { coerceNumber, createRoute, named } from "./route.ts";

/**
 * The public release (issue 10 item 6): pages at `/publik/<taskForce>` and
 * `/publik/<taskForce>/laporan/<id>` (no sign-in), the yearly aggregate as CSV and JSON, and the
 * withdrawal of a published report (410 with the reason at its public URL).
 */
export const publicRelease = createRouter();

const Tf = z.string().check(z.regex(/^[a-z0-9-]{1,60}$/));
const Year = coerceNumber().check(z.int(), z.minimum(2016), z.maximum(2100));

function yearOf(q: string | undefined): number {
  const parsed = z.safeParse(Year, q ?? Actor.now().getUTCFullYear());
  return parsed.success ? parsed.data : Actor.now().getUTCFullYear();
}

publicRelease.get("/publik/:tf", async (c) => {
  const tf = z.parse(Tf, c.req.param("tf"));
  const year = yearOf(c.req.query("tahun"));
  const [agg, reports] = await Promise.all([
    Publication.aggregate(tf, year),
    Publication.published(tf),
  ]);
  return c.html(Pages.home(agg, reports, tf));
});

publicRelease.get("/publik/:tf/agregat.csv", async (c) => {
  const tf = z.parse(Tf, c.req.param("tf"));
  const agg = await Publication.aggregate(tf, yearOf(c.req.query("tahun")));
  const label = (s: Publication.Shown) => Publication.label(s, agg.k);
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [
    ["Unit", "Nama", ...agg.columns],
    ...[...agg.district, ...agg.satgas].map((r) => [r.unit, r.name, ...r.cells.map(label)]),
    ["satgas", "Jumlah Satgas", ...agg.satgasTotal.map(label)],
  ].map((r) => r.map(quote).join(","));
  return c.body(`\uFEFF${lines.join("\r\n")}\r\n`, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${tf}-${agg.year}.csv"`,
  });
});

publicRelease.get("/publik/:tf/laporan/:id", async (c) => {
  const tf = z.parse(Tf, c.req.param("tf"));
  try {
    const { report, showCounts, correction } = await Publication.report(tf, c.req.param("id"));
    return c.html(Pages.report(report, showCounts, tf, correction));
  } catch (error) {
    if (error instanceof Publication.Gone) return c.html(Pages.gone(error.withdrawal, tf), 410);
    throw error;
  }
});

const ShownSchema = z.union([
  z.object({ kind: z.literal("value"), value: z.number() }),
  z.object({ kind: z.enum(["small", "hidden"]) }),
]);
const RowSchema = z.object({ unit: z.string(), name: z.string(), cells: z.array(ShownSchema) });

publicRelease.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/{taskForce}/aggregate",
    security: security.public,
    tags: ["Public"],
    summary: "The yearly aggregate of published reports, small numbers suppressed (no sign-in)",
    description:
      'Satgas (sub-district and village) counts of 1…k−1 read `small` ("< k"); cells hidden so that none can be recovered from a total read `hidden`. `k` is the task force\'s `publicK` setting (default 5).',
    request: { params: z.object({ taskForce: Tf }), query: z.object({ year: Year }) },
    responses: {
      200: json(
        named(
          z.object({
            taskForce: z.object({ id: z.string(), name: z.string() }),
            year: z.int(),
            k: z.int(),
            columns: z.array(z.string()),
            district: z.array(RowSchema),
            satgas: z.array(RowSchema),
            satgasTotal: z.array(ShownSchema),
            reports: z.int(),
          }),
          "PublicAggregate",
        ),
        "The aggregate",
      ),
      ...errors,
    },
  }),
  async (c) =>
    c.json(
      await Publication.aggregate(c.req.valid("param").taskForce, c.req.valid("query").year),
      200,
    ),
);

const Withdrawal = named(Publication.Withdrawal, "Withdrawal");
const Reason = z.strictObject({ reason: Publication.WithdrawInput.shape.reason });

publicRelease.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/withdraw",
    security: security.person,
    tags: ["Reports"],
    summary:
      "Withdraw a published report from the public, with a reason (its publisher or the Ketua)",
    description: "Audited; its public URL then answers 410 with the reason.",
    request: {
      params: z.object({ id: z.string().check(z.minLength(1), z.maxLength(200)) }),
      body: body(Reason),
    },
    responses: { 200: json(Withdrawal, "Withdrawn"), ...errors },
  }),
  async (c) =>
    c.json(
      await Publication.withdraw({ id: c.req.valid("param").id, ...c.req.valid("json") }),
      200,
    ),
);

publicRelease.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/republish",
    security: security.person,
    tags: ["Reports"],
    summary: "Publish a withdrawn report again, with a note (its publisher or the Ketua)",
    request: {
      params: z.object({ id: z.string().check(z.minLength(1), z.maxLength(200)) }),
      body: body(Reason),
    },
    responses: { 200: json(Withdrawal, "Published again"), ...errors },
  }),
  async (c) =>
    c.json(
      await Publication.republish({ id: c.req.valid("param").id, ...c.req.valid("json") }),
      200,
    ),
);

publicRelease.openapi(
  createRoute({
    method: "post",
    path: "/v1/reports/{id}/correct",
    security: security.person,
    tags: ["Reports"],
    summary:
      "Open the correction of a withdrawn report: a draft revision that goes along its route again (its publisher or the Ketua)",
    description:
      'The report becomes a draft (`revision` 2, 3 …) that its owner edits, submits and the route approves again; publishing it (`POST /v1/reports/{id}/publish`) puts it back at its public URL with "diperbaiki pada …" and the earlier withdrawal\'s reason. Until then the public URL answers 410. The owner is told, with the reason. Audited (`report.correction_opened`, `report.correction_published`). 409 `report.not_withdrawn` unless withdrawn first.',
    request: {
      params: z.object({ id: z.string().check(z.minLength(1), z.maxLength(200)) }),
      body: body(
        z.strictObject({
          version: Publication.CorrectInput.shape.version,
          reason: Publication.CorrectInput.shape.reason,
        }),
      ),
    },
    responses: {
      200: json(
        named(
          z.looseObject({
            id: z.string(),
            status: z.string(),
            revision: z.optional(z.int()),
            version: z.int(),
          }),
          "ReportCorrection",
        ),
        "Reopened as a draft revision",
      ),
      ...errors,
    },
  }),
  async (c) =>
    c.json(await Publication.correct({ id: c.req.valid("param").id, ...c.req.valid("json") }), 200),
);
