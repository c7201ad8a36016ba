export * as Meeting from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { Dynamo, Entity, Key } from "../dynamo/index.ts";
import { invalid, VisibleError } from "../error/index.ts";
import { Ics } from "../ics/index.ts";
import { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Org } from "../org/index.ts";
import { Policy } from "../policy/index.ts";
import { Privacy } from "../privacy/index.ts";
import { Task } from "../task/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { fn } from "../util/fn.ts";
import { createId } from "../util/id.ts";
import * as z from "../util/zod.ts";
import { heldItems } from "./history.ts";
import { KINDS, Kind } from "./kinds.ts";

export { history } from "./history.ts";
export { KINDS, Kind };

/**
 * Coordination meetings (Pasal 15–17, L-III §VI) and the task force's routine meetings and
 * workshops (RAD E): scheduled, then held (with minutes) or cancelled.
 *
 * States:
 *
 *     scheduled ──reschedule──▶ scheduled   (ICS sequence + 1, same uid)
 *     scheduled ──hold────────▶ held        (minutes; action items become tasks; satisfies an obligation)
 *     scheduled ──cancel──────▶ cancelled   (ICS sequence + 1)
 *
 * Kinds (`KINDS` carries each one's citation):
 * - `subtask`: Rapat Koordinasi Sub Gugus Tugas (Pasal 15a, 16) of one sub-task-force
 *   (`sgt-a` … `sgt-e`); all its personnel attend; at least once every four months. Called by
 *   the secretariat (Pasal 9(2)d) or the unit's coordinator or deputy (Pasal 10a–14a).
 * - `special`: Rapat Koordinasi Khusus (Pasal 15b, 17): all personnel of the task force attend.
 *   Called by the secretariat, by the Ketua (who coordinates the members' work, Pasal 6b), or
 *   by a sub-task-force coordinator or deputy, since L-III §VI lets a meeting be called directly
 *   when a coordinator's monitoring finds a problem.
 * - `taskforce`: the routine task-force meeting, every quarter (RAD E row 1); the secretariat.
 * - `workshop`: the workshop on duties and functions, twice a year (RAD E row 1); the secretariat.
 *   `special`, `taskforce` and `workshop` belong to the unit `gt`.
 *
 * Who may: call a meeting as above; reschedule, cancel or hold it: the secretariat, the
 * unit's coordinator or deputy (for `subtask`), or the office that called it; read it: the
 * secretariat, the unit's members, invited offices, and for `gt` meetings anyone holding an
 * office of the task force; list a unit's meetings: the same without the guests. Only people:
 * the public gets 401, machines 403.
 *
 * Invitees: the regulation's attendees are always invited: every office of the sub-task-force
 * for `subtask`, every office of the task force (all units, Satgas included, Pasal 5(1)) for
 * the rest, as stored when the meeting is scheduled. The caller may add guests (`invitees`)
 * but never remove anyone the regulation invites.
 *
 * Choices where the regulation is silent (configuration, not law):
 * - a meeting is scheduled on a date from today up to `SCHEDULE_HORIZON_DAYS` ahead;
 * - `heldOn` (default: the scheduled date) is not in the future and not more than
 *   `HOLD_MARGIN_DAYS` before the scheduled date, so a meeting entered late (schedule it today,
 *   hold it with the real date) or held a little early can still be recorded;
 * - holding a meeting satisfies the obligation instances of its kind (`KINDS[kind].obligation`)
 *   in its unit the way the calendar counts held meetings (`@tenggat/core/calendar`), so the
 *   stored instances and the computed ones agree: the open instance whose window contains
 *   `heldOn` (earliest due first: the first of two workshops takes the first occurrence), and
 *   for the rolling windows of Pasal 16 also every open window that ended before `heldOn` — a
 *   missed window is settled, late, by the first meeting held after it (recorded as satisfied
 *   after its due date; overdue is never hidden). Quarterly meetings and workshops are settled
 *   only inside their window. A special meeting satisfies nothing: it is ad hoc (Pasal 17(3)).
 *   `history` gives the calendar the held meetings it rolls the windows from.
 * - action items may only go to offices the caller may give work to (`Task.mayAssignTo`), so
 *   minutes are no way around the rules for assigning tasks; their due date is not before
 *   `heldOn`.
 *
 * Order of checks: the input's shape (400), a signed-in person (401), the meeting exists (404),
 * the caller may (403), a
 * retry of a stored request (answered as the first time), the state (409
 * `meeting.not_scheduled`), the version (409 `version.stale`), then what the input means against
 * the store and the clock (400: a past date, an unknown office…). Nothing is written before all
 * of them pass.
 *
 * Announcements follow the stored change; if one cannot be delivered the change still stands,
 * the failure is logged, and a retry of the request announces again under the same id.
 *
 * Retries: reschedule, cancel and hold recognise a retry of a request that was already stored
 * (same body, the version it was based on) and answer it as the first time, re-announcing
 * (announcements are idempotent by the audit event id). `schedule` has no such key: a retried
 * schedule makes a second meeting, which can be cancelled. For `hold` a retry also finishes the follow-ups (tasks with
 * deterministic ids, the obligation), so a crash after storing the minutes loses nothing and a
 * retry never duplicates; `followUp` does the same for a job.
 *
 * Minutes are about coordination. Nothing in them needs a victim's identity (DIGEST §5):
 * attendance is offices and person ids of officials, plus a count of others.
 */

