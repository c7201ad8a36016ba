import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Pipeline, pipeline } from "./world.ts";

/**
 * Issue 10 item 6: "a corrected version can be published again". A published report is withdrawn
 * by the Ketua with a reason; the Ketua opens its correction; the owner edits the draft revision,
 * which goes along its route again (Ketua Harian, Ketua) and is published at the same public URL
 * with "diperbaiki pada …" — all over HTTP, as the console and a script would do it.
 */
describe("publishing a corrected version of a withdrawn report", () => {
  const now = new Date("2027-08-03T02:00:00Z");
  let p: Pipeline;
  const t: Record<string, string> = {};
  let id = "";
  const CONTENT = {
    planning: "Rencana sosialisasi.",
    implementation: "Sosialisasi di 4 desa.",
    organisation: "Rapat koordinasi.",
    monitoring: "Pemantauan bulanan.",
    narrative: "Semester I: 12 kasus dilaporkan.",
    cases: { reported: 12, handled: 2 },
  };

  async function ok(method: string, path: string, token: string, body?: unknown) {
    const r = await p.call(method, path, { token, ...(body !== undefined ? { body } : {}) });
    if (r.status >= 300)
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Along the route: submitted by the owner, approved by the Ketua Harian and the Ketua, published. */
  async function throughTheRoute(report: { id: string; version: number }) {
    let r = await ok("POST", `/v1/reports/${report.id}/submit`, t.koor as string, {
      version: report.version,
    });
    r = await ok("POST", `/v1/reports/${r.id}/approve`, t.kh as string, { version: r.version });
    r = await ok("POST", `/v1/reports/${r.id}/forward`, t.kh as string, { version: r.version });
    r = await ok("POST", `/v1/reports/${r.id}/approve`, t.ketua as string, { version: r.version });
    const preview = await ok("GET", `/v1/reports/${r.id}/publication-preview`, t.ketua as string);
    return ok("POST", `/v1/reports/${r.id}/publish`, t.ketua as string, {
      version: r.version,
      confirmPreview: preview.confirmPreview,
    });
  }

  beforeAll(async () => {
    p = await pipeline(() => now);
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(new Date("2027-01-20T01:00:00Z"), { tenants: ["sambas"] });
    for (const [k, office] of [
      ["koor", "sgt-a.koordinator"],
      ["kh", "gt.ketua-harian"],
      ["ketua", "gt.ketua"],
    ]) {
      t[k as string] = await p.signIn("sambas", `${office}@sambas.example`);
    }
    const created = await ok("POST", "/v1/reports", t.koor as string, {
      instance: "semester-report:sgt-a:2027-S1",
      content: CONTENT,
    });
    id = (await throughTheRoute(created)).id;
  }, 90_000);

  afterAll(async () => {
    await p?.stop();
  });

  it("reopens only a withdrawn report, for its publisher or the Ketua", async () => {
    // Act
    const notWithdrawn = await p.call("POST", `/v1/reports/${id}/correct`, {
      token: t.ketua,
      body: { version: 99, reason: "Angka kasus salah ketik." },
    });
    await ok("POST", `/v1/reports/${id}/withdraw`, t.ketua as string, {
      reason: "Angka kasus salah ketik; akan diperbaiki.",
    });
    const byCoordinator = await p.call("POST", `/v1/reports/${id}/correct`, {
      token: t.koor,
      body: { version: 99, reason: "Angka kasus salah ketik." },
    });
    const unsigned = await p.call("POST", `/v1/reports/${id}/correct`, {
      body: { version: 99, reason: "Angka kasus salah ketik." },
    });
    const noReason = await p.call("POST", `/v1/reports/${id}/correct`, {
      token: t.ketua,
      body: { version: 99 },
    });

    // Assert
    expect(notWithdrawn.status).toBe(409);
    expect(notWithdrawn.body.error.code).toBe("report.not_withdrawn");
    expect(byCoordinator.status).toBe(403);
    expect(unsigned.status).toBe(401);
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.error.issues)).toContain("reason");
  });

  it("publishes the corrected revision at the same URL, saying when it was corrected and why the first was withdrawn", async () => {
    // Arrange: withdrawn (above); the public sees 410 with the reason.
    const before = await ok("GET", `/v1/reports/${id}`, t.ketua as string);

    // Act: the Ketua opens the correction; the owner corrects and it goes along the route again.
    const reopened = await ok("POST", `/v1/reports/${id}/correct`, t.ketua as string, {
      version: before.version,
      reason: "Angka kasus dilaporkan seharusnya 21, bukan 12.",
    });
    const whileCorrecting = await p.call("GET", `/publik/sambas/laporan/${id}`);
    const edited = await ok("PUT", `/v1/reports/${id}`, t.koor as string, {
      version: reopened.version,
      content: {
        ...CONTENT,
        narrative: "Semester I: 21 kasus dilaporkan.",
        cases: { reported: 21, handled: 2 },
      },
    });
    const published = await throughTheRoute(edited);
    const page = await p.call("GET", `/publik/sambas/laporan/${id}`);
    const api = await p.call("GET", `/v1/public/sambas/reports/${id}`);
    const aggregate = await p.call("GET", "/v1/public/sambas/aggregate?year=2027");
    const trail = await ok(
      "GET",
      `/v1/audit?entity=report&id=${encodeURIComponent(id)}&limit=200`,
      t.kh as string,
    );

    // Assert
    expect(reopened).toMatchObject({ status: "draft", revision: 2, step: 0 });
    expect(whileCorrecting.status).toBe(410);
    expect(whileCorrecting.body).toContain("Angka kasus salah ketik; akan diperbaiki.");
    expect(published).toMatchObject({ status: "published", revision: 2 });
    expect(published.correctedAt).toBe(now.toISOString());
    expect(page.status).toBe(200);
    expect(page.body).toContain("Semester I: 21 kasus dilaporkan.");
    expect(page.body).toContain("Diperbaiki pada 2027-08-03");
    expect(page.body).toContain("Angka kasus salah ketik; akan diperbaiki.");
    expect(page.body).not.toContain("12 kasus");
    expect(api.status).toBe(200);
    expect(api.body.content.cases.reported).toBe(21);
    const row = aggregate.body.district.find((r: { unit: string }) => r.unit === "sgt-a");
    expect(row.cells[0]).toEqual({ kind: "value", value: 21 });
    const actions = trail.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "report.withdrawn",
        "report.correction_opened",
        "report.correction_published",
      ]),
    );
    expect(actions.indexOf("report.correction_opened")).toBeLessThan(
      actions.lastIndexOf("report.published"),
    );
  });
});
