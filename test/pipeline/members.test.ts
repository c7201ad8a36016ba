import { Actor } from "@tenggat/core/actor";
import { clearMail, sentMail } from "@tenggat/local/embedded";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Pipeline, PROVINCE, pipeline } from "./world.ts";

/**
 * Issue 10 item 4: the province sees which districts have submitted for the period — an
 * obligation per member district (a reading of L-III §VIII "secara berjenjang"), satisfied by the
 * member's signed package, reminded to the member's contacts by the daily job, exactly once.
 */
describe("a province's member districts owe their January–June packages", () => {
  let now = new Date("2027-01-20T01:00:00Z");
  let p: Pipeline;
  let secretariat = "";
  const key = (s: string) =>
    `whsec_${Buffer.from(`${s}-secret-0123456789abcdefgh`).toString("base64")}`;
  const CONTACT = { sambas: "laporan@sambas.example", mempawah: "gugus@mempawah.example" };
  const id = (member: string) => `member-submission:gt:2027-H1:${member}`;

  const daily = async (at: Date) => {
    const { Reminder } = await import("@tenggat/core/reminder");
    return Reminder.daily(at, { tenants: [PROVINCE] });
  };
  const mailTo = async (address: string) =>
    (await sentMail(p.stores.sesUrl)).filter((m) =>
      m.destination.to.some((t) => t.includes(address)),
    );

  beforeAll(async () => {
    p = await pipeline(() => now);
    secretariat = await p.signIn(PROVINCE, "gt.sekretaris@kalbar.example");
    for (const [member, name] of [
      ["sambas", "Kabupaten Sambas"],
      ["mempawah", "Kabupaten Mempawah"],
    ] as const) {
      const added = await p.call("POST", "/v1/members", {
        token: secretariat,
        body: { id: member, name, contacts: [CONTACT[member]], secret: key(member) },
      });
      expect(added.status).toBe(201);
    }
    await daily(now);
  }, 60_000);

  afterAll(async () => {
    await p?.stop();
  });

  it("records one instance per member on the province's obligations, labelled a reading", async () => {
    // Act
    const listed = await p.call("GET", "/v1/obligations?unit=gt&from=2027-07-01&to=2027-10-31", {
      token: secretariat,
    });

    // Assert
    expect(listed.status).toBe(200);
    const mine = listed.body.items.filter(
      (i: { obligation: string }) => i.obligation === "member-submission",
    );
    expect(mine.map((i: { id: string }) => i.id).sort()).toEqual([id("mempawah"), id("sambas")]);
    const sambas = mine.find((i: { id: string }) => i.id === id("sambas"));
    expect(sambas).toMatchObject({
      basis: "reading",
      article: "L-III §VIII",
      windowStart: "2027-07-01",
      // The province's own national submission is due 30 September; its members' 14 days before.
      due: "2027-09-16",
      owner: "ext:anggota-sambas",
      route: ["ext:anggota-sambas", "gt.ketua-harian", "gt.ketua"],
      status: "open",
      covers: { from: "2027-01-01", to: "2027-06-30" },
    });
    expect(sambas.title.id).toContain("Kabupaten Sambas");
    // The district itself owes no such thing: only a province records members.
    const { Obligation } = await import("@tenggat/core/obligation");
    const district = await Obligation.allOfUnit("sambas", "gt");
    expect(district.some((i) => i.obligation === "member-submission")).toBe(false);
  });

  it("is satisfied by the member's package; the other's contact is reminded once, its escalation reaches the Ketua Harian", async () => {
    // Arrange: Sambas delivers its package, signed, over HTTP, in September.
    now = new Date("2027-09-06T02:00:00Z");
    const { Submission } = await import("@tenggat/core/submission");
    const drafted = await Actor.provide(
      {
        type: "person",
        tenant: "sambas",
        personId: "per_kh",
        name: "Ketua Harian",
        offices: ["gt.ketua-harian"],
      },
      () => Submission.draft({ year: 2027 }),
      () => now,
    );
    const { bytes } = await Submission.packageOf("sambas", drafted.info.id);
    const webhookId = "sambas.sbm-2027-h1.v1";
    const received = await p.call("POST", `/v1/inbound/submissions?taskForce=${PROVINCE}`, {
      body: bytes,
      headers: {
        "content-type": "application/json",
        "webhook-id": webhookId,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": new Webhook(key("sambas")).sign(webhookId, now, bytes),
      },
    });
    expect(received.status).toBe(202);

    // Act: the daily job a week after the due date (Friday 24 September, 08:00), twice.
    now = new Date("2027-09-24T01:00:00Z");
    const token = await p.signIn(PROVINCE, "gt.sekretaris@kalbar.example");
    await clearMail(p.stores.sesUrl);
    const first = await daily(now);
    const afterFirst = await mailTo(CONTACT.mempawah);
    const again = await daily(new Date(now.getTime() + 3600_000));

    // Assert: the runs went through; Mempawah's contact got one mail, Sambas's none.
    expect(first.runs[0]?.ok, first.runs[0]?.error).toBe(true);
    expect(again.runs[0]?.ok, again.runs[0]?.error).toBe(true);
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]?.subject).toContain("Terlambat");
    expect(afterFirst[0]?.subject).toContain("Kabupaten Mempawah");
    expect(afterFirst[0]?.body.text).toContain("tafsiran atas peraturan");
    expect(afterFirst[0]?.body.text).toContain(`/v1/inbound/submissions?taskForce=${PROVINCE}`);
    expect(await mailTo(CONTACT.mempawah)).toHaveLength(1);
    expect(await mailTo(CONTACT.sambas)).toHaveLength(0);
    // The member's contacts are outsiders: the province's Sekretaris is not mailed in their place,
    // and the overdue notice escalates to the province's Ketua Harian (in the digest).
    const kh = await mailTo("gt.ketua-harian@kalbar.example");
    expect(kh.some((m) => m.body.text?.includes("Kabupaten Mempawah"))).toBe(true);
    const sekretaris = await mailTo("gt.sekretaris@kalbar.example");
    expect(sekretaris.some((m) => m.body.text?.includes("Kabupaten Mempawah"))).toBe(false);

    const sambas = await p.call("GET", `/v1/obligations/${encodeURIComponent(id("sambas"))}`, {
      token,
    });
    const mempawah = await p.call("GET", `/v1/obligations/${encodeURIComponent(id("mempawah"))}`, {
      token,
    });
    expect(sambas.body).toMatchObject({
      status: "satisfied",
      satisfiedBy: { kind: "submission", on: "2027-09-06" },
    });
    expect(sambas.body.satisfiedBy.id).toBe(`sambas:${received.body.receipt}`);
    expect(mempawah.body).toMatchObject({ status: "open", overdue: true });
    const status = await p.call("GET", "/v1/members?period=2027-H1", { token });
    expect(
      status.body.items.map((s: { member: string; submitted: boolean }) => [s.member, s.submitted]),
    ).toEqual([
      ["mempawah", false],
      ["sambas", true],
    ]);
  });

  it("stops owing, and stops reminding, once a member is removed", async () => {
    // Act
    const token = await p.signIn(PROVINCE, "gt.sekretaris@kalbar.example");
    const removed = await p.call("DELETE", "/v1/members/mempawah", { token });
    await clearMail(p.stores.sesUrl);
    now = new Date("2027-10-01T01:00:00Z");
    await daily(now);

    // Assert
    expect(removed.status).toBe(200);
    expect(await mailTo(CONTACT.mempawah)).toHaveLength(0);
    const later = await p.signIn(PROVINCE, "gt.sekretaris@kalbar.example");
    const instance = await p.call("GET", `/v1/obligations/${encodeURIComponent(id("mempawah"))}`, {
      token: later,
    });
    expect(instance.body.status).toBe("waived");
    expect(instance.body.waiver.reason).toContain("Kabupaten Mempawah");
  });
});
