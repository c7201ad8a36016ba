export * as Audit from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { VisibleError } from "../error/index.ts";
import type { Notify } from "../notify/index.ts";
import { Outbox } from "../outbox/index.ts";
import * as z from "../util/zod.ts";

/**
 * The append-only audit trail: an event for every change (who, in which office, what, when,
 * before/after), queryable per entity and per unit.
 *
 * Crash safety without transactions: a change and its event are written as one item first — the
 * entity carries its newest event in `lastEvent` — and the event is then copied to the trail
 * under a deterministic key (`entity`, `id`, `version`). Before an entity is changed again, its
 * previous `lastEvent` is copied too (a no-op when it is there already). So a crash between the
 * two writes never loses an event and never shows an event for a change that did not happen.
 */
export const Event = z.object({
  id: z.string(),
  at: z.string().check(z.describe("ISO 8601 instant")),
  actor: z.object({
    kind: z.enum(["person", "machine", "system", "public"]),
    id: z.string(),
    name: z.string(),
    offices: z.array(z.string()),
  }),
  entity: z.string(),
  entityId: z.string(),
  /** The entity's version after the change. */
  version: z.int(),
  unit: z.optional(z.string()),
  action: z.string(),
  before: z.optional(z.record(z.string(), z.unknown())),
  after: z.optional(z.record(z.string(), z.unknown())),
  note: z.optional(z.string()),
  /** Set when the reader may see that the change happened but not what it said (`readable`). */
  redacted: z.optional(z.boolean()),
});
export type Event = z.infer<typeof Event>;

export interface Versioned {
  version: number;
  lastEvent?: Event;
}

/** Builds the event for a change, by the current actor at the current instant. */
export function event(input: {
  entity: string;
  entityId: string;
  version: number;
  unit?: string;
  action: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
}): Event {
  return {
    id: `${input.entity}:${input.entityId}:v${input.version}`,
    at: Actor.now().toISOString(),
    actor: Actor.describe(),
    ...input,
  };
}

/** Copies an event to the trail; idempotent (its key is deterministic). */
export async function append(tenant: string, e: Event): Promise<void> {
  await Dynamo.create({
    ...Key.auditEvent(tenant, e.entity, e.entityId, e.at, e.version),
    ...(e.unit ? Key.auditEventOfUnit(tenant, e.unit, e.at, e.entity, e.entityId) : {}),
    type: "audit",
    v: 1,
    ...e,
  });
}

/** What a change announces, built from the item about to be stored (its `lastEvent` is set). */
export type Announcer<T> = (next: T) => Notify.Announcement[] | Promise<Notify.Announcement[]>;

/**
 * Writes a new or changed entity item together with its event, crash-safe (`Outbox`): first the
 * intent (the event and the change's announcements), then the item carrying the event as
 * `lastEvent`, then — at once, or after the response inside an `Outbox.collect` scope — the
 * event to the trail and the announcements. `expected` is the stored version the change was
 * based on (`undefined` to create). Returns the stored item. Throws 409 on a stale version or
 * when creating something that exists (and then nothing is owed).
 */
export async function commit<T extends Dynamo.Item & Versioned>(
  tenant: string,
  item: Omit<T, "version" | "lastEvent">,
  expected: { version: number; lastEvent?: Event } | undefined,
  change: Omit<Parameters<typeof event>[0], "version">,
  announce?: Announcer<T>,
): Promise<T> {
  const version = (expected?.version ?? 0) + 1;
  const e = event({ ...change, version });
  const next = { ...item, version, lastEvent: e } as unknown as T;
  const intent: Outbox.Intent = {
    event: e,
    entity: { pk: next.pk, sk: next.sk },
    announce: announce ? await announce(next) : [],
  };
  if (expected?.lastEvent) await append(tenant, expected.lastEvent);
  await Outbox.record(tenant, intent);
  try {
    if (expected) await Dynamo.replaceVersioned(next, expected.version, change.entity);
    else if (!(await Dynamo.create(next))) {
      throw new VisibleError(
        "conflict",
        `${change.entity}.exists`,
        `${change.entity} ${change.entityId} already exists`,
      );
    }
  } catch (error) {
    // Refused: nothing is owed. Should this delete fail too, the sweep drops the intent later.
    await Outbox.discard(tenant, intent).catch(() => undefined);
    throw error;
  }
  await Outbox.owe(tenant, intent);
  return next;
}

