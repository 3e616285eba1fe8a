/**
 * App proxy: /apps/returns/unsubscribe/:customerId — the win-back e-mail's signed unsubscribe
 * link (app/followup/unsubscribe-page.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { appConfig } from "~/shopify.server";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { unsubscribePage } from "~/followup/unsubscribe-page.server";

const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

async function handle(request: Request, customerId: string) {
  try {
    const { ctx, who, liquid } = await proxyContext(request);
    const shop = await ctx.db.shop.findUnique({ where: { id: ctx.shop.id }, select: { name: true } });
    const page = await unsubscribePage(ctx, appConfig.SHOPIFY_API_SECRET, request, customerId, who.locale, shop?.name ?? ctx.shop.domain);
    return liquid(page.html, { status: page.status, headers: HEADERS });
  } catch (error) {
    return proxyErrorResponse(error, request);
  }
}

export const loader = ({ request, params }: LoaderFunctionArgs) => handle(request, params.customerId ?? "");
export const action = ({ request, params }: ActionFunctionArgs) => handle(request, params.customerId ?? "");
