import { clearMail, type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { sambasSeed } from "@tenggat/local/sambas";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { install } from "../../../test/installed.ts";

/** Every Lambda entry point, invoked with the event AWS would give it, against the embedded stores. */
describe("Lambda handlers with realistic AWS events", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
    // Seed.install's items, copied when an earlier file of the run made the same install.
    await install(stores.tableName, [sambasSeed()]);
  });
  afterAll(async () => {
    await stores.stop();
  });

  /** An API Gateway HTTP API (payload 2.0) event — the same shape a function URL sends. */
  function httpEvent(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return {
      version: "2.0",
      routeKey: "$default",
      rawPath: path,
      rawQueryString: "",
      headers: {
        host: "abc123.execute-api.ap-southeast-3.amazonaws.com",
        "x-forwarded-proto": "https",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      requestContext: {
        accountId: "123456789012",
        apiId: "abc123",
        domainName: "abc123.execute-api.ap-southeast-3.amazonaws.com",
        domainPrefix: "abc123",
        http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "curl/8" },
        requestId: "req-1",
        routeKey: "$default",
        stage: "$default",
        time: "30/Nov/2026:01:00:00 +0000",
        timeEpoch: 1_796_000_000_000,
      },
      ...(body !== undefined
        ? { body: JSON.stringify(body), isBase64Encoded: false }
        : { isBase64Encoded: false }),
    };
  }

  it("api: serves the OpenAPI document, validates, authenticates", async () => {
    const { handler } = await import("./api/lambda.ts");
    const lambdaContext = {} as never;
    const doc = (await handler(httpEvent("GET", "/openapi.json") as never, lambdaContext)) as {
      statusCode: number;
      body: string;
    };
    expect(doc.statusCode).toBe(200);
    expect(JSON.parse(doc.body).openapi).toBe("3.1.0");

    const bad = (await handler(
      httpEvent("POST", "/v1/auth/sign-in", { taskForce: "sambas" }) as never,
      lambdaContext,
    )) as {
      statusCode: number;
      body: string;
    };
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.issues[0].path).toBe("email");

    const signIn = (await handler(
      httpEvent("POST", "/v1/auth/sign-in", {
        taskForce: "sambas",
        email: "gt.sekretaris@sambas.example",
      }) as never,
      lambdaContext,
    )) as { statusCode: number };
    expect(signIn.statusCode).toBe(202);
    const link = (await sentMail(stores.sesUrl)).filter((m) =>
      m.destination.to.some((t) => t.includes("gt.sekretaris@sambas.example")),
    );
    expect(link).toHaveLength(1);
    expect(link[0]?.body.text).toMatch(/\/masuk\/tautan\?tf=sambas&code=[A-Za-z0-9_-]+/);

    const anonymous = (await handler(httpEvent("GET", "/v1/units") as never, lambdaContext)) as {
      statusCode: number;
    };
    expect(anonymous.statusCode).toBe(401);
  });

  // The jobs read the real clock (they are the edge): tests that fix it restore it.
  afterEach(() => {
    vi.useRealTimers();
  });

  it("daily job: enqueues one message per task force; the queue's consumer runs each", async () => {
    const { dailyHandler } = await import("./jobs/daily.ts");
    const consumer = await import("./jobs/daily-tenant.ts");
    const { createQueue } = await import("@tenggat/local/queue");
    const queue = createQueue(consumer.handler);
    // EventBridge Scheduler passes the schedule's input; SST's CronV2 gives none, so `{}`.
    const context = { awsRequestId: "req-daily-1" };
    const result = await dailyHandler(() => queue)({}, context);
    expect(result.enqueued).toBe(1);
    await queue.drain();
    expect(queue.done.map((m) => m.tenant)).toEqual(["sambas"]);

    // An SQS event as Lambda delivers it: a record that is no task-force message fails alone.
    const sqsRecord = (messageId: string, body: string) => ({
      messageId,
      receiptHandle: `rh-${messageId}`,
      body,
      attributes: { ApproximateReceiveCount: "1" },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:ap-southeast-3:123456789012:DailyQueue",
      awsRegion: "ap-southeast-3",
    });
    const batch = await consumer.handler(
      {
        Records: [
          sqsRecord("m-1", JSON.stringify({ tenant: "sambas", at: new Date().toISOString() })),
          sqsRecord("m-2", "{}"),
        ],
      },
      context,
    );
    expect(batch).toEqual({ batchItemFailures: [{ itemIdentifier: "m-2" }] });
  });

  it("sweep job: runs on its schedule's invocation", async () => {
    const { handler } = await import("./jobs/sweep.ts");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-02-08T02:00:00Z"));
    const result = await handler({});
    expect(result.results.map((r) => [r.tenant, r.error])).toEqual([["sambas", undefined]]);
  });

  it("SES feedback: a permanent bounce published through SNS suppresses the address", async () => {
    const { handler } = await import("./events/ses-feedback.ts");
    const message = {
      eventType: "Bounce",
      bounce: {
        bounceType: "Permanent",
        bounceSubType: "General",
        bouncedRecipients: [
          { emailAddress: "sgt-a.koordinator@sambas.example", status: "5.1.1", action: "failed" },
        ],
        timestamp: "2026-11-30T01:02:03.000Z",
        feedbackId: "0100018c-feedback",
      },
      mail: {
        timestamp: "2026-11-30T01:00:00.000Z",
        source: "tenggat@sambas.example",
        messageId: "0100018c-msg",
        destination: ["sgt-a.koordinator@sambas.example"],
      },
    };
    const event = {
      Records: [
        {
          EventSource: "aws:sns",
          EventVersion: "1.0",
          EventSubscriptionArn: "arn:aws:sns:ap-southeast-3:123456789012:EmailFeedback:1",
          Sns: {
            Type: "Notification",
            MessageId: "sns-1",
            TopicArn: "arn:aws:sns:ap-southeast-3:123456789012:EmailFeedback",
            Subject: null,
            Message: JSON.stringify(message),
            Timestamp: "2026-11-30T01:02:04.000Z",
            SignatureVersion: "1",
            Signature: "x",
            SigningCertUrl: "https://sns.example/cert.pem",
            UnsubscribeUrl: "https://sns.example/unsubscribe",
            MessageAttributes: {},
          },
        },
      ],
    };
    const result = await handler(event);
    expect(result.suppressed).toEqual(["sgt-a.koordinator@sambas.example"]);
    const { Suppression } = await import("@tenggat/core/suppression");
    expect(await Suppression.isSuppressed("sgt-a.koordinator@sambas.example")).toBe(true);
    // The deputy now receives the coordinator's share.
    const { Notify } = await import("@tenggat/core/notify");
    const { Actor } = await import("@tenggat/core/actor");
    const people = await Actor.provide({ type: "system", tenant: "sambas", job: "test" }, () =>
      Notify.recipients("sambas", ["sgt-a.koordinator"], "2026-11-30"),
    );
    expect(people.map((p) => p.person.email)).toEqual(["sgt-a.wakil-koordinator@sambas.example"]);
  });

  it("api: a create stores its intent and tells the outbox queue; the consumer mails it once", async () => {
    const { lambdaHandler } = await import("./api/lambda.ts");
    const outbox = await import("./jobs/outbox.ts");
    const { createQueue } = await import("@tenggat/local/queue");
    const { taskForce } = await import("@tenggat/local/fixture");
    const { Outbox } = await import("@tenggat/core/outbox");
    const tenant = "uji-antrian";
    const fixture = await taskForce({
      tenant,
      now: new Date(),
      offices: { koorA: "sgt-a.koordinator", pkk: "sgt-a.anggota.tp-pkk" },
    });
    await clearMail(stores.sesUrl);
    const told: { tenant: string }[] = [];
    const handler = lambdaHandler(() => ({
      send: async (messages) => void told.push(...messages),
    }));

    const made = (await handler(
      httpEvent(
        "POST",
        "/v1/tasks",
        { title: "Rekap data antrean", office: "sgt-a.anggota.tp-pkk", due: "2027-04-30" },
        { authorization: `Bearer ${fixture.tokens.koorA}` },
      ) as never,
      { awsRequestId: "req-create-1" } as never,
    )) as { statusCode: number; body: string };

    // Answered with the task stored, no mail sent inside the request, the intent kept.
    expect(made.statusCode).toBe(201);
    expect(await sentMail(stores.sesUrl)).toEqual([]);
    expect(told).toEqual([{ tenant }]);
    const owed = await Outbox.waiting(tenant);
    expect(owed.map((i) => i.event.action)).toEqual(["task.assigned"]);

    // The consumer, fed by the local stand-in of SQS: the message twice (SQS delivers at least
    // once) and a burst of the same task force coalesce into exactly one mail.
    const queue = createQueue<{ tenant: string }>(outbox.handler);
    await queue.send([...told, ...told]);
    await queue.drain();
    await queue.send(told);
    await queue.drain();
    const mails = (await sentMail(stores.sesUrl)).filter((m) =>
      m.destination.to.some((t) => t.includes("pkk@uji.example")),
    );
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining("Rekap data antrean")]);
    expect(await Outbox.waiting(tenant)).toEqual([]);
    expect(queue.deadLetters).toEqual([]);

    // A record naming no task force fails alone (partial batch response).
    const batch = await outbox.handler({
      Records: [
        { messageId: "o-1", body: JSON.stringify({ tenant }) },
        { messageId: "o-2", body: "not json" },
      ],
    });
    expect(batch).toEqual({ batchItemFailures: [{ itemIdentifier: "o-2" }] });

    // SQS unreachable: the request completes its own intents, so the mail does not wait for the
    // sweep (office hours only); the change is answered 201 all the same.
    const failing = lambdaHandler(() => ({
      send: async () => {
        throw new Error("SQS unreachable");
      },
    }));
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const second = (await failing(
      httpEvent(
        "POST",
        "/v1/tasks",
        { title: "Rekap tanpa antrean", office: "sgt-a.anggota.tp-pkk", due: "2027-04-30" },
        { authorization: `Bearer ${fixture.tokens.koorA}` },
      ) as never,
      { awsRequestId: "req-create-2" } as never,
    )) as { statusCode: number };
    error.mockRestore();
    expect(second.statusCode).toBe(201);
    expect(await Outbox.waiting(tenant)).toEqual([]);
    const direct = (await sentMail(stores.sesUrl)).filter((m) =>
      m.subject.includes("Rekap tanpa antrean"),
    );
    expect(direct).toHaveLength(1);
  });

  it("SES feedback: a Send event marks its mail's claimed ledger entry sent, once", async () => {
    const { handler } = await import("./events/ses-feedback.ts");
    const { Ledger } = await import("@tenggat/core/ledger");
    const { Actor } = await import("@tenggat/core/actor");
    const id = "task:tsk_handler:v1:task-assigned:per_x";
    // A process claimed the mail, SES accepted it, the process died before marking it.
    await Actor.provide({ type: "system", tenant: "sambas", job: "test" }, () =>
      Ledger.claim("sambas", {
        id,
        kind: "event",
        date: "2026-11-30",
        to: ["sgt-a.koordinator@sambas.example"],
        subject: "s",
        raw: Buffer.from("Subject: s\r\n\r\nbody\r\n"),
      }),
    );
    const message = {
      eventType: "Send",
      mail: {
        timestamp: "2026-11-30T01:00:00.000Z",
        source: "tenggat@sambas.example",
        messageId: "0100018c-send",
        destination: ["sgt-a.koordinator@sambas.example"],
        headersTruncated: false,
        headers: [{ name: "X-Tenggat-Ledger", value: `sambas/${id}` }],
        tags: {
          "ses:configuration-set": ["tenggat-production-MailConfigSet"],
          ledger: [Ledger.tagValue("sambas", id)],
        },
      },
      send: {},
    };
    const event = {
      Records: [{ Sns: { Message: JSON.stringify(message), Timestamp: "2026-11-30T01:00:01Z" } }],
    };

    const first = await handler(event);
    const again = await handler(event); // SNS may deliver twice

    expect([first.confirmed, again.confirmed]).toEqual([1, 1]);
    expect(first.suppressed).toEqual([]);
    expect(await Ledger.get("sambas", id)).toMatchObject({
      status: "sent",
      messageId: "0100018c-send",
      sentAt: "2026-11-30T01:00:00.000Z",
      confirmedAt: "2026-11-30T01:00:00.000Z",
    });
    // Out of the outbox: no sweep will send it again.
    expect((await Ledger.pending("sambas")).map((e) => e.id)).not.toContain(id);
  });
});
