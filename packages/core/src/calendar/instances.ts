import { LocalDate } from "../date/index.ts";
import { VisibleError } from "../error/index.ts";
import { type Organisation, startsOn, type Unit, UnitCode } from "../org/index.ts";
import { Basis, ObligationId } from "../regulation/ids.ts";
import { type Info as Obligation, RULEBOOK, Title } from "../regulation/rulebook.ts";
import type { Settings } from "../regulation/settings.ts";
import { parse } from "../util/fn.ts";
import { getOrCreate } from "../util/map.ts";
import * as z from "../util/zod.ts";
import { create as createHolidays, type Holidays } from "./holidays.ts";
import { type RollingWindow, rollingWindows, type Slot, slots } from "./periods.ts";

/**
 * One dated occurrence of an obligation for one unit. Its id, `obligation:unit:period`, is
 * deterministic: the same instance has the same id whatever range it was listed in.
 *
 * Instances of one unit and obligation share their `route`, `copies`, `title` and `articles`
 * arrays: treat them as read-only.
 */
export const Instance = z.object({
  id: z.string(),
  obligation: ObligationId,
  title: Title,
  unit: UnitCode,
  /** The office that owes it (the first of the route). */
  owner: z.string(),
  /** Offices in order, owner first: where the work goes and whom an overdue notice escalates to. */
  route: z.array(z.string()),
  /** Offices or outsiders (`ext:publik`, `ext:provinsi`, `ext:kementerian`) who get a copy. */
  copies: z.array(z.string()),
  period: z.string(),
  /** The period a report is about. */
  covers: z.optional(z.object({ from: LocalDate.Schema, to: LocalDate.Schema })),
  windowStart: LocalDate.Schema,
  windowEnd: LocalDate.Schema,
  due: LocalDate.Schema,
  /** The setting that fixed the due date where the regulation leaves the day open. */
  dueSetting: z.optional(z.string()),
  articles: z.array(z.string()),
  /** The articles as one line, e.g. `Pasal 19a; L-III §VIII`. */
  citation: z.string(),
  basis: Basis,
  /**
   * For meetings, from the history given: the meeting that settled the window, or for a missed
   * rolling window the first meeting held after it (then later than `due`).
   */
  heldOn: z.optional(LocalDate.Schema),
});
export type Instance = z.infer<typeof Instance>;

/** The meeting obligations a held meeting can settle. */
export const MeetingObligation = z.enum(["subtask-meeting", "taskforce-meeting", "workshop"]);

/** A meeting that was actually held, from the meetings record. */
export const Held = z.object({
  obligation: MeetingObligation,
  unit: UnitCode,
  date: LocalDate.Schema,
});
export type Held = z.infer<typeof Held>;
const HeldList = z.array(Held);

/** The longest range one call may ask for. */
export const MAX_YEARS = 100;

export const Query = z
  .object({
    from: LocalDate.Schema,
    to: LocalDate.Schema,
    /** Only this unit's instances. */
    unit: z.optional(UnitCode),
    /** Only these obligations. */
    obligations: z.optional(z.array(ObligationId)),
  })
  .check(
    z.refine((q) => q.from <= q.to, { message: "from must not be after to", path: ["from"] }),
    z.refine(
      (q) =>
        !LocalDate.isValid(q.from) ||
        !LocalDate.isValid(q.to) ||
        LocalDate.addMonths(q.from, MAX_YEARS * 12) > q.to,
      { message: `the range may span at most ${MAX_YEARS} years`, path: ["to"] },
    ),
  );
export type Query = z.input<typeof Query>;

export interface Context {
  org: Organisation;
  /** Parsed settings (`Settings.parse(...)`); parse once and reuse. */
  settings: Settings;
  /** Meetings held, for the rolling windows of Pasal 16 and for `heldOn`. */
  held?: readonly Held[];
  /** Working days, for `Settings.dueOnWorkingDay`; by default from `settings.officialHolidays`. */
  holidays?: Holidays;
}

const holidaysOf = new WeakMap<Settings, Holidays>();

/** The holiday provider of a settings object (official lists over the library), made once. */
export function holidaysFor(settings: Settings): Holidays {
  let found = holidaysOf.get(settings);
  if (!found) {
    found = createHolidays(settings.officialHolidays);
    holidaysOf.set(settings, found);
  }
  return found;
}

/**
 * A due day the settings chose (an internal deadline, a yearly day), moved to the previous
 * working day when `settings.dueOnWorkingDay` (never before the window opens). Dates the
 * text fixes (the end of a quarter or of a rolling window) and the ends of
 * the half-years the workshops are spread over stay.
 */
