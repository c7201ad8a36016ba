/**
 * Crash durability (hardening issue, finding 4): the API process is killed with SIGKILL at a
 * random instant while concurrent writes of three kinds are in flight — tasks created, meetings
 * scheduled with their invitations, reports submitted to their reviewer — several rounds, then
 * the sweeps run. Every change stored must have exactly one audit event, and every mail it owes
 * must have been accepted by SES **exactly once** (no tolerance: a crash after SES accepted a
 * mail and before the ledger recorded it is settled by SES's Send event, published here by the
 * local stand-in for SES event publishing to the very feedback handler AWS invokes).
 *
 * The stores (embedded DynamoDB and SES, and the event relay) live in this process and survive;
 * only the API process (`test/crash-server.ts`, the app as `npm start` runs it) dies. Kill
 * instants come from a seeded generator, printed (`TENGGAT_CRASH_SEED` replays a run).
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { Dynamo as DynamoTypes } from "@tenggat/core/dynamo";
import type { Notify as NotifyTypes } from "@tenggat/core/notify";
import { clearMail } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

const ROUNDS = 4;
/** Concurrent requests per kind while a round runs. */
const WORKERS = { task: 5, meeting: 3, report: 3 } as const;
/** Which kind's answers time the kill, round by round. */
const FOCUS = ["meeting", "report", "task", "meeting"] as const;
const OFFICE = "sgt-a.koordinator";
const UNITS = ["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"] as const;
/** Reports whose period has ended by 2026-12 (the daily job stores them from `TRACK_FROM`). */
const REPORTS = ["semester-report:%:2026-S1", "semester-report:%:2025-S2", "annual-report:%:2025"];
const TRACK_FROM = "2026-01-01";
/** A month ahead: within the due-date horizon and in the future whatever day the test runs. */
const AHEAD = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const SEED = Number(process.env.TENGGAT_CRASH_SEED ?? Date.now() % 100_000);
const HEADER = "X-Tenggat-Ledger";

/** mulberry32: a small seeded generator, so that a run's kill instants can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let w: World;
let secretary: string;
const coordinators = new Map<string, string>();
/** Draft reports waiting to be submitted: id, version, the coordinator's token. */
const drafts: { id: string; version: number; token: string }[] = [];
/** What SES accepted, as its Send events told: the ledger reference and SES's message id. */
const accepted: { ledger: string | undefined; messageId: string }[] = [];

beforeAll(async () => {
  w = await world({ trackFrom: TRACK_FROM });
  // SES event publishing → SNS → the feedback Lambda, locally: the same handler, recorded too.
  const { handler } = await import("@tenggat/functions/events/ses-feedback");
  w.stores.sesEvents.subscribe(async (event) => {
    for (const r of event.Records) {
      const e = JSON.parse(r.Sns.Message) as {
        mail: { messageId: string; headers: { name: string; value: string }[] };
      };
      const header = e.mail.headers.find((h) => h.name === HEADER)?.value;
      accepted.push({ ledger: header, messageId: e.mail.messageId });
    }
    await handler(event);
  });
  const { Reminder } = await import("@tenggat/core/reminder");
  await Reminder.daily(new Date()); // stores the reports' obligations
  secretary = await w.signIn("gt.sekretaris@sambas.example");
  for (const unit of UNITS) {
    const token = await w.signIn(`${unit}.koordinator@sambas.example`);
    coordinators.set(unit, token);
    for (const pattern of REPORTS) {
      const created = await w.call("POST", "/v1/reports", {
        token,
        body: {
          instance: pattern.replace("%", unit),
          content: {
            planning: "Rencana sosialisasi.",
            implementation: "Sosialisasi dilaksanakan.",
            organisation: "Rapat koordinasi.",
            monitoring: "Pemantauan oleh koordinator.",
          },
        },
      });
      if (created.status !== 201) throw new Error(`draft: ${JSON.stringify(created.body)}`);
      drafts.push({ id: created.body.id, version: created.body.version, token });
    }
  }
  // Count from here: the sign-in links and the day's digests are not this test's business.
  await w.stores.sesEvents.drain();
  await clearMail(w.stores.sesUrl);
  accepted.length = 0;
}, 120_000);
afterAll(async () => {
  await w.stop();
});

