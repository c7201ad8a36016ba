/**
 * The one DynamoDB table's shape, shared by the infrastructure (`infra/storage.ts`) and the
 * local runtime that creates the table in the embedded store, so both always agree.
 * See docs/data-model.md for what lives under which keys.
 */
export const PRIMARY = { hashKey: "pk", rangeKey: "sk" } as const;

export const INDEXES = {
  /** Listings under an owner: a unit's reports, meetings, tasks, audit events, … */
  gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
  /** By local date: what the daily job must look at on a day. */
  gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
  /** Queues: what waits for an office to act, oldest first. */
  gsi3: { hashKey: "gsi3pk", rangeKey: "gsi3sk" },
} as const;

export type IndexName = keyof typeof INDEXES;

/** Every key attribute is a string. */
export const ATTRIBUTES = [
  PRIMARY.hashKey,
  PRIMARY.rangeKey,
  ...Object.values(INDEXES).flatMap((i) => [i.hashKey, i.rangeKey]),
] as const;
