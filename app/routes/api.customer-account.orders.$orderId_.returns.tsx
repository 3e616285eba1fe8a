/**
 * Customer accounts: POST /api/customer-account/orders/:orderId/returns — file a return with
 * the theme portal's use case (same validation, lifecycle, Shopify write-back). Needs the
 * lookup token the options call returned, like the portal. A signed-in buyer may mark it a
 * gift (recipient's name, e-mail, exchange address): the same gift rules as the portal.
 */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { CustomerAccountReturnSchema, giftIssueCode } from "~/services/return-input";
import { storefrontMessage } from "~/i18n/storefront";
import { appConfig } from "~/shopify.server";
import { createReturnForCustomer } from "~/services/customer-account.server";
import { customerAccountContext, customerAccountErrorResponse, orderGidFromParam, otherMethods } from "~/services/customer-account-request.server";
import { StorefrontError } from "~/services/storefront.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  let cors: ((r: Response) => Response) | undefined;
  try {
    const c = await customerAccountContext(request);
    cors = c.cors;
    if (request.method !== "POST") return cors(json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } }, { status: 405 }));
    const orderId = orderGidFromParam(params.orderId);
    if (!orderId) throw new StorefrontError("ORDER_NOT_FOUND", 404, storefrontMessage(c.shopper.locale, "ORDER_UNAVAILABLE"));
    const parsed = CustomerAccountReturnSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) {
      const gift = giftIssueCode(parsed.error.issues);
      throw new StorefrontError(gift ?? "INVALID_INPUT", 400, storefrontMessage(c.shopper.locale, gift ?? "INVALID_INPUT"), parsed.error.issues);
    }
    const result = await createReturnForCustomer(c.ctx, c.shopper, orderId, parsed.data, appConfig.SHOPIFY_API_SECRET);
    return cors(json(result, { status: 201 }));
  } catch (error) {
    return customerAccountErrorResponse(error, cors);
  }
};

/** OPTIONS (the extension's CORS preflight) arrives here: Remix routes it to the loader. */
export const loader = otherMethods("POST");
