import { VisibleError } from "../error/index.ts";
import { Privacy } from "../privacy/index.ts";
import type * as z from "./zod.ts";

/** Turns a zod error into the `input` VisibleError the edge renders as 400 with field paths. */
export function fromZod(error: z.core.$ZodError, prefix: PropertyKey[] = []): VisibleError {
  const issues = error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join(".") || "(body)",
    message: i.message,
  }));
  const first = issues[0];
  return new VisibleError(
    "input",
    error.issues.some((i) => Privacy.isFinding(i)) ? Privacy.CODE : "input.invalid",
    first ? `${first.path}: ${first.message}` : "invalid input",
    issues,
  );
}

/** Validates `input` against `schema`, throwing an `input` VisibleError with field paths. */
export function parse<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZod(result.error);
  return result.data;
}

/**
 * A public core function that validates its input and exposes the schema it takes, so a route
 * can reuse it (`submit.schema`).
 */
export function fn<S extends z.ZodMiniType, R>(
  schema: S,
  cb: (input: z.output<S>) => R,
): ((input: z.input<S>) => R) & { schema: S } {
  const result = (input: z.input<S>) => cb(parse(schema, input));
  result.schema = schema;
  return result;
}
