import { type Embedded, start } from "@tenggat/local/embedded";
import { request, taskForce } from "@tenggat/local/fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_FORMS, LEGITIMATE_TEXTS } from "./forms.ts";

/**
 * Finding 1 of issue 11 through HTTP: every written form of an identity number is refused in
 * every free-text field every area stores, with 400 `privacy.identity_number` naming the field,
 * and ordinary texts (dates, decree numbers, amounts, years) still go through.
 */

const TF = "uji-privasi";
const NOW = new Date("2027-03-10T02:00:00Z"); // Wednesday, 09:00 in Sambas
const OFFICES = { sekretaris: "gt.sekretaris", koorA: "sgt-a.koordinator" } as const;
type Who = keyof typeof OFFICES;
const tokens = {} as Record<Who, string>;
let stores: Embedded;
let app: Awaited<ReturnType<typeof makeApp>>;

async function makeApp() {
  const { createApp } = await import("@tenggat/functions/api/app");
  return createApp({ clock: () => NOW });
}

const call = (method: string, path: string, who: Who, body: unknown) =>
  request(app, method, path, { token: tokens[who], body });

/** A free-text field: where it is sent, as whom, and the body that carries `text` in it. */
interface Field {
  area: string;
  path: string;
  method: string;
  url: () => string;
  who: Who;
  body: (text: string) => unknown;
}

const ids = { meeting: "", task: "", report: "", obligation: "" };
const holiday = (name: string) => ({
  settings: { officialHolidays: { "2027": [{ date: "2027-08-17", name }] } },
  version: 1,
});
const meeting = (over: Record<string, unknown>) => ({
  kind: "subtask",
  unit: "sgt-a",
  date: "2027-03-24",
  start: "09:00",
  end: "11:00",
  location: "Aula Dinas Pendidikan",
  ...over,
});
const content = (over: Record<string, unknown>) => ({
  planning: "Rencana sosialisasi.",
  implementation: "Sosialisasi di 3 desa.",
  organisation: "Dua rapat koordinasi.",
  monitoring: "Pemantauan di 2 desa.",
  narrative: "Ringkasan.",
  ...over,
});
const minutes = (over: Record<string, unknown>) => ({
  attendance: { offices: ["sgt-a.koordinator"] },
  version: 1,
  ...over,
});
const item = (over: Record<string, unknown>) => ({
  title: "Sosialisasi",
  office: "sgt-a.koordinator",
  due: "2027-04-30",
  ...over,
});

