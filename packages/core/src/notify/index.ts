export * as Notify from "./index.ts";

import type { SESClient } from "@aws-sdk/client-ses";
import { Actor } from "../actor/index.ts";
import type { IssuedLink } from "../auth/index.ts";
import { Config } from "../config/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { Ledger } from "../ledger/index.ts";
import { Message } from "../message/index.ts";
import { Policy } from "../policy/index.ts";
import { Suppression } from "../suppression/index.ts";
import { Token } from "../token/index.ts";

/**
 * Mail that announces a change (a report returned, a task assigned, a meeting called…), and the
 * sign-in link. Callers hand over an announcement right after the change is stored; its id is
 * the audit event that caused it, so announcing the same change twice mails nobody twice
 * (the ledger claims `<event>:<kind>:<person>` before sending).
 *
 * Recipients are the people holding the named offices on the day — the acting holder (Plt.)
 * while there is one. A suppressed address (hard bounce, complaint) is not mailed; its share
 * goes to the office's deputy (for a coordinator) or else to the secretariat.
 */
/** Which mail template tells each kind of change. */
export const TEMPLATE = {
  /** A submitted report arrives at its first reviewer as a report sent up to them. */
  "report-submitted": "report-forwarded",
  "report-returned": "report-returned",
  "report-approved": "report-approved",
  "report-forwarded": "report-forwarded",
  /** For the owner: their report went on up the route (the reviewer gets `report-forwarded`). */
  "report-sent-on": "report-sent-on",
  "report-published": "report-published",
  "task-assigned": "task-assigned",
  /** A reassigned task is, for the office that receives it, an assignment. */
  "task-reassigned": "task-assigned",
  /** For the office that had it: the task went to another office. */
  "task-reassigned-away": "task-reassigned-away",
  /** For the office that gave it: the task is done. */
  "task-completed": "task-completed",
  "meeting-invitation": "meeting-invitation",
  "meeting-rescheduled": "meeting-rescheduled",
  "meeting-cancelled": "meeting-cancelled",
  "special-meeting-called": "special-meeting-called",
} as const satisfies Record<string, Exclude<Message.Kind, "digest" | "sign-in-link">>;

export type Kind = keyof typeof TEMPLATE;

/** The template fields of one kind, without what Notify fills in per recipient. */
export type Data<K extends Kind> = Omit<
  Extract<Message.Input, { kind: (typeof TEMPLATE)[K] }>,
  "kind" | "lang" | "recipient" | "offices" | "settingsUrl"
>;

export interface Announcement<K extends Kind = Kind> {
  /** The audit event id of the change (`report:rpt_…:v3`): the idempotency key. */
  id: string;
  kind: K;
  /** Offices to tell; resolved to their holders (or acting holders) on the day. */
  offices: string[];
  /** What the mail is about (for the ledger and links). */
  ref: { entity: "report" | "task" | "meeting"; id: string };
  /** Facts for the template: titles, dates, offices, comments — never anything about a victim. */
  data: Data<K>;
}

export interface Options {
  client?: SESClient;
  sleep?: (ms: number) => Promise<void>;
}

/** How long links in mails stay valid (configured; the regulation is silent). */
export const LINK_DAYS = 45;

/**
 * The address of one of the console's pages (`/laporan/rpt_…`, `/akun`, …) for a person of
 * `tenant`. The page asks for a sign-in when there is no session; `tf` tells the sign-in form
 * which task force the person belongs to.
 */
export function pageUrl(tenant: string, path: string): string {
  const sep = path.includes("?") ? "&" : "?";
  return `${Config.publicUrl()}${path}${sep}tf=${encodeURIComponent(tenant)}`;
}

/** The path of the page where what a mail is about is seen and acted on. */
export function pagePath(entity: "obligation" | "report" | "task" | "meeting", id: string): string {
  const base = { obligation: "/kewajiban", report: "/laporan", task: "/tugas", meeting: "/rapat" };
  return `${base[entity]}/${encodeURIComponent(id)}`;
}

/** The page of an obligation instance, a report, a task or a meeting. */
export function entityUrl(
  tenant: string,
  entity: "obligation" | "report" | "task" | "meeting",
  id: string,
): string {
  return pageUrl(tenant, pagePath(entity, id));
}

