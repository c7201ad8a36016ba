/**
 * `npm run bench:api [-- --duration 10 --connections 10 --warmup 2 --rounds 1 --json out.json
 * --profile dir]`:
 * a read and a write endpoint of the real API under load (autocannon), each against one raw
 * DynamoDB call on the same embedded store in the same run.
 *
 * | target   | what                                                                      |
 * | -------- | ------------------------------------------------------------------------- |
 * | read     | `GET /v1/obligations/{id}` as a sub-task-force coordinator (its own unit)  |
 * | GetItem  | one `GetItem` of that very obligation item, nothing else                  |
 * | write    | `POST /v1/tasks` as the secretary, a new task (unique title) each request  |
 * | PutItem  | one `PutItem` of a copy of a stored task item under a fresh key           |
 *
 * The write is `POST /v1/tasks` because repeating it is valid: each request makes a new task
 * (ids are generated), so there are no version conflicts, and it is an ordinary write of the
 * product. Its announcement to the office is owed, not sent, by the request: the app runs with
 * `outbox: "queue"` as on Lambda (the request stores the intent and puts one message on the
 * outbox queue, whose consumer completes the audit event and the mail; here the queue is a
 * stand-in that counts the messages); what is measured is the request path. With `--rounds` above 1 the targets run in alternating order, and each ratio is
 * the median over rounds of the endpoint's run against its baseline's run of the same round.
 *
 * **Two processes.** The server side (embedded DynamoDB and SES, the Sambas seed, the app on
 * `@hono/node-server`, and the baseline endpoints) runs in a child process; autocannon runs in
 * this one. On a 2-core machine that gives the load generator one core and the server the
 * other: autocannon's own work (building requests, parsing responses, histograms) is then not
 * on the server's event loop, where it would add the same fixed cost to both sides of every
 * ratio and pull it towards 1, and the server's ~100 % of a core would include the generator's
 * share. Both sides of each ratio are served by that same child, so they share the same store,
 * the same core and the same SDK client. (Three processes, with dynalite apart, would put
 * three busy processes on two cores.)
 *
 * **Baselines over HTTP, not an in-process loop.** Each baseline is a tiny endpoint on the same
 * HTTP server stack (`@hono/node-server`, a bare `fetch` function with no router or middleware)
 * that makes exactly one DynamoDB call through core's own document client (`Dynamo.get` /
 * `Dynamo.put`: the same SDK client, connection pool and retry settings the app uses) and
 * answers the item as JSON. Both sides thus include one autocannon hop, HTTP parsing and
 * JSON out; what the ratio shows is what the app adds on top of one DynamoDB round trip:
 * routing, middleware, the session check, validation, core's logic and its further DynamoDB
 * calls. An in-process loop would leave out the HTTP cost on one side only.
 *
 * **What carries over to AWS.** dynalite runs in the server's process, so its CPU (the largest
 * share of every request here) is on the same core as the app; on Lambda, DynamoDB's work is
 * elsewhere and each call costs a few milliseconds of network instead. The milliseconds are
 * this machine's; the DynamoDB requests per API request (from `Dynamo.requestCounts()` in the
 * server process, divided by the requests it served) carry over exactly.
 *
 * The CPU columns show each process's share of one core while measuring: a server near 100 %
 * is bound by its one core (dynalite included), a load generator near 100 % would be the
 * bottleneck itself and make the figures meaningless.
 *
 * Everything listens on 127.0.0.1 only; every run is bounded by `--duration` and the whole bench
 * by a watchdog. Non-2xx answers are counted and make the bench exit 1 (a benchmark of 401s
 * measures nothing). Nothing here is a test: no figure makes anything fail.
 */
import { type ChildProcess, fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Dynamo as DynamoTypes } from "@tenggat/core/dynamo";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const TENANT = "sambas";
const SECRETARY = "gt.sekretaris@sambas.example";
const COORDINATOR = "sgt-a.koordinator@sambas.example";
/** The coordinator's unit (obligations read) and the office tasks are given to. */
const UNIT = "sgt-a";
const TASK_OFFICE = "sgt-a.koordinator";

// ---------------------------------------------------------------------------------------------
// Messages between this process and the server process

type ToServer =
  | { op: "configure"; id: number; obligationId: string; taskId: string }
  | { op: "reset"; id: number }
  | { op: "counts"; id: number };

type FromServer =
  | {
      op: "ready";
      appUrl: string;
      baseUrl: string;
      sesUrl: string;
      today: string;
      due: string;
    }
  | {
      op: "done";
      id: number;
      dynamo?: Record<string, number>;
      served?: number;
      /** CPU time of the server process since the last reset, in microseconds. */
      cpuMicros?: number;
      error?: string;
    };

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

