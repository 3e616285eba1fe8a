/**
 * A small in-memory AdminApi for the platform's own tests (and for looking at the storefront
 * and admin frame before the real admin half is wired in). It is not the Admin API: GraphQL
 * answers a fixed `shop { name }` style response for any query with a known token.
 */
import { randomUUID } from "node:crypto";
import type {
  AdminApi,
  FaultSettings,
  PlanPreset,
  StandInEvent,
  StandInShopInfo,
} from "../../contracts";

export interface FakeAdminApi extends AdminApi {
  /** Emits an event to every onEvent listener (what a mutation would do). */
  emit(
    event: Omit<StandInEvent, "eventId" | "triggeredAt"> &
      Partial<Pick<StandInEvent, "eventId" | "triggeredAt">>,
  ): StandInEvent;
  installs: Array<{ shop: string; scopes: string[]; accessToken: string }>;
  uninstalls: string[];
  graphqlRequests: Array<{ url: string; headers: Record<string, string>; body: string }>;
}

export const FAKE_SHOPS: StandInShopInfo[] = [
  {
    domain: "nordic-demo.myshopify.com",
    name: "Nordic Demo",
    currencyCode: "SEK",
    primaryLocale: "sv",
    customers: [
      {
        id: "gid://shopify/Customer/7001",
        legacyId: "7001",
        email: "astrid@example.se",
        firstName: "Astrid",
        lastName: "Lindqvist",
        locale: "sv",
      },
      {
        id: "gid://shopify/Customer/7002",
        legacyId: "7002",
        email: "jonas@example.dk",
        firstName: "Jonas",
        lastName: "Madsen",
        locale: "da",
      },
    ],
  },
  {
    domain: "dutch-demo.myshopify.com",
    name: "Dutch Demo",
    currencyCode: "EUR",
    primaryLocale: "nl",
    customers: [
      {
        id: "gid://shopify/Customer/8001",
        legacyId: "8001",
        email: "sanne@example.nl",
        firstName: "Sanne",
        lastName: "de Vries",
        locale: "nl",
      },
    ],
  },
];

export function createFakeAdminApi(shops: StandInShopInfo[] = FAKE_SHOPS): FakeAdminApi {
  const listeners = new Set<(event: StandInEvent) => void>();
  const tokens = new Map<string, string>(); // token → shop
  const api: FakeAdminApi = {
    installs: [],
    uninstalls: [],
    graphqlRequests: [],
    async handleGraphql(request) {
      const headers = Object.fromEntries(request.headers.entries());
      api.graphqlRequests.push({ url: request.url, headers, body: await request.text() });
      const shop = tokens.get(request.headers.get("x-shopify-access-token") ?? "");
      if (!shop) {
        return new Response(
          JSON.stringify({
            errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
          }),
          {
            status: 401,
            headers: { "content-type": "application/json" },
          },
        );
      }
      return Response.json({
        data: {
          shop: { name: shops.find((s) => s.domain === shop)?.name ?? shop, myshopifyDomain: shop },
        },
      });
    },
    installApp(shop, scopes) {
      const accessToken = `shpat_${randomUUID().replace(/-/g, "")}`;
      tokens.set(accessToken, shop);
      api.installs.push({ shop, scopes, accessToken });
      return { accessToken, scope: scopes.join(",") };
    },
    uninstallApp(shop) {
      for (const [token, s] of tokens) if (s === shop) tokens.delete(token);
      api.uninstalls.push(shop);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listShops: () => shops,
    getShop: (domain) => shops.find((s) => s.domain === domain) ?? null,
    setFaults(_shop: string, _faults: FaultSettings) {},
    setPlan(_shop: string, _plan: PlanPreset) {},
    emit(partial) {
      const event: StandInEvent = {
        eventId: randomUUID(),
        triggeredAt: new Date().toISOString(),
        ...partial,
      };
      listeners.forEach((l) => l(event));
      return event;
    },
  };
  return api;
}
