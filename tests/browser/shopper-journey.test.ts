/**
 * Browser walks of the shopper's journey after "send" on the demo (headless Chromium):
 * refund preview, filing an exchange (English), a refund (Swedish) and store credit (Danish,
 * Norwegian, Finnish, Dutch, German), the merchant uploading a prepaid label, the confirmation worded
 * for the resolution, the slip PDF, and the status link opened in a FRESH browser context
 * (no cookies, phone-sized) in the shopper's language. Screenshots and the slips go to
 * test-results/. Needs Debian's chromium (.ci/run installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, launchChromium, startTestDemo, watchPage } from "../support/browser-demo";

const SHOTS = join(process.cwd(), "test-results");
// A normal desktop agent: the Shopify library answers bots (incl. "HeadlessChrome") with 410.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

describe.skipIf(!existsSync(CHROMIUM))("the shopper's journey in a browser", () => {
  let demo: DemoHandle;
  let browser: Browser;
  // The exchange the first walk files (the demo's start-up also adopts returns made in
  // Shopify's admin, so its RMA is not known in advance).
  let exchangeRma = "";
  let exchangeSlipUrl = "";
  let exchangeStatusUrl = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = join(mkdtempSync(join(tmpdir(), "journey-")), "demo.sqlite");
    demo = await startTestDemo(`file:${db}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });


  /** A brand-new browser context: no cookies, no storefront visited first, phone-sized. */
  async function freshPhone(locale: string) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: USER_AGENT, locale, deviceScaleFactor: 1 });
    const page = await context.newPage();
    return { context, page, errors: watchPage(page) };
  }

  async function lookUp(page: Page, lang: string, order: string, email: string) {
    await page.goto(`${demo.storefrontUrl}?locale=${lang}`, { waitUntil: "networkidle" });
    await page.fill('input[name="order"]', order);
    await page.fill('input[name="email"]', email);
    await page.locator('button[type="submit"]').first().click();
    await page.locator('[data-f="sel"]').first().waitFor({ timeout: 30_000 });
  }

  /** What the status page says, opened from its link in a fresh phone browser. */
  async function statusText(url: string, shot: string): Promise<string> {
    const { context, page, errors } = await freshPhone("en-GB");
    await page.goto(url, { waitUntil: "networkidle" });
    const text = ((await page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
    await page.screenshot({ path: join(SHOTS, `journey-en-status-${shot}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
    return text;
  }

  async function checkSlipAndStatus(confirmation: { slipUrl: string; statusUrl: string }, lang: string, name: string, expectText: RegExp) {
    // The slip: a real PDF, from the absolute link, without any cookie.
    const slipContext = await browser.newContext({ userAgent: USER_AGENT });
    const slip = await slipContext.request.get(confirmation.slipUrl);
    expect(slip.status()).toBe(200);
    expect(slip.headers()["content-type"]).toBe("application/pdf");
    const bytes = await slip.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.byteLength).toBeLessThan(150 * 1024);
    writeFileSync(join(SHOTS, `journey-${name}-slip.pdf`), bytes);
    await slipContext.close();

    // The status link as from an e-mail or the slip's QR code: a fresh phone browser.
    const { context, page, errors } = await freshPhone(lang);
    await page.goto(confirmation.statusUrl, { waitUntil: "networkidle" });
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toMatch(expectText);
    await expect.poll(() => page.locator(".rs-qr svg").count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, `journey-${name}-status-phone.png`), fullPage: true });
    // The download button on the status page works from there too.
    const href = await page.locator("a[data-slip]").getAttribute("href");
    const fromPage = await context.request.get(new URL(href!, page.url()).href);
    expect(fromPage.headers()["content-type"]).toBe("application/pdf");
    expect(errors).toEqual([]);
    await context.close();
  }

  it("GIVEN an English guest WHEN they preview and file an exchange THEN the confirmation speaks of the new item, and the slip and the status link work in a fresh browser", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors = watchPage(page);
    await lookUp(page, "en", "#1182", "astrid.lindqvist@example.com");
    const line = page.locator("[data-line]").first();
    await line.locator('[data-f="sel"]').check();
    await line.locator('select[data-f="reason"]').selectOption({ index: 1 });
    await line.locator('input[value="EXCHANGE"]').check();
    const ex = line.locator('select[data-f="ex"]');
    const options = await ex.locator("option:not([disabled])").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await ex.selectOption(options[0]!);

    await page.locator("[data-pv]").click();
    const preview = page.locator('[data-r="preview"]');
    await preview.waitFor({ state: "visible", timeout: 30_000 });
    expect(await preview.textContent()).toMatch(/What you get back/);
    await page.screenshot({ path: join(SHOTS, "journey-en-preview.png"), fullPage: true });

    const created = page.waitForResponse((r) => r.url().includes("/api/returns") && r.request().method() === "POST");
    await page.getByRole("button", { name: /send return request/i }).click();
    const confirmation = (await (await created).json()).return;
    exchangeRma = confirmation.rma;
    exchangeSlipUrl = confirmation.slipUrl;
    exchangeStatusUrl = confirmation.statusUrl;
    await expect.poll(async () => (await page.locator('[data-r="eta"]').textContent()) ?? "", { timeout: 30_000 }).toMatch(/new item/);
    expect(await page.locator('[data-r="eta"]').textContent()).not.toMatch(/refund/i);
    expect(await page.locator('[data-r="guide"]').textContent()).toMatch(/How to send your return/);
    await page.screenshot({ path: join(SHOTS, "journey-en-confirmation.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();

    expect(confirmation.statusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[^/]+\/apps\/returns\/status\/[\w-]+\?locale=en$/);
    await checkSlipAndStatus(confirmation, "en-GB", "en", /We expect to send your new item between/);
  });

  it("GIVEN a filed exchange WHEN the merchant opens it in the admin THEN it shows the customer from the order, speaks of the new item, and 'Print return slip' fetches the PDF", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors = watchPage(page);
    await page.goto(demo.adminUrl, { waitUntil: "networkidle" });
    const app = page.frameLocator("iframe");
    expect(exchangeRma).toMatch(/^R-\d+$/);
    await app.getByText(exchangeRma, { exact: true }).first().click({ timeout: 30_000 });
    await app.getByRole("button", { name: "Print return slip" }).waitFor({ timeout: 30_000 });
    await app.getByText("New item expected to ship").waitFor();
    await app.getByText("Astrid Lindqvist").first().waitFor();
    const slip = page.waitForResponse((r) => /\/app\/returns\/[^/]+\/slip/.test(r.url()), { timeout: 30_000 });
    const popup = page.waitForEvent("popup", { timeout: 30_000 });
    await app.getByRole("button", { name: "Print return slip" }).click();
    const response = await slip;
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    await (await popup).close();
    await page.screenshot({ path: join(SHOTS, "journey-admin-return.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN the filed exchange WHEN the merchant approves it, uploads a prepaid label PDF under 'Add tracking', marks it received and processes it THEN the shopper's status page (fresh browser) shows the right next step at each status and the slip carries the label's page", async () => {
    const label = await PDFDocument.create();
    const font = await label.embedFont(StandardFonts.Helvetica);
    label.addPage([297.64, 419.53]).drawText("POSTNORD PREPAID LABEL 00370730253498827460", { x: 12, y: 380, size: 9, font });
    const labelFile = join(mkdtempSync(join(tmpdir(), "label-")), "postnord-label.pdf");
    writeFileSync(labelFile, await label.save());

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors = watchPage(page);
    await page.goto(demo.adminUrl, { waitUntil: "networkidle" });
    const app = page.frameLocator("iframe");
    await app.getByText(exchangeRma, { exact: true }).first().click({ timeout: 30_000 });
    expect(await statusText(exchangeStatusUrl, "1-requested")).toContain("We're reviewing your request");
    await app.getByRole("button", { name: "Approve" }).click({ timeout: 30_000 });
    await app.getByRole("button", { name: "Add tracking" }).waitFor({ timeout: 30_000 });
    expect(await statusText(exchangeStatusUrl, "2-approved")).toContain("Your return is approved. Pack the items with the return slip and drop the parcel off at a PostNord service point.");
    await app.getByRole("button", { name: "Add tracking" }).click({ timeout: 30_000 });
    await app.locator('input[type="file"]').setInputFiles(labelFile);
    await app.getByText("postnord-label.pdf").waitFor();
    await app.getByLabel("Tracking number").fill("00370730253498827460");
    const saved = page.waitForResponse((r) => /\/app\/returns\/[^/?]+(\?|$)/.test(r.url()) && r.request().method() === "POST", { timeout: 60_000 });
    await app.getByRole("button", { name: "Save tracking" }).click();
    expect((await saved).status()).toBe(200);
    await app.getByText("In transit").first().waitFor({ timeout: 30_000 });
    await app.getByText("Label uploaded: postnord-label.pdf (1 p.)", { exact: false }).waitFor();
    await page.screenshot({ path: join(SHOTS, "journey-admin-label-uploaded.png"), fullPage: true });
    const inTransit = await statusText(exchangeStatusUrl, "3-in-transit");
    expect(inTransit).toContain("Your parcel is on its way to us.");
    expect(inTransit).toContain("Your prepaid shipping label is printed on the last page of your return slip.");

    await app.getByRole("button", { name: "Mark as received" }).click();
    await app.getByText("Received").first().waitFor({ timeout: 30_000 });
    expect(await statusText(exchangeStatusUrl, "4-received")).toContain("We have received your parcel and are checking the items.");

    await app.getByRole("button", { name: "Process exchange" }).first().click();
    await app.getByRole("button", { name: "Process exchange" }).last().click();
    await app.getByText("Processed").first().waitFor({ timeout: 60_000 });
    const processed = await statusText(exchangeStatusUrl, "5-processed");
    expect(processed).toContain("New item on its way");
    expect(processed).not.toMatch(/refund/i);
    expect(errors).toEqual([]);
    await page.close();

    const context = await browser.newContext({ userAgent: USER_AGENT });
    const slip = await (await context.request.get(exchangeSlipUrl)).body();
    await context.close();
    writeFileSync(join(SHOTS, "journey-en-slip-with-label.pdf"), slip);
    const doc = await PDFDocument.load(slip);
    expect(doc.getPageCount()).toBe(2);
  });

  it("GIVEN a Swedish guest WHEN they file a refund THEN the confirmation and the status page in a fresh browser are in Swedish and speak of the refund", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, locale: "sv-SE" });
    const errors = watchPage(page);
    await lookUp(page, "sv", "#1178", "lars.karlsson@example.com");
    const line = page.locator("[data-line]").first();
    await line.locator('[data-f="sel"]').check();
    await line.locator('select[data-f="reason"]').selectOption({ index: 1 });
    const created = page.waitForResponse((r) => r.url().includes("/api/returns") && r.request().method() === "POST");
    await page.locator('form[data-r="select"] button[type="submit"]').click();
    const confirmation = (await (await created).json()).return;
    await expect.poll(async () => (await page.locator('[data-r="eta"]').textContent()) ?? "", { timeout: 30_000 }).toMatch(/tillbaka pengarna/);
    await page.screenshot({ path: join(SHOTS, "journey-sv-confirmation.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();

    // A browser in English still gets the Swedish page: the link carries the shopper's language.
    await checkSlipAndStatus(confirmation, "en-GB", "sv", /Vi räknar med att du får tillbaka pengarna mellan/);
  });

  // The other five languages, each filing a store-credit return (the resolution the walks
  // above do not cover): confirmation, slip and the status page in a fresh browser.
  it.each([
    ["da", "#1171", "mads.jorgensen@example.com", /Vi forventer, at dit tilgodehavende kan bruges mellem/],
    ["nb", "#1167", "ingrid.haugen@example.com", /Vi regner med at tilgodelappen kan brukes mellom/],
    ["fi", "#1186", "aino.virtanen@example.com", /Arvioimme myymälähyvityksen olevan käytettävissä/],
    ["nl", "#1176", "sanne.devries@example.com", /We verwachten dat je tegoed tussen/],
    ["de", "#1137", "lukas.becker@example.com", /Wir erwarten, dass dein Guthaben zwischen/],
  ])("GIVEN a shopper in %s WHEN they file a store-credit return for %s THEN the confirmation and the status page in a fresh browser speak of store credit in that language", async (lang, order, email, expected) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, locale: lang });
    const errors = watchPage(page);
    await lookUp(page, lang, order, email);
    const line = page.locator("[data-line]").first();
    await line.locator('[data-f="sel"]').check();
    await line.locator('select[data-f="reason"]').selectOption({ index: 1 });
    await line.locator('input[value="STORE_CREDIT"]').check();
    await page.locator('[data-r="consentBox"]').check();
    const created = page.waitForResponse((r) => r.url().includes("/api/returns") && r.request().method() === "POST");
    await page.locator('form[data-r="select"] button[type="submit"]').click();
    const confirmation = (await (await created).json()).return;
    await expect.poll(async () => (await page.locator('[data-r="eta"]').textContent()) ?? "", { timeout: 30_000 }).toMatch(expected);
    await page.screenshot({ path: join(SHOTS, `journey-${lang}-store-credit-confirmation.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
    await checkSlipAndStatus(confirmation, "en-GB", `${lang}-store-credit`, expected);
  });
});
