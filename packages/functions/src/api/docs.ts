import type { OpenAPIHono } from "@hono/zod-openapi";
import { SESSION_COOKIE } from "./auth.ts";
import { createRouter, type Env } from "./common.ts";
import { type Document, reference, STYLESHEET } from "./reference.ts";

const INFO = {
  title: "Tenggat API",
  version: "1",
  description:
    "Deadlines, reminders and the report workflow of a Gugus Tugas PP-TPPO (Peraturan Bupati Sambas 8/2016). Errors are JSON `{ error: { code, message, issues? } }`.",
};

/** `/openapi.json` (OpenAPI 3.1, generated from the same zod schemas that validate requests) and `/docs`. */
export function docs(app: OpenAPIHono<Env>) {
  const router = createRouter();
  registerSecuritySchemes(app);
  // Generated on the first request for it, not at start (no cold-start cost for the routes
  // that do not ask), then kept for the life of the process: the routes do not change.
  let generated: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const document = () =>
    (generated ??= app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: INFO,
      servers: [{ url: "/" }],
    }));

  router.get("/openapi.json", (c) => c.json(document()));

  router.get("/docs", (c) =>
    c.html(reference(document() as unknown as Document, "/docs/reference.css")),
  );
  router.get("/docs/reference.css", (c) =>
    c.body(STYLESHEET, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=3600",
    }),
  );
  return router;
}

/** How a caller proves who they are; each route's `security` names the ones it accepts. */
function registerSecuritySchemes(app: OpenAPIHono<Env>) {
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", "session", {
    type: "http",
    scheme: "bearer",
    description:
      "A person's session token, from `POST /v1/auth/verify` after following the mailed sign-in link",
  });
  registry.registerComponent("securitySchemes", "webhookSignature", {
    type: "apiKey",
    in: "header",
    name: "webhook-signature",
    description:
      "A member district's delivery, signed per Standard Webhooks 1.0 with its own secret (`webhook-id`, `webhook-timestamp`, `webhook-signature`; docs/pipeline.md)",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The same session, as the console's cookie (set on sign-in in the browser)",
  });
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description:
      "A machine's API key (`tgk_…`, created by the secretariat at `POST /v1/api-keys`), e.g. the upward report pipeline with `reports:read`",
  });
}
