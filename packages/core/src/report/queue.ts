import { Actor } from "../actor/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { VisibleError } from "../error/index.ts";
import { Policy } from "../policy/index.ts";
import * as z from "../util/zod.ts";
import { action } from "./content.ts";

/**
 * The approval queue: what waits for any of my offices to act on, oldest first. Every entity
 * that waits for an office carries gsi3 = `Key.queueEntry(tenant, office, since, entity, id)`
 * (reports here; tasks, by the tasks area, until accepted). This reads one gsi3 partition per
 * office the person holds or stands in for, and merges them by sort key.
 *
 * Pagination over several partitions: the cursor is the last sort key returned; the next page
 * reads each partition from that key on. Sort keys are unique across partitions (an entity
 * waits in one queue at a time, and ids are unique), so nothing is skipped or repeated.
 */

export const QueueEntry = z.object({
  entity: z.string().check(z.describe("`report`, `task`, …")),
  id: z.string(),
  office: z.string().check(z.describe("Which of my offices it waits for")),
  since: z.string().check(z.describe("ISO instant it has waited since")),
  title: z.string(),
  due: z.optional(z.string()),
  /** For reports: review, revise, forward or publish. */
  action: z.optional(z.string()),
  status: z.optional(z.string()),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

export const QueueQuery = z.strictObject({
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

const SORT_KEY = /^[^#]+#[a-z][a-z-]*#.+$/;

/** The cursor names its task force and person: it continues only the listing it came from. */
function encode(after: string, tenant: string, personId: string): string {
  return Buffer.from(JSON.stringify({ after, tf: tenant, p: personId })).toString("base64url");
}

function decode(cursor: string, tenant: string, personId: string): string {
  let after: unknown;
  let owner: { tf?: unknown; p?: unknown } = {};
  try {
    owner = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as typeof owner & {
      after?: unknown;
    };
    after = (owner as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  if (
    typeof after !== "string" ||
    !SORT_KEY.test(after) ||
    owner.tf !== tenant ||
    owner.p !== personId
  ) {
    throw new VisibleError("input", "cursor.invalid", "cursor: not a cursor from this listing", [
      { path: "cursor", message: "not a cursor from this listing" },
    ]);
  }
  return after;
}

/** The offices the current person acts for: those held today, and the ones they stand in for. */
function myOffices(actor: Extract<Actor.Actor, { type: "person" }>): string[] {
  const offices = new Set(actor.offices);
  if (Policy.actsAs("gt.ketua-harian", actor)) offices.add("gt.ketua-harian");
  return [...offices].sort();
}

function titleOf(item: Record<string, unknown>, entity: string, id: string): string {
  const title = item.title;
  const base =
    typeof title === "string"
      ? title
      : title && typeof title === "object" && typeof (title as { id?: unknown }).id === "string"
        ? (title as { id: string }).id
        : `${entity} ${id}`;
  const period = typeof item.period === "string" ? item.period : undefined;
  const unit = typeof item.unit === "string" ? item.unit : undefined;
  return entity === "report" && (unit || period)
    ? `${base} (${[unit, period].filter(Boolean).join(", ")})`
    : base;
}

/** What waits for any of my offices, oldest first. */
export const queue = action(
  QueueQuery,
  async (q): Promise<{ items: QueueEntry[]; cursor?: string }> => {
    const actor = Actor.use();
    Policy.require(actor.type === "person", "auth.person_only", "only people have a queue");
    const person = actor as Extract<Actor.Actor, { type: "person" }>;
    const tenant = person.tenant;
    const after = q.cursor ? decode(q.cursor, tenant, person.personId) : undefined;
    const offices = myOffices(person);
    // One more than a page from each partition (two when the cursor's own entry may come back),
    // so that "is there more?" is known from what was read.
    const perOffice = q.limit + (after ? 2 : 1);
    const pages = await Promise.all(
      offices.map(async (office) => {
        const page = await Dynamo.query<Dynamo.Item>({
          index: "gsi3",
          pk: Key.queue(tenant, office).gsi3pk,
          ...(after ? { sk: { gte: after } } : {}),
          limit: perOffice,
        });
        return page.items.map((item) => ({ office, item, sk: String(item.gsi3sk) }));
      }),
    );
    const merged = pages
      .flat()
      .filter((e) => e.sk !== after)
      .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
    const taken = merged.slice(0, q.limit);
    const items = taken.map(({ office, item, sk }): QueueEntry => {
      const [since = "", entity = "", ...rest] = sk.split("#");
      const id = rest.join("#");
      const waitingFor = item.waitingFor as { action?: unknown } | undefined;
      return {
        entity,
        id,
        office,
        since,
        title: titleOf(item, entity, id),
        ...(typeof item.due === "string" ? { due: item.due } : {}),
        ...(typeof waitingFor?.action === "string" ? { action: waitingFor.action } : {}),
        ...(typeof item.status === "string" ? { status: item.status } : {}),
      };
    });
    const last = taken[taken.length - 1];
    return {
      items,
      ...(merged.length > q.limit && last
        ? { cursor: encode(last.sk, tenant, person.personId) }
        : {}),
    };
  },
);
