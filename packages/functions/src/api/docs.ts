import { SESSION_COOKIE } from "./auth.ts";
import { createRouter } from "./common.ts";
import { once } from "./groups.ts";
import type { OpenAPIDocument } from "./openapi.ts";
import { type Document, reference, STYLESHEET } from "./reference.ts";
import type { RouteConfig } from "./route.ts";

const INFO = {
  title: "Tenggat API",
  version: "1",
  description:
    "Deadlines, reminders and the report workflow of a Gugus Tugas PP-TPPO (Peraturan Bupati Sambas 8/2016). Errors are JSON `{ error: { code, message, issues? } }`.",
};

/** `/openapi.json` (OpenAPI 3.1, generated from the same zod schemas that validate requests) and `/docs`. */
export function docs(definitions: () => Promise<readonly RouteConfig[]>) {
  const router = createRouter();
  // Generated on the first request for it, not at start (no cold-start cost for the routes
  // that do not ask; the generator and every route group are loaded then), then kept for the
  // life of the process: the routes do not change.
  // A failed generation is not kept: the next request tries again (`once`).
  const document = once(
    (): Promise<OpenAPIDocument> =>
      Promise.all([import("./openapi.ts"), definitions()]).then(([openapi, routes]) =>
        openapi.document(
          { openapi: "3.1.0", info: INFO, servers: [{ url: "/" }] },
          SECURITY_SCHEMES,
          routes,
        ),
      ),
  );

  router.get("/openapi.json", async (c) => c.json(await document()));

  router.get("/docs", async (c) =>
    c.html(reference((await document()) as unknown as Document, "/docs/reference.css")),
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
const SECURITY_SCHEMES = {
  session: {
    type: "http",
    scheme: "bearer",
    description:
      "A person's session token, from `POST /v1/auth/verify` after following the mailed sign-in link",
  },
  webhookSignature: {
    type: "apiKey",
    in: "header",
    name: "webhook-signature",
    description:
      "A member district's delivery, signed per Standard Webhooks 1.0 with its own secret (`webhook-id`, `webhook-timestamp`, `webhook-signature`; docs/pipeline.md)",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The same session, as the console's cookie (set on sign-in in the browser)",
  },
  apiKey: {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description:
      "A machine's API key (`tgk_…`, created by the secretariat at `POST /v1/api-keys`), e.g. the upward report pipeline with `reports:read`",
  },
};
