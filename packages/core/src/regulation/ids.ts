import * as z from "../util/zod.ts";

/** The obligations of the rulebook, by stable id (issue #2 §2). */
export const ObligationId = z.enum([
  "subtask-meeting",
  "taskforce-meeting",
  "workshop",
  "semester-report",
  "annual-report",
  "satgas-report",
  "district-report",
  "national-submission",
  "annual-evaluation",
  "coordinator-monitoring",
  "chair-annual-report",
  "chair-five-year-report",
  "action-plan-renewal",
  "secretariat-report",
  "satgas-monitoring",
  "bupati-evaluation",
  "holiday-list",
  "member-submission",
]);
export type ObligationId = z.infer<typeof ObligationId>;

/**
 * Where an obligation comes from: `law` = the body of the regulation or its attachments' rules,
 * `action-plan` = a target of the RAD (L-III §IX), `reading` (tafsiran) = one understanding of
 * a text that allows more than one, `configured` = a duty the task force chose where the
 * regulation leaves it open. A reading or a choice is never presented as law.
 */
export const Basis = z.enum(["law", "action-plan", "reading", "configured"]);
export type Basis = z.infer<typeof Basis>;

const BASIS_LABELS: Record<Basis, { id: string; en: string }> = {
  law: { id: "ketentuan peraturan", en: "the regulation" },
  "action-plan": { id: "target rencana aksi daerah (RAD)", en: "action-plan target (RAD)" },
  reading: { id: "tafsiran atas peraturan", en: "a reading of the regulation" },
  configured: { id: "pengaturan gugus tugas", en: "the task force's configuration" },
};

/** The basis as people read it, e.g. on a message's "Dasar" line: `tafsiran atas peraturan`. */
export function basisLabel(basis: Basis, lang: "id" | "en" = "id"): string {
  return BASIS_LABELS[basis][lang];
}
