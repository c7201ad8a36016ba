/**
 * The console's pages through HTTP (no browser needed): every link in every mail of a simulated
 * month opened as its recipient; the dashboard (states, filters, CSV, bounded DynamoDB queries);
 * and the permission matrix for pages — page × role × own unit / other unit / other task force —
 * where a page answers as the API does, and shows no button whose action the API refuses.
 */
import { Dynamo } from "@tenggat/core/dynamo";
import { Meeting } from "@tenggat/core/meeting";
import { Obligation } from "@tenggat/core/obligation";
import { Org } from "@tenggat/core/org";
import { RAD } from "@tenggat/core/rad";
import { Reminder } from "@tenggat/core/reminder";
import { Report } from "@tenggat/core/report";
import { Sambas } from "@tenggat/core/sambas";
import type { Seed } from "@tenggat/core/seed";
import { Task } from "@tenggat/core/task";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "../support.ts";

let w: World;
let now = new Date("2027-01-04T01:00:00Z");
const tokens = new Map<string, string>();
const mails: { id: string; to: string[]; subject: string; text: string }[] = [];

/** Keeps every mail sent so far (signing in clears the embedded SES's store). */
async function collect() {
  for (const m of await w.mail()) {
    if (mails.some((x) => x.id === m.messageId)) continue;
    mails.push({
      id: m.messageId,
      to: m.destination.to,
      subject: m.subject,
      text: m.body.text ?? "",
    });
  }
}
let reportId = "";
let taskId = "";
let meetingId = "";
let submissionId = "";
const OTHER = "singkawang";

const KOOR_A = "sgt-a.koordinator@sambas.example";
const KOOR_B = "sgt-b.koordinator@sambas.example";
const SEK = "gt.sekretaris@sambas.example";
const KETUA_HARIAN = "gt.ketua-harian@sambas.example";
const OTHER_SEK = "gt.sekretaris@singkawang.example";

async function token(email: string): Promise<string> {
  let t = tokens.get(email);
  if (!t) {
    const tf = email.endsWith("@singkawang.example") ? OTHER : "sambas";
    await collect();
    if (tf === "sambas") t = await w.signIn(email);
    else {
      // signIn() of the support world signs in to Sambas; the other task force's by hand.
      await w.call("POST", "/v1/auth/sign-in", { body: { taskForce: tf, email } });
      const m = (await w.mail()).filter((x) => x.destination.to.some((to) => to.includes(email)));
      const code = m.at(-1)?.body.text?.match(/[?&]code=([A-Za-z0-9_-]+)/)?.[1];
      t = (await w.call("POST", "/v1/auth/verify", { body: { taskForce: tf, code } })).body.token;
    }
    tokens.set(email, t as string);
  }
  return t as string;
}

/** GET a page (following nothing) as `email`, or anonymously. */
async function page(path: string, email?: string) {
  const r = await w.app.request(path, {
    headers: email ? { authorization: `Bearer ${await token(email)}` } : {},
  });
  return { status: r.status, location: r.headers.get("location"), html: await r.text(), r };
}

beforeAll(async () => {
  const org = Sambas.organisation();
  const other: Seed.SeedInput = {
    taskForce: { id: OTHER, name: "Uji", level: "kabupaten", legalBasis: "uji" },
    org: Org.withPeople(
      org,
      org.offices
        .filter((o) => o.role !== "anggota")
        .map((o) => ({ office: o.code, name: o.title, email: `${o.code}@singkawang.example` })),
    ),
    since: "2016-04-01",
    trackFrom: "2027-01-04",
    plans: [RAD.sambas2016()],
  };
  w = await world({ clock: () => now, trackFrom: "2027-01-04", also: [other] });
  // A month of the daily job (digests, reminders), then the mails of a report, a meeting, a task.
  for (let day = 0; day < 35; day += 3) {
    now = new Date(Date.UTC(2027, 0, 4 + day, 1));
    await Reminder.daily(now, { tenants: ["sambas"] });
  }
  now = new Date("2027-02-08T02:00:00Z");
  const koor = await token(KOOR_A);
  const created = await w.call("POST", "/v1/reports", {
    token: koor,
    body: {
      instance: "semester-report:sgt-a:2026-S2",
      content: {
        planning: "Rencana.",
        implementation: "Pelaksanaan.",
        organisation: "Organisasi.",
        monitoring: "Monitoring.",
      },
    },
  });
  reportId = created.body.id;
  await w.call("POST", `/v1/reports/${reportId}/submit`, {
    token: koor,
    body: { version: created.body.version },
  });
  const sek = await token(SEK);
  const meeting = await w.call("POST", "/v1/meetings", {
    token: sek,
    body: {
      kind: "subtask",
      unit: "sgt-a",
      date: "2027-02-15",
      start: "09:00",
      end: "11:00",
      location: "Aula",
      agenda: "Evaluasi",
    },
  });
  meetingId = meeting.body.id;
  const task = await w.call("POST", "/v1/tasks", {
    token: sek,
    body: { title: "Kumpulkan data kasus", office: "sgt-a.koordinator", due: "2027-02-20" },
  });
  taskId = task.body.id;
  const drafted = await w.call("POST", "/v1/submissions", {
    token: await token(KETUA_HARIAN),
    body: { year: 2026, period: "annual" },
  });
  submissionId = drafted.body.id;
  await collect();
}, 240_000);
afterAll(async () => w?.stop());

