import { Actor } from "@tenggat/core/actor";
import { Audit } from "@tenggat/core/audit";
import { Obligation } from "@tenggat/core/obligation";
import { type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { request, taskForce } from "@tenggat/local/fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";

/**
 * Issue 8 through HTTP: non-working days (§8), Satgas establishment (§3), the Bupati's
 * evaluation (§6), duties settled by what the text asks for (§2, §9).
 */

const TF = "uji-fidelitas";
const NOW = new Date("2026-12-01T02:00:00Z"); // Tuesday 1 December 2026, 09:00 in Sambas
const app = createApp({ clock: () => NOW });
const OFFICES = {
  sekretaris: "gt.sekretaris",
  ketua: "gt.ketua",
  ketuaHarian: "gt.ketua-harian",
  koorA: "sgt-a.koordinator",
} as const;
type Who = keyof typeof OFFICES;
const tokens = {} as Record<Who, string>;

let stores: Embedded;
beforeAll(async () => {
  stores = await start();
  const fixture = await taskForce({
    tenant: TF,
    now: NOW,
    offices: OFFICES,
    instances: {
      query: {
        from: "2026-10-01",
        to: "2030-12-31",
        obligations: ["holiday-list", "action-plan-renewal"],
      },
    },
  });
  Object.assign(tokens, fixture.tokens);
  // The first request loads the app's routes; pay for it here, not inside a test's time.
  await request(app, "GET", "/v1/settings", { token: tokens.sekretaris });
});
afterAll(async () => {
  await stores?.stop();
});

const call = (method: string, path: string, who: Who, body?: unknown) =>
  request(app, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });

const meeting = (over: Record<string, unknown> = {}) => ({
  kind: "taskforce",
  date: "2026-12-25",
  start: "09:00",
  end: "11:00",
  location: "Aula Kantor Bupati Sambas",
  ...over,
});

describe("non-working days (issue 8 §8)", () => {
  it("refuses a meeting on 25 December with a 400 naming `date`, unless the request says so", async () => {
    // Act
    const refused = await call("POST", "/v1/meetings", "sekretaris", meeting());
    const leave = await call("POST", "/v1/meetings", "sekretaris", meeting({ date: "2026-12-24" }));
    const listed = await call("GET", "/v1/meetings?unit=gt", "sekretaris");
    const allowed = await call(
      "POST",
      "/v1/meetings",
      "sekretaris",
      meeting({ nonWorkingDay: true }),
    );

    // Assert
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("date");
    expect(JSON.stringify(refused.body)).toMatch(/Kelahiran Yesus Kristus.*nonWorkingDay/);
    expect(leave.status).toBe(400);
    expect(JSON.stringify(leave.body)).toMatch(/Cuti Bersama/);
    expect(listed.body.items).toEqual([]);
    expect(allowed.status).toBe(201);
    expect(allowed.body.date).toBe("2026-12-25");
  });

  it("moves a task due on a Saturday to the working day before, and says so", async () => {
    // Act: 26 December 2026 is a Saturday; the 24th and 25th are off
    const made = await call("POST", "/v1/tasks", "sekretaris", {
      title: "Siapkan daftar hadir",
      office: "sgt-a.koordinator",
      due: "2026-12-26",
    });

    // Assert
    expect(made.status).toBe(201);
    expect([made.body.due, made.body.dueMovedFrom]).toEqual(["2026-12-23", "2026-12-26"]);
    const trail = await Audit.ofEntity(TF, "task", made.body.id);
    expect(trail.items[0]?.after).toMatchObject({ due: "2026-12-23", dueMovedFrom: "2026-12-26" });
  });
});

