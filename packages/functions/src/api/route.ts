/**
 * The API's route layer: a route is declared once (`createRoute`: method, path, who may call it,
 * its parameters, body and responses as zod schemas) and registered with `router.openapi(route,
 * handler)`, which validates the request with those schemas before the handler runs and keeps
 * the declaration for the OpenAPI document (`openapi.ts`, built only when asked for).
 *
 * It replaces `@hono/zod-openapi`, which works only with classic zod (its generator calls
 * `.meta()` on every schema); this layer takes any zod 4 schema, `zod/mini` included, so no
 * Lambda carries classic zod's ~200 KiB. The shape of a route is the one zod-openapi used, and
 * the request handling is the same: middleware, then the validators (query, path, headers,
 * then the body behind a media-type gate: 415 for a type the route does not take), then the
 * handler; a validation failure goes to the router's `invalid` hook (the API's 400 with field
 * paths, `common.ts`).
 */
import type { Context, Env, Input, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ValidationTargets } from "hono/types";
import { mergePath } from "hono/utils/url";
import { validator } from "hono/validator";
import * as z from "zod/mini";
// From zod's core, not through `zod/mini`'s re-exports of it: with code splitting, those put
// zod's JSON Schema generator in the chunks every route group loads (see `coerceNumber`).
import { _coercedNumber, clone, config, globalRegistry } from "zod/v4/core";
import en from "zod/v4/locales/en.js";

// zod/mini loads no locale (classic zod sets English on its first schema): without this, every
// issue a client reads would say only "Invalid input".
config(en());

/**
 * `z.coerce.number()`, built as zod/mini's own is (zod/v4/mini/coerce.js). Not zod's `coerce`
 * namespace: a route group using it makes esbuild's code splitting put zod's JSON Schema
 * generator (~22 KiB, only `/openapi.json` uses it) into the chunk every group loads (see
 * core/util/zod.ts, which does the same for `z.iso.datetime`).
 */
export const coerceNumber = (params?: string | z.core.$ZodNumberParams): z.ZodMiniNumber<unknown> =>
  _coercedNumber(z.ZodMiniNumber, params) as z.ZodMiniNumber<unknown>;

/** Any zod 4 schema, classic or mini. */
export type Schema = z.core.$ZodType;

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** Request or response bodies by media type. */
export type Content = Record<string, { schema: Schema }>;

export interface ResponseConfig {
  description: string;
  content?: Content;
}

export interface RouteConfig {
  method: Method;
  /** OpenAPI style: `/v1/tasks/{id}`. */
  path: string;
  tags?: string[];
  summary?: string;
  description?: string;
  /** Who may call it, as the document declares it (the schemes are named in `docs.ts`). */
  security?: Record<string, string[]>[];
  /** Runs before the validators (e.g. `idempotent()`, which needs the raw body). */
  middleware?: MiddlewareHandler | MiddlewareHandler[];
  request?: {
    params?: Schema;
    query?: Schema;
    headers?: Schema;
    /**
     * `required`: the body is validated whatever its media type says (an absent one as `{}`);
     * otherwise each media type's validator runs only for a request of that type.
     */
    body?: { required?: boolean; description?: string; content: Content };
  };
  responses: Record<number, ResponseConfig>;
}

/** Declares a route; the identity function that keeps its literal types for `openapi()`. */
export const createRoute = <const R extends RouteConfig>(route: R): R => route;

/** `c.req.valid(target)` for each part the route declares, typed from its schemas' output. */
type Part<T, K extends PropertyKey, Target extends string> = T extends {
  [P in K]: infer S extends Schema;
}
  ? { [P in Target]: z.output<S> }
  : unknown;
type Media<C, M extends string, Target extends string> = C extends {
  [P in M]: { schema: infer S extends Schema };
}
  ? { [P in Target]: z.output<S> }
  : unknown;
type BodyParts<R> = R extends { body: { content: infer C } }
  ? Media<C, "application/json", "json"> & Media<C, "application/x-www-form-urlencoded", "form">
  : unknown;
export type RouteInput<R extends RouteConfig> = {
  in: unknown;
  out: Part<R["request"], "query", "query"> &
    Part<R["request"], "params", "param"> &
    Part<R["request"], "headers", "header"> &
    BodyParts<R["request"]>;
};

/** What a validator does with a request that fails its schema (throw the API's 400). */
export type Invalid = (error: z.core.$ZodError, target: keyof ValidationTargets) => never;