const PAGE = z.object({
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string()),
});

/** The trail of one entity, oldest first. */
export async function ofEntity(
  tenant: string,
  entity: string,
  id: string,
  page: z.input<typeof PAGE> = {},
): Promise<Dynamo.Page<Event>> {
  const { limit, cursor } = PAGE.parse(page);
  const result = await Dynamo.query<Dynamo.Item>({
    pk: Key.auditOfEntity(tenant, entity, id).pk,
    limit,
    ...(cursor ? { cursor } : {}),
  });
  const items = await readable(tenant, result.items.map(toEvent));
  return { items, ...(result.cursor ? { cursor: result.cursor } : {}) };
}

/** The trail of one unit, newest first. */
export async function ofUnit(
  tenant: string,
  unit: string,
  page: z.input<typeof PAGE> = {},
): Promise<Dynamo.Page<Event>> {
  const { limit, cursor } = PAGE.parse(page);
  const result = await Dynamo.query<Dynamo.Item>({
    index: "gsi1",
    pk: Key.auditOfUnit(tenant, unit).gsi1pk,
    limit,
    descending: true,
    ...(cursor ? { cursor } : {}),
  });
  const items = await readable(tenant, result.items.map(toEvent));
  return { items, ...(result.cursor ? { cursor: result.cursor } : {}) };
}

function toEvent(item: Dynamo.Item): Event {
  return Event.parse(Dynamo.strip(item));
}

// ---------------------------------------------------------------------------------------------
// Who may read an event: the read rule of its entity

type Access = "full" | "redacted" | "hidden";

/**
 * The read rules of entities whose text is restricted, by entity name. An event inherits its
 * entity's rule: `hidden` when the reader may not read the entity at all, `redacted` (who and
 * when, not what: no `before`, `after` or `note`) when it may read the entity but not its
 * restricted text. Areas are imported when needed (they import this module themselves).
 */
const RULES: Record<string, (tenant: string, id: string) => Promise<Access>> = {
  meeting: async (tenant, id) => {
    const { Meeting } = await import("../meeting/index.ts");
    const m = await Meeting.get(tenant, id);
    return !m || Meeting.mayReadCase(m) ? "full" : "redacted";
  },
  report: async (tenant, id) => {
    const { Report } = await import("../report/index.ts");
    const r = await Report.get(tenant, id);
    return !r || Report.mayRead(r) ? "full" : "hidden";
  },
  task: async (tenant, id) => {
    const { Task } = await import("../task/index.ts");
    const t = await Task.get(tenant, id);
    return !t || Task.mayRead(t) ? "full" : "hidden";
  },
};

/** The system, or code outside any actor (jobs, tools, tests): the HTTP edge always has one. */
function internal(): boolean {
  try {
    return Actor.use().type === "system";
  } catch {
    return true;
  }
}

/**
 * The events the current actor may read, each as far as its entity's read rule allows (see
 * `RULES`). The system (jobs) and code outside any actor read everything. A page may come back shorter than asked when
 * events are hidden; its cursor still continues after the last event read.
 */
export async function readable(tenant: string, events: Event[]): Promise<Event[]> {
  if (internal()) return events;
  const access = new Map<string, Promise<Access>>();
  const ruleOf = (e: Event) => {
    const rule = RULES[e.entity];
    if (!rule) return Promise.resolve<Access>("full");
    const key = `${e.entity}:${e.entityId}`;
    let found = access.get(key);
    if (!found) {
      found = rule(tenant, e.entityId);
      access.set(key, found);
    }
    return found;
  };
  const decided = await Promise.all(events.map(async (e) => [e, await ruleOf(e)] as const));
  return decided.flatMap(([e, a]) => {
    if (a === "hidden") return [];
    if (a === "full") return [e];
    const { before: _b, after: _a, note: _n, ...rest } = e;
    return [{ ...rest, redacted: true }];
  });
}
