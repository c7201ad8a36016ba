/**
 * A person's digest as the daily job composes it: the order, the limits and the templates. The
 * job (`digestFor`) claims and sends what this returns; the preview (`preview.ts`) shows it and
 * writes nothing. One function, so the preview cannot drift from what is mailed.
 */
import { Actor } from "../actor/index.ts";
import type { Directory } from "../directory/index.ts";
import { Ledger } from "../ledger/index.ts";
import { Message } from "../message/index.ts";
import { Notify } from "../notify/index.ts";
import { type Context, type Item, MAX_DIGEST_ITEMS } from "./index.ts";

export interface DigestMail {
  /** The items the mail carries, most urgent first (what does not fit waits: `deferred`). */
  items: Item[];
  rendered: Message.Rendered;
  raw: Buffer;
  /** Items left for the next digest (over `MAX_DIGEST_ITEMS` or the ledger's size). */
  deferred: number;
}

const ORDER = { overdue: 0, due: 1, escalation: 2, reminder: 3 } as const;

/** Composes `person`'s digest of `records` for `today` (notification id `id`); writes nothing. */
export async function digestMail(
  ctx: Context,
  today: string,
  person: Directory.Person,
  records: readonly Item[],
  id: string,
): Promise<DigestMail> {
  const now = Actor.now();
  let rest = [...records].sort(
    (a, b) => ORDER[a.stage] - ORDER[b.stage] || a.due.localeCompare(b.due),
  );
  // The template lists at most 20 offices as the reason for the mail, by their titles.
  const offices = [...new Set(rest.flatMap((r) => r.offices))].slice(0, 20);
  // Titled from the organisation the run has read already (`Notify.officeNames` reads each).
  const officeNames = offices.map((code) => {
    const o = ctx.org.office(code);
    return o ? { id: o.title, en: o.titleEn } : code;
  });
  const build = (items: readonly Item[]) => {
    const rendered = Message.render({
      kind: "digest",
      lang: person.language,
      recipient: { name: person.name },
      offices: officeNames,
      settingsUrl: Notify.settingsUrl(ctx.tenant),
      overviewUrl: Notify.overviewUrl(ctx.tenant, offices),
      today,
      items: items.map((r) => ({
        stage: r.stage,
        title: r.title,
        unit: r.unitName,
        ...(r.responsible ? { responsible: r.responsible } : {}),
        due: r.due,
        article: r.article,
        ...(r.basis ? { basis: r.basis } : {}),
        openUrl: Notify.entityUrl(ctx.tenant, "obligation", r.instance),
        ackUrl: Notify.ackUrl(ctx.tenant, r.id, person.id, now),
      })),
    });
    const raw = Message.compose(rendered, {
      from: Notify.from(person.language),
      to: [{ name: person.name, email: person.email }],
      date: now,
      notificationId: id,
    });
    return { rendered, raw };
  };
  // What does not fit (the template's count, or the size the ledger can keep) waits for the
  // next digest: the run then does not count as complete, so the next one plans it again.
  const all = rest.length;
  rest = rest.slice(0, MAX_DIGEST_ITEMS);
  let mail = build(rest);
  while (!Ledger.fits(mail.raw) && rest.length > 1) {
    rest = rest.slice(0, Math.ceil(rest.length * 0.75));
    mail = build(rest);
  }
  return { items: rest, rendered: mail.rendered, raw: mail.raw, deferred: all - rest.length };
}
