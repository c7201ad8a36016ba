/**
 * The scenario through the pages only, in a real browser, starting from the sign-in
 * form and the link read back from the embedded SES: a coordinator drafts and submits the
 * semester report; the Ketua Harian (the first office of its route, koordinator → Ketua Harian →
 * Ketua) returns it with a comment; the coordinator resubmits; the Ketua Harian approves and
 * forwards it; the Ketua approves it at the last step. The Sekretaris does not stand in on a
 * report's route (Pasal 9(2)c, separation of duties) — only at meetings, which the secretary
 * schedules, reschedules and records here. Every page visited is checked with axe-core and
 * photographed at 390 px and 1280 px (test-artifacts/web/).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Site, site } from "./browser.ts";

let s: Site;
let now = new Date("2027-01-20T01:00:00Z");
const INSTANCE = "semester-report:sgt-a:2026-S2";

beforeAll(async () => {
  s = await site({ clock: () => now, trackFrom: "2027-01-04" });
  const { Reminder } = await import("@tenggat/core/reminder");
  await Reminder.daily(now); // materialises the February reports
  now = new Date("2027-02-08T02:00:00Z");
}, 90_000);
afterAll(async () => s?.close());

const signedIn = new Map<string, Awaited<ReturnType<Site["as"]>>>();
/** One browser profile per person for the whole file (signing in once each). */
async function who(email: string, width = 1280) {
  let found = signedIn.get(email);
  if (!found) {
    found = await s.as(email, width);
    signedIn.set(email, found);
  }
  return found;
}

/** axe-core finds nothing serious or critical; screenshots kept as artefacts. */
async function check(page: Page, name: string) {
  expect(await s.axe(page), `axe on ${name}`).toEqual([]);
  await s.shots(page, name);
}

