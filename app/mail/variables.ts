/**
 * The documented template variables: which names each e-mail may use, what they hold, and a
 * sample value for the editor's preview and for checking a template on save (a template that
 * uses any other name is refused). Sentences marked "worded" come from the status page's
 * texts (app/i18n/return-journey.ts) in the shopper's language, so e-mails and the status page
 * always say the same thing. The descriptions the editor shows are in the emails catalog
 * (`var.*`, 7 languages). Pure data; the values for a real return are built in
 * ./return-variables.server.ts.
 */
import { formatMoney } from "~/domain/money";
import { journeyMessage } from "~/i18n/return-journey";
import type { EmailLocale, EmailStep } from "./steps";

export interface VariableDoc {
  name: string;
  /** Its description is `var.<descriptionKey ?? name>` in the emails catalog (app/i18n/catalogs/emails.ts), in the admin's language. */
  descriptionKey?: string;
  sample: unknown;
  /** Only present when the sender passes it (the template must guard it with `if`). */
  optional?: boolean;
}

const SHOP: VariableDoc[] = [
  { name: "shop_name", sample: "Nordlys Living" },
  { name: "shop_url", sample: "https://nordlys-living.example" },
];

/** Every e-mail about a return has all of these (null when they do not apply yet). */
export const RETURN_VARIABLES: VariableDoc[] = [
  ...SHOP,
  { name: "customer_name", sample: "Astrid Lindqvist" },
  { name: "customer_first_name", sample: "Astrid" },
  { name: "rma", sample: "R-1001" },
  { name: "order_name", sample: "#1182" },
  { name: "status_url", sample: "https://nordlys-living.example/apps/returns/status/abc?locale=en" },
  { name: "slip_url", sample: "https://nordlys-living.example/apps/returns/slip/abc?locale=en" },
  {
    name: "items",
    sample: [{ title: "Wool sweater – M", quantity: 1, amount: "899,00 kr", outcome: "Refund" }],
  },
  { name: "next_step", sample: "Your return is approved. Pack the items with the return slip and drop the parcel off at a PostNord service point." },
  { name: "eta", sample: "We expect your refund between 3 December 2026 and 8 December 2026." },
  { name: "guide", sample: ["Pack the items clean and unused.", "Put the lower part of the return slip inside the parcel."] },
  { name: "decline_text", sample: "We couldn't accept this return." },
  { name: "decline_reason", sample: "Reason: the return period had ended." },
  { name: "decline_note", sample: "The sweater was bought 90 days ago." },
  { name: "refund_amount", sample: "899,00 kr" },
  { name: "refund_method", sample: "your card" },
  { name: "refund_date", sample: "1 December 2026" },
  { name: "bank_from", sample: "3 December 2026" },
  { name: "bank_to", sample: "8 December 2026" },
  { name: "refund_text", sample: "899,00 kr was refunded to your card on 1 December 2026." },
  { name: "refund_bank_text", sample: "Your statement should show it between 3 December 2026 and 8 December 2026." },
  { name: "store_credit_amount", sample: "949,00 kr" },
  { name: "store_credit_text", sample: "949,00 kr store credit was added to your account on 1 December 2026. You can use it at checkout right away." },
  { name: "store_credit_bonus_text", sample: "This includes a bonus of 50,00 kr." },
  { name: "exchange_items", sample: "Wool sweater – L" },
  { name: "exchange_text", sample: "Your exchange was processed on 1 December 2026. New item: Wool sweater – L." },
  { name: "shipping_text", sample: "Your new item has been shipped." },
  { name: "tracking_company", sample: "PostNord" },
  { name: "tracking_number", sample: "00370712345678901234" },
  { name: "tracking_url", sample: "https://tracking.example/00370712345678901234" },
  { name: "tracking_text", sample: "Tracking: PostNord 00370712345678901234" },
];

/** Passed by the feedback follow-up (app/followup) for the `closed` e-mail. */
export const FEEDBACK_VARIABLES: VariableDoc[] = [
  {
    name: "rating_links",
    sample: [1, 2, 3, 4, 5].map((rating) => ({ rating, url: `https://nordlys-living.example/apps/returns/feedback/sample?rating=${rating}` })),
    optional: true,
  },
  { name: "comment_url", sample: "https://nordlys-living.example/apps/returns/feedback/sample", optional: true },
];

export const WINBACK_VARIABLES: VariableDoc[] = [
  ...SHOP,
  { name: "customer_first_name", sample: "Astrid" },
  { name: "discount_code", sample: "WELCOME-7Q4K2M" },
  { name: "discount_value", sample: "15 %" },
  { name: "minimum_order", sample: "500,00 kr" },
  { name: "expires_on", sample: "31 December 2026" },
  { name: "unsubscribe_url", sample: "https://nordlys-living.example/apps/returns/unsubscribe/sample" },
];

/**
 * The gift card e-mail goes to a gift's recipient: only the shop, the recipient's own name and
 * the card. Nothing of the return (the buyer's name, prices, order) is available to it, so no
 * edited template can show the buyer's data to the recipient.
 */
export const GIFT_CARD_VARIABLES: VariableDoc[] = [
  ...SHOP,
  { name: "recipient_name", sample: "Elsa" },
  { name: "gift_card_code", sample: "GR7Q4K2M9XP3HD5T" },
  { name: "gift_card_amount", sample: "949,00 kr" },
  { name: "expires_on", descriptionKey: "gift_expires_on", sample: "31 December 2027" },
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
