/**
 * Sending mail through SES, and hearing back when it bounces or is marked as spam.
 *
 * The SES identity is a whole domain in production (DKIM, so mail is not junked), which makes the
 * component's own `sender` a domain name. Code needs a From address, so what functions link as
 * `Email` is a small Linkable carrying the address and the configuration set, with the permission
 * to send through them; the SES component itself is `Mail`.
 */
import { retryThenDeadLetter } from "./alarms.ts";
import { HANDLERS, LOGGING, NODEJS, RUNTIME } from "./lambda.ts";
import { dns, settings } from "./stage.ts";
import { table } from "./storage.ts";

/**
 * SES publishes the configuration set's Send, bounce and complaint events here. A Send event for
 * every mail SES accepts confirms its ledger entry (`Ledger.confirmEvent`): what makes a crash
 * after SES accepted a mail and before the ledger recorded it cost no duplicate.
 */
export const feedback = new sst.aws.SnsTopic("EmailFeedback");

const isDomain = !settings.mailIdentity.includes("@");

export const mail = new sst.aws.Email("Mail", {
  sender: settings.mailIdentity,
  // An address identity takes no DNS records; a domain's DKIM and DMARC records are written by
  // SST (Route 53) or by hand (README "Deploy").
  dns: isDomain ? dns() : false,
  events: [{ name: "Feedback", types: ["send", "bounce", "complaint"], topic: feedback.arn }],
});

const account = aws.getCallerIdentityOutput({}).accountId;
const region = aws.getRegionOutput({}).region;

// SES may publish to the topic only on behalf of this account. (Setting a topic policy replaces
// SNS's default one; the account's own principals keep their access through IAM.)
new aws.sns.TopicPolicy("EmailFeedbackPolicy", {
  arn: feedback.arn,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        principals: [{ type: "Service", identifiers: ["ses.amazonaws.com"] }],
        actions: ["sns:Publish"],
        resources: [feedback.arn],
        conditions: [{ test: "StringEquals", variable: "AWS:SourceAccount", values: [account] }],
      },
    ],
  }).json,
});

/** What functions link: `Resource.Email.sender` (a From address) and `.configSet`. */
export const email = new sst.Linkable("Email", {
  properties: {
    sender: settings.mailFrom,
    configSet: mail.configSet,
  },
  include: [
    sst.aws.permission({
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resources: [
        // Every identity of the account: the sender's, and, while the account is still in the
        // SES sandbox, the verified recipients', which SES authorizes as well.
        $interpolate`arn:aws:ses:${region}:${account}:identity/*`,
        mail.nodes.configurationSet.arn,
      ],
    }),
  ],
});

/**
 * Marks each mail SES accepted as sent in the ledger (Send events), and records bounces and
 * complaints so that nobody keeps mailing an address that does not work. SNS invokes it
 * asynchronously: failures are retried, then dead-lettered (infra/alarms.ts).
 */
export const sesFeedback = new sst.aws.Function("SesFeedback", {
  handler: HANDLERS.sesFeedback,
  description: "SES send, bounce and complaint events (through SNS)",
  runtime: RUNTIME,
  nodejs: NODEJS,
  logging: LOGGING,
  memory: "256 MB",
  timeout: "30 seconds",
  link: [table, email],
  ...retryThenDeadLetter,
});

feedback.subscribe("SesFeedbackSubscription", sesFeedback.arn);
