import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../../../test/installed.ts";
import { start } from "../embedded.ts";
import { sambasSeed } from "../sambas.ts";
import { lines, runCli, runInProcess } from "./testing.ts";

/** `npm run submission` as a user runs it, against local data prepared the way `npm start` keeps it. */
const SECRET = `whsec_${Buffer.from("cli-test-secret-0123456789abcdef").toString("base64")}`;

describe("npm run submission", () => {
  const dir = mkdtempSync(join(tmpdir(), "tenggat-submission-"));
  const env = { ...process.env, TENGGAT_DATA_DIR: dir };
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let answer = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      let status = answer;
      try {
        new Webhook(SECRET).verify(
          received.at(-1)?.body ?? "",
          req.headers as Record<string, string>,
        );
      } catch {
        status = 401;
      }
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ receipt: "kementerian-42" }));
    });
  });
  let url = "";
  // The demo simulates a season day by day in its own process and throwaway store (tens of
  // seconds): started at once, so it runs while the tests below use the local data.
  const demoOut = join(dir, "demo");
  const demo = runCli("submission", ["--year", "2027", "--demo", "--out", demoOut, "--json"], {
    ...process.env,
    TENGGAT_DATA_DIR: join(dir, "untouched"),
  });

  beforeAll(async () => {
    // Local data as `npm start` leaves it: Sambas installed, the year's obligations stored.
    const stores = await start({ dataDir: join(dir, "dynamodb") });
    const { Reminder } = await import("@tenggat/core/reminder");
    // Seed.install's items, copied when an earlier file of the run made the same install.
    await install(stores.tableName, [{ ...sambasSeed(), trackFrom: "2027-01-04" }]);
    await Reminder.daily(new Date("2027-01-20T01:00:00Z"), { tenants: ["sambas"] });
    await stores.stop();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/terima`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it("refuses bad arguments with one line and exit 2", async () => {
    const cases = [
      ["--year", "27"],
      ["--year", "2027", "--period", "q3"],
      ["--year", "2027", "--deliver", "http://127.0.0.1:1/x"],
      ["--year", "2027", "--deliver", "http://127.0.0.1:1/x", "--secret", "abc"],
      ["--year", "2027", "--bogus"],
      [],
    ];
    // Refused before any store is opened: run in this process (`runInProcess`), one at a time.
    const runs: Awaited<ReturnType<typeof runInProcess>>[] = [];
    for (const args of cases) {
      runs.push(await runInProcess("submission", args, { TENGGAT_DATA_DIR: dir }, { exits: true }));
    }
    for (const [i, run] of runs.entries()) {
      const args = cases[i] ?? [];
      expect(run.code, args.join(" ")).toBe(2);
      expect(lines(run.stderr), args.join(" ")).toHaveLength(1);
      expect(run.stderr).toMatch(/^submission: /);
    }
  }, 60_000);

  it("builds from the local data, writes the files and delivers signed", async () => {
    // Act
    const out = join(dir, "out");
    const run = await runCli(
      "submission",
      ["--year", "2027", "--out", out, "--deliver", url, "--secret", SECRET, "--json"],
      env,
    );

    // Assert
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      taskForce: "sambas",
      period: { id: "2027-H1" },
      version: 1,
      contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      delivery: { delivered: true, receipt: "kementerian-42", webhookId: "sambas.sbm-2027-h1.v1" },
    });
    expect(summary.rows.kepatuhan).toBeGreaterThan(10);
    for (const f of [
      "submission.json",
      "rad.csv",
      "kasus.csv",
      "rapat.csv",
      "kepatuhan.csv",
      "anggota.csv",
      "submission.xlsx",
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const json = readFileSync(join(out, "submission.json"), "utf8");
    expect(JSON.parse(json).contentHash).toBe(summary.contentHash);
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toBe(json);
  }, 60_000);

  it("--demo finishes and writes a package anyone can open: JSON with its hash, CSV, XLSX", async () => {
    // Act (started with the file)
    const run = await demo;

    // Assert: exit 0, one JSON line, every file written.
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ taskForce: "sambas", period: { id: "2027-H1" }, version: 1 });
    // Every sub-task-force reported on time, two RAD rows each, with sample counts.
    expect(summary.rows.rad).toBe(10);
    expect(summary.rows.kasus).toBeGreaterThanOrEqual(6);
    expect(summary.rows.kepatuhan).toBeGreaterThan(10);
    expect(summary.out.files).toContain("submission.xlsx");

    const { Submission } = await import("@tenggat/core/submission");
    const bytes = readFileSync(join(demoOut, "submission.json"), "utf8");
    const pkg = Submission.Package.parse(JSON.parse(bytes));
    expect(pkg.schema).toBe("tenggat.submission/v1");
    expect(pkg.contentHash).toBe(summary.contentHash);
    expect(Submission.verifyHash(pkg)).toBe(true);
    // The bytes are the canonical form (what is signed and hashed).
    expect(Submission.canonical(pkg)).toBe(bytes);
    const compliance = pkg.compliance.filter((c) => c.obligation === "semester-report");
    expect(compliance.length).toBeGreaterThan(0);
    expect(compliance.every((c) => c.status === "on-time")).toBe(true);

    const rad = parseCsv(readFileSync(join(demoOut, "rad.csv")), { bom: true }) as string[][];
    expect(rad[0]?.[2]).toBe("Baris RAD");
    expect(rad).toHaveLength(11);

    // The workbook, read back with ExcelJS (the product writes it with its own small writer).
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(demoOut, "submission.xlsx")) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      "Capaian RAD",
      "Jumlah Kasus",
      "Rapat",
      "Kepatuhan Kewajiban",
      "Paket Anggota",
    ]);
    expect(book.getWorksheet("Capaian RAD")?.rowCount).toBe(11);
    const cases = book.getWorksheet("Jumlah Kasus");
    const last = cases?.getRow(cases.rowCount);
    expect(last?.getCell(2).value).toBe("JUMLAH");
    expect(last?.getCell(4).value).toBe(pkg.cases.total.reported);
  }, 180_000);

  it("exits 1 when the receiver refuses for good", async () => {
    answer = 400;
    const run = await runCli(
      "submission",
      ["--year", "2027", "--deliver", url, "--secret", SECRET],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("TIDAK terkirim");
  }, 60_000);
});
