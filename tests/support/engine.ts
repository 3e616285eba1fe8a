/**
 * The returns engine wired to the offline stand-in, in-process: a fresh database (SQLite or
 * PostgreSQL), the stand-in's Admin API with a controllable clock, the app's real gateway
 * client talking to it, and the ReturnsContext the services run with. Waiting in the
 * gateway (backoff, throttling) advances the test clock instead of sleeping.
 */
import { DEFAULT_RETURN_POLICY, evaluateEligibility, type OrderSnapshot, type ReturnPolicy } from "~/domain";
import { createAdminClient, resetSharedThrottleBuckets, type AdminClient } from "~/shopify/client.server";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { ACCESS_SCOPES } from "~/shopify/scopes";
import type { ReturnsContext } from "~/services/context.server";
import { savePolicy } from "~/services/policy.server";
import { ensureShop } from "~/services/shops.server";
import { createAdminApi, NORDIC_DEMO_DOMAIN, type AdminApiInstance } from "../../simulator/admin/index";
import { createTestDb, type Provider, type TestDb } from "./test-db";

export const TEST_NOW = "2026-11-20T12:00:00Z";

export interface Engine {
  t: TestDb;
  api: AdminApiInstance;
  ctx: ReturnsContext;
  admin: AdminClient;
  shop: string;
  clock: { now(): Date; advance(ms: number): void };
  /** Counts of GraphQL operations the app sent, by operation name. */
  calls: Map<string, number>;
  costs: Map<string, number[]>;
  /** Answers by kind: HTTP status, or "THROTTLED" for HTTP 200 throttling. */
  answers: Map<string, number>;
  resetCalls(): void;
  /**
   * Holds the next call of a GraphQL operation before it reaches the stand-in, so a test can
   * make two use cases overlap deterministically: `reached` resolves when it is held,
   * `release()` lets it go on.
   */
  holdNext(operation: string, options?: { afterAnswer?: boolean }): { reached: Promise<void>; release(): void };
  /** Answers every call of an operation with this HTTP status, without running it. */
  failOperation(operation: string, status: number | null): void;
  close(): Promise<void>;
}

