/**
 * The API process that `test/crash.test.ts` kills: the app exactly as `npm start` runs it
 * (`@hono/node-server`, changes completed right after the answer), on stores that live in the
 * test's own process — reached through the `AWS_ENDPOINT_URL_*` and `SST_RESOURCE_*` variables
 * it inherits — so a kill -9 here loses this process and nothing of the stores.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "@tenggat/functions/api/app";

const app = createApp({ outbox: "after-response" });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.stdout.write(`LISTENING ${info.port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
