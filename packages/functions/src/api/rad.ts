import { ActionPlan } from "@tenggat/core/actionplan";
import { Actor } from "@tenggat/core/actor";
import { Policy } from "@tenggat/core/policy";
import { RAD } from "@tenggat/core/rad";
import * as z from "zod/mini";
import { body, createRouter, errors, IdParam, json, security } from "./common.ts";
import { createRoute, named } from "./route.ts";

/** The action plans (RAD, L-III §IX) and starting a new plan period from a copy (Pasal 6a). */
export const rad = createRouter();

const Summary = named(ActionPlan.Summary, "ActionPlanSummary");
const tags = ["Action plan (RAD)"];

rad.openapi(
  createRoute({
    method: "get",
    path: "/v1/rad",
    security: security.person,
    tags,
    summary: "The task force's action plans, oldest first",
    responses: { 200: json(z.object({ items: z.array(Summary) }), "Plans"), ...errors },
  }),
  async (c) => {
    Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
    return c.json({ items: await ActionPlan.list(Actor.tenant()) }, 200);
  },
);

rad.openapi(
  createRoute({
    method: "get",
    path: "/v1/rad/{id}",
    security: security.person,
    tags,
    summary: "One action plan with every row and its process and result indicators",
    request: { params: IdParam },
    responses: { 200: json(RAD.Plan, "The plan"), ...errors },
  }),
  async (c) => {
    Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
    return c.json(await ActionPlan.get(Actor.tenant(), c.req.valid("param").id), 200);
  },
);

rad.openapi(
  createRoute({
    method: "post",
    path: "/v1/rad/periods",
    security: security.person,
    tags,
    summary:
      "Start a new plan period from a copy of the latest plan (the Ketua, or the secretariat for it)",
    request: { body: body(ActionPlan.NewPeriod) },
    responses: { 201: json(Summary, "The new plan"), ...errors },
  }),
  async (c) => {
    Policy.require(
      Policy.holds("gt.ketua") || Policy.isSecretariat(),
      "auth.ketua_only",
      "the Ketua draws up the action plan (Pasal 6a); the secretariat may start it for the Ketua",
    );
    return c.json(await ActionPlan.startNewPeriod(c.req.valid("json")), 201);
  },
);
