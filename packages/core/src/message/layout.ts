import type { Lang } from "./format.ts";

/**
 * One description of a mail's content, rendered twice: as plain text and as simple HTML. The
 * text is complete by construction (every fact and every link in full), and the HTML is one
 * column of at most 600 px with inline styles, system fonts and no remote images, so it reads
 * the same in Gmail on a phone and in Outlook on a desk.
 */

export interface Fact {
  label: string;
  value: string;
}

export interface Link {
  label: string;
  url: string;
}

export type Tone = "danger" | "warning" | "info" | "neutral";

export type Block =
  | { type: "paragraph"; text: string; strong?: boolean }
  | { type: "heading"; text: string; tone?: Tone }
  | { type: "facts"; facts: Fact[] }
  | { type: "quote"; label: string; text: string }
  | { type: "actions"; links: Link[] }
  | { type: "item"; title: string; facts: Fact[]; links: Link[]; tone?: Tone };

export interface Footer {
  paragraphs: string[];
  /** The language switch: shown as a link in HTML, label and URL in text. */
  language?: Link;
}

const TONES: Record<Tone, string> = {
  danger: "#b91c1c",
  warning: "#b45309",
  info: "#1d4ed8",
  neutral: "#374151",
};

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Arial,Helvetica,sans-serif;";

// ---------------------------------------------------------------------------------------------
// Text

function underline(text: string): string {
  return "-".repeat(Math.max(3, [...text].length));
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => `${prefix}${l}`)
    .join("\n");
}

export function text(blocks: Block[], footer: Footer): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
        out.push(b.text);
        break;
      case "heading":
        out.push(`${b.text}\n${underline(b.text)}`);
        break;
      case "facts":
        out.push(b.facts.map((f) => `${f.label}: ${f.value}`).join("\n"));
        break;
      case "quote":
        out.push(`${b.label}:\n${indent(b.text, "> ")}`);
        break;
      case "actions":
        out.push(b.links.map((l) => `${l.label}: ${l.url}`).join("\n"));
        break;
      case "item":
        out.push(
          [
            `* ${b.title}`,
            ...b.facts.map((f) => `  ${f.label}: ${f.value}`),
            ...b.links.map((l) => `  ${l.label}: ${l.url}`),
          ].join("\n"),
        );
        break;
    }
  }
  const foot = [...footer.paragraphs];
  if (footer.language) foot.push(`${footer.language.label}: ${footer.language.url}`);
  return `${out.join("\n\n")}\n\n-- \n${foot.join("\n\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// HTML

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Escaped text with line breaks kept. */
function lines(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, "<br>");
}

function button(link: Link, primary: boolean): string {
  // At least 48 px tall (14 + 20 + 14) and inline-block, so buttons wrap on a narrow phone.
  const colours = primary
    ? "background-color:#0b5cad;color:#ffffff;border:2px solid #0b5cad;"
    : "background-color:#ffffff;color:#0b5cad;border:2px solid #0b5cad;";
  return `<a href="${escapeHtml(link.url)}" style="${FONT}display:inline-block;${colours}border-radius:6px;padding:12px 20px;margin:4px 8px 4px 0;font-size:16px;line-height:20px;font-weight:bold;text-decoration:none;">${escapeHtml(link.label)}</a>`;
}

function buttons(links: Link[]): string {
  return `<p style="margin:8px 0 0;">${links.map((l, i) => button(l, i === 0)).join("")}</p>`;
}

function facts(list: Fact[], size = 16): string {
  return list
    .map(
      (f) =>
        `<p style="margin:0 0 4px;font-size:${size}px;line-height:1.45;"><span style="color:#4b5563;">${escapeHtml(f.label)}:</span> <strong>${lines(f.value)}</strong></p>`,
    )
    .join("");
}

function block(b: Block): string {
  switch (b.type) {
    case "paragraph":
      return `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;">${b.strong ? `<strong>${lines(b.text)}</strong>` : lines(b.text)}</p>`;
    case "heading":
      return `<h2 style="margin:24px 0 8px;font-size:18px;line-height:1.3;color:${TONES[b.tone ?? "neutral"]};">${escapeHtml(b.text)}</h2>`;
    case "facts":
      return `<div style="margin:0 0 16px;">${facts(b.facts)}</div>`;
    case "quote":
      return `<p style="margin:0 0 4px;font-size:16px;color:#4b5563;">${escapeHtml(b.label)}:</p><blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #d1d5db;background-color:#f9fafb;font-size:16px;line-height:1.5;">${lines(b.text)}</blockquote>`;
    case "actions":
      return `<div style="margin:0 0 16px;">${buttons(b.links)}</div>`;
    case "item":
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 12px;border:1px solid #e5e7eb;border-left:4px solid ${TONES[b.tone ?? "neutral"]};border-radius:6px;"><tr><td style="padding:12px 14px;${FONT}color:#111827;"><p style="margin:0 0 6px;font-size:17px;line-height:1.35;font-weight:bold;">${escapeHtml(b.title)}</p>${facts(b.facts, 15)}${b.links.length ? buttons(b.links) : ""}</td></tr></table>`;
  }
}

export function html(
  blocks: Block[],
  footer: Footer,
  meta: { lang: Lang; title: string; preheader: string },
): string {
  const foot = footer.paragraphs
    .map((p) => `<p style="margin:0 0 8px;">${lines(p)}</p>`)
    .concat(
      footer.language
        ? [
            `<p style="margin:0 0 8px;"><a href="${escapeHtml(footer.language.url)}" style="color:#0b5cad;">${escapeHtml(footer.language.label)}</a></p>`,
          ]
        : [],
    )
    .join("");
  return [
    "<!DOCTYPE html>",
    `<html lang="${meta.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(meta.title)}</title>`,
    "</head>",
    `<body style="margin:0;padding:0;background-color:#f3f4f6;">`,
    // The preview line mail apps show beside the subject.
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(meta.preheader)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;"><tr><td align="center" style="padding:16px 8px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border-radius:8px;"><tr><td style="padding:24px 20px;${FONT}font-size:16px;line-height:1.5;color:#111827;">`,
    blocks.map(block).join("\n"),
    "</td></tr></table>",
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;"><tr><td style="padding:16px 20px;${FONT}font-size:13px;line-height:1.5;color:#6b7280;">${foot}</td></tr></table>`,
    "</td></tr></table>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
