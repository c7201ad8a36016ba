/**
 * `npm run bench:bundle [-- --runs 15 --json out.json --external-sdk]`: every Lambda handler that
 * infra/ deploys, bundled the way `sst deploy` bundles it, with its bytes and its cold start
 * (import and first request), each against an empty handler bundled the same way in the same run.
 * A second reference row, `(sdk floor)`, is the bundled DynamoDB client alone making one GetItem
 * (`SDK_FLOOR`): the least cold start any handler that reads the table can have, so a handler's
 * "× empty" can be read against it.
 *
 * The handlers and the build settings are read from infra/lambda.ts, which infra/ deploys with,
 * and the esbuild options below copy SST 4.17's Node builder (pkg/runtime/node/build.go in
 * anomalyco/sst): ESM, platform node, the target SST derives from the Lambda runtime, `module`
 * before `main`, names kept, only `sharp` and `pg-native` external (the AWS SDK is bundled),
 * SST's `require`/`__dirname` banner (esbuild puts it on every chunk), and a linked source map
 * that SST leaves out of the zip. With `nodejs.splitting` (infra/lambda.ts) SST builds into the
 * function's directory (`outdir`, entry named `bundle`, `.mjs`, chunks `chunk-<hash>.mjs` by
 * esbuild's default) and zips every file there but the source maps; the bench does the same.
 *
 * Four sizes per handler:
 * - **at import**: the entry file and every chunk it imports statically, transitively (the
 *   metafile's `import-statement` edges): what Node reads and evaluates before the handler
 *   exists. `--check` holds this to `BUDGETS_KIB`.
 * - **by 1st request**: at import and the lazy chunks the first request (`FIRST`) loads: what a
 *   cold start that serves one request has read. Counted in one more process per handler, not
 *   timed, whose `module.register` load hook logs every file Node loads (the timed samples run
 *   without a hook); the files of the bundle's directory are summed. Not judged by `--check`.
 *   The API, 2 December 2026: 442.0 KiB at import, 460.1 KiB by its first request (each
 *   `/v1/<resource>` group is a chunk loaded by the first request for its paths:
 *   packages/functions/src/api/groups.ts); before, 857.4 KiB for both.
 * - **zip**: every chunk, the lazy ones (dynamic `import()`) included: what the zip holds,
 *   uncompressed. `--check` prints it beside the budgeted figure but does not judge it.
 * - **gzip**: the zip's files compressed one by one (≈ the deployed zip's size).
 *
 * Cold start: a fresh `node` process per sample imports the bundle, then invokes the handler
 * once with a representative event (`FIRST` below), so the chunks a first request loads lazily
 * are counted where a real first request loads them. The events need no network beyond the
 * embedded DynamoDB (dynalite in this process), which holds two task forces. The API's first
 * request is a signed-in person's read that reaches DynamoDB: `GET /v1/obligations/{id}` with a
 * session token signed with the bench's `SessionSecret`, for `sambas`, where core's
 * `Seed.install` registered Sambas's organisation and one person holding one office; the person
 * and their offices are read (GetItem, Query), then the obligation (GetItem), which does not
 * exist: 404 (`obligation.not_found`), the same work as a 200 but for rendering one item. (Until
 * December 2026 it was an unauthenticated read, refused with a 401 before any store was asked:
 * with the route groups loaded on demand that no longer loads what a real first request does.)
 * The jobs' task force is `bench` (Sambas' organisation, its secretary and one coordinator in
 * office), whose daily run for the events' day (Tuesday 1 December 2026) was done before the
 * samples (`seedJobs`), so each job's first request is its common case: `daily` lists the
 * registry and enqueues both task forces (to a stand-in of SQS in this process); `dailyTenant`
 * runs `bench` on a working day with nothing left to say (one GetItem, two Queries: task force,
 * watermark, open instances; no directory, templates or SES client loaded); `sweep` lists the
 * registry and finds no intent, no claim and no delivery owed (a Query per part and task force;
 * none of the three parts' code loaded); `outbox` sweeps a task force with no intent waiting
 * (one Query); SES feedback gets a delivery notification it has nothing to do with (no request).
 * Samples of all handlers are
 * interleaved so that drift of the machine hits them alike; medians are shown. The process
 * column is the whole process (Node's own start, import, first request), the figure issue 12's
 * "≤ 2× the empty handler" is about. This machine's Node is not Lambda's (Node 24), so the
 * milliseconds are indicative; the ratios to the empty handler are what carries over.
 *
 * `--external-sdk` leaves `@aws-sdk/*` out of the bundles, as if the runtime's copy were used
 * (SST does not do this unless told to): to weigh that choice, not to describe the deploy.
 * `--both-sdk` measures each handler both ways in one run (rows `<name>-ext-sdk`), samples
 * interleaved, so that the machine's load weighs on both alike.
 * `--no-plugins` leaves out infra/esbuild-plugins.mjs and `--no-splitting` builds one file per
 * handler (SST's default), to weigh them.
 *
 * `--only api,sesFeedback` measures those handlers alone (beside the empty one).
 *
 * `--check`: bundles only (no cold starts; about 5 s on a quiet machine) and exits 1 when a
 * handler's bytes at import exceed its budget. `npm run check:bundle` runs it.
 *
 * A handler whose file does not exist yet is reported as missing and makes the bench exit 1;
 * no figure is shown for it.
 */
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import sstPlugins from "../../../infra/esbuild-plugins.mjs";
import {
  BUDGETS_KIB,
  CEILINGS_KIB,
  HANDLERS,
  type HandlerName,
  NODEJS,
  RUNTIME,
} from "../../../infra/lambda.ts";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** SST's map from Lambda runtime to esbuild target (build.go `targetMap`). */
const TARGETS: Record<string, string> = {
  "nodejs24.x": "es2024",
  "nodejs22.x": "es2023",
  "nodejs20.x": "es2023",
};
/** SST looks for a handler's file with these extensions, in this order (node.go). */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** Prepended to every output file by SST, so that CommonJS dependencies work inside ESM. */
const BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/**
 * What a handler finds in its environment on Lambda, with dummy values: importing a bundle must
 * not fail because `Resource` or the AWS SDK finds nothing to read. The embedded stores'
 * endpoints are added when cold starts are measured.
 */
