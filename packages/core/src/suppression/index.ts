export * as Suppression from "./index.ts";

import { Dynamo, Key } from "../dynamo/index.ts";
import * as z from "../util/zod.ts";

export { apply, type Feedback, parseFeedback } from "./feedback.ts";

/**
 * Bounces and complaints, recorded per e-mail address. A hard bounce or a complaint suppresses
 * the address: Tenggat mails it no more, and what it would have received goes to the office's
 * deputy or the secretariat instead (see `Notify`). Soft (transient) bounces are counted only.
 */

export const State = z.object({
  email: z.string(),
  suppressed: z.boolean(),
  reason: z.optional(z.string()),
  bounces: z._default(z.int(), 0),
  complaints: z._default(z.int(), 0),
  lastEventAt: z.optional(z.string()),
});
export type State = z.infer<typeof State>;

export async function state(email: string): Promise<State | undefined> {
  const k = Key.address(email);
  const item = await Dynamo.get(k.pk, k.sk);
  return item ? State.parse(Dynamo.strip(item)) : undefined;
}

export async function isSuppressed(email: string): Promise<boolean> {
  return (await state(email))?.suppressed === true;
}

/**
 * Of these addresses, the suppressed ones (lower case): one BatchGetItem per 100 addresses, for
 * a job that mails many people at once.
 */
export async function suppressedAmong(emails: readonly string[]): Promise<Set<string>> {
  const items = await Dynamo.getMany(emails.map((e) => Key.address(e)));
  const out = new Set<string>();
  for (const item of items) {
    const s = State.parse(Dynamo.strip(item));
    if (s.suppressed) out.add(s.email.toLowerCase());
  }
  return out;
}

/** Lifts a suppression (the secretariat confirmed the address works again). */
export async function lift(email: string): Promise<void> {
  const k = Key.address(email);
  await Dynamo.update({
    ...k,
    expression: "SET suppressed = :false REMOVE reason",
    condition: "attribute_exists(pk)",
    values: { ":false": false },
  }).catch((error) => {
    if (!(error instanceof Error && error.name === "ConditionFailed")) throw error;
  });
}
