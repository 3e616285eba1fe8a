/**
 * Browser walk of photos and home pickup in the theme portal on the demo (headless Chromium):
 * the merchant's policy marks "damaged" as photo required and offers home pickup; a guest
 * picks that reason, is stopped without a photo, adds one (shrunk in the browser), chooses
 * home pickup (address prefilled from the order, a date window), files; the merchant sees the
 * photo and the pickup on the return page. Screenshots go to test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/db.server";
import { DEFAULT_RETURN_POLICY } from "~/domain";
import { savePolicy } from "~/services/policy.server";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, launchChromium, startTestDemo } from "../support/browser-demo";
import { NORDIC_DEMO_DOMAIN } from "../../simulator/admin/index";

const SHOTS = join(process.cwd(), "test-results");
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const OFFLINE_NOISE = /cdn\.shopify\.com/;

describe.skipIf(!existsSync(CHROMIUM))("photos and home pickup in the portal", () => {
  let demo: DemoHandle;
  let browser: Browser;
  let rma = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const url = `file:${join(mkdtempSync(join(tmpdir(), "photos-")), "demo.sqlite")}`;
    demo = await startTestDemo(url);
    const db = createDb(url);
    const shop = await db.shop.findFirstOrThrow({ where: { domain: NORDIC_DEMO_DOMAIN } });
    await savePolicy(db, shop.id, {
      ...DEFAULT_RETURN_POLICY,
      photoRequiredReasonHandles: ["damaged"],
      returnMethods: { ...DEFAULT_RETURN_POLICY.returnMethods, homePickup: { enabled: true, requiredAboveGrams: null } },
    });
    await db.$disconnect();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  function watch(page: Page, allowed: RegExp | null = null): string[] {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("response", (r) => {
      if (r.status() >= 400 && !OFFLINE_NOISE.test(r.url()) && !(allowed && allowed.test(r.url()))) errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    return errors;
  }

  it("GIVEN a reason that needs a photo and home pickup WHEN a guest files THEN the photo is asked for, sent, and the pickup window stored", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors = watch(page);
    await page.goto(`${demo.storefrontUrl}?locale=en`, { waitUntil: "networkidle" });
    await page.fill('input[name="order"]', "#1182");
    await page.fill('input[name="email"]', "astrid.lindqvist@example.com");
    await page.locator('button[type="submit"]').first().click();
    await page.locator('[data-f="sel"]').first().waitFor({ timeout: 30_000 });

    const line = page.locator("[data-line]").first();
    await line.locator('[data-f="sel"]').check();
    const damaged = await page.evaluate(() => (document.querySelector("return-portal") as unknown as { d: { reasons: { id: string; handle: string }[] } }).d.reasons.find((r) => r.handle === "damaged")!.id);
    const photoField = line.locator('[data-f="phw"]');
    expect(await photoField.isHidden()).toBe(true);
    await line.locator('select[data-f="reason"]').selectOption(damaged);
    await photoField.waitFor({ state: "visible" });

    // Home pickup: the fields appear, the address comes from the order.
    await page.locator('[data-f="m"][value="HOME_PICKUP"]').check();
    await page.locator('[data-r="pickup"]').waitFor({ state: "visible" });
    expect(await page.locator('[data-r="pickupAddress"]').inputValue()).toContain("Astrid Lindqvist");

    // Without a photo: stopped in the browser, the field marked.
    await page.locator('form[data-r="select"] button[type="submit"]').click();
    expect(await page.locator('[data-r="error"]').textContent()).toMatch(/Add a photo/);
    expect(await line.locator('[data-f="ph"]').getAttribute("aria-invalid")).toBe("true");

    // A real photo (drawn by the browser), 2000 px wide: the portal shrinks it before sending.
    const jpeg = await page.evaluate(() => {
      const c = document.createElement("canvas");
      c.width = 2000;
      c.height = 1500;
      const g = c.getContext("2d")!;
      g.fillStyle = "#b55";
      g.fillRect(0, 0, 2000, 1500);
      g.fillStyle = "#fff";
      g.fillRect(600, 400, 800, 700);
      return c.toDataURL("image/jpeg", 0.95).split(",")[1]!;
    });
    await line.locator('[data-f="ph"]').setInputFiles({ name: "tear.jpg", mimeType: "image/jpeg", buffer: Buffer.from(jpeg, "base64") });
    await page.screenshot({ path: join(SHOTS, "photos-pickup-form.png"), fullPage: true });

    const created = page.waitForResponse((r) => r.url().includes("/api/returns") && r.request().method() === "POST");
    await page.locator('form[data-r="select"] button[type="submit"]').click();
    const response = await created;
    const sent = JSON.parse(response.request().postData()!);
    expect(sent.lines[0].photos).toHaveLength(1);
    expect(sent.pickup.dateFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(response.status()).toBe(201);
    rma = (await response.json()).return.rma;
    await page.locator('[data-r="done"]').waitFor({ state: "visible" });
    await page.screenshot({ path: join(SHOTS, "photos-pickup-confirmation.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN that return WHEN the merchant opens it THEN the photo shows through its signed link and the pickup address and window are there", async () => {
    expect(rma).toMatch(/^R-\d+$/);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors = watch(page);
    await page.goto(demo.adminUrl, { waitUntil: "networkidle" });
    const app = page.frameLocator("iframe");
    await app.getByText(rma, { exact: true }).first().click({ timeout: 30_000 });
    await app.getByText("Photos from the customer").waitFor({ timeout: 30_000 });
    await app.getByText("Home pickup", { exact: true }).first().waitFor();
    const img = app.locator('img[alt^="Photo 1 of"]');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    const width = await img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
    expect(width).toBe(1600);
    await page.screenshot({ path: join(SHOTS, "photos-pickup-admin.png"), fullPage: true });
    // The same link without its signature is refused.
    const src = await img.getAttribute("src");
    const bare = await page.request.get(new URL(src!.split("&sig=")[0]!, demo.appUrl).toString());
    expect(bare.status()).toBe(404);
    expect(errors).toEqual([]);
    await page.close();
  });
});
