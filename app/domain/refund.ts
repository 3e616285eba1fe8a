/**
 * Refund arithmetic of a return, in integer minor units of the order's presentment
 * currency, exactly as fixed in docs/refund-arithmetic.md (the offline stand-in computes
 * the same model independently; a test compares both for every seeded order).
 *
 * Two layers:
 * 1. The Shopify model (`calculateReturnTotals` → totals, net, outcome, maximumRefundable
 *    and `shopify`, the suggestion Shopify's suggestedFinancialOutcome should give). The app
 *    compares that with Shopify's answer (`compareWithShopify`) before it processes; a
 *    mismatch is flagged and processing stops until a person looks.
 * 2. What only the app adds (`calculateReturn` → `settlement`): a return may mix
 *    resolutions per line, so the net is split into an original-payment refund, store
 *    credit (+ bonus, expiry) and the exchange offset, and what the shopper owes
 *    (invoice) when the net is negative.
 *    Always: settlement.originalPayment.amount + settlement.storeCredit.amount −
 *    settlement.invoice = net.
 */
import { addDaysToInstant, parseInstant } from "./dates";
import { percentOf, share, minorUnitsOf } from "./money";
import { remainingRefundableShipping, type OrderSnapshot, type OrderTransaction } from "./order";
import {
  returnShippingFeeFor,
  type Resolution,
  type ReturnMethod,
  type ReturnPolicy,
  type ReturnShippingFeeDecision,
} from "./policy";

export class RefundInputError extends Error {
  constructor(
    readonly code:
      | "UNKNOWN_LINE_ITEM"
      | "INVALID_QUANTITY"
      | "QUANTITY_EXCEEDS_LINE"
      | "INVALID_PERCENTAGE"
      | "INVALID_AMOUNT"
      | "MISSING_SHIPPING_FEE_SOURCE",
    message: string,
  ) {
    super(message);
    this.name = "RefundInputError";
  }
}

// ---------------------------------------------------------------------------
// Inputs

export interface ReturnLineInput {
  lineItemId: string;
  /** Carried through to the output for the caller's convenience. */
  fulfillmentLineItemId?: string;
  /** q: units returned. */
  quantity: number;
  resolution: Resolution;
  /** f: the percentage fixed on the return line (see policy.restockingFeePercentFor). */
  restockingFeePercent: number;
}

export type ExchangeDiscount = { percentage: number } | { amount: number };

export interface ExchangeLineInput {
  variantId: string;
  quantity: number;
  /** Current variant price in the order's presentment currency (minor units). */
  unitPrice: number;
  appliedDiscount?: ExchangeDiscount | null;
}

/** RefundShippingInput: `amount` overrides `fullRefund` (as in Shopify). */
export interface RefundShippingInput {
  fullRefund?: boolean;
  amount?: number | null;
}

export type RefundMethodAllocation = "ORIGINAL_PAYMENT_METHODS" | "STORE_CREDIT";

export interface ReturnCalculationInput {
  order: OrderSnapshot;
  policy: ReturnPolicy;
  lines: readonly ReturnLineInput[];
  exchangeLines?: readonly ExchangeLineInput[];
  /**
   * The return's shipping fees as recorded on the Shopify return (authoritative once the
   * return exists). When absent, the fee is derived from `policy` and `returnMethod`.
   */
  returnShippingFees?: readonly number[];
  returnMethod?: ReturnMethod;
  refundShipping?: RefundShippingInput;
  /** Allocation used for the Shopify mirror (default ORIGINAL_PAYMENT_METHODS). */
  refundMethodAllocation?: RefundMethodAllocation;
  /** When the refund is issued; store credit expiry counts from it. */
  processedAt: string | Date;
}

// ---------------------------------------------------------------------------
// Outputs

