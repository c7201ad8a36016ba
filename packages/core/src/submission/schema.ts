import { createHash } from "node:crypto";
import * as z from "../util/zod.ts";

/**
 * The submission package, `tenggat.submission/v1` (documented with an example in
 * docs/submission.md): what a task force sends up "secara berjenjang" (L-III §VIII) for a period.
 * Aggregates only — no field can hold anyone's identity (UU 21/2007 Pasal 44).
 */

export const SCHEMA = "tenggat.submission/v1";

export const PeriodKind = z.enum(["h1", "annual"]);
export type PeriodKind = z.infer<typeof PeriodKind>;

export const Period = z.object({
  /** `2027-H1` (January–June) or `2027` (the whole year). */
  id: z.string(),
  kind: PeriodKind,
  from: z.string(),
  to: z.string(),
});
export type Period = z.infer<typeof Period>;

const Measure = z.union([z.number(), z.string()]);
const Indicator = z.object({
  target: z.optional(Measure),
  actual: z.optional(Measure),
  note: z.optional(z.string()),
});

export const RadLine = z.object({
  taskForce: z.string(),
  unit: z.string().check(z.describe("The sub-task-force (sgt-a … sgt-e)")),
  row: z.string().check(z.describe("RAD row id, e.g. rad-2016-2020.A.1")),
  activity: z.string().check(z.describe("Kegiatan, from the action plan")),
  process: Indicator.check(z.describe("Indikator Proses")),
  result: Indicator.check(z.describe("Indikator Hasil")),
  report: z.string().check(z.describe("The approved report the figures come from")),
});
export type RadLine = z.infer<typeof RadLine>;

export const CaseCounts = z.object({
  reported: z.int(),
  handled: z.int(),
  victimsAssisted: z.int(),
  victimsRepatriated: z.int(),
  prosecuted: z.int(),
});
export type CaseCounts = z.infer<typeof CaseCounts>;
export const CASE_KEYS = [
  "reported",
  "handled",
  "victimsAssisted",
  "victimsRepatriated",
  "prosecuted",
] as const;

export const CaseLine = z.extend(CaseCounts, {
  taskForce: z.string(),
  unit: z.string(),
  report: z.string(),
});
export type CaseLine = z.infer<typeof CaseLine>;

export const MeetingLine = z.object({
  taskForce: z.string(),
  unit: z.string(),
  required: z.int(),
  held: z.int(),
});
export type MeetingLine = z.infer<typeof MeetingLine>;

export const ComplianceStatus = z.enum(["on-time", "late", "open", "waived"]);
export const ComplianceLine = z.object({
  taskForce: z.string(),
  instance: z.string(),
  obligation: z.string(),
  unit: z.string(),
  period: z.string(),
  due: z.string(),
  basis: z.string(),
  status: ComplianceStatus,
  /** The day it was satisfied or waived. */
  on: z.optional(z.string()),
  /** What satisfied it (`report:rpt_…`, `meeting:mtg_…`) or the waiver's reason. */
  by: z.optional(z.string()),
});
export type ComplianceLine = z.infer<typeof ComplianceLine>;

/** A member's package folded into a province's roll-up. */
export const MemberLine = z.object({
  taskForce: z.string(),
  name: z.string(),
  version: z.int(),
  contentHash: z.string(),
  receivedAt: z.string(),
});
export type MemberLine = z.infer<typeof MemberLine>;

/** Everything the hash covers: the package without `generatedAt`, `version`, `contentHash`. */
export const Body = z.object({
  schema: z.literal(SCHEMA),
  taskForce: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  period: Period,
  basis: z.object({
    kind: z.enum(["law", "action-plan", "reading", "configured"]),
    article: z.string(),
    note: z.string(),
  }),
  rad: z.array(RadLine),
  cases: z.object({ total: CaseCounts, byUnit: z.array(CaseLine) }),
  meetings: z.array(MeetingLine),
  compliance: z.array(ComplianceLine),
  narrative: z.string(),
  /** For a province's roll-up: the member packages it was built from. */
  members: z.array(MemberLine),
});
export type Body = z.infer<typeof Body>;

export const Package = z.extend(Body, {
  generatedAt: z.string().check(z.describe("When this version was first assembled (ISO 8601)")),
  version: z.int().check(z.minimum(1), z.describe("Increases when the content changes")),
  contentHash: z
    .string()
    .check(
      z.describe(
        "sha256:<hex> of the canonical JSON of everything else but generatedAt and version",
      ),
    ),
});
export type Package = z.infer<typeof Package>;

/** JSON with keys sorted at every level and no whitespace: the same value, the same bytes. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function hashOf(body: Body): string {
  return `sha256:${createHash("sha256").update(canonical(body)).digest("hex")}`;
}

/** The package's bytes (canonical JSON, UTF-8). */
export function bytes(pkg: Package): string {
  return canonical(pkg);
}

/** Checks a package's hash against its content (a receiver does this after the signature). */
export function verifyHash(pkg: Package): boolean {
  const { generatedAt: _g, version: _v, contentHash, ...body } = pkg;
  return hashOf(body) === contentHash;
}

/** `2027` + `h1` → 1 January – 30 June 2027; `annual` → the calendar year. */
export function periodOf(year: number, kind: PeriodKind): Period {
  return kind === "h1"
    ? { id: `${year}-H1`, kind, from: `${year}-01-01`, to: `${year}-06-30` }
    : { id: `${year}`, kind, from: `${year}-01-01`, to: `${year}-12-31` };
}
