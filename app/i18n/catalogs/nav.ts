/** The app's navigation in Shopify's admin (app/routes/app.tsx). */
import { defineCatalog } from "../admin-locale";

export const NAV_CATALOG = defineCatalog({
  en: {
    "navReceive": "Receive",
    "navPrivacy": "Privacy requests",
    "navReturns": "Returns",
    "navSettings": "Settings",
    "navAnalytics": "Analytics",
    "navEmails": "E-mails",
  },
  sv: {
    "navReceive": "Ta emot",
    "navPrivacy": "Integritetsförfrågningar",
    "navReturns": "Returer",
    "navSettings": "Inställningar",
    "navAnalytics": "Analys",
    "navEmails": "E-post",
  },
  da: {
    "navReceive": "Modtag",
    "navPrivacy": "Anmodninger om persondata",
    "navReturns": "Returneringer",
    "navSettings": "Indstillinger",
    "navAnalytics": "Analyse",
    "navEmails": "E-mails",
  },
  nb: {
    "navReceive": "Motta",
    "navPrivacy": "Personvernforespørsler",
    "navReturns": "Returer",
    "navSettings": "Innstillinger",
    "navAnalytics": "Analyse",
    "navEmails": "E-poster",
  },
  fi: {
    "navReceive": "Vastaanotto",
    "navPrivacy": "Tietosuojapyynnöt",
    "navReturns": "Palautukset",
    "navSettings": "Asetukset",
    "navAnalytics": "Analytiikka",
    "navEmails": "Sähköpostit",
  },
  nl: {
    "navReceive": "Ontvangen",
    "navPrivacy": "Privacyverzoeken",
    "navReturns": "Retouren",
    "navSettings": "Instellingen",
    "navAnalytics": "Analyse",
    "navEmails": "E-mails",
  },
  de: {
    "navReceive": "Wareneingang",
    "navPrivacy": "Datenschutzanfragen",
    "navReturns": "Rücksendungen",
    "navSettings": "Einstellungen",
    "navAnalytics": "Analysen",
    "navEmails": "E-Mails",
  },
});

export type NavKey = keyof typeof NAV_CATALOG.en;
