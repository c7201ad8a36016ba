export * as Submission from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Policy } from "../policy/index.ts";
import { fn } from "../util/fn.ts";
import * as z from "../util/zod.ts";
import { assemble, type Received } from "./assemble.ts";
import { bytes, hashOf, type Package, type Period, PeriodKind, periodOf } from "./schema.ts";

/**
 * The submission package (issue 10; L-III §VIII "secara berjenjang"): what a task force sends up
 * for a period, assembled from approved data only (`assemble.ts`), in the documented schema
 * `tenggat.submission/v1` (`schema.ts`, docs/submission.md).
 *
 * **A workflow item**, one per task force and period (deterministic id `sbm-2027-h1`,
 * `sbm-2026`): drafted by the Ketua Harian's office (the Ketua Harian or the Sekretaris),
 * approved along its route — the Ketua Harian, then the Ketua (each by the holder of that office:
 * the Sekretaris does not stand in for an approval, Pasal 9(2)c) — and then delivered
 * (`federation`). Drafting again rebuilds the package: the same approved data gives the same
 * bytes and hash and changes nothing; different data gives a new package `version`, and the
 * approvals start again. A delivery receipt moves it to `delivered` and, for January–June,
 * satisfies that year's `national-submission` obligation with a reference to the package.
 */

export { assemble, type Received } from "./assemble.ts";
export * from "./render.ts";
export * from "./schema.ts";

export const ROUTE = ["gt.ketua-harian", "gt.ketua"] as const;

export const Status = z.enum(["draft", "in-review", "approved", "delivering", "delivered"]);
export type Status = z.infer<typeof Status>;

export const Approval = z.object({
  office: z.string(),
  at: z.string(),
  by: z.object({ id: z.string(), name: z.string() }),
});

export const Info = z.object({
  id: z.string(),
  period: z.object({ id: z.string(), kind: PeriodKind, from: z.string(), to: z.string() }),
  status: Status,
  /** Which office of `route` must approve next (while draft or in review). */
  step: z.int(),
  route: z.array(z.string()),
  approvals: z.array(Approval),
  packageVersion: z.int(),
  contentHash: z.string(),
  generatedAt: z.string(),
  updatedAt: z.string(),
  /** The day the first receipt came back for the current package version. */
  deliveredOn: z.optional(z.string()),
  version: z.int(),
});
export type Info = z.infer<typeof Info>;

type Item = Dynamo.Item & Info & { body: string; lastEvent?: Audit.Event };

export function idOf(period: Period): string {
  return `sbm-${period.id.toLowerCase()}`;
}

function toInfo(item: Item): Info {
  return Info.parse(Dynamo.strip(item));
}

function item(tenant: string, info: Omit<Info, "version">, body: string) {
  return {
    ...Key.submission(tenant, info.id),
    ...Key.submissionsByChange(tenant),
    gsi1sk: `${info.updatedAt}#${info.id}`,
    type: "submission",
    v: 1,
    ...info,
    body,
  };
}

async function load(tenant: string, id: string): Promise<Item> {
  const k = Key.submission(tenant, id);
  const found = await Dynamo.get<Item>(k.pk, k.sk);
  if (!found) throw notFound("submission", id);
  return found;
}

/** May read packages: anyone signed in to the task force, and machines with `reports:read`. */
export function mayRead(): boolean {
  return Policy.isSignedIn() || Policy.hasScope("reports:read");
}

/** May deliver an approved package: the Ketua Harian's office or the Ketua. */
export function mayDeliver(): boolean {
  return Policy.actsAs("gt.ketua-harian") || Policy.holds("gt.ketua");
}

/** May draft (or redraft) a package: the Ketua Harian's office (L-III §VIII; issue 10). */
function mayDraft(): boolean {
  return Policy.actsAs("gt.ketua-harian");
}

export async function get(tenant: string, id: string): Promise<Info | undefined> {
  const k = Key.submission(tenant, id);
  const found = await Dynamo.get<Item>(k.pk, k.sk);
  return found ? toInfo(found) : undefined;
}

/** The package itself (its canonical bytes parse back to it). */
export async function packageOf(
  tenant: string,
  id: string,
): Promise<{ info: Info; bytes: string; pkg: Package }> {
  const found = await load(tenant, id);
  return { info: toInfo(found), bytes: found.body, pkg: JSON.parse(found.body) as Package };
}

