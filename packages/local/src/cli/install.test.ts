import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Embedded, start } from "../embedded.ts";
import { runCli } from "./testing.ts";

/** The install CLI, run as an operator would, against the embedded store the environment names. */
describe("npm run install:taskforce", () => {
  let stores: Embedded;
  const dir = mkdtempSync(join(tmpdir(), "tenggat-install-"));
  const people = join(dir, "people.json");
  beforeAll(async () => {
    stores = await start();
    writeFileSync(
      people,
      JSON.stringify([
        { office: "gt.sekretaris", name: "Siti Aminah", email: "sekretariat@sambas.example" },
        { office: "sgt-a.koordinator", name: "Budi Santoso", email: "pnf@sambas.example" },
      ]),
    );
  });
  afterAll(async () => {
    await stores.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const r = await runCli("install", args);
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };

  it("installs the task force with the people of the file, then only tops up", async () => {
    const first = await run("--people", people, "--track-from", "2027-01-04");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /sambas: installed; \d+ units\/offices, 2 people, 2 assignments added/,
    );
    const again = await run("--people", people);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(
      /already installed, topped up; 0 units\/offices, 0 people, 0 assignments/,
    );

    const { Directory } = await import("@tenggat/core/directory");
    const person = await Directory.personByEmail("sambas", "pnf@sambas.example");
    expect(person?.name).toBe("Budi Santoso");
  });

  it("refuses bad arguments with one line and exit 2", async () => {
    for (const args of [
      [],
      ["--people"],
      ["--people", people, "--track-from", "2027-02-30"],
      ["--nope"],
    ]) {
      const result = await run(...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
