/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Tenggat on AWS. One concern per file in infra/; this file only sets the app up and imports
 * them. SST forbids top-level imports here (they would run before its globals exist), hence the
 * imports inside `run()`.
 */
export default $config({
  app(input) {
    const production = input?.stage === "production";
    return {
      name: "tenggat",
      home: "aws",
      // Production keeps its resources when removed and refuses `sst remove` altogether.
      removal: production ? "retain" : "remove",
      protect: production,
      // Asia Pacific (Jakarta): SES, EventBridge Scheduler, Lambda, DynamoDB, API Gateway, SNS,
      // SQS and CloudWatch are all offered there, and the data stays in Indonesia.
      providers: { aws: { region: "ap-southeast-3" } },
    };
  },
  async run() {
    await import("./infra/secrets.ts");
    const { table } = await import("./infra/storage.ts");
    const { deadLetters } = await import("./infra/alarms.ts");
    const { mail, sesFeedback } = await import("./infra/email.ts");
    const { api, http } = await import("./infra/api.ts");
    const { daily } = await import("./infra/jobs.ts");
    const { settings } = await import("./infra/stage.ts");

    return {
      url: http.url,
      // Where the app's domain must point (a CNAME) when its DNS is not in Route 53.
      domainTarget: settings.domain
        ? http.nodes.domainName.domainNameConfiguration.targetDomainName
        : undefined,
      table: table.name,
      mailConfigSet: mail.configSet,
      deadLetters: deadLetters.url,
      functions: { api: api.name, daily: daily.name, sesFeedback: sesFeedback.name },
      logGroups: {
        http: http.nodes.logGroup.name,
        api: api.nodes.logGroup.apply((group) => group?.name),
        daily: daily.nodes.logGroup.apply((group) => group?.name),
        sesFeedback: sesFeedback.nodes.logGroup.apply((group) => group?.name),
      },
    };
  },
});
