import { Feedback } from "@tenggat/core/feedback";
import { Observe } from "@tenggat/core/observe";

interface SnsEvent {
  Records: { Sns: { Message: string; Timestamp?: string } }[];
}

/**
 * SES events of the configuration set, via SNS: a Send event marks its mail's ledger entry sent
 * (the confirmation that makes a crash after SES accepted a mail cost no duplicate); bounces and
 * complaints suppress addresses. Every record is idempotent, so SNS may deliver it again.
 */
export async function handler(event: SnsEvent, context?: { awsRequestId?: string }) {
  return Observe.withRequest(context, async () => {
    try {
      const suppressed: string[] = [];
      let confirmed = 0;
      for (const record of event.Records) {
        const at = record.Sns.Timestamp ? new Date(record.Sns.Timestamp) : new Date();
        const message: unknown = JSON.parse(record.Sns.Message);
        const applied = await Feedback.apply(message, at);
        if (applied.confirmed) confirmed++;
        suppressed.push(...applied.suppressed);
      }
      Observe.count("MailsSuppressed", suppressed.length);
      Observe.log.info("ses feedback", {
        handler: "ses-feedback",
        records: event.Records.length,
        confirmed,
        suppressed: suppressed.length,
      });
      return { suppressed, confirmed };
    } finally {
      await Observe.flush();
    }
  });
}
