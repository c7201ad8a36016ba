import { LocalDate } from "../date/index.ts";
import type { ObligationId } from "../regulation/ids.ts";
import { byId } from "../regulation/rulebook.ts";
import type { Settings } from "../regulation/settings.ts";
import { getOrCreate } from "../util/map.ts";
import * as z from "../util/zod.ts";
import type { Holidays } from "./holidays.ts";
import type { Instance } from "./instances.ts";

/**
 * - `reminder`: before the due date (an offset of the obligation, `Settings.reminders.offsets`)
 * - `due`: the due day (or the working day before it)
 * - `overdue`: a repeated notice after the due date, to the owner and the office already escalated to
 * - `escalation`: an overdue notice that brings in the next office up the route
 */
export const Stage = z.enum(["reminder", "due", "overdue", "escalation"]);
export type Stage = z.infer<typeof Stage>;

export const Reminder = z.object({
  instance: z.string(),
  /** The day to send it: always a working day in Sambas. */
  date: LocalDate.Schema,
  stage: Stage,
  /** `date` minus the due date, in days: negative before, positive when overdue. */
  daysFromDue: z.int(),
  /** The date the offset or the overdue interval gave, before moving it to a working day. */
  nominal: LocalDate.Schema,
  /** Offices to notify: the owner, and the office escalated to from level 1 on. */
  recipients: z.array(z.string()),
  /** 0 before the due date; then how many offices up the route (capped at its top). */
  escalationLevel: z.int().check(z.minimum(0)),
});
export type Reminder = z.infer<typeof Reminder>;

export interface ReminderOptions {
  /** The last day to list reminders for (overdue notices repeat until it). */
  horizon: LocalDate;
  settings: Settings;
  holidays: Holidays;
}

/** What reminders need of an instance. */
export type Subject = Pick<Instance, "id" | "obligation" | "windowStart" | "due" | "heldOn"> & {
  route: readonly string[];
};

const offsetCache = new WeakMap<Settings, Map<ObligationId, readonly number[]>>();

/** The offsets for an obligation (settings over the rulebook), distinct, largest first; cached. */
function offsetsFor(settings: Settings, obligation: ObligationId): readonly number[] {
  const perSettings = getOrCreate(offsetCache, settings, () => new Map());
  return getOrCreate(perSettings, obligation, () => {
    const raw = settings.reminders.offsets[obligation] ?? byId(obligation).reminderOffsets;
    return [...new Set(raw)].sort((a, b) => b - a);
  });
}

/**
 * The entries `plan` lists, as parallel arrays reused by every call (the calendar is synchronous
 * and this module never calls out while they are in use): the daily job plans every open
 * instance, and one object per entry was most of its garbage.
 */
const STAGES = ["reminder", "due", "overdue"] as const satisfies readonly Stage[];
const OVERDUE = 2;
let days = new Int32Array(32);
let nominals = new Int32Array(32);
let levels = new Int32Array(32);
let stages = new Uint8Array(32);

function grow(): void {
  const size = days.length * 2;
  const more = <T extends Int32Array | Uint8Array>(a: T, fresh: T): T => {
    fresh.set(a);
    return fresh;
  };
  days = more(days, new Int32Array(size));
  nominals = more(nominals, new Int32Array(size));
  levels = more(levels, new Int32Array(size));
  stages = more(stages, new Uint8Array(size));
}

/**
 * Appends an entry after the first `n`, or replaces the last one when it falls on the same day
 * (the later stage wins); returns the new count.
 */
function push(n: number, day: number, nominal: number, stage: number, level: number): number {
  let at = n;
  if (n > 0 && days[n - 1] === day) at = n - 1;
  else if (n === days.length) grow();
  days[at] = day;
  nominals[at] = nominal;
  stages[at] = stage;
  levels[at] = level;
  return at + 1;
}

/**
 * The reminders of one instance up to `horizon`, in date order, one per date at most.
 *
 * Before the due date: one per offset (default 30, 14, 7, 1 days before, and the due day).
 * After it: one every `Settings.reminders.overdueEvery` days (7), each escalating one office up
 * the instance's route, staying at the top once there. Pure: no clock, no I/O.
 *
 * Every date is moved to a working day (`holidays`):
 * - before and on the due date, to the previous working day; a reminder that would then fall
 *   before the window opens is sent on the first working day of the window instead (and dropped
 *   when the window has no working day before the due date, the due-day notice excepted);
 * - after the due date, to the previous working day too, unless that is not after the due date
 *   (a long holiday), then to the next working day: an overdue notice never precedes the due date.
 * Where two notices land on one day only the later stage is kept (the due-day notice wins over a
 * reminder, a higher escalation over a lower one).
 *
 * Nothing is sent on or after `heldOn` (the meeting that settled the obligation).
 */
