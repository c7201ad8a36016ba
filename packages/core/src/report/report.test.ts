import { type Embedded, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Audit } from "../audit/index.ts";
import { Dynamo, Key } from "../dynamo/index.ts";
import { VisibleError } from "../error/index.ts";
import type { Notify } from "../notify/index.ts";
import { Obligation } from "../obligation/index.ts";
import { Task } from "../task/index.ts";
import {
  anyone,
  as,
  INSTANCES,
  machine,
  PEOPLE,
  personId,
  setup,
  snapshot,
  TENANT,
  type Who,
} from "./fixture.ts";
import { Report } from "./index.ts";

// The mail layer is someone else's and not finished: record what the workflow hands it.
const told = vi.hoisted(() => [] as Notify.Announcement[]);
vi.mock("../notify/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../notify/index.ts")>();
  // Resolves to the outcomes per recipient, as the real one does: none here (nothing is mailed).
  const announce = async (_tenant: string, a: Notify.Announcement): Promise<string[]> => {
    told.push(a);
    return [];
  };
  return { ...original, announce, Notify: { ...original.Notify, announce } };
});

let stores: Embedded;
beforeAll(async () => {
  stores = await start();
  await setup();
});
afterAll(async () => {
  await stores?.stop();
});

/** A report that passes every rule, for sub-task-force A. */
function content(overrides: Record<string, unknown> = {}) {
  return {
    planning: "Sosialisasi pencegahan TPPO di 5 desa rawan.",
    implementation: "Sosialisasi terlaksana di 4 desa; 120 peserta.",
    organisation: "Rapat koordinasi sub gugus tugas 2 kali.",
    monitoring: "Pemantauan ke 3 desa; kualitas baik.",
    rad: [
      {
        row: "rad-2016-2020.A.1",
        process: { target: 5, actual: 4, note: "satu desa ditunda" },
        result: { actual: "Data desa rawan tersusun" },
      },
    ],
    cases: { reported: 3, handled: 2, victimsAssisted: 2 },
    narrative: "Semester I berjalan sesuai rencana.",
    ...overrides,
  };
}

/** The VisibleError a call fails with. */
async function failure(run: () => Promise<unknown>): Promise<VisibleError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof VisibleError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** What waits for `who`, as (entity, id, office, action). */
async function queueOf(who: Who) {
  const { items } = await as(who, () => Report.queue({}));
  return items.map((i) => ({ entity: i.entity, id: i.id, office: i.office, action: i.action }));
}

function toldAbout(id: string) {
  return told.filter((a) => a.ref.id === id).map((a) => ({ kind: a.kind, offices: a.offices }));
}

