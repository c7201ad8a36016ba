import { clearMail, sentMail } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

/** The regulation's open choices as the task force sets them, through HTTP. */
describe("settings", () => {
  let w: World;
  beforeAll(async () => {
    w = await world({ trackFrom: "2027-01-04" });
  });
  afterAll(async () => {
    await w.stop();
  });

  it("shows the defaults, refuses bad values with the field, and an official holiday stops that day's mail", async () => {
    const coordinator = await w.signIn("sgt-a.koordinator@sambas.example");
    const secretary = await w.signIn("gt.sekretaris@sambas.example");
    const shown = await w.call("GET", "/v1/settings", { token: coordinator });
    expect(shown.status).toBe(200);
    expect(shown.body.effective.reportDeadlines).toEqual({
      satgasDesa: 7,
      satgasKecamatan: 14,
      subTaskForce: 21,
      district: 28,
    });
    expect(shown.body.settings).toEqual({});
    expect(shown.body.effective.reminders.overdueEvery).toBe(7);

    const denied = await w.call("PUT", "/v1/settings", {
      token: coordinator,
      body: { settings: {}, version: shown.body.version },
    });
    expect(denied.status).toBe(403);
    const bad = await w.call("PUT", "/v1/settings", {
      token: secretary,
      body: { settings: { reminders: { overdueEvery: 0 } }, version: shown.body.version },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("settings.reminders.overdueEvery");

    // 5 February 2027, a Friday and a reminder day for the 12 February Satgas deadline, declared
    // a holiday in the official list for 2027 (a sample list, not the real SKB).
    const holidays = { "2027": [{ date: "2027-02-05", name: "Contoh hari libur (uji)" }] };
    const saved = await w.call("PUT", "/v1/settings", {
      token: secretary,
      body: { settings: { officialHolidays: holidays }, version: shown.body.version },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toEqual({ officialHolidays: holidays });
    const stale = await w.call("PUT", "/v1/settings", {
      token: secretary,
      body: { settings: {}, version: shown.body.version },
    });
    expect(stale.status).toBe(409);

    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(new Date("2027-01-29T01:00:00Z"));
    // The 7-days-before reminder of the 12 February Satgas deadline moves to Thursday the 4th…
    await clearMail(w.stores.sesUrl);
    await Reminder.daily(new Date("2027-02-04T01:00:00Z"));
    const thursday = await sentMail(w.stores.sesUrl);
    expect(
      thursday.some((m) => m.destination.to.some((t) => t.includes("satgas-kec-paloh.ketua@"))),
    ).toBe(true);
    // …and on the holiday itself nothing is sent.
    await clearMail(w.stores.sesUrl);
    const holiday = await Reminder.daily(new Date("2027-02-05T01:00:00Z"));
    expect(holiday.runs.find((r) => r.tenant === "sambas")?.workingDay).toBe(false);
    expect(await sentMail(w.stores.sesUrl)).toHaveLength(0);
  });
});
