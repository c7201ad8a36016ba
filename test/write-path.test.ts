/**
 * The write path of a create (lean-Lambdas issue, item 4): `POST /v1/tasks` is its item and its
 * intent — at most 4 DynamoDB requests in the steady state and no SES call — and the mail goes
 * out from the outbox (here the sweep); the organisation comes from a per-process
 * copy checked against a version stamp at most every 60 s.
 */
import { Actor } from "@tenggat/core/actor";
import { Audit } from "@tenggat/core/audit";
import { Directory } from "@tenggat/core/directory";
import { Dynamo, Key } from "@tenggat/core/dynamo";
import { Outbox } from "@tenggat/core/outbox";
import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { request, taskForce } from "@tenggat/local/fixture";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../packages/functions/src/api/app.ts";

const TF = "uji-tulis";
const NOW = new Date("2026-08-04T02:00:00Z");
const OFFICES = { sekretaris: "gt.sekretaris", koorA: "sgt-a.koordinator" } as const;
const tokens = {} as Record<keyof typeof OFFICES, string>;
let stores: Embedded;

beforeAll(async () => {
  stores = await start();
  Object.assign(tokens, (await taskForce({ tenant: TF, now: NOW, offices: OFFICES })).tokens);
});
afterAll(async () => {
  await stores?.stop();
});
afterEach(() => {
  vi.useRealTimers();
});

const assign = (app: ReturnType<typeof createApp>, title: string) =>
  request(app, "POST", "/v1/tasks", {
    token: tokens.sekretaris,
    body: { title, office: "sgt-a.koordinator", due: "2026-09-30" },
  });

const mailsAbout = async (title: string) =>
  (await sentMail(stores.sesUrl)).filter((m) => m.subject.includes(title));

describe("POST /v1/tasks with the outbox off the request path (outbox: sweep)", () => {
  const app = createApp({ clock: () => NOW, outbox: "sweep" });

  it("takes at most 4 DynamoDB requests and no mail; the sweep then audits and mails it once", async () => {
    await assign(app, "Tugas pemanasan"); // the first request of a process reads the organisation
    const before = Dynamo.requestCounts();
    const created = await assign(app, "Tugas jalur tulis");
    const after = Dynamo.requestCounts();
    const requests = Object.keys(after).reduce(
      (n, command) => n + (after[command] ?? 0) - (before[command] ?? 0),
      0,
    );
    const mailedAtOnce = await mailsAbout("Tugas jalur tulis");
    const trailAtOnce = await Audit.ofEntity(TF, "task", created.body.id);

    const swept = await Actor.provide(
      { type: "system", tenant: TF, job: "test" },
      () => Outbox.sweep(TF),
      () => NOW,
    );

    expect(created.status).toBe(201);
    expect(requests).toBeLessThanOrEqual(4);
    expect(mailedAtOnce).toEqual([]);
    expect(trailAtOnce.items).toEqual([]);
    expect(swept.completed).toBe(2);
    expect(await mailsAbout("Tugas jalur tulis")).toHaveLength(1);
    const trail = await Audit.ofEntity(TF, "task", created.body.id);
    expect(trail.items.map((e) => e.action)).toEqual(["task.assigned"]);
  });
});

describe("the organisation copy", () => {
  it("is dropped at once in the process that changes the organisation", async () => {
    const added = await Actor.provide({ type: "system", tenant: TF, job: "test" }, () =>
      Directory.addVillage({ name: "Sebubus", kecamatan: "satgas-kec-paloh" }),
    );

    const found = await Directory.office(TF, added.office.code);

    expect(found?.code).toBe(added.office.code);
  });

  it("elsewhere, a changed title is seen within 60 s: the version stamp is checked then", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // Past any earlier copy's lifetime: the copy read now is checked at `start`.
    const start = Date.now() + 2 * Directory.ORG_CACHE_MS;
    vi.setSystemTime(start);
    const first = await Directory.office(TF, "sgt-a.koordinator");
    // Another process renames the office and bumps the stamp (as Directory does for its changes).
    const k = Key.office(TF, "sgt-a.koordinator");
    await Dynamo.put({ ...k, type: "office", v: 1, ...first, title: "Koordinator (baru)" });
    const stamp = Key.orgVersion(TF);
    await Dynamo.update({ ...stamp, expression: "ADD version :one", values: { ":one": 1 } });

    vi.setSystemTime(start + Directory.ORG_CACHE_MS - 1_000);
    const within = await Directory.office(TF, "sgt-a.koordinator");
    vi.setSystemTime(start + Directory.ORG_CACHE_MS + 1_000);
    const after = await Directory.office(TF, "sgt-a.koordinator");

    expect(first?.title).not.toBe("Koordinator (baru)");
    expect(within?.title).toBe(first?.title);
    expect(after?.title).toBe("Koordinator (baru)");
  });
});
