/**
 * An in-process stand-in for SES configuration-set event publishing (there is none in
 * aws-ses-v2-local), as `queue.ts` stands in for SQS: a relay in front of the embedded SES that
 * passes every request through unchanged and, for each `SendRawEmail` the embedded SES accepted
 * (answered with a MessageId), publishes a **Send** event shaped as SES publishes it to SNS and
 * SNS delivers it to a Lambda (`{ Records: [{ Sns: { Message } }] }`), to the subscribed handler
 * — in Tenggat the very `ses-feedback` handler AWS invokes.
 *
 * Why a relay and not a reader of the emulator's `GET /store`: the store keeps neither the
 * message tags nor the raw headers, and the Send event carries both (`mail.tags`,
 * `mail.headers`); the relay sees the request that the emulator accepted and its MessageId, so
 * each event matches one stored mail (same `messageId`).
 *
 * Like SES, it publishes whatever happens to the sender afterwards: a request wholly received is
 * forwarded and published even if the sending process dies before reading the answer; one cut
 * off mid-body is dropped, as SES would never have received it. Like SNS → Lambda (asynchronous
 * invocation), a handler that throws is retried (twice), then the event is kept as a dead letter.
 * Without a subscriber an event is dropped, as SNS drops what a topic without subscriptions gets.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One SNS record as Lambda receives it. */
export interface SnsRecord {
  EventSource: "aws:sns";
  EventVersion: "1.0";
  EventSubscriptionArn: string;
  Sns: {
    Type: "Notification";
    MessageId: string;
    TopicArn: string;
    Subject: null;
    Message: string;
    Timestamp: string;
    SignatureVersion: "1";
    Signature: string;
    SigningCertUrl: string;
    UnsubscribeUrl: string;
    MessageAttributes: Record<string, never>;
  };
}

export type Subscriber = (event: { Records: SnsRecord[] }) => Promise<unknown>;

export interface SesEventsOptions {
  /** The embedded SES (aws-ses-v2-local) the relay forwards to. */
  target: string;
  host?: string;
  /** 0 (any free port) when absent. */
  port?: number;
  /** The configuration set named in events (`ses:configuration-set`). */
  configSet?: string;
  /** Deliveries per event before it is a dead letter (Lambda's asynchronous invocation: 3). */
  maxAttempts?: number;
}

export interface SesEvents {
  /** Where the SES SDK client is pointed (`AWS_ENDPOINT_URL_SES`). */
  url: string;
  /** Subscribes the handler SNS would invoke (one; a later call replaces it). */
  subscribe(subscriber: Subscriber): void;
  /** Resolves once every event published so far has been delivered or dead-lettered. */
  drain(): Promise<void>;
  /**
   * Holds events back instead of delivering them (`true`) and lets them go again (`false`):
   * stands for SES's event publishing running late, for tests of what that costs.
   */
  hold(held: boolean): void;
  /** Counts: events published, delivered to the subscriber, dropped (no subscriber). */
  readonly stats: { published: number; delivered: number; dropped: number };
  /** Events the subscriber failed `maxAttempts` times. */
  readonly deadLetters: SnsRecord[];
  stop(): Promise<void>;
}

const ACCOUNT = "000000000000";
const TOPIC = `arn:aws:sns:local:${ACCOUNT}:EmailFeedback`;

/** The header block of a raw message, unfolded, as SES lists it in `mail.headers`. */
export function headersOf(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString("utf8");
  const end = text.search(/\r?\n\r?\n/);
  const block = end === -1 ? text : text.slice(0, end);
  const headers: { name: string; value: string }[] = [];
  for (const line of block.split(/\r?\n/)) {
    const last = headers.at(-1);
    if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(":");
      if (colon > 0)
        headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
    }
  }
  return headers;
}

/** SES v1 form parameters `Tags.member.N.Name` / `.Value` as SES event `mail.tags`. */
function tagsOf(form: URLSearchParams): Record<string, string[]> {
  const tags: Record<string, string[]> = {};
  for (let n = 1; form.has(`Tags.member.${n}.Name`); n++) {
    const name = form.get(`Tags.member.${n}.Name`) ?? "";
    tags[name] = [form.get(`Tags.member.${n}.Value`) ?? ""];
  }
  return tags;
}

