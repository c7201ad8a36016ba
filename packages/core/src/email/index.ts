export * as Email from "./index.ts";

import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { Config } from "../config/index.ts";
import { Mime } from "../mime/index.ts";
import { parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * Sends a ready-made MIME message (see `Mime.build`) through SES `SendRawEmail`, the one v1
 * action the embedded SES emulator answers (others hang, hence the short request timeout).
 *
 * Failures are classified for the caller (the reminder ledger): `retryable` (throttling, 5xx,
 * timeouts, network) → back off and try again; `permanent` (rejected message, unverified
 * sender, invalid address, paused account) → record and stop. Either way a `SendError`.
 */

/** SES v1 `SendRawEmail` refuses messages over 10 MB. */
const MAX_RAW_BYTES = 10 * 1024 * 1024;

export interface ClientOptions {
  /** Milliseconds a single HTTP request may take (default 5 000). */
  requestTimeoutMs?: number;
  /** Milliseconds to establish the connection (default 2 000). */
  connectionTimeoutMs?: number;
  /** SDK attempts including the first (default 3); the SDK backs off between them. */
  maxAttempts?: number;
  /** Overrides the endpoint (otherwise the SDK's resolution, `AWS_ENDPOINT_URL_SES` included). */
  endpoint?: string;
}

/**
 * An SES client with a short request timeout and the SDK's standard retries. Region, endpoint
 * (`AWS_ENDPOINT_URL_SES` locally) and credentials come from the environment as usual.
 */
export function createClient(options: ClientOptions = {}): SESClient {
  const requestTimeout = options.requestTimeoutMs ?? 5_000;
  return new SESClient({
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    retryMode: "standard",
    // Options, not an instance: the SDK builds its own NodeHttpHandler from them, so core needs
    // no direct dependency on @smithy/node-http-handler. In this SDK generation `requestTimeout`
    // alone only logs a warning (the request then waits for the 300 s default socket timeout);
    // `throwOnRequestTimeout` makes it fail, and `socketTimeout` bounds a silent socket too.
    requestHandler: {
      requestTimeout,
      throwOnRequestTimeout: true,
      socketTimeout: requestTimeout,
      connectionTimeout: options.connectionTimeoutMs ?? 2_000,
    },
  });
}

let shared: SESClient | undefined;

/** The process-wide client, created on first use (after the local runtime has set the env). */
export function client(): SESClient {
  shared ??= createClient();
  return shared;
}

/** SES message tags (for event destinations of the configuration set): `[A-Za-z0-9_-]`. */
const TagValue = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,256}$/, "tag: letters, digits, _ and -"));

export const SendInput = z.strictObject({
  /** The complete message, e.g. from `Mime.build`. */
  raw: z
    .instanceof(Buffer)
    .check(
      z.refine((b) => b.length > 0 && b.length <= MAX_RAW_BYTES, "message empty or over 10 MB"),
    ),
  /** Envelope recipients (To and Cc of the message); SES allows 50. */
  to: z.array(Mime.EmailAddress).check(z.minLength(1), z.maxLength(50)),
  tags: z.optional(z.record(TagValue, TagValue)),
});
export type SendInput = z.input<typeof SendInput>;

export interface Sent {
  /** SES's MessageId (the `Message-ID` SES gives the mail is `<MessageId@…amazonses.com>`). */
  messageId: string;
}

export type FailureKind = "retryable" | "permanent";

/** A send that failed, with what the caller should do about it. */
export class SendError extends Error {
  override readonly name = "SendError";
  constructor(
    /** `retryable`: back off and try again; `permanent`: do not resend this message. */
    readonly kind: FailureKind,
    /** Stable reason, `email.<reason>`. */
    readonly code: string,
    message: string,
    /** A hint for the back-off, when the failure tells (daily quota: much later). */
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return this.kind === "retryable";
  }
}

