export * as TaskForce from "./index.ts";

import { z } from "zod";
import { Dynamo, Key } from "../dynamo/index.ts";

/**
 * A task force is a tenant: one deployment serves many (a district's Gugus Tugas, later a
 * province's). Every item of a task force lives under its id; this registry lists them so that
 * one job run can serve all of them.
 */
export const Info = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  /** `kabupaten` (district) or `provinsi` (province). */
  level: z.enum(["kabupaten", "provinsi"]),
  /** The regulation that constitutes it. */
  legalBasis: z.string(),
  /** Overrides of the calendar's configurable settings (see docs/rules.md); validated by the rulebook. */
  settings: z.record(z.string(), z.unknown()).default({}),
  /**
   * The first day reminders are sent for: obligations whose stages all lie before it are not
   * chased (the day the task force started using Tenggat, unless set otherwise).
   */
  trackFrom: z.string().optional(),
  /** How many months ahead the daily job stores obligation instances (default 13). */
  horizonMonths: z.number().int().min(1).max(36).optional(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Info = z.infer<typeof Info>;

type TaskForceItem = Dynamo.Item & Info;

export async function get(id: string): Promise<Info | undefined> {
  const k = Key.taskForce(id);
  const item = await Dynamo.get<TaskForceItem>(k.pk, k.sk);
  return item ? Info.parse(Dynamo.strip(item)) : undefined;
}

/** Every task force of the deployment (a bounded list: one per district or province). */
export async function list(): Promise<Info[]> {
  const items = await Dynamo.queryAll<TaskForceItem>({ pk: Key.registry().pk });
  return items.map((i) => Info.parse(Dynamo.strip(i)));
}

/** Registers a task force unless it exists; returns whether it was created. */
export async function register(info: Omit<Info, "version">): Promise<boolean> {
  return Dynamo.create({ ...Key.taskForce(info.id), type: "taskforce", v: 1, ...info, version: 1 });
}