/** The Send event SES would publish for an accepted `SendRawEmail` (the fields Tenggat reads and a few more). */
export function sendEvent(
  form: URLSearchParams,
  messageId: string,
  at: Date,
  configSet: string,
): Record<string, unknown> {
  const raw = Buffer.from(form.get("RawMessage.Data") ?? "", "base64");
  const headers = headersOf(raw);
  const header = (name: string) =>
    headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
  const destination: string[] = [];
  for (let n = 1; form.has(`Destinations.member.${n}`); n++) {
    destination.push(form.get(`Destinations.member.${n}`) ?? "");
  }
  const source = form.get("Source") ?? header("From") ?? "";
  return {
    eventType: "Send",
    mail: {
      timestamp: at.toISOString(),
      source,
      sendingAccountId: ACCOUNT,
      messageId,
      destination,
      headersTruncated: false,
      headers,
      commonHeaders: {
        from: [header("From") ?? source],
        to: destination,
        messageId,
        subject: header("Subject") ?? "",
      },
      tags: {
        "ses:configuration-set": [form.get("ConfigurationSetName") ?? configSet],
        "ses:caller-identity": ["local"],
        "ses:source-ip": ["127.0.0.1"],
        ...tagsOf(form),
      },
    },
    send: {},
  };
}

function record(message: Record<string, unknown>, at: Date): SnsRecord {
  return {
    EventSource: "aws:sns",
    EventVersion: "1.0",
    EventSubscriptionArn: `${TOPIC}:local`,
    Sns: {
      Type: "Notification",
      MessageId: randomUUID(),
      TopicArn: TOPIC,
      Subject: null,
      Message: JSON.stringify(message),
      Timestamp: at.toISOString(),
      SignatureVersion: "1",
      Signature: "local",
      SigningCertUrl: "http://localhost/local.pem",
      UnsubscribeUrl: "http://localhost/unsubscribe",
      MessageAttributes: {},
    },
  };
}

/** The whole body, or undefined when the sender went away before it was complete. */
function body(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("aborted", () => resolve(undefined));
    request.on("error", () => resolve(undefined));
  });
}

export async function startSesEvents(options: SesEventsOptions): Promise<SesEvents> {
  const host = options.host ?? "127.0.0.1";
  const configSet = options.configSet ?? "local";
  const maxAttempts = options.maxAttempts ?? 3;
  const stats = { published: 0, delivered: 0, dropped: 0 };
  const deadLetters: SnsRecord[] = [];
  const waiting: { record: SnsRecord; attempts: number }[] = [];
  let subscriber: Subscriber | undefined;
  let held = false;
  let running = 0;
  let idle: (() => void)[] = [];
  // Requests being forwarded: an event is published only after its answer, so drain waits too.
  let forwarding = 0;

  const settle = () => {
    if (running === 0 && forwarding === 0 && (waiting.length === 0 || held)) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };
  const pump = () => {
    while (!held && running < 4 && waiting.length > 0) {
      const next = waiting.shift();
      if (!next) break;
      if (!subscriber) {
        stats.dropped++;
        continue;
      }
      running++;
      next.attempts++;
      void subscriber({ Records: [next.record] })
        .then(
          () => true,
          () => false,
        )
        .then((ok) => {
          running--;
          if (ok) stats.delivered++;
          else if (next.attempts >= maxAttempts) deadLetters.push(next.record);
          else waiting.push(next);
          pump();
          settle();
        });
    }
    settle();
  };

  const server: Server = createServer(async (request, response) => {
    forwarding++;
    try {
      const data = await body(request);
      if (data === undefined) return; // cut off mid-request: SES never had it
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (name === "host" || name === "connection" || name === "content-length") continue;
        if (typeof value === "string") headers.set(name, value);
      }
      const answer = await fetch(`${options.target}${request.url ?? "/"}`, {
        method: request.method ?? "GET",
        headers,
        ...(data.length > 0 ? { body: data } : {}),
      });
      const text = Buffer.from(await answer.arrayBuffer());
      if (request.method === "POST" && answer.ok) {
        const form = new URLSearchParams(data.toString("utf8"));
        const messageId = text.toString("utf8").match(/<MessageId>([^<]+)<\/MessageId>/)?.[1];
        if (form.get("Action") === "SendRawEmail" && messageId) {
          const at = new Date();
          stats.published++;
          // Nobody subscribed (most tests): dropped at once, without building the event.
          if (!subscriber) stats.dropped++;
          else {
            const event = record(sendEvent(form, messageId, at, configSet), at);
            waiting.push({ record: event, attempts: 0 });
            setImmediate(pump);
          }
        }
      }
      const type = answer.headers.get("content-type");
      response.writeHead(answer.status, type ? { "content-type": type } : {});
      response.end(text);
    } catch {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    } finally {
      forwarding--;
      settle();
    }
  });
  // The sender may be gone by the time the answer is written (a killed process): not an error here.
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    subscribe(next) {
      subscriber = next;
      pump();
    },
    drain() {
      return new Promise<void>((resolve) => {
        idle.push(resolve);
        setImmediate(() => {
          pump();
          settle();
        });
      });
    },
    hold(next) {
      held = next;
      if (!held) pump();
      settle();
    },
    stats,
    deadLetters,
    stop() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
