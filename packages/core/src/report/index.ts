export * as Report from "./index.ts";

import { ActionPlan } from "../actionplan/index.ts";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { invalid, notFound, VisibleError } from "../error/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Org } from "../org/index.ts";
import { Policy } from "../policy/index.ts";
import { Regulation } from "../regulation/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import * as z from "../util/zod.ts";
import { action, Content, checkRows, empty, LIMITS, SECTIONS, Text } from "./content.ts";
import * as Publication from "./publication.ts";
import {
  announcements,
  by,
  createFor,
  get,
  type Info,
  item,
  mayAuthor,
  mayRead,
  notWaived,
  ofInstance,
  publicView,
  type ReportItem,
  Reports,
  reportable,
  Status,
  type Told,
  toInfo,
  viewFor,
  worksOn,
} from "./store.ts";

/**
 * Reports (Pasal 7e, 10h–14k, 19, 21, 6f; L-III §VI–VIII) and their way up the regulation's
 * route ("secara berjenjang", L-III §VIII).
 *
 * **One report per obligation instance.** A report is owed for an instance of a report
 * obligation (`REPORT_OBLIGATIONS`; a meeting obligation is refused with 400
 * `report.not_a_report`). Creating is idempotent by a claim item keyed by the instance
 * (`Key.reportOfInstance`) that names the report's id (a prefixed ULID, so ids stay sortable and
 * short in links). A second create for the same instance, concurrent or later, stores nothing
 * and gets 409 `report.exists`, whose issue names the existing report. A waived obligation takes
 * no report (409 `report.obligation_waived`).
 *
 * **Route.** The calendar gives an instance's route owner first
 * (`[sgt-a.koordinator, gt.ketua-harian, gt.ketua]`); a report's `route` is the offices after its
 * owner, in order, and `step` says which of them holds it.
 *
 * **States and who acts** (each transition checks the state → 409 `report.<reason>`, the
 * actor → 401/403, the `version` the caller read → 409 `version.stale`, then writes the whole
 * item with `Audit.commit` under a version condition, so of two concurrent actions exactly one
 * wins and the other gets 409):
 *
 * | from | action | by | to |
 * |---|---|---|---|
 * | — | `create` / `compile` | owner office (or its stand-in) or the unit's leaders | draft |
 * | draft, returned | `update` (content) | same | same state |
 * | draft, returned | `submit` | same | submitted at `route[0]` |
 * | submitted, forwarded | `returnForChanges` (comments required) | `route[step]` | returned |
 * | submitted, forwarded | `approve` | `route[step]` | approved |
 * | approved, not at the last office | `forward` | `route[step]` | forwarded to `route[step+1]` |
 * | approved by the last office | `publish` | the last office or the secretariat | published |
 *
 * A returned report, once revised and submitted again, starts the route from its first office:
 * every office on a tiered route approves the version that goes up. The first approval ever
 * satisfies the obligation (`Obligation.satisfy`, on the day of that approval, kept in
 * `approvedOn`); `forward` and `publish` repeat that idempotent call, so a crash between the
 * approval and the satisfaction is repaired by the next step. An empty route (nobody to submit
 * to) refuses submission with 409 `report.no_route`; a report whose planning, implementation,
 * organisation or monitoring is empty cannot be submitted (409 `report.incomplete`, naming the
 * empty parts: L-III §VIII says a report covers all four).
 *
 * **The queue.** While an office must act, the report item carries gsi3 =
 * `Key.queueEntry(tenant, office, since, "report", id)`: a submitted or forwarded report waits
 * for `route[step]` to review, a returned one for its owner to revise, an approved one for
 * `route[step]` to forward, and — when the regulation publishes it (`ext:publik` among its
 * copies) — an approved one at the last office for that office to publish. Drafts (the
 * obligation's reminders chase those), published reports, and approved reports that are not
 * for the public wait for nobody. The entry moves with every transition because the whole item
 * is rewritten.
 *
 * **Announcements** (`Notify.announce`, id = the transition's audit event id): submitted →
 * `route[0]` and the copies; returned → the owner (with the comments); approved → the owner and
 * the copies; forwarded → the next office and the owner; published → the owner, the route and
 * the copies. Outsiders in copies (`ext:…`) are not mailed. The change is stored before it is
 * announced; a failure to announce is logged, not thrown (a retry would only meet a 409).
 *
 * **Reading.** People: the secretariat, members of the unit, the owner; once submitted also the
 * offices on the route and in the copies. Machines with `reports:read` (the upward pipeline):
 * approved, forwarded and published reports (others are 404 to them). The public: published
 * reports, through a task force's public routes (`publishedById`, `listPublished`; a public
 * caller names no task force, so `fromID` asks it to sign in). Machines and the public see reports without officials' names and
 * without return comments (`publicView`).
 *
 * **Content** (`Content`, L-III §VIII): see `content.ts` — strict objects, bounded texts, RAD
 * rows that exist (and belong to the sub-task-force), counts only, no NIK anywhere.
 *
 * **Compilation** (`compile`, in `compile.ts`): the district report drafted from the
 * sub-task-forces' approved semester reports.
 */

