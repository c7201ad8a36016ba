import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

describe("the action plan (RAD) through HTTP", () => {
  let w: World;
  const now = new Date("2027-01-20T01:00:00Z");
  beforeAll(async () => {
    w = await world({ clock: () => now, trackFrom: "2027-01-04" });
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(now);
  });
  afterAll(async () => {
    await w.stop();
  });

  it("is installed with the task force: 21 rows of tables A–E", async () => {
    const token = await w.signIn("sgt-a.koordinator@sambas.example");
    const list = await w.call("GET", "/v1/rad", { token });
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: "rad-2016-2020",
        periodStart: 2016,
        periodEnd: 2020,
        rows: 21,
      }),
    ]);
    const plan = await w.call("GET", "/v1/rad/rad-2016-2020", { token });
    expect(plan.body.tables.map((t: { letter: string }) => t.letter)).toEqual([
      "A",
      "B",
      "C",
      "D",
      "E",
    ]);
  });

  it("starts a new period from a copy (Ketua or secretariat only) and reports may cite its rows", async () => {
    const coordinator = await w.signIn("sgt-a.koordinator@sambas.example");
    const ketua = await w.signIn("gt.ketua@sambas.example");
    const denied = await w.call("POST", "/v1/rad/periods", {
      token: coordinator,
      body: { periodStart: 2026, periodEnd: 2030 },
    });
    expect(denied.status).toBe(403);
    const backwards = await w.call("POST", "/v1/rad/periods", {
      token: ketua,
      body: { periodStart: 2030, periodEnd: 2026 },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0].path).toBe("periodEnd");

    const created = await w.call("POST", "/v1/rad/periods", {
      token: ketua,
      body: { periodStart: 2026, periodEnd: 2030 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: "rad-2026-2030",
      rows: 21,
      copiedFrom: "rad-2016-2020",
    });
    const overlap = await w.call("POST", "/v1/rad/periods", {
      token: ketua,
      body: { periodStart: 2030, periodEnd: 2034 },
    });
    expect(overlap.status).toBe(409);

    const row = {
      row: "rad-2026-2030.A.1",
      process: { actual: "3 kecamatan" },
      result: { actual: "kader terlatih" },
    };
    const report = await w.call("POST", "/v1/reports", {
      token: coordinator,
      body: { instance: "semester-report:sgt-a:2026-S2", content: { rad: [row] } },
    });
    expect(report.status).toBe(201);
    const unknown = await w.call("POST", "/v1/reports", {
      token: coordinator,
      body: {
        instance: "annual-report:sgt-a:2026",
        content: { rad: [{ ...row, row: "rad-2031-2035.A.1" }] },
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toBe("content.rad.0.row");
  });
});
