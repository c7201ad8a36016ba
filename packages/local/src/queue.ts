/**
 * An in-process stand-in for the daily job's SQS queue (there is no embedded SQS here): the same
 * `Fanout.JobQueue` interface, delivering each message as a one-record batch to the consumer
 * Lambda handler, several at once, retrying a message the consumer reports failed (partial batch
 * response) up to `maxReceives` times and then keeping it as a dead letter — what SQS with a
 * redrive policy does, without its delays.
 */
import type { Reminder } from "@tenggat/core/reminder";

export type Consumer = (event: {
  Records: Reminder.QueueRecord[];
}) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/**
 * The same stand-in serves the outbox queue (`Outbox.Message`, consumed by `jobs/outbox.ts`):
 * `M` is the message type.
 */
export interface LocalQueue<M = Reminder.TenantMessage> {
  send(messages: readonly M[]): Promise<void>;
  /** Resolves when every message sent so far is consumed or dead-lettered. */
  drain(): Promise<void>;
  /** Messages that failed `maxReceives` times, as SQS moves them to the dead-letter queue. */
  readonly deadLetters: M[];
  /** Messages consumed successfully. */
  readonly done: M[];
}

export function createQueue<M = Reminder.TenantMessage>(
  consumer: Consumer,
  options: { concurrency?: number; maxReceives?: number } = {},
): LocalQueue<M> {
  const concurrency = options.concurrency ?? 8;
  const maxReceives = options.maxReceives ?? 3;
  const waiting: { id: string; message: M; receives: number }[] = [];
  const deadLetters: M[] = [];
  const done: M[] = [];
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
