import { type Embedded, start } from "@tenggat/local/embedded";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Audit } from "../audit/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { as, failure, seed, setNow, snapshot, TENANT, type Who } from "../meeting/fixture.ts";
import type { Notify } from "../notify/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { Task } from "./index.ts";

// Observe what is announced; the real mail layer still runs behind it.
const hooks = vi.hoisted(() => ({ announced: [] as Notify.Announcement[] }));
vi.mock("../notify/index.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../notify/index.ts")>();
  const announce: typeof actual.announce = async (tenant, a) => {
    hooks.announced.push(a);
    return actual.announce(tenant, a);
  };
  return { ...actual, announce, Notify: { ...actual.Notify, announce } };
});

let stores: Embedded;
let ids: Record<Who, string>;

beforeAll(async () => {
  stores = await start();
  ids = await seed();
});
afterAll(async () => {
  await stores.stop();
});
beforeEach(() => {
  hooks.announced.length = 0;
});
afterEach(() => {
  setNow("2027-03-10T02:00:00Z");
});

/** What waits in an office's queue (the index `GET /v1/queue` reads). */
async function queue(office: string) {
  const page = await Dynamo.query<Dynamo.Item>({
    index: "gsi3",
    pk: Key.queue(TENANT, office).gsi3pk,
  });
  return page.items.map((i) => ({ sk: i.gsi3sk, id: i.id, title: i.title, due: i.due }));
}

const assign = (who: Who, office: string, over: Record<string, unknown> = {}) =>
  as(who, () =>
    Task.create({
      title: "Rekap data layanan korban triwulan I",
      office,
      due: "2027-04-30",
      ...over,
    } as Parameters<typeof Task.create>[0]),
  );

