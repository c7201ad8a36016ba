/**
 * Values that must never sit in git. Each is set once per stage before the first deploy:
 * `npx sst secret set <Name> <value> --stage production` (README "Deploy"). A deploy with one of
 * them unset stops with SST's "Set a value for <Name>" before it changes anything.
 */

/** HMAC key that signs session tokens (`Resource.SessionSecret.value`). */
export const sessionSecret = new sst.Secret("SessionSecret");

/** HMAC key that signs links in e-mails and calendar-feed URLs (`Resource.LinkSecret.value`). */
export const linkSecret = new sst.Secret("LinkSecret");

/**
 * Where alarms are mailed (infra/alarms.ts): the operator's address, or a list's. Kept out of git
 * because it is a person's address; not linked to any function.
 */
export const alarmEmail = new sst.Secret("AlarmEmail");
