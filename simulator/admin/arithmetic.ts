/**
 * Refund arithmetic exactly as fixed in docs/refund-arithmetic.md, playing Shopify's part
 * (returnCalculate, ReturnLineItem.restockingFee, Return.suggestedFinancialOutcome and the
 * refund cap of returnProcess). Integer minor units of the order's presentment currency.
 * The app's domain implements the same model independently; a test compares the two.
 */
import { mulDivRound, percentOf } from "./money";
import type { LineItemRec, OrderRec, ShopState, TransactionRec } from "./model";
import {
  lineDiscountSplit,
  lineTaxTotal,
  maximumRefundable,
  paymentTransactions,
  shippingRemaining,
  transactionRemaining,
} from "./store";

export interface LineAmounts {
  /** P × q − round(D_line × q / n) */
  subtotalBeforeOrderDiscounts: number;
  /** P × q − round((D_line + D_order) × q / n) */
  subtotal: number;
  /** round(T × q / n) */
  tax: number;
}

/** Amounts for q units of a line item that has n = line.quantity units. */
export function lineAmounts(order: OrderRec, line: LineItemRec, q: number): LineAmounts {
  const n = line.quantity;
  const P = line.unitPrice;
  const { dLine, dOrder } = lineDiscountSplit(order, line);
  const T = lineTaxTotal(line);
  return {
    subtotalBeforeOrderDiscounts: P * q - mulDivRound(dLine, q, n),
    subtotal: P * q - mulDivRound(dLine + dOrder, q, n),
    tax: mulDivRound(T, q, n),
  };
}

/** round(subtotal × f / 100) */
export function restockingFeeAmount(
  subtotal: number,
  percentage: number | null | undefined,
): number {
  if (percentage === null || percentage === undefined) return 0;
  return percentOf(subtotal, percentage);
}

export type ExchangeDiscount = { percentage: number } | { amount: number } | null;

export interface ExchangeAmounts {
  original: number;
  discount: number;
  /** variantPrice × quantity − applied discount */
  total: number;
}

/** percentage → round(price×qty×pct/100); amount → that amount, capped at price×qty. */
export function exchangeAmounts(
  unitPrice: number,
  quantity: number,
  discount: ExchangeDiscount,
): ExchangeAmounts {
  const original = unitPrice * quantity;
  let d = 0;
  if (discount && "percentage" in discount) d = percentOf(original, discount.percentage);
  else if (discount && "amount" in discount) d = Math.min(discount.amount, original);
  d = Math.max(0, Math.min(d, original));
  return { original, discount: d, total: original - d };
}

export interface OutcomeReturnLine {
  line: LineItemRec;
  quantity: number;
  restockingFeePercentage: number | null;
}
export interface OutcomeExchangeLine {
  unitPrice: number;
  quantity: number;
  discount: ExchangeDiscount;
}

export interface SuggestedTransaction {
  parent: TransactionRec;
  amount: number;
  /** What was still refundable on the parent before this suggestion. */
  remaining: number;
}

export interface Outcome {
  itemsSubtotal: number;
  itemsSubtotalBeforeOrderDiscounts: number;
  itemsTax: number;
  restockingFees: number;
  returnShippingFees: number;
  exchangeTotal: number;
  shippingRefund: number;
  shippingRemaining: number;
  /** Σ order-level discount shares of the lines (subtotalBeforeOrderDiscounts − subtotal). */
  cartDiscount: number;
  net: number;
  totalAdditionalFees: number;
  maximumRefundable: number;
  transfer:
    | {
        kind: "refund";
        amount: number;
        suggestedTransactions: SuggestedTransaction[];
        storeCredit: number | null;
      }
    | { kind: "invoice"; amount: number };
}

export interface OutcomeInput {
  lines: OutcomeReturnLine[];
  exchanges: OutcomeExchangeLine[];
  returnShippingFees: number;
  /** refundShipping: explicit amount (minor) wins over fullRefund. */
  shippingRefundAmount: number | null;
  fullShippingRefund: boolean;
  allocation: "ORIGINAL_PAYMENT_METHODS" | "STORE_CREDIT";
}

/** Spread `amount` over the order's payments in processing order, each up to what is left on it. */
export function allocateOverPayments(
  shop: ShopState,
  order: OrderRec,
  amount: number,
): SuggestedTransaction[] {
  const out: SuggestedTransaction[] = [];
  let left = amount;
  for (const tx of paymentTransactions(shop, order)) {
    if (left <= 0) break;
    const remaining = transactionRemaining(shop, tx);
    const take = Math.min(left, Math.max(0, remaining));
    if (take > 0) {
      out.push({ parent: tx, amount: take, remaining });
      left -= take;
    }
  }
  return out;
}

export function computeOutcome(shop: ShopState, order: OrderRec, input: OutcomeInput): Outcome {
  let itemsSubtotal = 0;
  let itemsBefore = 0;
  let itemsTax = 0;
  let restockingFees = 0;
  for (const l of input.lines) {
    const a = lineAmounts(order, l.line, l.quantity);
    itemsSubtotal += a.subtotal;
    itemsBefore += a.subtotalBeforeOrderDiscounts;
    itemsTax += a.tax;
    restockingFees += restockingFeeAmount(a.subtotal, l.restockingFeePercentage);
  }
  const exchangeTotal = input.exchanges.reduce(
    (s, e) => s + exchangeAmounts(e.unitPrice, e.quantity, e.discount).total,
    0,
  );
  const shipRemaining = shippingRemaining(shop, order);
  const shippingRefund =
    input.shippingRefundAmount !== null
      ? input.shippingRefundAmount
      : input.fullShippingRefund
        ? shipRemaining
        : 0;
  const net =
    itemsSubtotal +
    (order.taxesIncluded ? 0 : itemsTax) -
    restockingFees -
    input.returnShippingFees -
    exchangeTotal +
    shippingRefund;
  const maxRefundable = maximumRefundable(shop, order);
  let transfer: Outcome["transfer"];
  if (net >= 0) {
    const refundable = Math.max(0, Math.min(net, maxRefundable));
    transfer =
      input.allocation === "STORE_CREDIT"
        ? { kind: "refund", amount: net, suggestedTransactions: [], storeCredit: refundable }
        : {
            kind: "refund",
            amount: net,
            suggestedTransactions: allocateOverPayments(shop, order, refundable),
            storeCredit: null,
          };
  } else {
    transfer = { kind: "invoice", amount: -net };
  }
  return {
    itemsSubtotal,
    itemsSubtotalBeforeOrderDiscounts: itemsBefore,
    itemsTax,
    restockingFees,
    returnShippingFees: input.returnShippingFees,
    exchangeTotal,
    shippingRefund,
    shippingRemaining: shipRemaining,
    cartDiscount: itemsBefore - itemsSubtotal,
    net,
    totalAdditionalFees: restockingFees + input.returnShippingFees,
    maximumRefundable: maxRefundable,
    transfer,
  };
}

/** Tax contained in (tax-inclusive) or added to (tax-exclusive) an amount at `ratePercent`. */
export function taxFor(amount: number, ratePercent: number, taxesIncluded: boolean): number {
  const scaled = Math.round(ratePercent * 10_000); // e.g. 25.5 → 255000
  return taxesIncluded
    ? mulDivRound(amount, scaled, 1_000_000 + scaled)
    : mulDivRound(amount, scaled, 1_000_000);
}
