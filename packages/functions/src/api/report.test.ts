import { Auth } from "@tenggat/core/auth";
import { Obligation } from "@tenggat/core/obligation";
import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { request, taskForce } from "@tenggat/local/fixture";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "./app.ts";

/**
 * The report workflow through HTTP, with real sessions: the Sambas organisation of L-I, people in
 * the offices a sub-task-force's semester report passes, and the instances the calendar computes
 * for August 2026.
 */

const TF = "uji-http";
const NOW = new Date("2026-08-04T02:00:00Z");
const app = createApp({ clock: () => NOW });
const OFFICES = {
  ketua: "gt.ketua",
  ketuaHarian: "gt.ketua-harian",
  sekretaris: "gt.sekretaris",
  koorA: "sgt-a.koordinator",
  anggotaA: "sgt-a.anggota.tp-pkk",
  koorB: "sgt-b.koordinator",
} as const;
type Who = keyof typeof OFFICES;
const tokens = {} as Record<Who, string>;
let machineKey = "";
let noScopeKey = "";

let stores: Embedded;
const logged = vi.spyOn(console, "error");
beforeAll(async () => {
  stores = await start();
  const fixture = await taskForce({
    tenant: TF,
    name: "Gugus Tugas (uji HTTP)",
    now: NOW,
    offices: OFFICES,
    setup: async () => {
      machineKey = (await Auth.createApiKey({ name: "provinsi", scopes: ["reports:read"] })).secret;
      noScopeKey = (await Auth.createApiKey({ name: "lain", scopes: ["reports:receive"] })).secret;
    },
    instances: {
      query: {
        from: "2026-08-01",
        to: "2026-08-31",
        obligations: ["semester-report", "subtask-meeting"],
      },
    },
  });
  Object.assign(tokens, fixture.tokens);
});
afterAll(async () => {
  await stores?.stop();
  // The spy ends with the file (files may share a process: test/scheduling.ts).
  logged.mockRestore();
});

/** Subjects of the mails the embedded SES accepted for `who`. */
async function mailTo(who: Who): Promise<string[]> {
  return (await sentMail(stores.sesUrl))
    .filter((m) => m.destination.to.some((t) => t.toLowerCase().includes(`${who.toLowerCase()}@`)))
    .map((m) => m.subject);
}

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field
  body: any;
}

function call(
  method: string,
  path: string,
  options: { as?: Who; key?: string; body?: unknown; raw?: string } = {},
): Promise<Reply> {
  const { as, ...rest } = options;
  return request(app, method, path, { ...rest, ...(as ? { token: tokens[as] } : {}) });
}

const SEMESTER_A = "semester-report:sgt-a:2026-S1";
const SEMESTER_B = "semester-report:sgt-b:2026-S1";

function content(row = "rad-2016-2020.A.2") {
  return {
    planning: "Rencana sosialisasi.",
    implementation: "Sosialisasi di 3 desa.",
    organisation: "Dua rapat koordinasi.",
    monitoring: "Pemantauan di 2 desa.",
    rad: [{ row, process: { target: 3, actual: 3 }, result: { actual: "terlaksana" } }],
    cases: { reported: 1, handled: 1 },
    narrative: "Ringkasan.",
  };
}

