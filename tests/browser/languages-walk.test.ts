/**
 * The shopper's walk in each of the seven languages, in a browser (issue #9): as a guest on
 * the demo storefront in that language, find an order, open the refund preview and file ONE
 * return whose three lines take the three resolutions (refund, store credit, exchange); the
 * preview and the confirmation must be in that language (no English, no raw keys). Then the
 * slip PDF is downloaded, its QR code decoded from the printed page's pixels, and that link
 * opened in a FRESH browser context (no cookies, an English browser) must show the status
 * page in the return's language with the next step of a requested return. One demo, one
 * Chromium, one context per language; each language's order (sweater, mug, socks for a
 * customer of that language, delivered two days ago) is added to the stand-in up front so
 * no seeded order is shared. Screenshots and slips go to test-results/languages-*.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOURNEY_MESSAGES, journeyMessage } from "~/i18n/return-journey";
import { STOREFRONT_LOCALES, STOREFRONT_MESSAGE_KEYS, storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import type { DemoHandle } from "../../scripts/demo";
import { NORDIC_DEMO_DOMAIN } from "../../simulator/admin/index";
import { CHROMIUM, launchChromium, startTestDemo, watchPage } from "../support/browser-demo";
import { decodeQr, rasterizeFirstPage } from "../support/slip-codes";

const SHOTS = join(process.cwd(), "test-results");
// A normal desktop agent: the Shopify library answers bots (incl. "HeadlessChrome") with 410.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const DAY = 86_400_000;
const CURRENCY: Record<StorefrontLocale, string> = { en: "SEK", sv: "SEK", da: "DKK", nb: "NOK", fi: "EUR", nl: "EUR", de: "EUR" };
// Sweater M (exchanged for another size), mug (refund), socks (store credit).
const SKUS = { exchange: "NL-ABI-M", refund: "NL-MUG-MOSS", storeCredit: "NL-HSO-39-41" } as const;

type PortalStrings = Record<string, unknown>;
const portalStrings = (locale: StorefrontLocale): PortalStrings =>
  JSON.parse(readFileSync(join(process.cwd(), "extensions/returns-portal/locales", locale === "en" ? "en.default.json" : `${locale}.json`), "utf8"));
const flatten = (o: unknown, prefix = ""): [string, string][] =>
  typeof o === "string" ? [[prefix, o]] : Object.entries(o as PortalStrings).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));

/** Literal parts (≥ 12 characters) of every English text the language translates differently: the portal block's, the journey's, the status page's. */
function englishChunks(locale: StorefrontLocale): string[] {
  if (locale === "en") return [];
  const block = new Map(flatten(portalStrings(locale)));
  const pairs: [string, string | undefined][] = [
    ...flatten(portalStrings("en")).map(([k, v]) => [v, block.get(k)] as [string, string | undefined]),
    ...Object.entries(JOURNEY_MESSAGES.en).map(([k, v]) => [v, JOURNEY_MESSAGES[locale][k]] as [string, string | undefined]),
    ...STOREFRONT_MESSAGE_KEYS.map((k) => [storefrontMessage("en", k), storefrontMessage(locale, k)] as [string, string]),
  ];
  return pairs
    .filter(([en, other]) => other !== en)
    .flatMap(([en]) => en.split(/\{\{[^}]*\}\}|\{\w+\}|%\w|<[^>]*>/).map((c) => c.trim()))
    .filter((c) => c.length >= 12);
}

/** No raw message key, no unfilled placeholder, no English in another language. */
function expectCleanText(text: string, locale: StorefrontLocale, where: string) {
  expect(text, `${where}: raw key`).not.toMatch(/\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b|\bportal\.[a-z_]+/);
  expect(text, `${where}: placeholder`).not.toMatch(/\{\{?\s*\w+\s*\}?\}|%[A-Z]\b/);
  for (const chunk of englishChunks(locale)) expect(text, `${where}: English "${chunk}"`).not.toContain(chunk);
}

const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