describe("creating a report", () => {
  it("gives one report per obligation instance, even for two creates at once", async () => {
    const results = await Promise.allSettled([
      as("koorA", () => Report.create({ instance: INSTANCES.semesterA })),
      as("wakilA", () => Report.create({ instance: INSTANCES.semesterA, content: content() })),
    ]);
    const made = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(made).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const report = (made[0] as PromiseFulfilledResult<Report.Info>).value;
    const error = (refused[0] as PromiseRejectedResult).reason as VisibleError;
    expect(error.code).toBe("report.exists");
    expect(error.issues?.[0]?.message).toContain(report.id);
    expect(report).toMatchObject({
      instance: INSTANCES.semesterA,
      status: "draft",
      owner: "sgt-a.koordinator",
      route: ["gt.ketua-harian", "gt.ketua"],
      version: 1,
    });
    expect(report.waitingFor).toBeUndefined();
    expect((await Report.ofInstance(TENANT, INSTANCES.semesterA))?.id).toBe(report.id);
    // A later create is refused too, and names the same report.
    const again = await failure(() =>
      as("koorA", () => Report.create({ instance: INSTANCES.semesterA })),
    );
    expect(again.code).toBe("report.exists");
    expect(again.issues?.[0]?.message).toContain(report.id);
  });

  it("refuses a meeting obligation (400) and an unknown instance (404), storing nothing", async () => {
    const meeting = await failure(() =>
      as("koorA", () => Report.create({ instance: INSTANCES.meeting })),
    );
    expect(meeting.kind).toBe("input");
    expect(meeting.code).toBe("report.not_a_report");
    expect(meeting.issues?.[0]?.path).toBe("instance");
    expect(await Report.ofInstance(TENANT, INSTANCES.meeting)).toBeUndefined();
    const unknown = await failure(() =>
      as("koorA", () => Report.create({ instance: "semester-report:sgt-a:1999-S1" })),
    );
    expect(unknown.kind).toBe("not-found");
  });

  it("is for the owner office or the unit's leaders only", async () => {
    const member = await failure(() =>
      as("anggotaA", () => Report.create({ instance: INSTANCES.monitoringA })),
    );
    expect([member.kind, member.code]).toEqual(["forbidden", "report.not_owner"]);
    const other = await failure(() =>
      as("ketuaHarian", () => Report.create({ instance: INSTANCES.monitoringA })),
    );
    expect(other.kind).toBe("forbidden");
    const nobody = await failure(() =>
      as(anyone, () => Report.create({ instance: INSTANCES.monitoringA })),
    );
    expect(nobody.kind).toBe("unauthenticated");
    expect(await Report.ofInstance(TENANT, INSTANCES.monitoringA)).toBeUndefined();
  });

  it("refuses bad content with field paths and stores nothing", async () => {
    const bad = await failure(() =>
      as("koorB", () =>
        Report.create({
          instance: INSTANCES.semesterB,
          content: content({ victimName: "X", cases: { reported: -2 } }),
        }),
      ),
    );
    expect(bad.kind).toBe("input");
    expect(bad.issues?.map((i) => i.path).sort()).toEqual([
      "content.cases.reported",
      "content.victimName",
    ]);
    const wrongRow = await failure(() =>
      as("koorB", () => Report.create({ instance: INSTANCES.semesterB, content: content() })),
    );
    expect(wrongRow.code).toBe("report.rad_row");
    expect(wrongRow.issues).toEqual([
      { path: "content.rad.0.row", message: "row rad-2016-2020.A.1 belongs to sgt-a, not sgt-b" },
    ]);
    expect(await Report.ofInstance(TENANT, INSTANCES.semesterB)).toBeUndefined();
  });

  it("refuses a report for a waived obligation (409)", async () => {
    const instance = await Obligation.require(TENANT, INSTANCES.monitoringA);
    await as("sekretaris", () =>
      Obligation.waive({ id: instance.id, reason: "digabung dengan laporan tahunan", version: 1 }),
    );
    const error = await failure(() =>
      as("koorA", () => Report.create({ instance: INSTANCES.monitoringA })),
    );
    expect([error.kind, error.code]).toEqual(["conflict", "report.obligation_waived"]);
  });
});