describe("assigning", () => {
  it("the secretariat assigns to any office: queued oldest-first, audited, announced to that office", async () => {
    const t = await assign("sekretaris", "sgt-b.anggota.puskesmas", {
      description: "Jumlah layanan saja, tanpa identitas",
    });

    expect(t).toMatchObject({
      status: "assigned",
      version: 1,
      office: "sgt-b.anggota.puskesmas",
      unit: "sgt-b",
      assignedBy: "gt.sekretaris",
      source: { kind: "manual" },
      history: [],
      since: "2027-03-10T02:00:00.000Z",
    });
    expect(t.id).toMatch(/^tsk_[0-9A-Z]{26}$/);
    expect(await queue("sgt-b.anggota.puskesmas")).toEqual([
      { sk: `${t.since}#task#${t.id}`, id: t.id, title: t.title, due: "2027-04-30" },
    ]);
    const trail = await Audit.ofEntity(TENANT, "task", t.id);
    expect(trail.items.map((e) => [e.action, e.actor.id])).toEqual([
      ["task.assigned", ids.sekretaris],
    ]);
    expect(hooks.announced).toEqual([
      {
        id: `task:${t.id}:v1`,
        kind: "task-assigned",
        offices: ["sgt-b.anggota.puskesmas"],
        ref: { entity: "task", id: t.id },
        data: {
          task: expect.objectContaining({ title: t.title, due: "2027-04-30" }),
          assignedBy: { id: "gt.sekretaris", en: "gt.sekretaris" },
          today: "2027-03-10",
        },
      },
    ]);
  });

  it("a coordinator assigns within their own unit only; a member may not assign", async () => {
    const before = await snapshot();

    const outside = await failure(() => assign("koorA", "sgt-b.anggota.puskesmas"));
    const member = await failure(() => assign("disdik", "sgt-a.anggota.kemenag"));

    expect([outside.kind, outside.code]).toEqual(["forbidden", "task.not_your_unit"]);
    expect([member.kind, member.code]).toEqual(["forbidden", "task.not_your_unit"]);
    expect(await snapshot()).toBe(before);
    const inside = await assign("wakilA", "sgt-a.anggota.kemenag");
    expect([inside.status, inside.assignedBy]).toEqual(["assigned", "sgt-a.wakil-koordinator"]);
  });

  it("bad input is a 400 with the field's path and stores nothing", async () => {
    const before = await snapshot();

    const cases: [Record<string, unknown>, string][] = [
      [{ office: "sgt-a.anggota.nobody" }, "office"],
      [{ office: "Not An Office" }, "office"],
      [{ due: "2027-03-09" }, "due"],
      [{ due: "2027-02-30" }, "due"],
      [{ due: "2040-01-01" }, "due"],
      [{ title: "   " }, "title"],
      [{ title: "x".repeat(301) }, "title"],
    ];
    for (const [over, path] of cases) {
      const error = await failure(() => assign("sekretaris", "sgt-a.anggota.disdik", over));
      expect([path, error.kind, error.issues?.map((i) => i.path)]).toEqual([path, "input", [path]]);
    }
    expect(await snapshot()).toBe(before);
    expect(hooks.announced).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("accept takes it out of the queue; complete records what was done", async () => {
    const t = await assign("koorB", "sgt-b.anggota.puskesmas", { due: "2027-05-15" });

    const accepted = await as("puskesmas", () => Task.accept({ id: t.id, version: 1 }));
    const done = await as("puskesmas", () =>
      Task.complete({ id: t.id, note: "Rekap dikirim ke sekretariat", version: 2 }),
    );

    expect([accepted.status, accepted.version, accepted.acceptedAt]).toEqual([
      "accepted",
      2,
      "2027-03-10T02:00:00.000Z",
    ]);
    expect(done).toMatchObject({
      status: "done",
      version: 3,
      completion: { note: "Rekap dikirim ke sekretariat" },
    });
    expect((await queue("sgt-b.anggota.puskesmas")).map((q) => q.id)).not.toContain(t.id);
    const trail = await Audit.ofEntity(TENANT, "task", t.id);
    expect(trail.items.map((e) => e.action)).toEqual([
      "task.assigned",
      "task.accepted",
      "task.completed",
    ]);
    // The office that gave the task is told it is done.
    expect(hooks.announced.at(-1)).toMatchObject({
      id: `task:${t.id}:v3`,
      kind: "task-completed",
      offices: ["sgt-b.koordinator"],
      data: { note: "Rekap dikirim ke sekretariat", completedOn: "2027-03-10" },
    });
  });

  it("wrong state and stale versions are 409s; others than the assignee get 403; nothing changes", async () => {
    const t = await assign("sekretaris", "sgt-a.anggota.disdik");
    const before = await snapshot();

    const errors = {
      completeUnaccepted: await failure(() =>
        as("disdik", () => Task.complete({ id: t.id, note: "selesai", version: 1 })),
      ),
      staleAccept: await failure(() => as("disdik", () => Task.accept({ id: t.id, version: 3 }))),
      leaderAccepts: await failure(() => as("koorA", () => Task.accept({ id: t.id, version: 1 }))),
      secretariatAccepts: await failure(() =>
        as("sekretaris", () => Task.accept({ id: t.id, version: 1 })),
      ),
      missing: await failure(() => as("disdik", () => Task.accept({ id: "tsk_nope", version: 1 }))),
    };

    expect(
      Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, [e.kind, e.code]])),
    ).toEqual({
      completeUnaccepted: ["conflict", "task.not_accepted"],
      staleAccept: ["conflict", "version.stale"],
      leaderAccepts: ["forbidden", "task.not_assignee"],
      secretariatAccepts: ["forbidden", "task.not_assignee"],
      missing: ["not-found", "task.not_found"],
    });
    expect(await snapshot()).toBe(before);
    await as("disdik", () => Task.accept({ id: t.id, version: 1 }));
    const again = await failure(() => as("disdik", () => Task.accept({ id: t.id, version: 2 })));
    expect([again.kind, again.code]).toEqual(["conflict", "task.not_assigned"]);
  });

  it("three changes from the same version: exactly one wins, the others are 409s", async () => {
    const t = await assign("sekretaris", "gt.anggota.polres");

    const results = await Promise.allSettled([
      as("polres", () => Task.accept({ id: t.id, version: 1 })),
      as("polres", () => Task.complete({ id: t.id, note: "langsung", version: 1 })),
      as("sekretaris", () =>
        Task.reassign({
          id: t.id,
          office: "sgt-a.koordinator",
          reason: "Salah alamat",
          version: 1,
        }),
      ),
    ]);

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { kind: string }).kind)).toEqual(["conflict", "conflict"]);
    const stored = await as("sekretaris", () => Task.fromID({ id: t.id }));
    expect(stored.version).toBe(2);
  });

  it("a task past its due date shows as overdue until it is done", async () => {
    const t = await assign("sekretaris", "sgt-a.anggota.kemenag", { due: "2027-03-12" });
    setNow("2027-03-13T02:00:00Z");

    const late = await as("kemenag", () => Task.fromID({ id: t.id }));

    expect([late.overdue, late.status]).toEqual([true, "assigned"]);
  });
});

