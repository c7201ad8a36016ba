/**
 * The reminder preview: what the daily job would mail on a date, composed exactly as the job
 * composes it (`digestMail`: the same planner, recipients, order, limits and templates), with
 * no write to DynamoDB and no call to SES.
 *
 * What was already sent is read, never written: items an earlier digest carried are left out as
 * the job leaves them out (`carriedEarlier`), and a person who already has a digest of that date
 * in the ledger is shown with `status: "already"` (the job sends nobody a second digest a day).
 * The stages planned are those dated after the last completed run (`lastOk`), as in the job: on
 * a date the job has completed already (`completed`), it would send nothing more, and the
 * preview is empty (what was sent is in the ledger and the mail log, not recomputed here).
 *
 * The preview does not store instances: the job stores them 13 months ahead on each run, so a
 * date within that horizon is complete; before the first run, or past the horizon, `incomplete`
 * says that the job would first store instances the preview cannot see.
 */

import { Actor } from "../actor/index.ts";
import { LocalDate } from "../date/index.ts";
import { Ledger } from "../ledger/index.ts";
import type { Message } from "../message/index.ts";
import { Policy } from "../policy/index.ts";
import { fn } from "../util/index.ts";
import * as z from "../util/zod.ts";
import {
  carriedEarlier,
  carriedKey,
  context,
  digestId,
  type Item,
  personOf,
  plan,
  watermark,
} from "./index.ts";

export const PreviewMail = z.object({
  /** 1-based position in the preview of this date (recipients by name): a page's address. */
  n: z.int(),
  personId: z.string(),
  name: z.string(),
  email: z.string(),
  language: z.enum(["id", "en"]),
  /** The offices that make this person a recipient of these items. */
  offices: z.array(z.string()),
  /** `escalation` when any item is escalated to this person (an office up the route). */
  kind: z.enum(["reminder", "escalation"]),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  items: z.array(Ledger.Item),
  /** Items left for the next working day's digest (over the digest's limits). */
  deferred: z.int(),
  /** `send`: the job would send it; `already`: this person's digest of the date is in the ledger. */
  status: z.enum(["send", "already"]),
});
export type PreviewMail = z.infer<typeof PreviewMail>;

export const Preview = z.object({
  tenant: z.string(),
  date: LocalDate.Schema,
  /** No digest is sent on a weekend or holiday. */
  workingDay: z.boolean(),
  /** Stages dated after this day (and by `date`) are planned. */
  since: z.optional(LocalDate.Schema),
  mails: z.array(PreviewMail),
  /** The job has completed this date (or a later one): it would send nothing more. */
  completed: z.boolean(),
  /** Items left out because an earlier digest carried them already. */
  carried: z.int(),
  /** The job would first store instances the preview cannot see (never run, or past its horizon). */
  incomplete: z.boolean(),
});
export type Preview = z.infer<typeof Preview>;

export const PreviewInput = z.object({ date: LocalDate.Schema });

/**
 * What the daily job would mail this task force's people on `date` (the secretariat only).
 * Reads the task force, its watermark, the instances due and the ledger; writes nothing.
 */
export const preview = fn(PreviewInput, async ({ date }): Promise<Preview> => {
  Policy.require(
    Policy.isSecretariat(),
    "reminder.preview_not_allowed",
    "only the secretariat may preview the reminders",
  );
  return previewFor(Actor.tenant(), date);
});

/** `preview` without the policy check: for the job's own tools (the simulator, tests). */
export async function previewFor(tenant: string, date: string): Promise<Preview> {
  const [ctx, mark] = await Promise.all([context(tenant), watermark(tenant)]);
  // Read as the job reads it; the preview writes nothing, so it never completes the index.
  ctx.rosterIndexed = mark.rosterIndexed === true;
  const empty = { tenant, date, mails: [], carried: 0 };
  if (!ctx.holidays.isWorkingDay(date)) {
    return { ...empty, workingDay: false, completed: false, incomplete: false };
  }
  const incomplete = !mark.materialisedThrough || date > mark.materialisedThrough;
  // As the job: the stages dated after the last completed run (all, before any). A date the
  // job has completed already has nothing left to send: running it again sends nothing.
  const since = mark.lastOk;
  const first = mark.firstRun ?? date;
  const checkFrom = since ? LocalDate.addDays(since, 1) : first;
  const planned = await plan(ctx, date, since);
  const byPerson = new Map<string, Item[]>();
  for (const item of planned.items) {
    const list = byPerson.get(item.personId);
    if (list) list.push(item);
    else byPerson.set(item.personId, [item]);
  }
  const mails: Omit<PreviewMail, "n">[] = [];
  let carried = 0;
  for (const [personId, records] of byPerson) {
    const earlier = await carriedEarlier(ctx, date, personId, records, checkFrom);
    const rest = records.filter((r) => !earlier.has(carriedKey(r)));
    carried += records.length - rest.length;
    if (rest.length === 0) continue;
    const person = await personOf(ctx, personId);
    if (!person) continue;
    const id = digestId(date, personId);
    const { digestMail } = await import("./mail.ts");
    const [mail, sent] = await Promise.all([
      digestMail(ctx, date, person, rest, id),
      Ledger.get(tenant, id),
    ]);
    mails.push({
      personId,
      name: person.name,
      email: person.email,
      language: person.language as Message.Lang,
      offices: [...new Set(mail.items.flatMap((r) => r.offices))],
      kind: mail.items.some((r) => r.stage === "escalation") ? "escalation" : "reminder",
      subject: mail.rendered.subject,
      text: mail.rendered.text,
      html: mail.rendered.html,
      items: mail.items.map((r) => ({
        instance: r.instance,
        obligation: r.obligation,
        unit: r.unit,
        stage: r.stage,
        due: r.due,
      })),
      deferred: mail.deferred,
      status: sent ? "already" : "send",
    });
  }
  mails.sort((a, b) => a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId));
  return {
    ...empty,
    workingDay: true,
    ...(since ? { since } : {}),
    completed: Boolean(since && since >= date),
    mails: mails.map((m, i) => ({ n: i + 1, ...m })),
    carried,
    incomplete,
  };
}