const CHILD_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? "",
  AWS_REGION: "ap-southeast-3",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: "1",
  AWS_LAMBDA_FUNCTION_NAME: "bench",
  SST_RESOURCE_App: JSON.stringify({ name: "tenggat", stage: "bench" }),
  SST_RESOURCE_Table: JSON.stringify({ name: "bench", type: "sst.aws.Dynamo" }),
  SST_RESOURCE_Email: JSON.stringify({
    sender: "bench@example.org",
    configSet: "bench",
    type: "sst.sst.Linkable",
  }),
  SST_RESOURCE_SessionSecret: JSON.stringify({
    // Token.sign wants at least 16 characters: the API's first request carries a signed session.
    value: "bench-session-secret",
    type: "sst.sst.Secret",
  }),
  SST_RESOURCE_LinkSecret: JSON.stringify({ value: "bench", type: "sst.sst.Secret" }),
  SST_RESOURCE_AppConfig: JSON.stringify({
    publicUrl: "https://bench.example.org",
    type: "sst.sst.Linkable",
  }),
  SST_RESOURCE_DailyQueue: JSON.stringify({
    url: "https://sqs.ap-southeast-3.amazonaws.com/000000000000/bench-daily",
    type: "sst.aws.Queue",
  }),
  SST_RESOURCE_OutboxQueue: JSON.stringify({
    url: "https://sqs.ap-southeast-3.amazonaws.com/000000000000/bench-outbox",
    type: "sst.aws.Queue",
  }),
};

