/**
 * What the customer-account API tests share: the routes get their shop context from the test's
 * engine (routes normally build it from the shop's stored session), a route is called the way
 * the extension calls it (Bearer token, the extension's origin), and tokens are minted the way
 * the stand-in (and Shopify) mint them for a customer account UI extension.
 *
 * In the test file:
 *   vi.mock("~/services/shop-context.server", async () => (await import("../support/customer-account-calls")).shopContextStub);
 */
import { ReturnsError } from "~/services/context.server";
import { mintCustomerAccountSessionToken } from "../../simulator/platform/customer-account-token";
import type { Engine } from "./engine";

/** The engine whose context the stubbed routes use (set in beforeAll, cleared in afterAll). */
export const current: { engine: Engine | null } = { engine: null };

export const shopContextStub = {
  contextForShop: async (domain: string) => {
    if (current.engine && domain === current.engine.shop) return current.engine.ctx;
    throw new ReturnsError("NOT_FOUND", { key: "app.notInstalled", values: { shop: domain } });
  },
};

export type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

/** "gid://shopify/Order/123" → "123" (the route parameter form). */
export const legacy = (gid: string) => gid.split("/").pop()!;

export async function call(handler: Handler, path: string, init: RequestInit & { token?: string | null } = {}, params: Record<string, string> = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  headers.set("Origin", "https://extensions.shopifycdn.com");
  const request = new Request(`${process.env.SHOPIFY_APP_URL!}${path}`, { ...init, headers });
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export interface TokenOptions {
  shop?: string;
  nowSec?: number;
  secret?: string;
  apiKey?: string;
}

/** A session token for this customer (null: none signed in) on the engine's shop, unless told otherwise. */
export function customerToken(engine: Engine, customerId: string | null, opts: TokenOptions = {}) {
  return mintCustomerAccountSessionToken({
    shop: opts.shop ?? engine.shop,
    apiKey: opts.apiKey ?? process.env.SHOPIFY_API_KEY!,
    apiSecret: opts.secret ?? process.env.SHOPIFY_API_SECRET!,
    customerId,
    // The library checks exp against the real clock; the engine's clock is the seed's.
    nowSec: opts.nowSec,
  });
}
