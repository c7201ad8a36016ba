/**
 * A province's (or the nation's) members and what each owes: the part of the federation the
 * daily job needs (`Reminder.runTenant` imports only this file, so the jobs do not bundle the
 * package's assembly, rendering and signing).
 */

import { Actor } from "../actor/index.ts";
import { Calendar } from "../calendar/index.ts";
import { Config } from "../config/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { Ledger } from "../ledger/index.ts";
import { Mime } from "../mime/index.ts";
import { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Regulation } from "../regulation/index.ts";
import type { TaskForce } from "../taskforce/index.ts";
import * as z from "../util/zod.ts";

export const Member = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  name: z.string(),
  /** E-mail addresses of the member's contacts (for reminders about its submission). */
  contacts: z._default(z.array(z.string().check(z.email())), []),
  active: z.boolean(),
  addedAt: z.string(),
  removedAt: z.optional(z.string()),
});
export type Member = z.infer<typeof Member>;
export type MemberItem = Dynamo.Item & Member & { secret: string };

export async function members(tenant: string): Promise<Member[]> {
  const items = await Dynamo.queryAll<MemberItem>({ pk: Key.members(tenant).pk });
  return items.map((i) => Member.parse(Dynamo.strip(i)));
}

export type InboundItem = Dynamo.Item & {
  from: string;
  name: string;
  period: string;
  packageVersion: number;
  contentHash: string;
  receiptId: string;
  webhookId: string;
  receivedAt: string;
  body: string;
};

