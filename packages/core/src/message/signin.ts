import { z } from "zod";
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
  lang: Lang.default("id"),
  recipient: z.strictObject({ name: Line(200) }).optional(),
  url: Url,
  validMinutes: z.number().int().min(1).max(1440),
  settingsUrl: Url.optional(),
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
