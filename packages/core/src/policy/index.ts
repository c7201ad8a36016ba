export * as Policy from "./index.ts";

import { Actor } from "../actor/index.ts";
import { VisibleError } from "../error/index.ts";

/**
 * Who may do what, following the regulation:
 * - the Sekretaris runs the secretariat: schedules meetings, prepares material (Pasal 9(2)d),
 *   assigns tasks; the Ketua Harian leads the secretariat (Pasal 7d) and has the same powers;
 * - the Sekretaris stands in for the Ketua Harian at members' meetings only (Pasal 9(2)c): not
 *   on a report's route, not for approvals. Anyone acts for an office they do not hold only
 *   through an explicit acting (Plt.) assignment, which is recorded with its decision;
 * - separation of duties: one person acts at most once on one report's route and never approves
 *   what they authored (`report/`); nobody appoints themself to a leadership office or as Plt.
 *   (`Directory.assign`);
 * - coordinators (and their deputies) act for their own sub-task-force (Pasal 10–14);
 * - the head of a Satgas acts for that Satgas (Pasal 5(7));
 * - an office on a report's route acts on the report when it reaches that office;
 * - the public reads published reports only.
 */

export const SECRETARIAT_OFFICES = ["gt.sekretaris", "gt.ketua-harian"] as const;

function offices(actor: Actor.Actor): string[] {
  return actor.type === "person" ? actor.offices : [];
}

export function holds(office: string, actor: Actor.Actor = Actor.use()): boolean {
  return offices(actor).includes(office);
}

export function isSecretariat(actor: Actor.Actor = Actor.use()): boolean {
  return SECRETARIAT_OFFICES.some((o) => holds(o, actor));
}

/** Whether the actor leads `unit`: its coordinator or deputy, or the head of a Satgas. */
export function leads(unit: string, actor: Actor.Actor = Actor.use()): boolean {
  return offices(actor).some((o) => {
    const [u, role] = o.split(".");
    return (
      u === unit &&
      (role === "koordinator" ||
        role === "wakil-koordinator" ||
        (unit.startsWith("satgas-") && role === "ketua"))
    );
  });
}

/** Whether the actor is a member of `unit` in any office (may read its work). */
export function memberOf(unit: string, actor: Actor.Actor = Actor.use()): boolean {
  return offices(actor).some((o) => o.split(".")[0] === unit);
}

/**
 * Whether the actor may act for `office` on reports, tasks and approvals: holds it, as holder or
 * as acting holder (Plt., which `Directory.officesOf` includes). Nobody stands in otherwise: the
 * Sekretaris's stand-in for the Ketua Harian is for meetings only (`standsInAtMeeting`).
 */
export function actsAs(office: string, actor: Actor.Actor = Actor.use()): boolean {
  return holds(office, actor);
}

/**
 * Whether the actor may take `office`'s place at a members' meeting: holds it, or is the
 * Sekretaris standing in for the Ketua Harian who cannot attend (Pasal 9(2)c).
 */
export function standsInAtMeeting(office: string, actor: Actor.Actor = Actor.use()): boolean {
  return holds(office, actor) || (office === "gt.ketua-harian" && holds("gt.sekretaris", actor));
}

export function isSignedIn(actor: Actor.Actor = Actor.use()): boolean {
  return actor.type === "person";
}

export function hasScope(scope: string, actor: Actor.Actor = Actor.use()): boolean {
  return actor.type === "machine" && actor.scopes.includes(scope);
}

/** Throws 401 for anonymous callers and 403 for signed-in callers without the right. */
export function require(allowed: boolean, code: string, message: string): void {
  if (allowed) return;
  const actor = Actor.use();
  if (actor.type === "public") {
    throw new VisibleError("unauthenticated", "auth.required", "sign-in required");
  }
  throw new VisibleError("forbidden", code, message);
}
