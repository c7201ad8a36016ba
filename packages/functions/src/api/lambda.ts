import { Observe } from "@tenggat/core/observe";
import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";

const serve = handle(createApp());

/**
 * The API on Lambda (function URL / API Gateway v2 events): every log line of a request carries
 * its Lambda request id; what the request counted is published when it ends.
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
