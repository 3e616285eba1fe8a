/**
 * The storefront unsubscribe page behind the win-back e-mail's link (app proxy
 * /apps/returns/unsubscribe/:customerId?s=…): GET asks to confirm (a link scanner that
 * fetches the URL unsubscribes nobody), POST unsubscribes. A tampered link is a 403 page.
 */
import type { ReturnsContext } from "~/services/context.server";
import { storefrontLocale, type StorefrontLocale } from "~/i18n/storefront";
import { verifyLink } from "./links.server";
import { renderUnsubscribePage } from "./pages";
import { unsubscribe } from "./winback.server";
import type { PageAnswer } from "./feedback-page.server";

export async function unsubscribePage(
  ctx: ReturnsContext,
  secret: string,
  request: Request,
  customerLegacyId: string,
  fallbackLocale: StorefrontLocale,
  shopName: string,
): Promise<PageAnswer> {
  const url = new URL(request.url);
  const raw = url.searchParams.get("locale");
  const locale = raw ? storefrontLocale(raw) : fallbackLocale;
  const s = url.searchParams.get("s");
  if (!/^\d{1,20}$/.test(customerLegacyId) || !verifyLink(secret, "unsubscribe", [ctx.shop.domain, customerLegacyId], s)) {
    return { status: 403, html: renderUnsubscribePage({ locale, shopName, state: "INVALID" }) };
  }
  if (request.method !== "POST") {
    return { status: 200, html: renderUnsubscribePage({ locale, shopName, state: "CONFIRM", action: `?s=${s}&locale=${locale}` }) };
  }
  await unsubscribe(ctx, `gid://shopify/Customer/${customerLegacyId}`);
  return { status: 200, html: renderUnsubscribePage({ locale, shopName, state: "DONE" }) };
}
