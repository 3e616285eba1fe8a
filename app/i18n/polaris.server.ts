/**
 * Polaris' own translations (date pickers, pagination, filters…) for the admin's language.
 * Server-only: the loader sends the one the staff member needs (~15 KB), not all seven.
 */
import en from "@shopify/polaris/locales/en.json";
import sv from "@shopify/polaris/locales/sv.json";
import da from "@shopify/polaris/locales/da.json";
import nb from "@shopify/polaris/locales/nb.json";
import fi from "@shopify/polaris/locales/fi.json";
import nl from "@shopify/polaris/locales/nl.json";
import de from "@shopify/polaris/locales/de.json";
import type { AdminLocale } from "./admin-locale";

const POLARIS: Record<AdminLocale, typeof en> = { en, sv, da, nb, fi, nl, de };

export function polarisTranslations(locale: AdminLocale): typeof en {
  return POLARIS[locale];
}
