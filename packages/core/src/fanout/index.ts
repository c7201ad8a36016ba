export * as Fanout from "./index.ts";

import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { Observe } from "../observe/index.ts";

/**
 * The daily job at national scale, its scheduled half: one message per task force on a queue
 * (SQS in AWS, an in-process stand-in locally); `Reminder.consume` runs each task force on its
 * own. Its own area, apart from the reminder planner, so that the scheduled Lambda loads only
 * what enqueueing needs: the registry's ids, no calendar, no mail (issue 12).
 */

/** One task force's daily run, as a queue message (`Reminder.TenantMessage` checks it). */
export interface TenantMessage {
  tenant: string;
  /** The instant the job was scheduled for: every consumer plans the same day from it. */
  at: string;
}

/** The queue, as the job sees it: send messages (the implementation batches them). */
export interface JobQueue {
  send(messages: readonly TenantMessage[]): Promise<void>;
}

/**
 * The ids of every registered task force (one Query of the registry), in the registry's order:
 * what the daily job and the sweep run. The task forces' records are read by whoever runs one.
 */
export async function tenantIds(): Promise<string[]> {
  const items = await Dynamo.queryAll<Dynamo.Item & { id: string }>({ pk: Key.registry().pk });
  return items.map((i) => i.id);
}

/** Puts one message per task force (every registered one, or those named) on the queue. */
export async function enqueue(
  now: Date,
  queue: JobQueue,
  tenants?: string[],
): Promise<{ today: string; enqueued: number }> {
  const all = tenants ?? (await tenantIds());
  await queue.send(all.map((tenant) => ({ tenant, at: now.toISOString() })));
  Observe.log.info("daily job enqueued", { job: "daily", tenants: all.length });
  return { today: LocalDate.at(now), enqueued: all.length };
}
