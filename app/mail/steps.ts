/**
 * The e-mails the app sends to shoppers, one per step of a return (plus the win-back offer
 * that app/followup sends), and the languages they exist in. Pure data, shared by the outbox,
 * the templates, the editor and the timeline.
 */
import { STOREFRONT_LOCALES, type StorefrontLocale } from "~/i18n/storefront";

export const EMAIL_STEPS = [
  "request_received",
  "approved",
  "declined",
  "received",
  "refunded",
  "store_credit_issued",
  "exchange_shipped",
  "closed",
  "winback_offer",
  "gift_card_issued",
] as const;
export type EmailStep = (typeof EMAIL_STEPS)[number];

/**
 * The eight steps of a return. Not the win-back offer (not about one return), nor the gift
 * card, which goes to a gift's recipient and carries none of the return's (the buyer's) data.
 */
export const RETURN_STEPS = EMAIL_STEPS.filter((s) => s !== "winback_offer" && s !== "gift_card_issued");

export const EMAIL_LOCALES = STOREFRONT_LOCALES;
export type EmailLocale = StorefrontLocale;

export function isEmailStep(value: unknown): value is EmailStep {
  return typeof value === "string" && (EMAIL_STEPS as readonly string[]).includes(value);
}

/** en sv da nb fi nl de; anything else (including "sv-SE"-style tags' unknown bases) → en. */
export function emailLocale(value: string | null | undefined): EmailLocale {
  const base = (value ?? "").toLowerCase().split(/[-_]/)[0];
  if (base === "no" || base === "nn") return "nb";
  return (EMAIL_LOCALES as readonly string[]).includes(base) ? (base as EmailLocale) : "en";
}

export type EmailStatus = "QUEUED" | "SENT" | "FAILED" | "NOT_SENDABLE";
