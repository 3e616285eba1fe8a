/**
 * Customer accounts: GET /api/customer-account/returns/:returnId — one return (by the numeric
 * part of its Shopify Return id, as the order-status return-details target gets it): status,
 * dates and refund outcome, only if its order is the signed-in customer's.
 */
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { storefrontMessage } from "~/i18n/storefront";
import { returnDetailsForCustomer } from "~/services/customer-account.server";
import { customerAccountContext, customerAccountErrorResponse, otherMethods } from "~/services/customer-account-request.server";
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

/** Other methods: 405 (OPTIONS never gets here; Remix sends it to the loader, where the library answers it). */
export const action = otherMethods("GET");
