import { VisibleError } from "@tenggat/core/error";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { body, createRouter, errors, IdParam, json, PageQuery } from "./common.ts";
import { IdempotencyKeyHeader } from "./idempotency.ts";
import { document } from "./openapi.ts";
import { coerceNumber, createRoute, named } from "./route.ts";

/**
 * The route layer on its own (no stores): what reaches a handler, what a bad request gets, and
 * what the OpenAPI document says of a route. Schemas here are zod/mini only, as the API's are.
 */

const Thing = named(
  z.object({ id: z.string(), title: z.string(), count: z.int(), limit: z.number() }),
  "Thing",
  { description: "A thing" },
);
const Create = z.object({
  title: z.string().check(z.minLength(1), z.maxLength(20)),
  count: z._default(z.int().check(z.minimum(0)), 1),
});

function router() {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "post",
      path: "/things/{id}",
      security: [{ session: [] }],
      tags: ["Things"],
      summary: "Make a thing",
      request: {
        params: IdParam,
        query: PageQuery,
        headers: IdempotencyKeyHeader,
        body: body(Create),
      },
      responses: { 201: json(Thing, "Made"), ...errors },
    }),
    (c) => {
      const { title, count } = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      c.header("x-key", key ?? "none");
      return c.json(
        { id: c.req.valid("param").id, title, count, limit: c.req.valid("query").limit },
        201,
      );
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/either",
      security: [],
      request: {
        body: {
          content: {
            "application/json": { schema: z.object({ t: z.string() }) },
            "application/x-www-form-urlencoded": { schema: z.object({ t: z.string() }) },
          },
        },
      },
      responses: { 200: json(z.object({ via: z.string(), t: z.string() }), "Echo") },
    }),
    (c) => {
      const form = c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded");
      const { t } = form ? c.req.valid("form") : c.req.valid("json");
      return c.json({ via: form ? "form" : "json", t }, 200);
    },
  );
  const app2 = createRouter();
  app2.route("/v9", app);
  // The API's mapping (app.ts), reduced to what these routes can throw.
  app2.onError((error, c) => {
    if (error instanceof VisibleError) {
      return c.json(
        { error: { code: error.code, message: error.message, issues: error.issues } },
        400,
      );
    }
    if (error instanceof HTTPException) return c.json({ status: error.status }, error.status);
    return c.json({ error: String(error) }, 500);
  });
  return app2;
}

