/**
 * App-proxy request verification exactly as Shopify documents it ("Authenticate app
 * proxies" → "Calculate a digital signature"): every query parameter except `signature`
 * becomes a "key=value" string (repeated keys' values joined with ","), the STRINGS are
 * sorted (byte order, like Ruby's Array#sort in Shopify's example), concatenated with no
 * separator, and signed with HMAC-SHA256 under the app's secret, hex encoded.
 *
 * Why not the library's check: @shopify/shopify-api 15 sorts the KEYS with localeCompare,
 * which orders "Size" after "shop" and "a-b" after "a", so it refuses genuine Shopify
 * requests whose query has capitals, dashes or digits in its keys (a theme's own
 * parameters pass through the proxy). Pure: no clock or environment inside.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Shopify's clock tolerance in the official library; we keep the same. */
export const APP_PROXY_MAX_SKEW_SEC = 90;
/** Parameters Shopify sets itself; each must appear exactly once. */
export const APP_PROXY_SINGLE_PARAMS = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"] as const;

/** The message Shopify signs for a query (the `signature` key is left out). */
export function appProxySignedMessage(query: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key === "signature") continue;
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  return [...grouped.entries()]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .join("");
}

export function appProxySignature(query: URLSearchParams, secret: string): string {
  return createHmac("sha256", secret).update(appProxySignedMessage(query)).digest("hex");
}

export type AppProxyVerdict =
  | { ok: true; shop: string; loggedInCustomerId: string | null; pathPrefix: string }
  | { ok: false; reason: string };

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** Verifies a forwarded request's query: signature, freshness, and each Shopify parameter exactly once. */
export function verifyAppProxyQuery(query: URLSearchParams, secret: string, nowSec: number): AppProxyVerdict {
  for (const key of APP_PROXY_SINGLE_PARAMS) {
    const count = query.getAll(key).length;
    if (count !== 1) return { ok: false, reason: `${key} must appear exactly once (got ${count})` };
  }
  const given = query.get("signature")!;
  const expected = appProxySignature(query, secret);
  if (!/^[0-9a-f]{64}$/.test(given) || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    return { ok: false, reason: "signature does not match" };
  }
  const timestamp = query.get("timestamp")!;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSec - Number(timestamp)) > APP_PROXY_MAX_SKEW_SEC) {
    return { ok: false, reason: "timestamp is missing or too old" };
  }
  const shop = query.get("shop")!;
  if (!SHOP_DOMAIN.test(shop)) return { ok: false, reason: "shop is not a myshopify.com domain" };
  const customer = query.get("logged_in_customer_id")!;
  if (customer !== "" && !/^\d{1,20}$/.test(customer)) return { ok: false, reason: "logged_in_customer_id is not a customer id" };
  return { ok: true, shop, loggedInCustomerId: customer || null, pathPrefix: query.get("path_prefix")! };
}