describe("a sub-task-force's semester report along its route", () => {
  it("goes draft → submitted → returned → submitted → approved → forwarded → approved → published", async () => {
    const created = (await Report.ofInstance(TENANT, INSTANCES.semesterA)) as Report.Info;
    const id = created.id;

    // The draft: its leaders edit it; nobody's queue has it; the public cannot see it.
    const edited = await as("koorA", () =>
      Report.update({ id, version: created.version, content: content() }),
    );
    expect(edited).toMatchObject({ status: "draft", version: created.version + 1 });
    expect(edited.content.cases).toEqual({
      reported: 3,
      handled: 2,
      victimsAssisted: 2,
      victimsRepatriated: 0,
      prosecuted: 0,
    });
    expect(await queueOf("ketuaHarian")).toEqual([]);
    expect(await queueOf("koorA")).toEqual([]);

    // Submitted: waits for the Ketua Harian, who is told; copies outside are not mailed.
    const submitted = await as("wakilA", () => Report.submit({ id, version: edited.version }));
    expect(submitted).toMatchObject({
      status: "submitted",
      step: 0,
      waitingFor: { office: "gt.ketua-harian", action: "review" },
    });
    expect(await queueOf("ketuaHarian")).toEqual([
      { entity: "report", id, office: "gt.ketua-harian", action: "review" },
    ]);
    // The Sekretaris stands in for the Ketua Harian at meetings only (Pasal 9(2)c): not here.
    expect((await queueOf("sekretaris")).map((e) => e.id)).not.toContain(id);
    expect(toldAbout(id).at(-1)).toEqual({
      kind: "report-submitted",
      offices: ["gt.ketua-harian"],
    });
    expect(told.at(-1)?.id).toBe(`report:${id}:v${submitted.version}`);

    // Returned with comments: waits for the owner.
    const returned = await as("ketuaHarian", () =>
      Report.returnForChanges({
        id,
        version: submitted.version,
        comments: "Lengkapi indikator hasil baris A.1.",
      }),
    );
    expect(returned).toMatchObject({
      status: "returned",
      waitingFor: { office: "sgt-a.koordinator", action: "revise" },
      lastReturn: { office: "gt.ketua-harian", comments: "Lengkapi indikator hasil baris A.1." },
    });
    expect(await queueOf("ketuaHarian")).toEqual([]);
    expect(await queueOf("koorA")).toEqual([
      { entity: "report", id, office: "sgt-a.koordinator", action: "revise" },
    ]);
    expect(told.at(-1)).toMatchObject({
      kind: "report-returned",
      offices: ["sgt-a.koordinator"],
      data: { comments: "Lengkapi indikator hasil baris A.1." },
    });

    // Revised and submitted again: back to the first office of the route.
    const revised = await as("koorA", () =>
      Report.update({
        id,
        version: returned.version,
        content: content({
          rad: [
            {
              row: "rad-2016-2020.A.1",
              process: { target: 5, actual: 4 },
              result: { target: 1, actual: 1, note: "data desa rawan tersusun" },
            },
          ],
        }),
      }),
    );
    expect(revised.status).toBe("returned");
    const resubmitted = await as("koorA", () => Report.submit({ id, version: revised.version }));
    expect(resubmitted).toMatchObject({ status: "submitted", step: 0, approvals: [] });
    expect(await queueOf("koorA")).toEqual([]);

    // Approved by the Ketua Harian: the obligation is satisfied by this report, on that day.
    expect((await Obligation.require(TENANT, INSTANCES.semesterA)).status).toBe("open");
    const approved = await as("ketuaHarian", () =>
      Report.approve({ id, version: resubmitted.version, note: "Baik." }),
    );
    expect(approved).toMatchObject({
      status: "approved",
      step: 0,
      approvedOn: "2026-08-03",
      waitingFor: { office: "gt.ketua-harian", action: "forward" },
    });
    expect(approved.approvals).toMatchObject([
      { office: "gt.ketua-harian", note: "Baik.", by: { id: personId("ketuaHarian") } },
    ]);
    const instance = await Obligation.require(TENANT, INSTANCES.semesterA);
    expect(instance.status).toBe("satisfied");
    expect(instance.satisfiedBy).toEqual({ kind: "report", id, on: "2026-08-03" });
    expect(toldAbout(id).at(-1)).toEqual({
      kind: "report-approved",
      offices: ["sgt-a.koordinator"],
    });
    expect(await queueOf("ketuaHarian")).toEqual([
      { entity: "report", id, office: "gt.ketua-harian", action: "forward" },
    ]);

    // Forwarded to the Ketua, who approves and then publishes (the public gets a copy).
    const forwarded = await as("ketuaHarian", () =>
      Report.forward({ id, version: approved.version }),
    );
    expect(forwarded).toMatchObject({
      status: "forwarded",
      step: 1,
      waitingFor: { office: "gt.ketua" },
    });
    // The Ketua is asked to review it; the owner is told where it went.
    expect(toldAbout(id).slice(-2)).toEqual([
      { kind: "report-forwarded", offices: ["gt.ketua"] },
      { kind: "report-sent-on", offices: ["sgt-a.koordinator"] },
    ]);
    expect(await queueOf("ketuaHarian")).toEqual([]);
    expect(await queueOf("ketua")).toEqual([
      { entity: "report", id, office: "gt.ketua", action: "review" },
    ]);
    const final = await as("ketua", () => Report.approve({ id, version: forwarded.version }));
    expect(final).toMatchObject({
      status: "approved",
      step: 1,
      approvedOn: "2026-08-03",
      waitingFor: { office: "gt.ketua", action: "publish" },
    });
    expect(final.approvals.map((a) => a.office)).toEqual(["gt.ketua-harian", "gt.ketua"]);
    // Still satisfied by the first approval, not a second time.
    const trail = await Audit.ofEntity(TENANT, "obligation", INSTANCES.semesterA);
    expect(trail.items.filter((e) => e.action === "obligation.satisfied")).toHaveLength(1);

    await expect(as(anyone, () => Report.publishedById(TENANT, id))).rejects.toMatchObject({
      kind: "not-found",
    });
    const stale = as("ketua", () =>
      Report.publish({ id, version: final.version, confirmPreview: "0".repeat(64) }),
    );
    await expect(stale).rejects.toMatchObject({ code: "report.preview_stale" });
    const confirmPreview = (await as("ketua", () => Report.publicationPreview(id))).confirmPreview;
    const published = await as("ketua", () =>
      Report.publish({ id, version: final.version, confirmPreview }),
    );
    expect(published.status).toBe("published");
    expect(published.waitingFor).toBeUndefined();
    expect(published.publishedAt).toBeDefined();
    expect(await queueOf("ketua")).toEqual([]);
    expect(toldAbout(id).at(-1)).toEqual({
      kind: "report-published",
      offices: ["sgt-a.koordinator", "gt.ketua-harian", "gt.ketua"],
    });

    // The public sees it, without officials' names or internal comments.
    const seen = await as(anyone, () => Report.publishedById(TENANT, id));
    expect(seen.content.narrative).toBe("Semester I berjalan sesuai rencana.");
    expect(seen.lastReturn).toBeUndefined();
    expect(seen.approvals.every((a) => a.by === undefined)).toBe(true);
    const listed = await as(anyone, () => Report.listPublished({ taskForce: TENANT }));
    expect(listed.items.map((r) => r.id)).toEqual([id]);

    // The trail has every step.
    const history = await as("koorA", () => Report.history(id));
    expect(history.items.map((e) => e.action)).toEqual([
      "report.created",
      "report.edited",
      "report.submitted",
      "report.returned",
      "report.edited",
      "report.submitted",
      "report.approved",
      "report.forwarded",
      "report.approved",
      "report.published",
    ]);
  });
});

