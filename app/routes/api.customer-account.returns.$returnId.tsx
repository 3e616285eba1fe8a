/**
 * Customer accounts: GET /api/customer-account/returns/:returnId — one return (by the numeric
 * part of its Shopify Return id, as the order-status return-details target gets it): status,
 * dates and refund outcome, only if its order is the signed-in customer's.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { storefrontMessage } from "~/i18n/storefront";
import { returnDetailsForCustomer } from "~/services/customer-account.server";
import { customerAccountContext, customerAccountErrorResponse } from "~/services/customer-account-request.server";
import { StorefrontError } from "~/services/storefront.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  let cors: ((r: Response) => Response) | undefined;
  try {
    const c = await customerAccountContext(request);
    cors = c.cors;
    if (!/^\d{1,20}$/.test(params.returnId ?? "")) throw new StorefrontError("ORDER_NOT_FOUND", 404, storefrontMessage(c.shopper.locale, "ORDER_UNAVAILABLE"));
    const result = await returnDetailsForCustomer(c.ctx, c.shopper, `gid://shopify/Return/${params.returnId}`);
    return cors(json(result, { headers: { "Cache-Control": "no-store" } }));
  } catch (error) {
    return customerAccountErrorResponse(error, cors);
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  let cors: ((r: Response) => Response) | undefined;
  try {
    cors = (await customerAccountContext(request)).cors;
    return cors(json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use GET." } }, { status: 405 }));
  } catch (error) {
    return customerAccountErrorResponse(error, cors);
  }
};
