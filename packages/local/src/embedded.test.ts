import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Embedded, sentMail, start } from "./embedded.ts";

describe("embedded stores", () => {
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
  });
  afterAll(async () => {
    await stores.stop();
  });

  it("serves DynamoDB through the ordinary SDK with no endpoint in code", async () => {
    const client = new DynamoDBClient({});
    await client.send(
      new PutItemCommand({ TableName: stores.tableName, Item: { pk: { S: "a" }, sk: { S: "b" } } }),
    );
    const got = await client.send(
      new GetItemCommand({ TableName: stores.tableName, Key: { pk: { S: "a" }, sk: { S: "b" } } }),
    );
    expect(got.Item?.pk?.S).toBe("a");
  });

  it("accepts raw SES mail and shows it in its store", async () => {
    const ses = new SESClient({});
    const raw = [
      "From: a@sambas.example",
      "To: b@sambas.example",
      "Subject: Uji",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Halo",
    ].join("\r\n");
    await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
    const mails = await sentMail(stores.sesUrl);
    expect(mails.map((m) => m.subject)).toContain("Uji");
  });
});
