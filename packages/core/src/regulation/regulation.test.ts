import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { Regulation } from "./index.ts";

describe("the rulebook", () => {
  it.each([
    ["subtask-meeting", "law", ["Pasal 16"], "sub-gugus-tugas"],
    ["taskforce-meeting", "action-plan", ["RAD E baris 1"], "gugus-tugas"],
    ["workshop", "action-plan", ["RAD E baris 1"], "gugus-tugas"],
    [
      "semester-report",
      "law",
      ["Pasal 19a", "L-III §VIII", "Pasal 10h", "Pasal 11i", "Pasal 12g", "Pasal 13m", "Pasal 14k"],
      "sub-gugus-tugas",
    ],
    ["annual-report", "law", ["Pasal 19b"], "sub-gugus-tugas"],
    ["satgas-report", "law", ["L-III §VIII", "Pasal 5(7)"], "satgas-desa"],
    ["district-report", "law", ["Pasal 7e", "L-III §VIII"], "gugus-tugas"],
    // Issue 8 §2: a reading of L-III §VIII, not a district duty with a date.
    ["national-submission", "reading", ["L-III §VIII"], "gugus-tugas"],
    ["annual-evaluation", "law", ["Pasal 21(1)"], "gugus-tugas"],
    [
      "coordinator-monitoring",
      "law",
      ["L-III §VI", "Pasal 10g", "Pasal 11h", "Pasal 12f", "Pasal 13d", "Pasal 13l", "Pasal 14j"],
      "sub-gugus-tugas",
    ],
    ["chair-annual-report", "law", ["Pasal 6f"], "gugus-tugas"],
    ["chair-five-year-report", "law", ["Pasal 6f"], "gugus-tugas"],
    ["action-plan-renewal", "reading", ["Pasal 6a", "L-III §IX"], "gugus-tugas"],
    // Issue 8 §6: the missing duties.
    ["secretariat-report", "configured", ["Pasal 9(2)g"], "gugus-tugas"],
    ["bupati-evaluation", "law", ["Pasal 21(1)"], "gugus-tugas"],
    ["satgas-monitoring", "reading", ["L-III §VII"], "satgas-kecamatan"],
    ["holiday-list", "configured", ["Pasal 9(2)d"], "gugus-tugas"],
  ] as const)("%s: basis %s, cites %j, owed by %s", (id, basis, articles, kind) => {
    // Act
    const o = Regulation.byId(id);

    // Assert
    expect(o.basis).toBe(basis);
    for (const article of articles) expect(o.articles).toContain(article);
    expect(o.duties.map((d) => d.kind)).toContain(kind);
    expect(o.title.id.length).toBeGreaterThan(0);
    expect(o.title.en.length).toBeGreaterThan(0);
  });

  it("is valid against its schema as written: parsing adds, drops and changes nothing", () => {
    // RULEBOOK is not parsed at import (cold starts); this is where its data is validated.
    expect(z.array(Regulation.Info).parse(Regulation.RULEBOOK)).toEqual(Regulation.RULEBOOK);
  });

  it("holds exactly the obligations of the issue, once each", () => {
    const ids = Regulation.RULEBOOK.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...Regulation.ObligationId.options].sort());
  });

  it("routes reports through the Ketua Harian to the Ketua (L-III §VIII point 1)", () => {
    const duty = Regulation.byId("semester-report").duties[0];
    expect(duty?.route).toEqual(["unit:koordinator", "gt:ketua-harian", "gt:ketua"]);
    // The provincial copy is written for the prevention sub-task-force (L-III §VIII point 1):
    // the calendar adds it per unit (Settings.provincialCopy).
    expect(duty?.copies).toEqual(["ext:publik"]);
    expect(duty?.provincialCopy).toBe(true);
  });

  it("owes the secretariat's report to the Ketua and the Bupati's evaluation to the Ketua Harian", () => {
    expect(Regulation.byId("secretariat-report").duties[0]?.route).toEqual([
      "gt:sekretaris",
      "gt:ketua",
    ]);
    expect(Regulation.byId("bupati-evaluation").duties[0]?.route[0]).toBe("gt:ketua-harian");
    expect(Regulation.byId("bupati-evaluation").cadence.kind).toBe("on-request");
  });

  it("never says the Sekretaris stands in at the Ketua Harian's step of a report (Pasal 9(2)c)", () => {
    for (const o of Regulation.RULEBOOK) {
      for (const d of o.duties) {
        const i = d.route.indexOf("gt:ketua-harian");
        if (i >= 0) expect(d.route[i + 1]).not.toBe("gt:sekretaris");
      }
    }
  });

  it.each([
    ["law", "id", "ketentuan peraturan"],
    ["reading", "id", "tafsiran atas peraturan"],
    ["reading", "en", "a reading of the regulation"],
    ["configured", "id", "pengaturan gugus tugas"],
    ["action-plan", "en", "action-plan target (RAD)"],
  ] as const)("labels basis %s in %s as %s", (basis, lang, label) => {
    expect(Regulation.basisLabel(basis, lang)).toBe(label);
  });

  it("tiers Satgas reports: village to sub-district to the configured coordinator", () => {
    const duties = Regulation.byId("satgas-report").duties;
    const desa = duties.find((d) => d.kind === "satgas-desa");
    const kec = duties.find((d) => d.kind === "satgas-kecamatan");
    expect(desa?.route).toEqual(["unit:ketua", "parent:ketua", "satgas-coordinator"]);
    expect(desa?.copies).toContain("gt:ketua-harian");
    expect(kec?.route).toEqual(["unit:ketua", "gt:ketua-harian", "gt:ketua"]);
    expect(desa?.tier).toBe("satgasDesa");
    expect(kec?.tier).toBe("satgasKecamatan");
  });

  it("gives the citation as one line", () => {
    expect(Regulation.citation(Regulation.byId("district-report"))).toBe("Pasal 7e; L-III §VIII");
  });
});