const JSON_TYPE = /^application\/([a-z-.]+\+)?json/i;
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
const FORM_TYPE = /^(multipart\/form-data|application\/x-www-form-urlencoded)/i;
const MULTIPART_REQUEST = /^multipart\/form-data(;\s?boundary=[a-zA-Z0-9'"()+_,\-./:=?]+)?$/i;
const URLENCODED_REQUEST = /^application\/x-www-form-urlencoded(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

function accepts(contentType: string, mediaType: string): boolean {
  if (JSON_TYPE.test(mediaType)) return JSON_REQUEST.test(contentType);
  if (FORM_TYPE.test(mediaType)) {
    return MULTIPART_REQUEST.test(contentType) || URLENCODED_REQUEST.test(contentType);
  }
  return contentType.split(";")[0]?.trim().toLowerCase() === mediaType.toLowerCase();
}

async function hasBody(c: Context): Promise<boolean> {
  const raw = c.req.raw;
  if (raw.body === null) return false;
  if (raw.bodyUsed) return (await c.req.arrayBuffer()).byteLength > 0;
  const reader = raw.clone().body?.getReader();
  if (!reader) return false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function validate(target: keyof ValidationTargets, schema: Schema, invalid: Invalid) {
  // Headers arrive lower-cased; a schema may spell them otherwise.
  const shape = (schema as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def.shape;
  const keys =
    target === "header" && shape
      ? new Map(Object.keys(shape).map((k) => [k.toLowerCase(), k]))
      : undefined;
  return validator(target, async (value) => {
    const input = keys
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [keys.get(k) ?? k, v]))
      : value;
    const result = await z.safeParseAsync(schema, input);
    if (!result.success) invalid(result.error, target);
    return result.data as never;
  });
}

/** The validators of a route, in zod-openapi's order: query, path, headers, then the body. */
function validators(route: RouteConfig, invalid: Invalid): MiddlewareHandler[] {
  const request = route.request;
  const list: MiddlewareHandler[] = [];
  if (request?.query) list.push(validate("query", request.query, invalid));
  if (request?.params) list.push(validate("param", request.params, invalid));
  if (request?.headers) list.push(validate("header", request.headers, invalid));
  const content = request?.body?.content;
  if (!content) return list;
  const types = Object.keys(content);
  if (types.some((t) => JSON_TYPE.test(t) || FORM_TYPE.test(t))) {
    list.push(async (c, next) => {
      const contentType = c.req.header("content-type");
      if (contentType ? !types.some((t) => accepts(contentType, t)) : await hasBody(c)) {
        throw new HTTPException(415, { message: "Unsupported Media Type" });
      }
      await next();
    });
  }
  for (const type of types) {
    const schema = content[type]?.schema;
    const target = JSON_TYPE.test(type) ? "json" : FORM_TYPE.test(type) ? "form" : undefined;
    if (!schema || !target) continue;
    const check = validate(target, schema, invalid);
    if (request?.body?.required) {
      list.push(check);
      continue;
    }
    const matches = target === "json" ? JSON_TYPE : FORM_TYPE;
    list.push(async (c, next) => {
      if (matches.test(c.req.header("content-type") ?? "")) return check(c, next);
      c.req.addValidatedData(target, {});
      await next();
    });
  }
  return list;
}

export interface RouterOptions {
  invalid: Invalid;
}

/**
 * A Hono app whose `openapi(route, handler)` validates and documents. Sub-routers mounted with
 * `route()` hand their declarations to the parent, so the top app knows every route.
 */
export class Router<E extends Env = Env> extends Hono<E> {
  /** The declared routes, with their full paths: what the OpenAPI document is built from. */
  readonly definitions: RouteConfig[] = [];
  readonly #invalid: Invalid;

  constructor(options: RouterOptions) {
    super();
    this.#invalid = options.invalid;
    // `route()` mounts as Hono does and takes over a sub-router's declarations, with full paths
    // (wrapped here rather than overridden: Hono's signature is generic over the sub-app).
    const mount = this.route.bind(this);
    this.route = ((path: string, app: Hono<E>) => {
      const mounted = mount(path, app);
      if (app instanceof Router) {
        for (const def of app.definitions as RouteConfig[]) {
          this.definitions.push({ ...def, path: mergePath(path, def.path) });
        }
      }
      return mounted;
    }) as typeof this.route;
  }

  /** Registers `route`; `invalid` replaces the router's hook for this route's validators. */
  openapi<R extends RouteConfig>(
    route: R,
    handler: (c: Context<E, string, RouteInput<R> & Input>) => Response | Promise<Response>,
    invalid: Invalid = this.#invalid,
  ): this {
    this.definitions.push(route);
    const middleware = [route.middleware ?? []].flat();
    const path = route.path.replaceAll(/\/{(.+?)}/g, "/:$1");
    const on = this.on as unknown as (method: string, path: string, ...h: unknown[]) => unknown;
    on(route.method.toUpperCase(), path, ...middleware, ...validators(route, invalid), handler);
    return this;
  }
}

/** What the document may say of a schema beside its shape. */
export interface Meta {
  description?: string;
  example?: unknown;
}

/**
 * A copy of `schema` that the document shows as the component `id` (`#/components/schemas/<id>`)
 * wherever it appears; the original stays anonymous (a core schema is not renamed everywhere).
 */
export function named<T extends Schema>(schema: T, id: string, meta: Meta = {}): T {
  const copy = clone(schema);
  globalRegistry.add(copy, { ...meta, id });
  return copy;
}
