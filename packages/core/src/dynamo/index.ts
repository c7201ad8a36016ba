export * as Entity from "./entity.ts";
export * as Dynamo from "./index.ts";
export * as Key from "./keys.ts";
export * from "./table.ts";

import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { tableName } from "../config/index.ts";
import { VisibleError } from "../error/index.ts";
import { INDEXES, type IndexName, PRIMARY } from "./table.ts";

/** A stored item: key attributes plus the entity's own fields, its entity name and schema version. */
export type Item = Record<string, unknown> & { pk: string; sk: string; type: string; v: number };

let cached: DynamoDBDocumentClient | undefined;
const counts = new Map<string, number>();

/**
 * The key of a tenant's entry in a warm-process cache: the tenant of this very table at this very
 * endpoint (tests run several embedded stores in one process, each with its own tenants).
 */
export const cacheKey = (tenant: string): string =>
  `${process.env.AWS_ENDPOINT_URL_DYNAMODB ?? ""}|${tableName()}|${tenant}`;

/**
 * The document client, created on first use so that the endpoint and region configured by the
 * caller's environment (Lambda, or the local runtime's embedded store) are the ones it sees.
 */
export function client(): DynamoDBDocumentClient {
  if (cached) return cached;
  const raw = new DynamoDBClient({
    maxAttempts: 6,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
  });
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? "?", (counts.get(context.commandName ?? "?") ?? 0) + 1);
      return next(args);
    },
    { step: "initialize", name: "tenggatRequestCounter" },
  );
  cached = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return cached;
}

/** DynamoDB requests made by this process, per command (benchmarks read it). */
export function requestCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}

export function resetRequestCounts(): void {
  counts.clear();
}

/** Thrown when a conditional write finds the item not in the expected state. */
export class ConditionFailed extends Error {
  constructor(cause: unknown) {
    super("conditional write failed", { cause });
    this.name = "ConditionFailed";
  }
}

/** DynamoDB pushed back (throughput); the caller may retry later. */
export class Throttled extends Error {
  constructor(cause: unknown) {
    super("DynamoDB throttled the request", { cause });
    this.name = "Throttled";
  }
}

function translate(error: unknown): never {
  if (error instanceof ConditionalCheckFailedException) throw new ConditionFailed(error);
  if (error instanceof ProvisionedThroughputExceededException) throw new Throttled(error);
  throw error;
}

export async function get<T extends Item>(pk: string, sk: string): Promise<T | undefined> {
  const result = await client()
    .send(new GetCommand({ TableName: tableName(), Key: { pk, sk }, ConsistentRead: true }))
    .catch(translate);
  return result.Item as T | undefined;
}

/** The item at a key, or a 404 `VisibleError` naming what was looked for. */
export async function getOr404<T extends Item>(
  key: { pk: string; sk: string },
  what: string,
  id: string,
): Promise<T> {
  const found = await get<T>(key.pk, key.sk);
  if (!found)
    throw new VisibleError("not-found", `${what}.not_found`, `${what} ${id} was not found`);
  return found;
}

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Writes an item; with a condition, throws `ConditionFailed` when it does not hold. */
export async function put(item: Item, condition?: Condition): Promise<void> {
  await client()
    .send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ExpressionAttributeNames: condition.names,
              ExpressionAttributeValues: condition.values,
            }
          : {}),
      }),
    )
    .catch(translate);
}

/** Creates an item that must not exist yet (idempotency by deterministic key). */
export async function create(item: Item): Promise<boolean> {
  try {
    await put(item, { expression: "attribute_not_exists(pk)" });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed) return false;
    throw error;
  }
}

/**
 * Replaces an item only if its stored `version` is `expected` (optimistic concurrency); the new
 * item carries `expected + 1`. Throws a 409 `VisibleError` when someone else changed it first.
 */
export async function replaceVersioned<T extends Item & { version: number }>(
  item: T,
  expected: number,
  what = "item",
): Promise<T> {
  const next = { ...item, version: expected + 1 };
  try {
    await put(next, {
      expression: "#version = :expected",
      names: { "#version": "version" },
      values: { ":expected": expected },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) {
      throw new VisibleError(
        "conflict",
        "version.stale",
        `${what} was changed by someone else (expected version ${expected}); reload and try again`,
      );
    }
    throw error;
  }
  return next;
}

export interface UpdateInput {
  pk: string;
  sk: string;
  expression: string;
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** An UpdateItem returning the new item; throws `ConditionFailed` when the condition fails. */
export async function update<T extends Item>(input: UpdateInput): Promise<T> {
  const result = await client()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: input.pk, sk: input.sk },
        UpdateExpression: input.expression,
        ConditionExpression: input.condition,
        ExpressionAttributeNames: input.names,
        ExpressionAttributeValues: input.values,
        ReturnValues: "ALL_NEW",
      }),
    )
    .catch(translate);
  return result.Attributes as T;
}

