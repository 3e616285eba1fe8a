/** App proxy: POST /apps/returns/api/returns — file a return for an order found by lookup. */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { RESOLUTIONS, RETURN_METHODS } from "~/domain";
import { appConfig } from "~/shopify.server";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { createFromStorefront, StorefrontError } from "~/services/storefront.server";
import { storefrontMessage } from "~/i18n/storefront";
import { assertGuestAccessAllowed } from "~/services/sign-in-requirement.server";

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `must be a ${type} id`);

const CreateReturnSchema = z.object({
  orderId: gid("Order"),
  lookupToken: z.string().min(10).max(200),
  method: z.enum(RETURN_METHODS),
  storeCreditConsent: z.boolean().default(false),
  euWithdrawal: z.boolean().optional(),
  lines: z
    .array(
      z.object({
        fulfillmentLineItemId: gid("FulfillmentLineItem"),
        quantity: z.number().int().min(1).max(1000),
        reasonId: gid("ReturnReasonDefinition").nullable().default(null),
        note: z.string().trim().max(300).nullable().default(null),
        resolution: z.enum(RESOLUTIONS),
        exchangeVariantId: gid("ProductVariant").nullable().default(null),
      }),
    )
    .min(1)
    .max(250),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  try {
    const { ctx, who } = await proxyContext(request);
    const body = await request.json().catch(() => null);
    const parsed = CreateReturnSchema.safeParse(body);
    if (!parsed.success) throw new StorefrontError("INVALID_INPUT", 400, storefrontMessage(who.locale, "INVALID_INPUT"), parsed.error.issues);
    await assertGuestAccessAllowed(ctx, who);
    const result = await createFromStorefront(ctx, who, parsed.data, appConfig.SHOPIFY_API_SECRET);
    return json(result, { status: 201, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    return proxyErrorResponse(error, request);
  }
};

export const loader = () => json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } }, { status: 405 });
