import { VisibleError } from "../error/index.ts";
import { digest, highlight, type Segment } from "../privacy/highlight.ts";
import { SECTIONS } from "./content.ts";
import type { Info } from "./store.ts";

/**
 * What publishing a report puts before the public, and the check a publisher makes first. The
 * guard refuses identity numbers on input, but names and places cannot be detected reliably:
 * the publisher sees every public text with likely names and places highlighted
 * (`highlight`, privacy/highlight.ts) and confirms by sending back the digest of exactly what they saw. If the
 * text changed since (another revision), publishing is refused: 409 `report.preview_stale`.
 */

/** One public text of a report, by the path of its field. */
export interface PublicText {
  path: string;
  text: string;
}

/** Every free text of a report that publishing makes public, in reading order. */
export function publicTexts(r: Info): PublicText[] {
  const c = r.content;
  const out: PublicText[] = SECTIONS.map((s) => ({ path: `content.${s}`, text: c[s] }));
  c.rad.forEach((row, i) => {
    for (const side of ["process", "result"] as const) {
      const ind = row[side];
      for (const f of ["target", "actual"] as const) {
        const v = ind[f];
        if (typeof v === "string") out.push({ path: `content.rad.${i}.${side}.${f}`, text: v });
      }
      if (ind.note) out.push({ path: `content.rad.${i}.${side}.note`, text: ind.note });
    }
  });
  out.push({ path: "content.narrative", text: c.narrative });
  return out.filter((t) => t.text !== "");
}

/** The digest a publisher confirms: SHA-256 (hex) of the public texts with their paths. */
export function previewDigest(r: Info): string {
  return digest(JSON.stringify(publicTexts(r).map((t) => [t.path, t.text])));
}

export interface Preview {
  id: string;
  version: number;
  /** Send this back as `confirmPreview` to publish exactly this text. */
  confirmPreview: string;
  texts: { path: string; segments: Segment[] }[];
  /** How many segments are highlighted (likely names, places, identity numbers). */
  highlighted: number;
}

export function preview(r: Info): Preview {
  const texts = publicTexts(r).map((t) => ({ path: t.path, segments: highlight(t.text) }));
  const highlighted = texts.reduce((n, t) => n + t.segments.filter((s) => s.highlight).length, 0);
  return { id: r.id, version: r.version, confirmPreview: previewDigest(r), texts, highlighted };
}

/** Refuses to publish text other than the text the publisher previewed. */
export function checkConfirmed(r: Info, confirmPreview: string): void {
  if (previewDigest(r) !== confirmPreview) {
    throw new VisibleError(
      "conflict",
      "report.preview_stale",
      "the report's public text is not the text you previewed; preview it again and confirm",
    );
  }
}