describe("reassigning", () => {
  it("moves the queue entry to the new office, starts it again as assigned, tells the new office", async () => {
    const t = await assign("sekretaris", "sgt-b.anggota.puskesmas");
    await as("puskesmas", () => Task.accept({ id: t.id, version: 1 }));
    setNow("2027-03-11T03:00:00Z");

    const moved = await as("sekretaris", () =>
      Task.reassign({
        id: t.id,
        office: "sgt-a.anggota.disdik",
        reason: "Urusan pendidikan",
        version: 2,
      }),
    );

    expect(moved).toMatchObject({
      status: "assigned",
      office: "sgt-a.anggota.disdik",
      unit: "sgt-a",
      since: "2027-03-11T03:00:00.000Z",
      version: 3,
      history: [
        {
          from: "sgt-b.anggota.puskesmas",
          to: "sgt-a.anggota.disdik",
          reason: "Urusan pendidikan",
          by: ids.sekretaris,
          byOffice: "gt.sekretaris",
        },
      ],
    });
    expect(moved.acceptedAt).toBeUndefined();
    expect((await queue("sgt-b.anggota.puskesmas")).map((q) => q.id)).not.toContain(t.id);
    expect(await queue("sgt-a.anggota.disdik")).toContainEqual({
      sk: `2027-03-11T03:00:00.000Z#task#${t.id}`,
      id: t.id,
      title: t.title,
      due: t.due,
    });
    // The new office is given the task; the office that had it is told it is no longer theirs.
    expect(hooks.announced.slice(-2)).toMatchObject([
      { id: `task:${t.id}:v3`, kind: "task-reassigned", offices: ["sgt-a.anggota.disdik"] },
      {
        id: `task:${t.id}:v3`,
        kind: "task-reassigned-away",
        offices: ["sgt-b.anggota.puskesmas"],
        data: { reason: "Urusan pendidikan" },
      },
    ]);
    const listed = await as("disdik", () =>
      Task.byOffice({ office: "sgt-a.anggota.disdik", status: "assigned" }),
    );
    expect(listed.items.map((i) => i.id)).toContain(t.id);
  });

  it("the assignee hands over within the unit, not outside it; a retry answers as the first time", async () => {
    const t = await assign("koorA", "sgt-a.anggota.disdik");
    const handover = {
      id: t.id,
      office: "sgt-a.anggota.kemenag",
      reason: "Lebih dekat dengan tugas Kemenag",
      version: 1,
    };

    const moved = await as("disdik", () => Task.reassign(handover));
    const retried = await as("disdik", () => Task.reassign(handover));

    expect(retried).toEqual(moved);
    expect(moved.history[0]?.byOffice).toBe("sgt-a.anggota.disdik");
    expect(hooks.announced.slice(-2).map((a) => a.id)).toEqual([
      `task:${t.id}:v2`,
      `task:${t.id}:v2`,
    ]);
    const before = await snapshot();
    const errors = {
      outside: await failure(() =>
        as("kemenag", () =>
          Task.reassign({
            id: t.id,
            office: "sgt-b.koordinator",
            reason: "Bukan urusan kami",
            version: 2,
          }),
        ),
      ),
      otherLeader: await failure(() =>
        as("koorB", () =>
          Task.reassign({
            id: t.id,
            office: "sgt-a.koordinator",
            reason: "Saya koordinator lain",
            version: 2,
          }),
        ),
      ),
      same: await failure(() =>
        as("kemenag", () =>
          Task.reassign({
            id: t.id,
            office: "sgt-a.anggota.kemenag",
            reason: "Tetap di sini saja",
            version: 2,
          }),
        ),
      ),
      unknown: await failure(() =>
        as("kemenag", () =>
          Task.reassign({
            id: t.id,
            office: "sgt-a.anggota.nobody",
            reason: "Kantor tidak ada",
            version: 2,
          }),
        ),
      ),
      shortReason: await failure(() =>
        as("kemenag", () =>
          Task.reassign({ id: t.id, office: "sgt-a.koordinator", reason: "x", version: 2 }),
        ),
      ),
    };
    expect(
      Object.fromEntries(
        Object.entries(errors).map(([k, e]) => [k, [e.kind, e.code, e.issues?.[0]?.path]]),
      ),
    ).toEqual({
      outside: ["forbidden", "task.outside_unit", undefined],
      otherLeader: ["forbidden", "task.not_assignee", undefined],
      same: ["input", "input.invalid", "office"],
      unknown: ["input", "input.invalid", "office"],
      shortReason: ["input", "input.invalid", "reason"],
    });
    expect(await snapshot()).toBe(before);
  });

  it("a finished task cannot be reassigned (409)", async () => {
    const t = await assign("sekretaris", "sgt-a.anggota.kemenag");
    await as("kemenag", () => Task.accept({ id: t.id, version: 1 }));
    await as("kemenag", () => Task.complete({ id: t.id, note: "Sudah", version: 2 }));

    const error = await failure(() =>
      as("sekretaris", () =>
        Task.reassign({ id: t.id, office: "sgt-a.koordinator", reason: "Coba lagi", version: 3 }),
      ),
    );

    expect([error.kind, error.code]).toEqual(["conflict", "task.closed"]);
  });
});

