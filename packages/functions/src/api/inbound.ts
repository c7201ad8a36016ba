import { Actor } from "@tenggat/core/actor";
import { Federation } from "@tenggat/core/federation";
import * as z from "zod/mini";
import { createRouter, errors, json } from "./common.ts";
import { createRoute, named } from "./route.ts";

/**
 * Where members deliver their packages: no session, no key — the Standard Webhooks signature
 * with the member's own secret is the credential (checked in `Federation.receive`).
 */
export const inbound = createRouter();

inbound.openapi(
  createRoute({
    method: "post",
    path: "/v1/inbound/submissions",
    security: [{ webhookSignature: [] }],
    tags: ["Federation"],
    summary: "Receive a member's package, signed per Standard Webhooks 1.0",
    description:
      "`?taskForce=` names the receiving task force (a province or the nation). Needs `webhook-id`, `webhook-timestamp` (±5 minutes) and `webhook-signature` made with the sending member's secret over the raw body. 202 with a receipt id; the same `webhook-id` again gets the same receipt and stores nothing; an older version than the one held is acknowledged and ignored. 401 for anything unsigned, stale, tampered, or from an unknown or removed member.",
    request: {
      // The body (a `SubmissionPackage`, exactly the bytes signed) is read raw, not parsed here:
      // the signature is checked over the bytes before anything is made of them.
      query: z.object({ taskForce: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/)) }),
    },
    responses: {
      202: json(
        named(
          z.object({
            receipt: z.string(),
            from: z.string(),
            period: z.string(),
            version: z.int(),
            outcome: z.enum(["stored", "duplicate", "older"]),
          }),
          "Receipt",
        ),
        "Received",
      ),
      ...errors,
    },
  }),
  async (c) => {
    const { taskForce } = c.req.valid("query");
    const text = await c.req.text();
    const headers = Object.fromEntries(c.req.raw.headers.entries());
    const receipt = await Federation.receive(taskForce, headers, text, Actor.now());
    return c.json(receipt, 202);
  },
);
