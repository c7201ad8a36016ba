import { Audit } from "@tenggat/core/audit";
import { Auth } from "@tenggat/core/auth";
import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { request, taskForce } from "@tenggat/local/fixture";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "./app.ts";

/** Tasks through HTTP with real sessions, on the Sambas organisation of L-I. */

const TF = "uji-tugas";
const NOW = new Date("2027-03-10T02:00:00Z");
const app = createApp({ clock: () => NOW });
const OFFICES = {
  sekretaris: "gt.sekretaris",
  koorA: "sgt-a.koordinator",
  pkk: "sgt-a.anggota.tp-pkk",
  gow: "sgt-a.anggota.gow",
  koorB: "sgt-b.koordinator",
  puskesmas: "sgt-b.anggota.puskesmas",
} as const;
type Who = keyof typeof OFFICES;
const tokens = {} as Record<Who, string>;
let machineKey = "";
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Body = any;

let stores: Embedded;
const logged = vi.spyOn(console, "error");

beforeAll(async () => {
  stores = await start();
  const fixture = await taskForce({
    tenant: TF,
    name: "Gugus Tugas (uji tugas)",
    now: NOW,
    offices: OFFICES,
    setup: async () => {
      machineKey = (await Auth.createApiKey({ name: "provinsi", scopes: ["reports:read"] })).secret;
    },
  });
  Object.assign(tokens, fixture.tokens);
});
afterAll(async () => {
  await stores?.stop();
  // The spy ends with the file (files may share a process: test/scheduling.ts).
  logged.mockRestore();
});