describe("refusals change nothing", () => {
  let id: string;
  beforeAll(async () => {
    const r = await as("koorC", () =>
      Report.create({
        instance: INSTANCES.semesterC,
        content: content({
          rad: [{ row: "rad-2016-2020.C.1", process: { actual: 1 }, result: { actual: 1 } }],
        }),
      }),
    );
    id = r.id;
  });

  async function refused(who: Who, run: () => Promise<unknown>, kind: string, code: string) {
    const before = await snapshot(id, INSTANCES.semesterC);
    const error = await failure(() => as(who, run));
    expect([error.kind, error.code]).toEqual([kind, code]);
    expect(await snapshot(id, INSTANCES.semesterC)).toEqual(before);
    return error;
  }

  const version = async () => ((await Report.get(TENANT, id)) as Report.Info).version;
  /** The digest a publisher confirms after seeing the publication preview of the stored text. */
  const confirmed = async () => Report.previewDigest((await Report.get(TENANT, id)) as Report.Info);

  it("in every wrong state (409), with a stale version (409), and for bad input (400)", async () => {
    // draft
    await refused(
      "ketuaHarian",
      async () => Report.approve({ id, version: await version() }),
      "conflict",
      "report.not_submitted",
    );
    await refused(
      "ketuaHarian",
      async () => Report.returnForChanges({ id, version: await version(), comments: "x" }),
      "conflict",
      "report.not_submitted",
    );
    await refused(
      "ketuaHarian",
      async () => Report.forward({ id, version: await version() }),
      "conflict",
      "report.not_approved",
    );
    await refused(
      "sekretaris",
      async () =>
        Report.publish({ id, version: await version(), confirmPreview: await confirmed() }),
      "conflict",
      "report.not_approved",
    );
    // Offices on the route do not see a draft at all.
    await refused(
      "ketua",
      async () =>
        Report.publish({ id, version: await version(), confirmPreview: await confirmed() }),
      "forbidden",
      "report.not_yours",
    );
    await refused(
      "koorC",
      async () =>
        Report.update({ id, version: (await version()) + 1, content: content({ rad: [] }) }),
      "conflict",
      "version.stale",
    );
    const nik = await refused(
      "koorC",
      async () =>
        Report.update({
          id,
          version: await version(),
          content: content({ rad: [], planning: "Korban 6101014508990001" }),
        }),
      "input",
      "privacy.identity_number",
    );
    expect(nik.issues).toEqual([
      { path: "content.planning", message: expect.stringContaining("UU 21/2007 Pasal 44") },
    ]);
    await refused(
      "koorC",
      async () =>
        Report.update({
          id,
          version: await version(),
          content: content({ rad: [], cases: { reported: 1.5 } }),
        }),
      "input",
      "input.invalid",
    );

    // An incomplete report cannot be submitted (L-III §VIII names the four parts).
    const emptied = await as("koorC", async () =>
      Report.update({
        id,
        version: await version(),
        content: content({ rad: [], monitoring: "" }),
      }),
    );
    const incomplete = await refused(
      "koorC",
      async () => Report.submit({ id, version: emptied.version }),
      "conflict",
      "report.incomplete",
    );
    expect(incomplete.issues).toEqual([
      { path: "content.monitoring", message: expect.any(String) },
    ]);
    await as("koorC", async () =>
      Report.update({ id, version: await version(), content: content({ rad: [] }) }),
    );

    // submitted
    await as("koorC", async () => Report.submit({ id, version: await version() }));
    await refused(
      "koorC",
      async () => Report.submit({ id, version: await version() }),
      "conflict",
      "report.not_draft",
    );
    await refused(
      "koorC",
      async () => Report.update({ id, version: await version(), content: content({ rad: [] }) }),
      "conflict",
      "report.not_editable",
    );
    await refused(
      "ketuaHarian",
      async () => Report.forward({ id, version: await version() }),
      "conflict",
      "report.not_approved",
    );
    await refused(
      "ketua",
      async () => Report.approve({ id, version: await version() }),
      "forbidden",
      "report.not_your_turn",
    );
    await refused(
      "koorC",
      async () => Report.approve({ id, version: await version() }),
      "forbidden",
      "report.not_your_turn",
    );
    await refused(
      "ketuaHarian",
      async () => Report.approve({ id, version: (await version()) - 1 }),
      "conflict",
      "version.stale",
    );
    const noComment = await failure(() =>
      as("ketuaHarian", async () =>
        Report.returnForChanges({ id, version: await version(), comments: "  " }),
      ),
    );
    expect(noComment.issues?.[0]?.path).toBe("comments");

    // approved at the first office
    await as("ketuaHarian", async () => Report.approve({ id, version: await version() }));
    await refused(
      "ketuaHarian",
      async () => Report.approve({ id, version: await version() }),
      "conflict",
      "report.not_submitted",
    );
    await refused(
      "ketuaHarian",
      async () => Report.returnForChanges({ id, version: await version(), comments: "terlambat" }),
      "conflict",
      "report.not_submitted",
    );
    await refused(
      "sekretaris",
      async () =>
        Report.publish({ id, version: await version(), confirmPreview: await confirmed() }),
      "conflict",
      "report.not_final",
    );
    await refused(
      "koorC",
      async () => Report.submit({ id, version: await version() }),
      "conflict",
      "report.not_draft",
    );

    // forwarded, then approved by the last office
    await as("ketuaHarian", async () => Report.forward({ id, version: await version() }));
    await refused(
      "ketuaHarian",
      async () => Report.approve({ id, version: await version() }),
      "forbidden",
      "report.not_your_turn",
    );
    await refused(
      "ketua",
      async () =>
        Report.publish({ id, version: await version(), confirmPreview: await confirmed() }),
      "conflict",
      "report.not_approved",
    );
    await as("ketua", async () => Report.approve({ id, version: await version() }));
    await refused(
      "ketua",
      async () => Report.forward({ id, version: await version() }),
      "conflict",
      "report.route_end",
    );
    await refused(
      "koorC",
      async () =>
        Report.publish({ id, version: await version(), confirmPreview: await confirmed() }),
      "forbidden",
      "report.not_your_turn",
    );

    // published (the secretariat may publish it too)
    const published = await as("sekretaris", async () =>
      Report.publish({ id, version: await version(), confirmPreview: await confirmed() }),
    );
    expect(published.status).toBe("published");
    await refused(
      "ketua",
      async () =>
        Report.publish({ id, version: await version(), confirmPreview: await confirmed() }),
      "conflict",
      "report.not_approved",
    );
    await refused(
      "ketua",
      async () => Report.approve({ id, version: await version() }),
      "conflict",
      "report.not_submitted",
    );
  });
});

