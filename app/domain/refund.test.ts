import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OrderSnapshot } from "./order";
import type { ReturnPolicy } from "./policy";
import {
  allocateToTransactions,
  calculateExchangeLine,
  calculateLine,
  calculateReturn,
  calculateReturnTotals,
  compareWithShopify,
  maximumRefundable,
  RefundInputError,
  type ReturnCalculationInput,
  type ShopifySuggestedOutcome,
} from "./refund";
import {
  makeLineItem,
  makeOrder,
  makePolicy,
  makeTransaction,
  type DeepPartial,
} from "./testing/fixtures";

const L1 = "gid://shopify/LineItem/1";
const L2 = "gid://shopify/LineItem/2";
const TX1 = "gid://shopify/OrderTransaction/1";
const TX2 = "gid://shopify/OrderTransaction/2";
const PROCESSED_AT = "2026-03-20T10:00:00Z";

function calc(
  over: Partial<ReturnCalculationInput> & { policyChange?: DeepPartial<ReturnPolicy> } = {},
) {
  const { policyChange, ...rest } = over;
  return calculateReturn({
    order: makeOrder(),
    policy: makePolicy(policyChange),
    lines: [{ lineItemId: L1, quantity: 1, resolution: "REFUND", restockingFeePercent: 0 }],
    returnShippingFees: [],
    processedAt: PROCESSED_AT,
    ...rest,
  });
}

describe("calculateLine (docs/refund-arithmetic.md, one return line)", () => {
  // P = 299,00; n = 3; D_line = 10,00; D_order = 10,01; T = 59,81 for all three units.
  const order = makeOrder({
    lineItems: [
      makeLineItem({
        quantity: 3,
        originalUnitPrice: 29_900,
        lineDiscount: 1_000,
        orderDiscount: 1_001,
        tax: 5_981,
      }),
    ],
  });
  it.each([
    { q: 1, f: 0, subtotalBefore: 29_567, subtotal: 29_233, tax: 1_994, fee: 0 },
    { q: 2, f: 0, subtotalBefore: 59_133, subtotal: 58_466, tax: 3_987, fee: 0 },
    { q: 3, f: 0, subtotalBefore: 88_700, subtotal: 87_699, tax: 5_981, fee: 0 },
    { q: 1, f: 15, subtotalBefore: 29_567, subtotal: 29_233, tax: 1_994, fee: 4_385 },
    { q: 1, f: 12.5, subtotalBefore: 29_567, subtotal: 29_233, tax: 1_994, fee: 3_654 },
    { q: 3, f: 100, subtotalBefore: 88_700, subtotal: 87_699, tax: 5_981, fee: 87_699 },
  ])(
    "GIVEN $q of 3 discounted units and a $f % fee WHEN calculated THEN subtotal $subtotal, tax $tax, fee $fee",
    ({ q, f, subtotalBefore, subtotal, tax, fee }) => {
      const line = calculateLine(order, {
        lineItemId: L1,
        quantity: q,
        resolution: "REFUND",
        restockingFeePercent: f,
      });
      expect(line).toMatchObject({
        subtotalBeforeOrderDiscounts: subtotalBefore,
        subtotal,
        tax,
        restockingFee: fee,
      });
      // Tax-inclusive order: the credit is the subtotal minus the fee.
      expect(line.credit).toBe(subtotal - fee);
    },
  );

  it("GIVEN a tax-exclusive order WHEN a line is calculated THEN its credit adds the tax share", () => {
    const o = { ...order, taxesIncluded: false };
    const line = calculateLine(o, {
      lineItemId: L1,
      quantity: 1,
      resolution: "REFUND",
      restockingFeePercent: 15,
    });
    expect(line.credit).toBe(29_233 + 1_994 - 4_385);
  });

  it("GIVEN a JPY order (no minor unit) WHEN a third of an order discount is shared THEN it rounds to whole yen", () => {
    const o = makeOrder({
      currency: "JPY",
      lineItems: [
        makeLineItem({ quantity: 3, originalUnitPrice: 5_000, orderDiscount: 1_000, tax: 1_364 }),
      ],
    });
    expect(
      calculateLine(o, {
        lineItemId: L1,
        quantity: 1,
        resolution: "REFUND",
        restockingFeePercent: 0,
      }),
    ).toMatchObject({
      subtotal: 4_667,
      tax: 455,
    });
  });

  it.each([
    {
      name: "an unknown line item",
      line: { lineItemId: "nope", quantity: 1 },
      code: "UNKNOWN_LINE_ITEM",
    },
    {
      name: "more units than ordered",
      line: { lineItemId: L1, quantity: 4 },
      code: "QUANTITY_EXCEEDS_LINE",
    },
    { name: "zero units", line: { lineItemId: L1, quantity: 0 }, code: "INVALID_QUANTITY" },
    {
      name: "a fractional quantity",
      line: { lineItemId: L1, quantity: 1.5 },
      code: "INVALID_QUANTITY",
    },
    {
      name: "a fee above 100 %",
      line: { lineItemId: L1, quantity: 1, restockingFeePercent: 120 },
      code: "INVALID_PERCENTAGE",
    },
    {
      name: "a negative fee",
      line: { lineItemId: L1, quantity: 1, restockingFeePercent: -1 },
      code: "INVALID_PERCENTAGE",
    },
  ])("GIVEN $name WHEN calculated THEN it throws $code", ({ line, code }) => {
    const input = { resolution: "REFUND" as const, restockingFeePercent: 0, ...line };
    expect(() => calculateLine(order, input)).toThrow(expect.objectContaining({ code }));
  });
});

