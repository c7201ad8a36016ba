export * as Feed from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Config } from "../config/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { VisibleError } from "../error/index.ts";
import { Ics } from "../ics/index.ts";
import { Meeting } from "../meeting/index.ts";
import { Message } from "../message/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Token } from "../token/index.ts";

/**
 * A person's calendar feed: every obligation and meeting of the units of the offices they hold,
 * as an iCalendar file a phone calendar subscribes to. The URL carries a signed token (purpose
 * `feed`) with the person's `feedVersion`; rotating it (`Directory.updatePerson`) revokes the old
 * URL. The feed holds titles, dates and places only.
 */

/** Feed URLs do not expire by date (phones keep them for years); they are revoked by rotation. */
const FEED_YEARS = 10;

export function url(
  tenant: string,
  person: Directory.Person,
  now: Date,
): ReturnType<typeof Ics.subscription> {
  const signed = Token.signedUrl(
    Config.publicUrl(),
    "/v1/feed.ics",
    {
      purpose: "feed",
      subject: person.id,
      data: { tf: tenant, fv: person.feedVersion },
      expiresAt: new Date(now.getTime() + FEED_YEARS * 366 * 86_400_000),
    },
    Config.linkSecret(),
  );
  return Ics.subscription(signed);
}

/** Resolves a feed token to its person, refusing a rotated (revoked) one. */
export async function person(
  token: string,
  now: Date,
): Promise<{ tenant: string; person: Directory.Person }> {
  const claims = Token.verify(token, { purpose: "feed", now }, Config.linkSecret());
  const tenant = String(claims.data?.tf ?? "");
  const found = tenant ? await Directory.person(tenant, claims.subject) : undefined;
  // A deactivated person's feed stops too (their access ends with them).
  if (!found || found.deactivatedAt || found.feedVersion !== Number(claims.data?.fv ?? -1)) {
    throw new VisibleError(
      "unauthenticated",
      "feed.revoked",
      "this calendar link was replaced; ask for the new one",
    );
  }
  return { tenant, person: found };
}

/** The iCalendar text of a person's feed on `now`: obligations from a year back to two ahead. */
export async function build(tenant: string, personId: string, now: Date): Promise<string> {
  const today = LocalDate.at(now);
  const offices = await Directory.officesOf(tenant, personId, today);
  const units = [...new Set(offices.map(Directory.officeUnit))];
  const from = LocalDate.addMonths(today, -12);
  const to = LocalDate.addMonths(today, 24);
  const events: Ics.FeedInput["events"] = [];
  const actor = await Directory.person(tenant, personId);
  const lang = actor?.language ?? "id";
  for (const unit of units) {
    const instances = await Obligation.allOfUnit(tenant, unit);
    for (const i of instances) {
      if (i.due < from || i.due > to) continue;
      events.push({
        kind: "deadline",
        uid: `${i.id}@tenggat`,
        date: i.due,
        summary: Message.Labels.titleWithUnit(i.title[lang], Message.Labels.unit(i.unit, lang)),
        description: `${Message.Labels.basis(i.article, lang)}. ${Message.Labels.status(i.status, lang)}.`,
      });
    }
  }
  await Actor.provide(
    { type: "person", tenant, personId, name: actor?.name ?? personId, offices },
    async () => {
      const seen = new Set<string>();
      for (const unit of [...new Set([...units, "gt"])]) {
        let cursor: string | undefined;
        do {
          const page = await Meeting.list({
            unit,
            from,
            to,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          for (const m of page.items) {
            if (seen.has(m.id) || !m.invitees.some((o) => offices.includes(o))) continue;
            seen.add(m.id);
            events.push(Meeting.calendarEvent(m));
          }
          cursor = page.cursor;
        } while (cursor);
      }
    },
    () => now,
  );
  return Ics.feed({ name: "Tenggat — GT PP-TPPO", events, now });
}
