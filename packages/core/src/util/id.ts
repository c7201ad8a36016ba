import { monotonicFactory } from "ulid";

const ulid = monotonicFactory();

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
