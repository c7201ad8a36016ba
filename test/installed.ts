/**
 * Installing task forces for a test file, once per test run instead of once per file.
 *
 * `Seed.install` is the same for every file that starts from the sample Sambas (some 380 items
 * through ~1,000 conditional writes and reads: seconds of CPU each time). The first file of a
 * run to need a given installation makes it for real, through `Seed.install`, and keeps what the
 * table then holds (a `Scan`) in the run's directory; every later one writes those items back
 * with `BatchWriteItem`. The items are the ones the install wrote (ids, versions, audit events,
 * timestamps of the moment it ran), so the product reads them exactly as after its own install;
 * `test/installed.test.ts` compares the two tables item by item. Installs into a store that is
 * not empty, or with a binary attribute, are never copied (made for real each time).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import type { Seed } from "@tenggat/core/seed";
import type {} from "./global-setup.ts";

type Item = Record<string, AttributeValue>;

/** Every item of the table, in the order Scan returns them. */
export async function scan(client: DynamoDBClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function write(client: DynamoDBClient, tableName: string, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const out = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

const binary = (items: Item[]) =>
  JSON.stringify(items, (_k, v) => (v instanceof Uint8Array ? "\u0000binary" : v)).includes(
    "\\u0000binary",
  );

/**
 * Installs `inputs`, in order, into the embedded table `tableName` (empty), as `Seed.install`
 * would; `dir` defaults to the run's directory. Returns whether the items were copied.
 */
export async function install(
  tableName: string,
  inputs: Seed.SeedInput[],
  dir?: string,
): Promise<"copied" | "installed"> {
  dir ??= await runDir();
  const { Seed } = await import("@tenggat/core/seed");
  const { LocalDate } = await import("@tenggat/core/date");
  const client = new DynamoDBClient({});
  try {
    // The day matters to an install without `trackFrom` (it tracks from the day it runs).
    const key = createHash("sha256")
      .update(JSON.stringify([LocalDate.at(new Date()), tableName, inputs]))
      .digest("hex")
      .slice(0, 32);
    const file = dir && join(dir, `${key}.json`);
    if (file && existsSync(file)) {
      const empty = (await client.send(new ScanCommand({ TableName: tableName, Limit: 1 }))).Count;
      if (empty === 0) {
        await write(client, tableName, JSON.parse(readFileSync(file, "utf8")) as Item[]);
        return "copied";
      }
    }
    const before = await client.send(new ScanCommand({ TableName: tableName, Limit: 1 }));
    for (const input of inputs) await Seed.install(input);
    if (dir && file && before.Count === 0) {
      const items = await scan(client, tableName);
      if (!binary(items)) {
        mkdirSync(dir, { recursive: true });
        // Written whole, then renamed: another worker never reads half a file.
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, JSON.stringify(items));
        renameSync(partial, file);
      }
    }
    return "installed";
  } finally {
    client.destroy();
  }
}

/** The run's directory, when the run has one (vitest with `test/global-setup.ts`). */
async function runDir(): Promise<string | undefined> {
  // Outside vitest (a bench script: `npm run bench:pages`) every install is made for real.
  if (process.env.VITEST !== "true") return undefined;
  const { inject } = await import("vitest");
  return inject("installedDir") || undefined;
}
