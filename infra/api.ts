/**
 * The web app and its API: the Hono app as one Lambda behind an API Gateway HTTP API.
 *
 * Why an HTTP API rather than a bare Function URL: the app must know its own public address
 * (`Resource.AppConfig.publicUrl`, for the links in the mails it sends). A Function URL exists
 * only once its function does, so a function cannot be given its own URL without a cycle; the
 * HTTP API's address exists before the function, and the API also takes a custom domain and
 * throttling, which a Function URL cannot without CloudFront in front. At Sambas scale the
 * difference in cost is about a cent a month (README "Deploy").
 */
import { alerts } from "./alarms.ts";
import { email } from "./email.ts";
import { HANDLERS, LOGGING, NODEJS, RUNTIME } from "./lambda.ts";
import { outboxQueue } from "./outbox.ts";
import { linkSecret, sessionSecret } from "./secrets.ts";
import { dns, settings } from "./stage.ts";
import { table } from "./storage.ts";

function domain() {
  if (!settings.domain) return undefined;
  if (settings.dns === "route53") return { name: settings.domain, dns: dns() };
  if (!settings.cert) {
    throw new Error(
      `Stage "${$app.stage}": the domain ${settings.domain} is not in Route 53, so it needs an ACM ` +
        "certificate ARN (infra/stage.ts `cert`, or TENGGAT_CERT_ARN).",
    );
  }
  return { name: settings.domain, dns: false as const, cert: settings.cert };
}

const apiDomain = domain();

export const http = new sst.aws.ApiGatewayV2("Http", {
  ...(apiDomain ? { domain: apiDomain } : {}),
  // The pages and the API are served from the same origin: no cross-origin caller to allow.
  cors: false,
  transform: {
    // A ceiling far above a task force's use (tens of people), so that a flood of requests
    // cannot turn into a bill.
    stage: { defaultRouteSettings: { throttlingRateLimit: 20, throttlingBurstLimit: 40 } },
  },
});

/** Settings that are not secrets (`Resource.AppConfig`): the address links in mails point at. */
export const appConfig = new sst.Linkable("AppConfig", {
  properties: { publicUrl: http.url },
});

/** Everything the app's code reads through `Resource` (see sst-env.d.ts). */
export const links = [table, email, sessionSecret, linkSecret, appConfig];

export const api = new sst.aws.Function("Api", {
  handler: HANDLERS.api,
  description: "Tenggat web app and API (Hono)",
  runtime: RUNTIME,
  nodejs: NODEJS,
  logging: LOGGING,
  memory: "1024 MB",
  // API Gateway gives up on an integration after 30 s.
  timeout: "25 seconds",
  // The outbox queue: mails of a change go out from its consumer, not inside the request.
  link: [...links, outboxQueue],
});

http.route("$default", api.arn);

new aws.cloudwatch.MetricAlarm("Http5xxAlarm", {
  alarmDescription: $interpolate`Tenggat (${$app.stage}): the web app answered 5 or more requests with a server error within 5 minutes. See the logs of ${api.name} (README "Deploy", watching the logs).`,
  namespace: "AWS/ApiGateway",
  metricName: "5xx",
  dimensions: { ApiId: http.nodes.api.id, Stage: "$default" },
  statistic: "Sum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 5,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  treatMissingData: "notBreaching",
  alarmActions: [alerts.arn],
});
