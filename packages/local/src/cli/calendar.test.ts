import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lines, runCli, runInProcess } from "./testing.ts";

/** Runs the CLI as a user would (`npm run calendar -- …`), in a process of its own. */
const process_ = (...args: string[]) => runCli("calendar", args);
/** The same tool, evaluated in this process (`runInProcess`): the other cases, without a process start each. */
const cli = (...args: string[]) => runInProcess("calendar", args);
const YEAR = ["--from", "2027-01-01", "--to", "2027-12-31"];
/** The one warning a 2027 range prints: no official holiday list for 2027 yet. */
const WARNING_2027 = /^calendar: peringatan: .*2027.*warning: no official holiday list for 2027/;

function config(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "tenggat-cli-")), "config.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}

// The first case runs the tool as its own process, beside the others (run in this process, one
// at a time).
describe.concurrent("npm run calendar", () => {
  it("prints a table in Indonesian for a year", async () => {
    // Act
    const run = await process_(...YEAR);

    // Assert
    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(WARNING_2027);
    const out = lines(run.stdout);
    const header = out.find((l) => l.startsWith("Kewajiban"));
    for (const heading of [
      "Kewajiban",
      "Unit",
      "Penanggung jawab",
      "Jendela",
      "Tenggat",
      "Sifat",
      "Dasar",
    ]) {
      expect(header).toContain(heading);
    }
    expect(run.stdout).toContain("Rapat Koordinasi Sub Gugus Tugas");
    expect(run.stdout).toMatch(
      /Laporan Semesteran Sub Gugus Tugas\s+Sub GT A\s+Koordinator\s+1 Jan 2027 – 19 Feb 2027\s+Jum 19 Feb 2027 \*\s+hukum\s+Pasal 19a; Pasal 10h/,
    );
    expect(run.stdout).toMatch(
      /Penyampaian Laporan untuk Koordinasi Nasional.*tafsiran\s+L-III §VIII/,
    );
    // No Satgas is established without a decree (Pasal 5(7)): 111 − 38 reports − 19 monitorings
    expect(run.stdout).toContain("54 kewajiban");
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

  it("shows no Satgas obligation without establishments, and from the decree's day with them", async () => {
    // Arrange
    const file = config({
      establishments: [
        { unit: "satgas-kec-paloh", on: "2027-03-01", decree: "188.45/7/2027", by: "Camat Paloh" },
      ],
      villages: [
        { name: "Temajuk", kecamatan: "Paloh", establishedOn: "2027-09-01", decree: "141/3" },
        { name: "Sebubus", kecamatan: "Paloh" },
      ],
    });

    // Act
    const bare = await cli(...YEAR, "--json");
    const established = await cli(...YEAR, "--config", file, "--json");

    // Assert
    const units = (run: { stdout: string }) =>
      lines(run.stdout)
        .map((l) => JSON.parse(l))
        .filter((o) => o.unit.startsWith("satgas-"))
        .map((o) => `${o.id} ${o.windowStart} ${o.due}`);
    expect(units(bare)).toEqual([]);
    expect(units(established).sort()).toEqual([
      "satgas-monitoring:satgas-desa-temajuk:2027 2027-09-01 2027-11-30",
      "satgas-monitoring:satgas-kec-paloh:2027 2027-03-01 2027-11-30",
      "satgas-report:satgas-kec-paloh:2027-S1 2027-07-01 2027-08-13",
    ]);
  });

  it("moves no reminder onto 24 December 2026 (collective leave of SKB 1497/2/5 of 2025) and warns for no 2026 list", async () => {
    // Act
    const run = await cli("--from", "2026-12-01", "--to", "2026-12-31", "--reminders", "--json");

    // Assert
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const reminders = lines(run.stdout).map((l) => JSON.parse(l));
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.filter((r) => r.date === "2026-12-24")).toEqual([]);
    expect(reminders.filter((r) => r.date === "2026-12-25")).toEqual([]);
    // what the offsets put on the 24th went to the working day before
    expect(reminders.some((r) => r.nominal === "2026-12-24" && r.date === "2026-12-23")).toBe(true);
  });

  it("prints one warning line per year without an official holiday list, and each basis", async () => {
    // Act
    const run = await cli("--from", "2026-01-01", "--to", "2028-12-31", "--unit", "gt", "--json");

    // Assert: 2026 ships an official list; 2027 and 2028 are estimates
    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toHaveLength(2);
    expect(lines(run.stderr)[0]).toMatch(WARNING_2027);
    expect(lines(run.stderr)[1]).toMatch(/no official holiday list for 2028/);
    // …and each obligation carries its basis: law, action-plan, reading or configured
    const basis = Object.fromEntries(
      lines(run.stdout)
        .map((l) => JSON.parse(l))
        .map((o) => [o.obligation, o.basis]),
    );
    expect(basis).toMatchObject({
      "district-report": "law",
      "taskforce-meeting": "action-plan",
      "national-submission": "reading",
      "secretariat-report": "configured",
      "holiday-list": "configured",
    });
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
    const file = config({
      settings: { reportDeadlines: { satgasDesa: 3 } },
      villages: [{ name: "Temajuk", kecamatan: "Paloh", establishedOn: "2016-04-01" }],
      meetings: [{ obligation: "subtask-meeting", unit: "sgt-a", date: "2027-02-10" }],
    });

    // Act
    const desa = await cli(...YEAR, "--config", file, "--unit", "satgas-desa-temajuk", "--json");
    const sgt = await cli(...YEAR, "--config", file, "--unit", "sgt-a", "--json");

    // Assert
    const reports = lines(desa.stdout)
      .map((l) => JSON.parse(l))
      .filter((o) => o.obligation === "satgas-report");
    expect(reports.map((o) => o.due)).toEqual(["2027-02-03", "2027-08-03"]);
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
    [
      [
        ...YEAR,
        "--config",
        config({ establishments: [{ unit: "sgt-a", on: "2027-01-01", decree: "x" }] }),
      ],
      /establishments\.0\.unit/,
    ],
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