export async function createEngine(
  provider: Provider,
  options: { policy?: Partial<ReturnPolicy>; at?: string; autoCloseOnProcess?: boolean; strictReturnRefundCap?: boolean } = {},
): Promise<Engine> {
  resetSharedThrottleBuckets();
  let current = new Date(options.at ?? TEST_NOW);
  const clock = { now: () => current, advance: (ms: number) => void (current = new Date(current.getTime() + ms)) };
  const api = createAdminApi({
    now: clock.now,
    seedNow: current,
    sleep: async (ms) => clock.advance(ms),
    autoCloseOnProcess: options.autoCloseOnProcess ?? false,
    strictReturnRefundCap: options.strictReturnRefundCap ?? false,
  });
  const shop = NORDIC_DEMO_DOMAIN;
  const token = api.createToken(shop, [...ACCESS_SCOPES]);
  const calls = new Map<string, number>();
  const costs = new Map<string, number[]>();
  const answers = new Map<string, number>();
  const holds = new Map<string, { reach: () => void; gate: Promise<void>; afterAnswer: boolean }>();
  const failing = new Map<string, number>();
  const admin = createAdminClient({
    shop,
    accessToken: token,
    origin: "http://stand-in.test",
    fetch: async (input, init) => {
      const request = new Request(input as string, init as RequestInit);
      const body = (await request.clone().json()) as { query: string };
      const name = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? "anonymous";
      calls.set(name, (calls.get(name) ?? 0) + 1);
      const hold = holds.get(name);
      if (hold) holds.delete(name);
      if (hold && !hold.afterAnswer) {
        hold.reach();
        await hold.gate;
      }
      const failStatus = failing.get(name);
      if (failStatus) return new Response(JSON.stringify({ errors: "Service Unavailable" }), { status: failStatus });
      const response = await api.handleGraphql(request);
      if (hold?.afterAnswer) {
        hold.reach();
        await hold.gate;
      }
      // A lost answer (the stand-in ran the call, then the connection dropped) fails here,
      // as fetch() does when a connection resets mid-answer.
      const text = await response.clone().text().catch(() => null);
      if (text === null) {
        answers.set("dropped", (answers.get("dropped") ?? 0) + 1);
        throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
      }
      const json = (() => {
        try {
          return JSON.parse(text);
        } catch {
          return null;
        }
      })();
      const kind = json?.errors?.[0]?.extensions?.code === "THROTTLED" ? "THROTTLED" : String(response.status);
      answers.set(kind, (answers.get(kind) ?? 0) + 1);
      const cost = json?.extensions?.cost?.requestedQueryCost;
      if (typeof cost === "number") costs.set(name, [...(costs.get(name) ?? []), cost]);
      return response;
    },
    // Waits that overlap in real life overlap here too: each sleeper moves the clock to its
    // own wake-up time, so ten concurrent 5 s waits take 5 s, not 50 s (which would run
    // requests past the client's deadline that real time would not).
    sleep: async (ms: number) => {
      const until = clock.now().getTime() + ms;
      await new Promise((r) => setImmediate(r));
      if (clock.now().getTime() < until) clock.advance(until - clock.now().getTime());
    },
    random: () => 0.5,
    now: () => clock.now().getTime(),
  });
  const t = await createTestDb(provider);
  const row = await ensureShop(shop, t.db);
  await t.db.shop.update({ where: { id: row.id }, data: { timezone: "Europe/Stockholm" } });
  if (options.policy) await savePolicy(t.db, row.id, { ...DEFAULT_RETURN_POLICY, ...options.policy });
  const ctx: ReturnsContext = {
    db: t.db,
    admin,
    shop: { id: row.id, domain: shop, timezone: "Europe/Stockholm", rmaPrefix: row.rmaPrefix },
    now: clock.now,
  };
  return {
    t,
    api,
    ctx,
    admin,
    shop,
    clock,
    calls,
    costs,
    answers,
    resetCalls: () => {
      calls.clear();
      costs.clear();
      answers.clear();
    },
    holdNext(operation, options = {}) {
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((r) => (reach = r));
      const gate = new Promise<void>((r) => (release = r));
      holds.set(operation, { reach, gate, afterAnswer: options.afterAnswer ?? false });
      return { reached, release };
    },
    failOperation(operation, status) {
      if (status === null) failing.delete(operation);
      else failing.set(operation, status);
    },
    close: () => t.drop(),
  };
}

export interface ReturnableOrder {
  snapshot: OrderSnapshot;
  /** Eligible fulfillment lines with how many units can go back. */
  lines: { fulfillmentLineItemId: string; lineItemId: string; maxQuantity: number; productId: string | null; variantId: string | null }[];
}

/** Seeded orders (by the stand-in's store) that the default policy lets the shopper return now. */
export async function returnableOrders(engine: Engine, options: { limit?: number; currency?: string; gateway?: string; policy?: ReturnPolicy } = {}): Promise<ReturnableOrder[]> {
  const found: ReturnableOrder[] = [];
  const policy = options.policy ?? DEFAULT_RETURN_POLICY;
  for (const rec of engine.api.store.shop(engine.shop).orders) {
    if (found.length >= (options.limit ?? Infinity)) break;
    if (rec.cancelledAt || rec.fulfillmentIds.length === 0 || rec.lines.length > 50) continue;
    if (options.currency && rec.currency !== options.currency) continue;
    const snapshot = await fetchOrderSnapshot(engine.admin, rec.id);
    if (options.gateway && !snapshot.transactions.some((t) => t.gateway === options.gateway)) continue;
    const eligibility = evaluateEligibility({ order: snapshot, policy, now: engine.clock.now(), timeZone: "Europe/Stockholm" });
    const lines = eligibility.lines
      .filter((l) => l.eligible && l.fulfillmentLineItemId && l.allowedResolutions.includes("REFUND"))
      .map((l) => {
        const li = snapshot.lineItems.find((x) => x.id === l.lineItemId)!;
        return { fulfillmentLineItemId: l.fulfillmentLineItemId!, lineItemId: l.lineItemId, maxQuantity: l.maxQuantity, productId: li.productId, variantId: li.variantId };
      });
    if (lines.length > 0) found.push({ snapshot, lines });
  }
  return found;
}
