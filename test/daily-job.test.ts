import { clearMail, type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { sambasSeed } from "@tenggat/local/sambas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "./installed.ts";

describe("the daily job", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
    await install(stores.tableName, [{ ...sambasSeed(), trackFrom: "2027-01-04" }]);
  });
  afterAll(async () => {
    await stores.stop();
  });

  it("mails each person at most one digest a day, none on a Sunday, none twice on a re-run", async () => {
    const { Reminder } = await import("@tenggat/core/reminder");
    const sunday = await Reminder.daily(new Date("2027-01-10T01:00:00Z"));
    expect(sunday.runs[0]?.workingDay).toBe(false);
    expect(await sentMail(stores.sesUrl)).toHaveLength(0);

    let total = 0;
    for (let d = 11; d <= 29; d++) {
      await clearMail(stores.sesUrl);
      const run = await Reminder.daily(new Date(`2027-01-${String(d).padStart(2, "0")}T01:00:00Z`));
      expect(run.runs[0]?.ok).toBe(true);
      const mails = await sentMail(stores.sesUrl);
      const recipients = mails.map((m) => m.destination.to.join());
      expect(new Set(recipients).size).toBe(recipients.length);
      total += mails.length;

      // The same day again (a retry of the whole job): nothing more.
      await Reminder.daily(new Date(`2027-01-${String(d).padStart(2, "0")}T03:00:00Z`));
      expect(await sentMail(stores.sesUrl)).toHaveLength(mails.length);
    }
    // Sambas' February reports are 30 days away in mid-January: their first reminders went out
    // (to the sub-task-forces, the secretariat and the three sample Satgas established: the
    // others owe nothing before their decree, Pasal 5(7)).
    expect(total).toBeGreaterThan(10);
  });

  it("keeps serving the other task forces when one fails, and records the failure", async () => {
    const { TaskForce } = await import("@tenggat/core/taskforce");
    const { Reminder } = await import("@tenggat/core/reminder");
    const { Dynamo, Key } = await import("@tenggat/core/dynamo");
    // A task force whose stored settings no longer parse (an impossible reminder offset).
    await TaskForce.register({
      id: "broken",
      name: "Gugus Tugas (rusak)",
      level: "kabupaten",
      legalBasis: "uji",
      settings: { reminders: { overdueEvery: -1 } },
      createdAt: "2027-01-01T00:00:00.000Z",
    });
    await clearMail(stores.sesUrl);
    const run = await Reminder.daily(new Date("2027-02-05T01:00:00Z"));
    const byTenant = Object.fromEntries(run.runs.map((r) => [r.tenant, r]));
    expect(byTenant.broken?.ok).toBe(false);
    expect(byTenant.sambas?.ok).toBe(true);
    expect((await sentMail(stores.sesUrl)).length).toBeGreaterThan(0);
    const k = Key.job("broken", "daily");
    const mark = await Dynamo.get(k.pk, k.sk);
    expect(String(mark?.lastError)).toMatch(/^2027-02-05: /);

    // The queue's consumer reports the failed task force's message alone, so SQS retries it.
    const { handler } = await import("@tenggat/functions/jobs/daily-tenant");
    const at = "2027-02-05T01:00:00.000Z";
    const batch = await handler({
      Records: [
        { messageId: "m-broken", body: JSON.stringify({ tenant: "broken", at }) },
        { messageId: "m-sambas", body: JSON.stringify({ tenant: "sambas", at }) },
      ],
    });
    expect(batch.batchItemFailures).toEqual([{ itemIdentifier: "m-broken" }]);
  });

  it("stores instances as far ahead as the task force's horizon (13 months unless set)", async () => {
    const { TaskForce } = await import("@tenggat/core/taskforce");
    const { Directory } = await import("@tenggat/core/directory");
    const { Obligation } = await import("@tenggat/core/obligation");
    const { Sambas } = await import("@tenggat/core/sambas");
    const { Reminder } = await import("@tenggat/core/reminder");
    const org = Sambas.organisation();
    await TaskForce.register({
      id: "pendek",
      name: "Gugus Tugas (cakrawala pendek)",
      level: "kabupaten",
      legalBasis: "uji",
      settings: {},
      trackFrom: "2027-01-04",
      horizonMonths: 2,
      createdAt: "2027-01-01T00:00:00.000Z",
    });
    await Directory.seedOrganisation("pendek", [...org.units], [...org.offices]);
    await Reminder.daily(new Date("2027-01-04T01:00:00Z"), { tenants: ["pendek"] });
    const short = await Obligation.allOfUnit("pendek", "sgt-a");
    const long = await Obligation.allOfUnit("sambas", "sgt-a");
    expect(short.length).toBeGreaterThan(0);
    expect(short.every((i) => i.windowStart <= "2027-03-04")).toBe(true);
    expect(long.some((i) => i.windowStart > "2027-03-04")).toBe(true);
  });

  it("a day with nothing due writes nothing and makes 3 requests; a meeting held is noticed", async () => {
    const { Reminder } = await import("@tenggat/core/reminder");
    const { Dynamo, Key } = await import("@tenggat/core/dynamo");
    const { Directory } = await import("@tenggat/core/directory");
    const { Actor } = await import("@tenggat/core/actor");
    const { Meeting } = await import("@tenggat/core/meeting");
    const writes = (c: Record<string, number>) =>
      Object.entries(c)
        .filter(([k]) => /Put|Update|Delete|BatchWrite/.test(k))
        .reduce((n, [, v]) => n + v, 0);
    const total = (c: Record<string, number>) => Object.values(c).reduce((n, v) => n + v, 0);

    // Working days of February, each run as the queue's consumer runs a task force.
    const quiet: { day: string; requests: number; writes: number }[] = [];
    for (let d = 1; d <= 26; d++) {
      const day = `2027-02-${String(d).padStart(2, "0")}`;
      Dynamo.resetRequestCounts();
      const run = await Reminder.runOne("sambas", new Date(`${day}T01:00:00Z`));
      const counts = Dynamo.requestCounts();
      expect(run.ok).toBe(true);
      if (run.workingDay && run.items === 0 && run.created === 0) {
        quiet.push({ day, requests: total(counts), writes: writes(counts) });
      }
    }
    // The task force, its watermark, the next-action index: no organisation, no meetings.
    expect(quiet.length).toBeGreaterThan(3);
    expect(quiet.filter((q) => q.requests > 3 || q.writes > 0)).toEqual([]);

    // A sub-task-force meeting held: the next run reads the meetings and moves the windows.
    const day = "2027-03-01";
    const at = () => new Date(`${day}T03:00:00Z`);
    const [person] = await Actor.provide(
      { type: "system", tenant: "sambas", job: "test" },
      () => Directory.recipients("sambas", "sgt-a.koordinator", day),
      at,
    );
    if (!person) throw new Error("nobody holds sgt-a.koordinator");
    const actor = {
      type: "person" as const,
      tenant: "sambas",
      personId: person.id,
      name: person.name,
      offices: await Directory.officesOf("sambas", person.id, day),
    };
    const meeting = await Actor.provide(
      actor,
      () =>
        Meeting.schedule({
          kind: "subtask",
          unit: "sgt-a",
          date: day,
          start: "09:00",
          end: "11:00",
          location: "Aula Kantor Bupati Sambas",
          invitees: [],
        }),
      at,
    );
    await Actor.provide(
      actor,
      () =>
        Meeting.hold({
          id: meeting.id,
          version: meeting.version,
          attendance: { offices: ["sgt-a.koordinator"], people: [], others: 0 },
        }),
      () => new Date(`${day}T05:00:00Z`),
    );
    const k = Key.job("sambas", "daily");
    const c = Key.meetingsHeld("sambas");
    const seen = async () => ((await Dynamo.get(k.pk, k.sk)) as { heldSeen?: number }).heldSeen;
    const count = async () =>
      ((await Dynamo.get(c.pk, c.sk)) as { heldChanges?: number } | undefined)?.heldChanges;
    expect(await count()).toBe(((await seen()) ?? 0) + 1);
    Dynamo.resetRequestCounts();
    const run = await Reminder.runOne("sambas", new Date("2027-03-02T01:00:00Z"));
    expect(run.ok).toBe(true);
    expect(await seen()).toBe(await count());
    // The window of Pasal 16 now starts on the meeting's date.
    const { Obligation } = await import("@tenggat/core/obligation");
    const next = await Obligation.get("sambas", `subtask-meeting:sgt-a:w${day}`);
    expect(next).toMatchObject({ status: "open", windowStart: day });
  });
});
