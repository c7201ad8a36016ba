export * as Task from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { Dynamo, Entity, Key } from "../dynamo/index.ts";
import { invalid, VisibleError } from "../error/index.ts";
import { Notify } from "../notify/index.ts";
import { Org } from "../org/index.ts";
import { Policy } from "../policy/index.ts";
import { Privacy } from "../privacy/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { fn } from "../util/fn.ts";
import { createId } from "../util/id.ts";
import * as z from "../util/zod.ts";

/**
 * Tasks: action items assigned to an office with a due date, from a meeting's minutes or
 * assigned by hand. An office, not a person, owns a task, so it survives a change of holder and
 * reaches an acting holder (Plt.).
 *
 * States:
 *
 *     assigned ──accept──▶ accepted ──complete──▶ done
 *     assigned | accepted ──reassign──▶ assigned    (in the new office's queue; it accepts anew)
 *     assigned | accepted ──cancel────▶ cancelled   (secretariat)
 *
 * Who may do what (the regulation gives the secretariat the running of the task force,
 * Pasal 7d, 9(2)a; coordinators lead their sub-task-force, Pasal 10–14):
 * - assign: the secretariat to any office; a unit's leaders (coordinator, deputy, Satgas head)
 *   to offices of their own unit;
 * - accept, complete: whoever acts for the assigned office (`Policy.actsAs`);
 * - reassign: the secretariat to any office; the assignee or the unit's leaders within the unit;
 * - cancel: the secretariat;
 * - read: the assignee, its unit's leaders, the secretariat.
 *
 * Storage: one item per task (`Key.task`), listed per office by status then due date (gsi1,
 * `Key.taskOfOffice`), and, while `assigned`, waiting in the office's queue (gsi3,
 * `Key.queueEntry`: `<since>#task#<id>`, with `title` and `due` on the item for the queue
 * listing). Every change is one conditional write with its audit event (`Audit.commit`).
 *
 * Order of checks: the input's shape (400), a signed-in person (401; machines 403), the task
 * exists (404), the caller may (403), a retry of a stored request (answered as the first time;
 * a retried hand-over is recognised before the 403, since its maker may no longer act for the
 * task's office), the state (409), the version (409 `version.stale`), then what the input means
 * against the store and the clock (400). Nothing is written before all of them pass.
 *
 * Announcements: `task-assigned` to the office on assignment, `task-reassigned` to the office
 * that receives it (the template tells the recipient it was given the task). Accepting,
 * completing and cancelling are audited but not mailed: Notify has no kind for them. If an
 * announcement cannot be delivered the change still stands, the failure is logged, and a retry
 * of the request announces again under the same id.
 *
 * Tasks made from a meeting's action items have deterministic ids (`idForActionItem`), so
 * recording the minutes again never makes a second task.
 */

/** How far ahead a due date may lie (configured: catches mistyped years; the regulation is silent). */
export const DUE_HORIZON_DAYS = 5 * 366;

export const Status = z.enum(["assigned", "accepted", "done", "cancelled"]);
export type Status = z.infer<typeof Status>;

export const Source = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("manual") }),
  z.object({
    kind: z.literal("meeting"),
    meetingId: z.string(),
    /** 1-based position in the meeting's action items. */
    item: z.int().check(z.minimum(1)),
  }),
]);
export type Source = z.infer<typeof Source>;

export const Handover = z.object({
  from: Org.OfficeCode,
  to: Org.OfficeCode,
  reason: z.string(),
  at: z.string().check(z.describe("ISO 8601 instant")),
  /** Who handed it over (person, machine or job id)… */
  by: z.string(),
  /** …in which office. */
  byOffice: z.optional(Org.OfficeCode),
});
export type Handover = z.infer<typeof Handover>;

export const Info = z.object({
  id: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  /** The office that owes it. */
  office: Org.OfficeCode,
  /** The unit of that office. */
  unit: Org.UnitCode,
  due: LocalDate.Schema,
  /** The due date asked for, when it fell on a weekend or holiday and was moved to `due`. */
  dueMovedFrom: z.optional(LocalDate.Schema),
  status: Status,
  source: Source,
  /** The office that gave the work: the assigning secretariat or leader, or the meeting's convener. */
  assignedBy: Org.OfficeCode,
  createdAt: z.string(),
  /** When it reached its current office (ISO instant); it waits in that office's queue until accepted. */
  since: z.string(),
  acceptedAt: z.optional(z.string()),
  completion: z.optional(z.object({ note: z.string(), at: z.string() })),
  cancellation: z.optional(z.object({ reason: z.string(), at: z.string() })),
  history: z._default(z.array(Handover), []),
  version: z.int(),
});
export type Info = z.infer<typeof Info>;