export { CompileInput, compile } from "./compile.ts";
export {
  CASE_FIELDS,
  Cases,
  Content,
  check,
  Indicator,
  inputError,
  LIMITS,
  looksLikeNik,
  NIK_CODE,
  RadProgress,
} from "./content.ts";
export { previewDigest, publicTexts } from "./publication.ts";
export { QueueEntry, QueueQuery, queue } from "./queue.ts";
export {
  Action,
  Approval,
  get,
  Info,
  mayRead,
  ofInstance,
  publicView,
  REPORT_OBLIGATIONS,
  Source,
  Status,
  waiting,
} from "./store.ts";

const Id = z.string().check(z.minLength(1), z.maxLength(200));
const Version = z
  .number()
  .check(
    z.int(),
    z.minimum(1),
    z.describe("The version you read; a stale one gives 409 version.stale"),
  );

// ---------------------------------------------------------------------------------------------
// Create and edit

export const CreateInput = z.strictObject({
  instance: Id.check(z.describe("The obligation instance the report is owed for")),
  content: z.optional(Content),
});

/** Creates the draft report of an obligation instance (its owner or the unit's leaders). */
export const create = action(CreateInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  const instance = await reportable(tenant, input.instance);
  Policy.require(
    mayAuthor(instance),
    "report.not_owner",
    `only ${instance.owner} or the leaders of ${instance.unit} may write this report`,
  );
  notWaived(instance);
  const content = input.content ?? empty();
  checkRows(content, instance.unit, "content", await ActionPlan.lookup(tenant));
  return createFor(tenant, instance, content);
});

export const UpdateBody = z.strictObject({ version: Version, content: Content });
export const UpdateInput = z.strictObject({ id: Id, version: Version, content: Content });

/** Replaces the content of a draft or returned report (its owner or the unit's leaders). */
export const update = action(UpdateInput, async (input) => {
  const plans = await ActionPlan.lookup(Actor.tenant());
  return change(input.id, input.version, {
    from: ["draft", "returned"],
    code: "report.not_editable",
    allowed: (r) => [mayAuthor(r), "report.not_owner", `only ${r.owner} may edit it`],
    check: (r) => checkRows(input.content, r.unit, "content", plans),
    next: (r) => ({ ...r, content: input.content, authors: withAuthor(r) }),
    event: (r) => ({ action: "report.edited", after: { status: r.status } }),
    announce: () => undefined,
  });
});

// ---------------------------------------------------------------------------------------------
// Transitions

export const VersionBody = z.strictObject({ version: Version });
export const Transition = z.strictObject({ id: Id, version: Version });

export const ReturnBody = z.strictObject({
  version: Version,
  comments: Text(LIMITS.comments, 1).check(z.describe("What to change (required)")),
});
export const ReturnInput = z.extend(ReturnBody, { id: Id });

export const ApproveBody = z.strictObject({
  version: Version,
  note: z.optional(Text(LIMITS.comments)),
});
export const ApproveInput = z.extend(ApproveBody, { id: Id });

/**
 * A report can be drafted any time but submitted only once the period it covers has ended
 * (`Settings.submitGraceDays` before its end at the earliest; default 0). A reading of L-III
 * §VIII: the February and August reports are on the semester before (issue 8 §7).
 */
function periodEnded(r: { id: string; covers?: { to: string } }, today: string, grace: number) {
  if (!r.covers) return;
  const from = LocalDate.addDays(r.covers.to, 1 - grace);
  if (today < from) {
    throw new VisibleError(
      "conflict",
      "report.period_not_ended",
      `report ${r.id} covers a period that ends on ${r.covers.to}; it can be submitted from ${from}`,
      [{ path: "covers.to", message: `the period ends on ${r.covers.to}` }],
    );
  }
}

