export * as Privacy from "./index.ts";

import { VisibleError } from "../error/index.ts";
import * as z from "../util/zod.ts";

/**
 * The one free-text guard (UU 21/2007 Pasal 44: a victim's identity is confidential; UU 27/2022
 * on personal data). Every area builds its stored free-text fields with `Privacy.text(max)`, so
 * a route refuses, with 400 `privacy.identity_number` naming the field, any text that carries:
 *
 * - a **16-digit identity number** (NIK, or a family card number, KK): sixteen digits in one
 *   group, or whole groups totalling sixteen whose digits could be a NIK/KK (region code ≥ 11,
 *   day 01–31 or 41–71, month 01–12 — so a list of four years is not mistaken for one);
 * - an **Indonesian mobile number**: `+62`/`62`/`0`, then `8` and 8–11 more digits (10–13 digits
 *   with the leading 0), however grouped;
 * - an **Indonesian passport number**: one letter and seven digits (`A1234567`, `X 1234567`).
 *
 * Before looking, the text is normalised (for detection only; what is stored is the trimmed
 * text): Unicode NFKC (full-width and mathematical digits become ASCII), every decimal digit
 * system (`\p{Nd}`: Arabic-Indic, Devanagari, Thai, …) becomes ASCII, format characters
 * (zero-width spaces and joiners, bidi controls, soft hyphens: `\p{Cf}`) are removed. A *digit
 * run* is a sequence of groups joined by separators (spaces of any kind and length, `.` `,` `-`
 * `_` `:` `/` `+` `(` `)` `'`, at most eight in a row); a group is made of digits and the
 * look-alike letters `O o D Q`→0, `I l | i L`→1, `Z z`→2, `E`→3, `A`→4, `S s`→5, `G b`→6,
 * `T`→7, `B`→8, `g q`→9, and counts only if at least half of the run's characters are real
 * digits (so "Sambas", "SOS" or "BIS" never count: a group must sit in a run of mostly digits).
 *
 * Not caught, by design or by limit (`SECURITY.md`): names and addresses (no pattern can find
 * them reliably: `highlight` shows likely ones to a publisher, who must confirm), numbers
 * spelled out in words, landline numbers (an office's number is public), a NIK split across
 * words, and amounts written with thousands separators that happen to start `62 8…`.
 */

export type Kind = "nik" | "phone" | "passport";

export const CODE = "privacy.identity_number";

export const MESSAGES: Record<Kind, string> = {
  nik: "looks like an identity number (NIK or KK, 16 digits); never write anyone's identity here (victim privacy, UU 21/2007 Pasal 44; UU 27/2022)",
  phone:
    "looks like a mobile phone number; never write anyone's contact details here (victim privacy, UU 21/2007 Pasal 44; UU 27/2022)",
  passport:
    "looks like a passport number; never write anyone's identity here (victim privacy, UU 21/2007 Pasal 44; UU 27/2022)",
};

/** What a finding is and where in the normalised text. */
export interface Finding {
  kind: Kind;
  /** The digits found, as normalised (for tests and logs: never log a real finding). */
  digits: string;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const ND = /\p{Nd}/u;
const zeroCache = new Map<number, number>();

/** The value of a decimal digit of any script: its distance from the start of its run of ten. */
function digitValue(cp: number): number {
  let start = zeroCache.get(cp);
  if (start === undefined) {
    start = cp;
    while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
    zeroCache.set(cp, start);
  }
  return (cp - start) % 10;
}

/**
 * Text as the guard reads it: NFKC, every decimal digit as ASCII, format characters (zero-width,
 * bidi controls, soft hyphen) removed.
 */
export function normalise(text: string): string {
  const nfkc = text.normalize("NFKC").replace(/\p{Cf}/gu, "");
  return nfkc.replace(/\p{Nd}/gu, (d) =>
    /[0-9]/.test(d) ? d : String(digitValue(d.codePointAt(0) ?? 48)),
  );
}

/** Letters people use for digits (conservative: only inside a run of mostly real digits). */
const LOOKALIKE: Record<string, string> = {
  O: "0",
  o: "0",
  D: "0",
  Q: "0",
  I: "1",
  i: "1",
  l: "1",
  L: "1",
  "|": "1",
  Z: "2",
  z: "2",
  E: "3",
  A: "4",
  S: "5",
  s: "5",
  G: "6",
  b: "6",
  T: "7",
  B: "8",
  g: "9",
  q: "9",
};

const DIGITISH = "0-9OoDQIilL|ZzEASsGbTBgq";
const SEPARATORS = "\\s.,\\-_:/+()'·•";
/** Groups of digits and look-alikes joined by at most eight separators in a row. */
const REGION = new RegExp(`[${DIGITISH}]+(?:[${SEPARATORS}]{1,8}[${DIGITISH}]+)*`, "gu");
const SPLIT = new RegExp(`([${SEPARATORS}]{1,8})`, "u");
const LETTER = /\p{L}/u;

interface Run {
  groups: string[];
  /** The separators between groups (`seps[i]` sits between `groups[i]` and `groups[i+1]`). */
  seps: string[];
  /** Whether a `+` came right before the first group. */
  plus: boolean;
}

/** The digit runs of normalised text, look-alike letters mapped to digits. */
function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const match of text.matchAll(REGION)) {
    const region = match[0];
    // Cheap test first: no identity number has fewer than five real digits.
    if (region.replace(/[^0-9]/g, "").length < 5) continue;
    const at = match.index ?? 0;
    const parts = region.split(SPLIT);
    let groups = parts.filter((_, i) => i % 2 === 0);
    let seps = parts.filter((_, i) => i % 2 === 1);
    // A group of look-alike letters glued to a word ("Sambas") is that word, not digits.
    if (LETTER.test(text[at - 1] ?? "") && !/[0-9]/.test(groups[0] ?? "")) {
      groups = groups.slice(1);
      seps = seps.slice(1);
    }
    const next = text[at + region.length] ?? "";
    if (LETTER.test(next) && !/[0-9]/.test(groups.at(-1) ?? "0")) {
      groups = groups.slice(0, -1);
      seps = seps.slice(0, -1);
    }
    const raw = groups.join("");
    const real = raw.replace(/[^0-9]/g, "").length;
    if (real === 0 || real * 2 < raw.length) continue;
    out.push({
      groups: groups.map((g) => g.replace(/[^0-9]/g, (c) => LOOKALIKE[c] ?? c)),
      seps,
      plus: /\+\s*$/.test(text.slice(Math.max(0, at - 4), at)),
    });
  }
  return out;
}

