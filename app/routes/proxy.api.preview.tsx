/**
 * App proxy: POST /apps/returns/api/preview — what the return would pay back, before it is
 * filed. Same body as POST /api/returns (the portal sends the form as it stands); nothing
 * is saved.
 */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { RESOLUTIONS, RETURN_METHODS } from "~/domain";
import { storefrontMessage } from "~/i18n/storefront";
import { appConfig } from "~/shopify.server";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { previewForStorefront } from "~/services/storefront-preview.server";
import { StorefrontError } from "~/services/storefront.server";

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `must be a ${type} id`);

// The filing route's shape (proxy.api.returns.tsx); a preview accepts exactly what a filing would.
const PreviewReturnSchema = z.object({
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
    const parsed = PreviewReturnSchema.safeParse(body);
    if (!parsed.success) throw new StorefrontError("INVALID_INPUT", 400, storefrontMessage(who.locale, "INVALID_INPUT"), parsed.error.issues);
    const result = await previewForStorefront(ctx, who, parsed.data, appConfig.SHOPIFY_API_SECRET);
    return json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return proxyErrorResponse(error);
  }
};

export const loader = () => json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } }, { status: 405 });