export const DraftInput = z.strictObject({
  year: z.int().check(z.minimum(2016), z.maximum(2100), z.describe("The year the period lies in")),
  period: z
    ._default(PeriodKind, "h1")
    .check(
      z.describe(
        "`h1`: January–June (the national submission's coverage, the default); `annual`: the whole year",
      ),
    ),
});

/**
 * Drafts (or rebuilds) the package of a period from what is approved now. Returns the item and
 * whether it was created or its content changed.
 */
export async function draftFor(
  tenant: string,
  input: z.output<typeof DraftInput>,
  received: Received[] = [],
): Promise<{ info: Info; changed: boolean; created: boolean }> {
  const period = periodOf(input.year, input.period);
  const body = await assemble(tenant, period, received);
  const contentHash = hashOf(body);
  const id = idOf(period);
  const now = Actor.now().toISOString();
  const k = Key.submission(tenant, id);
  const current = await Dynamo.get<Item>(k.pk, k.sk);
  if (current && current.contentHash === contentHash) {
    return { info: toInfo(current), changed: false, created: false };
  }
  const packageVersion = (current?.packageVersion ?? 0) + 1;
  const pkg: Package = { ...body, generatedAt: now, version: packageVersion, contentHash };
  const info: Omit<Info, "version"> = {
    id,
    period,
    status: "draft",
    step: 0,
    route: [...ROUTE],
    approvals: [],
    packageVersion,
    contentHash,
    generatedAt: now,
    updatedAt: now,
  };
  const stored = await Audit.commit<Item>(tenant, item(tenant, info, bytes(pkg)), current, {
    entity: "submission",
    entityId: id,
    unit: "gt",
    action: current ? "submission.rebuilt" : "submission.drafted",
    after: { packageVersion, contentHash },
  });
  return { info: toInfo(stored), changed: true, created: !current };
}

/**
 * The package of a period as it would be drafted now, without storing anything (the CLI): the
 * stored version and instant when the content is unchanged, else the next version at `now`.
 */
export async function build(
  tenant: string,
  input: z.input<typeof DraftInput>,
  now: Date,
): Promise<Package> {
  const q = DraftInput.parse(input);
  const period = periodOf(q.year, q.period);
  const { Federation } = await import("../federation/index.ts");
  const body = await assemble(tenant, period, await Federation.receivedFor(tenant, period.id));
  const contentHash = hashOf(body);
  const k = Key.submission(tenant, idOf(period));
  const stored = await Dynamo.get<Item>(k.pk, k.sk);
  if (stored?.contentHash === contentHash) return JSON.parse(stored.body) as Package;
  return {
    ...body,
    generatedAt: now.toISOString(),
    version: (stored?.packageVersion ?? 0) + 1,
    contentHash,
  };
}

/** Drafts the package of a period (the Ketua Harian's office). */
export const draft = fn(DraftInput, async (input) => {
  Policy.require(
    mayDraft(),
    "submission.not_secretariat",
    "only the Ketua Harian's office drafts the submission",
  );
  const { Federation } = await import("../federation/index.ts");
  const tenant = Actor.tenant();
  const received = await Federation.receivedFor(tenant, periodOf(input.year, input.period).id);
  return draftFor(tenant, input, received);
});

export const Transition = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  version: z.int().check(z.minimum(1)),
});

async function change(
  input: z.output<typeof Transition>,
  next: (current: Item, now: string) => { info: Omit<Info, "version">; action: string },
): Promise<Info> {
  // Who asks comes first (401 unsigned, 403 a machine), then the package (404), its state (409)
  // and the step's office (403) in `next`, and only then the version (409): a caller who may not
  // act learns nothing of the package's state or version.
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  const tenant = Actor.tenant();
  const current = await load(tenant, input.id);
  const now = Actor.now().toISOString();
  const { info, action } = next(current, now);
  if (current.version !== input.version) {
    throw new VisibleError(
      "conflict",
      "version.stale",
      `submission ${input.id} is at version ${current.version}, not ${input.version}`,
    );
  }
  const updated = { ...info, updatedAt: now };
  const stored = await Audit.commit<Item>(tenant, item(tenant, updated, current.body), current, {
    entity: "submission",
    entityId: input.id,
    unit: "gt",
    action,
    before: { status: current.status, step: current.step },
    after: { status: updated.status, step: updated.step },
  });
  return toInfo(stored);
}

function strip(current: Item): Omit<Info, "version"> {
  const { version: _v, ...info } = toInfo(current);
  return info;
}

