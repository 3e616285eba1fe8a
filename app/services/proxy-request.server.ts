/**
 * The shared start of every app-proxy route: verify Shopify's signature the way Shopify
 * documents it (app/security/app-proxy-signature.ts; bad, stale, or a Shopify parameter
 * repeated → 400 before anything runs), then who the shopper is (only the signed
 * logged_in_customer_id counts), which client address the rate limits key on, and in
 * which language to answer.
 */
import { json } from "@remix-run/node";
import { env } from "~/env.server";
import { appConfig } from "~/shopify.server";
import { storefrontLocale, type StorefrontLocale } from "~/i18n/storefront";
import { verifyAppProxyQuery } from "~/security/app-proxy-signature";
import { clientAddress } from "~/security/client-address";
import { ReturnsError } from "./context.server";
import { contextForShop } from "./shop-context.server";
import { StorefrontError, storefrontErrorFrom } from "./storefront-error.server";
import type { ShopperIdentity } from "./storefront.server";

/** Shopify renders `application/liquid` answers inside the shop's theme ({% layout none %} skips the layout). */
export function liquid(body: string, init: ResponseInit & { layout?: boolean } = {}): Response {
  const { layout = true, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set("Content-Type", "application/liquid");
  return new Response(layout ? body : `{% layout none %} ${body}`, { ...rest, headers });
}

function localeOf(request: Request): StorefrontLocale {
  const url = new URL(request.url);
  return storefrontLocale(url.searchParams.get("locale") ?? request.headers.get("accept-language"));
}

export async function proxyContext(request: Request) {
  const url = new URL(request.url);
  const verdict = verifyAppProxyQuery(url.searchParams, appConfig.SHOPIFY_API_SECRET, Math.floor(Date.now() / 1000));
  if (!verdict.ok) {
    throw json({ ok: false, error: { code: "BAD_SIGNATURE", message: "This request did not come through the shop." } }, { status: 400 });
  }
  const ctx = await contextForShop(verdict.shop).catch((error) => {
    if (error instanceof ReturnsError && error.code === "NOT_FOUND") {
      throw json({ ok: false, error: { code: "NOT_INSTALLED", message: "This shop has not installed the returns app." } }, { status: 404 });
    }
    throw error;
  });
  const who: ShopperIdentity = {
    customerLegacyId: verdict.loggedInCustomerId,
    clientKey: clientAddress(request.headers, env().TRUSTED_PROXY_HOPS),
    locale: localeOf(request),
  };
  return { ctx, who, liquid };
}

/**
 * Turns known failures into their JSON answer; anything else is a bug and rethrown. A use
 * case's ReturnsError is translated for the shopper and never carries Shopify's own text.
 */
export function proxyErrorResponse(error: unknown, request?: Request): Response {
  if (error instanceof Response) return error;
  if (error instanceof StorefrontError) return error.toResponse();
  if (error instanceof ReturnsError) return storefrontErrorFrom(error, request ? localeOf(request) : "en").toResponse();
  throw error;
}
