/**
 * Browser smoke test (CI): `npm run demo`'s stack, opened in headless Chromium the way a
 * merchant and a shopper would. Fails on a blank page or any console error; saves
 * screenshots to test-results/. Needs Debian's chromium (.ci/run installs it).
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, launchChromium, startTestDemo } from "../support/browser-demo";

const SHOTS = join(process.cwd(), "test-results");
// A normal desktop agent: the Shopify library answers bots (incl. "HeadlessChrome") with 410.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
// Offline, Shopify's CDN is unreachable by design (the stand-in serves App Bridge instead).
const OFFLINE_NOISE = /cdn\.shopify\.com/;

const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)("demo in a browser", () => {
  let demo: DemoHandle;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = join(mkdtempSync(join(tmpdir(), "smoke-")), "demo.sqlite");
    demo = await startTestDemo(`file:${db}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !OFFLINE_NOISE.test(m.text() + (m.location().url ?? ""))) errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("requestfailed", (r) => {
      if (!OFFLINE_NOISE.test(r.url())) errors.push(`request failed: ${r.url()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400 && !OFFLINE_NOISE.test(r.url())) errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    return { page, errors };
  }

  it("GIVEN the admin frame WHEN a merchant opens the app THEN the embedded returns inbox renders", async () => {
    const { page, errors } = await openPage();
    await page.goto(demo.adminUrl, { waitUntil: "networkidle" });
    const app = page.frameLocator("iframe");
    await expect.poll(async () => app.locator("h1, h2").first().textContent({ timeout: 30_000 }), { timeout: 30_000 }).toMatch(/Returns/);
    await page.screenshot({ path: join(SHOTS, "admin-inbox.png") });
    // The app's navigation reached the frame (NavMenu → admin sidebar).
    await expect.poll(() => page.getByText("Settings").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN the storefront WHEN a guest finds an order and files a return THEN it is confirmed with an RMA number", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${demo.storefrontUrl}?locale=en`, { waitUntil: "networkidle" });
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body.trim().length).toBeGreaterThan(50);
    await page.screenshot({ path: join(SHOTS, "storefront-return-page.png") });

    await page.fill('input[name="order"]', "#1182");
    await page.fill('input[name="email"]', "astrid.lindqvist@example.com");
    await page.locator('button[type="submit"]').first().click();
    await page.locator('[data-f="sel"]').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, "storefront-order-found.png"), fullPage: true });

    await page.locator('[data-f="sel"]').first().check();
    const reason = page.locator('select[data-f="reason"]').first();
    if (await reason.count()) await reason.selectOption({ index: 1 });
    await page.getByRole("button", { name: /send return request/i }).click();
    await expect.poll(async () => (await page.locator("main").textContent()) ?? "", { timeout: 30_000 }).toMatch(/R-\d{4}/);
    await page.screenshot({ path: join(SHOTS, "storefront-return-confirmed.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN a filed return WHEN the app's job queue sends the outbox THEN the request e-mail reaches the demo mailbox", async () => {
    // No sender loop in the demo script: the app's "send-mail-outbox" job (every 10 s) sends it.
    await expect
      .poll(async () => (await fetch(demo.mailboxUrl)).text(), { timeout: 60_000, interval: 2_000 })
      .toMatch(/astrid\.lindqvist@example\.com/);
  });

  it("GIVEN a filed return WHEN the merchant opens the inbox THEN it is listed", async () => {
    const { page, errors } = await openPage();
    await page.goto(demo.adminUrl, { waitUntil: "networkidle" });
    const app = page.frameLocator("iframe");
    await expect.poll(async () => (await app.locator("body").textContent({ timeout: 30_000 })) ?? "", { timeout: 30_000 }).toMatch(/R-\d{4}|REQUESTED|Requested/);
    await page.screenshot({ path: join(SHOTS, "admin-inbox-after-return.png") });
    expect(errors).toEqual([]);
    await page.close();
  });
});
