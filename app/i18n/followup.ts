/**
 * Shopper-facing texts of the follow-up pages on the storefront (feedback and unsubscribe,
 * app proxy). en, sv, da, nb, fi, nl, de; the type makes every language carry every key.
 */
import type { StorefrontLocale } from "./storefront";

const en = {
  FEEDBACK_TITLE: "How was your return?",
  FEEDBACK_CHOOSE: "Rate your return from 1 (poor) to 5 (excellent).",
  FEEDBACK_RATING_LABEL: "{rating} of 5",
  FEEDBACK_THANKS: "Thank you! You rated your return {rating} of 5.",
  FEEDBACK_ALREADY: "This return was already rated ({rating} of 5). Thank you!",
  FEEDBACK_COMMENT_LABEL: "Tell us more (optional)",
  FEEDBACK_SEND: "Send",
  FEEDBACK_COMMENT_THANKS: "Thank you for telling us more.",
  FEEDBACK_COMMENT_TOO_LONG: "Please keep your comment under 2,000 characters.",
  FEEDBACK_COMMENT_DONE: "A comment was already sent for this return. Thank you!",
  FEEDBACK_PICK_RATING: "Choose a rating first.",
  FEEDBACK_CONFIRM: "You chose {rating} of 5. Send it with the button below, with a comment if you like.",
  FEEDBACK_CONFIRM_SEND: "Send my rating ({rating} of 5)",
  LINK_INVALID: "This link is not valid. Open the link from your e-mail exactly as it is.",
  UNSUB_TITLE: "Unsubscribe",
  UNSUB_CONFIRM: "Stop receiving offers and other marketing e-mails from {shop}?",
  UNSUB_BUTTON: "Unsubscribe",
  UNSUB_DONE: "You are unsubscribed. {shop} will not send you marketing e-mails any more.",
} as const;

type Key = keyof typeof en;
type Catalog = Record<Key, string>;

const sv: Catalog = {
  FEEDBACK_TITLE: "Hur gick din retur?",
  FEEDBACK_CHOOSE: "Betygsätt din retur från 1 (dålig) till 5 (utmärkt).",
  FEEDBACK_RATING_LABEL: "{rating} av 5",
  FEEDBACK_THANKS: "Tack! Du gav din retur betyget {rating} av 5.",
  FEEDBACK_ALREADY: "Den här returen har redan fått ett betyg ({rating} av 5). Tack!",
  FEEDBACK_COMMENT_LABEL: "Berätta mer (valfritt)",
  FEEDBACK_SEND: "Skicka",
  FEEDBACK_COMMENT_THANKS: "Tack för att du berättade mer.",
  FEEDBACK_COMMENT_TOO_LONG: "Håll kommentaren under 2 000 tecken.",
  FEEDBACK_COMMENT_DONE: "En kommentar har redan skickats för den här returen. Tack!",
  FEEDBACK_PICK_RATING: "Välj ett betyg först.",
  FEEDBACK_CONFIRM: "Du valde {rating} av 5. Skicka betyget med knappen nedan, gärna med en kommentar.",
  FEEDBACK_CONFIRM_SEND: "Skicka mitt betyg ({rating} av 5)",
  LINK_INVALID: "Länken är inte giltig. Öppna länken i ditt e-postmeddelande precis som den är.",
  UNSUB_TITLE: "Avsluta prenumeration",
  UNSUB_CONFIRM: "Sluta ta emot erbjudanden och annan marknadsföring via e-post från {shop}?",
  UNSUB_BUTTON: "Avsluta prenumeration",
  UNSUB_DONE: "Du har avslutat prenumerationen. {shop} skickar inte längre marknadsföring via e-post till dig.",
};

