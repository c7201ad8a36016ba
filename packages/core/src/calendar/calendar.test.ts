import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { Org } from "../org/index.ts";
import { Regulation } from "../regulation/index.ts";
import { Sambas } from "../sambas/index.ts";
import { Calendar } from "./index.ts";

const settings = Regulation.Settings.parse({});
/** Sambas with every sub-district Satgas and the village Satgas of Temajuk established in 2016. */
const org = Org.withEstablishments(
  Org.withVillages(Sambas.organisation(), [
    { name: "Temajuk", kecamatan: "Paloh", establishedOn: "2016-04-01", decree: "uji/1" },
  ]),
  Sambas.SUB_DISTRICTS.map((name) => ({
    unit: `satgas-kec-${Org.slug(name)}`,
    on: "2016-04-01",
    decree: `uji/${name}`,
    by: `Camat ${name}`,
  })),
);
const YEAR = { from: "2027-01-01", to: "2027-12-31" };

const SEMESTER = "Pasal 19a; Pasal 10h; Pasal 11i; Pasal 12g; Pasal 13m; Pasal 14k; L-III §VIII";
const MONITORING = "L-III §VI; Pasal 10g; Pasal 11h; Pasal 12f; Pasal 13d; Pasal 13l; Pasal 14j";

/** id → [window start, window end, due, citation] */
type Row = [string, string, string, string, string];
const rows = (list: Calendar.Instance[]): Row[] =>
  Calendar.byDue(list).map((i) => [i.id, i.windowStart, i.windowEnd, i.due, i.citation]);

