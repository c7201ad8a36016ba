export * as Mime from "./index.ts";

import { createHash, randomBytes } from "node:crypto";
import { LocalDate } from "../date/index.ts";
import { parse } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * RFC 5322 / MIME (RFC 2045–2047, 2231) messages, built as the bytes SES `SendRawEmail` takes.
 *
 * Shape: `multipart/mixed` ⊃ `multipart/alternative` (text/plain, text/html and, for
 * invitations, `text/calendar; method=…`) plus attachments (for invitations an `invite.ics`
 * `application/ics` attachment: the pair Gmail and Outlook both recognise). Without attachments
 * the `multipart/alternative` is the top level.
 *
 * Every line ends in CRLF and stays within 998 octets (headers are folded at 78 where they
 * can be); bodies are quoted-printable (text) or base64 (calendar, attachments) with 76-character
 * lines. Header injection is impossible: any CR, LF or NUL in a header value is refused.
 */

const CRLF = "\r\n";
/** Folded header lines aim for this width (RFC 5322 §2.1.1 "SHOULD"). */
const SOFT_LIMIT = 78;
/** No line may be longer (RFC 5322 §2.1.1 "MUST"). */
const HARD_LIMIT = 998;

function noLineBreaks(s: string): boolean {
  return !s.includes("\r") && !s.includes("\n") && !s.includes("\0");
}

/** Text that ends up in a header: one line, no CR, LF or NUL. */
export const HeaderText = z.string().check(z.refine(noLineBreaks, "must not contain line breaks"));

/**
 * Characters that change how a header reads without being seen: bidirectional overrides,
 * embeddings, isolates and marks (a subject can be made to read backwards, "…fdp.exe"), and
 * zero-width spaces, joiners and other format characters (`\p{Cf}`).
 */
const INVISIBLE = /\p{Cf}/gu;

/**
 * Strips what a reader cannot see from a subject or display name: format characters removed,
 * line breaks and other control characters turned into a space, runs of spaces collapsed.
 * Those come from people's input (a title, a name); refusing them would lose the mail.
 */
export function cleanHeaderText(value: string): string {
  return value
    .replace(INVISIBLE, "")
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** A subject or display name: cleaned (`cleanHeaderText`), so always one visible line. */
export const DisplayText = z.string().check(z.overwrite(cleanHeaderText));

/** An ASCII address SES accepts (internationalised domains must arrive as punycode). */
export const EmailAddress = z
  .string()
  .check(
    z.maxLength(254),
    z.regex(
      /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/,
      "not an e-mail address",
    ),
  );

export const Address = z.strictObject({
  /** Display name; any language, encoded as needed. */
  name: z.optional(DisplayText.check(z.maxLength(200))),
  email: EmailAddress,
});
export type Address = z.infer<typeof Address>;

const ParamName = z.string().check(z.regex(/^[A-Za-z0-9!#$&^_.+-]+$/, "not a parameter name"));

/** `type/subtype`, e.g. `application/pdf`; parameters go in `params`. */
export const MediaType = z
  .string()
  .check(z.regex(/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/, "not a media type"));

/** A header field name (RFC 5322 §3.6.8): printable ASCII without colon; we keep to letters, digits, `-`. */
export const HeaderName = z
  .string()
  .check(z.regex(/^[A-Za-z][A-Za-z0-9-]{0,75}$/, "not a header name"));

export const Attachment = z.strictObject({
  contentType: MediaType,
  params: z._default(z.record(ParamName, HeaderText.check(z.maxLength(200))), {}),
  filename: z.optional(
    HeaderText.check(
      z.minLength(1),
      z.refine((s) => Buffer.byteLength(s, "utf8") <= 100, "file name longer than 100 bytes"),
    ),
  ),
  /** A string is sent as UTF-8. */
  content: z.union([z.string(), z.instanceof(Buffer)]),
  disposition: z._default(z.enum(["attachment", "inline"]), "attachment"),
  encoding: z._default(z.enum(["base64", "quoted-printable"]), "base64"),
  /** Without the angle brackets. */
  contentId: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$/)),
  ),
});
export type Attachment = z.input<typeof Attachment>;

/**
 * An iCalendar object to send as an invitation: a `text/calendar; method=…` alternative (what
 * Outlook and Gmail turn into the Accept/Decline panel) and an `invite.ics` attachment.
 */
export const Calendar = z.strictObject({
  method: z.enum(["REQUEST", "CANCEL", "PUBLISH"]),
  content: z.string().check(z.minLength(1)),
  filename: z._default(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,60}\.ics$/)), "invite.ics"),
});
export type Calendar = z.input<typeof Calendar>;

