export * as Auth from "./index.ts";

import { randomBytes } from "node:crypto";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Config } from "../config/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Privacy } from "../privacy/index.ts";
import { Token } from "../token/index.ts";
import { createId } from "../util/id.ts";
import * as z from "../util/zod.ts";
import * as PrincipalCache from "./principal.ts";

/**
 * Sign-in and machine credentials.
 *
 * People sign in with a one-time link sent by e-mail: the link carries a random secret whose
 * SHA-256 hash is stored with an expiry; redeeming it (once, by a conditional write) yields a
 * short-lived session token signed with the session key. Machines (the upward report pipeline)
 * use API keys, stored only as hashes. No password is ever stored.
 */

/** How long a sign-in link can be redeemed (configured: the regulation is silent). */
export const LINK_MINUTES = 15;
/** How long a session lasts (configured). */
export const SESSION_HOURS = 12;
/** Sign-in links one address may be sent in any hour, a sliding window (configured). */
export const LINKS_PER_HOUR = 5;
/** Sign-in requests one source (IP address) may make in any hour, a sliding window (configured). */
export const REQUESTS_PER_SOURCE_PER_HOUR = 30;
/** The sliding window of both limits. */
const WINDOW_MS = 3_600_000;

export { PRINCIPAL_SECONDS } from "./principal.ts";

export const RequestLink = z.object({
  taskForce: z.string().check(z.maxLength(64), z.regex(/^[a-z0-9-]+$/, "not a task force id")),
  // RFC 5321: a path is at most 256 octets, an address in it at most 254.
  email: z.pipe(
    z.email().check(z.maxLength(254)),
    z.transform((e) => e.toLowerCase()),
  ),
});

export interface IssuedLink {
  person: Directory.Person;
  /** The secret to put into the link; only ever sent by e-mail. */
  code: string;
  url: string;
  expiresAt: string;
}

/**
 * Handles a sign-in request and says nothing about its outcome: for a registered, active address
 * under both limits it stores a one-time link and hands it to `send`; for an unknown or
 * deactivated address, one without an office today, or one over a limit, it sends nothing. A
 * registered and an unknown address cost the same reads and writes up to the link itself (the
 * limits are counted, the task force, the address and the person are looked up), and the caller
 * answers the same 202, so neither the answer nor the work done before it tells a registered
 * address from an unknown one.
 *
 * `source` is the caller's network address (the per-source limit); `undefined` only for a call
 * made inside the process (tests, tools), which no network caller can produce.
 */
export async function requestSignIn(
  input: z.input<typeof RequestLink>,
  source: string | undefined,
  send: (tenant: string, link: IssuedLink) => Promise<unknown>,
): Promise<void> {
  const { taskForce, email } = RequestLink.parse(input);
  const now = Actor.now();
  // The source's window first: a flooding source does not use up an address's window (so it
  // cannot lock a person out from one machine). Whether the address is registered plays no part
  // in either, so the writes are the same for a registered and an unknown address.
  // No source only for in-process calls (tests, tools): on a network there always is one.
  const sourceOk =
    source === undefined ||
    (await admit(
      Key.signInRateOfSource(Token.hashSecret(source)),
      REQUESTS_PER_SOURCE_PER_HOUR,
      now,
    ));
  const addressOk =
    sourceOk &&
    (await admit(Key.signInRateOfAddress(taskForce, Token.hashSecret(email)), LINKS_PER_HOUR, now));
  const [registered, claim] = await Promise.all([
    // Imported here, not at the top: the task force brings the calendar and the rulebook, which
    // every signed-in request (`personFromSession`) would otherwise load at a cold start.
    import("../taskforce/index.ts").then(({ TaskForce }) => TaskForce.get(taskForce)),
    Directory.personIdByEmail(taskForce, email),
  ]);
  // An unknown address reads a person that cannot exist, so both cases make the same requests.
  const who = await principal(taskForce, claim ?? "person_none", now);
  if (!registered || !claim || !who || who.deactivatedAt || who.offices.length === 0) return;
  if (!sourceOk || !addressOk) return;
  await send(taskForce, await issueLink(taskForce, who.person, now));
}

/** Stores a one-time link for `person` (the caller has checked the limits). */
async function issueLink(
  taskForce: string,
  person: Directory.Person,
  now: Date,
): Promise<IssuedLink> {
  const code = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_MINUTES * 60_000).toISOString();
  await Dynamo.put({
    ...Key.signInLink(taskForce, Token.hashSecret(code)),
    type: "signin",
    v: 1,
    personId: person.id,
    expiresAt,
    used: false,
    // Clean-up only (DynamoDB TTL, seconds); no logic depends on it.
    ttl: Math.floor(new Date(expiresAt).getTime() / 1000) + 86_400,
  });
  const url = `${Config.publicUrl()}/masuk/tautan?tf=${encodeURIComponent(taskForce)}&code=${code}`;
  return { person, code, url, expiresAt };
}