/** A representative first invocation per handler, and what its answer must contain. */
interface First {
  event: unknown;
  /** A fragment of the JSON of the handler's answer: a sample without it fails the bench. */
  expect: string;
}

const sqsRecord = (body: unknown) => ({
  messageId: "bench-1",
  receiptHandle: "bench",
  body: JSON.stringify(body),
  attributes: {},
  messageAttributes: {},
  eventSource: "aws:sqs",
});

/** The obligation the API's first request asks for (none is stored: 404 after the reads). */
const API_OBLIGATION = "laporan-semester:gt:2026-S2";
const API_TENANT = "sambas";

/** The task force the jobs' first requests find, and the day their events are for (08:00 WIB). */
const BENCH_TENANT = "bench";
const BENCH_DAY = new Date("2026-12-01T01:00:00.000Z");

/**
 * The jobs' store (see the module comment): `bench` registered with Sambas' organisation, its
 * secretary and one coordinator in office, its daily run for `BENCH_DAY` done (instances stored,
 * digests sent), so a second run that day has nothing due. Returns the URL of a stand-in of SQS (it accepts every message),
 * for the daily job's enqueueing.
 */
async function seedJobs(): Promise<{ sqsUrl: string; stop(): Promise<void> }> {
  const { taskForce } = await import("../src/fixture.ts");
  const { Reminder } = await import("@tenggat/core/reminder");
  await taskForce({
    tenant: BENCH_TENANT,
    now: BENCH_DAY,
    offices: { sek: "gt.sekretaris", koor: "sgt-a.koordinator" },
  });
  const run = await Reminder.runOne(BENCH_TENANT, BENCH_DAY);
  const mark = await Reminder.watermark(BENCH_TENANT);
  // Its watermark moved to the day: a second run that day plans from the day after.
  if (!run.ok || mark.lastOk !== "2026-12-01") {
    throw new Error(`the bench's daily run did not complete the day: ${JSON.stringify(run)}`);
  }
  const { createServer } = await import("node:http");
  // SendMessageBatch (AWS JSON protocol): nothing failed.
  const sqs = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ Successful: [], Failed: [] }));
    });
  });
  await new Promise<void>((r) => sqs.listen(0, "127.0.0.1", () => r()));
  const { port } = sqs.address() as { port: number };
  return {
    sqsUrl: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => sqs.close(() => r())),
  };
}

/**
 * The floor under every handler that reads DynamoDB: the bundled client, built like the others,
 * and one GetItem of a key that does not exist. Its "× empty" is the least any of them can show.
 */
const SDK_FLOOR = `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
const client = new DynamoDBClient({});
export const handler = async () => {
  const got = await client.send(
    new GetItemCommand({ TableName: "bench", Key: { pk: { S: "floor" }, sk: { S: "floor" } } }),
  );
  return { statusCode: 200, found: got.Item !== undefined };
};
`;