describe("Calendar.list — the year 2027 for Sambas, default settings", () => {
  // February and August 2027: the 7th, 14th, 21st and 28th are weekend days, so the configured
  // internal deadlines move to the Friday before (Settings.dueOnWorkingDay).
  it("the district task force (gt)", () => {
    // Act
    const list = Calendar.list({ ...YEAR, unit: "gt" }, { org, settings });

    // Assert
    expect(rows(list)).toEqual([
      [
        "district-report:gt:2026-S2",
        "2027-01-01",
        "2027-02-26",
        "2027-02-26",
        "Pasal 7e; L-III §VIII",
      ],
      ["secretariat-report:gt:2026-S2", "2027-01-01", "2027-02-26", "2027-02-26", "Pasal 9(2)g"],
      [
        "taskforce-meeting:gt:2027-Q1",
        "2027-01-01",
        "2027-03-31",
        "2027-03-31",
        "RAD E baris 1; Pasal 9(2)d",
      ],
      ["chair-annual-report:gt:2026", "2027-01-01", "2027-03-31", "2027-03-31", "Pasal 6f"],
      [
        "taskforce-meeting:gt:2027-Q2",
        "2027-04-01",
        "2027-06-30",
        "2027-06-30",
        "RAD E baris 1; Pasal 9(2)d",
      ],
      ["workshop:gt:2027-H1", "2027-01-01", "2027-06-30", "2027-06-30", "RAD E baris 1"],
      [
        "district-report:gt:2027-S1",
        "2027-07-01",
        "2027-08-27",
        "2027-08-27",
        "Pasal 7e; L-III §VIII",
      ],
      ["secretariat-report:gt:2027-S1", "2027-07-01", "2027-08-27", "2027-08-27", "Pasal 9(2)g"],
      [
        "taskforce-meeting:gt:2027-Q3",
        "2027-07-01",
        "2027-09-30",
        "2027-09-30",
        "RAD E baris 1; Pasal 9(2)d",
      ],
      // A reading of L-III §VIII, due on a configured day early in the coordination window.
      [
        "national-submission:gt:2027",
        "2027-07-01",
        "2027-09-30",
        "2027-09-30",
        "L-III §VIII; Pasal 7a",
      ],
      [
        "taskforce-meeting:gt:2027-Q4",
        "2027-10-01",
        "2027-12-31",
        "2027-12-31",
        "RAD E baris 1; Pasal 9(2)d",
      ],
      ["workshop:gt:2027-H2", "2027-07-01", "2027-12-31", "2027-12-31", "RAD E baris 1"],
      [
        "annual-evaluation:gt:2027",
        "2027-01-01",
        "2027-12-31",
        "2027-12-31",
        "Pasal 21(1); Pasal 21(2)",
      ],
      // No official list for 2028 is known: the secretariat owes it from 1 October (configured).
      ["holiday-list:gt:2028", "2027-10-01", "2027-12-31", "2027-12-31", "Pasal 9(2)d"],
    ]);
  });

  it("a sub-task-force (sgt-a), no meeting recorded since the configured start", () => {
    // Act
    const list = Calendar.list({ ...YEAR, unit: "sgt-a" }, { org, settings });

    // Assert: windows run Apr–Jul, Aug–Nov, Dec–Mar from 1 April 2016 when none is held
    expect(rows(list)).toEqual([
      ["semester-report:sgt-a:2026-S2", "2027-01-01", "2027-02-19", "2027-02-19", SEMESTER],
      [
        "annual-report:sgt-a:2026",
        "2027-01-01",
        "2027-02-19",
        "2027-02-19",
        "Pasal 19b; L-III §VIII",
      ],
      ["subtask-meeting:sgt-a:w2026-12-01", "2026-12-01", "2027-03-31", "2027-03-31", "Pasal 16"],
      ["subtask-meeting:sgt-a:w2027-04-01", "2027-04-01", "2027-07-31", "2027-07-31", "Pasal 16"],
      ["semester-report:sgt-a:2027-S1", "2027-07-01", "2027-08-20", "2027-08-20", SEMESTER],
      ["subtask-meeting:sgt-a:w2027-08-01", "2027-08-01", "2027-11-30", "2027-11-30", "Pasal 16"],
      ["coordinator-monitoring:sgt-a:2027", "2027-01-01", "2027-12-31", "2027-11-30", MONITORING],
      ["subtask-meeting:sgt-a:w2027-12-01", "2027-12-01", "2028-03-31", "2028-03-31", "Pasal 16"],
    ]);
  });

  it("a sub-task-force with meetings held: each settles its window and starts the next", () => {
    // Arrange
    const held = [
      { obligation: "subtask-meeting", unit: "sgt-b", date: "2027-02-10" },
      { obligation: "subtask-meeting", unit: "sgt-b", date: "2027-05-20" },
    ] as const;

    // Act
    const list = Calendar.list(
      { ...YEAR, unit: "sgt-b", obligations: ["subtask-meeting"] },
      { org, settings, held },
    );

    // Assert
    expect(list.map((i) => [i.period, i.windowStart, i.windowEnd, i.heldOn])).toEqual([
      ["w2026-12-01", "2026-12-01", "2027-03-31", "2027-02-10"],
      ["w2027-02-10", "2027-02-10", "2027-06-09", "2027-05-20"],
      ["w2027-05-20", "2027-05-20", "2027-09-19", undefined],
      ["w2027-09-20", "2027-09-20", "2028-01-19", undefined],
    ]);
  });

  it("a missed window keeps the first meeting held after it, as late", () => {
    // Arrange: nothing between 1 Dec 2026 and 31 Mar 2027, a meeting on 15 April
    const held = [{ obligation: "subtask-meeting", unit: "sgt-c", date: "2027-04-15" }] as const;

    // Act
    const list = Calendar.list(
      { from: "2027-01-01", to: "2027-04-30", unit: "sgt-c", obligations: ["subtask-meeting"] },
      { org, settings, held },
    );

    // Assert
    expect(list.map((i) => [i.period, i.due, i.heldOn])).toEqual([
      ["w2026-12-01", "2027-03-31", "2027-04-15"],
      ["w2027-04-01", "2027-07-31", "2027-04-15"],
      ["w2027-04-15", "2027-08-14", undefined],
    ]);
  });

  it("Satgas reports are tiered inside the month: village, sub-district, sub-task-force, district", () => {
    // Act
    const list = Calendar.byDue(
      Calendar.list({ ...YEAR, obligations: ["satgas-report"] }, { org, settings }),
    );
    const desa = list.filter((i) => i.unit === "satgas-desa-temajuk");
    const kec = list.filter((i) => i.unit === "satgas-kec-paloh");

    // Assert
    expect(desa.map((i) => [i.id, i.due])).toEqual([
      ["satgas-report:satgas-desa-temajuk:2026-S2", "2027-02-05"],
      ["satgas-report:satgas-desa-temajuk:2027-S1", "2027-08-06"],
    ]);
    expect(kec.map((i) => i.due)).toEqual(["2027-02-12", "2027-08-13"]);
    expect(desa[0]?.route).toEqual([
      "satgas-desa-temajuk.ketua",
      "satgas-kec-paloh.ketua",
      "sgt-e.koordinator",
    ]);
    expect(desa[0]?.copies).toEqual(["gt.ketua-harian", "ext:publik"]);
    expect(kec[0]?.route).toEqual(["satgas-kec-paloh.ketua", "gt.ketua-harian", "gt.ketua"]);
    expect(desa[0]?.covers).toEqual({ from: "2026-07-01", to: "2026-12-31" });
    expect(desa[1]?.covers).toEqual({ from: "2027-01-01", to: "2027-06-30" });
    expect(list).toHaveLength(2 * (19 + 1));
  });

  it("counts 111 instances for Sambas with its 19 sub-district Satgas established", () => {
    // Act
    const established = Org.withEstablishments(
      Sambas.organisation(),
      org.byKind("satgas-kecamatan").map((u) => ({
        unit: u.code,
        on: "2016-04-01",
        decree: "uji",
        by: "Camat",
      })),
    );
    const list = Calendar.list(YEAR, { org: established, settings });
    const count: Record<string, number> = {};
    for (const i of list) count[i.obligation] = (count[i.obligation] ?? 0) + 1;

    // Assert
    expect(count).toEqual({
      "subtask-meeting": 20,
      "taskforce-meeting": 4,
      workshop: 2,
      "semester-report": 10,
      "annual-report": 5,
      "satgas-report": 38,
      "district-report": 2,
      "national-submission": 1,
      "annual-evaluation": 1,
      "coordinator-monitoring": 5,
      "chair-annual-report": 1,
      "secretariat-report": 2,
      "satgas-monitoring": 19,
      "holiday-list": 1,
    });
    expect(list).toHaveLength(111);
  });

  it("owes nothing of a Satgas that is not established (Pasal 5(7)): the seed has none", () => {
    // Act
    const list = Calendar.list(YEAR, { org: Sambas.organisation(), settings });

    // Assert
    expect(list.filter((i) => i.unit.startsWith("satgas-"))).toEqual([]);
    expect(list).toHaveLength(111 - 38 - 19);
  });

  it("starts a Satgas's obligations on its decree's day, cutting the window there", () => {
    // Arrange: Paloh established on 20 July 2027, after the January–June period closed
    const paloh = Org.withEstablishments(Sambas.organisation(), [
      { unit: "satgas-kec-paloh", on: "2027-07-20", decree: "188.45/3/2027", by: "Camat Paloh" },
    ]);

    // Act
    const list = Calendar.list(
      { from: "2027-01-01", to: "2028-12-31", unit: "satgas-kec-paloh" },
      {
        org: paloh,
        settings,
      },
    );

    // Assert: nothing due before 20 July 2027; the August report's window starts on it
    expect(list.map((i) => [i.id, i.windowStart, i.due])).toEqual([
      ["satgas-report:satgas-kec-paloh:2027-S1", "2027-07-20", "2027-08-13"],
      ["satgas-report:satgas-kec-paloh:2027-S2", "2028-01-01", "2028-02-14"],
      ["satgas-report:satgas-kec-paloh:2028-S1", "2028-07-01", "2028-08-14"],
      ["satgas-monitoring:satgas-kec-paloh:2027", "2027-07-20", "2027-11-30"],
      ["satgas-monitoring:satgas-kec-paloh:2028", "2028-01-01", "2028-11-30"],
    ]);
  });

  it("refuses to establish a unit that is not a Satgas", () => {
    expect(() =>
      Org.withEstablishments(Sambas.organisation(), [
        { unit: "sgt-a", on: "2027-01-01", decree: "x", by: "y" },
      ]),
    ).toThrow(/establishments\.0\.unit/);
  });

  it("copies the province on the prevention sub-task-force's reports only, unless configured (L-III §VIII point 1)", () => {
    const literal = Calendar.list({ ...YEAR, obligations: ["semester-report"] }, { org, settings });
    const withProvince = (list: Calendar.Instance[]) => [
      ...new Set(list.filter((i) => i.copies.includes("ext:provinsi")).map((i) => i.unit)),
    ];
    expect(withProvince(literal)).toEqual(["sgt-a"]);
    const all = Calendar.list(
      { ...YEAR, obligations: ["semester-report"] },
      { org, settings: Regulation.Settings.parse({ provincialCopy: "all" }) },
    );
    expect(withProvince(all)).toEqual(["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"]);
  });

  it("owes next year's holiday list only while no official list is known for it", () => {
    const known = Regulation.Settings.parse({
      officialHolidays: { "2028": [{ date: "2028-01-01", name: "Tahun Baru Masehi" }] },
    });
    const ids = (s: Regulation.Settings) =>
      Calendar.list(
        { from: "2025-01-01", to: "2027-12-31", unit: "gt", obligations: ["holiday-list"] },
        {
          org,
          settings: s,
        },
      ).map((i) => i.id);
    // 2026 ships an official list (SKB 1497/2/5 of 2025): nothing owed for it in 2025
    expect(ids(settings)).toEqual(["holiday-list:gt:2027", "holiday-list:gt:2028"]);
    expect(ids(known)).toEqual(["holiday-list:gt:2027"]);
  });

  it("never computes the Bupati's evaluation: it is recorded on request (Pasal 21(1))", () => {
    const list = Calendar.list(YEAR, { org, settings });
    expect(list.some((i) => i.obligation === "bupati-evaluation")).toBe(false);
  });

  it("marks due dates chosen by settings, and leaves dates of the regulation alone", () => {
    const list = Calendar.list(YEAR, { org, settings });
    const byId = new Map(list.map((i) => [i.id, i]));
    expect(byId.get("semester-report:sgt-a:2026-S2")?.dueSetting).toBe(
      "reportDeadlines.subTaskForce",
    );
    expect(byId.get("national-submission:gt:2027")?.dueSetting).toBe("nationalSubmissionDue");
    expect(byId.get("subtask-meeting:sgt-a:w2027-04-01")?.dueSetting).toBeUndefined();
    // The regulation fixes no day for it: 30 September by default, early in the coordination
    // window (September–October), not the window's last day (issue 8 §2)
    expect(byId.get("national-submission:gt:2027")?.due).toBe("2027-09-30");
    expect(byId.get("national-submission:gt:2027")?.basis).toBe("reading");
  });
});

