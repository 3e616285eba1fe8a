/**
 * Gift returns, pure rules: who the recipient is (a name and an e-mail, nothing of the
 * buyer's), which resolutions a gift return may use (value stays with the recipient: store
 * credit or an exchange, never a refund to the buyer's payment), and what the recipient's
 * gift card is worth once the return is processed. The staff page, the storefront portal and
 * the filing service all use these, so every door refuses the same things with the same codes.
 */
import { z } from "zod";
import type { Resolution } from "./policy";
import type { Settlement } from "./refund";

/** Resolutions a gift return may use. */
export const GIFT_RESOLUTIONS: readonly Resolution[] = ["STORE_CREDIT", "EXCHANGE"];

/** Codes (not sentences): each door words them in its own catalog. */
export type GiftProblem = "GIFT_EMAIL" | "GIFT_NAME_TOO_LONG" | "GIFT_ADDRESS" | "GIFT_NO_REFUND";

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** The recipient as every door accepts it; the e-mail is stored lower-case. */
export const GiftRecipientSchema = z.object({
  recipientName: z.preprocess(blankToNull, z.string().trim().max(200, "GIFT_NAME_TOO_LONG").nullable().default(null)),
  recipientEmail: z
    .string({ required_error: "GIFT_EMAIL", invalid_type_error: "GIFT_EMAIL" })
    .trim()
    .max(254, "GIFT_EMAIL")
    .email("GIFT_EMAIL")
    // No line breaks or list separators: the address goes into an e-mail header.
    .refine((v) => !/[\r\n<>,;"]/.test(v), "GIFT_EMAIL")
    .transform((v) => v.toLowerCase()),
  /**
   * Where an exchange goes when it is not the order's shipping address (empty = that
   * address). Shopify's returnCreate takes no address, so staff ship to it by hand.
   */
  addressLines: z
    .array(z.string().trim().max(120, "GIFT_ADDRESS"), { invalid_type_error: "GIFT_ADDRESS" })
    .max(8, "GIFT_ADDRESS")
    .default([])
    .transform((lines) => lines.filter((l) => l !== "")),
});
export type GiftRecipient = z.infer<typeof GiftRecipientSchema>;

/** Indexes of the lines a gift return may not have (a refund to the buyer's payment). */
/** A shipping postcode as the recipient may type it: case, spaces and dashes do not count ("118 46" = "11846"). */
export function normalizePostcode(raw: string | null | undefined): string {
  return (raw ?? "").toUpperCase().replace(/[\s-]+/g, "");
}

export function giftLineProblems(lines: readonly { resolution: Resolution }[]): number[] {
  return lines.flatMap((l, i) => (GIFT_RESOLUTIONS.includes(l.resolution) ? [] : [i]));
}

export interface GiftCardPayout {
  /** Minor units: everything the return pays out, bonus included; 0 = no gift card. */
  amount: number;
  /** The part that is the store-credit bonus (already in `amount`). */
  bonus: number;
  /** YYYY-MM-DD (Shopify's gift cards expire on a date), or null for no expiry. */
  expiresOn: string | null;
}

/**
 * What the recipient's gift card carries: the whole payout of the settlement — the refund
 * bucket (an exchange surplus, a shipping refund), the store credit and its bonus — because
 * none of it may reach the buyer. An amount the shopper owes (invoice) is not netted here:
 * the settlement already took it from the buckets.
 */
export function giftCardPayout(settlement: Settlement): GiftCardPayout {
  const amount = settlement.originalPayment.amount + settlement.storeCredit.amount + settlement.storeCredit.bonus;
  return {
    amount,
    bonus: settlement.storeCredit.bonus,
    expiresOn: amount > 0 && settlement.storeCredit.expiresAt ? settlement.storeCredit.expiresAt.slice(0, 10) : null,
  };
}
