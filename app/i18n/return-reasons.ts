/**
 * Shopify's standard return reasons in the shopper's language. The Admin API answers a
 * reason's `name` in one language (it has no locale argument; the Customer Account API's
 * `name` is "localized to the requested locale"), so the portal names the standard
 * handles itself and keeps Shopify's name for any handle not listed here.
 */
import type { StorefrontLocale } from "./storefront";

type Names = Record<string, string>;

const sv: Names = {
  "size-too-small": "Storleken var för liten",
  "size-too-large": "Storleken var för stor",
  color: "Färgen",
  "not-as-described": "Varan motsvarade inte beskrivningen",
  defective: "Varan är defekt",
  damaged: "Skadad under transporten",
  "wrong-item": "Fick fel vara",
  unwanted: "Ångrat köpet",
  other: "Annat",
  style: "Stilen",
};
const da: Names = {
  "size-too-small": "Størrelsen var for lille",
  "size-too-large": "Størrelsen var for stor",
  color: "Farven",
  "not-as-described": "Varen svarede ikke til beskrivelsen",
  defective: "Varen er defekt",
  damaged: "Beskadiget under transporten",
  "wrong-item": "Modtog den forkerte vare",
  unwanted: "Fortrudt købet",
  other: "Andet",
  style: "Stilen",
};
const nb: Names = {
  "size-too-small": "Størrelsen var for liten",
  "size-too-large": "Størrelsen var for stor",
  color: "Fargen",
  "not-as-described": "Varen var ikke som beskrevet",
  defective: "Varen er defekt",
  damaged: "Skadet under transport",
  "wrong-item": "Mottok feil vare",
  unwanted: "Ombestemt meg",
  other: "Annet",
  style: "Stilen",
};
const fi: Names = {
  "size-too-small": "Koko oli liian pieni",
  "size-too-large": "Koko oli liian suuri",
  color: "Väri",
  "not-as-described": "Tuote ei vastannut kuvausta",
  defective: "Tuote on viallinen",
  damaged: "Vaurioitui kuljetuksessa",
  "wrong-item": "Sain väärän tuotteen",
  unwanted: "Muutin mieleni",
  other: "Muu",
  style: "Tyyli",
};
const nl: Names = {
  "size-too-small": "Maat was te klein",
  "size-too-large": "Maat was te groot",
  color: "Kleur",
  "not-as-described": "Artikel kwam niet overeen met de beschrijving",
  defective: "Artikel is defect",
  damaged: "Beschadigd tijdens verzending",
  "wrong-item": "Verkeerd artikel ontvangen",
  unwanted: "Van gedachten veranderd",
  other: "Anders",
  style: "Stijl",
};
const de: Names = {
  "size-too-small": "Größe war zu klein",
  "size-too-large": "Größe war zu groß",
  color: "Farbe",
  "not-as-described": "Artikel entsprach nicht der Beschreibung",
  defective: "Artikel ist defekt",
  damaged: "Beim Versand beschädigt",
  "wrong-item": "Falschen Artikel erhalten",
  unwanted: "Meinung geändert",
  other: "Sonstiges",
  style: "Stil",
};

/**
 * English names of the standard handles, for places that hold only the handle (analytics,
 * the inbox filter, the receiving station). Where Shopify's own name is at hand (the
 * portal), that is shown instead.
 */
const en: Names = {
  "size-too-small": "Size was too small",
  "size-too-large": "Size was too large",
  color: "Color",
  "not-as-described": "Item not as described",
  defective: "Item is defective",
  damaged: "Damaged in transit",
  "wrong-item": "Received the wrong item",
  unwanted: "Changed my mind",
  other: "Other",
  style: "Style",
};

/** English is Shopify's own name; the other languages by handle. */
export const REASON_NAMES: Record<Exclude<StorefrontLocale, "en">, Names> = { sv, da, nb, fi, nl, de };
/** Shopify's standard return reason handles (ReturnReasonDefinition.handle). */
export const STANDARD_REASON_HANDLES = Object.keys(sv);

/**
 * A reason handle's name where only the handle is known: ours for a standard handle (in
 * English too), any other handle spelled out as words ("arrived-late" → "Arrived late").
 */
export function reasonLabel(locale: StorefrontLocale, handle: string): string {
  const names = locale === "en" ? en : REASON_NAMES[locale];
  return names[handle] ?? handle.replace(/[-_]+/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

/** The reason's name for the shopper: ours for a standard handle, else Shopify's. */
export function reasonName(locale: StorefrontLocale, handle: string, shopifyName: string): string {
  return locale === "en" ? shopifyName : (REASON_NAMES[locale][handle] ?? shopifyName);
}
