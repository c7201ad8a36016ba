export * as Observe from "./index.ts";

import { Logger } from "@aws-lambda-powertools/logger";
import type { Metrics } from "@aws-lambda-powertools/metrics";
import { Actor } from "../actor/index.ts";

/**
 * One logger and one set of metrics for every Lambda (house style 23): JSON logs of one shape
 * (level, message, timestamp, service, the Lambda request id, and the tenant, job and person of
 * the acting context), errors with their name, message and stack; metrics as CloudWatch EMF
 * lines in the log, named for what an operator asks. Core counts with `count`; the edge (a
 * Lambda handler) calls `flush` before it returns.
 */

const SERVICE = "tenggat";
const NAMESPACE = "Tenggat";

/**
 * In a Lambda (the runtime sets `AWS_LAMBDA_FUNCTION_NAME`) everything is logged from INFO and
 * metrics go out as EMF; elsewhere (the CLI, `npm start`, tests) only warnings and errors are
 * logged and metrics are only counted, so that no log or EMF line mixes into a tool's output.
 */
const inLambda = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

const logger = new Logger({
  serviceName: SERVICE,
  ...(inLambda() || process.env.POWERTOOLS_LOG_LEVEL ? {} : { logLevel: "WARN" as const }),
});

/** What the acting context says about who and what a line is about. */
function scope(): Record<string, string> {
  try {
    const actor = Actor.use();
    return {
      tenant: actor.tenant,
      ...(actor.type === "system" ? { job: actor.job } : {}),
      ...(actor.type === "person" ? { personId: actor.personId } : {}),
      ...(actor.type === "machine" ? { keyId: actor.keyId } : {}),
    };
  } catch {
    return {};
  }
}

type Fields = Record<string, unknown> & { error?: unknown };

function write(level: "debug" | "info" | "warn" | "error", message: string, fields: Fields = {}) {
  const { error, ...rest } = fields;
  const extra = { ...scope(), ...rest };
  if (error instanceof Error) logger[level](message, { ...extra, error });
  else if (error !== undefined) logger[level](message, { ...extra, error: String(error) });
  else logger[level](message, extra);
}

/** The logger: `log.error("digest not sent", { personId, error })`. */
export const log = {
  debug: (message: string, fields?: Fields) => write("debug", message, fields),
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};

/** Runs `fn` with the Lambda request id on every line it logs (the handler's edge). */
export async function withRequest<T>(
  context: { awsRequestId?: string } | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (!context?.awsRequestId) return fn();
  logger.appendKeys({ requestId: context.awsRequestId });
  try {
    return await fn();
  } finally {
    logger.removeKeys(["requestId"]);
  }
}

/**
 * The metrics Tenggat publishes (namespace `Tenggat`, dimension `service`), with their CloudWatch
 * units (powertools' `MetricUnit` values, written out: importing that object would bring the
 * `Metrics` class into every handler's first chunk, and most requests publish nothing).
 */
export const METRICS = {
  /** Mails SES accepted (digests, event mails, invitations, sign-in links). */
  MailsSent: "Count",
  /** Mails SES refused for good (the ledger marks them failed). */
  MailsFailed: "Count",
  /** Addresses put on the suppression list from SES bounces and complaints. */
  MailsSuppressed: "Count",
  /** Reminder items sent to an office above the one responsible. */
  Escalations: "Count",
  /** Task forces whose daily run failed. */
  TaskForcesFailed: "Count",
  /** How long one task force's daily run took. */
  JobDuration: "Milliseconds",
  /** Reports delivered upward (to the next level's task force or the province). */
  DeliveriesUpward: "Count",
  /** Upward deliveries that failed for good (a permanent 4xx, or the deadline passed). */
  DeliveriesUpwardFailed: "Count",
} as const satisfies Record<string, Parameters<Metrics["addMetric"]>[1]>;
export type MetricName = keyof typeof METRICS;

/** What this process counted since the last `flush` (tests and benchmarks read it). */
const counted = new Map<MetricName, number>();
/** In a Lambda: what the next `flush` publishes, in the order counted. */
const unpublished: [MetricName, number][] = [];
/** powertools' `Metrics`, loaded by the first `flush` that has something to publish. */
let metrics: Promise<Metrics> | undefined;

/** Counts `value` of a metric; published by the next `flush`. */
export function count(name: MetricName, value = 1): void {
  if (value === 0) return;
  counted.set(name, (counted.get(name) ?? 0) + value);
  if (inLambda()) unpublished.push([name, value]);
}

/** What was counted since the last `flush`, per metric. */
export function counts(): Partial<Record<MetricName, number>> {
  return Object.fromEntries(counted);
}

/**
 * Publishes the counted metrics (one EMF line) and starts counting afresh. Never throws: a
 * handler awaits it in `finally`, and metrics that cannot be published (powertools failing to
 * load) must not turn the request's or the job's answer into an error; that is logged instead.
 */
export async function flush(): Promise<void> {
  counted.clear();
  if (unpublished.length === 0) return;
  const batch = unpublished.splice(0);
  try {
    metrics ??= import("@aws-lambda-powertools/metrics").then(
      ({ Metrics }) => new Metrics({ namespace: NAMESPACE, serviceName: SERVICE }),
    );
    const emf = await metrics;
    for (const [name, value] of batch) emf.addMetric(name, METRICS[name], value);
    emf.publishStoredMetrics();
  } catch (error) {
    metrics = undefined;
    log.error("metrics not published", { error, metrics: batch.map(([name]) => name) });
  }
}