describe("calculateExchangeLine", () => {
  it.each([
    { unitPrice: 90_000, quantity: 1, discount: null, total: 90_000 },
    { unitPrice: 90_000, quantity: 2, discount: { percentage: 10 }, total: 162_000 },
    { unitPrice: 33_333, quantity: 1, discount: { percentage: 12.5 }, total: 29_166 },
    { unitPrice: 90_000, quantity: 1, discount: { amount: 5_000 }, total: 85_000 },
    { unitPrice: 90_000, quantity: 1, discount: { amount: 200_000 }, total: 0 },
    { unitPrice: 90_000, quantity: 1, discount: { percentage: 100 }, total: 0 },
  ])(
    "GIVEN $quantity × $unitPrice with discount $discount WHEN priced THEN the total is $total",
    ({ unitPrice, quantity, discount, total }) => {
      expect(
        calculateExchangeLine({ variantId: "V", unitPrice, quantity, appliedDiscount: discount })
          .total,
      ).toBe(total);
    },
  );
});

describe("maximumRefundable and transaction allocation", () => {
  const orderWith = (transactions: OrderSnapshot["transactions"]) => makeOrder({ transactions });
  const giftCard = makeTransaction({
    id: TX1,
    gateway: "gift_card",
    amount: 20_000,
    processedAt: "2026-03-01T10:00:00Z",
  });
  const card = makeTransaction({
    id: TX2,
    gateway: "shopify_payments",
    amount: 84_900,
    processedAt: "2026-03-01T10:00:05Z",
  });

  it.each<{
    name: string;
    transactions: OrderSnapshot["transactions"];
    max: number;
    amount: number;
    expected: [string, number][];
    unallocated: number;
  }>([
    {
      name: "one card payment",
      transactions: [makeTransaction({ amount: 104_900 })],
      max: 104_900,
      amount: 100_000,
      expected: [[TX1, 100_000]],
      unallocated: 0,
    },
    {
      name: "gift card then card, listed out of order",
      transactions: [card, giftCard],
      max: 104_900,
      amount: 100_000,
      expected: [
        [TX1, 20_000],
        [TX2, 80_000],
      ],
      unallocated: 0,
    },
    {
      name: "gift card partly refunded already",
      transactions: [
        giftCard,
        card,
        makeTransaction({
          id: "R1",
          kind: "REFUND",
          gateway: "gift_card",
          amount: 5_000,
          parentId: TX1,
          processedAt: "2026-03-05T10:00:00Z",
        }),
      ],
      max: 99_900,
      amount: 100_000,
      expected: [
        [TX1, 15_000],
        [TX2, 84_900],
      ],
      unallocated: 100,
    },
    {
      name: "failed sale, pending refund and a bare authorization",
      transactions: [
        makeTransaction({ id: "A", kind: "AUTHORIZATION", amount: 50_000 }),
        makeTransaction({ id: "F", status: "FAILURE", amount: 50_000 }),
        makeTransaction({ id: TX1, amount: 30_000 }),
        makeTransaction({
          id: "P",
          kind: "REFUND",
          status: "PENDING",
          amount: 30_000,
          parentId: TX1,
        }),
      ],
      max: 30_000,
      amount: 10_000,
      expected: [[TX1, 10_000]],
      unallocated: 0,
    },
    {
      name: "an authorization captured",
      transactions: [
        makeTransaction({ id: "A", kind: "AUTHORIZATION", gateway: "klarna", amount: 104_900 }),
        makeTransaction({
          id: "C",
          kind: "CAPTURE",
          gateway: "klarna",
          amount: 104_900,
          parentId: "A",
        }),
      ],
      max: 104_900,
      amount: 104_900,
      expected: [["C", 104_900]],
      unallocated: 0,
    },
    {
      name: "an order refunded in full",
      transactions: [
        makeTransaction({ amount: 1_000 }),
        makeTransaction({ id: "R", kind: "REFUND", amount: 1_000, parentId: TX1 }),
      ],
      max: 0,
      amount: 500,
      expected: [],
      unallocated: 500,
    },
    {
      name: "an over-refunded order (the maximum goes negative, as in the shared model)",
      transactions: [
        makeTransaction({ amount: 1_000 }),
        makeTransaction({ id: "R", kind: "REFUND", amount: 1_500, parentId: TX1 }),
      ],
      max: -500,
      amount: 500,
      expected: [],
      unallocated: 500,
    },
  ])(
    "GIVEN $name WHEN $amount is allocated THEN max is $max and payments take $expected",
    ({ transactions, max, amount, expected, unallocated }) => {
      const order = orderWith(transactions);
      expect(maximumRefundable(order)).toBe(max);
      const result = allocateToTransactions(order, amount);
      expect(result.transactions.map((t) => [t.parentId, t.amount])).toEqual(expected);
      expect(result.unallocated).toBe(unallocated);
    },
  );
});

