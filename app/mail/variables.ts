/**
 * The documented template variables: which names each e-mail may use, what they hold, and a
 * sample value for the editor's preview and for checking a template on save (a template that
 * uses any other name is refused). Sentences marked "worded" come from the status page's
 * texts (app/i18n/return-journey.ts) in the shopper's language, so e-mails and the status page
 * always say the same thing. Pure data; the values for a real return are built in
 * ./return-variables.server.ts.
 */
import { formatMoney } from "~/domain/money";
import { journeyMessage } from "~/i18n/return-journey";
import type { EmailLocale, EmailStep } from "./steps";

export interface VariableDoc {
  name: string;
  description: string;
  sample: unknown;
  /** Only present when the sender passes it (the template must guard it with `if`). */
  optional?: boolean;
}

const SHOP: VariableDoc[] = [
  { name: "shop_name", description: "The shop's name", sample: "Nordlys Living" },
  { name: "shop_url", description: "The storefront's address", sample: "https://nordlys-living.example" },
];

/** Every e-mail about a return has all of these (null when they do not apply yet). */
export const RETURN_VARIABLES: VariableDoc[] = [
  ...SHOP,
  { name: "customer_name", description: "The shopper's full name, or null", sample: "Astrid Lindqvist" },
  { name: "customer_first_name", description: "The shopper's first name, or null", sample: "Astrid" },
  { name: "rma", description: "The return number", sample: "R-1001" },
  { name: "order_name", description: "The order number", sample: "#1182" },
  { name: "status_url", description: "The shopper's status page (opens in any browser, in their language)", sample: "https://nordlys-living.example/apps/returns/status/abc?locale=en" },
  { name: "slip_url", description: "The return slip PDF, or null when the return needs no parcel or is past that stage", sample: "https://nordlys-living.example/apps/returns/slip/abc?locale=en" },
  {
    name: "items",
    description: "The returned items: each has title, quantity, amount (formatted) and outcome (worded: refund, store credit, exchange for …)",
    sample: [{ title: "Wool sweater – M", quantity: 1, amount: "899,00 kr", outcome: "Refund" }],
  },
  { name: "next_step", description: "Worded: what happens next at this step, or null", sample: "Your return is approved. Pack the items with the return slip and drop the parcel off at a PostNord service point." },
  { name: "eta", description: "Worded: when the refund / credit / new item is expected, or null", sample: "We expect your refund between 3 December 2026 and 8 December 2026." },
  { name: "guide", description: "Worded: the packing and sending steps (list of sentences; empty when not needed)", sample: ["Pack the items clean and unused.", "Put the lower part of the return slip inside the parcel."] },
  { name: "decline_text", description: "Worded: the decline message, or null", sample: "We couldn't accept this return." },
  { name: "decline_reason", description: "Worded: the merchant's reason, or null", sample: "Reason: the return period had ended." },
  { name: "decline_note", description: "The merchant's own note to the shopper, or null", sample: "The sweater was bought 90 days ago." },
  { name: "refund_amount", description: "Amount refunded to the payment method (formatted), or null", sample: "899,00 kr" },
  { name: "refund_method", description: "Worded: where the money goes (your card, Klarna, …), or null", sample: "your card" },
  { name: "refund_date", description: "Date of the refund (formatted), or null", sample: "1 December 2026" },
  { name: "bank_from", description: "First day the bank usually shows it (formatted), or null", sample: "3 December 2026" },
  { name: "bank_to", description: "Last day the bank usually shows it (formatted), or null", sample: "8 December 2026" },
  { name: "refund_text", description: "Worded: amount, method and date of the refund, or null", sample: "899,00 kr was refunded to your card on 1 December 2026." },
  { name: "refund_bank_text", description: "Worded: when the statement shows it, or null", sample: "Your statement should show it between 3 December 2026 and 8 December 2026." },
  { name: "store_credit_amount", description: "Store credit issued, bonus included (formatted), or null", sample: "949,00 kr" },
  { name: "store_credit_text", description: "Worded: the store credit and its date, or null", sample: "949,00 kr store credit was added to your account on 1 December 2026. You can use it at checkout right away." },
  { name: "store_credit_bonus_text", description: "Worded: the bonus included, or null", sample: "This includes a bonus of 50,00 kr." },
  { name: "exchange_items", description: "The new items of an exchange, or null", sample: "Wool sweater – L" },
  { name: "exchange_text", description: "Worded: the exchange and its date, or null", sample: "Your exchange was processed on 1 December 2026. New item: Wool sweater – L." },
  { name: "shipping_text", description: "Worded: the new item's shipping state, or null", sample: "Your new item has been shipped." },
  { name: "tracking_company", description: "Carrier of the new item's parcel, or null", sample: "PostNord" },
  { name: "tracking_number", description: "Tracking number of the new item's parcel, or null", sample: "00370712345678901234" },
  { name: "tracking_url", description: "Tracking link of the new item's parcel, or null", sample: "https://tracking.example/00370712345678901234" },
  { name: "tracking_text", description: "Worded: carrier and tracking number, or null", sample: "Tracking: PostNord 00370712345678901234" },
];

