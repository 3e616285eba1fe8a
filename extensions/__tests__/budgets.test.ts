/**
 * Storefront budgets (docs/quality.md: ≤ 6 KB gzipped JS, ≤ 4 KB gzipped CSS) and Shopify's
 * packaging rules for theme app extensions (shopify-platform.md §3: only assets/, blocks/,
 * snippets/, locales/ with allowed file types; 500 kB of Liquid; theme-check's 10 000-byte JS).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";

const EXTENSION = fileURLToPath(new URL("../returns-portal", import.meta.url));
const file = (...p: string[]) => join(EXTENSION, ...p);
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Sizes the storefront downloads for the blocks: every asset a block schema names. */
function blockAssets(): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const block of readdirSync(file("blocks"))) {
    const schema = JSON.parse(
      /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(
        readFileSync(file("blocks", block), "utf8"),
      )![1]!,
    );
    if (schema.javascript) js.add(schema.javascript);
    // Scripts a block loads itself (<script src="{{ 'x.js' | asset_url }}">) count too.
    for (const m of readFileSync(file("blocks", block), "utf8").matchAll(/<script[^>]*src="{{\s*'([^']+\.js)'\s*\|\s*asset_url\s*}}"/g)) js.add(m[1]!);
    if (schema.stylesheet) css.add(schema.stylesheet);
  }
  return { js: [...js], css: [...css] };
}

describe("storefront budgets", () => {
  const { js, css } = blockAssets();

  it("GIVEN the blocks' scripts WHEN gzipped together THEN they are ≤ 6 KB", () => {
    const total = js.reduce((sum, f) => sum + gz(file("assets", f)), 0);
    expect(js).toEqual(["return-portal.js", "return-portal-extras.js", "return-portal-gift.js"]);
    expect(total).toBeLessThanOrEqual(6 * 1024);
  });

  it("GIVEN the blocks' stylesheets WHEN gzipped together THEN they are ≤ 4 KB", () => {
    const total = css.reduce((sum, f) => sum + gz(file("assets", f)), 0);
    expect(total).toBeLessThanOrEqual(4 * 1024);
  });

  it("GIVEN each block script WHEN measured raw THEN it keeps ≥ 5 % headroom under theme-check's 10 000-byte error", () => {
    for (const f of js) expect(statSync(file("assets", f)).size, f).toBeLessThanOrEqual(9_500);
  });

  it("GIVEN the block script WHEN read THEN it defines its element behind a guard and fetches nothing at load", () => {
    const src = readFileSync(file("assets", "return-portal.js"), "utf8");
    expect(src).toMatch(
      /if \(!window\.customElements \|\| customElements\.get\('return-portal'\)\) return;/,
    );
    // the only fetch call sits in call(), which only submit handlers reach
    expect(src.match(/fetch\(/g)).toHaveLength(1);
    expect(src).not.toMatch(/\bimport\s*\(|document\.write|XMLHttpRequest/);
  });
});

describe("Shopify packaging rules", () => {
  const allowed: Record<string, RegExp> = {
    assets: /\.(jpg|jpeg|json|js|css|png|svg|wasm)$/,
    blocks: /\.liquid$/,
    snippets: /\.liquid$/,
    locales: /\.json$/,
  };

  it("GIVEN the extension directory WHEN listed THEN only Shopify's four folders with allowed file types exist", () => {
    for (const entry of readdirSync(EXTENSION, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      expect(Object.keys(allowed), `folder ${entry.name}`).toContain(entry.name);
      for (const f of readdirSync(file(entry.name)))
        expect(f, `${entry.name}/${f}`).toMatch(allowed[entry.name]!);
    }
  });

  it("GIVEN shopify.extension.toml WHEN parsed THEN it is a theme extension", () => {
    const toml = parse(readFileSync(file("shopify.extension.toml"), "utf8")) as {
      type: string;
      name: string;
    };
    expect(toml.type).toBe("theme");
    expect(toml.name.length).toBeGreaterThan(0);
  });

  it("GIVEN all Liquid WHEN summed THEN it is far below the 500 kB limit; each locale file is ≤ 15 KB", () => {
    const liquid = ["blocks", "snippets"].flatMap((d) =>
      readdirSync(file(d)).map((f) => statSync(file(d, f)).size),
    );
    expect(liquid.reduce((a, b) => a + b, 0)).toBeLessThan(500 * 1024);
    for (const f of readdirSync(file("locales")))
      expect(statSync(file("locales", f)).size, f).toBeLessThanOrEqual(15 * 1024);
  });

  it("GIVEN the app blocks WHEN read THEN none uses a tag Shopify forbids in app blocks", () => {
    for (const f of [
      ...readdirSync(file("blocks")).map((b) => file("blocks", b)),
      ...readdirSync(file("snippets")).map((s) => file("snippets", s)),
    ]) {
      const src = readFileSync(f, "utf8");
      expect(src, f).not.toMatch(
        /{%-?\s*(javascript|stylesheet|include|layout|section|sections)\b/,
      );
    }
  });

  it("GIVEN each block WHEN read THEN it outputs block.shopify_attributes and suffixes ids with block.id", () => {
    for (const b of readdirSync(file("blocks"))) {
      const src = readFileSync(file("blocks", b), "utf8");
      expect(src, b).toContain("{{ block.shopify_attributes }}");
      for (const [, id] of src.matchAll(/\sid="([^"]+)"/g))
        expect(id, `${b}: id="${id}"`).toMatch(/\{\{ (bid|block\.id) \}\}$/);
    }
  });
});
