import { SESServiceException } from "@aws-sdk/client-ses";
import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actor } from "../actor/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { Email } from "../email/index.ts";
import { Ledger } from "./index.ts";

const TENANT = "uji-ledger";
let now = new Date("2027-03-01T01:00:00Z");
const as = <R>(fn: () => R) =>
  Actor.provide({ type: "system", tenant: TENANT, job: "test" }, fn, () => now);

function message(id: string): Ledger.Message {
  return {
    id,
    kind: "digest",
    date: "2027-03-01",
    to: [`${id.replaceAll(":", "-")}@uji.example`],
    subject: `subject ${id}`,
    raw: Buffer.from(
      `From: tenggat@sambas.example\r\nTo: ${id.replaceAll(":", "-")}@uji.example\r\nSubject: subject ${id}\r\n\r\nbody\r\n`,
    ),
  };
}

/** An SES client whose first `failures` sends are throttled, then forwards to the embedded SES. */
function throttling(failures: number) {
  const client = Email.createClient({ maxAttempts: 1 });
  let left = failures;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (left-- > 0) {
        throw new SESServiceException({
          name: "Throttling",
          $fault: "client",
          $metadata: { httpStatusCode: 400 },
          message: "Maximum sending rate exceeded.",
        });
      }
      return next(args);
    },
    { step: "initialize", name: "injectThrottling" },
  );
  return client;
}

const noSleep = async () => undefined;