const app = router();
type Failure = { error: { issues: { path: string; message: string }[] } };
const issues = async (response: Response) => ((await response.json()) as Failure).error.issues;
const post = (
  path: string,
  init: { body?: string; type?: string; headers?: Record<string, string> },
) =>
  app.request(path, {
    method: "POST",
    headers: { ...(init.type ? { "content-type": init.type } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });

describe("a route's validators", () => {
  it("hand the handler its parsed params, query (with defaults), headers and body", async () => {
    const response = await post("/v9/things/th-1?limit=7", {
      type: "application/json",
      body: JSON.stringify({ title: "Rapat" }),
      headers: { "Idempotency-Key": "k-1" },
    });

    expect(response.status).toBe(201);
    expect(response.headers.get("x-key")).toBe("k-1");
    expect(await response.json()).toEqual({ id: "th-1", title: "Rapat", count: 1, limit: 7 });
    const defaulted = await post("/v9/things/th-1", {
      type: "application/json",
      body: JSON.stringify({ title: "Rapat", count: 3 }),
    });
    expect(await defaulted.json()).toEqual({ id: "th-1", title: "Rapat", count: 3, limit: 50 });
  });

  it("answer bad input with the API's 400, naming each field with zod's English message", async () => {
    const response = await post("/v9/things/th-1?limit=0", {
      type: "application/json",
      body: JSON.stringify({ title: "", count: -1 }),
    });

    expect(response.status).toBe(400);
    // The query is checked first, as @hono/zod-openapi did; its failure stops the request.
    expect(await response.json()).toEqual({
      error: {
        code: "input.invalid",
        message: "limit: Too small: expected number to be >=1",
        issues: [{ path: "limit", message: "Too small: expected number to be >=1" }],
      },
    });
    const badBody = await post("/v9/things/th-1", {
      type: "application/json",
      body: JSON.stringify({ title: "", count: -1 }),
    });
    expect(await issues(badBody)).toEqual([
      { path: "title", message: "Too small: expected string to have >=1 characters" },
      { path: "count", message: "Too small: expected number to be >=0" },
    ]);
    const longId = await post(`/v9/things/${"x".repeat(201)}`, {
      type: "application/json",
      body: JSON.stringify({ title: "a" }),
    });
    expect(await issues(longId)).toEqual([
      { path: "id", message: "Too big: expected string to have <=200 characters" },
    ]);
  });

  it("refuse a body of another media type (415) and read a missing body as {} (400 naming the field)", async () => {
    const text = await post("/v9/things/th-1", { type: "text/plain", body: "title=x" });
    const untyped = await post("/v9/things/th-1", { body: "x" });
    const none = await post("/v9/things/th-1", {});

    expect(text.status).toBe(415);
    expect(untyped.status).toBe(415);
    expect(none.status).toBe(400);
    expect(await issues(none)).toEqual([
      { path: "title", message: "Invalid input: expected string, received undefined" },
    ]);
  });

  it("validate a route with two media types by the one the request uses", async () => {
    const asJson = await post("/v9/either", {
      type: "application/json",
      body: JSON.stringify({ t: "a" }),
    });
    const asForm = await post("/v9/either", {
      type: "application/x-www-form-urlencoded",
      body: "t=b",
    });
    const badForm = await post("/v9/either", {
      type: "application/x-www-form-urlencoded",
      body: "u=c",
    });

    expect(await asJson.json()).toEqual({ via: "json", t: "a" });
    expect(await asForm.json()).toEqual({ via: "form", t: "b" });
    expect(badForm.status).toBe(400);
    expect((await issues(badForm))[0]?.path).toBe("t");
  });
});

describe("the document built from the declarations", () => {
  const doc = document(
    { openapi: "3.1.0", info: { title: "t", version: "1" } },
    { session: { type: "http", scheme: "bearer" } },
    app.definitions,
  );
  const op = doc.paths["/v9/things/{id}"]?.post as {
    security: unknown;
    tags: string[];
    parameters: {
      name: string;
      in: string;
      required: boolean;
      description?: string;
      schema: Record<string, unknown>;
    }[];
    requestBody: {
      required: boolean;
      content: Record<string, { schema: { properties: object; required: string[] } }>;
    };
    responses: Record<
      string,
      { description: string; content?: Record<string, { schema: unknown }> }
    >;
  };

  it("has each mounted route under its full path, with its security and tags", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(["/v9/either", "/v9/things/{id}"]);
    expect(op.security).toEqual([{ session: [] }]);
    expect(op.tags).toEqual(["Things"]);
    expect(doc.paths["/v9/either"]?.post?.security).toEqual([]);
  });

  it("lists path, query and header parameters with what is required, their examples and descriptions", () => {
    const byName = Object.fromEntries(op.parameters.map((p) => [p.name, p]));

    expect(op.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      "path:id:true",
      "query:limit:false",
      "query:cursor:false",
      "header:idempotency-key:false",
    ]);
    expect(byName.limit?.schema).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 200,
      default: 50,
      example: 50,
    });
    expect(byName.cursor?.description).toBe("From the previous page's `cursor`");
    expect(byName["idempotency-key"]?.description).toMatch(/safe to retry/);
  });

  it("describes a body as its input (a defaulted field is optional) and names components by id", () => {
    const body = op.requestBody.content["application/json"]?.schema;

    expect(op.requestBody.required).toBe(true);
    expect(body?.required).toEqual(["title"]);
    expect(op.responses["201"]?.content?.["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/Thing",
    });
    expect(op.responses["400"]?.content?.["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/Error",
    });
    expect(doc.components.schemas.Thing).toMatchObject({
      description: "A thing",
      type: "object",
      required: ["id", "title", "count", "limit"],
    });
    expect(doc.components.schemas.Thing).not.toHaveProperty("id");
    expect(
      (doc.components.schemas.Error as { properties: { error: { properties: { code: object } } } })
        .properties.error.properties.code,
    ).toEqual({ type: "string", example: "report.not_submitted" });
    expect(JSON.stringify(doc)).not.toContain("$defs");
  });
});

describe("coerceNumber", () => {
  it("coerces and refuses as zod/mini's own z.coerce.number() does, with the same messages", () => {
    // Arrange
    const ours = coerceNumber().check(z.int(), z.minimum(1));
    const theirs = z.coerce.number().check(z.int(), z.minimum(1));
    const inputs = ["12", "0", "1.5", "x", "", 7, null];

    // Act
    const results = inputs.map((input) => {
      const a = z.safeParse(ours, input);
      const b = z.safeParse(theirs, input);
      return [
        a.success ? a.data : a.error.issues[0]?.message,
        b.success ? b.data : b.error.issues[0]?.message,
      ];
    });

    // Assert
    for (const [a, b] of results) expect(a).toBe(b);
    expect(results.map(([a]) => a)).toEqual([
      12,
      "Too small: expected number to be >=1",
      "Invalid input: expected int, received number",
      "Invalid input: expected number, received NaN",
      "Too small: expected number to be >=1",
      7,
      "Too small: expected number to be >=1",
    ]);
  });
});