/** Where a person changes the language of their mails (personal settings). */
export function settingsUrl(tenant: string): string {
  return pageUrl(tenant, "/akun");
}

/** Where all of someone's obligations are listed: the dashboard for the secretariat, else home. */
export function overviewUrl(tenant: string, offices: readonly string[]): string {
  const secretariat = offices.some((o) =>
    (Policy.SECRETARIAT_OFFICES as readonly string[]).includes(o),
  );
  return pageUrl(tenant, secretariat ? "/dasbor" : "/");
}

/** Offices as the directory titles them (both languages); a code it lacks stays a code. */
export async function officeNames(
  tenant: string,
  codes: readonly string[],
): Promise<({ id: string; en: string } | string)[]> {
  return Promise.all(
    codes.map(async (code) => {
      const o = await Directory.office(tenant, code);
      return o ? { id: o.title, en: o.titleEn } : code;
    }),
  );
}

/**
 * The real actor, when the person acting does not hold `office` (the secretariat acting for the
 * Ketua Harian, a unit leader for its member): the mail then names them, "a.n." the office.
 * Empty when they act in their own office or are not a person.
 */
export async function actingFor(
  tenant: string,
  office: string,
): Promise<{ actor?: { name: string; office?: { id: string; en: string } | string } }> {
  const a = Actor.use();
  if (a.type !== "person" || a.offices.includes(office)) return {};
  const own =
    a.offices.find((o) => (Policy.SECRETARIAT_OFFICES as readonly string[]).includes(o)) ??
    a.offices[0];
  const [title] = own ? await officeNames(tenant, [own]) : [];
  return { actor: { name: a.name, ...(title ? { office: title } : {}) } };
}

/**
 * A signed link that opens what a mail is about (no sign-in needed to read its summary). Mails
 * now link to the pages (`entityUrl`); the console redirects these older links to them.
 */
export function openUrl(
  tenant: string,
  entity: string,
  id: string,
  now: Date = Actor.now(),
): string {
  return Token.signedUrl(
    Config.publicUrl(),
    "/v1/links/open",
    {
      purpose: "link.open",
      subject: `${entity}:${id}`,
      data: { tf: tenant },
      expiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000),
    },
    Config.linkSecret(),
  );
}

/** A signed link with which the recipient acknowledges a notification. */
export function ackUrl(
  tenant: string,
  notificationRef: string,
  personId: string,
  now: Date = Actor.now(),
): string {
  return Token.signedUrl(
    Config.publicUrl(),
    "/v1/links/ack",
    {
      purpose: "link.ack",
      subject: notificationRef,
      data: { tf: tenant, p: personId },
      expiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000),
    },
    Config.linkSecret(),
  );
}

export function from(lang: Message.Lang) {
  return { name: Message.senderName(lang), email: Config.sender() };
}

export interface Recipient {
  person: Directory.Person;
  /** The offices that make this person a recipient (several offices → one mail). */
  offices: string[];
}

/**
 * Who holds what and which addresses may be mailed, as recipients are resolved against it: the
 * directory itself (`live`, read office by office as asked) or a snapshot of it (`snapshot`,
 * read in a few batched requests for a job that mails many people at once).
 */
export interface Roster {
  /** The people who get `office`'s mail (the acting holder while there is one), active only. */
  holders(office: string): Promise<Directory.Person[]>;
  suppressed(person: Directory.Person): Promise<boolean>;
}

/** The directory read as recipients are asked for (announcements: a few offices at a time). */
export function live(tenant: string, date: string): Roster {
  return {
    holders: (office) => Directory.recipients(tenant, office, date),
    suppressed: (person) => Suppression.isSuppressed(person.email),
  };
}

/** A roster read at once, in memory: who it holds, and who of them is suppressed. */
export interface Snapshot extends Roster {
  /** Every person it read (the holders of the offices asked for and of their stand-ins). */
  people: ReadonlyMap<string, Directory.Person>;
}

