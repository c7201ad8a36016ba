import { z } from "zod";

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
]);
export type ObligationId = z.infer<typeof ObligationId>;

/**
 * Where an obligation comes from: `law` = the body of the regulation or its attachments' rules,
 * `action-plan` = a target of the RAD (L-III §IX), `configured` = a duty the task force chose
 * where the regulation leaves it open.
 */
export const Basis = z.enum(["law", "action-plan", "configured"]);
export type Basis = z.infer<typeof Basis>;