export interface LineCalculation {
  lineItemId: string;
  fulfillmentLineItemId?: string;
  quantity: number;
  resolution: Resolution;
  subtotalBeforeOrderDiscounts: number;
  subtotal: number;
  tax: number;
  restockingFeePercent: number;
  restockingFee: number;
  /** What the line contributes to the net: subtotal (+ tax if not included) − restocking fee. */
  credit: number;
}

export interface ExchangeLineCalculation {
  variantId: string;
  quantity: number;
  unitPrice: number;
  gross: number;
  discount: number;
  total: number;
}

export interface TransactionAllocation {
  parentId: string;
  gateway: string;
  amount: number;
}

export type FinancialOutcome =
  { kind: "REFUND"; amount: number } | { kind: "INVOICE"; amount: number };

export type CalculationWarning =
  | { code: "REFUND_EXCEEDS_REFUNDABLE"; requested: number; refundable: number }
  /** The original-payment part is more than the payments can take back; a person decides. */
  | { code: "ORIGINAL_PAYMENT_UNALLOCATED"; amount: number }
  | { code: "INVOICE_DUE"; amount: number }
  | { code: "SHIPPING_FEE_NOT_CONFIGURED"; currency: string }
  | { code: "SHIPPING_REFUND_EXCEEDS_REMAINING"; requested: number; remaining: number };

export interface ReturnCalculation {
  currency: string;
  lines: LineCalculation[];
  exchangeLines: ExchangeLineCalculation[];
  itemsSubtotal: number;
  itemsSubtotalBeforeOrderDiscounts: number;
  /** Σ order-level discount shares of the lines (Shopify's totalCartDiscountAmount). */
  totalCartDiscount: number;
  itemsTax: number;
  /** True when itemsTax is part of the net (the order's prices exclude tax). */
  taxAddedToRefund: boolean;
  restockingFees: number;
  returnShippingFees: number;
  returnShippingFeeDecision: ReturnShippingFeeDecision | null;
  exchangeTotal: number;
  shippingRefund: number;
  totalAdditionalFees: number;
  net: number;
  outcome: FinancialOutcome;
  maximumRefundable: number;
  /** What Shopify's suggestedFinancialOutcome should say under `allocation`. */
  shopify: {
    allocation: RefundMethodAllocation;
    outcome: FinancialOutcome;
    suggestedTransactions: TransactionAllocation[];
    suggestedStoreCredit: number | null;
  };
  /** The app's per-resolution split of the net. */
  settlement: Settlement;
  warnings: CalculationWarning[];
}

export interface Settlement {
  originalPayment: {
    amount: number;
    /** Spread over the order's payments (processed order, each up to its remaining). */
    transactions: TransactionAllocation[];
    /** Part of `amount` the payments can't take (flagged, never moved silently). */
    unallocated: number;
  };
  storeCredit: {
    amount: number;
    /** round(store-credit-resolution part × bonus % / 100), issued as a separate credit. */
    bonus: number;
    bonusPercent: number;
    /** ISO instant, or null when the credit doesn't expire (or there is none). */
    expiresAt: string | null;
  };
  exchange: {
    /** Credit of the lines returned for an exchange. */
    returnedValue: number;
    exchangeTotal: number;
    /** returnedValue − exchangeTotal: > 0 surplus (paid out per policy), < 0 shopper tops up. */
    balance: number;
  };
  /** What the shopper owes (−net when net < 0), else 0. */
  invoice: number;
}

// ---------------------------------------------------------------------------
// One line

function assertPercent(p: number, what: string): void {
  if (!Number.isFinite(p) || p < 0 || p > 100) {
    throw new RefundInputError(
      "INVALID_PERCENTAGE",
      `${what} must be between 0 and 100, got ${p}.`,
    );
  }
}

function assertAmount(a: number, what: string): void {
  if (!Number.isSafeInteger(a) || a < 0) {
    throw new RefundInputError(
      "INVALID_AMOUNT",
      `${what} must be a non-negative integer of minor units, got ${a}.`,
    );
  }
}

