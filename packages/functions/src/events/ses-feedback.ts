import { Suppression } from "@tenggat/core/suppression";

interface SnsEvent {
  Records: { Sns: { Message: string; Timestamp?: string } }[];
}

/** SES bounce and complaint events (configuration-set event publishing, via SNS). */
export async function handler(event: SnsEvent) {
  const suppressed: string[] = [];
  for (const record of event.Records) {
    const at = record.Sns.Timestamp ? new Date(record.Sns.Timestamp) : new Date();
    suppressed.push(...(await Suppression.apply(JSON.parse(record.Sns.Message), at)));
  }
  console.log(
    JSON.stringify({
      level: "info",
      handler: "ses-feedback",
      records: event.Records.length,
      suppressed: suppressed.length,
    }),
  );
  return { suppressed };
}
