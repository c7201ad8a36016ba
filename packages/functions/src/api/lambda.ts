import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";

/**
 * The API on Lambda (function URL / API Gateway v2 events). Nothing runs after a Lambda answers,
 * so a change's audit event and mails are completed by the outbox sweep (`jobs/sweep.ts`).
 */
export const handler = handle(createApp({ outbox: "sweep" }));
