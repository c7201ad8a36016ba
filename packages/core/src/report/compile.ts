import { Actor } from "../actor/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { invalid, VisibleError } from "../error/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Policy } from "../policy/index.ts";
import * as z from "../util/zod.ts";
import {
  action,
  CASE_FIELDS,
  type Cases,
  Content,
  inputError,
  LIMITS,
  type RadProgress,
  SECTIONS,
} from "./content.ts";
import {
  createFor,
  type Info,
  mayAuthor,
  notWaived,
  ofInstance,
  reportable,
  type Source,
} from "./store.ts";

/**
 * The upward compilation (L-III §VIII "secara berjenjang"; Pasal 7e): the Ketua Harian's report to
 * the Ketua (`district-report`) drafted from the sub-task-forces' semester reports
 * (`semester-report`, Pasal 19a) of the same period, so the Ketua Harian edits rather than
 * retypes. It is created like any report (one per instance, 409 `report.exists` the second time)
 * and then goes its own route.
 *
 * Which reports count: each sub-task-force's `semester-report` instance covering the same dates
 * (the same `period` when an instance has no `covers`), whose report is approved, forwarded or
 * published. The mapping:
 * - planning, implementation, organisation, monitoring: each contributing report's section under
 *   a heading naming its sub-task-force and report id, in unit order; a section cut at the
 *   length limit says so;
 * - rad: the contributing reports' rows, concatenated in unit order (each row belongs to one
 *   sub-task-force, so none repeats; should one, the first is kept);
 * - cases: each count summed over the contributing reports;
 * - narrative: which sub-task-forces reported (report, status, day approved) and which have not
 *   (no report, or its status), a caution that summed counts may count a case handled by two
 *   sub-task-forces twice, then each contributing report's narrative under its heading;
 * - `compiledFrom` / `notReported` keep the same lists as data.
 */

export const CompileInput = z.strictObject({
  instance: z
    .string()
    .check(z.minLength(1), z.maxLength(200), z.describe("A `district-report` obligation instance")),
});
export type CompileInput = z.input<typeof CompileInput>;

const COUNTED = new Set(["approved", "forwarded", "published"]);

const STATUS_ID: Record<string, string> = {
  none: "belum ada laporan",
  draft: "masih draf",
  submitted: "diajukan, belum disetujui",
  returned: "dikembalikan untuk diperbaiki",
  approved: "disetujui",
  forwarded: "disetujui dan diteruskan",
  published: "disetujui dan dipublikasikan",
};

function sameCoverage(a: Obligation.Info, b: Obligation.Info): boolean {
  if (a.covers && b.covers) return a.covers.from === b.covers.from && a.covers.to === b.covers.to;
  return a.period === b.period;
}

