/**
 * The app proxy as Shopify runs it (shopify-platform.md §2.5): a storefront request to
 * /{prefix}/{subpath}/* is forwarded to {app}{app_proxy.url}/* with the original query plus
 * `shop`, `logged_in_customer_id` (legacy numeric id, empty for guests), `path_prefix`,
 * `timestamp` and the hex HMAC `signature` over the sorted query. The body goes through
 * untouched and unsigned; cookies are stripped both ways.
 */
import type { AppProxyConfig } from "./app-config";
import { signAppProxyQuery } from "./crypto";

/** Keys Shopify sets itself; a shopper cannot smuggle their own values in through the query. */
export const APP_PROXY_RESERVED_PARAMS = [
  "shop",
  "logged_in_customer_id",
  "path_prefix",
  "timestamp",
  "signature",
  "hmac",
];

export interface SignProxyQueryInput {
  shop: string;
  /** Legacy numeric customer id, or null/"" for guests. */
  loggedInCustomerId?: string | null;
  pathPrefix: string;
  /** Original storefront query (anything; reserved keys are replaced). */
  query?: URLSearchParams | Record<string, string | string[]>;
  timestampSec?: number;
  secret: string;
}

/** The query Shopify sends to the app: original params, then the proxy's own, then `signature`. */
export function signedProxyQuery(input: SignProxyQueryInput): URLSearchParams {
  const out = new URLSearchParams();
  const original =
    input.query instanceof URLSearchParams
      ? [...input.query.entries()]
      : Object.entries(input.query ?? {}).flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]),
        );
  for (const [key, value] of original)
    if (!APP_PROXY_RESERVED_PARAMS.includes(key)) out.append(key, value);
  out.set("shop", input.shop);
  out.set("logged_in_customer_id", input.loggedInCustomerId ?? "");
  out.set("path_prefix", input.pathPrefix);
  out.set("timestamp", String(input.timestampSec ?? Math.floor(Date.now() / 1000)));
  out.set("signature", signAppProxyQuery(out, input.secret));
  return out;
}

/** Absolute URL on the app for a storefront sub-path ("/api/lookup") under the proxy. */
export function proxiedAppUrl(
  appUrl: string,
  proxy: AppProxyConfig,
  subPath: string,
  query: URLSearchParams,
): string {
  const base = appUrl.replace(/\/+$/, "");
  const path = subPath && !subPath.startsWith("/") ? `/${subPath}` : subPath;
  const qs = query.toString();
  return `${base}${proxy.url}${path}${qs ? `?${qs}` : ""}`;
}

/** Request headers the proxy drops (cookies are the shop's, never the app's). */
export const APP_PROXY_DROPPED_REQUEST_HEADERS = ["cookie"];

const LAYOUT_TAG_RE = /{%-?\s*layout\s+([^%]*?)\s*-?%}/g;

/** Strips `{% layout %}` tags; tells whether the page asked for no layout (`{% layout none %}`). */
export function extractLayout(liquid: string): { source: string; layout: boolean } {
  let layout = true;
  const source = liquid.replace(LAYOUT_TAG_RE, (_, arg: string) => {
    if (/^(none|'none'|"none")$/.test(arg.trim())) layout = false;
    return "";
  });
  return { source, layout };
}
