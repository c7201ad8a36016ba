import { describe, expect, it } from "vitest";
import * as zodMini from "zod/mini";
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

describe("z.iso.datetime", () => {
  it("accepts and refuses what zod/mini's own iso.datetime does, with the same messages", () => {
    // Arrange: core's (built without importing zod's iso module) beside zod's own.
    const ours = [z.iso.datetime(), z.iso.datetime({ offset: true })];
    const theirs = [zodMini.iso.datetime(), zodMini.iso.datetime({ offset: true })];
    const inputs = [
      "2027-02-01T01:00:00.000Z",
      "2027-02-01T01:00:00Z",
      "2027-02-01T08:00:00+07:00",
      "2027-02-01",
      "2027-02-30T01:00:00Z",
      "yesterday",
      42,
    ];

    // Act
    const results = ours.map((schema, i) =>
      inputs.map((input) => {
        const a = schema.safeParse(input);
        const b = (theirs[i] as (typeof theirs)[number]).safeParse(input);
        return {
          input,
          ours: a.success ? a.data : a.error.issues[0]?.message,
          theirs: b.success ? b.data : b.error.issues[0]?.message,
        };
      }),
    );

    // Assert
    for (const row of results.flat()) expect(row.ours).toBe(row.theirs);
    expect(results[0]?.map((r) => r.ours)).toEqual([
      "2027-02-01T01:00:00.000Z",
      "2027-02-01T01:00:00Z",
      "Invalid ISO datetime",
      "Invalid ISO datetime",
      expect.any(String),
      "Invalid ISO datetime",
      "Invalid input: expected string, received number",
    ]);
    expect(results[1]?.[2]?.ours).toBe("2027-02-01T08:00:00+07:00");
    expect(ours[0]).toBeInstanceOf(zodMini.ZodMiniISODateTime);
  });
});
