import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSendEvent } from "../ledger/event.ts";
import { parseFeedback } from "../suppression/feedback.ts";
import * as z from "../util/zod.ts";

/**
 * The hand-written guards replaced zod schemas so that the SES feedback Lambda loads no zod
 * (issue 12). The schemas they replaced are kept here, verbatim, as the oracle: for every
 * payload the guard accepts exactly what the schema accepted.
 */
const SendEventSchema = z.object({
  eventType: z.literal("Send"),
  mail: z.object({
    messageId: z.string().check(z.minLength(1)),
    timestamp: z.string().check(z.iso.datetime({ offset: true })),
    tags: z.optional(z.record(z.string(), z.array(z.string()))),
    headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
  }),
});

const FeedbackSchema = z.object({
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

const mail = {
  messageId: "0100018c-msg",
  timestamp: "2027-03-01T01:00:00.000Z",
  tags: { ledger: ["sambas_srem_ca"], "ses:operation": ["SendRawEmail"] },
  headers: [{ name: "X-Tenggat-Ledger", value: "sambas/rem:a" }],
  source: "tenggat@sambas.example",
};
const sendCases: unknown[] = [
  { eventType: "Send", mail },
  { eventType: "Send", mail: { messageId: "m", timestamp: "2027-03-01T08:00:00+07:00" } },
  { eventType: "Send", mail: { messageId: "m", timestamp: "2028-02-29T23:59:59Z" } },
  { eventType: "Send", mail: { messageId: "m", timestamp: "2027-02-29T23:59:59Z" } },
  { eventType: "Send", mail: { messageId: "m", timestamp: "2027-03-01T01:00Z" } },
  { eventType: "Send", mail: { messageId: "m", timestamp: "2027-03-01T01:00:00" } },
  { eventType: "Send", mail: { messageId: "m", timestamp: "2027-03-01T24:00:00Z" } },
  { eventType: "Send", mail: { messageId: "m", timestamp: "2027-03-01 01:00:00Z" } },
  { eventType: "Send", mail: { messageId: "", timestamp: mail.timestamp } },
  { eventType: "Send", mail: { ...mail, tags: { ledger: "sambas_srem_ca" } } },
  { eventType: "Send", mail: { ...mail, tags: [] } },
  { eventType: "Send", mail: { ...mail, headers: [{ name: "a" }] } },
  { eventType: "Send", mail: { ...mail, headers: null } },
  { eventType: "Send", mail: { ...mail, tags: undefined, headers: undefined } },
  { eventType: "Send", mail: [] },
  { eventType: "Send" },
  { eventType: "Delivery", mail },
  { eventType: "send", mail },
  null,
  "Send",
  [],
];

const bounce = {
  bounceType: "Permanent",
  bounceSubType: "General",
  bouncedRecipients: [{ emailAddress: "a@example.org", status: "5.1.1" }],
  timestamp: "2026-11-30T01:02:03.000Z",
};
const complaint = { complainedRecipients: [{ emailAddress: "b@example.org" }] };
const feedbackCases: unknown[] = [
  { eventType: "Bounce", bounce, mail },
  { notificationType: "Complaint", complaint },
  { eventType: "Delivery", mail, delivery: { recipients: ["a@example.org"] } },
  {},
  { eventType: 1 },
  { notificationType: null },
  { eventType: "Bounce", bounce: { ...bounce, bounceType: undefined } },
  { eventType: "Bounce", bounce: { ...bounce, bouncedRecipients: "a@example.org" } },
  { eventType: "Bounce", bounce: { ...bounce, bouncedRecipients: [{ emailAddress: 3 }] } },
  { eventType: "Bounce", bounce: { ...bounce, bounceSubType: null } },
  { eventType: "Bounce", bounce: [] },
  { eventType: "Complaint", complaint: { ...complaint, complaintFeedbackType: 2 } },
  { eventType: "Complaint", complaint: { complainedRecipients: [null] } },
  { eventType: "Complaint", complaint: { ...complaint, timestamp: false } },
  [],
  null,
  "Bounce",
];

const accepts = (parse: () => unknown): boolean => {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
};

describe("SES event guards without zod", () => {
  it("accept exactly the Send events the zod schema accepted", () => {
    for (const payload of sendCases) {
      expect([payload, isSendEvent(payload)]).toEqual([
        payload,
        SendEventSchema.safeParse(payload).success,
      ]);
    }
    expect(sendCases.filter((p) => isSendEvent(p))).toHaveLength(4);
  });

  it("accept exactly the notifications the zod schema accepted, and name the field refused", () => {
    for (const payload of feedbackCases) {
      expect([payload, accepts(() => parseFeedback(payload))]).toEqual([
        payload,
        FeedbackSchema.safeParse(payload).success,
      ]);
    }
    expect(() =>
      parseFeedback({ eventType: "Bounce", bounce: { ...bounce, bouncedRecipients: [{}] } }),
    ).toThrow("bounce.bouncedRecipients.0.emailAddress");
    expect(parseFeedback(feedbackCases[0])).toBe(feedbackCases[0]);
  });

  it("agree with the schemas on generated payloads", () => {
    const text = fc.oneof(fc.string(), fc.constantFrom("Send", "Bounce", "2027-03-01T01:00:00Z"));
    const value = fc.oneof(text, fc.constant(undefined), fc.constant(null), fc.integer());
    const list = (of: fc.Arbitrary<unknown>) => fc.oneof(fc.array(of, { maxLength: 3 }), value);
    const record = fc.record(
      {
        messageId: value,
        timestamp: value,
        tags: fc.oneof(fc.dictionary(fc.string(), list(text)), value),
        headers: list(fc.record({ name: value, value: value }, { requiredKeys: [] })),
        emailAddress: value,
        bounceType: value,
        bouncedRecipients: list(fc.record({ emailAddress: value }, { requiredKeys: [] })),
        complainedRecipients: list(fc.record({ emailAddress: value })),
      },
      { requiredKeys: [] },
    );
    const payload = fc.record(
      {
        eventType: fc.oneof(value, fc.constantFrom("Send", "Bounce", "Complaint")),
        notificationType: value,
        mail: fc.oneof(record, value),
        bounce: fc.oneof(record, value),
        complaint: fc.oneof(record, value),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(payload, (p) => {
        expect(isSendEvent(p)).toBe(SendEventSchema.safeParse(p).success);
        expect(accepts(() => parseFeedback(p))).toBe(FeedbackSchema.safeParse(p).success);
      }),
      { numRuns: 2000 },
    );
  });
});
