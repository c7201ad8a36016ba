import { describe, expect, it } from "vitest";
import { lines, runCli, runInProcess } from "./testing.ts";

/** Runs the CLI as a user would (`npm run simulate -- …`). */
const cli = (...args: string[]) => runCli("simulate", args);
const SPAN = ["--from", "2027-02-04", "--to", "2027-02-08"];

// The two simulations run as processes of their own, side by side; the refusals, which start no
// stores, run in this process (`runInProcess`) meanwhile, one at a time. The simulations (11 s
// each alone) share two cores with the other test worker: more than the default 30 s.
describe.concurrent("npm run simulate", { timeout: 90_000 }, () => {
  it("prints one JSON object per mail, dated by the simulated clock", async () => {
    // Act
    const run = await cli(...SPAN, "--json");

    // Assert
    expect(run.code).toBe(0);
    const mails = lines(run.stdout).map((l) => JSON.parse(l));
    // 8 digests on 5 February (the five sub-task forces and the three sample-established Satgas
    // Kecamatan) and 12 event mails on 8 February (4 per Satgas report). Was more than 20 when all
    // 19 Satgas Kecamatan owed reports; Satgas now owe nothing before their establishing decree.
    expect(mails).toHaveLength(20);
    expect(mails.filter((m) => m.kind === "digest")).toHaveLength(8);
    for (const m of mails) {
      expect(Object.keys(m).sort()).toEqual(
        ["date", "items", "kind", "offices", "subject", "time", "to"].sort(),
      );
      expect(m.date >= "2027-02-04" && m.date <= "2027-02-08").toBe(true);
    }
    const digest = mails.find((m) => m.kind === "digest");
    expect(digest?.items.length).toBeGreaterThan(0);
    expect(digest).toMatchObject({
      date: "2027-02-05",
      time: "08:00",
      to: [expect.stringMatching(/@sambas\.example$/)],
      offices: [expect.any(String)],
    });
    for (const item of digest.items) {
      expect(item).toEqual({
        instance: expect.any(String),
        obligation: expect.any(String),
        unit: expect.any(String),
        stage: "reminder",
        due: expect.any(String),
      });
    }
    // On time, the Satgas reports are written on 8 February: announced at 10:00 and after.
    expect(mails.some((m) => m.kind === "event" && m.date === "2027-02-08")).toBe(true);
  });

  it("prints a table with a summary by default", async () => {
    // Act
    const run = await cli(
      "--from",
      "2027-02-04",
      "--to",
      "2027-02-12",
      "--policy",
      "never",
      "--outage",
      "2027-02-11",
    );

    // Assert
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toBe(
      "Simulasi Kam 4 Feb 2027 – Jum 12 Feb 2027, perilaku never, job tidak berjalan: 2027-02-11",
    );
    expect(out[1]).toMatch(/^Tanggal\s+Jam\s+Jenis\s+Kepada\s+Jabatan\s+Butir\s+Perihal$/);
    expect(run.stdout).toContain("Jum 5 Feb 2027");
    expect(run.stdout).not.toContain("Kam 11 Feb 2027");
    expect(out.at(-1)).toMatch(/^Job harian berjalan 8 hari; 0 tindakan; [\d.]+ detik\.$/);
  });

  it.each([
    [["--from", "2027-02-30", "--to", "2027-03-01"], "--from 2027-02-30 is not a real date"],
    [["--from", "2027-03-01"], "--to is required"],
    [["--from", "2027-03-01", "--to", "2027-02-01"], "--from 2027-03-01 is after --to 2027-02-01"],
    [
      [...SPAN, "--policy", "sometimes"],
      "--policy sometimes: expected one of on-time, late, never",
    ],
    [[...SPAN, "--outage", "2027-02-05..2027-02-02"], "2027-02-05 is after 2027-02-02"],
    [[...SPAN, "--outage", "soon"], "--outage soon: soon is not a real date"],
    [[...SPAN, "--bogus"], "unknown option --bogus"],
    [["--from", "2027-01-01", "--to", "2033-01-01"], "the range may span at most 5 years"],
  ])("refuses %j with one line and exit code 2", async (args, message) => {
    // Act
    const run = await runInProcess("simulate", args);

    // Assert
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });
});