/** A task as shown to people: with whether it is overdue today. */
export type View = Info & { overdue: boolean };

type TaskItem = Dynamo.Item & Info & { lastEvent?: Audit.Event };

/** Free text: trimmed, no control characters, no identity numbers (`Privacy.text`). */
const text = (min: number, max: number) => Privacy.text(max, min);

const Id = z.string().check(z.minLength(1), z.maxLength(200));
const Version = z
  .int()
  .check(z.minimum(1), z.describe("The version you read; a stale one gives 409"));

/**
 * One item per task (`Key.task`), listed per office by status then due date (gsi1), and, while
 * `assigned`, in the office's queue (gsi3).
 */
const Tasks = Entity.define<Info>({
  name: "task",
  schema: Info,
  key: Key.task,
  indexes: (tenant, info) => ({
    ...Key.taskOfOffice(tenant, info.office, info.status, info.due, info.id),
    ...(info.status === "assigned"
      ? Key.queueEntry(tenant, info.office, info.since, "task", info.id)
      : {}),
  }),
});

const toInfo = (stored: TaskItem): Info => Tasks.toInfo(stored);
const item = Tasks.item;
const load = Tasks.load;
const loadOr404 = Tasks.loadOr404;

/** A stored task, without permission checks (for other areas and jobs). */
export async function get(tenant: string, id: string): Promise<Info | undefined> {
  const found = await load(tenant, id);
  return found ? toInfo(found) : undefined;
}

export function view(info: Info, today: string): View {
  return {
    ...info,
    overdue: (info.status === "assigned" || info.status === "accepted") && info.due < today,
  };
}

/** The id of the task made from a meeting's `n`-th (1-based) action item: `tsk_<meeting ulid>-<n>`. */
export function idForActionItem(meetingId: string, n: number): string {
  return `tsk_${meetingId.replace(/^mtg_/, "")}-${n}`;
}

// ---------------------------------------------------------------------------------------------
// Permissions

/** Whether the actor may give work to `office`: the secretariat, or a leader of its unit. */
export function mayAssignTo(office: string): boolean {
  return Policy.isSecretariat() || Policy.leads(Directory.officeUnit(office));
}

/** Tasks are for the people of the task force: 401 for the public, 403 for machines. */
function signedIn(): void {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
}

/** Whether the actor may read the task (also the rule its audit events inherit). */
export function mayRead(task: Info): boolean {
  return Policy.isSecretariat() || Policy.actsAs(task.office) || Policy.leads(task.unit);
}

function today(): string {
  return LocalDate.at(Actor.now());
}

function actorId(): string {
  return Actor.describe().id;
}

const stale = Tasks.stale;

/** Whether `current` is exactly the result of this request, already stored (a retry). */
function isReplay(current: TaskItem, version: number, action: string, same: boolean): boolean {
  return current.version === version + 1 && current.lastEvent?.action === action && same;
}

async function checkOffice(path: string, office: string): Promise<void> {
  if (!(await Directory.office(Actor.tenant(), office))) {
    throw invalid(path, `unknown office ${office}`);
  }
}

/**
 * A due date on a weekend or holiday moves to the working day before it (configured, issue 8
 * §8). When that day is before `notBefore` it is refused with the reason, or with `keep` (an
 * action item of minutes already recorded) left where it was.
 */
async function onWorkingDay(
  tenant: string,
  path: string,
  due: string,
  notBefore: string,
  keep = false,
): Promise<{ due: string; dueMovedFrom?: string }> {
  const holidays = await TaskForce.holidays(tenant);
  if (holidays.isWorkingDay(due)) return { due };
  const moved = holidays.previousWorkingDay(due);
  const reason = TaskForce.nonWorkingReason(holidays, due);
  if (moved < notBefore) {
    if (keep) return { due };
    throw invalid(
      path,
      `${due} is not a working day (${reason}) and the working day before it, ${moved}, is before ${notBefore}`,
      "task.non_working_day",
    );
  }
  return { due: moved, dueMovedFrom: due };
}

