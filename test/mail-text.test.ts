/**
 * Every mail of a simulated month, read as its recipient reads it: no code where a person
 * expects words (office and unit codes, period ids, ISO timestamps, "L-III", English status
 * words, "Sub Gugus Tugas Sub Gugus Tugas"), and every link pointing at one of the console's
 * pages (the shared URL contract) or at the signed acknowledgement link.
 */
import { type Embedded, type StoredMail, sentMail, start } from "@tenggat/local/embedded";
import { type Result, simulate } from "@tenggat/local/simulate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Codes that must never reach the words of a mail. */
const CODES: [string, RegExp][] = [
  ["office or unit code", /\b(gt|sgt-[a-e])\.[a-z-]+\b/],
  ["unit code", /\b(sgt-[a-e]|satgas-(kec|desa)-[a-z-]+)\b/],
  ["period id", /\d{4}-S[12]\b/],
  ["ISO timestamp", /\d{4}-\d\d-\d\dT/],
  ["ISO date", /\b\d{4}-\d\d-\d\d\b/],
  ["annex code", /L-III/],
  ["status code", /Status: satisfied/],
  ["doubled unit", /Sub Gugus Tugas Sub Gugus Tugas/],
];

/** The console's pages (docs: the shared URL contract), and the signed acknowledgement. */
const PAGES = [
  /^\/$/,
  /^\/masuk(\/tautan)?$/,
  /^\/dasbor(\.csv)?$/,
  /^\/kewajiban\/[^/]+$/,
  /^\/laporan\/[^/]+(\/ubah)?$/,
  /^\/rapat(\/baru|\/[^/]+)?$/,
  /^\/tugas(\/[^/]+)?$/,
  /^\/(orang|pengaturan|akun|pratinjau-pengingat)$/,
  /^\/riwayat\/[^/]+\/[^/]+$/,
  /^\/kiriman(\/[^/]+)?$/,
  /^\/v1\/links\/ack$/,
];

const URL_RE = /https?:\/\/[^\s<>"]+/g;

/** What a person reads: the text part and the HTML part's text, without the link targets. */
function words(mail: StoredMail): string[] {
  const html = (mail.body.html ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  return [
    mail.subject,
    (mail.body.text ?? "").replace(URL_RE, "<url>"),
    html.replace(URL_RE, "<url>"),
  ];
}

function links(mail: StoredMail): URL[] {
  const hrefs = [...(mail.body.html ?? "").matchAll(/href="([^"]+)"/g)].map((m) =>
    (m[1] as string).replace(/&amp;/g, "&"),
  );
  const inText = (mail.body.text ?? "").match(URL_RE) ?? [];
  return [...hrefs, ...inText].map((u) => new URL(u));
}

describe("the mails of a simulated month", () => {
  let stores: Embedded;
  let result: Result;
  let mails: StoredMail[];
  beforeAll(async () => {
    stores = await start();
    result = await simulate({
      // March: the February reports (tracked since January, so overdue by now) are written and
      // approved on the first day, the Pasal 16 meetings are called and held, digests go out.
      from: "2027-03-01",
      to: "2027-03-31",
      trackFrom: "2027-01-01",
      policy: "on-time",
      tenant: "sebulan",
      sesUrl: stores.sesUrl,
    });
    const ours = new Set(result.mails.map((m) => m.messageId));
    mails = (await sentMail(stores.sesUrl)).filter((m) => ours.has(m.messageId));
  }, 180_000);
  afterAll(async () => {
    await stores.stop();
  });

  it("covers digests, report events and invitations", () => {
    const kinds = new Set(result.mails.map((m) => m.kind));
    expect([...kinds].sort()).toEqual(["digest", "event", "invitation"]);
    expect(mails.length).toBe(result.mails.length);
    const subjects = mails.map((m) => m.subject);
    expect(subjects.some((s) => s.includes("Laporan menunggu pemeriksaan Anda"))).toBe(true);
    expect(subjects.some((s) => s.includes("Laporan disetujui"))).toBe(true);
    expect(subjects.some((s) => s.includes("Undangan rapat"))).toBe(true);
  });

  it("carries no code where a person reads words", () => {
    const found: string[] = [];
    for (const mail of mails) {
      for (const text of words(mail)) {
        for (const [what, re] of CODES) {
          const m = re.exec(text);
          if (m) found.push(`${what} "${m[0]}" in ${mail.subject}`);
        }
      }
    }
    expect([...new Set(found)]).toEqual([]);
  });

  it("writes periods and legal bases out, and names offices by their titles", () => {
    const text = mails.map((m) => m.body.text ?? "").join("\n");
    expect(text).toContain("Periode: Semester II 2026");
    expect(text).toContain("Lampiran III Bab VIII");
    expect(text).toMatch(/Anda menerima surel ini sebagai Koordinator Sub Gugus Tugas/);
  });

  it("links only to the console's pages, with the task force named, or to the acknowledgement", () => {
    const wrong: string[] = [];
    let count = 0;
    for (const mail of mails) {
      for (const url of links(mail)) {
        count++;
        const ok = PAGES.some((p) => p.test(url.pathname));
        const page = url.pathname !== "/v1/links/ack";
        if (!ok || (page && url.searchParams.get("tf") !== "sebulan")) {
          wrong.push(`${url.pathname}${url.search} in ${mail.subject}`);
        }
      }
    }
    expect(count).toBeGreaterThan(mails.length);
    expect([...new Set(wrong)]).toEqual([]);
    const paths = mails.flatMap((m) => links(m).map((u) => u.pathname.split("/")[1]));
    for (const page of ["kewajiban", "laporan", "rapat", "akun"]) expect(paths).toContain(page);
  });
});