function onWorkingDay(slot: Slot, settings: Settings, holidays: Holidays): Slot {
  if (!settings.dueOnWorkingDay || slot.movable === undefined) return slot;
  const due = holidays.previousWorkingDay(slot.due);
  if (due === slot.due || due < slot.windowStart) return slot;
  return { ...slot, due, windowEnd: slot.movable === "window" ? due : slot.windowEnd };
}

/**
 * The slots `list` keeps for one duty and range (and the rolling windows of units that held no
 * meeting), per settings and holiday provider: the same for every organisation (the daily job and the national bench ask the same range of hundreds), and
 * read-only. Bounded: the oldest range goes first.
 */
const slotCaches = new WeakMap<Settings, WeakMap<Holidays, Map<string, readonly Slot[]>>>();
const SLOT_CACHE_SIZE = 512;

function slotCacheOf(settings: Settings, holidays: Holidays): Map<string, readonly Slot[]> {
  const bySettings = getOrCreate(slotCaches, settings, () => new WeakMap());
  return getOrCreate(bySettings, holidays, () => new Map());
}

/**
 * The slots kept under `key`, made by `make` the first time; the oldest range goes first past
 * `SLOT_CACHE_SIZE`.
 */
function cachedSlots(
  cache: Map<string, readonly Slot[]>,
  key: string,
  make: () => readonly Slot[],
): readonly Slot[] {
  const kept = cache.get(key);
  if (kept) return kept;
  if (cache.size >= SLOT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  const made = make();
  cache.set(key, made);
  return made;
}

/** The rolling windows of a unit that held no meeting, from the settings' start (cached). */
function unheldWindows(
  settings: Settings,
  holidays: Holidays,
  months: number,
  until: LocalDate,
): readonly Slot[] {
  return cachedSlots(
    slotCacheOf(settings, holidays),
    `rolling ${months} ${settings.subtaskMeetingStart} ${until}`,
    () => rollingWindows(settings.subtaskMeetingStart, months, [], until),
  );
}

const MEETINGS: ReadonlySet<string> = new Set(MeetingObligation.options);
/** The prevention sub-task-force, to which L-III §VIII point 1 writes the provincial copy. */
const PREVENTION_UNIT = "sgt-a";
const RULE_ORDER = new Map(RULEBOOK.map((o, i) => [o.id, i]));

function resolve(ref: string, unit: Unit, context: Context): string {
  let code: string;
  if (ref.startsWith("unit:")) code = `${unit.code}.${ref.slice(5)}`;
  else if (ref.startsWith("parent:")) code = `${unit.parent ?? ""}.${ref.slice(7)}`;
  else if (ref.startsWith("gt:")) code = `gt.${ref.slice(3)}`;
  else if (ref === "satgas-coordinator") code = `${context.settings.satgasReportsTo}.koordinator`;
  else return ref;
  if (!context.org.office(code)) {
    throw new VisibleError(
      "input",
      "calendar.office_missing",
      `the organisation has no office ${code}, which unit ${unit.code} needs for its route`,
    );
  }
  return code;
}

/** Sorted, distinct meeting dates per `obligation unit`. */
function index(held: readonly Held[]): Map<string, LocalDate[]> {
  const out = new Map<string, LocalDate[]>();
  for (const h of held) {
    const key = `${h.obligation} ${h.unit}`;
    const list = out.get(key);
    if (list) list.push(h.date);
    else out.set(key, [h.date]);
  }
  for (const [key, list] of out) out.set(key, [...new Set(list)].sort());
  return out;
}

/** The `occurrence`-th held date inside [start, end] (dates sorted), by binary search. */
function heldIn(
  dates: readonly LocalDate[] | undefined,
  start: LocalDate,
  end: LocalDate,
  occurrence = 0,
): LocalDate | undefined {
  if (!dates) return undefined;
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((dates[mid] as string) < start) lo = mid + 1;
    else hi = mid;
  }
  const found = dates[lo + occurrence];
  return found !== undefined && found <= end ? found : undefined;
}

/**
 * The obligation instances whose window overlaps [`from`, `to`], for every unit that owes them
 * (or only `unit`). Linear in the number of instances; ordered by obligation (rulebook order),
 * unit (organisation order), then period. Use `byDue` for a date order.
 *
 * Instances before `settings.inForce` are left out; a window that starts before it is cut to
 * start on it.
 */
