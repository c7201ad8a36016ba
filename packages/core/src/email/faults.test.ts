import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { Mime } from "../mime/index.ts";
import { Email } from "./index.ts";

/**
 * Faults the SES emulator cannot produce (throttling, rejections, 5xx, a hang), played by a
 * small HTTP server that answers in SES's own Query/XML protocol, so the real SDK parses them.
 * This file runs in its own process (vitest forks), with a production-like configuration set.
 */

Object.assign(process.env, {
  AWS_REGION: "ap-southeast-1",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  SST_RESOURCE_App: JSON.stringify({ name: "tenggat", stage: "test" }),
  SST_RESOURCE_Email: JSON.stringify({
    sender: "tenggat@sambas.example",
    configSet: "tenggat-production",
    type: "sst.aws.Email",
  }),
});

type Reply = (req: IncomingMessage, res: ServerResponse, body: URLSearchParams) => void;

let server: Server;
let endpoint: string;
let reply: Reply;
let requests: URLSearchParams[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      requests.push(body);
      reply(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
});

function sesError(status: number, code: string, message: string): Reply {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "text/xml" });
    res.end(
      `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
    );
  };
}

const ok: Reply = (_req, res) => {
  res.writeHead(200, { "content-type": "text/xml" });
  res.end(
    `<SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendRawEmailResult><MessageId>0100018f-test-message-id</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></SendRawEmailResponse>`,
  );
};

const raw = Mime.build({
  from: { name: "Tenggat", email: "tenggat@sambas.example" },
  to: [{ name: "Budi", email: "budi@sambas.example" }],
  subject: "[Tenggat] uji",
  date: new Date("2027-02-01T01:00:00Z"),
  text: "uji",
  seed: "faults",
});

async function failure(client = Email.createClient({ endpoint, maxAttempts: 1 })) {
  try {
    await Email.send({ raw, to: ["budi@sambas.example"] }, { client });
  } catch (error) {
    expect(error).toBeInstanceOf(Email.SendError);
    return error as Email.SendError;
  }
  throw new Error("send did not fail");
}

describe("Email.send request", () => {
  it("sends Source, Destinations, the configuration set, tags and the raw bytes", async () => {
    reply = ok;
    const client = Email.createClient({ endpoint, maxAttempts: 1 });

    const sent = await Email.send(
      { raw, to: ["budi@sambas.example", "sri@sambas.example"], tags: { kind: "digest" } },
      { client },
    );

    expect(sent).toEqual({ messageId: "0100018f-test-message-id" });
    expect(requests).toHaveLength(1);
    const body = requests[0] as URLSearchParams;
    expect(body.get("Action")).toBe("SendRawEmail");
    expect(body.get("Source")).toBe("tenggat@sambas.example");
    expect(body.get("Destinations.member.1")).toBe("budi@sambas.example");
    expect(body.get("Destinations.member.2")).toBe("sri@sambas.example");
    expect(body.get("ConfigurationSetName")).toBe("tenggat-production");
    expect(body.get("Tags.member.1.Name")).toBe("kind");
    expect(body.get("Tags.member.1.Value")).toBe("digest");
    expect(Buffer.from(body.get("RawMessage.Data") ?? "", "base64").equals(raw)).toBe(true);
  });

  it("refuses malformed input before calling SES", async () => {
    const client = Email.createClient({ endpoint, maxAttempts: 1 });
    await expect(Email.send({ raw, to: [] }, { client })).rejects.toBeInstanceOf(VisibleError);
    await expect(
      Email.send({ raw, to: ["budi@sambas.example\r\nX: y"] }, { client }),
    ).rejects.toBeInstanceOf(VisibleError);
    await expect(
      Email.send({ raw: Buffer.alloc(0), to: ["budi@sambas.example"] }, { client }),
    ).rejects.toBeInstanceOf(VisibleError);
    expect(requests).toHaveLength(0);
  });
});

describe("Email.send failures", () => {
  it("throttling is retryable, and the SDK itself retries it first", async () => {
    reply = sesError(400, "Throttling", "Maximum sending rate exceeded.");
    const error = await failure(Email.createClient({ endpoint, maxAttempts: 2 }));
    expect(error.kind).toBe("retryable");
    expect(error.retryable).toBe(true);
    expect(error.code).toBe("email.throttled");
    expect(requests).toHaveLength(2);
  });

  it("an exhausted daily quota is retryable, but not soon", async () => {
    reply = sesError(400, "Throttling", "Daily message quota exceeded.");
    const error = await failure();
    expect(error.kind).toBe("retryable");
    expect(error.code).toBe("email.daily_quota");
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(60 * 60_000);
  });

  it("a rejected message is permanent", async () => {
    reply = sesError(400, "MessageRejected", "Email address is not verified.");
    const error = await failure();
    expect(error.kind).toBe("permanent");
    expect(error.code).toBe("email.rejected");
    expect(error.message).toContain("Email address is not verified.");
  });

  it("an unverified MAIL FROM domain is permanent", async () => {
    reply = sesError(400, "MailFromDomainNotVerifiedException", "not verified");
    const error = await failure();
    expect(error.kind).toBe("permanent");
    expect(error.code).toBe("email.sender_not_verified");
  });

  it("an invalid address is permanent", async () => {
    reply = sesError(400, "InvalidParameterValue", "Illegal address");
    const error = await failure();
    expect(error.kind).toBe("permanent");
    expect(error.code).toBe("email.invalid_address");
  });

  it("a server error is retryable", async () => {
    reply = sesError(503, "ServiceUnavailable", "Service is unavailable.");
    const error = await failure();
    expect(error.kind).toBe("retryable");
    expect(error.code).toBe("email.server");
  });

  it("a hanging request times out quickly and is retryable", async () => {
    reply = () => {}; // never answers, like the emulator for actions it does not know
    const begin = Date.now();
    const error = await failure(
      Email.createClient({ endpoint, maxAttempts: 1, requestTimeoutMs: 300 }),
    );
    expect(Date.now() - begin).toBeLessThan(5_000);
    expect(error.kind).toBe("retryable");
    expect(error.code).toBe("email.timeout");
  });

  it("a refused connection is retryable", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await failure(
      Email.createClient({ endpoint: `http://127.0.0.1:${closedPort}`, maxAttempts: 1 }),
    );
    expect(error.kind).toBe("retryable");
    expect(["email.network", "email.timeout"]).toContain(error.code);
  });
});