/** Sends a draft or returned report to the first office of its route. */
export const submit = action(Transition, async (input) => {
  const tenant = Actor.tenant();
  const settings = Regulation.Settings.safeParse((await TaskForce.get(tenant))?.settings ?? {});
  const grace = settings.success ? settings.data.submitGraceDays : 0;
  const today = LocalDate.at(Actor.now());
  return change(input.id, input.version, {
    from: ["draft", "returned"],
    code: "report.not_draft",
    allowed: (r) => [mayAuthor(r), "report.not_owner", `only ${r.owner} may submit it`],
    check: (r) => {
      periodEnded(r, today, grace);
      if (r.route.length === 0) {
        throw new VisibleError("conflict", "report.no_route", `report ${r.id} has nobody to go to`);
      }
      const missing = SECTIONS.filter((s) => r.content[s].length === 0);
      if (missing.length > 0) {
        throw new VisibleError(
          "conflict",
          "report.incomplete",
          `a report covers planning, implementation, organisation and monitoring & evaluation (L-III §VIII); empty: ${missing.join(", ")}`,
          missing.map((s) => ({
            path: `content.${s}`,
            message: "empty; fill it in before submitting",
          })),
        );
      }
    },
    next: (r, now) => ({
      ...r,
      status: "submitted",
      step: 0,
      since: now,
      approvals: [],
      authors: withAuthor(r),
    }),
    event: () => ({ action: "report.submitted", after: { status: "submitted" } }),
    announce: (r) => ({
      kind: "report-submitted",
      offices: [r.route[0] ?? "", ...r.copies],
      from: r.owner,
    }),
  });
});

/** Returns a submitted or forwarded report to its owner with comments (the office holding it). */
export const returnForChanges = action(ReturnInput, async (input) => {
  return change(input.id, input.version, {
    from: ["submitted", "forwarded"],
    code: "report.not_submitted",
    allowed: holder,
    next: (r, now) => ({
      ...r,
      status: "returned",
      since: now,
      lastReturn: { office: r.route[r.step] ?? "", at: now, by: by(), comments: input.comments },
    }),
    event: () => ({
      action: "report.returned",
      after: { status: "returned" },
      note: input.comments,
    }),
    announce: (r) => ({
      kind: "report-returned",
      offices: [r.owner],
      reviewer: r.route[r.step] ?? "",
      comments: input.comments,
    }),
  });
});

/** Approves a submitted or forwarded report (the office holding it); the first approval satisfies the obligation. */
export const approve = action(ApproveInput, async (input) => {
  const approved = await change(input.id, input.version, {
    from: ["submitted", "forwarded"],
    code: "report.not_submitted",
    allowed: holder,
    next: (r, now, today) => ({
      ...r,
      status: "approved",
      since: now,
      approvals: [
        ...r.approvals,
        {
          office: r.route[r.step] ?? "",
          at: now,
          by: by(),
          ...(input.note ? { note: input.note } : {}),
        },
      ],
      approvedOn: r.approvedOn ?? today,
    }),
    event: (r) => ({
      action: "report.approved",
      after: { status: "approved", office: r.route[r.step] },
      ...(input.note ? { note: input.note } : {}),
    }),
    announce: (r) => {
      const next = r.route[r.step + 1];
      return {
        kind: "report-approved",
        offices: [r.owner, ...r.copies],
        approver: r.route[r.step] ?? "",
        ...(next ? { forwardedTo: next } : {}),
      };
    },
  });
  await satisfyObligation(approved);
  return approved;
});

/** Sends an approved report on to the next office of its route (the office that approved it). */
export const forward = action(Transition, async (input) => {
  const forwarded = await change(input.id, input.version, {
    from: ["approved"],
    code: "report.not_approved",
    allowed: holder,
    check: (r) => {
      if (r.step >= r.route.length - 1) {
        throw new VisibleError(
          "conflict",
          "report.route_end",
          `${r.route[r.step]} is the last office of the route; publish the report instead`,
        );
      }
    },
    next: (r, now) => ({ ...r, status: "forwarded", step: r.step + 1, since: now }),
    event: (r) => ({
      action: "report.forwarded",
      after: { status: "forwarded", office: r.route[r.step + 1] },
    }),
    announce: (r) => ({
      kind: "report-forwarded",
      offices: [r.route[r.step] ?? "", r.owner],
      from: r.route[r.step - 1] ?? r.owner,
    }),
  });
  await satisfyObligation(forwarded);
  return forwarded;
});

