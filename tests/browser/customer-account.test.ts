/**
 * Browser walk of the customer account extension in the demo: a signed-in customer opens
 * their orders in the stand-in's customer accounts, clicks "Return items" on an order, goes
 * through the app's return flow in the action modal (items, reason, resolution, method,
 * refund preview, submit) and gets an RMA; reopening the modal shows the return, and the
 * merchant's inbox lists it. In Swedish, to prove the
 * shopper's language flows through. Then, in German, a reason that needs a photo (Shopify's
 * drop zone) and home pickup (address + date window) filed the same way. Then, in all seven
 * languages on one page: the menu item, the modal's heading, and the Order status note saying
 * why nothing on Astrid's order past its window can be returned.
 * Screenshots in test-results/customer-account-*.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/db.server";
import { DEFAULT_RETURN_POLICY } from "~/domain";
import { jpegWithExif } from "~/domain/testing/photos";
import { STOREFRONT_LOCALES, storefrontMessage } from "~/i18n/storefront";
import { savePolicy } from "~/services/policy.server";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, launchChromium, startTestDemo, watchPage } from "../support/browser-demo";
import { NORDIC_DEMO_DOMAIN } from "../../simulator/admin/index";

const SHOTS = join(process.cwd(), "test-results");
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const LOCALES = join(process.cwd(), "extensions/customer-account-returns/locales");
type Texts = { menu: { returnItems: string }; flow: { heading: string }; items: { nothing: string; lastDay: string } };
/** The extension's own texts for a language (what the host translates with). */
const textsFor = (lang: string): Texts => JSON.parse(readFileSync(join(LOCALES, `${lang === "en" ? "en.default" : lang}.json`), "utf8"));

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

  it("GIVEN Astrid's orders WHEN her order page is switched through all seven languages THEN the menu item, the modal's heading and the note on her order past its window (why, with the last day) are in each", async () => {
    // Each order page asks the app's full order read (~1,200 points of a standard shop's
    // 2,000-point bucket, 100/s) for the menu item, the note and the modal: on Plus's bucket
    // the loop waits for the pages, not for the Admin API's refill.
    demo.adminApi.setPlan(NORDIC_DEMO_DOMAIN, "plus");
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, userAgent: USER_AGENT });
    try {
      const errors = watchPage(page);
      // A fresh order of Astrid's (the walks above returned #1182), and #1124: hers, past its window.
      const shop = demo.adminApi.store.shop(NORDIC_DEMO_DOMAIN);
      const now = demo.adminApi.now().getTime();
      const day = 86_400_000;
      const fresh = demo.adminApi.createOrder(NORDIC_DEMO_DOMAIN, {
        customerId: demo.adminApi.order(NORDIC_DEMO_DOMAIN, "#1182").customerId!,
        processedAt: new Date(now - 5 * day).toISOString(),
        lines: [{ variantId: shop.variants.find((v) => v.sku === "NL-MUG-MOSS")!.id, quantity: 1 }],
        fulfillments: [{ createdAt: new Date(now - 4 * day).toISOString(), deliveredAt: new Date(now - 2 * day).toISOString() }],
      });
      const past = demo.adminApi.order(NORDIC_DEMO_DOMAIN, "#1124");
      expect(past.customerId).toBe(fresh.customerId);
      const orderPage = (id: string, lang: string) => demo.customerAccountsUrl.replace(/login\?customer=\d+$/, `orders/${id.split("/").pop()}?locale=${lang}`);
      const frameIn = async (selector: string) => (await (await page.locator(selector).elementHandle({ timeout: 30_000 }))!.contentFrame())!;
      const english = textsFor("en");
      await page.goto(demo.customerAccountsUrl, { waitUntil: "load", timeout: 60_000 }); // signs Astrid in

      for (const lang of STOREFRONT_LOCALES) {
        const texts = textsFor(lang);
        if (lang !== "en") expect(texts.menu.returnItems).not.toBe(english.menu.returnItems);
        await page.goto(orderPage(fresh.id, lang), { waitUntil: "load", timeout: 60_000 });
        const menu = await frameIn(".menu iframe");
        await expect.poll(async () => (await menu.locator("s-button").count()) && (await menu.locator("s-button").textContent()), { timeout: 30_000 }).toBe(texts.menu.returnItems);
        await menu.locator("s-button").click();
        const modal = await frameIn("#modal iframe");
        await expect.poll(async () => (await modal.locator("s-customer-account-action").count()) && (await modal.locator("s-customer-account-action").getAttribute("heading")), { timeout: 30_000 }).toBe(texts.flow.heading);

        // The order past its window: no menu item to open, so the note under the lines says why.
        const answer = page.waitForResponse((r) => r.url().includes(`/orders/${past.id.split("/").pop()}?view=menu`) && r.request().method() === "GET");
        await page.goto(orderPage(past.id, lang), { waitUntil: "load", timeout: 60_000 });
        const lastDay = (await (await answer).json()).notReturnable[0].lastDay as string;
        const date = await page.evaluate(([l, d]) => new Intl.DateTimeFormat(l, { timeZone: "UTC", dateStyle: "long" }).format(new Date(`${d}T12:00:00Z`)), [lang, lastDay]);
        const note = await frameIn(".after-lines iframe");
        await expect.poll(async () => (await note.locator("s-text").count()) && (await note.locator("s-text").textContent()), { timeout: 30_000 }).toBe(texts.items.nothing);
        expect(await note.locator("s-paragraph").allTextContents()).toEqual([`${storefrontMessage(lang, "WINDOW_EXPIRED")} ${texts.items.lastDay.replace("{{date}}", date)}`]);
        if (lang === "sv" || lang === "de") await page.screenshot({ path: join(SHOTS, `customer-account-why-note-${lang}.png`) });
      }
      expect(errors).toEqual([]);
    } finally {
      demo.adminApi.setPlan(NORDIC_DEMO_DOMAIN, "standard");
      await page.close();
    }
  });
});
