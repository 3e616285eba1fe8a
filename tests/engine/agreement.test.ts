/**
 * SELF-CONSISTENCY, not agreement with Shopify: both sides below implement our own written
 * model (docs/refund-arithmetic.md), so this proves the two implementations match that
 * model, not that the model matches Shopify (docs/guarantees.md).
 *
 * The app's refund arithmetic (app/domain/refund.ts) and the offline stand-in's
 * (simulator/admin/arithmetic.ts, playing Shopify) implement docs/refund-arithmetic.md
 * independently. This test makes them agree on EVERY seeded order of nordic-demo that
 * still has something returnable:
 *
 * (a) line level: Shopify's `returnCalculate`, asked through the app's real gateway client,
 *     against the domain's `calculateLine` / `calculateReturnTotals` for every returnable
 *     fulfillment line (its whole returnable quantity, and 1 unit when more are returnable),
 *     with restocking fees (10 % and 12.5 %) on some lines and a return shipping fee on
 *     some orders;
 * (b) whole return: for a representative subset (every currency, every payment gateway
 *     including gift card and gift card + card, tax-exclusive #1173, both discounts #1174,
 *     partially refunded orders, an exchange), the return is created in the stand-in by the
 *     app's own services (requestReturn + approveReturn) — or by the gateway's createReturn
 *     where the shop's policy would refuse the order — and Shopify's
 *     `suggestedFinancialOutcome` must agree with `calculateReturnTotals` field by field
 *     (`compareWithShopify(...).differences` is empty).
 */
import { parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  calculateLine,
  calculateReturnTotals,
  compareWithShopify,
  DEFAULT_RETURN_POLICY,
  evaluateEligibility,
  type ExchangeLineInput,
  type OrderSnapshot,
  type RefundMethodAllocation,
  type RefundShippingInput,
  type ReturnLineInput,
  type ReturnPolicy,
} from "~/domain";
import { fromMinorUnits, toMinorUnits } from "~/shopify/money";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { createReturn, fetchReturn, fetchSuggestedOutcome } from "~/shopify/returns.server";
import { fetchVariantsForExchange } from "~/shopify/variants.server";
import { approveReturn } from "~/services/return-lifecycle.server";
import { toDomainOutcome } from "~/services/return-processing.server";
import { requireReturn } from "~/services/return-records.server";
import { requestReturn, type RequestedReturnLine } from "~/services/return-request.server";
import { loadAdminSchema } from "../../graphql/admin-schema";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-agreement" };

// ---------------------------------------------------------------------------------------
// The test's own GraphQL document. tests/graphql/schema-validity only scans app/, so this
// file validates it against the official Admin schema itself (first test below).

const RETURN_CALCULATE_QUERY = `#graphql
  query AgreementReturnCalculate($input: CalculateReturnInput!) {
    returnCalculate(input: $input) {
      returnLineItems {
        quantity
        fulfillmentLineItem { id }
        subtotalSet { presentmentMoney { amount currencyCode } }
        subtotalBeforeOrderDiscountsSet { presentmentMoney { amount currencyCode } }
        totalTaxSet { presentmentMoney { amount currencyCode } }
        restockingFee { percentage amountSet { presentmentMoney { amount currencyCode } } }
      }
      returnShippingFee { amountSet { presentmentMoney { amount currencyCode } } }
    }
  }
`;

interface Money {
  amount: string;
  currencyCode: string;
}
interface ReturnCalculateData {
  returnCalculate: {
    returnLineItems: {
      quantity: number;
      fulfillmentLineItem: { id: string };
      subtotalSet: { presentmentMoney: Money };
      subtotalBeforeOrderDiscountsSet: { presentmentMoney: Money };
      totalTaxSet: { presentmentMoney: Money };
      restockingFee: { percentage: number; amountSet: { presentmentMoney: Money } } | null;
    }[];
    returnShippingFee: { amountSet: { presentmentMoney: Money } } | null;
  } | null;
}
interface ReturnCalculateVariables {
  input: {
    orderId: string;
    returnLineItems: { fulfillmentLineItemId: string; quantity: number; restockingFee?: { percentage: number } }[];
    returnShippingFee?: { amount: Money };
  };
}

