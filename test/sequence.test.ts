/**
 * How the test files are scheduled (`test/scheduling.ts`, read by `vitest.config.ts`): the files
 * started first must exist — a renamed or removed one would silently fall back to vitest's order
 * (by size on a clean clone) — and the files sharing a process must show none of the usual signs
 * of a test that needs one of its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEAVY, SHARED } from "./scheduling.ts";

/** Stores, the environment, processes, the app, module mocks, fake time, the acting user. */
const OWN_PROCESS =
  /@tenggat\/local|embedded|dynalite|world\(|createApp|process\.env|spawn|execFile|chromium|vi\.(mock|stub|useFakeTimers|setSystemTime)|Actor\.provide/;

describe("the order and grouping of test files", () => {
  it("starts first only test files that exist, each once", () => {
    expect(HEAVY.filter((f) => !existsSync(f) || !f.endsWith(".test.ts"))).toEqual([]);
    expect(new Set(HEAVY).size).toBe(HEAVY.length);
  });

  it("shares a process only between existing files of pure functions", () => {
    expect(SHARED.filter((f) => !existsSync(f) || !f.endsWith(".test.ts"))).toEqual([]);
    expect(new Set(SHARED).size).toBe(SHARED.length);
    expect(SHARED.filter((f) => OWN_PROCESS.test(readFileSync(f, "utf8")))).toEqual([]);
    expect(SHARED.filter((f) => HEAVY.includes(f))).toEqual([]);
  });
});
