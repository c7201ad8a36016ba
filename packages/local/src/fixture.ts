/**
 * A task force for a test file, built through core on the embedded store: the Sambas
 * organisation of L-I (or another), one person in each office named, and a signed session token
 * for each of them — what a sign-in would give, without the mail round trip.
 */
import { Actor } from "@tenggat/core/actor";
import { Calendar } from "@tenggat/core/calendar";
import { Config } from "@tenggat/core/config";
import { Directory } from "@tenggat/core/directory";
import { Obligation } from "@tenggat/core/obligation";
import type { Org } from "@tenggat/core/org";
import { Regulation } from "@tenggat/core/regulation";
import { Sambas } from "@tenggat/core/sambas";
import { TaskForce } from "@tenggat/core/taskforce";
import { Token } from "@tenggat/core/token";

export interface FixtureInput<W extends string> {
  tenant: string;
  name?: string;
  now: Date;
  /** Who sits in which office: `{ koorA: "sgt-a.koordinator", … }`; e-mail `<who>@uji.example`. */
  offices: Record<W, string>;
  org?: Org.Organisation;
  /** Obligation instances to materialise from the calendar (default: none). */
  instances?: { query: Calendar.Query; settings?: Regulation.SettingsInput };
  /** Runs as the system actor after the people are in, e.g. to create API keys. */
  setup?: () => Promise<void>;
}

export interface Fixture<W extends string> {
  tokens: Record<W, string>;
  ids: Record<W, string>;
  org: Org.Organisation;
}

export function sessionToken(tenant: string, personId: string, expiresAt: Date): string {
  return Token.sign(
    { purpose: "session", subject: personId, data: { tf: tenant }, expiresAt },
    Config.sessionSecret(),
  );
}

export async function taskForce<W extends string>(input: FixtureInput<W>): Promise<Fixture<W>> {
  const org = input.org ?? Sambas.organisation();
  await TaskForce.register({
    id: input.tenant,
    name: input.name ?? `Gugus Tugas (${input.tenant})`,
    level: "kabupaten",
    legalBasis: "Peraturan Bupati Sambas Nomor 8 Tahun 2016",
    settings: {},
    createdAt: input.now.toISOString(),
  });
  await Directory.seedOrganisation(input.tenant, [...org.units], [...org.offices]);
  const tokens = {} as Record<W, string>;
  const ids = {} as Record<W, string>;
  await Actor.provide(
    { type: "system", tenant: input.tenant, job: "test" },
    async () => {
      for (const [who, office] of Object.entries(input.offices) as [W, string][]) {
        const person = await Directory.createPerson({ name: who, email: `${who}@uji.example` });
        await Directory.assign({ office, personId: person.id, start: "2026-01-01" });
        ids[who] = person.id;
        tokens[who] = sessionToken(
          input.tenant,
          person.id,
          new Date(input.now.getTime() + 3_600_000),
        );
      }
      await input.setup?.();
    },
    () => input.now,
  );
  if (input.instances) {
    const settings = Regulation.Settings.parse(input.instances.settings ?? {});
    const computed = Calendar.list(input.instances.query, { org, settings }).map(
      Obligation.fromCalendar,
    );
    await Obligation.materialise(input.tenant, computed);
  }
  return { tokens, ids, org };
}

/** What a test reads back from the API: the status and the parsed JSON body (if any). */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
export type Reply = { status: number; body: any };

/**
 * One request to the app as a client would send it: a session token or an API key, a JSON body,
 * or a raw body (for malformed-JSON cases).
 */
export async function request(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  options: { token?: string; key?: string; body?: unknown; raw?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers["x-api-key"] = options.key;
  const payload =
    options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
  if (payload !== undefined) headers["content-type"] = "application/json";
  const response = await app.request(path, {
    method,
    headers,
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
