/**
 * A whole Tenggat in a real browser for one test file: the embedded stores and the real app
 * served over HTTP on a free port, and Debian's Chromium driven by playwright-core. People sign
 * in as a person does: the sign-in form, then the link read back from the embedded SES.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
} from "playwright-core";
import { type World, world } from "../support.ts";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const ARTIFACTS = "test-artifacts/web";

export interface Site {
  w: World;
  base: string;
  browser: Browser;
  /** A fresh browser profile (its own cookies) signed in as `email`, on its home page. */
  as(email: string, width?: number): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs `page` in through the form and the mailed link; ends on the page `next` names. */
  signIn(page: Page, email: string, next?: string): Promise<void>;
  /** The newest mail to `email`, its links pointed at this server. */
  mailTo(email: string): Promise<{ subject: string; text: string; links: string[] }>;
  /** Serious or critical axe-core violations on the page (should be empty). */
  axe(page: Page): Promise<string[]>;
  /** Screenshots at 390 px and 1280 px under test-artifacts/web/. */
  shots(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function site(options: Parameters<typeof world>[0] = {}): Promise<Site> {
  const w = await world(options);
  const app = w.app as unknown as { fetch: (r: Request) => Response | Promise<Response> };
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => {
    if (server.listening) resolve();
    else server.once("listening", () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const sessions = new WeakMap<Page, CDPSession>();

  async function mailTo(email: string) {
    const mails = (await w.mail()).filter((m) => m.destination.to.some((t) => t.includes(email)));
    const mail = mails.at(-1);
    if (!mail) throw new Error(`no mail to ${email}`);
    const text = mail.body.text ?? "";
    const links = [...text.matchAll(/https?:\/\/[^\s<>)"]+/g)].map((m) =>
      m[0].replace(/^https?:\/\/[^/]+/, base),
    );
    return { subject: mail.subject, text, links };
  }

  async function signIn(page: Page, email: string, next?: string) {
    const q = new URLSearchParams({ tf: w.tenant, ...(next ? { next } : {}) });
    await page.goto(`${base}/masuk?${q}`);
    await page.getByLabel(/Alamat surel|E-mail address/).fill(email);
    await page.getByRole("button", { name: /Kirim tautan masuk|Send sign-in link/ }).click();
    await page.getByRole("heading", { name: /Periksa kotak surat|Check your inbox/ }).waitFor();
    const link = (await mailTo(email)).links.find((l) => l.includes("/masuk/tautan"));
    if (!link) throw new Error(`no sign-in link mailed to ${email}`);
    await page.goto(link);
    await page.getByRole("button", { name: /^(Masuk|Sign in)$/ }).click();
    await page.waitForLoadState("domcontentloaded");
  }

  return {
    w,
    base,
    browser,
    mailTo,
    signIn,
    async as(email, width = 1280) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await signIn(page, email);
      return { context, page };
    },
    async axe(page) {
      // axe-core (650 KB) loaded straight through the DevTools protocol: about a third less time
      // per page than `page.evaluate(AXE)` (307 vs 502 ms on a loaded machine, 2 Dec 2026).
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.context().newCDPSession(page);
        sessions.set(page, cdp);
      }
      const loaded = await cdp.send("Runtime.evaluate", { expression: AXE });
      if (loaded.exceptionDetails) throw new Error(`axe-core: ${loaded.exceptionDetails.text}`);
      // A string, evaluated in the page (this file is compiled without the DOM's types).
      const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`)) as {
        id: string;
        impact: string;
        nodes: number;
      }[];
      return result
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
    },
    async shots(page, name) {
      // Pictures for people (docs/console.md), not checks: only when asked for (`npm run
      // docs:img` sets it), since 66 full-page captures cost the scenario ~20 s of a worker.
      if (!process.env.TENGGAT_SCREENSHOTS) return;
      const size = page.viewportSize() ?? { width: 1280, height: 900 };
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${ARTIFACTS}/${name}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize(size);
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await w.stop();
    },
  };
}