describe("Settings", () => {
  it("has documented defaults", () => {
    // Act
    const s = Regulation.Settings.parse({});

    // Assert
    expect(s.reportDeadlines).toEqual({
      satgasDesa: 7,
      satgasKecamatan: 14,
      subTaskForce: 21,
      district: 28,
    });
    expect(s.reminders.overdueEvery).toBe(7);
    expect(s.planPeriods).toEqual([{ start: 2016, end: 2020 }]);
    expect(s.planPeriodYears).toBe(5);
    expect(s.subtaskMeetingStart).toBe("2016-04-01");
    expect(s.inForce).toBe("2016-04-01");
    expect(s.satgasReportsTo).toBe("sgt-e");
    expect(s.yearlyDue).toEqual({
      annualEvaluation: "12-31",
      coordinatorMonitoring: "11-30",
      chairAnnualReport: "03-31",
      satgasMonitoring: "11-30",
    });
    expect(s.nationalSubmissionDue).toBe("09-30");
    expect(s.provincialCopy).toBe("prevention");
    expect(s.holidayList).toEqual({ from: "10-01", due: "12-31" });
    expect(s.submitGraceDays).toBe(0);
    expect(s.dueOnWorkingDay).toBe(true);
    expect(Regulation.DEFAULTS).toEqual(s);
    expect(Regulation.DEFAULT_OFFSETS).toEqual([30, 14, 7, 1, 0]);
  });

  it("keeps partial input and fills the rest", () => {
    const s = Regulation.Settings.parse({ reportDeadlines: { district: 27 } });
    expect(s.reportDeadlines.district).toBe(27);
    expect(s.reportDeadlines.satgasDesa).toBe(7);
  });

  it.each([
    [{ reportDeadlines: { satgasDesa: 15 } }, "reportDeadlines"],
    [{ reportDeadlines: { district: 29 } }, "reportDeadlines"],
    [{ yearlyDue: { annualEvaluation: "02-29" } }, "yearlyDue"],
    [{ actionPlanRenewalDue: "13-01" }, "actionPlanRenewalDue"],
    [{ subtaskMeetingStart: "2015-01-01" }, "subtaskMeetingStart"],
    [{ subtaskMeetingStart: "2027-02-30" }, "subtaskMeetingStart"],
    [
      {
        planPeriods: [
          { start: 2016, end: 2020 },
          { start: 2020, end: 2024 },
        ],
      },
      "planPeriods",
    ],
    [{ planPeriods: [{ start: 2021, end: 2020 }] }, "planPeriods"],
    [{ officialHolidays: { "2027": [{ date: "2028-01-01", name: "x" }] } }, "officialHolidays"],
    [{ reminders: { overdueEvery: 0 } }, "reminders"],
    [{ nationalSubmissionDue: "11-15" }, "nationalSubmissionDue"],
    [{ nationalSubmissionDue: "06-30" }, "nationalSubmissionDue"],
    [{ provincialCopy: "some" }, "provincialCopy"],
    [{ holidayList: { from: "12-31", due: "10-01" } }, "holidayList"],
    [{ submitGraceDays: -1 }, "submitGraceDays"],
    [{ reminders: { offsets: { "no-such-obligation": [1] } } }, "reminders"],
  ])("rejects %j", (input, path) => {
    // Act
    const result = Regulation.Settings.safeParse(input);

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(path);
  });
});