describe.skipIf(!existsSync(CHROMIUM))("the shopper's walk in each of the seven languages", () => {
  let demo: DemoHandle;
  let browser: Browser;
  const orders = new Map<StorefrontLocale, { name: string; email: string }>();
  const titles = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = join(mkdtempSync(join(tmpdir(), "languages-")), "demo.sqlite");
    [demo, browser] = await Promise.all([startTestDemo(`file:${db}`), launchChromium()]);
    // One fresh three-line order per language, for a customer who speaks it.
    const shop = demo.adminApi.store.shop(NORDIC_DEMO_DOMAIN);
    const variant = (sku: string) => shop.variants.find((v) => v.sku === sku)!.id;
    for (const sku of Object.values(SKUS)) titles.set(sku, shop.products.find((p) => p.id === shop.variants.find((v) => v.sku === sku)!.productId)!.title);
    const now = demo.adminApi.now().getTime();
    for (const locale of STOREFRONT_LOCALES) {
      const customer = shop.customers.find((c) => c.locale === locale)!;
      const order = demo.adminApi.createOrder(NORDIC_DEMO_DOMAIN, {
        customerId: customer.id,
        currency: CURRENCY[locale],
        processedAt: new Date(now - 5 * DAY).toISOString(),
        lines: Object.values(SKUS).map((sku) => ({ variantId: variant(sku), quantity: 1 })),
        fulfillments: [{ createdAt: new Date(now - 4 * DAY).toISOString(), deliveredAt: new Date(now - 2 * DAY).toISOString() }],
      });
      orders.set(locale, { name: order.name, email: customer.emailAddress });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });


  it.each(STOREFRONT_LOCALES)(
    "GIVEN a guest in %s WHEN they find their order, preview and file one return with a refund, a store-credit and an exchange line THEN preview and confirmation are in that language, and the slip's QR code opens the status page in a fresh browser, in that language, with the next step of a requested return",
    async (locale) => {
      const { name, email } = orders.get(locale)!;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, locale });
      const page = await context.newPage();
      const errors = watchPage(page);

      // Find the order.
      await page.goto(`${demo.storefrontUrl}?locale=${locale}`, { waitUntil: "networkidle" });
      await page.fill('input[name="order"]', name);
      await page.fill('input[name="email"]', email);
      await page.locator('form[data-r="lookup"] button[type="submit"]').click();
      await page.locator('[data-f="sel"]').first().waitFor({ timeout: 30_000 });

      // One line per resolution.
      const line = (sku: string) => page.locator("[data-line]").filter({ hasText: titles.get(sku)! });
      for (const [resolution, sku] of [["REFUND", SKUS.refund], ["STORE_CREDIT", SKUS.storeCredit], ["EXCHANGE", SKUS.exchange]] as const) {
        const node = line(sku);
        await node.locator('[data-f="sel"]').check();
        await node.locator('select[data-f="reason"]').selectOption({ index: 1 });
        await node.locator(`input[value="${resolution}"]`).check();
        if (resolution === "EXCHANGE") {
          const ex = node.locator('select[data-f="ex"]');
          const options = await ex.locator("option:not([disabled])").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
          await ex.selectOption(options[0]!);
        }
      }
      await page.locator('[data-r="consentBox"]').check();

      // The preview, in that language.
      await page.locator("[data-pv]").click();
      const preview = page.locator('[data-r="preview"]');
      await preview.waitFor({ state: "visible", timeout: 30_000 });
      const previewText = squash(await preview.textContent());
      expect(previewText).toContain(journeyMessage(locale, "PREVIEW_HEADING"));
      expectCleanText(previewText, locale, "preview");
      expectCleanText(squash(await page.locator('form[data-r="select"]').innerText()), locale, "the order's form");
      await page.screenshot({ path: join(SHOTS, `languages-${locale}-preview.png`), fullPage: true });

      // File it: one return, three resolutions.
      const created = page.waitForResponse((r) => r.url().includes("/api/returns") && r.request().method() === "POST");
      await page.locator('form[data-r="select"] button[type="submit"]').click();
      const response = await created;
      expect(response.status()).toBe(201);
      const confirmation = (await response.json()).return as { rma: string; statusUrl: string; slipUrl: string };
      const done = page.locator('[data-r="done"]');
      await done.waitFor({ state: "visible", timeout: 30_000 });
      await expect.poll(async () => squash(await page.locator('[data-r="eta"]').textContent())).not.toBe("");
      const doneText = squash(await done.innerText());
      expect(doneText).toContain(confirmation.rma);
      expect(doneText).toContain(journeyMessage(locale, "NEXT_REQUESTED"));
      expectCleanText(doneText, locale, "confirmation");
      await page.screenshot({ path: join(SHOTS, `languages-${locale}-confirmation.png`), fullPage: true });

      // Download the slip from the confirmation's button and scan its QR code from the printed page.
      const slipHref = await page.locator('[data-r="slip"]').getAttribute("href");
      const slip = await context.request.get(new URL(slipHref!, page.url()).href);
      expect(slip.status()).toBe(200);
      expect(slip.headers()["content-type"]).toBe("application/pdf");
      const pdf = await slip.body();
      writeFileSync(join(SHOTS, `languages-${locale}-slip.pdf`), pdf);
      const scanned = decodeQr(rasterizeFirstPage(new Uint8Array(pdf)));
      expect(scanned).toBe(confirmation.statusUrl);
      expect(scanned).toMatch(new RegExp(`/apps/returns/status/[\\w-]+\\?locale=${locale}$`));
      expect(errors).toEqual([]);
      await context.close();

      // The scanned link on a phone: no cookies, an English browser.
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: USER_AGENT, locale: "en-GB" });
      const status = await phone.newPage();
      const statusErrors = watchPage(status);
      await status.goto(scanned!, { waitUntil: "networkidle" });
      const statusText = squash(await status.locator("main").innerText());
      expect(statusText).toContain(confirmation.rma);
      expect(statusText).toContain(journeyMessage(locale, "NEXT_REQUESTED"));
      expectCleanText(statusText, locale, "status page");
      // Each line with its own resolution, in that language.
      const item = async (sku: string) => squash(await status.locator("li").filter({ hasText: titles.get(sku)! }).innerText());
      expect(await item(SKUS.refund)).toContain(journeyMessage(locale, "SLIP_RESOLUTION_REFUND"));
      expect(await item(SKUS.storeCredit)).toContain(journeyMessage(locale, "SLIP_RESOLUTION_STORE_CREDIT"));
      expect(await item(SKUS.exchange)).toContain(journeyMessage(locale, "SLIP_RESOLUTION_EXCHANGE", { variant: "" }).trim());
      await status.screenshot({ path: join(SHOTS, `languages-${locale}-status.png`), fullPage: true });
      expect(statusErrors).toEqual([]);
      await phone.close();
    },
  );
});
