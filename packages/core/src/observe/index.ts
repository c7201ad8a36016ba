export * as Observe from "./index.ts";

import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
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

/** The metrics Tenggat publishes (namespace `Tenggat`, dimension `service`). */
export const METRICS = {
  /** Mails SES accepted (digests, event mails, invitations, sign-in links). */
  MailsSent: MetricUnit.Count,
  /** Mails SES refused for good (the ledger marks them failed). */
  MailsFailed: MetricUnit.Count,
  /** Addresses put on the suppression list from SES bounces and complaints. */
  MailsSuppressed: MetricUnit.Count,
  /** Reminder items sent to an office above the one responsible. */
  Escalations: MetricUnit.Count,
  /** Task forces whose daily run failed. */
  TaskForcesFailed: MetricUnit.Count,
  /** How long one task force's daily run took. */
  JobDuration: MetricUnit.Milliseconds,
  /** Reports delivered upward (to the next level's task force or the province). */
  DeliveriesUpward: MetricUnit.Count,
  /** Upward deliveries that failed for good (a permanent 4xx, or the deadline passed). */
  DeliveriesUpwardFailed: MetricUnit.Count,
} as const;
export type MetricName = keyof typeof METRICS;

const metrics = new Metrics({ namespace: NAMESPACE, serviceName: SERVICE });
/** What this process counted since the last `flush` (tests and benchmarks read it). */
const counted = new Map<MetricName, number>();

/** Counts `value` of a metric; published by the next `flush`. */
export function count(name: MetricName, value = 1): void {
  if (value === 0) return;
  counted.set(name, (counted.get(name) ?? 0) + value);
  if (inLambda()) metrics.addMetric(name, METRICS[name], value);
}

/** What was counted since the last `flush`, per metric. */
export function counts(): Partial<Record<MetricName, number>> {
  return Object.fromEntries(counted);
}

/** Publishes the counted metrics (one EMF line) and starts counting afresh. */
export function flush(): void {
  counted.clear();
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
