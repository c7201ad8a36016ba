import { Actor } from "@tenggat/core/actor";
import { Audit } from "@tenggat/core/audit";
import { type Embedded, start } from "@tenggat/local/embedded";
import { request, taskForce } from "@tenggat/local/fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Finding 3 of issue 11: an audit event inherits the read rule of its entity. Events of a
 * special meeting reach those who may not read its case without what they said (a special
 * meeting's title is its case), events of a report or task the reader may not read not at all.
 */

const TF = "uji-jejak";
const NOW = new Date("2027-03-10T02:00:00Z");
const OFFICES = {
  ketua: "gt.ketua",
  sekretaris: "gt.sekretaris",
  koorA: "sgt-a.koordinator",
  koorB: "sgt-b.koordinator",
} as const;
const tokens = {} as Record<keyof typeof OFFICES, string>;
let stores: Embedded;
let app: Awaited<ReturnType<typeof makeApp>>;
const ids = { special: "", task: "" };

async function makeApp() {
  const { createApp } = await import("@tenggat/functions/api/app");
  return createApp({ clock: () => NOW });
}
const call = (method: string, path: string, who: keyof typeof OFFICES, body?: unknown) =>
  request(app, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });

/** The trail of an entity as `offices` would read it (the audit route is the secretariat's). */
const trailAs = (offices: string[], entity: string, id: string) =>
  Actor.provide(
    { type: "person", tenant: TF, personId: "per_x", name: "x", offices },
    () => Audit.ofEntity(TF, entity, id),
    () => NOW,
  );

beforeAll(async () => {
  stores = await start();
  app = await makeApp();
  Object.assign(tokens, (await taskForce({ tenant: TF, now: NOW, offices: OFFICES })).tokens);
  const special = await call("POST", "/v1/meetings", "ketua", {
    kind: "special",
    title: "Kasus Desa Sebubus",
    date: "2027-03-12",
    start: "13:00",
    end: "15:00",
    location: "Kantor Bupati Sambas",
  });
  const task = await call("POST", "/v1/tasks", "koorA", {
    title: "Data kasus sgt-a",
    office: "sgt-a.koordinator",
    due: "2027-04-30",
  });
  expect([special.status, task.status]).toEqual([201, 201]);
  ids.special = special.body.id;
  ids.task = task.body.id;
});
afterAll(async () => {
  await stores?.stop();
});

describe("audit events inherit their entity's read rule", () => {
  it("the secretariat reads a special meeting's trail in full, through HTTP", async () => {
    const trail = await call("GET", `/v1/audit?entity=meeting&id=${ids.special}`, "sekretaris");
    expect(trail.status).toBe(200);
    expect(trail.body.items[0].after.title).toBe("Kasus Desa Sebubus");
    expect(trail.body.items[0].redacted).toBeUndefined();
  });

  it("someone not invited sees that it changed, not what it said", async () => {
    const outsider = await trailAs(["satgas-desa-baru.kepala-desa"], "meeting", ids.special);
    expect(outsider.items).toHaveLength(1);
    expect(outsider.items[0]).toMatchObject({ action: "meeting.scheduled", redacted: true });
    expect(JSON.stringify(outsider.items)).not.toContain("Sebubus");
    const invitee = await trailAs(["sgt-b.koordinator"], "meeting", ids.special);
    expect(invitee.items[0]?.after?.title).toBe("Kasus Desa Sebubus");
  });

  it("events of a task the reader may not read are left out", async () => {
    expect((await trailAs(["sgt-a.koordinator"], "task", ids.task)).items).toHaveLength(1);
    expect((await trailAs(["sgt-b.koordinator"], "task", ids.task)).items).toEqual([]);
  });
});
