/**
 * Two task forces in one process, talking over real HTTP on 127.0.0.1: Sambas (a district) and
 * Kalimantan Barat (its province), both installed in one embedded store and served by the one
 * app (as one deployment serves many task forces), plus stub receivers a test points upstreams at.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Org } from "@tenggat/core/org";
import { clearMail, type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { sambasSeed } from "@tenggat/local/sambas";
import { install } from "../installed.ts";

export interface Pipeline {
  stores: Embedded;
  base: string;
  /** JSON over real HTTP; `token` a session or API key. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
  ): Promise<{ status: number; body: any; headers: Headers; raw: ArrayBuffer }>;
  signIn(tenant: string, email: string): Promise<string>;
  stop(): Promise<void>;
}

export const PROVINCE = "kalbar";

export async function pipeline(clock: () => Date): Promise<Pipeline> {
  const stores = await start();
  const { createApp } = await import("@tenggat/functions/api/app");
  const sambas = sambasSeed();
  // Both installations as `Seed.install` makes them, copied when an earlier file made them.
  await install(stores.tableName, [
    { ...sambas, trackFrom: "2027-01-04" },
    {
      ...sambas,
      taskForce: {
        id: PROVINCE,
        name: "Gugus Tugas PP-TPPO Provinsi Kalimantan Barat",
        level: "provinsi",
        legalBasis: "contoh / sample",
      },
      org: Org.withPeople(
        sambas.org,
        sambas.org.people.map((p) => ({ ...p, email: p.email.replace("@sambas.", "@kalbar.") })),
      ),
      trackFrom: "2027-01-04",
    },
  ]);
  const app = createApp({ clock });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await new Promise<void>((r) => (server.listening ? r() : server.once("listening", () => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call(
    method: string,
    path: string,
    o: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(o.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...o.headers,
      },
      ...(o.body !== undefined
        ? { body: typeof o.body === "string" ? o.body : JSON.stringify(o.body) }
        : {}),
    });
    const raw = await response.arrayBuffer();
    const text = Buffer.from(raw).toString("utf8");
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read bodies field by field
    return { status: response.status, body: body as any, headers: response.headers, raw };
  }

  async function signIn(tenant: string, email: string): Promise<string> {
    await clearMail(stores.sesUrl);
    const asked = await call("POST", "/v1/auth/sign-in", { body: { taskForce: tenant, email } });
    if (asked.status !== 202) throw new Error(`sign-in: ${asked.status}`);
    const mail = (await sentMail(stores.sesUrl)).find((m) =>
      m.destination.to.some((t) => t.includes(email)),
    );
    const code = mail?.body.text?.match(/[?&]code=([A-Za-z0-9_-]+)/)?.[1];
    if (!code) throw new Error(`no sign-in link mailed to ${email}`);
    const verified = await call("POST", "/v1/auth/verify", { body: { taskForce: tenant, code } });
    if (verified.status !== 200) throw new Error(`verify: ${verified.status}`);
    return verified.body.token as string;
  }

  return {
    stores,
    base,
    call,
    signIn,
    stop: async () => {
      await new Promise((r) => server.close(r));
      await stores.stop();
    },
  };
}

export interface Stub {
  url: string;
  /** Every request received, in order. */
  received: { headers: IncomingHttpHeaders; body: string; answered: number }[];
  /** Answer with this status (default 200 with a receipt). */
  answer: number;
  stop(): Promise<void>;
}

/** A receiver on 127.0.0.1 that records what it gets and answers `answer`. */
export async function stub(
  check: (headers: IncomingHttpHeaders, body: string) => number = () => 200,
): Promise<Stub> {
  const state: Stub = {
    url: "",
    received: [],
    answer: 200,
    stop: async () => {
      await new Promise((r) => server.close(r));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const status = state.answer === 200 ? check(req.headers, body) : state.answer;
      state.received.push({ headers: req.headers, body, answered: status });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          status < 300 ? { receipt: `stub-${state.received.length}` } : { error: "no" },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return state;
}