function checkDue(path: string, due: string, notBefore: string): void {
  if (due < notBefore) throw invalid(path, `must not be before ${notBefore}`);
  const latest = LocalDate.addDays(today(), DUE_HORIZON_DAYS);
  if (due > latest) throw invalid(path, `must not be after ${latest}`);
}

/** An office's or unit's name in both languages, as the mail templates take it. */
async function officeName(tenant: string, code: string) {
  const o = await Directory.office(tenant, code);
  return o ? { id: o.title, en: o.titleEn } : code;
}

async function unitName(tenant: string, code: string) {
  const u = await Directory.unit(tenant, code);
  return u ? { id: u.name, en: u.nameEn } : code;
}

/**
 * Tells the task's office it has work (`task-assigned`, or `task-reassigned` after a handover),
 * under the id of the change's audit event (idempotent). `by` is the office that gave the work.
 */
async function announceAssigned(
  tenant: string,
  task: TaskItem,
  kind: "task-assigned" | "task-reassigned",
  by: string,
  article?: string,
): Promise<void> {
  try {
    await deliverAssigned(tenant, task, kind, by, article);
  } catch (error) {
    // The change is stored and stands; a retry of the request announces again (same id).
    console.error(
      JSON.stringify({
        level: "error",
        message: "announcement not delivered",
        announcement: task.lastEvent?.id,
        kind,
        error: String(error),
      }),
    );
  }
}

async function deliverAssigned(
  tenant: string,
  task: TaskItem,
  kind: "task-assigned" | "task-reassigned",
  by: string,
  article?: string,
): Promise<void> {
  for (const a of await assigned(tenant, task, kind, by, article)) {
    await Notify.announce(tenant, a);
  }
}

/** The announcement of a task's assignment (or hand-over), built from the item to be stored. */
async function assigned(
  tenant: string,
  task: TaskItem,
  kind: "task-assigned" | "task-reassigned",
  by: string,
  article?: string,
): Promise<Notify.Announcement[]> {
  if (!task.lastEvent) return [];
  const now = Actor.now();
  const facts = await taskFacts(tenant, task, article);
  const actor = await Notify.actingFor(tenant, by);
  const handover = kind === "task-reassigned" ? task.history.at(-1) : undefined;
  const base = { id: task.lastEvent.id, ref: { entity: "task" as const, id: task.id } };
  const out: Notify.Announcement[] = [
    {
      ...base,
      kind,
      // Only the office that receives it: the template tells the recipient it was given the task.
      offices: [task.office],
      data: {
        task: facts,
        assignedBy: await officeName(tenant, by),
        ...actor,
        ...(handover?.reason ? { reason: handover.reason } : {}),
        today: LocalDate.at(now),
      },
    },
  ];
  // The office that had it is told it is no longer theirs (not when it handed it over itself).
  if (handover && handover.from !== task.office && !Policy.holds(handover.from)) {
    out.push({
      ...base,
      kind: "task-reassigned-away",
      offices: [handover.from],
      data: {
        task: facts,
        by: await officeName(tenant, by),
        ...actor,
        to: await officeName(tenant, task.office),
        reason: handover.reason,
      },
    });
  }
  return out;
}

/** What a task mail says about the task: title, unit, description, due date, page. */
async function taskFacts(tenant: string, task: TaskItem, article?: string) {
  return {
    title: task.title,
    unit: await unitName(tenant, task.unit),
    ...(task.description ? { description: task.description } : {}),
    due: task.due,
    ...(article ? { article } : {}),
    url: Notify.entityUrl(tenant, "task", task.id),
  };
}

/** Tells the office that gave the task that it is done (idempotent: the event's id). */
async function announceCompleted(tenant: string, task: TaskItem): Promise<void> {
  if (!task.lastEvent || task.assignedBy === task.office) return;
  try {
    await Notify.announce(tenant, {
      id: task.lastEvent.id,
      kind: "task-completed",
      offices: [task.assignedBy],
      ref: { entity: "task", id: task.id },
      data: {
        task: await taskFacts(tenant, task),
        by: await officeName(tenant, task.office),
        ...(await Notify.actingFor(tenant, task.office)),
        completedOn: LocalDate.at(Actor.now()),
        ...(task.completion?.note ? { note: task.completion.note } : {}),
      },
    });
  } catch (error) {
    // The change is stored and stands; a retry of the request announces again (same id).
    console.error(
      JSON.stringify({
        level: "error",
        message: "announcement not delivered",
        announcement: task.lastEvent.id,
        kind: "task-completed",
        error: String(error),
      }),
    );
  }
}

