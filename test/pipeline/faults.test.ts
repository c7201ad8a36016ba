import { Actor } from "@tenggat/core/actor";
import { Sweep } from "@tenggat/core/sweep";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Pipeline, PROVINCE, pipeline, type Stub, stub } from "./world.ts";

/**
 * What goes wrong on the way up: a receiver down for a day, a receiver that refuses for good,
 * and everything a province must refuse (unsigned, tampered, wrong secret, stale, unknown or
 * removed member), duplicates stored once, and versions arriving out of order.
 */
describe("delivery and receipt under faults", () => {
  let now = new Date("2027-09-06T02:00:00Z");
  let p: Pipeline;
  let receiver: Stub;
  const secret = `whsec_${Buffer.from("district-secret-0123456789abcdef").toString("base64")}`;

  const person = (tenant: string, offices: string[]): Actor.Actor => ({
    type: "person",
    tenant,
    personId: `per_${offices[0]}`,
    name: offices[0] ?? "",
    offices,
  });
  const as = <R>(tenant: string, offices: string[], fn: () => Promise<R>) =>
    Actor.provide(person(tenant, offices), fn, () => now);

  beforeAll(async () => {
    p = await pipeline(() => now);
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(new Date("2027-01-20T01:00:00Z"), { tenants: ["sambas"] });
    receiver = await stub();
  }, 60_000);

  afterAll(async () => {
    await receiver?.stop();
    await p?.stop();
  });

  async function approvedPackage(tenant: string) {
    const { Submission } = await import("@tenggat/core/submission");
    const drafted = await as(tenant, ["gt.ketua-harian"], () => Submission.draft({ year: 2027 }));
    const first = await as(tenant, ["gt.ketua-harian"], () =>
      Submission.approve({ id: drafted.info.id, version: drafted.info.version }),
    );
    return as(tenant, ["gt.ketua"], () =>
      Submission.approve({ id: first.id, version: first.version }),
    );
  }

  it("retries with the same webhook-id while the receiver is down for a day, then delivers once", async () => {
    // Arrange
    const { Federation } = await import("@tenggat/core/federation");
    const { Obligation } = await import("@tenggat/core/obligation");
    await as("sambas", ["gt.sekretaris"], () =>
      Federation.setUpstreams({
        version: 0,
        upstreams: [{ id: "kalbar", name: "Provinsi", url: receiver.url, secret }],
      }),
    );
    const approved = await approvedPackage("sambas");
    receiver.answer = 503;

    // Act: delivered while down; the sweep runs every hour for a day; the receiver comes back.
    const started = await as("sambas", ["gt.ketua-harian"], () =>
      Federation.deliver({ id: approved.id, version: approved.version }),
    );
    const t0 = now.getTime();
    for (let hour = 1; hour <= 24; hour++) {
      now = new Date(t0 + hour * 3600_000);
      await Sweep.upward(now);
    }
    const whileDown = receiver.received.length;
    const pending = await Federation.deliveriesOf("sambas", approved.id);
    receiver.answer = 200;
    for (let hour = 25; hour <= 32; hour++) {
      now = new Date(t0 + hour * 3600_000);
      await Sweep.upward(now);
    }

    // Assert
    expect(started.deliveries[0]).toMatchObject({ state: "pending", attempts: 1 });
    expect(started.deliveries[0]?.lastError).toContain("HTTP 503");
    expect(pending[0]).toMatchObject({ state: "pending" });
    // Backoff: 1, 2, 4 … minutes, at most 6 hours apart: a dozen attempts in a day, not 24.
    expect(whileDown).toBeGreaterThan(5);
    expect(whileDown).toBeLessThan(20);
    const ok = receiver.received.filter((r) => r.answered === 200);
    expect(ok).toHaveLength(1);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(
      new Set(["sambas.sbm-2027-h1.v1"]),
    );
    // Each attempt is signed afresh at its own instant, over the same bytes.
    const { Federation: F } = await import("@tenggat/core/federation");
    for (const r of receiver.received) {
      const at = new Date(Number(r.headers["webhook-timestamp"]) * 1000);
      expect(at.getTime()).toBeGreaterThanOrEqual(t0);
      expect(() => F.verify(secret, r.headers as Record<string, string>, r.body, at)).not.toThrow();
      expect(r.body).toBe(receiver.received[0]?.body);
    }
    const [done] = await Federation.deliveriesOf("sambas", approved.id);
    expect(done).toMatchObject({
      state: "delivered",
      receipt: { id: `stub-${receiver.received.length}` },
    });
    const instance = await Obligation.get("sambas", "national-submission:gt:2027");
    expect(instance?.status).toBe("satisfied");
    // Nothing more is sent once delivered.
    await Sweep.upward(new Date(t0 + 40 * 3600_000));
    expect(receiver.received.filter((r) => r.answered === 200)).toHaveLength(1);
  });

  it("stops at a permanent refusal, says why and counts the metric the alarm watches", async () => {
    const { Federation } = await import("@tenggat/core/federation");
    const { Submission } = await import("@tenggat/core/submission");
    const { Observe } = await import("@tenggat/core/observe");
    Observe.flush();
    const refusing = await stub();
    refusing.answer = 410;
    await as(PROVINCE, ["gt.sekretaris"], () =>
      Federation.setUpstreams({
        version: 0,
        upstreams: [{ id: "kementerian", name: "Kementerian", url: refusing.url, secret }],
      }),
    );
    const approved = await approvedPackage(PROVINCE);
    const result = await as(PROVINCE, ["gt.ketua-harian"], () =>
      Federation.deliver({ id: approved.id, version: approved.version }),
    );
    await Sweep.upward(new Date(now.getTime() + 3600_000));
    expect(result.deliveries[0]).toMatchObject({ state: "failed", attempts: 1 });
    expect(result.deliveries[0]?.lastError).toContain("HTTP 410");
    expect(refusing.received).toHaveLength(1);
    expect((await Submission.get(PROVINCE, approved.id))?.status).toBe("delivering");
    // The metric of infra/alarms.ts's DeliveriesUpwardFailedAlarm, once (the sweep tried no more).
    expect(Observe.counts().DeliveriesUpwardFailed).toBe(1);
    expect(Observe.counts().DeliveriesUpward).toBeUndefined();
    const shown = await p.call("GET", `/v1/submissions/${approved.id}`, {
      token: await p.signIn(PROVINCE, "gt.ketua@kalbar.example"),
    });
    expect(shown.body.deliveries[0]).toMatchObject({ state: "failed", upstream: "kementerian" });
    expect(shown.body.deliveries[0].lastError).toContain("HTTP 410");

    // Once the upstream is fixed, asking to deliver again retries it, with the same webhook-id.
    refusing.answer = 200;
    const current = await Submission.get(PROVINCE, approved.id);
    const retried = await as(PROVINCE, ["gt.ketua-harian"], () =>
      Federation.deliver({ id: approved.id, version: current?.version ?? 0 }),
    );
    expect(retried.deliveries[0]).toMatchObject({ state: "delivered", attempts: 1 });
    expect(refusing.received).toHaveLength(2);
    expect(refusing.received[1]?.headers["webhook-id"]).toBe(
      refusing.received[0]?.headers["webhook-id"],
    );
    await refusing.stop();
  });

  describe("the province's receiver", () => {
    const memberSecret = `whsec_${Buffer.from("mempawah-secret-0123456789abcdef").toString("base64")}`;
    let pkg: Record<string, unknown>;
    const inbound = `/v1/inbound/submissions?taskForce=${PROVINCE}`;

    async function version(n: number, narrative = "Mempawah") {
      const { Submission } = await import("@tenggat/core/submission");
      const { generatedAt, version: _v, contentHash: _h, ...body } = pkg as Record<string, unknown>;
      const next = {
        ...body,
        taskForce: { id: "mempawah", name: "Kabupaten Mempawah", level: "kabupaten" },
        narrative: `${narrative} v${n}`,
      } as never;
      return Submission.canonical({
        ...(next as object),
        generatedAt,
        version: n,
        contentHash: Submission.hashOf(next),
      });
    }

    function signed(body: string, id: string, options: { key?: string; at?: Date } = {}) {
      const at = options.at ?? now;
      return {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": new Webhook(options.key ?? memberSecret).sign(id, at, body),
      };
    }

    const stored = async () => {
      const { Federation } = await import("@tenggat/core/federation");
      return (await Federation.status(PROVINCE, "2027-H1")).find((s) => s.member === "mempawah");
    };

    beforeAll(async () => {
      const { Federation } = await import("@tenggat/core/federation");
      const { Submission } = await import("@tenggat/core/submission");
      await as(PROVINCE, ["gt.sekretaris"], () =>
        Federation.addMember({ id: "mempawah", name: "Kabupaten Mempawah", secret: memberSecret }),
      );
      pkg = (await Submission.packageOf("sambas", "sbm-2027-h1")).pkg as never;
    });

    it("refuses unsigned, tampered, wrong-secret, stale and unknown deliveries with a JSON 401, storing nothing", async () => {
      const body = await version(1);
      const tampered = body.replace("Mempawah v1", "Mempawah v9");
      const cases: [string, string, Record<string, string>][] = [
        ["unsigned", body, { "content-type": "application/json" }],
        ["tampered", tampered, signed(body, "msg-t")],
        ["wrong secret", body, signed(body, "msg-w", { key: secret })],
        [
          "10 minutes old",
          body,
          signed(body, "msg-o", { at: new Date(now.getTime() - 10 * 60_000) }),
        ],
        [
          "unknown district",
          body.replace('"id":"mempawah"', '"id":"landak"'),
          signed(body.replace('"id":"mempawah"', '"id":"landak"'), "msg-u"),
        ],
      ];
      for (const [what, text, headers] of cases) {
        const answer = await p.call("POST", inbound, { body: text, headers });
        expect(answer.status, what).toBe(401);
        expect(answer.body.error.code, what).toMatch(/^inbound\./);
      }
      expect(await stored()).toMatchObject({ submitted: false });
    });

    it("stores a duplicate once and keeps the newest of versions arriving out of order", async () => {
      const v1 = await version(1);
      const first = await p.call("POST", inbound, { body: v1, headers: signed(v1, "mempawah.v1") });
      const again = await p.call("POST", inbound, { body: v1, headers: signed(v1, "mempawah.v1") });
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ outcome: "stored", version: 1, from: "mempawah" });
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ outcome: "duplicate", receipt: first.body.receipt });

      const v3 = await version(3);
      const v2 = await version(2);
      const third = await p.call("POST", inbound, { body: v3, headers: signed(v3, "mempawah.v3") });
      const second = await p.call("POST", inbound, {
        body: v2,
        headers: signed(v2, "mempawah.v2"),
      });
      expect(third.body.outcome).toBe("stored");
      expect(second.status).toBe(202);
      expect(second.body.outcome).toBe("older");
      expect(await stored()).toMatchObject({
        submitted: true,
        version: 3,
        receipt: third.body.receipt,
      });
      const { Federation } = await import("@tenggat/core/federation");
      const [kept] = (await Federation.receivedFor(PROVINCE, "2027-H1")).filter(
        (r) => r.taskForce === "mempawah",
      );
      expect(kept?.package.narrative).toBe("Mempawah v3");
    });

    it("refuses a district removed from the members", async () => {
      const { Federation } = await import("@tenggat/core/federation");
      await as(PROVINCE, ["gt.sekretaris"], () => Federation.removeMember("mempawah"));
      const v4 = await version(4);
      const answer = await p.call("POST", inbound, {
        body: v4,
        headers: signed(v4, "mempawah.v4"),
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe("inbound.unknown_sender");
      expect(await stored()).toMatchObject({ version: 3, active: false });
    });
  });
});
