/**
 * The year simulator: the real daily job, day after day, against the embedded stores, with the
 * task force's people acting through the real core functions as a policy scripts them.
 *
 * For every day of the range, unless it is an outage day:
 * - 08:00 Asia/Pontianak: `Reminder.daily` (the job itself does nothing on weekends and
 *   holidays, as in production);
 * - 08:15: `Sweep.mail` (production sweeps every 15 minutes in office hours; one sweep
 *   after the job is where a throttled or crashed send goes out);
 * - from 10:00, on working days: the people act (`Policy`), a minute apart.
 *
 * Policies:
 * - `on-time`: each meeting the regulation asks for is scheduled a week ahead and held
 *   `LEAD_DAYS` before its due date; each report is written, submitted and approved by the
 *   first office of its route `LEAD_DAYS` before its due date; a duty that is neither (the
 *   national submission, the action-plan renewal) is recorded as done outside Tenggat (the
 *   secretariat waives the instance with that reason);
 * - `late`: the same, `LATE_DAYS` after the due date (the first overdue notice, which escalates,
 *   has gone by then);
 * - `never`: nobody does anything.
 *
 * Every mail is read back twice: what SES accepted (an SDK middleware on the SES clients notes
 * the notification id of each accepted message, with the simulated instant, and the embedded
 * SES's store confirms it) and what the ledger says it was (`kind`, `offices`, `items`).
 */
import type { SESClient } from "@aws-sdk/client-ses";
import { Actor } from "@tenggat/core/actor";
import { Calendar } from "@tenggat/core/calendar";
import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { Email } from "@tenggat/core/email";
import { Ledger } from "@tenggat/core/ledger";
import { Meeting } from "@tenggat/core/meeting";
import { Obligation } from "@tenggat/core/obligation";
import { Org } from "@tenggat/core/org";
import { Regulation } from "@tenggat/core/regulation";
import { Reminder } from "@tenggat/core/reminder";
import { Report } from "@tenggat/core/report";
import { Seed } from "@tenggat/core/seed";
import { Sweep } from "@tenggat/core/sweep";
import { TaskForce } from "@tenggat/core/taskforce";
import { type StoredMail, sentMail } from "./embedded.ts";
import { sambasSeed, samplePeople } from "./sambas.ts";

export const POLICIES = ["on-time", "late", "never"] as const;
export type Policy = (typeof POLICIES)[number];

/** On time: done this many days before the due date. */
export const LEAD_DAYS = 5;
/** Late: done this many days after the due date (after the first escalation, due + 7). */
export const LATE_DAYS = 10;
/** Meetings are called this many days before they are held. */
export const NOTICE_DAYS = 7;

export const JOB_TIME = "08:00";
export const SWEEP_TIME = "08:15";
export const ACTION_TIME = "10:00";

/** A range of days, both ends included. */
export interface Range {
  from: string;
  to: string;
}

export interface Options extends Range {
  policy?: Policy;
  /** Days on which neither the job nor the sweep runs. */
  outages?: readonly Range[];
  /** The task force's id (default `sambas`); several simulations can share one store. */
  tenant?: string;
  /** The first day reminders are sent for (default: `from`). */
  trackFrom?: string;
  /** The embedded SES (its store is read back). */
  sesUrl: string;
  /** Ledger options for the job and the sweep (tests inject SES faults with `client`). */
  ledger?: Ledger.Options;
  /**
   * How the day's job runs (tests run it twice at once, or let it die half-way). Default:
   * `Reminder.daily` once, for this task force, with `ledger`.
   */
  job?: (now: Date, tenant: string) => Promise<unknown>;
  /** Called after each simulated day (progress, checks). */
  onDay?: (date: string) => void | Promise<void>;
  /** Village Satgas to add to Sambas (Pasal 5(6)), each head with a sample person. */
  villages?: readonly Org.Village[];
  /** What a report says (default: the four parts and a narrative, no RAD rows, no cases). */
  content?: (instance: Obligation.Info) => Report.Content;
}

/** A mail item: one stage of one obligation instance (digests only). */
export interface MailItem {
  instance: string;
  obligation: string;
  unit: string;
  stage: Ledger.Item["stage"];
  due: string;
}

export interface Mail {
  /** Simulated local date and time it was sent (Asia/Pontianak). */
  date: string;
  time: string;
  to: string[];
  offices: string[];
  subject: string;
  kind: "digest" | "event" | "invitation";
  items: MailItem[];
  /** The ledger id, e.g. `digest:2027-02-05:per_…`, and the person it went to. */
  id: string;
  personId?: string;
  messageId: string;
}

/** What the people did (for the report and the tests). */
export interface Action {
  date: string;
  time: string;
  what: "scheduled" | "held" | "reported" | "waived";
  instance: string;
  /** For meetings: the meeting's id. */
  meeting?: string;
}

