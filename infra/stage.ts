/**
 * What differs between stages. Production's values are committed here so that every deploy is
 * reproducible from git; other stages (a developer's or a test deploy) read theirs from the
 * environment because they differ per person.
 */

export const isProduction = $app.stage === "production";

export interface StageSettings {
  /**
   * The SES identity mail is sent from: a domain in production (DKIM-signed, any address at it
   * may send), or a single address for a developer's stage (verified by clicking SES's mail).
   */
  mailIdentity: string;
  /** The From address of every mail; `Resource.Email.sender`. */
  mailFrom: string;
  /**
   * The web address of the app. Absent: the API Gateway's own `https://<id>.execute-api…` URL.
   */
  domain?: string;
  /**
   * Who manages the DNS records (DKIM and DMARC for mail, the app's domain and its certificate):
   * `"route53"` when the domain is delegated to a Route 53 hosted zone in the same account (SST
   * then writes every record), `false` when they are added by hand at the district's DNS.
   */
  dns: "route53" | false;
  /** With `dns: false` and a `domain`: the ARN of an ACM certificate for it in the app's region. */
  cert?: string;
}

/**
 * Production at the Sambas district. The names must match what the district's DNS administrators
 * (Diskominfo) delegate or record; see README "Deploy".
 */
const production: StageSettings = {
  mailIdentity: "tenggat.sambaskab.go.id",
  mailFrom: "tenggat@tenggat.sambaskab.go.id",
  domain: "tenggat.sambaskab.go.id",
  dns: "route53",
};

function fromEnvironment(): StageSettings {
  const sender = process.env.TENGGAT_MAIL_SENDER;
  if (!sender) {
    throw new Error(
      `Stage "${$app.stage}": set TENGGAT_MAIL_SENDER to an e-mail address you can receive mail at ` +
        "(SES sends it a verification link on the first deploy), or to a domain you have verified.",
    );
  }
  const domain = process.env.TENGGAT_DOMAIN;
  const cert = process.env.TENGGAT_CERT_ARN;
  return {
    mailIdentity: sender,
    mailFrom: sender.includes("@") ? sender : `tenggat@${sender}`,
    ...(domain ? { domain } : {}),
    dns: process.env.TENGGAT_DNS === "route53" ? "route53" : false,
    ...(cert ? { cert } : {}),
  };
}

export const settings: StageSettings = isProduction ? production : fromEnvironment();

/** The DNS adapter the SST components take, from `settings.dns`. */
export const dns = () => (settings.dns === "route53" ? sst.aws.dns() : (false as const));
