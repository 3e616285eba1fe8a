/**
 * The shared start of every app-proxy route: verify Shopify's signature (bad → 400 from
 * the library, before anything runs), then who the shopper is (only the signed
 * logged_in_customer_id counts) and in which language to answer.
 */
import { json } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { storefrontLocale } from "~/i18n/storefront";
import { ReturnsError } from "./context.server";
import { contextForShop } from "./shop-context.server";
import { StorefrontError, type ShopperIdentity } from "./storefront.server";

export async function proxyContext(request: Request) {
  const { session, liquid } = await authenticate.public.appProxy(request);
  if (!session) throw json({ ok: false, error: { code: "NOT_INSTALLED", message: "This shop has not installed the returns app." } }, { status: 404 });
  const url = new URL(request.url);
  const customer = url.searchParams.get("logged_in_customer_id") ?? "";
  const who: ShopperIdentity = {
    customerLegacyId: /^\d+$/.test(customer) ? customer : null,
    clientKey: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown",
    locale: storefrontLocale(url.searchParams.get("locale") ?? request.headers.get("accept-language")),
  };
  const ctx = await contextForShop(session.shop);
  return { ctx, who, liquid };
}

/** Turns known failures into their JSON answer; anything else is a bug and rethrown. */
export function proxyErrorResponse(error: unknown): Response {
  if (error instanceof Response) return error;
  if (error instanceof StorefrontError || error instanceof ReturnsError) return error.toResponse();
  throw error;
}
