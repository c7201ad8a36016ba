/**
 * The run's copy of an installation (`test/installed.ts`) is the installation: a table filled
 * from the copy holds exactly the items `Seed.install` wrote.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { start } from "@tenggat/local/embedded";
import { sambasSeed } from "@tenggat/local/sambas";
import { describe, expect, it } from "vitest";
import { install, scan } from "./installed.ts";

const byKey = (a: Record<string, { S?: string }>, b: Record<string, { S?: string }>) =>
  `${a.pk?.S}|${a.sk?.S}`.localeCompare(`${b.pk?.S}|${b.sk?.S}`);

async function table(run: (tableName: string) => Promise<unknown>) {
  const stores = await start();
  const client = new DynamoDBClient({});
  try {
    const outcome = await run(stores.tableName);
    return { outcome, items: (await scan(client, stores.tableName)).sort(byKey) };
  } finally {
    client.destroy();
    await stores.stop();
  }
}

describe("an installation copied for a test file", () => {
  it("holds the very items Seed.install wrote", async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), "tenggat-installed-test-"));
    const seed = { ...sambasSeed(), trackFrom: "2027-01-04" };

    // Act
    const made = await table((name) => install(name, [seed], dir));
    const copied = await table((name) => install(name, [seed], dir));

    // Assert
    expect(made.outcome).toBe("installed");
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    expect(made.items.length).toBeGreaterThan(200);
    expect(made.items.some((i) => i.type?.S === "person")).toBe(true);
    expect(copied.outcome).toBe("copied");
    expect(copied.items).toEqual(made.items);
  }, 60_000);
});