const FIRST: Record<HandlerName | "(empty)" | "(sdk floor)", First> = {
  "(empty)": { event: {}, expect: `"statusCode":200` },
  // The bundled DynamoDB client alone and one GetItem (`SDK_FLOOR`): what any handler that
  // reads the table pays before any of Tenggat's code.
  "(sdk floor)": { event: {}, expect: `"statusCode":200` },
  api: {
    // An API Gateway v2 (HTTP API) event: a signed-in person's read (the session token is added
    // by `withSession` once the API's store is seeded); the obligation does not exist.
    event: {
      version: "2.0",
      routeKey: "$default",
      rawPath: `/v1/obligations/${API_OBLIGATION}`,
      rawQueryString: "",
      headers: { host: "bench.example.org", accept: "application/json" },
      requestContext: {
        accountId: "000000000000",
        apiId: "bench",
        domainName: "bench.example.org",
        domainPrefix: "bench",
        http: {
          method: "GET",
          path: `/v1/obligations/${API_OBLIGATION}`,
          protocol: "HTTP/1.1",
          sourceIp: "192.0.2.1",
          userAgent: "bench",
        },
        requestId: "bench",
        routeKey: "$default",
        stage: "$default",
        time: "01/Dec/2026:08:00:00 +0000",
        timeEpoch: 0,
      },
      isBase64Encoded: false,
    },
    expect: `"statusCode":404`,
  },
  // EventBridge Scheduler's event: both registered task forces are enqueued.
  daily: { event: {}, expect: `"enqueued":2` },
  // The task force's message for a day whose run is done: nothing due, so no failure reported.
  dailyTenant: {
    event: { Records: [sqsRecord({ tenant: BENCH_TENANT, at: BENCH_DAY.toISOString() })] },
    expect: `"batchItemFailures":[]`,
  },
  // Nothing owed for the task force: no intent, no claim, no delivery upward.
  sweep: {
    event: {},
    expect: `"results":[{"tenant":"${BENCH_TENANT}","swept":{}},{"tenant":"${API_TENANT}","swept":{}}]`,
  },
  outbox: { event: { Records: [sqsRecord({ tenant: "bench" })] }, expect: "batchItemFailures" },
  // A delivery notification: neither a Send event to confirm nor a bounce or complaint.
  sesFeedback: {
    event: {
      Records: [
        {
          Sns: {
            Timestamp: "2026-12-01T01:00:00.000Z",
            Message: JSON.stringify({
              eventType: "Delivery",
              mail: { messageId: "bench", destination: ["someone@example.org"], tags: {} },
              delivery: { recipients: ["someone@example.org"] },
            }),
          },
        },
      ],
    },
    expect: `"suppressed":[]`,
  },
};

/**
 * Seeds the API's own embedded store (the one core's client in this process now points at) with
 * what a signed-in person needs, through core's own functions: the task force (Sambas's
 * organisation) with one person holding one office. Returns a session token for that person,
 * signed as `Auth.redeem` signs one, with the bench's `SessionSecret`.
 */
