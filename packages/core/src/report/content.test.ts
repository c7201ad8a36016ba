import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import {
  CASE_FIELDS,
  Content,
  check,
  checkRows,
  LIMITS,
  looksLikeNik,
  NIK_CODE,
} from "./content.ts";

/** A NIK-shaped number: region 11–99, regency, district, birth day (women +40), month, year, serial. */
const nik = fc
  .record({
    region: fc.integer({ min: 11, max: 99 }),
    regency: fc.integer({ min: 0, max: 99 }),
    district: fc.integer({ min: 0, max: 99 }),
    day: fc.integer({ min: 1, max: 31 }),
    woman: fc.boolean(),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .map((n) =>
    [n.region, n.regency, n.district, n.woman ? n.day + 40 : n.day, n.month, n.year]
      .map((x) => String(x).padStart(2, "0"))
      .join("")
      .concat(String(n.serial).padStart(4, "0")),
  );

/** Ways people write a NIK: plain, 6-6-4 or 4-4-4-4 with spaces, dots or hyphens. */
const written = fc
  .tuple(nik, fc.constantFrom("plain", "6-6-4", "4-4-4-4"), fc.constantFrom(" ", ".", "-"))
  .map(([digits, shape, sep]) => {
    if (shape === "plain") return digits;
    const cuts = shape === "6-6-4" ? [6, 12] : [4, 8, 12];
    const parts: string[] = [];
    let from = 0;
    for (const at of [...cuts, 16]) {
      parts.push(digits.slice(from, at));
      from = at;
    }
    return parts.join(sep);
  });

const words = fc.array(
  fc.constantFrom("korban", "desa", "Paloh", "telah", "ditangani", "3", "2026"),
  {
    maxLength: 6,
  },
);

describe("looksLikeNik", () => {
  it("finds a NIK however it is written and wherever it sits in the text", () => {
    fc.assert(
      fc.property(words, written, words, (before, id, after) => {
        expect(looksLikeNik([...before, id, ...after].join(" "))).toBe(true);
      }),
    );
  });

  it("reads a grouped NIK whose first digits look like a phone number as a NIK", () => {
    // Found by the property above (seeded at random): 62 80… is also how +62 8… mobiles start.
    for (const text of ["6280 0001 0100 0001", "nik 6281.2345.0101.0001 korban"]) {
      expect(looksLikeNik(text), text).toBe(true);
    }
  });

  it("finds any sixteen digits in a row, even without a NIK's structure", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), (digits) => {
        expect(looksLikeNik(`nomor ${digits}.`)).toBe(true);
      }),
    );
  });

  it("leaves ordinary numbers alone: counts, dates, office phone numbers, lists of years", () => {
    // A mobile number is refused too, but as a phone number (`Privacy`), not as a NIK.
    const ordinary = [
      "Tahun 2016 2017 2018 2019 2020 pelaksanaan RAD.",
      "2016-2020",
      "Telepon 0812-3456-7890 (call centre)",
      "Telepon kantor (0562) 391234",
      "12 kasus, 3 korban, 2026-08-03",
      "Anggaran Rp 150.000.000",
      "nomor rekening 12345678901234567890",
    ];
    for (const text of ordinary) expect(looksLikeNik(text), text).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,15}$/), (digits) => {
        expect(looksLikeNik(`ada ${digits} orang`)).toBe(false);
      }),
    );
  });
});

function issuesOf(run: () => unknown): {
  code: string;
  issues: { path: string; message: string }[];
} {
  try {
    run();
  } catch (error) {
    if (error instanceof VisibleError) return { code: error.code, issues: error.issues ?? [] };
    throw error;
  }
  throw new Error("expected a VisibleError");
}

describe("Content", () => {
  it("fills defaults: empty sections, no rows, zero counts", () => {
    const content = check(Content, {});
    expect(content.planning).toBe("");
    expect(content.rad).toEqual([]);
    expect(Object.values(content.cases)).toEqual(CASE_FIELDS.map(() => 0));
  });

  it("names every unknown field by its own path (no field for a victim's name)", () => {
    const { code, issues } = issuesOf(() =>
      check(Content, { victimName: "X", cases: { reported: 1, victims: ["Y"] } }),
    );
    expect(code).toBe("input.invalid");
    expect(issues.map((i) => i.path).sort()).toEqual(["cases.victims", "victimName"]);
  });

  it("takes counts as non-negative integers only", () => {
    const { issues } = issuesOf(() =>
      check(Content, { cases: { reported: -1, handled: 1.5, victimsAssisted: "3" } }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual([
      "cases.handled",
      "cases.reported",
      "cases.victimsAssisted",
    ]);
  });

  it("refuses a NIK in any text field with its own code and the reason", () => {
    const { code, issues } = issuesOf(() =>
      check(Content, {
        narrative: "Korban NIK 6101014508990001 telah dipulangkan.",
        rad: [
          {
            row: "rad-2016-2020.A.1",
            process: { actual: 1, note: "lihat 6101 0145 0899 0002" },
            result: { actual: "selesai" },
          },
        ],
      }),
    );
    expect(code).toBe(NIK_CODE);
    expect(issues.map((i) => i.path).sort()).toEqual(["narrative", "rad.0.process.note"]);
    expect(issues[0]?.message).toMatch(/NIK.*victim privacy/);
  });

  it("bounds texts and the number of rows, and refuses a row given twice", () => {
    const row = { row: "rad-2016-2020.A.1", process: { actual: 1 }, result: { actual: 1 } };
    const { issues } = issuesOf(() =>
      check(Content, {
        planning: "x".repeat(LIMITS.section + 1),
        rad: [row, { ...row }],
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(["planning", "rad.1.row"]);
    const many = issuesOf(() =>
      check(Content, {
        rad: Array.from({ length: LIMITS.radRows + 1 }, (_, i) => ({
          ...row,
          row: `rad-2016-2020.A.${i + 1}`,
        })),
      }),
    );
    expect(many.issues.map((i) => i.path)).toEqual(["rad"]);
  });

  it("checks rows against the plan and the sub-task-force", () => {
    const content = check(Content, {
      rad: [
        { row: "rad-2016-2020.A.1", process: { actual: 1 }, result: { actual: 1 } },
        { row: "rad-2016-2020.B.1", process: { actual: 1 }, result: { actual: 1 } },
        { row: "rad-2016-2020.A.99", process: { actual: 1 }, result: { actual: 1 } },
        { row: "rad-2021-2025.A.1", process: { actual: 1 }, result: { actual: 1 } },
      ],
    });
    const { code, issues } = issuesOf(() => checkRows(content, "sgt-a"));
    expect(code).toBe("report.rad_row");
    expect(issues.map((i) => i.path)).toEqual([
      "content.rad.1.row",
      "content.rad.2.row",
      "content.rad.3.row",
    ]);
    // A Satgas or the district task force reports on any existing row.
    const known = check(Content, { rad: content.rad.slice(0, 2) });
    expect(() => checkRows(known, "satgas-kec-paloh")).not.toThrow();
  });
});
