import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Pipeline, PROVINCE, pipeline, type Stub, stub } from "./world.ts";

/**
 * Issue 10 end to end: Sambas's January–June 2027 progress, from approved reports to a package,
 * approved by the Ketua Harian and the Ketua, delivered signed to Kalimantan Barat over HTTP,
 * stored there, rolled up with the province's own data and delivered to a ministry stub that
 * verifies with the `standardwebhooks` library.
 */
describe("the upward pipeline, district → province → ministry", () => {
  let now = new Date("2027-01-20T01:00:00Z");
  let p: Pipeline;
  let ministry: Stub;
  const ministrySecret = `whsec_${Buffer.from("ministry-secret-0123456789abcdef").toString("base64")}`;
  const people: Record<string, string> = {};
  let memberSecret = "";

  /** Sessions last 12 hours: everyone signs in again after the clock moves. */
  async function signInAll(extra: string[] = []) {
    for (const office of ["gt.sekretaris", "gt.ketua-harian", "gt.ketua", ...extra]) {
      people[office] = await p.signIn("sambas", `${office}@sambas.example`);
    }
    for (const office of ["gt.sekretaris", "gt.ketua-harian", "gt.ketua"]) {
      people[`kalbar:${office}`] = await p.signIn(PROVINCE, `${office}@kalbar.example`);
    }
  }

  const CASES = [3, 1, 4, 1, 5];
  const UNITS = ["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"];

  beforeAll(async () => {
    p = await pipeline(() => now);
    const { Reminder } = await import("@tenggat/core/reminder");
    await Reminder.daily(now, { tenants: ["sambas", PROVINCE] });
    ministry = await stub((headers, body) => {
      try {
        new Webhook(ministrySecret).verify(body, headers as Record<string, string>);
        return 200;
      } catch {
        return 401;
      }
    });
    now = new Date("2027-08-03T02:00:00Z");
    await signInAll([...UNITS.map((u) => `${u}.koordinator`)]);
    // A season of approved semester reports, one per sub-task-force, each with its RAD row 1.
    for (const [i, unit] of UNITS.entries()) {
      const letter = unit.slice(-1).toUpperCase();
      const created = await p.call("POST", "/v1/reports", {
        token: people[`${unit}.koordinator`],
        body: {
          instance: `semester-report:${unit}:2027-S1`,
          content: {
            planning: `Rencana ${unit}.`,
            implementation: `Pelaksanaan ${unit}, "sesuai rencana", tanpa kendala.`,
            organisation: "Rapat koordinasi.",
            monitoring: "Pemantauan bulanan.",
            rad: [
              {
                row: `rad-2016-2020.${letter}.1`,
                process: { target: 4, actual: i + 1, note: "kegiatan; tahap 1" },
                result: { actual: "Tercapai sebagian" },
              },
            ],
            cases: { reported: CASES[i], handled: CASES[i] },
            narrative: `Semester I 2027 ${unit}.`,
          },
        },
      });
      expect(created.status).toBe(201);
      const submitted = await p.call("POST", `/v1/reports/${created.body.id}/submit`, {
        token: people[`${unit}.koordinator`],
        body: { version: created.body.version },
      });
      expect(submitted.status).toBe(200);
      const approved = await p.call("POST", `/v1/reports/${created.body.id}/approve`, {
        token: people["gt.ketua-harian"],
        body: { version: submitted.body.version },
      });
      expect(approved.status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await ministry?.stop();
    await p?.stop();
  });

  let packageId = "";

  it("builds a deterministic package from the approved reports", async () => {
    // Act
    const first = await p.call("POST", "/v1/submissions", {
      token: people["gt.ketua-harian"],
      body: { year: 2027 },
    });
    // Drafting again the same period (the Ketua Harian's office) changes nothing.
    const again = await p.call("POST", "/v1/submissions", {
      token: people["gt.ketua-harian"],
      body: { year: 2027, period: "h1" },
    });

    // Assert
    expect(first.status).toBe(201);
    packageId = first.body.id;
    expect(packageId).toBe("sbm-2027-h1");
    expect(again.status).toBe(200);
    expect(again.body.contentHash).toBe(first.body.contentHash);
    expect(again.body.packageVersion).toBe(1);
    const json = await p.call("GET", `/v1/submissions/${packageId}.json`, {
      token: people["gt.ketua"],
    });
    expect(json.status).toBe(200);
    const pkg = json.body;
    expect(pkg.schema).toBe("tenggat.submission/v1");
    expect(pkg.period).toEqual({ id: "2027-H1", kind: "h1", from: "2027-01-01", to: "2027-06-30" });
    expect(pkg.rad.map((r: { row: string }) => r.row)).toEqual(
      UNITS.map((u) => `rad-2016-2020.${u.slice(-1).toUpperCase()}.1`),
    );
    expect(pkg.rad[0].activity.length).toBeGreaterThan(5);
    expect(pkg.cases.total.reported).toBe(CASES.reduce((a, b) => a + b, 0));
    expect(pkg.basis.kind).toBe("reading");
    expect(pkg.narrative).toContain("Sudah melapor");
    // Every instance due January–June is in the compliance table, none due outside it.
    expect(pkg.compliance.length).toBeGreaterThan(10);
    for (const c of pkg.compliance)
      expect(c.due >= "2027-01-01" && c.due <= "2027-06-30").toBe(true);
    expect(pkg.meetings.some((m: { unit: string }) => m.unit === "gt")).toBe(true);
    // The bytes are canonical and the hash is the hash of them (without the three fields).
    const { Submission } = await import("@tenggat/core/submission");
    expect(Submission.verifyHash(pkg)).toBe(true);
    expect(Buffer.from(json.raw).toString("utf8")).toBe(Submission.canonical(pkg));
  });

  it("renders CSV per table and an XLSX workbook that independent readers read back", async () => {
    // Act
    const csv = await p.call("GET", `/v1/submissions/${packageId}.csv?table=rad`, {
      token: people["gt.ketua"],
    });
    const xlsx = await p.call("GET", `/v1/submissions/${packageId}.xlsx`, {
      token: people["gt.ketua"],
    });
    const noTable = await p.call("GET", `/v1/submissions/${packageId}.csv`, {
      token: people["gt.ketua"],
    });

    // Assert
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(csv.raw);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, { bom: true }) as string[][];
    expect(rows[0]?.[3]).toBe("Kegiatan");
    expect(rows).toHaveLength(6);
    expect(rows[1]?.[6]).toBe("kegiatan; tahap 1");
    expect(noTable.status).toBe(400);
    expect(noTable.body.error.issues[0].path).toBe("table");

    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.raw);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Capaian RAD",
      "Jumlah Kasus",
      "Rapat",
      "Kepatuhan Kewajiban",
      "Paket Anggota",
    ]);
    const cases = book.getWorksheet("Jumlah Kasus");
    expect(cases?.getRow(1).getCell(4).value).toBe("Kasus dilaporkan");
    expect(cases?.getRow(7).getCell(2).value).toBe("JUMLAH");
    expect(cases?.getRow(7).getCell(4).value).toBe(14);
    expect(book.getWorksheet("Capaian RAD")?.getRow(2).getCell(5).value).toBe(4);
  });

  it("is approved by the Ketua Harian, then the Ketua, each in person", async () => {
    const draft = await p.call("GET", `/v1/submissions/${packageId}`, {
      token: people["gt.sekretaris"],
    });
    // The Sekretaris does not approve for the Ketua Harian; the Ketua not before the Ketua Harian.
    const bySecretary = await p.call("POST", `/v1/submissions/${packageId}/approve`, {
      token: people["gt.sekretaris"],
      body: { version: draft.body.version },
    });
    expect(bySecretary.status).toBe(403);
    const first = await p.call("POST", `/v1/submissions/${packageId}/approve`, {
      token: people["gt.ketua-harian"],
      body: { version: draft.body.version },
    });
    expect(first.body.status).toBe("in-review");
    const notYet = await p.call("POST", `/v1/submissions/${packageId}/deliver`, {
      token: people["gt.ketua-harian"],
      body: { version: first.body.version },
    });
    expect(notYet.status).toBe(409);
    const second = await p.call("POST", `/v1/submissions/${packageId}/approve`, {
      token: people["gt.ketua"],
      body: { version: first.body.version },
    });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe("approved");
    expect(second.body.approvals.map((a: { office: string }) => a.office)).toEqual([
      "gt.ketua-harian",
      "gt.ketua",
    ]);
  });

  it("is delivered signed to the province, which stores it and marks Sambas submitted", async () => {
    // Arrange: the province registers Sambas; Sambas's secretariat points its upstream there.
    const member = await p.call("POST", "/v1/members", {
      token: people["kalbar:gt.sekretaris"],
      body: { id: "sambas", name: "Kabupaten Sambas", contacts: ["gt.sekretaris@sambas.example"] },
    });
    expect(member.status).toBe(201);
    memberSecret = member.body.secret;
    expect(memberSecret).toMatch(/^whsec_/);
    const set = await p.call("PUT", "/v1/upstreams", {
      token: people["gt.sekretaris"],
      body: {
        version: 0,
        copyTo: "pencegahan@kalbar.example",
        upstreams: [
          {
            id: "kalbar",
            name: "Gugus Tugas Provinsi Kalimantan Barat",
            url: `${p.base}/v1/inbound/submissions?taskForce=${PROVINCE}`,
            secret: memberSecret,
          },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.upstreams[0].secret).toBe(`whsec_…${memberSecret.slice(-4)}`);
    const before = await p.call("GET", "/v1/members?period=2027-H1", {
      token: people["kalbar:gt.sekretaris"],
    });
    expect(before.body.items).toEqual([
      expect.objectContaining({ member: "sambas", submitted: false }),
    ]);

    // Act
    now = new Date("2027-09-06T02:00:00Z");
    await signInAll();
    const current = await p.call("GET", `/v1/submissions/${packageId}`, {
      token: people["gt.ketua"],
    });
    const delivered = await p.call("POST", `/v1/submissions/${packageId}/deliver`, {
      token: people["gt.ketua-harian"],
      body: { version: current.body.version },
    });

    // Assert
    expect(delivered.status).toBe(200);
    expect(delivered.body.deliveries).toEqual([
      expect.objectContaining({
        upstream: "kalbar",
        state: "delivered",
        attempts: 1,
        webhookId: "sambas.sbm-2027-h1.v1",
        receipt: expect.objectContaining({ id: expect.stringMatching(/^rcp_/), status: 202 }),
      }),
    ]);
    // The copy to the provincial prevention sub-task-force (L-III §VIII point 1), once.
    const { sentMail } = await import("@tenggat/local/embedded");
    const copies = (await sentMail(p.stores.sesUrl)).filter((m) =>
      m.destination.to.some((t) => t.includes("pencegahan@kalbar.example")),
    );
    expect(copies).toHaveLength(1);
    expect(copies[0]?.attachments.map((a) => a.filename).sort()).toEqual([
      "sambas-2027-H1-v1.json",
      "sambas-2027-H1-v1.xlsx",
    ]);
    const shown = await p.call("GET", `/v1/submissions/${packageId}`, {
      token: people["gt.ketua"],
    });
    expect(shown.body.status).toBe("delivered");
    expect(shown.body.deliveredOn).toBe("2027-09-06");
    const obligation = await p.call(
      "GET",
      `/v1/obligations/${encodeURIComponent("national-submission:gt:2027")}`,
      { token: people["gt.sekretaris"] },
    );
    expect(obligation.body.status).toBe("satisfied");
    expect(obligation.body.satisfiedBy).toEqual({
      kind: "submission",
      id: "sbm-2027-h1@v1",
      on: "2027-09-06",
    });
    const after = await p.call("GET", "/v1/members?period=2027-H1", {
      token: people["kalbar:gt.sekretaris"],
    });
    expect(after.body.items).toEqual([
      expect.objectContaining({
        member: "sambas",
        submitted: true,
        version: 1,
        receipt: delivered.body.deliveries[0].receipt.id,
      }),
    ]);
  });

  it("rolls the members' packages up and delivers the province's package to the ministry", async () => {
    // Arrange
    await p.call("PUT", "/v1/upstreams", {
      token: people["kalbar:gt.sekretaris"],
      body: {
        version: 0,
        upstreams: [
          {
            id: "kementerian",
            name: "Kementerian PPPA",
            url: ministry.url,
            secret: ministrySecret,
          },
        ],
      },
    });
    // The ministry's stub checks the timestamp against the real clock.
    now = new Date();
    await signInAll();

    // Act
    const draft = await p.call("POST", "/v1/submissions", {
      token: people["kalbar:gt.ketua-harian"],
      body: { year: 2027 },
    });
    const first = await p.call("POST", `/v1/submissions/${draft.body.id}/approve`, {
      token: people["kalbar:gt.ketua-harian"],
      body: { version: draft.body.version },
    });
    const second = await p.call("POST", `/v1/submissions/${draft.body.id}/approve`, {
      token: people["kalbar:gt.ketua"],
      body: { version: first.body.version },
    });
    const delivered = await p.call("POST", `/v1/submissions/${draft.body.id}/deliver`, {
      token: people["kalbar:gt.ketua-harian"],
      body: { version: second.body.version },
    });

    // Assert
    expect(delivered.body.deliveries[0]).toMatchObject({
      state: "delivered",
      receipt: { id: "stub-1" },
    });
    expect(ministry.received).toHaveLength(1);
    const got = JSON.parse(ministry.received[0]?.body ?? "{}");
    expect(got.taskForce).toEqual({
      id: PROVINCE,
      name: expect.stringContaining("Kalimantan Barat"),
      level: "provinsi",
    });
    expect(got.members).toEqual([expect.objectContaining({ taskForce: "sambas", version: 1 })]);
    expect(got.cases.total.reported).toBe(14);
    expect(got.rad.filter((r: { taskForce: string }) => r.taskForce === "sambas")).toHaveLength(5);
    expect(ministry.received[0]?.headers["webhook-id"]).toBe(`${PROVINCE}.sbm-2027-h1.v1`);
  });

  it("lets a reports:read machine pull what changed, with a since cursor and ETags", async () => {
    const key = await p.call("POST", "/v1/api-keys", {
      token: people["gt.sekretaris"],
      body: { name: "pipeline", scopes: ["reports:read"] },
    });
    expect(key.status).toBe(201);
    const secret = key.body.secret;
    const first = await p.call("GET", "/v1/submissions", { token: secret });
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual(["sbm-2027-h1"]);
    const etag = first.headers.get("etag") ?? "";
    const same = await p.call("GET", "/v1/submissions", {
      token: secret,
      headers: { "if-none-match": etag },
    });
    expect(same.status).toBe(304);
    const since = await p.call("GET", `/v1/submissions?since=${first.body.since}`, {
      token: secret,
    });
    expect(since.body.items).toEqual([]);
    const bad = await p.call("GET", "/v1/submissions?since=bm90LWEtY3Vyc29y", { token: secret });
    expect(bad.status).toBe(400);
    const anonymous = await p.call("GET", "/v1/submissions");
    expect(anonymous.status).toBe(401);
  });
});
