/**
 * The one DynamoDB table. Its key attributes and indexes come from the same module the local
 * runtime creates its embedded table from (packages/core/src/dynamo/table.ts), so the two cannot
 * disagree.
 */
import { ATTRIBUTES, INDEXES, PRIMARY } from "../packages/core/src/dynamo/table.ts";
import { isProduction } from "./stage.ts";

/**
 * Short-lived items carry this attribute (epoch seconds; docs/data-model.md) so that DynamoDB
 * deletes them some time after it passes: expired sign-in links, released leases. Clean-up only;
 * no logic may depend on it (DynamoDB deletes within days, not on time, and the embedded store
 * has no TTL at all).
 */
export const TTL_ATTRIBUTE = "ttl";

export const table = new sst.aws.Dynamo("Table", {
  fields: Object.fromEntries(ATTRIBUTES.map((name) => [name, "string" as const])),
  primaryIndex: { hashKey: PRIMARY.hashKey, rangeKey: PRIMARY.rangeKey },
  globalIndexes: Object.fromEntries(
    Object.entries(INDEXES).map(([name, index]) => [
      name,
      { hashKey: index.hashKey, rangeKey: index.rangeKey, projection: "all" as const },
    ]),
  ),
  ttl: TTL_ATTRIBUTE,
  // Point-in-time recovery is always on in sst.aws.Dynamo (35 days of restorable history).
  // In production the table also survives `sst remove` (removal "retain" in sst.config.ts) and
  // refuses DeleteTable until the protection is switched off by hand.
  deletionProtection: isProduction,
});
