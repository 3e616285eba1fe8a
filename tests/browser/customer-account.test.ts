/**
 * Browser walk of the customer account extension in the demo: a signed-in customer opens
 * their orders in the stand-in's customer accounts, clicks "Return items" on an order, goes
 * through the app's return flow in the action modal (items, reason, resolution, method,
 * refund preview, submit) and gets an RMA; reopening the modal shows the return, and the
 * merchant's inbox lists it. In Swedish, to prove the
 * shopper's language flows through. Then, in German, a reason that needs a photo (Shopify's
 * drop zone) and home pickup (address + date window) filed the same way.
 * Screenshots in test-results/customer-account-*.png.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/db.server";
import { DEFAULT_RETURN_POLICY } from "~/domain";
import { jpegWithExif } from "~/domain/testing/photos";
import { savePolicy } from "~/services/policy.server";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, launchChromium, startTestDemo, watchPage } from "../support/browser-demo";
import { NORDIC_DEMO_DOMAIN } from "../../simulator/admin/index";

const SHOTS = join(process.cwd(), "test-results");
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

describe.skipIf(!existsSync(CHROMIUM))("customer accounts: return from the order page", () => {
  let demo: DemoHandle;
  let browser: Browser;
  let databaseUrl = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = join(mkdtempSync(join(tmpdir(), "ca-")), "demo.sqlite");
    databaseUrl = `file:${db}`;
    demo = await startTestDemo(databaseUrl);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });


  /** The iframe of the order card's menu item (customer-account.order.action.menu-item.render). */
  async function menuFrame(page: Page, order: string): Promise<Frame> {
    const handle = await page.locator(`section[data-order="${order}"] .menu iframe`).elementHandle({ timeout: 30_000 });
    return (await handle!.contentFrame())!;
  }

  async function modalFrame(page: Page): Promise<Frame> {
    const handle = await page.locator("#modal iframe").elementHandle({ timeout: 30_000 });
    return (await handle!.contentFrame())!;
  }

  it("GIVEN Astrid signed in WHEN she returns the sweater from order #1182 in Swedish THEN she gets an RMA, sees it on the order page and the merchant sees it in the inbox", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, userAgent: USER_AGENT, locale: "sv-SE" });
    const errors = watchPage(page);
    await page.goto(`${demo.customerAccountsUrl}&locale=sv`, { waitUntil: "load", timeout: 60_000 });
    await page.locator('section[data-order="#1182"]').waitFor({ timeout: 30_000 });

    // The menu item asks the app and shows "Returnera varor".
    const menu = await menuFrame(page, "#1182");
    const returnButton = menu.locator("s-button");
    await expect.poll(async () => (await returnButton.count()) && (await returnButton.textContent()), { timeout: 30_000 }).toBe("Returnera varor");
    await page.screenshot({ path: join(SHOTS, "customer-account-orders.png"), fullPage: true });
    await returnButton.click();

    // The action modal: pick the sweater, a reason, a refund.
    await page.locator("#modal.open").waitFor();
    const modal = await modalFrame(page);
    const sweater = modal.locator("s-checkbox", { hasText: "Abisko Merino Sweater" });
    await sweater.waitFor({ timeout: 30_000 });
    await sweater.locator("input").check();
    await modal.locator("s-select").first().locator("select").selectOption({ index: 1 });
    await modal.locator("s-select").nth(1).locator("select").selectOption("REFUND");
    await page.screenshot({ path: join(SHOTS, "customer-account-modal-items.png") });
    await modal.locator('s-button[slot="primary-action"]', { hasText: "Fortsätt" }).click();

    // Review: the method and the refund preview from the app.
    await expect.poll(async () => (await modal.locator("s-section").textContent()) ?? "", { timeout: 30_000 }).toMatch(/Återbetalning till ditt betalsätt.*kr/);
    await page.screenshot({ path: join(SHOTS, "customer-account-modal-review.png") });
    await modal.locator('s-button[slot="primary-action"]', { hasText: "Skicka retur" }).click();

    // Done: the RMA and the next step.
    const banner = modal.locator("s-banner");
    await expect.poll(async () => (await banner.count()) && (await banner.getAttribute("heading")), { timeout: 30_000 }).toMatch(/^Retur R-\d{4,} registrerad$/);
    const rma = /R-\d{4,}/.exec((await banner.getAttribute("heading"))!)![0];
    expect(await modal.locator("body").textContent()).toContain("ombud");
    await page.screenshot({ path: join(SHOTS, "customer-account-modal-done.png") });
    await modal.locator('s-button[slot="primary-action"]', { hasText: "Stäng" }).click();
    await expect.poll(() => page.locator("#modal.open").count()).toBe(0);

    // Nothing else on #1182 is returnable by quantity? The mug still is, so the menu still says
    // "Returnera varor"; the modal lists the new return at the top.
    const again = await menuFrame(page, "#1182");
    await expect.poll(async () => (await again.locator("s-button").count()) && (await again.locator("s-button").textContent()), { timeout: 30_000 }).toBe("Returnera varor");
    await again.locator("s-button").click();
    const modal2 = await modalFrame(page);
    await expect.poll(async () => (await modal2.locator("body").textContent()) ?? "", { timeout: 30_000 }).toContain(`Retur ${rma}`);
    await page.screenshot({ path: join(SHOTS, "customer-account-modal-existing-return.png") });
    await modal2.locator("s-customer-account-action button.x").click();
    await expect.poll(() => page.locator("#modal.open").count()).toBe(0);

    // The order page: Shopify's return with the app's details under it (return-details target).
    await page.locator('section[data-order="#1182"] h2 a').click();
    const details = await (await page.locator('iframe[title^="Return "]').first().elementHandle({ timeout: 30_000 }))!.contentFrame();
    await expect.poll(async () => (await details!.locator("body").textContent()) ?? "", { timeout: 30_000 }).toMatch(new RegExp(`Retur ${rma}.*Begärd.*Registrerad`));
    await page.screenshot({ path: join(SHOTS, "customer-account-order-page.png"), fullPage: true });
    expect(errors).toEqual([]);

    // The merchant sees it in the inbox like any other return.
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT });
    await admin.goto(demo.adminUrl, { waitUntil: "load", timeout: 60_000 });
    const app = admin.frameLocator("iframe");
    await expect.poll(async () => (await app.locator("body").textContent({ timeout: 30_000 })) ?? "", { timeout: 30_000 }).toContain(rma);
    await admin.screenshot({ path: join(SHOTS, "customer-account-admin-inbox.png") });
    await admin.close();
    await page.close();
  });

  it("GIVEN a reason that needs a photo and home pickup WHEN Astrid returns the mug in German THEN the drop zone takes her photo, the pickup window is chosen, and both are filed", async () => {
    const db = createDb(databaseUrl);
    const shop = await db.shop.findFirstOrThrow({ where: { domain: NORDIC_DEMO_DOMAIN } });
    await savePolicy(db, shop.id, {
      ...DEFAULT_RETURN_POLICY,
      photoRequiredReasonHandles: ["damaged"],
      returnMethods: { ...DEFAULT_RETURN_POLICY.returnMethods, homePickup: { enabled: true, requiredAboveGrams: null } },
    });
    try {
      await photoAndPickup(db);
    } finally {
      await savePolicy(db, shop.id, DEFAULT_RETURN_POLICY);
      await db.$disconnect();
    }
  });

  async function photoAndPickup(db: ReturnType<typeof createDb>) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1100 }, userAgent: USER_AGENT, locale: "de-DE" });
    const errors = watchPage(page);
    await page.goto(`${demo.customerAccountsUrl}&locale=de`, { waitUntil: "load", timeout: 60_000 });
    const menu = await menuFrame(page, "#1182");
    await expect.poll(async () => (await menu.locator("s-button").count()) && (await menu.locator("s-button").textContent()), { timeout: 30_000 }).toBe("Artikel zurücksenden");
    await menu.locator("s-button").click();
    await page.locator("#modal.open").waitFor();
    const modal = await modalFrame(page);
    const mug = modal.locator("s-checkbox", { hasText: /mug/i });
    await mug.waitFor({ timeout: 30_000 });
    await mug.locator("input").check();
    await modal.locator("s-select").first().locator("select").selectOption({ label: "Beim Versand beschädigt" }); // "Damaged in transit", in German
    await modal.locator("s-select").nth(1).locator("select").selectOption("REFUND");

    // The reason needs a photo: the drop zone, and no Continue without a photo.
    const zone = modal.locator("s-drop-zone");
    await zone.waitFor({ timeout: 30_000 });
    expect(await modal.locator("body").textContent()).toContain("höchstens 3 MB pro Foto und 3 pro Rücksendung");
    const next = modal.locator('s-button[slot="primary-action"]', { hasText: "Weiter" });
    expect(await next.getAttribute("disabled")).not.toBeNull();
    await zone.locator('input[type="file"]').setInputFiles({ name: "riss.jpg", mimeType: "image/jpeg", buffer: Buffer.from(jpegWithExif()) });
    await expect.poll(async () => (await modal.locator("body").textContent()) ?? "", { timeout: 30_000 }).toContain("riss.jpg");
    await expect.poll(() => next.getAttribute("disabled")).toBeNull();
    await page.screenshot({ path: join(SHOTS, "customer-account-modal-photo.png") });
    await next.click();

    // Review: home pickup asks for the address (the order's) and a window.
    const methods = modal.locator("s-choice-list");
    await methods.waitFor({ timeout: 30_000 });
    await methods.locator('input[value="HOME_PICKUP"]').check();
    const from = modal.locator("s-date-field").first().locator("input");
    await from.waitFor({ timeout: 30_000 });
    const dateFrom = await from.inputValue();
    expect(dateFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await from.getAttribute("min")).toBe(dateFrom);
    expect(await modal.locator("s-text-area textarea").inputValue()).toContain("Astrid Lindqvist");
    await expect.poll(async () => (await modal.locator("s-section").last().textContent()) ?? "", { timeout: 30_000 }).toMatch(/\d,\d\d/);
    await page.screenshot({ path: join(SHOTS, "customer-account-modal-pickup.png") });
    await modal.locator('s-button[slot="primary-action"]', { hasText: "Rücksendung absenden" }).click();

    const banner = modal.locator("s-banner[tone=success]");
    await expect.poll(async () => (await banner.count()) && (await banner.getAttribute("heading")), { timeout: 30_000 }).toMatch(/R-\d{4,}/);
    const rma = /R-\d{4,}/.exec((await banner.getAttribute("heading"))!)![0];
    const row = await db.returnRequest.findFirstOrThrow({ where: { rmaNumber: rma }, include: { photos: true } });
    expect(row.method).toBe("HOME_PICKUP");
    expect(row.pickupDateFrom).toBe(dateFrom);
    expect(JSON.parse(row.pickupAddress!)[0]).toBe("Astrid Lindqvist");
    expect(row.photos).toHaveLength(1);
    await page.screenshot({ path: join(SHOTS, "customer-account-modal-pickup-done.png") });

    // The stand-in's Customer Account API answers for the signed-in customer (same page cookie).
    const api = `${new URL(page.url()).pathname.replace(/\/orders.*$/, "")}/api/2026-07/graphql`;
    const answer = await page.evaluate(
      async ([url, id]) => (await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: "query($id: ID!) { order(id: $id) { returnInformation { returnableLineItems(first: 10) { nodes { quantity } } nonReturnableLineItems(first: 10) { nodes { quantity } } } } }", variables: { id } }) })).json(),
      [api, row.orderId] as const,
    );
    expect(answer.errors).toBeUndefined();
    const info = answer.data.order.returnInformation as Record<string, { nodes: { quantity: number }[] }>;
    // #1182's two units, each either still returnable in Shopify's eyes or already a Shopify return.
    expect(info.returnableLineItems.nodes.length + info.nonReturnableLineItems.nodes.length).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }

  it("GIVEN an order outside the return window THEN no menu item is shown, and the modal would say why", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, userAgent: USER_AGENT });
    const errors = watchPage(page);
    // Johan Svensson's #1097 was delivered 43 days ago (30-day window).
    const base = demo.customerAccountsUrl.replace(/login\?customer=\d+$/, "");
    await page.goto(base, { waitUntil: "load", timeout: 60_000 });
    await page.getByRole("link", { name: "Johan Svensson" }).click();
    await page.locator('section[data-order="#1097"]').waitFor({ timeout: 30_000 });
    const menu = await menuFrame(page, "#1097");
    // Give the extension time to ask the app; then it must still render nothing.
    await expect.poll(() => menu.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/customer-account/")).length), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(await menu.locator("s-button").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
