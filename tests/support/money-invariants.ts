/**
 * The money and sync promises judged from Shopify's side (the stand-in's store), per order,
 * with Shopify's documented refund cap (what the order paid), so a test can't pass because
 * the stand-in happens to refuse a double refund:
 *
 * - the REFUND transactions of an order sum to at most what it paid;
 * - what the app recorded as refunded equals what Shopify refunded, per order;
 * - `returnProcess` ran at most once per return;
 * - Shopify has exactly as many returns as the app asked for (no second return for one RMA).
 *
 * Start a ledger BEFORE the run (it counts returnProcess executions from the stand-in's
 * events and remembers the returns that already existed), then call `check` at the end.
 */
import type { Engine } from "./engine";
import { orderTransactions, paidTotal } from "../../simulator/admin/store";

export interface MoneyReport {
  /** Orders whose REFUND transactions sum to more than they paid. */
  overRefundedOrders: string[];
  /** Orders where the app's recorded refunds differ from Shopify's (for returns the app handled). */
  refundMismatches: { order: string; app: number; shopify: number }[];
  /** Shopify returns on which returnProcess ran more than once. */
  repeatedProcess: string[];
  /** Shopify returns created during the run, and how many the app asked for. */
  shopifyReturnsCreated: number;
  appReturnsLinked: number;
  /** Shopify returns created during the run that no local return points at (a second return for one RMA). */
  extraShopifyReturns: string[];
}

export function startLedger(engine: Engine) {
  const shop = () => engine.api.store.shop(engine.shop);
  const before = new Set(shop().returns.map((r) => r.id));
  const processRuns = new Map<string, number>();
  const stop = engine.api.onEvent((e) => {
    if (e.shop !== engine.shop || e.topic !== "returns/process") return;
    const id = (e.payload as { admin_graphql_api_id?: string }).admin_graphql_api_id;
    if (id) processRuns.set(id, (processRuns.get(id) ?? 0) + 1);
  });

  async function check(localIds: string[]): Promise<MoneyReport> {
    stop();
    const s = shop();
    const rows = await engine.t.db.returnRequest.findMany({ where: { id: { in: localIds } } });
    const created = s.returns.filter((r) => !before.has(r.id));
    const linked = new Set(rows.map((r) => r.shopifyReturnId).filter((x): x is string => !!x));
    const report: MoneyReport = {
      overRefundedOrders: [],
      refundMismatches: [],
      repeatedProcess: [...processRuns].filter(([, n]) => n > 1).map(([id]) => id),
      shopifyReturnsCreated: created.length,
      appReturnsLinked: linked.size,
      extraShopifyReturns: created.filter((r) => !linked.has(r.id)).map((r) => r.id),
    };
    const orderIds = new Set([...rows.map((r) => r.orderId), ...created.map((r) => r.orderId)]);
    for (const orderId of orderIds) {
      const order = s.orders.find((o) => o.id === orderId)!;
      const refunded = orderTransactions(s, order)
        .filter((t) => t.kind === "REFUND" && t.status === "SUCCESS")
        .reduce((a, t) => a + t.amountMinor, 0);
      if (refunded > paidTotal(s, order)) report.overRefundedOrders.push(order.name);
      // Refunds Shopify made for returns this run created, and what the app recorded for them.
      const ours = new Set(created.filter((r) => r.orderId === orderId).map((r) => r.id));
      const shopifyForOurs = s.returns
        .filter((r) => ours.has(r.id))
        .flatMap((r) => r.refundIds)
        .flatMap((refundId) => orderTransactions(s, order).filter((t) => t.refundId === refundId && t.kind === "REFUND" && t.status === "SUCCESS"))
        .reduce((a, t) => a + t.amountMinor, 0);
      const app = rows
        .filter((r) => r.orderId === orderId && (r.status === "PROCESSED" || r.status === "CLOSED"))
        .reduce((a, r) => a + r.refundAmount + r.storeCreditAmount, 0);
      if (app !== shopifyForOurs) report.refundMismatches.push({ order: order.name, app, shopify: shopifyForOurs });
    }
    return report;
  }

  return { check, processRuns };
}

/** Every promise held: use with `expect(...).toEqual(HELD)` so a failure prints the report. */
export function verdict(r: MoneyReport) {
  return {
    overRefundedOrders: r.overRefundedOrders,
    refundMismatches: r.refundMismatches,
    repeatedProcess: r.repeatedProcess,
    extraShopifyReturns: r.extraShopifyReturns,
    createdEqualsAsked: r.shopifyReturnsCreated === r.appReturnsLinked,
  };
}

export const HELD = { overRefundedOrders: [], refundMismatches: [], repeatedProcess: [], extraShopifyReturns: [], createdEqualsAsked: true };