/** The per-line formulas of docs/refund-arithmetic.md for q of the line item's n units. */
export function calculateLine(order: OrderSnapshot, line: ReturnLineInput): LineCalculation {
  const li = order.lineItems.find((l) => l.id === line.lineItemId);
  if (!li)
    throw new RefundInputError(
      "UNKNOWN_LINE_ITEM",
      `Line item ${line.lineItemId} is not on order ${order.name}.`,
    );
  const q = line.quantity;
  const n = li.quantity;
  if (!Number.isSafeInteger(q) || q <= 0) {
    throw new RefundInputError(
      "INVALID_QUANTITY",
      `Quantity must be a positive whole number, got ${q}.`,
    );
  }
  if (q > n) {
    throw new RefundInputError(
      "QUANTITY_EXCEEDS_LINE",
      `Cannot return ${q} of ${n} units of "${li.title}".`,
    );
  }
  assertPercent(line.restockingFeePercent, "Restocking fee");

  const subtotalBeforeOrderDiscounts = li.originalUnitPrice * q - share(li.lineDiscount, q, n);
  const subtotal = li.originalUnitPrice * q - share(li.lineDiscount + li.orderDiscount, q, n);
  const tax = share(li.tax, q, n);
  const restockingFee = percentOf(subtotal, line.restockingFeePercent);
  const credit = subtotal + (order.taxesIncluded ? 0 : tax) - restockingFee;
  return {
    lineItemId: li.id,
    ...(line.fulfillmentLineItemId !== undefined
      ? { fulfillmentLineItemId: line.fulfillmentLineItemId }
      : {}),
    quantity: q,
    resolution: line.resolution,
    subtotalBeforeOrderDiscounts,
    subtotal,
    tax,
    restockingFeePercent: line.restockingFeePercent,
    restockingFee,
    credit,
  };
}

/** `variantPrice × quantity` minus the applied discount (percentage or amount, capped). */
export function calculateExchangeLine(line: ExchangeLineInput): ExchangeLineCalculation {
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
    throw new RefundInputError(
      "INVALID_QUANTITY",
      `Exchange quantity must be a positive whole number, got ${line.quantity}.`,
    );
  }
  assertAmount(line.unitPrice, "Exchange unit price");
  const gross = line.unitPrice * line.quantity;
  let discount = 0;
  const d = line.appliedDiscount;
  if (d && "percentage" in d) {
    assertPercent(d.percentage, "Exchange discount");
    discount = percentOf(gross, d.percentage);
  } else if (d && "amount" in d) {
    assertAmount(d.amount, "Exchange discount");
    discount = Math.min(d.amount, gross);
  }
  return {
    variantId: line.variantId,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    gross,
    discount,
    total: gross - discount,
  };
}

// ---------------------------------------------------------------------------
// Transactions

function isSuccessfulPayment(t: OrderTransaction): boolean {
  return t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE");
}

function isSuccessfulRefund(t: OrderTransaction): boolean {
  return t.status === "SUCCESS" && t.kind === "REFUND";
}

/**
 * Σ successful SALE/CAPTURE − Σ successful REFUND, exactly as the shared model says (it
 * can go below 0 after an over-refund; callers treat anything ≤ 0 as "nothing left").
 */
export function maximumRefundable(order: OrderSnapshot): number {
  let paid = 0;
  let refunded = 0;
  for (const t of order.transactions) {
    if (isSuccessfulPayment(t)) paid += t.amount;
    else if (isSuccessfulRefund(t)) refunded += t.amount;
  }
  return paid - refunded;
}

export interface RefundablePayment {
  id: string;
  gateway: string;
  kind: "SALE" | "CAPTURE";
  processedAt: string;
  amount: number;
  refunded: number;
  remaining: number;
}

/**
 * Successful payments in the order they were processed (ties keep the order's own
 * transaction order), each with what is still refundable on it.
 */
