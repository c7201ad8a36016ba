import { clearMail } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

/** Links in mails, the personal calendar feed, language, and waivers — through HTTP. */
describe("links in mails, feed, settings and waivers", () => {
  let w: World;
  let now = new Date("2027-01-20T01:00:00Z"); // 08:00 in Sambas, a Wednesday
  const run = async (iso: string) => {
    now = new Date(iso);
    const { Reminder } = await import("@tenggat/core/reminder");
    return Reminder.daily(now);
  };
  beforeAll(async () => {
    w = await world({ clock: () => now, trackFrom: "2027-01-04" });
  });
  afterAll(async () => {
    await w.stop();
  });

  it("opens a digest's link to the obligation and records an acknowledgement", async () => {
    await clearMail(w.stores.sesUrl);
    await run("2027-01-20T01:00:00Z");
    const mail = (await w.mail()).find((m) =>
      m.destination.to.some((t) => t.includes("sgt-a.koordinator@")),
    );
    expect(mail?.subject).toMatch(/Laporan Semesteran/);
    // "Buka" leads to the obligation's page (which asks for a sign-in when there is no session).
    const instance = "semester-report:sgt-a:2026-S2";
    expect(mail?.body.text).toContain(
      `Buka: http://localhost:3000/kewajiban/${encodeURIComponent(instance)}?tf=sambas`,
    );
    // The signed links of older mails still open what they name.
    const { Notify } = await import("@tenggat/core/notify");
    const open = Notify.openUrl("sambas", "obligation", instance, now).replace(
      "http://localhost:3000",
      "",
    );
    const ack = mail?.body.text?.match(
      /http:\/\/localhost:3000(\/v1\/links\/ack\?t=\S+)/,
    )?.[1] as string;
    expect(open).toBeTruthy();
    const opened = await w.app.request(open);
    expect(opened.status).toBe(303);
    const page = opened.headers.get("location") as string;
    expect(page).toMatch(/^\/kewajiban\/.+\?tf=sambas$/);
    const koordinator = await w.signIn("sgt-a.koordinator@sambas.example");
    const shown = await w.app.request(page, {
      headers: { authorization: `Bearer ${koordinator}` },
    });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toMatch(/Pasal 19/);

    const token = new URL(`http://x${ack}`).searchParams.get("t") as string;
    const acked = await w.call("POST", "/v1/links/ack", { body: { t: token } });
    expect(acked.status).toBe(200);
    // Followed again later (a second click, a mail scanner): the same answer, no second event.
    now = new Date("2027-01-20T03:00:00Z");
    const again = await w.call("POST", "/v1/links/ack", { body: { t: token } });
    expect(again).toEqual(acked);
    const secretary = await w.signIn("gt.sekretaris@sambas.example");
    const trail = await w.call(
      "GET",
      `/v1/audit?entity=notification&id=${encodeURIComponent(acked.body.acknowledged)}`,
      {
        token: secretary,
      },
    );
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      "notification.acknowledged",
    ]);

    const tampered = await w.app.request(open.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")));
    expect(tampered.status).toBe(401);
  });

  it("serves a personal calendar feed that a rotation revokes", async () => {
    const token = await w.signIn("sgt-a.koordinator@sambas.example");
    const links = await w.call("POST", "/v1/me/feed", { token, body: {} });
    expect(links.status).toBe(200);
    expect(links.body.webcal).toMatch(/^webcal:\/\//);
    const path = links.body.https.replace("http://localhost:3000", "");
    const feed = await w.app.request(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toMatch(/text\/calendar/);
    const text = await feed.text();
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain("semester-report:sgt-a:2026-S2@tenggat");
    // Read as a person reads it: the basis and the state in words, no codes (lines unfolded).
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toMatch(/DESCRIPTION:.*Lampiran III Bab VIII/);
    expect(unfolded).not.toMatch(/L-III|Status: |\(sgt-a\)/);

    const rotated = await w.call("POST", "/v1/me/feed", { token, body: { rotate: true } });
    expect(rotated.body.https).not.toBe(links.body.https);
    expect((await w.app.request(path)).status).toBe(401);
  });

  it("sends mail in English to a person who chose English", async () => {
    const token = await w.signIn("sgt-b.koordinator@sambas.example");
    const changed = await w.call("PATCH", "/v1/me", { token, body: { language: "en" } });
    expect(changed.status).toBe(200);
    expect(changed.body.language).toBe("en");
    const bad = await w.call("PATCH", "/v1/me", { token, body: { language: "fr" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("language");

    await clearMail(w.stores.sesUrl);
    await run("2027-02-05T01:00:00Z"); // 14 days before the 19 February deadline
    const mail = (await w.mail()).find((m) =>
      m.destination.to.some((t) => t.includes("sgt-b.koordinator@")),
    );
    expect(mail?.body.text).toMatch(/Dear|due/i);
  });

  it("lets the secretariat waive an obligation, after which its reminders stop", async () => {
    const coordinator = await w.signIn("sgt-c.koordinator@sambas.example");
    const secretary = await w.signIn("gt.sekretaris@sambas.example");
    const id = "semester-report:sgt-c:2026-S2";
    const before = await w.call("GET", `/v1/obligations/${encodeURIComponent(id)}`, {
      token: coordinator,
    });
    expect(before.status).toBe(200);
    expect(before.body.status).toBe("open");

    const denied = await w.call("POST", `/v1/obligations/${encodeURIComponent(id)}/waive`, {
      token: coordinator,
      body: { reason: "tidak ada kegiatan", version: before.body.version },
    });
    expect(denied.status).toBe(403);
    const noReason = await w.call("POST", `/v1/obligations/${encodeURIComponent(id)}/waive`, {
      token: secretary,
      body: { version: before.body.version },
    });
    expect(noReason.status).toBe(400);
    const waived = await w.call("POST", `/v1/obligations/${encodeURIComponent(id)}/waive`, {
      token: secretary,
      body: {
        reason: "Sub-task-force C was reorganised this semester",
        version: before.body.version,
      },
    });
    expect(waived.status).toBe(200);
    expect(waived.body.status).toBe("waived");
    const again = await w.call("POST", `/v1/obligations/${encodeURIComponent(id)}/waive`, {
      token: secretary,
      body: {
        reason: "Sub-task-force C was reorganised this semester",
        version: waived.body.version,
      },
    });
    expect(again.status).toBe(409);

    await clearMail(w.stores.sesUrl);
    await run("2027-02-12T01:00:00Z"); // a week before the deadline: a reminder stage
    const toC = (await w.mail()).filter((m) =>
      m.destination.to.some((t) => t.includes("sgt-c.koordinator@")),
    );
    for (const m of toC) expect(m.body.text).not.toMatch(/Laporan Semesteran Sub Gugus Tugas/);
    const toA = (await w.mail()).filter((m) =>
      m.destination.to.some((t) => t.includes("sgt-a.koordinator@")),
    );
    expect(toA.length).toBe(1);
  });
});
