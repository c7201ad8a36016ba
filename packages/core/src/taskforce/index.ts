export * as TaskForce from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Calendar } from "../calendar/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Regulation } from "../regulation/index.ts";
import { fromZod, parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * A task force is a tenant: one deployment serves many (a district's Gugus Tugas, later a
 * province's). Every item of a task force lives under its id; this registry lists them so that
 * one job run can serve all of them.
 */
export const Info = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  name: z.string(),
  /** `kabupaten` (district), `provinsi` (province) or `nasional`; the last two receive members' packages. */
  level: z.enum(["kabupaten", "provinsi", "nasional"]),
  /** The regulation that constitutes it. */
  legalBasis: z.string(),
  /** Overrides of the calendar's configurable settings (see docs/rules.md); validated by the rulebook. */
  settings: z._default(z.record(z.string(), z.unknown()), {}),
  /**
   * The first day reminders are sent for: obligations whose stages all lie before it are not
   * chased (the day the task force started using Tenggat, unless set otherwise).
   */
  trackFrom: z.optional(z.string()),
  /** How many months ahead the daily job stores obligation instances (default 13). */
  horizonMonths: z.optional(z.int().check(z.minimum(1), z.maximum(36))),
  createdAt: z.string(),
  version: z.int(),
});
export type Info = z.infer<typeof Info>;

type TaskForceItem = Dynamo.Item & Info;

export async function get(id: string): Promise<Info | undefined> {
  const k = Key.taskForce(id);
  const item = await Dynamo.get<TaskForceItem>(k.pk, k.sk);
  return item ? Info.parse(Dynamo.strip(item)) : undefined;
}

/** Registers a task force unless it exists; returns whether it was created. */
export async function register(info: Omit<Info, "version">): Promise<boolean> {
  settingsChanged(info.id);
  return Dynamo.create({ ...Key.taskForce(info.id), type: "taskforce", v: 1, ...info, version: 1 });
}

/** The years of official holiday lists in stored settings (which may no longer parse). */
function listsOf(settings: Record<string, unknown>): Record<string, unknown> {
  const lists = settings.officialHolidays;
  return lists && typeof lists === "object" ? (lists as Record<string, unknown>) : {};
}

export const UpdateSettings = z.object({
  /** The complete overrides (what is not given takes its documented default). */
  settings: z.pipe(
    z.transform((raw: unknown, ctx) => {
      // Parsing into a plain object would turn `__proto__` into a prototype and lose it: refuse it.
      const at = protoPath(raw, []);
      if (at) ctx.issues.push({ code: "custom", path: at, message: "unknown setting", input: raw });
      return raw;
    }),
    z.record(z.string(), z.unknown()),
  ),
  version: z.int().check(z.minimum(1)),
});

/**
 * Replaces the task force's overrides of the regulation's open choices (deadlines, offsets,
 * official holidays…), checked against the rulebook's `Settings`; a 400 names the field. Applies
 * to instances materialised from now on; stored instances keep their dates. An official holiday
 * list stored for a year satisfies the secretariat's duty to enter it (`holiday-list`).
 */
export async function updateSettings(
  tenant: string,
  input: z.input<typeof UpdateSettings>,
): Promise<Info> {
  const { settings: given, version } = parse(UpdateSettings, input);
  const checked = Regulation.Settings.safeParse(given);
  if (!checked.success) throw fromZod(checked.error, ["settings"]);
  // Store what was validated, normalised (trimmed, coerced), and nothing it did not know.
  const settings = overrides(given, checked.data, ["settings"]) as Record<string, unknown>;
  const k = Key.taskForce(tenant);
  const current = await Dynamo.get<TaskForceItem>(k.pk, k.sk);
  if (!current) throw notFound("taskforce", tenant);
  if (current.version !== version) {
    throw new VisibleError(
      "conflict",
      "version.stale",
      `settings are at version ${current.version}, not ${version}`,
    );
  }
  const stored = await Audit.commit<TaskForceItem>(tenant, { ...current, settings }, current, {
    entity: "taskforce",
    entityId: tenant,
    unit: "gt",
    action: "taskforce.settings_changed",
    before: { settings: current.settings },
    after: { settings },
  });
  settingsChanged(tenant);
  const before = new Set(Object.keys(listsOf(current.settings)));
  for (const year of Object.keys(checked.data.officialHolidays)) {
    if (before.has(year)) continue;
    await Obligation.satisfyBy(tenant, `holiday-list:gt:${year}`, {
      by: "settings",
      ref: `taskforce:${tenant}:v${stored.version}`,
      at: LocalDate.at(Actor.now()),
    });
  }
  return Info.parse(Dynamo.strip(stored));
}

const plain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The overrides as given, each value replaced by its validated form; a key the rulebook's
 * `Settings` does not know (it strips them) is a 400 naming it (`settings.reminder.offset`).
 */
function overrides(given: unknown, parsed: unknown, path: string[]): unknown {
  if (!plain(given) || !plain(parsed)) return parsed;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(parsed, key)) {
      const at = [...path, key].join(".");
      throw new VisibleError("input", "settings.unknown", `${at}: unknown setting`, [
        { path: at, message: "unknown setting; docs/rules.md lists the settings" },
      ]);
    }
    out[key] = overrides(given[key], parsed[key], [...path, key]);
  }
  return out;
}

/** The path of the first `__proto__` key in a JSON value, if any. */
function protoPath(value: unknown, path: string[]): string[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return [...path, key];
    const found = protoPath((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * The task force's working days: its own official holiday lists over the shipped ones and the
 * estimates (`Calendar.holidaysFor`). Settings that no longer parse fall back to the defaults.
 */
export async function holidays(tenant: string): Promise<Calendar.Holidays> {
  const id = Dynamo.cacheKey(tenant);
  // A cache lifetime, not a date of the domain: the process's own clock is the right one.
  const now = Date.now();
  const hit = holidayCache.get(id);
  if (hit && now >= hit.at && now - hit.at < SETTINGS_CACHE_MS) return hit.holidays;
  const loading = get(tenant).then((info) => {
    const parsed = Regulation.Settings.safeParse(info?.settings ?? {});
    return Calendar.holidaysFor(parsed.success ? parsed.data : Regulation.DEFAULTS);
  });
  holidayCache.set(id, { at: now, holidays: loading });
  loading.catch(() => {
    if (holidayCache.get(id)?.holidays === loading) holidayCache.delete(id);
  });
  return loading;
}

/**
 * How long a warm process (a Lambda, the local server) uses a task force's working days (from
 * its settings) before reading the settings again: at most 60 s (configured, the same bound as
 * the organisation copy, `Directory.ORG_CACHE_MS`; the regulation is silent). A change made
 * through `updateSettings` or `register` in this process is seen at once; one made in another
 * process within this bound. Saves a task's create its one read of the task force.
 */
export const SETTINGS_CACHE_MS = 60_000;

const holidayCache = new Map<string, { at: number; holidays: Promise<Calendar.Holidays> }>();

/** Drops this process's copy of a task force's working days (its settings changed). */
function settingsChanged(tenant: string): void {
  holidayCache.delete(Dynamo.cacheKey(tenant));
}

/** Why a day is not a working day, for messages: the holiday's name, or the weekend day. */
export function nonWorkingReason(h: Calendar.Holidays, date: string): string {
  const name = h.name(date);
  if (name)
    return h.list(Number(date.slice(0, 4))).source === "estimate" ? `${name} (perkiraan)` : name;
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 6 ? "Sabtu" : "Minggu";
}