/** Publishes a report the last office of its route approved (that office or the secretariat). */
export const PublishBody = z.strictObject({
  version: Version,
  confirmPreview: z
    .string()
    .check(
      z.regex(/^[0-9a-f]{64}$/, "the `confirmPreview` of GET /v1/reports/{id}/publication-preview"),
      z.describe("The digest the publication preview gave: you confirm exactly the text you saw"),
    ),
});
export const PublishInput = z.extend(PublishBody, { id: Id });

/**
 * Publishes a report the last office approved, once its publisher has seen the public text with
 * likely names and places highlighted (`publicationPreview`) and confirms that very text.
 */
export const publish = action(PublishInput, async (input) => {
  const published = await change(input.id, input.version, {
    from: ["approved"],
    code: "report.not_approved",
    allowed: (r) => {
      const last = r.route[r.route.length - 1] ?? "";
      return [
        Policy.actsAs(last) || Policy.isSecretariat(),
        "report.not_your_turn",
        `only ${last} or the secretariat may publish it`,
      ];
    },
    check: (r) => {
      // Only what the regulation reports to the public is published (L-III §VIII points 1, 3).
      if (!r.copies.includes("ext:publik")) {
        throw new VisibleError(
          "conflict",
          "report.not_public",
          "the regulation does not publish this report (L-III §VIII); it stays with the offices on its route",
        );
      }
      if (r.step < r.route.length - 1) {
        throw new VisibleError(
          "conflict",
          "report.not_final",
          `approved by ${r.route[r.step]}; it must still go to ${r.route.slice(r.step + 1).join(", ")} before it is published`,
        );
      }
    },
    next: (r, now) => {
      // After the state, the office and the version: the text must be the one previewed.
      Publication.checkConfirmed(r, input.confirmPreview);
      return {
        ...r,
        status: "published",
        since: now,
        publishedAt: now,
        ...(r.revision ? { correctedAt: now } : {}),
      };
    },
    event: () => ({ action: "report.published", after: { status: "published" } }),
    announce: (r) => ({
      kind: "report-published",
      offices: [r.owner, ...r.route, ...r.copies],
      approver: publisherOffice(r),
    }),
  });
  await satisfyObligation(published);
  if (published.revision) {
    // A corrected revision replaces the withdrawn one at the public URL (issue 10 item 6).
    const { Publication: Release } = await import("../publication/index.ts");
    await Release.correctionPublished(Actor.tenant(), published);
  }
  return published;
});

export const ReopenInput = z.strictObject({
  id: Id,
  version: Version,
  reason: Text(LIMITS.comments, 10).check(
    z.describe("What is to be corrected (told to the owner)"),
  ),
});

/**
 * Reopens a published report as a draft revision (`revision` 2, 3 …) that goes along its route
 * again and is published anew. Who may is decided by the caller (`Publication.correct`: the
 * publisher or the Ketua, once the report is withdrawn); here the state (published), then the
 * version. The owner is told, with the reason, as for a report returned for changes.
 */
export async function reopenForCorrection(
  input: z.input<typeof ReopenInput>,
  allowed: () => [boolean, string, string],
): Promise<Info> {
  const q = ReopenInput.parse(input);
  return change(q.id, q.version, {
    from: ["published"],
    code: "report.not_published",
    allowed: () => allowed(),
    next: (r, now) => ({
      ...r,
      status: "draft",
      step: 0,
      since: now,
      approvals: [],
      revision: (r.revision ?? 1) + 1,
    }),
    event: (r) => ({
      action: "report.correction_opened",
      after: { status: "draft", revision: r.revision },
      note: q.reason,
    }),
    announce: (r) => ({
      kind: "report-returned",
      offices: [r.owner],
      reviewer: publisherOffice(r),
      comments: q.reason,
    }),
  });
}

/** The office in which the actor publishes: the last of the route, or their secretariat office. */
function publisherOffice(r: Info): string {
  const last = r.route[r.route.length - 1] ?? "";
  if (Policy.actsAs(last)) return last;
  return Policy.SECRETARIAT_OFFICES.find((o) => Policy.holds(o)) ?? last;
}

/** Writing and acting on reports is for people (401 for the public, 403 for machines). */
function signedIn(): void {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
}

/**
 * The office holding a submitted, forwarded or approved report may act on it — but not a person
 * who wrote it, nor one who already acted at another office of its route since it was submitted
 * (separation of duties: one person acts at most once on a report's route).
 */
