/**
 * App proxy: /apps/returns/feedback/:returnId — the shopper's rating and comment on a closed
 * return, from the signed links in the "closed" e-mail (app/followup/feedback-page.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { appConfig } from "~/shopify.server";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { feedbackPage } from "~/followup/feedback-page.server";

/** The link is the key: never cache, never leak it in a Referer. */
const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

async function handle(request: Request, returnId: string) {
  try {
    const { ctx, who, liquid } = await proxyContext(request);
    const page = await feedbackPage(ctx, appConfig.SHOPIFY_API_SECRET, request, returnId, who.locale);
    return liquid(page.html, { status: page.status, headers: HEADERS });
  } catch (error) {
    return proxyErrorResponse(error, request);
  }
}

export const loader = ({ request, params }: LoaderFunctionArgs) => handle(request, params.returnId ?? "");
export const action = ({ request, params }: ActionFunctionArgs) => handle(request, params.returnId ?? "");
