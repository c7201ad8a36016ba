export * as Federation from "./index.ts";

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { $ZodError } from "zod/v4/core";
import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { notFound, VisibleError } from "../error/index.ts";
import { Ledger } from "../ledger/index.ts";
import { Mime } from "../mime/index.ts";
import { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Observe } from "../observe/index.ts";
import { Policy } from "../policy/index.ts";
import type { Received } from "../submission/assemble.ts";
import { Submission } from "../submission/index.ts";
import { Sweep } from "../sweep/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { fn, fromZod } from "../util/fn.ts";
import * as z from "../util/zod.ts";
import {
  type InboundItem,
  Member,
  type MemberItem,
  memberInstances,
  members,
  settleMember,
  status,
} from "./members.ts";

export * from "./members.ts";

/**
 * The same software one level up (issue 10 items 3–4).
 *
 * **Upstreams.** Where a task force sends its packages: `[{ id, name, url, secret }]`, set by the
 * secretariat (`GET`/`PUT /v1/upstreams`; secrets `whsec_…` are never shown again in full).
 *
 * **Delivery.** `deliver` creates one durable delivery item per upstream for the package version
 * (`Key.delivery`, in the submission's partition) and tries each once; a delivery not yet done
 * waits on the `DLVDUE` index for the sweep (`Sweep.upward`, called by the sweep job). Each
 * attempt POSTs the package's canonical JSON signed per Standard Webhooks 1.0 (`standardwebhooks`):
 * `webhook-id` is the same for every attempt of one package version
 * (`<taskForce>.<submission>.v<version>`), `webhook-timestamp` is the attempt's instant. A 2xx
 * records the receipt (the receiver's id and time; audited) and marks the package delivered; a
 * 4xx other than 408/425/429 is permanent (`failed`, logged at error level and counted as the
 * metric `DeliveriesUpwardFailed`, which raises an alarm); anything else retries with backoff (1, 2, 4 … minutes, at most 6 hours)
 * until `DEADLINE_DAYS` after the first attempt. An attempt holds a lease (`LEASE_MS`) taken by a
 * conditional update, so two sweeps never post the same delivery at once.
 *
 * **Members and inbound.** A province (or the nation) registers its members, each with its own
 * secret (`POST /v1/members`). `receive` checks the three headers, the member (known, not
 * removed), the timestamp (±5 minutes of `now`) and the signature with that member's secret,
 * then the package (schema and `contentHash`); it stores the newest version per member and
 * period (an older one is acknowledged and ignored) and remembers the `webhook-id`, so a
 * duplicate gets the first receipt again and stores nothing.
 */

export const DEADLINE_DAYS = 7;
export const LEASE_MS = 2 * 60_000;
export const MAX_BACKOFF_MS = 6 * 3600_000;
export const TOLERANCE_S = 5 * 60;
const ATTEMPT_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Upstreams

const Secret = z
  .string()
  .check(
    z.regex(
      /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
      "a Standard Webhooks secret: whsec_ and base64 (24 bytes or more)",
    ),
  );

const Url = z.string().check(
  z.url(),
  z.refine((u) => {
    const url = new URL(u);
    return url.protocol === "https:" || ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  }, "must be https (plain http only to this machine)"),
);

export const Upstream = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, "lower-case letters, digits and dashes")),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  url: Url,
  secret: Secret,
});
export type Upstream = z.infer<typeof Upstream>;

export const UpstreamsInput = z.strictObject({
  copyTo: z
    .optional(z.string().check(z.email(), z.maxLength(254)))
    .check(
      z.describe(
        "The provincial prevention sub-task-force's address: it gets the package (XLSX + JSON) by mail on delivery (L-III §VIII point 1)",
      ),
    ),
  upstreams: z
    .array(
      z.extend(Upstream, {
        secret: z.optional(Secret).check(z.describe("Leave out to keep the stored one")),
      }),
    )
    .check(z.maxLength(10)),
  version: z.int().check(z.minimum(0), z.describe("The version you read (0 when none is stored)")),
});

