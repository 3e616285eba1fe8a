/** Translations of the theme app extension: same keys everywhere, same placeholders, real translations. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const LOCALES_DIR = fileURLToPath(new URL("../returns-portal/locales", import.meta.url));
const EXTENSION = fileURLToPath(new URL("../returns-portal", import.meta.url));
const LANGS = ["sv", "da", "nb", "fi", "nl", "de"];

type Tree = { [key: string]: string | Tree };
const read = (name: string): Tree => JSON.parse(readFileSync(join(LOCALES_DIR, name), "utf8"));
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else leaves(v, key).forEach((value, sub) => out.set(sub, value));
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
const tags = (s: string) => [...s.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]).sort();

describe.each([
  ["storefront", "en.default.json", (l: string) => `${l}.json`],
  ["theme editor (schema)", "en.default.schema.json", (l: string) => `${l}.schema.json`],
])("%s translations", (_kind, defaultFile, fileFor) => {
  const en = leaves(read(defaultFile));

  it("GIVEN the locales folder WHEN listed THEN all six other languages are there", () => {
    const files = readdirSync(LOCALES_DIR);
    for (const l of LANGS) expect(files).toContain(fileFor(l));
  });

  it.each(LANGS)(
    "GIVEN %s WHEN compared with the default THEN it has exactly the same keys",
    (lang) => {
      expect([...leaves(read(fileFor(lang))).keys()].sort()).toEqual([...en.keys()].sort());
    },
  );

  it.each(LANGS)(
    "GIVEN %s WHEN compared with the default THEN every string keeps the same placeholders and HTML tags",
    (lang) => {
      const other = leaves(read(fileFor(lang)));
      for (const [key, value] of en) {
        expect(placeholders(other.get(key)!), `${lang}: ${key}`).toEqual(placeholders(value));
        expect(tags(other.get(key)!), `${lang}: ${key}`).toEqual(tags(value));
      }
    },
  );

  it.each(LANGS)(
    "GIVEN %s WHEN compared with English THEN it is really translated (≥ 90 % of strings differ)",
    (lang) => {
      const other = leaves(read(fileFor(lang)));
      const same = [...en].filter(([key, value]) => other.get(key) === value).map(([key]) => key);
      expect(same.length / en.size, `identical to English: ${same.join(", ")}`).toBeLessThanOrEqual(
        0.1,
      );
    },
  );
});

describe("keys used by the Liquid", () => {
  const sources = ["blocks", "snippets"].flatMap((d) =>
    readdirSync(join(EXTENSION, d)).map((f) => readFileSync(join(EXTENSION, d, f), "utf8")),
  );

  it("GIVEN every `| t` key in blocks and snippets WHEN looked up THEN it exists in en.default.json", () => {
    const en = leaves(read("en.default.json"));
    const enKeys = new Set([...en.keys()].map((k) => k.replace(/\.(one|other|zero)$/, "")));
    const used = sources.flatMap((s) =>
      [...s.matchAll(/'([\w.]+)'\s*\|\s*t\b/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(40);
    for (const key of used) expect(enKeys, key).toContain(key);
  });

  it("GIVEN every `t:` key in the block schemas WHEN looked up THEN it exists in en.default.schema.json", () => {
    const en = leaves(read("en.default.schema.json"));
    const used = sources.flatMap((s) => [...s.matchAll(/"t:([\w.]+)"/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) expect(en.has(key), key).toBe(true);
  });
});