export function refundablePayments(order: OrderSnapshot): RefundablePayment[] {
  const refundedByParent = new Map<string, number>();
  for (const t of order.transactions) {
    if (isSuccessfulRefund(t) && t.parentId !== null) {
      refundedByParent.set(t.parentId, (refundedByParent.get(t.parentId) ?? 0) + t.amount);
    }
  }
  return order.transactions
    .map((t, index) => ({ t, index }))
    .filter(({ t }) => isSuccessfulPayment(t))
    .sort((a, b) => {
      const d = parseInstant(a.t.processedAt).getTime() - parseInstant(b.t.processedAt).getTime();
      return d !== 0 ? d : a.index - b.index;
    })
    .map(({ t }) => {
      const refunded = refundedByParent.get(t.id) ?? 0;
      return {
        id: t.id,
        gateway: t.gateway,
        kind: t.kind as "SALE" | "CAPTURE",
        processedAt: t.processedAt,
        amount: t.amount,
        refunded,
        remaining: Math.max(0, t.amount - refunded),
      };
    });
}

/**
 * Spreads `amount` over the payments in processed order, each up to its remaining
 * refundable. Only `min(amount, maximumRefundable)` is spread; the rest is `unallocated`.
 */
export function allocateToTransactions(
  order: OrderSnapshot,
  amount: number,
): { transactions: TransactionAllocation[]; unallocated: number } {
  assertAmount(amount, "Refund amount");
  let left = Math.max(0, Math.min(amount, maximumRefundable(order)));
  const transactions: TransactionAllocation[] = [];
  for (const p of refundablePayments(order)) {
    if (left === 0) break;
    const take = Math.min(left, p.remaining);
    if (take > 0) {
      transactions.push({ parentId: p.id, gateway: p.gateway, amount: take });
      left -= take;
    }
  }
  const allocated = transactions.reduce((a, t) => a + t.amount, 0);
  return { transactions, unallocated: amount - allocated };
}

// ---------------------------------------------------------------------------
// A whole return

function shippingRefundOf(order: OrderSnapshot, input: RefundShippingInput | undefined): number {
  if (!input) return 0;
  if (input.amount !== undefined && input.amount !== null) {
    assertAmount(input.amount, "Shipping refund");
    return input.amount;
  }
  return input.fullRefund ? remainingRefundableShipping(order) : 0;
}

/** The Shopify half of a return: everything docs/refund-arithmetic.md defines, no policy. */
export interface ReturnTotalsInput {
  order: OrderSnapshot;
  lines: readonly ReturnLineInput[];
  exchangeLines?: readonly ExchangeLineInput[];
  /** Σ is the return's `returnShippingFee` (what was passed to Shopify). */
  returnShippingFees: readonly number[];
  refundShipping?: RefundShippingInput;
  /** Allocation for the suggestion (default ORIGINAL_PAYMENT_METHODS). */
  refundMethodAllocation?: RefundMethodAllocation;
}

export type ReturnTotals = Omit<ReturnCalculation, "settlement" | "returnShippingFeeDecision">;

/**
 * What Shopify computes for a return (returnCalculate, suggestedFinancialOutcome, the
 * refund cap of returnProcess), independently re-implemented. This is the function the
 * stand-in comparison test calls for every seeded order; it needs no policy.
 */