/** How far ahead a meeting may be scheduled (configured; catches mistyped years). */
export const SCHEDULE_HORIZON_DAYS = 730;
/** How many days before its scheduled date a meeting may be recorded as held (configured). */
export const HOLD_MARGIN_DAYS = 31;

export const Status = z.enum(["scheduled", "held", "cancelled"]);
export type Status = z.infer<typeof Status>;

/** Free text: trimmed, no control characters, no identity numbers (`Privacy.text`). */
const text = (min: number, max: number) => Privacy.text(max, min);

const Id = z.string().check(z.minLength(1), z.maxLength(200));
const Version = z
  .int()
  .check(z.minimum(1), z.describe("The version you read; a stale one gives 409"));
const Time = Ics.Time.check(z.describe("Local time in Asia/Pontianak, HH:MM (24-hour)"));

export const Attendance = z.object({
  offices: z
    ._default(z.array(Org.OfficeCode).check(z.maxLength(1000)), [])
    .check(z.describe("Offices represented")),
  people: z
    ._default(z.array(Id).check(z.maxLength(1000)), [])
    .check(z.describe("Person ids of those present")),
  others: z
    ._default(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0)
    .check(z.describe("How many others were present (guests, experts), counted, not named")),
});
export type Attendance = z.infer<typeof Attendance>;

export const ActionItemInput = z.object({
  title: text(1, 300),
  description: z.optional(text(1, 4000)),
  office: Org.OfficeCode.check(z.describe("The office that is to do it")),
  due: LocalDate.Schema,
});