const FIELDS: Field[] = [
  {
    area: "meeting",
    path: "title",
    method: "POST",
    url: () => "/v1/meetings",
    who: "koorA",
    body: (t) => meeting({ title: t }),
  },
  {
    area: "meeting",
    path: "location",
    method: "POST",
    url: () => "/v1/meetings",
    who: "koorA",
    body: (t) => meeting({ location: t }),
  },
  {
    area: "meeting",
    path: "agenda",
    method: "POST",
    url: () => "/v1/meetings",
    who: "koorA",
    body: (t) => meeting({ agenda: t }),
  },
  {
    area: "meeting",
    path: "reason",
    method: "POST",
    url: () => `/v1/meetings/${ids.meeting}/reschedule`,
    who: "koorA",
    body: (t) => ({ date: "2027-03-25", start: "09:00", end: "11:00", reason: t, version: 1 }),
  },
  {
    area: "meeting",
    path: "location",
    method: "POST",
    url: () => `/v1/meetings/${ids.meeting}/reschedule`,
    who: "koorA",
    body: (t) => ({ date: "2027-03-25", start: "09:00", end: "11:00", location: t, version: 1 }),
  },
  {
    area: "meeting",
    path: "reason",
    method: "POST",
    url: () => `/v1/meetings/${ids.meeting}/cancel`,
    who: "koorA",
    body: (t) => ({ reason: t, version: 1 }),
  },
  {
    area: "meeting",
    path: "decisions.0",
    method: "POST",
    url: () => `/v1/meetings/${ids.meeting}/hold`,
    who: "koorA",
    body: (t) => minutes({ decisions: [t] }),
  },
  {
    area: "meeting",
    path: "notes",
    method: "POST",
    url: () => `/v1/meetings/${ids.meeting}/hold`,
    who: "koorA",
    body: (t) => minutes({ notes: t }),
  },
  {
    area: "meeting",
    path: "actionItems.0.title",
    method: "POST",
    url: () => `/v1/meetings/${ids.meeting}/hold`,
    who: "koorA",
    body: (t) => minutes({ actionItems: [item({ title: t })] }),
  },
  {
    area: "meeting",
    path: "actionItems.0.description",
    method: "POST",
    url: () => `/v1/meetings/${ids.meeting}/hold`,
    who: "koorA",
    body: (t) => minutes({ actionItems: [item({ description: t })] }),
  },
  {
    area: "task",
    path: "title",
    method: "POST",
    url: () => "/v1/tasks",
    who: "sekretaris",
    body: (t) => item({ title: t }),
  },
  {
    area: "task",
    path: "description",
    method: "POST",
    url: () => "/v1/tasks",
    who: "sekretaris",
    body: (t) => item({ description: t }),
  },
  {
    area: "task",
    path: "note",
    method: "POST",
    url: () => `/v1/tasks/${ids.task}/complete`,
    who: "koorA",
    body: (t) => ({ note: t, version: 1 }),
  },
  {
    area: "task",
    path: "reason",
    method: "POST",
    url: () => `/v1/tasks/${ids.task}/reassign`,
    who: "sekretaris",
    body: (t) => ({ office: "gt.sekretaris", reason: t, version: 1 }),
  },
  {
    area: "task",
    path: "reason",
    method: "POST",
    url: () => `/v1/tasks/${ids.task}/cancel`,
    who: "sekretaris",
    body: (t) => ({ reason: t, version: 1 }),
  },
  {
    area: "obligation",
    path: "reason",
    method: "POST",
    url: () => `/v1/obligations/${ids.obligation}/waive`,
    who: "sekretaris",
    body: (t) => ({ reason: t, version: 1 }),
  },
  {
    area: "report",
    path: "content.narrative",
    method: "PUT",
    url: () => `/v1/reports/${ids.report}`,
    who: "koorA",
    body: (t) => ({ version: 1, content: content({ narrative: t }) }),
  },
  {
    area: "report",
    path: "content.monitoring",
    method: "PUT",
    url: () => `/v1/reports/${ids.report}`,
    who: "koorA",
    body: (t) => ({ version: 1, content: content({ monitoring: t }) }),
  },
  {
    area: "report",
    path: "content.rad.0.process.note",
    method: "PUT",
    url: () => `/v1/reports/${ids.report}`,
    who: "koorA",
    body: (t) => ({
      version: 1,
      content: content({
        rad: [{ row: "rad-2016-2020.A.2", process: { actual: 1, note: t }, result: { actual: 1 } }],
      }),
    }),
  },
  {
    area: "report",
    path: "comments",
    method: "POST",
    url: () => `/v1/reports/${ids.report}/return`,
    who: "sekretaris",
    body: (t) => ({ comments: t, version: 1 }),
  },
  {
    area: "directory",
    path: "name",
    method: "POST",
    url: () => "/v1/people",
    who: "sekretaris",
    body: (t) => ({ name: t, email: "orang@uji.example" }),
  },
  {
    area: "directory",
    path: "name",
    method: "POST",
    url: () => "/v1/units",
    who: "sekretaris",
    body: (t) => ({ name: t, kecamatan: "satgas-kec-paloh" }),
  },
  {
    area: "directory",
    path: "name",
    method: "POST",
    url: () => "/v1/api-keys",
    who: "sekretaris",
    body: (t) => ({ name: t, scopes: ["reports:read"] }),
  },
  {
    area: "settings",
    path: "settings.officialHolidays.2027.0.name",
    method: "PUT",
    url: () => "/v1/settings",
    who: "sekretaris",
    body: holiday,
  },
];

