/**
 * The stand-in's in-memory store: shops and everything they own, id allocation, lookups and
 * the derived numbers (totals, refundable amounts, returnable quantities, statuses) that
 * resolvers, operations and webhook payloads share. No GraphQL in here.
 */
import { gid, parseGid } from "./gid";
import { moneyBag, type FxRate, type MoneyBag } from "./money";
import { fnv1a, Rng } from "./prng";
import type {
  AnyRec,
  CustomerRec,
  FulfillmentLineItemRec,
  FulfillmentRec,
  LineItemRec,
  OrderRec,
  RefundRec,
  ReturnLineItemRec,
  ReturnReasonDefinitionRec,
  ReturnRec,
  ShopInfoRec,
  ShopState,
  TransactionRec,
} from "./model";

/** Return reasons (2026-01+ ReturnReasonDefinition). Shared by all shops, like Shopify's standard set. */
export const RETURN_REASONS: ReadonlyArray<Omit<ReturnReasonDefinitionRec, "__typename" | "id">> = [
  {
    handle: "size-too-small",
    name: "Size was too small",
    deleted: false,
    legacyReason: "SIZE_TOO_SMALL",
  },
  {
    handle: "size-too-large",
    name: "Size was too large",
    deleted: false,
    legacyReason: "SIZE_TOO_LARGE",
  },
  { handle: "color", name: "Color", deleted: false, legacyReason: "COLOR" },
  {
    handle: "not-as-described",
    name: "Item not as described",
    deleted: false,
    legacyReason: "NOT_AS_DESCRIBED",
  },
  { handle: "defective", name: "Item is defective", deleted: false, legacyReason: "DEFECTIVE" },
  { handle: "damaged", name: "Damaged in transit", deleted: false, legacyReason: "DEFECTIVE" },
  {
    handle: "wrong-item",
    name: "Received the wrong item",
    deleted: false,
    legacyReason: "WRONG_ITEM",
  },
  { handle: "unwanted", name: "Changed my mind", deleted: false, legacyReason: "UNWANTED" },
  { handle: "other", name: "Other", deleted: false, legacyReason: "OTHER" },
  // A retired definition, so `query: "deleted:false"` has something to filter out.
  { handle: "style", name: "Style", deleted: true, legacyReason: "STYLE" },
];

export function buildReturnReasons(): ReturnReasonDefinitionRec[] {
  return RETURN_REASONS.map((r, i) => ({
    __typename: "ReturnReasonDefinition",
    id: gid("ReturnReasonDefinition", i + 1),
    ...r,
  }));
}

export interface NewShopParams {
  domain: string;
  name: string;
  currencyCode: string;
  presentmentCurrencies?: Record<string, FxRate>;
  ianaTimezone?: string;
  primaryLocale?: string;
  taxesIncluded?: boolean;
  primaryDomainHost?: string;
  email?: string;
  shopOwnerName?: string;
  countryCode?: string;
  createdAt: string;
  description?: string | null;
}

/** Deterministic per-shop id prefix, so ids never collide across shops (tenant isolation tests). */
export function idPrefixFor(domain: string): number {
  return 100 + (fnv1a(domain) % 8900);
}

export function createShopState(p: NewShopParams): ShopState {
  const idPrefix = idPrefixFor(p.domain);
  const shopLegacy = idPrefix * 1_000_000;
  const info: ShopInfoRec = {
    __typename: "Shop",
    id: gid("Shop", shopLegacy),
    name: p.name,
    myshopifyDomain: p.domain,
    email: p.email ?? `hello@${p.primaryDomainHost ?? p.domain}`,
    contactEmail: p.email ?? `hello@${p.primaryDomainHost ?? p.domain}`,
    currencyCode: p.currencyCode,
    presentmentCurrencies: {
      [p.currencyCode]: { num: 1, den: 1 },
      ...(p.presentmentCurrencies ?? {}),
    },
    ianaTimezone: p.ianaTimezone ?? "Europe/Stockholm",
    primaryLocale: p.primaryLocale ?? "en",
    taxesIncluded: p.taxesIncluded ?? true,
    primaryDomainHost: p.primaryDomainHost ?? p.domain,
    createdAt: p.createdAt,
    shopOwnerName: p.shopOwnerName ?? "Shop Owner",
    description: p.description ?? null,
    countryCode: p.countryCode ?? "SE",
  };
  return {
    info,
    appMetafields: new Map(),
    idPrefix,
    counters: new Map(),
    nodes: new Map(),
    locations: [],
    collections: [],
    products: [],
    variants: [],
    customers: [],
    orders: [],
    orderByName: new Map(),
    returns: [],
    giftCards: [],
    storeCreditAccounts: [],
    idempotency: new Map(),
    nextOrderNumber: 1001,
    rng: new Rng(fnv1a(p.domain) ^ 0x5eed),
  };
}