function holder(r: Info): [boolean, string, string] {
  const office = r.route[r.step] ?? "";
  if (!Policy.actsAs(office))
    return [false, "report.not_your_turn", `the report is with ${office}`];
  const me = by().id;
  if ((r.authors ?? []).some((a) => a.id === me)) {
    return [
      false,
      "report.own_report",
      `you wrote report ${r.id}; another holder of ${office} (or its Plt.) acts on it`,
    ];
  }
  const earlier = r.approvals.find((a) => a.by?.id === me && a.office !== office);
  if (earlier) {
    return [
      false,
      "report.acted_already",
      `you already approved report ${r.id} as ${earlier.office}; one person acts at most once on a report's route`,
    ];
  }
  return [true, "", ""];
}

/** The report's authors with the current actor added (once). */
function withAuthor(r: Info): Info["authors"] {
  const me = by();
  const authors = r.authors ?? [];
  return authors.some((a) => a.id === me.id) ? authors : [...authors, me];
}

async function satisfyObligation(r: Info): Promise<void> {
  if (!r.approvedOn) return;
  await Obligation.satisfy(Actor.tenant(), r.instance, {
    kind: "report",
    id: r.id,
    on: r.approvedOn,
  });
}

interface Change {
  /** States the change starts from; any other is 409 `code`. */
  from: Status[];
  code: string;
  /** Whether the actor may: [allowed, 403 code, message]. */
  allowed: (r: Info) => [boolean, string, string];
  /** More checks on the current report (throw to refuse). */
  check?: (r: Info) => void;
  next: (r: Info, now: string, today: string) => Info;
  event: (next: Info) => { action: string; after?: Record<string, unknown>; note?: string };
  announce: (next: Info) => Told | undefined;
}

/**
 * Reads, checks (visible to the actor → state → actor's right → version), writes with its audit
 * event under the version condition, then announces. Nothing is written when a check fails.
 */
async function change(id: string, version: number, c: Change): Promise<Info> {
  signedIn();
  const tenant = Actor.tenant();
  const { info: current, lastEvent } = await readable(tenant, id);
  if (!c.from.includes(current.status)) {
    throw new VisibleError(
      "conflict",
      c.code,
      `report ${id} is ${current.status}; this needs it ${c.from.join(" or ")}`,
    );
  }
  const [allowed, code, message] = c.allowed(current);
  Policy.require(allowed, code, message);
  c.check?.(current);
  Reports.checkVersion(current, version);
  const instant = Actor.now();
  const now = instant.toISOString();
  const next = { ...c.next(current, now, LocalDate.at(instant)), updatedAt: now };
  const { version: _v, waitingFor: _w, ...fields } = next;
  const stored = await Audit.commit<ReportItem>(
    tenant,
    item(tenant, fields),
    { version: current.version, ...(lastEvent ? { lastEvent } : {}) },
    {
      entity: "report",
      entityId: id,
      unit: current.unit,
      before: { status: current.status },
      ...c.event(next),
    },
    (n) => {
      const told = c.announce(next);
      return told ? announcements(tenant, n, told) : [];
    },
  );
  return toInfo(stored);
}

/**
 * The report, if the actor may read it (with its newest audit event, for `Audit.commit`): 404
 * when missing, or when a machine or the public may not see it; 403 for a person who may not.
 */
