export * as Obligation from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { invalid, notFound, VisibleError } from "../error/index.ts";
import { Policy } from "../policy/index.ts";
import { Privacy } from "../privacy/index.ts";
import { Basis } from "../regulation/ids.ts";
import { fn } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * Obligation instances as stored: what the calendar computed (who owes what, by when, under
 * which article), plus what happened to it. Materialised ahead by the daily job; a held meeting
 * or an approved report satisfies one; the secretariat may waive one with a reason. Overdue is
 * never stored: it is derived from the due date and today.
 */

export const Status = z.enum(["open", "satisfied", "waived"]);
export type Status = z.infer<typeof Status>;

/** What the calendar computes for an instance (see `@tenggat/core/calendar`). */
export const Computed = z.object({
  id: z.string(),
  obligation: z.string(),
  title: z.object({ id: z.string(), en: z.string() }),
  unit: z.string(),
  owner: z.string().check(z.describe("The office that owes it")),
  route: z
    .array(z.string())
    .check(z.describe("Offices in order, the owner first (as the calendar computes it)")),
  copies: z._default(z.array(z.string()), []),
  period: z.string(),
  windowStart: LocalDate.Schema,
  windowEnd: LocalDate.Schema,
  due: LocalDate.Schema,
  article: z.string().check(z.describe("Citation, e.g. 'Pasal 19a; L-III §VIII'")),
  basis: Basis,
  covers: z.optional(z.object({ from: LocalDate.Schema, to: LocalDate.Schema })),
});
export type Computed = z.infer<typeof Computed>;

/**
 * What settled an instance: a held meeting, an approved report, a delivered submission package
 * (`national-submission`), a new plan period installed (`action-plan-renewal`), an official
 * holiday list stored through the settings (`holiday-list`), or an evaluation recorded.
 */
export const SatisfiedKind = z.enum([
  "meeting",
  "report",
  "submission",
  "plan",
  "settings",
  "evaluation",
]);
export type SatisfiedKind = z.infer<typeof SatisfiedKind>;

export const Info = z.extend(Computed, {
  status: Status,
  satisfiedBy: z.optional(z.object({ kind: SatisfiedKind, id: z.string(), on: LocalDate.Schema })),
  waiver: z.optional(z.object({ reason: z.string(), on: LocalDate.Schema })),
  /** While open: the next day the daily job must look at it (its next reminder stage). */
  nextAction: z.optional(LocalDate.Schema),
  /** The date of the last reminder stage notified. */
  lastNotified: z.optional(LocalDate.Schema),
  version: z.int(),
});
export type Info = z.infer<typeof Info>;

/** An instance as shown to people: with whether it is overdue today. */
export type View = Info & { overdue: boolean; daysToDue: number };

type InstanceItem = Dynamo.Item & Info;

function toInfo(item: InstanceItem): Info {
  return Info.parse(Dynamo.strip(item));
}

export function view(info: Info, today: string): View {
  const daysToDue = LocalDate.diffDays(today, info.due);
  return { ...info, overdue: info.status === "open" && daysToDue < 0, daysToDue };
}

/** The stored item; only an open instance with a next action is on the daily job's index. */
function item(tenant: string, info: Omit<Info, "version">) {
  const next =
    info.status === "open" && info.nextAction
      ? Key.instanceByNextAction(tenant, info.nextAction, info.id)
      : {};
  return {
    ...Key.instance(tenant, info.id),
    ...Key.instanceOfUnit(tenant, info.unit, info.due, info.id),
    ...next,
    type: "instance",
    v: 1,
    ...info,
  };
}

/** What the calendar computed, in the stored shape (the citation becomes `article`). */
export function fromCalendar(
  instance: {
    citation: string;
  } & Omit<Computed, "article">,
): Computed {
  return Computed.parse({ ...instance, article: instance.citation });
}

/**
 * Stores computed instances that are not stored yet (deterministic ids make this idempotent:
 * running it twice, or two runs at once, store each instance once). Returns the ids created.
 */
export async function materialise(
  tenant: string,
  computed: Computed[],
  nextAction?: (instance: Computed) => string | undefined,
): Promise<string[]> {
  const created: string[] = [];
  for (const c of computed) {
    const parsed = Computed.parse(c);
    const next = nextAction?.(parsed);
    const info = {
      ...parsed,
      status: "open" as const,
      ...(next ? { nextAction: next } : {}),
      version: 1,
    };
    if (await Dynamo.create(item(tenant, info))) created.push(c.id);
  }
  return created;
}

export async function get(tenant: string, id: string): Promise<Info | undefined> {
  const k = Key.instance(tenant, id);
  const found = await Dynamo.get<InstanceItem>(k.pk, k.sk);
  return found ? toInfo(found) : undefined;
}