describe("the notification ledger", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
  });
  afterAll(async () => {
    await stores.stop();
  });

  it("records a sent notification as sent (without its stored message) and never sends it again", async () => {
    const first = await as(() => Ledger.deliver(TENANT, message("n:1")));
    const again = await as(() => Ledger.deliver(TENANT, message("n:1")));

    expect([first, again]).toEqual(["sent", "already"]);
    const entry = await Ledger.get(TENANT, "n:1");
    expect(entry).toMatchObject({ status: "sent", attempts: 1 });
    const k = Key.notification(TENANT, "n:1");
    expect((await Dynamo.get(k.pk, k.sk))?.raw).toBeUndefined();
    const mails = (await sentMail(stores.sesUrl)).filter((m) => m.subject === "subject n:1");
    expect(mails.map((m) => m.messageId)).toEqual([entry?.messageId]);
  });

  it("leaves a throttled send claimed, and a sweep after the back-off sends it once", async () => {
    const outcome = await as(() =>
      Ledger.deliver(TENANT, message("n:2"), {
        client: throttling(Ledger.ATTEMPTS),
        sleep: noSleep,
      }),
    );
    const early = await as(() => Ledger.sweep(TENANT));
    now = new Date(now.getTime() + 61_000);
    const late = await as(() => Ledger.sweep(TENANT));
    const later = await as(() => Ledger.sweep(TENANT));

    expect(outcome).toBe("retry");
    expect(early.sent).toBe(0);
    expect(late.sent).toBe(1);
    expect(later.sent).toBe(0);
    expect(await Ledger.get(TENANT, "n:2")).toMatchObject({ status: "sent" });
    const mails = (await sentMail(stores.sesUrl)).filter((m) => m.subject === "subject n:2");
    expect(mails).toHaveLength(1);
  });

  it("sends a claim a crashed run left behind once its lease and confirmation window have run out", async () => {
    const claimed = await as(() => Ledger.claim(TENANT, message("n:3")));
    const busy = await as(() => Ledger.deliver(TENANT, message("n:3")));
    now = new Date(now.getTime() + Ledger.LEASE_MS + 1_000);
    const inDoubt = await as(() => Ledger.sweep(TENANT));
    now = new Date(now.getTime() + Ledger.CONFIRM_MS);
    const [a, b] = await as(() => Promise.all([Ledger.sweep(TENANT), Ledger.sweep(TENANT)]));

    expect(claimed.outcome).toBe("claimed");
    expect(busy).toBe("busy");
    expect(inDoubt.sent).toBe(0);
    expect(a.sent + b.sent).toBe(1);
    const mails = (await sentMail(stores.sesUrl)).filter((m) => m.subject === "subject n:3");
    expect(mails).toHaveLength(1);
  });

  /**
   * A run that dies after SES accepted its mail and before marking it sent: what SES hears is
   * what the embedded SES accepted, and SES's Send events come from the local stand-in for event
   * publishing (`stores.sesEvents`), here subscribed straight to `Ledger.confirmEvent` (the
   * feedback handler's core). Time is a parameter: the sweeps run at chosen instants.
   */
  describe("a claim in doubt", () => {
    const subjects = async (id: string) =>
      (await sentMail(stores.sesUrl)).filter((m) => m.subject === `subject ${id}`);
    /** Claims and hands the mail to SES as `deliver` would, then "dies" before marking it. */
    async function sendAndDie(id: string) {
      const claimed = await as(() => Ledger.claim(TENANT, message(id)));
      if (claimed.outcome !== "claimed") throw new Error(`${id} not claimed`);
      const tagged = Ledger.identify(TENANT, id, claimed.raw);
      await Email.send({
        raw: tagged.raw,
        to: message(id).to,
        ...(tagged.tags ? { tags: tagged.tags } : {}),
      });
    }
    beforeAll(() => {
      stores.sesEvents.subscribe(async (event) => {
        for (const r of event.Records) await Ledger.confirmEvent(JSON.parse(r.Sns.Message));
      });
    });
    afterAll(() => stores.sesEvents.hold(false));

    it("an ordinary send is marked by its sender, then confirmed by its event, unchanged", async () => {
      const outcome = await as(() => Ledger.deliver(TENANT, message("d:0")));
      const marked = await Ledger.get(TENANT, "d:0");
      await stores.sesEvents.drain();
      const confirmed = await Ledger.get(TENANT, "d:0");

      expect(outcome).toBe("sent");
      expect(confirmed).toMatchObject({
        status: "sent",
        messageId: marked?.messageId,
        sentAt: marked?.sentAt,
      });
      expect(confirmed?.confirmedAt).toEqual(expect.any(String));
      expect(await subjects("d:0")).toHaveLength(1);
    });

    it("is marked sent by its Send event and never sent again", async () => {
      const start = now;
      await sendAndDie("d:1");
      await stores.sesEvents.drain();
      now = new Date(start.getTime() + Ledger.LEASE_MS + Ledger.CONFIRM_MS + 60_000);
      const swept = await as(() => Ledger.sweep(TENANT));
      now = new Date(now.getTime() + 24 * 3_600_000);
      const later = await as(() => Ledger.sweep(TENANT));

      const entry = await Ledger.get(TENANT, "d:1");
      const mails = await subjects("d:1");
      expect(mails).toHaveLength(1);
      expect(entry).toMatchObject({ status: "sent", messageId: mails[0]?.messageId });
      expect(entry?.confirmedAt).toEqual(expect.any(String));
      expect([swept.sent, later.sent]).toEqual([0, 0]);
    });

    it("is sent again once, only after the window, when no Send event came", async () => {
      const start = now;
      // Claimed, then the run died before SES had it: no mail, so no event.
      await as(() => Ledger.claim(TENANT, message("d:2")));
      now = new Date(start.getTime() + Ledger.LEASE_MS + 1_000);
      const afterLease = await as(() => Ledger.sweep(TENANT));
      now = new Date(start.getTime() + Ledger.LEASE_MS + Ledger.CONFIRM_MS - 1_000);
      const lastInWindow = await as(() => Ledger.sweep(TENANT));
      now = new Date(start.getTime() + Ledger.LEASE_MS + Ledger.CONFIRM_MS);
      const pastWindow = await as(() => Ledger.sweep(TENANT));
      await stores.sesEvents.drain();
      now = new Date(now.getTime() + Ledger.LEASE_MS + Ledger.CONFIRM_MS + 1_000);
      const later = await as(() => Ledger.sweep(TENANT));

      expect([afterLease.sent, lastInWindow.sent, pastWindow.sent, later.sent]).toEqual([
        0, 0, 1, 0,
      ]);
      expect(await subjects("d:2")).toHaveLength(1);
      expect(await Ledger.get(TENANT, "d:2")).toMatchObject({ status: "sent", takeovers: 1 });
    });

    it("sent again when its event came later than the window: twice at most, never a third time", async () => {
      const start = now;
      stores.sesEvents.hold(true); // SES's event publishing running late
      await sendAndDie("d:3");
      now = new Date(start.getTime() + Ledger.LEASE_MS + Ledger.CONFIRM_MS + 1_000);
      const resent = await as(() => Ledger.sweep(TENANT));
      stores.sesEvents.hold(false);
      await stores.sesEvents.drain();
      now = new Date(now.getTime() + Ledger.LEASE_MS + Ledger.CONFIRM_MS + 1_000);
      const later = await as(() => Ledger.sweep(TENANT));

      expect([resent.sent, later.sent]).toEqual([1, 0]);
      // The documented residual: at least once (here twice), never lost, never a third.
      expect(await subjects("d:3")).toHaveLength(2);
      expect(await Ledger.get(TENANT, "d:3")).toMatchObject({ status: "sent" });
    });

    it("an unanswered attempt is not retried in-process: it waits for its Send event", async () => {
      // SES accepts, then the answer is lost (a timeout): the SDK error reaches the ledger.
      const client = Email.createClient({ maxAttempts: 1 });
      client.middlewareStack.add(
        (next) => async (args) => {
          await next(args);
          throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        },
        { step: "initialize", name: "loseAnswer" },
      );
      const outcome = await as(() =>
        Ledger.deliver(TENANT, message("d:4"), { client, sleep: noSleep }),
      );
      await stores.sesEvents.drain();
      now = new Date(now.getTime() + 2 * (Ledger.LEASE_MS + Ledger.CONFIRM_MS));
      const swept = await as(() => Ledger.sweep(TENANT));

      expect(outcome).toBe("retry");
      expect(swept.sent).toBe(0);
      expect(await subjects("d:4")).toHaveLength(1);
      expect(await Ledger.get(TENANT, "d:4")).toMatchObject({ status: "sent" });
    });
  });

  it("reads its entry back from a Send event's tag, else its header; other events are ignored", () => {
    const tag = Ledger.tagValue("sambas", "task:tsk_01:v1:task-assigned:per_x.y");
    const mail = { messageId: "m-1", timestamp: "2027-03-01T01:00:00.000Z" };
    const fromTag = Ledger.fromEvent({
      eventType: "Send",
      mail: { ...mail, tags: { ledger: [tag] } },
    });
    const fromHeader = Ledger.fromEvent({
      eventType: "Send",
      mail: { ...mail, headers: [{ name: "x-tenggat-ledger", value: "sambas/rem:a:b" }] },
    });

    expect(tag).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromTag).toMatchObject({
      tenant: "sambas",
      id: "task:tsk_01:v1:task-assigned:per_x.y",
      messageId: "m-1",
    });
    expect(fromHeader).toMatchObject({ tenant: "sambas", id: "rem:a:b" });
    expect(Ledger.fromEvent({ eventType: "Bounce", mail })).toBeUndefined();
    expect(Ledger.fromEvent({ eventType: "Send", mail })).toBeUndefined();
    expect(Ledger.fromTagValue("not_escaped")).toBeUndefined();
  });
});