export function list(query: Query, context: Context): Instance[] {
  const q = parse(Query, query);
  const { org, settings } = context;
  const only = q.unit === undefined ? undefined : org.unit(q.unit);
  if (q.unit !== undefined && !only) {
    throw new VisibleError("not-found", "calendar.unknown_unit", `unknown unit ${q.unit}`);
  }
  const wanted = q.obligations ? new Set(q.obligations) : undefined;
  const held = index(context.held ? parse(HeldList, context.held) : []);
  const fromYear = LocalDate.parts(q.from).year;
  const toYear = LocalDate.parts(q.to).year;
  const inForce = settings.inForce;
  const out: Instance[] = [];
  const holidayLists = context.holidays ?? holidaysFor(settings);

  for (const obligation of RULEBOOK) {
    if (wanted && !wanted.has(obligation.id)) continue;
    // Recorded one by one (a Bupati's request), never computed.
    if (obligation.cadence.kind === "on-request") continue;
    const citation = obligation.articles.join("; ");
    for (const [d, duty] of obligation.duties.entries()) {
      const units = only ? (only.kind === duty.kind ? [only] : []) : org.byKind(duty.kind);
      if (units.length === 0) continue;
      let shared: readonly Slot[] | undefined;
      if (obligation.cadence.kind !== "rolling") {
        // Same slots for every unit of this kind: compute once (and keep them for the next
        // organisation asking for the same range), keep those that overlap.
        const key = `${obligation.id}#${d} ${q.from} ${q.to}`;
        shared = cachedSlots(slotCacheOf(settings, holidayLists), key, () => {
          const fresh: Slot[] = [];
          for (const raw of slots(obligation.cadence, duty, settings, fromYear - 1, toYear + 1)) {
            // Next year's holiday list is owed only while no official list is known for it.
            if (
              obligation.cadence.kind === "holiday-list" &&
              holidayLists.list(Number(raw.period)).source === "official"
            ) {
              continue;
            }
            const slot = onWorkingDay(raw, settings, holidayLists);
            if (slot.due < inForce || slot.windowStart > q.to || slot.windowEnd < q.from) continue;
            if (slot.windowStart < inForce) fresh.push({ ...slot, windowStart: inForce });
            else fresh.push(slot);
          }
          return fresh;
        });
        if (shared.length === 0) continue;
      }
      const meeting = MEETINGS.has(obligation.id);
      // The rolling windows of a unit that held no meeting are the same for every such unit.
      let unheld: readonly Slot[] | undefined;
      for (let u = 0; u < units.length; u++) {
        const unit = units[u] as Unit;
        // A Satgas owes nothing before its establishing decree (Pasal 5(7)).
        const starts = startsOn(unit, inForce);
        if (starts === undefined) continue;
        const route = duty.route.map((ref) => resolve(ref, unit, context));
        const copies = duty.copies.map((ref) => resolve(ref, unit, context));
        if (
          duty.provincialCopy &&
          (settings.provincialCopy === "all" || unit.code === PREVENTION_UNIT)
        ) {
          copies.unshift("ext:provinsi");
        }
        const dates = held.size === 0 ? undefined : held.get(`${obligation.id} ${unit.code}`);
        const prefix = `${obligation.id}:${unit.code}:`;
        let windows: readonly Slot[] | undefined = shared;
        if (!windows && obligation.cadence.kind === "rolling") {
          const months = obligation.cadence.months;
          if (dates) windows = rollingWindows(settings.subtaskMeetingStart, months, dates, q.to);
          else {
            unheld ??= unheldWindows(settings, holidayLists, months, q.to);
            windows = unheld;
          }
        }
        const count = windows?.length ?? 0;
        for (let i = 0; i < count; i++) {
          const w = (windows as readonly Slot[])[i] as Slot;
          if (w.windowEnd < q.from) continue;
          if (starts > inForce && w.due < starts) continue;
          const instance: Instance = {
            id: prefix + w.period,
            obligation: obligation.id,
            title: obligation.title,
            unit: unit.code,
            owner: route[0] as string,
            route,
            copies,
            period: w.period,
            windowStart: LocalDate.max(w.windowStart, starts),
            windowEnd: w.windowEnd,
            due: w.due,
            articles: obligation.articles,
            citation,
            basis: obligation.basis,
          };
          if (w.covers) instance.covers = w.covers;
          if (w.dueSetting) instance.dueSetting = w.dueSetting;
          const heldOn = shared
            ? meeting
              ? heldIn(dates, w.windowStart, w.windowEnd, w.occurrence)
              : undefined
            : (w as RollingWindow).heldOn;
          if (heldOn !== undefined) instance.heldOn = heldOn;
          out.push(instance);
        }
      }
    }
  }
  return out;
}

/** Instances in date order: due date, then rulebook order, then unit code, then window start. */
export function byDue(instances: readonly Instance[]): Instance[] {
  return [...instances].sort(
    (a, b) =>
      LocalDate.compare(a.due, b.due) ||
      (RULE_ORDER.get(a.obligation) ?? 0) - (RULE_ORDER.get(b.obligation) ?? 0) ||
      (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0) ||
      LocalDate.compare(a.windowStart, b.windowStart),
  );
}

export type { Obligation };
