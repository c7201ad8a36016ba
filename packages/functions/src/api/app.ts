/**
 * The HTTP API: one Hono app, the same on Lambda (lambda.ts) and locally (packages/local).
 * Each resource is a sub-app in its own file; this file only wires them together with the
 * cross-cutting concerns: request ids, body limits, who is calling, and the error shape.
 */

import { Actor } from "@tenggat/core/actor";
import { Auth } from "@tenggat/core/auth";
import { VisibleError } from "@tenggat/core/error";
import { Outbox } from "@tenggat/core/outbox";
import { fromZod } from "@tenggat/core/util";
import type { Context, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { $ZodError } from "zod/v4/core";
import { errorPage, guard, headers, isPage, LOCAL_JOBS, notFoundPage, web } from "../web/index.ts";
import { auth, SESSION_COOKIE } from "./auth.ts";
import { createRouter, type Env } from "./common.ts";
import { directory } from "./directory.ts";
import { docs } from "./docs.ts";
import { inbound } from "./inbound.ts";
import { links } from "./links.ts";
import { meeting } from "./meeting.ts";
import { members } from "./members.ts";
import { obligation } from "./obligation.ts";
import { publicRelease } from "./public.ts";
import { rad } from "./rad.ts";
import { reminder } from "./reminder.ts";
import { report } from "./report.ts";
import { settings } from "./settings.ts";
import { submission } from "./submission.ts";
import { task } from "./task.ts";

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
  const app = createRouter();

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

  app.route("/", auth);
  app.route("/", directory);
  app.route("/", report);
  app.route("/", meeting);
  app.route("/", task);
  app.route("/", obligation);
  app.route("/", links);
  app.route("/", rad);
  app.route("/", settings);
  app.route("/", submission);
  app.route("/", members);
  app.route("/", inbound);
  app.route("/", publicRelease);
  app.route("/", reminder);
  app.route("/", docs(app));
  app.route("/", web);

  app.notFound((c) =>
    isPage(c.req.path)
      ? notFoundPage(c)
      : c.json(
          { error: { code: "route.not_found", message: `no route ${c.req.method} ${c.req.path}` } },
          404,
        ),
  );
  app.onError((thrown, c) => {
    // A schema a core function checks itself (`Schema.parse`) is bad input too, never a 500.
    const error =
      thrown instanceof $ZodError ? fromZod(thrown as Parameters<typeof fromZod>[0]) : thrown;
    if (isPage(c.req.path)) return errorPage(error, c);
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