describe("reports through HTTP", () => {
  let id = "";

  it("creates a draft once (201, then 409 naming it) and refuses strangers", async () => {
    const nobody = await call("POST", "/v1/reports", { body: { instance: SEMESTER_A } });
    expect(nobody.status).toBe(401);
    const member = await call("POST", "/v1/reports", {
      as: "anggotaA",
      body: { instance: SEMESTER_A },
    });
    expect([member.status, member.body.error.code]).toEqual([403, "report.not_owner"]);
    const meeting = await call("POST", "/v1/reports", {
      as: "koorA",
      body: { instance: "subtask-meeting:sgt-a:w2026-08-01" },
    });
    expect([meeting.status, meeting.body.error.code]).toEqual([400, "report.not_a_report"]);

    const created = await call("POST", "/v1/reports", {
      as: "koorA",
      body: { instance: SEMESTER_A, content: content() },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", version: 1, unit: "sgt-a" });
    id = created.body.id;
    const again = await call("POST", "/v1/reports", {
      as: "koorA",
      body: { instance: SEMESTER_A },
    });
    expect([again.status, again.body.error.code]).toEqual([409, "report.exists"]);
    expect(again.body.error.issues[0].message).toContain(id);
  });

  it("answers bad input with 400 and field paths, and changes nothing", async () => {
    const before = await call("GET", `/v1/reports/${id}`, { as: "koorA" });
    const cases = [
      {
        body: { version: 1, content: { ...content(), victimName: "X" } },
        paths: ["content.victimName"],
        code: "input.invalid",
      },
      {
        body: { version: 1, content: { ...content(), cases: { reported: -1, handled: "2" } } },
        paths: ["content.cases.handled", "content.cases.reported"],
        code: "input.invalid",
      },
      {
        body: { version: 1, content: { ...content(), narrative: "NIK 6101 0145 0899 0001" } },
        paths: ["content.narrative"],
        code: "privacy.identity_number",
      },
      {
        body: { version: 1, content: content("rad-2016-2020.B.1") },
        paths: ["content.rad.0.row"],
        code: "report.rad_row",
      },
      { body: { content: content() }, paths: ["version"], code: "input.invalid" },
      {
        body: { version: 1, content: content(), extra: 1 },
        paths: ["extra"],
        code: "input.invalid",
      },
    ];
    for (const c of cases) {
      const reply = await call("PUT", `/v1/reports/${id}`, { as: "koorA", body: c.body });
      expect(reply.status, JSON.stringify(c.body).slice(0, 80)).toBe(400);
      expect(reply.body.error.code).toBe(c.code);
      expect(reply.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(c.paths);
    }
    const malformed = await call("PUT", `/v1/reports/${id}`, { as: "koorA", raw: "{not json" });
    expect(malformed.status).toBe(400);
    const badQuery = await call("GET", "/v1/reports?unit=nowhere", { as: "koorA" });
    expect([badQuery.status, badQuery.body.error.issues[0].path]).toEqual([400, "unit"]);
    const badCursor = await call("GET", "/v1/reports?unit=sgt-a&cursor=abc", { as: "koorA" });
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, "cursor.invalid"]);
    const after = await call("GET", `/v1/reports/${id}`, { as: "koorA" });
    expect(after.body).toEqual(before.body);
  });

  it("takes the report along its route; the queue shows who must act", async () => {
    const submitted = await call("POST", `/v1/reports/${id}/submit`, {
      as: "koorA",
      body: { version: 1 },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.waitingFor).toEqual({ office: "gt.ketua-harian", action: "review" });
    const queue = await call("GET", "/v1/queue", { as: "ketuaHarian" });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        entity: "report",
        id,
        office: "gt.ketua-harian",
        action: "review",
      }),
    ]);
    const early = await call("POST", `/v1/reports/${id}/approve`, {
      as: "ketua",
      body: { version: submitted.body.version },
    });
    expect([early.status, early.body.error.code]).toEqual([403, "report.not_your_turn"]);

    // Two approvals at once by the Ketua Harian (a double submit; the Sekretaris stands in at
    // meetings only, Pasal 9(2)c): one wins.
    const [first, second] = await Promise.all([
      call("POST", `/v1/reports/${id}/approve`, {
        as: "ketuaHarian",
        body: { version: submitted.body.version },
      }),
      call("POST", `/v1/reports/${id}/approve`, {
        as: "ketuaHarian",
        body: { version: submitted.body.version },
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const won = first.status === 200 ? first : second;
    expect(won.body.approvals).toHaveLength(1);
    const satisfied = await Obligation.require(TF, SEMESTER_A);
    expect(satisfied.satisfiedBy).toEqual({ kind: "report", id, on: "2026-08-04" });

    const twice = await call("POST", `/v1/reports/${id}/approve`, {
      as: "ketuaHarian",
      body: { version: won.body.version },
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, "report.not_submitted"]);
    const stale = await call("POST", `/v1/reports/${id}/forward`, {
      as: "ketuaHarian",
      body: { version: won.body.version - 1 },
    });
    expect([stale.status, stale.body.error.code]).toEqual([409, "version.stale"]);

    const forwarded = await call("POST", `/v1/reports/${id}/forward`, {
      as: "ketuaHarian",
      body: { version: won.body.version },
    });
    expect(forwarded.body).toMatchObject({ status: "forwarded", step: 1 });
    expect((await call("GET", "/v1/queue", { as: "ketuaHarian" })).body.items).toEqual([]);
    expect((await call("GET", "/v1/queue", { as: "ketua" })).body.items).toHaveLength(1);

    // The upstream machine sees approved and forwarded reports; the public does not yet.
    const upstream = await call("GET", "/v1/reports?status=forwarded", { key: machineKey });
    expect(upstream.status).toBe(200);
    expect(upstream.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(upstream.body.items[0].approvals[0].by).toBeUndefined();
    const wrongScope = await call("GET", "/v1/reports?status=forwarded", { key: noScopeKey });
    expect(wrongScope.status).toBe(403);
    expect((await call("GET", `/v1/public/${TF}/reports/${id}`)).status).toBe(404);

    const approved = await call("POST", `/v1/reports/${id}/approve`, {
      as: "ketua",
      body: { version: forwarded.body.version, note: "Setuju." },
    });
    expect(approved.body.waitingFor).toEqual({ office: "gt.ketua", action: "publish" });
    const preview = await call("GET", `/v1/reports/${id}/publication-preview`, { as: "ketua" });
    expect(preview.status).toBe(200);
    const published = await call("POST", `/v1/reports/${id}/publish`, {
      as: "ketua",
      body: { version: approved.body.version, confirmPreview: preview.body.confirmPreview },
    });
    expect(published.body.status).toBe("published");

    const list = await call("GET", `/v1/public/${TF}/reports`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(list.body.items[0].approvals.map((a: { office: string }) => a.office)).toEqual([
      "gt.ketua-harian",
      "gt.ketua",
    ]);
    expect((await call("GET", `/v1/public/${TF}/reports/${id}`)).status).toBe(200);
    expect((await call("GET", "/v1/public/nowhere/reports")).status).toBe(404);

    const history = await call("GET", `/v1/reports/${id}/history`, { as: "anggotaA" });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      "report.created",
      "report.submitted",
      "report.approved",
      "report.forwarded",
      "report.approved",
      "report.published",
    ]);
  });

  it("keeps other units' drafts from people outside them", async () => {
    const b = await call("POST", "/v1/reports", {
      as: "koorB",
      body: { instance: SEMESTER_B, content: content("rad-2016-2020.B.1") },
    });
    expect(b.status).toBe(201);
    const read = await call("GET", `/v1/reports/${b.body.id}`, { as: "koorA" });
    expect([read.status, read.body.error.code]).toEqual([403, "report.not_yours"]);
    expect((await call("GET", `/v1/reports/${b.body.id}`, { key: machineKey })).status).toBe(404);
    expect((await call("GET", "/v1/reports/rpt_nothing", { as: "koorB" })).status).toBe(404);
    const listed = await call("GET", "/v1/reports?unit=sgt-b", { as: "koorA" });
    expect(listed.body.items).toEqual([]);
    const own = await call("GET", `/v1/reports?instance=${SEMESTER_B}`, { as: "koorB" });
    expect(own.body.items.map((r: { id: string }) => r.id)).toEqual([b.body.id]);
  });

  it("mails each change to the offices that must hear of it", async () => {
    const b = (await call("GET", `/v1/reports?instance=${SEMESTER_B}`, { as: "koorB" })).body
      .items[0];
    const before = (await mailTo("koorB")).length;
    const submitted = await call("POST", `/v1/reports/${b.id}/submit`, {
      as: "koorB",
      body: { version: b.version },
    });
    expect(submitted.status).toBe(200);
    const returned = await call("POST", `/v1/reports/${b.id}/return`, {
      as: "ketuaHarian",
      body: { version: submitted.body.version, comments: "Lengkapi data baris B.1." },
    });
    expect(returned.body.status).toBe("returned");
    const mails = await sentMail(stores.sesUrl);
    const toKoorB = mails.filter((m) => m.destination.to.some((t) => t.includes("koorb@")));
    expect(toKoorB.length).toBe(before + 1);
    expect(toKoorB.at(-1)?.body.text).toContain("Lengkapi data baris B.1.");
    // The earlier steps of report A reached the Ketua Harian, the Ketua and the coordinator.
    expect((await mailTo("ketuaHarian")).length).toBeGreaterThanOrEqual(2);
    expect((await mailTo("ketua")).length).toBeGreaterThanOrEqual(1);
    expect((await mailTo("koorA")).length).toBeGreaterThanOrEqual(3);
    // Nothing failed on the way to the mail layer.
    expect(logged.mock.calls.flat().join(" ")).not.toContain("announcement not delivered");
  });

  it("documents every report route in the OpenAPI document", async () => {
    const doc = await call("GET", "/openapi.json");
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/v1/reports",
        "/v1/reports/compile",
        "/v1/reports/{id}",
        "/v1/reports/{id}/approve",
        "/v1/queue",
        "/v1/public/{taskForce}/reports",
      ]),
    );
  });
});
