/**
 * The API reference at `/docs`: one HTML page rendered on the server from the OpenAPI document
 * (no script, no CDN, no external font). Each operation shows who may call it (its security
 * schemes), its parameters, its request body and its responses, with their schemas expanded
 * from the document's components.
 */

type Json = Record<string, unknown>;

export interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  security?: Record<string, string[]>[];
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: Json;
  }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );
}

/** Inline code in descriptions (`x`) as <code>, everything else escaped. */
function prose(text: string | undefined): string {
  if (!text) return "";
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** A stable anchor for an operation. */
export function anchor(method: string, path: string): string {
  return `${method}-${path.replace(/[{}]/g, "")}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, "");
}

class SchemaWriter {
  constructor(private readonly schemas: Record<string, unknown>) {}

  private resolve(schema: Json): { schema: Json; name?: string } {
    const ref = schema.$ref;
    if (typeof ref === "string") {
      const name = ref.replace("#/components/schemas/", "");
      return { schema: (this.schemas[name] ?? {}) as Json, name };
    }
    return { schema };
  }

  /** "string (date)", "integer 1–200", "one of a, b", "array of Report". */
  type(input: Json): string {
    const { schema, name } = this.resolve(input);
    if (name) return name;
    if (Array.isArray(schema.enum))
      return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
    if (variants) return variants.map((v) => this.type(v)).join(" or ");
    if (schema.allOf) return (schema.allOf as Json[]).map((v) => this.type(v)).join(" and ");
    const t = Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type ?? "any");
    if (t === "array" && schema.items) return `array of ${this.type(schema.items as Json)}`;
    const extra: string[] = [];
    if (schema.format) extra.push(String(schema.format));
    if (schema.pattern) extra.push(`pattern ${schema.pattern}`);
    const min = schema.minimum ?? schema.minLength ?? schema.minItems;
    const max = schema.maximum ?? schema.maxLength ?? schema.maxItems;
    if (min !== undefined || max !== undefined) extra.push(`${min ?? ""}–${max ?? ""}`);
    if (schema.default !== undefined) extra.push(`default ${JSON.stringify(schema.default)}`);
    return extra.length ? `${t} (${extra.join(", ")})` : t;
  }

  /** The fields of an object schema as a nested list; named schemas open once per page part. */
  fields(input: Json, seen: Set<string> = new Set(), depth = 0): string {
    const { schema, name } = this.resolve(input);
    if (name) {
      // A named schema is written once, in the Schemas section, and linked to from elsewhere.
      if (depth > 0 || seen.has(name)) {
        return `<p class="ref">See <a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a></p>`;
      }
      seen = new Set(seen).add(name);
    }
    if (schema.type === "array" && schema.items) {
      return this.fields(schema.items as Json, seen, depth + 1);
    }
    const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
    if (variants?.some((v) => this.isObject(v))) {
      return variants
        .map(
          (v, i) =>
            `<p class="alt">Variant ${i + 1}: ${escapeHtml(this.type(v))}</p>${this.fields(v, seen, depth + 1)}`,
        )
        .join("");
    }
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required ?? []) as string[]);
    const names = Object.keys(properties);
    if (names.length === 0) return "";
    const rows = names.map((field) => {
      const p = properties[field] as Json;
      const nested = this.isObject(p) ? this.fields(p, seen, depth + 1) : "";
      const description = (p.description ?? this.resolve(p).schema.description) as
        | string
        | undefined;
      return `<li><code>${escapeHtml(field)}</code>${required.has(field) ? ' <span class="req">required</span>' : ""} <span class="type">${escapeHtml(this.type(p))}</span>${description ? ` — ${prose(description)}` : ""}${nested}</li>`;
    });
    return `<ul class="fields">${rows.join("")}</ul>`;
  }

  private isObject(input: Json): boolean {
    const { schema } = this.resolve(input);
    if (schema.type === "object" || schema.properties) return true;
    if (schema.type === "array" && schema.items) return this.isObject(schema.items as Json);
    const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
    return !!variants?.some((v) => this.isObject(v));
  }
}

function securityText(doc: Document, op: Operation): string {
  const requirements = op.security ?? doc.security;
  if (!requirements) return "";
  if (requirements.length === 0) return '<p class="sec">Who: anyone (no sign-in).</p>';
  const schemes = doc.components?.securitySchemes ?? {};
  const names = requirements.flatMap((r) => Object.keys(r));
  const items = names.map((n) => {
    const s = (schemes[n] ?? {}) as Json;
    return `<code>${escapeHtml(n)}</code>${s.description ? ` (${prose(String(s.description))})` : ""}`;
  });
  return `<p class="sec">Who: any one of ${items.join("; ")}.</p>`;
}

function operation(
  doc: Document,
  w: SchemaWriter,
  method: string,
  path: string,
  op: Operation,
): string {
  const parts: string[] = [];
  parts.push(
    `<h3 id="${anchor(method, path)}"><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
  );
  if (op.summary) parts.push(`<p class="s">${prose(op.summary)}</p>`);
  if (op.description) parts.push(`<p class="d">${prose(op.description)}</p>`);
  parts.push(securityText(doc, op));
  if (op.parameters?.length) {
    const rows = op.parameters.map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td>${escapeHtml(w.type(p.schema ?? {}))}</td><td>${prose(p.description ?? (p.schema?.description as string | undefined))}</td></tr>`,
    );
    parts.push(
      `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    );
  }
  const body = op.requestBody?.content?.["application/json"]?.schema;
  if (body) {
    parts.push(
      `<h4>Request body</h4><p><code>application/json</code>, ${escapeHtml(w.type(body))}</p>${w.fields(body, new Set(), 1)}`,
    );
  }
  const responses = Object.entries(op.responses ?? {});
  if (responses.length) {
    const rows = responses.map(([status, r]) => {
      const schema = r.content?.["application/json"]?.schema;
      const other = r.content ? Object.keys(r.content).filter((k) => k !== "application/json") : [];
      const shape = schema
        ? `<details><summary>${escapeHtml(w.type(schema))}</summary>${w.fields(schema, new Set(), 1)}</details>`
        : other.length
          ? `<code>${escapeHtml(other.join(", "))}</code>`
          : "";
      return `<tr><td><strong>${escapeHtml(status)}</strong></td><td>${prose(r.description)}</td><td>${shape}</td></tr>`;
    });
    parts.push(
      `<h4>Responses</h4><table><thead><tr><th>Status</th><th>Meaning</th><th>Body</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    );
  }
  return `<section class="op">${parts.join("\n")}</section>`;
}

/** The whole reference page. `stylesheet` is the URL of its stylesheet (served by the app). */
export function reference(doc: Document, stylesheet: string): string {
  const w = new SchemaWriter(doc.components?.schemas ?? {});
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      if (!byTag.has(tag)) {
        byTag.set(tag, []);
        toc.set(tag, []);
      }
      byTag.get(tag)?.push(operation(doc, w, method, path, op));
      toc
        .get(tag)
        ?.push(
          `<li><a href="#${anchor(method, path)}"><span class="m ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`,
        );
    }
  }
  const schemes = Object.entries(doc.components?.securitySchemes ?? {}).map(([name, s]) => {
    const scheme = s as Json;
    const how =
      scheme.type === "http"
        ? `HTTP <code>Authorization: Bearer …</code>`
        : scheme.type === "apiKey"
          ? `${escapeHtml(String(scheme.in))} <code>${escapeHtml(String(scheme.name))}</code>`
          : escapeHtml(String(scheme.type));
    return `<li><code>${escapeHtml(name)}</code>: ${how}${scheme.description ? ` — ${prose(String(scheme.description))}` : ""}</li>`;
  });
  const tags = [...byTag.keys()];
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.info.title)} reference</title>`,
    `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">`,
    "</head><body>",
    `<header><h1>${escapeHtml(doc.info.title)} <small>v${escapeHtml(doc.info.version)}</small></h1>`,
    `<p>${prose(doc.info.description)}</p>`,
    '<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></header>',
    `<section><h2 id="security">Signing in</h2><ul>${schemes.join("")}</ul></section>`,
    `<nav aria-label="Operations"><h2>Operations</h2>${tags
      .map((t) => `<h3>${escapeHtml(t)}</h3><ul>${(toc.get(t) ?? []).join("")}</ul>`)
      .join("")}</nav>`,
    "<main>",
    ...tags.map((t) => `<h2>${escapeHtml(t)}</h2>${(byTag.get(t) ?? []).join("\n")}`),
    `<h2 id="schemas">Schemas</h2>${Object.keys(doc.components?.schemas ?? {})
      .map(
        (name) =>
          `<section class="op"><h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3>${w.fields({ $ref: `#/components/schemas/${name}` })}</section>`,
      )
      .join("\n")}`,
    "</main></body></html>",
    "",
  ].join("\n");
}