describe("a semester report through the pages", { timeout: 180_000 }, () => {
  let reportUrl = "";

  it("the coordinator drafts it from the obligation, meets an error beside a field, and submits", async () => {
    const { page } = await who("sgt-a.koordinator@sambas.example", 390);
    await check(page, "beranda-koordinator");
    await page
      .getByRole("link", { name: /Laporan Semester.*Semester II 2026/ })
      .first()
      .click();
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/kewajiban/${INSTANCE}`);
    await check(page, "kewajiban");
    await page.getByRole("button", { name: "Mulai menyusun laporan" }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/laporan\/rpt_[^/]+\/ubah$/);
    await check(page, "laporan-ubah");

    await page.getByLabel("Perencanaan").fill("Rencana sosialisasi di 5 kecamatan rawan.");
    await page.getByLabel("Pelaksanaan").fill("Sosialisasi dilaksanakan di 3 kecamatan.");
    await page.getByLabel("Pengorganisasian").fill("Rapat koordinasi dua kali.");
    await page.getByLabel("Monitoring dan evaluasi").fill("Pemantauan bulan Desember.");
    await page.locator("#rad-0-process").fill("3 kecamatan");
    await page.locator("#rad-0-result").fill("120");
    await page.getByLabel("Kasus dilaporkan / pengaduan").fill("dua");
    await page.getByRole("button", { name: "Simpan draf" }).click();
    // The error is beside its field and in the summary, and nothing typed is lost.
    expect(await page.locator("#cases-reported-error").textContent()).toContain("bilangan bulat");
    expect(await page.locator(".error-summary a[href='#cases-reported']").count()).toBe(1);
    expect(await page.getByLabel("Perencanaan").inputValue()).toContain("5 kecamatan rawan");
    await check(page, "laporan-ubah-galat");
    await page.getByLabel("Kasus dilaporkan / pengaduan").fill("2");
    await page.getByRole("button", { name: "Simpan draf" }).click();
    await page.getByText("Draf tersimpan.").waitFor();
    reportUrl = new URL(page.url()).pathname;
    expect(await page.locator("table").textContent()).toContain("3 kecamatan");
    await check(page, "laporan-draf");

    await page.getByRole("link", { name: "Ajukan laporan" }).click();
    await page.getByRole("heading", { name: /Periksa sebelum melanjutkan/ }).waitFor();
    await check(page, "laporan-konfirmasi-ajukan");
    await page.getByRole("button", { name: /Ya, lanjutkan/ }).click();
    await page.getByRole("heading", { name: "Laporan sudah diajukan" }).waitFor();
    await check(page, "laporan-diajukan");
    // Submitted: the coordinator no longer sees edit or submit.
    expect(await page.getByRole("link", { name: "Ubah draf" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Ajukan laporan" }).count()).toBe(0);
  });

  it("the Ketua Harian finds it waiting and returns it with a comment (required, beside its field)", async () => {
    const { page } = await who("gt.ketua-harian@sambas.example");
    await check(page, "beranda-ketua-harian");
    await page
      .getByRole("link", { name: /Laporan Semester/ })
      .first()
      .click();
    expect(new URL(page.url()).pathname).toBe(reportUrl);
    await page.getByRole("link", { name: "Kembalikan untuk diperbaiki" }).click();
    await page.getByRole("button", { name: /Ya, lanjutkan/ }).click();
    expect(await page.locator("#comments-error").textContent()).toContain("Tulis catatan");
    await page.getByLabel("Catatan untuk penyusun").fill("Lengkapi jumlah peserta sosialisasi.");
    await page.getByRole("button", { name: /Ya, lanjutkan/ }).click();
    await page.getByRole("heading", { name: "Laporan sudah dikembalikan" }).waitFor();
    // The history reads as a sentence with a local time.
    expect(await page.locator("ol").textContent()).toMatch(
      /mengembalikan laporan ini pada Senin, 8 Februari 2027 09\.\d\d WIB/,
    );
  });

  it("the coordinator sees the comment, meets a stale-version conflict explained, and resubmits", async () => {
    const { context, page } = await who("sgt-a.koordinator@sambas.example", 390);
    await page.goto(`${s.base}${reportUrl}`);
    expect(await page.locator(".warning-text").textContent()).toContain(
      "Lengkapi jumlah peserta sosialisasi.",
    );
    const other = await context.newPage();
    await other.goto(`${s.base}${reportUrl}/ubah`);
    await page.goto(`${s.base}${reportUrl}/ubah`);
    await page.getByLabel("Pelaksanaan").fill("Sosialisasi di 3 kecamatan, 240 peserta.");
    await page.getByRole("button", { name: "Simpan draf" }).click();
    await page.getByText("Draf tersimpan.").waitFor();
    await other.getByLabel("Pengorganisasian").fill("Versi lama");
    await other.getByRole("button", { name: "Simpan draf" }).click();
    expect(await other.locator(".warning-text").textContent()).toMatch(
      /sudah diubah oleh .+ sejak Anda membukanya\. Muat ulang/,
    );
    await check(other, "laporan-konflik");
    await page.getByRole("link", { name: "Ajukan laporan" }).click();
    await page.getByRole("button", { name: /Ya, lanjutkan/ }).click();
    await page.getByRole("heading", { name: "Laporan sudah diajukan" }).waitFor();
    await other.close();
  });

  it("the Sekretaris cannot act on it; the Ketua Harian approves and forwards it; the Ketua approves it", async () => {
    // Separation of duties (Pasal 9(2)c): the secretary may read the report but not stand in.
    const sec = await who("gt.sekretaris@sambas.example");
    await sec.page.goto(`${s.base}${reportUrl}`);
    await sec.page.locator("dl.summary").first().waitFor();
    expect(await sec.page.getByRole("link", { name: "Setujui" }).count()).toBe(0);
    expect(await sec.page.getByRole("link", { name: "Kembalikan untuk diperbaiki" }).count()).toBe(
      0,
    );

    const kh = await who("gt.ketua-harian@sambas.example");
    await kh.page.goto(`${s.base}${reportUrl}`);
    await kh.page.getByRole("link", { name: "Setujui" }).click();
    await check(kh.page, "laporan-konfirmasi-setujui");
    await kh.page.getByRole("button", { name: /Ya, lanjutkan/ }).click();
    await kh.page.getByRole("heading", { name: "Laporan sudah disetujui" }).waitFor();
    await kh.page.getByRole("link", { name: "Teruskan ke atas" }).click();
    await kh.page.getByRole("button", { name: /Ya, lanjutkan/ }).click();
    await kh.page.getByRole("heading", { name: "Laporan sudah diteruskan" }).waitFor();
    expect(await kh.page.locator("dl.summary").first().textContent()).toContain("Diteruskan");
    await check(kh.page, "laporan-diteruskan");
    // Having approved it, the Ketua Harian has nothing more to do on it.
    expect(await kh.page.getByRole("link", { name: "Setujui" }).count()).toBe(0);

    const ketua = await who("gt.ketua@sambas.example");
    await ketua.page.goto(`${s.base}${reportUrl}`);
    await ketua.page.getByRole("link", { name: "Setujui" }).click();
    await ketua.page.getByRole("button", { name: /Ya, lanjutkan/ }).click();
    await ketua.page.getByRole("heading", { name: "Laporan sudah disetujui" }).waitFor();
    expect(await ketua.page.locator("dl.summary").first().textContent()).toContain("Disetujui");
    // The last office of the route: nothing to forward to.
    expect(await ketua.page.getByRole("link", { name: "Teruskan ke atas" }).count()).toBe(0);
    await check(ketua.page, "laporan-disetujui-ketua");
  });

  it("the secretary schedules a meeting, reschedules it with a reason, and records it held with an action item", async () => {
    const { page } = await who("gt.sekretaris@sambas.example");
    await page.goto(`${s.base}/rapat`);
    await page.getByRole("link", { name: "Jadwalkan rapat" }).click();
    await check(page, "rapat-baru");
    await page.getByLabel("Tanggal").fill("2027-02-08");
    await page.getByLabel("Mulai").fill("13:00");
    await page.getByLabel("Selesai").fill("15:00");
    await page.getByLabel("Tempat").fill("Aula Kantor Bupati Sambas");
    await page.getByLabel("Agenda").fill("Evaluasi laporan semester II 2026.");
    await page.getByRole("button", { name: "Jadwalkan rapat" }).click();
    // Check before sending: who is invited, and the offices nobody holds (who get nothing).
    await page.getByRole("heading", { name: "Periksa undangan sebelum dikirim" }).waitFor();
    await check(page, "rapat-periksa-undangan");
    await page.getByRole("button", { name: "Kirim undangan" }).click();
    await page.getByRole("heading", { name: /Rapat sudah dijadwalkan/ }).waitFor();
    expect(await page.locator("dl.summary").textContent()).toContain("Senin, 8 Februari 2027");
    await check(page, "rapat");

    await page.getByText("Ubah jadwal").first().click();
    await page.locator("#start").fill("14:00");
    await page.locator("#end").fill("16:00");
    await page.locator("#reason").fill("Aula dipakai acara lain.");
    await page.getByRole("button", { name: "Ubah jadwal" }).click();
    await page.getByRole("heading", { name: /Jadwal rapat sudah diubah/ }).waitFor();
    expect(await page.locator("dl.summary").textContent()).toContain("14.00–16.00 WIB");

    await page.getByText("Catat pelaksanaan rapat").first().click();
    await page.locator("#present-0").check();
    await page.locator("#decisions").fill("Sosialisasi dilanjutkan di dua kecamatan.");
    await page.locator("#item-0-title").fill("Susun daftar peserta sosialisasi");
    await page.locator("#item-0-office").selectOption("sgt-a.koordinator");
    await page.locator("#item-0-due").fill("2027-02-20");
    await page.getByRole("button", { name: "Catat pelaksanaan rapat" }).click();
    await page.getByRole("heading", { name: /Pelaksanaan rapat sudah dicatat/ }).waitFor();
    await check(page, "rapat-dicatat");
    expect(await page.getByRole("link", { name: "Susun daftar peserta sosialisasi" }).count()).toBe(
      1,
    );
  });

  it("the coordinator finds the task at home, accepts it and completes it", async () => {
    const { page } = await who("sgt-a.koordinator@sambas.example", 390);
    await page.goto(`${s.base}/`);
    await page.getByRole("link", { name: "Susun daftar peserta sosialisasi" }).first().click();
    await check(page, "tugas");
    await page.getByRole("button", { name: "Terima tugas" }).click();
    await page.getByRole("heading", { name: "Tugas diterima." }).waitFor();
    await page.getByLabel("Hasil").fill("Daftar 240 peserta sudah disusun.");
    await page.getByRole("button", { name: "Tandai selesai" }).click();
    await page.getByRole("heading", { name: /Tugas ditandai selesai/ }).waitFor();
    expect(await page.locator("dl.summary").textContent()).toContain("Selesai");
    await check(page, "tugas-selesai");
  });

  it("the other pages pass axe too: the secretary's home, dashboard, meetings, tasks, account, people, settings, submissions, audit, not found", async () => {
    const { page } = await who("gt.sekretaris@sambas.example");
    for (const [path, name, text] of [
      ["/", "beranda-sekretaris", "Kewajiban unit Anda: jatuh tempo dan lewat tenggat"],
      ["/dasbor?tahun=2027", "dasbor", "Dasbor tahunan 2027"],
      ["/rapat", "rapat-daftar", "Rapat mendatang"],
      ["/tugas", "tugas-daftar", "Tugas saya"],
      ["/akun", "akun", "Bahasa surel dan halaman"],
      ["/orang", "orang", "Jabatan dan pemegangnya hari ini"],
      ["/pengaturan?tahun=2027", "pengaturan", "Hari libur resmi per tahun"],
      ["/kiriman", "kiriman-daftar", "Kiriman laporan berjenjang"],
      ["/pratinjau-pengingat?tanggal=2027-02-08", "pratinjau-pengingat", "Pratinjau pengingat"],
      ["/rapat/catat", "rapat-catat-lampau", "Catat rapat yang sudah berlangsung"],
      [`${reportUrl.replace("/laporan/", "/riwayat/report/")}`, "riwayat", "mengembalikan"],
      ["/unit/tidak-ada", "tidak-ditemukan", "Halaman tidak ditemukan"],
    ] as const) {
      await page.goto(`${s.base}${path}`);
      expect(await page.locator("main").textContent(), path).toContain(text);
      await check(page, name);
    }
    // A submission package, drafted and opened by the Ketua Harian through the pages.
    const kh = await who("gt.ketua-harian@sambas.example");
    await kh.page.goto(`${s.base}/kiriman`);
    await kh.page.getByLabel("Tahun", { exact: true }).fill("2026");
    await kh.page.getByLabel("Periode").selectOption("annual");
    await kh.page.getByRole("button", { name: "Susun paket" }).click();
    await kh.page.getByRole("heading", { name: "Paket kiriman: Tahun 2026" }).waitFor();
    expect(await kh.page.locator("main").textContent()).toContain("menunggu Ketua Harian");
    await check(kh.page, "kiriman");
    await kh.page.getByRole("link", { name: "Setujui paket" }).click();
    await kh.page.getByRole("heading", { name: /Periksa sebelum melanjutkan/ }).waitFor();
    await check(kh.page, "kiriman-konfirmasi-setujui");
    // The download links work with the page's cookie session.
    const csv = await kh.page.request.get(`${s.base}/v1/submissions/sbm-2026.csv?table=kepatuhan`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    // A mail of the reminder preview, as its recipient will read it.
    await page.goto(`${s.base}/pratinjau-pengingat?tanggal=2027-02-08`);
    expect(await page.locator("main table a").count()).toBeGreaterThan(0);
    await page.locator("main table a").first().click();
    await page.getByRole("heading", { name: "Isi surel (teks)" }).waitFor();
    await check(page, "pratinjau-pengingat-surel");
  });

  it("a person who chooses English gets the pages in English", async () => {
    const { page } = await who("gt.sekretaris@sambas.example");
    await page.goto(`${s.base}/akun`);
    await page.getByLabel("English").check();
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText("Settings saved.").waitFor();
    await page.goto(`${s.base}/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Welcome, /);
    await check(page, "beranda-en");
  });
});