/** Approves at the current step: the Ketua Harian, then the Ketua (each in person). */
export const approve = fn(Transition, (input) =>
  change(input, (current, now) => {
    if (current.status !== "draft" && current.status !== "in-review") {
      throw new VisibleError(
        "conflict",
        "submission.not_pending",
        `submission ${current.id} is ${current.status}`,
      );
    }
    const office = current.route[current.step] ?? "";
    Policy.require(
      Policy.holds(office),
      "submission.not_your_step",
      `the package waits for ${office}`,
    );
    const actor = Actor.describe();
    const step = current.step + 1;
    return {
      info: {
        ...strip(current),
        step,
        status: step >= current.route.length ? "approved" : "in-review",
        approvals: [
          ...current.approvals,
          { office, at: now, by: { id: actor.id, name: actor.name } },
        ],
      },
      action: "submission.approved",
    };
  }),
);

/** Marks the package as being delivered (the deliveries are created by `Federation.deliver`). */
export async function markDelivering(input: z.output<typeof Transition>): Promise<Info> {
  return change(input, (current) => {
    Policy.require(
      mayDeliver(),
      "submission.not_secretariat",
      "only the Ketua Harian's office or the Ketua delivers the submission",
    );
    if (
      current.status !== "approved" &&
      current.status !== "delivering" &&
      current.status !== "delivered"
    ) {
      throw new VisibleError(
        "conflict",
        "submission.not_approved",
        `submission ${current.id} is ${current.status}; it is delivered once the Ketua has approved it`,
      );
    }
    return {
      info: {
        ...strip(current),
        status: current.status === "delivered" ? "delivered" : "delivering",
      },
      action: "submission.delivery_started",
    };
  });
}

/**
 * A receipt came back for `packageVersion`: the package is delivered (once), and a January–June
 * package satisfies that year's `national-submission` (a reading of L-III §VIII).
 */
export async function delivered(
  tenant: string,
  id: string,
  packageVersion: number,
  now: Date,
): Promise<void> {
  const { Obligation } = await import("../obligation/index.ts");
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await load(tenant, id);
    if (current.packageVersion !== packageVersion) return;
    const on = LocalDate.at(now);
    if (current.status !== "delivered") {
      try {
        await Audit.commit<Item>(
          tenant,
          item(
            tenant,
            {
              ...strip(current),
              status: "delivered",
              deliveredOn: on,
              updatedAt: now.toISOString(),
            },
            current.body,
          ),
          current,
          {
            entity: "submission",
            entityId: id,
            unit: "gt",
            action: "submission.delivered",
            before: { status: current.status },
            after: { status: "delivered", packageVersion },
          },
        );
      } catch (error) {
        if (error instanceof VisibleError && error.code === "version.stale") continue;
        throw error;
      }
    }
    if (current.period.kind === "h1") {
      const instance = `national-submission:gt:${current.period.id.slice(0, 4)}`;
      if (await Obligation.get(tenant, instance)) {
        await Obligation.satisfy(tenant, instance, {
          kind: "submission",
          id: `${id}@v${packageVersion}`,
          on,
        });
      }
    }
    return;
  }
}

const Since = z.optional(z.string().check(z.maxLength(400)));

function decodeSince(since: string | undefined): string {
  if (!since) return "";
  const text = Buffer.from(since, "base64url").toString("utf8");
  if (!/^\d{4}-\d\d-\d\dT[^#]+#sbm-[a-z0-9-]+$/.test(text)) {
    throw new VisibleError("input", "cursor.invalid", "since: not a cursor from this listing", [
      { path: "since", message: "not a cursor from this listing" },
    ]);
  }
  return text;
}

export const ListQuery = z.object({
  since: Since.check(
    z.describe("The `since` of the previous answer: only packages changed after it"),
  ),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
});

/**
 * Packages changed after `since`, oldest change first, with the cursor to ask again with (a
 * pipeline polls with it and gets only what changed).
 */
export async function changed(tenant: string, input: z.input<typeof ListQuery>) {
  const q = ListQuery.parse(input);
  const after = decodeSince(q.since);
  const items = await Dynamo.query<Item>({
    index: "gsi1",
    pk: Key.submissionsByChange(tenant).gsi1pk,
    ...(after ? { sk: { gte: after } } : {}),
    limit: q.limit + 1,
  });
  const fresh = items.items.filter((i) => i.gsi1sk !== after).slice(0, q.limit);
  const last = fresh.at(-1);
  const since = last ? Buffer.from(String(last.gsi1sk)).toString("base64url") : (q.since ?? "");
  return { items: fresh.map(toInfo), since };
}
