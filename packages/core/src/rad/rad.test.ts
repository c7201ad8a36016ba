import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { RAD } from "./index.ts";

/** A row without what a new period changes, to compare a copy with its original. */
function content(row: RAD.Row) {
  const { id: _id, article: _article, period: _period, copiedFrom: _copiedFrom, ...rest } = row;
  return rest;
}

function allRows(plan: RAD.Plan): RAD.Row[] {
  return plan.tables.flatMap((t) => t.rows);
}

describe("the RAD 2016–2020 of Perbup Sambas 8/2016 L-III §IX", () => {
  it("has every row of tables A–E", () => {
    const plan = RAD.sambas2016();

    const counts = Object.fromEntries(plan.tables.map((t) => [t.letter, t.rows.length]));

    // Counted by reading the source (perbup-sambas-8-2016.txt, lines 664–742), one tab-separated
    // line per row, not counting the two header lines of each table:
    // A: rows numbered 1–7 (line 670 is the page-break tail of row 3, not a row);
    // B: 1–3; C: 1–3; D: 1–4 (line 723 is a line of dashes, not a row);
    // E: unnumbered, four lines with an activity (two more activities under the first problem,
    // whose Masalah cell is merged, then "Masih lemahnya dalam pemberdayaan Korban").
    expect(counts).toEqual({ A: 7, B: 3, C: 3, D: 4, E: 4 });
    expect(allRows(plan)).toHaveLength(21);
  });

  it("gives every table its sub-task-force and every row both indicators", () => {
    const plan = RAD.sambas2016();

    expect(plan.tables.map((t) => t.unit)).toEqual(["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"]);
    for (const table of plan.tables) {
      for (const row of table.rows) {
        expect(row.unit).toBe(table.unit);
        expect(row.process.kind).toBe("process");
        expect(row.result.kind).toBe("result");
        expect(row.process.text.trim()).not.toBe("");
        expect(row.result.text.trim()).not.toBe("");
        expect(RAD.indicatorsOf(row).map((i) => i.kind)).toEqual(["process", "result"]);
        expect(row.targetGroups.length).toBeGreaterThan(0);
        expect(row.agencies.length).toBeGreaterThan(0);
        expect(row.period).toEqual({ start: 2016, end: 2020 });
        expect(row.article).toBe(`L-III §IX ${table.letter}.${row.number}`);
      }
    }
  });

  it("gives rows unique ids of the form rad-2016-2020.<letter>.<number>", () => {
    const rows = allRows(RAD.sambas2016());

    const ids = rows.map((r) => r.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual([
      "rad-2016-2020.A.1",
      "rad-2016-2020.A.2",
      "rad-2016-2020.A.3",
    ]);
    for (const row of rows) {
      expect(row.id).toBe(`rad-2016-2020.${row.unit.slice(-1).toUpperCase()}.${row.number}`);
    }
  });

  it("parses exactly the numeric targets the text carries", () => {
    const plan = RAD.sambas2016();

    const targets = allRows(plan).flatMap((row) =>
      RAD.targetsOf(row).map((t) => ({ row: row.id, on: t.on, ...t.target })),
    );

    const id = (s: string) => `rad-2016-2020.${s}`;
    expect(targets).toEqual([
      // "Adanya 6 puskesmas yang mampu menangani kasus KTP/A"
      { row: id("B.2"), on: "process", value: 6, unit: "puskesmas", per: "period" },
      // "Tersedianya 2 orang tenaga terlatih…" (the 2 restored from the next cell, see notes)
      { row: id("B.3"), on: "result", value: 2, unit: "orang tenaga terlatih", per: "period" },
      // "10 petugas memahami SOP rehabilitasi reintegrasi dan pemulangan…"
      { row: id("C.1"), on: "process", value: 10, unit: "petugas", per: "period" },
      // "Ada 5 orang tenaga khusus dilatih…" and its 2 + 2 + 1 breakdown
      {
        row: id("C.3"),
        on: "priorityActivity",
        value: 5,
        unit: "orang tenaga khusus dilatih",
        per: "period",
      },
      { row: id("C.3"), on: "process", value: 5, unit: "orang petugas dilatih", per: "period" },
      // "…bantuan hukum sebanyak 2 orang per desa"
      { row: id("D.1"), on: "result", value: 2, unit: "orang per desa", per: "period" },
      // "Terdapat 15 orang petugas yang menangani Penegakan Hukum"
      { row: id("D.3"), on: "process", value: 15, unit: "orang petugas", per: "period" },
      // "pertemuan rutin … setiap triwulan. Minimal 4 x dalam setahun"
      { row: id("E.1"), on: "priorityActivity", value: 4, unit: "pertemuan", per: "year" },
      // "workshop terkait tupoksi gugus tugas minimal 2 kali dalam satu tahun"
      { row: id("E.1"), on: "process", value: 2, unit: "workshop", per: "year" },
      // "Pelatihan singkat format standar sebanyak 1 kali"
      { row: id("E.3"), on: "process", value: 1, unit: "pelatihan singkat", per: "period" },
    ]);
  });

  it("takes every target from a number in its own text", () => {
    const rows = allRows(RAD.sambas2016());

    for (const row of rows) {
      for (const { text, target } of RAD.targetsOf(row)) {
        const numbers = (text.match(/\b\d+\b/g) ?? []).map(Number);
        const sum = numbers.reduce((a, b) => a + b, 0);
        expect(numbers.includes(target.value) || sum === target.value, `${row.id}: ${text}`).toBe(
          true,
        );
      }
    }
  });

  it("leaves no number in an indicator or priority activity unparsed, except citations", () => {
    const rows = allRows(RAD.sambas2016());
    // D.4 process cites "UU No.21 tahun 2012 dan Perda No.3": law numbers, not targets.
    const citations = new Set(["rad-2016-2020.D.4:process"]);

    const missing = rows.flatMap((row) =>
      (
        [
          ["priorityActivity", row.priorityActivity],
          ["process", row.process],
          ["result", row.result],
        ] as const
      )
        .filter(([, cell]) => /\d/.test(cell.text) && !cell.target)
        .map(([on]) => `${row.id}:${on}`),
    );

    expect(missing).toEqual([...citations]);
  });

  it("notes every row whose reconstruction from the flattened text is uncertain", () => {
    const rows = allRows(RAD.sambas2016());

    const noted = rows.filter((r) => r.notes && r.notes.length > 0).map((r) => r.id);

    expect(noted).toEqual(
      ["A.3", "B.1", "B.3", "D.2", "D.4", "E.1", "E.2", "E.3"].map((s) => `rad-2016-2020.${s}`),
    );
  });

  it("keeps the source's text, joining only what the flattening split", () => {
    const plan = RAD.sambas2016();

    expect(RAD.rowById(plan, "rad-2016-2020.A.3")?.problem).toBe(
      "Banyaknya korban trafficking pada anak usia 14 s/d 18 tahun dengan pendidikan hanya lulus SD dan status belum kawin",
    );
    expect(RAD.rowById(plan, "rad-2016-2020.C.1")?.process.text).toBe(
      "10 petugas memahami SOP rehabilitasi reintegrasi dan pemulangan bagi korban TPPO.",
    );
    expect(RAD.rowById(plan, "rad-2016-2020.E.3")?.result.text).toBe(
      "Adanya format pelaporan standar yang",
    );
    expect(RAD.rowById(plan, "rad-2016-2020.A.5")?.priorityActivity.text.split("\n")).toHaveLength(
      3,
    );
  });
});

describe("look-ups", () => {
  it("finds a row by id, and nothing for an unknown id", () => {
    const plan = RAD.sambas2016();

    const row = RAD.rowById(plan, "rad-2016-2020.D.3");

    expect(row?.number).toBe(3);
    expect(row?.unit).toBe("sgt-d");
    expect(RAD.rowById(plan, "rad-2016-2020.D.5")).toBeUndefined();
    expect(RAD.rowById(plan, "rad-2021-2025.D.3")).toBeUndefined();
  });

  it("lists the rows of a sub-task-force, and none for another unit", () => {
    const plan = RAD.sambas2016();

    const rows = RAD.rowsForUnit(plan, "sgt-e");

    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4].map((n) => `rad-2016-2020.E.${n}`));
    expect(RAD.rowsForUnit(plan, "sgt-b")).toHaveLength(3);
    expect(RAD.rowsForUnit(plan, "gt")).toEqual([]);
  });

  it("hands out a fresh copy of the seed on every call", () => {
    const first = RAD.sambas2016();
    const row = RAD.rowById(first, "rad-2016-2020.A.1");
    if (!row) throw new Error("A.1 missing");

    row.problem = "changed";
    first.tables.pop();

    const second = RAD.sambas2016();
    expect(second.tables).toHaveLength(5);
    expect(RAD.rowById(second, "rad-2016-2020.A.1")?.problem).not.toBe("changed");
  });
});

