/**
 * Shopify's theme-check (the same checks `shopify app deploy` and the App Store review run for
 * theme app extensions), offline. Any error or warning fails the build.
 */
import { check } from "@shopify/theme-check-node";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const EXTENSION = fileURLToPath(new URL("../returns-portal", import.meta.url));

const summary = (offenses: Awaited<ReturnType<typeof check>>) =>
  offenses.map(
    (o) =>
      `${o.check} [${o.severity}] ${o.uri.split("/returns-portal/").pop()}:${o.start.line + 1} ${o.message}`,
  );

describe("theme-check (theme-check:theme-app-extension)", () => {
  it("GIVEN the returns-portal extension WHEN checked THEN there are no errors and no warnings", async () => {
    const offenses = await check(EXTENSION, join(EXTENSION, ".theme-check.yml"));
    expect(summary(offenses.filter((o) => o.severity <= 1))).toEqual([]);
  });

  it("GIVEN a copy whose block script is 10 001 bytes WHEN checked THEN theme-check reports the size error (the check really runs)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "returns-portal-"));
    try {
      cpSync(EXTENSION, dir, { recursive: true });
      writeFileSync(join(dir, "assets", "return-portal.js"), `/*${"x".repeat(10_001 - 4)}*/`);
      const offenses = await check(dir, join(dir, ".theme-check.yml"));
      expect(offenses.map((o) => o.check)).toContain("AssetSizeAppBlockJavaScript");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