describe("Calendar.list — plan periods, the start of the regulation, settings", () => {
  it("starts on 1 April 2016: nothing due before, windows cut to start there", () => {
    // Act
    const list = Calendar.list(
      { from: "2016-01-01", to: "2016-06-30", unit: "gt" },
      { org, settings },
    );

    // Assert
    expect(rows(list).map(([id, start, end]) => [id, start, end])).toEqual([
      ["taskforce-meeting:gt:2016-Q2", "2016-04-01", "2016-06-30"],
      ["workshop:gt:2016-H1", "2016-04-01", "2016-06-30"],
      // the evaluation's window is the whole year (its due day, 31 Dec 2016, is a Saturday)
      ["annual-evaluation:gt:2016", "2016-04-01", "2016-12-31"],
    ]);
  });

  it("renews the action plan and reports on it around the end of each period", () => {
    // Act
    const list = Calendar.list(
      {
        from: "2020-01-01",
        to: "2026-12-31",
        obligations: ["action-plan-renewal", "chair-five-year-report"],
      },
      { org, settings },
    );

    // Assert: 30 Sep 2023 is configured but 2023 is mid-period; 2025-09-30 is a Tuesday
    expect(rows(list).map(([id, start, end, due]) => [id, start, end, due])).toEqual([
      ["action-plan-renewal:gt:2016-2020", "2020-01-01", "2020-09-30", "2020-09-30"],
      ["chair-five-year-report:gt:2016-2020", "2021-01-01", "2021-03-31", "2021-03-31"],
      ["action-plan-renewal:gt:2021-2025", "2025-01-01", "2025-09-30", "2025-09-30"],
      ["chair-five-year-report:gt:2021-2025", "2026-01-01", "2026-03-31", "2026-03-31"],
    ]);
  });

  it("follows a configured later plan period, then five-yearly after it", () => {
    // Arrange
    const custom = Regulation.Settings.parse({
      planPeriods: [
        { start: 2016, end: 2020 },
        { start: 2022, end: 2026 },
      ],
    });

    // Act
    const list = Calendar.list(
      { from: "2026-01-01", to: "2031-12-31", obligations: ["action-plan-renewal"] },
      { org, settings: custom },
    );

    // Assert
    expect(list.map((i) => i.period)).toEqual(["2022-2026", "2027-2031"]);
  });

  it("sends village reports to the configured coordinator", () => {
    const custom = Regulation.Settings.parse({ satgasReportsTo: "sgt-a" });
    const [first] = Calendar.list(
      { ...YEAR, unit: "satgas-desa-temajuk" },
      { org, settings: custom },
    );
    expect(first?.route.at(-1)).toBe("sgt-a.koordinator");
  });

  it("opens report windows in the reporting month when so configured", () => {
    const custom = Regulation.Settings.parse({ reportWindowOpens: "reporting-month" });
    const list = Calendar.list(
      { ...YEAR, unit: "sgt-d", obligations: ["semester-report"] },
      {
        org,
        settings: custom,
      },
    );
    expect(list.map((i) => [i.windowStart, i.due])).toEqual([
      ["2027-02-01", "2027-02-19"],
      ["2027-08-01", "2027-08-20"],
    ]);
  });

  it("can keep configured due dates on weekends", () => {
    const custom = Regulation.Settings.parse({ dueOnWorkingDay: false });
    const list = Calendar.list(
      { ...YEAR, unit: "gt", obligations: ["district-report"] },
      {
        org,
        settings: custom,
      },
    );
    expect(list.map((i) => i.due)).toEqual(["2027-02-28", "2027-08-28"]);
  });

  it("spreads two workshops over the year when so configured, each settled by its own", () => {
    // Arrange
    const custom = Regulation.Settings.parse({ workshopSpread: "year" });
    const held = [
      { obligation: "workshop", unit: "gt", date: "2027-03-03" },
      { obligation: "workshop", unit: "gt", date: "2027-04-04" },
    ] as const;

    // Act
    const list = Calendar.list(
      { ...YEAR, obligations: ["workshop"] },
      { org, settings: custom, held },
    );

    // Assert
    expect(list.map((i) => [i.id, i.windowStart, i.due, i.heldOn])).toEqual([
      ["workshop:gt:2027-x1", "2027-01-01", "2027-12-31", "2027-03-03"],
      ["workshop:gt:2027-x2", "2027-01-01", "2027-12-31", "2027-04-04"],
    ]);
  });

  it("marks a quarter's routine meeting as held", () => {
    const held = [{ obligation: "taskforce-meeting", unit: "gt", date: "2027-05-05" }] as const;
    const list = Calendar.list(
      { ...YEAR, obligations: ["taskforce-meeting"] },
      { org, settings, held },
    );
    expect(list.map((i) => i.heldOn)).toEqual([undefined, "2027-05-05", undefined, undefined]);
  });
});