describe("calculateReturn — totals, net and outcome", () => {
  const taxExclusive = makeOrder({
    taxesIncluded: false,
    transactions: [makeTransaction({ amount: 124_900 })],
  });
  const twoLines = makeOrder({
    lineItems: [makeLineItem(), makeLineItem({ id: L2, originalUnitPrice: 50_000, tax: 10_000 })],
    transactions: [makeTransaction({ amount: 154_900 })],
  });

  it.each<{
    name: string;
    input: Partial<ReturnCalculationInput> & { policyChange?: DeepPartial<ReturnPolicy> };
    expected: Record<string, unknown>;
  }>([
    {
      name: "a plain tax-inclusive refund",
      input: {},
      expected: {
        itemsSubtotal: 100_000,
        itemsTax: 20_000,
        restockingFees: 0,
        returnShippingFees: 0,
        net: 100_000,
        outcome: { kind: "REFUND", amount: 100_000 },
      },
    },
    {
      name: "a tax-exclusive order (tax refunded on top)",
      input: { order: taxExclusive },
      expected: { itemsSubtotal: 100_000, itemsTax: 20_000, taxAddedToRefund: true, net: 120_000 },
    },
    {
      name: "a 15 % restocking fee",
      input: {
        lines: [{ lineItemId: L1, quantity: 1, resolution: "REFUND", restockingFeePercent: 15 }],
      },
      expected: { restockingFees: 15_000, totalAdditionalFees: 15_000, net: 85_000 },
    },
    {
      name: "a recorded return shipping fee",
      input: { returnShippingFees: [4_900] },
      expected: { returnShippingFees: 4_900, totalAdditionalFees: 4_900, net: 95_100 },
    },
    {
      name: "a drop-off fee from the policy",
      input: {
        returnShippingFees: undefined,
        returnMethod: "DROP_OFF",
        policyChange: { returnShippingFee: { byMethod: { DROP_OFF: { SEK: 4_900 } } } },
      },
      expected: {
        returnShippingFees: 4_900,
        net: 95_100,
        returnShippingFeeDecision: { amount: 4_900, currency: "SEK", why: "CHARGED" },
      },
    },
    {
      name: "a drop-off fee waived for an exchange",
      input: {
        returnShippingFees: undefined,
        returnMethod: "DROP_OFF",
        policyChange: { returnShippingFee: { byMethod: { DROP_OFF: { SEK: 4_900 } } } },
        lines: [{ lineItemId: L1, quantity: 1, resolution: "EXCHANGE", restockingFeePercent: 0 }],
        exchangeLines: [{ variantId: "V2", quantity: 1, unitPrice: 100_000 }],
      },
      expected: {
        returnShippingFees: 0,
        exchangeTotal: 100_000,
        net: 0,
        outcome: { kind: "REFUND", amount: 0 },
      },
    },
    {
      name: "a cheaper exchange item with a 10 % discount",
      input: {
        lines: [{ lineItemId: L1, quantity: 1, resolution: "EXCHANGE", restockingFeePercent: 0 }],
        exchangeLines: [
          { variantId: "V2", quantity: 1, unitPrice: 90_000, appliedDiscount: { percentage: 10 } },
        ],
      },
      expected: { exchangeTotal: 81_000, net: 19_000, outcome: { kind: "REFUND", amount: 19_000 } },
    },
    {
      name: "a dearer exchange item",
      input: {
        lines: [{ lineItemId: L1, quantity: 1, resolution: "EXCHANGE", restockingFeePercent: 0 }],
        exchangeLines: [{ variantId: "V2", quantity: 1, unitPrice: 120_000 }],
      },
      expected: {
        exchangeTotal: 120_000,
        net: -20_000,
        outcome: { kind: "INVOICE", amount: 20_000 },
      },
    },
    {
      name: "a full shipping refund",
      input: { refundShipping: { fullRefund: true } },
      expected: { shippingRefund: 4_900, net: 104_900 },
    },
    {
      name: "a shipping refund amount that overrides fullRefund",
      input: { refundShipping: { fullRefund: true, amount: 2_000 } },
      expected: { shippingRefund: 2_000, net: 102_000 },
    },
    {
      name: "two lines with different fees",
      input: {
        order: twoLines,
        lines: [
          { lineItemId: L1, quantity: 1, resolution: "REFUND", restockingFeePercent: 10 },
          { lineItemId: L2, quantity: 1, resolution: "REFUND", restockingFeePercent: 0 },
        ],
      },
      expected: { itemsSubtotal: 150_000, itemsTax: 30_000, restockingFees: 10_000, net: 140_000 },
    },
  ])(
    "GIVEN $name WHEN the return is calculated THEN the totals match the shared model",
    ({ input, expected }) => {
      expect(calc(input)).toMatchObject(expected);
    },
  );

  it("GIVEN the net formula WHEN any return is calculated THEN net = items (+tax) − fees − exchange + shipping", () => {
    fc.assert(
      fc.property(
        fc.record({
          price: fc.integer({ min: 0, max: 500_000 }),
          n: fc.integer({ min: 1, max: 6 }),
          lineDiscount: fc.integer({ min: 0, max: 10_000 }),
          orderDiscount: fc.integer({ min: 0, max: 10_000 }),
          tax: fc.integer({ min: 0, max: 100_000 }),
          qRaw: fc.integer({ min: 1, max: 6 }),
          fee: fc.integer({ min: 0, max: 100 }),
          shipFee: fc.integer({ min: 0, max: 20_000 }),
          exchange: fc.integer({ min: 0, max: 300_000 }),
          taxesIncluded: fc.boolean(),
        }),
        (r) => {
          const q = ((r.qRaw - 1) % r.n) + 1;
          const order = makeOrder({
            taxesIncluded: r.taxesIncluded,
            lineItems: [
              makeLineItem({
                quantity: r.n,
                originalUnitPrice: r.price,
                lineDiscount: r.lineDiscount,
                orderDiscount: r.orderDiscount,
                tax: r.tax,
              }),
            ],
          });
          const result = calc({
            order,
            lines: [
              { lineItemId: L1, quantity: q, resolution: "EXCHANGE", restockingFeePercent: r.fee },
            ],
            exchangeLines:
              r.exchange > 0 ? [{ variantId: "V", quantity: 1, unitPrice: r.exchange }] : [],
            returnShippingFees: [r.shipFee],
          });
          const line = result.lines[0];
          expect(line.subtotal).toBe(
            r.price * q - Math.round(((r.lineDiscount + r.orderDiscount) * q) / r.n),
          );
          expect(result.net).toBe(
            line.subtotal +
              (r.taxesIncluded ? 0 : line.tax) -
              line.restockingFee -
              r.shipFee -
              r.exchange,
          );
          expect(
            result.outcome.kind === "REFUND" ? result.outcome.amount : -result.outcome.amount,
          ).toBe(result.net);
        },
      ),
    );
  });
});