function call(
  method: string,
  path: string,
  who?: Who | { key: string },
  body?: unknown,
  raw?: string,
) {
  return request(app, method, path, {
    ...(typeof who === "string" ? { token: tokens[who] } : who ? { key: who.key } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(raw !== undefined ? { raw } : {}),
  });
}

const newTask = (office: string, over: Record<string, unknown> = {}) => ({
  title: "Data sosialisasi per kecamatan",
  office,
  due: "2027-04-30",
  ...over,
});

describe("tasks over HTTP", () => {
  it("needs a signed-in person: 401 for the public, 403 for a machine", async () => {
    const results = await Promise.all([
      call("POST", "/v1/tasks", undefined, newTask(OFFICES.pkk)),
      call("GET", `/v1/tasks?office=${OFFICES.pkk}`),
      call("GET", "/v1/tasks/tsk_x"),
      call("GET", `/v1/tasks?office=${OFFICES.pkk}`, { key: machineKey }),
    ]);

    expect(results.map((r) => [r.status, r.body.error.code])).toEqual([
      [401, "auth.required"],
      [401, "auth.required"],
      [401, "auth.required"],
      [403, "auth.person_only"],
    ]);
  });

  it("assign, list, accept, complete; the office is told by mail", async () => {
    const made = await call("POST", "/v1/tasks", "koorA", newTask(OFFICES.pkk));
    const id = made.body.id as string;
    const queued = await call("GET", `/v1/tasks?office=${OFFICES.pkk}&status=assigned`, "pkk");
    const accepted = await call("POST", `/v1/tasks/${id}/accept`, "pkk", { version: 1 });
    const done = await call("POST", `/v1/tasks/${id}/complete`, "pkk", {
      note: "Data 19 kecamatan terkumpul",
      version: 2,
    });
    const again = await call("POST", `/v1/tasks/${id}/complete`, "pkk", {
      note: "Data 19 kecamatan terkumpul lagi",
      version: 3,
    });
    const read = await call("GET", `/v1/tasks/${id}`, "koorA");

    expect([made.status, made.body.status, made.body.assignedBy]).toEqual([
      201,
      "assigned",
      "sgt-a.koordinator",
    ]);
    expect(queued.body.items.map((t: Body) => t.id)).toContain(id);
    expect([accepted.status, accepted.body.status]).toEqual([200, "accepted"]);
    expect([done.status, done.body.status, done.body.completion.note]).toEqual([
      200,
      "done",
      "Data 19 kecamatan terkumpul",
    ]);
    expect([again.status, again.body.error.code]).toEqual([409, "task.not_accepted"]);
    expect([read.status, read.body.status, read.body.overdue]).toEqual([200, "done", false]);
    const trail = await Audit.ofEntity(TF, "task", id);
    expect(trail.items.map((e) => e.action)).toEqual([
      "task.assigned",
      "task.accepted",
      "task.completed",
    ]);
    const mails = await sentMail(stores.sesUrl);
    const toPkk = mails.filter((m) => m.destination.to.some((t) => t.includes("pkk@uji.example")));
    expect(toPkk.map((m) => m.subject)).toContainEqual(
      expect.stringContaining("Data sosialisasi per kecamatan"),
    );
  });

  it("reassign within the unit by the assignee; outside it only by the secretariat", async () => {
    const made = await call("POST", "/v1/tasks", "sekretaris", newTask(OFFICES.pkk));
    const id = made.body.id as string;

    const handedOver = await call("POST", `/v1/tasks/${id}/reassign`, "pkk", {
      office: OFFICES.gow,
      reason: "GOW lebih dekat dengan kegiatan ini",
      version: 1,
    });
    const outside = await call("POST", `/v1/tasks/${id}/reassign`, "gow", {
      office: OFFICES.puskesmas,
      reason: "Ini urusan kesehatan",
      version: 2,
    });
    const bySecretariat = await call("POST", `/v1/tasks/${id}/reassign`, "sekretaris", {
      office: OFFICES.puskesmas,
      reason: "Ini urusan kesehatan",
      version: 2,
    });
    const oldQueue = await call("GET", `/v1/tasks?office=${OFFICES.gow}&status=assigned`, "gow");
    const newQueue = await call(
      "GET",
      `/v1/tasks?office=${OFFICES.puskesmas}&status=assigned`,
      "koorB",
    );

    expect([handedOver.status, handedOver.body.office]).toEqual([200, OFFICES.gow]);
    expect([outside.status, outside.body.error.code]).toEqual([403, "task.outside_unit"]);
    expect([bySecretariat.status, bySecretariat.body.office, bySecretariat.body.unit]).toEqual([
      200,
      OFFICES.puskesmas,
      "sgt-b",
    ]);
    expect(bySecretariat.body.history.map((h: Body) => h.to)).toEqual([
      OFFICES.gow,
      OFFICES.puskesmas,
    ]);
    expect(oldQueue.body.items.map((t: Body) => t.id)).not.toContain(id);
    expect(newQueue.body.items.map((t: Body) => t.id)).toContain(id);
  });

  it("bad input is a 400 naming the field, never a 500, and stores nothing", async () => {
    const made = await call("POST", "/v1/tasks", "sekretaris", newTask(OFFICES.gow));
    const id = made.body.id as string;
    const before = await call("GET", `/v1/tasks?office=${OFFICES.gow}`, "sekretaris");
    logged.mockClear();

    const cases: [Promise<{ status: number; body: Body }>, string][] = [
      [call("POST", "/v1/tasks", "sekretaris", newTask("sgt-a.anggota.nobody")), "office"],
      [call("POST", "/v1/tasks", "sekretaris", newTask("sgt a")), "office"],
      [call("POST", "/v1/tasks", "sekretaris", newTask(OFFICES.gow, { due: "2027-03-01" })), "due"],
      [call("POST", "/v1/tasks", "sekretaris", newTask(OFFICES.gow, { title: "" })), "title"],
      [call("POST", "/v1/tasks", "sekretaris", undefined, "[1,"), "(body)"],
      [call("GET", `/v1/tasks?office=${OFFICES.gow}&status=lost`, "sekretaris"), "status"],
      [call("GET", "/v1/tasks", "sekretaris"), "office"],
      [call("POST", `/v1/tasks/${id}/accept`, "gow", {}), "version"],
      [call("POST", `/v1/tasks/${id}/accept`, "gow", { version: 0 }), "version"],
      [
        call("POST", `/v1/tasks/${id}/reassign`, "sekretaris", {
          office: OFFICES.gow,
          reason: "Tetap di GOW",
          version: 1,
        }),
        "office",
      ],
      [
        call("GET", `/v1/tasks?office=${OFFICES.gow}&cursor=bm90LWEtY3Vyc29y`, "sekretaris"),
        "cursor",
      ],
    ];
    const results = await Promise.all(cases.map(([p]) => p));

    expect(
      results.map((r, i) => [cases[i]?.[1], r.status, r.body.error?.issues?.[0]?.path ?? "(body)"]),
    ).toEqual(cases.map(([, path]) => [path, 400, path]));
    expect(logged).not.toHaveBeenCalled();
    expect(await call("GET", `/v1/tasks?office=${OFFICES.gow}`, "sekretaris")).toEqual(before);
  });

  it("403 for another unit's coordinator, 404 for an unknown task, one of two accepts wins", async () => {
    const made = await call("POST", "/v1/tasks", "koorB", newTask(OFFICES.puskesmas));
    const id = made.body.id as string;

    const foreignAssign = await call("POST", "/v1/tasks", "koorA", newTask(OFFICES.puskesmas));
    const foreignList = await call("GET", `/v1/tasks?office=${OFFICES.puskesmas}`, "koorA");
    const foreignCancel = await call("POST", `/v1/tasks/${id}/cancel`, "koorB", {
      reason: "Tidak perlu lagi",
      version: 1,
    });
    const missing = await call("POST", "/v1/tasks/tsk_nope/accept", "puskesmas", { version: 1 });
    const accepts = await Promise.all([
      call("POST", `/v1/tasks/${id}/accept`, "puskesmas", { version: 1 }),
      call("POST", `/v1/tasks/${id}/accept`, "puskesmas", { version: 1 }),
    ]);

    expect(
      [foreignAssign, foreignList, foreignCancel, missing].map((r) => [
        r.status,
        r.body.error.code,
      ]),
    ).toEqual([
      [403, "task.not_your_unit"],
      [403, "task.not_visible"],
      [403, "task.secretariat_only"],
      [404, "task.not_found"],
    ]);
    // The same request twice: the second is either a retry answered as the first (200) or, when
    // both read version 1 at once, the loser of the conditional write (409).
    const statuses = accepts.map((r) => r.status).sort();
    expect([
      [200, 200],
      [200, 409],
    ]).toContainEqual(statuses);
    const stored = await call("GET", `/v1/tasks/${id}`, "puskesmas");
    expect([stored.body.status, stored.body.version]).toEqual(["accepted", 2]);
  });
});
