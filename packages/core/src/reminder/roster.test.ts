import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { sambasSeed, samplePeople } from "@tenggat/local/sambas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actor } from "../actor/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { Notify } from "../notify/index.ts";
import { Org } from "../org/index.ts";
import { Seed } from "../seed/index.ts";
import { Suppression } from "../suppression/index.ts";
import { getOrCreate } from "../util/map.ts";
import { Reminder } from "./index.ts";

/**
 * The daily job reads the directory once per task force and day (`Notify.snapshot`): one Query of
 * the roster index, one BatchGetItem of the people, one of their addresses' suppression. These
 * tests hold it to the request counts the bench reports (`npm run bench:tick`, the same SDK
 * middleware), to the directory's own answers, and to the assignments stored before the roster
 * index existed.
 */

const TENANT = "sambas";
const OLD = "sambas-lama";
const system = <R>(tenant: string, f: () => Promise<R>, at = "2027-01-04") =>
  Actor.provide({ type: "system", tenant, job: "test" }, f, () => LocalDate.instant(at, "07:00"));

const WRITES = [
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "BatchWriteItemCommand",
];

describe("the daily job's directory reads", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
    await system(TENANT, () => Seed.install({ ...sambasSeed(), trackFrom: "2027-01-04" }));
    // A second task force (its own addresses: suppression is per address, across task forces).
    const base = sambasSeed();
    const org = Org.withPeople(
      base.org,
      samplePeople(base.org).map((p) => ({ ...p, email: p.email.replace("@sambas.", `@${OLD}.`) })),
    );
    await system(OLD, () =>
      Seed.install({
        ...base,
        taskForce: { ...base.taskForce, id: OLD },
        org,
        trackFrom: "2027-01-04",
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await stores.stop();
  });

  it("costs one conditional write per digest, one batch of marks, and 7 reads per day whatever the number of digests", async () => {
    const days: { day: string; sent: number; counts: Record<string, number> }[] = [];
    for (let d = 0; d < 26; d++) {
      const day = LocalDate.addDays("2027-01-04", d);
      Dynamo.resetRequestCounts();
      const run = await Reminder.runOne(TENANT, LocalDate.instant(day, "08:00"));
      const counts = Dynamo.requestCounts();
      expect(run.ok, `${day}: ${run.error}`).toBe(true);
      const sent = run.digests.outcomes.sent ?? 0;
      if (sent > 0 && run.created === 0) days.push({ day, sent, counts });
    }
    // The first run stores the instances (and puts the roster index in order); these are the
    // days after it that sent digests: the steady state.
    expect(days.length).toBeGreaterThan(3);
    const steady = days;
    for (const { day, sent, counts } of steady) {
      expect(counts, day).toEqual({
        // The task force.
        GetItemCommand: 1,
        // The watermark, the next-action index, the organisation, the roster index.
        QueryCommand: 4,
        // The people, their addresses' suppression.
        BatchGetItemCommand: 2,
        // One claim per digest.
        PutItemCommand: sent,
        // The "sent" marks and the watermark, 25 to a request.
        BatchWriteItemCommand: Math.ceil((sent + 1) / 25),
      });
    }
    const digests = steady.reduce((n, d) => n + d.sent, 0);
    const writes = steady.reduce(
      (n, d) => n + WRITES.reduce((m, op) => m + (d.counts[op] ?? 0), 0),
      0,
    );
    const reads = steady.reduce(
      (n, d) => n + Object.values(d.counts).reduce((a, b) => a + b, 0),
      -writes,
    );
    expect(writes).toBe(digests + steady.length);
    expect(reads).toBe(7 * steady.length);
  }, 180_000);

  it("resolves every office's recipients from the snapshot exactly as from the directory", async () => {
    const day = "2027-03-01";
    // States the resolution must respect: a suppressed address (its deputy stands in), an
    // ended assignment (a vacant office), an acting holder (Plt.), a deactivated person.
    await Suppression.apply(
      {
        eventType: "Bounce",
        bounce: {
          bounceType: "Permanent",
          bouncedRecipients: [{ emailAddress: "SGT-A.koordinator@sambas.example" }],
        },
      },
      new Date("2027-02-26T01:00:00Z"),
    );
    await system(
      TENANT,
      async () => {
        const [ended] = await Directory.assignments(TENANT, "sgt-b.koordinator", day);
        if (!ended) throw new Error("nobody holds sgt-b.koordinator");
        await Directory.endAssignment({
          office: ended.office,
          personId: ended.personId,
          start: ended.start,
          end: "2027-02-27",
        });
        const plt = await Directory.createPerson({
          name: "Plt. Koordinator",
          email: "plt@x.example",
        });
        await Directory.assign({
          office: "sgt-c.koordinator",
          personId: plt.id,
          start: "2027-02-01",
          acting: true,
        });
        const [gone] = await Directory.assignments(TENANT, "sgt-d.koordinator", day);
        if (!gone) throw new Error("nobody holds sgt-d.koordinator");
        await Directory.deactivate({ id: gone.personId });
      },
      "2027-02-26",
    );
    const offices = (await Directory.offices(TENANT)).map((o) => o.code);
    const indexed = await Notify.snapshot(TENANT, offices, day, true);
    const byOffice = await Notify.snapshot(TENANT, offices, day, false);
    const names = (rs: Notify.Recipient[]) => rs.map((r) => `${r.person.email} ${r.offices}`);
    let standIns = 0;
    for (const office of offices) {
      for (const vacant of ["stand-in", "skip"] as const) {
        const live = names(await Notify.recipients(TENANT, [office], day, vacant));
        expect(names(await Notify.recipients(TENANT, [office], day, vacant, indexed))).toEqual(
          live,
        );
        expect(names(await Notify.recipients(TENANT, [office], day, vacant, byOffice))).toEqual(
          live,
        );
      }
      const [first] = await Notify.recipients(TENANT, [office], day, "stand-in", indexed);
      if (first && !first.person.email.startsWith(office)) standIns++;
    }
    // The states above are seen: a deputy, a Plt., the secretariat standing in.
    const who = async (office: string) =>
      (await Notify.recipients(TENANT, [office], day, "stand-in", indexed)).map(
        (r) => r.person.email,
      );
    expect(await who("sgt-a.koordinator")).toEqual(["sgt-a.wakil-koordinator@sambas.example"]);
    expect(await who("sgt-b.koordinator")).toEqual(["sgt-b.wakil-koordinator@sambas.example"]);
    expect(await who("sgt-c.koordinator")).toEqual(["plt@x.example"]);
    expect(await who("sgt-d.koordinator")).toEqual(["sgt-d.wakil-koordinator@sambas.example"]);
    expect(standIns).toBeGreaterThan(3);

    // Many offices at once (an invitation to the whole task force): the same people as office by
    // office, in a snapshot's requests — whether the roster index is complete, its one Query, and
    // two batches — instead of one Query and a read or two an office, one after another.
    for (const vacant of ["stand-in", "skip"] as const) {
      const one = new Map<string, Set<string>>();
      for (const office of offices) {
        for (const r of await Notify.recipients(TENANT, [office], day, vacant)) {
          getOrCreate(one, r.person.email, () => new Set()).add(office);
        }
      }
      Dynamo.resetRequestCounts();
      const all = await Notify.recipients(TENANT, offices, day, vacant);
      const counts = Dynamo.requestCounts();
      expect(new Map(all.map((r) => [r.person.email, new Set(r.offices)])), vacant).toEqual(one);
      expect(counts, vacant).toEqual({
        GetItemCommand: 1,
        QueryCommand: 1,
        BatchGetItemCommand: 2,
      });
    }
  }, 120_000);

  it("puts assignments stored before the roster index on it, once, and mails the same people meanwhile", async () => {
    // The first run stores the instances; then the task force's assignments lose their roster
    // keys and the record that the index is complete, as data stored before it existed.
    await Reminder.runOne(OLD, LocalDate.instant("2027-01-04", "08:00"));
    const offices = (await Directory.offices(OLD)).map((o) => o.code);
    let stripped = 0;
    for (const office of offices) {
      const items = await Dynamo.queryAll({ pk: Key.holders(OLD, office).pk });
      for (const item of items) {
        await Dynamo.update({
          pk: item.pk,
          sk: item.sk,
          expression: "REMOVE gsi2pk, gsi2sk",
        });
        stripped++;
      }
    }
    const flag = Key.rosterIndexed(OLD);
    await Dynamo.remove(flag.pk, flag.sk);
    expect(stripped).toBeGreaterThan(20);
    expect((await Directory.roster(OLD, "2027-01-11")).size).toBe(0);

    // Meanwhile an invitation to every office reads them office by office (the index would miss
    // them), and reaches the same people as office by office.
    Dynamo.resetRequestCounts();
    const invited = await Notify.recipients(OLD, offices, "2027-01-11");
    expect(Dynamo.requestCounts()).toEqual({
      GetItemCommand: 1,
      QueryCommand: offices.length,
      BatchGetItemCommand: 2,
    });
    const oneByOne = new Set<string>();
    for (const office of offices) {
      for (const r of await Notify.recipients(OLD, [office], "2027-01-11")) {
        oneByOne.add(r.person.email);
      }
    }
    expect(new Set(invited.map((r) => r.person.email))).toEqual(oneByOne);
    expect(oneByOne.size).toBeGreaterThan(20);

    // A day with digests: the preview (which writes nothing) and the job agree on who is mailed.
    let day = "2027-01-11";
    const previewOf = (date: string) => system(OLD, () => Reminder.previewFor(OLD, date), date);
    let preview = await previewOf(day);
    while (preview.mails.length < 2 && day < "2027-02-26") {
      day = LocalDate.addDays(day, 1);
      preview = await previewOf(day);
    }
    expect(preview.mails.length).toBeGreaterThan(1);
    const before = (await sentMail(stores.sesUrl)).length;
    const run = await Reminder.runOne(OLD, LocalDate.instant(day, "08:00"));
    expect(run.ok).toBe(true);
    const mailed = (await sentMail(stores.sesUrl))
      .slice(before)
      .map((m) => m.destination.to.join().replace(/^.*<|>$/g, ""))
      .sort();
    expect(mailed).toEqual(preview.mails.map((m) => m.email).sort());

    // Every assignment is on the index now, and the index says what the offices say.
    expect(await Dynamo.get(flag.pk, flag.sk)).toBeDefined();
    const viaIndex = await Directory.roster(OLD, day);
    const viaOffices = await Directory.holdersOf(OLD, offices, day);
    expect([...viaIndex.keys()].sort()).toEqual([...viaOffices.keys()].sort());
    for (const [office, list] of viaOffices) expect(viaIndex.get(office), office).toEqual(list);
    expect(viaIndex.size).toBeGreaterThan(20);

    // The next day with digests reads the index only: no Query per office.
    Dynamo.resetRequestCounts();
    let next = LocalDate.addDays(day, 1);
    let again = await Reminder.runOne(OLD, LocalDate.instant(next, "08:00"));
    while ((again.digests.outcomes.sent ?? 0) === 0 && next < "2027-03-31") {
      next = LocalDate.addDays(next, 1);
      Dynamo.resetRequestCounts();
      again = await Reminder.runOne(OLD, LocalDate.instant(next, "08:00"));
    }
    expect(again.digests.outcomes.sent ?? 0).toBeGreaterThan(0);
    expect(Dynamo.requestCounts().QueryCommand).toBe(4);
  }, 180_000);
});
