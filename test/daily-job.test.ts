import { clearMail, type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { sambasSeed } from "@tenggat/local/sambas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("the daily job", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
    const { Seed } = await import("@tenggat/core/seed");
    await Seed.install({ ...sambasSeed(), trackFrom: "2027-01-04" });
  });
  afterAll(async () => {
    await stores.stop();
  });

  it("mails each person at most one digest a day, none on a Sunday, none twice on a re-run", async () => {
    const { Reminder } = await import("@tenggat/core/reminder");
    const sunday = await Reminder.daily(new Date("2027-01-10T01:00:00Z"));
    expect(sunday.runs[0]?.workingDay).toBe(false);
    expect(await sentMail(stores.sesUrl)).toHaveLength(0);

    let total = 0;
    for (let d = 11; d <= 29; d++) {
      await clearMail(stores.sesUrl);
      const run = await Reminder.daily(new Date(`2027-01-${String(d).padStart(2, "0")}T01:00:00Z`));
      expect(run.runs[0]?.ok).toBe(true);
      const mails = await sentMail(stores.sesUrl);
      const recipients = mails.map((m) => m.destination.to.join());
      expect(new Set(recipients).size).toBe(recipients.length);
      total += mails.length;

      // The same day again (a retry of the whole job): nothing more.
      await Reminder.daily(new Date(`2027-01-${String(d).padStart(2, "0")}T03:00:00Z`));
      expect(await sentMail(stores.sesUrl)).toHaveLength(mails.length);
    }
    // Sambas' February reports are 30 days away in mid-January: their first reminders went out.
    expect(total).toBeGreaterThan(20);
  });
});
