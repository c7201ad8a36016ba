import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { Dynamo, Entity, Key } from "../dynamo/index.ts";
import { invalid, notFound, VisibleError } from "../error/index.ts";
import { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Policy } from "../policy/index.ts";
import { createId } from "../util/id.ts";
import * as z from "../util/zod.ts";
import { type Content, StoredContent } from "./content.ts";

/**
 * The stored report and what every operation on it shares: the item with its index keys, who
 * may read or author it, which office must act now, and announcing a change.
 */

/** Obligations whose instance is owed as a document (the rest are settled by meetings or plans). */
export const REPORT_OBLIGATIONS: ReadonlySet<string> = new Set([
  "semester-report",
  "annual-report",
  "satgas-report",
  "district-report",
  "chair-annual-report",
  "chair-five-year-report",
  "annual-evaluation",
  "coordinator-monitoring",
  "secretariat-report",
  "satgas-monitoring",
  "bupati-evaluation",
]);

export const Status = z.enum([
  "draft",
  "submitted",
  "returned",
  "approved",
  "forwarded",
  "published",
]);
export type Status = z.infer<typeof Status>;

/** What the office in `waitingFor` must do: review, revise (owner), forward or publish. */
export const Action = z.enum(["review", "revise", "forward", "publish"]);
export type Action = z.infer<typeof Action>;

const By = z.object({ id: z.string(), name: z.string() });

export const Approval = z.object({
  office: z.string(),
  at: z.string().check(z.describe("ISO 8601 instant")),
  /** Who approved; left out of what the public and machines see. */
  by: z.optional(By),
  note: z.optional(z.string()),
});
export type Approval = z.infer<typeof Approval>;

export const Return = z.object({
  office: z.string(),
  at: z.string(),
  by: z.optional(By),
  comments: z.string(),
});

export const Source = z.object({
  unit: z.string(),
  instance: z.optional(z.string()),
  report: z.optional(z.string()),
  status: z
    .string()
    .check(z.describe("The source report's status, or `none` when there is no report")),
});
export type Source = z.infer<typeof Source>;