export function reminders(instance: Subject, options: ReminderOptions): Reminder[] {
  const { settings, holidays } = options;
  const due = LocalDate.toEpochDay(instance.due);
  const horizon = LocalDate.toEpochDay(options.horizon);
  const stop = stopOf(instance);
  const n = plan(instance, settings, holidays, due, horizon, stop);
  const out: Reminder[] = [];
  let escalated = 0;
  for (let i = 0; i < n; i++) {
    const day = days[i] as number;
    if (day > horizon || day >= stop) continue;
    out.push(toReminder(instance, i, due, escalated));
    const level = levels[i] as number;
    if (level > escalated) escalated = level;
  }
  return out;
}

/** The day nothing more is sent: the meeting that settled the instance, if any. */
function stopOf(instance: Subject): number {
  return instance.heldOn === undefined
    ? Number.POSITIVE_INFINITY
    : LocalDate.toEpochDay(instance.heldOn);
}

/** Entry `i` as a reminder: an overdue notice that goes higher than any before it escalates. */
function toReminder(instance: Subject, i: number, due: number, escalated: number): Reminder {
  const owner = instance.route[0] as string;
  const day = days[i] as number;
  const level = levels[i] as number;
  const stage = stages[i] as number;
  return {
    instance: instance.id,
    date: LocalDate.fromEpochDay(day),
    stage: stage === OVERDUE && level > escalated ? "escalation" : (STAGES[stage] as Stage),
    daysFromDue: day - due,
    nominal: LocalDate.fromEpochDay(nominals[i] as number),
    recipients: level > 0 ? [owner, instance.route[level] as string] : [owner],
    escalationLevel: level,
  };
}

/**
 * Lists the dated entries of `reminders` (epoch days) into the scratch arrays and returns how
 * many; the caller leaves out those past the horizon or on or after the meeting.
 */
function plan(
  instance: Subject,
  settings: Settings,
  holidays: Holidays,
  due: number,
  horizon: number,
  stop: number,
): number {
  const windowStart = LocalDate.toEpochDay(instance.windowStart);
  const offsets = offsetsFor(settings, instance.obligation);
  let n = 0;

  let firstOpen: number | undefined;
  for (let i = 0; i < offsets.length; i++) {
    const offset = offsets[i] as number;
    const nominal = due - offset;
    let day = holidays.previousWorkingEpochDay(nominal);
    if (day < windowStart) {
      firstOpen ??= holidays.nextWorkingEpochDay(windowStart);
      if (firstOpen <= due) day = firstOpen;
      else if (offset > 0) continue;
    }
    n = push(n, day, nominal, offset === 0 ? 1 : 0, 0);
  }

  const top = Math.max(0, instance.route.length - 1);
  const every = settings.reminders.overdueEvery;
  // The day moves with the nominal date (never backwards), so the first one past the horizon or
  // the meeting ends the list; a nominal date past the horizon may still move back onto it.
  for (let k = 1; ; k++) {
    const nominal = due + k * every;
    let day = holidays.previousWorkingEpochDay(nominal);
    if (day <= due) day = holidays.nextWorkingEpochDay(nominal);
    if (day > horizon || day >= stop) break;
    n = push(n, day, nominal, OVERDUE, Math.min(k, top));
  }
  return n;
}

/**
 * The reminder of one instance to send on `date`, if any: what a daily job asks for each open
 * instance. Costs as much as listing the instance's reminders up to `date` (a few offsets and
 * one entry per overdue interval so far).
 */
export function remindersOn(
  instance: Subject,
  date: LocalDate,
  options: Omit<ReminderOptions, "horizon">,
): Reminder | undefined {
  // As `reminders(…).at(-1)`, but only the last entry becomes a `Reminder` (the daily job asks
  // this of every open instance, and most have nothing that day).
  const due = LocalDate.toEpochDay(instance.due);
  const horizon = LocalDate.toEpochDay(date);
  const stop = stopOf(instance);
  const n = plan(instance, options.settings, options.holidays, due, horizon, stop);
  let escalated = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const day = days[i] as number;
    if (day > horizon || day >= stop) continue;
    if (last >= 0 && (levels[last] as number) > escalated) escalated = levels[last] as number;
    last = i;
  }
  return last >= 0 && days[last] === horizon
    ? toReminder(instance, last, due, escalated)
    : undefined;
}