export function calculateReturnTotals(input: ReturnTotalsInput): ReturnTotals {
  const { order } = input;
  const currency = order.currency;
  minorUnitsOf(currency); // validates the code
  const warnings: CalculationWarning[] = [];

  const lines = input.lines.map((l) => calculateLine(order, l));
  const exchangeLines = (input.exchangeLines ?? []).map(calculateExchangeLine);

  const itemsSubtotal = lines.reduce((a, l) => a + l.subtotal, 0);
  const itemsSubtotalBeforeOrderDiscounts = lines.reduce(
    (a, l) => a + l.subtotalBeforeOrderDiscounts,
    0,
  );
  const itemsTax = lines.reduce((a, l) => a + l.tax, 0);
  const restockingFees = lines.reduce((a, l) => a + l.restockingFee, 0);
  const exchangeTotal = exchangeLines.reduce((a, l) => a + l.total, 0);
  input.returnShippingFees.forEach((f) => assertAmount(f, "Return shipping fee"));
  const returnShippingFees = input.returnShippingFees.reduce((a, f) => a + f, 0);

  const shippingRefund = shippingRefundOf(order, input.refundShipping);
  const remainingShipping = remainingRefundableShipping(order);
  if (shippingRefund > remainingShipping) {
    warnings.push({
      code: "SHIPPING_REFUND_EXCEEDS_REMAINING",
      requested: shippingRefund,
      remaining: remainingShipping,
    });
  }

  const taxAddedToRefund = !order.taxesIncluded;
  const net =
    itemsSubtotal +
    (taxAddedToRefund ? itemsTax : 0) -
    restockingFees -
    returnShippingFees -
    exchangeTotal +
    shippingRefund;
  const totalAdditionalFees = restockingFees + returnShippingFees;
  const outcome: FinancialOutcome =
    net >= 0 ? { kind: "REFUND", amount: net } : { kind: "INVOICE", amount: -net };
  const maxRefundable = maximumRefundable(order);
  if (net > maxRefundable)
    warnings.push({ code: "REFUND_EXCEEDS_REFUNDABLE", requested: net, refundable: maxRefundable });

  // Shopify's suggestion for the whole net under one allocation. "The amount" of the
  // store-credit suggestion is read as the same capped amount as for transactions.
  const allocation = input.refundMethodAllocation ?? "ORIGINAL_PAYMENT_METHODS";
  const suggestedAmount = Math.max(0, Math.min(net, maxRefundable));
  const shopify = {
    allocation,
    outcome,
    suggestedTransactions:
      outcome.kind === "REFUND" && allocation === "ORIGINAL_PAYMENT_METHODS"
        ? allocateToTransactions(order, suggestedAmount).transactions
        : [],
    suggestedStoreCredit:
      outcome.kind === "REFUND" && allocation === "STORE_CREDIT" ? suggestedAmount : null,
  };

  return {
    currency,
    lines,
    exchangeLines,
    itemsSubtotal,
    itemsSubtotalBeforeOrderDiscounts,
    totalCartDiscount: itemsSubtotalBeforeOrderDiscounts - itemsSubtotal,
    itemsTax,
    taxAddedToRefund,
    restockingFees,
    returnShippingFees,
    exchangeTotal,
    shippingRefund,
    totalAdditionalFees,
    net,
    outcome,
    maximumRefundable: maxRefundable,
    shopify,
    warnings,
  };
}

/**
 * The full calculation: Shopify's totals plus the app's per-resolution settlement. The
 * return shipping fee is the recorded one when given, else derived from the policy and
 * the return method (so a request and its later processing agree).
 */
