/**
 * How the test files are scheduled (`test/scheduling.ts`, read by `vitest.config.ts`): the files
 * started first must exist — a renamed or removed one would silently fall back to vitest's order
 * (by size on a clean clone) — and the files sharing a process must show none of the usual signs
 * of a test that needs one of its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEAVY, SHARED, STORES } from "./scheduling.ts";

/** Stores, the environment, processes, the app, module mocks, fake time, the acting user. */
const OWN_PROCESS =
  /@tenggat\/local|embedded|dynalite|world\(|createApp|process\.env|spawn|execFile|chromium|vi\.(mock|stub|useFakeTimers|setSystemTime)|Actor\.provide/;

/**
 * What outlives a file in a shared process even on fresh modules (`test/fresh.ts`): the
 * environment beyond what `start()` sets, mocks, fake time, child processes and browsers,
 * globals. A spy on a global (`console.error`) is allowed when the file restores it.
 */
const PROCESS_STATE =
  /vi\.(mock|doMock|stub\w*|useFakeTimers|setSystemTime|hoisted)|process\.(env|on\(|chdir|exit)|spawn|execFile|fork\(|runCli|runInProcess|chromium|browser\.ts|globalThis/;
const count = (text: string, what: RegExp) => text.match(what)?.length ?? 0;
const unrestored = (text: string) =>
  count(text, /vi\.spyOn\(/g) > count(text, /\.mockRestore\(\)|vi\.restoreAllMocks\(\)/g);
const keepsProcessState = (text: string) => PROCESS_STATE.test(text) || unrestored(text);

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

  it("shares a process between files with stores only where nothing outlives a file", () => {
    expect(STORES.filter((f) => !existsSync(f) || !f.endsWith(".test.ts"))).toEqual([]);
    expect(new Set(STORES).size).toBe(STORES.length);
    expect(STORES.filter((f) => SHARED.includes(f))).toEqual([]);
    expect(STORES.filter((f) => keepsProcessState(readFileSync(f, "utf8")))).toEqual([]);
  });

  it("recognises a file that must keep a process of its own", () => {
    // Each is a file that does one of the things a shared process would carry to the next file.
    for (const f of [
      "packages/core/src/meeting/meeting.test.ts", // vi.mock
      "packages/functions/src/handlers.test.ts", // fake time
      "packages/core/src/observe/observe.test.ts", // the environment
      "test/web/scenario.test.ts", // a browser
      "packages/local/src/cli/simulate.test.ts", // child processes
    ]) {
      expect(keepsProcessState(readFileSync(f, "utf8")), f).toBe(true);
    }
    const spied = 'const logged = vi.spyOn(console, "error");';
    expect(keepsProcessState(spied)).toBe(true);
    expect(keepsProcessState(`${spied}\nafterAll(() => logged.mockRestore());`)).toBe(false);
  });
});
