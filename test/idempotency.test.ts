/**
 * `Idempotency-Key` on every create route, through HTTP (hardening issue, finding 5): a retry
 * is answered as the first time without running again, the same key with a different body is a
 * 409, two duplicates at once run once. One table, one row per create route.
 */
import { Dynamo } from "@tenggat/core/dynamo";
import { Idempotency } from "@tenggat/core/idempotency";
import { type Embedded, start } from "@tenggat/local/embedded";
import { sessionToken, taskForce } from "@tenggat/local/fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../packages/functions/src/api/app.ts";

const TF = "uji-idem";
let now = new Date("2026-08-04T02:00:00Z");
const app = createApp({ clock: () => now });
const OFFICES = {
  sekretaris: "gt.sekretaris",
  koorA: "sgt-a.koordinator",
  koorB: "sgt-b.koordinator",
  anggotaA: "sgt-a.anggota.tp-pkk",
} as const;
type Who = keyof typeof OFFICES;
const tokens = {} as Record<Who, string>;
const ids = {} as Record<Who, string>;
let stores: Embedded;

beforeAll(async () => {
  stores = await start();
  const fixture = await taskForce({
    tenant: TF,
    now,
    offices: OFFICES,
    instances: {
      query: { from: "2026-08-01", to: "2026-08-31", obligations: ["semester-report"] },
    },
  });
  Object.assign(tokens, fixture.tokens);
  Object.assign(ids, fixture.ids);
});
afterAll(async () => {
  await stores?.stop();
});

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field
  body: any;
  replayed: boolean;
}

