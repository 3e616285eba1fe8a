/**
 * Shopper-facing messages the app-proxy API sends (the block's own labels live in the
 * theme extension's locales). en, sv, da, nb, fi, nl, de; unknown locales fall back to en.
 */
export const STOREFRONT_LOCALES = ["en", "sv", "da", "nb", "fi", "nl", "de"] as const;
export type StorefrontLocale = (typeof STOREFRONT_LOCALES)[number];

type Messages = Record<string, string>;

const en: Messages = {
  ORDER_NOT_FOUND: "We couldn't find an order with that number and email address. Check both and try again.",
  RATE_LIMITED: "Too many attempts. Please wait a few minutes and try again.",
  NOT_YOUR_ORDER: "This order doesn't belong to the account you're logged in with.",
  INVALID_INPUT: "Something in the form is missing or not valid. Check it and try again.",
  LOOKUP_EXPIRED: "Your session expired. Look up your order again.",
  SHOPIFY_UNAVAILABLE: "The shop can't be reached right now. Nothing was lost; try again in a moment.",
  NOT_ELIGIBLE: "Some of the items can't be returned as asked.",
  ORDER_CANCELLED: "This order was cancelled.",
  ORDER_NOT_PAID: "This order hasn't been paid yet.",
  NOT_FULFILLED: "This item hasn't been shipped yet.",
  WINDOW_EXPIRED: "The return period for this item has ended.",
  ALREADY_RETURNED: "This item has already been returned.",
  FINAL_SALE: "Final sale items can't be returned.",
  NON_RETURNABLE_TAG: "This item can't be returned.",
  NON_RETURNABLE_TYPE: "This type of item can't be returned.",
  NON_RETURNABLE_COLLECTION: "This item can't be returned.",
  NON_RETURNABLE_PRODUCT: "This item can't be returned.",
  GIFT_CARD: "Gift cards can't be returned.",
  CUSTOMER_BLOCKED: "Returns for this order are handled by customer service. Please contact the shop.",
  TOO_MANY_RETURNS: "You've reached the limit of returns for now. Please contact the shop.",
  DROP_OFF: "Drop off at a service point",
  HOME_PICKUP: "Home pickup",
  IN_STORE: "Return in store",
  KEEP_ITEM: "Keep the item",
};

const sv: Messages = {
  ORDER_NOT_FOUND: "Vi hittade ingen order med det numret och den e-postadressen. Kontrollera båda och försök igen.",
  RATE_LIMITED: "För många försök. Vänta några minuter och försök igen.",
  NOT_YOUR_ORDER: "Ordern hör inte till kontot du är inloggad med.",
  INVALID_INPUT: "Något i formuläret saknas eller är fel. Kontrollera och försök igen.",
  LOOKUP_EXPIRED: "Din session har gått ut. Sök upp din order igen.",
  SHOPIFY_UNAVAILABLE: "Butiken kan inte nås just nu. Inget har gått förlorat; försök igen om en stund.",
  NOT_ELIGIBLE: "Några av varorna kan inte returneras på det sättet.",
  ORDER_CANCELLED: "Ordern har avbrutits.",
  ORDER_NOT_PAID: "Ordern är inte betald än.",
  NOT_FULFILLED: "Varan har inte skickats än.",
  WINDOW_EXPIRED: "Returtiden för varan har gått ut.",
  ALREADY_RETURNED: "Varan har redan returnerats.",
  FINAL_SALE: "Slutreavaror kan inte returneras.",
  NON_RETURNABLE_TAG: "Varan kan inte returneras.",
  NON_RETURNABLE_TYPE: "Den här typen av vara kan inte returneras.",
  NON_RETURNABLE_COLLECTION: "Varan kan inte returneras.",
  NON_RETURNABLE_PRODUCT: "Varan kan inte returneras.",
  GIFT_CARD: "Presentkort kan inte returneras.",
  CUSTOMER_BLOCKED: "Returer för den här ordern hanteras av kundtjänst. Kontakta butiken.",
  TOO_MANY_RETURNS: "Du har nått gränsen för returer just nu. Kontakta butiken.",
  DROP_OFF: "Lämna på ett ombud",
  HOME_PICKUP: "Hämtning hemma",
  IN_STORE: "Returnera i butik",
  KEEP_ITEM: "Behåll varan",
};

