/**
 * Before each file of the `stores` project (`test/scheduling.ts`, `STORES`): what a process of
 * its own would give the file, in a process that files share.
 *
 * - The product's modules evaluated afresh: its DynamoDB and SES clients (which keep the endpoint
 *   of their first request), caches and actor context belong to this file's stores only.
 *   Packages from node_modules (the AWS SDK, dynalite, zod, Hono) stay loaded: that is the saving.
 * - aws-ses-v2-local's mail store emptied: the package keeps one store per process, shared by
 *   every server it starts, so an earlier file's mail would otherwise show in this file's
 *   (`test/fresh.test.ts`).
 */
import { createRequire } from "node:module";
import { vi } from "vitest";

/** Empties aws-ses-v2-local's store: every embedded SES server of this process reads from it. */
export function emptyMailStore(): void {
  const store = createRequire(import.meta.url)("aws-ses-v2-local/dist/store.js") as {
    clearStore(): void;
  };
  store.clearStore();
}

vi.resetModules();
emptyMailStore();
