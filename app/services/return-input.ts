/**
 * The body a shopper sends to file a return (theme portal and customer accounts) or to
 * preview one: one schema, so a preview accepts exactly what a filing would.
 */
import { z } from "zod";
import { GiftRecipientSchema, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_RETURN, RESOLUTIONS, RETURN_METHODS } from "~/domain";

export const gidSchema = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `must be a ${type} id`);

/** Base64 of the largest photo accepted, plus room for a data: URL prefix. */
export const PHOTO_BASE64_MAX = Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 100;

export const ReturnLineInputSchema = z.object({
  fulfillmentLineItemId: gidSchema("FulfillmentLineItem"),
  quantity: z.number().int().min(1).max(1000),
  reasonId: gidSchema("ReturnReasonDefinition").nullable().default(null),
  note: z.string().trim().max(300).nullable().default(null),
  resolution: z.enum(RESOLUTIONS),
  exchangeVariantId: gidSchema("ProductVariant").nullable().default(null),
  /** Photos as base64 or data: URLs; their type is read from the bytes (app/domain/photos). */
  photos: z
    .array(z.string().max(PHOTO_BASE64_MAX, "photo too large"))
    .max(MAX_PHOTOS_PER_RETURN)
    .default([]),
});

/** Home pickup: the address (lines; empty = the order's shipping address) and a date window. */
export const PickupInputSchema = z.object({
  addressLines: z.array(z.string().trim().max(120)).max(8).default([]),
  dateFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
  dateTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
});

/** Filing or previewing from the theme portal (the order comes in the body). */
export const StorefrontReturnSchema = z.object({
  orderId: gidSchema("Order"),
  lookupToken: z.string().min(10).max(200),
  method: z.enum(RETURN_METHODS),
  storeCreditConsent: z.boolean().default(false),
  euWithdrawal: z.boolean().optional(),
  lines: z
    .array(ReturnLineInputSchema)
    .min(1)
    .max(250)
    .refine((lines) => lines.reduce((n, l) => n + l.photos.length, 0) <= MAX_PHOTOS_PER_RETURN, `At most ${MAX_PHOTOS_PER_RETURN} photos per return.`),
  pickup: PickupInputSchema.nullable().default(null),
  /** "This was a gift": the recipient gets a gift card or an exchange (app/domain/gift.ts). */
  gift: GiftRecipientSchema.nullable().default(null),
});

/** Filing from customer accounts (the order is in the URL); a signed-in buyer may mark it a gift too. */
export const CustomerAccountReturnSchema = StorefrontReturnSchema.omit({ orderId: true });

/** The gift problem a refused portal body has (GIFT_EMAIL …), for the shopper's message; null when the gift part is fine. */
export function giftIssueCode(issues: readonly { path: (string | number)[]; message: string }[]): "GIFT_EMAIL" | "GIFT_NAME_TOO_LONG" | "GIFT_ADDRESS" | null {
  const issue = issues.find((i) => i.path[0] === "gift");
  if (!issue) return null;
  if (issue.path[1] === "addressLines") return "GIFT_ADDRESS";
  return issue.message === "GIFT_NAME_TOO_LONG" ? "GIFT_NAME_TOO_LONG" : "GIFT_EMAIL";
}