const da: Messages = {
  ORDER_NOT_FOUND: "Vi kunne ikke finde en ordre med det nummer og den e-mailadresse. Tjek begge og prøv igen.",
  RATE_LIMITED: "For mange forsøg. Vent et par minutter og prøv igen.",
  NOT_YOUR_ORDER: "Ordren hører ikke til den konto, du er logget ind med.",
  INVALID_INPUT: "Noget i formularen mangler eller er forkert. Tjek det og prøv igen.",
  LOOKUP_EXPIRED: "Din session er udløbet. Find din ordre igen.",
  SHOPIFY_UNAVAILABLE: "Butikken kan ikke nås lige nu. Intet er gået tabt; prøv igen om lidt.",
  NOT_ELIGIBLE: "Nogle af varerne kan ikke returneres som ønsket.",
  ORDER_CANCELLED: "Ordren er annulleret.",
  ORDER_NOT_PAID: "Ordren er ikke betalt endnu.",
  NOT_FULFILLED: "Varen er ikke afsendt endnu.",
  WINDOW_EXPIRED: "Returfristen for varen er udløbet.",
  ALREADY_RETURNED: "Varen er allerede returneret.",
  FINAL_SALE: "Udsalgsvarer kan ikke returneres.",
  NON_RETURNABLE_TAG: "Varen kan ikke returneres.",
  NON_RETURNABLE_TYPE: "Denne type vare kan ikke returneres.",
  NON_RETURNABLE_COLLECTION: "Varen kan ikke returneres.",
  NON_RETURNABLE_PRODUCT: "Varen kan ikke returneres.",
  GIFT_CARD: "Gavekort kan ikke returneres.",
  CUSTOMER_BLOCKED: "Returneringer for denne ordre håndteres af kundeservice. Kontakt butikken.",
  TOO_MANY_RETURNS: "Du har nået grænsen for returneringer lige nu. Kontakt butikken.",
  DROP_OFF: "Aflever i en pakkeshop",
  HOME_PICKUP: "Afhentning hjemme",
  IN_STORE: "Returner i butik",
  KEEP_ITEM: "Behold varen",
};

const nb: Messages = {
  ORDER_NOT_FOUND: "Vi fant ingen ordre med det nummeret og den e-postadressen. Sjekk begge og prøv igjen.",
  RATE_LIMITED: "For mange forsøk. Vent noen minutter og prøv igjen.",
  NOT_YOUR_ORDER: "Ordren tilhører ikke kontoen du er logget inn med.",
  INVALID_INPUT: "Noe i skjemaet mangler eller er feil. Sjekk og prøv igjen.",
  LOOKUP_EXPIRED: "Økten din er utløpt. Finn ordren din på nytt.",
  SHOPIFY_UNAVAILABLE: "Butikken kan ikke nås akkurat nå. Ingenting gikk tapt; prøv igjen om litt.",
  NOT_ELIGIBLE: "Noen av varene kan ikke returneres slik.",
  ORDER_CANCELLED: "Ordren er kansellert.",
  ORDER_NOT_PAID: "Ordren er ikke betalt ennå.",
  NOT_FULFILLED: "Varen er ikke sendt ennå.",
  WINDOW_EXPIRED: "Returfristen for varen er utløpt.",
  ALREADY_RETURNED: "Varen er allerede returnert.",
  FINAL_SALE: "Salgsvarer kan ikke returneres.",
  NON_RETURNABLE_TAG: "Varen kan ikke returneres.",
  NON_RETURNABLE_TYPE: "Denne typen vare kan ikke returneres.",
  NON_RETURNABLE_COLLECTION: "Varen kan ikke returneres.",
  NON_RETURNABLE_PRODUCT: "Varen kan ikke returneres.",
  GIFT_CARD: "Gavekort kan ikke returneres.",
  CUSTOMER_BLOCKED: "Returer for denne ordren håndteres av kundeservice. Kontakt butikken.",
  TOO_MANY_RETURNS: "Du har nådd grensen for returer nå. Kontakt butikken.",
  DROP_OFF: "Lever på et utleveringssted",
  HOME_PICKUP: "Henting hjemme",
  IN_STORE: "Returner i butikk",
  KEEP_ITEM: "Behold varen",
};