describe("calculateReturnTotals (policy-free, what the stand-in comparison calls)", () => {
  it("GIVEN the same return WHEN calculated with and without the app layer THEN the Shopify totals are identical", () => {
    const order = makeOrder({
      taxesIncluded: false,
      lineItems: [
        makeLineItem({
          quantity: 3,
          originalUnitPrice: 29_900,
          lineDiscount: 1_000,
          orderDiscount: 1_001,
          tax: 5_981,
        }),
      ],
      transactions: [makeTransaction({ amount: 200_000 })],
    });
    const lines = [
      { lineItemId: L1, quantity: 2, resolution: "REFUND" as const, restockingFeePercent: 15 },
    ];
    const totals = calculateReturnTotals({
      order,
      lines,
      returnShippingFees: [4_900],
      refundShipping: { fullRefund: true },
    });
    const full = calc({
      order,
      lines,
      returnShippingFees: [4_900],
      refundShipping: { fullRefund: true },
    });
    for (const key of Object.keys(totals) as (keyof typeof totals)[])
      expect(full[key], key).toEqual(totals[key]);
    expect(totals).toMatchObject({
      itemsSubtotalBeforeOrderDiscounts: 59_133,
      totalCartDiscount: 667,
    });
    // 58 466 + 3 987 tax − 8 770 restocking − 4 900 fee + 4 900 shipping
    expect(totals.net).toBe(58_466 + 3_987 - 8_770 - 4_900 + 4_900);
  });

  it("GIVEN a negative shipping fee WHEN calculated THEN it is refused", () => {
    expect(() =>
      calculateReturnTotals({ order: makeOrder(), lines: [], returnShippingFees: [-1] }),
    ).toThrow(RefundInputError);
  });
});