async function seedApiStore(): Promise<string> {
  const [{ Seed }, { Org }, { Sambas }, { Directory }, { Token }] = await Promise.all([
    import("@tenggat/core/seed"),
    import("@tenggat/core/org"),
    import("@tenggat/core/sambas"),
    import("@tenggat/core/directory"),
    import("@tenggat/core/token"),
  ]);
  const org = Sambas.organisation();
  const office = org.offices.find((o) => o.role !== "anggota") ?? org.offices[0];
  if (!office) throw new Error("the Sambas organisation has no office");
  const email = "bench@sambas.example";
  await Seed.install({
    taskForce: {
      id: API_TENANT,
      name: "Gugus Tugas PP-TPPO Kabupaten Sambas",
      level: "kabupaten",
      legalBasis: "Peraturan Bupati Sambas Nomor 8 Tahun 2016",
    },
    org: Org.withPeople(org, [{ office: office.code, name: "Bench", email }]),
    since: "2016-04-01",
  });
  const personId = await Directory.personIdByEmail(API_TENANT, email);
  if (!personId) throw new Error("the bench's person was not created");
  const secret = JSON.parse(CHILD_ENV.SST_RESOURCE_SessionSecret ?? "{}").value as string;
  return Token.sign(
    {
      purpose: "session",
      subject: personId,
      data: { tf: API_TENANT, sv: 0 },
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    secret,
  );
}

/** The API's first event with the person's session token. */
function withSession(first: First, token: string): First {
  const event = first.event as { headers: Record<string, string> };
  return {
    ...first,
    event: { ...event, headers: { ...event.headers, authorization: `Bearer ${token}` } },
  };
}

interface Bundle {
  name: string;
  /** The handler it bundles (its first event and budget): `name` less a `-ext-sdk` suffix. */
  key: string;
  handler: string;
  /** The entry file (`bundle.mjs`). */
  file: string;
  /** Bytes of the entry and its static-import closure. */
  atImport: number;
  /** Bytes of the bundle's files Node had loaded when the first request was answered. */
  byFirst?: number;
  /** Files and bytes in the zip (every output but source maps). */
  files: number;
  zip: number;
  /** The zip's files, gzipped one by one. */
  gzip: number;
  /** The largest inputs of what is loaded at import, by bytes in the output. */
  top: { input: string; bytes: number }[];
  importMs: number[];
  firstMs: number[];
  processMs: number[];
}

function handlerFile(handler: string): string | undefined {
  const base = join(root, handler.slice(0, handler.lastIndexOf(".")));
  return EXTENSIONS.map((ext) => base + ext).find((file) => existsSync(file));
}

async function bundle(
  name: string,
  handler: string,
  entry: string,
  out: string,
  options: { externalSdk: boolean; splitting: boolean; plugins: Plugin[] },
): Promise<Bundle> {
  const target = TARGETS[RUNTIME];
  if (!target) throw new Error(`no esbuild target known for ${RUNTIME}`);
  const dir = join(out, name);
  // build.go: `Outfile: bundle.mjs`, or with splitting `Outdir` (the same directory),
  // `EntryNames: "bundle"`, `OutExtension: { ".js": ".mjs" }` and esbuild's default chunk names.
  const placement = options.splitting
    ? { splitting: true, outdir: dir, entryNames: "bundle", outExtension: { ".js": ".mjs" } }
    : { outfile: join(dir, "bundle.mjs") };
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: NODEJS.format,
    target,
    mainFields: ["module", "main"],
    keepNames: true,
    minify: NODEJS.minify,
    sourcemap: "linked",
    external: ["sharp", "pg-native", ...(options.externalSdk ? ["@aws-sdk/*"] : [])],
    banner: { js: BANNER },
    ...placement,
    metafile: true,
    plugins: options.plugins,
    logLevel: "silent",
  });
  const file = join(dir, "bundle.mjs");
  // The zip: every file SST's glob finds in the directory, less the source maps.
  const zipped = readdirSync(dir).filter((f) => !f.endsWith(".map"));
  let zip = 0;
  let gzip = 0;
  for (const f of zipped) {
    const code = readFileSync(join(dir, f));
    zip += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
  }
  const loaded = staticClosure(result.metafile, file);
  return {
    name,
    key: name.replace(/-ext-sdk$/, ""),
    handler,
    file,
    atImport: loaded.reduce((sum, path) => sum + statSync(path).size, 0),
    files: zipped.length,
    zip,
    gzip,
    top: largestInputs(result.metafile, loaded),
    importMs: [],
    firstMs: [],
    processMs: [],
  };
}

/** The entry and every output it imports statically, transitively (absolute paths). */
function staticClosure(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const output = metafile.outputs[relative(root, queue.pop() ?? "")];
    if (!output) throw new Error("an output the metafile does not list");
    for (const imported of output.imports) {
      if (imported.external || imported.kind !== "import-statement") continue;
      const path = join(root, imported.path);
      if (!seen.has(path)) {
        seen.add(path);
        queue.push(path);
      }
    }
  }
  return [...seen];
}

function largestInputs(metafile: Metafile, files: string[]): Bundle["top"] {
  const byPackage = new Map<string, number>();
  for (const file of files) {
    const output = metafile.outputs[relative(root, file)];
    for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
      // Group by package: node_modules/@scope/name or node_modules/name; the project's own code
      // by its top folder (packages/core, packages/functions).
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = match?.[1] ?? input.split("/").slice(0, 2).join("/");
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage.entries()]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
}

/**
 * One cold start in a fresh process: [import ms, first request ms, whole process ms]. The
 * handler's answer must contain the event's expected fragment, else the bench fails: a figure for
 * a first request that crashed or took another path would measure the wrong thing.
 */
