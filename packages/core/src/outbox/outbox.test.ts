import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { as, clock, seed, setNow, TENANT } from "../meeting/fixture.ts";
import { Task } from "../task/index.ts";
import { Outbox } from "./index.ts";

// Each crash point of `Audit.commit` is reproduced by stopping after the write before it:
// `Outbox.collect` keeps what is owed in memory, and dropping that list is the crash.

let stores: Embedded;

beforeAll(async () => {
  stores = await start();
  await seed();
  setNow("2027-03-10T02:00:00Z");
});
afterAll(async () => {
  await stores.stop();
});

const sweep = (at: string) =>
  Actor.provide(
    { type: "system", tenant: TENANT, job: "test" },
    () => Outbox.sweep(TENANT),
    () => new Date(at),
  );

/** Assigns a task as the secretary, "crashing" right after the change is stored. */
async function assignThenCrash(title: string) {
  const owed: Outbox.Owed[] = [];
  const task = await Outbox.collect(owed, () =>
    as("sekretaris", () =>
      Task.create({ title, office: "sgt-b.anggota.puskesmas", due: "2027-04-30" }),
    ),
  );
  return { task, owed };
}

const mailsAbout = async (title: string) =>
  (await sentMail(stores.sesUrl)).filter((m) => (m.body.text ?? "").includes(title));

describe("intents", () => {
  it("a crash after the change: nothing audited or mailed yet; the sweep completes it exactly once", async () => {
    const { task, owed } = await assignThenCrash("Tugas sesudah crash A");

    expect(owed).toHaveLength(1);
    expect((await Audit.ofEntity(TENANT, "task", task.id)).items).toEqual([]);
    expect(await mailsAbout("Tugas sesudah crash A")).toEqual([]);
    expect((await Outbox.waiting(TENANT)).map((i) => i.event.id)).toContain(`task:${task.id}:v1`);

    const first = await sweep("2027-03-10T02:01:00Z");
    const second = await sweep("2027-03-10T02:02:00Z");

    expect(first.completed).toBeGreaterThanOrEqual(1);
    expect(second).toEqual({ completed: 0, abandoned: 0, waiting: 0, failed: 0 });
    const trail = await Audit.ofEntity(TENANT, "task", task.id);
    expect(trail.items.map((e) => [e.action, e.version])).toEqual([["task.assigned", 1]]);
    const mails = await mailsAbout("Tugas sesudah crash A");
    expect(mails).toHaveLength(1);
    expect(await Outbox.waiting(TENANT)).toEqual([]);
  });

  it("completing twice (the request's own drain racing the sweep) audits and mails once", async () => {
    const { task, owed } = await assignThenCrash("Tugas diselesaikan dua kali");

    Outbox.settle(owed, clock);
    const swept = sweep("2027-03-10T02:00:30Z");
    await Outbox.idle();
    await swept;

    const trail = await Audit.ofEntity(TENANT, "task", task.id);
    expect(trail.items).toHaveLength(1);
    expect(await mailsAbout("Tugas diselesaikan dua kali")).toHaveLength(1);
    expect(await Outbox.waiting(TENANT)).toEqual([]);
  });

  it("a crash between the intent and the change: nothing is audited or mailed; dropped once it cannot be in flight", async () => {
    const at = "2027-03-10T03:00:00.000Z";
    const event: Audit.Event = {
      id: "task:tsk_NEVERSTORED:v1",
      at,
      actor: { kind: "system", id: "test", name: "test", offices: [] },
      entity: "task",
      entityId: "tsk_NEVERSTORED",
      version: 1,
      action: "task.assigned",
    };
    await Actor.provide(
      { type: "system", tenant: TENANT, job: "test" },
      () =>
        Outbox.record(TENANT, { event, entity: Key.task(TENANT, "tsk_NEVERSTORED"), announce: [] }),
      () => new Date(at),
    );

    const young = await sweep("2027-03-10T03:05:00Z");
    const old = await sweep(new Date(Date.parse(at) + Outbox.ABANDON_MS + 60_000).toISOString());

    expect(young.waiting).toBe(1);
    expect(old.abandoned).toBe(1);
    expect((await Audit.ofEntity(TENANT, "task", "tsk_NEVERSTORED")).items).toEqual([]);
    expect(await Outbox.waiting(TENANT)).toEqual([]);
  });

  it("a change that lost its race leaves no intent; one that moved on is still completed from the trail", async () => {
    const { task, owed } = await assignThenCrash("Tugas yang berlanjut");
    const [first] = owed;
    if (!first) throw new Error("nothing owed");
    // The task moves on to version 2 before the sweep: the next change copies v1 to the trail.
    await as("puskesmas", () => Task.accept({ id: task.id, version: 1 }));
    const stale = await as("sekretaris", () =>
      Task.cancel({ id: task.id, version: 1, reason: "versi lama" }).catch((e) => e),
    );

    const swept = await sweep("2027-03-10T02:10:00Z");

    expect(stale).toMatchObject({ code: "version.stale" });
    expect(swept.failed).toBe(0);
    const trail = await Audit.ofEntity(TENANT, "task", task.id);
    expect(trail.items.map((e) => e.action)).toEqual(["task.assigned", "task.accepted"]);
    expect(await mailsAbout("Tugas yang berlanjut")).toHaveLength(1);
    expect(await Outbox.waiting(TENANT)).toEqual([]);
    const stored = await Dynamo.get(Key.task(TENANT, task.id).pk, "TSK");
    expect(stored?.version).toBe(2);
  });
});
