/**
 * Calls the app-proxy routes the way Shopify's proxy does (signed query, X-Forwarded-For),
 * with the stand-in's Admin API listening where the app's gateway looks for it in test
 * mode (SHOPIFY_ADMIN_ORIGIN), and the demo shop installed (an offline session).
 */
import { createServer, type Server } from "node:http";
import db from "~/db.server";
import { ACCESS_SCOPES } from "~/shopify/scopes";
import { createAdminApi, NORDIC_DEMO_DOMAIN } from "../../simulator/admin/index";
import { signedProxyQuery } from "../../simulator/platform/app-proxy";

export const SHOP = NORDIC_DEMO_DOMAIN;
const TOKEN = "shpat_proxy_token";

export type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

function freshShopify() {
  const api = createAdminApi({ shops: [{ domain: SHOP, seed: "nordic" }] });
  api.registerToken(SHOP, TOKEN, [...ACCESS_SCOPES]);
  return api;
}

export interface ProxyHarness {
  /** The current Shopify (replaced by reset()). */
  readonly api: ReturnType<typeof createAdminApi>;
  /** A freshly seeded Shopify behind the same server (no socket churn between tests). */
  reset(): void;
  close(): Promise<void>;
}

export async function startProxyHarness(): Promise<ProxyHarness> {
  let api = freshShopify();
  const origin = new URL(process.env.SHOPIFY_ADMIN_ORIGIN!);
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const response = await api.handleGraphql(
      new Request(`${origin.origin}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(Number(origin.port), origin.hostname, resolve));
  await db.session.upsert({
    where: { id: `offline_${SHOP}` },
    create: { id: `offline_${SHOP}`, shop: SHOP, state: "x", isOnline: false, accessToken: TOKEN, scope: ACCESS_SCOPES.join(",") },
    update: { accessToken: TOKEN },
  });
  return {
    get api() {
      return api;
    },
    reset() {
      api = freshShopify();
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections(); // no kept-alive socket may outlive this Shopify
      }),
  };
}

export interface CallOptions {
  params?: Record<string, string>;
  customer?: string | null;
  /** The shopper's address, as Shopify's proxy forwards it. */
  clientIp?: string;
  /** Extra storefront query parameters (signed with the rest). */
  query?: Record<string, string>;
}

export async function callProxy(handler: Handler, path: string, init: RequestInit, options: CallOptions = {}): Promise<Response> {
  const query = signedProxyQuery({
    shop: SHOP,
    loggedInCustomerId: options.customer ?? null,
    pathPrefix: "/apps/returns",
    query: options.query,
    secret: process.env.SHOPIFY_API_SECRET!,
  });
  const headers = new Headers(init.headers);
  headers.set("X-Forwarded-For", options.clientIp ?? "203.0.113.7");
  headers.set("X-Forwarded-Host", SHOP);
  const request = new Request(`${process.env.SHOPIFY_APP_URL}/proxy${path}?${query}`, { ...init, headers });
  try {
    return await handler({ request, params: options.params ?? {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Empties what a storefront test writes: rate limits, lookup-token uses, and returns with their lines, events and refund attempts. */
export async function clearStorefrontState(): Promise<void> {
  await db.rateLimit.deleteMany();
  await db.lookupTokenUse.deleteMany();
  await db.returnLine.deleteMany();
  await db.returnEvent.deleteMany();
  await db.refundAttempt.deleteMany();
  await db.returnRequest.deleteMany();
}
