/**
 * SES bounce and complaint notifications applied to the addresses' delivery state: what the SES
 * feedback Lambda does besides confirming ledger entries. Free of zod (a hand-written guard with
 * the accept/refuse behaviour of the zod schema it replaced), so that Lambda loads none of it
 * (issue 12); `Suppression` re-exports it.
 */
import { Dynamo, Key } from "../dynamo/index.ts";

interface Recipient {
  emailAddress: string;
}

/**
 * The SES notification (via SNS) as far as Tenggat reads it. Configuration-set event publishing
 * names the kind `eventType`; identity notifications name it `notificationType`.
 */
export interface Feedback {
  eventType?: string;
  notificationType?: string;
  bounce?: {
    bounceType: string;
    bounceSubType?: string;
    bouncedRecipients: Recipient[];
    timestamp?: string;
  };
  complaint?: {
    complainedRecipients: Recipient[];
    complaintFeedbackType?: string;
    timestamp?: string;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The notification, or an error naming the first field that is not as SES sends it (other
 * fields are allowed and ignored): the handler then fails and SNS delivers it again.
 */
export function parseFeedback(input: unknown): Feedback {
  const fail = (path: string, expected: string): never => {
    throw new TypeError(`SES feedback: ${path || "the notification"}: expected ${expected}`);
  };
  const optionalString = (o: Record<string, unknown>, key: string, path: string) => {
    if (o[key] !== undefined && typeof o[key] !== "string") fail(`${path}${key}`, "a string");
  };
  const recipients = (o: Record<string, unknown>, key: string, path: string) => {
    const list = o[key];
    if (!Array.isArray(list)) return fail(`${path}${key}`, "an array");
    list.forEach((r, i) => {
      if (!isObject(r) || typeof r.emailAddress !== "string") {
        fail(`${path}${key}.${i}.emailAddress`, "a string");
      }
    });
  };
  if (!isObject(input)) return fail("", "an object");
  optionalString(input, "eventType", "");
  optionalString(input, "notificationType", "");
  const { bounce, complaint } = input;
  if (bounce !== undefined) {
    if (!isObject(bounce)) return fail("bounce", "an object");
    if (typeof bounce.bounceType !== "string") fail("bounce.bounceType", "a string");
    optionalString(bounce, "bounceSubType", "bounce.");
    recipients(bounce, "bouncedRecipients", "bounce.");
    optionalString(bounce, "timestamp", "bounce.");
  }
  if (complaint !== undefined) {
    if (!isObject(complaint)) return fail("complaint", "an object");
    recipients(complaint, "complainedRecipients", "complaint.");
    optionalString(complaint, "complaintFeedbackType", "complaint.");
    optionalString(complaint, "timestamp", "complaint.");
  }
  return input as Feedback;
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
  const feedback = parseFeedback(input);
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
