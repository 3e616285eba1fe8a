/**
 * Absolute links to the shopper's pages (status page, slip), for e-mails, QR codes and the
 * confirmation: they must open in a fresh browser, in the shopper's language.
 *
 * On Shopify the storefront is the shop's primary domain and the app proxy answers under
 * /apps/returns (shopify.app.toml). In demo/test mode the offline stand-in serves each
 * shop's storefront under {SHOPIFY_ADMIN_ORIGIN}/s/{shop}, so links point there; the
 * stand-in's cookie-based root path (/apps/returns) would only work in a browser that had
 * visited the shop first.
 */
import { env } from "~/env.server";
import { adminApiOrigin } from "~/shopify/stand-in-routing.server";
import { fetchStorefrontUrl } from "~/shopify/slip-context.server";
import { storefrontLocale, type StorefrontLocale } from "~/i18n/storefront";
import type { ReturnsContext } from "./context.server";

export const APP_PROXY_PATH = "/apps/returns";

// A shop's primary domain rarely changes; 10 minutes keeps links fresh without a call per page.
const TTL_MS = 10 * 60 * 1000;
const cache = new Map<string, { url: string; at: number }>();

export async function storefrontBaseUrl(ctx: ReturnsContext): Promise<string> {
  const standIn = adminApiOrigin(env());
  if (standIn) return `${standIn.replace(/\/+$/, "")}/s/${ctx.shop.domain}`;
  const hit = cache.get(ctx.shop.domain);
  const now = ctx.now().getTime();
  if (hit && now - hit.at < TTL_MS) return hit.url;
  const url = (await fetchStorefrontUrl(ctx.admin)).replace(/\/+$/, "");
  cache.set(ctx.shop.domain, { url, at: now });
  return url;
}

const withLocale = (path: string, locale: StorefrontLocale | null) => (locale ? `${path}?locale=${locale}` : path);

/** Path of the status page below the storefront (relative links inside the storefront). */
export const statusPath = (token: string, locale: StorefrontLocale | null) => withLocale(`${APP_PROXY_PATH}/status/${token}`, locale);
export const slipPath = (token: string, locale: StorefrontLocale | null) => withLocale(`${APP_PROXY_PATH}/slip/${token}`, locale);

export async function statusUrl(ctx: ReturnsContext, token: string, locale: StorefrontLocale | null): Promise<string> {
  return `${await storefrontBaseUrl(ctx)}${statusPath(token, locale)}`;
}

export async function slipUrl(ctx: ReturnsContext, token: string, locale: StorefrontLocale | null): Promise<string> {
  return `${await storefrontBaseUrl(ctx)}${slipPath(token, locale)}`;
}

/** The language a link asks for (?locale=xx), or null when it asks for none. */
export function explicitLocale(request: Request): StorefrontLocale | null {
  const raw = new URL(request.url).searchParams.get("locale");
  return raw ? storefrontLocale(raw) : null;
}