/**
 * Counts one request in a sliding window of the last hour and says whether it is within `max`.
 * The item keeps the instants of the requests admitted in the window; it is replaced under a
 * version condition, so concurrent requests cannot both take the last place. Refused requests
 * are not kept (they are not sent anything, so they do not prolong the wait).
 */
async function admit(key: { pk: string; sk: string }, max: number, now: Date): Promise<boolean> {
  const t = now.getTime();
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await Dynamo.get<Dynamo.Item & { times?: number[]; version?: number }>(
      key.pk,
      key.sk,
    );
    const times = (item?.times ?? []).filter((x) => x > t - WINDOW_MS && x <= t);
    if (times.length >= max) return false;
    const version = item?.version ?? 0;
    try {
      await Dynamo.put(
        {
          ...key,
          type: "signin-rate",
          v: 1,
          times: [...times, t],
          version: version + 1,
          // Clean-up only (DynamoDB TTL, seconds); no logic depends on it.
          ttl: Math.floor(t / 1000) + 7200,
        },
        item
          ? {
              expression: "#version = :version",
              names: { "#version": "version" },
              values: { ":version": version },
            }
          : { expression: "attribute_not_exists(pk)" },
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
    }
  }
  // Contended beyond reason: someone is hammering this window; count it as full.
  return false;
}

export const Redeem = z.object({
  taskForce: z.string().check(z.maxLength(64), z.regex(/^[a-z0-9-]+$/, "not a task force id")),
  code: z.string().check(z.minLength(20), z.maxLength(100)),
});

export interface Session {
  token: string;
  expiresAt: string;
  person: Directory.Person;
  offices: string[];
}

