/**
 * Customer accounts: GET /api/customer-account/orders/:orderId — for the order's menu item
 * (`?view=menu`: may a return start, is there one already) or the return flow (the theme
 * portal's lookup answer: lines, reasons, resolutions, exchange stock, methods). Session token
 * from the extension; the order must be the signed-in customer's (else 404).
 */
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { appConfig } from "~/shopify.server";
import { orderMenuState, orderReturnOptions } from "~/services/customer-account.server";
import { customerAccountContext, customerAccountErrorResponse, orderGidFromParam, otherMethods } from "~/services/customer-account-request.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  let cors: ((r: Response) => Response) | undefined;
  try {
    const c = await customerAccountContext(request);
    cors = c.cors;
    const orderId = orderGidFromParam(params.orderId);
    if (!orderId) return cors(json({ ok: false, error: { code: "ORDER_NOT_FOUND", message: "Not found." } }, { status: 404 }));
    const view = new URL(request.url).searchParams.get("view");
    const result = view === "menu" ? await orderMenuState(c.ctx, c.shopper, orderId) : await orderReturnOptions(c.ctx, c.shopper, orderId, appConfig.SHOPIFY_API_SECRET);
    return cors(json(result, { headers: { "Cache-Control": "no-store" } }));
  } catch (error) {
    return customerAccountErrorResponse(error, cors);
  }
};

/** Other methods: 405 (OPTIONS never gets here; Remix sends it to the loader, where the library answers it). */
export const action = otherMethods("GET");
