/**
 * A district with many villages: Sambas with 225 village Satgas, none of which reports. Their
 * reports are due on 5 February; two weeks late every one of them escalates to the coordinator
 * of sub-task-force E (the third office of a village's route) on the same day — more than one
 * digest may carry. The coordinator gets the most urgent 200 that day and the rest on the next
 * working day, each once; nobody else's mail is held up.
 */
import { Sambas } from "@tenggat/core/sambas";
import { type Embedded, start } from "@tenggat/local/embedded";
import { type Result, simulate } from "@tenggat/local/simulate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A Satgas owes nothing until its establishing decree is recorded (Pasal 5(7)): every village
// here has one, long before the reports fall due.
const VILLAGES = Array.from({ length: 225 }, (_, v) => ({
  name: `Desa Uji ${String(v + 1).padStart(3, "0")}`,
  kecamatan: Sambas.SUB_DISTRICTS[v % Sambas.SUB_DISTRICTS.length] as string,
  establishedOn: "2016-04-01",
  decree: `uji/${v + 1}/2016`,
}));

describe("a coordinator escalated to for 225 villages at once", () => {
  let stores: Embedded;
  let result: Result;
  beforeAll(async () => {
    stores = await start();
    result = await simulate({
      from: "2027-02-04",
      to: "2027-02-23",
      policy: "never",
      tenant: "desa-banyak",
      villages: VILLAGES,
      sesUrl: stores.sesUrl,
    });
  }, 120_000);
  afterAll(async () => {
    await stores.stop();
  });

  it("gets 200 escalations one day and the other 25 the next working day, each once", () => {
    // Arrange
    const toCoordinator = result.mails.filter(
      (m) => m.kind === "digest" && m.to[0]?.startsWith("sgt-e.koordinator@"),
    );
    const villageEscalations = toCoordinator.flatMap((m) =>
      m.items
        .filter((i) => i.obligation === "satgas-report" && i.unit.startsWith("satgas-desa-"))
        .map((i) => ({ date: m.date, instance: i.instance })),
    );

    // Assert
    expect(result.failures).toEqual([]);
    expect(Math.max(...toCoordinator.map((m) => m.items.length))).toBe(200);
    const instances = villageEscalations.map((e) => e.instance);
    expect(new Set(instances).size).toBe(225);
    expect(instances).toHaveLength(225);
    const byDay = new Map<string, number>();
    for (const e of villageEscalations) byDay.set(e.date, (byDay.get(e.date) ?? 0) + 1);
    expect(Object.fromEntries(byDay)).toEqual({
      "2027-02-19": expect.any(Number),
      "2027-02-22": expect.any(Number),
    });
    expect((byDay.get("2027-02-19") ?? 0) + (byDay.get("2027-02-22") ?? 0)).toBe(225);
  });

  it("sends everyone else their digest on those days too", () => {
    const heads = new Set(
      result.mails
        .filter((m) => m.kind === "digest" && m.date === "2027-02-19")
        .map((m) => m.to[0]?.split("@")[0]),
    );
    // The 225 village heads and the heads of the sub-district Satgas that owe reports (their own
    // escalated): since Satgas owe nothing before their decree, only the three sample-established
    // ones (was all 19 before establishments were recorded).
    expect([...heads].filter((h) => h?.startsWith("satgas-desa-")).length).toBe(225);
    expect([...heads].filter((h) => h?.startsWith("satgas-kec-")).sort()).toEqual([
      "satgas-kec-paloh.ketua",
      "satgas-kec-sajingan-besar.ketua",
      "satgas-kec-teluk-keramat.ketua",
    ]);
  });
});
