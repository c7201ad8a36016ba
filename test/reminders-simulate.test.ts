/**
 * The year simulator's three policies over the first quarter of 2027 (the February reports and
 * the first Pasal 16 meetings), each a task force of its own in one embedded store: what the
 * coordinators do decides what they are sent.
 */
import { Obligation } from "@tenggat/core/obligation";
import { type Embedded, start } from "@tenggat/local/embedded";
import { type Mail, type Result, simulate } from "@tenggat/local/simulate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const Q1 = { from: "2027-01-01", to: "2027-03-31" } as const;
const OUTAGE = { from: "2027-02-15", to: "2027-02-26" } as const;

const stagesOf = (mails: readonly Mail[]) =>
  new Set(mails.flatMap((m) => m.items.map((i) => i.stage)));
const office = (address: string) => address.split("@")[0] ?? address;
const PALOH = "satgas-report:satgas-kec-paloh:2026-S2";

/** `date office` of each mail about `instance`, in order. */
function mailsAbout(result: Result, instance: string): string[] {
  return result.mails
    .filter((m) => m.items.some((i) => i.instance === instance))
    .map((m) => `${m.date} ${office(m.to[0] ?? "")}`)
    .sort();
}

/** Each person gets at most one digest a day. */
function oneDigestPerPersonPerDay(result: Result): string[] {
  const keys = result.mails.filter((m) => m.kind === "digest").map((m) => `${m.date} ${m.to}`);
  return keys.filter((k, i) => keys.indexOf(k) !== i);
}

describe("the year simulator", () => {
  let stores: Embedded;
  let onTime: Result;
  let late: Result;
  let never: Result;
  beforeAll(async () => {
    stores = await start();
    const sesUrl = stores.sesUrl;
    onTime = await simulate({ ...Q1, policy: "on-time", tenant: "tepat-waktu", sesUrl });
    late = await simulate({ ...Q1, policy: "late", tenant: "terlambat", sesUrl });
    never = await simulate({
      ...Q1,
      policy: "never",
      tenant: "tidak-pernah",
      outages: [OUTAGE],
      sesUrl,
    });
  }, 120_000);
  afterAll(async () => {
    await stores.stop();
  });

  it("on time: only reminders before the due date, and every report approved before it", async () => {
    expect([...stagesOf(onTime.mails)]).toEqual(["reminder"]);
    const reported = onTime.actions.filter((a) => a.what === "reported");
    // The 3 sample Satgas established (the others owe nothing before their decree, Pasal 5(7)),
    // 5 semester and 5 annual reports, the Ketua Harian's district report.
    expect(reported.length).toBeGreaterThanOrEqual(14);
    for (const a of reported) {
      const instance = await Obligation.get(onTime.tenant, a.instance);
      expect(instance?.status).toBe("satisfied");
      expect(a.date < (instance?.due ?? "")).toBe(true);
    }
    // Reports were announced up the route and meetings to their invitees.
    expect(onTime.mails.some((m) => m.kind === "event")).toBe(true);
    expect(onTime.mails.some((m) => m.kind === "invitation")).toBe(true);
    expect(oneDigestPerPersonPerDay(onTime)).toEqual([]);
  });

  it("on time: a meeting held early moves the next Pasal 16 window, and the old one is retired", async () => {
    const held = onTime.actions.filter(
      (a) => a.what === "held" && a.instance.startsWith("subtask-meeting:"),
    );
    expect(held.map((a) => a.instance).sort()).toEqual(
      ["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"].map((u) => `subtask-meeting:${u}:w2026-12-01`),
    );
    const on = held[0]?.date ?? "";
    const moved = await Obligation.get(onTime.tenant, "subtask-meeting:sgt-a:w2027-04-01");
    const next = await Obligation.get(onTime.tenant, `subtask-meeting:sgt-a:w${on}`);
    expect(moved?.status).toBe("waived");
    expect(moved?.waiver?.reason).toContain(on);
    expect(next).toMatchObject({ status: "open", windowStart: on });
  });

  it("late: due-day notices and escalations up the route, each after the due date, none once settled", () => {
    const stages = stagesOf(late.mails);
    expect(stages).toEqual(new Set(["reminder", "due", "overdue", "escalation"]));
    for (const m of late.mails) {
      for (const i of m.items) {
        if (i.stage === "overdue" || i.stage === "escalation") expect(m.date > i.due).toBe(true);
        const settled = late.settled.get(i.instance);
        if (settled) expect(m.date <= settled).toBe(true);
      }
    }
    // The Satgas report of Paloh: its head is reminded (-30, -14, -7, -1 days, the due day),
    // a week late the Ketua Harian is brought in; settled ten days late.
    expect(mailsAbout(late, PALOH)).toEqual([
      "2027-01-13 satgas-kec-paloh.ketua",
      "2027-01-29 satgas-kec-paloh.ketua",
      "2027-02-05 satgas-kec-paloh.ketua",
      "2027-02-11 satgas-kec-paloh.ketua",
      "2027-02-12 satgas-kec-paloh.ketua",
      "2027-02-19 gt.ketua-harian",
      "2027-02-19 satgas-kec-paloh.ketua",
    ]);
    expect(late.settled.get(PALOH)).toBe("2027-02-22");
    expect(oneDigestPerPersonPerDay(late)).toEqual([]);
  });

  it("never: nothing is settled and the notices stay at the top of the route", () => {
    expect(never.actions).toEqual([]);
    expect(never.settled.size).toBe(0);
    // The outage (15–26 February) swallowed the first escalation (19 February); on 1 March
    // only the newest stage goes out, which is already at the top of the route (the Ketua),
    // then an overdue notice every week.
    expect(mailsAbout(never, PALOH).filter((m) => m >= "2027-02-12")).toEqual([
      "2027-02-12 satgas-kec-paloh.ketua",
      "2027-03-01 gt.ketua",
      "2027-03-01 satgas-kec-paloh.ketua",
      "2027-03-05 gt.ketua",
      "2027-03-05 satgas-kec-paloh.ketua",
      "2027-03-12 gt.ketua",
      "2027-03-12 satgas-kec-paloh.ketua",
      "2027-03-19 gt.ketua",
      "2027-03-19 satgas-kec-paloh.ketua",
      "2027-03-25 gt.ketua",
      "2027-03-25 satgas-kec-paloh.ketua",
    ]);
  });

  it("an outage sends nothing, then only the newest stage of each instance, once", () => {
    const during = never.mails.filter((m) => m.date >= OUTAGE.from && m.date <= OUTAGE.to);
    expect(during).toEqual([]);
    expect(never.jobDays).toBe(90 - 12);
    const after = never.mails.filter((m) => m.date === "2027-03-01");
    expect(after.length).toBeGreaterThan(0);
    for (const m of after) {
      const instances = m.items.map((i) => i.instance);
      expect(new Set(instances).size).toBe(instances.length);
    }
    expect(oneDigestPerPersonPerDay(never)).toEqual([]);
  });
});