export const ActionItem = z.extend(ActionItemInput, {
  /** The task made from it (deterministic: `Task.idForActionItem`). */
  task: z.string(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const Minutes = z.object({
  heldOn: LocalDate.Schema,
  attendance: Attendance,
  decisions: z._default(z.array(z.string()), []),
  actionItems: z._default(z.array(ActionItem), []),
  notes: z.optional(z.string()),
});
export type Minutes = z.infer<typeof Minutes>;

export const Info = z.object({
  id: z.string(),
  kind: Kind,
  unit: Org.UnitCode,
  title: z.string(),
  date: LocalDate.Schema,
  start: Time,
  end: Time,
  location: z.string(),
  agenda: z.optional(z.string()),
  invitees: z.array(Org.OfficeCode),
  status: Status,
  /** iCalendar UID: stable for the life of the meeting. */
  uid: z.string(),
  /** iCalendar SEQUENCE: 0, then + 1 on every reschedule and on cancellation. */
  sequence: z.int().check(z.minimum(0)),
  /** Where the meeting comes from in the regulation. */
  article: z.string(),
  /** The office in which it was called. */
  convenedBy: Org.OfficeCode,
  createdAt: z.string(),
  minutes: z.optional(Minutes),
  cancellation: z.optional(z.object({ reason: z.string(), at: z.string() })),
  version: z.int(),
});
export type Info = z.infer<typeof Info>;

type MeetingItem = Dynamo.Item & Info & { lastEvent?: Audit.Event };

/** One item per meeting (`Key.meeting`), listed per unit by date and start (gsi1). */
const Meetings = Entity.define<Info>({
  name: "meeting",
  schema: Info,
  key: Key.meeting,
  indexes: (tenant, info) => Key.meetingOfUnit(tenant, info.unit, info.date, info.start, info.id),
});

const toInfo = (stored: MeetingItem): Info => Meetings.toInfo(stored);
const item = Meetings.item;
const load = Meetings.load;
const loadOr404 = Meetings.loadOr404;

/** A stored meeting, without permission checks (for other areas and jobs). */
export async function get(tenant: string, id: string): Promise<Info | undefined> {
  const found = await load(tenant, id);
  return found ? toInfo(found) : undefined;
}

/**
 * What a special meeting (Pasal 17: it answers a case) is called wherever the meeting itself is
 * not behind a sign-in: mail subjects and bodies, `.ics` files, calendar feeds.
 */
export const SPECIAL_TITLE = { id: "Rapat khusus Gugus Tugas", en: "Special task-force meeting" };

/** The title a mail or a calendar may carry: generic for a special meeting. */
export function outsideTitle(m: Info): string | { id: string; en: string } {
  return m.kind === "special" ? SPECIAL_TITLE : m.title;
}

/**
 * The meeting as an event of the personal calendar feed (`Ics.feed`): title, times, place and
 * status only — never the agenda or minutes of any meeting, and a special meeting's title is
 * generic (feeds sit in phone calendars, shared and synced beyond the task force).
 */
export function calendarEvent(m: Info): Ics.MeetingEvent {
  return {
    kind: "meeting",
    uid: m.uid,
    sequence: m.sequence,
    start: { date: m.date, time: m.start },
    end: { date: m.date, time: m.end },
    summary: m.kind === "special" ? SPECIAL_TITLE.id : m.title,
    location: m.location,
    status: m.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
  };
}

// ---------------------------------------------------------------------------------------------
// Permissions

const COORDINATOR = /^sgt-[a-e]\.(koordinator|wakil-koordinator)$/;

function actorOffices(): string[] {
  const actor = Actor.use();
  return actor.type === "person" ? actor.offices : [];
}

/** The office in which the actor may call a meeting of `kind` for `unit`, if any. */
function convener(kind: Kind, unit: string): string | undefined {
  const offices = actorOffices();
  const secretariat = Policy.SECRETARIAT_OFFICES.find((o) => offices.includes(o));
  if (secretariat) return secretariat;
  if (kind === "subtask") {
    return offices.find((o) => o === `${unit}.koordinator` || o === `${unit}.wakil-koordinator`);
  }
  // A special meeting (Pasal 17) answers a case that needs a quick decision: the Ketua, who
  // coordinates the members' work (Pasal 6b), may call one, and so may a coordinator whose
  // monitoring found a problem (L-III §VI).
  if (kind === "special") return offices.find((o) => o === "gt.ketua" || COORDINATOR.test(o));
  return undefined;
}

function mayManage(m: Info): boolean {
  return (
    Policy.isSecretariat() ||
    (m.kind === "subtask" && Policy.leads(m.unit)) ||
    Policy.holds(m.convenedBy)
  );
}

function mayRead(m: Info): boolean {
  return mayList(m.unit) || m.invitees.some((o) => Policy.holds(o)) || Policy.holds(m.convenedBy);
}

/** The task force's leadership (Pasal 6–9), who read every special meeting in full. */
export const LEADERSHIP = ["gt.penasehat", "gt.ketua", "gt.ketua-harian", "gt.sekretaris"];

/**
 * Whether the actor may read what a meeting says about its case (agenda, minutes, decisions):
 * anyone who may read an ordinary meeting; for a special meeting (Pasal 17) only its invitees,
 * whoever called it and the leadership. The system (jobs) reads everything.
 */
export function mayReadCase(m: Info, actor: Actor.Actor = Actor.use()): boolean {
  if (m.kind !== "special" || actor.type === "system") return true;
  return [...LEADERSHIP, ...m.invitees, m.convenedBy].some((o) => Policy.holds(o, actor));
}

/** The meeting as the actor may see it: a special meeting without agenda and minutes to others. */
export function viewFor(m: Info, actor: Actor.Actor = Actor.use()): Info {
  if (mayReadCase(m, actor)) return m;
  const { agenda: _agenda, minutes: _minutes, ...rest } = m;
  return rest;
}

/** The secretariat, the unit's members, and for `gt` anyone holding an office of the task force. */
function mayList(unit: string): boolean {
  return (
    Policy.isSecretariat() || Policy.memberOf(unit) || (unit === "gt" && actorOffices().length > 0)
  );
}

/** Meetings are for the people of the task force: 401 for the public, 403 for machines. */
function signedIn(): void {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
}

function requireManage(m: Info): void {
  Policy.require(
    mayManage(m),
    "meeting.not_allowed",
    m.kind === "subtask"
      ? `only the secretariat or the leaders of ${m.unit} may change this meeting`
      : `only the secretariat or ${m.convenedBy} may change this meeting`,
  );
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the verbs

function today(): string {
  return LocalDate.at(Actor.now());
}

function checkDate(path: string, date: string): void {
  const day = today();
  if (date < day) throw invalid(path, `must not be in the past (today is ${day})`);
  const latest = LocalDate.addDays(day, SCHEDULE_HORIZON_DAYS);
  if (date > latest) throw invalid(path, `must not be after ${latest}`);
}

/**
 * A meeting on a weekend or holiday is refused unless the request says so (`nonWorkingDay`):
 * configured (issue 8 §8: a meeting on 25 December was accepted and 33 invitations went out).
 */
async function checkWorkingDay(tenant: string, date: string, allowed: boolean | undefined) {
  if (allowed) return;
  const holidays = await TaskForce.holidays(tenant);
  if (holidays.isWorkingDay(date)) return;
  throw invalid(
    "date",
    `${date} is not a working day (${TaskForce.nonWorkingReason(holidays, date)}); send "nonWorkingDay": true to hold it anyway`,
    "meeting.non_working_day",
  );
}

function notScheduled(m: Info): VisibleError {
  return new VisibleError(
    "conflict",
    "meeting.not_scheduled",
    `meeting ${m.id} is ${m.status}, no longer scheduled`,
  );
}

const stale = Meetings.stale;

/** Whether `current` is exactly the result of this request, already stored (a retry). */
function isReplay(current: MeetingItem, version: number, action: string, same: boolean): boolean {
  return current.version === version + 1 && current.lastEvent?.action === action && same;
}

function timesInOrder(v: { start: string; end: string }, ctx: z.core.$RefinementCtx): void {
  // Only two well-formed times can be compared; a malformed one has its own issue already.
  const ok = (t: string) => Ics.Time.safeParse(t).success;
  if (ok(v.start) && ok(v.end) && v.end <= v.start) {
    ctx.addIssue({ code: "custom", path: ["end"], message: "must be after start" });
  }
}

/** A unit's or office's name in both languages, as the mail templates take it. */
async function names(tenant: string, m: Info) {
  const [unit, convener] = await Promise.all([
    Directory.unit(tenant, m.unit),
    Directory.office(tenant, m.convenedBy),
  ]);
  return {
    unit: unit ? { id: unit.name, en: unit.nameEn } : m.unit,
    convenedBy: convener ? { id: convener.title, en: convener.titleEn } : m.convenedBy,
  };
}

/**
 * Tells the invitees about the meeting's latest change (its `lastEvent`, whose id makes the
 * announcement idempotent). The mail carries the meeting's facts and the iCalendar identity
 * (uid, sequence) and people; the agenda and minutes stay behind the link.
 */
async function announce(tenant: string, stored: MeetingItem, kind: Notify.Kind): Promise<void> {
  try {
    await deliver(tenant, stored, kind);
  } catch (error) {
    // The change is stored and stands; a retry of the request announces again (same id).
    console.error(
      JSON.stringify({
        level: "error",
        message: "announcement not delivered",
        announcement: stored.lastEvent?.id,
        kind,
        error: String(error),
      }),
    );
  }
}

async function deliver(tenant: string, stored: MeetingItem, kind: Notify.Kind): Promise<void> {
  for (const a of await announcements(tenant, stored, kind)) await Notify.announce(tenant, a);
}

/** The announcement of the meeting's latest change, built from the item to be stored. */
async function announcements(
  tenant: string,
  stored: MeetingItem,
  kind: Notify.Kind,
): Promise<Notify.Announcement[]> {
  const e = stored.lastEvent;
  if (!e) return [];
  const m = toInfo(stored);
  const now = Actor.now();
  const people = await Notify.recipients(tenant, m.invitees, LocalDate.at(now));
  if (people.length === 0) return []; // nobody holds an invited office yet: nobody to tell
  const { unit, convenedBy } = await names(tenant, m);
  const meeting = {
    title: outsideTitle(m),
    unit,
    date: m.date,
    start: m.start,
    end: m.end,
    location: m.location,
    article: m.article,
    convenedBy,
    url: Notify.entityUrl(tenant, "meeting", m.id),
    // The agenda goes in the mail body (never in the calendar object); a special meeting's
    // matter is not written down anywhere (Pasal 17).
    ...(m.agenda && m.kind !== "special" ? { agenda: m.agenda } : {}),
  };
  const calendar = {
    uid: m.uid,
    sequence: m.sequence,
    organizer: Notify.from("id"),
    attendees: people.map((r) => ({ name: r.person.name, email: r.person.email })),
    now,
  };
  const base = { id: e.id, offices: m.invitees, ref: { entity: "meeting" as const, id: m.id } };
  switch (kind) {
    case "meeting-invitation":
      return [{ ...base, kind, data: { meeting, calendar } }];
    case "special-meeting-called":
      return [{ ...base, kind, data: { meeting, calendar } }];
    case "meeting-rescheduled": {
      const before = (e.before ?? {}) as { date?: string; start?: string; end?: string };
      const previous = {
        date: before.date ?? m.date,
        start: before.start ?? m.start,
        end: before.end ?? m.end,
      };
      const reason = e.note ? { reason: e.note } : {};
      return [{ ...base, kind, data: { meeting, previous, ...reason, calendar } }];
    }
    case "meeting-cancelled": {
      const reason = m.cancellation ? { reason: m.cancellation.reason } : {};
      return [{ ...base, kind, data: { meeting, ...reason, calendar } }];
    }
    default:
      throw new Error(`not a meeting announcement: ${kind}`);
  }
}

function invitationKind(m: Info): Notify.Kind {
  return m.kind === "special" ? "special-meeting-called" : "meeting-invitation";
}

// ---------------------------------------------------------------------------------------------
// Scheduling

export const ScheduleFields = z.object({
  kind: Kind,
  unit: z
    .optional(Org.UnitCode)
    .check(
      z.describe(
        "The sub-task-force (sgt-a … sgt-e) for `subtask`; `gt` (the default) for the others",
      ),
    ),
  title: z
    .optional(text(1, 300))
    .check(z.describe("Default: the kind's name under the regulation")),
  date: LocalDate.Schema,
  start: Time,
  end: Time,
  location: text(1, 300),
  agenda: z.optional(text(1, 8000)),
  nonWorkingDay: z
    .optional(z.boolean())
    .check(z.describe("Hold it on a weekend or holiday: without it such a date is refused (400)")),
  invitees: z
    ._default(z.array(Org.OfficeCode).check(z.maxLength(500)), [])
    .check(z.describe("Guests: offices invited besides those the regulation invites")),
});

/** A meeting's kind, unit and times fit together (scheduling and recording). */
function scheduleChecks(
  v: { kind: Kind; unit?: string | undefined; start: string; end: string },
  ctx: z.core.$RefinementCtx,
): void {
  timesInOrder(v, ctx);
  if (v.kind === "subtask" && !(v.unit && /^sgt-[a-e]$/.test(v.unit))) {
    ctx.addIssue({
      code: "custom",
      path: ["unit"],
      message: "a sub-task-force meeting needs its sub-task-force (sgt-a … sgt-e)",
    });
  }
  if (v.kind !== "subtask" && v.unit !== undefined && v.unit !== "gt") {
    ctx.addIssue({
      code: "custom",
      path: ["unit"],
      message: `a ${v.kind} meeting belongs to the whole task force (gt)`,
    });
  }
}

export const ScheduleInput = ScheduleFields.check(z.superRefine(scheduleChecks));

/**
 * Who calls a meeting and whom it invites, checked as `schedule` checks them (nothing stored);
 * `when` checks the date (to come for a meeting scheduled, past for one recorded).
 */
async function prepare(
  input: Pick<
    z.output<typeof ScheduleInput>,
    "kind" | "unit" | "date" | "nonWorkingDay" | "invitees"
  >,
  when: (path: string, date: string) => void = checkDate,
) {
  signedIn();
  const tenant = Actor.tenant();
  const unit = input.kind === "subtask" ? (input.unit as string) : "gt";
  const convenedBy = convener(input.kind, unit);
  Policy.require(
    convenedBy !== undefined,
    "meeting.not_allowed",
    input.kind === "subtask"
      ? `only the secretariat or the coordinator or deputy of ${unit} may call this meeting`
      : input.kind === "special"
        ? "only the secretariat or a sub-task-force coordinator or deputy may call a special meeting"
        : `only the secretariat may schedule a ${input.kind} meeting`,
  );
  when("date", input.date);
  await checkWorkingDay(tenant, input.date, input.nonWorkingDay);
  const unitInfo = await Directory.unit(tenant, unit);
  if (!unitInfo) throw invalid("unit", `unknown unit ${unit}`);
  const offices = await Directory.offices(tenant);
  const known = new Set(offices.map((o) => o.code));
  for (const [i, o] of input.invitees.entries()) {
    if (!known.has(o)) throw invalid(`invitees.${i}`, `unknown office ${o}`);
  }
  const invited = offices.filter((o) => KINDS[input.kind].invite === "all" || o.unit === unit);
  if (invited.length === 0) throw invalid("unit", `${unit} has no offices to invite`);
  return { tenant, unit, convenedBy: convenedBy as string, unitInfo, invited };
}

/** A new meeting's fields, as `schedule` and `record` store it (`status` aside). */
function newMeeting(
  input: Pick<
    z.output<typeof ScheduleInput>,
    "kind" | "title" | "date" | "start" | "end" | "location" | "agenda" | "invitees"
  >,
  prepared: Awaited<ReturnType<typeof prepare>>,
) {
  const { unit, convenedBy, unitInfo, invited } = prepared;
  const id = createId("meeting");
  return {
    id,
    kind: input.kind,
    unit,
    title:
      input.title ??
      (input.kind === "subtask" ? `Rapat Koordinasi ${unitInfo.name}` : KINDS[input.kind].name),
    date: input.date,
    start: input.start,
    end: input.end,
    location: input.location,
    ...(input.agenda ? { agenda: input.agenda } : {}),
    invitees: [...new Set([...invited.map((o) => o.code), ...input.invitees])].sort(),
    uid: `${id}@tenggat`,
    sequence: 0,
    article: KINDS[input.kind].article,
    convenedBy,
    createdAt: Actor.now().toISOString(),
  };
}

/** Who an invitation would reach: the people (by office) and the offices nobody holds today. */
export interface Invitation {
  /** Every office invited (those the regulation invites, and the guests), sorted. */
  offices: string[];
  /** The people the invitation mail goes to, with the offices that make them invitees. */
  people: { personId: string; name: string; offices: string[] }[];
  /** Invited offices nobody holds today: nobody there gets the invitation. */
  unreached: string[];
}

/**
 * Whom scheduling this meeting would invite, checked and resolved as `schedule` and the
 * invitation mail do (`Notify.recipients` with vacant offices skipped), without storing or
 * sending anything: the "check before you send" step of the schedule form.
 */
export const invitation = fn(ScheduleInput, async (input): Promise<Invitation> => {
  const { tenant, invited } = await prepare(input);
  const offices = [...new Set([...invited.map((o) => o.code), ...input.invitees])].sort();
  const people = await Notify.recipients(tenant, offices, today(), "skip");
  const reached = new Set(people.flatMap((r) => r.offices));
  return {
    offices,
    people: people
      .map((r) => ({ personId: r.person.id, name: r.person.name, offices: [...r.offices].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unreached: offices.filter((o) => !reached.has(o)),
  };
});

/**
 * Schedules a meeting and invites its attendees (`meeting-invitation`, or
 * `special-meeting-called` for a special meeting). The date must not be in the past.
 */
export const schedule = fn(ScheduleInput, async (input) => {
  const prepared = await prepare(input);
  const { tenant, unit } = prepared;
  const info = { ...newMeeting(input, prepared), status: "scheduled" as const };
  const id = info.id;
  const stored = await Audit.commit<MeetingItem>(
    tenant,
    item(tenant, info),
    undefined,
    {
      entity: "meeting",
      entityId: id,
      unit,
      action: "meeting.scheduled",
      after: {
        kind: info.kind,
        title: info.title,
        date: info.date,
        start: info.start,
        end: info.end,
        location: info.location,
        invitees: info.invitees.length,
      },
    },
    (next) => announcements(tenant, next, invitationKind(toInfo(next))),
  );
  return toInfo(stored);
});

// ---------------------------------------------------------------------------------------------
// Reading

export const FromIdInput = z.object({ id: Id });

/** One meeting, for the secretariat, the unit's members and the invited offices. */
export const fromID = fn(FromIdInput, async ({ id }) => {
  signedIn();
  const found = toInfo(await loadOr404(Actor.tenant(), id));
  Policy.require(mayRead(found), "meeting.not_visible", "you are not invited to this meeting");
  return viewFor(found);
});

export const ListFields = z.object({
  unit: Org.UnitCode,
  from: z.optional(LocalDate.Schema),
  to: z.optional(LocalDate.Schema),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const ListInput = ListFields.check(
  z.superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    }
  }),
);

/** A unit's meetings by date (then start time), `from`/`to` inclusive, a page at a time. */
export const list = fn(ListInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  Policy.require(
    mayList(input.unit),
    "meeting.not_visible",
    `you may only list the meetings of your own unit (or of gt)`,
  );
  // The sort key is `<date>#<start>#<id>` (Key.meetingOfUnit).
  const page = await Dynamo.query<MeetingItem>({
    index: "gsi1",
    pk: Key.meetingsOfUnit(tenant, input.unit).gsi1pk,
    sk: { between: [input.from ?? "0000-00-00", `${input.to ?? "9999-99-99"}#~`] },
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const items = page.items.map((i) => viewFor(toInfo(i)));
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
});

/**
 * The dates on which `unit` held meetings (of `kind`, when given), oldest first, once each: the
 * history the calendar rolls the four-month window of Pasal 16 from. A bounded partition (a
 * handful of meetings a year per unit).
 */
export async function heldOf(tenant: string, unit: string, kind?: Kind): Promise<string[]> {
  const dates = (await heldMeetings(tenant, unit))
    .filter((m) => !kind || m.kind === kind)
    .flatMap((m) => (m.minutes ? [m.minutes.heldOn] : []));
  return [...new Set(dates)].sort();
}

async function heldMeetings(tenant: string, unit: string): Promise<Info[]> {
  return (await heldItems<MeetingItem>(tenant, unit)).map(toInfo);
}

// ---------------------------------------------------------------------------------------------
// Rescheduling and cancelling

export const RescheduleFields = z.object({
  date: LocalDate.Schema,
  start: Time,
  end: Time,
  location: z.optional(text(1, 300)).check(z.describe("Default: where it was")),
  reason: z.optional(text(1, 2000)),
  nonWorkingDay: z
    .optional(z.boolean())
    .check(z.describe("Hold it on a weekend or holiday: without it such a date is refused (400)")),
  version: Version,
});
export const RescheduleBody = RescheduleFields.check(z.superRefine(timesInOrder));
export const RescheduleInput = z
  .extend(RescheduleFields, { id: Id })
  .check(z.superRefine(timesInOrder));

/**
 * Moves a scheduled meeting; the invitation is sent again with the same uid and the next
 * sequence (`meeting-rescheduled`). The new date must not be in the past.
 */
export const reschedule = fn(RescheduleInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  const current = await loadOr404(tenant, input.id);
  const m = toInfo(current);
  requireManage(m);
  const location = input.location ?? m.location;
  const same =
    m.date === input.date &&
    m.start === input.start &&
    m.end === input.end &&
    m.location === location;
  if (isReplay(current, input.version, "meeting.rescheduled", m.status === "scheduled" && same)) {
    await announce(tenant, current, "meeting-rescheduled");
    return m;
  }
  if (m.status !== "scheduled") throw notScheduled(m);
  if (m.version !== input.version) throw stale(m, input.version);
  checkDate("date", input.date);
  await checkWorkingDay(tenant, input.date, input.nonWorkingDay);
  if (same) {
    throw new VisibleError(
      "input",
      "meeting.unchanged",
      "date: the meeting is already at this date, time and place",
      [{ path: "date", message: "the meeting is already at this date, time and place" }],
    );
  }
  const next = {
    ...m,
    date: input.date,
    start: input.start,
    end: input.end,
    location,
    sequence: m.sequence + 1,
  };
  const stored = await Audit.commit<MeetingItem>(
    tenant,
    item(tenant, next),
    current,
    {
      entity: "meeting",
      entityId: m.id,
      unit: m.unit,
      action: "meeting.rescheduled",
      before: { date: m.date, start: m.start, end: m.end, location: m.location },
      after: { date: next.date, start: next.start, end: next.end, location: next.location },
      ...(input.reason ? { note: input.reason } : {}),
    },
    (n) => announcements(tenant, n, "meeting-rescheduled"),
  );
  return toInfo(stored);
});

export const CancelFields = z.object({ reason: text(5, 2000), version: Version });
export const CancelInput = z.extend(CancelFields, { id: Id });

/** Calls a scheduled meeting off; the invitees get the cancellation (`meeting-cancelled`). */
export const cancel = fn(CancelInput, async (input) => {
  signedIn();
  const tenant = Actor.tenant();
  const current = await loadOr404(tenant, input.id);
  const m = toInfo(current);
  requireManage(m);
  const same = m.status === "cancelled" && m.cancellation?.reason === input.reason;
  if (isReplay(current, input.version, "meeting.cancelled", same)) {
    await announce(tenant, current, "meeting-cancelled");
    return m;
  }
  if (m.status !== "scheduled") throw notScheduled(m);
  if (m.version !== input.version) throw stale(m, input.version);
  const cancellation = { reason: input.reason, at: Actor.now().toISOString() };
  const next = { ...m, status: "cancelled" as const, sequence: m.sequence + 1, cancellation };
  const stored = await Audit.commit<MeetingItem>(
    tenant,
    item(tenant, next),
    current,
    {
      entity: "meeting",
      entityId: m.id,
      unit: m.unit,
      action: "meeting.cancelled",
      before: { status: "scheduled" },
      after: { status: "cancelled" },
      note: input.reason,
    },
    (n) => announcements(tenant, n, "meeting-cancelled"),
  );
  return toInfo(stored);
});

// ---------------------------------------------------------------------------------------------
// Holding

export const HoldFields = z.object({
  heldOn: z
    .optional(LocalDate.Schema)
    .check(z.describe("The date it took place; default: the scheduled date")),
  attendance: Attendance,
  decisions: z._default(z.array(text(1, 2000)).check(z.maxLength(100)), []),
  actionItems: z._default(z.array(ActionItemInput).check(z.maxLength(50)), []),
  notes: z.optional(text(1, 8000)),
  version: Version,
});
export const HoldInput = z.extend(HoldFields, { id: Id });
type HoldInput = z.output<typeof HoldInput>;

export interface Held {
  meeting: Info;
  /** The tasks made from the action items, in their order. */
  tasks: Task.Info[];
  /** The obligation instances the meeting satisfied (ids), oldest first. */
  satisfied: string[];
}

function minutesOf(m: Info, input: HoldInput): Minutes {
  return Minutes.parse({
    heldOn: input.heldOn ?? m.date,
    attendance: {
      offices: [...new Set(input.attendance.offices)].sort(),
      people: [...new Set(input.attendance.people)].sort(),
      others: input.attendance.others,
    },
    decisions: input.decisions,
    actionItems: input.actionItems.map((a, i) => ({
      ...a,
      task: Task.idForActionItem(m.id, i + 1),
    })),
    ...(input.notes ? { notes: input.notes } : {}),
  });
}

const sameMinutes = (a: Minutes | undefined, b: Minutes) =>
  a !== undefined && JSON.stringify(Minutes.parse(a)) === JSON.stringify(b);

async function checkMinutes(tenant: string, m: Info, input: HoldInput, minutes: Minutes) {
  const day = today();
  if (minutes.heldOn > day) {
    throw invalid(
      "heldOn",
      `must not be in the future (today is ${day}); give the date the meeting took place`,
    );
  }
  const earliest = LocalDate.addDays(m.date, -HOLD_MARGIN_DAYS);
  if (minutes.heldOn < earliest) {
    throw invalid(
      "heldOn",
      `must not be before ${earliest} (${HOLD_MARGIN_DAYS} days before the scheduled date); record it as a meeting of its own`,
    );
  }
  const known = new Set((await Directory.offices(tenant)).map((o) => o.code));
  for (const [i, o] of input.attendance.offices.entries()) {
    if (!known.has(o)) throw invalid(`attendance.offices.${i}`, `unknown office ${o}`);
  }
  for (const [i, p] of input.attendance.people.entries()) {
    if (!(await Directory.person(tenant, p))) {
      throw invalid(`attendance.people.${i}`, `unknown person ${p}`);
    }
  }
  const a = minutes.attendance;
  if (a.offices.length + a.people.length + a.others === 0) {
    throw invalid("attendance", "nobody is recorded as present");
  }
  const latest = LocalDate.addDays(day, Task.DUE_HORIZON_DAYS);
  for (const [i, item] of input.actionItems.entries()) {
    if (!known.has(item.office)) {
      throw invalid(`actionItems.${i}.office`, `unknown office ${item.office}`);
    }
    if (item.due < minutes.heldOn) {
      throw invalid(`actionItems.${i}.due`, `must not be before the meeting (${minutes.heldOn})`);
    }
    if (item.due > latest) throw invalid(`actionItems.${i}.due`, `must not be after ${latest}`);
    Policy.require(
      Task.mayAssignTo(item.office),
      "task.not_your_unit",
      `actionItems.${i}.office: only the secretariat may give ${item.office} a task`,
    );
  }
}

/**
 * Records a scheduled meeting as held, with its minutes; then makes a task of every action item
 * and satisfies the obligation the meeting fulfils (see the module comment). A retry of the same
 * request answers as the first time and finishes whatever the first time did not.
 */
export const hold = fn(HoldInput, async (input): Promise<Held> => {
  signedIn();
  const tenant = Actor.tenant();
  const current = await loadOr404(tenant, input.id);
  const m = toInfo(current);
  requireManage(m);
  const minutes = minutesOf(m, input);
  const same = m.status === "held" && sameMinutes(m.minutes, minutes);
  if (isReplay(current, input.version, "meeting.held", same)) {
    return { meeting: m, ...(await followUp(tenant, m)) };
  }
  if (m.status !== "scheduled") throw notScheduled(m);
  if (m.version !== input.version) throw stale(m, input.version);
  await checkMinutes(tenant, m, input, minutes);
  const stored = await Audit.commit<MeetingItem>(
    tenant,
    item(tenant, { ...m, status: "held", minutes }),
    current,
    {
      entity: "meeting",
      entityId: m.id,
      unit: m.unit,
      action: "meeting.held",
      before: { status: "scheduled" },
      after: {
        status: "held",
        ...heldSummary(minutes),
      },
    },
  );
  const held = toInfo(stored);
  if (KINDS[held.kind].obligation) await heldChanged(tenant);
  return { meeting: held, ...(await followUp(tenant, held)) };
});

// ---------------------------------------------------------------------------------------------
// Recording a meeting that already took place (issue 9 item 5)

export const RecordFields = z.extend(ScheduleFields, {
  date: LocalDate.Schema.check(
    z.describe("The day it took place: today or earlier, never in the future"),
  ),
  attendance: Attendance,
  decisions: z._default(z.array(text(1, 2000)).check(z.maxLength(100)), []),
  actionItems: z._default(z.array(ActionItemInput).check(z.maxLength(50)), []),
  notes: z.optional(text(1, 8000)),
});
export const RecordInput = RecordFields.check(z.superRefine(scheduleChecks));

/** How far back a meeting may be recorded (configured: the two years the schedule looks ahead). */
export const RECORD_PAST_DAYS = SCHEDULE_HORIZON_DAYS;

/** A meeting recorded took place: today or before, within `RECORD_PAST_DAYS`. */
function checkPast(path: string, date: string): void {
  const day = today();
  if (date > day) {
    throw invalid(
      path,
      `must not be in the future (today is ${day}); schedule a meeting that is still to come`,
    );
  }
  const earliest = LocalDate.addDays(day, -RECORD_PAST_DAYS);
  if (date < earliest) throw invalid(path, `must not be before ${earliest}`);
}

/**
 * Records a meeting that already took place and was never scheduled here: stored as held with
 * its minutes, audited (`meeting.recorded`), and **no invitation is sent** (it is over). The
 * same people may record it as may schedule it, with the same invitees; then, as for a meeting
 * held (`hold`), each action item becomes a task of its office (announced as tasks are) and the
 * obligation the meeting fulfils is satisfied. The date must not be in the future.
 */
export const record = fn(RecordInput, async (input): Promise<Held> => {
  const prepared = await prepare(input, checkPast);
  const { tenant, unit } = prepared;
  const base: Info = {
    ...newMeeting(input, prepared),
    status: "held",
    version: 0,
  };
  const id = base.id;
  const held = {
    id,
    version: 0,
    heldOn: input.date,
    attendance: input.attendance,
    decisions: input.decisions,
    actionItems: input.actionItems,
    ...(input.notes ? { notes: input.notes } : {}),
  };
  const minutes = minutesOf(base, held);
  await checkMinutes(tenant, base, held, minutes);
  const { version: _, ...info } = { ...base, minutes };
  const stored = await Audit.commit<MeetingItem>(tenant, item(tenant, info), undefined, {
    entity: "meeting",
    entityId: id,
    unit,
    action: "meeting.recorded",
    after: {
      kind: info.kind,
      title: info.title,
      status: "held",
      ...heldSummary(minutes),
    },
  });
  const meeting = toInfo(stored);
  if (KINDS[meeting.kind].obligation) await heldChanged(tenant);
  return { meeting, ...(await followUp(tenant, meeting)) };
});

/** What the audit trail keeps of a meeting's minutes (counts, not the text). */
function heldSummary(minutes: Minutes) {
  return {
    heldOn: minutes.heldOn,
    present:
      minutes.attendance.offices.length +
      minutes.attendance.people.length +
      minutes.attendance.others,
    decisions: minutes.decisions.length,
    actionItems: minutes.actionItems.map((a) => a.task),
  };
}

/**
 * What follows from a held meeting, done idempotently so it can run again after a crash: a task
 * per action item (deterministic ids) and the obligation instances it satisfies. No-op for
 * other states.
 */
export async function followUp(tenant: string, m: Info): Promise<Omit<Held, "meeting">> {
  if (m.status !== "held" || !m.minutes) return { tasks: [], satisfied: [] };
  const tasks: Task.Info[] = [];
  for (const [i, a] of m.minutes.actionItems.entries()) {
    tasks.push(await Task.fromActionItem(tenant, m, i + 1, a));
  }
  return { tasks, satisfied: await satisfyObligations(tenant, m) };
}

/**
 * Tells the daily reminder job that the meetings held changed (`heldChanges` on its watermark,
 * `Reminder`): its next run computes the rolling windows of Pasal 16 again. Without it the job
 * would have to read every unit's meetings every day to notice. Counted once, after the minutes
 * are stored (a replay writes nothing); should a crash fall between the two, the job still
 * computes the windows again when its horizon reaches the next window (within weeks), and the
 * meeting itself has already settled the window it was held in.
 */
async function heldChanged(tenant: string): Promise<void> {
  await Dynamo.update({
    ...Key.meetingsHeld(tenant),
    expression: "ADD heldChanges :one",
    values: { ":one": 1 },
  });
}

const byMeeting = (i: Obligation.Info, id: string) =>
  i.satisfiedBy?.kind === "meeting" && i.satisfiedBy.id === id;
const contains = (i: Obligation.Info, date: string) => i.windowStart <= date && date <= i.windowEnd;

/**
 * The open instances of `obligation` that meeting `meetingId`, held on `heldOn`, is still to
 * satisfy (see the module comment): the one whose window contains the date, earliest due first,
 * unless this meeting already satisfied one containing it; and with `rolling` windows every open
 * one that ended before the date. Never an instance whose window has not begun.
 */
export function choose(
  instances: readonly Obligation.Info[],
  obligation: string,
  heldOn: string,
  rolling: boolean,
  meetingId: string,
): Obligation.Info[] {
  const mine = instances.filter((i) => i.obligation === obligation);
  const open = mine
    .filter((i) => i.status === "open")
    .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  const missed = rolling ? open.filter((i) => i.windowEnd < heldOn) : [];
  const done = mine.some((i) => byMeeting(i, meetingId) && contains(i, heldOn));
  const current = done ? undefined : open.find((i) => contains(i, heldOn));
  return current ? [...missed, current] : missed;
}

/** Satisfies what `choose` picks; returns the ids of every instance this meeting satisfied. */
async function satisfyObligations(tenant: string, m: Info): Promise<string[]> {
  const { obligation, settles } = KINDS[m.kind];
  if (!obligation || !m.minutes) return [];
  const by = { kind: "meeting" as const, id: m.id, on: m.minutes.heldOn };
  const lost = new Set<string>();
  // Each round either satisfies what is left or loses an instance to another meeting held at
  // the same time (then the next round looks again without it); a few rounds always suffice.
  for (let round = 0; ; round++) {
    const instances = await Obligation.allOfUnit(tenant, m.unit);
    const targets = choose(
      instances.filter((i) => !lost.has(i.id)),
      obligation,
      by.on,
      settles === "rolling",
      m.id,
    );
    if (targets.length === 0 || round === 5) {
      return instances
        .filter((i) => byMeeting(i, m.id))
        .sort((a, b) => a.due.localeCompare(b.due))
        .map((i) => i.id);
    }
    for (const target of targets) {
      const result = await Obligation.satisfy(tenant, target.id, by);
      if (!byMeeting(result, m.id)) lost.add(target.id);
    }
  }
}