const fi: Messages = {
  ORDER_NOT_FOUND: "Emme löytäneet tilausta tällä numerolla ja sähköpostiosoitteella. Tarkista molemmat ja yritä uudelleen.",
  RATE_LIMITED: "Liian monta yritystä. Odota muutama minuutti ja yritä uudelleen.",
  NOT_YOUR_ORDER: "Tilaus ei kuulu tilille, jolla olet kirjautunut.",
  INVALID_INPUT: "Lomakkeesta puuttuu jotain tai jokin on virheellinen. Tarkista ja yritä uudelleen.",
  LOOKUP_EXPIRED: "Istuntosi vanheni. Hae tilauksesi uudelleen.",
  SHOPIFY_UNAVAILABLE: "Kauppaan ei saada juuri nyt yhteyttä. Mitään ei menetetty; yritä hetken kuluttua uudelleen.",
  NOT_ELIGIBLE: "Joitakin tuotteita ei voi palauttaa pyydetyllä tavalla.",
  ORDER_CANCELLED: "Tilaus on peruttu.",
  ORDER_NOT_PAID: "Tilausta ei ole vielä maksettu.",
  NOT_FULFILLED: "Tuotetta ei ole vielä lähetetty.",
  WINDOW_EXPIRED: "Tuotteen palautusaika on päättynyt.",
  ALREADY_RETURNED: "Tuote on jo palautettu.",
  FINAL_SALE: "Loppuunmyyntituotteita ei voi palauttaa.",
  NON_RETURNABLE_TAG: "Tuotetta ei voi palauttaa.",
  NON_RETURNABLE_TYPE: "Tämän tyyppisiä tuotteita ei voi palauttaa.",
  NON_RETURNABLE_COLLECTION: "Tuotetta ei voi palauttaa.",
  NON_RETURNABLE_PRODUCT: "Tuotetta ei voi palauttaa.",
  GIFT_CARD: "Lahjakortteja ei voi palauttaa.",
  CUSTOMER_BLOCKED: "Tämän tilauksen palautukset hoitaa asiakaspalvelu. Ota yhteyttä kauppaan.",
  TOO_MANY_RETURNS: "Olet saavuttanut palautusten rajan toistaiseksi. Ota yhteyttä kauppaan.",
  DROP_OFF: "Jätä noutopisteeseen",
  HOME_PICKUP: "Nouto kotoa",
  IN_STORE: "Palauta myymälään",
  KEEP_ITEM: "Pidä tuote",
};

const nl: Messages = {
  ORDER_NOT_FOUND: "We konden geen bestelling vinden met dat nummer en e-mailadres. Controleer beide en probeer het opnieuw.",
  RATE_LIMITED: "Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.",
  NOT_YOUR_ORDER: "Deze bestelling hoort niet bij het account waarmee je bent ingelogd.",
  INVALID_INPUT: "Er ontbreekt iets in het formulier of het klopt niet. Controleer het en probeer het opnieuw.",
  LOOKUP_EXPIRED: "Je sessie is verlopen. Zoek je bestelling opnieuw op.",
  SHOPIFY_UNAVAILABLE: "De winkel is nu niet bereikbaar. Er is niets verloren gegaan; probeer het zo opnieuw.",
  NOT_ELIGIBLE: "Sommige artikelen kunnen niet zo worden geretourneerd.",
  ORDER_CANCELLED: "Deze bestelling is geannuleerd.",
  ORDER_NOT_PAID: "Deze bestelling is nog niet betaald.",
  NOT_FULFILLED: "Dit artikel is nog niet verzonden.",
  WINDOW_EXPIRED: "De retourtermijn voor dit artikel is verstreken.",
  ALREADY_RETURNED: "Dit artikel is al geretourneerd.",
  FINAL_SALE: "Uitverkoopartikelen kunnen niet worden geretourneerd.",
  NON_RETURNABLE_TAG: "Dit artikel kan niet worden geretourneerd.",
  NON_RETURNABLE_TYPE: "Dit soort artikel kan niet worden geretourneerd.",
  NON_RETURNABLE_COLLECTION: "Dit artikel kan niet worden geretourneerd.",
  NON_RETURNABLE_PRODUCT: "Dit artikel kan niet worden geretourneerd.",
  GIFT_CARD: "Cadeaubonnen kunnen niet worden geretourneerd.",
  CUSTOMER_BLOCKED: "Retouren voor deze bestelling worden door de klantenservice afgehandeld. Neem contact op met de winkel.",
  TOO_MANY_RETURNS: "Je hebt de limiet voor retouren bereikt. Neem contact op met de winkel.",
  DROP_OFF: "Afgeven bij een servicepunt",
  HOME_PICKUP: "Ophalen aan huis",
  IN_STORE: "Retour in de winkel",
  KEEP_ITEM: "Artikel houden",
};

