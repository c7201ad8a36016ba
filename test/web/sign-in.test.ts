import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Site, site } from "./browser.ts";

let s: Site;
beforeAll(async () => {
  s = await site();
}, 60_000);
afterAll(async () => s?.close());

describe("signing in through the pages (a real browser)", () => {
  it("sends the link from the form, lands on /masuk/tautan, signs in and goes on to `next`", async () => {
    const context = await s.browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    // A page that needs a session sends the visitor to the sign-in form, remembering where to.
    await page.goto(`${s.base}/akun?tf=sambas`);
    expect(new URL(page.url()).pathname).toBe("/masuk");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/akun?tf=sambas");
    await page.getByRole("heading", { name: "Masuk ke Tenggat" }).waitFor();
    expect(await s.axe(page)).toEqual([]);
    await s.shots(page, "masuk");

    // The field's error is beside it and in the summary at the top.
    await page.getByLabel("Alamat surel").fill("bukan-alamat");
    await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
    await expect(page.locator(".error-summary a").textContent()).resolves.toContain(
      "alamat surel yang benar",
    );
    expect(await page.locator("#email-error").textContent()).toContain("alamat surel yang benar");

    await page.getByLabel("Alamat surel").fill("gt.sekretaris@sambas.example");
    await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
    await page.getByRole("heading", { name: "Periksa kotak surat Anda" }).waitFor();
    const mail = await s.mailTo("gt.sekretaris@sambas.example");
    const link = mail.links.find((l) => l.includes("/masuk/tautan")) as string;
    expect(link).toContain("next=%2Fakun");
    await page.goto(link);
    expect(await s.axe(page)).toEqual([]);
    await s.shots(page, "masuk-tautan");
    await page.getByRole("button", { name: "Masuk" }).click();
    expect(new URL(page.url()).pathname).toBe("/akun");
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "tenggat_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");

    // A used link says so in Indonesian and offers a new one.
    await page.goto(link);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.getByRole("heading", { name: "Tautan masuk sudah tidak berlaku" }).waitFor();
    expect(await page.getByLabel("Alamat surel").count()).toBe(1);
    expect(await s.axe(page)).toEqual([]);
    await s.shots(page, "masuk-kedaluwarsa");
    await context.close();
  });

  it("answers the same whatever the address, and mails nobody for an unknown one", async () => {
    const context = await s.browser.newContext();
    const page = await context.newPage();
    const before = (await s.w.mail()).length;
    await page.goto(`${s.base}/masuk?tf=sambas`);
    await page.getByLabel("Alamat surel").fill("orang.asing@sambas.example");
    await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
    await page.getByRole("heading", { name: "Periksa kotak surat Anda" }).waitFor();
    expect((await s.w.mail()).length).toBe(before);
    await context.close();
  });

  it("signs out with the button in the header", async () => {
    const { context, page } = await s.as("sgt-a.koordinator@sambas.example");
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.getByText("Anda sudah keluar.").waitFor();
    expect((await context.cookies()).some((c) => c.name === "tenggat_session")).toBe(false);
    await page.goto(`${s.base}/akun`);
    expect(new URL(page.url()).pathname).toBe("/masuk");
    await context.close();
  });
});
