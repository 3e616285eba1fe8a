/**
 * Browser walk of the warehouse and analytics pages on the demo stack (headless Chromium):
 * the receiving station with the keyboard only (scan → approve → set condition → receive →
 * next scan, and an unknown code), and the Analytics page with the seeded shop's figures.
 * Fails on any console error; screenshots in test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Frame, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, prepareDb, type Db } from "~/db.server";
import type { DemoHandle } from "../../scripts/demo";
import { CHROMIUM, hydrated, launchChromium, startTestDemo } from "../support/browser-demo";

const SHOTS = join(process.cwd(), "test-results");
const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const OFFLINE_NOISE = /cdn\.shopify\.com/;

describe.skipIf(!existsSync(CHROMIUM))("warehouse and analytics in a browser", () => {
  let demo: DemoHandle;
  let browser: Browser;
  let db: Db;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const url = `file:${join(mkdtempSync(join(tmpdir(), "warehouse-")), "demo.sqlite")}`;
    demo = await startTestDemo(url);
    db = createDb(url);
    await prepareDb(db, url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
    await demo?.stop();
  });

  async function open(
    path: string,
  ): Promise<{ page: Page; app: FrameLocator; frame: () => Frame; errors: string[] }> {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      userAgent: USER_AGENT,
      locale: "en-GB",
    });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !OFFLINE_NOISE.test(m.text() + (m.location().url ?? "")))
        errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${demo.adminUrl}${path}`, { waitUntil: "domcontentloaded", timeout: 90_000 });
    const frame = () => page.frames().find((f) => f !== page.mainFrame())!;
    return { page, app: page.frameLocator("iframe"), frame, errors };
  }

  /**
   * The analytics page arrives as one streamed HTML document: right after its first
   * heading shows, the rest may not be parsed yet (a flaky "Resolution mix" was missing).
   * Wait until the frame's document has finished loading and the section asked for is there.
   */
  async function sectionsLoaded(app: FrameLocator, heading: string) {
    await app.locator("body").evaluate(
      (body) =>
        new Promise<void>((resolve) => {
          const doc = body.ownerDocument;
          if (doc.readyState === "complete") resolve();
          else doc.defaultView!.addEventListener("load", () => resolve(), { once: true });
        }),
    );
    await app.getByRole("heading", { name: heading, exact: true }).waitFor({ timeout: 30_000 });
  }

  it("receives returns with the keyboard only: scan, approve, inspect, receive, next scan, unknown code", async () => {
    // A shopper files a return on the storefront (as in the smoke test): it is REQUESTED in
    // Shopify at once, waiting for approval.
    const shopper = await browser.newPage({ userAgent: USER_AGENT });
    await shopper.goto(`${demo.storefrontUrl}?locale=en`, { waitUntil: "networkidle" });
    await shopper.fill('input[name="order"]', "#1182");
    await shopper.fill('input[name="email"]', "astrid.lindqvist@example.com");
    await shopper.locator('button[type="submit"]').first().click();
    await shopper.locator('[data-f="sel"]').first().waitFor({ timeout: 60_000 });
    await shopper.locator('[data-f="sel"]').first().check();
    const reason = shopper.locator('select[data-f="reason"]').first();
    if (await reason.count()) await reason.selectOption({ index: 1 });
    await shopper.getByRole("button", { name: /send return request/i }).click();
    await expect
      .poll(async () => (await shopper.locator("main").textContent()) ?? "", { timeout: 60_000 })
      .toMatch(/R-\d{4}/);
    await shopper.close();
    const ret = await db.returnRequest.findFirst({
      where: { orderName: "#1182", status: "REQUESTED" },
      orderBy: { requestedAt: "desc" },
    });
    expect(ret).toBeTruthy();

    const { page, app, frame, errors } = await open("/app/receive");
    const scan = app.locator("#scan-code");
    await scan.waitFor({ timeout: 30_000 });
    const active = () => frame().evaluate(() => document.activeElement?.id ?? null);
    // The admin hands keyboard focus to the app's frame (as clicking into the app would);
    // inside it, the scan field has focus on arrival: a scanner just types.
    await page.focus("iframe");
    await expect.poll(active, { timeout: 60_000 }).toBe("scan-code");

    await page.keyboard.type(ret!.rmaNumber);
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await app.locator("#receive-notice").textContent()) ?? "", {
        timeout: 30_000,
      })
      .toMatch(/not approved yet/);
    // Focus is on "Approve now": Enter approves.
    await expect
      .poll(() => frame().evaluate(() => document.activeElement?.textContent ?? ""))
      .toMatch(/Approve now/);
    await page.screenshot({ path: join(SHOTS, "receive-not-approved.png") });
    await page.keyboard.press("Enter");
    await expect.poll(active, { timeout: 30_000 }).toBe("condition-0");

    // Condition: one step down from "Good" (→ Damaged); then Tab to the disposition and Enter.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await expect.poll(active).toBe("disposition-0");
    await page.screenshot({ path: join(SHOTS, "receive-lines.png") });
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await app.locator("#receive-notice").textContent()) ?? "", {
        timeout: 30_000,
      })
      .toMatch(/received and inspected/);
    await expect.poll(active).toBe("scan-code");
    await page.screenshot({ path: join(SHOTS, "receive-done.png") });

    const after = await db.returnRequest.findUnique({
      where: { id: ret!.id },
      include: { lines: true },
    });
    expect(after!.status).toBe("INSPECTED");
    expect(after!.lines[0]).toMatchObject({ conditionGrade: "DAMAGED", disposition: "RESTOCKED" });
    expect(after!.lines[0].dispositionLocationId).toMatch(/^gid:\/\/shopify\/Location\//);

    // Next parcel: an unknown code says so and keeps the field ready.
    await page.keyboard.type("R-999999");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await app.locator("#receive-notice").textContent()) ?? "", {
        timeout: 30_000,
      })
      .toMatch(/No return matches “R-999999”/);
    await expect.poll(active).toBe("scan-code");
    await page.screenshot({ path: join(SHOTS, "receive-unknown.png") });
    // The 404 of the unknown scan is the station's answer, not a page error.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  }, 420_000);

  it("shows the seeded shop's analytics tables", async () => {
    const { page, app, errors } = await open("/app/analytics?range=last90");
    await expect
      .poll(async () => (await app.locator("body").textContent({ timeout: 90_000 })) ?? "", {
        timeout: 90_000,
      })
      .toMatch(/Return rate/);
    // The app's document streams in: wait for its last section before reading the text.
    await sectionsLoaded(app, "Incoming");
    const text = (await app.locator("body").textContent()) ?? "";
    expect(text).toMatch(/Sold units/);
    expect(text).toMatch(/Resolution mix/);
    expect(text).toMatch(/Incoming/);
    await page.screenshot({ path: join(SHOTS, "analytics.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("speaks Swedish on the Analytics and Receive pages when the admin is in Swedish", async () => {
    const analytics = await open("/app/analytics?range=last90&locale=sv");
    await expect
      .poll(
        async () => (await analytics.app.locator("body").textContent({ timeout: 90_000 })) ?? "",
        { timeout: 90_000 },
      )
      .toMatch(/Returgrad/);
    await sectionsLoaded(analytics.app, "På väg in");
    const text = (await analytics.app.locator("body").textContent()) ?? "";
    expect(text).toMatch(/Sålda enheter/);
    expect(text).toMatch(/Fördelning av lösningar/);
    expect(text).toMatch(/På väg in/);
    expect(text).not.toMatch(/Sold units|Resolution mix/);
    await analytics.page.screenshot({ path: join(SHOTS, "analytics-sv.png"), fullPage: true });
    expect(analytics.errors).toEqual([]);
    await analytics.page.close();

    const receive = await open("/app/receive?locale=sv");
    await expect
      .poll(
        async () => (await receive.app.locator("body").textContent({ timeout: 90_000 })) ?? "",
        { timeout: 90_000 },
      )
      .toMatch(/Ta emot returer/);
    await hydrated(receive.app.locator("#scan-code"));
    await receive.app.locator("#scan-code").fill("R-NOPE");
    await receive.app.locator("#scan-code").press("Enter");
    await expect
      .poll(async () => (await receive.app.locator("body").textContent()) ?? "", {
        timeout: 30_000,
      })
      .toMatch(/Ingen retur matchar/);
    await receive.page.screenshot({ path: join(SHOTS, "receive-sv.png"), fullPage: true });
    expect(receive.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await receive.page.close();
  }, 240_000);
});
