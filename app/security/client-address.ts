/**
 * Which client address the rate limits key on. Shopify's app proxy forwards the shopper's
 * request with `X-Forwarded-For: <client IP>` ("Authenticate app proxies": the forwarded
 * request adds X-Forwarded-For, the client IP address, and X-Forwarded-Host). A shopper can
 * send their own X-Forwarded-For to the storefront; whatever Shopify does with it, the
 * address Shopify saw is the LAST entry Shopify wrote. Proxies of our own in front of the
 * app (a load balancer) each append one more entry, so we skip `trustedHops` entries from
 * the right (TRUSTED_PROXY_HOPS, default 0: the app receives Shopify's request directly).
 * Never the leftmost entry: that one the shopper controls.
 */
export function clientAddress(headers: Headers, trustedHops: number): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chosen = entries[entries.length - 1 - trustedHops];
  return chosen ? chosen.toLowerCase().slice(0, 64) : "unknown";
}