const RESERVED = new Set(
  [
    "from",
    "sender",
    "to",
    "cc",
    "bcc",
    "reply-to",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-disposition",
    "return-path",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "auto-submitted",
  ].map((h) => h.toLowerCase()),
);

export const Input = z.strictObject({
  from: Address,
  to: z.array(Address).check(z.minLength(1), z.maxLength(50)),
  cc: z._default(z.array(Address).check(z.maxLength(50)), []),
  replyTo: z._default(z.array(Address).check(z.maxLength(10)), []),
  subject: DisplayText.check(z.minLength(1), z.maxLength(900)),
  /** The Date header; shown in Asia/Pontianak's offset (+0700). */
  date: z.date(),
  /** `id@domain` without angle brackets; derived from `seed` or random when absent. */
  messageId: z.optional(
    z
      .string()
      .check(
        z.maxLength(200),
        z.regex(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$/, "not a message id"),
      ),
  ),
  /** Extra headers, e.g. `X-Tenggat-Notification`. The standard ones above cannot be overridden. */
  headers: z
    ._default(z.record(HeaderName, HeaderText.check(z.maxLength(900))), {})
    .check(
      z.refine(
        (h) => Object.keys(h).every((k) => !RESERVED.has(k.toLowerCase())),
        "headers may not override From, To, Subject, Content-* or other standard headers",
      ),
    ),
  /** RFC 2369 / RFC 8058 List-Unsubscribe; `oneClick` adds `List-Unsubscribe-Post`. */
  listUnsubscribe: z.optional(
    z.strictObject({
      url: z.url({ protocol: /^https$/ }).check(z.maxLength(900)),
      oneClick: z._default(z.boolean(), false),
    }),
  ),
  /** RFC 3834 `Auto-Submitted: auto-generated`, so out-of-office replies stay away. */
  autoSubmitted: z._default(z.boolean(), true),
  text: z.string(),
  html: z.optional(z.string()),
  calendar: z.optional(Calendar),
  attachments: z._default(z.array(Attachment).check(z.maxLength(20)), []),
  /** Makes boundaries and the derived Message-ID deterministic (tests, idempotent retries). */
  seed: z.optional(z.string()),
});
export type Input = z.input<typeof Input>;

// ---------------------------------------------------------------------------------------------
// Encodings

/** Quoted-printable (RFC 2045 §6.7) of UTF-8 text; line breaks become CRLF, lines ≤ 76. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(qpLine)
    .join(CRLF);
}

function hex(byte: number): string {
  return `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

function qpLine(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const isLast = i === bytes.length - 1;
    const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !isLast);
    let token = literal ? String.fromCharCode(b) : hex(b);
    if (current.length + token.length > 75) {
      out.push(`${current}=`);
      current = "";
    }
    // A lone "." at the start of a line means end-of-data to some SMTP software.
    if (current === "" && token === ".") token = hex(b);
    current += token;
  }
  out.push(current);
  return out.join(CRLF);
}

/** Base64 in lines of 76 characters. */
export function encodeBase64(content: Buffer): string {
  return (content.toString("base64").match(/.{1,76}/g) ?? []).join(CRLF);
}

function isPrintableAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/**
 * RFC 2047 encoded-words (`=?UTF-8?B?…?=`), each at most 68 characters so a folded line stays
 * within 78; chunks end on character boundaries so each word decodes on its own.
 */
