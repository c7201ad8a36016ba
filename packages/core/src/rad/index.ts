export * as RAD from "./index.ts";

import { invalid } from "../error/index.ts";
import { parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";
import { SAMBAS_2016_2020 } from "./sambas-2016-2020.ts";

/**
 * The Regional Action Plan (Rencana Aksi Daerah, RAD) for the prevention and handling of
 * trafficking in persons: one table per sub-task-force (A–E), each row a problem (Masalah) with
 * its activity (Kegiatan), priority activity, a process and a result indicator, target group,
 * agencies involved (SKPD) and period. Perbup Sambas 8/2016 L-III §IX holds the 2016–2020 plan;
 * periodic reports record progress on its rows. A new plan period starts from a copy
 * (`startNewPeriod`), which carries no legal citation until it is itself enacted.
 */

export const Letter = z.enum(["A", "B", "C", "D", "E"]);
export type Letter = z.infer<typeof Letter>;

/** The sub-task-force (Sub Gugus Tugas) a table belongs to; the codes of `@tenggat/core/org`. */
export const SubTaskForce = z.enum(["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"]);
export type SubTaskForce = z.infer<typeof SubTaskForce>;

export const Year = z.int().check(z.minimum(2000), z.maximum(2100));

/** `rad-<periodStart>-<periodEnd>`, e.g. `rad-2016-2020`. */
export const PlanId = z.string().check(z.regex(/^rad-\d{4}-\d{4}$/, "not a RAD plan id"));
/** `<plan id>.<table letter>.<row number>`, e.g. `rad-2016-2020.A.3`. */
export const RowId = z
  .string()
  .check(z.regex(/^rad-\d{4}-\d{4}\.[A-E]\.[1-9]\d*$/, "not a RAD row id"));

/**
 * A number the text commits to, so a report can set an actual against it. `per: "year"` when
 * the text says so ("minimal 4 x dalam setahun"); `per: "period"` when the number is to be
 * reached within the plan period ("10 petugas memahami SOP"). Targets are read by hand from the
 * text, never guessed: an indicator without a number has none.
 */
export const Target = z.object({
  value: z.number().check(z.positive()),
  /** What is counted, in the text's own words (`petugas`, `orang per desa`, `pertemuan`). */
  unit: z.string().check(z.minLength(1)),
  per: z.optional(z.enum(["year", "period"])),
});
export type Target = z.infer<typeof Target>;

/** A cell of the plan: its text as written, an optional English gloss and a parsed target. */
export const Statement = z.object({
  /** Bahasa Indonesia, verbatim; the items of a bulleted cell on their own lines (`- …`). */
  text: z.string().check(z.minLength(1)),
  /** English, only where it can be given faithfully. */
  gloss: z.optional(z.string().check(z.minLength(1))),
  target: z.optional(Target),
  /** How the target was read, when that is not plain from the text. */
  note: z.optional(z.string().check(z.minLength(1))),
});
export type Statement = z.infer<typeof Statement>;

export const IndicatorKind = z.enum(["process", "result"]);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

/** Indikator Proses / Indikator Hasil of a row. */
export const Indicator = z.extend(Statement, { kind: IndicatorKind });
export type Indicator = z.infer<typeof Indicator>;

export const Period = z
  .object({ start: Year, end: Year })
  .check(
    z.refine((p) => p.end >= p.start, { message: "period ends before it starts", path: ["end"] }),
  );
export type Period = z.infer<typeof Period>;

export const Row = z.object({
  id: RowId,
  /** Position in its table, from 1; the source numbers rows of A–D, E's are counted in order. */
  number: z.int().check(z.positive()),
  unit: SubTaskForce,
  /** The enacting article (`L-III §IX A.3`); absent on a copy that has not been enacted. */
  article: z.optional(z.string().check(z.minLength(1))),
  /** Masalah. */
  problem: z.string().check(z.minLength(1)),
  /** Kegiatan. */
  activity: z.string().check(z.minLength(1)),
  /** Prioritas Kegiatan; C.3 and E.1 carry a number here. */
  priorityActivity: Statement,
  process: z.extend(Indicator, { kind: z.literal("process") }),
  result: z.extend(Indicator, { kind: z.literal("result") }),
  /** Kelompok Sasaran, one entry per group the cell names. */
  targetGroups: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  /** SKPD yang Terlibat, one entry per agency the cell names. */
  agencies: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  /** Kurun Waktu. */
  period: Period,
  /** The row this one was copied from, on a plan started with `startNewPeriod`. */
  copiedFrom: z.optional(RowId),
  /** Transcription notes (English): where the flattened source had to be reconstructed. */
  notes: z.optional(z.array(z.string().check(z.minLength(1)))),
});
export type Row = z.infer<typeof Row>;

export const Table = z.object({
  letter: Letter,
  unit: SubTaskForce,
  /** The table's heading as written, e.g. `Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak`. */
  name: z.string().check(z.minLength(1)),
  nameEn: z.optional(z.string().check(z.minLength(1))),
  /** Tujuan. */
  goal: z.string().check(z.minLength(1)),
  goalEn: z.optional(z.string().check(z.minLength(1))),
  /** Target / Output, in the source's order. */
  targets: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  article: z.optional(z.string().check(z.minLength(1))),
  rows: z.array(Row).check(z.minLength(1)),
});
export type Table = z.infer<typeof Table>;

/** Where a plan is enacted. */
export const Source = z.object({
  regulation: z.string().check(z.minLength(1)),
  article: z.string().check(z.minLength(1)),
});
export type Source = z.infer<typeof Source>;

export const Plan = z
  .object({
    id: PlanId,
    title: z.string().check(z.minLength(1)),
    periodStart: Year,
    periodEnd: Year,
    /** The enacting regulation; absent on a copy until the new plan is itself enacted. */
    source: z.optional(Source),
    /** The plan this one was started from (`startNewPeriod`). */
    copiedFrom: z.optional(z.object({ planId: PlanId, source: z.optional(Source) })),
    tables: z.array(Table).check(z.minLength(1)),
  })
  .check(
    z.superRefine((plan, ctx) => {
      const issue = (path: PropertyKey[], message: string) =>
        ctx.addIssue({ code: "custom", path, message });
      if (plan.periodEnd < plan.periodStart) issue(["periodEnd"], "period ends before it starts");
      if (plan.id !== planId(plan.periodStart, plan.periodEnd)) {
        issue(["id"], `id must be ${planId(plan.periodStart, plan.periodEnd)}`);
      }
      const letters = new Set<string>();
      const ids = new Set<string>();
      plan.tables.forEach((table, t) => {
        if (letters.has(table.letter)) issue(["tables", t, "letter"], "table letter repeated");
        letters.add(table.letter);
        if (table.unit !== unitOf(table.letter)) {
          issue(["tables", t, "unit"], `table ${table.letter} belongs to ${unitOf(table.letter)}`);
        }
        table.rows.forEach((row, r) => {
          const path = ["tables", t, "rows", r];
          if (row.number !== r + 1)
            issue([...path, "number"], `row ${r + 1} is numbered ${row.number}`);
          const expected = rowId(plan.id, table.letter, row.number);
          if (row.id !== expected) issue([...path, "id"], `id must be ${expected}`);
          if (ids.has(row.id)) issue([...path, "id"], `row id ${row.id} repeated`);
          ids.add(row.id);
          if (row.unit !== table.unit) issue([...path, "unit"], `row belongs to ${table.unit}`);
          if (row.period.start < plan.periodStart || row.period.end > plan.periodEnd) {
            issue([...path, "period"], "row period outside the plan period");
          }
        });
      });
    }),
  );
export type Plan = z.infer<typeof Plan>;

/** The area's entity: a plan with its tables and rows. */
export const Info = Plan;
export type Info = Plan;

export function planId(periodStart: number, periodEnd: number): string {
  return `rad-${periodStart}-${periodEnd}`;
}

export function rowId(plan: string, letter: Letter, number: number): string {
  return `${plan}.${letter}.${number}`;
}

export function unitOf(letter: Letter): SubTaskForce {
  return `sgt-${letter.toLowerCase()}` as SubTaskForce;
}

// Validated by the first call, not at import: most requests never read the plan.
let sambas: Plan | undefined;

/**
 * The RAD 2016–2020 of Kabupaten Sambas (Perbup Sambas 8/2016 L-III §IX): every row of tables
 * A–E. A fresh copy on each call, so a caller may change it freely.
 */
export function sambas2016(): Plan {
  sambas ??= Plan.parse(SAMBAS_2016_2020);
  return structuredClone(sambas);
}

/** The row with this id, or `undefined`; the caller decides whether that is a 404. */
export function rowById(plan: Plan, id: string): Row | undefined {
  for (const table of plan.tables) {
    const row = table.rows.find((r) => r.id === id);
    if (row) return row;
  }
  return undefined;
}

/** The rows a sub-task-force (`sgt-a` … `sgt-e`) answers for; none for any other unit code. */
export function rowsForUnit(plan: Plan, unit: string): Row[] {
  return plan.tables.filter((t) => t.unit === unit).flatMap((t) => t.rows);
}

/** Both indicators of a row, process first. */
export function indicatorsOf(row: Row): [Indicator, Indicator] {
  return [row.process, row.result];
}

/**
 * Every number a row commits to, wherever the source put it: mostly an indicator, but C.3 and
 * E.1 state theirs in the priority activity (E.1's "minimal 4 x dalam setahun" meetings).
 */
export function targetsOf(
  row: Row,
): { on: "priorityActivity" | IndicatorKind; text: string; target: Target }[] {
  const cells = [
    ["priorityActivity", row.priorityActivity],
    ["process", row.process],
    ["result", row.result],
  ] as const;
  return cells.flatMap(([on, cell]) =>
    cell.target ? [{ on, text: cell.text, target: cell.target }] : [],
  );
}

export const NewPeriodInput = z.object({ periodStart: Year, periodEnd: Year }).check(
  z.refine((p) => p.periodEnd >= p.periodStart, {
    message: "period ends before it starts",
    path: ["periodEnd"],
  }),
);
export type NewPeriodInput = z.infer<typeof NewPeriodInput>;

/**
 * Starts a new plan period from a copy of `plan`: the same tables, rows and indicators, under
 * new ids (`rad-2021-2025.A.3`), each row pointing back to the row it came from. The copy has
 * no `source` or `article`: it is a draft until the new plan is enacted. `plan` is not changed.
 * Throws an `input` VisibleError if the input is invalid or names the plan's own period.
 */
export function startNewPeriod(plan: Plan, input: NewPeriodInput): Plan {
  const from = parse(Plan, plan);
  const { periodStart, periodEnd } = parse(NewPeriodInput, input);
  const id = planId(periodStart, periodEnd);
  if (id === from.id) {
    throw invalid("periodStart", `the new period must differ from ${from.id}`, "rad.same_period");
  }
  const years = `${from.periodStart}(\\s*[–-]\\s*)${from.periodEnd}`;
  const copy: Plan = {
    id,
    title: new RegExp(years).test(from.title)
      ? from.title.replace(new RegExp(years, "g"), `${periodStart}$1${periodEnd}`)
      : `${from.title} (${periodStart}–${periodEnd})`,
    periodStart,
    periodEnd,
    copiedFrom: { planId: from.id, ...(from.source ? { source: from.source } : {}) },
    tables: from.tables.map(({ article: _article, rows, ...table }) => ({
      ...table,
      rows: rows.map(({ article: _a, id: oldId, ...row }) => ({
        ...row,
        id: rowId(id, table.letter, row.number),
        period: { start: periodStart, end: periodEnd },
        copiedFrom: oldId,
      })),
    })),
  };
  return Plan.parse(structuredClone(copy));
}
startNewPeriod.schema = NewPeriodInput;
