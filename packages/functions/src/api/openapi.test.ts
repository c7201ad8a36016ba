import { type Embedded, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";

/**
 * The API description and its reference page: who may call each operation is declared
 * (`security`, with the schemes registered), and the declaration matches what the API does
 * when nobody signs in; `/docs` shows parameters, bodies, responses and security, served by
 * the app itself.
 */

interface Op {
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description: string }>;
}
interface Doc {
  paths: Record<string, Record<string, Op>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
}

const PUBLIC = [
  "POST /v1/auth/sign-in",
  "POST /v1/auth/verify",
  "GET /v1/links/open",
  "POST /v1/links/ack",
  "GET /v1/public/{taskForce}/reports",
  "GET /v1/public/{taskForce}/reports/{id}",
  "GET /v1/public/{taskForce}/aggregate",
];

const app = createApp({ clock: () => new Date("2027-03-01T02:00:00Z") });
let stores: Embedded;
let doc: Doc;
const ops = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );

beforeAll(async () => {
  stores = await start();
  doc = (await (await app.request("/openapi.json")).json()) as Doc;
});
afterAll(async () => {
  await stores.stop();
});

describe("the OpenAPI document", () => {
  it("registers the bearer session, the console's cookie and the machine API key", () => {
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: "http", scheme: "bearer" },
      sessionCookie: { type: "apiKey", in: "cookie", name: "tenggat_session" },
      apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
    });
  });

  it("declares who may call every operation; only the sign-in, signed links and public reports are open", () => {
    const all = ops();
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((o) => o.op.security === undefined).map((o) => o.key)).toEqual([]);
    const open = all.filter((o) => o.op.security?.length === 0).map((o) => o.key);
    expect(open.sort()).toEqual([...PUBLIC].sort());
    const schemes = new Set(Object.keys(doc.components.securitySchemes));
    for (const o of all) {
      for (const requirement of o.op.security ?? []) {
        for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
      }
    }
    const byKey = all
      .filter((o) => o.op.security?.some((r) => "apiKey" in r))
      .map((o) => o.key)
      .sort();
    // Machines with `reports:read` pull approved reports and the submission packages (issue 10).
    expect(byKey).toEqual([
      "GET /v1/reports",
      "GET /v1/reports/{id}",
      "GET /v1/submissions",
      "GET /v1/submissions/{id}",
    ]);
  });

  it("an operation that declares a sign-in refuses a caller without one; an open one does not ask", async () => {
    const asked: string[] = [];
    const wrong: string[] = [];
    for (const o of ops()) {
      const path = o.path
        .replace("{taskForce}", "sambas")
        .replace("{id}", "x1")
        .concat(o.method === "get" ? "?unit=sgt-a&t=v1.x" : "");
      const response = await app.request(path, {
        method: o.method.toUpperCase(),
        headers: { "content-type": "application/json" },
        body: o.method === "get" ? null : "{}",
      });
      const secured = (o.op.security?.length ?? 0) > 0;
      // A secured operation never answers 2xx to nobody; an open one never answers 401/403.
      if (secured && response.status < 300) wrong.push(`${o.key}: ${response.status}`);
      if (!secured && (response.status === 401 || response.status === 403)) {
        wrong.push(`${o.key}: ${response.status}`);
      }
      if (secured && response.status === 401) asked.push(o.key);
      if (secured) expect(Object.keys(o.op.responses)).toContain("401");
    }
    expect(wrong).toEqual([]);
    expect(asked.length).toBeGreaterThan(20);
  });

  it("describes no 429 as bad input; the sign-in never answers 429 (the same 202 for every address)", () => {
    const signIn = doc.paths["/v1/auth/sign-in"]?.post?.responses;
    expect(Object.keys(signIn ?? {})).toContain("202");
    expect(signIn?.["429"]).toBeUndefined();
    for (const o of ops()) {
      const d = o.op.responses["429"]?.description;
      if (d) expect(d).not.toMatch(/bad input/i);
    }
  });
});

describe("the reference page /docs", () => {
  it("shows parameters, request and response schemas and security, with no script or CDN", async () => {
    const response = await app.request("/docs");
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    // Every operation is on the page.
    for (const o of ops()) expect(html).toContain(`<code>${o.path.replace(/&/g, "&amp;")}</code>`);
    // The security schemes and who may call an operation.
    expect(html).toContain("<code>x-api-key</code>");
    expect(html).toContain("Authorization: Bearer");
    expect(html).toContain("Who: anyone (no sign-in).");
    expect(html).toMatch(/Who: any one of <code>session<\/code>/);
    // Parameters of GET /v1/meetings, the body of POST /v1/tasks, a response schema.
    const meetings = html.slice(html.indexOf('id="get-v1-meetings"'));
    expect(meetings).toMatch(/<td><code>unit<\/code><\/td><td>query<\/td><td>yes<\/td>/);
    const tasks = html.slice(html.indexOf('id="post-v1-tasks"'));
    expect(tasks).toMatch(/<h4>Request body<\/h4>/);
    expect(tasks).toMatch(/<code>title<\/code> <span class="req">required<\/span>/);
    expect(tasks).toMatch(/<code>due<\/code> <span class="req">required<\/span>/);
    expect(html).toMatch(/<td><strong>409<\/strong><\/td><td>Conflicts with the current state/);
    expect(html).toContain(
      '<details><summary>Error</summary><p class="ref">See <a href="#schema-Error">Error</a>',
    );
    expect(html).toMatch(
      /<h3 id="schema-Error">Error<\/h3><ul class="fields"><li><code>error<\/code>/,
    );
    // Served by the app: no script, no remote stylesheet, font or image.
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/i);
    const css = await app.request("/docs/reference.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/text\/css/);
  });
});
