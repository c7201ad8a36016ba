/**
 * The embedded stand-ins for AWS that speak the real wire protocols: dynalite for DynamoDB and
 * aws-ses-v2-local for SES, both started in this process. The product's own code talks to them
 * through the ordinary AWS SDK clients, pointed here by the standard `AWS_ENDPOINT_URL_*`
 * variables, and reads its configuration through the same `SST_RESOURCE_*` names as on Lambda.
 */

import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ATTRIBUTES, INDEXES, PRIMARY } from "@tenggat/core/dynamo";
import dynalite from "dynalite";
import { type SesEvents, startSesEvents } from "./ses-events.ts";

const require = createRequire(import.meta.url);

export interface EmbeddedOptions {
  /** Directory to persist DynamoDB data in; in memory when absent. */
  dataDir?: string;
  /** Ports; 0 (any free port) when absent. */
  dynamoPort?: number;
  sesPort?: number;
  host?: string;
  tableName?: string;
  /** Public base URL that links in e-mails point at. */
  publicUrl?: string;
  sender?: string;
  sessionSecret?: string;
  linkSecret?: string;
}

export interface Embedded {
  dynamoUrl: string;
  /** The embedded SES: its mail viewer and `GET /store`. */
  sesUrl: string;
  /**
   * SES event publishing's stand-in (`ses-events.ts`): the SDK sends through it, and it publishes
   * a Send event for each accepted mail to the handler subscribed (none until one is).
   */
  sesEvents: SesEvents;
  tableName: string;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** Creates the table with its GSIs unless it exists (a persisted store keeps it). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceNotFoundException") throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [
        { AttributeName: PRIMARY.hashKey, KeyType: "HASH" },
        { AttributeName: PRIMARY.rangeKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: Object.entries(INDEXES).map(([name, index]) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: index.hashKey, KeyType: "HASH" },
          { AttributeName: index.rangeKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    }),
  );
}

/**
 * Starts both stores, creates the table, and points this process's AWS SDK clients and SST
 * resource links at them. Call before anything in core touches DynamoDB, SES or `Resource`.
 */
export async function start(options: EmbeddedOptions = {}): Promise<Embedded> {
  const host = options.host ?? "127.0.0.1";
  const tableName = options.tableName ?? "tenggat-local";
  const ddb = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir ? { path: options.dataDir } : {}),
  }) as Server;
  const dynamoPort = await listen(ddb, options.dynamoPort ?? 0, host);
  const sesLocal = require("aws-ses-v2-local") as {
    default: (config: { host: string; port: number }) => Promise<Server>;
  };
  // aws-ses-v2-local listens on the port it is given; find a free one first when asked for 0.
  const sesPort = options.sesPort || (await freePort(host));
  const ses = await sesLocal.default({ host, port: sesPort });
  const sesEvents = await startSesEvents({ target: `http://${host}:${sesPort}`, host });

  const dynamoUrl = `http://${host}:${dynamoPort}`;
  const sesUrl = `http://${host}:${sesPort}`;
  const env: Record<string, string> = {
    AWS_REGION: "local",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
    AWS_ENDPOINT_URL_SES: sesEvents.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SST_RESOURCE_App: JSON.stringify({ name: "tenggat", stage: "local" }),
    SST_RESOURCE_Table: JSON.stringify({ name: tableName, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_Email: JSON.stringify({
      sender: options.sender ?? "tenggat@sambas.example",
      configSet: "local",
      type: "sst.aws.Email",
    }),
    SST_RESOURCE_SessionSecret: JSON.stringify({
      value: options.sessionSecret ?? "local-session-secret-not-for-production",
      type: "sst.sst.Secret",
    }),
    SST_RESOURCE_LinkSecret: JSON.stringify({
      value: options.linkSecret ?? "local-link-secret-not-for-production",
      type: "sst.sst.Secret",
    }),
    SST_RESOURCE_AppConfig: JSON.stringify({
      publicUrl: options.publicUrl ?? "http://localhost:3000",
      type: "sst.sst.Linkable",
    }),
  };
  Object.assign(process.env, env);

  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  client.destroy();

  return {
    dynamoUrl,
    sesUrl,
    sesEvents,
    tableName,
    async stop() {
      await Promise.all([sesEvents.stop(), close(ses), close(ddb)]);
    },
  };
}

async function freePort(host: string): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The mails the embedded SES has accepted (its `/store` endpoint). */
export async function sentMail(sesUrl: string): Promise<StoredMail[]> {
  const response = await fetch(`${sesUrl}/store`);
  const body = (await response.json()) as { emails: StoredMail[] };
  return body.emails;
}

export async function clearMail(sesUrl: string): Promise<void> {
  await fetch(`${sesUrl}/clear-store`, { method: "POST" });
}

/** One mail as aws-ses-v2-local stores it. */
export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  at: number;
}
