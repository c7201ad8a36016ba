import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../../../test/installed.ts";
import { start } from "../embedded.ts";
import { sambasSeed } from "../sambas.ts";
import { localSecrets } from "../secrets.ts";
import { lines, runCli, runInProcess } from "./testing.ts";

/** `npm run daily -- …` on a data directory as `npm start` leaves it (installed, then stopped). */
const dir = mkdtempSync(join(tmpdir(), "tenggat-daily-"));
const cli = (...args: string[]) => runCli("daily", args, { ...process.env, TENGGAT_DATA_DIR: dir });

beforeAll(async () => {
  const secrets = localSecrets(dir);
  const stores = await start({
    dataDir: join(dir, "dynamodb"),
    sessionSecret: secrets.sessionSecret,
    linkSecret: secrets.linkSecret,
  });
  const { Reminder } = await import("@tenggat/core/reminder");
  // Seed.install's items, copied when an earlier file of the run made the same install.
  await install(stores.tableName, [{ ...sambasSeed(), trackFrom: "2027-01-04" }]);
  await Reminder.daily(new Date("2027-01-11T01:00:00Z")); // as npm start runs it on first start
  await stores.stop();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run daily", () => {
  it("previews a date without sending, then runs it: the same mails", async () => {
    const preview = await cli("--date", "2027-01-14", "--preview", "--json");
    expect(preview.stderr).toBe("");
    expect(preview.code).toBe(0);
    const shown = lines(preview.stdout).map((l) => JSON.parse(l));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((m) => m.status === "send")).toBe(true);

    const run = await cli("--date", "2027-01-14", "--json");
    expect(run.code).toBe(0);
    const sent = lines(run.stdout).map((l) => JSON.parse(l));
    expect(sent.map((m) => m.subject).sort()).toEqual(shown.map((m) => m.subject).sort());
  }, 120_000);

  it("refuses what is not a date, and a directory npm start never made, in one line (exit 2)", async () => {
    // Neither starts stores: run in this process (`runInProcess`), without a process start each.
    const bad = await runInProcess("daily", ["--date", "2027-02-30"], { TENGGAT_DATA_DIR: dir });
    expect([bad.code, lines(bad.stderr)]).toEqual([
      2,
      ["daily: --date 2027-02-30 is not a real date in the form YYYY-MM-DD"],
    ]);
    const empty = mkdtempSync(join(tmpdir(), "tenggat-daily-empty-"));
    try {
      const none = await runInProcess("daily", ["--date", "2027-01-14"], {
        TENGGAT_DATA_DIR: empty,
      });
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/^daily: no data in .*: run npm start once first\n$/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