async function post(path: string, who: Who, body: unknown, key?: string): Promise<Reply> {
  const response = await app.request(path, {
    method: "POST",
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      "content-type": "application/json",
      ...(key !== undefined ? { "idempotency-key": key } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    replayed: response.headers.get("idempotent-replayed") === "true",
  };
}

/** DynamoDB writes made while `fn` runs (the SDK middleware's per-command counts). */
async function writesDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = Dynamo.requestCounts();
  await fn();
  const after = Dynamo.requestCounts();
  const writes = [
    "PutItemCommand",
    "UpdateItemCommand",
    "DeleteItemCommand",
    "BatchWriteItemCommand",
  ];
  return writes.reduce((n, c) => n + (after[c] ?? 0) - (before[c] ?? 0), 0);
}

interface Case {
  path: string;
  who: Who;
  /** A valid create; `n` makes it differ from the others. */
  body: (n: number) => unknown;
  /** Who makes the concurrent pair, when not `who` (one report per instance and owner). */
  concurrent?: { who: Who; body: unknown };
}

const CASES: Case[] = [
  {
    path: "/v1/tasks",
    who: "sekretaris",
    body: (n) => ({ title: `Tugas idem ${n}`, office: "sgt-a.koordinator", due: "2026-09-30" }),
  },
  {
    path: "/v1/meetings",
    who: "sekretaris",
    body: (n) => ({
      kind: "subtask",
      unit: "sgt-a",
      date: `2026-08-1${n}`, // 11–13 August 2026: working days (issue 8 refuses weekends)
      start: "09:00",
      end: "11:00",
      location: `Aula ${n}`,
    }),
  },
  {
    path: "/v1/reports",
    who: "koorA",
    body: (n) => ({
      instance: "semester-report:sgt-a:2026-S1",
      content: { narrative: `Ringkasan ${n}.` },
    }),
    concurrent: { who: "koorB", body: { instance: "semester-report:sgt-b:2026-S1" } },
  },
  {
    path: "/v1/people",
    who: "sekretaris",
    body: (n) => ({ name: `Orang ${n}`, email: `orang${n}@uji.example` }),
  },
  {
    path: "/v1/assignments",
    who: "sekretaris",
    body: (n) => ({ office: "sgt-a.anggota.tp-pkk", personId: ids.koorA, start: `2026-08-0${n}` }),
  },
  {
    path: "/v1/units",
    who: "sekretaris",
    body: (n) => ({ name: `Desa Idem ${n}`, kecamatan: "satgas-kec-paloh" }),
  },
  {
    path: "/v1/api-keys",
    who: "sekretaris",
    body: (n) => ({ name: `mesin ${n}`, scopes: ["reports:read"] }),
  },
];

describe.each(CASES)("Idempotency-Key on POST $path", (c) => {
  const key = `k-${c.path.replaceAll("/", "-")}-${Math.random().toString(36).slice(2)}`;

  it("a retry gets the first answer again (status and body) and writes nothing", async () => {
    const first = await post(c.path, c.who, c.body(1), key);
    let again: Reply | undefined;
    const writes = await writesDuring(async () => {
      again = await post(c.path, c.who, c.body(1), key);
    });

    expect(first.status).toBe(201);
    expect(first.replayed).toBe(false);
    expect(again?.status).toBe(201);
    expect(again?.replayed).toBe(true);
    if (c.path === "/v1/api-keys") {
      // The secret is stored only hashed: the replay names the key without it.
      expect(first.body.secret).toMatch(/^tgk_/);
      expect(again?.body).toEqual({ key: first.body.key });
    } else expect(again?.body).toEqual(first.body);
    // The only write is the key's conditional create, refused: nothing ran a second time.
    expect(writes).toBe(1);
  });

  it("the same key with a different body is a 409 idempotency.mismatch", async () => {
    const other = await post(c.path, c.who, c.body(2), key);

    expect([other.status, other.body.error.code]).toEqual([409, "idempotency.mismatch"]);
  });

  it("two duplicates at once: one runs; the other waits its turn (409) or gets its answer", async () => {
    const fresh = `${key}-pair`;
    const who = c.concurrent?.who ?? c.who;
    const body = c.concurrent?.body ?? c.body(3);

    const pair = await Promise.all([
      post(c.path, who, body, fresh),
      post(c.path, who, body, fresh),
    ]);

    const ran = pair.filter((r) => r.status === 201 && !r.replayed);
    const others = pair.filter((r) => r !== ran[0]);
    expect(ran).toHaveLength(1);
    expect(others).toHaveLength(1);
    const [other] = others;
    if (other?.status === 201) {
      expect(other.replayed).toBe(true);
      if (c.path !== "/v1/api-keys") expect(other.body).toEqual(ran[0]?.body);
    } else {
      expect([other?.status, other?.body.error.code]).toEqual([409, "idempotency.in_progress"]);
    }
  });
});

describe("Idempotency-Key scope and lifetime", () => {
  const body = (title: string) => ({ title, office: "sgt-a.koordinator", due: "2026-09-30" });

  it("is per principal: another person's request under the same key runs on its own", async () => {
    const mine = await post("/v1/tasks", "sekretaris", body("Tugas milik sekretaris"), "shared");
    const theirs = await post("/v1/tasks", "koorA", body("Tugas milik koordinator"), "shared");

    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.replayed).toBe(false);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it("an answer is replayed for 24 hours; after that the key is free again", async () => {
    const first = await post("/v1/tasks", "sekretaris", body("Tugas hari ini"), "daily");
    now = new Date(now.getTime() + Idempotency.RETAIN_MS - 60_000);
    tokens.sekretaris = sessionToken(TF, ids.sekretaris, new Date(now.getTime() + 3_600_000));
    const within = await post("/v1/tasks", "sekretaris", body("Tugas hari ini"), "daily");
    now = new Date(now.getTime() + 120_000);
    const after = await post("/v1/tasks", "sekretaris", body("Tugas besok"), "daily");

    expect(within.replayed).toBe(true);
    expect(within.body.id).toBe(first.body.id);
    expect([after.status, after.replayed]).toEqual([201, false]);
    expect(after.body.id).not.toBe(first.body.id);
  });

  it("a malformed key is a 400 naming the header; no key runs the request as always", async () => {
    const long = await post("/v1/tasks", "sekretaris", body("Tugas kunci"), "x".repeat(256));
    const none1 = await post("/v1/tasks", "sekretaris", body("Tugas tanpa kunci"));
    const none2 = await post("/v1/tasks", "sekretaris", body("Tugas tanpa kunci"));

    expect([long.status, long.body.error.code]).toEqual([400, "idempotency.invalid_key"]);
    expect(long.body.error.issues).toEqual([
      { path: "Idempotency-Key", message: "1 to 255 printable ASCII characters" },
    ]);
    expect([none1.status, none2.status]).toEqual([201, 201]);
    expect(none2.body.id).not.toBe(none1.body.id);
  });
});

describe("Idempotency-Key in the API reference", () => {
  it("is documented as a header of every create route", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, { post?: { parameters?: { in: string; name: string }[] } }>;
    };

    const documented = CASES.map((c) =>
      (doc.paths[c.path]?.post?.parameters ?? []).some(
        (p) => p.in === "header" && p.name === "idempotency-key",
      ),
    );

    expect(documented).toEqual(CASES.map(() => true));
  });
});
