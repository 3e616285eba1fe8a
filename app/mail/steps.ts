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
] as const;
export type EmailStep = (typeof EMAIL_STEPS)[number];

/** The eight steps of a return (the win-back offer is not about one return). */
export const RETURN_STEPS = EMAIL_STEPS.filter((s) => s !== "winback_offer");

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

/** Staff-facing names (the admin's e-mail editor and the return's timeline). */
export const STEP_LABEL: Record<EmailStep, string> = {
  request_received: "Request received",
  approved: "Approved",
  declined: "Declined",
  received: "Parcel received",
  refunded: "Refunded",
  store_credit_issued: "Store credit issued",
  exchange_shipped: "Exchange shipped",
  closed: "Closed",
  winback_offer: "Win-back offer",
};

export type EmailStatus = "QUEUED" | "SENT" | "FAILED" | "NOT_SENDABLE";