describe("a village Satgas report (L-III §VIII point 3)", () => {
  it("goes to the sub-district Satgas, then the district coordinator, with a copy to the Ketua Harian", async () => {
    const r = await as("desaTemajuk", () =>
      Report.create({
        instance: INSTANCES.desa,
        content: content({
          rad: [{ row: "rad-2016-2020.E.1", process: { actual: 1 }, result: { actual: 1 } }],
        }),
      }),
    );
    expect(r.route).toEqual(["satgas-kec-paloh.ketua", "sgt-e.koordinator"]);
    expect(r.copies).toEqual(["gt.ketua-harian", "ext:publik"]);
    // Offices on the route see nothing of a draft.
    for (const who of ["kecPaloh", "koorE"] as const) {
      expect((await failure(() => as(who, () => Report.fromID(r.id)))).kind).toBe("forbidden");
    }

    const submitted = await as("desaTemajuk", () =>
      Report.submit({ id: r.id, version: r.version }),
    );
    expect(toldAbout(r.id).at(-1)).toEqual({
      kind: "report-submitted",
      offices: ["satgas-kec-paloh.ketua", "gt.ketua-harian"],
    });
    expect((await as("ketuaHarian", () => Report.fromID(r.id))).status).toBe("submitted");
    expect(await queueOf("kecPaloh")).toEqual([
      { entity: "report", id: r.id, office: "satgas-kec-paloh.ketua", action: "review" },
    ]);
    const approved = await as("kecPaloh", () =>
      Report.approve({ id: r.id, version: submitted.version }),
    );
    expect(toldAbout(r.id).at(-1)).toEqual({
      kind: "report-approved",
      offices: ["satgas-desa-temajuk.ketua", "gt.ketua-harian"],
    });
    expect((await Obligation.require(TENANT, INSTANCES.desa)).satisfiedBy?.id).toBe(r.id);
    const forwarded = await as("kecPaloh", () =>
      Report.forward({ id: r.id, version: approved.version }),
    );
    expect(await queueOf("koorE")).toEqual([
      { entity: "report", id: r.id, office: "sgt-e.koordinator", action: "review" },
    ]);
    // The coordinator returns it: back to the village, which resubmits from the start.
    const returned = await as("koorE", () =>
      Report.returnForChanges({ id: r.id, version: forwarded.version, comments: "Tambah data." }),
    );
    expect(returned.waitingFor).toEqual({ office: "satgas-desa-temajuk.ketua", action: "revise" });
    const again = await as("desaTemajuk", () =>
      Report.submit({ id: r.id, version: returned.version }),
    );
    expect(again.waitingFor).toEqual({ office: "satgas-kec-paloh.ketua", action: "review" });
    expect(await queueOf("koorE")).toEqual([]);
    // The obligation stays satisfied by the first approval.
    expect((await Obligation.require(TENANT, INSTANCES.desa)).status).toBe("satisfied");
  });
});

