/**
 * The attack findings on sign-in, sessions, separation of duties, link acknowledgements and the
 * local runtime (hardening issue, items 8–11 and 13), each reproduced through HTTP against the
 * real embedded DynamoDB and SES. Each test failed before its fix.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Config } from "@tenggat/core/config";
import { Dynamo, Key } from "@tenggat/core/dynamo";
import { Token } from "@tenggat/core/token";
import { localSecrets } from "@tenggat/local/secrets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "../support.ts";

const T0 = new Date("2027-03-01T02:00:00Z"); // 09:00 in Sambas, a Monday
let now = T0;
const at = (minutes: number) => {
  now = new Date(T0.getTime() + minutes * 60_000);
};

let w: World;
beforeAll(async () => {
  w = await world({ clock: () => now });
}, 120_000);
afterAll(async () => {
  await w.stop();
});

/** A sign-in request as a client sends it, from `source`; the whole response kept. */
async function signInRequest(body: unknown, source = "198.51.100.1") {
  const response = await w.app.request("/v1/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `${source}, 10.0.0.1` },
    body: JSON.stringify(body),
  });
  const headers = [...response.headers.entries()].filter(([k]) => k !== "x-request-id");
  return { status: response.status, text: await response.text(), headers };
}

const mailsTo = async (email: string) =>
  (await w.mail()).filter((m) => m.destination.to.some((t) => t.includes(email))).length;

/** Signs `email` in through the mail, from its own source (so the per-source limit stays clear). */
async function session(email: string): Promise<string> {
  return w.signIn(email);
}

describe("11.8 sign-in tells nobody whether an address is registered", () => {
  it("answers byte-for-byte the same for a registered, an unknown, an over-limit address and an unknown task force", async () => {
    at(0);
    const registered = "sgt-d.koordinator@sambas.example";
    const replies = [];
    replies.push(await signInRequest({ taskForce: "sambas", email: registered }, "198.51.100.10"));
    replies.push(
      await signInRequest({ taskForce: "sambas", email: "nobody@sambas.example" }, "198.51.100.11"),
    );
    replies.push(await signInRequest({ taskForce: "nowhere", email: registered }, "198.51.100.12"));
    for (let i = 0; i < 4; i++) {
      await signInRequest({ taskForce: "sambas", email: registered }, "198.51.100.13");
    }
    // The sixth request for the address within the hour: over the limit, silently not sent.
    const sentBefore = await mailsTo(registered);
    replies.push(await signInRequest({ taskForce: "sambas", email: registered }, "198.51.100.14"));
    expect(await mailsTo(registered)).toBe(sentBefore);
    expect(sentBefore).toBe(5);

    const [first, ...others] = replies;
    expect(first?.status).toBe(202);
    for (const other of others) expect(other).toEqual(first);
  });

  it("limits an address over a sliding hour, not the clock hour", async () => {
    const email = "sgt-e.koordinator@sambas.example";
    // Five at 09:58 local time: all sent.
    at(58);
    for (let i = 0; i < 5; i++) {
      await signInRequest({ taskForce: "sambas", email }, `198.51.100.${20 + i}`);
    }
    expect(await mailsTo(email)).toBe(5);
    // 10:01, a new clock hour: with per-hour buckets five more went out; not in a sliding window.
    at(61);
    for (let i = 0; i < 3; i++) {
      await signInRequest({ taskForce: "sambas", email }, `198.51.100.${30 + i}`);
    }
    expect(await mailsTo(email)).toBe(5);
    // An hour after the first five they have left the window: one more is sent.
    at(58 + 60 + 1);
    await signInRequest({ taskForce: "sambas", email }, "198.51.100.40");
    expect(await mailsTo(email)).toBe(6);
  });

  it("limits one source across addresses and task forces, and not another source", async () => {
    at(200);
    const flood = "203.0.113.99";
    // 30 requests from one source (unknown addresses, in small concurrent batches).
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        [0, 1, 2].map((i) =>
          signInRequest({ taskForce: "sambas", email: `probe${batch}-${i}@x.example` }, flood),
        ),
      );
    }
    const email = "gt.ketua-harian@sambas.example";
    const before = await mailsTo(email);
    const limited = await signInRequest({ taskForce: "sambas", email }, flood);
    expect(limited.status).toBe(202);
    expect(await mailsTo(email)).toBe(before);
    await signInRequest({ taskForce: "sambas", email }, "203.0.113.100");
    expect(await mailsTo(email)).toBe(before + 1);
  });

  it("refuses to register a name with a line break, naming the field", async () => {
    at(300);
    const secretary = await session("gt.sekretaris@sambas.example");
    for (const name of ["Budi\nBcc: x@evil.example", "Budi\r\nSantoso", "Budi\u2028Santoso"]) {
      const created = await w.call("POST", "/v1/people", {
        token: secretary,
        body: { name, email: `budi${name.length}@sambas.example` },
      });
      expect(created.status).toBe(400);
      expect(created.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["name"]);
    }
    const people = await w.call("GET", "/v1/people?limit=200", { token: secretary });
    expect(people.body.items.some((p: { name: string }) => p.name.startsWith("Budi"))).toBe(false);
  });
});