describe("Satgas establishment (issue 8 §3, Pasal 5(7))", () => {
  it("records a sub-district Satgas's decree: audited, progress counted, obligations from then", async () => {
    // Arrange
    const before = await call("GET", "/v1/units/establishment-progress", "koorA");

    // Act
    const made = await call("POST", "/v1/units/satgas-kec-paloh/establishment", "sekretaris", {
      on: "2026-11-16",
      decree: "188.45/41/KEC-PL/2026",
      by: "Camat Paloh",
    });
    const again = await call("POST", "/v1/units/satgas-kec-paloh/establishment", "sekretaris", {
      on: "2026-11-16",
      decree: "188.45/41/KEC-PL/2026",
      by: "Camat Paloh",
    });
    const other = await call("POST", "/v1/units/satgas-kec-paloh/establishment", "sekretaris", {
      on: "2026-11-20",
      decree: "lain",
      by: "Camat Paloh",
    });
    const after = await call("GET", "/v1/units/establishment-progress", "koorA");

    // Assert
    expect(before.body).toEqual({
      kecamatan: { established: 0, total: 19 },
      desa: { established: 0, known: 0, total: 193 },
    });
    expect(made.status).toBe(200);
    expect(made.body.unit.established).toEqual({
      on: "2026-11-16",
      decree: "188.45/41/KEC-PL/2026",
      by: "Camat Paloh",
    });
    expect(made.body.instancesCreated).toBeGreaterThan(0);
    expect(again.status).toBe(200);
    expect(again.body.instancesCreated).toBe(0);
    expect(other.status).toBe(409);
    expect(after.body.kecamatan).toEqual({ established: 1, total: 19 });
    const trail = await Audit.ofEntity(TF, "unit", "satgas-kec-paloh");
    expect(trail.items.map((e) => e.action)).toEqual(["unit.established"]);
    const owed = await Obligation.allOfUnit(TF, "satgas-kec-paloh");
    expect(owed.map((i) => i.id)).toContain("satgas-report:satgas-kec-paloh:2026-S2");
    expect(owed.every((i) => i.windowStart >= "2026-11-16")).toBe(true);
  });

  it("reports a village Satgas to the Ketua by mail, through a task", async () => {
    // Arrange
    const village = await call("POST", "/v1/units", "sekretaris", {
      name: "Temajuk",
      kecamatan: "satgas-kec-paloh",
    });

    // Act
    const made = await call("POST", "/v1/units/satgas-desa-temajuk/establishment", "sekretaris", {
      on: "2026-11-25",
      decree: "141/07/DS-TMJ/2026",
      by: "Kepala Desa Temajuk",
    });

    // Assert
    expect(village.status).toBe(201);
    expect(made.status).toBe(200);
    const task = await call("GET", `/v1/tasks/${made.body.ketuaTask}`, "ketua");
    expect(task.body).toMatchObject({ office: "gt.ketua", status: "assigned" });
    expect(task.body.description).toMatch(/141\/07\/DS-TMJ\/2026/);
    const mails = await sentMail(stores.sesUrl);
    const toKetua = mails.filter((m) => m.destination.to.some((t) => t.includes("ketua@uji")));
    expect(toKetua.map((m) => m.subject).join("\n")).toMatch(/Satgas Desa Temajuk/);
    const progress = await call("GET", "/v1/units/establishment-progress", "ketua");
    expect(progress.body.desa).toEqual({ established: 1, known: 1, total: 193 });
  });

  it("refuses a unit that is not a Satgas (400 naming `unit`) and anyone but the secretariat (403)", async () => {
    const decree = { on: "2026-11-16", decree: "x/1", by: "y" };
    const notSatgas = await call("POST", "/v1/units/sgt-a/establishment", "sekretaris", decree);
    const notAllowed = await call(
      "POST",
      "/v1/units/satgas-kec-tebas/establishment",
      "koorA",
      decree,
    );
    const badDate = await call("POST", "/v1/units/satgas-kec-tebas/establishment", "sekretaris", {
      ...decree,
      on: "2015-01-01",
    });
    expect([notSatgas.status, notAllowed.status, badDate.status]).toEqual([400, 403, 400]);
    expect(JSON.stringify(notSatgas.body)).toContain("unit");
    expect(JSON.stringify(badDate.body)).toContain("on");
  });
});

