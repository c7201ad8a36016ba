/**
 * Properties of what the daily job sends, over simulated spans of 2027 chosen at random (start,
 * length, policy, an outage): no mail on a weekend or a holiday, and no overdue notice or
 * escalation on or before its instance's due date. Each run is a task force of its own in one
 * embedded store; a few runs keep the file quick (each simulates up to six weeks, tracked from
 * its first day).
 */
import { Calendar } from "@tenggat/core/calendar";
import { LocalDate } from "@tenggat/core/date";
import { Regulation } from "@tenggat/core/regulation";
import { type Embedded, start } from "@tenggat/local/embedded";
import { POLICIES, simulate } from "@tenggat/local/simulate";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const YEAR_START = "2027-01-01";

const span = fc.record({
  start: fc.integer({ min: 0, max: 330 }),
  days: fc.integer({ min: 14, max: 45 }),
  policy: fc.constantFrom(...POLICIES),
  outage: fc.option(
    fc.record({ start: fc.integer({ min: 0, max: 40 }), days: fc.integer({ min: 1, max: 12 }) }),
    {
      nil: undefined,
    },
  ),
});

describe("what the daily job sends", () => {
  let stores: Embedded;
  let runs = 0;
  beforeAll(async () => {
    stores = await start();
  });
  afterAll(async () => {
    await stores.stop();
  });

  it("never lands on a weekend or holiday, and never escalates on or before the due date", async () => {
    const holidays = Calendar.holidaysFor(Regulation.Settings.parse({}));
    let mails = 0;
    let escalations = 0;
    await fc.assert(
      fc.asyncProperty(span, async (s) => {
        // Arrange
        const from = LocalDate.addDays(YEAR_START, s.start);
        const to = LocalDate.addDays(from, s.days);
        const outages = s.outage
          ? [
              {
                from: LocalDate.addDays(from, s.outage.start),
                to: LocalDate.addDays(from, s.outage.start + s.outage.days - 1),
              },
            ]
          : [];

        // Act
        const result = await simulate({
          from,
          to,
          policy: s.policy,
          outages,
          tenant: `sifat-${++runs}`,
          sesUrl: stores.sesUrl,
        });

        // Assert
        mails += result.mails.length;
        for (const m of result.mails) {
          expect(holidays.isWorkingDay(m.date), `${m.kind} on ${m.date}`).toBe(true);
          // People act during an outage (their announcements go out); the job does not.
          if (m.kind === "digest") {
            expect(outages.some((o) => o.from <= m.date && m.date <= o.to)).toBe(false);
          }
          for (const i of m.items) {
            if (i.stage === "overdue" || i.stage === "escalation") {
              escalations++;
              expect(m.date > i.due, `${i.stage} of ${i.instance} on ${m.date}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 5, seed: 2027, endOnFailure: true },
    );
    // The spans did send mail (the property is not vacuous).
    expect(mails).toBeGreaterThan(50);
    expect(escalations).toBeGreaterThan(0);
  }, 180_000);
});
