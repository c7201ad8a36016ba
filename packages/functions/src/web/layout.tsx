/** @jsxImportSource hono/jsx */
/**
 * The one layout of the console, and the small components every page shares (error summary,
 * fields, confirmation panel, summary list, CSRF field).
 */
import type { Child } from "hono/jsx";
import type { Catalogue } from "./i18n/index.ts";
import { CSRF_FIELD } from "./security.ts";

/** Bump when the stylesheet changes: the URL is cached for a year. */
export const ASSET_VERSION = "2";

export interface Me {
  tenant: string;
  personId: string;
  name: string;
  offices: string[];
  secretariat: boolean;
}

export interface LayoutProps {
  t: Catalogue;
  title: string;
  me?: Me | undefined;
  csrf: string;
  children?: Child;
}

export function Layout({ t, title, me, csrf, children }: LayoutProps) {
  return (
    <html lang={t.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t.product}`}</title>
        <link rel="stylesheet" href={`/aset/gaya.css?v=${ASSET_VERSION}`} />
        <script src={`/aset/app.js?v=${ASSET_VERSION}`} defer />
      </head>
      <body>
        <a class="skip" href="#isi">
          {t.skip}
        </a>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/">
              {t.product}
              <small>{t.tagline}</small>
            </a>
            {me ? (
              <nav class="main" aria-label={t.product}>
                <ul>
                  <li>
                    <a href="/">{t.nav.home}</a>
                  </li>
                  {me.secretariat ? (
                    <>
                      <li>
                        <a href="/dasbor">{t.nav.dashboard}</a>
                      </li>
                      <li>
                        <a href="/orang">{t.nav.people}</a>
                      </li>
                      <li>
                        <a href="/pengaturan">{t.nav.settings}</a>
                      </li>
                      <li>
                        <a href="/pratinjau-pengingat">{t.reminderPreview.nav}</a>
                      </li>
                    </>
                  ) : null}
                  {me.secretariat || me.offices.includes("gt.ketua") ? (
                    <li>
                      <a href="/kiriman">{t.nav.submissions}</a>
                    </li>
                  ) : null}
                  <li>
                    <a href="/rapat">{t.nav.meetings}</a>
                  </li>
                  <li>
                    <a href="/tugas">{t.nav.tasks}</a>
                  </li>
                  <li>
                    <a href="/akun">{t.nav.account}</a>
                  </li>
                  <li>
                    <form method="post" action="/keluar">
                      <Csrf token={csrf} />
                      <button type="submit">{t.nav.signOut}</button>
                    </form>
                  </li>
                </ul>
              </nav>
            ) : null}
          </div>
        </header>
        <main id="isi">{children}</main>
        <footer class="bottom">{t.footer}</footer>
      </body>
    </html>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** Field errors by field id. */
export type FieldErrors = Record<string, string>;

/** The error summary at the top of a form, each message linking to its field. */
export function ErrorSummary({ t, errors }: { t: Catalogue; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{t.errorSummary}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={field.startsWith("/") ? field : `#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  id: string;
  name?: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  value?: string | number | undefined;
  type?: string;
  /** `numeric` for whole numbers (GOV.UK: a text input, not `type=number`). */
  inputmode?: "numeric" | "decimal";
  textarea?: boolean;
  autocomplete?: string;
  required?: boolean;
  rows?: number;
}

/** A labelled input or textarea with its hint and its error beside it. */
export function Field(p: FieldProps) {
  const error = p.errors?.[p.id];
  const describedBy = [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id: p.id,
    name: p.name ?? p.id,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(error ? { "aria-invalid": "true" } : {}),
    ...(p.required ? { required: true } : {}),
  };
  return (
    <div class={error ? "field error" : "field"}>
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <span class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      {error ? (
        <span class="message" id={`${p.id}-error`}>
          {error}
        </span>
      ) : null}
      {p.textarea ? (
        <textarea {...common} rows={p.rows ?? 6}>
          {p.value ?? ""}
        </textarea>
      ) : (
        <input
          {...common}
          type={p.type ?? "text"}
          value={p.value === undefined ? "" : String(p.value)}
          {...(p.autocomplete ? { autocomplete: p.autocomplete } : {})}
          {...(p.inputmode ? { inputmode: p.inputmode, class: "short" } : {})}
        />
      )}
    </div>
  );
}

/** The confirmation panel shown after an action succeeded. */
export function Panel({ title, children }: { title: string; children?: Child }) {
  return (
    <div class="panel" role="status">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** A summary list (GOV.UK "summary list"): label / value rows. */
export function Summary({ rows }: { rows: [string, Child][] }) {
  return (
    <dl class="summary">
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}