export function encodeWords(text: string): string[] {
  const words: string[] = [];
  let chunk = "";
  let octets = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > 42) {
      words.push(chunk);
      chunk = "";
      octets = 0;
    }
    chunk += ch;
    octets += size;
  }
  if (chunk !== "" || words.length === 0) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`);
}

/** An unstructured header value (Subject, X-…): as is when plain ASCII, else encoded-words. */
export function unstructured(value: string): string {
  const plain =
    isPrintableAscii(value) && !value.includes("=?") && !/\S{900,}/.test(value) && value !== "";
  return plain ? value : encodeWords(value).join(" ");
}

const ATEXT_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+( [A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** A display name (RFC 5322 phrase): atoms, a quoted string, or encoded-words. */
export function phrase(name: string): string {
  if (!isPrintableAscii(name)) return encodeWords(name).join(" ");
  if (ATEXT_PHRASE.test(name) && !name.includes("=?")) return name;
  return `"${name.replace(/(["\\])/g, "\\$1")}"`;
}

export function formatAddress(a: Address): string {
  return a.name ? `${phrase(a.name)} <${a.email}>` : a.email;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date-time in Asia/Pontianak's offset, e.g. `Mon, 01 Feb 2027 08:00:00 +0700`. */
export function formatDate(instant: Date): string {
  const offset = LocalDate.offsetMinutes(instant);
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/**
 * `Name: value`, folded at whitespace outside quoted strings so lines stay within 78 octets
 * where possible; a line that cannot be brought under 998 is refused.
 */
export function foldHeader(name: string, value: string): string {
  if (!noLineBreaks(value)) throw new Error(`header ${name}: line break in value`);
  // Fold points: the start of a whitespace run outside quotes that has a word after it.
  const cuts: number[] = [];
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted && c === "\\") {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (!quoted && c === " " && i > 0 && value[i - 1] !== " " && /\S/.test(value.slice(i))) {
      cuts.push(i);
    }
  }
  const segments: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    segments.push(value.slice(from, cut));
    from = cut;
  }
  segments.push(value.slice(from));

  const lines: string[] = [];
  let line = `${name}: ${segments[0] ?? ""}`;
  for (const segment of segments.slice(1)) {
    if (line.length + segment.length > SOFT_LIMIT) {
      lines.push(line);
      line = segment;
    } else {
      line += segment;
    }
  }
  lines.push(line);
  for (const l of lines) {
    if (l.length > HARD_LIMIT) throw new Error(`header ${name}: a line longer than 998 octets`);
  }
  return lines.join(CRLF);
}

/**
 * A parameter (RFC 2045 / RFC 2231): a bare token (`charset=UTF-8`, `method=REQUEST`, the form
 * calendar clients look for), a quoted string (always for file names), or `name*=UTF-8''…`
 * when not ASCII.
 */
