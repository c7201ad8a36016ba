import { type Embedded, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Calendar } from "../calendar/index.ts";
import { VisibleError } from "../error/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Regulation } from "../regulation/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { as, ORG, setNow, setup, TENANT } from "./fixture.ts";
import { Report } from "./index.ts";

/**
 * Issue 8 §7: a report can be drafted any time but submitted only once its period has ended
 * (found: the Semester II 2026 report was approved on 1 December 2026).
 */
let stores: Embedded;
beforeAll(async () => {
  stores = await start();
  await setup();
  // The Semester II 2026 instance (July–December), stored ahead as the daily job does.
  const s2 = Calendar.list(
    { from: "2027-01-01", to: "2027-02-28", unit: "sgt-a", obligations: ["semester-report"] },
    { org: ORG, settings: Regulation.Settings.parse({}) },
  ).map(Obligation.fromCalendar);
  await Obligation.materialise(TENANT, s2);
});
afterAll(async () => {
  await stores?.stop();
});

const CONTENT = {
  planning: "Rencana sosialisasi.",
  implementation: "Sosialisasi di 3 desa.",
  organisation: "Rapat 2 kali.",
  monitoring: "Pemantauan 1 desa.",
};

async function failure(run: () => Promise<unknown>): Promise<VisibleError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof VisibleError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("submitting a report before its period ends", () => {
  it("drafts on 1 December 2026 but refuses to submit until 1 January 2027", async () => {
    // Arrange
    setNow("2026-12-01T01:00:00Z");
    const draft = await as("koorA", () =>
      Report.create({ instance: "semester-report:sgt-a:2026-S2", content: CONTENT }),
    );

    // Act
    const early = await failure(() =>
      as("koorA", () => Report.submit({ id: draft.id, version: draft.version })),
    );

    // Assert: a 409 naming why and from when; the draft is unchanged and the duty still open
    expect(early.kind).toBe("conflict");
    expect(early.code).toBe("report.period_not_ended");
    expect(early.message).toMatch(/ends on 2026-12-31; it can be submitted from 2027-01-01/);
    const still = await Report.get(TENANT, draft.id);
    expect(still?.status).toBe("draft");
    expect((await Obligation.require(TENANT, "semester-report:sgt-a:2026-S2")).status).toBe("open");

    // …and on 1 January 2027 it goes
    setNow("2027-01-01T01:00:00Z");
    const sent = await as("koorA", () => Report.submit({ id: draft.id, version: draft.version }));
    expect(sent.status).toBe("submitted");
  });

  it("honours a configured grace of days before the end (submitGraceDays)", async () => {
    // Arrange: 7 days' grace for a report whose period ends on 31 December 2026
    const info = await TaskForce.get(TENANT);
    await as("sekretaris", () =>
      TaskForce.updateSettings(TENANT, {
        settings: { submitGraceDays: 7 },
        version: info?.version ?? 1,
      }),
    );
    setNow("2026-12-20T01:00:00Z");
    const s2b = Calendar.list(
      { from: "2027-01-01", to: "2027-02-28", unit: "sgt-b", obligations: ["semester-report"] },
      { org: ORG, settings: Regulation.Settings.parse({}) },
    ).map(Obligation.fromCalendar);
    await Obligation.materialise(TENANT, s2b);
    const draft = await as("koorB", () =>
      Report.create({ instance: "semester-report:sgt-b:2026-S2", content: CONTENT }),
    );

    // Act
    const tooEarly = await failure(() =>
      as("koorB", () => Report.submit({ id: draft.id, version: draft.version })),
    );
    setNow("2026-12-25T01:00:00Z");
    const inGrace = await as("koorB", () =>
      Report.submit({ id: draft.id, version: draft.version }),
    );

    // Assert
    expect(tooEarly.message).toMatch(/can be submitted from 2026-12-25/);
    expect(inGrace.status).toBe("submitted");
  });
});
