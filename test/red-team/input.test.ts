import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Embedded, start } from "@tenggat/local/embedded";
import { request, taskForce } from "@tenggat/local/fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Finding 6 of issue 11, through HTTP against the real embedded stores: input that once gave a
 * 500 (keys longer than DynamoDB allows, broken cursors, prototype keys and huge numbers in the
 * settings, missing bodies) is a 400 naming the field, and an oversized body is a 413 the
 * sender can read, over a real socket.
 */

const TF = "uji-masukan";
const NOW = new Date("2027-03-10T02:00:00Z");
const OFFICES = { sekretaris: "gt.sekretaris", koorA: "sgt-a.koordinator" } as const;
const tokens = {} as Record<keyof typeof OFFICES, string>;
let stores: Embedded;
let app: Awaited<ReturnType<typeof makeApp>>;

async function makeApp(maxBody?: number) {
  const { createApp } = await import("@tenggat/functions/api/app");
  return createApp({ clock: () => NOW, ...(maxBody ? { maxBody } : {}) });
}

beforeAll(async () => {
  stores = await start();
  app = await makeApp();
  Object.assign(tokens, (await taskForce({ tenant: TF, now: NOW, offices: OFFICES })).tokens);
});
afterAll(async () => {
  await stores?.stop();
});

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");

describe("no 5xx from input", () => {
  it("bounds every string that becomes part of a key", async () => {
    const long = "a".repeat(3000);
    const replies = await Promise.all([
      request(app, "POST", "/v1/auth/sign-in", {
        body: { taskForce: TF, email: `${"a".repeat(250)}@uji.example` },
      }),
      request(app, "POST", "/v1/auth/sign-in", { body: { taskForce: long, email: "a@b.id" } }),
      request(app, "POST", "/v1/auth/verify", { body: { taskForce: long, code: "x" } }),
      request(app, "GET", `/v1/public/${long}/reports`),
      request(app, "GET", `/v1/public/${TF}/reports/${long}`),
      request(app, "GET", `/v1/tasks?office=${"a".repeat(2000)}.koordinator`, {
        token: tokens.sekretaris,
      }),
    ]);
    expect(replies.map((r) => [r.status, r.body.error.issues?.[0]?.path])).toEqual([
      [400, "email"],
      [400, "taskForce"],
      [400, "taskForce"],
      [400, "taskForce"],
      [400, "id"],
      [400, "office"],
    ]);
  });

  it("validates cursors completely: a missing, extra or empty key part is a 400", async () => {
    const task = { title: "Sosialisasi", office: "sgt-a.koordinator", due: "2027-04-30" };
    for (let i = 0; i < 2; i++) {
      const made = await request(app, "POST", "/v1/tasks", {
        token: tokens.sekretaris,
        body: task,
      });
      expect(made.status).toBe(201);
    }
    const list = `/v1/tasks?office=sgt-a.koordinator&limit=1`;
    const first = await request(app, "GET", list, { token: tokens.sekretaris });
    expect([first.status, first.body.items.length]).toEqual([200, 1]);
    const real = JSON.parse(Buffer.from(first.body.cursor, "base64url").toString("utf8"));
    const second = await request(app, "GET", `${list}&cursor=${first.body.cursor}`, {
      token: tokens.sekretaris,
    });
    expect([second.status, second.body.items.length]).toEqual([200, 1]);
    const [hash, range] = Object.keys(real).filter((k) => k.startsWith("gsi"));
    const without = (k: string) =>
      Object.fromEntries(Object.entries(real).filter(([n]) => n !== k));
    const forged = [
      cursor(without(String(range))),
      cursor(without("sk")),
      cursor({ ...real, [String(range)]: "" }),
      cursor({ ...real, extra: "z" }),
      cursor({ ...real, [String(range)]: "a".repeat(1100) }),
      cursor({ ...real, sk: 5 }),
      cursor([hash]),
      "%%%",
    ];
    const replies = await Promise.all(
      forged.map((c) =>
        request(app, "GET", `${list}&cursor=${encodeURIComponent(c)}`, {
          token: tokens.sekretaris,
        }),
      ),
    );
    expect(replies.map((r) => [r.status, r.body.error.code])).toEqual(
      forged.map(() => [400, "cursor.invalid"]),
    );
  });

  it("refuses prototype keys, unknown keys and huge numbers in the settings, naming them", async () => {
    const put = (raw: string) =>
      request(app, "PUT", "/v1/settings", { token: tokens.sekretaris, raw });
    const replies = [
      await put('{"settings":{"constructor":{"prototype":1}},"version":1}'),
      await put('{"settings":{"__proto__":{"admin":true}},"version":1}'),
      await put('{"settings":{"reminders":{"overdueEvery":1e308}},"version":1}'),
      await put('{"settings":{"unknown":1e308},"version":1}'),
      await put('{"settings":{"reminders":{"overdueEvery":3,"everyDay":true}},"version":1}'),
    ];
    expect(replies.map((r) => [r.status, r.body.error.issues?.[0]?.path])).toEqual([
      [400, "settings.constructor"],
      [400, "settings.__proto__"],
      [400, "settings.reminders.overdueEvery"],
      [400, "settings.unknown"],
      [400, "settings.reminders.everyDay"],
    ]);
    const now = await request(app, "GET", "/v1/settings", { token: tokens.sekretaris });
    expect([now.body.version, now.body.settings]).toEqual([1, {}]);
  });

  it("stores the validated, normalised settings only", async () => {
    const holidays = { "2027": [{ date: "2027-08-17", name: "  Hari Kemerdekaan  " }] };
    const saved = await request(app, "PUT", "/v1/settings", {
      token: tokens.sekretaris,
      body: {
        settings: { officialHolidays: holidays, reminders: { overdueEvery: 3 } },
        version: 1,
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toEqual({
      officialHolidays: { "2027": [{ date: "2027-08-17", name: "Hari Kemerdekaan" }] },
      reminders: { overdueEvery: 3 },
    });
  });

  it("answers a missing body with 400 JSON, not a raw ZodError", async () => {
    const noBody = (path: string) => app.request(path, { method: "POST" });
    for (const path of ["/v1/auth/verify", "/v1/links/ack"]) {
      const response = await noBody(path);
      expect([path, response.status]).toEqual([path, 400]);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^(input|request)\./);
      expect(body.error.message).not.toMatch(/ZodError|\[\s*\{/);
    }
  });
});

describe("an oversized body over a real socket", () => {
  it("is answered 413 and the sender reads it, the connection not reset under it", async () => {
    const limited = await makeApp(1024);
    const server = serve({ fetch: limited.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const { port } = server.address() as AddressInfo;
    const late: string[] = [];
    try {
      for (const size of [4 * 1024, 1024 * 1024]) {
        const body = Buffer.alloc(size, "a");
        const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = httpRequest(
            {
              host: "127.0.0.1",
              port,
              method: "POST",
              path: "/v1/tasks",
              headers: { "content-type": "application/json", "content-length": size },
            },
            (res) => {
              let text = "";
              res.setEncoding("utf8");
              res.on("data", (chunk) => {
                text += chunk;
              });
              res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
              res.on("error", reject);
            },
          );
          req.on("error", reject);
          // Once the 413 is read the server may close a connection still sending: record, not fail.
          req.on("socket", (socket) => socket.on("error", (e) => late.push(String(e))));
          req.end(body);
        });
        expect([size, reply.status]).toEqual([size, 413]);
        expect(JSON.parse(reply.text).error.code).toBe("request.too_large");
      }
      if (late.length) console.info(`after the 413, the sender saw: ${late.join(", ")}`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
