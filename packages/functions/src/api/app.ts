/**
 * The HTTP API: one Hono app, the same on Lambda (lambda.ts) and locally (packages/local).
 * Each resource is a sub-app in its own file; this file only wires them together with the
 * cross-cutting concerns: request ids, body limits, who is calling, and the error shape.
 */

import { Actor } from "@tenggat/core/actor";
import { Auth } from "@tenggat/core/auth";
import { VisibleError } from "@tenggat/core/error";
import { Outbox } from "@tenggat/core/outbox";
import { fromZod, getOrCreate } from "@tenggat/core/util";
import type { Context, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { Hono } from "hono/tiny";
import { $ZodError } from "zod/v4/core";
import { isPage, LOCAL_JOBS } from "../web/paths.ts";
import { guard, headers, SESSION_COOKIE } from "../web/security.ts";
import type { Env } from "./common.ts";
import { type Group, groupOf, once, routes } from "./groups.ts";

const STATUS: Record<VisibleError["kind"], 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429> = {
  input: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "too-large": 413,
  "unsupported-media": 415,
  "rate-limited": 429,
};

/** A public caller acts in no task force until a route names one; an invalid id guards every key. */
export const NO_TENANT = "-";

export interface AppOptions {
  /** The clock core sees; the real one unless a simulator or test gives another. */
  clock?: Actor.Clock;
  /** Largest request body accepted (bytes). */
  maxBody?: number;
  /**
   * When a change's audit event and mails are completed (`Outbox`): `inline` before answering
   * (the default; tests read the trail and the mail right after a call), `after-response` right
   * after answering, in this process (the local runtime), `sweep` by the outbox sweep only
   * (Lambda, where nothing runs after the answer), `queue` by the outbox queue's consumer, told
   * before answering (Lambda: `queue` below). Every mode is crash-safe: the intent is stored
   * before the change.
   */
  outbox?: "inline" | "after-response" | "sweep" | "queue";
  /** The outbox queue (`outbox: "queue"`): SQS on Lambda, the in-process stand-in locally. */
  queue?: () => Outbox.Queue;
  /**
   * The local runtime only (`npm start`): the reminder preview page offers running the real
   * daily job for a chosen date. Never set on Lambda (its route then answers 404).
   */
  localJobs?: boolean;
}

async function identify(c: Context, now: Date): Promise<Actor.Actor> {
  const header = c.req.header("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (header && !bearer) {
    throw new VisibleError(
      "unauthenticated",
      "auth.malformed",
      "Authorization must be 'Bearer <token>'",
    );
  }
  const credential = bearer ?? c.req.header("x-api-key") ?? getCookie(c, SESSION_COOKIE);
  if (!credential) return { type: "public", tenant: NO_TENANT };
  if (credential.startsWith("tgk_")) return Auth.machineFromKey(credential, now);
  return Auth.personFromSession(credential, now);
}

export function createApp(options: AppOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  // A plain Hono app: the routes (and their validators) are in the groups' sub-apps.
  const app = new Hono<Env>();

  app.use(requestId());
  app.use(headers);
  app.use(
    bodyLimit({
      maxSize: options.maxBody ?? 256 * 1024,
      onError: () => {
        throw new VisibleError("too-large", "request.too_large", "request body is too large");
      },
    }),
  );
  app.use(guard);
  if (options.localJobs) {
    app.use(async (c, next) => {
      c.set(LOCAL_JOBS as never, true as never);
      await next();
    });
  }
  app.use(async (c: Context<Env>, next: Next) => {
    const actor = await Actor.provide(
      { type: "public", tenant: NO_TENANT },
      () => identify(c, clock()),
      clock,
    );
    const mode = options.outbox ?? "inline";
    if (mode === "inline") return Actor.provide(actor, () => next(), clock);
    const owed: Outbox.Owed[] = [];
    await Outbox.collect(owed, () => Actor.provide(actor, () => next(), clock));
    if (mode === "after-response") Outbox.settle(owed, clock);
    if (mode === "queue" && options.queue && owed.length > 0) {
      await Outbox.announce(owed, options.queue(), clock);
    }
  });

  app.use(dispatch);
  app.all("*", pages);

  app.notFound(async (c) =>
    isPage(c.req.path)
      ? (await import("../web/index.ts")).notFoundPage(c)
      : c.json(
          { error: { code: "route.not_found", message: `no route ${c.req.method} ${c.req.path}` } },
          404,
        ),
  );
  app.onError(async (thrown, c) => {
    // A schema a core function checks itself (`Schema.parse`) is bad input too, never a 500.
    const error =
      thrown instanceof $ZodError ? fromZod(thrown as Parameters<typeof fromZod>[0]) : thrown;
    if (isPage(c.req.path)) return (await import("../web/index.ts")).errorPage(error, c);
    if (error instanceof VisibleError) {
      const body = {
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      };
      return c.json({ error: body }, STATUS[error.kind]);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 415 ? "request.unsupported_media_type" : "request.invalid";
      const message =
        error.status === 415
          ? "request body must be application/json"
          : error.message || "bad request";
      return c.json({ error: { code, message } }, error.status);
    }
    console.error(
      JSON.stringify({
        level: "error",
        requestId: c.get("requestId"),
        message: String(error),
        stack: (error as Error)?.stack,
      }),
    );
    return c.json(
      { error: { code: "internal", message: "something went wrong; it has been logged" } },
      500,
    );
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** What a lazily loaded sub-app is given: the outer request's context, and its own env. */
type Outer = { outer: Context; missed?: boolean } & Record<string, unknown>;
type Sub = Hono<{ Bindings: Outer }>;

/**
 * A sub-app that runs in the outer request's context: under its middleware (headers, CSRF
 * guard, the actor, the outbox; those live in the outer chain and in AsyncLocalStorage) and with
 * its variables (request id, …); its errors go to the outer app's `onError` unchanged. `missed`
 * says what it does with a path none of its routes has.
 */
function subApp(
  mount: (sub: Sub) => void,
  missed: (inner: Context<{ Bindings: Outer }>) => Response | Promise<Response>,
): Sub {
  const sub = new Hono<{ Bindings: Outer }>();
  sub.use(async (inner, go) => {
    for (const [key, value] of Object.entries(inner.env.outer.var)) {
      inner.set(key as never, value as never);
    }
    await go();
  });
  mount(sub);
  sub.notFound(missed);
  sub.onError((error) => {
    throw error;
  });
  return sub;
}

/**
 * The API's route groups (`groups.ts`), each loaded by the first request for its paths and run
 * as a sub-app in this request's context. A path of a group that none of its routes matches
 * (another method, a longer path) goes on as before the groups were lazy: to the pages (for
 * `/publik/…`) or the JSON 404. The sub-app gets the outer env too (the Lambda event or the
 * Node socket, for `sourceAddress`).
 */
const groups = new Map<Group, () => Promise<Sub>>();

async function dispatch(c: Context, next: Next) {
  const group = groupOf(c.req.path);
  if (!group) return next();
  const load = getOrCreate(groups, group, () =>
    once(async () => {
      const files = await routes(group);
      return subApp(
        (sub) => {
          for (const file of files) sub.route("/", file);
        },
        (inner) => {
          inner.env.missed = true;
          return inner.body(null, 404);
        },
      );
    }),
  );
  const sub = await load();
  const env = outerEnv(c);
  const response = await sub.fetch(await unread(c), env);
  return env.missed ? next() : response;
}

/**
 * A sub-app's env: the outer request's context and the outer env itself (the Lambda event or
 * the Node socket, which `sourceAddress` reads for the sign-in limits).
 */
function outerEnv(c: Context): Outer {
  return { ...(c.env as Record<string, unknown> | undefined), outer: c };
}

/**
 * The console's pages (`web/`), loaded by the first page request rather than at every cold start
 * (with `nodejs.splitting`, infra/lambda.ts, they are their own chunks: hono/jsx, the pages and
 * the catalogues). They run in this request's context like a route group (`subApp`); a page's
 * error or missing route goes to this app's `onError`/`notFound`, as before.
 */
const web = once(() =>
  import("../web/index.ts").then(({ web, notFoundPage }) =>
    subApp(
      (sub) => sub.route("/", web),
      (inner) => notFoundPage(inner),
    ),
  ),
);

async function pages(c: Context, next: Next) {
  if (!isPage(c.req.path)) return next();
  const sub = await web();
  return sub.fetch(await unread(c), outerEnv(c));
}

/**
 * The request as it came, for the pages' own parsing: the CSRF guard may have read a form's body
 * already (Hono keeps it parsed), so a consumed body is rebuilt from that.
 */
async function unread(c: Context): Promise<Request> {
  const raw = c.req.raw;
  if (!raw.bodyUsed) return raw;
  const headers = new Headers(raw.headers);
  headers.delete("content-length");
  let body: URLSearchParams | FormData | ArrayBuffer;
  if (c.req.bodyCache.formData) {
    const form = await c.req.formData();
    if (/^application\/x-www-form-urlencoded/i.test(raw.headers.get("content-type") ?? "")) {
      body = new URLSearchParams([...form].map(([k, v]): [string, string] => [k, String(v)]));
    } else {
      // A new multipart body: its boundary is in the content type the Request sets.
      headers.delete("content-type");
      body = form;
    }
  } else {
    body = await c.req.arrayBuffer();
  }
  return new Request(raw.url, { method: raw.method, headers, body });
}
