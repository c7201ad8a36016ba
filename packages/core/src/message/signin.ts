import * as z from "../util/zod.ts";
import {
  assemble,
  footer,
  greeting,
  Lang,
  Line,
  type Out,
  type Rendered,
  subject,
  Url,
  words,
} from "./common.ts";
import type * as Layout from "./layout.ts";

/** The sign-in link. */

export const SignInLink = z.strictObject({
  kind: z.literal("sign-in-link"),
  lang: z._default(Lang, "id"),
  recipient: z.optional(z.strictObject({ name: Line(200) })),
  url: Url,
  validMinutes: z.int().check(z.minimum(1), z.maximum(1440)),
  settingsUrl: z.optional(Url),
});

export function signInLink(i: Out<typeof SignInLink>): Rendered {
  const { lang } = i;
  const w = words(lang).signIn;
  const lead = w.lead(i.validMinutes);
  const blocks: Layout.Block[] = [
    greeting(lang, i.recipient?.name),
    { type: "paragraph", text: lead },
    { type: "actions", links: [{ label: w.button, url: i.url }] },
    { type: "paragraph", text: w.ignore },
  ];
  return assemble(
    lang,
    subject(lang, w.subject(i.validMinutes)),
    lead,
    blocks,
    footer(lang, "sign-in", [], i.settingsUrl),
  );
}
