import { Observe } from "@tenggat/core/observe";
import type { Outbox } from "@tenggat/core/outbox";
import { handle } from "hono/aws-lambda";
import { Resource } from "sst";
import { createApp } from "./app.ts";

/**
 * The API on Lambda (function URL / API Gateway v2 events). Nothing runs after a Lambda answers,
 * so a change's audit event and mails are left to the outbox queue (`OutboxQueue`,
 * infra/outbox.ts): the request stores the change and its intent, puts one message naming the
 * task force on the queue, and answers; the queue's consumer (`jobs/outbox.ts`) completes the
 * intent within about a second. Crash-safe: the intent is stored first, and the sweep completes
 * what a lost message left. Sign-in links are the exception: mailed inline (`Auth`), because the
 * person is waiting at the screen for them. Every log line of a request carries its Lambda
 * request id; what the request counted is published when it ends.
 */
export function lambdaHandler(queue: () => Outbox.Queue) {
  const serve = handle(createApp({ outbox: "queue", queue }));
  return (
    event: Parameters<typeof serve>[0],
    context: Parameters<typeof serve>[1] & { awsRequestId?: string },
  ) =>
    Observe.withRequest(context, async () => {
      try {
        return await serve(event, context);
      } finally {
        await Observe.flush();
      }
    });
}

let outboxQueue: Outbox.Queue | undefined;

export const handler = lambdaHandler(
  () =>
    (outboxQueue ??= {
      // The SQS client is loaded by the first change that has something to announce, not by
      // every cold start (reads, sign-ins and pages never need it).
      async send(messages) {
        const { sqsQueue } = await import("../jobs/queue.ts");
        return sqsQueue<Outbox.Message>(Resource.OutboxQueue.url).send(messages);
      },
    }),
);
