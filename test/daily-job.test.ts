import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
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

  it("sends digests for what is due, once, and nothing on a Sunday", async () => {
    const { Reminder } = await import("@tenggat/core/reminder");
    const sunday = await Reminder.daily(new Date("2027-01-10T01:00:00Z"));
    expect(sunday.runs[0]?.workingDay).toBe(false);
    expect(await sentMail(stores.sesUrl)).toHaveLength(0);

    for (let d = 11; d <= 29; d++)
      await Reminder.daily(new Date(`2027-01-${String(d).padStart(2, "0")}T01:00:00Z`));
    const first = await Reminder.daily(new Date("2027-01-29T01:00:00Z"));
    expect(first.runs[0]?.ok).toBe(true);
    const mails = await sentMail(stores.sesUrl);
    expect(mails.length).toBeGreaterThan(0);
    // Every mail is a digest addressed to one person, and nobody got two on one day.
    const perPersonDay = new Set(
      mails.map(
        (m) => `${m.destination.to.join()}|${new Date(m.at * 1000).toISOString().slice(0, 10)}`,
      ),
    );
    expect(perPersonDay.size).toBe(mails.length);

    const again = await Reminder.daily(new Date("2027-01-29T03:00:00Z"));
    expect(again.runs[0]?.ok).toBe(true);
    expect(await sentMail(stores.sesUrl)).toHaveLength(mails.length);
  });
});
