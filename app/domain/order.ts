/**
 * The domain's view of a Shopify order: just what eligibility, refund arithmetic and
 * return methods need, already converted at the gateway from GraphQL (decimal strings →
 * integer minor units in the order's presentment currency, GIDs kept as strings).
 *
 * The schema doubles as the contract for that mapping: services parse their mapped
 * object with `OrderSnapshotSchema` in tests, so a fractional amount or a missing field
 * fails loudly there instead of producing a wrong refund here.
 */
import { z } from "zod";

const minor = z.number().int().safe();
const nonNegativeMinor = minor.nonnegative();
/** ISO 8601 instant as Shopify sends it. */
const instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 timestamp");

export const FINANCIAL_STATUSES = [
  "PAID",
  "PARTIALLY_PAID",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "PENDING",
  "AUTHORIZED",
  "VOIDED",
  "EXPIRED",
] as const;
export type FinancialStatus = (typeof FINANCIAL_STATUSES)[number];

/** OrderTransactionKind of Admin 2026-10. */
export const TRANSACTION_KINDS = [
  "SALE",
  "CAPTURE",
  "REFUND",
  "AUTHORIZATION",
  "VOID",
  "CHANGE",
  "EMV_AUTHORIZATION",
  "SUGGESTED_REFUND",
] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** OrderTransactionStatus of Admin 2026-10. */
export const TRANSACTION_STATUSES = [
  "SUCCESS",
  "PENDING",
  "FAILURE",
  "ERROR",
  "AWAITING_RESPONSE",
  "UNKNOWN",
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const OrderTransactionSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(TRANSACTION_KINDS),
  status: z.enum(TRANSACTION_STATUSES),
  /** "shopify_payments" (cards), "klarna", "paypal", "gift_card", "manual", … */
  gateway: z.string(),
  amount: nonNegativeMinor,
  /** For REFUND/CAPTURE: the transaction it refunds or captures. */
  parentId: z.string().nullable(),
  processedAt: instant,
});
export type OrderTransaction = z.infer<typeof OrderTransactionSchema>;

export const ShippingLineSnapshotSchema = z.object({
  id: z.string().optional(),
  title: z.string().optional(),
  price: nonNegativeMinor,
  discountedPrice: nonNegativeMinor,
  /** What is still refundable of this shipping line (after earlier shipping refunds). */
  refundableRemaining: nonNegativeMinor,
});
export type ShippingLineSnapshot = z.infer<typeof ShippingLineSnapshotSchema>;

export const LineItemSnapshotSchema = z.object({
  id: z.string().min(1),
  variantId: z.string().nullable(),
  productId: z.string().nullable(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  sku: z.string().nullable(),
  /** Units ordered (n in docs/refund-arithmetic.md). */
  quantity: z.number().int().positive(),
  /** P: unit price before any discount. */
  originalUnitPrice: nonNegativeMinor,
  /** D_line: line-level discount allocations for all n units. */
  lineDiscount: nonNegativeMinor,
  /** D_order: this line's share of order-level discounts, for all n units. */
  orderDiscount: nonNegativeMinor,
  /** T: sum of the line's tax lines, for all n units. */
  tax: nonNegativeMinor,
  productTags: z.array(z.string()),
  productType: z.string(),
  collectionIds: z.array(z.string()),
  isGiftCard: z.boolean(),
  requiresShipping: z.boolean(),
  /** Unit weight in grams (variant weight). */
  grams: z.number().nonnegative(),
});
export type LineItemSnapshot = z.infer<typeof LineItemSnapshotSchema>;

export const FulfillmentLineSnapshotSchema = z.object({
  fulfillmentLineItemId: z.string().min(1),
  lineItemId: z.string().min(1),
  quantity: z.number().int().positive(),
});
export type FulfillmentLineSnapshot = z.infer<typeof FulfillmentLineSnapshotSchema>;

/** FulfillmentStatus of Admin 2026-10; only SUCCESS fulfillments carry returnable goods. */
export const FULFILLMENT_STATUSES = [
  "SUCCESS",
  "CANCELLED",
  "ERROR",
  "FAILURE",
  "OPEN",
  "PENDING",
] as const;

export const FulfillmentSnapshotSchema = z.object({
  id: z.string().min(1),
  createdAt: instant,
  deliveredAt: instant.nullable(),
  status: z.enum(FULFILLMENT_STATUSES),
  lines: z.array(FulfillmentLineSnapshotSchema),
});
export type FulfillmentSnapshot = z.infer<typeof FulfillmentSnapshotSchema>;

export const OrderSnapshotSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** Presentment currency; every amount in the snapshot is in it. */
  currency: z.string().regex(/^[A-Z]{3,4}$/),
  taxesIncluded: z.boolean(),
  createdAt: instant,
  cancelledAt: instant.nullable(),
  financialStatus: z.enum(FINANCIAL_STATUSES),
  /** Order.email (protected data; may be null without approval). */
  email: z.string().nullable().optional(),
  /**
   * Who placed the order, as the order names them (customer's display name, else the
   * billing or shipping address name). Guests have no customer but still have a name.
   */
  contactName: z.string().nullable().optional(),
  /** The order's shipping address, one line per entry (default for a home pickup). */
  shippingAddressLines: z.array(z.string()).optional(),
  customer: z
    .object({
      id: z.string().min(1),
      email: z.string().nullable(),
      tags: z.array(z.string()).optional(),
    })
    .nullable(),
  tags: z.array(z.string()),
  shippingLines: z.array(ShippingLineSnapshotSchema),
  transactions: z.array(OrderTransactionSchema),
  lineItems: z.array(LineItemSnapshotSchema),
  fulfillments: z.array(FulfillmentSnapshotSchema),
  /**
   * fulfillmentLineItemId → quantity still returnable, from returnableFulfillments.
   * Shopify subtracts every return made anywhere (our app, Shopify admin, other apps);
   * a fulfillment line missing here has nothing left to return.
   */
  returnableQuantities: z.record(z.string(), z.number().int().nonnegative()),
});
export type OrderSnapshot = z.infer<typeof OrderSnapshotSchema>;

