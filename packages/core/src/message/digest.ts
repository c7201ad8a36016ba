import { LocalDate } from "../date/index.ts";
import { Mime } from "../mime/index.ts";
import { Basis, basisLabel } from "../regulation/ids.ts";
import * as z from "../util/zod.ts";
import {
  assemble,
  Common,
  dueText,
  greeting,
  Line,
  Localized,
  type Out,
  office,
  officesFooter,
  pick,
  type Rendered,
  subject,
  Url,
  unit,
  words,
} from "./common.ts";
import * as Format from "./format.ts";
import * as Labels from "./labels.ts";
import type * as Layout from "./layout.ts";

/** The daily digest: what is coming up, due, overdue or escalated, for one person. */

export const Stage = z.enum(["reminder", "due", "overdue", "escalation"]);
export type Stage = z.infer<typeof Stage>;

export const DigestItem = z.strictObject({
  /** `reminder` coming up, `due` today, `overdue`, `escalation`: a unit below is overdue. */
  stage: Stage,
  /** The obligation, e.g. "Laporan semester". */
  title: Localized,
  /** The unit that owes it, e.g. "Sub Gugus Tugas A". */
  unit: Localized,
  /** The office that answers for it, when not the recipient (escalations). */
  responsible: z.optional(Localized),
  due: LocalDate.Schema,
  /** The article the obligation comes from, e.g. "Pasal 19a". */
  article: Line(100),
  /** Its basis (law, action plan, reading, configured), shown beside the article unless law. */
  basis: z.optional(Basis),
  openUrl: Url,
  ackUrl: z.optional(Url),
});
export type DigestItem = z.input<typeof DigestItem>;

export const Digest = z.strictObject({
  kind: z.literal("digest"),
  ...Common,
  today: LocalDate.Schema,
  items: z.array(DigestItem).check(z.minLength(1), z.maxLength(200)),
  /** Where all of them are listed (the dashboard or the home page), for a digest cut short. */
  overviewUrl: z.optional(Url),
});

/**
 * Gmail clips a message whose body passes 102 KB and hides the rest behind "View entire
 * message". A digest whose encoded parts pass this budget lists its most urgent items only and
 * links to the overview page for the rest (the headers and the MIME frame take the remaining
 * few KB).
 */
export const BODY_BUDGET = 96_000;

const STAGE_ORDER: Record<Stage, number> = { overdue: 0, due: 1, escalation: 2, reminder: 3 };
const STAGE_TONE: Record<Stage, Layout.Tone> = {
  overdue: "danger",
  due: "warning",
  escalation: "danger",
  reminder: "info",
};

type Item = Out<typeof DigestItem>;

/** What the encoded text and HTML parts weigh in the message (quoted-printable). */
function weight(r: Rendered): number {
  return Mime.encodeQuotedPrintable(r.text).length + Mime.encodeQuotedPrintable(r.html).length;
}

export function digest(i: Out<typeof Digest>): Rendered {
  const { lang } = i;
  const items = [...i.items].sort(
    (a, b) =>
      STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
      LocalDate.compare(a.due, b.due) ||
      pick(a.title, lang).localeCompare(pick(b.title, lang)),
  );
  let shown = items.length;
  let mail = render(i, items, shown);
  if (weight(mail) <= BODY_BUDGET || !i.overviewUrl) return mail;
  // Too heavy: cut by the average weight of an item, then one at a time until it fits.
  const perItem = weight(mail) / items.length;
  shown = Math.max(1, Math.min(items.length - 1, Math.floor(BODY_BUDGET / perItem)));
  mail = render(i, items, shown);
  while (weight(mail) > BODY_BUDGET && shown > 1) {
    shown--;
    mail = render(i, items, shown);
  }
  return mail;
}

function render(i: Out<typeof Digest>, items: Item[], shown: number): Rendered {
  const { lang } = i;
  const w = words(lang);
  const d = w.digest;
  const first = items[0] as Item;
  const firstName = `${pick(first.title, lang)}, ${unit(first.unit, lang)}`;
  const subjectLine = subject(
    lang,
    `${items.length > 1 ? `${d.count(items.length)}: ` : ""}${firstName} — ${d.subjectStage[first.stage](Format.shortDate(first.due, lang))}`,
  );
  const intro = d.intro(items.length, Format.longDate(i.today, lang));
  const listed = items.slice(0, shown);
  const blocks: Layout.Block[] = [
    greeting(lang, i.recipient.name),
    { type: "paragraph", text: intro },
  ];
  if (shown < items.length && i.overviewUrl) {
    blocks.push(
      { type: "paragraph", text: d.more(shown, items.length), strong: true },
      { type: "actions", links: [{ label: d.overview, url: i.overviewUrl }] },
    );
  }
  for (const stage of Stage.options.slice().sort((a, b) => STAGE_ORDER[a] - STAGE_ORDER[b])) {
    const group = listed.filter((x) => x.stage === stage);
    if (!group.length) continue;
    const total = items.filter((x) => x.stage === stage).length;
    blocks.push({
      type: "heading",
      text: d.heading(d.stage[stage], total),
      tone: STAGE_TONE[stage],
    });
    for (const item of group) {
      const facts: Layout.Fact[] = [
        { label: w.common.unit, value: unit(item.unit, lang) },
        { label: w.common.due, value: dueText(item.due, i.today, lang) },
        {
          label: w.common.basis,
          value:
            item.basis && item.basis !== "law"
              ? `${Labels.basis(item.article, lang)} (${basisLabel(item.basis, lang)})`
              : Labels.basis(item.article, lang),
        },
      ];
      if (item.responsible)
        facts.push({ label: w.common.responsible, value: office(item.responsible, lang) });
      const links: Layout.Link[] = [{ label: w.common.open, url: item.openUrl }];
      if (item.ackUrl) links.push({ label: w.common.ack, url: item.ackUrl });
      blocks.push({
        type: "item",
        title: pick(item.title, lang),
        facts,
        links,
        tone: STAGE_TONE[stage],
      });
    }
  }
  if (listed.some((x) => x.ackUrl)) blocks.push({ type: "paragraph", text: d.ack });
  if (shown < items.length && i.overviewUrl) {
    blocks.push({ type: "actions", links: [{ label: d.overview, url: i.overviewUrl }] });
  }
  return assemble(lang, subjectLine, intro, blocks, officesFooter(i));
}