/** What each member sent for a period (the newest version), and who has not sent anything. */
export async function status(tenant: string, period: string) {
  const items = await Dynamo.queryAll<InboundItem>({
    pk: Key.inbound(tenant).pk,
    sk: { beginsWith: `${period}#` },
  });
  const got = new Map(items.map((i) => [i.from, i]));
  return (await members(tenant)).map((m) => {
    const i = got.get(m.id);
    return {
      member: m.id,
      name: m.name,
      active: m.active,
      submitted: Boolean(i),
      ...(i
        ? {
            version: i.packageVersion,
            contentHash: i.contentHash,
            receipt: i.receiptId,
            receivedAt: i.receivedAt,
          }
        : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// What each member owes (issue 10 item 4: "an obligation per member district")

/**
 * The obligation a province (or the nation) records for each member district and year: the
 * member's January–June package (`member-submission` in the rulebook, a reading of L-III §VIII
 * "secara berjenjang"). Stored on the task force's own unit (`gt`) so that its dashboard and
 * `GET /v1/obligations?unit=gt` list it like any other; owed by the member (`ext:anggota-<id>`,
 * reminded through its contacts), escalated up the province's route (Ketua Harian, Ketua).
 */
export const MEMBER_OBLIGATION = "member-submission";

/** `member-submission:gt:2027-H1:sambas`: one per member and period, deterministic. */
export function memberInstanceId(period: string, member: string): string {
  return `${MEMBER_OBLIGATION}:gt:${period}:${member}`;
}

/** The member an instance id names (undefined for any other instance). */
export function memberOf(instanceId: string): string | undefined {
  const m = /^member-submission:gt:\d{4}-H1:([a-z0-9-]+)$/.exec(instanceId);
  return m?.[1];
}

/** What the calendar needs of a task force to date and remind a member's package. */
export interface DailyContext {
  tenant: string;
  info: TaskForce.Info;
  settings: Regulation.Settings;
  holidays: Calendar.Holidays;
}

/**
 * The instance one member owes for January–June of `year`: open from 1 July, due
 * `memberSubmissionLeadDays` before the task force's own `nationalSubmissionDue` (on the working
 * day before when `dueOnWorkingDay`), never before the window opens.
 */
export function memberInstance(
  member: Pick<Member, "id" | "name">,
  year: number,
  ctx: Pick<DailyContext, "settings" | "holidays">,
): Obligation.Computed {
  const rule = Regulation.byId(MEMBER_OBLIGATION);
  const windowStart = `${year}-07-01`;
  let due = LocalDate.addDays(
    `${year}-${ctx.settings.nationalSubmissionDue}`,
    -ctx.settings.memberSubmissionLeadDays,
  );
  if (ctx.settings.dueOnWorkingDay) due = ctx.holidays.previousWorkingDay(due);
  due = LocalDate.max(due, windowStart);
  const period = `${year}-H1`;
  return Obligation.Computed.parse({
    id: memberInstanceId(period, member.id),
    obligation: rule.id,
    title: { id: `${rule.title.id}: ${member.name}`, en: `${rule.title.en}: ${member.name}` },
    unit: "gt",
    owner: `ext:anggota-${member.id}`,
    route: [`ext:anggota-${member.id}`, "gt.ketua-harian", "gt.ketua"],
    copies: [],
    period,
    windowStart,
    windowEnd: due,
    due,
    article: Regulation.citation(rule),
    basis: rule.basis,
    covers: { from: `${year}-01-01`, to: `${year}-06-30` },
  });
}

/** The stored instances a member owes (any status). */
export async function memberInstances(tenant: string, member: string): Promise<Obligation.Info[]> {
  return (await Obligation.allOfUnit(tenant, "gt")).filter((i) => memberOf(i.id) === member);
}

/** Marks a member's instance of `period` satisfied by the package received (when stored). */
export async function settleMember(
  tenant: string,
  member: string,
  period: string,
  receipt: string,
  now: Date,
): Promise<void> {
  await Obligation.satisfyBy(tenant, memberInstanceId(period, member), {
    by: "submission",
    ref: `${member}:${receipt}`,
    at: LocalDate.at(now),
  });
}

function stagesOf(instance: Obligation.Computed, today: string, ctx: DailyContext) {
  return Calendar.reminders(
    {
      id: instance.id,
      obligation: instance.obligation as Regulation.ObligationId,
      route: instance.route,
      windowStart: instance.windowStart,
      due: instance.due,
    },
    {
      horizon: LocalDate.addDays(LocalDate.max(instance.due, today), 120),
      settings: ctx.settings,
      holidays: ctx.holidays,
    },
  );
}

/**
 * A province's (or the nation's) part of the daily job, on a working day: records what each
 * active member owes, from the year it was added to the horizon (`horizonMonths`; a period due
 * before it was added is not owed), settles at once what was received already, and mails each
 * open instance's latest reminder stage up to today to the member's contacts — once per stage
 * (the ledger id `member-reminder:<instance>:<stage date>`). The province's own offices on the
 * route get the overdue escalations in their digests (`Reminder.plan`). Returns the mails' outcomes.
 */
export async function daily(
  ctx: DailyContext,
  today: string,
  options: Ledger.Options = {},
): Promise<Partial<Record<Ledger.Outcome, number>>> {
  const outcomes: Partial<Record<Ledger.Outcome, number>> = {};
  if (ctx.info.level === "kabupaten") return outcomes;
  const all = await members(ctx.tenant);
  if (all.length === 0) return outcomes;
  const horizon = LocalDate.addMonths(today, ctx.info.horizonMonths ?? 13);
  const lastYear = Number(horizon.slice(0, 4));
  const computed: Obligation.Computed[] = [];
  for (const m of all) {
    if (!m.active) continue;
    const added = m.addedAt.slice(0, 10);
    for (let year = Number(added.slice(0, 4)); year <= lastYear; year++) {
      const instance = memberInstance(m, year, ctx);
      if (instance.due >= added && instance.windowStart <= horizon) computed.push(instance);
    }
  }
  const created = await Obligation.materialise(ctx.tenant, computed, (instance) => {
    const stages = stagesOf(instance, today, ctx);
    return (stages.find((s) => s.date >= today) ?? stages[stages.length - 1])?.date;
  });
  for (const id of created) {
    const member = memberOf(id);
    const period = id.split(":")[2] ?? "";
    const got = member
      ? (await status(ctx.tenant, period)).find((s) => s.member === member)
      : undefined;
    if (member && got?.receipt)
      await settleMember(ctx.tenant, member, period, got.receipt, Actor.now());
  }

  const byId = new Map(all.map((m) => [m.id, m]));
  const open = (await Obligation.allOfUnit(ctx.tenant, "gt")).filter(
    (i) => i.status === "open" && memberOf(i.id) !== undefined,
  );
  for (const instance of open) {
    const member = byId.get(memberOf(instance.id) ?? "");
    if (!member?.active || member.contacts.length === 0) continue;
    const stage = stagesOf(instance, today, ctx)
      .filter((s) => s.date <= today)
      .at(-1);
    if (!stage) continue;
    const outcome = await remindMember(ctx, member, instance, stage, today, options);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return outcomes;
}

/** One reminder stage of a member's package, mailed to its contacts through the ledger. */
async function remindMember(
  ctx: DailyContext,
  member: Member,
  instance: Obligation.Info,
  stage: Calendar.Reminder,
  today: string,
  options: Ledger.Options,
): Promise<Ledger.Outcome> {
  const id = `member-reminder:${instance.id}:${stage.date}`;
  const late = today > instance.due;
  const subject = late
    ? `Terlambat: paket laporan ${member.name} periode ${instance.period} (jatuh tempo ${instance.due})`
    : `Pengingat: paket laporan ${member.name} periode ${instance.period} jatuh tempo ${instance.due}`;
  const inbound = `${Config.publicUrl()}/v1/inbound/submissions?taskForce=${ctx.tenant}`;
  const raw = Mime.build({
    from: Notify.from("id"),
    to: member.contacts.map((email) => ({ email })),
    subject,
    date: Actor.now(),
    headers: { "X-Tenggat-Notification": id },
    text: [
      `Yth. ${member.name},`,
      "",
      late
        ? `paket laporan Januari–Juni ${instance.period.slice(0, 4)} untuk ${ctx.info.name} belum diterima; jatuh temponya ${instance.due}.`
        : `paket laporan Januari–Juni ${instance.period.slice(0, 4)} untuk ${ctx.info.name} jatuh tempo ${instance.due}.`,
      "",
      `Kirim paket yang telah disetujui Ketua (tenggat.submission/v1, ditandatangani per Standard Webhooks dengan rahasia yang diberikan saat pendaftaran) ke ${inbound}; di Tenggat: POST /v1/submissions/<id>/deliver.`,
      "",
      `Dasar: ${Regulation.basisLabel(instance.basis)} (${instance.article}, "secara berjenjang"); tanggal jatuh tempo: pengaturan gugus tugas (${ctx.settings.memberSubmissionLeadDays} hari sebelum penyampaian nasional ${ctx.settings.nationalSubmissionDue}).`,
    ].join("\n"),
    seed: id,
  });
  return Ledger.deliver(
    ctx.tenant,
    {
      id,
      kind: "event",
      date: today,
      to: member.contacts,
      offices: [instance.owner],
      subject,
      items: [
        {
          instance: instance.id,
          obligation: instance.obligation,
          unit: instance.unit,
          stage: late ? "overdue" : stage.stage,
          due: instance.due,
        },
      ],
      raw,
    },
    options,
  );
}