/**
 * Sends `raw` to the envelope recipients `to`, from `Config.sender()`, in the configuration set
 * `Config.configSet()` (none when it is `"local"`). Resolves with SES's MessageId; rejects with a
 * `SendError` (and with an `input` VisibleError for malformed input, a caller bug).
 */
export async function send(input: SendInput, options: { client?: SESClient } = {}): Promise<Sent> {
  const { raw, to, tags } = parse(SendInput, input);
  const configSet = Config.configSet();
  const command = new SendRawEmailCommand({
    Source: Config.sender(),
    Destinations: to,
    RawMessage: { Data: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) },
    ...(configSet && configSet !== "local" ? { ConfigurationSetName: configSet } : {}),
    ...(tags ? { Tags: Object.entries(tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
  });
  let messageId: string | undefined;
  try {
    messageId = (await (options.client ?? client()).send(command)).MessageId;
  } catch (error) {
    throw classify(error);
  }
  if (!messageId) {
    // SES accepted the request but did not say under which id: the mail may be on its way, so
    // a resend could duplicate it; the caller decides.
    throw new SendError("permanent", "email.no_message_id", "SES returned no MessageId", undefined);
  }
  return { messageId };
}

const THROTTLING = new Set([
  "Throttling",
  "ThrottlingException",
  "MaxSendingRateExceeded",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "RequestLimitExceeded",
]);
const SERVER = new Set([
  "InternalFailure",
  "InternalError",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "InternalServerError",
]);
const TIMEOUT = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
]);
const EXPIRED_CREDENTIALS = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired"]);

interface Described {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  cause?: unknown;
}

/** Maps whatever the SDK threw to a `SendError` the caller can act on. */
export function classify(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as Described;
  const name = typeof e.name === "string" ? e.name : "";
  const message = typeof e.message === "string" ? e.message : String(error);
  const status = e.$metadata?.httpStatusCode;
  const causeCode = (e.cause as Described | undefined)?.code;
  const code = typeof e.code === "string" ? e.code : typeof causeCode === "string" ? causeCode : "";
  const retry = (c: string, retryAfterMs?: number) =>
    new SendError("retryable", c, `${name || "error"}: ${message}`, retryAfterMs, { cause: error });
  const stop = (c: string) =>
    new SendError("permanent", c, `${name || "error"}: ${message}`, undefined, { cause: error });

  if (THROTTLING.has(name) || e.$retryable?.throttling || status === 429) {
    // SES says "Daily message quota exceeded." with the same code: no use trying within the hour.
    return /daily message quota/i.test(message)
      ? retry("email.daily_quota", 60 * 60_000)
      : retry("email.throttled", 1_000);
  }
  if (name === "MessageRejected") return stop("email.rejected");
  if (
    name === "MailFromDomainNotVerifiedException" ||
    name === "FromEmailAddressNotVerifiedException"
  ) {
    return stop("email.sender_not_verified");
  }
  if (
    name === "ConfigurationSetDoesNotExistException" ||
    name === "InvalidConfigurationSetException"
  ) {
    return stop("email.config");
  }
  if (
    name === "AccountSendingPausedException" ||
    name === "ConfigurationSetSendingPausedException"
  ) {
    return stop("email.sending_paused");
  }
  if (
    /address/i.test(message) &&
    (name === "InvalidParameterValue" || name === "ValidationError" || status === 400)
  ) {
    return stop("email.invalid_address");
  }
  if (TIMEOUT.has(name) || code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT") {
    return retry("email.timeout");
  }
  if (NETWORK_CODES.has(code) || /socket hang up|ECONNRESET|ECONNREFUSED/i.test(message)) {
    return retry("email.network");
  }
  if ((status !== undefined && status >= 500) || e.$fault === "server" || SERVER.has(name)) {
    return retry("email.server");
  }
  if (EXPIRED_CREDENTIALS.has(name)) return retry("email.credentials_expired");
  if (status !== undefined && status >= 400) return stop("email.refused");
  // Not from SES and not the network: a bug or misconfiguration that a retry will not fix.
  return stop("email.unknown");
}