type UpstreamsItem = Dynamo.Item & {
  upstreams: Upstream[];
  version: number;
  lastEvent?: Audit.Event;
};

/** A secret as shown: its start and its last four characters. */
export function mask(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

async function upstreamsItem(tenant: string): Promise<UpstreamsItem | undefined> {
  const k = Key.upstreams(tenant);
  return Dynamo.get<UpstreamsItem>(k.pk, k.sk);
}

/** The stored upstreams, with their secrets (for delivery only). */
export async function upstreamsOf(tenant: string): Promise<Upstream[]> {
  return (await upstreamsItem(tenant))?.upstreams ?? [];
}

function shown(item: UpstreamsItem | undefined) {
  return {
    upstreams: (item?.upstreams ?? []).map((u) => ({ ...u, secret: mask(u.secret) })),
    ...(item?.copyTo ? { copyTo: item.copyTo } : {}),
    version: item?.version ?? 0,
  };
}

export async function listUpstreams() {
  Policy.require(
    Policy.isSecretariat(),
    "upstream.not_secretariat",
    "only the secretariat sees the upstreams",
  );
  return shown(await upstreamsItem(Actor.tenant()));
}

/** Replaces the list (the secretariat); a secret left out keeps the stored one of that id. */
export const setUpstreams = fn(UpstreamsInput, async (input) => {
  Policy.require(
    Policy.isSecretariat(),
    "upstream.not_secretariat",
    "only the secretariat sets the upstreams",
  );
  const tenant = Actor.tenant();
  const current = await upstreamsItem(tenant);
  if ((current?.version ?? 0) !== input.version) {
    throw new VisibleError(
      "conflict",
      "version.stale",
      `upstreams are at version ${current?.version ?? 0}, not ${input.version}`,
    );
  }
  const ids = new Set<string>();
  const upstreams = input.upstreams.map((u, i) => {
    if (ids.has(u.id))
      throw fromZod(
        new $ZodError([
          { code: "custom", path: ["upstreams", i, "id"], message: "repeated", input: u.id },
        ]),
      );
    ids.add(u.id);
    const secret = u.secret ?? current?.upstreams.find((c) => c.id === u.id)?.secret;
    if (!secret) {
      throw new VisibleError(
        "input",
        "input.invalid",
        `upstreams.${i}.secret: required for a new upstream`,
        [{ path: `upstreams.${i}.secret`, message: "required for a new upstream" }],
      );
    }
    return { ...u, secret };
  });
  const stored = await Audit.commit<UpstreamsItem>(
    tenant,
    {
      ...Key.upstreams(tenant),
      type: "upstreams",
      v: 1,
      upstreams,
      ...(input.copyTo ? { copyTo: input.copyTo } : {}),
    },
    current,
    {
      entity: "upstreams",
      entityId: tenant,
      unit: "gt",
      action: "upstreams.changed",
      after: { upstreams: upstreams.map((u) => ({ id: u.id, name: u.name, url: u.url })) },
    },
  );
  return shown(stored);
});

// ---------------------------------------------------------------------------------------------
// Deliveries

export const DeliveryState = z.enum(["pending", "delivered", "failed"]);
export const Delivery = z.object({
  submission: z.string(),
  upstream: z.string(),
  name: z.string(),
  url: z.string(),
  webhookId: z.string(),
  packageVersion: z.int(),
  state: DeliveryState,
  attempts: z.int(),
  firstAttempt: z.string(),
  deadline: z.string(),
  nextAttempt: z.optional(z.string()),
  lastError: z.optional(z.string()),
  receipt: z.optional(z.object({ id: z.string(), at: z.string(), status: z.int() })),
});
export type Delivery = z.infer<typeof Delivery>;
type DeliveryItem = Dynamo.Item & Delivery;

function deliveryItem(tenant: string, d: Delivery) {
  const due =
    d.state === "pending" && d.nextAttempt
      ? { ...Key.deliveriesDue(tenant), gsi2sk: `${d.nextAttempt}#${d.submission}#${d.upstream}` }
      : {};
  return {
    ...Key.delivery(tenant, d.submission, d.upstream),
    ...due,
    type: "delivery",
    v: 1,
    ...d,
  };
}

export async function deliveriesOf(tenant: string, submissionId: string): Promise<Delivery[]> {
  const items = await Dynamo.queryAll<DeliveryItem>({
    pk: Key.submission(tenant, submissionId).pk,
    sk: { beginsWith: "DLV#" },
  });
  return items.map((i) => Delivery.parse(Dynamo.strip(i)));
}

export function webhookId(tenant: string, submissionId: string, packageVersion: number): string {
  return `${tenant}.${submissionId}.v${packageVersion}`;
}

/** What an attempt may use instead of the global `fetch` (tests point it at a stub). */
export interface Options {
  fetch?: typeof fetch;
}

/**
 * Starts delivering an approved package to every upstream (one delivery per upstream and
 * package version; asking again adds nothing, except that a delivery which failed for good starts
 * again) and tries each at once.
 */
export const deliver = fn(Submission.Transition, async (input) => {
  // Who asks first (401/403), before anything about the upstreams or the package is told.
  Policy.require(
    Submission.mayDeliver(),
    "submission.not_secretariat",
    "only the Ketua Harian's office or the Ketua delivers the submission",
  );
  const tenant = Actor.tenant();
  const stored = await upstreamsItem(tenant);
  const upstreams = stored?.upstreams ?? [];
  if (upstreams.length === 0) {
    throw new VisibleError(
      "conflict",
      "submission.no_upstream",
      "no upstream is set: add one with PUT /v1/upstreams",
    );
  }
  const info = await Submission.markDelivering(input);
  const now = Actor.now();
  for (const u of upstreams) {
    const d: Delivery = {
      submission: info.id,
      upstream: u.id,
      name: u.name,
      url: u.url,
      webhookId: webhookId(tenant, info.id, info.packageVersion),
      packageVersion: info.packageVersion,
      state: "pending",
      attempts: 0,
      firstAttempt: now.toISOString(),
      deadline: new Date(now.getTime() + DEADLINE_DAYS * 86_400_000).toISOString(),
      nextAttempt: now.toISOString(),
    };
    // Create unless this package version already has its delivery there; one that failed for
    // good (a permanent refusal, the deadline) starts again, with the same webhook-id, so that
    // the secretariat can retry once the upstream is fixed.
    await Dynamo.put(deliveryItem(tenant, d), {
      expression: "attribute_not_exists(pk) OR packageVersion < :v OR #state = :failed",
      names: { "#state": "state" },
      values: { ":v": info.packageVersion, ":failed": "failed" },
    }).catch((error) => {
      if (!(error instanceof ConditionFailed)) throw error;
    });
  }
  const copyTo = stored?.copyTo;
  if (typeof copyTo === "string") await mailCopy(tenant, info.id, copyTo);
  await attemptDue(tenant, now);
  return {
    submission: (await Submission.get(tenant, info.id)) ?? info,
    deliveries: await deliveriesOf(tenant, info.id),
  };
});

/**
 * The copy of L-III §VIII point 1 ("dengan tembusan kepada sub Gugus Tugas Bidang Pencegahan …
 * Provinsi"): the package as JSON and XLSX, mailed once per package version through the ledger
 * (exactly once; the sweep retries). A failure is logged, not thrown: the signed delivery goes on.
 */
async function mailCopy(tenant: string, id: string, to: string): Promise<void> {
  try {
    const { bytes, pkg } = await Submission.packageOf(tenant, id);
    const now = Actor.now();
    const name = `${tenant}-${pkg.period.id}-v${pkg.version}`;
    const subject = `Tembusan laporan ${pkg.taskForce.name}, periode ${pkg.period.id} (versi ${pkg.version})`;
    const notification = `submission-copy:${id}:v${pkg.version}`;
    const raw = Mime.build({
      from: Notify.from("id"),
      to: [{ email: to }],
      subject,
      date: now,
      headers: { "X-Tenggat-Notification": notification },
      text: [
        "Yth. Sub Gugus Tugas Bidang Pencegahan Provinsi,",
        "",
        `terlampir tembusan laporan ${pkg.taskForce.name} periode ${pkg.period.from} s.d. ${pkg.period.to} (Perbup Sambas 8/2016 L-III §VIII angka 1): submission.xlsx untuk dibaca, submission.json (${pkg.schema}) untuk diolah.`,
        "",
        `Hash isi: ${pkg.contentHash}`,
      ].join("\n"),
      attachments: [
        {
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          filename: `${name}.xlsx`,
          content: Buffer.from(await Submission.xlsx(pkg)),
        },
        { contentType: "application/json", filename: `${name}.json`, content: bytes },
      ],
      seed: notification,
    });
    if (!Ledger.fits(raw)) throw new Error("the package is too large to mail");
    await Ledger.deliver(tenant, {
      id: notification,
      kind: "event",
      date: LocalDate.at(now),
      to: [to],
      subject,
      raw,
    });
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "submission copy not mailed",
        tenant,
        submission: id,
        error: String(error),
      }),
    );
  }
}