describe("cancelling", () => {
  it("only the secretariat cancels; the task leaves the queue and is closed afterwards", async () => {
    const t = await assign("koorB", "sgt-b.anggota.puskesmas");
    const before = await snapshot();

    const byCoordinator = await failure(() =>
      as("koorB", () => Task.cancel({ id: t.id, reason: "Tidak diperlukan lagi", version: 1 })),
    );
    expect([byCoordinator.kind, byCoordinator.code]).toEqual([
      "forbidden",
      "task.secretariat_only",
    ]);
    expect(await snapshot()).toBe(before);

    const cancelled = await as("ketuaHarian", () =>
      Task.cancel({ id: t.id, reason: "Tidak diperlukan lagi", version: 1 }),
    );

    expect([cancelled.status, cancelled.cancellation?.reason]).toEqual([
      "cancelled",
      "Tidak diperlukan lagi",
    ]);
    expect((await queue("sgt-b.anggota.puskesmas")).map((q) => q.id)).not.toContain(t.id);
    const accept = await failure(() =>
      as("puskesmas", () => Task.accept({ id: t.id, version: 2 })),
    );
    const cancelAgain = await failure(() =>
      as("sekretaris", () => Task.cancel({ id: t.id, reason: "Sekali lagi", version: 2 })),
    );
    expect([accept.code, cancelAgain.code]).toEqual(["task.not_assigned", "task.closed"]);
  });
});

describe("reading", () => {
  it("lists an office's tasks by status, a page at a time, for the office, its leaders and the secretariat", async () => {
    const office = "sgt-c.anggota.dinsos";
    const made = [];
    for (const due of ["2027-04-05", "2027-04-01", "2027-04-02"]) {
      made.push(await assign("koorC", office, { due }));
    }
    const first = made[0];
    if (!first) throw new Error("no task");
    // Nobody holds the office in the fixture; the secretariat accepts nothing, so move one on.
    await as("sekretaris", () =>
      Task.cancel({ id: first.id, reason: "Digabung dengan yang lain", version: 1 }),
    );

    const open = await as("koorC", () => Task.byOffice({ office, status: "assigned", limit: 1 }));
    const next = await as("koorC", () =>
      Task.byOffice({ office, status: "assigned", limit: 1, cursor: open.cursor }),
    );
    const all = await as("sekretaris", () => Task.byOffice({ office }));

    expect(open.items.map((i) => i.due)).toEqual(["2027-04-01"]);
    expect(next.items.map((i) => i.due)).toEqual(["2027-04-02"]);
    expect(all.items.map((i) => [i.status, i.due])).toEqual([
      ["assigned", "2027-04-01"],
      ["assigned", "2027-04-02"],
      ["cancelled", "2027-04-05"],
    ]);
    const outsider = await failure(() => as("disdik", () => Task.byOffice({ office })));
    const peek = await failure(() => as("puskesmas", () => Task.fromID({ id: first.id })));
    expect([outsider.code, peek.code]).toEqual(["task.not_visible", "task.not_visible"]);
    expect((await as("koorC", () => Task.fromID({ id: first.id }))).status).toBe("cancelled");
  });
});

describe("working days from the task force's settings", () => {
  it("a holiday entered in the settings moves the next task's due date at once, though working days are cached", async () => {
    // Arrange: 30 April 2027 is a Friday, a working day; this first task fills the cache
    const before = await assign("sekretaris", "sgt-b.anggota.puskesmas", { due: "2027-04-30" });
    const tf = await TaskForce.get(TENANT);

    // Act: the secretariat enters 2027's official list with that day on it
    await as("sekretaris", () =>
      TaskForce.updateSettings(TENANT, {
        settings: { officialHolidays: { "2027": [{ date: "2027-04-30", name: "Libur uji" }] } },
        version: tf?.version ?? 0,
      }),
    );
    const after = await assign("sekretaris", "sgt-b.anggota.puskesmas", { due: "2027-04-30" });

    // Assert
    expect([before.due, before.dueMovedFrom]).toEqual(["2027-04-30", undefined]);
    expect([after.due, after.dueMovedFrom]).toEqual(["2027-04-29", "2027-04-30"]);
  });
});