export interface Result {
  tenant: string;
  policy: Policy;
  mails: Mail[];
  actions: Action[];
  /** When each instance was satisfied or waived (id → local date), as stored at the end. */
  settled: Map<string, string>;
  /** Days the job ran. */
  jobDays: number;
  /** Runs of the job that failed (the job records them and goes on; so does the simulator). */
  failures: { date: string; error: string }[];
  /** Wall-clock milliseconds. */
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// Watching SES

interface Accepted {
  tenant: string;
  id: string;
  messageId: string;
  at: Date;
}

const accepted: Accepted[] = [];
const observed = new WeakSet<SESClient>();
const HEADER = /^X-Tenggat-Notification: (\S+)\r?$/m;

/**
 * Notes every message `client` gets SES to accept: its notification id (the
 * `X-Tenggat-Notification` header), SES's MessageId, the task force and the simulated instant
 * (the acting context's clock). Idempotent per client.
 */
export function observe(client: SESClient): SESClient {
  if (observed.has(client)) return client;
  observed.add(client);
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const input = args.input as { RawMessage?: { Data?: Uint8Array } };
      const output = result.output as { MessageId?: string };
      const data = input.RawMessage?.Data;
      const id = data ? HEADER.exec(Buffer.from(data).subarray(0, 8192).toString("latin1")) : null;
      if (id?.[1] && output.MessageId) {
        let tenant = "";
        let at = new Date();
        try {
          tenant = Actor.tenant();
          at = Actor.now();
        } catch {
          // sent outside an actor context: not one of ours
        }
        accepted.push({ tenant, id: id[1], messageId: output.MessageId, at });
      }
      return result;
    },
    { step: "initialize", name: "tenggatSimulatorObserver", priority: "low" },
  );
  return client;
}

// ---------------------------------------------------------------------------------------------
// People

const PERSON_CACHE = new Map<string, Actor.Actor>();

/** The person holding `office` on `date`, as an actor (the Sambas seed has one per office). */
async function holder(tenant: string, office: string, date: string): Promise<Actor.Actor> {
  const key = `${tenant} ${office}`;
  const cached = PERSON_CACHE.get(key);
  if (cached) return cached;
  const [person] = await Directory.recipients(tenant, office, date);
  if (!person) throw new Error(`nobody holds ${office} on ${date}`);
  const actor: Actor.Actor = {
    type: "person",
    tenant,
    personId: person.id,
    name: person.name,
    offices: await Directory.officesOf(tenant, person.id, date),
  };
  PERSON_CACHE.set(key, actor);
  return actor;
}

/** A report that passes every rule (L-III §VIII: all four parts), without any personal data. */
const CONTENT = {
  planning: "Rencana kegiatan pencegahan dan penanganan TPPO periode ini (simulasi).",
  implementation: "Kegiatan terlaksana sesuai rencana (simulasi).",
  organisation: "Rapat koordinasi dan pembagian tugas berjalan (simulasi).",
  monitoring: "Pemantauan dan evaluasi dilakukan; tidak ada kendala berarti (simulasi).",
  narrative: "Laporan dibuat oleh simulator Tenggat.",
};

const MEETING_KIND: Record<string, Meeting.Kind> = {
  "subtask-meeting": "subtask",
  "taskforce-meeting": "taskforce",
  workshop: "workshop",
};

interface PolicyState {
  tenant: string;
  policy: Policy;
  content?: Options["content"];
  holidays: Calendar.Holidays;
  /** Meetings called and not yet held, by `obligation unit`. */
  called: Map<string, { id: string; date: string; instance: string }>;
  /** Instances a meeting was called for: never a second one for the same. */
  acted: Set<string>;
  actions: Action[];
  /**
   * The first day anything may be due for the people (the open instances are read again only
   * then): the earliest target of what is open, or the next day after they acted (holding a
   * meeting moves the windows the job materialises overnight). Instances the job adds at its
   * horizon are due far later.
   */
  wake: string;
}

/** The day the policy does an instance's work (undefined: never). */
function target(policy: Policy, instance: Obligation.Info): string | undefined {
  if (policy === "never") return undefined;
  const day =
    policy === "on-time"
      ? LocalDate.addDays(instance.due, -LEAD_DAYS)
      : LocalDate.addDays(instance.due, LATE_DAYS);
  return LocalDate.max(day, instance.windowStart);
}

