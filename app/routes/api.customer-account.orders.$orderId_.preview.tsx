/** Customer accounts: POST /api/customer-account/orders/:orderId/preview — the refund preview. */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { RESOLUTIONS, RETURN_METHODS } from "~/domain";
import { storefrontMessage } from "~/i18n/storefront";
import { previewReturnForCustomer } from "~/services/customer-account.server";
import { customerAccountContext, customerAccountErrorResponse, orderGidFromParam, otherMethods } from "~/services/customer-account-request.server";
import { StorefrontError } from "~/services/storefront.server";

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `must be a ${type} id`);

const PreviewSchema = z.object({
  method: z.enum(RETURN_METHODS),
  lines: z
    .array(
      z.object({
        fulfillmentLineItemId: gid("FulfillmentLineItem"),
        quantity: z.number().int().min(1).max(1000),
        reasonId: gid("ReturnReasonDefinition").nullable().default(null),
        resolution: z.enum(RESOLUTIONS),
        exchangeVariantId: gid("ProductVariant").nullable().default(null),
      }),
    )
    .min(1)
    .max(250),
  storeCreditConsent: z.boolean().optional(),
});

export const action = async ({ request, params }: ActionFunctionArgs) => {
  let cors: ((r: Response) => Response) | undefined;
  try {
    const c = await customerAccountContext(request);
    cors = c.cors;
    if (request.method !== "POST") return cors(json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } }, { status: 405 }));
    const orderId = orderGidFromParam(params.orderId);
    if (!orderId) throw new StorefrontError("ORDER_NOT_FOUND", 404, storefrontMessage(c.shopper.locale, "ORDER_UNAVAILABLE"));
    const parsed = PreviewSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) throw new StorefrontError("INVALID_INPUT", 400, storefrontMessage(c.shopper.locale, "INVALID_INPUT"), parsed.error.issues);
    return cors(json(await previewReturnForCustomer(c.ctx, c.shopper, orderId, parsed.data)));
  } catch (error) {
    return customerAccountErrorResponse(error, cors);
  }
};

/** OPTIONS (the extension's CORS preflight) arrives here: Remix routes it to the loader. */
export const loader = otherMethods("POST");
