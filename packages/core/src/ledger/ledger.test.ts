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

  it("sends a claim a crashed run left behind once its lease has run out", async () => {
    const claimed = await as(() => Ledger.claim(TENANT, message("n:3")));
    const busy = await as(() => Ledger.deliver(TENANT, message("n:3")));
    now = new Date(now.getTime() + Ledger.LEASE_MS + 1_000);
    const [a, b] = await as(() => Promise.all([Ledger.sweep(TENANT), Ledger.sweep(TENANT)]));

    expect(claimed.outcome).toBe("claimed");
    expect(busy).toBe("busy");
    expect(a.sent + b.sent).toBe(1);
    const mails = (await sentMail(stores.sesUrl)).filter((m) => m.subject === "subject n:3");
    expect(mails).toHaveLength(1);
  });
});