describe("Email.classify", () => {
  it("maps names, codes and statuses", () => {
    const cases: [unknown, Email.FailureKind, string][] = [
      [{ name: "ThrottlingException", message: "Rate exceeded" }, "retryable", "email.throttled"],
      [{ name: "MaxSendingRateExceeded", message: "" }, "retryable", "email.throttled"],
      [{ name: "X", $metadata: { httpStatusCode: 502 } }, "retryable", "email.server"],
      [{ name: "X", $metadata: { httpStatusCode: 429 } }, "retryable", "email.throttled"],
      [
        Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
        "retryable",
        "email.network",
      ],
      [{ name: "TimeoutError", message: "Request timed out" }, "retryable", "email.timeout"],
      [
        { name: "ExpiredToken", $metadata: { httpStatusCode: 403 } },
        "retryable",
        "email.credentials_expired",
      ],
      [{ name: "AccountSendingPausedException", message: "" }, "permanent", "email.sending_paused"],
      [{ name: "ConfigurationSetDoesNotExistException", message: "" }, "permanent", "email.config"],
      [{ name: "AccessDenied", $metadata: { httpStatusCode: 403 } }, "permanent", "email.refused"],
      [new TypeError("x is undefined"), "permanent", "email.unknown"],
    ];
    for (const [error, kind, code] of cases) {
      const classified = Email.classify(error);
      expect([classified.kind, classified.code], JSON.stringify(error)).toEqual([kind, code]);
      expect(classified.cause).toBe(error);
    }
  });
});