// ---------------------------------------------------------------------------
// Lookups

export function findLineItem(
  order: OrderSnapshot,
  lineItemId: string,
): LineItemSnapshot | undefined {
  return order.lineItems.find((li) => li.id === lineItemId);
}

export interface FulfillmentLineRef {
  fulfillment: FulfillmentSnapshot;
  line: FulfillmentLineSnapshot;
  lineItem: LineItemSnapshot;
}

/** fulfillmentLineItemId → its fulfillment, fulfillment line and order line item. */
export function indexFulfillmentLines(order: OrderSnapshot): Map<string, FulfillmentLineRef> {
  const items = new Map(order.lineItems.map((li) => [li.id, li]));
  const index = new Map<string, FulfillmentLineRef>();
  for (const fulfillment of order.fulfillments) {
    for (const line of fulfillment.lines) {
      const lineItem = items.get(line.lineItemId);
      if (lineItem) index.set(line.fulfillmentLineItemId, { fulfillment, line, lineItem });
    }
  }
  return index;
}

/** Units of a line item that went out in successful fulfillments. */
export function fulfilledQuantity(order: OrderSnapshot, lineItemId: string): number {
  let total = 0;
  for (const f of order.fulfillments) {
    if (f.status !== "SUCCESS") continue;
    for (const l of f.lines) if (l.lineItemId === lineItemId) total += l.quantity;
  }
  return total;
}

/** Discounted value of a line for all n units (P × n − D_line − D_order). */
export function lineItemDiscountedTotal(li: LineItemSnapshot): number {
  return li.originalUnitPrice * li.quantity - li.lineDiscount - li.orderDiscount;
}

/**
 * What the shopper paid for the order, in minor units: discounted lines, plus tax when
 * prices exclude it, plus discounted shipping. Used for thresholds (auto-approve,
 * reporting), never for refunds, which follow docs/refund-arithmetic.md.
 */
export function orderTotal(order: OrderSnapshot): number {
  let total = 0;
  for (const li of order.lineItems) {
    total += lineItemDiscountedTotal(li);
    if (!order.taxesIncluded) total += li.tax;
  }
  for (const s of order.shippingLines) total += s.discountedPrice;
  return total;
}

/** Shipping still refundable on the order (used for `refundShipping.fullRefund`). */
export function remainingRefundableShipping(order: OrderSnapshot): number {
  return order.shippingLines.reduce((acc, s) => acc + s.refundableRemaining, 0);
}

/** Every email the order is known by, lower-cased (for blocklist checks). */
export function orderEmails(order: OrderSnapshot): string[] {
  const emails = [order.customer?.email, order.email]
    .filter((e): e is string => typeof e === "string" && e.trim() !== "")
    .map((e) => e.trim().toLowerCase());
  return [...new Set(emails)];
}