export function calculateReturn(input: ReturnCalculationInput): ReturnCalculation {
  const { order, policy } = input;
  const feeWarnings: CalculationWarning[] = [];
  let returnShippingFees: readonly number[];
  let returnShippingFeeDecision: ReturnShippingFeeDecision | null = null;
  if (input.returnShippingFees !== undefined) {
    returnShippingFees = input.returnShippingFees;
  } else if (input.returnMethod !== undefined) {
    returnShippingFeeDecision = returnShippingFeeFor(policy, {
      method: input.returnMethod,
      currency: order.currency,
      resolutions: input.lines.map((l) => l.resolution),
    });
    returnShippingFees = [returnShippingFeeDecision.amount];
    if (returnShippingFeeDecision.why === "NOT_CONFIGURED_FOR_CURRENCY") {
      feeWarnings.push({ code: "SHIPPING_FEE_NOT_CONFIGURED", currency: order.currency });
    }
  } else {
    throw new RefundInputError(
      "MISSING_SHIPPING_FEE_SOURCE",
      "Pass the return's recorded shipping fees, or the return method to derive them from the policy.",
    );
  }

  const totals = calculateReturnTotals({
    order,
    lines: input.lines,
    exchangeLines: input.exchangeLines,
    returnShippingFees,
    refundShipping: input.refundShipping,
    refundMethodAllocation: input.refundMethodAllocation,
  });

  const settlement = settle({
    order,
    policy,
    lines: totals.lines,
    exchangeTotal: totals.exchangeTotal,
    returnShippingFees: totals.returnShippingFees,
    shippingRefund: totals.shippingRefund,
    processedAt: input.processedAt,
  });
  const warnings = [...feeWarnings, ...totals.warnings];
  if (settlement.originalPayment.unallocated > 0) {
    warnings.push({
      code: "ORIGINAL_PAYMENT_UNALLOCATED",
      amount: settlement.originalPayment.unallocated,
    });
  }
  if (settlement.invoice > 0) warnings.push({ code: "INVOICE_DUE", amount: settlement.invoice });

  return { ...totals, returnShippingFeeDecision, settlement, warnings };
}

/**
 * Splits the net by resolution. Buckets: refund (refund lines + shipping refund − return
 * shipping fee), store credit (store-credit lines), exchange (exchange-resolution lines −
 * exchange items). An exchange surplus goes where the policy says. Deficits (an exchange
 * costing more than what came back, a return shipping fee larger than the refund part)
 * are netted first against the refund, then against exchange surplus credited as store
 * credit, then against store-credit lines; whatever is left is invoiced. That order
 * keeps the store credit the shopper chose (and the bonus computed on it) intact as long
 * as possible. The bonus is paid on store-credit lines only, not on exchange surplus.
 */
function settle(args: {
  order: OrderSnapshot;
  policy: ReturnPolicy;
  lines: LineCalculation[];
  exchangeTotal: number;
  returnShippingFees: number;
  shippingRefund: number;
  processedAt: string | Date;
}): Settlement {
  const { order, policy, lines } = args;
  const creditOf = (r: Resolution) =>
    lines.filter((l) => l.resolution === r).reduce((a, l) => a + l.credit, 0);

  let refund = creditOf("REFUND") + args.shippingRefund - args.returnShippingFees;
  let creditFromLines = creditOf("STORE_CREDIT");
  let creditFromSurplus = 0;
  const returnedValue = creditOf("EXCHANGE");
  const balance = returnedValue - args.exchangeTotal;

  let deficit = 0;
  if (balance > 0) {
    if (policy.exchange.surplusTo === "STORE_CREDIT") creditFromSurplus += balance;
    else refund += balance;
  } else {
    deficit += -balance;
  }
  // Buckets can't be negative: a negative one becomes a deficit for the others.
  if (refund < 0) {
    deficit += -refund;
    refund = 0;
  }
  if (creditFromLines < 0) {
    deficit += -creditFromLines;
    creditFromLines = 0;
  }
  const take = (available: number) => {
    const t = Math.min(available, deficit);
    deficit -= t;
    return t;
  };
  refund -= take(refund);
  creditFromSurplus -= take(creditFromSurplus);
  creditFromLines -= take(creditFromLines);
  const invoice = deficit;

  const { transactions, unallocated } = allocateToTransactions(order, refund);
  const storeCreditAmount = creditFromLines + creditFromSurplus;
  const bonusPercent = policy.storeCredit.bonusPercent;
  const bonus = percentOf(creditFromLines, bonusPercent);
  const expiryDays = policy.storeCredit.expiryDays;
  const expiresAt =
    storeCreditAmount + bonus > 0 && expiryDays !== null
      ? addDaysToInstant(args.processedAt, expiryDays)
      : null;

  return {
    originalPayment: { amount: refund, transactions, unallocated },
    storeCredit: { amount: storeCreditAmount, bonus, bonusPercent, expiresAt },
    exchange: { returnedValue, exchangeTotal: args.exchangeTotal, balance },
    invoice,
  };
}

