/**
 * What every route module shares: the app type, the error body, pagination and id parameters.
 */
import { fromZod } from "@tenggat/core/util";
import * as z from "zod/mini";
import { coerceNumber, named, Router, type Schema } from "./route.ts";

export type Env = { Variables: { requestId: string } };

/** Validation failures become the one `input` error with field paths (400). */
export function createRouter() {
  return new Router<Env>({
    invalid: (error) => {
      throw fromZod(error as Parameters<typeof fromZod>[0], []);
    },
  });
}

export const ErrorBody = named(
  z.object({
    error: z.object({
      code: z.string().check(z.meta({ example: "report.not_submitted" })),
      message: z.string(),
      issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    }),
  }),
  "Error",
);

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});

/** Too many requests from one address or for one account (the sign-in link). */
export const tooMany = errorResponse("Too many requests; wait a few minutes and try again");

/**
 * Who may call a route, as the OpenAPI document declares it (`security`; the schemes are
 * registered in `docs.ts`): nobody needs to sign in, a person's session (bearer token or the
 * console's cookie), or a person's session or a machine's API key (`x-api-key`).
 */
export const security = {
  public: [] as Record<string, string[]>[],
  person: [{ session: [] }, { sessionCookie: [] }] as Record<string, string[]>[],
  personOrKey: [{ session: [] }, { sessionCookie: [] }, { apiKey: [] }] as Record<
    string,
    string[]
  >[],
};

/** The error responses every route may give. */
export const errors = {
  400: errorResponse("Bad input; `issues` names each field at fault"),
  401: errorResponse("Sign-in required"),
  403: errorResponse("Not allowed for your office"),
  404: errorResponse("Not found"),
  409: errorResponse("Conflicts with the current state (e.g. a stale version)"),
  413: errorResponse("Body too large"),
  415: errorResponse("Body must be application/json"),
} as const;

export const json = <T extends Schema>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const body = <T extends Schema>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const PageQuery = z.object({
  limit: z
    ._default(coerceNumber().check(z.int(), z.minimum(1), z.maximum(200)), 50)
    .check(z.meta({ example: 50 })),
  cursor: z
    .optional(z.string().check(z.maxLength(2000)))
    .check(z.describe("From the previous page's `cursor`")),
});

export const page = <T extends Schema>(item: T) =>
  z.object({ items: z.array(item), cursor: z.optional(z.string()) });

export const IdParam = z.object({ id: z.string().check(z.minLength(1), z.maxLength(200)) });

export const Versioned = z.object({
  version: z
    .number()
    .check(z.int(), z.minimum(1), z.describe("The version you read; a stale one gives 409")),
});
