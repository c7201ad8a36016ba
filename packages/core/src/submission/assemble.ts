import { ActionPlan } from "../actionplan/index.ts";
import { Directory } from "../directory/index.ts";
import { Obligation } from "../obligation/index.ts";
import { compileContent } from "../report/compile.ts";
import { Report } from "../report/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import {
  type Body,
  CASE_KEYS,
  type CaseCounts,
  type CaseLine,
  type ComplianceLine,
  type MeetingLine,
  type MemberLine,
  type Period,
  type RadLine,
  SCHEMA,
} from "./schema.ts";

/**
 * Assembles a package body from what is stored and approved — nothing else: the same approved
 * data gives the same body, hence the same bytes and hash (every list is sorted).
 *
 * - RAD and cases: each sub-task-force's report whose coverage is exactly the period
 *   (`semester-report` for January–June, `annual-report` for a year) once approved, forwarded or
 *   published; case counts summed (the same caution as the compiled district report: a case
 *   handled by two sub-task-forces may count twice);
 * - meetings: per unit, the meeting obligations due in the period, and how many a held meeting
 *   satisfied;
 * - compliance: every obligation instance due in the period: `on-time` (satisfied on or before
 *   its due date), `late`, `waived` (with the day and reason), `open`;
 * - narrative: the approved `district-report` of the period when there is one, else compiled
 *   from the contributing reports as `Report.compile` would (`report/compile.ts`);
 * - a province adds the newest package received from each member for the period (`members`).
 */

const COUNTED = new Set(["approved", "forwarded", "published"]);
const MEETINGS = new Set(["subtask-meeting", "taskforce-meeting", "workshop"]);

/** The national submission is a reading of L-III §VIII (issue 8 item 2). */
const BASIS: Body["basis"] = {
  kind: "reading",
  article: "L-III §VIII",
  note: "Kemajuan nasional dikoordinasikan kementerian setiap September–Oktober; paket ini membawa capaian periode tersebut secara berjenjang (tafsiran). / National progress is coordinated every September–October; this package carries the period's progress upward (a reading of the text).",
};

export const ZERO: CaseCounts = {
  reported: 0,
  handled: 0,
  victimsAssisted: 0,
  victimsRepatriated: 0,
  prosecuted: 0,
};

export function addCases(a: CaseCounts, b: CaseCounts): CaseCounts {
  return Object.fromEntries(CASE_KEYS.map((k) => [k, a[k] + b[k]])) as CaseCounts;
}

const sameSpan = (i: Obligation.Info, p: Period) =>
  i.covers?.from === p.from && i.covers?.to === p.to;

function compliance(tenant: string, i: Obligation.Info): ComplianceLine {
  const base = {
    taskForce: tenant,
    instance: i.id,
    obligation: i.obligation,
    unit: i.unit,
    period: i.period,
    due: i.due,
    basis: i.basis,
  };
  if (i.status === "satisfied" && i.satisfiedBy) {
    return {
      ...base,
      status: i.satisfiedBy.on <= i.due ? "on-time" : "late",
      on: i.satisfiedBy.on,
      by: `${i.satisfiedBy.kind}:${i.satisfiedBy.id}`,
    };
  }
  if (i.status === "waived" && i.waiver) {
    return { ...base, status: "waived", on: i.waiver.on, by: i.waiver.reason };
  }
  return { ...base, status: "open" };
}

/** A member's package as the province stores it (see `federation`). */
export interface Received {
  taskForce: string;
  name: string;
  receivedAt: string;
  package: {
    version: number;
    contentHash: string;
    rad: RadLine[];
    cases: { byUnit: CaseLine[]; total: CaseCounts };
    meetings: MeetingLine[];
    compliance: ComplianceLine[];
    narrative: string;
  };
}

export async function assemble(
  tenant: string,
  period: Period,
  received: Received[] = [],
): Promise<Body> {
  const tf = await TaskForce.get(tenant);
  const units = (await Directory.units(tenant)).sort((a, b) => (a.code < b.code ? -1 : 1));
  const activity = new Map<string, string>();
  for (const plan of await ActionPlan.all(tenant)) {
    for (const table of plan.tables)
      for (const row of table.rows) activity.set(row.id, row.activity);
  }
  const reportKind = period.kind === "h1" ? "semester-report" : "annual-report";

  const rad: RadLine[] = [];
  const byUnit: CaseLine[] = [];
  const meetings: MeetingLine[] = [];
  const lines: ComplianceLine[] = [];
  const reported: { name: string; report: Report.Info }[] = [];
  const missing: { name: string; status: string }[] = [];
  let district: Report.Info | undefined;

  for (const unit of units) {
    const instances = (await Obligation.allOfUnit(tenant, unit.code)).sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    const due = instances.filter((i) => period.from <= i.due && i.due <= period.to);
    for (const i of due) lines.push(compliance(tenant, i));
    const meetingsDue = due.filter((i) => MEETINGS.has(i.obligation));
    if (meetingsDue.length > 0) {
      meetings.push({
        taskForce: tenant,
        unit: unit.code,
        required: meetingsDue.length,
        held: meetingsDue.filter((i) => i.satisfiedBy?.kind === "meeting").length,
      });
    }
    if (unit.kind === "gugus-tugas" && period.kind === "h1") {
      const target = instances.find(
        (i) => i.obligation === "district-report" && sameSpan(i, period),
      );
      const r = target ? await Report.ofInstance(tenant, target.id) : undefined;
      if (r && COUNTED.has(r.status)) district = r;
    }
    if (unit.kind !== "sub-gugus-tugas") continue;
    const source = instances.find((i) => i.obligation === reportKind && sameSpan(i, period));
    const r = source ? await Report.ofInstance(tenant, source.id) : undefined;
    if (!r || !COUNTED.has(r.status)) {
      missing.push({ name: unit.name, status: r?.status ?? "none" });
      continue;
    }
    reported.push({ name: unit.name, report: r });
    for (const entry of r.content.rad) {
      rad.push({
        taskForce: tenant,
        unit: unit.code,
        row: entry.row,
        activity: activity.get(entry.row) ?? "",
        process: entry.process,
        result: entry.result,
        report: r.id,
      });
    }
    byUnit.push({ taskForce: tenant, unit: unit.code, report: r.id, ...r.content.cases });
  }

  let narrative =
    district?.content.narrative ??
    compileContent(
      { period: period.id, covers: { from: period.from, to: period.to } },
      reported,
      missing,
    ).narrative;

  const members: MemberLine[] = [];
  for (const m of [...received].sort((a, b) => (a.taskForce < b.taskForce ? -1 : 1))) {
    members.push({
      taskForce: m.taskForce,
      name: m.name,
      version: m.package.version,
      contentHash: m.package.contentHash,
      receivedAt: m.receivedAt,
    });
    rad.push(...m.package.rad);
    byUnit.push(...m.package.cases.byUnit);
    meetings.push(...m.package.meetings);
    lines.push(...m.package.compliance);
    narrative += `\n\n## ${m.name} (${m.taskForce}, versi ${m.package.version})\n${m.package.narrative}`;
  }
  if (narrative.length > 100_000) narrative = `${narrative.slice(0, 99_900)}\n[… dipotong / cut]`;

  return {
    schema: SCHEMA,
    taskForce: { id: tenant, name: tf?.name ?? tenant, level: tf?.level ?? "kabupaten" },
    period,
    basis: BASIS,
    rad,
    cases: { total: byUnit.reduce<CaseCounts>((sum, l) => addCases(sum, l), ZERO), byUnit },
    meetings,
    compliance: lines,
    narrative,
    members,
  };
}
