/**
 * The admin's languages and the catalog machinery. Each feature area keeps its own catalog
 * file in app/i18n/catalogs/ (settings.ts, onboarding.ts, …) and registers it in
 * catalogs/index.ts; `defineCatalog` makes TypeScript refuse a catalog where any language
 * lacks a key English has, and tests/i18n/admin-catalogs.test.ts checks the same at run
 * time (plus placeholders), so a missing translation fails CI.
 *
 * Shared by server and browser: no server-only imports here.
 */
export const ADMIN_LOCALES = ["en", "sv", "da", "nb", "fi", "nl", "de"] as const;
export type AdminLocale = (typeof ADMIN_LOCALES)[number];

/** Shopify's admin `locale` ("sv", "sv-SE", "nb", "no", "pt-BR" …) → one of ours, else English. */
export function resolveAdminLocale(raw: string | null | undefined): AdminLocale | null {
  if (!raw) return null;
  const primary = raw.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  const mapped = primary === "no" || primary === "nn" ? "nb" : primary;
  return (ADMIN_LOCALES as readonly string[]).includes(mapped) ? (mapped as AdminLocale) : null;
}

/** First supported language of an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): AdminLocale | null {
  if (!header) return null;
  const tags = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: tag ?? "", q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const locale = resolveAdminLocale(tag);
    if (locale) return locale;
  }
  return null;
}

export type Messages<K extends string> = Readonly<Record<K, string>>;
/** English defines the keys; every other language must have exactly those keys. */
export type Catalog<K extends string> = Readonly<Record<AdminLocale, Messages<K>>>;

export function defineCatalog<K extends string>(catalog: { en: Messages<K> } & Record<Exclude<AdminLocale, "en">, Messages<K>>): Catalog<K> {
  return catalog;
}

/** `{name}` placeholders, filled from `vars`; a missing var is left visible rather than blank. */
export function interpolate(text: string, vars?: Readonly<Record<string, string | number>>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Translator<K extends string> = (key: K, vars?: Readonly<Record<string, string | number>>) => string;

export function translator<K extends string>(catalog: Catalog<K>, locale: AdminLocale): Translator<K> {
  const messages = catalog[locale];
  return (key, vars) => interpolate(messages[key] ?? catalog.en[key] ?? key, vars);
}
