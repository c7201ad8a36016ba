/**
 * `idempotent()`: the `Idempotency-Key` header on a create route (`@tenggat/core/idempotency`
 * holds the rules). Put it in the route's `middleware` so it runs after the caller is known and
 * before the body is validated:
 *
 *     createRoute({ method: "post", path: "/v1/tasks", middleware: [idempotent()], … })
 *
 * Without the header the route runs as always. With it, a retry gets the first answer again
 * (status and body, with `Idempotent-Replayed: true`), a different request under the same key
 * is a 409 `idempotency.mismatch`, and a duplicate while the first still runs a 409
 * `idempotency.in_progress`. Scoped per task force and principal; public callers are not
 * tracked (the routes that take keys need a signed-in caller, and answer 401 first).
 */
import { Actor } from "@tenggat/core/actor";
import { Idempotency } from "@tenggat/core/idempotency";
import type { MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import type { Env } from "./common.ts";

/** The most an answer may take to be kept (it is stored in one DynamoDB item). */
const MAX_ANSWER = 200_000;

export const IdempotencyHeader = "Idempotency-Key";

/** The header as the OpenAPI document shows it on each create route (`request.headers`). */
export const IdempotencyKeyHeader = z.object({
  "idempotency-key": z.optional(z.string()).check(
    z.meta({
      description:
        "Makes the create safe to retry: the same key and request within 24 hours get the first answer again (header `Idempotent-Replayed: true`); the same key with another request is a 409 `idempotency.mismatch`, a duplicate while the first runs a 409 `idempotency.in_progress`. 1–255 printable ASCII characters, e.g. a UUID; scoped to you.",
      example: "3f0c6a2e-8d1b-4b7e-9a51-0c2f7e9d4b10",
    }),
  ),
});

function principal(actor: Actor.Actor): string | undefined {
  if (actor.type === "person") return `person:${actor.personId}`;
  if (actor.type === "machine") return `key:${actor.keyId}`;
  return undefined;
}

export interface IdempotentOptions {
  /**
   * A top-level field of the answer that is a secret shown once (an API key's `secret`): it is
   * not kept, since secrets are stored only hashed, so a replay answers without it.
   */
  secret?: string;
}

export function idempotent(options: IdempotentOptions = {}): MiddlewareHandler<Env> {
  return async (c, next) => {
    const key = c.req.header(IdempotencyHeader);
    const actor = Actor.use();
    const who = principal(actor);
    if (key === undefined || !who) return next();
    const tenant = actor.tenant;
    const print = Idempotency.fingerprint(c.req.method, c.req.path, await c.req.text());
    const begun = await Idempotency.begin(tenant, who, key, print, Actor.now());
    if (!begun.run) {
      return c.body(begun.answer.body, begun.answer.status as 200, {
        "content-type": begun.answer.contentType,
        "idempotent-replayed": "true",
      });
    }
    try {
      await next();
    } catch (error) {
      await Idempotency.release(tenant, who, key);
      throw error;
    }
    let body = await c.res.clone().text();
    if (options.secret && c.res.status < 300) {
      const { [options.secret]: _secret, ...rest } = JSON.parse(body) as Record<string, unknown>;
      body = JSON.stringify(rest);
    }
    if (c.res.status >= 500 || body.length > MAX_ANSWER) {
      await Idempotency.release(tenant, who, key);
      return;
    }
    await Idempotency.finish(tenant, who, key, {
      status: c.res.status,
      body,
      contentType: c.res.headers.get("content-type") ?? "application/json",
    });
  };
}
