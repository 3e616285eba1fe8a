/**
 * Browser walk of the e-mails (issue #11, "Done when"): a Swedish shopper files a refund in
 * the demo storefront, the merchant walks it through the admin (approve → mark received →
 * refund → close), the app's job queue sends the outbox, and the demo mailbox holds the
 * step e-mails for that return, in Swedish, in order. The closing e-mail's rating link,
 * opened in a fresh browser, records nothing until its button is pressed; then the rating
 * shows on the admin's return page. Screenshots go to test-results/. Needs Debian's chromium.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, launchChromium, startTestDemo, watchPage } from "../support/browser-demo";

const SHOTS = join(process.cwd(), "test-results");
// A normal desktop agent: the Shopify library answers bots (incl. "HeadlessChrome") with 410.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const SHOPPER = { order: "#1178", email: "lars.karlsson@example.com" };

const unescapeHtml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

interface Listed {
  id: number;
  subject: string;
  to: string;
}

describe.skipIf(!existsSync(CHROMIUM))("a return's e-mails, walked in a browser", () => {
  let demo: DemoHandle;
  let browser: Browser;
  let rma = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = join(mkdtempSync(join(tmpdir(), "emails-walk-")), "demo.sqlite");
    demo = await startTestDemo(`file:${db}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });


  /** The demo mailbox's list (the stand-in's /_standin/mailbox page), oldest first. */
  async function mailbox(): Promise<Listed[]> {
    const html = await (await fetch(demo.mailboxUrl)).text();
    const rows = [...html.matchAll(/<tr[^>]*><td><a href="\/_standin\/mailbox\?id=(\d+)">([^<]*)<\/a><\/td><td>([^<]*)<\/td>/g)];
    return rows.map((m) => ({ id: Number(m[1]), subject: unescapeHtml(m[2]!), to: unescapeHtml(m[3]!) })).sort((a, b) => a.id - b.id);
  }

  /** This return's e-mails to the shopper, oldest first. */
  async function mailsForReturn(): Promise<Listed[]> {
    return (await mailbox()).filter((m) => m.to.includes(SHOPPER.email) && m.subject.includes(rma));
  }

  async function openReturn(page: Page): Promise<FrameLocator> {
    await page.goto(demo.adminUrl, { waitUntil: "networkidle" });
    const app = page.frameLocator("iframe");
    await app.getByText(rma, { exact: true }).first().click({ timeout: 60_000 });
    await app.getByRole("button", { name: "Print return slip" }).waitFor({ timeout: 60_000 });
    return app;
  }

  it("GIVEN a Swedish guest WHEN they file a refund in the storefront THEN it is confirmed in Swedish with an RMA", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, locale: "sv-SE" });
    const errors = watchPage(page);
    await page.goto(`${demo.storefrontUrl}?locale=sv`, { waitUntil: "networkidle" });
    await page.fill('input[name="order"]', SHOPPER.order);
    await page.fill('input[name="email"]', SHOPPER.email);
    await page.locator('button[type="submit"]').first().click();
    await page.locator('[data-f="sel"]').first().waitFor({ timeout: 60_000 });
    const line = page.locator("[data-line]").first();
    await line.locator('[data-f="sel"]').check();
    await line.locator('select[data-f="reason"]').selectOption({ index: 1 });
    const created = page.waitForResponse((r) => r.url().includes("/api/returns") && r.request().method() === "POST", { timeout: 60_000 });
    await page.locator('form[data-r="select"] button[type="submit"]').click();
    rma = (await (await created).json()).return.rma;
    expect(rma).toMatch(/^R-\d+$/);
    await expect.poll(async () => (await page.locator('[data-r="eta"]').textContent()) ?? "", { timeout: 60_000 }).toMatch(/tillbaka pengarna/);
    await page.screenshot({ path: join(SHOTS, "emails-walk-1-sv-confirmation.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN the filed return WHEN the merchant approves, marks received, refunds and closes it in the admin THEN the return is closed", async () => {
    expect(rma).toMatch(/^R-\d+$/);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors = watchPage(page);
    const app = await openReturn(page);

    await app.getByRole("button", { name: "Approve", exact: true }).click({ timeout: 60_000 });
    await app.getByRole("button", { name: "Mark as received", exact: true }).waitFor({ timeout: 60_000 });
    await app.getByRole("button", { name: "Mark as received", exact: true }).click();
    await app.getByRole("button", { name: "Refund", exact: true }).waitFor({ timeout: 60_000 });
    await app.getByRole("button", { name: "Refund", exact: true }).click();
    await app.getByRole("button", { name: "Issue refund", exact: true }).click({ timeout: 60_000 });
    await app.getByRole("button", { name: "Close return", exact: true }).waitFor({ timeout: 90_000 });
    await app.getByRole("button", { name: "Close return", exact: true }).click();
    await app.getByRole("button", { name: "Reopen", exact: true }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, "emails-walk-2-admin-closed.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN the closed return WHEN the job queue sends the outbox THEN the demo mailbox holds its five step e-mails in Swedish, in order", async () => {
    // The demo has no sender loop of its own: the app's "send-mail-outbox" job sends (every 10 s).
    const expected = [
      `Vi har tagit emot din returbegäran ${rma}`,
      `Din retur ${rma} är godkänd`,
      `Vi har tagit emot ditt paket (${rma})`,
      `Din återbetalning för retur ${rma}`,
      `Din retur ${rma} är klar`,
    ];
    await expect.poll(async () => (await mailsForReturn()).map((m) => m.subject), { timeout: 120_000, interval: 2_000 }).toEqual(expected);

    // The mailbox page itself, as a demo user sees it, with the closing e-mail open.
    const closing = (await mailsForReturn()).at(-1)!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, userAgent: USER_AGENT, locale: "en-GB" });
    await page.goto(`${demo.mailboxUrl}?id=${closing.id}`, { waitUntil: "networkidle" });
    await expect.poll(async () => (await page.locator("h2").first().textContent()) ?? "").toBe(`Din retur ${rma} är klar`);
    await page.screenshot({ path: join(SHOTS, "emails-walk-3-mailbox.png"), fullPage: true });
    await page.close();
  });

  it("GIVEN the closing e-mail WHEN its 5-star link is opened in a fresh browser THEN the GET records nothing, the button records the rating, and the admin's return page shows it", async () => {
    const closing = (await mailsForReturn()).find((m) => m.subject === `Din retur ${rma} är klar`);
    expect(closing).toBeDefined();
    const detail = await (await fetch(`${demo.mailboxUrl}?id=${closing!.id}`)).text();
    const html = unescapeHtml(/srcdoc="([^"]*)"/.exec(detail)?.[1] ?? "");
    const href = /href="([^"]*\/apps\/returns\/feedback\/[^"?]+\?r=5&(?:amp;)?s=[^"]+)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const ratingUrl = unescapeHtml(href!);
    expect(ratingUrl).toMatch(/locale=sv/);

    // A fresh browser, as from the shopper's mail client: no cookies, phone-sized.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: USER_AGENT, locale: "sv-SE" });
    const phone = await context.newPage();
    const phoneErrors = watchPage(phone);
    await phone.goto(ratingUrl, { waitUntil: "networkidle" });
    const send = phone.getByRole("button", { name: "Skicka mitt betyg (5 av 5)" });
    await send.waitFor({ timeout: 60_000 });
    await phone.screenshot({ path: join(SHOTS, "emails-walk-4-rating-confirm.png"), fullPage: true });

    // The GET (what a mail filter scanning links does) recorded nothing.
    const admin = await browser.newPage({ viewport: { width: 1400, height: 1000 }, userAgent: USER_AGENT, locale: "en-GB" });
    const adminErrors = watchPage(admin);
    let app = await openReturn(admin);
    await app.getByText("The customer has not rated this return yet.").waitFor({ timeout: 60_000 });

    const posted = phone.waitForResponse((r) => r.url().includes("/feedback/") && r.request().method() === "POST", { timeout: 60_000 });
    await send.click();
    expect((await posted).status()).toBe(200);
    await expect.poll(async () => (await phone.locator("body").textContent()) ?? "", { timeout: 60_000 }).toContain("Tack! Du gav din retur betyget 5 av 5.");
    await phone.screenshot({ path: join(SHOTS, "emails-walk-5-rating-thanks.png"), fullPage: true });
    expect(phoneErrors).toEqual([]);
    await context.close();

    app = await openReturn(admin);
    await app.getByText("Customer rating").first().waitFor({ timeout: 60_000 });
    await app.getByText("5 of 5").first().waitFor({ timeout: 60_000 });
    expect(await app.getByText("The customer has not rated this return yet.").count()).toBe(0);
    await admin.screenshot({ path: join(SHOTS, "emails-walk-6-admin-rating.png"), fullPage: true });
    expect(adminErrors).toEqual([]);
    await admin.close();
  });
});
