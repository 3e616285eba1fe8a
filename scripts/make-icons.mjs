// Regenerates public/favicon.ico, app-icon.png and apple-touch-icon.png from public/icon.svg
// with Debian's Chromium (playwright-core): `node scripts/make-icons.mjs`.
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";
const svg = readFileSync("public/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
async function png(size) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
  const buf = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  return buf;
}
writeFileSync("public/app-icon.png", await png(1200));
writeFileSync("public/apple-touch-icon.png", await png(180));
// favicon.ico holding PNG images (valid since Windows Vista; every current browser reads it).
const images = [await png(16), await png(32), await png(48)];
const header = Buffer.alloc(6); header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(images.length, 4);
let offset = 6 + 16 * images.length;
const dir = images.map((img, i) => {
  const size = [16, 32, 48][i];
  const e = Buffer.alloc(16);
  e.writeUInt8(size, 0); e.writeUInt8(size, 1); e.writeUInt8(0, 2); e.writeUInt8(0, 3);
  e.writeUInt16LE(1, 4); e.writeUInt16LE(32, 6); e.writeUInt32LE(img.length, 8); e.writeUInt32LE(offset, 12);
  offset += img.length;
  return e;
});
writeFileSync("public/favicon.ico", Buffer.concat([header, ...dir, ...images]));
await browser.close();
