/**
 * The body a shopper sends to file a return (theme portal and customer accounts) or to
 * preview one: one schema, so a preview accepts exactly what a filing would.
 */
import { z } from "zod";
import { RESOLUTIONS, RETURN_METHODS } from "~/domain";

export const gidSchema = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `must be a ${type} id`);

export const ReturnLineInputSchema = z.object({
  fulfillmentLineItemId: gidSchema("FulfillmentLineItem"),
  quantity: z.number().int().min(1).max(1000),
  reasonId: gidSchema("ReturnReasonDefinition").nullable().default(null),
  note: z.string().trim().max(300).nullable().default(null),
  resolution: z.enum(RESOLUTIONS),
  exchangeVariantId: gidSchema("ProductVariant").nullable().default(null),
});

/** Filing or previewing from the theme portal (the order comes in the body). */
export const StorefrontReturnSchema = z.object({
  orderId: gidSchema("Order"),
  lookupToken: z.string().min(10).max(200),
  method: z.enum(RETURN_METHODS),
  storeCreditConsent: z.boolean().default(false),
  euWithdrawal: z.boolean().optional(),
  lines: z.array(ReturnLineInputSchema).min(1).max(250),
});

/** Filing from customer accounts (the order is in the URL). */
export const CustomerAccountReturnSchema = StorefrontReturnSchema.omit({ orderId: true });
