/**
 * `npm start`: the whole product on this machine, in one process — the embedded DynamoDB
 * (persisted under .data/), the embedded SES with its mail viewer, the API, the Sambas task
 * force seeded on first start, and the daily job scheduled in-process.
 */
import { mkdirSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { start as startStores } from "./embedded.ts";
import { createQueue } from "./queue.ts";
import { sambasSeed, TENANT } from "./sambas.ts";
import { schedule } from "./scheduler.ts";
import { localSecrets } from "./secrets.ts";

const PORT = Number(process.env.PORT ?? 3000);
const DYNAMO_PORT = Number(process.env.TENGGAT_DYNAMO_PORT ?? 8000);
const SES_PORT = Number(process.env.TENGGAT_SES_PORT ?? 8005);
const DATA_DIR = resolve(process.env.TENGGAT_DATA_DIR ?? ".data");
/** The API answers this machine only, unless the user opts in with `TENGGAT_HOST=0.0.0.0`. */
const HOST = process.env.TENGGAT_HOST ?? "127.0.0.1";

/** This machine's address on the local network (for phones), when the API is opened to it. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((a) => a.family === "IPv4" && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}

async function main() {
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  const secrets = localSecrets(DATA_DIR);
  const open = HOST !== "127.0.0.1" && HOST !== "localhost" && HOST !== "::1";
  const lan = open ? lanAddress() : undefined;
  // Links in mails point where the reader can follow them: the LAN address once opted in.
  const publicUrl = `http://${lan ?? "localhost"}:${PORT}`;
  const stores = await startStores({
    dataDir: resolve(DATA_DIR, "dynamodb"),
    dynamoPort: DYNAMO_PORT,
    sesPort: SES_PORT,
    publicUrl,
    sessionSecret: secrets.sessionSecret,
    linkSecret: secrets.linkSecret,
  });
  // Core reads configuration on first use: import it only after the stores set the environment.
  const { Seed } = await import("@tenggat/core/seed");
  const { createApp } = await import("@tenggat/functions/api/app");
  const seeded = await Seed.install(
    sambasSeed(process.env.TENGGAT_PEOPLE ? { peopleFile: process.env.TENGGAT_PEOPLE } : {}),
  );

  // A change's audit event and mails go out as on Lambda: the request puts one message naming
  // the task force on the outbox queue (here the in-process stand-in for SQS), whose consumer
  // is the very Lambda handler `OutboxJob` runs (and the sweep, should it stop first).
  const outboxJob = await import("@tenggat/functions/jobs/outbox");
  const outboxQueue = createQueue<{ tenant: string }>(outboxJob.handler);
  const app = createApp({ outbox: "queue", queue: () => outboxQueue, localJobs: true });
  const server = serve({ fetch: app.fetch, port: PORT, hostname: HOST });

  // The same handlers EventBridge Scheduler invokes in AWS. Today's daily run happens now too
  // (it is idempotent), so the mail viewer shows what is due without waiting for 08:00.
  // The scheduled handler enqueues one message per task force; the in-process stand-in for SQS
  // hands each to the queue's consumer handler, as in AWS.
  const { dailyHandler } = await import("@tenggat/functions/jobs/daily");
  const consumer = await import("@tenggat/functions/jobs/daily-tenant");
  const queue = createQueue(consumer.handler);
  const daily = {
    handler: async (event: unknown) => {
      const result = await dailyHandler(() => queue)(event);
      await queue.drain();
      return { ...result, done: queue.done.length, failed: queue.deadLetters.length };
    },
  };
  const sweep = await import("@tenggat/functions/jobs/sweep");
  const quiet = (fn: () => Promise<unknown>) => async () => {
    const log = console.log;
    console.log = () => undefined; // the handlers log JSON lines for CloudWatch; keep the terminal readable
    try {
      return await fn();
    } finally {
      console.log = log;
    }
  };
  const jobs = { daily: quiet(() => daily.handler({})), sweep: quiet(() => sweep.handler({})) };
  // SES event publishing's stand-in hands each accepted mail's Send event to the handler SNS
  // invokes in AWS (ses-feedback): it marks the mail sent in the ledger. Subscribed before the
  // first job runs, so that no event of its mails is dropped.
  const feedback = await import("@tenggat/functions/events/ses-feedback");
  // (Not `quiet`: it swaps console.log process-wide, and events overlap the jobs; the handler
  // logs nothing below WARN outside Lambda anyway.)
  stores.sesEvents.subscribe((event) => feedback.handler(event));
  const first = (await jobs.daily()) as Awaited<ReturnType<typeof daily.handler>>;
  await jobs.sweep().catch(() => undefined); // what a previous run left owed (a crash, kill -9)
  const scheduler = schedule(jobs, (line) => console.log(line));

  const secretary = "gt.sekretaris@sambas.example";
  // Ctrl-C is handled before the banner says so: whoever reads "Ctrl-C stops." may press it.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    scheduler.stop();
    await new Promise<void>((r) => server.close(() => r()));
    await outboxQueue.drain();
    await stores.sesEvents.drain(); // the Send events of the last mails reach the ledger first
    await stores.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  console.log(`
Tenggat is running (task force "${TENANT}"${seeded.registered ? ", installed just now" : ""}).

  Console        http://localhost:${PORT}/   (sign in: http://localhost:${PORT}/masuk?tf=${TENANT})
  API            http://localhost:${PORT}/v1
  API reference  http://localhost:${PORT}/docs   (OpenAPI: /openapi.json)
  Mail viewer    ${stores.sesUrl.replace("127.0.0.1", "localhost")}/   (every mail the product sends lands here)
  Data           ${DATA_DIR}   (delete it to start afresh)
  Secrets        ${secrets.file}   (${secrets.created ? "generated just now" : "kept"}; owner-only)
${
  open
    ? `  On the network ${lan ? `http://${lan}:${PORT}/v1` : `(no LAN address found) ${HOST}:${PORT}`}   (TENGGAT_HOST=${HOST}: other machines can reach the API)`
    : "  Listening on   127.0.0.1 only (TENGGAT_HOST=0.0.0.0 opens it to the local network, e.g. for a phone)"
}

Sign in as the seeded secretary: open http://localhost:${PORT}/masuk?tf=${TENANT}, enter
  ${secretary}, then open the newest mail in the mail viewer and follow its link.

Daily job: ran now for ${first.today} through the local queue (${first.done} task force(s) run, ${first.failed} failed); next at 08:00 WIB, sweep every 15 minutes.

Ctrl-C stops.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
