import { Observe } from "@tenggat/core/observe";
import { Suppression } from "@tenggat/core/suppression";

interface SnsEvent {
  Records: { Sns: { Message: string; Timestamp?: string } }[];
}

/** SES bounce and complaint events (configuration-set event publishing, via SNS). */
export async function handler(event: SnsEvent, context?: { awsRequestId?: string }) {
  return Observe.withRequest(context, async () => {
    try {
      const suppressed: string[] = [];
      for (const record of event.Records) {
        const at = record.Sns.Timestamp ? new Date(record.Sns.Timestamp) : new Date();
        suppressed.push(...(await Suppression.apply(JSON.parse(record.Sns.Message), at)));
      }
      Observe.count("MailsSuppressed", suppressed.length);
      Observe.log.info("ses feedback", {
        handler: "ses-feedback",
        records: event.Records.length,
        suppressed: suppressed.length,
      });
      return { suppressed };
    } finally {
      Observe.flush();
    }
  });
}
