import { connect } from "node:net";
import { Email } from "@tenggat/core/email";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Embedded, sentMail, start } from "./embedded.ts";
import type { SnsRecord } from "./ses-events.ts";

/**
 * The local stand-in for SES event publishing: the SDK sends through it to the embedded SES, and
 * each accepted mail becomes one SNS-shaped Send event for the subscribed handler.
 */
let stores: Embedded;
beforeAll(async () => {
  stores = await start();
});
afterAll(async () => {
  await stores.stop();
});

const raw = (subject: string) =>
  Buffer.from(
    [
      "X-Tenggat-Ledger: uji/n:1",
      "From: tenggat@sambas.example",
      "To: a@uji.example",
      `Subject: ${subject}`,
      "X-Long: one",
      " two",
      "",
      "body",
      "",
    ].join("\r\n"),
  );

describe("SES event publishing, locally", () => {
  it("publishes one Send event per accepted mail, with its tags and headers, SNS-shaped", async () => {
    const received: SnsRecord[] = [];
    stores.sesEvents.subscribe(async (event) => {
      received.push(...event.Records);
    });

    const sent = await Email.send({
      raw: raw("satu"),
      to: ["a@uji.example"],
      tags: { ledger: "uji_sn_c1" },
    });
    await stores.sesEvents.drain();

    const stored = (await sentMail(stores.sesUrl)).filter((m) => m.subject === "satu");
    expect(stored.map((m) => m.messageId)).toEqual([sent.messageId]);
    expect(received).toHaveLength(1);
    expect(received[0]?.EventSource).toBe("aws:sns");
    const event = JSON.parse(received[0]?.Sns.Message ?? "{}");
    expect(event.eventType).toBe("Send");
    expect(event.mail.messageId).toBe(sent.messageId);
    expect(event.mail.destination).toEqual(["a@uji.example"]);
    expect(event.mail.tags.ledger).toEqual(["uji_sn_c1"]);
    expect(event.mail.tags["ses:configuration-set"]).toEqual(["local"]);
    expect(event.mail.headers).toEqual(
      expect.arrayContaining([
        { name: "X-Tenggat-Ledger", value: "uji/n:1" },
        { name: "Subject", value: "satu" },
        { name: "X-Long", value: "one two" },
      ]),
    );
    expect(event.mail.commonHeaders.subject).toBe("satu");
  });

  it("retries a failing handler, then keeps the event as a dead letter", async () => {
    let calls = 0;
    stores.sesEvents.subscribe(async () => {
      calls++;
      throw new Error("handler down");
    });

    await Email.send({ raw: raw("dua"), to: ["a@uji.example"] });
    await stores.sesEvents.drain();

    expect(calls).toBe(3);
    expect(stores.sesEvents.deadLetters).toHaveLength(1);
    expect(
      JSON.parse(stores.sesEvents.deadLetters[0]?.Sns.Message ?? "{}").mail.commonHeaders,
    ).toMatchObject({ subject: "dua" });
  });

  it("holds events back while told to, and delivers them after", async () => {
    const received: SnsRecord[] = [];
    stores.sesEvents.subscribe(async (event) => {
      received.push(...event.Records);
    });
    stores.sesEvents.hold(true);

    await Email.send({ raw: raw("tiga"), to: ["a@uji.example"] });
    await stores.sesEvents.drain();
    const whileHeld = received.length;
    stores.sesEvents.hold(false);
    await stores.sesEvents.drain();

    expect(whileHeld).toBe(0);
    expect(received).toHaveLength(1);
  });

  it("forwards and publishes nothing for a request cut off before its body was complete", async () => {
    const before = { ...stores.sesEvents.stats };
    const mails = (await sentMail(stores.sesUrl)).length;
    const { port, hostname } = new URL(stores.sesEvents.url);
    const body = new URLSearchParams({
      Action: "SendRawEmail",
      "RawMessage.Data": raw("empat").toString("base64"),
    }).toString();

    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `POST / HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 40)}`,
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on("close", () => resolve());
    });
    await stores.sesEvents.drain();

    expect((await sentMail(stores.sesUrl)).length).toBe(mails);
    expect(stores.sesEvents.stats.published).toBe(before.published);
  });
});