/** A return shipping fee per currency (minor units), used on every other order. */
const SHIPPING_FEE: Record<string, number> = { SEK: 4900, DKK: 3900, NOK: 4900, EUR: 595 };
/** Restocking fee pattern over the returnable lines: none, 10 %, 12.5 %. */
const FEE_PATTERN = [0, 10, 12.5] as const;
/** returnCalculate takes at most 250 input items; #1150 has 260 lines. */
const CHUNK = 50;

interface ReturnableLine {
  fulfillmentLineItemId: string;
  lineItemId: string;
  returnable: number;
}

/** Every fulfillment line Shopify still lets go back, with its returnable quantity. */
function returnableLines(order: OrderSnapshot): ReturnableLine[] {
  return order.fulfillments.flatMap((f) =>
    f.lines
      .filter((l) => (order.returnableQuantities[l.fulfillmentLineItemId] ?? 0) > 0)
      .map((l) => ({
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        lineItemId: l.lineItemId,
        returnable: order.returnableQuantities[l.fulfillmentLineItemId],
      })),
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------------------------------
// (a) Line level: every returnable line of every seeded order

describe("refund arithmetic agrees with the stand-in's returnCalculate, line by line, for every seeded order", () => {
  // Part (a) only talks to the stand-in through the gateway client; the engine's database
  // is not used, so it runs once (SQLite) rather than once per provider.
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine("sqlite");
  });
  afterAll(async () => engine.close());

  it("GIVEN the test's returnCalculate document WHEN validated against the official Admin schema 2026-10 THEN it has no errors", () => {
    const errors = validate(loadAdminSchema(), parse(RETURN_CALCULATE_QUERY));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it(
    "GIVEN every seeded order with returnable lines WHEN Shopify's returnCalculate is asked for each line (full returnable quantity and 1 unit, with 10 % / 12.5 % restocking fees and return shipping fees) THEN subtotal, subtotal before order discounts, tax, restocking fee and the return's totals equal the domain's",
    async () => {
      const mismatches: string[] = [];
      let ordersCompared = 0;
      let linesCompared = 0;
      let callsCompared = 0;
      let skipped = 0;
      let lineCounter = 0;
      const currencies = new Set<string>();
      const seen = { restockingFee: 0, shippingFee: 0, lineDiscount: 0, orderDiscount: 0, taxExclusive: 0, partialQuantity: 0 };

      const records = engine.api.store.shop(engine.shop).orders;
      for (const [orderIndex, rec] of records.entries()) {
        if (rec.cancelledAt || rec.fulfillmentIds.length === 0) {
          skipped++;
          continue;
        }
        const order = await fetchOrderSnapshot(engine.admin, rec.id);
        const lines = returnableLines(order);
        if (lines.length === 0) {
          skipped++;
          continue;
        }
        ordersCompared++;
        currencies.add(order.currency);
        if (!order.taxesIncluded) seen.taxExclusive++;
        const feeOf = new Map(lines.map((l) => [l.fulfillmentLineItemId, FEE_PATTERN[lineCounter++ % FEE_PATTERN.length]]));
        const shippingFee = orderIndex % 2 === 0 ? SHIPPING_FEE[order.currency] : null;

        // Call 1: each line at its whole returnable quantity. Call 2: one unit of the lines
        // with more than one returnable unit (a separate call: one line per return request).
        const requests = [
          lines.map((l) => ({ line: l, quantity: l.returnable })),
          lines.filter((l) => l.returnable > 1).map((l) => ({ line: l, quantity: 1 })),
        ].filter((r) => r.length > 0);

        for (const [requestIndex, request] of requests.entries()) {
          for (const [chunkIndex, chunk] of chunks(request, CHUNK).entries()) {
            const fee = requestIndex === 0 && chunkIndex === 0 ? shippingFee : null;
            const where = `${order.name} (${order.currency}) call ${requestIndex + 1}.${chunkIndex + 1}`;
            const { data } = await engine.admin.request<ReturnCalculateData, ReturnCalculateVariables>(RETURN_CALCULATE_QUERY, {
              input: {
                orderId: order.id,
                returnLineItems: chunk.map(({ line, quantity }) => ({
                  fulfillmentLineItemId: line.fulfillmentLineItemId,
                  quantity,
                  ...(feeOf.get(line.fulfillmentLineItemId) ? { restockingFee: { percentage: feeOf.get(line.fulfillmentLineItemId)! } } : {}),
                })),
                ...(fee !== null ? { returnShippingFee: { amount: { amount: fromMinorUnits(fee, order.currency), currencyCode: order.currency } } } : {}),
              },
            });
            const calc = data.returnCalculate;
            if (!calc) {
              mismatches.push(`${where}: returnCalculate answered null`);
              continue;
            }
            callsCompared++;
            const minor = (m: Money, what: string) => {
              if (m.currencyCode !== order.currency) mismatches.push(`${where} ${what}: currency ${m.currencyCode}, order is ${order.currency}`);
              return toMinorUnits(m.amount, order.currency);
            };
            if (calc.returnLineItems.length !== chunk.length) {
              mismatches.push(`${where}: ${calc.returnLineItems.length} lines answered for ${chunk.length} asked`);
            }

            const domainLines: ReturnLineInput[] = [];
            const theirs = { subtotal: 0, tax: 0, restocking: 0 };
            for (const { line, quantity } of chunk) {
              const percent = feeOf.get(line.fulfillmentLineItemId) ?? 0;
              const input: ReturnLineInput = { lineItemId: line.lineItemId, fulfillmentLineItemId: line.fulfillmentLineItemId, quantity, resolution: "REFUND", restockingFeePercent: percent };
              domainLines.push(input);
              const ours = calculateLine(order, input);
              const got = calc.returnLineItems.find((r) => r.fulfillmentLineItem.id === line.fulfillmentLineItemId);
              const at = `${where} line ${line.fulfillmentLineItemId} q=${quantity} fee=${percent}%`;
              if (!got) {
                mismatches.push(`${at}: missing from the answer`);
                continue;
              }
              linesCompared++;
              const li = order.lineItems.find((x) => x.id === line.lineItemId)!;
              if (li.lineDiscount > 0) seen.lineDiscount++;
              if (li.orderDiscount > 0) seen.orderDiscount++;
              if (quantity < li.quantity) seen.partialQuantity++;
              if (percent > 0) seen.restockingFee++;

              const shopify = {
                quantity: got.quantity,
                subtotal: minor(got.subtotalSet.presentmentMoney, "subtotal"),
                subtotalBeforeOrderDiscounts: minor(got.subtotalBeforeOrderDiscountsSet.presentmentMoney, "subtotalBeforeOrderDiscounts"),
                tax: minor(got.totalTaxSet.presentmentMoney, "totalTax"),
                restockingFeePercent: got.restockingFee?.percentage ?? 0,
                restockingFee: got.restockingFee ? minor(got.restockingFee.amountSet.presentmentMoney, "restockingFee") : 0,
              };
              const domain = {
                quantity: ours.quantity,
                subtotal: ours.subtotal,
                subtotalBeforeOrderDiscounts: ours.subtotalBeforeOrderDiscounts,
                tax: ours.tax,
                restockingFeePercent: ours.restockingFeePercent,
                restockingFee: ours.restockingFee,
              };
              for (const key of Object.keys(domain) as (keyof typeof domain)[]) {
                if (domain[key] !== shopify[key]) mismatches.push(`${at} ${key}: ours ${domain[key]}, Shopify ${shopify[key]}`);
              }
              theirs.subtotal += shopify.subtotal;
              theirs.tax += shopify.tax;
              theirs.restocking += shopify.restockingFee;
            }

            // The same request as a whole return: the domain's totals from the same inputs.
            const totals = calculateReturnTotals({ order, lines: domainLines, returnShippingFees: fee !== null ? [fee] : [] });
            const shopifyFee = calc.returnShippingFee ? minor(calc.returnShippingFee.amountSet.presentmentMoney, "returnShippingFee") : 0;
            if (fee !== null) seen.shippingFee++;
            const pairs: [string, number, number][] = [
              ["itemsSubtotal", totals.itemsSubtotal, theirs.subtotal],
              ["itemsTax", totals.itemsTax, theirs.tax],
              ["restockingFees", totals.restockingFees, theirs.restocking],
              ["returnShippingFees", totals.returnShippingFees, shopifyFee],
              ["totalAdditionalFees", totals.totalAdditionalFees, theirs.restocking + shopifyFee],
            ];
            for (const [field, ours, shopify] of pairs) if (ours !== shopify) mismatches.push(`${where} ${field}: ours ${ours}, Shopify ${shopify}`);
          }
        }
      }

      console.log(
        `returnCalculate agreement: ${ordersCompared} orders, ${linesCompared} line comparisons in ${callsCompared} calls (${[...currencies].sort().join("/")}), ${skipped} orders without returnable lines skipped; ` +
          `with restocking fee ${seen.restockingFee}, line discount ${seen.lineDiscount}, order discount ${seen.orderDiscount}, partial quantity ${seen.partialQuantity}, return shipping fee on ${seen.shippingFee} calls, tax-exclusive orders ${seen.taxExclusive}`,
      );
      expect(mismatches).toEqual([]);
      // Enough ground was covered for the agreement to mean something.
      expect(ordersCompared).toBeGreaterThan(150);
      expect(linesCompared).toBeGreaterThan(500); // #1150 alone has 260 lines
      expect([...currencies].sort()).toEqual(["DKK", "EUR", "NOK", "SEK"]);
      for (const [what, n] of Object.entries(seen)) expect(n, `no line exercised ${what}`).toBeGreaterThan(0);
      // Every returnCalculate call stayed far below Shopify's 1,000-point ceiling.
      expect(Math.max(...(engine.costs.get("AgreementReturnCalculate") ?? [Infinity]))).toBeLessThanOrEqual(1000);
    },
    120_000,
  );
});

// ---------------------------------------------------------------------------------------
// (b) Whole return: suggestedFinancialOutcome vs calculateReturnTotals

/** A policy with a 10 % restocking fee (damaged/defective/wrong-item and exchanges exempt) and a drop-off fee in SEK and EUR only. */
const POLICY: Partial<ReturnPolicy> = {
  restockingFee: { ...DEFAULT_RETURN_POLICY.restockingFee, percent: 10 },
  returnShippingFee: {
    ...DEFAULT_RETURN_POLICY.returnShippingFee,
    byMethod: { DROP_OFF: { SEK: 4900, EUR: 595 }, HOME_PICKUP: {}, IN_STORE: {} },
  },
};

interface WholeReturnCase {
  order: string;
  what: string;
  /** "services": requestReturn + approveReturn; "gateway": returnCreate directly (the policy would refuse the order). */
  via: "services" | "gateway";
  /** Reason per returnable line, cycled ("defective" is exempt from the restocking fee). */
  reasons: string[];
  allocation?: RefundMethodAllocation;
  refundShipping?: RefundShippingInput;
  /** Swap the first returnable line for another variant of the same product. */
  exchangeFirstLine?: boolean;
  expect?: { suggestedTransactions?: number; restockingFee?: boolean; returnShippingFee?: boolean; taxAdded?: boolean };
}

const WHOLE_RETURN_CASES: WholeReturnCase[] = [
  { order: "#1182", what: "SEK, card", via: "services", reasons: ["size-too-small", "defective"], expect: { suggestedTransactions: 1, restockingFee: true, returnShippingFee: true } },
  { order: "#1148", what: "SEK, card, suggested as store credit", via: "services", reasons: ["unwanted"], allocation: "STORE_CREDIT", expect: { suggestedTransactions: 0, restockingFee: true, returnShippingFee: true } },
  { order: "#1171", what: "DKK, card (no return shipping fee for DKK)", via: "services", reasons: ["color", "unwanted"], expect: { suggestedTransactions: 1, restockingFee: true, returnShippingFee: false } },
  { order: "#1167", what: "NOK, PayPal", via: "services", reasons: ["size-too-large"], expect: { suggestedTransactions: 1, restockingFee: true } },
  { order: "#1176", what: "EUR (NL), card", via: "services", reasons: ["defective", "unwanted"], expect: { suggestedTransactions: 1, returnShippingFee: true } },
  { order: "#1137", what: "EUR (DE), Klarna authorization + capture", via: "services", reasons: ["size-too-small"], expect: { suggestedTransactions: 1 } },
  { order: "#1173", what: "EUR tax-exclusive (MwSt 19 % added to the refund)", via: "services", reasons: ["unwanted", "damaged"], expect: { taxAdded: true, restockingFee: true, returnShippingFee: true } },
  { order: "#1174", what: "SEK, Klarna, line-level WOOL20 and order-level WELCOME10", via: "services", reasons: ["unwanted", "defective", "size-too-small"], expect: { suggestedTransactions: 1, restockingFee: true } },
  { order: "#1185", what: "SEK, paid entirely with a gift card, shipping refunded", via: "services", reasons: ["unwanted"], refundShipping: { fullRefund: true }, expect: { suggestedTransactions: 1 } },
  { order: "#1188", what: "SEK, split payment gift card (first) + card", via: "services", reasons: ["unwanted"], expect: { suggestedTransactions: 2, restockingFee: true } },
  { order: "#1170", what: "SEK, card, partially refunded in admin earlier", via: "services", reasons: ["unwanted"], expect: { suggestedTransactions: 1 } },
  { order: "#1155", what: "EUR (FI), card, the sock left after an earlier return", via: "services", reasons: ["unwanted"], expect: { suggestedTransactions: 1 } },
  { order: "#1180", what: "SEK, line-level WOOL20 on two lines, 30 kr of the shipping refunded", via: "services", reasons: ["unwanted", "color"], refundShipping: { amount: 3000 } },
  { order: "#1178", what: "SEK, order-level WELCOME10", via: "services", reasons: ["size-too-large"] },
  { order: "#1189", what: "SEK, Klarna, an exchange (cardigan) plus a refunded line", via: "services", reasons: ["size-too-small"], exchangeFirstLine: true },
  { order: "#1004", what: "SEK, PayPal, earlier refund to store credit (outside the window: returnCreate)", via: "gateway", reasons: ["unwanted"] },
  { order: "#1008", what: "EUR, gift card + card (outside the window: returnCreate)", via: "gateway", reasons: ["unwanted"], expect: { suggestedTransactions: 2 } },
  { order: "#1021", what: "EUR, card, partially refunded (outside the window: returnCreate)", via: "gateway", reasons: ["unwanted"] },
];

describe.each(providers)("refund arithmetic agrees with the stand-in's suggestedFinancialOutcome for whole returns on %s", (provider) => {
  let engine: Engine;
  let compared = 0;
  const coverage = { currencies: new Set<string>(), gateways: new Set<string>() };
  beforeAll(async () => {
    engine = await createEngine(provider, { policy: POLICY });
  });
  afterAll(async () => engine.close());

  it.each(WHOLE_RETURN_CASES)(
    "GIVEN $order ($what) WHEN the return is created via $via and Shopify suggests the refund THEN compareWithShopify finds no difference",
    async (c) => {
      const rec = engine.api.order(engine.shop, c.order);
      const before = await fetchOrderSnapshot(engine.admin, rec.id);
      const policy = { ...DEFAULT_RETURN_POLICY, ...POLICY } as ReturnPolicy;
      const eligibility = evaluateEligibility({ order: before, policy, now: engine.clock.now(), timeZone: "Europe/Stockholm" });
      const candidates =
        c.via === "services"
          ? eligibility.lines.filter((l) => l.eligible && l.fulfillmentLineItemId && l.allowedResolutions.includes("REFUND")).map((l) => ({ fli: l.fulfillmentLineItemId!, lineItemId: l.lineItemId, quantity: l.maxQuantity }))
          : returnableLines(before).map((l) => ({ fli: l.fulfillmentLineItemId, lineItemId: l.lineItemId, quantity: l.returnable }));
      expect(candidates.length, `${c.order} has nothing returnable`).toBeGreaterThan(0);

      let shopifyReturnId: string;
      let ourLines: ReturnLineInput[];
      let returnShippingFees: number[];
      let exchangeLines: ExchangeLineInput[] = [];
      let suggestedLines: { id: string; quantity: number }[];
      let suggestedExchanges: { id: string; quantity: number }[] = [];

      if (c.via === "services") {
        const variants = engine.api.store.shop(engine.shop).variants as { id: string; productId: string; inventoryQuantity?: number }[];
        const lines: RequestedReturnLine[] = candidates.map((l, i) => {
          const li = before.lineItems.find((x) => x.id === l.lineItemId)!;
          const sibling =
            c.exchangeFirstLine && i === 0 ? variants.find((v) => v.productId === li.productId && v.id !== li.variantId && v.inventoryQuantity !== 0) : undefined;
          if (c.exchangeFirstLine && i === 0) expect(sibling, "an in-stock sibling variant to exchange for").toBeDefined();
          return {
            fulfillmentLineItemId: l.fli,
            quantity: l.quantity,
            resolution: sibling ? "EXCHANGE" : "REFUND",
            reasonHandle: c.reasons[i % c.reasons.length],
            ...(sibling ? { exchangeVariantId: sibling.id } : {}),
          };
        });
        const requested = await requestReturn(engine.ctx, { orderId: rec.id, method: "DROP_OFF", lines });
        await approveReturn(engine.ctx, requested.id, STAFF);
        const ret = await requireReturn(engine.ctx, requested.id);
        expect(ret.shopifyReturnId).toBeTruthy();
        expect(ret.lines.every((l) => l.shopifyReturnLineItemId)).toBe(true);
        shopifyReturnId = ret.shopifyReturnId!;
        ourLines = ret.lines.map((l) => ({
          lineItemId: l.lineItemId!,
          fulfillmentLineItemId: l.fulfillmentLineItemId,
          quantity: l.quantity,
          resolution: l.resolution as ReturnLineInput["resolution"],
          restockingFeePercent: l.restockingFeePercent,
        }));
        returnShippingFees = ret.returnShippingFee > 0 ? [ret.returnShippingFee] : [];
        suggestedLines = ret.lines.map((l) => ({ id: l.shopifyReturnLineItemId!, quantity: l.quantity }));
        const exchanged = ret.lines.filter((l) => l.resolution === "EXCHANGE");
        if (exchanged.length) {
          expect(exchanged.every((l) => l.shopifyExchangeLineItemId)).toBe(true);
          const prices = await fetchVariantsForExchange(engine.admin, exchanged.map((l) => l.exchangeVariantId!));
          exchangeLines = exchanged.map((l) => {
            const v = prices.get(l.exchangeVariantId!)!;
            expect(v.currency).toBe(before.currency);
            return { variantId: v.id, quantity: l.quantity, unitPrice: v.price };
          });
          suggestedExchanges = exchanged.map((l) => ({ id: l.shopifyExchangeLineItemId!, quantity: l.quantity }));
        }
      } else {
        const fee = SHIPPING_FEE[before.currency];
        const created = await createReturn(engine.admin, {
          orderId: rec.id,
          returnLineItems: candidates.map((l) => ({ fulfillmentLineItemId: l.fli, quantity: l.quantity, restockingFee: { percentage: 10 } })),
          returnShippingFee: { amount: { amount: fromMinorUnits(fee, before.currency), currencyCode: before.currency as never } },
        });
        const shopifyReturn = await fetchReturn(engine.admin, created.id);
        shopifyReturnId = created.id;
        const nodes = shopifyReturn!.returnLineItems.nodes.map((n) => n as typeof n & { fulfillmentLineItem: { id: string; lineItem: { id: string } } });
        ourLines = nodes.map((n) => ({
          lineItemId: n.fulfillmentLineItem.lineItem.id,
          quantity: n.quantity,
          resolution: "REFUND",
          restockingFeePercent: 10,
        }));
        returnShippingFees = [fee];
        suggestedLines = nodes.map((n) => ({ id: n.id, quantity: n.quantity }));
      }

      // Shopify's view of the order now (the return exists), as the app reads it before processing.
      const order = await fetchOrderSnapshot(engine.admin, rec.id);
      const allocation = c.allocation ?? "ORIGINAL_PAYMENT_METHODS";
      const ours = calculateReturnTotals({ order, lines: ourLines, exchangeLines, returnShippingFees, refundShipping: c.refundShipping, refundMethodAllocation: allocation });
      const suggested = await fetchSuggestedOutcome(engine.admin, {
        id: shopifyReturnId,
        returnLineItems: suggestedLines,
        exchangeLineItems: suggestedExchanges,
        allocation,
        ...(c.refundShipping
          ? {
              refundShipping:
                c.refundShipping.amount !== undefined && c.refundShipping.amount !== null
                  ? { shippingRefundAmount: { amount: fromMinorUnits(c.refundShipping.amount, order.currency), currencyCode: order.currency as never } }
                  : { fullRefund: c.refundShipping.fullRefund ?? false },
            }
          : {}),
      });
      expect(suggested, "Shopify gave no suggestion").not.toBeNull();
      const shopify = toDomainOutcome(suggested!, order.currency);
      // compareWithShopify skips a field Shopify's answer lacks; here a missing field is an error.
      for (const field of ["discountedSubtotal", "totalCartDiscountAmount", "totalTax", "totalAdditionalFees", "shipping"] as const) {
        expect(shopify[field], `${field} missing from Shopify's suggestion`).toEqual(expect.any(Number));
      }
      const comparison = compareWithShopify(ours, shopify);

      expect(comparison.differences).toEqual([]);
      expect(comparison.agrees).toBe(true);
      // The comparison covered real money, and what this case is about actually happened.
      expect(ours.itemsSubtotal).toBeGreaterThan(0);
      expect(shopify.financialTransfer).not.toBeNull();
      if (c.expect?.suggestedTransactions !== undefined) expect(ours.shopify.suggestedTransactions).toHaveLength(c.expect.suggestedTransactions);
      if (c.expect?.restockingFee !== undefined) expect(ours.restockingFees > 0).toBe(c.expect.restockingFee);
      if (c.expect?.returnShippingFee !== undefined) expect(ours.returnShippingFees > 0).toBe(c.expect.returnShippingFee);
      if (c.expect?.taxAdded) expect(ours.taxAddedToRefund && ours.itemsTax > 0).toBe(true);
      if (c.refundShipping) expect(ours.shippingRefund).toBeGreaterThan(0);
      if (allocation === "STORE_CREDIT") expect(shopify.financialTransfer?.kind === "REFUND" && shopify.financialTransfer.suggestedStoreCredit).toBeGreaterThan(0);
      if (c.exchangeFirstLine) expect(ours.exchangeTotal).toBeGreaterThan(0);

      compared++;
      coverage.currencies.add(order.currency);
      for (const t of order.transactions) if (t.kind === "SALE" || t.kind === "CAPTURE") coverage.gateways.add(t.gateway);
    },
  );

  it("GIVEN all whole-return cases WHEN counted THEN every case was compared, across every currency and payment gateway", () => {
    expect(compared).toBe(WHOLE_RETURN_CASES.length);
    expect([...coverage.currencies].sort()).toEqual(["DKK", "EUR", "NOK", "SEK"]);
    expect([...coverage.gateways].sort()).toEqual(["gift_card", "klarna", "paypal", "shopify_payments"]);
  });
});

describe.each(providers)("an exchange on an order in another currency on %s", (provider) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(provider);
  });
  afterAll(async () => engine.close());

  // Regression: uneven swaps on orders in another currency used to be accepted and then got
  // stuck at processing (ours REFUND 0, Shopify INVOICE 26.00). They are refused up front now.
  it("GIVEN EUR order #1176 WHEN the 150x210 duvet cover is exchanged for the dearer 220x220 one THEN the app refuses the uneven swap up front, and nothing reaches Shopify", async () => {
    const rec = engine.api.order(engine.shop, "#1176");
    const order = await fetchOrderSnapshot(engine.admin, rec.id);
    const duvet = order.lineItems.find((l) => l.title.includes("Duvet"))!;
    const line = order.fulfillments.flatMap((f) => f.lines).find((l) => l.lineItemId === duvet.id)!;
    const variants = engine.api.store.shop(engine.shop).variants as { id: string; productId: string; title?: string }[];
    const bigger = variants.find((v) => v.productId === duvet.productId && v.id !== duvet.variantId && v.title?.startsWith("220x220"))!;
    expect(bigger).toBeDefined();
    const returnsBefore = rec.returnIds.length;

    const error = await requestReturn(engine.ctx, {
      orderId: rec.id,
      method: "DROP_OFF",
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: bigger.id, reasonHandle: "size-too-small" }],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NOT_ELIGIBLE", details: { variantId: bigger.id } });
    expect((error as Error).message).toMatch(/same price/);
    expect(rec.returnIds.length).toBe(returnsBefore);
  });
});
