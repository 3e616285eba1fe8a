/**
 * Test data builders for the domain's table tests: a small, realistic Nordic order and a
 * way to change one detail per case, so each row of a table says only what differs.
 * Not used by production code.
 */
import type {
  FulfillmentSnapshot,
  LineItemSnapshot,
  OrderSnapshot,
  OrderTransaction,
} from "../order";
import { DEFAULT_RETURN_POLICY, ReturnPolicySchema, type ReturnPolicy } from "../policy";

export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Merges plain objects key by key; arrays and scalars in `over` replace. */
export function deepMerge<T>(base: T, over: DeepPartial<T> | undefined): T {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      out[k] = v === undefined ? base[k] : deepMerge(base[k] as unknown, v as never);
    }
    return out as T;
  }
  return over as T;
}

/** DEFAULT_RETURN_POLICY with overrides, validated so a test can't use an impossible policy. */
export function makePolicy(over: DeepPartial<ReturnPolicy> = {}): ReturnPolicy {
  return ReturnPolicySchema.parse(deepMerge(structuredClone(DEFAULT_RETURN_POLICY), over));
}

export function makeLineItem(over: Partial<LineItemSnapshot> = {}): LineItemSnapshot {
  return {
    id: "gid://shopify/LineItem/1",
    variantId: "gid://shopify/ProductVariant/11",
    productId: "gid://shopify/Product/111",
    title: "Wool sweater",
    variantTitle: "M / Grey",
    sku: "SW-M-GRY",
    quantity: 1,
    originalUnitPrice: 100_000,
    lineDiscount: 0,
    orderDiscount: 0,
    tax: 20_000,
    productTags: [],
    productType: "Sweaters",
    collectionIds: ["gid://shopify/Collection/5"],
    isGiftCard: false,
    requiresShipping: true,
    grams: 600,
    ...over,
  };
}

export function makeTransaction(over: Partial<OrderTransaction> = {}): OrderTransaction {
  return {
    id: "gid://shopify/OrderTransaction/1",
    kind: "SALE",
    status: "SUCCESS",
    gateway: "shopify_payments",
    amount: 100_000,
    parentId: null,
    processedAt: "2026-03-01T10:00:00Z",
    ...over,
  };
}

export function makeFulfillment(over: Partial<FulfillmentSnapshot> = {}): FulfillmentSnapshot {
  return {
    id: "gid://shopify/Fulfillment/1",
    createdAt: "2026-03-02T09:00:00Z",
    deliveredAt: "2026-03-04T12:00:00Z",
    status: "SUCCESS",
    lines: [
      {
        fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/1",
        lineItemId: "gid://shopify/LineItem/1",
        quantity: 1,
      },
    ],
    ...over,
  };
}

/**
 * One sweater (1 000,00 SEK incl. 200,00 VAT), paid by card, fulfilled on 2 March 2026
 * and delivered on 4 March 2026, nothing returned yet.
 */
export function makeOrder(over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    id: "gid://shopify/Order/1001",
    name: "#1001",
    currency: "SEK",
    taxesIncluded: true,
    createdAt: "2026-03-01T10:00:00Z",
    cancelledAt: null,
    financialStatus: "PAID",
    email: "anna@example.com",
    customer: { id: "gid://shopify/Customer/7", email: "anna@example.com", tags: [] },
    tags: [],
    shippingLines: [{ price: 4_900, discountedPrice: 4_900, refundableRemaining: 4_900 }],
    transactions: [makeTransaction({ amount: 104_900 })],
    lineItems: [makeLineItem()],
    fulfillments: [makeFulfillment()],
    returnableQuantities: { "gid://shopify/FulfillmentLineItem/1": 1 },
    ...over,
  };
}