/** What a page must show for the entity a link names. */
async function expected(path: string): Promise<string | undefined> {
  const [, kind, raw] = path.match(/^\/(kewajiban|laporan|rapat|tugas)\/([^/?]+)/) ?? [];
  if (!kind || !raw) return undefined;
  const id = decodeURIComponent(raw);
  if (kind === "kewajiban") return (await Obligation.get("sambas", id))?.title.id;
  if (kind === "laporan") return (await Report.get("sambas", id))?.title.id;
  if (kind === "rapat") return (await Meeting.get("sambas", id))?.title;
  return (await Task.get("sambas", id))?.title;
}

describe("every link in every mail of a month, opened as its recipient", () => {
  it("lands on a 200 page that shows what the mail is about (no dead end, no JSON)", async () => {
    const opened: string[] = [];
    const failures: string[] = [];
    for (const mail of mails) {
      const to = mail.to[0]?.match(/[\w.+-]+@[\w.-]+/)?.[0];
      if (!to?.endsWith("@sambas.example")) continue;
      const links = [...mail.text.matchAll(/https?:\/\/[^\s<>)"]+/g)].map((m) =>
        m[0].replace(/^https?:\/\/[^/]+/, ""),
      );
      for (const link of links) {
        // Not pages: the calendar feed, the API reference, sign-in codes (used once, tested apart),
        // and the settings link that still points at GET /v1/me until the mail helper's change.
        if (/^\/(v1\/feed\.ics|docs|masuk\/tautan|v1\/me\b)/.test(link)) continue;
        let r = await page(link, to);
        if (r.status === 303 && r.location) r = await page(r.location, to);
        const type = r.r.headers.get("content-type") ?? "";
        const want = await expected(new URL(r.r.url, "http://x").pathname);
        if (r.status !== 200 || !type.includes("text/html") || (want && !r.html.includes(want))) {
          failures.push(`${mail.subject} → ${link}: ${r.status} ${type}`);
        }
        opened.push(link);
      }
    }
    expect(failures).toEqual([]);
    // The month mailed links to obligations, the report, the meeting and the task.
    expect(opened.length).toBeGreaterThan(10);
    // Mails link straight to the pages (docs/mails.md); the old signed links still redirect.
    expect(opened.some((l) => l.startsWith("/kewajiban/"))).toBe(true);
  });
});

describe("the dashboard", () => {
  it("shows every unit × obligation with states and totals from one Query per unit", async () => {
    await token(SEK);
    Dynamo.resetRequestCounts();
    const r = await page("/dasbor?tahun=2027", SEK);
    const counts = Dynamo.requestCounts();
    expect(r.status).toBe(200);
    expect(r.html).toContain("Dasbor tahunan 2027");
    expect(r.html).toContain("Sub Gugus Tugas A");
    expect(r.html).toMatch(/jatuh tempo segera|lewat tenggat|belum dibuka/);
    // 2027 has no official holiday list stored or shipped: the page says its dates are estimates.
    expect(r.html).toContain("Hari libur 2027 masih perkiraan");
    expect(r.html).toMatch(/RAD A\.4 — Satgas terbentuk: \d+ dari 19 kecamatan/);
    const y2026 = await page("/dasbor?tahun=2026", SEK);
    expect(y2026.html).not.toContain("masih perkiraan");
    const units = (await w.call("GET", "/v1/units", { token: await token(SEK) })).body.items
      .length as number;
    const queries = counts.QueryCommand ?? 0;
    // One per unit, plus the organisation when this process's copy is cold (one Query for units
    // and offices; the Satgas progress is computed from the same units).
    expect(queries).toBeLessThanOrEqual(units + 1);
    const filtered = await page("/dasbor?tahun=2027&unit=sgt-a&keadaan=due-soon", SEK);
    expect(filtered.html).not.toContain("Sub Gugus Tugas Bidang Penegakan Hukum");
    const csv = await w.app.request("/dasbor.csv?tahun=2027&unit=sgt-a", {
      headers: { authorization: `Bearer ${await token(SEK)}` },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8
    expect(bytes.toString("utf8")).toContain("semester-report:sgt-a:2026-S2");
  });
});

describe("the permission matrix for pages", () => {
  const ANON = undefined;
  const cases: { what: string; page: () => string; api: () => string }[] = [
    { what: "report", page: () => `/laporan/${reportId}`, api: () => `/v1/reports/${reportId}` },
    { what: "task", page: () => `/tugas/${taskId}`, api: () => `/v1/tasks/${taskId}` },
    { what: "meeting", page: () => `/rapat/${meetingId}`, api: () => `/v1/meetings/${meetingId}` },
    {
      what: "obligation",
      page: () => `/kewajiban/${encodeURIComponent("semester-report:sgt-a:2026-S2")}`,
      api: () => `/v1/obligations/${encodeURIComponent("semester-report:sgt-a:2026-S2")}`,
    },
    // The settings page carries the upstreams, which only the secretariat may read.
    { what: "settings", page: () => "/pengaturan", api: () => "/v1/upstreams" },
    { what: "submissions", page: () => "/kiriman", api: () => "/v1/submissions" },
    {
      what: "submission",
      page: () => `/kiriman/${submissionId}`,
      api: () => `/v1/submissions/${submissionId}`,
    },
    {
      what: "reminder preview",
      page: () => "/pratinjau-pengingat?tanggal=2027-02-09",
      api: () => "/v1/reminders/preview?date=2027-02-09",
    },
  ];
  const people = [SEK, KOOR_A, KOOR_B, OTHER_SEK, "gt.ketua-harian@sambas.example"];

  it("a page answers as the API does, for every role and unit and the other task force", async () => {
    const cells: string[] = [];
    for (const c of cases) {
      for (const who of people) {
        const p = await page(c.page(), who);
        const a = await w.call("GET", c.api(), { token: await token(who) });
        cells.push(`${c.what} ${who}: page ${p.status} api ${a.status}`);
        expect(p.status, `${c.what} as ${who}`).toBe(a.status);
      }
      const anon = await page(c.page(), ANON);
      expect(anon.status).toBe(303);
      expect(anon.location).toMatch(/^\/masuk\?/);
    }
    // The other unit's coordinator may read none of sgt-a's report and task; the other task
    // force sees nothing of Sambas.
    expect(cells).toContain(`report ${KOOR_B}: page 403 api 403`);
    expect(cells).toContain(`task ${KOOR_B}: page 403 api 403`);
    expect(cells).toContain(`report ${OTHER_SEK}: page 404 api 404`);
    expect(cells).toContain(`settings ${KOOR_A}: page 403 api 403`);
    expect(cells).toContain(`settings ${OTHER_SEK}: page 200 api 200`);
    expect(cells).toContain(`submission ${KOOR_B}: page 200 api 200`);
    expect(cells).toContain(`submission ${OTHER_SEK}: page 404 api 404`);
  });

  it("shows a button only to whom the API allows its action, and refuses the POST otherwise", async () => {
    // The report is submitted and waits for the Ketua Harian; the Sekretaris stands in for that
    // office at meetings only (Pasal 9(2)c), so sees no approve button.
    const kh = await page(`/laporan/${reportId}`, KETUA_HARIAN);
    expect(kh.html).toContain(`href="/laporan/${reportId}/setujui"`);
    const sek = await page(`/laporan/${reportId}`, SEK);
    expect(sek.html).not.toContain(`href="/laporan/${reportId}/setujui"`);
    const owner = await page(`/laporan/${reportId}`, KOOR_A);
    expect(owner.html).not.toContain(`/laporan/${reportId}/setujui`);
    expect(owner.html).not.toContain(`/laporan/${reportId}/ubah`);
    const api = await w.call("POST", `/v1/reports/${reportId}/approve`, {
      token: await token(KOOR_A),
      body: { version: 2 },
    });
    expect(api.status).toBe(403);
    expect((await page(`/laporan/${reportId}/setujui`, KOOR_A)).status).toBe(403);
    // The task: only its office sees "accept"; the API refuses the others.
    expect((await page(`/tugas/${taskId}`, KOOR_A)).html).toContain("Terima tugas");
    expect((await page(`/tugas/${taskId}`, SEK)).html).not.toContain("Terima tugas");
    const accept = await w.call("POST", `/v1/tasks/${taskId}/accept`, {
      token: await token(SEK),
      body: { version: 1 },
    });
    expect(accept.status).toBe(403);
    // The meeting's forms: for its managers (secretariat, sgt-a's leaders), not for others.
    expect((await page(`/rapat/${meetingId}`, KOOR_A)).html).toContain("Ubah jadwal");
    expect((await page(`/rapat/${meetingId}`, SEK)).html).toContain("Catat pelaksanaan rapat");
    expect((await page(`/rapat/${meetingId}`, KOOR_B)).html).not.toContain("Ubah jadwal");
    // The dashboard is the secretariat's; the link in the header too.
    expect((await page("/dasbor", KOOR_A)).status).toBe(403);
    expect((await page("/", KOOR_A)).html).not.toContain('href="/dasbor"');
    expect((await page("/", SEK)).html).toContain('href="/dasbor"');
  });

  it("people and offices: the secretariat registers a person and makes them acting holder", async () => {
    expect((await page("/orang", KOOR_A)).status).toBe(403);
    const before = await page("/orang", SEK);
    expect(before.status).toBe(200);
    const form = (path: string, body: Record<string, string>) =>
      w.app.request(path, {
        method: "POST",
        headers: {
          authorization: `Bearer ${tokens.get(SEK)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(body).toString(),
      });
    const bad = await form("/orang/daftar", { name: "Rina", email: "bukan-alamat" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="email-error"');
    const made = await form("/orang/daftar", { name: "Rina Wati", email: "rina@sambas.example" });
    expect(made.status).toBe(303);
    const people = await w.call("GET", "/v1/people?limit=200", { token: await token(SEK) });
    const rina = people.body.items.find(
      (p: { email: string }) => p.email === "rina@sambas.example",
    );
    // An acting holder needs the appointing decision (Pasal 5(5)): refused without it.
    const undecided = await form("/orang/tugaskan", {
      office: "sgt-b.koordinator",
      personId: rina.id,
      start: "2027-02-08",
      acting: "1",
    });
    expect(undecided.status).toBe(400);
    expect(await undecided.text()).toContain('id="decisionNumber-error"');
    const assigned = await form("/orang/tugaskan", {
      office: "sgt-b.koordinator",
      personId: rina.id,
      start: "2027-02-08",
      acting: "1",
      decisionNumber: "188.45/12/2027",
      decisionDate: "2027-02-05",
      decisionBy: "Ketua Gugus Tugas",
    });
    expect(assigned.status).toBe(303);
    const after = await page("/orang?selesai=tugaskan", SEK);
    expect(after.html).toContain("Plt. Rina Wati");
    // The same refusal as the API for a coordinator posting the form.
    const refused = await w.app.request("/orang/daftar", {
      method: "POST",
      headers: {
        authorization: `Bearer ${await token(KOOR_A)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "name=X&email=x%40sambas.example",
    });
    expect(refused.status).toBe(403);
  });

  it("a task is handed over with a reason; a too-short reason is shown beside its field", async () => {
    const before = await page(`/tugas/${taskId}`, KOOR_A);
    expect(before.html).toContain("Alihkan ke jabatan lain");
    const version = Number(before.html.match(/name="version" value="(\d+)"/)?.[1]);
    const post = (reason: string) =>
      w.app.request(`/tugas/${taskId}/alihkan`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${tokens.get(KOOR_A)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          version: String(version),
          office: "sgt-a.wakil-koordinator",
          reason,
        }).toString(),
      });
    const short = await post("x");
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('id="reason-error"');
    expect((await post("Koordinator sedang dinas luar.")).status).toBe(303);
    const api = await w.call("GET", `/v1/tasks/${taskId}`, { token: await token(SEK) });
    expect(api.body.office).toBe("sgt-a.wakil-koordinator");
  });
});
