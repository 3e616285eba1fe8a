/**
 * App proxy: GET /apps/returns/slip/:token — the return slip PDF for the shopper (from the
 * confirmation, the status page or an e-mail), by the same unguessable token as the status
 * page, in the language the link asks for, else the one the return was filed in.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { storefrontMessage } from "~/i18n/storefront";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { shopperSlip, slipResponse } from "~/services/return-slip.server";
import { statusForStorefront } from "~/services/storefront.server";
import { explicitLocale } from "~/services/storefront-links.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  try {
    const { ctx, who } = await proxyContext(request);
    const token = params.token ?? "";
    // Loaded like the status page (same token rules), then rendered.
    const ret = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? await statusForStorefront(ctx, token) : null;
    const slip = ret ? await shopperSlip(ctx, ret, explicitLocale(request), who.locale) : null;
    if (!slip) {
      return new Response(storefrontMessage(who.locale, "STATUS_NOT_FOUND"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    return slipResponse(slip, new URL(request.url).searchParams.get("download") === "1" ? "attachment" : "inline");
  } catch (error) {
    return proxyErrorResponse(error);
  }
};
