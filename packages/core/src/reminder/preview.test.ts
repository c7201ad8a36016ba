import { clearMail, type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { sambasSeed } from "@tenggat/local/sambas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../../../test/installed.ts";
import { Actor } from "../actor/index.ts";
import { LocalDate } from "../date/index.ts";
import { Dynamo } from "../dynamo/index.ts";
import { Ledger } from "../ledger/index.ts";
import { Reminder } from "./index.ts";

const TENANT = "sambas";
let now = new Date("2027-01-11T01:00:00Z");
const clock = () => now;
const secretary = {
  type: "person" as const,
  tenant: TENANT,
  personId: "p-sek",
  name: "Sekretaris",
  offices: ["gt.sekretaris"],
};
const asSecretary = <R>(f: () => R) => Actor.provide(secretary, f, clock);

const WRITES = ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"];

describe("the reminder preview", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
    // Seed.install's items, copied when an earlier file of the run made the same install.
    await install(stores.tableName, [{ ...sambasSeed(), trackFrom: "2027-01-04" }]);
    // The first run stores the instances 13 months ahead (the preview never stores).
    await Reminder.runOne(TENANT, now);
  });
  afterAll(async () => {
    await stores.stop();
  });

  it("shows exactly the mails the job then sends on that date, writing nothing and sending nothing", async () => {
    // Several working days of the season, each previewed and then run.
    let compared = 0;
    for (const day of ["2027-01-12", "2027-01-14", "2027-01-18", "2027-02-01"]) {
      now = new Date(`${day}T01:00:00Z`);
      await clearMail(stores.sesUrl);
      Dynamo.resetRequestCounts();
      const preview = await asSecretary(() => Reminder.preview({ date: day }));
      const counts = Dynamo.requestCounts();
      for (const op of WRITES) expect(counts[op] ?? 0, `${day} ${op}`).toBe(0);
      expect(await sentMail(stores.sesUrl), `${day}: the preview sent mail`).toHaveLength(0);
      expect(preview.workingDay).toBe(true);
      expect(preview.mails.every((m) => m.status === "send")).toBe(true);

      const run = await Reminder.runOne(TENANT, now);
      expect(run.ok).toBe(true);
      const sent = (await sentMail(stores.sesUrl)).map((m) => ({
        to: m.destination.to.map((t) => t.replace(/^.*<|>$/g, "")).join(),
        subject: m.subject,
        text: (m.body.text ?? "").replace(/\r\n/g, "\n").trim(),
      }));
      const shown = preview.mails.map((m) => ({
        to: m.email,
        subject: m.subject,
        text: m.text.replace(/\r\n/g, "\n").trim(),
      }));
      const byTo = (a: { to: string }, b: { to: string }) => a.to.localeCompare(b.to);
      expect(shown.map((m) => m.to).sort(), day).toEqual(sent.map((m) => m.to).sort());
      for (const [i, mail] of sent.sort(byTo).entries()) {
        const expected = shown.sort(byTo)[i];
        expect(expected?.to).toBe(mail.to);
        expect(expected?.subject).toBe(mail.subject);
        expect(expected?.text).toBe(mail.text);
      }
      compared += sent.length;
    }
    // The comparison has substance: the season's first reminders went out on those days.
    expect(compared).toBeGreaterThan(5);
  });

  it("is empty for a date the job has completed, and marks a digest already claimed", async () => {
    now = new Date("2027-02-01T03:00:00Z");
    const done = await asSecretary(() => Reminder.preview({ date: "2027-02-01" }));
    expect(done).toMatchObject({ completed: true, mails: [] });

    // A later working day with mail, where one person's digest is in the ledger already (a run
    // that claimed it and stopped before it completed): the job sends that one no second time.
    let day = "2027-02-02";
    let ahead = await asSecretary(() => Reminder.preview({ date: day }));
    while (ahead.mails.length < 2 && day < "2027-03-31") {
      day = LocalDate.addDays(day, 1);
      ahead = await asSecretary(() => Reminder.preview({ date: day }));
    }
    const [first, second] = ahead.mails;
    if (!first || !second) throw new Error("no day with two digests before April");
    expect(ahead.completed).toBe(false);
    await Actor.provide(
      { type: "system", tenant: TENANT, job: "test" },
      () =>
        Ledger.claim(TENANT, {
          id: `digest:${day}:${first.personId}`,
          kind: "digest",
          date: day,
          personId: first.personId,
          to: [first.email],
          subject: first.subject,
          raw: Buffer.from("x"),
        }),
      clock,
    );
    const after = await asSecretary(() => Reminder.preview({ date: day }));
    const status = Object.fromEntries(after.mails.map((m) => [m.personId, m.status]));
    expect(status[first.personId]).toBe("already");
    expect(status[second.personId]).toBe("send");
    expect(after.mails.map((m) => m.n)).toEqual(after.mails.map((_, i) => i + 1));
  });

  it("has nothing on a Sunday, and is the secretariat's alone", async () => {
    const sunday = await asSecretary(() => Reminder.preview({ date: "2027-02-07" }));
    expect(sunday).toMatchObject({ workingDay: false, mails: [] });
    const coordinator = { ...secretary, personId: "p-koor", offices: ["sgt-a.koordinator"] };
    await expect(
      Actor.provide(coordinator, async () => Reminder.preview({ date: "2027-02-08" }), clock),
    ).rejects.toMatchObject({ kind: "forbidden", code: "reminder.preview_not_allowed" });
    await expect(
      asSecretary(async () => Reminder.preview({ date: "2027-02-30" })),
    ).rejects.toMatchObject({ kind: "input" });
  });
});