/** Allocate the next numeric id of a type for this shop: prefix × 1e6 + sequence. */
export function nextNumericId(shop: ShopState, type: string): number {
  const n = (shop.counters.get(type) ?? 0) + 1;
  shop.counters.set(type, n);
  return shop.idPrefix * 1_000_000 + n;
}

export function nextGid(shop: ShopState, type: string): string {
  return gid(type, nextNumericId(shop, type));
}

export function register<T extends AnyRec>(shop: ShopState, rec: T): T {
  shop.nodes.set(rec.id, rec);
  return rec;
}

/** Look up a record by gid, checking the gid's type and the record's typename. */
export function getNode<T extends AnyRec>(
  shop: ShopState,
  id: unknown,
  typename: T["__typename"],
): T | null {
  if (typeof id !== "string") return null;
  const rec = shop.nodes.get(id);
  if (!rec || rec.__typename !== typename) return null;
  return rec as T;
}

export function mustGet<T extends AnyRec>(
  shop: ShopState,
  id: string,
  typename: T["__typename"],
): T {
  const rec = getNode<T>(shop, id, typename);
  if (!rec) throw new Error(`stand-in store: ${typename} ${id} missing`);
  return rec;
}

export function isoNow(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// ---------------------------------------------------------------------------------------------
// Money helpers bound to an order
// ---------------------------------------------------------------------------------------------

export function bag(shop: ShopState, order: OrderRec, minor: number): MoneyBag {
  return moneyBag(minor, order.currency, order.fx, shop.info.currencyCode);
}

export function fxFor(shop: ShopState, currency: string): FxRate | null {
  return shop.info.presentmentCurrencies[currency] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Derived order numbers
// ---------------------------------------------------------------------------------------------

export function lineDiscountSplit(
  order: OrderRec,
  line: LineItemRec,
): { dLine: number; dOrder: number } {
  let dLine = 0;
  let dOrder = 0;
  for (const a of line.allocations) {
    const app = order.discountApps[a.applicationIndex];
    if (app && app.targetSelection === "ALL") dOrder += a.amount;
    else dLine += a.amount;
  }
  return { dLine, dOrder };
}

export function lineTaxTotal(line: LineItemRec): number {
  return line.taxes.reduce((s, t) => s + t.amount, 0);
}

/** P × n − all discounts allocated to the line. */
export function lineDiscountedTotal(order: OrderRec, line: LineItemRec): number {
  const { dLine, dOrder } = lineDiscountSplit(order, line);
  return line.unitPrice * line.quantity - dLine - dOrder;
}

/** The lines that were bought (exchange lines added later are excluded from the original totals). */
export function originalLines(order: OrderRec): LineItemRec[] {
  return order.lines.filter((l) => l.exchangeLineItemId === null);
}

export function orderSubtotal(order: OrderRec): number {
  return originalLines(order).reduce((s, l) => s + lineDiscountedTotal(order, l), 0);
}

export function orderShipping(order: OrderRec): number {
  return order.shippingLineRecs.reduce((s, l) => s + l.discountedPrice, 0);
}

export function orderTax(order: OrderRec): number {
  return (
    originalLines(order).reduce((s, l) => s + lineTaxTotal(l), 0) +
    order.shippingLineRecs.reduce((s, l) => s + l.taxes.reduce((t, x) => t + x.amount, 0), 0)
  );
}

export function orderTotal(order: OrderRec): number {
  return orderSubtotal(order) + orderShipping(order) + (order.taxesIncluded ? 0 : orderTax(order));
}

export function orderDiscountTotal(order: OrderRec): number {
  return originalLines(order).reduce(
    (s, l) => s + l.allocations.reduce((t, a) => t + a.amount, 0),
    0,
  );
}

export function orderTransactions(shop: ShopState, order: OrderRec): TransactionRec[] {
  return order.transactionIds.map((id) => shop.nodes.get(id) as TransactionRec);
}

export function orderRefunds(shop: ShopState, order: OrderRec): RefundRec[] {
  return order.refundIds.map((id) => shop.nodes.get(id) as RefundRec);
}

export function orderReturns(shop: ShopState, order: OrderRec): ReturnRec[] {
  return order.returnIds.map((id) => shop.nodes.get(id) as ReturnRec);
}

export function orderFulfillments(shop: ShopState, order: OrderRec): FulfillmentRec[] {
  return order.fulfillmentIds.map((id) => shop.nodes.get(id) as FulfillmentRec);
}

export function isPaymentTx(tx: TransactionRec): boolean {
  return (tx.kind === "SALE" || tx.kind === "CAPTURE") && tx.status === "SUCCESS";
}

/** Successful SALE/CAPTURE transactions in the order they were processed. */
export function paymentTransactions(shop: ShopState, order: OrderRec): TransactionRec[] {
  return orderTransactions(shop, order)
    .filter(isPaymentTx)
    .sort((a, b) =>
      a.processedAt < b.processedAt ? -1 : a.processedAt > b.processedAt ? 1 : a.id < b.id ? -1 : 1,
    );
}

export function paidTotal(shop: ShopState, order: OrderRec): number {
  return paymentTransactions(shop, order).reduce((s, t) => s + t.amountMinor, 0);
}

export function refundedTotal(shop: ShopState, order: OrderRec): number {
  return orderTransactions(shop, order)
    .filter((t) => t.kind === "REFUND" && t.status === "SUCCESS")
    .reduce((s, t) => s + t.amountMinor, 0);
}

/** Σ successful SALE/CAPTURE − Σ successful REFUND (docs/refund-arithmetic.md). */
export function maximumRefundable(shop: ShopState, order: OrderRec): number {
  return paidTotal(shop, order) - refundedTotal(shop, order);
}

/** What is still refundable on one payment transaction: its amount minus refunds made against it. */
export function transactionRemaining(shop: ShopState, tx: TransactionRec): number {
  const order = shop.nodes.get(tx.orderId) as OrderRec;
  const refunded = orderTransactions(shop, order)
    .filter((t) => t.kind === "REFUND" && t.status === "SUCCESS" && t.parentId === tx.id)
    .reduce((s, t) => s + t.amountMinor, 0);
  return tx.amountMinor - refunded;
}

export function shippingRefunded(shop: ShopState, order: OrderRec): number {
  return orderRefunds(shop, order).reduce((s, r) => s + r.shippingRefund, 0);
}

export function shippingRemaining(shop: ShopState, order: OrderRec): number {
  return Math.max(0, orderShipping(order) - shippingRefunded(shop, order));
}

/** Refunded quantity per line item, optionally only refunds that are not part of a return. */
export function refundedQuantities(
  shop: ShopState,
  order: OrderRec,
  onlyOutsideReturns = false,
): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of orderRefunds(shop, order)) {
    if (onlyOutsideReturns && r.returnId) continue;
    for (const l of r.lines) m.set(l.lineItemId, (m.get(l.lineItemId) ?? 0) + l.quantity);
  }
  return m;
}

