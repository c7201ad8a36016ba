import type { OpenAPIHono } from "@hono/zod-openapi";
import { html, raw } from "hono/html";
import { createRouter, type Env } from "./common.ts";

const INFO = {
  title: "Tenggat API",
  version: "1",
  description:
    "Deadlines, reminders and the report workflow of a Gugus Tugas PP-TPPO (Peraturan Bupati Sambas 8/2016). Errors are JSON `{ error: { code, message, issues? } }`.",
};

/** `/openapi.json` (OpenAPI 3.1, generated from the same zod schemas that validate requests) and `/docs`. */
export function docs(app: OpenAPIHono<Env>) {
  const router = createRouter();
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

  router.get("/docs", (c) => {
    const doc = document();
    const rows: string[] = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(
        item as Record<string, { summary?: string; description?: string; tags?: string[] }>,
      )) {
        rows.push(
          `<section><h3><code class="m ${method}">${method.toUpperCase()}</code> <code>${escapeHtml(path)}</code></h3>` +
            `<p>${escapeHtml(op.summary ?? "")}</p>${op.description ? `<p class="d">${escapeHtml(op.description)}</p>` : ""}</section>`,
        );
      }
    }
    return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${INFO.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:1rem auto;padding:0 1rem;line-height:1.45}
h3{font-size:1rem;margin:.2rem 0}section{border-bottom:1px solid #ddd;padding:.6rem 0}
.m{display:inline-block;min-width:4rem;text-align:center;border-radius:.3rem;padding:.1rem .3rem;color:#fff}
.get{background:#2b7a0b}.post{background:#0b5394}.d{color:#444;font-size:.9rem}</style></head>
<body><h1>${INFO.title}</h1><p>${INFO.description}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
${raw(rows.join("\n"))}</body></html>`);
  });
  return router;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch] as string,
  );
}