/**
 * The directory's state for mailing `offices` on `date`, read once: the assignments (one Query
 * of the roster index when `indexed`, else one Query per office), the people holding these
 * offices and the offices that stand in for them (the deputy, the secretariat), in one
 * BatchGetItem per 100 people, and their addresses' suppression, likewise. A change made after
 * it was read (an assignment ended, an address suppressed) is seen by the next snapshot: the
 * daily job takes one per task force and day, before it composes the first digest, so the bound
 * is that run's length (seconds; the slowest task force of `npm run bench:tick`), plus the
 * index's propagation (a GSI is eventually consistent: typically under a second).
 */
export async function snapshot(
  tenant: string,
  offices: readonly string[],
  date: string,
  indexed: boolean,
): Promise<Snapshot> {
  const wanted = [...new Set(offices.flatMap((o) => chainOf(o)))];
  const assigned = indexed
    ? await Directory.roster(tenant, date)
    : await Directory.holdersOf(tenant, wanted, date);
  const mailed = new Map<string, string[]>();
  for (const office of wanted) {
    mailed.set(
      office,
      Directory.mailedOf(assigned.get(office) ?? []).map((a) => a.personId),
    );
  }
  const people = await Directory.peopleById(tenant, [...new Set([...mailed.values()].flat())]);
  const active = [...people.values()].filter((p) => !p.deactivatedAt);
  const suppressed = await Suppression.suppressedAmong([
    ...new Set(active.map((p) => p.email.toLowerCase())),
  ]);
  const holders = (office: string): Directory.Person[] =>
    (mailed.get(office) ?? [])
      .map((id) => people.get(id))
      .filter((p): p is Directory.Person => p !== undefined && !p.deactivatedAt);
  return {
    people,
    holders: async (office) => holders(office),
    suppressed: async (person) => suppressed.has(person.email.toLowerCase()),
  };
}

/**
 * The people who get an office's mail on `date`. A holder whose address is suppressed is
 * replaced by a stand-in (the deputy, else the secretariat). A vacant office's work also goes to
 * a stand-in (`vacant: "stand-in"`, for reminders and work routed to an office) — but an
 * invitation to a vacant office goes to nobody (`vacant: "skip"`): there is nobody to invite.
 * `roster` is where holders and suppressions are read: a `snapshot` the caller took (the daily
 * job); else, for more than `LIVE_UP_TO` offices (an invitation to the whole task force), a
 * snapshot taken here — once the roster index is complete (`Directory.rosterIsComplete`) one
 * Query of it, else the offices' Queries at once, and the people and suppressions in two
 * batches; else the directory as asked, a Query and a read or two an office, one after another.
 * Sambas's 89 offices (`Seed.install`, 2 December 2026): 155 requests one after another as
 * asked, 4 with the snapshot.
 */
export async function recipients(
  tenant: string,
  offices: readonly string[],
  date: string,
  vacant: "stand-in" | "skip" = "stand-in",
  given?: Roster,
): Promise<Recipient[]> {
  const roster =
    given ??
    (new Set(offices).size > LIVE_UP_TO
      ? await snapshot(tenant, offices, date, await Directory.rosterIsComplete(tenant))
      : live(tenant, date));
  const byPerson = new Map<string, Recipient>();
  for (const office of offices) {
    for (const person of await reachable(roster, office, vacant)) {
      const entry = byPerson.get(person.id);
      if (entry) {
        if (!entry.offices.includes(office)) entry.offices.push(office);
      } else byPerson.set(person.id, { person, offices: [office] });
    }
  }
  return [...byPerson.values()];
}

/**
 * Up to how many offices `recipients` reads the directory as asked: a task's or a report's one
 * or two offices cost a Query and a read or two each that way, fewer than a snapshot's batches
 * for the offices and their stand-ins (configuration: a cost trade-off, not a rule).
 */
const LIVE_UP_TO = 2;

/** An office, then who stands in for it when nobody holding it can be mailed. */
function chainOf(office: string): string[] {
  return [...new Set([office, standIn(office), "gt.sekretaris"].filter((o): o is string => !!o))];
}

async function reachable(
  roster: Roster,
  office: string,
  vacant: "stand-in" | "skip",
): Promise<Directory.Person[]> {
  for (const candidate of chainOf(office)) {
    const people = await roster.holders(candidate);
    if (candidate === office && people.length === 0 && vacant === "skip") return [];
    const ok: Directory.Person[] = [];
    for (const p of people) if (!(await roster.suppressed(p))) ok.push(p);
    if (ok.length > 0) return ok;
  }
  return [];
}

