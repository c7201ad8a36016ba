import { Federation } from "@tenggat/core/federation";
import * as z from "zod/mini";
import { body, createRouter, errors, json, security } from "./common.ts";
import { createRoute, named } from "./route.ts";

/** A province's (or the nation's) member task forces and what each has sent. */
export const members = createRouter();
const tags = ["Federation"];

const Member = named(Federation.Member, "Member");
const Status = named(
  z.object({
    member: z.string(),
    name: z.string(),
    active: z.boolean(),
    submitted: z.boolean(),
    version: z.optional(z.int()),
    contentHash: z.optional(z.string()),
    receipt: z.optional(z.string()),
    receivedAt: z.optional(z.string()),
  }),
  "MemberSubmission",
);

members.openapi(
  createRoute({
    method: "post",
    path: "/v1/members",
    security: security.person,
    tags,
    summary: "Register a member district with its signing secret (secretariat of a province)",
    description:
      "The secret (`whsec_…`) is given or generated, and shown only in this answer: give it to the district, which sets it on its upstream.",
    request: { body: body(Federation.AddMember) },
    responses: { 201: json(z.extend(Member, { secret: z.string() }), "Registered"), ...errors },
  }),
  async (c) => c.json(await Federation.addMember(c.req.valid("json")), 201),
);

members.openapi(
  createRoute({
    method: "get",
    path: "/v1/members",
    security: security.person,
    tags,
    summary:
      "The members with their contacts (secretariat); with `period`, which of them submitted for it (anyone signed in)",
    request: {
      query: z.object({
        period: z.optional(z.string().check(z.regex(/^\d{4}(-H1)?$/))),
      }),
    },
    responses: {
      200: json(z.object({ items: z.array(z.union([Status, Member])) }), "Members"),
      ...errors,
    },
  }),
  async (c) => {
    const { period } = c.req.valid("query");
    if (period) return c.json(await Federation.memberStatus(period), 200);
    return c.json(await Federation.listMembers(), 200);
  },
);

members.openapi(
  createRoute({
    method: "delete",
    path: "/v1/members/{id}",
    security: security.person,
    tags,
    summary: "Remove a member: its deliveries are refused from now on (what it sent stays)",
    request: { params: z.object({ id: z.string().check(z.minLength(1), z.maxLength(60)) }) },
    responses: { 200: json(Member, "Removed"), ...errors },
  }),
  async (c) => c.json(await Federation.removeMember(c.req.valid("param").id), 200),
);
