import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { Token } from "@tenggat/core/token";
import dynalite from "dynalite";
import { afterAll, describe, expect, it } from "vitest";
import { untilNextDaily } from "./scheduler.ts";
import { localSecrets } from "./secrets.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function launch(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/start.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      out += String(d);
      if (out.includes("Ctrl-C stops.")) resolve();
    });
    child.stderr?.on("data", (d) => {
      out += String(d);
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, output: () => out, ready };
}

/** The ledger's entries in a stopped `npm start`'s data directory (dynalite, opened here). */
async function ledgerEntries(path: string) {
  const server = dynalite({ path }) as Server;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const items: Record<string, { S?: string }>[] = [];
    let from: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: "tenggat-local",
          FilterExpression: "#type = :n",
          ExpressionAttributeNames: { "#type": "type" },
          ExpressionAttributeValues: { ":n": { S: "notification" } },
          ...(from ? { ExclusiveStartKey: from } : {}),
        }),
      );
      items.push(...((page.Items ?? []) as Record<string, { S?: string }>[]));
      from = page.LastEvaluatedKey;
    } while (from);
    return items.map((i) => ({
      kind: i.kind?.S,
      status: i.status?.S,
      confirmedAt: i.confirmedAt?.S,
    }));
  } finally {
    client.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

function stopped(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

describe("npm start, as a newcomer runs it", () => {
  const dir = mkdtempSync(join(tmpdir(), "tenggat-start-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("installs on first start, serves the API and the mail viewer, stops on Ctrl-C, keeps the data", async () => {
    const env = {
      PORT: String(await freePort()),
      TENGGAT_DYNAMO_PORT: String(await freePort()),
      TENGGAT_SES_PORT: String(await freePort()),
      TENGGAT_DATA_DIR: dir,
    };
    const first = launch(env);
    await first.ready;
    expect(first.output()).toContain("installed just now");
    expect(first.output()).toContain(`http://localhost:${env.PORT}/docs`);
    const docs = await fetch(`http://127.0.0.1:${env.PORT}/openapi.json`);
    expect(docs.status).toBe(200);
    const viewer = await fetch(`http://127.0.0.1:${env.TENGGAT_SES_PORT}/`);
    expect(viewer.status).toBe(200);
    // npm start offers running the daily job for a date (after sign-in); the app as Lambda makes
    // it has no such route (test/web/reminder-preview.test.ts).
    const run = await fetch(`http://127.0.0.1:${env.PORT}/pratinjau-pengingat/jalankan`, {
      method: "POST",
      redirect: "manual",
    });
    expect([run.status, run.headers.get("location")]).toEqual([
      303,
      "/masuk?next=%2Fpratinjau-pengingat%2Fjalankan",
    ]);
    // A random secret per data directory, readable by the owner only; the API on loopback only.
    const file = join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(file, "utf8")) as { sessionSecret: string };
    expect(secrets.sessionSecret).not.toBe("local-session-secret-not-for-production");
    expect(first.output()).toContain("127.0.0.1 only");
    // A session forged with the old constant secret no longer opens anything.
    // (A token signed with the real secret passes the signature and fails only on the person.)
    const claims = {
      purpose: "session",
      subject: "person_x",
      data: { tf: "sambas" },
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    const me = async (secret: string) => {
      const r = await fetch(`http://127.0.0.1:${env.PORT}/v1/me`, {
        headers: { authorization: `Bearer ${Token.sign(claims, secret)}` },
      });
      return {
        status: r.status,
        code: ((await r.json()) as { error: { code: string } }).error.code,
      };
    };
    expect(await me("local-session-secret-not-for-production")).toEqual({
      status: 401,
      code: "token.invalid",
    });
    expect((await me(secrets.sessionSecret)).code).not.toBe("token.invalid");
    // A mail goes out (a sign-in link); SES's Send event, from the local stand-in for event
    // publishing, reaches the feedback handler, which stamps the ledger entry (read below).
    const signIn = await fetch(`http://127.0.0.1:${env.PORT}/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ taskForce: "sambas", email: "gt.sekretaris@sambas.example" }),
    });
    expect(signIn.status).toBe(202);
    const exit = stopped(first.child);
    first.child.kill("SIGINT");
    expect(await exit).toBe(0);

    const second = launch(env);
    await second.ready;
    expect(second.output()).not.toContain("installed just now");
    // The secrets are kept with the data: sessions survive a restart.
    expect(JSON.parse(readFileSync(join(dir, "secrets.json"), "utf8"))).toEqual(secrets);
    const exit2 = stopped(second.child);
    second.child.kill("SIGINT");
    expect(await exit2).toBe(0);

    // The sign-in mail was confirmed by its Send event (the store, opened afterwards). (Digests
    // are marked sent in batches, whole items, which may write over an earlier confirmation.)
    const signIns = (await ledgerEntries(join(dir, "dynamodb"))).filter(
      (e) => e.kind === "sign-in",
    );
    expect(signIns).toEqual([{ kind: "sign-in", status: "sent", confirmedAt: expect.any(String) }]);
  }, 90_000);
});

describe("the local secrets", () => {
  it("are generated once per data directory, mode 0600, different for each directory", () => {
    const a = mkdtempSync(join(tmpdir(), "tenggat-secrets-"));
    const b = mkdtempSync(join(tmpdir(), "tenggat-secrets-"));
    try {
      const first = localSecrets(a);
      const again = localSecrets(a);
      const other = localSecrets(b);
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.sessionSecret).toBe(first.sessionSecret);
      expect(again.linkSecret).toBe(first.linkSecret);
      expect(other.sessionSecret).not.toBe(first.sessionSecret);
      expect(first.linkSecret).not.toBe(first.sessionSecret);
      expect(statSync(first.file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});

describe("the in-process scheduler", () => {
  it("waits until the next 08:00 in Sambas", () => {
    // 00:30 UTC is 07:30 in Sambas: half an hour to go.
    expect(untilNextDaily(new Date("2027-03-01T00:30:00Z"))).toBe(30 * 60_000);
    // 01:00 UTC is 08:00 exactly: the next run is tomorrow.
    expect(untilNextDaily(new Date("2027-03-01T01:00:00Z"))).toBe(24 * 3_600_000);
  });
});