async function sample(
  file: string,
  first: First,
  env: Record<string, string>,
): Promise<[number, number, number]> {
  const script = [
    "const t0 = performance.now();",
    `const m = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    "const t1 = performance.now();",
    'if (typeof m.handler !== "function") throw new Error("no exported handler");',
    `const answer = await m.handler(${JSON.stringify(first.event)}, { awsRequestId: "bench" });`,
    "const t2 = performance.now();",
    "const json = JSON.stringify(answer ?? null);",
    `if (!json.includes(${JSON.stringify(first.expect)})) throw new Error("unexpected answer: " + json.slice(0, 300));`,
    "process.stdout.write(JSON.stringify([t1 - t0, t2 - t1]));",
    // Idle keep-alive sockets to the embedded store must not hold the process open.
    "process.exit(0);",
  ].join("\n");
  const start = performance.now();
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env,
    cwd: dirname(file),
  });
  const [importMs, firstMs] = JSON.parse(stdout.slice(stdout.lastIndexOf("["))) as number[];
  return [importMs ?? Number.NaN, firstMs ?? Number.NaN, performance.now() - start];
}

/**
 * Logs every file a process loads (a `module.register` hook, in the loader thread): what
 * `loaded` uses to count the bytes a first request has read. Never in a timed sample.
 */
const HOOKS = [
  `import { appendFileSync } from "node:fs";`,
  "let log;",
  "export function initialize(data) { log = data.log; }",
  "export async function load(url, context, next) {",
  `  if (url.startsWith("file:")) appendFileSync(log, url + "\\n");`,
  "  return next(url, context);",
  "}",
  "",
].join("\n");

/**
 * Bytes of the bundle's own files (entry and chunks) loaded by import and the first request, in
 * one untimed process with the load hook; the answer is checked as in `sample`.
 */
async function loaded(
  file: string,
  first: First,
  env: Record<string, string>,
  out: string,
): Promise<number> {
  const hooks = join(out, "hooks.mjs");
  writeFileSync(hooks, HOOKS);
  const log = join(out, `loaded-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, "");
  const script = [
    `import { register } from "node:module";`,
    `register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log: ${JSON.stringify(log)} } });`,
    `const m = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    `const answer = await m.handler(${JSON.stringify(first.event)}, { awsRequestId: "bench" });`,
    "const json = JSON.stringify(answer ?? null);",
    `if (!json.includes(${JSON.stringify(first.expect)})) throw new Error("unexpected answer: " + json.slice(0, 300));`,
    "process.exit(0);",
  ].join("\n");
  await run(process.execPath, ["--input-type=module", "-e", script], { env, cwd: dirname(file) });
  const dir = dirname(file);
  const files = new Set(
    readFileSync(log, "utf8")
      .split("\n")
      .filter((url) => url.startsWith("file:"))
      .map((url) => fileURLToPath(url))
      .filter((path) => dirname(path) === dir),
  );
  rmSync(log, { force: true });
  return [...files].reduce((sum, path) => sum + statSync(path).size, 0);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const kb = (bytes: number): string =>
  `${(bytes / 1024).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KiB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const times = (value: number, base: number): string => `${(value / base).toFixed(1)}×`;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "15" },
      json: { type: "string" },
      "external-sdk": { type: "boolean", default: false },
      "both-sdk": { type: "boolean", default: false },
      "no-plugins": { type: "boolean", default: false },
      "no-splitting": { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      ceilings: { type: "boolean", default: false },
      only: { type: "string" },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);
  const options = {
    externalSdk: values["external-sdk"],
    splitting: NODEJS.splitting && !values["no-splitting"],
    plugins: values["no-plugins"] ? [] : sstPlugins,
  };

  const found: [HandlerName, string, string][] = [];
  const missing: string[] = [];
  const only = values.only?.split(",");
  for (const [name, handler] of Object.entries(HANDLERS) as [HandlerName, string][]) {
    if (only && !only.includes(name)) continue;
    const file = handlerFile(handler);
    if (file) found.push([name, handler, file]);
    else missing.push(`${name}: ${handler} (no ${handler.slice(0, handler.lastIndexOf("."))}.ts)`);
  }

  const started = performance.now();
  // Inside the repository, so that a bundle's external imports resolve to its node_modules.
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, "tenggat-bench-"));
  try {
    const emptyEntry = join(out, "empty.ts");
    writeFileSync(emptyEntry, "export const handler = async () => ({ statusCode: 200 });\n");
    const empty = await bundle("(empty)", "(empty handler)", emptyEntry, out, options);
    const floorEntry = join(out, "sdk-floor.ts");
    writeFileSync(floorEntry, SDK_FLOOR);
    const floor = await bundle(
      "(sdk floor)",
      "(DynamoDB client, one GetItem)",
      floorEntry,
      out,
      options,
    );
    const bundles = [empty, floor];
    for (const [name, handler, file] of found) {
      bundles.push(await bundle(name, handler, file, out, options));
      if (values["both-sdk"] && !options.externalSdk) {
        const external = { ...options, externalSdk: true };
        bundles.push(await bundle(`${name}-ext-sdk`, handler, file, out, external));
      }
    }

    if (values.check || values.ceilings) {
      const code = check(bundles.slice(2), missing, values.ceilings ? "ceilings" : "budgets");
      console.log(`(bundled in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
      return code;
    }

    // The first requests' store, embedded DynamoDB (and SES) in this process, seeded through
    // core's client here: `sambas` with a signed-in person for the API (`seedApiStore`), `bench`
    // with its day's run done for the jobs (`seedJobs`).
    const { start } = await import("../src/embedded.ts");
    const stores = await start({ tableName: "bench" });
    let token: string;
    let jobs: Awaited<ReturnType<typeof seedJobs>>;
    try {
      token = await seedApiStore();
      jobs = await seedJobs();
    } catch (error) {
      await stores.stop();
      throw error;
    }
    const env = {
      ...CHILD_ENV,
      AWS_ENDPOINT_URL_DYNAMODB: stores.dynamoUrl,
      AWS_ENDPOINT_URL_SES: stores.sesEvents.url,
      AWS_ENDPOINT_URL_SQS: jobs.sqsUrl,
      SST_RESOURCE_DailyQueue: JSON.stringify({
        url: `${jobs.sqsUrl}/000000000000/bench-daily`,
        type: "sst.aws.Queue",
      }),
    };
    try {
      const firstOf = (b: Bundle): [First, Record<string, string>] =>
        b.key === "api" ? [withSession(FIRST.api, token), env] : [FIRST[b.key as HandlerName], env];
      for (const b of bundles) b.byFirst = await loaded(b.file, ...firstOf(b), out);
      // Interleaved: sample i of every bundle before sample i + 1 of any.
      for (let i = 0; i < runs; i++) {
        for (const b of bundles) {
          const [importMs, firstMs, processMs] = await sample(b.file, ...firstOf(b));
          b.importMs.push(importMs);
          b.firstMs.push(firstMs);
          b.processMs.push(processMs);
        }
      }
    } finally {
      await jobs.stop();
      await stores.stop();
    }

    const baseImport = median(empty.importMs);
    const baseProcess = median(empty.processMs);
    console.log(
      `Handlers bundled as SST 4 does for ${RUNTIME} (esbuild ${TARGETS[RUNTIME]}, ESM, minify ${NODEJS.minify}, ` +
        `splitting ${options.splitting}${options.splitting === NODEJS.splitting ? "" : " (NOT as deployed)"}, ` +
        `AWS SDK ${options.externalSdk ? "EXTERNAL (not as deployed)" : values["both-sdk"] ? "bundled; EXTERNAL in the -ext-sdk rows (not as deployed)" : "bundled"}); cold start in a fresh node ` +
        `${process.version} process, median of ${runs}; load average ${loadAverage()}.\n`,
    );
    table(
      [
        "handler",
        "at import",
        "by 1st request",
        "zip",
        "files",
        "gzip",
        "import",
        "× empty",
        "1st request",
        "process",
        "× empty",
      ],
      bundles.map((b) => [
        b.name,
        kb(b.atImport),
        b.byFirst === undefined ? "" : kb(b.byFirst),
        kb(b.zip),
        String(b.files),
        kb(b.gzip),
        ms(median(b.importMs)),
        times(median(b.importMs), baseImport),
        ms(median(b.firstMs)),
        ms(median(b.processMs)),
        times(median(b.processMs), baseProcess),
      ]),
    );
    console.log(
      "\nat import: the entry and the chunks it imports statically; by 1st request: those and the lazy chunks the first request loaded; " +
        "zip: every chunk (lazy ones too), uncompressed; " +
        "process: Node's start, the import and the first request.",
    );
    for (const b of bundles.slice(2)) {
      console.log(
        `\n${b.name} (${b.handler}), largest parts at import: ${b.top.map((t) => `${t.input} ${kb(t.bytes)}`).join(", ")}`,
      );
    }

    if (values.json) {
      const record = bundles.map((b) => ({
        name: b.name,
        handler: b.handler,
        bytesAtImport: b.atImport,
        bytesByFirstRequest: b.byFirst,
        zipBytes: b.zip,
        files: b.files,
        gzipBytes: b.gzip,
        importMsMedian: median(b.importMs),
        firstRequestMsMedian: median(b.firstMs),
        processMsMedian: median(b.processMs),
        importRatio: median(b.importMs) / baseImport,
        processRatio: median(b.processMs) / baseProcess,
        largestAtImport: b.top,
      }));
      writeFileSync(
        values.json,
        `${JSON.stringify({ runtime: RUNTIME, node: process.version, runs, loadAverage: loadAverage(), ...options, plugins: !values["no-plugins"], missing, bundles: record }, null, 2)}\n`,
      );
      console.log(`\nwritten: ${relative(process.cwd(), values.json)}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  if (missing.length > 0) {
    console.error(
      `\nMISSING, not measured (no figures exist for them yet):\n${missing.map((m) => `  ${m}`).join("\n")}`,
    );
    return 1;
  }
  return 0;
}

function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/**
 * `--check`: every handler's bytes at import within its budget (issue 12's goals), or exit 1.
 * `--ceilings`: the same against `CEILINGS_KIB`, the ratchet `npm test` enforces (no handler may
 * grow past what it weighed when the ceiling was last lowered); the goal is printed beside it.
 * The zip's total (lazy chunks included) is printed, not judged: the budgets are about what a
 * cold start loads, and the lazy chunks load only on the routes that need them.
 */
function check(bundles: Bundle[], missing: string[], against: "budgets" | "ceilings"): number {
  let over = 0;
  const limits = against === "budgets" ? BUDGETS_KIB : CEILINGS_KIB;
  console.log(
    against === "budgets"
      ? "budgets (infra/lambda.ts BUDGETS_KIB, issue 12's goals) apply to the bytes loaded at import"
      : "ceilings (infra/lambda.ts CEILINGS_KIB, a ratchet, not the goals) apply to the bytes loaded at import",
  );
  for (const b of bundles) {
    const name = b.key as HandlerName;
    const budget = limits[name] * 1024;
    const ok = b.atImport <= budget;
    if (!ok) over++;
    const goal =
      against === "ceilings"
        ? `; goal ${kb(BUDGETS_KIB[name] * 1024)}${b.atImport <= BUDGETS_KIB[name] * 1024 ? " met" : " not met"}`
        : "";
    console.log(
      `${ok ? "ok  " : "OVER"} ${b.name.padEnd(12)} ${kb(b.atImport).padStart(12)} at import of ${kb(budget)}` +
        `  (zip ${kb(b.zip)} in ${b.files} files, gzip ${kb(b.gzip)}${goal})` +
        (ok
          ? ""
          : `  largest at import: ${b.top.map((t) => `${t.input} ${kb(t.bytes)}`).join(", ")}`),
    );
  }
  for (const m of missing) console.log(`MISSING ${m}`);
  return over > 0 || missing.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