function plausibleNik(digits: string): boolean {
  const region = Number(digits.slice(0, 2));
  const day = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  return region >= 11 && dayOk && month >= 1 && month <= 12;
}

const PHONE = /^(?:62|0)8\d{8,11}$/;

/** An amount such as `62.850.000.000`: groups of three after the first, one `.`/`,` between. */
function thousands(run: Run, from: number, to: number): boolean {
  if (run.plus && from === 0) return false;
  if ((run.groups[from] ?? "").length > 3 || (run.groups[from] ?? "").startsWith("0")) return false;
  for (let k = from + 1; k <= to; k++) {
    if ((run.groups[k] ?? "").length !== 3) return false;
    if (!/^[.,]$/.test(run.seps[k - 1] ?? "")) return false;
  }
  return to > from;
}

const TIME = /(?<![\d:.])\d{1,2}[:.][0-5]\d(?![\d]|[:.]\d)/g;

const PASSPORT =
  /(?<![\p{L}\p{N}])\p{L}[\s.\-_:]?(?:\d[\s.\-_:]?){6}\d(?![\p{N}])(?![\s.\-_:]?\d)/u;

/** The first identity number `text` carries, if any. */
export function find(text: string): Finding | undefined {
  const norm = normalise(text);
  // A clock time (`08:00`, `13.30`) ends a run, so "08:00 - 10:00, 13:00" is not a phone number.
  const untimed = norm.replace(TIME, " ; ");
  for (const run of runs(untimed)) {
    const { groups } = run;
    // Sixteen digits in one group always count; a longer number (an account, a reference) does not.
    for (const g of groups) if (g.length === 16) return { kind: "nik", digits: g };
    // A NIK written in groups first: its first digits may also read as a phone number
    // (`6280 0001 0100 0001` starts like +62 8…), and sixteen digits are no Indonesian phone.
    for (let i = 0; i < groups.length; i++) {
      let digits = "";
      for (let j = i; j < groups.length && digits.length < 16; j++) {
        digits += groups[j];
        if (digits.length === 16 && plausibleNik(digits)) return { kind: "nik", digits };
      }
    }
    for (let i = 0; i < groups.length; i++) {
      let digits = "";
      for (let j = i; j < groups.length && digits.length <= 16; j++) {
        digits += groups[j];
        if (PHONE.test(digits) && !thousands(run, i, j)) {
          // A longer match may follow (13 digits): the shortest is enough to refuse.
          return { kind: "phone", digits };
        }
      }
    }
  }
  const passport = norm.match(PASSPORT);
  if (passport) return { kind: "passport", digits: passport[0].replace(/[^\p{L}\d]/gu, "") };
  return undefined;
}

/** Whether `text` carries something that looks like an identity number (`find`). */
export function carriesIdentity(text: string): boolean {
  return find(text) !== undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * Free text an area stores: trimmed, at most `max` characters (at least `min`), no control
 * characters other than tab and newline, and no identity number (`find`). A finding is a zod
 * issue whose `params.code` is `privacy.identity_number`, so the edge answers 400 with that
 * code and the field's path.
 */
export const text = (max: number, min = 0) =>
  z.string().check(
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
    z.superRefine((s, ctx) => {
      if (CONTROL.test(s)) {
        ctx.addIssue({ code: "custom", message: "contains control characters" });
        return;
      }
      const found = find(s);
      if (found) {
        ctx.addIssue({ code: "custom", message: MESSAGES[found.kind], params: { code: CODE } });
      }
    }),
  );

/** Whether a zod issue is the guard's (so error mappers give it `privacy.identity_number`). */
export function isFinding(issue: { code: string; params?: unknown; message?: string }): boolean {
  const params = issue.params as { code?: unknown } | undefined;
  return params?.code === CODE || Object.values(MESSAGES).includes((issue.message ?? "") as string);
}

/** Throws 400 `privacy.identity_number` for `path` when `value` carries an identity number. */
export function assertClean(path: string, value: string): void {
  const found = find(value);
  if (found) {
    const message = MESSAGES[found.kind];
    throw new VisibleError("input", CODE, `${path}: ${message}`, [{ path, message }]);
  }
}