describe("two approvals at once", () => {
  it("exactly one wins; the other gets 409 and the obligation is satisfied once", async () => {
    const r = await as("koorE", () =>
      Report.create({
        instance: INSTANCES.semesterE,
        content: content({
          rad: [{ row: "rad-2016-2020.E.2", process: { actual: 2 }, result: { actual: 1 } }],
          cases: { reported: 4, handled: 4, prosecuted: 1 },
        }),
      }),
    );
    const submitted = await as("koorE", () => Report.submit({ id: r.id, version: r.version }));
    const results = await Promise.allSettled([
      as("ketuaHarian", () => Report.approve({ id: r.id, version: submitted.version })),
      as("ketuaHarian", () => Report.approve({ id: r.id, version: submitted.version })),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as VisibleError).kind).toBe("conflict");
    const stored = (await Report.get(TENANT, r.id)) as Report.Info;
    expect(stored).toMatchObject({ status: "approved", version: submitted.version + 1 });
    expect(stored.approvals).toHaveLength(1);
    // The Ketua Harian acted in their own office: the mail names no one acting on another's behalf.
    const by = stored.approvals[0]?.by;
    const mail = told.filter((a) => a.ref.id === r.id && a.kind === "report-approved").at(-1);
    expect(mail).toBeTruthy();
    const actor = (mail?.data as { actor?: { name: string; office?: unknown } } | undefined)?.actor;
    expect(by?.id).toBe(personId("ketuaHarian"));
    expect(actor).toBeUndefined();
    const trail = await Audit.ofEntity(TENANT, "obligation", INSTANCES.semesterE);
    expect(trail.items.filter((e) => e.action === "obligation.satisfied")).toHaveLength(1);
  });
});