export async function require(tenant: string, id: string): Promise<Info> {
  const found = await get(tenant, id);
  if (!found) throw notFound("obligation", id);
  return found;
}

export const ListQuery = z.object({
  unit: z.string(),
  from: z.optional(LocalDate.Schema),
  to: z.optional(LocalDate.Schema),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string()),
});

/** A unit's instances by due date. */
export async function byUnit(tenant: string, input: z.input<typeof ListQuery>) {
  const q = ListQuery.parse(input);
  const page = await Dynamo.query<InstanceItem>({
    index: "gsi1",
    pk: Key.instancesOfUnit(tenant, q.unit).gsi1pk,
    sk: { between: [q.from ?? "0000", `${q.to ?? "9999"}#~`] },
    limit: q.limit,
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  return { items: page.items.map(toInfo), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Every stored instance of a unit (bounded: a few dozen a year per unit). */
export async function allOfUnit(tenant: string, unit: string): Promise<Info[]> {
  const items = await Dynamo.queryAll<InstanceItem>({
    index: "gsi1",
    pk: Key.instancesOfUnit(tenant, unit).gsi1pk,
  });
  return items.map(toInfo);
}

/**
 * Marks an open instance satisfied by a held meeting or an approved report. Idempotent for the
 * same cause; a waived or otherwise satisfied instance is left as it is.
 */
export async function satisfy(
  tenant: string,
  id: string,
  by: { kind: SatisfiedKind; id: string; on: string },
): Promise<Info> {
  for (;;) {
    const current = await require(tenant, id);
    if (current.status !== "open") return current;
    try {
      const stored = await Audit.commit<InstanceItem>(
        tenant,
        item(tenant, { ...current, status: "satisfied", satisfiedBy: by }),
        current,
        {
          entity: "obligation",
          entityId: id,
          unit: current.unit,
          action: "obligation.satisfied",
          before: { status: "open" },
          after: { status: "satisfied", satisfiedBy: by },
        },
      );
      return toInfo(stored);
    } catch (error) {
      // Someone changed it meanwhile (e.g. the job); read again and decide again.
      if (error instanceof VisibleError && error.code === "version.stale") continue;
      throw error;
    }
  }
}

/**
 * Settles an open instance by what the obligation's text asks for, named by `ref`: a delivered
 * submission package (`by: "submission"`, for `national-submission`), a new plan period
 * (`"plan"`, for `action-plan-renewal`), a stored holiday list (`"settings"`), a recorded
 * evaluation (`"evaluation"`). `at` is the local day it happened. Idempotent; returns undefined
 * when no such instance is stored (not materialised yet: the calendar will not chase it once
 * it is, since the caller settles it again).
 */
export async function satisfyBy(
  tenant: string,
  instanceId: string,
  input: { by: SatisfiedKind; ref: string; at: string },
): Promise<Info | undefined> {
  const at = LocalDate.Schema.parse(input.at);
  if (!(await get(tenant, instanceId))) return undefined;
  return satisfy(tenant, instanceId, { kind: input.by, id: input.ref, on: at });
}

export const WaiveInput = z.object({
  id: z.string().check(z.minLength(1)),
  reason: Privacy.text(2000, 5),
  version: z.int().check(z.minimum(1)),
});

/** Waives an open instance with a reason (secretariat; checked by the caller). */
export const waive = fn(WaiveInput, async (input) => {
  const tenant = Actor.tenant();
  const current = await require(tenant, input.id);
  if (current.status !== "open") {
    throw new VisibleError(
      "conflict",
      "obligation.not_open",
      `obligation ${input.id} is ${current.status}, not open`,
    );
  }
  if (current.version !== input.version) {
    throw new VisibleError(
      "conflict",
      "version.stale",
      `obligation ${input.id} is at version ${current.version}, not ${input.version}`,
    );
  }
  const waiver = { reason: input.reason, on: LocalDate.at(Actor.now()) };
  const stored = await Audit.commit<InstanceItem>(
    tenant,
    item(tenant, { ...current, status: "waived", waiver }),
    current,
    {
      entity: "obligation",
      entityId: input.id,
      unit: current.unit,
      action: "obligation.waived",
      before: { status: "open" },
      after: { status: "waived", waiver },
    },
  );
  return toInfo(stored);
});

/** Open instances whose next action is due on or before `date` (the daily job's worklist). */
export async function actionable(tenant: string, date: string): Promise<Info[]> {
  const items = await Dynamo.queryAll<InstanceItem>({
    index: "gsi2",
    pk: Key.instancesByNextAction(tenant).gsi2pk,
    sk: { lte: `${date}#~` },
  });
  return items.map(toInfo);
}

/**
 * Moves an open instance's next action on, after its stage of `notified` was handed to the
 * ledger. Conditional on the next action still being `expected`, so of two runs at once only one
 * moves it; returns whether this call did.
 */
export async function advance(
  tenant: string,
  id: string,
  expected: string,
  next: { nextAction: string; lastNotified: string },
): Promise<boolean> {
  const k = Key.instance(tenant, id);
  try {
    await Dynamo.update({
      ...k,
      expression: "SET nextAction = :next, lastNotified = :last, gsi2sk = :gsi2sk",
      condition: "nextAction = :expected AND #status = :open",
      names: { "#status": "status" },
      values: {
        ":next": next.nextAction,
        ":last": next.lastNotified,
        ":gsi2sk": `${next.nextAction}#${id}`,
        ":expected": expected,
        ":open": "open",
      },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed) return false;
    throw error;
  }
}

export const EvaluationInput = z
  .object({
    /** What the Bupati asked to be evaluated. */
    subject: z.string().check(z.trim(), z.minLength(3), z.maxLength(300)),
    /** The day of the Bupati's request (letter or instruction); default: today. */
    requestedOn: z.optional(LocalDate.Schema),
    /** The request's reference, e.g. the letter number. */
    reference: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    /** When the evaluation is due. */
    due: LocalDate.Schema,
  })
  .check(
    z.refine((v) => v.requestedOn === undefined || v.requestedOn <= v.due, {
      path: ["due"],
      message: "must not be before requestedOn",
    }),
  );

/**
 * Records an evaluation the Bupati asked for (Pasal 21(1), "sewaktu-waktu diperlukan Bupati"):
 * an obligation instance of the women's-empowerment agency's head, the Ketua Harian (Pasal
 * 21(2), L-I 3), due on the day given and reminded like any other (secretariat only). One per
 * day of request: the same request again is a 409.
 */
export const requestEvaluation = fn(EvaluationInput, async (input) => {
  Policy.require(
    Policy.isSecretariat(),
    "auth.secretariat_only",
    "only the secretariat (Sekretaris, Ketua Harian) records the Bupati's request",
  );
  // Imported here: the rulebook and the calendar (holidays included) are what this request needs,
  // not every reader of an obligation (`GET /v1/obligations/{id}` loads this module).
  const [{ Calendar }, { Regulation }] = await Promise.all([
    import("../calendar/index.ts"),
    import("../regulation/index.ts"),
  ]);
  const tenant = Actor.tenant();
  const today = LocalDate.at(Actor.now());
  const requestedOn = input.requestedOn ?? today;
  if (requestedOn > today) throw invalid("requestedOn", `must not be after today (${today})`);
  if (input.due < today) throw invalid("due", `must not be in the past (today is ${today})`);
  const rule = Regulation.byId("bupati-evaluation");
  const duty = rule.duties[0];
  const route = (duty?.route ?? []).map((r) => r.replace(/^gt:/, "gt."));
  const computed = Computed.parse({
    id: `bupati-evaluation:gt:${requestedOn}`,
    obligation: rule.id,
    title: {
      id: `${rule.title.id}: ${input.subject}`,
      en: `${rule.title.en}: ${input.subject}`,
    },
    unit: "gt",
    owner: route[0],
    route,
    copies: [],
    period: requestedOn,
    windowStart: today,
    windowEnd: input.due,
    due: input.due,
    article: Regulation.citation(rule),
    basis: rule.basis,
  });
  const settings = Regulation.Settings.safeParse(
    (
      await Dynamo.get<Dynamo.Item & { settings?: unknown }>(
        Key.taskForce(tenant).pk,
        Key.taskForce(tenant).sk,
      )
    )?.settings ?? {},
  );
  const parsed = settings.success ? settings.data : Regulation.DEFAULTS;
  const stages = Calendar.reminders(
    { id: computed.id, obligation: rule.id, route, windowStart: today, due: input.due },
    {
      horizon: LocalDate.addDays(input.due, 120),
      settings: parsed,
      holidays: Calendar.holidaysFor(parsed),
    },
  );
  const next = (stages.find((s) => s.date >= today) ?? stages[stages.length - 1])?.date;
  const info = { ...computed, status: "open" as const, ...(next ? { nextAction: next } : {}) };
  try {
    const stored = await Audit.commit<InstanceItem>(tenant, item(tenant, info), undefined, {
      entity: "obligation",
      entityId: computed.id,
      unit: "gt",
      action: "obligation.requested",
      after: {
        subject: input.subject,
        requestedOn,
        due: input.due,
        ...(input.reference ? { reference: input.reference } : {}),
      },
    });
    return toInfo(stored);
  } catch (error) {
    if (error instanceof VisibleError && error.code === "obligation.exists") {
      throw new VisibleError(
        "conflict",
        "obligation.exists",
        `an evaluation requested on ${requestedOn} is recorded already (${computed.id})`,
      );
    }
    throw error;
  }
});