const da: Catalog = {
  FEEDBACK_TITLE: "Hvordan gik din returnering?",
  FEEDBACK_CHOOSE: "Bedøm din returnering fra 1 (dårlig) til 5 (fremragende).",
  FEEDBACK_RATING_LABEL: "{rating} af 5",
  FEEDBACK_THANKS: "Tak! Du gav din returnering {rating} af 5.",
  FEEDBACK_ALREADY: "Denne returnering er allerede bedømt ({rating} af 5). Tak!",
  FEEDBACK_COMMENT_LABEL: "Fortæl os mere (valgfrit)",
  FEEDBACK_SEND: "Send",
  FEEDBACK_COMMENT_THANKS: "Tak, fordi du fortalte os mere.",
  FEEDBACK_COMMENT_TOO_LONG: "Hold din kommentar under 2.000 tegn.",
  FEEDBACK_COMMENT_DONE: "Der er allerede sendt en kommentar til denne returnering. Tak!",
  FEEDBACK_PICK_RATING: "Vælg en bedømmelse først.",
  FEEDBACK_CONFIRM: "Du valgte {rating} af 5. Send bedømmelsen med knappen nedenfor, gerne med en kommentar.",
  FEEDBACK_CONFIRM_SEND: "Send min bedømmelse ({rating} af 5)",
  LINK_INVALID: "Linket er ikke gyldigt. Åbn linket fra din e-mail præcis som det er.",
  UNSUB_TITLE: "Afmeld",
  UNSUB_CONFIRM: "Vil du ikke længere modtage tilbud og anden markedsføring på e-mail fra {shop}?",
  UNSUB_BUTTON: "Afmeld",
  UNSUB_DONE: "Du er afmeldt. {shop} sender dig ikke længere markedsføring på e-mail.",
};

const nb: Catalog = {
  FEEDBACK_TITLE: "Hvordan gikk returen din?",
  FEEDBACK_CHOOSE: "Gi returen din en karakter fra 1 (dårlig) til 5 (utmerket).",
  FEEDBACK_RATING_LABEL: "{rating} av 5",
  FEEDBACK_THANKS: "Takk! Du ga returen din {rating} av 5.",
  FEEDBACK_ALREADY: "Denne returen har allerede fått en karakter ({rating} av 5). Takk!",
  FEEDBACK_COMMENT_LABEL: "Fortell oss mer (valgfritt)",
  FEEDBACK_SEND: "Send",
  FEEDBACK_COMMENT_THANKS: "Takk for at du fortalte oss mer.",
  FEEDBACK_COMMENT_TOO_LONG: "Hold kommentaren under 2000 tegn.",
  FEEDBACK_COMMENT_DONE: "Det er allerede sendt en kommentar for denne returen. Takk!",
  FEEDBACK_PICK_RATING: "Velg en karakter først.",
  FEEDBACK_CONFIRM: "Du valgte {rating} av 5. Send karakteren med knappen nedenfor, gjerne med en kommentar.",
  FEEDBACK_CONFIRM_SEND: "Send karakteren min ({rating} av 5)",
  LINK_INVALID: "Lenken er ikke gyldig. Åpne lenken fra e-posten din akkurat slik den er.",
  UNSUB_TITLE: "Meld av",
  UNSUB_CONFIRM: "Vil du slutte å motta tilbud og annen markedsføring på e-post fra {shop}?",
  UNSUB_BUTTON: "Meld av",
  UNSUB_DONE: "Du er meldt av. {shop} sender deg ikke lenger markedsføring på e-post.",
};

const fi: Catalog = {
  FEEDBACK_TITLE: "Miten palautuksesi sujui?",
  FEEDBACK_CHOOSE: "Arvioi palautuksesi asteikolla 1 (huono) – 5 (erinomainen).",
  FEEDBACK_RATING_LABEL: "{rating}/5",
  FEEDBACK_THANKS: "Kiitos! Annoit palautuksellesi arvion {rating}/5.",
  FEEDBACK_ALREADY: "Tämä palautus on jo arvioitu ({rating}/5). Kiitos!",
  FEEDBACK_COMMENT_LABEL: "Kerro lisää (vapaaehtoinen)",
  FEEDBACK_SEND: "Lähetä",
  FEEDBACK_COMMENT_THANKS: "Kiitos, että kerroit lisää.",
  FEEDBACK_COMMENT_TOO_LONG: "Kommentin enimmäispituus on 2 000 merkkiä.",
  FEEDBACK_COMMENT_DONE: "Tähän palautukseen on jo lähetetty kommentti. Kiitos!",
  FEEDBACK_PICK_RATING: "Valitse ensin arvio.",
  FEEDBACK_CONFIRM: "Valitsit {rating}/5. Lähetä arvio alla olevalla painikkeella, halutessasi kommentin kanssa.",
  FEEDBACK_CONFIRM_SEND: "Lähetä arvioni ({rating}/5)",
  LINK_INVALID: "Linkki ei ole voimassa. Avaa sähköpostisi linkki sellaisenaan.",
  UNSUB_TITLE: "Peru tilaus",
  UNSUB_CONFIRM: "Haluatko lopettaa tarjousten ja muun markkinointipostin vastaanottamisen kaupasta {shop}?",
  UNSUB_BUTTON: "Peru tilaus",
  UNSUB_DONE: "Tilauksesi on peruttu. {shop} ei enää lähetä sinulle markkinointisähköposteja.",
};

