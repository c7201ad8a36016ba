import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lines, runCli } from "./testing.ts";

/** Runs the CLI as a user would (`npm run calendar -- …`). */
const cli = (...args: string[]) => runCli("calendar", args);
const YEAR = ["--from", "2027-01-01", "--to", "2027-12-31"];

// Each case starts its own process: run them side by side.
describe.concurrent("npm run calendar", () => {
  it("prints a table in Indonesian for a year", async () => {
    // Act
    const run = await cli(...YEAR);

    // Assert
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const out = lines(run.stdout);
    const header = out.find((l) => l.startsWith("Kewajiban"));
    for (const heading of [
      "Kewajiban",
      "Unit",
      "Penanggung jawab",
      "Jendela",
      "Tenggat",
      "Dasar",
    ]) {
      expect(header).toContain(heading);
    }
    expect(run.stdout).toContain("Rapat Koordinasi Sub Gugus Tugas");
    expect(run.stdout).toMatch(
      /Laporan Semesteran Sub Gugus Tugas\s+Sub GT A\s+Koordinator\s+1 Jan 2027 – 19 Feb 2027\s+Jum 19 Feb 2027 \*\s+Pasal 19a; L-III §VIII/,
    );
    expect(run.stdout).toContain("89 kewajiban");
  });

  it("prints one JSON object per line with --json, only the unit asked for", async () => {
    // Act
    const run = await cli(...YEAR, "--unit", "sgt-a", "--json");

    // Assert
    expect(run.code).toBe(0);
    const objects = lines(run.stdout).map((l) => JSON.parse(l));
    expect(objects).toHaveLength(8);
    for (const o of objects) {
      for (const key of [
        "id",
        "obligation",
        "title",
        "unit",
        "owner",
        "route",
        "windowStart",
        "windowEnd",
        "due",
        "article",
        "basis",
      ]) {
        expect(o, key).toHaveProperty(key);
      }
      expect(o.unit).toBe("sgt-a");
      for (const key of ["windowStart", "windowEnd", "due"])
        expect(o[key]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(o.article.length).toBeGreaterThan(0);
    }
    expect(objects.map((o) => o.id)).toContain("subtask-meeting:sgt-a:w2027-04-01");
  });

  it("lists reminders on working days with --reminders", async () => {
    // Act
    const run = await cli(
      "--from",
      "2027-02-01",
      "--to",
      "2027-02-28",
      "--unit",
      "gt",
      "--reminders",
      "--json",
    );

    // Assert
    expect(run.code).toBe(0);
    const reminders = lines(run.stdout).map((l) => JSON.parse(l));
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) {
      expect(r.date >= "2027-02-01" && r.date <= "2027-02-28").toBe(true);
      expect([6, 0]).not.toContain(new Date(`${r.date}T00:00:00Z`).getUTCDay());
    }
    expect(reminders.map((r) => [r.instance, r.date, r.stage])).toContainEqual([
      "district-report:gt:2026-S2",
      "2027-02-26",
      "due",
    ]);
  });

  it("reads villages, meetings and settings from --config", async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), "tenggat-cli-"));
    const file = join(dir, "config.json");
    writeFileSync(
      file,
      JSON.stringify({
        settings: { reportDeadlines: { satgasDesa: 3 } },
        villages: [{ name: "Temajuk", kecamatan: "Paloh" }],
        meetings: [{ obligation: "subtask-meeting", unit: "sgt-a", date: "2027-02-10" }],
      }),
    );

    // Act
    const desa = await cli(...YEAR, "--config", file, "--unit", "satgas-desa-temajuk", "--json");
    const sgt = await cli(...YEAR, "--config", file, "--unit", "sgt-a", "--json");

    // Assert
    expect(lines(desa.stdout).map((l) => JSON.parse(l).due)).toEqual(["2027-02-03", "2027-08-03"]);
    expect(lines(sgt.stdout).map((l) => JSON.parse(l).id)).toContain(
      "subtask-meeting:sgt-a:w2027-02-10",
    );
  });

  it.each([
    [["--from", "2027-02-30", "--to", "2027-12-31"], /2027-02-30 is not a real date/],
    [["--from", "2027-12-31", "--to", "2027-01-01"], /--from 2027-12-31 is after --to 2027-01-01/],
    [[...YEAR, "--unit", "sgt-x"], /unknown unit sgt-x/],
    [[...YEAR, "--unit", "satgas-kec-atlantis"], /unknown unit satgas-kec-atlantis/],
    [[...YEAR, "--verbose"], /unknown option --verbose/],
    [[...YEAR, "2027"], /unexpected argument 2027/],
    [["--from"], /argument missing/],
    [["--from", "2000-01-01", "--to", "2100-01-01"], /at most 100 years/],
    [[...YEAR, "--config", "/nonexistent/tenggat.json"], /cannot be read/],
  ])("%j prints one line and exits 2", async (args, message) => {
    // Act
    const run = await cli(...args);

    // Assert
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
