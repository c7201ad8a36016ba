import { randomFillSync } from "node:crypto";
import { monotonicFactory } from "ulid";

// ulid asks its generator for one random byte per character (16 per id), and its default one
// makes a call into the crypto library for each: draw them from the same source 4 KiB at a time.
const pool = new Uint8Array(4096);
let used = pool.length;
function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return (pool[used++] as number) / 256;
}

const ulid = monotonicFactory(randomByte);

export const prefixes = {
  meeting: "mtg",
  report: "rpt",
  task: "tsk",
  person: "per",
  event: "evt",
  session: "ses",
  apiKey: "key",
  notification: "ntf",
} as const;

/** A prefixed ULID (`rpt_01H…`), sortable by creation time. */
export function createId(kind: keyof typeof prefixes, time?: number): string {
  return `${prefixes[kind]}_${ulid(time)}`;
}