function backoff(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Signs and posts one package (used by deliveries and by the CLI). */
export async function post(
  url: string,
  secret: string,
  id: string,
  body: string,
  at: Date,
  options: Options = {},
): Promise<{ ok: boolean; status: number; receipt?: string; error?: string; permanent: boolean }> {
  const signature = new Webhook(secret).sign(id, at, body);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const text = await response.text().catch(() => "");
    if (response.ok) {
      let receipt = "";
      try {
        const parsed = JSON.parse(text) as { receipt?: unknown; id?: unknown };
        receipt = String(parsed.receipt ?? parsed.id ?? "");
      } catch {
        // a receiver that answers without JSON: keep no id
      }
      return { ok: true, status: response.status, receipt, permanent: false };
    }
    const permanent =
      response.status >= 400 && response.status < 500 && ![408, 425, 429].includes(response.status);
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}: ${text.slice(0, 300)}`,
      permanent,
    };
  } catch (error) {
    return {
      ok: false,
      status: 0,
      error: String((error as Error)?.message ?? error),
      permanent: false,
    };
  }
}

async function attempt(
  tenant: string,
  d: DeliveryItem,
  now: Date,
  options: Options,
): Promise<Delivery> {
  // Take the lease: only the caller that moves `nextAttempt` on posts.
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  try {
    await Dynamo.update({
      ...Key.delivery(tenant, d.submission, d.upstream),
      expression: "SET nextAttempt = :lease, gsi2sk = :sk",
      condition: "nextAttempt = :expected AND #state = :pending AND packageVersion = :v",
      names: { "#state": "state" },
      values: {
        ":lease": leaseUntil,
        ":sk": `${leaseUntil}#${d.submission}#${d.upstream}`,
        ":expected": d.nextAttempt,
        ":pending": "pending",
        ":v": d.packageVersion,
      },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) return Delivery.parse(Dynamo.strip(d));
    throw error;
  }
  const secret = (await upstreamsOf(tenant)).find((u) => u.id === d.upstream)?.secret;
  const { bytes } = await Submission.packageOf(tenant, d.submission);
  const result = secret
    ? await post(d.url, secret, d.webhookId, bytes, now, options)
    : { ok: false, status: 0, error: "the upstream was removed", permanent: true };
  const attempts = d.attempts + 1;
  const base = Delivery.parse(Dynamo.strip(d));
  let next: Delivery;
  if (result.ok) {
    next = {
      ...base,
      attempts,
      state: "delivered",
      receipt: { id: result.receipt ?? "", at: now.toISOString(), status: result.status },
    };
    delete next.nextAttempt;
    delete next.lastError;
  } else {
    const retryAt = new Date(now.getTime() + backoff(attempts));
    const expired = retryAt.toISOString() > d.deadline;
    next = {
      ...base,
      attempts,
      lastError: result.error ?? "failed",
      state: result.permanent || expired ? "failed" : "pending",
      nextAttempt: retryAt.toISOString(),
    };
    if (next.state === "failed") delete next.nextAttempt;
  }
  await Dynamo.put(deliveryItem(tenant, next), {
    expression: "packageVersion = :v",
    values: { ":v": d.packageVersion },
  }).catch((error) => {
    if (!(error instanceof ConditionFailed)) throw error;
  });
  if (next.state !== "pending") {
    await Actor.provide(
      { type: "system", tenant, job: "delivery" },
      () =>
        Audit.append(
          tenant,
          Audit.event({
            entity: "submission",
            entityId: d.submission,
            version: 1_000_000 + attempts,
            unit: "gt",
            action:
              next.state === "delivered" ? "submission.receipt" : "submission.delivery_failed",
            after: {
              upstream: d.upstream,
              packageVersion: d.packageVersion,
              webhookId: d.webhookId,
              ...(next.receipt ? { receipt: next.receipt } : { error: next.lastError }),
            },
          }),
        ),
      () => now,
    );
  }
  if (next.state === "delivered")
    await Submission.delivered(tenant, d.submission, d.packageVersion, now);
  if (next.state === "delivered") Observe.count("DeliveriesUpward");
  if (next.state === "failed") {
    // The alarm `DeliveriesUpwardFailedAlarm` (infra/alarms.ts) fires on this metric.
    Observe.count("DeliveriesUpwardFailed");
    Observe.log.error("deliveries failed", {
      tenant,
      submission: d.submission,
      upstream: d.upstream,
      error: next.lastError,
    });
  }
  return next;
}

