/** The app's navigation in Shopify's admin (app/routes/app.tsx). */
import { defineCatalog } from "../admin-locale";

export const NAV_CATALOG = defineCatalog({
  en: {
    "navReceive": "Receive",
    "navPrivacy": "Privacy requests",
    "navReturns": "Returns",
    "navSettings": "Settings",
    "navAnalytics": "Analytics",
    "navJobs": "Background jobs",
    "navWinback": "Win-back offers",
  },
  sv: {
    "navReceive": "Ta emot",
    "navPrivacy": "Integritetsförfrågningar",
    "navReturns": "Returer",
    "navSettings": "Inställningar",
    "navAnalytics": "Analys",
    "navJobs": "Bakgrundsjobb",
    "navWinback": "Återvinningserbjudanden",
  },
  da: {
    "navReceive": "Modtag",
    "navPrivacy": "Anmodninger om persondata",
    "navReturns": "Returneringer",
    "navSettings": "Indstillinger",
    "navAnalytics": "Analyse",
    "navJobs": "Baggrundsjob",
    "navWinback": "Tilbud til tidligere kunder",
  },
  nb: {
    "navReceive": "Motta",
    "navPrivacy": "Personvernforespørsler",
    "navReturns": "Returer",
    "navSettings": "Innstillinger",
    "navAnalytics": "Analyse",
    "navJobs": "Bakgrunnsjobber",
    "navWinback": "Tilbud til tidligere kunder",
  },
  fi: {
    "navReceive": "Vastaanotto",
    "navPrivacy": "Tietosuojapyynnöt",
    "navReturns": "Palautukset",
    "navSettings": "Asetukset",
    "navAnalytics": "Analytiikka",
    "navJobs": "Taustatyöt",
    "navWinback": "Paluutarjoukset",
  },
  nl: {
    "navReceive": "Ontvangen",
    "navPrivacy": "Privacyverzoeken",
    "navReturns": "Retouren",
    "navSettings": "Instellingen",
    "navAnalytics": "Analyse",
    "navJobs": "Achtergrondtaken",
    "navWinback": "Terugwinaanbiedingen",
  },
  de: {
    "navReceive": "Wareneingang",
    "navPrivacy": "Datenschutzanfragen",
    "navReturns": "Rücksendungen",
    "navSettings": "Einstellungen",
    "navAnalytics": "Analysen",
    "navJobs": "Hintergrundaufgaben",
    "navWinback": "Rückgewinnungsangebote",
  },
});

export type NavKey = keyof typeof NAV_CATALOG.en;
