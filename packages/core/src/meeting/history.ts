/**
 * The meetings held, as the calendar takes them: what the daily job reads of meetings. Apart
 * from the meeting module (scheduling, minutes, tasks, invitations) so that the daily job does
 * not load it (issue 12); `Meeting.history` is this.
 */
import { Dynamo, Key } from "../dynamo/index.ts";
import { KINDS, type Kind } from "./kinds.ts";

/** The fields of a stored meeting this reads. */
type HeldItem = Dynamo.Item & { kind: Kind; unit: string; minutes?: { heldOn: string } };

/**
 * The meetings held in `units`, as the calendar takes them (`Calendar.Context.held`): one record
 * per held meeting whose kind settles an obligation, with the unit and the date it took place
 * (one Query per unit).
 */
export async function history(
  tenant: string,
  units: readonly string[],
): Promise<
  { obligation: NonNullable<(typeof KINDS)[Kind]["obligation"]>; unit: string; date: string }[]
> {
  const out = [];
  for (const unit of units) {
    for (const m of await heldItems<HeldItem>(tenant, unit)) {
      const obligation = KINDS[m.kind].obligation;
      if (obligation && m.minutes) out.push({ obligation, unit: m.unit, date: m.minutes.heldOn });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.unit.localeCompare(b.unit));
}

/** The stored meetings of `unit` that were held (one Query of its meetings, filtered). */
export function heldItems<T extends Dynamo.Item>(tenant: string, unit: string): Promise<T[]> {
  return Dynamo.queryAll<T>({
    index: "gsi1",
    pk: Key.meetingsOfUnit(tenant, unit).gsi1pk,
    filter: {
      expression: "#status = :held",
      names: { "#status": "status" },
      values: { ":held": "held" },
    },
  });
}
