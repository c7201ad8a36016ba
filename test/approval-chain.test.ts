import { clearMail } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

/**
 * A whole approval chain through HTTP, as the people would do it: each signs in through the link
 * in their mail; the coordinator of sub-task-force A drafts and submits the semester report; the
 * secretariat (reviewing for the Ketua Harian, Pasal 9(2)c) returns it with comments; the
 * coordinator corrects and resubmits; it is approved, forwarded to the Ketua, approved by the
 * Ketua — of two approvals sent at once exactly one wins — and published.
 */
describe("a semester report's whole chain, through HTTP", () => {
  let w: World;
  let now = new Date("2027-01-20T01:00:00Z");
  const INSTANCE = "semester-report:sgt-a:2026-S2";
  beforeAll(async () => {
    w = await world({ clock: () => now, trackFrom: "2027-01-04" });
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(now); // materialises the February reports
  });
  afterAll(async () => {
    await w.stop();
  });

  const content = {
    planning: "Rencana sosialisasi di 5 kecamatan rawan.",
    implementation: "Sosialisasi dilaksanakan di 3 dari 5 kecamatan.",
    organisation: "Rapat koordinasi sub gugus tugas diadakan dua kali.",
    monitoring: "Pemantauan oleh koordinator pada bulan Desember.",
    rad: [
      {
        row: "rad-2016-2020.A.1",
        process: { target: "5 kecamatan", actual: "3 kecamatan" },
        result: {
          actual: "Kader desa terlatih",
          note: "dua kecamatan tersisa di semester berikut",
        },
      },
    ],
    cases: { reported: 2, handled: 2, victimsAssisted: 1 },
    narrative: "Ringkasan kegiatan semester II 2026.",
  };

  it("goes from draft to published, with the mails and the audit trail to show for it", async () => {
    now = new Date("2027-02-08T02:00:00Z");
    const coordinator = await w.signIn("sgt-a.koordinator@sambas.example");
    const secretary = await w.signIn("gt.sekretaris@sambas.example");
    const ketua = await w.signIn("gt.ketua@sambas.example");
    const ketuaHarian = await w.signIn("gt.ketua-harian@sambas.example");

    // Draft and submit.
    const created = await w.call("POST", "/v1/reports", {
      token: coordinator,
      body: { instance: INSTANCE, content },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const submitted = await w.call("POST", `/v1/reports/${id}/submit`, {
      token: coordinator,
      body: { version: created.body.version },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("submitted");

    // The Ketua Harian sees it waiting and returns it with comments; the coordinator is told.
    const queue = await w.call("GET", "/v1/queue", { token: ketuaHarian });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    await clearMail(w.stores.sesUrl);
    const returned = await w.call("POST", `/v1/reports/${id}/return`, {
      token: ketuaHarian,
      body: {
        version: submitted.body.version,
        comments: "Lengkapi capaian baris RAD A.1 dengan jumlah peserta.",
      },
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe("returned");
    const mails = await w.mail();
    const told = mails.find((m) => m.destination.to.some((t) => t.includes("sgt-a.koordinator@")));
    expect(told?.body.text).toContain("Lengkapi capaian baris RAD A.1");

    // Corrected and resubmitted; a stale version is refused without change.
    const stale = await w.call("PUT", `/v1/reports/${id}`, {
      token: coordinator,
      body: { version: submitted.body.version, content },
    });
    expect(stale.status).toBe(409);
    const edited = await w.call("PUT", `/v1/reports/${id}`, {
      token: coordinator,
      body: {
        version: returned.body.version,
        content: { ...content, narrative: "Diperbaiki: 120 peserta." },
      },
    });
    expect(edited.status).toBe(200);
    const resubmitted = await w.call("POST", `/v1/reports/${id}/submit`, {
      token: coordinator,
      body: { version: edited.body.version },
    });
    expect(resubmitted.body.status).toBe("submitted");

    // Approved by the Ketua Harian: the obligation is satisfied.
    const approved = await w.call("POST", `/v1/reports/${id}/approve`, {
      token: ketuaHarian,
      body: { version: resubmitted.body.version },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    const obligation = await w.call("GET", `/v1/obligations/${encodeURIComponent(INSTANCE)}`, {
      token: coordinator,
    });
    expect(obligation.body.status).toBe("satisfied");
    expect(obligation.body.satisfiedBy).toMatchObject({ kind: "report", id });

    // Approving it again is a conflict.
    const twice = await w.call("POST", `/v1/reports/${id}/approve`, {
      token: ketuaHarian,
      body: { version: approved.body.version },
    });
    expect(twice.status).toBe(409);

    // Forwarded to the Ketua; two approvals at once: exactly one wins.
    const forwarded = await w.call("POST", `/v1/reports/${id}/forward`, {
      token: ketuaHarian,
      body: { version: approved.body.version },
    });
    expect(forwarded.body.status).toBe("forwarded");
    const [a, b] = await Promise.all([
      w.call("POST", `/v1/reports/${id}/approve`, {
        token: ketua,
        body: { version: forwarded.body.version },
      }),
      w.call("POST", `/v1/reports/${id}/approve`, {
        token: ketua,
        body: { version: forwarded.body.version },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const final = a.status === 200 ? a.body : b.body;

    // Published: the public can read it (without officials' names or comments).
    const publicBefore = await w.call("GET", "/v1/public/sambas/reports");
    expect(publicBefore.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    // The publisher sees the public text with likely names and places highlighted, and
    // confirms exactly that text (a digest that is not the current text's is refused).
    const preview = await w.call("GET", `/v1/reports/${id}/publication-preview`, { token: ketua });
    expect(preview.status).toBe(200);
    expect(preview.body.confirmPreview).toMatch(/^[0-9a-f]{64}$/);
    const unseen = await w.call("POST", `/v1/reports/${id}/publish`, {
      token: ketua,
      body: { version: final.version, confirmPreview: "0".repeat(64) },
    });
    expect([unseen.status, unseen.body.error.code]).toEqual([409, "report.preview_stale"]);
    const published = await w.call("POST", `/v1/reports/${id}/publish`, {
      token: ketua,
      body: { version: final.version, confirmPreview: preview.body.confirmPreview },
    });
    expect(published.status).toBe(200);
    const publicAfter = await w.call("GET", "/v1/public/sambas/reports");
    expect(publicAfter.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(JSON.stringify(publicAfter.body)).not.toContain("Lengkapi capaian");

    // The trail has every step, in order.
    const history = await w.call("GET", `/v1/reports/${id}/history`, { token: secretary });
    const actions = history.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      "report.created",
      "report.submitted",
      "report.returned",
      "report.edited",
      "report.submitted",
      "report.approved",
      "report.forwarded",
      "report.approved",
      "report.published",
    ]);

    // And no more reminders for it: on the 7-days-before stage the coordinator hears nothing of it.
    await clearMail(w.stores.sesUrl);
    now = new Date("2027-02-12T01:00:00Z");
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(now);
    const after = (await w.mail()).filter((m) =>
      m.destination.to.some((t) => t.includes("sgt-a.koordinator@")),
    );
    for (const m of after) expect(m.body.text).not.toContain("Laporan Semesteran");
  });
});
