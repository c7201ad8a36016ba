import { Observe } from "@tenggat/core/observe";
import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";

const serve = handle(createApp({ outbox: "inline" }));

/**
 * The API on Lambda (function URL / API Gateway v2 events). Nothing runs after a Lambda answers,
 * so a change's audit event and mails are completed before the answer (`inline`, crash-safe: the
 * intent is stored first and the sweep completes what a dead invocation left). Every log line of
 * a request carries its Lambda request id; what the request counted is published when it ends.
 */
export const handler = (
  event: Parameters<typeof serve>[0],
  context: Parameters<typeof serve>[1] & { awsRequestId?: string },
) =>
  Observe.withRequest(context, async () => {
    try {
      return await serve(event, context);
    } finally {
      Observe.flush();
    }
  });
