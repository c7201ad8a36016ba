/**
 * An in-process stand-in for the daily job's SQS queue (there is no embedded SQS here): the same
 * `Reminder.JobQueue` interface, delivering each message as a one-record batch to the consumer
 * Lambda handler, several at once, retrying a message the consumer reports failed (partial batch
 * response) up to `maxReceives` times and then keeping it as a dead letter — what SQS with a
 * redrive policy does, without its delays.
 */
import type { Reminder } from "@tenggat/core/reminder";

export type Consumer = (event: {
  Records: Reminder.QueueRecord[];
}) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

export interface LocalQueue extends Reminder.JobQueue {
  /** Resolves when every message sent so far is consumed or dead-lettered. */
  drain(): Promise<void>;
  /** Messages that failed `maxReceives` times, as SQS moves them to the dead-letter queue. */
  readonly deadLetters: Reminder.TenantMessage[];
  /** Messages consumed successfully. */
  readonly done: Reminder.TenantMessage[];
}

export function createQueue(
  consumer: Consumer,
  options: { concurrency?: number; maxReceives?: number } = {},
): LocalQueue {
  const concurrency = options.concurrency ?? 8;
  const maxReceives = options.maxReceives ?? 3;
  const waiting: { id: string; message: Reminder.TenantMessage; receives: number }[] = [];
  const deadLetters: Reminder.TenantMessage[] = [];
  const done: Reminder.TenantMessage[] = [];
  let running = 0;
  let sequence = 0;
  let idle: (() => void)[] = [];

  const settle = () => {
    if (running === 0 && waiting.length === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };
  const pump = () => {
    while (running < concurrency && waiting.length > 0) {
      const next = waiting.shift();
      if (!next) break;
      running++;
      next.receives++;
      void consumer({ Records: [{ messageId: next.id, body: JSON.stringify(next.message) }] })
        .then(
          (result) => result.batchItemFailures.some((f) => f.itemIdentifier === next.id),
          () => true, // a consumer that throws fails its whole batch
        )
        .then((failed) => {
          running--;
          if (!failed) done.push(next.message);
          else if (next.receives >= maxReceives) deadLetters.push(next.message);
          else waiting.push(next);
          pump();
          settle();
        });
    }
  };

  return {
    async send(messages) {
      for (const message of messages) {
        waiting.push({ id: `local-${++sequence}`, message, receives: 0 });
      }
      pump();
    },
    drain() {
      return new Promise<void>((resolve) => {
        idle.push(resolve);
        settle();
      });
    },
    deadLetters,
    done,
  };
}