/** Passed by the feedback follow-up (app/followup) for the `closed` e-mail. */
export const FEEDBACK_VARIABLES: VariableDoc[] = [
  {
    name: "rating_links",
    description: "One-click rating links: a list of { rating: 1..5, url }. Present only when feedback is on",
    sample: [1, 2, 3, 4, 5].map((rating) => ({ rating, url: `https://nordlys-living.example/apps/returns/feedback/sample?rating=${rating}` })),
    optional: true,
  },
  { name: "comment_url", description: "The 'tell us more' page. Present only when feedback is on", sample: "https://nordlys-living.example/apps/returns/feedback/sample", optional: true },
];

export const WINBACK_VARIABLES: VariableDoc[] = [
  ...SHOP,
  { name: "customer_first_name", description: "The customer's first name, or null", sample: "Astrid" },
  { name: "discount_code", description: "The single-use code", sample: "WELCOME-7Q4K2M" },
  { name: "discount_value", description: "The offer, formatted in the customer's language", sample: "15 %" },
  { name: "minimum_order", description: "Minimum order (formatted), or an empty string for none", sample: "500,00 kr" },
  { name: "expires_on", description: "Last day the code works (formatted)", sample: "31 December 2026" },
  { name: "unsubscribe_url", description: "One-click unsubscribe from offers", sample: "https://nordlys-living.example/apps/returns/unsubscribe/sample" },
];

/**
 * The gift card e-mail goes to a gift's recipient: only the shop, the recipient's own name and
 * the card. Nothing of the return (the buyer's name, prices, order) is available to it, so no
 * edited template can show the buyer's data to the recipient.
 */
export const GIFT_CARD_VARIABLES: VariableDoc[] = [
  ...SHOP,
  { name: "recipient_name", description: "The recipient's name as the buyer or staff gave it, or null", sample: "Elsa" },
  { name: "gift_card_code", description: "The gift card's code", sample: "GR7Q4K2M9XP3HD5T" },
  { name: "gift_card_amount", description: "The gift card's value (formatted)", sample: "949,00 kr" },
  { name: "expires_on", description: "Last day the card works (formatted), or null for no expiry", sample: "31 December 2027" },
];

export function variablesFor(step: EmailStep): VariableDoc[] {
  if (step === "winback_offer") return WINBACK_VARIABLES;
  if (step === "gift_card_issued") return GIFT_CARD_VARIABLES;
  if (step === "closed") return [...RETURN_VARIABLES, ...FEEDBACK_VARIABLES];
  return RETURN_VARIABLES;
}

/**
 * Sample values for the preview, the test send and the save check: every documented name is
 * defined; the worded ones, amounts and dates are in `locale`, as a real e-mail would be.
 */
export function sampleVariables(step: EmailStep, locale: EmailLocale = "en"): Record<string, unknown> {
  const base: Record<string, unknown> = Object.fromEntries(variablesFor(step).map((v) => [v.name, v.sample]));
  if (locale === "en") return base;
  const t = (key: string, values?: Record<string, string>) => journeyMessage(locale, key, values);
  const day = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  const money = (amount: number) => formatMoney({ amount, currency: "SEK" }, locale);
  const [processed, from, to, expires] = [day("2026-12-01"), day("2026-12-03"), day("2026-12-08"), day("2026-12-31")];
  const localized: Record<string, unknown> = {
    items: [{ title: "Wool sweater – M", quantity: 1, amount: money(89900), outcome: t("SLIP_RESOLUTION_REFUND") }],
    next_step: t("NEXT_APPROVED_DROP_OFF", { carrier: "PostNord" }),
    eta: t("ETA_REFUND", { from, to }),
    guide: [t("GUIDE_PACK"), t("GUIDE_SLIP_INSIDE"), t("GUIDE_SEAL"), t("GUIDE_DROP_OFF", { carrier: "PostNord" })],
    decline_text: t("DECLINED_TEXT"),
    decline_reason: t("DECLINED_REASON", { reason: t("DECLINE_RETURN_PERIOD_ENDED") }),
    refund_amount: money(89900),
    refund_method: t("PAYMENT_shopify_payments"),
    refund_date: processed,
    bank_from: from,
    bank_to: to,
    refund_text: t("DONE_REFUND", { amount: money(89900), method: t("PAYMENT_shopify_payments"), date: processed }),
    refund_bank_text: t("DONE_REFUND_BANK", { from, to }),
    store_credit_amount: money(94900),
    store_credit_text: t("DONE_STORE_CREDIT", { amount: money(94900), date: processed }),
    store_credit_bonus_text: t("DONE_STORE_CREDIT_BONUS", { bonus: money(5000) }),
    exchange_text: t("DONE_EXCHANGE", { date: processed, items: "Wool sweater – L" }),
    shipping_text: t("SHIPPING_FULFILLED"),
    tracking_text: t("SHIPPING_TRACKING", { tracking: "PostNord 00370712345678901234" }),
    minimum_order: money(50000),
    expires_on: step === "gift_card_issued" ? day("2027-12-31") : expires,
    gift_card_amount: money(94900),
  };
  for (const key of Object.keys(localized)) if (key in base) base[key] = localized[key];
  return base;
}
