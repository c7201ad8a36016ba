/**
 * The files `vitest.config.ts` starts first (`test/heavy.ts`) must exist: a renamed or removed one would silently
 * fall back to vitest's order (by size on a clean clone), and the slowest file would end the run
 * alone again.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEAVY } from "./heavy.ts";

describe("the order test files start in", () => {
  it("names only test files that exist, each once", () => {
    expect(HEAVY.filter((f) => !existsSync(f) || !f.endsWith(".test.ts"))).toEqual([]);
    expect(new Set(HEAVY).size).toBe(HEAVY.length);
  });
});
