export * as Suppression from "./index.ts";

import { Dynamo, Key } from "../dynamo/index.ts";
import * as z from "../util/zod.ts";

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

/**
 * The SES notification (via SNS) as far as Tenggat reads it. Configuration-set event publishing
 * names the kind `eventType`; identity notifications name it `notificationType`.
 */
export const Feedback = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string() })),
      timestamp: z.optional(z.string()),
    }),
  ),
  complaint: z.optional(
    z.object({
      complainedRecipients: z.array(z.object({ emailAddress: z.string() })),
      complaintFeedbackType: z.optional(z.string()),
      timestamp: z.optional(z.string()),
    }),
  ),
});
export type Feedback = z.infer<typeof Feedback>;

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

async function record(
  email: string,
  field: "bounces" | "complaints",
  suppress: boolean,
  reason: string,
  at: string,
) {
  const k = Key.address(email);
  await Dynamo.update({
    ...k,
    expression: `SET #type = :type, #v = :v, email = :email, lastEventAt = :at, ${
      suppress
        ? "suppressed = :true, reason = :reason"
        : "suppressed = if_not_exists(suppressed, :false)"
    } ADD ${field} :one`,
    names: { "#type": "type", "#v": "v" },
    values: {
      ":type": "address",
      ":v": 1,
      ":email": email.toLowerCase(),
      ":at": at,
      ":one": 1,
      ...(suppress ? { ":true": true, ":reason": reason } : { ":false": false }),
    },
  });
}

/** Applies one SES feedback notification; returns the addresses it suppressed. */
export async function apply(input: unknown, now: Date): Promise<string[]> {
  const feedback = Feedback.parse(input);
  const kind = feedback.eventType ?? feedback.notificationType;
  const suppressed: string[] = [];
  const at = now.toISOString();
  if (kind === "Bounce" && feedback.bounce) {
    const permanent = feedback.bounce.bounceType === "Permanent";
    for (const r of feedback.bounce.bouncedRecipients) {
      await record(
        r.emailAddress,
        "bounces",
        permanent,
        `bounce: ${feedback.bounce.bounceSubType ?? feedback.bounce.bounceType}`,
        at,
      );
      if (permanent) suppressed.push(r.emailAddress.toLowerCase());
    }
  }
  if (kind === "Complaint" && feedback.complaint) {
    for (const r of feedback.complaint.complainedRecipients) {
      await record(
        r.emailAddress,
        "complaints",
        true,
        `complaint: ${feedback.complaint.complaintFeedbackType ?? "abuse"}`,
        at,
      );
      suppressed.push(r.emailAddress.toLowerCase());
    }
  }
  return suppressed;
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
