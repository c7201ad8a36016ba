export * as Auth from "./index.ts";

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { Config } from "../config/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { VisibleError } from "../error/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { Token } from "../token/index.ts";
import { createId } from "../util/id.ts";

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
/** Sign-in links one address may request per hour (configured). */
export const LINKS_PER_HOUR = 5;

export const RequestLink = z.object({
  taskForce: z.string().regex(/^[a-z0-9-]+$/, "not a task force id"),
  email: z.email().transform((e) => e.toLowerCase()),
});

export interface IssuedLink {
  person: Directory.Person;
  /** The secret to put into the link; only ever sent by e-mail. */
  code: string;
  url: string;
  expiresAt: string;
}

/**
 * Issues a one-time sign-in link for a known address, or `undefined` for an unknown one (the
 * caller answers the same either way, so addresses cannot be probed).
 */
export async function issueLink(
  input: z.input<typeof RequestLink>,
): Promise<IssuedLink | undefined> {
  const { taskForce, email } = RequestLink.parse(input);
  if (!(await TaskForce.get(taskForce))) return undefined;
  const person = await Directory.personByEmail(taskForce, email);
  if (!person) return undefined;
  const now = Actor.now();
  await limitRate(taskForce, email, now);
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

async function limitRate(tenant: string, email: string, now: Date) {
  const hour = now.toISOString().slice(0, 13);
  const k = Key.signInLink(tenant, `rate:${Token.hashSecret(email)}:${hour}`);
  try {
    await Dynamo.update({
      ...k,
      expression: "ADD #count :one SET #type = :type, #v = :v, #ttl = :ttl",
      condition: "attribute_not_exists(#count) OR #count < :max",
      names: { "#count": "count", "#type": "type", "#v": "v", "#ttl": "ttl" },
      values: {
        ":one": 1,
        ":max": LINKS_PER_HOUR,
        ":type": "signin-rate",
        ":v": 1,
        ":ttl": Math.floor(now.getTime() / 1000) + 7200,
      },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) {
      throw new VisibleError(
        "rate-limited",
        "auth.too_many_links",
        `at most ${LINKS_PER_HOUR} sign-in links an hour; use the newest mail or wait`,
      );
    }
    throw error;
  }
}

export const Redeem = z.object({
  taskForce: z.string().regex(/^[a-z0-9-]+$/, "not a task force id"),
  code: z.string().min(20).max(100),
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
  const person = await Directory.person(taskForce, used.personId);
  if (!person) throw invalid();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const token = Token.sign(
    { purpose: "session", subject: person.id, data: { tf: taskForce }, expiresAt },
    Config.sessionSecret(),
  );
  const offices = await Directory.officesOf(taskForce, person.id, LocalDate.at(now));
  return { token, expiresAt: expiresAt.toISOString(), person, offices };
}

/** The person actor a session token stands for, with the offices held today. */
export async function personFromSession(token: string, now: Date): Promise<Actor.Actor> {
  const claims = Token.verify(token, { purpose: "session", now }, Config.sessionSecret());
  const tenant = String((claims.data as { tf?: unknown } | undefined)?.tf ?? "");
  const person = tenant ? await Directory.person(tenant, claims.subject) : undefined;
  if (!person)
    throw new VisibleError(
      "unauthenticated",
      "auth.session_invalid",
      "session is no longer valid; sign in again",
    );
  const offices = await Directory.officesOf(tenant, person.id, LocalDate.at(now));
  return { type: "person", tenant, personId: person.id, name: person.name, offices };
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
  revokedAt: z.string().optional(),
  version: z.number().int(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const CreateApiKey = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(Scope).min(1),
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
export async function machineFromKey(secret: string): Promise<Actor.Actor> {
  const k = Key.apiKey(Token.hashSecret(secret));
  const item = await Dynamo.get<Dynamo.Item & ApiKey & { tenant: string }>(k.pk, k.sk);
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
  return ApiKey.parse(Dynamo.strip(stored));
}