describe("11.9 sessions end: sign-out, deactivation, the last assignment", () => {
  it("sign-out revokes the session on the server, not only the cookie", async () => {
    at(400);
    const token = await session("sgt-a.wakil-koordinator@sambas.example");
    expect((await w.call("GET", "/v1/me", { token })).status).toBe(200);
    expect((await w.call("POST", "/v1/auth/sign-out", { token })).status).toBe(204);
    const replay = await w.call("GET", "/v1/me", { token });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("auth.session_revoked");
  });

  it("deactivating a person ends their sessions at once, stops their sign-in and keeps them in the audit", async () => {
    at(500);
    const secretary = await session("gt.sekretaris@sambas.example");
    const email = "sgt-b.wakil-koordinator@sambas.example";
    const token = await session(email);
    const me = await w.call("GET", "/v1/me", { token });
    const id = me.body.person.id as string;

    const done = await w.call("POST", `/v1/people/${id}/deactivate`, {
      token: secretary,
      body: { reason: "moved to another agency" },
    });
    expect(done.status).toBe(200);
    expect(done.body.deactivatedAt).toBe(now.toISOString());

    const after = await w.call("GET", "/v1/units", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("auth.person_deactivated");
    const before = await mailsTo(email);
    await signInRequest({ taskForce: "sambas", email }, "198.51.100.200");
    expect(await mailsTo(email)).toBe(before);

    const kept = await w.call("GET", `/v1/people/${id}`, { token: secretary });
    expect(kept.status).toBe(200);
    const trail = await w.call("GET", `/v1/audit?entity=person&id=${id}`, { token: secretary });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toContain(
      "person.deactivated",
    );
  });

  it("ending a person's last assignment ends their session", async () => {
    at(600);
    const secretary = await session("gt.sekretaris@sambas.example");
    const token = await session("sgt-c.wakil-koordinator@sambas.example");
    const me = await w.call("GET", "/v1/me", { token });
    expect(me.body.offices).toEqual(["sgt-c.wakil-koordinator"]);
    const ended = await w.call("POST", "/v1/assignments/end", {
      token: secretary,
      body: {
        office: "sgt-c.wakil-koordinator",
        personId: me.body.person.id,
        start: "2016-04-01",
        end: "2027-02-28",
      },
    });
    expect(ended.status).toBe(200);
    const after = await w.call("GET", "/v1/units", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("auth.no_office");
  });

  it("a change made by another server is seen within the stated bound (60 s)", async () => {
    at(700);
    const token = await session("sgt-d.wakil-koordinator@sambas.example");
    const me = await w.call("GET", "/v1/me", { token });
    // Another Lambda deactivates the person: the item changes, this process is not told.
    const k = Key.person("sambas", me.body.person.id);
    await Dynamo.update({
      ...k,
      expression: "SET #d = :d",
      names: { "#d": "deactivatedAt" },
      values: { ":d": now.toISOString() },
    });
    now = new Date(now.getTime() + 30_000);
    expect((await w.call("GET", "/v1/units", { token })).status).toBe(200);
    now = new Date(now.getTime() + 31_000);
    const later = await w.call("GET", "/v1/units", { token });
    expect(later.status).toBe(401);
    expect(later.body.error.code).toBe("auth.person_deactivated");
  });
});

describe("11.11 link acknowledgements are idempotent", () => {
  it("records one audit event per (link, person), however often and however the link is used", async () => {
    at(750);
    const secretary = await session("gt.sekretaris@sambas.example");
    const koor = await session("sgt-e.koordinator@sambas.example");
    const ids = {
      secretary: (await w.call("GET", "/v1/me", { token: secretary })).body.person.id as string,
      koor: (await w.call("GET", "/v1/me", { token: koor })).body.person.id as string,
    };
    const notification = "digest:sambas:2027-03-01:red-team";
    const ack = (personId: string) =>
      Token.sign(
        {
          purpose: "link.ack",
          subject: notification,
          data: { tf: "sambas", p: personId },
          expiresAt: new Date(now.getTime() + 86_400_000),
        },
        Config.linkSecret(),
      );
    const t = ack(ids.koor);
    const first = await w.call("POST", "/v1/links/ack", { body: { t } });
    expect(first.status).toBe(200);
    at(751);
    expect(await w.call("POST", "/v1/links/ack", { body: { t } })).toEqual(first);
    at(752);
    const form = await w.app.request("/v1/links/ack", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ t }).toString(),
    });
    expect(form.status).toBe(200);
    // Another person acknowledging the same notification is their own event.
    at(753);
    expect(
      (await w.call("POST", "/v1/links/ack", { body: { t: ack(ids.secretary) } })).status,
    ).toBe(200);
    const trail = await w.call(
      "GET",
      `/v1/audit?entity=notification&id=${encodeURIComponent(notification)}`,
      { token: secretary },
    );
    expect(
      trail.body.items.map((e: { action: string; actor: { id: string } }) => [
        e.action,
        e.actor.id,
      ]),
    ).toEqual([
      ["notification.acknowledged", ids.koor],
      ["notification.acknowledged", ids.secretary],
    ]);
  });
});

