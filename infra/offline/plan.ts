/**
 * The infrastructure program, run offline: `sst.config.ts` and infra/ are bundled the way the SST
 * CLI bundles them for `sst deploy`, then run under Pulumi's mocks instead of AWS. Every
 * component then creates its AWS resources as it would on a deploy, with nothing sent anywhere;
 * this file checks what they would be. It catches what a typecheck cannot: SST's own runtime
 * validation, settings that contradict each other, a resource wired to the wrong thing.
 *
 * Run by infra/check.sh (`npm run check:infra`) after `sst install`, for two stages: production
 * (settings committed in infra/stage.ts) and a developer's stage (settings from the environment).
 *
 * Stand-ins: Pulumi's mocks answer every resource with its inputs plus made-up IDs and ARNs, and
 * a small HTTP server answers the calls SST's components make to the SST CLI (bootstrap bucket,
 * function builds). Function builds are recorded, not performed (`npm run bench:bundle` bundles).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ATTRIBUTES, INDEXES, PRIMARY } from "../../packages/core/src/dynamo/table.ts";
import { HANDLERS, NODEJS, RUNTIME } from "../lambda.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const platform = join(root, ".sst", "platform");
/**
 * Scratch space of this run, inside .sst/platform so that the bundles' imports of SST's
 * dependencies resolve there; one per process, as two `npm test` may run at once.
 */
const work = process.env.PLAN_WORK ?? join(platform, `plan-${process.pid}`);
const ACCOUNT = "123456789012";
const REGION = "ap-southeast-3";

interface Stage {
  stage: string;
  env: Record<string, string>;
  /** The SES identity. */
  identity: string;
  /** What `Resource.AppConfig.publicUrl` must be. */
  publicUrl: string;
  /** Whether SST writes DNS records in Route 53. */
  route53: boolean;
}

