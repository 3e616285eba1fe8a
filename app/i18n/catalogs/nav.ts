/** The app's navigation in Shopify's admin (app/routes/app.tsx). */
import { defineCatalog } from "../admin-locale";

export const NAV_CATALOG = defineCatalog({
  en: {
    "navReturns": "Returns",
    "navSettings": "Settings",
    "navAnalytics": "Analytics",
  },
  sv: {
    "navReturns": "Returer",
    "navSettings": "Inställningar",
    "navAnalytics": "Analys",
  },
  da: {
    "navReturns": "Returneringer",
    "navSettings": "Indstillinger",
    "navAnalytics": "Analyse",
  },
  nb: {
    "navReturns": "Returer",
    "navSettings": "Innstillinger",
    "navAnalytics": "Analyse",
  },
  fi: {
    "navReturns": "Palautukset",
    "navSettings": "Asetukset",
    "navAnalytics": "Analytiikka",
  },
  nl: {
    "navReturns": "Retouren",
    "navSettings": "Instellingen",
    "navAnalytics": "Analyse",
  },
  de: {
    "navReturns": "Rücksendungen",
    "navSettings": "Einstellungen",
    "navAnalytics": "Analysen",
  },
});

export type NavKey = keyof typeof NAV_CATALOG.en;