describe("reading and listing", () => {
  it("lets members, the route and the secretariat read; others get 403, machines and the public 404", async () => {
    const a = (await Report.ofInstance(TENANT, INSTANCES.semesterA)) as Report.Info;
    const b = await as("koorB", () =>
      Report.create({
        instance: INSTANCES.semesterB,
        content: content({
          rad: [{ row: "rad-2016-2020.B.1", process: { actual: 1 }, result: { actual: 1 } }],
        }),
      }),
    );
    expect((await as("anggotaA", () => Report.fromID(a.id))).id).toBe(a.id);
    expect((await as("sekretaris", () => Report.fromID(b.id))).status).toBe("draft");
    expect((await failure(() => as("koorA", () => Report.fromID(b.id)))).kind).toBe("forbidden");
    expect((await failure(() => as(machine(), () => Report.fromID(b.id)))).kind).toBe("not-found");
    expect((await failure(() => as(anyone, () => Report.fromID(a.id)))).kind).toBe(
      "unauthenticated",
    );
    expect((await failure(() => as(anyone, () => Report.publishedById(TENANT, b.id)))).kind).toBe(
      "not-found",
    );
  });

  it("lists a unit's reports, by status, page by page", async () => {
    const all = await as("sekretaris", () => Report.list({ status: "published" }));
    expect(all.items.map((r) => r.instance).sort()).toEqual(
      [INSTANCES.semesterA, INSTANCES.semesterC].sort(),
    );
    const first = await as("sekretaris", () => Report.list({ status: "published", limit: 1 }));
    expect(first.items).toHaveLength(1);
    expect(first.cursor).toBeDefined();
    const second = await as("sekretaris", () =>
      Report.list({ status: "published", limit: 1, cursor: first.cursor as string }),
    );
    expect(second.items.map((r) => r.id)).not.toEqual(first.items.map((r) => r.id));
    const ofA = await as("anggotaA", () => Report.list({ unit: "sgt-a" }));
    expect(ofA.items.map((r) => r.instance)).toEqual([INSTANCES.semesterA]);
    const draftsOfB = await as("koorB", () => Report.list({ unit: "sgt-b", status: "draft" }));
    expect(draftsOfB.items.map((r) => r.instance)).toEqual([INSTANCES.semesterB]);
    // Someone outside unit B sees none of its drafts.
    expect((await as("koorA", () => Report.list({ unit: "sgt-b" }))).items).toEqual([]);
    const byInstance = await as("koorB", () => Report.list({ instance: INSTANCES.semesterB }));
    expect(byInstance.items.map((r) => r.instance)).toEqual([INSTANCES.semesterB]);
    const none = await failure(() => as("koorB", () => Report.list({})));
    expect([none.kind, none.issues?.[0]?.path]).toEqual(["input", "unit"]);
    const badCursor = await failure(() =>
      as("koorB", () => Report.list({ unit: "sgt-b", cursor: "bm90LWEtY3Vyc29y" })),
    );
    expect(badCursor.code).toBe("cursor.invalid");
  });

  it("gives machines with reports:read the approved and published reports, without names", async () => {
    const approved = await as(machine(), () => Report.list({ status: "approved" }));
    expect(approved.items.map((r) => r.instance)).toEqual([INSTANCES.semesterE]);
    expect(approved.items[0]?.approvals.every((a) => a.by === undefined)).toBe(true);
    const drafts = await as(machine(), () => Report.list({ status: "draft" }));
    expect(drafts.items).toEqual([]);
    const noScope = await failure(() => as(machine([]), () => Report.list({ status: "approved" })));
    expect(noScope.kind).toBe("forbidden");
  });
});

describe("the queue", () => {
  it("merges my offices' queues, reports and tasks, oldest first, page by page", async () => {
    // The Ketua Harian's own office has a task and a report waiting.
    const task = await as("ketuaHarian", () =>
      Task.create({ title: "Siapkan bahan rapat", office: PEOPLE.ketuaHarian, due: "2026-09-01" }),
    );
    const r = await as("koorB", async () => {
      const current = (await Report.ofInstance(TENANT, INSTANCES.semesterB)) as Report.Info;
      return Report.submit({ id: current.id, version: current.version });
    });
    const all = await as("ketuaHarian", () => Report.queue({}));
    const since = all.items.map((i) => i.since);
    expect([...since].sort()).toEqual(since);
    expect(all.items.map((i) => [i.entity, i.id, i.office])).toEqual(
      expect.arrayContaining([
        ["task", task.id, "gt.ketua-harian"],
        ["report", r.id, "gt.ketua-harian"],
      ]),
    );
    const taskEntry = all.items.find((i) => i.id === task.id);
    expect(taskEntry).toMatchObject({ title: "Siapkan bahan rapat", due: "2026-09-01" });
    const reportEntry = all.items.find((i) => i.id === r.id);
    expect(reportEntry?.title).toContain("2026-S1");

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as("ketuaHarian", () =>
        Report.queue({ limit: 1, ...(cursor ? { cursor } : {}) }),
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));

    const bad = await failure(() => as("ketuaHarian", () => Report.queue({ cursor: "xyz" })));
    expect(bad.code).toBe("cursor.invalid");
  });
});