const nl: Catalog = {
  FEEDBACK_TITLE: "Hoe verliep je retour?",
  FEEDBACK_CHOOSE: "Beoordeel je retour van 1 (slecht) tot 5 (uitstekend).",
  FEEDBACK_RATING_LABEL: "{rating} van 5",
  FEEDBACK_THANKS: "Bedankt! Je gaf je retour een {rating} van 5.",
  FEEDBACK_ALREADY: "Deze retour is al beoordeeld ({rating} van 5). Bedankt!",
  FEEDBACK_COMMENT_LABEL: "Vertel ons meer (optioneel)",
  FEEDBACK_SEND: "Versturen",
  FEEDBACK_COMMENT_THANKS: "Bedankt voor je toelichting.",
  FEEDBACK_COMMENT_TOO_LONG: "Houd je opmerking onder de 2.000 tekens.",
  FEEDBACK_COMMENT_DONE: "Voor deze retour is al een opmerking verstuurd. Bedankt!",
  FEEDBACK_PICK_RATING: "Kies eerst een beoordeling.",
  FEEDBACK_CONFIRM: "Je koos {rating} van 5. Verstuur je beoordeling met de knop hieronder, eventueel met een opmerking.",
  FEEDBACK_CONFIRM_SEND: "Verstuur mijn beoordeling ({rating} van 5)",
  LINK_INVALID: "Deze link is niet geldig. Open de link uit je e-mail precies zoals hij is.",
  UNSUB_TITLE: "Afmelden",
  UNSUB_CONFIRM: "Wil je geen aanbiedingen en andere marketingmails van {shop} meer ontvangen?",
  UNSUB_BUTTON: "Afmelden",
  UNSUB_DONE: "Je bent afgemeld. {shop} stuurt je geen marketingmails meer.",
};

const de: Catalog = {
  FEEDBACK_TITLE: "Wie lief deine Rücksendung?",
  FEEDBACK_CHOOSE: "Bewerte deine Rücksendung von 1 (schlecht) bis 5 (ausgezeichnet).",
  FEEDBACK_RATING_LABEL: "{rating} von 5",
  FEEDBACK_THANKS: "Danke! Du hast deine Rücksendung mit {rating} von 5 bewertet.",
  FEEDBACK_ALREADY: "Diese Rücksendung wurde bereits bewertet ({rating} von 5). Danke!",
  FEEDBACK_COMMENT_LABEL: "Erzähl uns mehr (optional)",
  FEEDBACK_SEND: "Senden",
  FEEDBACK_COMMENT_THANKS: "Danke, dass du uns mehr erzählt hast.",
  FEEDBACK_COMMENT_TOO_LONG: "Bitte halte deinen Kommentar unter 2.000 Zeichen.",
  FEEDBACK_COMMENT_DONE: "Zu dieser Rücksendung wurde bereits ein Kommentar gesendet. Danke!",
  FEEDBACK_PICK_RATING: "Wähle zuerst eine Bewertung.",
  FEEDBACK_CONFIRM: "Du hast {rating} von 5 gewählt. Sende die Bewertung mit der Schaltfläche unten, gern mit einem Kommentar.",
  FEEDBACK_CONFIRM_SEND: "Meine Bewertung senden ({rating} von 5)",
  LINK_INVALID: "Dieser Link ist ungültig. Öffne den Link aus deiner E-Mail genau so, wie er ist.",
  UNSUB_TITLE: "Abmelden",
  UNSUB_CONFIRM: "Keine Angebote und andere Marketing-E-Mails von {shop} mehr erhalten?",
  UNSUB_BUTTON: "Abmelden",
  UNSUB_DONE: "Du bist abgemeldet. {shop} sendet dir keine Marketing-E-Mails mehr.",
};

const CATALOGS: Record<StorefrontLocale, Catalog> = { en, sv, da, nb, fi, nl, de };
export type FollowupMessageKey = Key;

export function followupMessage(locale: StorefrontLocale, key: Key, values: Record<string, string | number> = {}): string {
  const text = (CATALOGS[locale] ?? en)[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