describe("Calendar.list — bad input", () => {
  it.each([
    [{ from: "2027-02-30", to: "2027-12-31" }, "input"],
    [{ from: "2027-12-31", to: "2027-01-01" }, "input"],
    [{ from: "2000-01-01", to: "2100-01-01" }, "input"],
    [{ ...YEAR, unit: "sgt-z" }, "input"],
    [{ ...YEAR, unit: "satgas-kec-atlantis" }, "not-found"],
  ])("%j is a %s error", (query, kind) => {
    const act = () => Calendar.list(query, { org, settings });
    expect(act).toThrow(VisibleError);
    try {
      act();
    } catch (error) {
      expect((error as VisibleError).kind).toBe(kind);
    }
  });

  it("rejects a meeting record with an impossible date", () => {
    const held = [{ obligation: "subtask-meeting", unit: "sgt-a", date: "2027-02-29" }] as const;
    expect(() => Calendar.list(YEAR, { org, settings, held })).toThrow(VisibleError);
  });

  it("names the office a custom organisation lacks", () => {
    // Arrange: an organisation without a Sekretaris
    const info = Org.toInfo(org);
    const lacking = Org.create({
      ...info,
      offices: info.offices.filter((o) => o.code !== "gt.sekretaris"),
    });

    // Act / Assert
    expect(() => Calendar.list(YEAR, { org: lacking, settings })).toThrow(/gt\.sekretaris/);
  });
});