/** What the people do on `date` (a working day). */
async function act(state: PolicyState, date: string): Promise<void> {
  const { tenant, policy, actions } = state;
  if (policy === "never") return;
  let minute = 0;
  const clock = () => {
    const at = new Date(LocalDate.instant(date, ACTION_TIME).getTime() + minute * 60_000);
    return () => at;
  };
  const as = async <R>(office: string, fn: () => Promise<R>): Promise<R> => {
    minute++;
    const c = clock();
    return Actor.provide(await holder(tenant, office, date), fn, c);
  };
  const note = (what: Action["what"], instance: string, meeting?: string) =>
    actions.push({
      date,
      time: LocalDate.timeAt(clock()()),
      what,
      instance,
      ...(meeting ? { meeting } : {}),
    });

  // Meetings called earlier whose day has come.
  for (const [key, m] of state.called) {
    if (m.date > date) continue;
    const meeting = await Meeting.get(tenant, m.id);
    if (meeting?.status === "scheduled") {
      const convener = meeting.kind === "subtask" ? `${meeting.unit}.koordinator` : "gt.sekretaris";
      await as(convener, () =>
        Meeting.hold({
          id: m.id,
          version: meeting.version,
          attendance: { offices: [convener], people: [], others: 0 },
        }),
      );
      note("held", m.instance, m.id);
      // A quarterly meeting or workshop held after its window settles nothing of that window
      // (`Meeting`): the secretariat records the late meeting by waiving the missed one.
      const instance = await Obligation.get(tenant, m.instance);
      if (instance?.status === "open") {
        await as("gt.sekretaris", () =>
          Obligation.waive({
            id: instance.id,
            version: instance.version,
            reason: `Rapat diadakan terlambat pada ${date}, di luar jendelanya (simulasi).`,
          }),
        );
        note("waived", instance.id);
      }
    }
    state.called.delete(key);
  }

  if (date < state.wake && minute === 0) return;
  const open = await Obligation.actionable(tenant, "9999-12-31");
  open.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  let wake = "9999-12-31";
  const later = (day: string) => {
    if (day < wake) wake = day;
  };
  for (const instance of open) {
    const day = target(policy, instance);
    if (day === undefined) continue;
    const kind = MEETING_KIND[instance.obligation];
    if (kind) {
      // Called a week ahead, for the working day on or before the target (never in the past).
      const key = `${instance.obligation} ${instance.unit}`;
      if (state.called.has(key) || state.acted.has(instance.id)) continue;
      if (LocalDate.addDays(day, -NOTICE_DAYS) > date) {
        later(LocalDate.addDays(day, -NOTICE_DAYS));
        continue;
      }
      const on = LocalDate.max(date, state.holidays.previousWorkingDay(day));
      const convener = kind === "subtask" ? `${instance.unit}.koordinator` : "gt.sekretaris";
      const meeting = await as(convener, () =>
        Meeting.schedule({
          kind,
          ...(kind === "subtask" ? { unit: instance.unit } : {}),
          date: on,
          start: "09:00",
          end: "11:00",
          location: "Aula Kantor Bupati Sambas",
          invitees: [],
        }),
      );
      state.called.set(key, { id: meeting.id, date: on, instance: instance.id });
      state.acted.add(instance.id);
      note("scheduled", instance.id, meeting.id);
      continue;
    }
    if (day > date) {
      later(day);
      continue;
    }
    if (Report.REPORT_OBLIGATIONS.has(instance.obligation)) {
      await report(tenant, instance, as, state.content);
      note("reported", instance.id);
    } else {
      await as("gt.sekretaris", () =>
        Obligation.waive({
          id: instance.id,
          version: instance.version,
          reason: "Disampaikan di luar Tenggat (simulasi).",
        }),
      );
      note("waived", instance.id);
    }
  }
  state.wake = minute > 0 ? LocalDate.addDays(date, 1) : wake;
}

/** Writes, submits and approves the report of `instance` (continuing wherever it stands). */
async function report(
  tenant: string,
  instance: Obligation.Info,
  as: <R>(office: string, fn: () => Promise<R>) => Promise<R>,
  contentOf?: Options["content"],
): Promise<void> {
  for (let step = 0; step < 6; step++) {
    const current = await Report.ofInstance(tenant, instance.id);
    if (!current) {
      const content = contentOf?.(instance) ?? CONTENT;
      await as(instance.owner, () => Report.create({ instance: instance.id, content }));
      continue;
    }
    if (current.approvedOn) return;
    if (current.status === "draft" || current.status === "returned") {
      await as(instance.owner, () => Report.submit({ id: current.id, version: current.version }));
      continue;
    }
    const office = current.route[current.step] ?? "";
    await as(office, () => Report.approve({ id: current.id, version: current.version }));
  }
  throw new Error(`report of ${instance.id} did not get approved`);
}

// ---------------------------------------------------------------------------------------------
// The simulation

function inOutage(date: string, outages: readonly Range[]): boolean {
  return outages.some((o) => o.from <= date && date <= o.to);
}

/**
 * Installs the Sambas task force (under `tenant`) in the embedded store the process points at
 * (`start()` first), then runs the days. Returns every mail sent, in order.
 */