// ---------------------------------------------------------------------------
// Cross-check with Shopify

/** Shopify's suggestedFinancialOutcome, mapped by the gateway to presentment minor units. */
export interface ShopifySuggestedOutcome {
  currency?: string;
  financialTransfer:
    | {
        kind: "REFUND";
        amount: number;
        suggestedTransactions: readonly { parentId: string; amount: number }[];
        /** Σ SuggestedStoreCreditRefund amounts; null/absent when none. */
        suggestedStoreCredit?: number | null;
      }
    | { kind: "INVOICE"; amount: number }
    | null;
  maximumRefundable: number;
  /** Optional totals; compared when the gateway maps them. */
  discountedSubtotal?: number;
  totalCartDiscountAmount?: number;
  totalTax?: number;
  totalAdditionalFees?: number;
  shipping?: number;
}

export interface OutcomeDifference {
  field: string;
  ours: number | string | null;
  shopify: number | string | null;
}

/**
 * Compares our calculation with Shopify's suggestion. Any difference means the return
 * must not be processed automatically: the caller flags it for a person. A null
 * financialTransfer is read as a refund of 0 with no transactions.
 */
export function compareWithShopify(
  ours: ReturnTotals,
  shopify: ShopifySuggestedOutcome,
): { agrees: boolean; differences: OutcomeDifference[] } {
  const differences: OutcomeDifference[] = [];
  const diff = (
    field: string,
    a: number | string | null,
    b: number | string | null | undefined,
  ) => {
    if (b === undefined) return;
    if (a !== b) differences.push({ field, ours: a, shopify: b });
  };

  diff("currency", ours.currency, shopify.currency);
  const transfer = shopify.financialTransfer ?? {
    kind: "REFUND" as const,
    amount: 0,
    suggestedTransactions: [],
    suggestedStoreCredit: null,
  };
  diff("financialTransfer.kind", ours.shopify.outcome.kind, transfer.kind);
  diff("financialTransfer.amount", ours.shopify.outcome.amount, transfer.amount);
  diff("maximumRefundable", ours.maximumRefundable, shopify.maximumRefundable);
  diff("discountedSubtotal", ours.itemsSubtotal, shopify.discountedSubtotal);
  diff("totalCartDiscountAmount", ours.totalCartDiscount, shopify.totalCartDiscountAmount);
  diff("totalTax", ours.itemsTax, shopify.totalTax);
  diff("totalAdditionalFees", ours.totalAdditionalFees, shopify.totalAdditionalFees);
  diff("shipping", ours.shippingRefund, shopify.shipping);

  if (transfer.kind === "REFUND" && ours.shopify.outcome.kind === "REFUND") {
    const theirs = new Map<string, number>();
    for (const t of transfer.suggestedTransactions)
      theirs.set(t.parentId, (theirs.get(t.parentId) ?? 0) + t.amount);
    const mine = new Map<string, number>();
    for (const t of ours.shopify.suggestedTransactions)
      mine.set(t.parentId, (mine.get(t.parentId) ?? 0) + t.amount);
    for (const id of new Set([...mine.keys(), ...theirs.keys()])) {
      diff(`suggestedTransactions[${id}]`, mine.get(id) ?? null, theirs.get(id) ?? null);
    }
    // A store-credit suggestion of 0 and none at all mean the same.
    const credit = (x: number | null | undefined) =>
      x === undefined || x === null || x === 0 ? null : x;
    diff(
      "suggestedStoreCredit",
      credit(ours.shopify.suggestedStoreCredit),
      credit(transfer.suggestedStoreCredit),
    );
  }
  return { agrees: differences.length === 0, differences };
}