export function lineRefundedQuantity(shop: ShopState, order: OrderRec, line: LineItemRec): number {
  return refundedQuantities(shop, order).get(line.id) ?? 0;
}

export function fulfillmentLineItemsOfLine(
  shop: ShopState,
  order: OrderRec,
  lineId: string,
): FulfillmentLineItemRec[] {
  const out: FulfillmentLineItemRec[] = [];
  for (const f of orderFulfillments(shop, order)) {
    if (f.status !== "SUCCESS") continue;
    for (const id of f.lineIds) {
      const fli = shop.nodes.get(id) as FulfillmentLineItemRec;
      if (fli.lineItemId === lineId) out.push(fli);
    }
  }
  return out;
}

export function fulfilledQuantity(shop: ShopState, order: OrderRec, line: LineItemRec): number {
  return fulfillmentLineItemsOfLine(shop, order, line.id).reduce((s, f) => s + f.quantity, 0);
}

/** Return statuses that keep their items "on a return" (declined/canceled free them). */
export const HOLDING_STATUSES: ReadonlySet<string> = new Set(["REQUESTED", "OPEN", "CLOSED"]);

export function quantityOnReturns(
  shop: ShopState,
  order: OrderRec,
  fliId: string,
  exceptReturnId?: string,
): number {
  let held = 0;
  for (const r of orderReturns(shop, order)) {
    if (!HOLDING_STATUSES.has(r.status) || r.id === exceptReturnId) continue;
    for (const id of r.lineIds) {
      const rli = shop.nodes.get(id) as ReturnLineItemRec;
      if (rli.fulfillmentLineItemId === fliId) held += rli.quantity;
    }
  }
  return held;
}

