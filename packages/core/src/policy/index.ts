export * as Policy from "./index.ts";

import { Actor } from "../actor/index.ts";
import { VisibleError } from "../error/index.ts";

/**
 * Who may do what, following the regulation:
 * - the Sekretaris runs the secretariat: schedules meetings, prepares material (Pasal 9(2)d),
 *   assigns tasks and reviews reports; the Ketua Harian leads the secretariat (Pasal 7d) and has
 *   the same powers;
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

/** Whether the actor may act for `office`: holds it, or is the secretariat standing in for a district office. */
export function actsAs(office: string, actor: Actor.Actor = Actor.use()): boolean {
  if (holds(office, actor)) return true;
  // The Sekretaris stands in for the Ketua Harian (Pasal 9(2)c); the secretariat reviews for it.
  return office === "gt.ketua-harian" && isSecretariat(actor);
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
