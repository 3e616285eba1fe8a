/**
 * The admin in seven languages: every catalog (app/i18n/catalogs) has every English key in
 * every language, non-empty, with the same {placeholders}, and is really translated.
 * Polaris' own strings exist for each language too.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ADMIN_LOCALES, localeFromAcceptLanguage, resolveAdminLocale, translator } from "~/i18n/admin-locale";
import { ADMIN_CATALOGS } from "~/i18n/catalogs";
import { SETTINGS_CATALOG } from "~/i18n/catalogs/settings";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const OTHERS = ADMIN_LOCALES.filter((l) => l !== "en");

describe.each(Object.entries(ADMIN_CATALOGS))("admin catalog %s", (_area, catalog) => {
  const keys = Object.keys(catalog.en);

  it.each(OTHERS)("GIVEN %s WHEN compared with English THEN no key is missing, extra or empty", (locale) => {
    const messages = catalog[locale] as Record<string, string>;
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(messages[key]?.trim(), `${locale}: ${key}`).toBeTruthy();
  });

  it.each(OTHERS)("GIVEN %s WHEN compared with English THEN every message keeps its placeholders", (locale) => {
    const messages = catalog[locale] as Record<string, string>;
    for (const key of keys) expect(placeholders(messages[key] ?? ""), `${locale}: ${key}`).toEqual(placeholders(catalog.en[key]!));
  });

  it.each(OTHERS)("GIVEN %s WHEN compared with English THEN most messages are really translated", (locale) => {
    const messages = catalog[locale] as Record<string, string>;
    // Names and symbols (Version {version} · …, "Tags") may stay the same; whole catalogs may not.
    const same = keys.filter((k) => messages[k] === catalog.en[k]);
    expect(same.length / keys.length, `identical to English: ${same.join(", ")}`).toBeLessThanOrEqual(0.2);
  });
});

describe("admin locale", () => {
  it("GIVEN Shopify's admin locales WHEN resolved THEN each of our seven is found, Norwegian variants map to nb, others are not ours", () => {
    expect(ADMIN_LOCALES.map((l) => resolveAdminLocale(l))).toEqual([...ADMIN_LOCALES]);
    expect(resolveAdminLocale("sv-SE")).toBe("sv");
    expect(resolveAdminLocale("no")).toBe("nb");
    expect(resolveAdminLocale("nn")).toBe("nb");
    expect(resolveAdminLocale("pt-BR")).toBeNull();
    expect(resolveAdminLocale("")).toBeNull();
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,de;q=0.8")).toBe("de");
  });

  it("GIVEN Polaris WHEN the admin is in any of our languages THEN Polaris ships its translations", () => {
    for (const locale of ADMIN_LOCALES) expect(existsSync(`node_modules/@shopify/polaris/locales/${locale}.json`), locale).toBe(true);
  });

  it("GIVEN a message with placeholders WHEN translated THEN values are filled in the staff member's language", () => {
    expect(translator(SETTINGS_CATALOG, "sv")("savedTitle", { version: 3 })).toBe("Policyn har sparats (version 3)");
    expect(translator(SETTINGS_CATALOG, "de")("issuesTitle", { count: 2 })).toBe("2 Einstellungen müssen korrigiert werden");
  });
});