/** Attempts every delivery of a task force that is due at `now`. */
export async function attemptDue(
  tenant: string,
  now: Date,
  options: Options = {},
  /** The due index's items, when the caller has queried it already (`Sweep.upward`). */
  found?: readonly Dynamo.Item[],
): Promise<Delivery[]> {
  const due = (found ?? (await Sweep.dueDeliveries(tenant, now))) as readonly DeliveryItem[];
  const out: Delivery[] = [];
  // What follows a receipt (the package delivered, the obligation satisfied) is done by the
  // delivery job on the attempt's clock, whoever started the attempt.
  const system: Actor.Actor = { type: "system", tenant, job: "delivery" };
  for (const d of due) {
    out.push(
      await Actor.provide(
        system,
        () => attempt(tenant, d, now, options),
        () => now,
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Members (a province's districts)

export const AddMember = z.strictObject({
  id: z
    .string()
    .check(
      z.regex(/^[a-z0-9-]{1,60}$/, "the member task force's id"),
      z.describe("The member task force's id, e.g. `sambas`"),
    ),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  contacts: z._default(z.array(z.string().check(z.email())).check(z.maxLength(20)), []),
  secret: z
    .optional(Secret)
    .check(z.describe("Leave out to have one generated (shown once, in this answer)")),
});

function mayManageMembers(): boolean {
  return Policy.isSecretariat();
}

async function levelAbove(tenant: string): Promise<TaskForce.Info> {
  const tf = await TaskForce.get(tenant);
  if (!tf) throw notFound("taskforce", tenant);
  return tf;
}

/** Registers (or re-activates) a member with its secret; the secret is shown only here. */
export const addMember = fn(AddMember, async (input) => {
  Policy.require(
    mayManageMembers(),
    "member.not_secretariat",
    "only the secretariat registers members",
  );
  const tenant = Actor.tenant();
  const tf = await levelAbove(tenant);
  if (tf.level === "kabupaten") {
    throw new VisibleError(
      "conflict",
      "member.not_a_province",
      "a district has no member task forces",
    );
  }
  const secret = input.secret ?? `whsec_${randomBytes(32).toString("base64")}`;
  const member: Member = {
    id: input.id,
    name: input.name,
    contacts: input.contacts,
    active: true,
    addedAt: Actor.now().toISOString(),
  };
  await Dynamo.put({ ...Key.member(tenant, input.id), type: "member", v: 1, ...member, secret });
  await Audit.append(
    tenant,
    Audit.event({
      entity: "member",
      entityId: input.id,
      version: Actor.now().getTime(),
      unit: "gt",
      action: "member.added",
      after: { id: input.id, name: input.name },
    }),
  );
  return { ...member, secret };
});

/** The members with their contacts' addresses: the secretariat's, as the people register is. */
export async function listMembers() {
  Policy.require(
    Policy.isSecretariat(),
    "member.not_secretariat",
    "only the secretariat sees the members and their contacts",
  );
  return { items: await members(Actor.tenant()) };
}

/** Which members submitted for a period (no addresses): anyone signed in to the task force. */
export async function memberStatus(period: string) {
  Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
  return { items: await status(Actor.tenant(), period) };
}

/** Removes a member: its deliveries are refused (401) from now on; what it sent stays. */
export async function removeMember(id: string) {
  Policy.require(
    mayManageMembers(),
    "member.not_secretariat",
    "only the secretariat removes members",
  );
  const tenant = Actor.tenant();
  const k = Key.member(tenant, id);
  const found = await Dynamo.get<MemberItem>(k.pk, k.sk);
  if (!found) throw notFound("member", id);
  const at = Actor.now().toISOString();
  await Dynamo.put({ ...found, active: false, removedAt: at });
  // What it still owed is no longer owed: waived with the reason, so it is not chased.
  for (const instance of await memberInstances(tenant, id)) {
    if (instance.status !== "open") continue;
    await Obligation.waive({
      id: instance.id,
      version: instance.version,
      reason: `${found.name} tidak lagi menjadi anggota sejak ${LocalDate.at(Actor.now())}.`,
    }).catch((error) => {
      if (!(error instanceof VisibleError && error.kind === "conflict")) throw error;
    });
  }
  await Audit.append(
    tenant,
    Audit.event({
      entity: "member",
      entityId: id,
      version: Actor.now().getTime(),
      unit: "gt",
      action: "member.removed",
    }),
  );
  return Member.parse(Dynamo.strip({ ...found, active: false, removedAt: at }));
}

// ---------------------------------------------------------------------------------------------
// Inbound

const unauthorized = (code: string, message: string) =>
  new VisibleError("unauthenticated", code, message);

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  return headers[name] ?? headers[name.toLowerCase()];
}

/** Checks a Standard Webhooks signature against `secret` at the instant `now` (±5 minutes). */
export function verify(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
  now: Date,
): void {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) {
    throw unauthorized(
      "inbound.unsigned",
      "webhook-id, webhook-timestamp and webhook-signature are required",
    );
  }
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - seconds) > TOLERANCE_S) {
    throw unauthorized("inbound.stale", "webhook-timestamp is more than 5 minutes from now");
  }
  const expected = new Webhook(secret).sign(id, new Date(seconds * 1000), body).split(",")[1] ?? "";
  const ok = signatures.split(" ").some((s) => {
    const [version, value] = s.split(",");
    if (version !== "v1" || !value) return false;
    const a = Buffer.from(value);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  });
  if (!ok) throw unauthorized("inbound.bad_signature", "the signature does not match the body");
}

export interface Receipt {
  receipt: string;
  from: string;
  period: string;
  version: number;
  /** `stored`, `duplicate` (this webhook-id was received before), or `older` (a newer version is held). */
  outcome: "stored" | "duplicate" | "older";
}

/**
 * Receives a member's package, signed per Standard Webhooks (see the area's comment). Throws a
 * 401 `VisibleError` for anything unsigned, stale, tampered or from an unknown or removed member.
 */
export async function receive(
  tenant: string,
  headers: Record<string, string | undefined>,
  body: string,
  now: Date,
): Promise<Receipt> {
  const tf = await TaskForce.get(tenant);
  if (!tf || tf.level === "kabupaten") throw notFound("taskforce", tenant);
  if (!header(headers, "webhook-signature")) {
    throw unauthorized(
      "inbound.unsigned",
      "webhook-id, webhook-timestamp and webhook-signature are required",
    );
  }
  let claimed: string | undefined;
  try {
    claimed = (JSON.parse(body) as { taskForce?: { id?: unknown } }).taskForce?.id as
      | string
      | undefined;
  } catch {
    claimed = undefined;
  }
  const memberKey =
    typeof claimed === "string" && /^[a-z0-9-]+$/.test(claimed)
      ? Key.member(tenant, claimed)
      : undefined;
  const member = memberKey ? await Dynamo.get<MemberItem>(memberKey.pk, memberKey.sk) : undefined;
  if (!member?.active)
    throw unauthorized("inbound.unknown_sender", "the sender is not a member of this task force");
  verify(member.secret, headers, body, now);
  const id = header(headers, "webhook-id") ?? "";

  const seenKey = Key.webhookSeen(
    tenant,
    createHash("sha256").update(`${member.id}\n${id}`).digest("hex"),
  );
  const seen = await Dynamo.get<Dynamo.Item & Receipt>(seenKey.pk, seenKey.sk);
  if (seen)
    return {
      receipt: seen.receipt,
      from: seen.from,
      period: seen.period,
      version: seen.version,
      outcome: "duplicate",
    };

  const parsed = Submission.Package.safeParse(JSON.parse(body));
  if (!parsed.success) throw fromZod(parsed.error, ["package"]);
  const pkg = parsed.data;
  if (!Submission.verifyHash(pkg)) {
    throw new VisibleError(
      "input",
      "inbound.hash_mismatch",
      "contentHash does not match the package",
    );
  }
  const receiptId = `rcp_${createHash("sha256").update(`${tenant}\n${member.id}\n${id}`).digest("hex").slice(0, 26)}`;
  const at = now.toISOString();
  let outcome: Receipt["outcome"] = "stored";
  try {
    await Dynamo.put(
      {
        ...Key.inboundOf(tenant, pkg.period.id, member.id),
        type: "inbound",
        v: 1,
        from: member.id,
        name: member.name,
        period: pkg.period.id,
        packageVersion: pkg.version,
        contentHash: pkg.contentHash,
        receiptId,
        webhookId: id,
        receivedAt: at,
        body,
      },
      {
        expression: "attribute_not_exists(pk) OR packageVersion < :v",
        values: { ":v": pkg.version },
      },
    );
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    outcome = "older";
  }
  const receipt: Receipt = {
    receipt: receiptId,
    from: member.id,
    period: pkg.period.id,
    version: pkg.version,
    outcome,
  };
  await Dynamo.create({ ...seenKey, type: "webhook", v: 1, ...receipt, at });
  if (outcome === "stored" && pkg.period.kind === "h1") {
    await Actor.provide(
      { type: "system", tenant, job: "inbound" },
      () => settleMember(tenant, member.id, pkg.period.id, receiptId, now),
      () => now,
    );
  }
  await Actor.provide(
    { type: "system", tenant, job: "inbound" },
    () =>
      Audit.append(
        tenant,
        Audit.event({
          entity: "inbound",
          entityId: `${pkg.period.id}:${member.id}`,
          version: pkg.version,
          unit: "gt",
          action: outcome === "stored" ? "inbound.stored" : "inbound.older_ignored",
          after: {
            receipt: receiptId,
            webhookId: id,
            version: pkg.version,
            contentHash: pkg.contentHash,
          },
        }),
      ),
    () => now,
  );
  return receipt;
}

export const InboundSummary = z.object({
  from: z.string(),
  name: z.string(),
  period: z.string(),
  version: z.int(),
  contentHash: z.string(),
  receipt: z.string(),
  receivedAt: z.string(),
});

/** The newest package of each active member for a period, for the roll-up. */
export async function receivedFor(tenant: string, period: string): Promise<Received[]> {
  const items = await Dynamo.queryAll<InboundItem>({
    pk: Key.inbound(tenant).pk,
    sk: { beginsWith: `${period}#` },
  });
  const active = new Set((await members(tenant)).filter((m) => m.active).map((m) => m.id));
  return items
    .filter((i) => active.has(i.from))
    .map((i) => ({
      taskForce: i.from,
      name: i.name,
      receivedAt: i.receivedAt,
      package: JSON.parse(i.body),
    }));
}
