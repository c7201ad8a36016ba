/**
 * The daily job's fan-out, as in AWS but with the in-process stand-in for SQS: the scheduled
 * step enqueues one message per task force, the queue's consumer Lambda handler runs each. Fifty
 * task forces; one whose stored settings no longer parse fails on every receive and ends as a
 * dead letter, alone; one that is slow holds up nobody else.
 */
import { Observe } from "@tenggat/core/observe";
import { type Embedded, start } from "@tenggat/local/embedded";
import { createQueue } from "@tenggat/local/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NOW = new Date("2027-02-03T01:00:00Z"); // a Wednesday, 08:00 in Sambas
const TENANTS = Array.from({ length: 50 }, (_, i) => `kab-${String(i + 1).padStart(2, "0")}`);
const BROKEN = "kab-13";
const SLOW = "kab-07";

describe("the daily job fanned out over a queue, one task force per message", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
    const { TaskForce } = await import("@tenggat/core/taskforce");
    const { Directory } = await import("@tenggat/core/directory");
    const { Sambas } = await import("@tenggat/core/sambas");
    const sambas = Sambas.organisation();
    // The task force's own unit and offices: enough for instances to be planned and stored.
    const units = sambas.units.filter((u) => u.code === "gt");
    const offices = sambas.offices.filter((o) => o.unit === "gt");
    for (const id of TENANTS) {
      await TaskForce.register({
        id,
        name: `Gugus Tugas ${id}`,
        level: "kabupaten",
        legalBasis: "uji",
        // An impossible reminder offset: this task force's run fails every time.
        settings: id === BROKEN ? { reminders: { overdueEvery: -1 } } : {},
        trackFrom: "2027-02-01",
        horizonMonths: 1,
        createdAt: "2027-01-01T00:00:00.000Z",
      });
      await Directory.seedOrganisation(id, units, offices);
    }
  }, 120_000);
  afterAll(async () => {
    await stores.stop();
  });

  it("runs every task force, reports only the failing one, and lets no slow one hold others up", async () => {
    // Arrange
    const { Reminder } = await import("@tenggat/core/reminder");
    const { Dynamo, Key } = await import("@tenggat/core/dynamo");
    const consumer = await import("@tenggat/functions/jobs/daily-tenant");
    const finished: string[] = [];
    const reported: string[] = [];
    let releaseSlow: () => void = () => undefined;
    const slowMayGo = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    const queue = createQueue(
      async (event) => {
        const tenant = JSON.parse(event.Records[0]?.body ?? "{}").tenant as string;
        // The slow task force waits until every other one is done (or dead-lettered).
        if (tenant === SLOW) await slowMayGo;
        const result = await consumer.handler(event);
        finished.push(tenant);
        reported.push(...result.batchItemFailures.map(() => tenant));
        if (finished.filter((t) => t !== BROKEN).length === TENANTS.length - 2) releaseSlow();
        return result;
      },
      { concurrency: 8, maxReceives: 3 },
    );
    Observe.flush();

    // Act
    const { Fanout } = await import("@tenggat/core/fanout");
    const enqueued = await Fanout.enqueue(NOW, queue, TENANTS);
    await queue.drain();

    // Assert
    expect(enqueued).toEqual({ today: "2027-02-03", enqueued: 50 });
    expect(queue.deadLetters.map((m) => m.tenant)).toEqual([BROKEN]);
    expect(queue.done.map((m) => m.tenant).sort()).toEqual(
      TENANTS.filter((t) => t !== BROKEN).sort(),
    );
    // The slow one finished after all the others; the broken one was received three times.
    expect(finished.filter((t) => t !== BROKEN).at(-1)).toBe(SLOW);
    expect(finished.filter((t) => t === BROKEN)).toHaveLength(3);
    expect(reported).toEqual([BROKEN, BROKEN, BROKEN]);
    // Each healthy task force was really run: its instances are stored and its watermark set.
    const mark = await Dynamo.get(Key.job("kab-50", "daily").pk, "daily");
    expect(mark?.materialisedThrough).toBe("2027-03-03");
    const broken = await Dynamo.get(Key.job(BROKEN, "daily").pk, "daily");
    expect(String(broken?.lastError)).toMatch(/^2027-02-03: /);

    // A failed run is counted for the alarm (the handler publishes and resets the counts).
    Observe.flush();
    const again = await Reminder.consume([
      { messageId: "m-1", body: JSON.stringify({ tenant: BROKEN, at: NOW.toISOString() }) },
    ]);
    expect(again.batchItemFailures).toEqual([{ itemIdentifier: "m-1" }]);
    expect(Observe.counts()).toMatchObject({ TaskForcesFailed: 1 });
  }, 180_000);
});
