/**
 * Exactly once, under faults: the same four months of the Sambas task force (the February
 * reports, their escalations, the late first-quarter meetings) simulated twice in one store —
 * once without faults, once with SES throttling or failing on a fifth of the calls, the daily
 * job run twice at once every day, and on a few days a run that dies between claiming a digest
 * and sending it (Lambda then retries the run; the sweep sends the orphaned claim after its
 * lease). Both runs must deliver the very same mails, each once, and nothing about an
 * obligation after it was settled.
 *
 * The faults come from an SES client injected through `Ledger.Options.client` (a real SDK client
 * with one middleware): the embedded SES can neither throttle nor make a process die.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { SESServiceException } from "@aws-sdk/client-ses";
import { Actor } from "@tenggat/core/actor";
import { LocalDate } from "@tenggat/core/date";
import { Email } from "@tenggat/core/email";
import { Reminder } from "@tenggat/core/reminder";
import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { ACTION_TIME, type Mail, type Result, simulate } from "@tenggat/local/simulate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SPAN = { from: "2027-01-01", to: "2027-04-23" } as const;
const FAILURE_SHARE = 0.2;

/** A small seeded PRNG (mulberry32): the same faults on every run of the test. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The office a sample address belongs to (`sgt-a.koordinator@<tenant>.example`). */
const office = (address: string) => address.split("@")[0] ?? address;

/** What was delivered, independent of the tenant and of random ids. */
function deliveries(result: Result): string[] {
  return result.mails
    .flatMap((m: Mail) =>
      m.kind === "digest"
        ? m.items.map((i) => `${m.date} ${i.instance} ${i.stage} ${m.to.map(office).join()}`)
        : [`${m.date} ${m.kind} ${m.subject} ${m.to.map(office).join()}`],
    )
    .sort();
}

interface Run {
  /** Called when this run has died. */
  die: () => void;
}

describe("reminders under faults", () => {
  let stores: Embedded;
  let baseline: Result;
  let faulted: Result;
  const injected = { throttled: 0, failed: 0, crashed: [] as string[] };

  beforeAll(async () => {
    stores = await start();
    baseline = await simulate({
      ...SPAN,
      policy: "late",
      tenant: "tanpa-gangguan",
      sesUrl: stores.sesUrl,
    });

    // Crash on three days on which the baseline mailed digests.
    const digestDays = [
      ...new Set(baseline.mails.filter((m) => m.kind === "digest").map((m) => m.date)),
    ];
    const crashDays = new Set([digestDays[1], digestDays[4], digestDays[7]]);
    const random = prng(20270101);
    const runs = new AsyncLocalStorage<Run>();
    const client = Email.createClient();
    client.middlewareStack.add(
      (next) => async (args) => {
        const day = LocalDate.at(Actor.now());
        const run = runs.getStore();
        if (run && crashDays.has(day) && !injected.crashed.includes(day)) {
          // The process dies between the claim and the send: this run never goes on.
          injected.crashed.push(day);
          run.die();
          return new Promise<never>(() => undefined);
        }
        const roll = random();
        if (roll < FAILURE_SHARE / 2) {
          injected.throttled++;
          throw new SESServiceException({
            name: "Throttling",
            $fault: "client",
            $metadata: { httpStatusCode: 400 },
            message: "Maximum sending rate exceeded.",
          });
        }
        if (roll < FAILURE_SHARE) {
          injected.failed++;
          throw new SESServiceException({
            name: "ServiceUnavailable",
            $fault: "server",
            $metadata: { httpStatusCode: 503 },
            message: "Service unavailable",
          });
        }
        return next(args);
      },
      { step: "initialize", name: "injectFaults" },
    );
    const ledger = { client, sleep: async () => undefined };

    faulted = await simulate({
      ...SPAN,
      policy: "late",
      tenant: "dengan-gangguan",
      sesUrl: stores.sesUrl,
      ledger,
      job: async (now, tenant) => {
        // Two runs at once (a retry overlapping the scheduled run); one may die.
        const outcomes = await Promise.all(
          [1, 2].map(() => {
            let die: () => void = () => undefined;
            const died = new Promise<"died">((resolve) => {
              die = () => resolve("died");
            });
            const run = runs.run({ die }, () =>
              Reminder.daily(now, { ...ledger, tenants: [tenant] }),
            );
            return Promise.race([run.then(() => "done" as const), died]);
          }),
        );
        // Lambda retries a run that died, a few minutes later.
        if (outcomes.includes("died")) {
          await Reminder.daily(new Date(now.getTime() + 5 * 60_000), {
            ...ledger,
            tenants: [tenant],
          });
        }
      },
    });
  }, 240_000);

  afterAll(async () => {
    await stores.stop();
  });

  it("injected every kind of fault, and the sweep sent what the dead runs had claimed", () => {
    expect(injected.crashed).toHaveLength(3);
    expect(injected.throttled).toBeGreaterThan(10);
    expect(injected.failed).toBeGreaterThan(10);
    const swept = faulted.mails.filter((m) => m.time === "08:15");
    expect(swept.map((m) => m.date)).toEqual(expect.arrayContaining(injected.crashed));
  });

  it("covers reminders, due-day notices, escalations and overdue notices", () => {
    const stages = new Set(baseline.mails.flatMap((m) => m.items.map((i) => i.stage)));
    expect([...stages].sort()).toEqual(["due", "escalation", "overdue", "reminder"]);
    // 186 on 2 December 2026: only the three sample Satgas are established (Pasal 5(7)).
    expect(baseline.mails.length).toBeGreaterThan(150);
  });

  it("delivers every notification of the fault-free run, on the same day, exactly once", () => {
    const expected = deliveries(baseline);
    const got = deliveries(faulted);
    expect(got).toEqual(expected);
  });

  it("hands SES each notification once: no ledger id twice, nothing sent beside the ledger", async () => {
    const ids = faulted.mails.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = (await sentMail(stores.sesUrl)).filter((m) =>
      m.destination.to.some((t) => t.includes("@dengan-gangguan.example")),
    );
    expect(stored).toHaveLength(faulted.mails.length);
  });

  it("mails nothing about an obligation once it is settled", () => {
    for (const result of [baseline, faulted]) {
      const late = result.mails.flatMap((m) =>
        m.items
          .filter((i) => {
            const settled = result.settled.get(i.instance);
            return (
              settled !== undefined &&
              (m.date > settled || (m.date === settled && m.time >= ACTION_TIME))
            );
          })
          .map((i) => `${m.date} ${m.time} ${i.instance} ${i.stage}`),
      );
      expect(late).toEqual([]);
    }
    // The late policy settles what it owes within the span (so the check above bites).
    expect(faulted.settled.size).toBeGreaterThan(40);
  });
});