describe("calculateReturn — Shopify mirror", () => {
  it.each([
    {
      name: "original payment methods",
      allocation: "ORIGINAL_PAYMENT_METHODS" as const,
      transactions: [[TX1, 100_000]],
      storeCredit: null,
    },
    {
      name: "store credit",
      allocation: "STORE_CREDIT" as const,
      transactions: [],
      storeCredit: 100_000,
    },
  ])(
    "GIVEN allocation $name WHEN calculated THEN the suggestion is $transactions / $storeCredit",
    ({ allocation, transactions, storeCredit }) => {
      const result = calc({ refundMethodAllocation: allocation });
      expect(result.shopify.suggestedTransactions.map((t) => [t.parentId, t.amount])).toEqual(
        transactions,
      );
      expect(result.shopify.suggestedStoreCredit).toBe(storeCredit);
    },
  );

  it("GIVEN earlier refunds leaving less than the net WHEN calculated THEN the suggestion is capped at maximumRefundable and flagged", () => {
    const order = makeOrder({
      transactions: [
        makeTransaction({ amount: 104_900 }),
        makeTransaction({ id: "R", kind: "REFUND", amount: 30_000, parentId: TX1 }),
      ],
    });
    const result = calc({ order });
    expect(result.maximumRefundable).toBe(74_900);
    expect(result.outcome).toEqual({ kind: "REFUND", amount: 100_000 });
    expect(result.shopify.suggestedTransactions).toEqual([
      { parentId: TX1, gateway: "shopify_payments", amount: 74_900 },
    ]);
    expect(result.settlement.originalPayment).toMatchObject({
      amount: 100_000,
      unallocated: 25_100,
    });
    expect(result.warnings).toEqual([
      { code: "REFUND_EXCEEDS_REFUNDABLE", requested: 100_000, refundable: 74_900 },
      { code: "ORIGINAL_PAYMENT_UNALLOCATED", amount: 25_100 },
    ]);
  });

  it("GIVEN an invoice outcome WHEN calculated THEN nothing is suggested for refund", () => {
    const result = calc({
      lines: [{ lineItemId: L1, quantity: 1, resolution: "EXCHANGE", restockingFeePercent: 0 }],
      exchangeLines: [{ variantId: "V2", quantity: 1, unitPrice: 120_000 }],
    });
    expect(result.shopify.suggestedTransactions).toEqual([]);
    expect(result.shopify.suggestedStoreCredit).toBeNull();
  });

  it("GIVEN a return without recorded fees or a method WHEN calculated THEN it refuses to guess the shipping fee", () => {
    expect(() => calc({ returnShippingFees: undefined })).toThrow(RefundInputError);
  });
});