describe("startNewPeriod", () => {
  it("copies every row and indicator under new ids", () => {
    const plan = RAD.sambas2016();

    const next = RAD.startNewPeriod(plan, { periodStart: 2021, periodEnd: 2025 });

    expect(next.id).toBe("rad-2021-2025");
    expect(next.periodStart).toBe(2021);
    expect(next.periodEnd).toBe(2025);
    expect(next.title).toContain("Tahun 2021 – 2025");
    expect(next.copiedFrom).toEqual({ planId: "rad-2016-2020", source: plan.source });
    expect(next.source).toBeUndefined();
    const before = allRows(plan);
    const after = allRows(next);
    expect(after).toHaveLength(before.length);
    after.forEach((row, i) => {
      const old = before[i];
      if (!old) throw new Error(`row ${i} missing`);
      expect(row.id).toBe(old.id.replace("rad-2016-2020", "rad-2021-2025"));
      expect(row.copiedFrom).toBe(old.id);
      expect(row.period).toEqual({ start: 2021, end: 2025 });
      expect(row.article).toBeUndefined();
      expect(content(row)).toEqual(content(old));
    });
    expect(RAD.rowById(next, "rad-2021-2025.A.3")?.problem).toBe(
      RAD.rowById(plan, "rad-2016-2020.A.3")?.problem,
    );
    expect(RAD.Plan.safeParse(next).success).toBe(true);
  });

  it("does not change the plan it copies, nor share objects with it", () => {
    const plan = RAD.sambas2016();
    const snapshot = structuredClone(plan);

    const next = RAD.startNewPeriod(plan, { periodStart: 2021, periodEnd: 2025 });
    const copied = RAD.rowById(next, "rad-2021-2025.E.1");
    if (!copied?.priorityActivity.target) throw new Error("E.1 target missing");
    copied.priorityActivity.target.value = 99;
    copied.agencies.push("changed");

    expect(plan).toEqual(snapshot);
    expect(RAD.rowById(plan, "rad-2016-2020.E.1")?.priorityActivity.target?.value).toBe(4);
  });

  it("copies a copy, pointing at its direct parent", () => {
    const first = RAD.startNewPeriod(RAD.sambas2016(), { periodStart: 2021, periodEnd: 2025 });

    const second = RAD.startNewPeriod(first, { periodStart: 2026, periodEnd: 2030 });

    expect(second.copiedFrom).toEqual({ planId: "rad-2021-2025" });
    expect(RAD.rowById(second, "rad-2026-2030.C.1")?.copiedFrom).toBe("rad-2021-2025.C.1");
    expect(second.title).toContain("Tahun 2026 – 2030");
  });

  it("keeps rows, tables and targets for any valid period", () => {
    const plan = RAD.sambas2016();
    const targets = allRows(plan).flatMap(RAD.targetsOf);
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 0, max: 10 }),
        (start, length) => {
          fc.pre(start !== 2016 || length !== 4);

          const next = RAD.startNewPeriod(plan, { periodStart: start, periodEnd: start + length });

          const rows = allRows(next);
          expect(rows).toHaveLength(21);
          expect(rows.every((r) => r.id.startsWith(`rad-${start}-${start + length}.`))).toBe(true);
          expect(rows.flatMap(RAD.targetsOf)).toEqual(targets);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuses a period that ends before it starts, or the plan's own period", () => {
    const plan = RAD.sambas2016();

    expect(() => RAD.startNewPeriod(plan, { periodStart: 2025, periodEnd: 2021 })).toThrow(
      VisibleError,
    );
    expect(() => RAD.startNewPeriod(plan, { periodStart: 2016, periodEnd: 2020 })).toThrow(
      /must differ from rad-2016-2020/,
    );
    expect(() => RAD.startNewPeriod(plan, { periodStart: 2021.5, periodEnd: 2025 })).toThrow(
      VisibleError,
    );
    expect(RAD.startNewPeriod.schema).toBe(RAD.NewPeriodInput);
  });
});