/**
 * The office in which the actor gives work to `office`'s unit: a secretariat office they hold,
 * else the office they act in, else the office in which they lead the unit.
 */
function actingOffice(office: string): string | undefined {
  const actor = Actor.use();
  const held = actor.type === "person" ? actor.offices : [];
  const unit = Directory.officeUnit(office);
  return (
    Policy.SECRETARIAT_OFFICES.find((o) => held.includes(o)) ??
    held.find((o) => o === office) ??
    held.find((o) => leadsIn(o, unit))
  );
}

/** Whether office `o` alone makes its holder a leader of `unit` (Policy decides what leading is). */
const leadsIn = (o: string, unit: string) =>
  Policy.leads(unit, { type: "person", tenant: "-", personId: "-", name: "-", offices: [o] });

// ---------------------------------------------------------------------------------------------
// Creating

export const CreateInput = z.object({
  title: text(1, 300),
  description: z.optional(text(1, 4000)),
  office: Org.OfficeCode.check(z.describe("The office that is to do it")),
  due: LocalDate.Schema,
});

/**
 * Assigns a task to an office (the secretariat to any office, a unit's leaders within their
 * unit). The due date must not be in the past. Announced to the office (`task-assigned`).
 */
export const create = fn(CreateInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  Policy.require(
    mayAssignTo(input.office),
    "task.not_your_unit",
    "only the secretariat, or a leader of the office's own unit, may assign it a task",
  );
  await checkOffice("office", input.office);
  checkDue("due", input.due, today());
  const due = await onWorkingDay(tenant, "due", input.due, today());
  const now = Actor.now().toISOString();
  const assignedBy = actingOffice(input.office) as string; // mayAssignTo held, so there is one
  const info = {
    id: createId("task"),
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    office: input.office,
    unit: Directory.officeUnit(input.office),
    ...due,
    status: "assigned" as const,
    source: { kind: "manual" as const },
    assignedBy,
    createdAt: now,
    since: now,
    history: [],
  };
  const stored = await Audit.commit<TaskItem>(
    tenant,
    item(tenant, info),
    undefined,
    {
      entity: "task",
      entityId: info.id,
      unit: info.unit,
      action: "task.assigned",
      after: { title: info.title, office: info.office, ...due, assignedBy },
    },
    (next) => assigned(tenant, next, "task-assigned", assignedBy),
  );
  return toInfo(stored);
});

/** One action item of held minutes, as `Meeting.hold` hands it over. */
export interface ActionItem {
  title: string;
  description?: string;
  office: string;
  due: string;
}

/** The meeting an action item comes from: who convened it and under which article. */
export interface MeetingContext {
  id: string;
  convenedBy: string;
  article: string;
}

/**
 * Makes (or finds) the task for a meeting's `n`-th action item. Idempotent: the id is
 * deterministic, so a retry finds the task made the first time; if that first attempt stopped
 * before announcing, the announcement (itself idempotent) is made now. Permissions and input
 * were checked when the minutes were recorded.
 */
export async function fromActionItem(
  tenant: string,
  meeting: MeetingContext,
  n: number,
  action: ActionItem,
): Promise<Info> {
  const meetingId = meeting.id;
  const id = idForActionItem(meetingId, n);
  const existing = await load(tenant, id);
  if (existing) {
    if (existing.version === 1 && existing.lastEvent) {
      await Audit.append(tenant, existing.lastEvent);
      await announceAssigned(
        tenant,
        existing,
        "task-assigned",
        existing.assignedBy,
        meeting.article,
      );
    }
    return toInfo(existing);
  }
  const now = Actor.now().toISOString();
  const due = await onWorkingDay(tenant, `actionItems.${n}.due`, action.due, today(), true);
  const info = {
    id,
    title: action.title,
    ...(action.description ? { description: action.description } : {}),
    office: action.office,
    unit: Directory.officeUnit(action.office),
    ...due,
    status: "assigned" as const,
    source: { kind: "meeting" as const, meetingId, item: n },
    assignedBy: meeting.convenedBy,
    createdAt: now,
    since: now,
    history: [],
  };
  let stored: TaskItem;
  try {
    stored = await Audit.commit<TaskItem>(
      tenant,
      item(tenant, info),
      undefined,
      {
        entity: "task",
        entityId: id,
        unit: info.unit,
        action: "task.assigned",
        after: { title: info.title, office: info.office, ...due, meeting: meetingId },
      },
      (next) => assigned(tenant, next, "task-assigned", next.assignedBy, meeting.article),
    );
  } catch (error) {
    // Made by a concurrent retry between our read and our write: theirs stands.
    if (error instanceof VisibleError && error.code === "task.exists") {
      return toInfo(await loadOr404(tenant, id));
    }
    throw error;
  }
  return toInfo(stored);
}

