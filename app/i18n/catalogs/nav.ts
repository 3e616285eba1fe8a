/** The app's navigation in Shopify's admin (app/routes/app.tsx). */
import { defineCatalog } from "../admin-locale";

export const NAV_CATALOG = defineCatalog({
  en: {
    "navReceive": "Receive",
    "navPrivacy": "Privacy requests",
    "navReturns": "Returns",
    "navSettings": "Settings",
    "navAnalytics": "Analytics",
    "navWinback": "Win-back offers",
  },
  sv: {
    "navReceive": "Ta emot",
    "navPrivacy": "Integritetsförfrågningar",
    "navReturns": "Returer",
    "navSettings": "Inställningar",
    "navAnalytics": "Analys",
    "navWinback": "Återvinningserbjudanden",
  },
  da: {
    "navReceive": "Modtag",
    "navPrivacy": "Anmodninger om persondata",
    "navReturns": "Returneringer",
    "navSettings": "Indstillinger",
    "navAnalytics": "Analyse",
    "navWinback": "Tilbud til tidligere kunder",
  },
  nb: {
    "navReceive": "Motta",
    "navPrivacy": "Personvernforespørsler",
    "navReturns": "Returer",
    "navSettings": "Innstillinger",
    "navAnalytics": "Analyse",
    "navWinback": "Tilbud til tidligere kunder",
  },
  fi: {
    "navReceive": "Vastaanotto",
    "navPrivacy": "Tietosuojapyynnöt",
    "navReturns": "Palautukset",
    "navSettings": "Asetukset",
    "navAnalytics": "Analytiikka",
    "navWinback": "Paluutarjoukset",
  },
  nl: {
    "navReceive": "Ontvangen",
    "navPrivacy": "Privacyverzoeken",
    "navReturns": "Retouren",
    "navSettings": "Instellingen",
    "navAnalytics": "Analyse",
    "navWinback": "Terugwinaanbiedingen",
  },
  de: {
    "navReceive": "Wareneingang",
    "navPrivacy": "Datenschutzanfragen",
    "navReturns": "Rücksendungen",
    "navSettings": "Einstellungen",
    "navAnalytics": "Analysen",
    "navWinback": "Rückgewinnungsangebote",
  },
});

export type NavKey = keyof typeof NAV_CATALOG.en;
