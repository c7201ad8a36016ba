import type { Actor } from "@tenggat/core/actor";
import { Policy } from "@tenggat/core/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

/**
 * Separation of duties (hardening issue, item 10), through HTTP on the seeded Sambas task force:
 * one person acts at most once on one report's route and never approves what they wrote; a
 * leadership office or an acting holder (Plt.) is assigned by a recorded decision, never to
 * oneself; the Sekretaris stands in for the Ketua Harian at meetings only (Pasal 9(2)c).
 */
describe("separation of duties", () => {
  let w: World;
  let now = new Date("2027-01-20T01:00:00Z");
  const decision = {
    number: "188.45/12/KESRA/2027",
    date: "2027-02-01",
    by: "Ketua Gugus Tugas",
    proposedBy: "Ketua Harian",
  };
  const content = {
    planning: "Rencana sosialisasi di 5 kecamatan rawan.",
    implementation: "Sosialisasi dilaksanakan di 3 dari 5 kecamatan.",
    organisation: "Rapat koordinasi sub gugus tugas diadakan dua kali.",
    monitoring: "Pemantauan oleh koordinator pada bulan Desember.",
    rad: [],
    cases: { reported: 0, handled: 0, victimsAssisted: 0 },
    narrative: "Ringkasan kegiatan semester II 2026.",
  };
  let tokens: Record<"sekretaris" | "ketuaHarian" | "ketua" | "koorA", string>;
  let ids: Record<"sekretaris" | "ketuaHarian", string>;

  beforeAll(async () => {
    w = await world({ clock: () => now, trackFrom: "2027-01-04" });
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(now); // materialises the February reports
    now = new Date("2027-02-08T02:00:00Z");
    tokens = {
      sekretaris: await w.signIn("gt.sekretaris@sambas.example"),
      ketuaHarian: await w.signIn("gt.ketua-harian@sambas.example"),
      ketua: await w.signIn("gt.ketua@sambas.example"),
      koorA: await w.signIn("sgt-a.koordinator@sambas.example"),
    };
    const me = async (token: string) =>
      (await w.call("GET", "/v1/me", { token })).body.person.id as string;
    ids = { sekretaris: await me(tokens.sekretaris), ketuaHarian: await me(tokens.ketuaHarian) };
  }, 300_000);
  afterAll(async () => {
    await w.stop();
  });

  async function submitted(instance: string, author: string) {
    const created = await w.call("POST", "/v1/reports", {
      token: author,
      body: { instance, content },
    });
    expect(created.status).toBe(201);
    const sent = await w.call("POST", `/v1/reports/${created.body.id}/submit`, {
      token: author,
      body: { version: created.body.version },
    });
    expect(sent.status).toBe(200);
    return sent.body as { id: string; version: number };
  }

  it("the Sekretaris cannot review, approve or forward for the Ketua Harian", async () => {
    const report = await submitted("semester-report:sgt-a:2026-S2", tokens.koorA);
    for (const action of ["approve", "return"]) {
      const tried = await w.call("POST", `/v1/reports/${report.id}/${action}`, {
        token: tokens.sekretaris,
        body: { version: report.version, ...(action === "return" ? { comments: "x" } : {}) },
      });
      expect(tried.status).toBe(403);
      expect(tried.body.error.code).toBe("report.not_your_turn");
    }
    const queue = await w.call("GET", "/v1/queue", { token: tokens.sekretaris });
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(report.id);
    // The Ketua Harian can.
    const approved = await w.call("POST", `/v1/reports/${report.id}/approve`, {
      token: tokens.ketuaHarian,
      body: { version: report.version },
    });
    expect(approved.status).toBe(200);
  });

  it("nobody appoints themself acting (Plt.) Ketua; a leadership assignment records its decision", async () => {
    const self = await w.call("POST", "/v1/assignments", {
      token: tokens.sekretaris,
      body: {
        office: "gt.ketua",
        personId: ids.sekretaris,
        start: "2027-02-08",
        acting: true,
        decision,
      },
    });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe("assignment.self");

    const undecided = await w.call("POST", "/v1/assignments", {
      token: tokens.sekretaris,
      body: { office: "gt.ketua", personId: ids.ketuaHarian, start: "2027-02-08", acting: true },
    });
    expect(undecided.status).toBe(400);
    expect(undecided.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["decision"]);

    const plainLeader = await w.call("POST", "/v1/assignments", {
      token: tokens.ketuaHarian,
      body: { office: "gt.penasehat", personId: ids.sekretaris, start: "2027-02-08" },
    });
    expect(plainLeader.status).toBe(400);

    const appointed = await w.call("POST", "/v1/assignments", {
      token: tokens.sekretaris,
      body: {
        office: "gt.ketua",
        personId: ids.ketuaHarian,
        start: "2027-02-08",
        acting: true,
        decision,
      },
    });
    expect(appointed.status).toBe(201);
    expect(appointed.body.decision).toEqual(decision);
    const me = await w.call("GET", "/v1/me", { token: tokens.ketuaHarian });
    expect(me.body.offices).toEqual(["gt.ketua", "gt.ketua-harian"]);
  });

  it("one person approves at most once on a report's route, even holding two of its offices", async () => {
    const list = await w.call("GET", "/v1/reports?instance=semester-report:sgt-a:2026-S2", {
      token: tokens.ketuaHarian,
    });
    const report = list.body.items[0] as { id: string; version: number; status: string };
    expect(report.status).toBe("approved");
    const forwarded = await w.call("POST", `/v1/reports/${report.id}/forward`, {
      token: tokens.ketuaHarian,
      body: { version: report.version },
    });
    expect(forwarded.status).toBe(200);
    // Now Plt. Ketua too: approving again at the Ketua's step is refused.
    const twice = await w.call("POST", `/v1/reports/${report.id}/approve`, {
      token: tokens.ketuaHarian,
      body: { version: forwarded.body.version },
    });
    expect(twice.status).toBe(403);
    expect(twice.body.error.code).toBe("report.acted_already");
    const byKetua = await w.call("POST", `/v1/reports/${report.id}/approve`, {
      token: tokens.ketua,
      body: { version: forwarded.body.version },
    });
    expect(byKetua.status).toBe(200);
    expect(byKetua.body.approvals.map((a: { office: string }) => a.office)).toEqual([
      "gt.ketua-harian",
      "gt.ketua",
    ]);
  });

  it("nobody approves a report they wrote", async () => {
    // The Ketua Harian is made acting coordinator of sub-task-force B, writes its report…
    const acting = await w.call("POST", "/v1/assignments", {
      token: tokens.sekretaris,
      body: {
        office: "sgt-b.koordinator",
        personId: ids.ketuaHarian,
        start: "2027-02-08",
        acting: true,
        decision,
      },
    });
    expect(acting.status).toBe(201);
    const report = await submitted("semester-report:sgt-b:2026-S2", tokens.ketuaHarian);
    // …and cannot approve it at the Ketua Harian's step.
    const own = await w.call("POST", `/v1/reports/${report.id}/approve`, {
      token: tokens.ketuaHarian,
      body: { version: report.version },
    });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("report.own_report");
    const history = await w.call("GET", `/v1/reports/${report.id}/history`, {
      token: tokens.sekretaris,
    });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      "report.created",
      "report.submitted",
    ]);
  });

  it("the Sekretaris stands in for the Ketua Harian at meetings only", () => {
    const sekretaris: Actor.Actor = {
      type: "person",
      tenant: "sambas",
      personId: "p1",
      name: "S",
      offices: ["gt.sekretaris"],
    };
    const plt: Actor.Actor = { ...sekretaris, offices: ["gt.ketua-harian", "gt.sekretaris"] };
    expect(Policy.standsInAtMeeting("gt.ketua-harian", sekretaris)).toBe(true);
    expect(Policy.actsAs("gt.ketua-harian", sekretaris)).toBe(false);
    expect(Policy.standsInAtMeeting("gt.ketua", sekretaris)).toBe(false);
    // Through an explicit Plt. assignment (an office held) it acts everywhere.
    expect(Policy.actsAs("gt.ketua-harian", plt)).toBe(true);
  });
});