describe("compiling the district report", () => {
  it("drafts the Ketua Harian's report from the approved semester reports of the period", async () => {
    // By now: A published, C published, E approved, B submitted, D has none.
    const wrong = await failure(() =>
      as("ketuaHarian", () => Report.compile({ instance: INSTANCES.semesterD })),
    );
    expect([wrong.kind, wrong.code]).toEqual(["input", "report.not_compilable"]);
    const notOwner = await failure(() =>
      as("koorA", () => Report.compile({ instance: INSTANCES.district })),
    );
    expect(notOwner.kind).toBe("forbidden");

    const compiled = await as("ketuaHarian", () =>
      Report.compile({ instance: INSTANCES.district }),
    );
    expect(compiled).toMatchObject({
      status: "draft",
      obligation: "district-report",
      owner: "gt.ketua-harian",
      route: ["gt.ketua"],
    });
    expect(compiled.compiledFrom?.map((s) => [s.unit, s.status])).toEqual([
      ["sgt-a", "published"],
      ["sgt-c", "published"],
      ["sgt-e", "approved"],
    ]);
    expect(compiled.notReported?.map((s) => [s.unit, s.status])).toEqual([
      ["sgt-b", "submitted"],
      ["sgt-d", "none"],
    ]);
    // A: 3/2/2, C: 3/2/2, E: 4/4/0 and 1 prosecuted.
    expect(compiled.content.cases).toEqual({
      reported: 10,
      handled: 8,
      victimsAssisted: 4,
      victimsRepatriated: 0,
      prosecuted: 1,
    });
    // C's rows were taken out while it was a draft (above).
    expect(compiled.content.rad.map((r) => r.row)).toEqual([
      "rad-2016-2020.A.1",
      "rad-2016-2020.E.2",
    ]);
    expect(compiled.content.planning).toContain("Sub Gugus Tugas Bidang Pencegahan");
    expect(compiled.content.narrative).toMatch(/Sudah melapor:[\s\S]*Belum melapor:/);
    expect(compiled.content.narrative).toContain(
      "Rehabilitasi Kesehatan: diajukan, belum disetujui",
    );
    expect(compiled.content.narrative).toMatch(/Hukum: belum ada laporan/);

    // Idempotent: the second compile stores nothing and names the first.
    const again = await failure(() =>
      as("ketuaHarian", () => Report.compile({ instance: INSTANCES.district })),
    );
    expect(again.code).toBe("report.exists");
    expect(again.issues?.[0]?.message).toContain(compiled.id);

    // The Ketua Harian edits it and it goes to the Ketua like any report.
    const submitted = await as("ketuaHarian", () =>
      Report.submit({ id: compiled.id, version: compiled.version }),
    );
    expect(submitted.waitingFor).toEqual({ office: "gt.ketua", action: "review" });
  });
});

describe("after a crash between two writes", () => {
  it("a claim without its report: the next create stores the report under the claimed id", async () => {
    const instance = "coordinator-monitoring:sgt-b:2026";
    const claimed = "rpt_01CRASHEDBEFOREREPORT0000";
    await Dynamo.create({
      ...Key.reportOfInstance(TENANT, instance),
      type: "report-claim",
      v: 1,
      instance,
      reportId: claimed,
    });
    expect(await Report.ofInstance(TENANT, instance)).toBeUndefined();
    const r = await as("koorB", () => Report.create({ instance }));
    expect(r.id).toBe(claimed);
    expect((await Report.ofInstance(TENANT, instance))?.id).toBe(claimed);
  });

  it("an approval whose obligation was not yet satisfied: forwarding satisfies it", async () => {
    const r = await as("kecPaloh", () =>
      Report.create({ instance: INSTANCES.kecamatan, content: content({ rad: [] }) }),
    );
    const submitted = await as("kecPaloh", () => Report.submit({ id: r.id, version: r.version }));
    const approved = await as("ketuaHarian", () =>
      Report.approve({ id: r.id, version: submitted.version }),
    );
    // Put the instance back as if the process had stopped right after storing the approval.
    const k = Key.instance(TENANT, INSTANCES.kecamatan);
    const stored = (await Dynamo.get(k.pk, k.sk)) as Dynamo.Item;
    const { satisfiedBy: _s, ...unsatisfied } = stored;
    await Dynamo.put({ ...unsatisfied, status: "open" } as Dynamo.Item);
    expect((await Obligation.require(TENANT, INSTANCES.kecamatan)).status).toBe("open");

    await as("ketuaHarian", () => Report.forward({ id: r.id, version: approved.version }));
    const instance = await Obligation.require(TENANT, INSTANCES.kecamatan);
    expect(instance.status).toBe("satisfied");
    expect(instance.satisfiedBy).toEqual({ kind: "report", id: r.id, on: approved.approvedOn });
  });
});
