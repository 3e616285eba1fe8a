/**
 * App proxy: GET /apps/returns/status/:token — the shopper's return status page, rendered
 * by Shopify inside the shop's theme (application/liquid). The token in the link is
 * unguessable; nothing else identifies the return. The page is in the language the link
 * asks for (?locale=), else the one the return was filed in, so a link from an e-mail or
 * the slip's QR code opens right in a fresh browser.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import QRCode from "qrcode";
import { storefrontMessage } from "~/i18n/storefront";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { shopperLocale, shopperReturnViewFor } from "~/services/return-journey.server";
import { statusForStorefront } from "~/services/storefront.server";
import { explicitLocale } from "~/services/storefront-links.server";
import { escapeHtml, renderStatusPage } from "~/storefront/status-page";

/** The link is the only key to the return: never cache the page, never leak the URL in a Referer. */
const STATUS_HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
const withStatusHeaders = (response: Response) => {
  for (const [k, v] of Object.entries(STATUS_HEADERS)) response.headers.set(k, v);
  return response;
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  try {
    const { ctx, who, liquid } = await proxyContext(request);
    const token = params.token ?? "";
    const ret = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await statusForStorefront(ctx, token) : null;
    if (!ret) {
      return liquid(`<div class="page-width"><p role="alert">${escapeHtml(storefrontMessage(who.locale, "STATUS_NOT_FOUND"))}</p></div>`, { status: 404, headers: STATUS_HEADERS });
    }
    const locale = shopperLocale(explicitLocale(request), ret.locale, who.locale);
    const view = await shopperReturnViewFor(ctx, ret, locale);
    const qr = view.slipPath ? await QRCode.toString(view.statusUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 }) : null;
    return liquid(renderStatusPage(view, locale, qr), { headers: STATUS_HEADERS });
  } catch (error) {
    return withStatusHeaders(proxyErrorResponse(error, request));
  }
};