const de: Messages = {
  ORDER_NOT_FOUND: "Wir haben keine Bestellung mit dieser Nummer und E-Mail-Adresse gefunden. Bitte prüfe beides und versuche es erneut.",
  RATE_LIMITED: "Zu viele Versuche. Bitte warte ein paar Minuten und versuche es erneut.",
  NOT_YOUR_ORDER: "Diese Bestellung gehört nicht zu dem Konto, mit dem du angemeldet bist.",
  INVALID_INPUT: "Im Formular fehlt etwas oder ist ungültig. Bitte prüfe es und versuche es erneut.",
  LOOKUP_EXPIRED: "Deine Sitzung ist abgelaufen. Bitte suche deine Bestellung erneut.",
  SHOPIFY_UNAVAILABLE: "Der Shop ist gerade nicht erreichbar. Es ging nichts verloren; bitte versuche es gleich noch einmal.",
  NOT_ELIGIBLE: "Einige Artikel können nicht wie gewünscht zurückgegeben werden.",
  ORDER_CANCELLED: "Diese Bestellung wurde storniert.",
  ORDER_NOT_PAID: "Diese Bestellung ist noch nicht bezahlt.",
  NOT_FULFILLED: "Dieser Artikel wurde noch nicht versendet.",
  WINDOW_EXPIRED: "Die Rückgabefrist für diesen Artikel ist abgelaufen.",
  ALREADY_RETURNED: "Dieser Artikel wurde bereits zurückgegeben.",
  FINAL_SALE: "Artikel aus dem Schlussverkauf können nicht zurückgegeben werden.",
  NON_RETURNABLE_TAG: "Dieser Artikel kann nicht zurückgegeben werden.",
  NON_RETURNABLE_TYPE: "Diese Art von Artikel kann nicht zurückgegeben werden.",
  NON_RETURNABLE_COLLECTION: "Dieser Artikel kann nicht zurückgegeben werden.",
  NON_RETURNABLE_PRODUCT: "Dieser Artikel kann nicht zurückgegeben werden.",
  GIFT_CARD: "Geschenkkarten können nicht zurückgegeben werden.",
  CUSTOMER_BLOCKED: "Rückgaben für diese Bestellung bearbeitet der Kundenservice. Bitte kontaktiere den Shop.",
  TOO_MANY_RETURNS: "Du hast das Limit für Rückgaben erreicht. Bitte kontaktiere den Shop.",
  DROP_OFF: "Abgabe im Paketshop",
  HOME_PICKUP: "Abholung zu Hause",
  IN_STORE: "Rückgabe im Geschäft",
  KEEP_ITEM: "Artikel behalten",
};

const MESSAGES: Record<StorefrontLocale, Messages> = { en, sv, da, nb, fi, nl, de };

export function storefrontLocale(input: string | null | undefined): StorefrontLocale {
  const base = (input ?? "").toLowerCase().split(/[-_]/)[0];
  if (base === "no" || base === "nn") return "nb";
  return (STOREFRONT_LOCALES as readonly string[]).includes(base) ? (base as StorefrontLocale) : "en";
}

export function storefrontMessage(locale: StorefrontLocale, key: string): string {
  return MESSAGES[locale][key] ?? en[key] ?? key;
}

export const STOREFRONT_MESSAGE_KEYS = Object.keys(en);