export async function simulate(options: Options): Promise<Result> {
  const started = performance.now();
  const tenant = options.tenant ?? "sambas";
  const policy = options.policy ?? "on-time";
  const outages = options.outages ?? [];
  const ledger = options.ledger ?? {};
  observe(Email.client());
  observe(await Ledger.client());
  if (ledger.client) observe(ledger.client);
  const first = accepted.length;

  const seed = sambasSeed();
  // On the seed's organisation, so the sample establishments hold with villages added too.
  const villages = options.villages?.length
    ? Org.withVillages(seed.org, options.villages)
    : undefined;
  const org = villages ? Org.withPeople(villages, samplePeople(villages)) : seed.org;
  const system = (job: string): Actor.Actor => ({ type: "system", tenant, job });
  await Actor.provide(
    system("seed"),
    () =>
      Seed.install({
        ...seed,
        taskForce: { ...seed.taskForce, id: tenant },
        org: tenant === "sambas" ? org : withAddresses(org, tenant),
        trackFrom: options.trackFrom ?? options.from,
      }),
    () => LocalDate.instant(options.from, "07:00"),
  );
  const info = await TaskForce.get(tenant);
  const holidays = Calendar.holidaysFor(Regulation.Settings.parse(info?.settings ?? {}));

  const job =
    options.job ?? ((now: Date, t: string) => Reminder.daily(now, { ...ledger, tenants: [t] }));
  const actions: Action[] = [];
  const state: PolicyState = {
    tenant,
    policy,
    holidays,
    called: new Map(),
    acted: new Set(),
    actions,
    wake: options.from,
    ...(options.content ? { content: options.content } : {}),
  };
  let jobDays = 0;
  const failures: Result["failures"] = [];
  for (const date of LocalDate.range(options.from, options.to)) {
    if (!inOutage(date, outages)) {
      const out = (await job(LocalDate.instant(date, JOB_TIME), tenant)) as {
        runs?: Reminder.TenantRun[];
      };
      for (const r of out?.runs ?? []) {
        if (!r.ok) failures.push({ date, error: r.error ?? "failed" });
      }
      await Sweep.mail(LocalDate.instant(date, SWEEP_TIME), {
        ...ledger,
        tenants: [tenant],
      });
      jobDays++;
    }
    if (holidays.isWorkingDay(date)) await act(state, date);
    await options.onDay?.(date);
  }

  const mails = await readBack(tenant, options.sesUrl, accepted.slice(first));
  const settled = new Map<string, string>();
  for (const i of await allInstances(tenant)) {
    const on = i.satisfiedBy?.on ?? i.waiver?.on;
    if (on) settled.set(i.id, on);
  }
  return {
    tenant,
    policy,
    mails,
    actions,
    settled,
    jobDays,
    failures,
    ms: performance.now() - started,
  };
}

/** The sample people of another tenant get addresses of their own (`<office>@<tenant>.example`). */
function withAddresses(org: Org.Organisation, tenant: string): Org.Organisation {
  return Org.withPeople(
    org,
    org.people.map((p) => ({ ...p, email: p.email.replace("@sambas.", `@${tenant}.`) })),
  );
}

async function allInstances(tenant: string): Promise<Obligation.Info[]> {
  const units = await Directory.units(tenant);
  const out: Obligation.Info[] = [];
  for (const u of units) out.push(...(await Obligation.allOfUnit(tenant, u.code)));
  return out;
}

/** Joins what SES accepted with its store and with the ledger. */
async function readBack(tenant: string, sesUrl: string, seen: Accepted[]): Promise<Mail[]> {
  const stored = new Map<string, StoredMail>();
  for (const m of await sentMail(sesUrl)) stored.set(m.messageId, m);
  const mails: Mail[] = [];
  for (const a of seen) {
    if (a.tenant !== tenant) continue;
    const mail = stored.get(a.messageId);
    if (!mail) throw new Error(`SES accepted ${a.id} (${a.messageId}) but its store lacks it`);
    const entry = await Ledger.get(tenant, a.id);
    if (!entry) throw new Error(`mail ${a.id} went out without a ledger entry`);
    if (entry.kind === "sign-in") continue;
    mails.push({
      date: LocalDate.at(a.at),
      time: LocalDate.timeAt(a.at),
      to: mail.destination.to.map((t) => /<([^>]+)>\s*$/.exec(t)?.[1] ?? t),
      offices: entry.offices,
      subject: mail.subject,
      kind: entry.kind,
      items: entry.items.map((i) => ({
        instance: i.instance,
        obligation: i.obligation,
        unit: i.unit,
        stage: i.stage,
        due: i.due,
      })),
      id: entry.id,
      ...(entry.personId ? { personId: entry.personId } : {}),
      messageId: a.messageId,
    });
  }
  return mails;
}