// ---------------------------------------------------------------------------------------------
// The server process

async function listenOn(
  serve: typeof import("@hono/node-server").serve,
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
): Promise<string> {
  return new Promise((resolve) => {
    serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
}

async function serverSide(): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  // Never outlive the bench that started us.
  process.on("disconnect", () => process.exit(0));

  const { start } = await import("../src/embedded.ts");
  const { sambasSeed } = await import("../src/sambas.ts");
  const stores = await start();
  // Core reads its configuration on first use: import it only after the stores set the environment.
  const { serve } = await import("@hono/node-server");
  const { Seed } = await import("@tenggat/core/seed");
  const { LocalDate } = await import("@tenggat/core/date");
  const { Dynamo, Key } = await import("@tenggat/core/dynamo");
  const { Reminder } = await import("@tenggat/core/reminder");
  const { createApp } = await import("@tenggat/functions/api/app");

  const now = new Date();
  const today = LocalDate.at(now);
  await Seed.install({ ...sambasSeed(), trackFrom: today });
  // The daily job stores the obligation instances (and, on a working day, mails digests).
  const daily = await Reminder.daily(now);
  const failed = daily.runs.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`daily job failed: ${JSON.stringify(failed)}`);

  let served = 0;
  // The request path as on Lambda: a change's audit event and mail are left to the outbox
  // queue's consumer; the request only tells the queue (a stand-in here that counts the
  // messages and sends nothing: on AWS each is one SQS SendMessageBatch of a few ms).
  let queued = 0;
  const app = createApp({
    outbox: "queue",
    queue: () => ({
      send: async (messages) => {
        if (messages.length > 0) queued++;
      },
    }),
  });
  const appUrl = await listenOn(serve, (request, env) => {
    served++;
    return app.fetch(request, env);
  });

  let getKey: { pk: string; sk: string } | undefined;
  let template: DynamoTypes.Item | undefined;
  let puts = 0;
  let cpu = process.cpuUsage();
  const baseUrl = await listenOn(serve, async (request) => {
    served++;
    const path = new URL(request.url).pathname;
    if (path === "/get" && getKey) {
      const item = await Dynamo.get(getKey.pk, getKey.sk);
      return item ? Response.json(item) : Response.json({ error: "gone" }, { status: 404 });
    }
    if (path === "/put" && template && request.method === "POST") {
      const item = { ...template, pk: `bench#put#${process.pid}#${++puts}` };
      await Dynamo.put(item);
      return Response.json(item, { status: 201 });
    }
    return Response.json({ error: "not configured" }, { status: 404 });
  });

  process.on("message", async (message: ToServer) => {
    try {
      if (message.op === "configure") {
        const obligation = Key.instance(TENANT, message.obligationId);
        const task = Key.task(TENANT, message.taskId);
        getKey = { pk: obligation.pk, sk: obligation.sk };
        template = await Dynamo.get(task.pk, task.sk);
        if (!(await Dynamo.get(getKey.pk, getKey.sk)) || !template)
          throw new Error("obligation or task not stored");
        send({ op: "done", id: message.id });
      } else if (message.op === "reset") {
        Dynamo.resetRequestCounts();
        served = 0;
        queued = 0;
        cpu = process.cpuUsage();
        send({ op: "done", id: message.id });
      } else {
        const used = process.cpuUsage(cpu);
        send({
          op: "done",
          id: message.id,
          dynamo: {
            ...Dynamo.requestCounts(),
            ...(queued > 0 ? { "SQS SendMessageBatch": queued } : {}),
          },
          served,
          cpuMicros: used.user + used.system,
        });
      }
    } catch (error) {
      send({ op: "done", id: message.id, error: String(error) });
    }
  });
  process.on("SIGTERM", () => {
    stores.stop().finally(() => process.exit(0));
  });

  send({
    op: "ready",
    appUrl,
    baseUrl,
    sesUrl: stores.sesUrl,
    today,
    due: LocalDate.addDays(today, 30),
  });
}

// ---------------------------------------------------------------------------------------------
// The load side