/**
 * Returnable quantity of a fulfillment line item: fulfilled − held by returns − refunded outside
 * returns (a refund outside a return first consumes the line's unfulfilled units, then its
 * fulfillment line items in fulfillment order). Gift cards are never returnable.
 */
export function returnableQuantity(shop: ShopState, fli: FulfillmentLineItemRec): number {
  const order = shop.nodes.get(fli.orderId) as OrderRec;
  const line = shop.nodes.get(fli.lineItemId) as LineItemRec;
  if (line.isGiftCard || order.cancelledAt) return 0;
  const flis = fulfillmentLineItemsOfLine(shop, order, line.id);
  const fulfilled = flis.reduce((s, f) => s + f.quantity, 0);
  let refundedOutside = refundedQuantities(shop, order, true).get(line.id) ?? 0;
  refundedOutside -= Math.max(0, line.quantity - fulfilled); // unfulfilled units first
  for (const f of flis) {
    const take = Math.max(0, Math.min(f.quantity, refundedOutside));
    if (f.id === fli.id) {
      return Math.max(0, f.quantity - take - quantityOnReturns(shop, order, f.id));
    }
    refundedOutside -= take;
  }
  return 0;
}

export function displayFinancialStatus(shop: ShopState, order: OrderRec): string {
  const txs = orderTransactions(shop, order);
  const paid = paidTotal(shop, order);
  const refunded = refundedTotal(shop, order);
  const total = orderTotal(order);
  if (paid > 0 && refunded >= paid) return "REFUNDED";
  if (refunded > 0) return "PARTIALLY_REFUNDED";
  if (paid >= total && paid > 0) return "PAID";
  if (paid > 0) return "PARTIALLY_PAID";
  if (txs.some((t) => t.kind === "AUTHORIZATION" && t.status === "SUCCESS")) return "AUTHORIZED";
  if (total === 0) return "PAID";
  return "PENDING";
}

export function displayFulfillmentStatus(shop: ShopState, order: OrderRec): string {
  const lines = order.lines.filter((l) => l.requiresShipping);
  if (lines.length === 0) return "FULFILLED";
  const refunded = refundedQuantities(shop, order, true);
  let total = 0;
  let done = 0;
  for (const l of lines) {
    const q = Math.max(0, l.quantity - (order.cancelledAt ? l.quantity : 0));
    const fulfilled = fulfilledQuantity(shop, order, l);
    const open = Math.max(0, q - (refunded.get(l.id) ?? 0) - fulfilled);
    total += fulfilled + open;
    done += fulfilled;
  }
  if (total === 0) return order.cancelledAt ? "UNFULFILLED" : "FULFILLED";
  if (done === 0) return "UNFULFILLED";
  if (done >= total) return "FULFILLED";
  return "PARTIALLY_FULFILLED";
}

/**
 * Order.returnStatus, derived from the order's returns (our reading of OrderReturnStatus):
 * an OPEN return with unprocessed items → IN_PROGRESS; a REQUESTED one → RETURN_REQUESTED;
 * OPEN returns all processed → INSPECTION_COMPLETE; only CLOSED ones → RETURNED; else NO_RETURN.
 */
export function orderReturnStatus(shop: ShopState, order: OrderRec): string {
  const rs = orderReturns(shop, order);
  const open = rs.filter((r) => r.status === "OPEN");
  const unprocessed = (r: ReturnRec) =>
    r.lineIds.some((id) => {
      const l = shop.nodes.get(id) as ReturnLineItemRec;
      return l.processedQuantity < l.quantity;
    });
  if (open.some(unprocessed)) return "IN_PROGRESS";
  if (rs.some((r) => r.status === "REQUESTED")) return "RETURN_REQUESTED";
  if (open.length > 0) return "INSPECTION_COMPLETE";
  if (rs.some((r) => r.status === "CLOSED")) return "RETURNED";
  return "NO_RETURN";
}

export function customerOrders(shop: ShopState, customer: CustomerRec): OrderRec[] {
  return shop.orders.filter((o) => o.customerId === customer.id);
}

export function findOrderByName(shop: ShopState, name: string): OrderRec | null {
  const key = name.startsWith("#") ? name : `#${name}`;
  return shop.orderByName.get(key) ?? null;
}

export function parseNodeType(id: string): string | null {
  return parseGid(id)?.type ?? null;
}