export const Info = z.object({
  id: z.string(),
  /** The obligation instance this report is owed for (one report per instance). */
  instance: z.string(),
  obligation: z.string(),
  title: z.object({ id: z.string(), en: z.string() }),
  unit: z.string(),
  /** The office that owes it; its unit's leaders write it. */
  owner: z.string(),
  route: z
    .array(z.string())
    .check(
      z.describe(
        "Offices that act on it in turn after its owner: the obligation's route without the owner",
      ),
    ),
  copies: z
    .array(z.string())
    .check(z.describe("Offices told on submission and approval; `ext:…` outside")),
  period: z.string(),
  covers: z.optional(z.object({ from: LocalDate.Schema, to: LocalDate.Schema })),
  due: LocalDate.Schema,
  article: z.string(),
  status: Status,
  /** Index into `route` of the office it is with (submitted, forwarded, approved). */
  step: z.int().check(z.minimum(0)),
  waitingFor: z.optional(z.object({ office: z.string(), action: Action })),
  /** When it entered its current status (ISO instant); the queue's order. */
  since: z.string(),
  content: StoredContent,
  /** Approvals since it was last submitted, in route order. */
  approvals: z.array(Approval),
  /** Who wrote it (created, edited, compiled or submitted it): they never approve it. */
  authors: z.optional(z.array(By)),
  lastReturn: z.optional(Return),
  /** The day of its first approval, which satisfied the obligation. */
  approvedOn: z.optional(LocalDate.Schema),
  publishedAt: z.optional(z.string()),
  /**
   * 2, 3 … for a correction of a withdrawn published report (`Publication.correct`): reopened as
   * a draft that goes along its route again; absent for the first version.
   */
  revision: z.optional(z.int().check(z.minimum(2))),
  /** When a corrected revision was published (the public page says "diperbaiki pada …"). */
  correctedAt: z.optional(z.string()),
  /** For a compiled report: the reports it was compiled from, and who had not reported. */
  compiledFrom: z.optional(z.array(Source)),
  notReported: z.optional(z.array(Source)),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type Info = z.infer<typeof Info>;

export type ReportItem = Dynamo.Item & Info & { lastEvent?: Audit.Event };

/** Outsiders in `copies` (`ext:publik`, `ext:provinsi`, …) are not offices: nobody to mail. */
export const isOffice = (code: string) => !code.startsWith("ext:");

/** The regulation publishes this report to the public (L-III §VIII points 1 and 3, Pasal 6f). */
export const forThePublic = (r: Pick<Info, "copies">) => r.copies.includes("ext:publik");

/**
 * The office that must act on a report now, and what it must do; none for a draft (the
 * obligation's reminders chase it), after publication, or once the last office has approved a
 * report the regulation does not publish.
 */
export function waiting(
  r: Pick<Info, "status" | "step" | "route" | "owner" | "copies">,
): { office: string; action: Action } | undefined {
  const here = r.route[r.step];
  const last = r.step === r.route.length - 1;
  switch (r.status) {
    case "draft":
    case "published":
      return undefined;
    case "returned":
      return { office: r.owner, action: "revise" };
    case "submitted":
    case "forwarded":
      return here ? { office: here, action: "review" } : undefined;
    case "approved":
      if (!here) return undefined;
      if (!last) return { office: here, action: "forward" };
      return forThePublic(r) ? { office: here, action: "publish" } : undefined;
  }
}

/** The item as stored, with its listing keys and, while an office must act, its queue entry. */
/**
 * One item per report (`Key.report`): per unit by due date (gsi1), per status since when (gsi2),
 * and in the queue of the office that must act on it (gsi3), with what it waits for.
 */
export const Reports = Entity.define<Info>({
  name: "report",
  schema: Info,
  key: Key.report,
  indexes: (tenant, info) => {
    const w = waiting(info);
    return {
      ...Key.reportOfUnit(tenant, info.unit, info.due, info.id),
      ...Key.reportByStatus(tenant, info.status, info.since, info.id),
      ...(w ? Key.queueEntry(tenant, w.office, info.since, "report", info.id) : {}),
    };
  },
  derived: (info) => {
    const w = waiting(info);
    return w ? { waitingFor: w } : {};
  },
});

export function item(tenant: string, info: Omit<Info, "version" | "waitingFor">) {
  return Reports.item(tenant, info as Omit<Info, "version">);
}

export function toInfo(stored: Dynamo.Item): Info {
  return Reports.toInfo(stored);
}

export async function get(tenant: string, id: string): Promise<Info | undefined> {
  const found = await Reports.load(tenant, id);
  return found ? toInfo(found) : undefined;
}

/** The report for an obligation instance, through its claim. */
export async function ofInstance(tenant: string, instance: string): Promise<Info | undefined> {
  const claim = await getClaim(tenant, instance);
  return claim ? get(tenant, claim) : undefined;
}

async function getClaim(tenant: string, instance: string): Promise<string | undefined> {
  const k = Key.reportOfInstance(tenant, instance);
  const found = await Dynamo.get<Dynamo.Item & { reportId: string }>(k.pk, k.sk);
  return found?.reportId;
}

/** May the current actor write and submit it: the owner office (or its stand-in) or the unit's leaders. */
export function mayAuthor(r: Pick<Info, "owner" | "unit">): boolean {
  return Policy.actsAs(r.owner) || Policy.leads(r.unit);
}

/**
 * May the current actor read it. People: the secretariat, members of its unit, its owner; once
 * submitted, also the offices on its route and its copies. Machines with `reports:read`: approved,
 * forwarded and published reports. The public: published reports only.
 */
export function mayRead(r: Info, actor: Actor.Actor = Actor.use()): boolean {
  switch (actor.type) {
    case "system":
      return true;
    case "public":
      return r.status === "published";
    case "machine":
      return (
        Policy.hasScope("reports:read", actor) &&
        (r.status === "approved" || r.status === "forwarded" || r.status === "published")
      );
    case "person": {
      if (worksOn(r, actor)) return true;
      // What the public may read, every member of the task force may read too (in its public view).
      return r.status === "published";
    }
  }
}

/** Whether a person works on the report: its unit, its owner, the secretariat, its route and copies. */
export function worksOn(r: Info, actor: Extract<Actor.Actor, { type: "person" }>): boolean {
  if (Policy.isSecretariat(actor) || Policy.memberOf(r.unit, actor)) return true;
  if (Policy.actsAs(r.owner, actor)) return true;
  if (r.status === "draft") return false;
  return [...r.route, ...r.copies].some((o) => Policy.actsAs(o, actor));
}

/**
 * What the public and machines see: the report without the names of the officials who acted on
 * it, and without the comments of a return (internal working notes).
 */
export function publicView(r: Info): Info {
  const { lastReturn: _lastReturn, authors: _authors, ...rest } = r;
  return { ...rest, approvals: r.approvals.map(({ office, at }) => ({ office, at })) };
}

/** As the current actor may see it. */
export function viewFor(r: Info, actor: Actor.Actor = Actor.use()): Info {
  if (actor.type === "system") return r;
  return actor.type === "person" && worksOn(r, actor) ? r : publicView(r);
}

export function by(): { id: string; name: string } {
  const d = Actor.describe();
  return { id: d.id, name: d.name };
}

async function officeName(
  tenant: string,
  code: string,
): Promise<{ id: string; en: string } | string> {
  const o = await Directory.office(tenant, code);
  return o ? { id: o.title, en: o.titleEn } : code;
}

async function unitName(
  tenant: string,
  code: string,
): Promise<{ id: string; en: string } | string> {
  const u = await Directory.unit(tenant, code);
  return u ? { id: u.name, en: u.nameEn } : code;
}

/** What a transition tells, and to whom (offices; outsiders in `copies` are dropped). */
export type Told =
  | { kind: "report-submitted" | "report-forwarded"; offices: string[]; from: string }
  | { kind: "report-returned"; offices: string[]; reviewer: string; comments: string }
  | {
      kind: "report-approved" | "report-published";
      offices: string[];
      approver: string;
      forwardedTo?: string;
    };

/**
 * The announcements of a change, under the id of the change's audit event (so telling it twice
 * mails nobody twice), built from the item about to be stored; `Audit.commit` keeps them with
 * the change's intent and hands them to the notification layer once the change is stored.
 */
export async function announcements(
  tenant: string,
  stored: ReportItem,
  told: Told,
): Promise<Notify.Announcement[]> {
  const event = stored.lastEvent;
  if (!event) return [];
  const offices = [...new Set(told.offices.filter((o) => o && isOffice(o)))];
  if (offices.length === 0) return [];
  const now = Actor.now();
  const today = LocalDate.at(now);
  const base = {
    id: event.id,
    offices,
    ref: { entity: "report" as const, id: stored.id },
  };
  const report = {
    title: stored.title,
    unit: await unitName(tenant, stored.unit),
    period: stored.period,
    url: Notify.entityUrl(tenant, "report", stored.id),
  };
  const acting =
    told.kind === "report-returned" ? told.reviewer : "from" in told ? told.from : told.approver;
  const actor = await Notify.actingFor(tenant, acting);
  switch (told.kind) {
    case "report-submitted":
    case "report-forwarded": {
      const from = await officeName(tenant, told.from);
      const out: Notify.Announcement[] = [];
      // The reviewer is asked to review; the owner is told where the report went (L-III §VIII).
      const reviewers = offices.filter(
        (o) => told.kind === "report-submitted" || o !== stored.owner,
      );
      if (reviewers.length > 0) {
        out.push({
          ...base,
          offices: reviewers,
          kind: told.kind,
          data: { report, from, ...actor, today },
        });
      }
      const to = stored.route[stored.step];
      if (told.kind === "report-forwarded" && offices.includes(stored.owner) && to) {
        out.push({
          ...base,
          offices: [stored.owner],
          kind: "report-sent-on",
          data: { report, from, ...actor, to: await officeName(tenant, to) },
        });
      }
      return out;
    }
    case "report-returned":
      return [
        {
          ...base,
          kind: told.kind,
          data: {
            report,
            reviewer: await officeName(tenant, told.reviewer),
            ...actor,
            comments: told.comments,
            ...(stored.due >= today ? { resubmitBy: stored.due } : {}),
            today,
          },
        },
      ];
    case "report-published":
      return [
        {
          ...base,
          kind: told.kind,
          data: {
            report,
            publisher: await officeName(tenant, told.approver),
            ...actor,
            publishedOn: today,
          },
        },
      ];
    case "report-approved":
      return [
        {
          ...base,
          kind: told.kind,
          data: {
            report,
            approver: await officeName(tenant, told.approver),
            ...actor,
            approvedOn: today,
            ...(told.forwardedTo
              ? { forwardedTo: await officeName(tenant, told.forwardedTo) }
              : {}),
          },
        },
      ];
  }
}

export function exists(instance: string, id: string): VisibleError {
  return new VisibleError(
    "conflict",
    "report.exists",
    `obligation ${instance} already has a report, ${id}; edit that one`,
    [{ path: "instance", message: `report ${id} exists for this obligation` }],
  );
}

/**
 * Creates the one report of an obligation instance, as a draft. Unique per instance without
 * transactions: a claim item keyed by the instance is created first (conditionally) and names the
 * report id; whoever finds the claim taken uses the id it names, so two creates, or a create
 * retried after a crash between the two writes, store one report. The second gets 409
 * `report.exists`.
 */
export async function createFor(
  tenant: string,
  instance: Obligation.Info,
  content: Content,
  extra: Pick<Info, "compiledFrom" | "notReported"> = {},
): Promise<Info> {
  const claimKey = Key.reportOfInstance(tenant, instance.id);
  let id = createId("report");
  const claimed = await Dynamo.create({
    ...claimKey,
    type: "report-claim",
    v: 1,
    instance: instance.id,
    reportId: id,
  });
  if (!claimed) {
    id = (await getClaim(tenant, instance.id)) ?? id;
    if (await get(tenant, id)) throw exists(instance.id, id);
    // The claim's writer has not stored its report (yet, or it crashed): store it under that id.
  }
  const now = Actor.now().toISOString();
  const route = instance.route[0] === instance.owner ? instance.route.slice(1) : instance.route;
  const info: Omit<Info, "version" | "waitingFor"> = {
    id,
    instance: instance.id,
    obligation: instance.obligation,
    title: instance.title,
    unit: instance.unit,
    owner: instance.owner,
    route,
    copies: instance.copies,
    period: instance.period,
    ...(instance.covers ? { covers: instance.covers } : {}),
    due: instance.due,
    article: instance.article,
    status: "draft",
    step: 0,
    since: now,
    content,
    approvals: [],
    authors: [by()],
    ...extra,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const stored = await Audit.commit<ReportItem>(tenant, item(tenant, info), undefined, {
      entity: "report",
      entityId: id,
      unit: instance.unit,
      action: "report.created",
      after: { status: "draft", instance: instance.id },
    });
    return toInfo(stored);
  } catch (error) {
    if (error instanceof VisibleError && error.code === "report.exists") {
      throw exists(instance.id, id);
    }
    throw error;
  }
}

/** The instance a report may be written for: it exists and is owed as a document. */
export async function reportable(tenant: string, id: string): Promise<Obligation.Info> {
  const instance = await Obligation.get(tenant, id);
  if (!instance) throw notFound("obligation", id);
  if (!REPORT_OBLIGATIONS.has(instance.obligation)) {
    throw invalid(
      "instance",
      `${id} is a ${instance.obligation}, which a meeting or a plan settles, not a report`,
      "report.not_a_report",
    );
  }
  return instance;
}

export function notWaived(instance: Obligation.Info): void {
  if (instance.status === "waived") {
    throw new VisibleError(
      "conflict",
      "report.obligation_waived",
      `obligation ${instance.id} was waived; it takes no report`,
    );
  }
}