/** The page's stylesheet (served at `/docs/reference.css`, so no inline style is needed). */
export const STYLESHEET = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45;color:#111827}
h1 small{font-weight:normal;color:#4b5563}h2{margin-top:2rem;border-bottom:2px solid #d1d5db}
h3{font-size:1rem;margin:.3rem 0}h4{margin:.6rem 0 .2rem;font-size:.95rem}
section.op{border-bottom:1px solid #e5e7eb;padding:.8rem 0}
.m{display:inline-block;min-width:3.6rem;text-align:center;border-radius:.3rem;padding:.05rem .3rem;color:#fff;font-family:monospace;font-size:.85rem}
.get{background:#1f6f0b}.post{background:#0b5394}.put{background:#7a4a00}.patch{background:#5b2a86}.delete{background:#9b1c1c}
.d,.sec{color:#374151;font-size:.92rem}.sec{font-style:italic}.type{color:#4b5563;font-size:.9rem}.req{color:#9b1c1c;font-size:.8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #e5e7eb;padding:.25rem .4rem;text-align:left;vertical-align:top}
ul.fields{margin:.2rem 0 .2rem 1rem;padding-left:.8rem;font-size:.9rem}nav ul{columns:2 18rem;font-size:.9rem}
code{overflow-wrap:anywhere}details summary{cursor:pointer}
@media (max-width:40rem){nav ul{columns:1}table{display:block;overflow-x:auto}}`;
