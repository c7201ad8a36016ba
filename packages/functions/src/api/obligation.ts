import { Actor } from "@tenggat/core/actor";
import { LocalDate } from "@tenggat/core/date";
import { notFound } from "@tenggat/core/error";
import { Obligation } from "@tenggat/core/obligation";
import { Org } from "@tenggat/core/org";
import { Policy } from "@tenggat/core/policy";
import * as z from "zod/mini";
import { body, createRouter, errors, IdParam, json, PageQuery, page, security } from "./common.ts";
import { createRoute, named } from "./route.ts";

/** Obligation instances: what the regulation makes due, per unit, and waivers. */
export const obligation = createRouter();

const View = named(
  z.extend(Obligation.Info, { overdue: z.boolean(), daysToDue: z.int() }),
  "Obligation",
);

obligation.openapi(
  createRoute({
    method: "get",
    path: "/v1/obligations",
    security: security.person,
    tags: ["Obligations"],
    summary: "A unit's obligations by due date, with whether each is overdue today",
    request: {
      query: z.extend(PageQuery, {
        unit: Org.UnitCode,
        from: z.optional(LocalDate.Schema),
        to: z.optional(LocalDate.Schema),
      }),
    },
    responses: {
      200: json(named(page(View), "ObligationPage"), "A page of obligations"),
      ...errors,
    },
  }),
  async (c) => {
    Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
    const q = c.req.valid("query");
    const today = LocalDate.at(Actor.now());
    const result = await Obligation.byUnit(Actor.tenant(), {
      unit: q.unit,
      limit: q.limit,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
    return c.json({ ...result, items: result.items.map((i) => Obligation.view(i, today)) }, 200);
  },
);

obligation.openapi(
  createRoute({
    method: "get",
    path: "/v1/obligations/{id}",
    security: security.person,
    tags: ["Obligations"],
    summary: "One obligation instance (`obligation:unit:period`)",
    request: { params: IdParam },
    responses: { 200: json(View, "The obligation"), ...errors },
  }),
  async (c) => {
    Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
    const { id } = c.req.valid("param");
    const found = await Obligation.get(Actor.tenant(), id);
    if (!found) throw notFound("obligation", id);
    return c.json(Obligation.view(found, LocalDate.at(Actor.now())), 200);
  },
);

obligation.openapi(
  createRoute({
    method: "post",
    path: "/v1/obligations/{id}/waive",
    security: security.person,
    tags: ["Obligations"],
    summary: "Waive an open obligation with a reason (secretariat); its reminders stop",
    request: { params: IdParam, body: body(z.omit(Obligation.WaiveInput, { id: true })) },
    responses: { 200: json(View, "Waived"), ...errors },
  }),
  async (c) => {
    Policy.require(
      Policy.isSecretariat(),
      "auth.secretariat_only",
      "only the secretariat may waive an obligation",
    );
    const { id } = c.req.valid("param");
    const waived = await Obligation.waive({ ...c.req.valid("json"), id });
    return c.json(Obligation.view(waived, LocalDate.at(Actor.now())), 200);
  },
);

obligation.openapi(
  createRoute({
    method: "post",
    path: "/v1/evaluations",
    security: security.person,
    tags: ["Obligations"],
    summary:
      "Record an evaluation the Bupati asked for (Pasal 21(1)): an obligation of the Ketua Harian, reminded like any other (secretariat)",
    request: { body: body(Obligation.EvaluationInput) },
    responses: { 201: json(View, "Recorded"), ...errors },
  }),
  async (c) => {
    const recorded = await Obligation.requestEvaluation(c.req.valid("json"));
    return c.json(Obligation.view(recorded, LocalDate.at(Actor.now())), 201);
  },
);
