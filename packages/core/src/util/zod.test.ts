import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { parse } from "./fn.ts";
import * as z from "./zod.ts";

describe("zod/mini in core", () => {
  it("names the field in English, as classic zod did (zod/mini alone would say 'Invalid input')", () => {
    // Arrange: a schema written the zod/mini way, in a process that never loads classic zod.
    const Schema = z.object({
      name: z.string().check(z.trim(), z.minLength(1)),
      count: z.optional(z.int().check(z.minimum(1))),
    });

    // Act
    let thrown: unknown;
    try {
      parse(Schema, { name: "   ", count: 1.5 });
    } catch (e) {
      thrown = e;
    }

    // Assert
    expect(thrown).toBeInstanceOf(VisibleError);
    expect((thrown as VisibleError).issues).toEqual([
      { path: "name", message: "Too small: expected string to have >=1 characters" },
      { path: "count", message: "Invalid input: expected int, received number" },
    ]);
  });
});