describe("the Bupati's evaluation (issue 8 §6, Pasal 21(1))", () => {
  it("becomes an obligation of the Ketua Harian, reminded like any other", async () => {
    // Act
    const made = await call("POST", "/v1/evaluations", "sekretaris", {
      subject: "Penanganan kasus PMI nonprosedural di perbatasan",
      reference: "Surat Bupati 460/123/2026",
      due: "2027-01-29",
    });
    const twice = await call("POST", "/v1/evaluations", "sekretaris", {
      subject: "Yang sama",
      due: "2027-01-29",
    });
    const notAllowed = await call("POST", "/v1/evaluations", "koorA", {
      subject: "Evaluasi",
      due: "2027-01-29",
    });
    const badDue = await call("POST", "/v1/evaluations", "sekretaris", {
      subject: "Evaluasi",
      due: "2026-11-01",
    });

    // Assert
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      id: "bupati-evaluation:gt:2026-12-01",
      owner: "gt.ketua-harian",
      route: ["gt.ketua-harian", "gt.ketua"],
      due: "2027-01-29",
      basis: "law",
      article: "Pasal 21(1); Pasal 21(2)",
      status: "open",
    });
    expect(made.body.nextAction).toBe("2026-12-30"); // 30 days before the due date
    expect(twice.status).toBe(409);
    expect(notAllowed.status).toBe(403);
    expect(badDue.status).toBe(400);
    expect(JSON.stringify(badDue.body)).toContain("due");
  });
});

describe("duties settled by what the text asks for (issue 8 §2, §9)", () => {
  it("storing next year's official holiday list satisfies the secretariat's duty", async () => {
    // Arrange
    const settings = await call("GET", "/v1/settings", "sekretaris");
    const open = await Obligation.require(TF, "holiday-list:gt:2027");

    // Act
    const put = await call("PUT", "/v1/settings", "sekretaris", {
      settings: {
        officialHolidays: {
          "2027": [{ date: "2027-01-01", name: "Tahun Baru 2027 Masehi", kind: "national" }],
        },
      },
      version: settings.body.version,
    });

    // Assert
    expect(open.status).toBe("open");
    expect(put.status).toBe(200);
    const done = await Obligation.require(TF, "holiday-list:gt:2027");
    expect(done.status).toBe("satisfied");
    expect(done.satisfiedBy?.kind).toBe("settings");
    expect((await Obligation.require(TF, "holiday-list:gt:2028")).status).toBe("open");
  });

  it("installing the next plan period satisfies the renewal of the running one (Pasal 6a)", async () => {
    // Act
    const plan = await call("POST", "/v1/rad/periods", "ketua", {
      periodStart: 2031,
      periodEnd: 2035,
    });

    // Assert
    expect(plan.status).toBe(201);
    const renewal = await Obligation.require(TF, "action-plan-renewal:gt:2026-2030");
    expect(renewal.status).toBe("satisfied");
    expect(renewal.satisfiedBy).toEqual({ kind: "plan", id: plan.body.id, on: "2026-12-01" });
  });

  it("the national submission is satisfied by a delivered package, through the core call", async () => {
    // Arrange: the pipeline stores the instance first, as the daily job does
    const [instance] = (await import("@tenggat/core/calendar")).Calendar.list(
      { from: "2027-07-01", to: "2027-09-30", obligations: ["national-submission"] },
      {
        org: (await import("@tenggat/core/sambas")).Sambas.organisation(),
        settings: (await import("@tenggat/core/regulation")).Regulation.DEFAULTS,
      },
    ).map(Obligation.fromCalendar);
    if (!instance) throw new Error("no instance");
    await Obligation.materialise(TF, [instance]);

    // Act: as the pipeline's job would
    const pipeline: Actor.Actor = { type: "system", tenant: TF, job: "pipeline" };
    const done = await Actor.provide(
      pipeline,
      () =>
        Obligation.satisfyBy(TF, instance.id, {
          by: "submission",
          ref: "sub_01TEST",
          at: "2027-09-15",
        }),
      () => NOW,
    );
    const missing = await Actor.provide(
      pipeline,
      () =>
        Obligation.satisfyBy(TF, "national-submission:gt:2031", {
          by: "submission",
          ref: "sub_02TEST",
          at: "2031-09-15",
        }),
      () => NOW,
    );

    // Assert
    expect(instance.basis).toBe("reading");
    expect(done?.satisfiedBy).toEqual({ kind: "submission", id: "sub_01TEST", on: "2027-09-15" });
    expect(missing).toBeUndefined();
  });
});
