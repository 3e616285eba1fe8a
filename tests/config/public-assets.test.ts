/** The top-level public/ folder holds what a Shopify app serves and lists: favicon and app icon. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString("latin1"), file).toBe("PNG");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

describe("public/", () => {
  it("GIVEN the app icon WHEN checked THEN it is the 1200×1200 PNG the App Store listing asks for", () => {
    expect(pngSize("public/app-icon.png")).toEqual([1200, 1200]);
    expect(pngSize("public/apple-touch-icon.png")).toEqual([180, 180]);
  });

  it("GIVEN the favicon WHEN read THEN it is an ICO with 16, 32 and 48 px images, plus an SVG icon", () => {
    const ico = readFileSync("public/favicon.ico");
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
    expect([0, 1, 2].map((i) => ico.readUInt8(6 + i * 16))).toEqual([16, 32, 48]);
    expect(readFileSync("public/icon.svg", "utf8")).toMatch(/^<svg [^>]*viewBox="0 0 64 64"/);
  });
});
