/**
 * The OpenAPI 3.1 document, built from the routes' declarations (`route.ts`) with zod's own
 * `z.toJSONSchema` (draft 2020-12, the dialect OpenAPI 3.1 uses). Only `/openapi.json` and
 * `/docs` need it, so it is imported on demand (`docs.ts`) and built once per process.
 *
 * A schema named with `named()` (its `id` in zod's global registry) becomes a component,
 * `#/components/schemas/<id>`, wherever it appears; request parts are described as their input
 * (a field with a default is optional), responses as their output.
 */
import * as z from "zod/mini";
import type { Content, RouteConfig, Schema } from "./route.ts";

type Json = Record<string, unknown>;

export interface DocumentHead {
  openapi: "3.1.0";
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
}

export interface OpenAPIDocument extends DocumentHead {
  components: { securitySchemes: Record<string, Json>; schemas: Record<string, Json> };
  paths: Record<string, Record<string, Json>>;
}

const DEFS = "#/$defs/";
const COMPONENTS = "#/components/schemas/";

/** `.int()` bounds a number to the safe integers; a reader learns nothing from them. */
const SAFE = Number.MAX_SAFE_INTEGER;

/** Rewrites refs to components and drops what the document does not need, in place. */
function tidy(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) tidy(item);
    return;
  }
  if (!node || typeof node !== "object") return;
  const json = node as Json;
  if (typeof json.$ref === "string" && json.$ref.startsWith(DEFS)) {
    json.$ref = COMPONENTS + json.$ref.slice(DEFS.length);
  }
  // A string format (`email`, `date-time`, …) says what zod's regex for it spells out.
  if (typeof json.format === "string" && typeof json.pattern === "string") delete json.pattern;
  if (json.type === "integer") {
    if (json.maximum === SAFE) delete json.maximum;
    if (json.minimum === -SAFE) delete json.minimum;
  }
  for (const value of Object.values(json)) tidy(value);
}

class Builder {
  readonly schemas: Record<string, Json> = {};
  readonly #written = new Map<string, string>();

  /** The JSON Schema of `schema`; the named schemas in it go to the components. */
  convert(schema: Schema, io: "input" | "output"): Json {
    const json = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
    }) as Json;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    tidy(json);
    for (const [id, def] of Object.entries(defs)) {
      const { id: _id, ...rest } = def;
      tidy(rest);
      const text = JSON.stringify(rest);
      const before = this.#written.get(id);
      // The same name for two shapes (input and output differ) keeps the first; request and
      // response schemas are named apart where that matters.
      if (before !== undefined && before !== text && io === "input") continue;
      this.#written.set(id, text);
      this.schemas[id] = rest;
    }
    return json;
  }

  content(content: Content, io: "input" | "output"): Json {
    return Object.fromEntries(
      Object.entries(content).map(([type, { schema }]) => [
        type,
        { schema: this.convert(schema, io) },
      ]),
    );
  }

  /** One parameter per field of a query, path or header object schema. */
  parameters(schema: Schema | undefined, where: "query" | "path" | "header"): Json[] {
    if (!schema) return [];
    const json = this.convert(schema, "input");
    const properties = (json.properties ?? {}) as Record<string, Json>;
    const required = new Set((json.required ?? []) as string[]);
    return Object.entries(properties).map(([name, property]) => ({
      schema: property,
      required: where === "path" || required.has(name),
      ...(typeof property.description === "string" ? { description: property.description } : {}),
      name,
      in: where,
    }));
  }

  operation(route: RouteConfig): Json {
    const parameters = [
      ...this.parameters(route.request?.params, "path"),
      ...this.parameters(route.request?.query, "query"),
      ...this.parameters(route.request?.headers, "header"),
    ];
    const body = route.request?.body;
    return {
      ...(route.security ? { security: route.security } : {}),
      ...(route.tags ? { tags: route.tags } : {}),
      ...(route.summary ? { summary: route.summary } : {}),
      ...(route.description ? { description: route.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              ...(body.description ? { description: body.description } : {}),
              ...(body.required ? { required: true } : {}),
              content: this.content(body.content, "input"),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.content ? { content: this.content(response.content, "output") } : {}),
          },
        ]),
      ),
    };
  }
}

/** The whole document: `head`, the security schemes and every declared route. */
export function document(
  head: DocumentHead,
  securitySchemes: Record<string, Json>,
  routes: readonly RouteConfig[],
): OpenAPIDocument {
  const builder = new Builder();
  const paths: OpenAPIDocument["paths"] = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method]: builder.operation(route) };
  }
  return { ...head, components: { securitySchemes, schemas: builder.schemas }, paths };
}