describe("the Plan schema", () => {
  it("accepts the seed and rejects a plan whose rows break its shape", () => {
    const good = RAD.sambas2016();
    const duplicate = structuredClone(good);
    const wrongUnit = structuredClone(good);
    const wrongId = structuredClone(good);
    const noIndicator = structuredClone(good) as unknown as {
      tables: { rows: { result?: unknown }[] }[];
    };

    duplicate.tables[0]?.rows.push(structuredClone(good.tables[0]?.rows[0]) as RAD.Row);
    if (wrongUnit.tables[1]?.rows[0]) wrongUnit.tables[1].rows[0].unit = "sgt-a";
    wrongId.id = "rad-2016-2021";
    delete noIndicator.tables[0]?.rows[0]?.result;

    expect(RAD.Plan.safeParse(good).success).toBe(true);
    expect(RAD.Plan.safeParse(duplicate).success).toBe(false);
    expect(RAD.Plan.safeParse(wrongUnit).success).toBe(false);
    expect(RAD.Plan.safeParse(wrongId).success).toBe(false);
    expect(RAD.Plan.safeParse(noIndicator).success).toBe(false);
  });

  it("rejects a copy input that is not a plan", () => {
    const broken = { ...RAD.sambas2016(), tables: [] };

    expect(() => RAD.startNewPeriod(broken, { periodStart: 2021, periodEnd: 2025 })).toThrow(
      VisibleError,
    );
  });
});
