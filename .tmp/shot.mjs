import { chromium } from "playwright-core";
const [url, out, _locale, full] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", locale: "en-GB" });
page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
page.on("pageerror", (e) => console.log("pageerror:", String(e)));
await page.goto(url, { waitUntil: "networkidle" });
await page.waitForTimeout(2500);
if (full) {
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (frame) { const h = await frame.evaluate(() => document.body.scrollHeight); await page.setViewportSize({ width: 1280, height: Math.min(h + 120, 8000) }); await page.waitForTimeout(800); }
}
await page.screenshot({ path: out, fullPage: true });
await browser.close();