async function readable(
  tenant: string,
  id: string,
): Promise<{ info: Info; lastEvent?: Audit.Event }> {
  const found = await Reports.load(tenant, id);
  if (!found) throw notFound("report", id);
  const info = toInfo(found);
  if (!mayRead(info)) {
    const actor = Actor.use();
    if (actor.type === "public" || actor.type === "machine") throw notFound("report", id);
    Policy.require(false, "report.not_yours", `you may not read report ${id}`);
  }
  return { info, ...(found.lastEvent ? { lastEvent: found.lastEvent } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * What publishing would make public, with likely personal names and places highlighted, and the
 * digest to confirm it with (`publish`'s `confirmPreview`). For those who work on the report.
 */
export async function publicationPreview(id: string): Promise<Publication.Preview> {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  const { info } = await readable(Actor.tenant(), id);
  // A step of publishing: for those who work on the report, like its history.
  Policy.require(
    worksOn(info, Actor.use() as Extract<Actor.Actor, { type: "person" }>),
    "report.not_yours",
    `the publication preview of report ${id} is for the offices that work on it`,
  );
  return Publication.preview(info);
}

/** One report, as the current actor may see it. */
export async function fromID(id: string): Promise<Info> {
  Policy.require(Actor.use().type !== "public", "auth.required", "sign in");
  return viewFor((await readable(Actor.tenant(), id)).info);
}

export const ListQuery = z.strictObject({
  unit: z.optional(Org.UnitCode),
  status: z.optional(Status),
  instance: z.optional(Id),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/**
 * Reports by unit (due date, newest first), by status (newest change first), or the one of an
 * instance; each page keeps only what the actor may read. People and machines with
 * `reports:read` only.
 */
export const list = action(ListQuery, async (q): Promise<Dynamo.Page<Info>> => {
  Policy.require(
    Policy.isSignedIn() || Policy.hasScope("reports:read"),
    "auth.reports_read",
    "listing reports needs a person or a key with reports:read",
  );
  const tenant = Actor.tenant();
  const visible = (items: Info[]) => items.filter((r) => mayRead(r)).map((r) => viewFor(r));
  if (q.instance) {
    const r = await ofInstance(tenant, q.instance);
    return { items: r && (!q.status || r.status === q.status) ? visible([r]) : [] };
  }
  const pageInput = { limit: q.limit, descending: true, ...(q.cursor ? { cursor: q.cursor } : {}) };
  let page: Dynamo.Page<ReportItem>;
  if (q.unit) {
    page = await Dynamo.query<ReportItem>({
      index: "gsi1",
      pk: Key.reportsOfUnit(tenant, q.unit).gsi1pk,
      ...pageInput,
      ...(q.status
        ? {
            filter: {
              expression: "#status = :status",
              names: { "#status": "status" },
              values: { ":status": q.status },
            },
          }
        : {}),
    });
  } else if (q.status) {
    page = await Dynamo.query<ReportItem>({
      index: "gsi2",
      pk: Key.reportsByStatus(tenant, q.status).gsi2pk,
      ...pageInput,
    });
  } else {
    throw invalid("unit", "give unit, status or instance");
  }
  return {
    items: visible(page.items.map(toInfo)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
});

export const PublicQuery = z.strictObject({
  taskForce: z
    .string()
    .check(z.maxLength(64), z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "not a task force id")),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

async function publicTenant(taskForce: string): Promise<string> {
  if (!(await TaskForce.get(taskForce))) throw notFound("taskforce", taskForce);
  return taskForce;
}

/** A task force's published reports, newest first, for anyone (no sign-in). */
export const listPublished = action(PublicQuery, async (q): Promise<Dynamo.Page<Info>> => {
  const tenant = await publicTenant(q.taskForce);
  const page = await Dynamo.query<ReportItem>({
    index: "gsi2",
    pk: Key.reportsByStatus(tenant, "published").gsi2pk,
    limit: q.limit,
    descending: true,
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  const withdrawn = await withdrawnIds(tenant);
  return {
    items: page.items
      .map((i) => publicView(toInfo(i)))
      .filter((r) => r.status === "published" && !withdrawn.has(r.id)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
});

/** Published reports withdrawn from the public (`Publication.withdraw`, issue 10). */
async function withdrawnIds(tenant: string): Promise<Set<string>> {
  const items = await Dynamo.queryAll<Dynamo.Item & { report: string; active: boolean }>({
    pk: Key.withdrawals(tenant).pk,
  });
  return new Set(items.filter((i) => i.active).map((i) => i.report));
}

/** One published report of a task force, for anyone; 404 for any other. */
export async function publishedById(taskForce: string, id: string): Promise<Info> {
  const tenant = await publicTenant(taskForce);
  const r = await get(tenant, id);
  if (r?.status !== "published") throw notFound("report", id);
  if ((await withdrawnIds(tenant)).has(id)) {
    throw new VisibleError(
      "not-found",
      "report.withdrawn",
      `report ${id} was withdrawn from the public`,
    );
  }
  return publicView(r);
}

/** The audit trail of a report, oldest first (people who may read it). */
export async function history(id: string, page: { limit?: number; cursor?: string } = {}) {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  const tenant = Actor.tenant();
  const { info } = await readable(tenant, id);
  // The trail names officials and quotes return comments: for those who work on the report.
  Policy.require(
    worksOn(info, Actor.use() as Extract<Actor.Actor, { type: "person" }>),
    "report.not_yours",
    `the history of report ${id} is for the offices that work on it`,
  );
  return Audit.ofEntity(tenant, "report", id, page);
}