/** Redeems a sign-in link exactly once and returns a session. */
export async function redeem(input: z.input<typeof Redeem>): Promise<Session> {
  const { taskForce, code } = Redeem.parse(input);
  const now = Actor.now();
  const k = Key.signInLink(taskForce, Token.hashSecret(code));
  const invalid = () =>
    new VisibleError(
      "unauthenticated",
      "auth.link_invalid",
      "this sign-in link is invalid, used or expired; ask for a new one",
    );
  let used: Dynamo.Item & { personId: string };
  try {
    used = await Dynamo.update({
      ...k,
      expression: "SET #used = :true, #usedAt = :now",
      condition: "attribute_exists(pk) AND #used = :false AND #expiresAt > :now",
      names: { "#used": "used", "#usedAt": "usedAt", "#expiresAt": "expiresAt" },
      values: { ":true": true, ":false": false, ":now": now.toISOString() },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) throw invalid();
    throw error;
  }
  // Read afresh: a link issued before a deactivation must not open a session after it.
  PrincipalCache.drop(principalKey(taskForce, used.personId));
  const who = await principal(taskForce, used.personId, now);
  if (!who || who.deactivatedAt || who.offices.length === 0) throw invalid();
  const person = who.person;
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const token = Token.sign(
    {
      purpose: "session",
      subject: person.id,
      data: { tf: taskForce, sv: who.sessionVersion },
      expiresAt,
    },
    Config.sessionSecret(),
  );
  return { token, expiresAt: expiresAt.toISOString(), person, offices: who.offices };
}

/** What a person credential stands for, as cached by `principal`. */
export interface Principal {
  personId: string;
  name: string;
  person: Directory.Person;
  deactivatedAt?: string;
  /** Sessions signed with another version were revoked (sign-out, deactivation). */
  sessionVersion: number;
  /** Offices held (or acted in) today. */
  offices: string[];
}

/**
 * The person `personId` of `tenant` with the offices held on `now`'s date, or `undefined` when
 * there is no such person. Cached in this process for at most `PRINCIPAL_SECONDS` (see
 * `principal.ts` for the bound); a cache miss costs a GetItem and a Query.
 */
export async function principal(
  tenant: string,
  personId: string,
  now: Date,
): Promise<Principal | undefined> {
  const today = LocalDate.at(now);
  return PrincipalCache.cached(principalKey(tenant, personId), now, today, async () => {
    const k = Key.person(tenant, personId);
    const [item, offices] = await Promise.all([
      Dynamo.get<Dynamo.Item & Directory.Person & { sessionVersion?: number }>(k.pk, k.sk),
      Directory.officesOf(tenant, personId, today),
    ]);
    const value: Principal | undefined = item
      ? {
          personId,
          name: item.name,
          person: Directory.Person.parse(Dynamo.strip(item)),
          ...(item.deactivatedAt ? { deactivatedAt: item.deactivatedAt } : {}),
          sessionVersion: item.sessionVersion ?? 0,
          offices,
        }
      : undefined;
    return { tenant, value };
  });
}

const principalKey = (tenant: string, personId: string) => `person:${tenant}:${personId}`;

const SessionData = z.object({ tf: z.string(), sv: z.optional(z.int()) });

/**
 * The person actor a session token stands for, with the offices held today. Refused (401) when
 * the token is forged or expired, the person was deactivated, the session was ended by
 * `signOut` (or a deactivation), or the person holds no office today (their last assignment
 * ended). In the steady state this reads nothing: the principal is cached (`principal`).
 */
export async function personFromSession(token: string, now: Date): Promise<Actor.Actor> {
  const claims = sessionClaims(token, now);
  const tenant = claims.data?.tf ?? "";
  const ended = (reason: string) =>
    new VisibleError("unauthenticated", reason, "session is no longer valid; sign in again");
  if (!/^[a-z0-9-]+$/.test(tenant) || tenant.length > 64) throw ended("auth.session_invalid");
  const who = await principal(tenant, claims.subject, now);
  if (!who) throw ended("auth.session_invalid");
  if (who.deactivatedAt) throw ended("auth.person_deactivated");
  if ((claims.data?.sv ?? 0) !== who.sessionVersion) throw ended("auth.session_revoked");
  if (who.offices.length === 0) throw ended("auth.no_office");
  return { type: "person", tenant, personId: who.personId, name: who.name, offices: who.offices };
}

type SessionClaims = Token.Verified<z.infer<typeof SessionData>>;

/** Session tokens whose signature this process has checked, with what they say (bounded). */
const verifiedSessions = new Map<string, { secret: string; claims: SessionClaims }>();
const MAX_VERIFIED = 5_000;

/**
 * `Token.verify` of a session token, remembered by the exact token and secret: a signature is
 * checked once per process, the expiry on every request (an expired one is verified again, which
 * refuses it). Revocation is not decided here: `principal`'s session version is.
 */
function sessionClaims(token: string, now: Date): SessionClaims {
  const secret = Config.sessionSecret();
  const hit = verifiedSessions.get(token);
  if (hit && hit.secret === secret && now.getTime() < hit.claims.expiresAt.getTime()) {
    return hit.claims;
  }
  verifiedSessions.delete(token);
  const claims = Token.verify(token, { purpose: "session", now, data: SessionData }, secret);
  verifiedSessions.set(token, { secret, claims });
  if (verifiedSessions.size > MAX_VERIFIED) {
    const oldest = verifiedSessions.keys().next().value;
    if (oldest !== undefined) verifiedSessions.delete(oldest);
  }
  return claims;
}

/**
 * Ends every session of the signed-in person, on every device (`POST /v1/auth/sign-out`): their
 * session version is bumped, so each token signed before is refused — in this process at once,
 * in every other within `PRINCIPAL_SECONDS`. Recorded in the audit trail.
 */
export async function signOut(): Promise<void> {
  const actor = Actor.assertType("person");
  await endSessions(actor.tenant, actor.personId, "session.signed-out");
}

/**
 * Bumps a person's session version (revoking every session of theirs) and records why. Used by
 * `signOut` and by `Directory.deactivate`'s caller; `action` names the reason in the audit trail.
 */
export async function endSessions(tenant: string, personId: string, action: string): Promise<void> {
  const k = Key.person(tenant, personId);
  let stored: Dynamo.Item & { sessionVersion?: number };
  try {
    stored = await Dynamo.update({
      ...k,
      expression: "ADD #sv :one",
      condition: "attribute_exists(pk)",
      names: { "#sv": "sessionVersion" },
      values: { ":one": 1 },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) throw notFound("person", personId);
    throw error;
  }
  PrincipalCache.invalidate(tenant);
  await Audit.append(
    tenant,
    Audit.event({
      entity: "session",
      entityId: personId,
      version: stored.sessionVersion ?? 1,
      action,
    }),
  );
}

/**
 * Records that `personId` acknowledged notification `notificationId` (the signed link in a
 * reminder): one audit event per (notification, person), however often the link is followed.
 * A claim item carrying the event is created first, conditionally; when it exists already the
 * stored event is copied to the trail again (a no-op, or the repair of a crash between the two).
 */
export async function acknowledge(
  tenant: string,
  notificationId: string,
  personId: string,
): Promise<void> {
  const n = Key.notification(tenant, notificationId);
  const claim = Key.acknowledgement(tenant, notificationId, personId);
  const [notification, existing] = await Promise.all([
    Dynamo.get(n.pk, n.sk),
    Dynamo.get<Dynamo.Item & { event: Audit.Event }>(claim.pk, claim.sk),
  ]);
  if (existing) {
    await Audit.append(tenant, existing.event);
    return;
  }
  const event = Audit.event({
    entity: "notification",
    entityId: notificationId,
    version: 1,
    ...(typeof notification?.unit === "string" ? { unit: notification.unit } : {}),
    action: "notification.acknowledged",
  });
  // Per person: two people sharing an office's reminder each acknowledge it once.
  const ack = { ...event, id: `${event.id}:${personId}` };
  if (await Dynamo.create({ ...claim, type: "acknowledgement", v: 1, event: ack })) {
    await Audit.append(tenant, ack);
    return;
  }
  // A concurrent acknowledgement won the claim: its event is the one.
  const won = await Dynamo.get<Dynamo.Item & { event: Audit.Event }>(claim.pk, claim.sk);
  if (won) await Audit.append(tenant, won.event);
}

// ---------------------------------------------------------------------------------------------
// API keys for machines

export const Scope = z.enum(["reports:read", "reports:receive"]);
export type Scope = z.infer<typeof Scope>;

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(Scope),
  createdAt: z.string(),
  revokedAt: z.optional(z.string()),
  version: z.int(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const CreateApiKey = z.object({
  name: Privacy.text(100, 1),
  scopes: z.array(Scope).check(z.minLength(1)),
});

/** Creates an API key; the secret is returned once and stored only as a hash. */
export async function createApiKey(
  input: z.input<typeof CreateApiKey>,
): Promise<{ key: ApiKey; secret: string }> {
  const { name, scopes } = CreateApiKey.parse(input);
  const tenant = Actor.tenant();
  const id = createId("apiKey");
  const secret = `tgk_${randomBytes(30).toString("base64url")}`;
  const info = { id, name, scopes, createdAt: Actor.now().toISOString() };
  const stored = await Audit.commit<Dynamo.Item & ApiKey>(
    tenant,
    {
      ...Key.apiKey(Token.hashSecret(secret)),
      ...Key.apiKeysOfTenant(tenant),
      gsi1sk: id,
      type: "apikey",
      v: 1,
      tenant,
      ...info,
    },
    undefined,
    { entity: "apikey", entityId: id, action: "apikey.created", after: { name, scopes } },
  );
  return { key: ApiKey.parse(Dynamo.strip(stored)), secret };
}

/** The machine actor an API key stands for. */
export async function machineFromKey(secret: string, now: Date): Promise<Actor.Actor> {
  const k = Key.apiKey(Token.hashSecret(secret));
  // Cached like a person (revocation in this process is seen at once, elsewhere within the bound).
  const item = await PrincipalCache.cached(`key:${k.pk}`, now, LocalDate.at(now), async () => {
    const found = await Dynamo.get<Dynamo.Item & ApiKey & { tenant: string }>(k.pk, k.sk);
    return { tenant: found?.tenant ?? "-", value: found, keep: found !== undefined };
  });
  if (!item || item.revokedAt) {
    throw new VisibleError("unauthenticated", "auth.key_invalid", "API key is unknown or revoked");
  }
  return {
    type: "machine",
    tenant: item.tenant,
    keyId: item.id,
    name: item.name,
    scopes: item.scopes,
  };
}

export async function listApiKeys(tenant: string): Promise<ApiKey[]> {
  const items = await Dynamo.queryAll<Dynamo.Item & ApiKey>({
    index: "gsi1",
    pk: Key.apiKeysOfTenant(tenant).gsi1pk,
  });
  return items.map((i) => ApiKey.parse(Dynamo.strip(i)));
}

/** Revokes an API key by id (secretariat). */
export async function revokeApiKey(id: string): Promise<ApiKey> {
  const tenant = Actor.tenant();
  const item = (
    await Dynamo.queryAll<Dynamo.Item & ApiKey>({
      index: "gsi1",
      pk: Key.apiKeysOfTenant(tenant).gsi1pk,
      sk: { beginsWith: id },
    })
  ).find((i) => i.id === id);
  if (!item) throw new VisibleError("not-found", "apikey.not_found", `API key ${id} was not found`);
  if (item.revokedAt) return ApiKey.parse(Dynamo.strip(item));
  const stored = await Audit.commit<Dynamo.Item & ApiKey>(
    tenant,
    { ...item, revokedAt: Actor.now().toISOString() },
    item,
    { entity: "apikey", entityId: id, action: "apikey.revoked" },
  );
  PrincipalCache.invalidate(tenant);
  return ApiKey.parse(Dynamo.strip(stored));
}