describe("12.3 one request per authenticated read", () => {
  it("GET /v1/obligations/{id} costs one DynamoDB request once the principal is cached", async () => {
    at(800);
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(now);
    const token = await session("sgt-a.koordinator@sambas.example");
    const list = await w.call("GET", "/v1/obligations?unit=sgt-a&limit=1", { token });
    const id = list.body.items[0].id as string;
    const path = `/v1/obligations/${encodeURIComponent(id)}`;
    expect((await w.call("GET", path, { token })).status).toBe(200);
    const requests = () => Object.values(Dynamo.requestCounts()).reduce((a, b) => a + b, 0);
    Dynamo.resetRequestCounts();
    for (let i = 0; i < 5; i++) expect((await w.call("GET", path, { token })).status).toBe(200);
    expect(requests()).toBe(5);
    // A reassignment in this process is seen at once (it clears the cached principal): the next
    // read costs the principal's two requests again.
    const secretary = await session("gt.sekretaris@sambas.example");
    const me = await w.call("GET", "/v1/me", { token });
    await w.call("POST", "/v1/assignments", {
      token: secretary,
      body: { office: "sgt-b.wakil-koordinator", personId: me.body.person.id, start: "2027-03-01" },
    });
    Dynamo.resetRequestCounts();
    expect((await w.call("GET", path, { token })).status).toBe(200);
    expect(requests()).toBe(3);
    expect((await w.call("GET", "/v1/me", { token })).body.offices).toEqual([
      "sgt-a.koordinator",
      "sgt-b.wakil-koordinator",
    ]);
  });
});

describe("11.13 the local runtime's secret", () => {
  it("is random per data directory, owner-only, never the constant in the source", () => {
    const dir = mkdtempSync(join(tmpdir(), "tenggat-redteam-"));
    try {
      const secrets = localSecrets(dir);
      expect(secrets.sessionSecret).not.toBe("local-session-secret-not-for-production");
      expect(secrets.linkSecret).not.toBe("local-link-secret-not-for-production");
      expect(secrets.sessionSecret.length).toBeGreaterThanOrEqual(64);
      expect(statSync(secrets.file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the console's sign-in page limits by the caller's own address", () => {
  it("counts the connection's address, not a forwarded header the caller wrote", async () => {
    at(300);
    const socket = "192.0.2.55";
    const forged = "198.51.100.250";
    // The form as a browser has it: its pre-session cookie and the token in the form.
    const page = await w.app.request("http://localhost/masuk?tf=sambas");
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const response = await w.app.request(
      "http://localhost/masuk",
      {
        method: "POST",
        headers: {
          origin: "http://localhost",
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": forged,
        },
        body: new URLSearchParams({
          tf: "sambas",
          email: "nobody@sambas.example",
          _csrf: csrf,
        }).toString(),
      },
      // What @hono/node-server gives the app: the socket the request came on.
      { incoming: { socket: { remoteAddress: socket } } },
    );
    expect(response.status).toBeLessThan(400);
    const counted = async (address: string) => {
      const k = Key.signInRateOfSource(Token.hashSecret(address));
      return Dynamo.get(k.pk, k.sk);
    };
    expect(await counted(socket)).toBeDefined();
    expect(await counted(forged)).toBeUndefined();
  });
});