function launch(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/crash-server.ts"], {
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += String(d);
      const port = out.match(/LISTENING (\d+)/)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    });
    child.stderr?.on("data", (d) => {
      out += String(d);
    });
    child.on("exit", (code, signal) => reject(new Error(`API exited ${code ?? signal}: ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

type Kind = keyof typeof WORKERS;
interface Request {
  kind: Kind;
  /** What identifies the change before it is answered: a title, or the report's id. */
  key: string;
  path: string;
  token: string;
  body: unknown;
  ok: number;
}

/** How many drafts the current round may still submit (a share of what is left, per round). */
let reportBudget = 0;

/** The next request of a kind in a round; undefined when there is nothing left to ask. */
function next(kind: Kind, round: number, n: number): Request | undefined {
  const tag = `r${round} n${String(n).padStart(3, "0")}`;
  if (kind === "task") {
    const title = `Uji crash tugas ${tag}`;
    const body = { title, office: OFFICE, due: AHEAD };
    return { kind, key: title, path: "/v1/tasks", token: secretary, body, ok: 201 };
  }
  if (kind === "meeting") {
    const title = `Uji crash rapat ${tag}`;
    const body = {
      kind: "subtask",
      unit: "sgt-a",
      title,
      date: AHEAD,
      start: "09:00",
      end: "10:00",
      location: "Aula Kantor Bupati",
      nonWorkingDay: true,
    };
    return { kind, key: title, path: "/v1/meetings", token: secretary, body, ok: 201 };
  }
  if (reportBudget <= 0) return undefined;
  const draft = drafts.shift();
  if (!draft) return undefined;
  reportBudget--;
  const path = `/v1/reports/${draft.id}/submit`;
  return {
    kind,
    key: draft.id,
    path,
    token: draft.token,
    body: { version: draft.version },
    ok: 200,
  };
}

/** Keeps the workers asking until the process dies; returns what was answered and tried. */
async function load(
  url: string,
  round: number,
  focus: Kind,
  alive: () => boolean,
  dead: Promise<void>,
  onAnswered: (request: Request) => void,
) {
  const answered: Request[] = [];
  const tried: Request[] = [];
  let n = 0;
  const worker = async (kind: Kind) => {
    while (alive()) {
      const request = next(kind, round, n++);
      if (!request) return;
      tried.push(request);
      try {
        const response = await fetch(`${url}${request.path}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${request.token}`,
          },
          body: JSON.stringify(request.body),
        });
        if (response.status === request.ok) {
          answered.push(request);
          onAnswered(request);
        } else if (alive())
          throw new Error(`${request.key}: ${response.status} ${await response.text()}`);
      } catch (error) {
        // A reset connection is expected only from a dead process (its exit may be seen later).
        await Promise.race([dead, new Promise((r) => setTimeout(r, 3_000))]);
        if (alive()) throw error;
      }
    }
  };
  // The round's kind at full strength, one worker for each other kind (meetings are slow to
  // answer under a crowd of quick task creations).
  const kinds = (Object.keys(WORKERS) as Kind[]).flatMap((k) =>
    Array(k === focus ? WORKERS[k] : 1).fill(k),
  );
  await Promise.all(kinds.map(worker));
  return { answered, tried };
}

describe("kill -9 during concurrent writes", () => {
  it(`every stored change is audited once and each of its mails accepted exactly once (${ROUNDS} rounds, seed ${SEED})`, async () => {
    const random01 = random(SEED);
    const answered: Request[] = [];
    const tried: Request[] = [];
    const kills: string[] = [];
    // Each round's API process starts while the previous round runs (Node and tsx take seconds
    // to start here): two processes on the same stores, as two Lambdas would be.
    let starting = launch();
    for (let round = 1; round <= ROUNDS; round++) {
      const { child, url } = await starting;
      if (round < ROUNDS) starting = launch();
      // One answered request of each kind first, so that the kill lands among requests, not
      // module loading.
      reportBudget = Math.ceil(drafts.length / (ROUNDS - round + 1));
      for (const kind of Object.keys(WORKERS) as Kind[]) {
        const warm = next(kind, round, 900);
        if (!warm) continue;
        const response = await fetch(`${url}${warm.path}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${warm.token}`,
          },
          body: JSON.stringify(warm.body),
        });
        expect(response.status, `${warm.key}: ${await response.text()}`).toBe(warm.ok);
        answered.push(warm);
        tried.push(warm);
      }
      let alive = true;
      const dead = exited(child).then(() => {
        alive = false;
      });
      // The kill lands while writes of the round's kind are going on whatever this machine's
      // speed: after a random number of them answered, plus a random delay. The kinds take
      // turns (tasks are many and quick; meetings and reports fewer and slower).
      const kind = FOCUS[(round - 1) % FOCUS.length] as Kind;
      const answers = 1 + Math.floor(random01() * (kind === "task" ? 8 : 2));
      const after = Math.floor(random01() * 250);
      kills.push(`${answers} ${kind} answers + ${after} ms`);
      let timer: NodeJS.Timeout | undefined;
      // Should the round's kind run out of requests first (reports are few), it dies anyway.
      const fallback = setTimeout(() => child.kill("SIGKILL"), 6_000);
      let seen = 0;
      const result = await load(
        url,
        round,
        kind,
        () => alive,
        dead,
        (request) => {
          if (request.kind === kind && ++seen === answers)
            timer = setTimeout(() => child.kill("SIGKILL"), after);
        },
      );
      clearTimeout(timer);
      clearTimeout(fallback);
      await dead;
      answered.push(...result.answered);
      tried.push(...result.tried);
    }

    // Restart, as `npm start` does after a crash. SES's Send events for what it accepted arrive
    // within seconds (here: once the relay has delivered them); the intents sweep completes
    // what the kills left owed; the ledger's sweep then runs past the lease and the confirmation
    // window (time is a parameter) and sends only what SES never accepted.
    const { Outbox } = await import("@tenggat/core/outbox");
    const { Ledger } = await import("@tenggat/core/ledger");
    const { Actor } = await import("@tenggat/core/actor");
    const { Audit } = await import("@tenggat/core/audit");
    const { Dynamo, Key } = await import("@tenggat/core/dynamo");
    const { Notify } = await import("@tenggat/core/notify");
    const { LocalDate } = await import("@tenggat/core/date");
    const system = <R>(fn: () => Promise<R>, at?: Date) =>
      Actor.provide({ type: "system", tenant: w.tenant, job: "test" }, fn, at && (() => at));
    await w.stores.sesEvents.drain();
    const now = new Date();
    await Outbox.sweepAll(now, [w.tenant]);
    await w.stores.sesEvents.drain();
    const later = new Date(now.getTime() + Ledger.LEASE_MS + Ledger.CONFIRM_MS + 60_000);
    const swept = await system(() => Ledger.sweep(w.tenant), later);
    await w.stores.sesEvents.drain();
    const today = LocalDate.at(now);

    const tasks = (
      await Dynamo.queryAll<DynamoTypes.Item & { id: string; title: string }>({
        index: "gsi1",
        pk: Key.tasksOfOffice(w.tenant, OFFICE).gsi1pk,
      })
    ).filter((t) => t.title.startsWith("Uji crash"));
    const meetings = (
      await Dynamo.queryAll<DynamoTypes.Item & { id: string; title: string; invitees: string[] }>({
        index: "gsi1",
        pk: Key.meetingsOfUnit(w.tenant, "sgt-a").gsi1pk,
      })
    ).filter((m) => m.title.startsWith("Uji crash"));
    const submittedTried = new Set(tried.filter((r) => r.kind === "report").map((r) => r.key));
    const reports: { id: string; status: string; route: string[]; copies: string[] }[] = [];
    for (const id of submittedTried) {
      const k = Key.report(w.tenant, id);
      const r = await Dynamo.get<DynamoTypes.Item & (typeof reports)[number]>(k.pk, k.sk);
      if (r) reports.push(r);
    }

    const mails = await w.mail();
    const stored = {
      task: new Set(tasks.map((t) => t.title)),
      meeting: new Set(meetings.map((m) => m.title)),
      report: new Set(reports.filter((r) => r.status === "submitted").map((r) => r.id)),
    };
    const figures = {
      seed: SEED,
      kills,
      answered: Object.fromEntries(
        (Object.keys(WORKERS) as Kind[]).map((k) => [
          k,
          answered.filter((r) => r.kind === k).length,
        ]),
      ),
      unanswered: tried.length - answered.length,
      stored: { tasks: tasks.length, meetings: meetings.length, reports: stored.report.size },
      mailsAccepted: mails.length,
      resentBySweep: swept.sent,
    };
    console.log(JSON.stringify(figures));

    // Every answered change is stored; some unanswered ones may be stored too (killed after the
    // write, before the answer) — those must be just as complete.
    expect(answered.filter((r) => r.kind === "report").length).toBeGreaterThan(0);
    expect(answered.filter((r) => r.kind === "meeting").length).toBeGreaterThan(0);
    expect(answered.filter((r) => !stored[r.kind].has(r.key)).map((r) => r.key)).toEqual([]);
    // The relay saw every mail SES accepted (one Send event each), so counting events counts mails.
    expect(accepted.length).toBe(mails.length);
    // No mail went out twice, whatever it was (tasks, invitations, reports, digests, sign-in).
    const byLedger = new Map<string, number>();
    for (const a of accepted) {
      expect(a.ledger, `mail ${a.messageId} carries its ledger entry`).toBeDefined();
      byLedger.set(a.ledger ?? "", (byLedger.get(a.ledger ?? "") ?? 0) + 1);
    }
    expect([...byLedger].filter(([, n]) => n > 1)).toEqual([]);

    const problems: string[] = [];
    let expected = 0;
    /** One audit event of `action`; each recipient's mail accepted once, its entry sent. */
    async function check(
      what: string,
      entity: "task" | "meeting" | "report",
      id: string,
      action: string,
      kind: NotifyTypes.Kind,
      recipients: NotifyTypes.Recipient[],
      title?: string,
    ) {
      const trail = await Audit.ofEntity(w.tenant, entity, id);
      const events = trail.items.filter((e) => e.action === action);
      if (events.length !== 1) problems.push(`${what}: ${events.length} ${action} events`);
      const event = events[0];
      if (!event) return;
      if (recipients.length === 0) problems.push(`${what}: nobody to tell`);
      for (const r of recipients) {
        expected++;
        const ledgerId = `${event.id}:${kind}:${r.person.id}`;
        const times = byLedger.get(`${w.tenant}/${ledgerId}`) ?? 0;
        if (times !== 1) problems.push(`${what}: accepted ${times} times for ${r.person.email}`);
        const entry = await system(() => Ledger.get(w.tenant, ledgerId));
        if (entry?.status !== "sent") problems.push(`${what}: ledger ${entry?.status}`);
        // Independently of the events: the stored mails with this title, to this person.
        if (title) {
          const seen = mails.filter(
            (m) =>
              m.subject.includes(`${title} `) &&
              m.destination.to.some((to) => to.includes(r.person.email)),
          ).length;
          if (seen !== 1) problems.push(`${what}: ${seen} mails in SES to ${r.person.email}`);
        }
      }
    }
    const taskTo = await system(() => Notify.recipients(w.tenant, [OFFICE], today));
    for (const t of tasks) {
      await check(t.title, "task", t.id, "task.assigned", "task-assigned", taskTo, t.title);
    }
    for (const m of meetings) {
      const invited = await system(() => Notify.recipients(w.tenant, m.invitees, today, "skip"));
      const kind = "meeting-invitation";
      await check(m.title, "meeting", m.id, "meeting.scheduled", kind, invited, m.title);
    }
    for (const r of reports.filter((x) => x.status === "submitted")) {
      const to = await system(() =>
        // Outsiders among the copies (`ext:…`) are not mailed.
        Notify.recipients(
          w.tenant,
          [r.route[0] ?? "", ...r.copies.filter((c) => !c.startsWith("ext:"))],
          today,
        ),
      );
      await check(r.id, "report", r.id, "report.submitted", "report-submitted", to);
    }
    // A report whose submission was never stored was never announced either.
    for (const r of reports.filter((x) => x.status !== "submitted")) {
      const trail = await Audit.ofEntity(w.tenant, "report", r.id);
      if (trail.items.some((e) => e.action === "report.submitted"))
        problems.push(`${r.id}: a submission event for a report still ${r.status}`);
    }
    expect(problems).toEqual([]);
    expect(expected).toBeGreaterThan(stored.task.size);
    console.log(JSON.stringify({ mailsExpected: expected, eachAcceptedOnce: true }));
    // Nothing owed is left for a stored change (young intents of unstored ones may wait).
    const ids = new Set([
      ...tasks.map((t) => t.id),
      ...meetings.map((m) => m.id),
      ...stored.report,
    ]);
    const owed = await system(() => Outbox.waiting(w.tenant));
    expect(owed.filter((i) => ids.has(i.event.entityId))).toEqual([]);
  }, 120_000);
});