beforeAll(async () => {
  stores = await start();
  app = await makeApp();
  const fixture = await taskForce({
    tenant: TF,
    now: NOW,
    offices: OFFICES,
    instances: {
      query: { from: "2026-08-01", to: "2027-12-31", obligations: ["semester-report", "workshop"] },
    },
  });
  Object.assign(tokens, fixture.tokens);
  const m = await call("POST", "/v1/meetings", "koorA", meeting({}));
  const t = await call("POST", "/v1/tasks", "sekretaris", item({}));
  const r = await call("POST", "/v1/reports", "koorA", {
    instance: "semester-report:sgt-a:2026-S2",
    content: content({}),
  });
  const o = await request(app, "GET", "/v1/obligations?unit=gt", { token: tokens.sekretaris });
  expect([m.status, t.status, r.status, o.status]).toEqual([201, 201, 201, 200]);
  ids.meeting = m.body.id;
  ids.task = t.body.id;
  ids.report = r.body.id;
  ids.obligation = o.body.items.find((i: { obligation: string }) => i.obligation === "workshop").id;
});
afterAll(async () => {
  await stores?.stop();
});

describe("identity numbers in free text, through HTTP", () => {
  it(`refuses ${IDENTITY_FORMS.length} written forms in each of ${FIELDS.length} fields of every area, naming the field`, async () => {
    expect(IDENTITY_FORMS.length).toBeGreaterThanOrEqual(23);
    const missed: string[] = [];
    let tried = 0;
    for (const field of FIELDS) {
      const replies = await Promise.all(
        IDENTITY_FORMS.map((form) =>
          call(field.method, field.url(), field.who, field.body(form.text)),
        ),
      );
      replies.forEach((reply, i) => {
        tried++;
        const refused =
          reply.status === 400 &&
          reply.body.error.code === "privacy.identity_number" &&
          reply.body.error.issues.some((issue: { path: string }) => issue.path === field.path);
        if (!refused)
          missed.push(`${field.area} ${field.path} ← ${IDENTITY_FORMS[i]?.name}: ${reply.status}`);
      });
    }
    console.info(`identity forms refused: ${tried - missed.length}/${tried}`);
    expect(missed).toEqual([]);
    expect(tried).toBe(IDENTITY_FORMS.length * FIELDS.length);
  });

  it("stored nothing while refusing", async () => {
    const task = await request(app, "GET", `/v1/tasks/${ids.task}`, { token: tokens.sekretaris });
    const meeting = await request(app, "GET", `/v1/meetings/${ids.meeting}`, {
      token: tokens.koorA,
    });
    expect([task.body.version, task.body.status]).toEqual([1, "assigned"]);
    expect([meeting.body.version, meeting.body.status]).toEqual([1, "scheduled"]);
    const people = await request(app, "GET", "/v1/people?limit=200", { token: tokens.sekretaris });
    expect(people.body.items.map((p: { email: string }) => p.email)).not.toContain(
      "orang@uji.example",
    );
  });

  it("lets ordinary texts through: dates, times, decree numbers, amounts, years", async () => {
    const tasks = await Promise.all(
      LEGITIMATE_TEXTS.map((text, i) =>
        call("POST", "/v1/tasks", "sekretaris", item({ title: `Tugas ${i}`, description: text })),
      ),
    );
    expect(tasks.map((t) => [t.status, t.body.description])).toEqual(
      LEGITIMATE_TEXTS.map((text) => [201, text]),
    );
    const agenda = await call(
      "POST",
      "/v1/meetings",
      "koorA",
      meeting({ agenda: LEGITIMATE_TEXTS.join("\n") }),
    );
    expect(agenda.status).toBe(201);
    const report = await call("PUT", `/v1/reports/${ids.report}`, "koorA", {
      version: 1,
      content: content({ narrative: LEGITIMATE_TEXTS.join("\n") }),
    });
    expect(report.status).toBe(200);
  });
});