describe("calculateReturn — per-resolution settlement", () => {
  const twoLines = makeOrder({
    lineItems: [makeLineItem(), makeLineItem({ id: L2, originalUnitPrice: 50_000, tax: 10_000 })],
    transactions: [makeTransaction({ amount: 154_900 })],
  });
  const line = (id: string, resolution: "REFUND" | "STORE_CREDIT" | "EXCHANGE", fee = 0) => ({
    lineItemId: id,
    quantity: 1,
    resolution,
    restockingFeePercent: fee,
  });

  it.each<{
    name: string;
    input: Partial<ReturnCalculationInput> & { policyChange?: DeepPartial<ReturnPolicy> };
    refund: number;
    credit: number;
    bonus: number;
    invoice: number;
    balance?: number;
  }>([
    {
      name: "refund line + store-credit line with a 10 % bonus",
      input: {
        order: twoLines,
        lines: [line(L1, "REFUND"), line(L2, "STORE_CREDIT")],
        policyChange: { storeCredit: { bonusPercent: 10 } },
      },
      refund: 100_000,
      credit: 50_000,
      bonus: 5_000,
      invoice: 0,
    },
    {
      name: "a store-credit-only return with a 12.5 % bonus on an odd amount",
      input: {
        order: makeOrder({ lineItems: [makeLineItem({ originalUnitPrice: 33_333 })] }),
        lines: [line(L1, "STORE_CREDIT")],
        policyChange: { storeCredit: { bonusPercent: 12.5 } },
      },
      refund: 0,
      credit: 33_333,
      bonus: 4_167,
      invoice: 0,
    },
    {
      name: "an exchange surplus paid back as a refund",
      input: {
        order: twoLines,
        lines: [line(L1, "EXCHANGE")],
        exchangeLines: [{ variantId: "V", quantity: 1, unitPrice: 80_000 }],
      },
      refund: 20_000,
      credit: 0,
      bonus: 0,
      invoice: 0,
      balance: 20_000,
    },
    {
      name: "an exchange surplus paid as store credit (no bonus on it)",
      input: {
        order: twoLines,
        lines: [line(L1, "EXCHANGE")],
        exchangeLines: [{ variantId: "V", quantity: 1, unitPrice: 80_000 }],
        policyChange: {
          exchange: { surplusTo: "STORE_CREDIT" },
          storeCredit: { bonusPercent: 10 },
        },
      },
      refund: 0,
      credit: 20_000,
      bonus: 0,
      invoice: 0,
      balance: 20_000,
    },
    {
      name: "an exchange upgrade netted against a refund line",
      input: {
        order: twoLines,
        lines: [line(L1, "REFUND"), line(L2, "EXCHANGE")],
        exchangeLines: [{ variantId: "V", quantity: 1, unitPrice: 70_000 }],
      },
      refund: 80_000,
      credit: 0,
      bonus: 0,
      invoice: 0,
      balance: -20_000,
    },
    {
      name: "an exchange upgrade larger than the refund, then eating into store credit",
      input: {
        order: twoLines,
        lines: [line(L1, "STORE_CREDIT"), line(L2, "EXCHANGE")],
        exchangeLines: [{ variantId: "V", quantity: 1, unitPrice: 70_000 }],
        policyChange: { storeCredit: { bonusPercent: 10 } },
      },
      refund: 0,
      credit: 80_000,
      bonus: 8_000,
      invoice: 0,
    },
    {
      name: "an exchange upgrade nothing can cover",
      input: {
        order: twoLines,
        lines: [line(L2, "EXCHANGE")],
        exchangeLines: [{ variantId: "V", quantity: 1, unitPrice: 70_000 }],
      },
      refund: 0,
      credit: 0,
      bonus: 0,
      invoice: 20_000,
    },
    {
      name: "a return shipping fee on a store-credit-only return",
      input: { lines: [line(L1, "STORE_CREDIT")], returnShippingFees: [4_900] },
      refund: 0,
      credit: 95_100,
      bonus: 0,
      invoice: 0,
    },
    {
      name: "a return shipping fee larger than a cheap store-credit item",
      input: {
        order: makeOrder({ lineItems: [makeLineItem({ originalUnitPrice: 3_000 })] }),
        lines: [line(L1, "STORE_CREDIT")],
        returnShippingFees: [4_900],
      },
      refund: 0,
      credit: 0,
      bonus: 0,
      invoice: 1_900,
    },
    {
      name: "a shipping refund going back to the original payment",
      input: { lines: [line(L1, "STORE_CREDIT")], refundShipping: { fullRefund: true } },
      refund: 4_900,
      credit: 100_000,
      bonus: 0,
      invoice: 0,
    },
    {
      name: "a shipping fee netted against exchange surplus credit before the chosen store credit (bonus kept)",
      input: {
        order: twoLines,
        lines: [line(L1, "STORE_CREDIT"), line(L2, "EXCHANGE")],
        exchangeLines: [{ variantId: "V", quantity: 1, unitPrice: 40_000 }],
        returnShippingFees: [4_900],
        policyChange: {
          exchange: { surplusTo: "STORE_CREDIT" },
          storeCredit: { bonusPercent: 10 },
        },
      },
      refund: 0,
      credit: 105_100,
      bonus: 10_000,
      invoice: 0,
      balance: 10_000,
    },
    {
      name: "a restocking fee on the store-credit line only",
      input: {
        order: twoLines,
        lines: [line(L1, "REFUND"), line(L2, "STORE_CREDIT", 20)],
        policyChange: { storeCredit: { bonusPercent: 10 } },
      },
      refund: 100_000,
      credit: 40_000,
      bonus: 4_000,
      invoice: 0,
    },
  ])(
    "GIVEN $name WHEN settled THEN refund $refund, store credit $credit (+$bonus), invoice $invoice",
    ({ input, refund, credit, bonus, invoice, balance }) => {
      const result = calc(input);
      const s = result.settlement;
      expect(s.originalPayment.amount).toBe(refund);
      expect(s.storeCredit.amount).toBe(credit);
      expect(s.storeCredit.bonus).toBe(bonus);
      expect(s.invoice).toBe(invoice);
      if (balance !== undefined) expect(s.exchange.balance).toBe(balance);
      expect(s.originalPayment.amount + s.storeCredit.amount - s.invoice).toBe(result.net);
    },
  );

  it.each([
    { expiryDays: 365, amountLine: "STORE_CREDIT" as const, expected: "2027-03-20T10:00:00.000Z" },
    { expiryDays: 30, amountLine: "STORE_CREDIT" as const, expected: "2026-04-19T10:00:00.000Z" },
    { expiryDays: null, amountLine: "STORE_CREDIT" as const, expected: null },
    { expiryDays: 365, amountLine: "REFUND" as const, expected: null },
  ])(
    "GIVEN expiry $expiryDays days and a $amountLine line WHEN settled THEN the credit expires at $expected",
    ({ expiryDays, amountLine, expected }) => {
      const result = calc({
        lines: [{ lineItemId: L1, quantity: 1, resolution: amountLine, restockingFeePercent: 0 }],
        policyChange: { storeCredit: { expiryDays } },
      });
      expect(result.settlement.storeCredit.expiresAt).toBe(expected);
    },
  );

  it("GIVEN a gift card and a card payment WHEN the refund part is settled THEN it follows processed order", () => {
    const order = makeOrder({
      transactions: [
        makeTransaction({
          id: TX2,
          gateway: "shopify_payments",
          amount: 84_900,
          processedAt: "2026-03-01T10:00:05Z",
        }),
        makeTransaction({
          id: TX1,
          gateway: "gift_card",
          amount: 20_000,
          processedAt: "2026-03-01T10:00:00Z",
        }),
      ],
    });
    expect(calc({ order }).settlement.originalPayment.transactions).toEqual([
      { parentId: TX1, gateway: "gift_card", amount: 20_000 },
      { parentId: TX2, gateway: "shopify_payments", amount: 80_000 },
    ]);
  });

  it("GIVEN any mix of resolutions, fees and exchanges WHEN settled THEN refund + credit − invoice = net and no part is negative", () => {
    const resolution = fc.constantFrom(
      "REFUND" as const,
      "STORE_CREDIT" as const,
      "EXCHANGE" as const,
    );
    fc.assert(
      fc.property(
        resolution,
        resolution,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.boolean(),
        fc.constantFrom("REFUND" as const, "STORE_CREDIT" as const),
        fc.integer({ min: 0, max: 50 }),
        (r1, r2, fee, exchange, shipFee, shipRefund, surplusTo, bonus) => {
          const order = makeOrder({
            lineItems: [
              makeLineItem(),
              makeLineItem({ id: L2, originalUnitPrice: 50_000, tax: 10_000 }),
            ],
            transactions: [makeTransaction({ amount: 154_900 })],
          });
          const result = calc({
            order,
            lines: [line(L1, r1, fee), line(L2, r2)],
            exchangeLines:
              exchange > 0 ? [{ variantId: "V", quantity: 1, unitPrice: exchange }] : [],
            returnShippingFees: [shipFee],
            refundShipping: { fullRefund: shipRefund },
            policyChange: { exchange: { surplusTo }, storeCredit: { bonusPercent: bonus } },
          });
          const s = result.settlement;
          expect(s.originalPayment.amount + s.storeCredit.amount - s.invoice).toBe(result.net);
          for (const v of [
            s.originalPayment.amount,
            s.storeCredit.amount,
            s.storeCredit.bonus,
            s.invoice,
          ]) {
            expect(v).toBeGreaterThanOrEqual(0);
          }
          expect(s.invoice > 0).toBe(result.net < 0);
          const allocated = s.originalPayment.transactions.reduce((a, t) => a + t.amount, 0);
          expect(allocated + s.originalPayment.unallocated).toBe(s.originalPayment.amount);
          const suggested = result.shopify.suggestedTransactions.reduce((a, t) => a + t.amount, 0);
          expect(suggested).toBe(Math.min(Math.max(result.net, 0), result.maximumRefundable));
        },
      ),
    );
  });
});

