import * as z from "../util/zod.ts";
import * as Format from "./format.ts";
import { type Catalogue, catalogue } from "./i18n/index.ts";
import * as Labels from "./labels.ts";
import * as Layout from "./layout.ts";

/** What every template shares: input pieces, words, the footer and the assembly of a mail. */

export const Lang = z.enum(["id", "en"]);
export type Lang = z.infer<typeof Lang>;

/** One line of text: whitespace (line breaks included) collapses to single spaces. */
export const Line = (max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(max)),
      z.transform((s) => s.replace(/\s+/g, " ").trim()),
    ),
    z.string().check(z.minLength(1)),
  );

/** Text of several lines, as written (agenda, comments, descriptions). */
export const Body = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** Text in one language, or in both (`{ id, en }`, as units and offices are kept). */
export const Localized = z.union([Line(300), z.strictObject({ id: Line(300), en: Line(300) })]);
export type Localized = z.input<typeof Localized>;
export type LocalizedOut = z.output<typeof Localized>;

export function pick(text: LocalizedOut, lang: Lang): string {
  return typeof text === "string" ? text : text[lang];
}

const OFFICE_CODE = /^[a-z0-9-]+\.[a-z0-9-]+(\.[a-z0-9-]+)?$/;
const UNIT_CODE = /^(gt|sgt-[a-e]|satgas-(kec|desa)-[a-z0-9-]+)$/;

/** An office as a person reads it: a code that slipped through becomes its title. */
export function office(text: LocalizedOut, lang: Lang): string {
  const s = pick(text, lang);
  return OFFICE_CODE.test(s) ? Labels.office(s, lang) : s;
}

/** A unit as a person reads it: a code that slipped through becomes its name. */
export function unit(text: LocalizedOut, lang: Lang): string {
  const s = pick(text, lang);
  return UNIT_CODE.test(s) ? Labels.unit(s, lang) : s;
}

/** A period as a person reads it ("Semester II 2026"), whether given as an id or as words. */
export function period(text: LocalizedOut, lang: Lang): string {
  const s = pick(text, lang);
  return Labels.isPeriodId(s) ? Labels.period(s, lang) : s;
}

export const Url = z.url({ protocol: /^https?$/ }).check(z.maxLength(2000));

/** The person who acted, when they acted for an office they do not hold ("a.n."). */
export const Actor = z
  .optional(z.strictObject({ name: Line(200), office: z.optional(Localized) }))
  .check(z.describe("Set when someone acts for an office they do not hold: the mail names them"));

export function actor(officeText: LocalizedOut, by: z.output<typeof Actor>, lang: Lang): string {
  return Labels.actor(
    office(officeText, lang),
    lang,
    by ? { name: by.name, office: by.office ? office(by.office, lang) : undefined } : undefined,
  );
}

export const Common = {
  lang: z._default(Lang, "id"),
  recipient: z.strictObject({ name: Line(200) }),
  /** The offices that make this person a recipient; the footer says so. */
  offices: z._default(z.array(Localized).check(z.maxLength(20)), []),
  /** Where the person changes the language of these mails. */
  settingsUrl: Url,
};

export type Out<S extends z.ZodMiniType> = z.output<S>;

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** For meeting mails: the iCalendar object to attach (see `compose`). */
  calendar?: { method: "REQUEST" | "CANCEL"; content: string };
}

export function words(lang: Lang): Catalogue {
  return catalogue(lang);
}

export function subject(lang: Lang, text: string): string {
  return `${catalogue(lang).prefix} ${text}`;
}

/** `Jumat, 19 Februari 2027 (3 hari lagi)`. */
export function dueText(due: string, today: string, lang: Lang): string {
  return catalogue(lang).common.dueWithDistance(
    Format.longDate(due, lang),
    Format.relative(due, today, lang),
  );
}

export function greeting(lang: Lang, name?: string): Layout.Block {
  const c = catalogue(lang).common;
  return { type: "paragraph", text: name ? c.greeting(name) : c.greetingAnonymous };
}

/** The footer of a mail sent because of the offices the recipient holds. */
export function officesFooter(i: {
  lang: Lang;
  offices: LocalizedOut[];
  settingsUrl: string;
}): Layout.Footer {
  return footer(
    i.lang,
    "offices",
    i.offices.map((o) => office(o, i.lang)),
    i.settingsUrl,
  );
}

export function footer(
  lang: Lang,
  reason: "offices" | "sign-in",
  offices: string[],
  settingsUrl: string | undefined,
): Layout.Footer {
  const f = catalogue(lang).footer;
  const why =
    reason === "sign-in" ? f.signIn : offices.length ? f.as(offices.join(", ")) : f.member;
  return {
    paragraphs: [f.who, why, f.noReply],
    ...(settingsUrl ? { language: { label: f.language, url: settingsUrl } } : {}),
  };
}

export function assemble(
  lang: Lang,
  subjectLine: string,
  preheader: string,
  blocks: Layout.Block[],
  foot: Layout.Footer,
  calendar?: Rendered["calendar"],
): Rendered {
  return {
    subject: subjectLine,
    text: Layout.text(blocks, foot),
    html: Layout.html(blocks, foot, { lang, title: subjectLine, preheader }),
    ...(calendar ? { calendar } : {}),
  };
}

/** An event mail: greeting, the lead, what the template adds, its links, the offices footer. */
export function mail(
  i: {
    lang: Lang;
    recipient: { name: string };
    offices: Out<typeof Localized>[];
    settingsUrl: string;
  },
  subjectText: string,
  lead: string,
  middle: Layout.Block[],
  links: Layout.Link[],
): Rendered {
  const blocks: Layout.Block[] = [
    greeting(i.lang, i.recipient.name),
    { type: "paragraph", text: lead },
    ...middle,
    { type: "actions", links },
  ];
  return assemble(i.lang, subject(i.lang, subjectText), lead, blocks, officesFooter(i));
}
