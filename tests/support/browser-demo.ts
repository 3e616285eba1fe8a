/**
 * What the browser walks (tests/browser) share: the demo on this vitest worker's ports and
 * Debian's Chromium. The walks run two files at a time (vitest.browser.config.ts), each
 * file with its own demo (app, stand-in, mailbox, fresh database), so every worker needs
 * its own ports: worker n uses TEST_APP_PORT / TEST_STANDIN_PORT + 4·(n−1), and its mailbox
 * the port after its stand-in's (worker 1: MAILBOX_PORT, or any free port).
 */
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { startDemo, type DemoHandle } from "../../scripts/demo";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function demoPorts(): { appPort: number; standInPort: number; mailboxPort: number } {
  const worker = Math.max(1, Number(process.env.VITEST_POOL_ID ?? 1)) - 1;
  const appPort = Number(process.env.TEST_APP_PORT ?? 3210) + 4 * worker;
  const standInPort = Number(process.env.TEST_STANDIN_PORT ?? 8210) + 4 * worker;
  const mailboxPort = worker === 0 ? Number(process.env.MAILBOX_PORT ?? 0) : standInPort + 1;
  return { appPort, standInPort, mailboxPort };
}

/** The whole demo on a fresh database (SQLite file or an empty PostgreSQL database). */
export function startTestDemo(databaseUrl: string): Promise<DemoHandle> {
  return startDemo({ quiet: true, ...demoPorts(), databaseUrl });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * Waits until React has hydrated this server-rendered element (React keeps its props on the
 * DOM node once it owns it). Before that a click or an Enter reaches only the plain HTML:
 * a button does nothing and a form submits natively — on a slow or busy machine the walk
 * can be faster than the app's scripts.
 */
export async function hydrated(locator: Locator, timeout = 60_000): Promise<Locator> {
  await locator.waitFor({ timeout });
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { timeout })
    .toBe(true);
  return locator;
}

/** What the demo cannot reach offline (Shopify's CDN): not an error of the app. */
export const OFFLINE_NOISE = /cdn\.shopify\.com/;

/** Collects a page's console errors, uncaught errors and HTTP answers ≥ 400, offline noise left out. */
export function watchPage(page: Page, noise: RegExp = OFFLINE_NOISE): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !noise.test(m.text() + (m.location().url ?? ""))) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => {
    if (r.status() >= 400 && !noise.test(r.url())) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return errors;
}