/** The parts of autocannon 9's API used here (it ships no types). */
interface Histogram {
  average: number;
  total: number;
  p50: number;
  p99: number;
}
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest) => CannonRequest;
}
interface CannonResult {
  requests: Histogram;
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = require("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;

interface Target {
  name: string;
  what: string;
  /** The baseline it is compared with, by name. */
  against?: string;
  url: string;
  request: () => CannonRequest;
}

interface Measured {
  name: string;
  what: string;
  against?: string;
  requests: number;
  bad: number;
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p99: number;
  /** DynamoDB requests per served request, by command. */
  dynamo: Record<string, number>;
  /** CPU used while measuring, as a share of one core: the server process, and this one. */
  serverCpu: number;
  loadCpu: number;
  /**
   * The server process's CPU time per request it served (app, dynalite and SES), in µs: unlike
   * the latencies, hardly changed by other processes' turns on a shared machine.
   */
  cpuPerRequest: number;
  /**
   * Against the baseline: throughput and p50 divided by the baseline's, each round with the
   * baseline's run of the same round (next to it in time), then the median over rounds.
   */
  vsBase?: { rps: number; p50: number; cpu: number };
}

class Server {
  private next = 0;
  private waiting = new Map<number, (m: Extract<FromServer, { op: "done" }>) => void>();
  constructor(readonly child: ChildProcess) {
    child.on("message", (m: FromServer) => {
      if (m.op !== "done") return;
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }
  ask(message: WithoutId<ToServer>) {
    const id = ++this.next;
    return new Promise<Extract<FromServer, { op: "done" }>>((resolve, reject) => {
      this.waiting.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
      this.child.send({ ...message, id });
    });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field, and checked
type Body = any;

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: Body }> {
  const response = await fetch(url, init);
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

/** Signs in through the e-mailed one-time link, as a person would (test/support.ts does the same). */
async function signIn(appUrl: string, sesUrl: string, email: string): Promise<string> {
  await fetch(`${sesUrl}/clear-store`, { method: "POST" });
  const headers = { "content-type": "application/json" };
  const asked = await json(`${appUrl}/v1/auth/sign-in`, {
    method: "POST",
    headers,
    body: JSON.stringify({ taskForce: TENANT, email }),
  });
  if (asked.status !== 202) throw new Error(`sign-in ${email}: ${asked.status}`);
  const store = (await json(`${sesUrl}/store`)).body as {
    emails: { destination: { to: string[] }; body: { text?: string } }[];
  };
  const mail = store.emails.find((m) => m.destination.to.some((to) => to.includes(email)));
  const code = mail?.body.text?.match(/[?&]code=([A-Za-z0-9_-]+)/)?.[1];
  if (!code) throw new Error(`no sign-in link mailed to ${email}`);
  const verified = await json(`${appUrl}/v1/auth/verify`, {
    method: "POST",
    headers,
    body: JSON.stringify({ taskForce: TENANT, code }),
  });
  if (verified.status !== 200) throw new Error(`verify ${email}: ${verified.status}`);
  return verified.body.token as string;
}

/** One request outside the load, which must answer `status`; returns its body. */
async function preflight(url: string, request: CannonRequest, status: number): Promise<Body> {
  const answer = await json(url + (request.path ?? "/"), {
    method: request.method ?? "GET",
    ...(request.headers ? { headers: request.headers } : {}),
    ...(request.body ? { body: request.body } : {}),
  });
  if (answer.status !== status) {
    throw new Error(
      `${request.method} ${request.path}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}

/** Round i of the endpoint against round i of its baseline; the median ratio over rounds. */
function paired(endpoint: Measured[], base: Measured[]): { rps: number; p50: number; cpu: number } {
  const rounds = endpoint.map((e, i) => [e, base[i]] as const);
  return {
    rps: median(rounds.map(([e, b]) => (b ? e.rps / b.rps : Number.NaN))),
    p50: median(rounds.map(([e, b]) => (b ? e.p50 / b.p50 : Number.NaN))),
    cpu: median(rounds.map(([e, b]) => (b ? e.cpuPerRequest / b.cpuPerRequest : Number.NaN))),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      rounds: { type: "string", default: "1" },
      json: { type: "string" },
      profile: { type: "string" },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const warmup = Number(values.warmup);
  const rounds = Number(values.rounds);
  for (const [name, value, max] of [
    ["duration", duration, 60],
    ["connections", connections, 100],
    ["warmup", warmup, 30],
    ["rounds", rounds, 10],
  ] as const) {
    if (!Number.isInteger(value) || value < (name === "warmup" ? 0 : 1) || value > max)
      throw new Error(`--${name} must be an integer up to ${max}`);
  }

  const child = fork(fileURLToPath(import.meta.url), ["--serve"], {
    cwd: root,
    // `--profile <dir>`: a V8 CPU profile of the server process (open it in Chrome's DevTools).
    execArgv: [
      "--import",
      "tsx",
      ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : []),
    ],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // A bench that hangs must still stop: twice the planned time, plus a minute to set up.
  const watchdog = setTimeout(
    () => {
      console.error("bench:api: watchdog expired; stopping");
      child.kill("SIGKILL");
      process.exit(1);
    },
    (2 * rounds * 4 * (duration + warmup) + 60) * 1000,
  );
  watchdog.unref();
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.on("exit", stop);

  try {
    const ready = await new Promise<Extract<FromServer, { op: "ready" }>>((resolve, reject) => {
      child.once("message", (m: FromServer) =>
        m.op === "ready" ? resolve(m) : reject(new Error("unexpected message")),
      );
      child.once("exit", (code) => reject(new Error(`server process exited (${code})`)));
    });
    const server = new Server(child);
    const { appUrl, baseUrl, sesUrl } = ready;

    const secretary = await signIn(appUrl, sesUrl, SECRETARY);
    const coordinator = await signIn(appUrl, sesUrl, COORDINATOR);
    const asCoordinator = { authorization: `Bearer ${coordinator}` };
    const asSecretary = {
      authorization: `Bearer ${secretary}`,
      "content-type": "application/json",
    };

    const listed = await preflight(
      appUrl,
      { path: `/v1/obligations?unit=${UNIT}&limit=1`, headers: asCoordinator },
      200,
    );
    const obligationId = listed.items?.[0]?.id as string | undefined;
    if (!obligationId) throw new Error(`the daily job stored no obligation for ${UNIT}`);
    let n = 0;
    const newTask = (): CannonRequest => ({
      method: "POST",
      path: "/v1/tasks",
      headers: asSecretary,
      body: JSON.stringify({
        title: `Bench task ${++n}`,
        office: TASK_OFFICE,
        due: ready.due,
      }),
    });
    const firstTask = await preflight(appUrl, newTask(), 201);
    await server.ask({ op: "configure", obligationId, taskId: firstTask.id });

    const targets: Target[] = [
      {
        name: "GetItem",
        what: "one GetItem (the same obligation item)",
        url: baseUrl,
        request: () => ({ method: "GET", path: "/get" }),
      },
      {
        name: "read",
        what: "GET /v1/obligations/{id}",
        against: "GetItem",
        url: appUrl,
        request: () => ({
          method: "GET",
          path: `/v1/obligations/${encodeURIComponent(obligationId)}`,
          headers: asCoordinator,
        }),
      },
      {
        name: "PutItem",
        what: "one PutItem (a task item, fresh key)",
        url: baseUrl,
        request: () => ({ method: "POST", path: "/put" }),
      },
      {
        name: "write",
        what: "POST /v1/tasks (new task; mail via the outbox queue)",
        against: "PutItem",
        url: appUrl,
        request: () => ({ ...newTask(), setupRequest: (r) => ({ ...r, ...newTask() }) }),
      },
    ];
    for (const t of targets) {
      await preflight(t.url, t.request(), t.name === "read" || t.name === "GetItem" ? 200 : 201);
    }

    const samples = new Map<string, Measured[]>();
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so that drift of a shared machine does not always favour one side.
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) {
        const load = (seconds: number) =>
          autocannon({ url: t.url, connections, duration: seconds, requests: [t.request()] });
        // Let the server finish what was in flight when autocannon stopped before counting.
        const settle = () => new Promise((r) => setTimeout(r, 250));
        if (warmup > 0) {
          await load(warmup);
          await settle();
        }
        await server.ask({ op: "reset" });
        const loadCpu = process.cpuUsage();
        const result = await load(duration);
        const loadUsed = process.cpuUsage(loadCpu);
        await settle();
        const counts = await server.ask({ op: "counts" });
        const servedCount = Math.max(1, counts.served ?? 0);
        const statuses = Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
        );
        const m: Measured = {
          name: t.name,
          what: t.what,
          ...(t.against ? { against: t.against } : {}),
          requests: result.requests.total,
          bad: result.non2xx + result.errors + result.timeouts,
          statuses,
          rps: result.requests.total / result.duration,
          p50: result.latency.p50,
          p99: result.latency.p99,
          serverCpu: (counts.cpuMicros ?? 0) / 1e6 / result.duration,
          loadCpu: (loadUsed.user + loadUsed.system) / 1e6 / result.duration,
          cpuPerRequest: (counts.cpuMicros ?? 0) / servedCount,
          dynamo: Object.fromEntries(
            Object.entries(counts.dynamo ?? {}).map(([command, count]) => [
              command,
              count / servedCount,
            ]),
          ),
        };
        samples.set(t.name, [...(samples.get(t.name) ?? []), m]);
        console.error(
          `  ${t.name}: ${m.requests} requests, ${m.rps.toFixed(0)}/s, p50 ${m.p50} ms, p99 ${m.p99} ms`,
        );
      }
    }

    const results = targets.map((t): Measured => {
      const all = samples.get(t.name) ?? [];
      const first = all[0] as Measured;
      const statuses: Record<string, number> = {};
      for (const s of all)
        for (const [code, count] of Object.entries(s.statuses))
          statuses[code] = (statuses[code] ?? 0) + count;
      return {
        ...first,
        requests: all.reduce((sum, s) => sum + s.requests, 0),
        bad: all.reduce((sum, s) => sum + s.bad, 0),
        statuses,
        rps: median(all.map((s) => s.rps)),
        p50: median(all.map((s) => s.p50)),
        p99: median(all.map((s) => s.p99)),
        serverCpu: median(all.map((s) => s.serverCpu)),
        loadCpu: median(all.map((s) => s.loadCpu)),
        cpuPerRequest: median(all.map((s) => s.cpuPerRequest)),
        ...(t.against ? { vsBase: paired(all, samples.get(t.against) ?? []) } : {}),
      };
    });
    report(results, { duration, connections, warmup, rounds, today: ready.today });

    if (values.json) {
      writeFileSync(
        values.json,
        `${JSON.stringify({ node: process.version, duration, connections, warmup, rounds, results }, null, 2)}\n`,
      );
      console.log(`\nwritten: ${relative(process.cwd(), values.json)}`);
    }
    const bad = results.filter((r) => r.bad > 0);
    if (bad.length > 0) {
      console.error(
        `\nNOT ALL 2xx — these figures measure failures, not the endpoints:\n${bad
          .map((r) => `  ${r.name}: ${r.bad} bad (${JSON.stringify(r.statuses)})`)
          .join("\n")}`,
      );
      return 1;
    }
    return 0;
  } finally {
    stop();
  }
}

function report(
  results: Measured[],
  run: { duration: number; connections: number; warmup: number; rounds: number; today: string },
): void {
  const ratio = (value: number | undefined) => (value === undefined ? "" : `${value.toFixed(2)}×`);
  console.log(
    `\nAPI under load against one raw DynamoDB call, same embedded store, same run (${run.today}): ` +
      `autocannon, ${run.connections} connections, ${run.duration} s per target after ${run.warmup} s warm-up, ` +
      `${run.rounds} round${run.rounds === 1 ? "" : "s"}${run.rounds > 1 ? " (medians)" : ""}; node ${process.version}.\n`,
  );
  const rows = results.map((r) => {
    const total = Object.entries(r.dynamo)
      .filter(([command]) => !command.startsWith("SQS"))
      .reduce((sum, [, v]) => sum + v, 0);
    return [
      r.name,
      r.what,
      r.requests.toLocaleString("en-US"),
      String(r.bad),
      r.rps.toFixed(0),
      `${r.p50.toFixed(0)} ms`,
      `${r.p99.toFixed(0)} ms`,
      ratio(r.vsBase?.rps),
      ratio(r.vsBase?.p50),
      total.toFixed(2),
      `${(r.serverCpu * 100).toFixed(0)} %`,
      `${(r.loadCpu * 100).toFixed(0)} %`,
      `${(r.cpuPerRequest / 1000).toFixed(2)} ms`,
      ratio(r.vsBase?.cpu),
    ];
  });
  const header = [
    "target",
    "what",
    "requests",
    "non-2xx",
    "req/s",
    "p50",
    "p99",
    "req/s ÷ base",
    "p50 ÷ base",
    "DynamoDB/req",
    "server CPU",
    "load CPU",
    "server CPU/req",
    "CPU/req ÷ base",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
  console.log(
    "\nreq/s ÷ base and p50 ÷ base: the endpoint against its baseline (GetItem for read, PutItem for write),\n" +
      "each round against the baseline's run of the same round; the median over rounds.\n" +
      "CPU: share of one core while measuring; server = app + dynalite + SES in the server process, load = autocannon.\n" +
      "server CPU/req: the server process's CPU time per request served (the figure least moved by a busy machine),\n" +
      "and its ratio to the baseline's, paired by round like the others.",
  );
  console.log(
    "\nAWS requests per served request: DynamoDB by command, and the outbox queue's message (SQS, counted by a stand-in):",
  );
  for (const r of results) {
    const parts = Object.entries(r.dynamo)
      .sort((a, b) => b[1] - a[1])
      .map(([command, count]) => `${command.replace(/Command$/, "")} ${count.toFixed(2)}`);
    console.log(`  ${r.name.padEnd(8)} ${parts.join(", ") || "none"}`);
  }
}

if (process.argv.includes("--serve")) {
  serverSide().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
