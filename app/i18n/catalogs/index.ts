/**
 * Every admin catalog, by area. A new area adds its own file next to these (same shape:
 * `defineCatalog({ en, sv, da, nb, fi, nl, de })`) and one line here; the catalog test then
 * checks it in all seven languages.
 */
import type { Catalog } from "../admin-locale";
import { ANALYTICS_CATALOG } from "./analytics";
import { INBOX_CATALOG } from "./inbox";
import { NAV_CATALOG } from "./nav";
import { ONBOARDING_CATALOG } from "./onboarding";
import { RECEIVE_CATALOG } from "./receive";
import { SETTINGS_CATALOG } from "./settings";

export const ADMIN_CATALOGS: Readonly<Record<string, Catalog<string>>> = {
  inbox: INBOX_CATALOG,
  nav: NAV_CATALOG,
  onboarding: ONBOARDING_CATALOG,
  settings: SETTINGS_CATALOG,
  analytics: ANALYTICS_CATALOG,
  receive: RECEIVE_CATALOG,
};