/** A unit's semester-report instances for the period of `target`. */
async function semesterInstances(
  tenant: string,
  unit: string,
  target: Obligation.Info,
): Promise<Obligation.Info[]> {
  const found: Obligation.Info[] = [];
  if (!target.covers) {
    found.push(...(await Obligation.allOfUnit(tenant, unit)));
  } else {
    // A report on a period is due after the period ends and within the year after.
    const from = target.covers.to;
    const to = LocalDate.addDays(target.covers.to, 366);
    let cursor: string | undefined;
    do {
      const page = await Obligation.byUnit(tenant, {
        unit,
        from,
        to,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      found.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  return found.filter((i) => i.obligation === "semester-report" && sameCoverage(i, target));
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = "\n[… dipotong; lihat laporan aslinya / cut; see the original report]";
  return text.slice(0, max - marker.length) + marker;
}

interface Contribution {
  name: string;
  report: Info;
}

/** The compiled content and the lists of who did and did not report. */
export function compileContent(
  target: Pick<Obligation.Info, "period" | "covers">,
  reported: Contribution[],
  missing: { name: string; status: string }[],
): Content {
  const heading = (c: Contribution) => `## ${c.name} (${c.report.id})`;
  const sections = Object.fromEntries(
    SECTIONS.map((s) => {
      const parts = reported
        .filter((c) => c.report.content[s].length > 0)
        .map((c) => `${heading(c)}\n${c.report.content[s]}`);
      return [s, cut(parts.join("\n\n"), LIMITS.section)];
    }),
  ) as Record<(typeof SECTIONS)[number], string>;

  const rad: RadProgress[] = [];
  const seen = new Set<string>();
  for (const c of reported) {
    for (const entry of c.report.content.rad as RadProgress[]) {
      if (seen.has(entry.row) || rad.length >= LIMITS.radRows) continue;
      seen.add(entry.row);
      rad.push(entry);
    }
  }

  const cases = Object.fromEntries(
    CASE_FIELDS.map((f) => [f, reported.reduce((sum, c) => sum + c.report.content.cases[f], 0)]),
  ) as Cases;

  const span = target.covers ? ` (${target.covers.from} s.d. ${target.covers.to})` : "";
  const lines = [
    `Disusun dari laporan semester Sub Gugus Tugas yang telah disetujui, periode ${target.period}${span}.`,
    "",
    "Sudah melapor:",
    ...(reported.length > 0
      ? reported.map(
          (c) =>
            `- ${c.name}: ${c.report.id}, ${STATUS_ID[c.report.status] ?? c.report.status}${c.report.approvedOn ? ` ${c.report.approvedOn}` : ""}`,
        )
      : ["- (belum ada)"]),
    "",
    "Belum melapor:",
    ...(missing.length > 0
      ? missing.map((m) => `- ${m.name}: ${STATUS_ID[m.status] ?? m.status}`)
      : ["- (tidak ada)"]),
    "",
    "Jumlah kasus adalah penjumlahan laporan sub gugus tugas; kasus yang ditangani lebih dari satu sub gugus tugas dapat terhitung lebih dari sekali.",
  ];
  const narratives = reported
    .filter((c) => c.report.content.narrative.length > 0)
    .map((c) => `${heading(c)}\n${c.report.content.narrative}`);
  const narrative = cut([lines.join("\n"), ...narratives].join("\n\n"), LIMITS.narrative);

  const result = Content.safeParse({ ...sections, rad, cases, narrative });
  if (!result.success) {
    // The sources passed the same rules; only their sum can fail (the size limit).
    const e = inputError(result.error, ["content"]);
    throw new VisibleError("conflict", "report.compile_failed", e.message, e.issues);
  }
  return result.data;
}

/**
 * Creates the draft of a `district-report` instance compiled from the sub-task-forces' approved
 * semester reports (its owner, the Ketua Harian, or the secretariat standing in).
 */
export const compile = action(CompileInput, async (input): Promise<Info> => {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  const tenant = Actor.tenant();
  const target = await reportable(tenant, input.instance);
  if (target.obligation !== "district-report") {
    throw invalid(
      "instance",
      `${input.instance} is a ${target.obligation}; only a district-report is compiled`,
      "report.not_compilable",
    );
  }
  Policy.require(
    mayAuthor(target),
    "report.not_owner",
    `only ${target.owner} may compile this report`,
  );
  notWaived(target);

  const units = (await Directory.units(tenant))
    .filter((u) => u.kind === "sub-gugus-tugas")
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const reported: Contribution[] = [];
  const compiledFrom: Source[] = [];
  const missing: { name: string; status: string }[] = [];
  const notReported: Source[] = [];
  for (const unit of units) {
    const instances = await semesterInstances(tenant, unit.code, target);
    let counted = false;
    let status = "none";
    for (const instance of instances) {
      const report = await ofInstance(tenant, instance.id);
      if (!report) continue;
      if (COUNTED.has(report.status)) {
        if (!counted) {
          reported.push({ name: unit.name, report });
          compiledFrom.push({
            unit: unit.code,
            instance: instance.id,
            report: report.id,
            status: report.status,
          });
        }
        counted = true;
      } else status = report.status;
    }
    if (!counted) {
      missing.push({ name: unit.name, status });
      notReported.push({
        unit: unit.code,
        ...(instances[0] ? { instance: instances[0].id } : {}),
        status,
      });
    }
  }
  const content = compileContent(target, reported, missing);
  return createFor(tenant, target, content, { compiledFrom, notReported });
});