describe("compareWithShopify", () => {
  const ours = calc({ returnShippingFees: [4_900] });
  const agreeing: ShopifySuggestedOutcome = {
    currency: "SEK",
    financialTransfer: {
      kind: "REFUND",
      amount: 95_100,
      suggestedTransactions: [{ parentId: TX1, amount: 95_100 }],
      suggestedStoreCredit: null,
    },
    maximumRefundable: 104_900,
    discountedSubtotal: 100_000,
    totalTax: 20_000,
    totalAdditionalFees: 4_900,
    totalCartDiscountAmount: 0,
    shipping: 0,
  };

  it.each<{ name: string; shopify: ShopifySuggestedOutcome; fields: string[] }>([
    { name: "the same numbers", shopify: agreeing, fields: [] },
    {
      name: "a store-credit suggestion of 0",
      shopify: {
        ...agreeing,
        financialTransfer: {
          ...(agreeing.financialTransfer as {
            kind: "REFUND";
            amount: number;
            suggestedTransactions: [];
          }),
          suggestedStoreCredit: 0,
        },
      },
      fields: [],
    },
    {
      name: "only the required fields",
      shopify: { financialTransfer: agreeing.financialTransfer, maximumRefundable: 104_900 },
      fields: [],
    },
    {
      name: "a different refund amount",
      shopify: {
        ...agreeing,
        financialTransfer: {
          kind: "REFUND",
          amount: 100_000,
          suggestedTransactions: [{ parentId: TX1, amount: 95_100 }],
        },
      },
      fields: ["financialTransfer.amount"],
    },
    {
      name: "an invoice instead of a refund",
      shopify: { ...agreeing, financialTransfer: { kind: "INVOICE", amount: 95_100 } },
      fields: ["financialTransfer.kind"],
    },
    {
      name: "a different maximum refundable",
      shopify: { ...agreeing, maximumRefundable: 100_000 },
      fields: ["maximumRefundable"],
    },
    {
      name: "a different transaction",
      shopify: {
        ...agreeing,
        financialTransfer: {
          kind: "REFUND",
          amount: 95_100,
          suggestedTransactions: [{ parentId: TX2, amount: 95_100 }],
        },
      },
      fields: [`suggestedTransactions[${TX1}]`, `suggestedTransactions[${TX2}]`],
    },
    {
      name: "a split we did not make",
      shopify: {
        ...agreeing,
        financialTransfer: {
          kind: "REFUND",
          amount: 95_100,
          suggestedTransactions: [
            { parentId: TX1, amount: 90_000 },
            { parentId: TX2, amount: 5_100 },
          ],
        },
      },
      fields: [`suggestedTransactions[${TX1}]`, `suggestedTransactions[${TX2}]`],
    },
    {
      name: "store credit suggested where we refund",
      shopify: {
        ...agreeing,
        financialTransfer: {
          kind: "REFUND",
          amount: 95_100,
          suggestedTransactions: [{ parentId: TX1, amount: 95_100 }],
          suggestedStoreCredit: 95_100,
        },
      },
      fields: ["suggestedStoreCredit"],
    },
    { name: "another currency", shopify: { ...agreeing, currency: "EUR" }, fields: ["currency"] },
    {
      name: "different fees",
      shopify: { ...agreeing, totalAdditionalFees: 0 },
      fields: ["totalAdditionalFees"],
    },
    {
      name: "a different tax total",
      shopify: { ...agreeing, totalTax: 19_999 },
      fields: ["totalTax"],
    },
    {
      name: "a different subtotal",
      shopify: { ...agreeing, discountedSubtotal: 99_999 },
      fields: ["discountedSubtotal"],
    },
    {
      name: "a cart discount we did not see",
      shopify: { ...agreeing, totalCartDiscountAmount: 500 },
      fields: ["totalCartDiscountAmount"],
    },
    {
      name: "a shipping refund we did not plan",
      shopify: { ...agreeing, shipping: 4_900 },
      fields: ["shipping"],
    },
    {
      name: "no financial transfer while we refund",
      shopify: { ...agreeing, financialTransfer: null },
      fields: ["financialTransfer.amount", `suggestedTransactions[${TX1}]`],
    },
  ])(
    "GIVEN Shopify suggests $name WHEN compared THEN the differing fields are $fields",
    ({ shopify, fields }) => {
      const result = compareWithShopify(ours, shopify);
      expect(result.differences.map((d) => d.field)).toEqual(fields);
      expect(result.agrees).toBe(fields.length === 0);
    },
  );

  it("GIVEN a zero net and no financial transfer from Shopify WHEN compared THEN they agree", () => {
    const zero = calc({
      lines: [{ lineItemId: L1, quantity: 1, resolution: "EXCHANGE", restockingFeePercent: 0 }],
      exchangeLines: [{ variantId: "V2", quantity: 1, unitPrice: 100_000 }],
    });
    expect(
      compareWithShopify(zero, { financialTransfer: null, maximumRefundable: 104_900 }),
    ).toEqual({ agrees: true, differences: [] });
  });

  it("GIVEN a difference WHEN compared THEN both values are reported for the merchant", () => {
    const result = compareWithShopify(ours, { ...agreeing, maximumRefundable: 1 });
    expect(result.differences).toEqual([{ field: "maximumRefundable", ours: 104_900, shopify: 1 }]);
  });
});
