/**
 * Browser test of Settings (the "done when"): a Swedish store owner sets a 45-day
 * window, heavy items pickup-only with a fee and a Christmas extension; the storefront's
 * policy block and the eligibility of a seeded order follow at once. Bad input is refused
 * next to the field, and a save from a stale tab is refused with a message. Runs on SQLite,
 * and on PostgreSQL when TEST_POSTGRES_URL is set. Screenshots go to test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, launchChromium, startTestDemo } from "../support/browser-demo";

const SHOTS = join(process.cwd(), "test-results");
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const OFFLINE_NOISE = /cdn\.shopify\.com|ERR_NAME_NOT_RESOLVED/;
const PROVIDERS = process.env.TEST_POSTGRES_URL ? ["sqlite", "postgresql"] : ["sqlite"];

async function dropDatabase(url: string) {
  if (!url.startsWith("postgres")) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
}

async function databaseFor(provider: string): Promise<string> {
  if (provider === "sqlite") return `file:${join(mkdtempSync(join(tmpdir(), "settings-")), "demo.sqlite")}`;
  const name = `returns_browser_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return url.href;
}

describe.skipIf(!existsSync(CHROMIUM)).each(PROVIDERS)("settings in a browser on %s", (provider) => {
  let demo: DemoHandle;
  let browser: Browser;
  let databaseUrl = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    databaseUrl = await databaseFor(provider);
    demo = await startTestDemo(databaseUrl);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, locale: "en-GB" });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !OFFLINE_NOISE.test(m.text() + (m.location().url ?? ""))) errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("response", (r) => {
      // 409/422 are the answers this test provokes on purpose.
      if (r.status() >= 400 && ![409, 422].includes(r.status()) && !OFFLINE_NOISE.test(r.url())) errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    return { page, errors };
  }

  async function openSettings(locale: string): Promise<{ page: Page; app: FrameLocator; errors: string[] }> {
    const { page, errors } = await openPage();
    await page.goto(`${demo.adminUrl}/app/settings?locale=${locale}`, { waitUntil: "networkidle" });
    const app = page.frameLocator("iframe");
    await app.locator("h1").first().waitFor({ timeout: 30_000 });
    return { page, app, errors };
  }

  /** The storefront's answer for #1097 (delivered 43 days ago): can the item be selected? */
  async function order1097Selectable(): Promise<boolean> {
    const { page } = await openPage();
    await page.goto(`${demo.storefrontUrl}?locale=en`, { waitUntil: "networkidle" });
    await page.fill('input[name="order"]', "#1097");
    await page.fill('input[name="email"]', "johan.svensson@example.com");
    await page.locator('button[type="submit"]').first().click();
    const sel = page.locator('[data-f="sel"]').first();
    await sel.waitFor({ timeout: 30_000 });
    const enabled = await sel.isEnabled();
    await page.close();
    return enabled;
  }

  /** The return methods the storefront offers for #1177 (a 28 kg sideboard and a 14 kg bench), with their labels. */
  async function order1177Methods(): Promise<{ values: string[]; text: string }> {
    const { page } = await openPage();
    await page.goto(`${demo.storefrontUrl}?locale=en`, { waitUntil: "networkidle" });
    await page.fill('input[name="order"]', "#1177");
    await page.fill('input[name="email"]', "axel.karlsson@example.com");
    await page.locator('button[type="submit"]').first().click();
    await page.locator('[data-f="m"]').first().waitFor({ timeout: 30_000 });
    const values = await page.locator('[data-f="m"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const text = ((await page.locator('[data-r="methodList"]').textContent()) ?? "").replace(/\s+/g, " ");
    await page.close();
    return { values, text };
  }

  async function policyBlockText(): Promise<string> {
    const { page } = await openPage();
    await page.goto(`${demo.storefrontUrl}?locale=en&blocks=return-policy`, { waitUntil: "networkidle" });
    const text = (await page.locator(".rp-policy").textContent()) ?? "";
    await page.screenshot({ path: join(SHOTS, `settings-${provider}-storefront-policy.png`), fullPage: true });
    await page.close();
    return text.replace(/\s+/g, " ");
  }

  it("GIVEN a Swedish admin WHEN the owner sets 45 days, pickup-only heavy items with a fee and a Christmas extension THEN the admin reads Swedish and the storefront and eligibility follow at once", async () => {
    expect(await policyBlockText()).toContain("You can return items within 30 days of delivery.");
    expect(await order1097Selectable()).toBe(false);
    expect((await order1177Methods()).values).not.toEqual(["HOME_PICKUP"]);

    const { page, app, errors } = await openSettings("sv");
    await expect.poll(() => app.locator("h1").first().textContent()).toBe("Inställningar");
    // The app's navigation in the admin sidebar is Swedish too.
    await expect.poll(() => page.locator(".sidenav").getByText("Inställningar").count()).toBeGreaterThan(0);

    await app.getByLabel("Returtid", { exact: true }).fill("45");
    const saveBar = app.locator("ui-save-bar[open]");
    await saveBar.waitFor();
    await app.getByLabel("Hämtning hemma").check();
    await app.getByLabel("Hämtning krävs över").fill("20000");
    await app.getByLabel("Avgift för hämtning").fill("99 SEK");
    await app.getByRole("button", { name: "Lägg till förlängning" }).click();
    await app.getByLabel("Namn", { exact: true }).fill("Christmas");
    await app.getByLabel("Ordrar lagda från").fill("2026-11-15");
    await app.getByLabel("Ordrar lagda till och med").fill("2026-12-24");
    await app.getByLabel("Extra dagar", { exact: true }).last().fill("20");
    await page.screenshot({ path: join(SHOTS, `settings-${provider}-sv-edited.png`), fullPage: true });
    await saveBar.getByText("Spara").click();
    await app.getByText("Policyn har sparats (version 2)").waitFor({ timeout: 30_000 });
    await expect.poll(() => app.locator("ui-save-bar[open]").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, `settings-${provider}-sv-saved.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();

    const block = await policyBlockText();
    expect(block).toContain("You can return items within 45 days of delivery.");
    expect(block).toContain("Christmas: items ordered 2026-11-15 – 2026-12-24 get 20 extra days to be returned.");
    expect(block).toContain("SEK 99.00 Required for returns over 20 kg.");
    expect(await order1097Selectable()).toBe(true);
    // Heavy items: the 28 kg order is now pickup only, with the fee, at once.
    const heavy = await order1177Methods();
    expect(heavy.values).toEqual(["HOME_PICKUP"]);
    expect(heavy.text).toContain("99");
  });

  it("GIVEN nonsense in a field WHEN the owner tries to save THEN the message is next to the field, in the admin's language, and nothing is saved", async () => {
    const { page, app } = await openSettings("en");
    await app.getByLabel("Return window", { exact: true }).fill("-3");
    // Next to its field the message doesn't repeat the field's name; the banner names it.
    await app.getByText(/^Can't be negative\./).first().waitFor();
    await app.getByLabel("Restocking fee", { exact: true }).fill("150");
    await app.getByText("Can be at most 100 %.", { exact: true }).first().waitFor();
    await app.locator("ui-save-bar[open]").getByText("Save").click();
    await app.getByText(/\d+ settings need your attention/).waitFor();
    await app.getByText("Restocking fee: Can be at most 100 %.").waitFor();
    await page.screenshot({ path: join(SHOTS, `settings-${provider}-invalid.png`), fullPage: true });
    await page.close();

    const sv = await openSettings("sv");
    await sv.app.getByLabel("Returavgift", { exact: true }).fill("150");
    await sv.app.getByText("Får vara högst 100 %.", { exact: true }).first().waitFor();
    await sv.app.locator("ui-save-bar[open]").getByText("Spara").click();
    await sv.app.getByText("Returavgift: Får vara högst 100 %.").waitFor();
    await sv.page.screenshot({ path: join(SHOTS, `settings-${provider}-sv-invalid.png`), fullPage: true });
    await sv.page.close();
    expect(await policyBlockText()).toContain("within 45 days");
  });

  it("GIVEN two tabs on the same version WHEN both save THEN the later one is told and nothing of it is saved", async () => {
    const first = await openSettings("en");
    const second = await openSettings("en");
    await first.app.getByLabel("Return window", { exact: true }).fill("50");
    await first.app.locator("ui-save-bar[open]").getByText("Save").click();
    await first.app.getByText(/Policy saved \(version \d+\)/).waitFor({ timeout: 30_000 });

    await second.app.getByLabel("Return window", { exact: true }).fill("60");
    await second.app.locator("ui-save-bar[open]").getByText("Save").click();
    await second.app.getByText("Not saved: the policy was changed after you opened it").waitFor({ timeout: 30_000 });
    await second.page.screenshot({ path: join(SHOTS, `settings-${provider}-conflict.png`), fullPage: true });
    await first.page.close();
    await second.page.close();
    expect(await policyBlockText()).toContain("within 50 days");
  });
});