/** The deputy who stands in for an office whose holder cannot be mailed. */
function standIn(office: string): string | undefined {
  const [unit, role] = office.split(".");
  if (role === "koordinator") return `${unit}.wakil-koordinator`;
  if (role === "ketua" && unit === "gt") return "gt.ketua-harian";
  return undefined;
}

const INVITATIONS = new Set<Kind>([
  "meeting-invitation",
  "meeting-rescheduled",
  "meeting-cancelled",
  "special-meeting-called",
]);

/** Renders and delivers an announcement to each recipient, exactly once each. */
export async function announce<K extends Kind>(
  tenant: string,
  announcement: Announcement<K>,
  options: Options = {},
): Promise<Ledger.Outcome[]> {
  const now = Actor.now();
  const today = LocalDate.at(now);
  const outcomes: Ledger.Outcome[] = [];
  const invitation = INVITATIONS.has(announcement.kind);
  const people = await recipients(
    tenant,
    announcement.offices,
    today,
    invitation ? "skip" : "stand-in",
  );
  for (const r of people) {
    // One recipient's failure (a template refusing odd data) must not cost the others their mail.
    try {
      outcomes.push(await announceTo(tenant, announcement, r, now, today, options));
    } catch (error) {
      console.error(
        JSON.stringify({
          level: "error",
          message: "announcement not delivered",
          id: announcement.id,
          person: r.person.id,
          error: String(error),
        }),
      );
      outcomes.push("failed");
    }
  }
  return outcomes;
}

/** The most offices a mail lists as the reason it was sent (the template's limit). */
const OFFICES_LISTED = 20;

async function announceTo<K extends Kind>(
  tenant: string,
  announcement: Announcement<K>,
  r: Recipient,
  now: Date,
  today: string,
  options: Options,
): Promise<Ledger.Outcome> {
  {
    const lang = r.person.language;
    const rendered = Message.render({
      ...(announcement.data as object),
      kind: TEMPLATE[announcement.kind],
      lang,
      recipient: { name: r.person.name },
      offices: await officeNames(tenant, r.offices.slice(0, OFFICES_LISTED)),
      settingsUrl: settingsUrl(tenant),
    } as unknown as Message.Input);
    const id = `${announcement.id}:${announcement.kind}:${r.person.id}`;
    const raw = Message.compose(rendered, {
      from: from(lang),
      to: [{ name: r.person.name, email: r.person.email }],
      date: now,
      notificationId: id,
    });
    return Ledger.deliver(
      tenant,
      {
        id,
        kind: INVITATIONS.has(announcement.kind) ? "invitation" : "event",
        date: today,
        personId: r.person.id,
        to: [r.person.email],
        offices: r.offices,
        subject: rendered.subject,
        raw,
      },
      options,
    );
  }
}

/**
 * The console's landing page of a mailed sign-in link (`/masuk/tautan`): a button that signs in,
 * then goes on to `next` (a path inside the app).
 */
export function signInPageUrl(tenant: string, code: string, next?: string): string {
  const query = new URLSearchParams({ tf: tenant, code, ...(next ? { next } : {}) });
  return `${Config.publicUrl()}/masuk/tautan?${query}`;
}

/** Sends a sign-in link to the person it was issued for (to go on to `next` once signed in). */
export async function signInLink(
  tenant: string,
  link: IssuedLink,
  validMinutes: number,
  options: Options = {},
  next?: string,
) {
  const now = Actor.now();
  const lang = link.person.language;
  const rendered = Message.render({
    kind: "sign-in-link",
    lang,
    recipient: { name: link.person.name },
    url: signInPageUrl(tenant, link.code, next),
    validMinutes,
    settingsUrl: settingsUrl(tenant),
  });
  const id = `signin:${Token.hashSecret(link.code).slice(0, 32)}`;
  return Ledger.deliver(
    tenant,
    {
      id,
      kind: "sign-in",
      date: LocalDate.at(now),
      personId: link.person.id,
      to: [link.person.email],
      subject: rendered.subject,
      raw: Message.compose(rendered, {
        from: from(lang),
        to: [{ name: link.person.name, email: link.person.email }],
        date: now,
        notificationId: id,
      }),
    },
    options,
  );
}