function param(name: string, value: string): string {
  const isFileName = name === "name" || name === "filename";
  if (!isFileName && /^[A-Za-z0-9!#$%&'*+.^_`{|}~-]+$/.test(value)) return `${name}=${value}`;
  if (isPrintableAscii(value) && !/["\\]/.test(value)) return `${name}="${value}"`;
  const encoded = Array.from(Buffer.from(value, "utf8"))
    .map((b) =>
      /[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
  return `${name}*=UTF-8''${encoded}`;
}

// ---------------------------------------------------------------------------------------------
// Entities

interface Entity {
  headers: [string, string][];
  /** Encoded body, CRLF line ends. */
  body: string;
}

function leaf(options: {
  contentType: string;
  params: Record<string, string>;
  content: Buffer | string;
  encoding: "base64" | "quoted-printable";
  disposition?: "attachment" | "inline";
  filename?: string;
  contentId?: string;
}): Entity {
  const typeParams = Object.entries(options.params).map(([k, v]) => `; ${param(k, v)}`);
  const headers: [string, string][] = [
    ["Content-Type", `${options.contentType}${typeParams.join("")}`],
    ["Content-Transfer-Encoding", options.encoding],
  ];
  if (options.disposition) {
    const filename = options.filename ? `; ${param("filename", options.filename)}` : "";
    headers.push(["Content-Disposition", `${options.disposition}${filename}`]);
  }
  if (options.contentId) headers.push(["Content-ID", `<${options.contentId}>`]);
  const body =
    options.encoding === "base64"
      ? encodeBase64(
          typeof options.content === "string"
            ? Buffer.from(options.content, "utf8")
            : options.content,
        )
      : encodeQuotedPrintable(
          typeof options.content === "string" ? options.content : options.content.toString("utf8"),
        );
  return { headers, body };
}

function multipart(subtype: string, boundary: string, parts: Entity[]): Entity {
  const body = [
    ...parts.map((p) => `--${boundary}${CRLF}${serialize(p)}`),
    `--${boundary}--${CRLF}`,
  ].join(CRLF);
  return { headers: [["Content-Type", `multipart/${subtype}; boundary="${boundary}"`]], body };
}

function serialize(e: Entity): string {
  return `${e.headers.map(([n, v]) => foldHeader(n, v)).join(CRLF)}${CRLF}${CRLF}${e.body}`;
}

function boundaries(seed: string | undefined): () => string {
  let n = 0;
  // "=_" cannot occur in quoted-printable or base64 output, so no body line can look like one.
  return () => {
    const entropy = seed
      ? createHash("sha256").update(`boundary:${seed}:${n++}`).digest("hex").slice(0, 32)
      : randomBytes(16).toString("hex");
    return `=_tenggat_${entropy}`;
  };
}

/** Builds the complete message. Throws an `input` VisibleError on anything unsafe or malformed. */
export function build(input: Input): Buffer {
  const m = parse(Input, input);
  const nextBoundary = boundaries(m.seed);

  const alternatives: Entity[] = [
    leaf({
      contentType: "text/plain",
      params: { charset: "UTF-8" },
      content: m.text,
      encoding: "quoted-printable",
    }),
  ];
  if (m.html !== undefined) {
    alternatives.push(
      leaf({
        contentType: "text/html",
        params: { charset: "UTF-8" },
        content: m.html,
        encoding: "quoted-printable",
      }),
    );
  }
  if (m.calendar) {
    alternatives.push(
      leaf({
        contentType: "text/calendar",
        params: { method: m.calendar.method, charset: "UTF-8" },
        content: m.calendar.content,
        encoding: "base64",
      }),
    );
  }
  const main =
    alternatives.length === 1
      ? (alternatives[0] as Entity)
      : multipart("alternative", nextBoundary(), alternatives);

  const attachments: Entity[] = m.attachments.map((a) =>
    leaf({
      contentType: a.contentType,
      params: { ...a.params, ...(a.filename ? { name: a.filename } : {}) },
      content: a.content,
      encoding: a.encoding,
      disposition: a.disposition,
      ...(a.filename ? { filename: a.filename } : {}),
      ...(a.contentId ? { contentId: a.contentId } : {}),
    }),
  );
  if (m.calendar) {
    attachments.unshift(
      leaf({
        contentType: "application/ics",
        params: { name: m.calendar.filename },
        content: m.calendar.content,
        encoding: "base64",
        disposition: "attachment",
        filename: m.calendar.filename,
      }),
    );
  }
  const top = attachments.length
    ? multipart("mixed", nextBoundary(), [main, ...attachments])
    : main;

  const domain = m.from.email.slice(m.from.email.lastIndexOf("@") + 1);
  const messageId =
    m.messageId ??
    `${
      m.seed
        ? createHash("sha256").update(`message-id:${m.seed}`).digest("hex").slice(0, 32)
        : randomBytes(16).toString("hex")
    }@${domain}`;

  const headers: [string, string][] = [
    ["From", formatAddress(m.from)],
    ["To", m.to.map(formatAddress).join(", ")],
  ];
  if (m.cc.length) headers.push(["Cc", m.cc.map(formatAddress).join(", ")]);
  if (m.replyTo.length) headers.push(["Reply-To", m.replyTo.map(formatAddress).join(", ")]);
  headers.push(
    ["Subject", unstructured(m.subject)],
    ["Date", formatDate(m.date)],
    ["Message-ID", `<${messageId}>`],
    ["MIME-Version", "1.0"],
  );
  if (m.autoSubmitted) headers.push(["Auto-Submitted", "auto-generated"]);
  if (m.listUnsubscribe) {
    headers.push(["List-Unsubscribe", `<${m.listUnsubscribe.url}>`]);
    if (m.listUnsubscribe.oneClick) {
      headers.push(["List-Unsubscribe-Post", "List-Unsubscribe=One-Click"]);
    }
  }
  for (const [name, value] of Object.entries(m.headers)) headers.push([name, unstructured(value)]);

  return Buffer.from(serialize({ headers: [...headers, ...top.headers], body: top.body }), "utf8");
}