export async function remove(pk: string, sk: string): Promise<void> {
  await client()
    .send(new DeleteCommand({ TableName: tableName(), Key: { pk, sk } }))
    .catch(translate);
}

/**
 * Reads many items by key (strongly consistent), 100 to a BatchGetItem request, retrying
 * unprocessed keys; the items in no particular order, missing ones left out.
 */
export async function getMany<T extends Item>(
  keys: readonly { pk: string; sk: string }[],
): Promise<T[]> {
  const out: T[] = [];
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let batch: { pk: string; sk: string }[] = unique
      .slice(i, i + 100)
      .map(({ pk, sk }) => ({ pk, sk }));
    for (let attempt = 0; batch.length > 0; attempt++) {
      const result = await client()
        .send(
          new BatchGetCommand({
            RequestItems: { [tableName()]: { Keys: batch, ConsistentRead: true } },
          }),
        )
        .catch(translate);
      out.push(...((result.Responses?.[tableName()] ?? []) as T[]));
      batch = (result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as typeof batch;
      if (batch.length > 0)
        await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
  return out;
}

/** Writes many items (no conditions), 25 at a time, retrying unprocessed ones. */
export async function putMany(items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; batch.length > 0; attempt++) {
      const result = await client()
        .send(new BatchWriteCommand({ RequestItems: { [tableName()]: batch } }))
        .catch(translate);
      batch = (result.UnprocessedItems?.[tableName()] ?? []) as typeof batch;
      if (batch.length > 0)
        await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
}

export interface QueryInput {
  /** The partition to read; always a key built for one tenant. */
  pk: string;
  index?: IndexName;
  /** Range-key condition. */
  sk?: { beginsWith: string } | { between: [string, string] } | { lte: string } | { gte: string };
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Newest / highest sort key first. */
  descending?: boolean;
  filter?: Condition;
}

export interface Page<T> {
  items: T[];
  /** Present when there may be more. */
  cursor?: string;
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** A page's last key names the index's key parts and the table's, nothing else. */
function sameKeys(given: string[], index: string[]): boolean {
  const expected = new Set([...index, PRIMARY.hashKey, PRIMARY.rangeKey]);
  return given.length === expected.size && given.every((k) => expected.has(k));
}

function decodeCursor(
  cursor: string,
  hashName: string,
  rangeName: string,
  pk: string,
): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  // A cursor can only continue the very partition it came from: no reading across tenants.
  if (
    !key ||
    typeof key !== "object" ||
    (key as Record<string, unknown>)[hashName] !== pk ||
    !sameKeys(Object.keys(key), [hashName, rangeName]) ||
    // DynamoDB refuses an empty key part or a sort key over 1,024 bytes with a 500-like error.
    !Object.values(key).every(
      (v) => typeof v === "string" && v.length > 0 && Buffer.byteLength(v) <= 1024,
    )
  ) {
    throw new VisibleError("input", "cursor.invalid", "cursor: not a cursor from this listing", [
      { path: "cursor", message: "not a cursor from this listing" },
    ]);
  }
  return key as Record<string, unknown>;
}

/** One page of a Query on the table or a GSI. */
export async function query<T extends Item>(input: QueryInput): Promise<Page<T>> {
  const keys = input.index ? INDEXES[input.index] : PRIMARY;
  const names: Record<string, string> = { "#pk": keys.hashKey, ...input.filter?.names };
  const values: Record<string, unknown> = { ":pk": input.pk, ...input.filter?.values };
  let condition = "#pk = :pk";
  if (input.sk) {
    names["#sk"] = keys.rangeKey;
    if ("beginsWith" in input.sk) {
      condition += " AND begins_with(#sk, :sk)";
      values[":sk"] = input.sk.beginsWith;
    } else if ("between" in input.sk) {
      condition += " AND #sk BETWEEN :sk1 AND :sk2";
      values[":sk1"] = input.sk.between[0];
      values[":sk2"] = input.sk.between[1];
    } else if ("lte" in input.sk) {
      condition += " AND #sk <= :sk";
      values[":sk"] = input.sk.lte;
    } else {
      condition += " AND #sk >= :sk";
      values[":sk"] = input.sk.gte;
    }
  }
  const params: QueryCommandInput = {
    TableName: tableName(),
    IndexName: input.index,
    KeyConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    FilterExpression: input.filter?.expression,
    Limit: input.limit,
    ScanIndexForward: !input.descending,
    ExclusiveStartKey: input.cursor
      ? decodeCursor(input.cursor, keys.hashKey, keys.rangeKey, input.pk)
      : undefined,
  };
  const result = await client().send(new QueryCommand(params)).catch(translate);
  return {
    items: (result.Items ?? []) as T[],
    ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
  };
}

/** Every item of a Query, following pages (for bounded partitions only). */
export async function queryAll<T extends Item>(input: Omit<QueryInput, "cursor">): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page: Page<T> = await query<T>({ ...input, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Drops key attributes and bookkeeping, leaving the entity's own fields. */
export function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, type, v, ...rest } = item;
  return rest as T;
}
