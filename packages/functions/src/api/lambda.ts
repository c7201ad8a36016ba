import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";

/**
 * The API on Lambda (function URL / API Gateway v2 events). Nothing runs after a Lambda answers,
 * so a change's audit event and mails are completed before the answer (`inline`, crash-safe: the
 * intent is stored first and the sweep completes what a dead invocation left). `outbox: "sweep"`
 * takes the mail off the request path once the sweep runs often enough (today every 15 minutes
 * in office hours: `infra/jobs.ts`).
 */
export const handler = handle(createApp({ outbox: "inline" }));
