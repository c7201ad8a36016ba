/**
 * How failures reach a person. Every asynchronous run (the scheduled jobs, the SES feedback
 * handler) is retried; a run that still fails is kept in one dead-letter queue, and a message
 * there raises an alarm that is mailed to the operator (the `AlarmEmail` secret).
 */
import { alarmEmail } from "./secrets.ts";

/** Alarm notifications. The operator confirms the subscription once from the mail AWS sends. */
export const alerts = new sst.aws.SnsTopic("Alerts");

new aws.sns.TopicSubscription("AlertsEmail", {
  topic: alerts.arn,
  protocol: "email",
  endpoint: alarmEmail.value,
});

/**
 * Failed runs, with their event and error, kept 14 days (SQS's maximum) for the operator to read
 * and redrive. Two kinds arrive here: a Lambda invocation that failed all its retries (Lambda's
 * on-failure destination) and a schedule EventBridge Scheduler could not deliver.
 */
export const deadLetters = new sst.aws.Queue("DeadLetters", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 60 * 60 } },
});

/**
 * Function arguments for a function invoked asynchronously (by EventBridge Scheduler or SNS):
 * Lambda retries a failed run twice (about 1 and 2 minutes later), then sends the event with its
 * error to the dead-letter queue.
 */
export const retryThenDeadLetter = {
  retries: 2,
  permissions: [{ actions: ["sqs:SendMessage"], resources: [deadLetters.arn] }],
  transform: {
    eventInvokeConfig: {
      destinationConfig: { onFailure: { destination: deadLetters.arn } },
    },
  },
};

new aws.cloudwatch.MetricAlarm("DeadLettersAlarm", {
  alarmDescription: $interpolate`Tenggat (${$app.stage}): a job or event handler failed all its retries. Read the failed event and its error in the SQS queue ${deadLetters.url} (console: SQS > Send and receive messages), fix the cause, then redrive or purge the queue so the next failure raises this alarm again.`,
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: deadLetters.nodes.queue.name },
  statistic: "Maximum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
  alarmActions: [alerts.arn],
});

/**
 * SES reviews an account whose bounce rate reaches 5 % or complaint rate 0.1 %, and may pause its
 * sending; these warn before that. Account-wide metrics, published by SES without setup.
 */
const reputation = [
  { name: "BounceRate", metric: "Reputation.BounceRate", threshold: 0.04 },
  { name: "ComplaintRate", metric: "Reputation.ComplaintRate", threshold: 0.0008 },
];
for (const { name, metric, threshold } of reputation) {
  new aws.cloudwatch.MetricAlarm(`Ses${name}Alarm`, {
    alarmDescription: `Tenggat (${$app.stage}): SES ${metric} is above ${threshold * 100} %. Look for invalid addresses in the task force's directory (bounces) or unwanted mail (complaints) before SES pauses sending.`,
    namespace: "AWS/SES",
    metricName: metric,
    statistic: "Maximum",
    period: 3600,
    evaluationPeriods: 1,
    threshold,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    alarmActions: [alerts.arn],
  });
}

/**
 * What the functions count (`@tenggat/core/observe`, EMF in the logs, namespace `Tenggat`):
 * a mail SES refused for good, a task force whose daily run failed (it is retried; the
 * operator hears of it at once, and again from the dead-letter queue if it keeps failing), and a
 * package whose upward delivery failed for good (issue 10).
 */
const counted = [
  {
    name: "MailsFailed",
    what: "a mail was refused by SES for good (an event mail, an invitation or a digest). Read the function logs for `MailsFailed` and the ledger entry's error",
  },
  {
    name: "TaskForcesFailed",
    what: "a task force's daily run failed. Its log line at level ERROR (message `task force run failed`) names the task force and the error",
  },
  {
    name: "DeliveriesUpwardFailed",
    what: "a submission package could not be delivered upward for good (a permanent 4xx from the upstream, or 7 days of retries). Its log line at level ERROR (message `deliveries failed`) names the task force, package, upstream and last error; GET /v1/submissions/{id} shows it too",
  },
];
for (const { name, what } of counted) {
  new aws.cloudwatch.MetricAlarm(`${name}Alarm`, {
    alarmDescription: $interpolate`Tenggat (${$app.stage}): ${what}.`,
    namespace: "Tenggat",
    metricName: name,
    dimensions: { service: "tenggat" },
    statistic: "Sum",
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    alarmActions: [alerts.arn],
  });
}