// ---------------------------------------------------------------------------------------------
// Reading

export const FromIdInput = z.object({ id: Id });

/** One task, for its assignee, its unit's leaders and the secretariat. */
export const fromID = fn(FromIdInput, async ({ id }) => {
  signedIn();
  const found = toInfo(await loadOr404(Actor.tenant(), id));
  Policy.require(mayRead(found), "task.not_visible", "this task belongs to another office");
  return view(found, today());
});

export const ListInput = z.object({
  office: Org.OfficeCode,
  status: z.optional(Status),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/**
 * An office's tasks, ordered by status then due date (one status when given), a page at a time.
 * For the office's holders, its unit's leaders and the secretariat.
 */
export const byOffice = fn(ListInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  Policy.require(
    Policy.isSecretariat() ||
      Policy.actsAs(input.office) ||
      Policy.leads(Directory.officeUnit(input.office)),
    "task.not_visible",
    "you may only list the tasks of your own office or of a unit you lead",
  );
  const page = await Dynamo.query<TaskItem>({
    index: "gsi1",
    pk: Key.tasksOfOffice(tenant, input.office).gsi1pk,
    // The sort key starts with the status (Key.taskOfOffice).
    ...(input.status ? { sk: { beginsWith: `${input.status}#` } } : {}),
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const day = today();
  return {
    items: page.items.map((i) => view(toInfo(i), day)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
});

// ---------------------------------------------------------------------------------------------
// Changing

async function change(
  tenant: string,
  current: TaskItem,
  next: Omit<Info, "version">,
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  note?: string,
  announce?: Audit.Announcer<TaskItem>,
): Promise<TaskItem> {
  return Audit.commit<TaskItem>(
    tenant,
    item(tenant, next),
    current,
    {
      entity: "task",
      entityId: current.id,
      unit: next.unit,
      action,
      before,
      after,
      ...(note ? { note } : {}),
    },
    announce,
  );
}

export const AcceptFields = z.object({ version: Version });
export const AcceptInput = z.extend(AcceptFields, { id: Id });

/** The assigned office takes the task on; it leaves the office's queue. */
export const accept = fn(AcceptInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  const current = await loadOr404(tenant, input.id);
  Policy.require(
    Policy.actsAs(current.office),
    "task.not_assignee",
    `only ${current.office} may accept this task`,
  );
  if (isReplay(current, input.version, "task.accepted", current.status === "accepted")) {
    return toInfo(current);
  }
  if (current.status !== "assigned") {
    throw new VisibleError(
      "conflict",
      "task.not_assigned",
      `task ${current.id} is ${current.status}, not assigned`,
    );
  }
  if (current.version !== input.version) throw stale(current, input.version);
  const stored = await change(
    tenant,
    current,
    { ...toInfo(current), status: "accepted", acceptedAt: Actor.now().toISOString() },
    "task.accepted",
    { status: "assigned" },
    { status: "accepted" },
  );
  return toInfo(stored);
});

export const CompleteFields = z.object({
  note: text(1, 4000).check(z.describe("What was done")),
  version: Version,
});
export const CompleteInput = z.extend(CompleteFields, { id: Id });

/** The assigned office reports the accepted task done. */
export const complete = fn(CompleteInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  const current = await loadOr404(tenant, input.id);
  Policy.require(
    Policy.actsAs(current.office),
    "task.not_assignee",
    `only ${current.office} may complete this task`,
  );
  const same = current.status === "done" && current.completion?.note === input.note;
  if (isReplay(current, input.version, "task.completed", same)) {
    await announceCompleted(tenant, current);
    return toInfo(current);
  }
  if (current.status !== "accepted") {
    throw new VisibleError(
      "conflict",
      "task.not_accepted",
      `task ${current.id} is ${current.status}; only an accepted task can be completed`,
    );
  }
  if (current.version !== input.version) throw stale(current, input.version);
  const completion = { note: input.note, at: Actor.now().toISOString() };
  const stored = await change(
    tenant,
    current,
    { ...toInfo(current), status: "done", completion },
    "task.completed",
    { status: "accepted" },
    { status: "done" },
    input.note,
  );
  await announceCompleted(tenant, stored);
  return toInfo(stored);
});

export const ReassignFields = z.object({
  office: Org.OfficeCode.check(z.describe("The office that is to do it from now on")),
  reason: text(5, 2000),
  version: Version,
});
export const ReassignInput = z.extend(ReassignFields, { id: Id });

/**
 * Hands an open task to another office: the secretariat to any office; the assignee or the
 * unit's leaders within the unit. The task starts again as `assigned` in the new office's queue
 * and both offices are told (`task-reassigned`).
 */
export const reassign = fn(ReassignInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  const current = await loadOr404(tenant, input.id);
  const last = current.history.at(-1);
  const same =
    current.office === input.office &&
    last?.to === input.office &&
    last.reason === input.reason &&
    last.by === actorId();
  // A retry by whoever made the stored hand-over: they may no longer act for the task's office.
  if (isReplay(current, input.version, "task.reassigned", same)) {
    await announceAssigned(
      tenant,
      current,
      "task-reassigned",
      last?.byOffice ?? current.assignedBy,
    );
    return toInfo(current);
  }
  const withinUnit = Directory.officeUnit(input.office) === current.unit;
  const involved = Policy.actsAs(current.office) || Policy.leads(current.unit);
  Policy.require(
    Policy.isSecretariat() || involved,
    "task.not_assignee",
    `only ${current.office}, its unit's leaders or the secretariat may reassign this task`,
  );
  Policy.require(
    Policy.isSecretariat() || withinUnit,
    "task.outside_unit",
    `only the secretariat may hand a task outside ${current.unit}`,
  );
  if (current.status !== "assigned" && current.status !== "accepted") {
    throw new VisibleError(
      "conflict",
      "task.closed",
      `task ${current.id} is ${current.status}; it can no longer be reassigned`,
    );
  }
  if (current.version !== input.version) throw stale(current, input.version);
  await checkOffice("office", input.office);
  if (input.office === current.office) {
    throw invalid("office", `the task is already with ${current.office}`);
  }
  const now = Actor.now().toISOString();
  const info = toInfo(current);
  const byOffice = actingOffice(current.office);
  const handover = {
    from: current.office,
    to: input.office,
    reason: input.reason,
    at: now,
    by: actorId(),
    ...(byOffice ? { byOffice } : {}),
  };
  const { acceptedAt: _, ...rest } = info;
  const stored = await change(
    tenant,
    current,
    {
      ...rest,
      office: input.office,
      unit: Directory.officeUnit(input.office),
      status: "assigned",
      since: now,
      history: [...info.history, handover],
    },
    "task.reassigned",
    { office: current.office, status: current.status },
    { office: input.office, status: "assigned" },
    input.reason,
    (next) => assigned(tenant, next, "task-reassigned", byOffice ?? current.assignedBy),
  );
  return toInfo(stored);
});

export const CancelFields = z.object({ reason: text(5, 2000), version: Version });
export const CancelInput = z.extend(CancelFields, { id: Id });

/** The secretariat withdraws an open task. */
export const cancel = fn(CancelInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  const current = await loadOr404(tenant, input.id);
  Policy.require(
    Policy.isSecretariat(),
    "task.secretariat_only",
    "only the secretariat (Sekretaris, Ketua Harian) may cancel a task",
  );
  const same = current.status === "cancelled" && current.cancellation?.reason === input.reason;
  if (isReplay(current, input.version, "task.cancelled", same)) return toInfo(current);
  if (current.status !== "assigned" && current.status !== "accepted") {
    throw new VisibleError(
      "conflict",
      "task.closed",
      `task ${current.id} is ${current.status}; it can no longer be cancelled`,
    );
  }
  if (current.version !== input.version) throw stale(current, input.version);
  const cancellation = { reason: input.reason, at: Actor.now().toISOString() };
  const stored = await change(
    tenant,
    current,
    { ...toInfo(current), status: "cancelled", cancellation },
    "task.cancelled",
    { status: current.status },
    { status: "cancelled" },
    input.reason,
  );
  return toInfo(stored);
});
