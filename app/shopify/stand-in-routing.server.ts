/**
 * Demo and test mode only: sends the Shopify library's traffic (token exchange, Admin
 * API calls) to the offline stand-in instead of https://{shop}. In production this module
 * does nothing — env.server.ts refuses SHOPIFY_ADMIN_ORIGIN there, and adminApiOrigin()
 * returns undefined, so the app can only talk to the real shop domain.
 */
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { isLoopbackOrigin, type Env } from "~/env.server";

/** Origin the gateway should call instead of https://{shop}, or undefined in production. */
export function adminApiOrigin(env: Pick<Env, "APP_MODE" | "SHOPIFY_ADMIN_ORIGIN">): string | undefined {
  if (env.APP_MODE === "production") return undefined;
  return env.SHOPIFY_ADMIN_ORIGIN;
}

/** Rewrites https://{shop}.myshopify.com/admin/… to {origin}/admin/…, keeping the shop in a header. */
export function rewriteToStandIn(url: string, origin: string): { url: string; shop: string } | null {
  const parsed = new URL(url);
  if (!parsed.hostname.endsWith(".myshopify.com") || !parsed.pathname.startsWith("/admin/")) return null;
  return { url: `${origin}${parsed.pathname}${parsed.search}`, shop: parsed.hostname };
}

/** The one line the app logs at boot when it reroutes Shopify traffic (loud on purpose). */
export const standInBootLine = (mode: string, origin: string) =>
  `!!! ${mode.toUpperCase()} MODE: all Shopify Admin API and token traffic goes to the offline stand-in at ${origin}, NOT to Shopify !!!`;

export function routeShopifyLibraryToStandIn(
  env: Pick<Env, "APP_MODE" | "SHOPIFY_ADMIN_ORIGIN">,
  log: (line: string) => void = (line) => console.warn(line),
): boolean {
  const origin = adminApiOrigin(env);
  if (!origin) return false;
  // env.server.ts already refuses this; checked again here because this is the switch.
  if (!isLoopbackOrigin(origin)) throw new Error(`Refusing to route Shopify traffic to ${origin}: the stand-in must be on a loopback address.`);
  log(standInBootLine(env.APP_MODE, origin));
  const realFetch = globalThis.fetch;
  setAbstractFetchFunc(async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const target = rewriteToStandIn(url, origin);
    if (!target) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set("X-Shopify-Shop-Domain", target.shop);
    return realFetch(target.url, { ...init, headers });
  });
  return true;
}

/**
 * Demo/test only: lets the stand-in's admin frame embed the app. The library's CSP allows
 * https://{shop} and https://admin.shopify.com; offline the frame is the stand-in itself.
 */
export function allowStandInFrame(headers: Headers, env: Pick<Env, "APP_MODE" | "SHOPIFY_ADMIN_ORIGIN">): void {
  const origin = adminApiOrigin(env);
  const csp = headers.get("Content-Security-Policy");
  if (!origin || !csp || !csp.includes("frame-ancestors")) return;
  headers.set("Content-Security-Policy", csp.replace("frame-ancestors", `frame-ancestors ${origin}`));
}
