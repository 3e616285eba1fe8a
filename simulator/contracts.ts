/**
 * The seam between the two halves of the offline Shopify stand-in:
 * - simulator/admin/  the Admin GraphQL API on the official schema + the in-memory store
 *                      (shops, orders, returns, ...) + the seeded demo shop;
 * - simulator/platform/ everything around it: HTTP server, token exchange and session
 *                      tokens, admin frame, webhook delivery, storefront + app proxy.
 * The platform only talks to the admin half through this interface.
 */

/** A state change that Shopify would announce as a webhook. */
export interface StandInEvent {
  shop: string; // "nordic-demo.myshopify.com"
  /** Webhook topic as in shopify.app.toml, e.g. "returns/request", "refunds/create", "orders/updated". */
  topic: string;
  /** REST-style snake_case payload as Shopify sends it (see shopify-platform.md §2.1). */
  payload: Record<string, unknown>;
  /** Stable id of the underlying event; duplicate deliveries of one event share it. */
  eventId: string;
  triggeredAt: string; // ISO time
}

export type PlanPreset = "standard" | "plus" | "legacy";

export interface FaultSettings {
  /** Fraction 0..1 of Admin API calls answered with each failure. */
  http429Rate?: number;
  http503Rate?: number;
  http5xxRate?: number; // 500/502/504 picked at random
  timeoutRate?: number; // request hangs for timeoutMs, then the socket/response errors
  timeoutMs?: number;
  /**
   * Fraction 0..1 of Admin API calls that ARE executed but whose answer is lost: the
   * connection drops (half of them only after timeoutMs, like a client timeout). The caller
   * sees a transport error and cannot tell whether the call ran (the case the app must
   * reconcile by reading Shopify).
   */
  faultAfterExecuteRate?: number;
  /** Deterministic randomness for reproducible fault runs. */
  seed?: number;
}

export interface StandInCustomer {
  id: string; // GID
  legacyId: string; // numeric id, as in logged_in_customer_id
  email: string;
  firstName: string;
  lastName: string;
  locale: string;
}

export interface StandInShopInfo {
  domain: string;
  name: string;
  currencyCode: string;
  primaryLocale: string;
  customers: StandInCustomer[];
  /**
   * The app's app-data metafields (namespace → key → raw value and type), which the
   * storefront exposes to the theme app extension as `app.metafields`. Optional so fakes
   * without them keep working.
   */
  appMetafields?: Record<string, Record<string, { type: string; value: string }>>;
}

export interface AdminApi {
  /** POST /admin/api/{version}/graphql.json. Answers exactly like Shopify (status codes, bodies, headers). */
  handleGraphql(request: Request): Promise<Response>;
  /** Called by the platform's token exchange: records the install, returns an offline access token. */
  installApp(shop: string, scopes: string[]): { accessToken: string; scope: string };
  /** Forgets the app's tokens for the shop (app/uninstalled is then emitted by the platform). */
  uninstallApp(shop: string): void;
  /** Subscribe to state changes (each becomes one webhook delivery). Returns an unsubscribe. */
  onEvent(listener: (event: StandInEvent) => void): () => void;
  listShops(): StandInShopInfo[];
  getShop(domain: string): StandInShopInfo | null;
  setFaults(shop: string | "*", faults: FaultSettings): void;
  setPlan(shop: string, plan: PlanPreset): void;
  /**
   * The upload target of `stagedUploadsCreate` (`/_standin/staged-uploads/…`): POST multipart
   * or PUT, answered like Google Cloud Storage. Optional so fakes without uploads keep working.
   */
  handleStagedUpload?(request: Request): Promise<Response>;
}
