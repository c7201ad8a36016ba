export * as Sweep from "./index.ts";

import { Actor } from "../actor/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { Fanout } from "../fanout/index.ts";
import type { Federation } from "../federation/index.ts";
import { Ledger } from "../ledger/index.ts";
import { Outbox } from "../outbox/index.ts";

/**
 * The sweep (every 15 minutes in office hours): completes what is owed, in three parts — the
 * changes' intents (`Outbox`), mail left claimed but unsent (the ledger), and packages due
 * upward (`Federation`). Most sweeps find nothing owed, so each part first asks with one Query
 * per task force and loads the code that does the work (the calendar and holiday table for the
 * working-day check, the SES client, submission rendering and signing) only when that Query
 * found something (issue 12: the sweep Lambda's cold start is mostly a sweep with nothing owed).
 */

export interface Options extends Ledger.Options, Federation.Options {
  /** The task forces to sweep (default: every registered one). */
  tenants?: string[];
}

/** The three parts for every task force, in order; a task force's failure stops no other. */
export async function all(now: Date, options: Options = {}) {
  const tenants = options.tenants ?? (await Fanout.tenantIds());
  const intents = await Outbox.sweepAll(now, tenants);
  const { today, results } = await mail(now, { ...options, tenants });
  const deliveries = await upward(now, { ...options, tenants });
  return { today, results, intents, deliveries };
}

/**
 * Retries mail a run left claimed but unsent (a crash, SES throttling or errors), for every
 * task force, on working days only: a retried digest never lands on a weekend or holiday.
 */
export async function mail(now: Date, options: Options = {}) {
  const today = LocalDate.at(now);
  const tenants = options.tenants ?? (await Fanout.tenantIds());
  const results: {
    tenant: string;
    swept?: Partial<Record<Ledger.Outcome, number>>;
    error?: string;
  }[] = [];
  for (const tenant of tenants) {
    try {
      const swept = await Actor.provide(
        { type: "system", tenant, job: "sweep" },
        async () => {
          // Usually nothing is due: one Query, and the task force is read only when it is.
          const due = await Ledger.overdue(tenant);
          if (due.length === 0) return {};
          if (!(await workingDay(tenant, today))) return {};
          return Ledger.sweep(tenant, options, due);
        },
        () => now,
      );
      results.push({ tenant, swept });
    } catch (error) {
      results.push({ tenant, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { today, results };
}

/** Whether `date` is a working day under the task force's settings (its holiday calendar). */
async function workingDay(tenant: string, date: string): Promise<boolean> {
  const [{ TaskForce }, { Regulation }, { Calendar }] = await Promise.all([
    import("../taskforce/index.ts"),
    import("../regulation/index.ts"),
    import("../calendar/index.ts"),
  ]);
  const info = await TaskForce.get(tenant);
  const settings = Regulation.settingsOf(info?.settings ?? {});
  return Calendar.holidaysFor(settings).isWorkingDay(date);
}

/** A task force's deliveries upward due at `now`: one Query of the due index. */
export function dueDeliveries(tenant: string, now: Date): Promise<Dynamo.Item[]> {
  return Dynamo.queryAll({
    index: "gsi2",
    pk: Key.deliveriesDue(tenant).gsi2pk,
    sk: { lte: `${now.toISOString()}#~` },
  });
}

/**
 * Attempts the deliveries upward that are due, for every task force (`Federation.attemptDue`):
 * one Query of the due index per task force; `Federation` (signing, submission rendering) is
 * loaded only for a task force with one due.
 */
export async function upward(now: Date, options: Options = {}) {
  const tenants = options.tenants ?? (await Fanout.tenantIds());
  const results: { tenant: string; attempted: number; delivered: number; error?: string }[] = [];
  for (const tenant of tenants) {
    try {
      const due = await dueDeliveries(tenant, now);
      if (due.length === 0) {
        results.push({ tenant, attempted: 0, delivered: 0 });
        continue;
      }
      const { Federation } = await import("../federation/index.ts");
      const done = await Federation.attemptDue(tenant, now, options, due);
      results.push({
        tenant,
        attempted: done.length,
        delivered: done.filter((d) => d.state === "delivered").length,
      });
    } catch (error) {
      results.push({ tenant, attempted: 0, delivered: 0, error: String(error) });
    }
  }
  return results;
}