const STAGES: Stage[] = [
  {
    stage: "production",
    env: {},
    identity: "tenggat.sambaskab.go.id",
    publicUrl: "https://tenggat.sambaskab.go.id",
    route53: true,
  },
  {
    // A developer's stage: an address identity, the API Gateway's own URL.
    stage: "dev",
    env: { TENGGAT_MAIL_SENDER: "developer@example.org" },
    identity: "developer@example.org",
    publicUrl: `https://mockapi.execute-api.${REGION}.amazonaws.com`,
    route53: false,
  },
  {
    // A domain whose DNS is kept elsewhere: records by hand, a certificate made beforehand.
    stage: "staging",
    env: {
      TENGGAT_MAIL_SENDER: "staging.example.org",
      TENGGAT_DOMAIN: "staging.example.org",
      TENGGAT_CERT_ARN: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/plan`,
    },
    identity: "staging.example.org",
    publicUrl: "https://staging.example.org",
    route53: false,
  },
];

const SECRETS = {
  SessionSecret: "plan-session-secret",
  LinkSecret: "plan-link-secret",
  AlarmEmail: "operator@example.org",
};

interface Planned {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
interface Build {
  functionID: string;
  handler: string;
  runtime: string;
  links: Record<string, Record<string, unknown>>;
  properties: Record<string, unknown>;
}
interface Plan {
  resources: Planned[];
  builds: Build[];
  outputs: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Parent: bundle, evaluate each stage in its own process (Pulumi's mocks are per process), check.

/** SST's eval bundle (pkg/project/run.go + pkg/js/js.go in anomalyco/sst), for one stage. */
async function bundleConfig(stage: string): Promise<string> {
  const production = stage === "production";
  const app = {
    name: "tenggat",
    stage,
    home: "aws",
    removal: production ? "retain" : "remove",
    protect: production,
    providers: { aws: { region: REGION } },
  };
  const cli = {
    command: "deploy",
    dev: false,
    paths: { home: join(work, "home"), root, work: join(root, ".sst"), platform },
    state: { version: {} },
  };
  const globals = [
    'import * as aws from "@pulumi/aws";',
    `import * as sst from "${join(platform, "src/components")}";`,
  ].join("\n");
  const outfile = join(work, `${stage}.mjs`);
  await build({
    stdin: {
      contents: [
        `import { run } from "${join(platform, "src/auto/run.ts")}";`,
        `import mod from "${join(root, "sst.config.ts")}";`,
        "export default await run(mod.run);",
      ].join("\n"),
      resolveDir: root,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    banner: {
      js: [
        "import { createRequire as topLevelCreateRequire } from 'module';",
        "const require = topLevelCreateRequire(import.meta.url);",
        'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
        "const __filename = topLevelFileUrlToPath(import.meta.url)",
        'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
      ].join("\n"),
    },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    nodePaths: [join(platform, "node_modules")],
    plugins: [
      {
        name: "InjectGlobals",
        setup(b) {
          b.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
            if (args.path.startsWith(join(root, ".sst"))) return undefined;
            const ext = args.path.slice(args.path.lastIndexOf(".") + 1) as "js" | "ts" | "jsx";
            return { contents: `${globals}\n${readFileSync(args.path, "utf8")}`, loader: ext };
          });
        },
      },
    ],
    external: [
      "@pulumi/*",
      "undici",
      "@pulumiverse/*",
      "@sst-provider/*",
      "@aws-sdk/*",
      "esbuild",
      "archiver",
      "glob",
      "vite",
    ],
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(cli), $dev: "false" },
    inject: [join(platform, "src/shim/run.js")],
    outfile,
    bundle: true,
    write: true,
    logLevel: "error",
  });
  return outfile;
}

function evaluate(stage: Stage, bundle: string): Plan {
  const out = join(work, `${stage.stage}.json`);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--evaluate", bundle, out],
    {
      cwd: root,
      env: { ...process.env, ...stage.env, PLAN_STAGE: stage.stage, PLAN_WORK: work },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  if (child.status !== 0 || !existsSync(out)) {
    throw new Error(
      `stage ${stage.stage}: the infra program failed under mocks (exit ${child.status})\n${child.stdout}\n${child.stderr}`,
    );
  }
  return JSON.parse(readFileSync(out, "utf8")) as Plan;
}

const failures: string[] = [];
function expect(ok: boolean, what: string, detail?: unknown): void {
  if (!ok) failures.push(detail === undefined ? what : `${what}: ${JSON.stringify(detail)}`);
}
/** Equal as JSON, whatever the order of object keys. */
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([x], [y]) => x.localeCompare(y));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function check(stage: Stage, plan: Plan): void {
  const production = stage.stage === "production";
  const at = (what: string) => `[${stage.stage}] ${what}`;
  const all = (type: string) => plan.resources.filter((r) => r.type === type);
  const one = (type: string, name: string) =>
    plan.resources.find((r) => r.type === type && r.name === name)?.inputs;
  const arnOf = (type: string, name: string) => mockArn(type, String(one(type, name)?.name));

  // Functions: the three handlers, the runtime, SST's bundling settings, the links.
  const builds = Object.fromEntries(plan.builds.map((b) => [b.functionID, b]));
  const expected = {
    Api: HANDLERS.api,
    DailyJob: HANDLERS.daily,
    DailyTenantJob: HANDLERS.dailyTenant,
    OutboxSweep: HANDLERS.sweep,
    OutboxJob: HANDLERS.outbox,
    SesFeedback: HANDLERS.sesFeedback,
  };
  expect(
    same(plan.builds.map((b) => b.handler).sort(), Object.values(HANDLERS).sort()),
    at("functions deploy exactly the handlers of infra/lambda.ts"),
    plan.builds.map((b) => b.handler),
  );
  for (const [id, handler] of Object.entries(expected)) {
    const b = builds[id];
    expect(b?.handler === handler, at(`${id} runs ${handler}`), b?.handler);
    expect(b?.runtime === RUNTIME, at(`${id} runs on ${RUNTIME}`), b?.runtime);
    for (const [key, value] of Object.entries(NODEJS)) {
      expect(b?.properties[key] === value, at(`${id} bundles with ${key}: ${value}`));
    }
    // infra/lambda.ts: an explicit `sourcemap` (even false) puts the source maps in the zip.
    expect(
      b !== undefined && !("sourcemap" in b.properties) && !("sourceMap" in b.properties),
      at(`${id} leaves sourcemap unset (maps stay out of the zip)`),
      b?.properties,
    );
  }
  for (const fn of all("aws:lambda/function:Function")) {
    expect(fn.inputs.runtime === RUNTIME, at(`${fn.name} runtime`), fn.inputs.runtime);
  }
  const linked = (id: string) => Object.keys(builds[id]?.links ?? {}).sort();
  const appLinks = ["AppConfig", "Email", "LinkSecret", "SessionSecret", "Table"];
  expect(
    same(linked("Api"), [...appLinks, "OutboxQueue"].sort()),
    at("Api links (and the outbox queue its changes' mails go through)"),
    linked("Api"),
  );
  expect(same(linked("OutboxJob"), appLinks), at("OutboxJob links"), linked("OutboxJob"));
  expect(
    same(linked("DailyJob"), [...appLinks, "DailyQueue"].sort()),
    at("DailyJob links (and the queue it fills)"),
    linked("DailyJob"),
  );
  expect(same(linked("DailyTenantJob"), appLinks), at("DailyTenantJob links"));
  expect(same(linked("OutboxSweep"), appLinks), at("OutboxSweep links"), linked("OutboxSweep"));
  expect(same(linked("SesFeedback"), ["Email", "Table"]), at("SesFeedback links"));
  const links = builds.Api?.links ?? {};
  expect(
    links.AppConfig?.publicUrl === stage.publicUrl,
    at("AppConfig.publicUrl"),
    links.AppConfig,
  );
  expect(
    typeof links.Email?.sender === "string" && links.Email.sender.includes("@"),
    at("Resource.Email.sender is an address (not the SES domain)"),
    links.Email,
  );
  expect(links.SessionSecret?.value === SECRETS.SessionSecret, at("SessionSecret is the secret"));
  expect(links.LinkSecret?.value === SECRETS.LinkSecret, at("LinkSecret is the secret"));

  // What `sst deploy` prints and writes to .sst/outputs.json, which README "Deploy" relies on.
  const outputs = plan.outputs as Record<string, Record<string, unknown> | string | undefined>;
  expect(outputs.url === stage.publicUrl, at("output url"), outputs.url);
  for (const key of ["table", "deadLetters", "mailConfigSet"]) {
    expect(typeof outputs[key] === "string", at(`output ${key}`), outputs[key]);
  }
  for (const group of ["functions", "logGroups"]) {
    const values = Object.values((outputs[group] ?? {}) as Record<string, unknown>);
    expect(
      values.length >= 3 && values.every((v) => typeof v === "string" && v.length > 0),
      at(`output ${group}`),
      outputs[group],
    );
  }

  // The table: the shape of packages/core/src/dynamo/table.ts, PITR, TTL, protection.
  const table = one("aws:dynamodb/table:Table", "TableTable") ?? {};
  expect(
    table.hashKey === PRIMARY.hashKey && table.rangeKey === PRIMARY.rangeKey,
    at("table keys"),
  );
  expect(
    same(
      (table.attributes as { name: string; type: string }[])
        .map((a) => `${a.name}:${a.type}`)
        .sort(),
      ATTRIBUTES.map((a) => `${a}:S`).sort(),
    ),
    at("table attributes are the key attributes of table.ts, all strings"),
    table.attributes,
  );
  const gsis = (table.globalSecondaryIndexes ?? []) as Record<string, unknown>[];
  expect(
    same(
      gsis.map((g) => `${g.name}:${g.hashKey}:${g.rangeKey}:${g.projectionType}`).sort(),
      Object.entries(INDEXES)
        .map(([name, i]) => `${name}:${i.hashKey}:${i.rangeKey}:ALL`)
        .sort(),
    ),
    at("table GSIs are those of table.ts, projecting everything"),
    gsis,
  );
  expect(table.billingMode === "PAY_PER_REQUEST", at("table on demand"));
  expect(same(table.pointInTimeRecovery, { enabled: true }), at("table PITR on"));
  expect(same(table.ttl, { attributeName: "ttl", enabled: true }), at("table TTL on `ttl`"));
  expect(table.deletionProtectionEnabled === production, at("table deletion protection"), table);

  // The daily job: CronV2 in Sambas time, retried, dead-lettered, one at a time.
  expect(all("aws:cloudwatch/eventRule:EventRule").length === 0, at("no sst.aws.Cron (UTC-only)"));
  const schedules = all("aws:scheduler/schedule:Schedule");
  expect(schedules.length > 0, at("at least one schedule"));
  for (const s of schedules) {
    expect(s.inputs.scheduleExpressionTimezone === "Asia/Pontianak", at(`${s.name} time zone`));
  }
  const daily = one("aws:scheduler/schedule:Schedule", "DailySchedule") ?? {};
  const target = (daily.target ?? {}) as Record<string, unknown>;
  const dlq = arnOf("aws:sqs/queue:Queue", "DeadLettersQueue");
  expect(daily.scheduleExpression === "cron(0 8 ? * MON-FRI *)", at("daily at 08:00 Mon-Fri"));
  expect(
    target.arn === arnOf("aws:lambda/function:Function", "DailyJobFunction"),
    at("daily schedule invokes DailyJob"),
    target.arn,
  );
  expect(same(target.retryPolicy, { maximumRetryAttempts: 3 }), at("scheduler retries"));
  expect(same(target.deadLetterConfig, { arn: dlq }), at("scheduler dead-letters"), target);
  const job = one("aws:lambda/function:Function", "DailyJobFunction") ?? {};
  expect(job.reservedConcurrentExecutions === 1, at("daily job runs one at a time"));
  expect(job.timeout === 60, at("daily job only enqueues (1 minute)"), job.timeout);

  // The fan-out: one message per task force on DailyQueue, one consumer run per message,
  // failures reported per message, retried, then dead-lettered.
  const queue = one("aws:sqs/queue:Queue", "DailyQueueQueue") ?? {};
  const redrive = JSON.parse(String(queue.redrivePolicy ?? "{}")) as Record<string, unknown>;
  expect(
    redrive.deadLetterTargetArn === dlq && redrive.maxReceiveCount === 3,
    at("DailyQueue dead-letters after 3 receives"),
    queue.redrivePolicy,
  );
  const consumer = one("aws:lambda/function:Function", "DailyTenantJobFunction") ?? {};
  expect(
    Number(queue.visibilityTimeoutSeconds) >= Number(consumer.timeout),
    at("DailyQueue visibility timeout covers the consumer's timeout"),
    [queue.visibilityTimeoutSeconds, consumer.timeout],
  );
  const mappings = all("aws:lambda/eventSourceMapping:EventSourceMapping").filter(
    (m) => m.inputs.eventSourceArn === arnOf("aws:sqs/queue:Queue", "DailyQueueQueue"),
  );
  const mapping = mappings[0]?.inputs ?? {};
  expect(
    mappings.length === 1 &&
      mapping.functionName === arnOf("aws:lambda/function:Function", "DailyTenantJobFunction") &&
      mapping.batchSize === 1 &&
      same(mapping.functionResponseTypes, ["ReportBatchItemFailures"]),
    at("DailyQueue feeds DailyTenantJob one message at a time, with partial batch failures"),
    mappings.map((m) => m.inputs),
  );
  // Mail off the API's request path: its changes' intents go through OutboxQueue to OutboxJob
  // (the handler test proves the API's code sends it there and not inline).
  const outboxQueue = one("aws:sqs/queue:Queue", "OutboxQueueQueue") ?? {};
  const outboxRedrive = JSON.parse(String(outboxQueue.redrivePolicy ?? "{}")) as Record<
    string,
    unknown
  >;
  expect(
    outboxRedrive.deadLetterTargetArn === dlq && outboxRedrive.maxReceiveCount === 3,
    at("OutboxQueue dead-letters after 3 receives"),
    outboxQueue.redrivePolicy,
  );
  const outboxJob = one("aws:lambda/function:Function", "OutboxJobFunction") ?? {};
  expect(
    Number(outboxQueue.visibilityTimeoutSeconds) >= Number(outboxJob.timeout),
    at("OutboxQueue visibility timeout covers the consumer's timeout"),
    [outboxQueue.visibilityTimeoutSeconds, outboxJob.timeout],
  );
  const outboxMappings = all("aws:lambda/eventSourceMapping:EventSourceMapping").filter(
    (m) => m.inputs.eventSourceArn === arnOf("aws:sqs/queue:Queue", "OutboxQueueQueue"),
  );
  expect(
    outboxMappings.length === 1 &&
      outboxMappings[0]?.inputs.functionName ===
        arnOf("aws:lambda/function:Function", "OutboxJobFunction") &&
      same(outboxMappings[0]?.inputs.functionResponseTypes, ["ReportBatchItemFailures"]),
    at("OutboxQueue feeds OutboxJob, with partial batch failures"),
    outboxMappings.map((m) => m.inputs),
  );
  for (const fn of all("aws:lambda/function:Function")) {
    expect(
      (fn.inputs.loggingConfig as Record<string, unknown> | undefined)?.logFormat === "JSON",
      at(`${fn.name} logs JSON`),
      fn.inputs.loggingConfig,
    );
  }
  const sweepSchedule = one("aws:scheduler/schedule:Schedule", "SweepSchedule") ?? {};
  expect(
    sweepSchedule.scheduleExpression === "cron(0/15 7-18 ? * MON-FRI *)",
    at("sweep every 15 minutes in office hours"),
  );
  expect(
    ((sweepSchedule.target ?? {}) as Record<string, unknown>).arn ===
      arnOf("aws:lambda/function:Function", "OutboxSweepFunction"),
    at("sweep schedule invokes OutboxSweep"),
  );

  // Asynchronous functions: Lambda retries twice, then the dead-letter queue.
  for (const id of ["DailyJob", "OutboxSweep", "SesFeedback"]) {
    const config = one(
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
      `${id}EventInvokeConfig`,
    );
    expect(config?.maximumRetryAttempts === 2, at(`${id} retried twice`), config);
    expect(
      same(config?.destinationConfig, { onFailure: { destination: dlq } }),
      at(`${id} failures go to the dead-letter queue`),
      config?.destinationConfig,
    );
  }

  // Alarms reach the operator by e-mail.
  const alerts = arnOf("aws:sns/topic:Topic", "AlertsTopic");
  const subscription = one("aws:sns/topicSubscription:TopicSubscription", "AlertsEmail");
  expect(
    subscription?.topic === alerts &&
      subscription.protocol === "email" &&
      subscription.endpoint === SECRETS.AlarmEmail,
    at("alerts are mailed to AlarmEmail"),
    subscription,
  );
  const deadLetterAlarm = one("aws:cloudwatch/metricAlarm:MetricAlarm", "DeadLettersAlarm");
  expect(
    same(deadLetterAlarm?.alarmActions, [alerts]) &&
      same(deadLetterAlarm?.dimensions, {
        QueueName: one("aws:sqs/queue:Queue", "DeadLettersQueue")?.name,
      }),
    at("a dead letter raises an alarm to the operator"),
    deadLetterAlarm,
  );
  for (const metric of ["MailsFailed", "TaskForcesFailed", "DeliveriesUpwardFailed"]) {
    const alarm = one("aws:cloudwatch/metricAlarm:MetricAlarm", `${metric}Alarm`);
    expect(
      alarm?.namespace === "Tenggat" &&
        alarm.metricName === metric &&
        same(alarm.dimensions, { service: "tenggat" }) &&
        alarm.threshold === 0,
      at(`an alarm on ${metric}`),
      alarm,
    );
  }
  for (const alarm of all("aws:cloudwatch/metricAlarm:MetricAlarm")) {
    expect(same(alarm.inputs.alarmActions, [alerts]), at(`${alarm.name} notifies Alerts`));
  }

  // SES: Send events (the ledger's confirmation), bounces and complaints reach the feedback
  // handler; SES may publish to the topic.
  const feedback = arnOf("aws:sns/topic:Topic", "EmailFeedbackTopic");
  const eventDestination = one(
    "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
    "MailEventFeedback",
  );
  const destination = eventDestination?.eventDestination as Record<string, unknown> | undefined;
  // On the configuration set the code sends through (`Resource.Email.configSet`), else no event.
  expect(
    eventDestination?.configurationSetName !== undefined &&
      eventDestination.configurationSetName === links.Email?.configSet,
    at("the events are of the configuration set mail is sent through"),
    { destination: eventDestination?.configurationSetName, linked: links.Email?.configSet },
  );
  expect(
    same(destination?.matchingEventTypes, ["SEND", "BOUNCE", "COMPLAINT"]) &&
      destination?.enabled !== false &&
      same(destination?.snsDestination, { topicArn: feedback }),
    at("SES publishes Send events, bounces and complaints to EmailFeedback"),
    destination,
  );
  const policy = String(one("aws:sns/topicPolicy:TopicPolicy", "EmailFeedbackPolicy")?.policy);
  expect(policy.includes("ses.amazonaws.com"), at("SES may publish to EmailFeedback"), policy);
  const subscriptions = all("aws:sns/topicSubscription:TopicSubscription").filter(
    (s) => s.inputs.topic === feedback,
  );
  expect(
    subscriptions.length === 1 &&
      subscriptions[0]?.inputs.protocol === "lambda" &&
      subscriptions[0]?.inputs.endpoint ===
        arnOf("aws:lambda/function:Function", "SesFeedbackFunction"),
    at("EmailFeedback invokes SesFeedback"),
    subscriptions,
  );
  const identity = one("aws:sesv2/emailIdentity:EmailIdentity", "MailIdentity");
  expect(identity?.emailIdentity === stage.identity, at("SES identity"), identity);
  const records = all("aws:route53/record:Record").length;
  expect(stage.route53 ? records > 0 : records === 0, at("DNS records in Route 53"), records);

  // The API: one catch-all route to the Hono app; throttled.
  const routes = all("aws:apigatewayv2/route:Route");
  expect(
    routes.length === 1 && routes[0]?.inputs.routeKey === "$default",
    at("one $default route"),
    routes,
  );
  const httpStage = one("aws:apigatewayv2/stage:Stage", "HttpStage");
  expect(
    same(httpStage?.defaultRouteSettings, { throttlingRateLimit: 20, throttlingBurstLimit: 40 }),
    at("API throttled"),
    httpStage?.defaultRouteSettings,
  );
  const domains = all("aws:apigatewayv2/domainName:DomainName");
  const custom = !stage.publicUrl.includes("execute-api");
  expect(domains.length === (custom ? 1 : 0), at("custom domain"), domains);
  const certificates = all("aws:acm/certificate:Certificate").length;
  expect(certificates === (custom && stage.route53 ? 1 : 0), at("certificate made by SST"));

  // The roles may do what the code does.
  const rolePolicy = (role: string) =>
    JSON.stringify(one("aws:iam/role:Role", role)?.inlinePolicies ?? []);
  for (const role of ["ApiRole", "DailyTenantJobRole", "OutboxSweepRole", "OutboxJobRole"]) {
    const text = rolePolicy(role);
    expect(text.includes("ses:SendRawEmail"), at(`${role} may send mail`));
    expect(text.includes("dynamodb:"), at(`${role} may use the table`));
  }
  expect(rolePolicy("DailyJobRole").includes("sqs:SendMessage"), at("DailyJob may dead-letter"));
  expect(
    rolePolicy("DailyTenantJobRole").includes("sqs:ReceiveMessage"),
    at("DailyTenantJob may receive from DailyQueue"),
  );
  // A linked queue grants `sqs:*` on it (SST's Queue link).
  const outboxArn = arnOf("aws:sqs/queue:Queue", "OutboxQueueQueue");
  expect(
    /sqs:(\*|SendMessage)/.test(rolePolicy("ApiRole")) && rolePolicy("ApiRole").includes(outboxArn),
    at("Api may send to OutboxQueue"),
    rolePolicy("ApiRole"),
  );
  expect(
    rolePolicy("OutboxJobRole").includes("sqs:ReceiveMessage"),
    at("OutboxJob may receive from OutboxQueue"),
  );
}

async function parent(): Promise<number> {
  const missing = Object.values(HANDLERS).filter((handler) => !handlerFile(handler));
  try {
    for (const stage of STAGES) {
      const plan = evaluate(stage, await bundleConfig(stage.stage));
      check(stage, plan);
      console.log(
        `check:infra: [${stage.stage}] infra program evaluated offline: ${plan.resources.length} resources planned`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const handler of missing) {
    failures.push(
      `handler file missing: ${handler} (sst deploy would stop with "Handler not found")`,
    );
  }
  if (failures.length > 0) {
    console.error(
      `check:infra: the planned infrastructure is not as intended:\n- ${failures.join("\n- ")}`,
    );
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Child: run one stage's bundle under Pulumi's mocks and write down what it planned.

/** SST's handler lookup (pkg/runtime/node/node.go). */
function handlerFile(handler: string): string | undefined {
  const base = join(root, handler.slice(0, handler.lastIndexOf(".")));
  const extensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
  return extensions.map((ext) => base + ext).find((file) => existsSync(file));
}

function mockArn(type: string, name: string): string {
  const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
  if (type === "aws:lambda/function:Function") {
    return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
  }
  if (type === "aws:iam/role:Role") return `arn:aws:iam::${ACCOUNT}:role/${name}`;
  return `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`;
}

/** Pulumi hands secret inputs to mocks wrapped under its signature key; the checks want values. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
function unsecret(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unsecret);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (SECRET_SIG in record && "value" in record) return unsecret(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unsecret(v)]));
  }
  return value;
}

interface MockResourceArgs {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
interface Pulumi {
  runtime: {
    setMocks(
      mocks: {
        newResource(args: MockResourceArgs): { id: string; state: Record<string, unknown> };
        call(args: { token: string; inputs: Record<string, unknown> }): Record<string, unknown>;
      },
      project: string,
      stack: string,
      preview: boolean,
    ): Promise<void>;
    runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    waitForRPCs(): Promise<void>;
  };
}

async function child(bundle: string, out: string): Promise<void> {
  const builds: Build[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [Build] };
      const input = params[0];
      let result: unknown = null;
      let error: string | null = null;
      if (method === "Provider.Aws.Bootstrap") {
        result = { asset: "sst-asset-plan", state: "sst-state-plan", assetEcrRegistryId: "" };
      } else if (method === "Runtime.Build") {
        builds.push({
          functionID: input.functionID,
          handler: input.handler,
          runtime: input.runtime,
          links: input.links,
          properties: input.properties,
        });
        // The build itself is the bench's business; a missing handler is reported by the parent.
        const dir = join(work, "builds", input.functionID);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "bundle.mjs"), "export const handler = async () => {};\n");
        result = { handler: "bundle.handler", out: dir, errors: [], sourcemaps: [] };
      } else {
        error = `rpc: can't find method ${method}`;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ result, error }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SST_SERVER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [name, value] of Object.entries(SECRETS)) process.env[`SST_SECRET_${name}`] = value;

  const pulumiPath = join(platform, "node_modules/@pulumi/pulumi/index.js");
  const pulumi = (await import(pathToFileURL(pulumiPath).href)) as Pulumi;
  const resources: Planned[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource({ type, name, inputs }) {
        resources.push({ type, name, inputs: unsecret(inputs) as Record<string, unknown> });
        const physical = String(inputs.name ?? `${name}-plan`);
        const state: Record<string, unknown> = {
          ...inputs,
          name: physical,
          arn: mockArn(type, physical),
        };
        if (type === "aws:sqs/queue:Queue") {
          state.url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}`;
        }
        if (type === "aws:apigatewayv2/api:Api") {
          state.apiEndpoint = `https://mockapi.execute-api.${REGION}.amazonaws.com`;
        }
        if (type === "aws:sesv2/configurationSet:ConfigurationSet") {
          state.configurationSetName = physical;
        }
        if (type === "aws:sesv2/emailIdentity:EmailIdentity") {
          state.dkimSigningAttributes = { tokens: ["dkim1", "dkim2", "dkim3"] };
        }
        if (type === "aws:lambda/function:Function") {
          state.invokeArn = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${state.arn}/invocations`;
          state.qualifiedArn = `${state.arn}:$LATEST`;
          state.version = "$LATEST";
        }
        if (type === "aws:acm/certificate:Certificate") {
          state.domainValidationOptions = [
            {
              domainName: inputs.domainName,
              resourceRecordName: `_plan.${inputs.domainName}.`,
              resourceRecordType: "CNAME",
              resourceRecordValue: "_plan.acm-validations.aws.",
            },
          ];
        }
        return { id: `${name}-id`, state };
      },
      call({ token, inputs }) {
        switch (token) {
          case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/plan`, userId: "plan" };
          case "aws:index/getRegion:getRegion":
            return { region: REGION, name: REGION };
          case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com" };
          case "aws:iam/getPolicyDocument:getPolicyDocument":
            return { json: JSON.stringify(inputs), statements: inputs.statements };
          default:
            throw new Error(`no mock for the data source ${token}`);
        }
      },
    },
    "tenggat",
    String(process.env.PLAN_STAGE),
    false,
  );

  // The stack's outputs, resolved (what `sst deploy` writes to .sst/outputs.json).
  const outputs = await pulumi.runtime.runInPulumiStack(
    async () => (await import(pathToFileURL(bundle).href)).default,
  );
  await pulumi.runtime.waitForRPCs();
  server.close();
  writeFileSync(out, JSON.stringify({ resources, builds, outputs }));
}

const [mode, bundleArg, outArg] = process.argv.slice(2);
if (mode === "--evaluate" && bundleArg && outArg) {
  child(bundleArg, outArg).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  parent().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
