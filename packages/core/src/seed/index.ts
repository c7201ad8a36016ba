export * as Seed from "./index.ts";

import { ActionPlan } from "../actionplan/index.ts";
import { Actor } from "../actor/index.ts";
import { Directory } from "../directory/index.ts";
import type { Org } from "../org/index.ts";
import type { RAD } from "../rad/index.ts";
import { TaskForce } from "../taskforce/index.ts";

export interface SeedInput {
  taskForce: Omit<TaskForce.Info, "version" | "createdAt" | "settings"> & {
    settings?: Record<string, unknown>;
  };
  org: Org.Organisation;
  /** The date people's assignments start from. */
  since: string;
  /** The first day reminders are sent for (default: the day of installation). */
  trackFrom?: string;
  /** Action plans (RAD) to install. */
  plans?: RAD.Plan[];
}

export interface SeedResult {
  /** Whether the task force was registered by this call (false: it existed; the rest is topped up). */
  registered: boolean;
  itemsCreated: number;
  peopleCreated: number;
  assignmentsCreated: number;
}

/**
 * Installs a task force: registers it, stores its units and offices, and the people of its
 * configuration assigned to their offices. Idempotent: running it again adds only what is
 * missing, so a restart or a second deployment step never duplicates anything.
 */
export async function install(input: SeedInput): Promise<SeedResult> {
  const tenant = input.taskForce.id;
  return Actor.provide({ type: "system", tenant, job: "seed" }, async () => {
    const registered = await TaskForce.register({
      ...input.taskForce,
      settings: input.taskForce.settings ?? {},
      ...(input.trackFrom ? { trackFrom: input.trackFrom } : {}),
      createdAt: Actor.now().toISOString(),
    });
    // A task force registered now has no assignment from before the roster index (the daily
    // job would otherwise check every office's holders once on its first run).
    if (registered) await Directory.rosterComplete(tenant);
    const itemsCreated = await Directory.seedOrganisation(
      tenant,
      [...input.org.units],
      [...input.org.offices],
    );
    let peopleCreated = 0;
    let assignmentsCreated = 0;
    for (const seat of input.org.people) {
      let person = await Directory.personByEmail(tenant, seat.email);
      if (!person) {
        person = await Directory.createPerson({ name: seat.name, email: seat.email });
        peopleCreated++;
      }
      const current = await Directory.assignments(tenant, seat.office, input.since);
      if (!current.some((a) => a.personId === person.id)) {
        await Directory.assign({ office: seat.office, personId: person.id, start: input.since });
        assignmentsCreated++;
      }
    }
    for (const plan of input.plans ?? []) await ActionPlan.install(tenant, plan);
    return { registered, itemsCreated, peopleCreated, assignmentsCreated };
  });
}
