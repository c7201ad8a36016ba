export * as ActionPlan from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Calendar } from "../calendar/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Obligation } from "../obligation/index.ts";
import { RAD } from "../rad/index.ts";
import { Regulation } from "../regulation/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import * as z from "../util/zod.ts";

/**
 * The task force's action plans (Rencana Aksi Daerah, L-III §IX) as stored: the enacted
 * 2016–2020 plan is installed with the task force, and a new plan period starts from a copy of
 * the latest plan (Pasal 6a: the Ketua draws up the RAD), to be edited as the new regulation says.
 * Reports record progress against the rows of these plans.
 */

type PlanItem = Dynamo.Item & { plan: RAD.Plan; version: number };

export const Summary = z.object({
  id: z.string(),
  title: z.string(),
  periodStart: z.int(),
  periodEnd: z.int(),
  rows: z.int(),
  copiedFrom: z.optional(z.string()),
});
export type Summary = z.infer<typeof Summary>;

function summary(plan: RAD.Plan): Summary {
  return {
    id: plan.id,
    title: plan.title,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    rows: plan.tables.reduce((n, t) => n + t.rows.length, 0),
    ...(plan.copiedFrom ? { copiedFrom: plan.copiedFrom.planId } : {}),
  };
}

/** Stores a plan unless one with its id exists (installation is idempotent). */
export async function install(tenant: string, plan: RAD.Plan): Promise<boolean> {
  return Dynamo.create({
    ...Key.radPlan(tenant, plan.id),
    type: "rad-plan",
    v: 1,
    plan,
    version: 1,
  });
}

export async function all(tenant: string): Promise<RAD.Plan[]> {
  const items = await Dynamo.queryAll<PlanItem>({ pk: Key.radPlan(tenant, "").pk });
  return items.map((i) => RAD.Plan.parse(i.plan)).sort((a, b) => a.periodStart - b.periodStart);
}

export async function list(tenant: string): Promise<Summary[]> {
  return (await all(tenant)).map(summary);
}

export async function get(tenant: string, id: string): Promise<RAD.Plan> {
  const k = Key.radPlan(tenant, id);
  const item = await Dynamo.get<PlanItem>(k.pk, k.sk);
  if (!item) throw notFound("rad", id);
  return RAD.Plan.parse(item.plan);
}

/**
 * A synchronous look-up of the task force's plans by id, for checking report rows. The enacted
 * 2016–2020 plan is always known, stored or not.
 */
export async function lookup(tenant: string): Promise<(id: string) => RAD.Plan | undefined> {
  const plans = new Map((await all(tenant)).map((p) => [p.id, p]));
  const enacted = RAD.sambas2016();
  if (!plans.has(enacted.id)) plans.set(enacted.id, enacted);
  return (id) => plans.get(id);
}

export const NewPeriod = z
  .object({
    periodStart: z.int().check(z.minimum(2016), z.maximum(2200)),
    periodEnd: z.int().check(z.minimum(2016), z.maximum(2200)),
  })
  .check(
    z.refine((p) => p.periodEnd >= p.periodStart, {
      path: ["periodEnd"],
      message: "must not be before periodStart",
    }),
  );

/**
 * Starts a new plan period from a copy of the latest plan (same rows and indicators, new ids).
 * Installing it satisfies the renewal owed for the plan period that ends before it
 * (`action-plan-renewal`, Pasal 6a, a reading), when that instance is stored.
 */
export async function startNewPeriod(input: z.input<typeof NewPeriod>): Promise<Summary> {
  const period = NewPeriod.parse(input);
  const tenant = Actor.tenant();
  const plans = await all(tenant);
  const latest = plans[plans.length - 1] ?? RAD.sambas2016();
  if (plans.some((p) => p.periodStart <= period.periodEnd && period.periodStart <= p.periodEnd)) {
    throw new VisibleError(
      "conflict",
      "rad.period_overlaps",
      `a plan for ${period.periodStart}–${period.periodEnd} overlaps an existing plan`,
    );
  }
  const copy = RAD.startNewPeriod(latest, period);
  await Audit.commit<PlanItem>(
    tenant,
    { ...Key.radPlan(tenant, copy.id), type: "rad-plan", v: 1, plan: copy },
    undefined,
    {
      entity: "rad",
      entityId: copy.id,
      unit: "gt",
      action: "rad.period_started",
      after: summary(copy),
    },
  );
  const settings = Regulation.Settings.safeParse((await TaskForce.get(tenant))?.settings ?? {});
  const before = Calendar.planPeriods(
    settings.success ? settings.data : Regulation.DEFAULTS,
    period.periodStart - 1,
    period.periodStart - 1,
  );
  for (const p of before) {
    await Obligation.satisfyBy(tenant, `action-plan-renewal:gt:${p.start}-${p.end}`, {
      by: "plan",
      ref: copy.id,
      at: LocalDate.at(Actor.now()),
    });
  }
  return summary(copy);
}
