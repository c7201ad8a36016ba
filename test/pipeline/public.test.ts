import { Publication } from "@tenggat/core/publication";
import { Report } from "@tenggat/core/report";
import { type Embedded, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  as,
  clock,
  INSTANCES,
  setNow,
  setup,
  TENANT,
} from "../../packages/core/src/report/fixture.ts";

/**
 * The public release: published reports and the yearly aggregate, with a village Satgas's small
 * counts suppressed (its total too: it is the only one), and a withdrawn report answering 410.
 */
describe("the public pages", () => {
  let stores: Embedded;
  let app: { request: (path: string) => Response | Promise<Response> };
  let desa = "";
  let sgtA = "";
  const sections = {
    planning: "Rencana.",
    implementation: "Pelaksanaan.",
    organisation: "Organisasi.",
    monitoring: "Pemantauan.",
    narrative: "Uraian semester.",
  };

  beforeAll(async () => {
    stores = await start();
    await setup();
    const { createApp } = await import("@tenggat/functions/api/app");
    app = createApp({ clock });
    setNow("2026-08-10T02:00:00Z");
    // A village Satgas report with small counts, published along its route.
    let r = await as("desaTemajuk", () =>
      Report.create({
        instance: INSTANCES.desa,
        content: { ...sections, cases: { reported: 3, handled: 2, victimsAssisted: 0 } },
      }),
    );
    desa = r.id;
    r = await as("desaTemajuk", () => Report.submit({ id: r.id, version: r.version }));
    r = await as("kecPaloh", () => Report.approve({ id: r.id, version: r.version }));
    r = await as("kecPaloh", () => Report.forward({ id: r.id, version: r.version }));
    r = await as("koorE", () => Report.approve({ id: r.id, version: r.version }));
    r = await as("koorE", async () =>
      Report.publish({
        id: r.id,
        version: r.version,
        confirmPreview: (await Report.publicationPreview(r.id)).confirmPreview,
      }),
    );
    // A sub-task-force's report: its counts are shown as they are.
    let s = await as("koorA", () =>
      Report.create({
        instance: INSTANCES.semesterA,
        content: { ...sections, cases: { reported: 12, handled: 2 } },
      }),
    );
    sgtA = s.id;
    s = await as("koorA", () => Report.submit({ id: s.id, version: s.version }));
    s = await as("ketuaHarian", () => Report.approve({ id: s.id, version: s.version }));
    s = await as("ketuaHarian", () => Report.forward({ id: s.id, version: s.version }));
    s = await as("ketua", () => Report.approve({ id: s.id, version: s.version }));
    await as("ketua", async () =>
      Report.publish({
        id: s.id,
        version: s.version,
        confirmPreview: (await Report.publicationPreview(s.id)).confirmPreview,
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await stores?.stop();
  });

  it("shows sub-task-force counts and only suppressed Satgas counts", async () => {
    // Act
    const json = (await (
      await app.request(`/v1/public/${TENANT}/aggregate?year=2026`)
    ).json()) as Publication.Aggregate;
    const page = await app.request(`/publik/${TENANT}?tahun=2026`);
    const csv = await app.request(`/publik/${TENANT}/agregat.csv?tahun=2026`);

    // Assert
    expect(json.district).toEqual([
      expect.objectContaining({
        unit: "sgt-a",
        cells: expect.arrayContaining([{ kind: "value", value: 12 }]),
      }),
    ]);
    expect(json.satgas).toHaveLength(1);
    expect(json.satgas[0]?.cells.slice(0, 3)).toEqual([
      { kind: "small" },
      { kind: "small" },
      { kind: "value", value: 0 },
    ]);
    // One unit: its total would give its counts away, so the total is suppressed too.
    expect(json.satgasTotal.slice(0, 2)).toEqual([{ kind: "small" }, { kind: "small" }]);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("&lt; 5");
    expect(html).toContain(`/publik/${TENANT}/laporan/${desa}`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("satgas-desa-temajuk");
    expect(text).toContain("< 5");
    expect(text).not.toMatch(/satgas-desa-temajuk,[^\r\n]*,3,/);
  });

  it("shows a Satgas report's texts without its counts", async () => {
    const page = await app.request(`/publik/${TENANT}/laporan/${desa}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Uraian semester.");
    expect(html).toContain("rekap tahunan");
    expect(html).not.toContain("reported");
    const full = await (await app.request(`/publik/${TENANT}/laporan/${sgtA}`)).text();
    expect(full).toMatch(/reported<\/th><td class="n">12/);
  });

  it("withdraws a published report (its publisher or the Ketua): 410 with the reason, then publishes it again", async () => {
    // Only the publisher or the Ketua.
    await expect(
      as("koorA", () => Publication.withdraw({ id: desa, reason: "Angka perlu diperiksa ulang." })),
    ).rejects.toMatchObject({ code: "report.not_publisher" });

    // Act
    const w = await as("koorE", () =>
      Publication.withdraw({ id: desa, reason: "Angka perlu diperiksa ulang." }),
    );
    const gone = await app.request(`/publik/${TENANT}/laporan/${desa}`);
    const listing = await (await app.request(`/publik/${TENANT}?tahun=2026`)).text();
    const agg = (await (
      await app.request(`/v1/public/${TENANT}/aggregate?year=2026`)
    ).json()) as Publication.Aggregate;

    // Assert
    expect(w).toMatchObject({ active: true, reason: "Angka perlu diperiksa ulang." });
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("Angka perlu diperiksa ulang.");
    expect(listing).not.toContain(`/laporan/${desa}`);
    const api = await app.request(`/v1/public/${TENANT}/reports/${desa}`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("report.withdrawn");
    expect(agg.satgas).toEqual([]);
    const { Audit } = await import("@tenggat/core/audit");
    const trail = await Audit.ofEntity(TENANT, "report", desa);
    expect(trail.items.map((e) => e.action)).toContain("report.withdrawn");

    const again = await as("ketua", () =>
      Publication.republish({ id: desa, reason: "Angka sudah diperiksa; tidak ada perubahan." }),
    );
    expect(again.active).toBe(false);
    expect((await app.request(`/publik/${TENANT}/laporan/${desa}`)).status).toBe(200);
  });

  it("lets one of two simultaneous withdrawals through, and gives each change its own audit event", async () => {
    // Act: the publisher and the Ketua withdraw at the same instant, then it goes back and forth.
    const reason = "Angka perlu diperiksa ulang.";
    const both = await Promise.allSettled([
      as("koorE", () => Publication.withdraw({ id: desa, reason })),
      as("ketua", () => Publication.withdraw({ id: desa, reason })),
    ]);
    await as("ketua", () => Publication.republish({ id: desa, reason: "Sudah diperiksa ulang." }));
    await as("ketua", () => Publication.withdraw({ id: desa, reason }));

    // Assert
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["version.stale", "report.withdrawn"]).toContain(refused.reason.code);
    const { Audit } = await import("@tenggat/core/audit");
    const trail = await Audit.ofEntity(TENANT, "report", desa);
    const changes = trail.items.filter((e) => /report\.(withdrawn|republished)/.test(e.action));
    // The previous test's withdrawal and republication, then these three.
    expect(changes).toHaveLength(5);
    expect(new Set(changes.map((e) => e.id)).size).toBe(5);
  });
});
