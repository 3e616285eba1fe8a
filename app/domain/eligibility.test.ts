import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateEligibility,
  shopifyDeclineReasonFor,
  validateReturnRequest,
  type EligibilityInput,
  type LineEligibility,
} from "./eligibility";
import type { OrderSnapshot } from "./order";
import type { ReturnPolicy } from "./policy";
import {
  makeFulfillment,
  makeLineItem,
  makeOrder,
  makePolicy,
  type DeepPartial,
} from "./testing/fixtures";

const FL1 = "gid://shopify/FulfillmentLineItem/1";
const EU_OFF: DeepPartial<ReturnPolicy> = { eu: { enabled: false } };

/** Delivered 2026-03-04 (UTC): 30-day window ends 2026-04-03, EU withdrawal ends 2026-03-18. */
function firstLine(
  input: Partial<EligibilityInput> & {
    policyChange?: DeepPartial<ReturnPolicy>;
    orderChange?: Partial<OrderSnapshot>;
  },
): LineEligibility {
  const result = evaluateEligibility({
    order: input.order ?? makeOrder(input.orderChange),
    policy: input.policy ?? makePolicy(input.policyChange),
    now: input.now ?? "2026-03-10T12:00:00Z",
    timeZone: input.timeZone,
    pendingQuantities: input.pendingQuantities,
    customerReturnDates: input.customerReturnDates,
    staffOverride: input.staffOverride,
  });
  return result.lines[0];
}

describe("evaluateEligibility — order and product rules", () => {
  it("GIVEN a paid, delivered order inside the window WHEN evaluated THEN the line is eligible for everything offered", () => {
    const line = firstLine({});
    expect(line).toMatchObject({
      fulfillmentLineItemId: FL1,
      eligible: true,
      maxQuantity: 1,
      allowedResolutions: ["REFUND", "STORE_CREDIT", "EXCHANGE"],
      deadlines: { REFUND: "2026-04-03", STORE_CREDIT: "2026-04-03", EXCHANGE: "2026-04-03" },
      euWithdrawalDeadline: "2026-03-18",
      windowStart: { date: "2026-03-04", source: "DELIVERY" },
      consentRequired: ["STORE_CREDIT"],
      viaEuWithdrawal: false,
      reason: null,
      reasons: [],
    });
  });

  it.each<{
    name: string;
    orderChange?: Partial<OrderSnapshot>;
    policyChange?: DeepPartial<ReturnPolicy>;
    code: string | null;
  }>([
    {
      name: "a cancelled order",
      orderChange: { cancelledAt: "2026-03-05T10:00:00Z" },
      code: "ORDER_CANCELLED",
    },
    {
      name: "a pending payment",
      orderChange: { financialStatus: "PENDING" },
      code: "ORDER_NOT_PAID",
    },
    {
      name: "an authorized-only payment",
      orderChange: { financialStatus: "AUTHORIZED" },
      code: "ORDER_NOT_PAID",
    },
    {
      name: "a partially paid order",
      orderChange: { financialStatus: "PARTIALLY_PAID" },
      code: "ORDER_NOT_PAID",
    },
    { name: "a voided order", orderChange: { financialStatus: "VOIDED" }, code: "ORDER_NOT_PAID" },
    {
      name: "a fully refunded order",
      orderChange: { financialStatus: "REFUNDED" },
      code: "ORDER_REFUNDED",
    },
    {
      name: "a partially refunded order",
      orderChange: { financialStatus: "PARTIALLY_REFUNDED" },
      code: null,
    },
    {
      name: "a gift card",
      orderChange: { lineItems: [makeLineItem({ isGiftCard: true })] },
      code: "GIFT_CARD",
    },
    {
      name: "a gift card in a shop that takes them back",
      orderChange: { lineItems: [makeLineItem({ isGiftCard: true })] },
      policyChange: { nonReturnable: { giftCards: false } },
      code: null,
    },
    {
      name: "a final-sale tag in other case",
      orderChange: { lineItems: [makeLineItem({ productTags: ["Final-Sale"] })] },
      code: "FINAL_SALE",
    },
    {
      name: "final sale turned off",
      orderChange: { lineItems: [makeLineItem({ productTags: ["final-sale"] })] },
      policyChange: { nonReturnable: { finalSaleTag: null } },
      code: null,
    },
    {
      name: "a non-returnable tag",
      orderChange: { lineItems: [makeLineItem({ productTags: ["Hygiene"] })] },
      policyChange: { nonReturnable: { productTags: ["hygiene"] } },
      code: "NON_RETURNABLE_TAG",
    },
    {
      name: "a non-returnable product type",
      orderChange: { lineItems: [makeLineItem({ productType: "Underwear" })] },
      policyChange: { nonReturnable: { productTypes: ["underwear"] } },
      code: "NON_RETURNABLE_TYPE",
    },
    {
      name: "a non-returnable collection",
      policyChange: { nonReturnable: { collectionIds: ["gid://shopify/Collection/5"] } },
      code: "NON_RETURNABLE_COLLECTION",
    },
    {
      name: "a non-returnable product",
      policyChange: { nonReturnable: { productIds: ["gid://shopify/Product/111"] } },
      code: "NON_RETURNABLE_PRODUCT",
    },
    {
      name: "nothing left to return in Shopify",
      orderChange: { returnableQuantities: { [FL1]: 0 } },
      code: "ALREADY_RETURNED",
    },
    {
      name: "a line missing from returnableFulfillments",
      orderChange: { returnableQuantities: {} },
      code: "ALREADY_RETURNED",
    },
    {
      name: "the email on the blocklist (case-insensitive, EU off)",
      policyChange: { ...EU_OFF, blocklist: { emails: ["ANNA@example.com"] } },
      code: "CUSTOMER_BLOCKED",
    },
    {
      name: "the customer id on the blocklist (EU off)",
      policyChange: { ...EU_OFF, blocklist: { customerIds: ["gid://shopify/Customer/7"] } },
      code: "CUSTOMER_BLOCKED",
    },
    {
      name: "a cancelled order even inside the EU withdrawal period",
      orderChange: { cancelledAt: "2026-03-05T10:00:00Z" },
      policyChange: { eu: { enabled: true } },
      code: "ORDER_CANCELLED",
    },
  ])(
    "GIVEN $name WHEN evaluated THEN the blocking reason is $code",
    ({ orderChange, policyChange, code }) => {
      const line = firstLine({ orderChange, policyChange });
      expect(line.reason?.code ?? null).toBe(code);
      expect(line.eligible).toBe(code === null);
      if (code !== null) {
        expect(line.maxQuantity).toBe(0);
        expect(line.allowedResolutions).toEqual([]);
      }
    },
  );

  it("GIVEN a cancelled order with a final-sale item WHEN evaluated THEN the order reason comes first and both are listed", () => {
    const line = firstLine({
      orderChange: {
        cancelledAt: "2026-03-05T10:00:00Z",
        lineItems: [makeLineItem({ productTags: ["final-sale"] })],
      },
    });
    expect(line.reason?.code).toBe("ORDER_CANCELLED");
    expect(line.reasons.map((r) => r.code)).toEqual(["ORDER_CANCELLED", "FINAL_SALE"]);
  });
});

describe("evaluateEligibility — quantities across returns", () => {
  const threeUnits = (returnable: number) =>
    makeOrder({
      lineItems: [makeLineItem({ quantity: 3 })],
      fulfillments: [
        makeFulfillment({
          lines: [
            { fulfillmentLineItemId: FL1, lineItemId: "gid://shopify/LineItem/1", quantity: 3 },
          ],
        }),
      ],
      returnableQuantities: { [FL1]: returnable },
    });

  it.each([
    { returnable: 3, pending: 0, eligible: true, max: 3 },
    { returnable: 2, pending: 0, eligible: true, max: 2 }, // one returned in Shopify's admin
    { returnable: 2, pending: 1, eligible: true, max: 1 }, // plus one in an app-only request
    { returnable: 2, pending: 2, eligible: false, max: 0 },
    { returnable: 0, pending: 0, eligible: false, max: 0 },
    { returnable: 5, pending: 0, eligible: true, max: 3 }, // never more than was fulfilled
  ])(
    "GIVEN 3 units, $returnable returnable in Shopify and $pending pending in the app WHEN evaluated THEN max is $max",
    ({ returnable, pending, eligible, max }) => {
      const line = firstLine({
        order: threeUnits(returnable),
        pendingQuantities: { [FL1]: pending },
      });
      expect(line.eligible).toBe(eligible);
      expect(line.maxQuantity).toBe(max);
      if (!eligible)
        expect(line.reason).toEqual({
          code: "ALREADY_RETURNED",
          returnedQuantity: 3 - returnable,
          pendingQuantity: pending,
        });
    },
  );

  it("GIVEN a line of which one of two units shipped WHEN evaluated THEN the shipped unit is returnable and the rest is NOT_FULFILLED", () => {
    const order = makeOrder({ lineItems: [makeLineItem({ quantity: 2 })] });
    const result = evaluateEligibility({
      order,
      policy: makePolicy(),
      now: "2026-03-10T12:00:00Z",
    });
    expect(result.lines).toHaveLength(2);
    expect(result.lines[0]).toMatchObject({
      fulfillmentLineItemId: FL1,
      eligible: true,
      maxQuantity: 1,
    });
    expect(result.lines[1]).toMatchObject({
      fulfillmentLineItemId: null,
      eligible: false,
      reason: { code: "NOT_FULFILLED", unfulfilledQuantity: 1 },
    });
    expect(result.eligible).toBe(true);
  });

  it("GIVEN a cancelled fulfillment WHEN evaluated THEN its units are NOT_FULFILLED and the order is not eligible", () => {
    const order = makeOrder({ fulfillments: [makeFulfillment({ status: "CANCELLED" })] });
    const result = evaluateEligibility({
      order,
      policy: makePolicy(),
      now: "2026-03-10T12:00:00Z",
    });
    expect(result.lines.map((l) => l.reason?.code)).toEqual(["NOT_FULFILLED"]);
    expect(result.eligible).toBe(false);
  });
});

describe("evaluateEligibility — windows", () => {
  it.each<{
    name: string;
    now: string;
    timeZone?: string;
    policyChange?: DeepPartial<ReturnPolicy>;
    orderChange?: Partial<OrderSnapshot>;
    eligible: boolean;
    allowed?: string[];
    deadlines?: Record<string, string | null>;
    expiredDeadline?: string;
    viaEu?: boolean;
  }>([
    {
      name: "the last day of the window (UTC)",
      now: "2026-04-03T23:59:59Z",
      policyChange: EU_OFF,
      eligible: true,
    },
    {
      name: "the day after the window (UTC)",
      now: "2026-04-04T00:00:00Z",
      policyChange: EU_OFF,
      eligible: false,
      expiredDeadline: "2026-04-03",
    },
    {
      name: "the same instant, already the next day in Stockholm",
      now: "2026-04-03T22:30:00Z",
      timeZone: "Europe/Stockholm",
      policyChange: EU_OFF,
      eligible: false,
      expiredDeadline: "2026-04-03",
    },
    {
      name: "no delivery date (fulfilled 2 March + 3 transit days)",
      now: "2026-04-04T10:00:00Z",
      orderChange: { fulfillments: [makeFulfillment({ deliveredAt: null })] },
      policyChange: EU_OFF,
      eligible: true,
      deadlines: { REFUND: "2026-04-04", STORE_CREDIT: "2026-04-04", EXCHANGE: "2026-04-04" },
    },
    {
      name: "a 14-day refund and 60-day exchange window on day 21",
      now: "2026-03-25T10:00:00Z",
      policyChange: {
        ...EU_OFF,
        resolutions: { refund: { windowDays: 14 }, exchange: { windowDays: 60 } },
      },
      eligible: true,
      allowed: ["STORE_CREDIT", "EXCHANGE"],
      deadlines: { REFUND: "2026-03-18", STORE_CREDIT: "2026-04-03", EXCHANGE: "2026-05-03" },
    },
    {
      name: "refunds not offered",
      now: "2026-03-10T10:00:00Z",
      policyChange: { ...EU_OFF, resolutions: { refund: { offered: false } } },
      eligible: true,
      allowed: ["STORE_CREDIT", "EXCHANGE"],
      deadlines: { REFUND: null, STORE_CREDIT: "2026-04-03", EXCHANGE: "2026-04-03" },
    },
    {
      name: "EU mode with a 7-day merchant window on day 11",
      now: "2026-03-15T10:00:00Z",
      // A refund window under 14 days can't be saved in EU mode; refunds not offered at all can.
      policyChange: { windowDays: 7, resolutions: { refund: { offered: false } } },
      eligible: true,
      allowed: ["REFUND"],
      deadlines: { REFUND: "2026-03-18", STORE_CREDIT: "2026-03-11", EXCHANGE: "2026-03-11" },
      viaEu: true,
    },
    {
      name: "EU mode with a 7-day merchant window on day 15",
      now: "2026-03-19T10:00:00Z",
      policyChange: { windowDays: 7, resolutions: { refund: { offered: false } } },
      eligible: false,
      expiredDeadline: "2026-03-18",
    },
    {
      name: "EU mode when the merchant offers no refunds",
      now: "2026-03-10T10:00:00Z",
      policyChange: { resolutions: { refund: { offered: false } } },
      eligible: true,
      allowed: ["REFUND", "STORE_CREDIT", "EXCHANGE"],
      viaEu: true,
    },
    {
      name: "an order placed in a holiday period with 30 extra days",
      now: "2026-04-20T10:00:00Z",
      policyChange: {
        ...EU_OFF,
        holidays: [
          {
            name: "Winter sale",
            from: "2026-02-20",
            to: "2026-03-01",
            extraDays: 30,
            returnBy: null,
          },
        ],
      },
      eligible: true,
      deadlines: { REFUND: "2026-05-03", STORE_CREDIT: "2026-05-03", EXCHANGE: "2026-05-03" },
    },
    {
      name: "an order placed in a holiday period with a return-by date",
      now: "2026-06-30T10:00:00Z",
      policyChange: {
        ...EU_OFF,
        holidays: [
          {
            name: "Xmas",
            from: "2026-02-20",
            to: "2026-03-01",
            extraDays: null,
            returnBy: "2026-06-30",
          },
        ],
      },
      eligible: true,
      deadlines: { REFUND: "2026-06-30", STORE_CREDIT: "2026-06-30", EXCHANGE: "2026-06-30" },
    },
    {
      name: "a holiday return-by date earlier than the normal deadline (never shortens it)",
      now: "2026-04-03T10:00:00Z",
      policyChange: {
        ...EU_OFF,
        holidays: [
          {
            name: "Short",
            from: "2026-02-20",
            to: "2026-03-01",
            extraDays: null,
            returnBy: "2026-03-20",
          },
        ],
      },
      eligible: true,
      deadlines: { REFUND: "2026-04-03", STORE_CREDIT: "2026-04-03", EXCHANGE: "2026-04-03" },
    },
    {
      name: "an order placed the day after a holiday period",
      now: "2026-04-20T10:00:00Z",
      policyChange: {
        ...EU_OFF,
        holidays: [
          {
            name: "Winter sale",
            from: "2026-02-20",
            to: "2026-02-28",
            extraDays: 30,
            returnBy: null,
          },
        ],
      },
      eligible: false,
      expiredDeadline: "2026-04-03",
    },
    {
      name: "two matching holiday periods (the more generous wins)",
      now: "2026-04-20T10:00:00Z",
      policyChange: {
        ...EU_OFF,
        holidays: [
          { name: "A", from: "2026-02-20", to: "2026-03-01", extraDays: 10, returnBy: null },
          {
            name: "B",
            from: "2026-03-01",
            to: "2026-03-02",
            extraDays: null,
            returnBy: "2026-05-31",
          },
        ],
      },
      eligible: true,
      deadlines: { REFUND: "2026-05-31", STORE_CREDIT: "2026-05-31", EXCHANGE: "2026-05-31" },
    },
  ])(
    "GIVEN $name WHEN evaluated THEN eligible is $eligible",
    ({
      now,
      timeZone,
      policyChange,
      orderChange,
      eligible,
      allowed,
      deadlines,
      expiredDeadline,
      viaEu,
    }) => {
      const line = firstLine({ now, timeZone, policyChange, orderChange });
      expect(line.eligible).toBe(eligible);
      if (allowed) expect(line.allowedResolutions).toEqual(allowed);
      if (deadlines) expect(line.deadlines).toEqual(deadlines);
      if (expiredDeadline)
        expect(line.reason).toEqual({ code: "WINDOW_EXPIRED", deadline: expiredDeadline });
      if (viaEu !== undefined) expect(line.viaEuWithdrawal).toBe(viaEu);
    },
  );

  it("GIVEN a holiday extension WHEN evaluated THEN the line names the holiday that applied", () => {
    const line = firstLine({
      policyChange: {
        holidays: [
          {
            name: "Winter sale",
            from: "2026-02-20",
            to: "2026-03-01",
            extraDays: 30,
            returnBy: null,
          },
        ],
      },
    });
    expect(line.holidays).toEqual(["Winter sale"]);
  });
});

describe("evaluateEligibility — fraud guard, blocklist and the EU right of withdrawal", () => {
  const guard: DeepPartial<ReturnPolicy> = { fraudGuard: { maxReturns: 2, periodDays: 30 } };
  it.each<{
    name: string;
    policyChange: DeepPartial<ReturnPolicy>;
    dates: string[];
    now?: string;
    eligible: boolean;
    allowed: string[];
    code: string | null;
    viaEu: boolean;
  }>([
    {
      name: "2 returns in the last 30 days, limit 2, EU off",
      policyChange: { ...guard, ...EU_OFF },
      dates: ["2026-02-20T10:00:00Z", "2026-03-01T10:00:00Z"],
      eligible: false,
      allowed: [],
      code: "TOO_MANY_RETURNS",
      viaEu: false,
    },
    {
      name: "1 recent and 1 old return, limit 2, EU off",
      policyChange: { ...guard, ...EU_OFF },
      dates: ["2026-01-01T10:00:00Z", "2026-03-01T10:00:00Z"],
      eligible: true,
      allowed: ["REFUND", "STORE_CREDIT", "EXCHANGE"],
      code: null,
      viaEu: false,
    },
    {
      name: "over the limit but inside the EU withdrawal period",
      policyChange: guard,
      dates: ["2026-02-20T10:00:00Z", "2026-03-01T10:00:00Z"],
      eligible: true,
      allowed: ["REFUND"],
      code: null,
      viaEu: true,
    },
    {
      name: "blocked but inside the EU withdrawal period",
      policyChange: { blocklist: { emails: ["anna@example.com"] } },
      dates: [],
      eligible: true,
      allowed: ["REFUND"],
      code: null,
      viaEu: true,
    },
    {
      name: "blocked after the EU withdrawal period",
      policyChange: { blocklist: { emails: ["anna@example.com"] } },
      dates: [],
      now: "2026-03-20T10:00:00Z",
      eligible: false,
      allowed: [],
      code: "CUSTOMER_BLOCKED",
      viaEu: false,
    },
  ])(
    "GIVEN $name WHEN evaluated THEN eligible is $eligible with $allowed",
    ({ policyChange, dates, now, eligible, allowed, code, viaEu }) => {
      const line = firstLine({ policyChange, customerReturnDates: dates, now });
      expect(line.eligible).toBe(eligible);
      expect(line.allowedResolutions).toEqual(allowed);
      expect(line.reason?.code ?? null).toBe(code);
      expect(line.viaEuWithdrawal).toBe(viaEu);
    },
  );

  it("GIVEN an EU override WHEN evaluated THEN the overridden reason stays visible to the merchant", () => {
    const line = firstLine({ policyChange: { blocklist: { emails: ["anna@example.com"] } } });
    expect(line.reasons.map((r) => r.code)).toEqual(["CUSTOMER_BLOCKED"]);
  });

  it.each([
    { name: "EU mode with consent required", policyChange: {}, consent: ["STORE_CREDIT"] },
    {
      name: "EU mode without consent rule",
      policyChange: { eu: { storeCreditRequiresConsent: false } },
      consent: [],
    },
    { name: "EU mode off", policyChange: EU_OFF, consent: [] },
    {
      name: "store credit not offered",
      policyChange: { resolutions: { storeCredit: { offered: false } } },
      consent: [],
    },
  ])(
    "GIVEN $name WHEN evaluated THEN consent is required for $consent",
    ({ policyChange, consent }) => {
      expect(firstLine({ policyChange }).consentRequired).toEqual(consent);
    },
  );
});

describe("evaluateEligibility — invariants", () => {
  it("GIVEN any returnable/pending quantities and any day WHEN evaluated THEN maxQuantity stays within what is left and eligibility is consistent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -5, max: 80 }),
        fc.boolean(),
        (qty, returnable, pending, dayOffset, eu) => {
          const order = makeOrder({
            lineItems: [makeLineItem({ quantity: qty })],
            fulfillments: [
              makeFulfillment({
                lines: [
                  {
                    fulfillmentLineItemId: FL1,
                    lineItemId: "gid://shopify/LineItem/1",
                    quantity: qty,
                  },
                ],
              }),
            ],
            returnableQuantities: { [FL1]: returnable },
          });
          const now = new Date(
            Date.parse("2026-03-04T12:00:00Z") + dayOffset * 86_400_000,
          ).toISOString();
          const line = firstLine({
            order,
            now,
            pendingQuantities: { [FL1]: pending },
            policyChange: { eu: { enabled: eu } },
          });
          expect(line.maxQuantity).toBeGreaterThanOrEqual(0);
          expect(line.maxQuantity).toBeLessThanOrEqual(
            Math.max(0, Math.min(qty, returnable) - pending),
          );
          expect(line.eligible).toBe(line.maxQuantity > 0 && line.allowedResolutions.length > 0);
          expect(line.eligible).toBe(line.reason === null);
        },
      ),
    );
  });
});

describe("validateReturnRequest", () => {
  const eligibility = (
    policyChange: DeepPartial<ReturnPolicy> = {},
    orderChange: Partial<OrderSnapshot> = {},
  ) =>
    evaluateEligibility({
      order: makeOrder({
        lineItems: [
          makeLineItem({ quantity: 2 }),
          makeLineItem({ id: "gid://shopify/LineItem/2", productTags: ["final-sale"] }),
        ],
        fulfillments: [
          makeFulfillment({
            lines: [
              { fulfillmentLineItemId: FL1, lineItemId: "gid://shopify/LineItem/1", quantity: 2 },
              { fulfillmentLineItemId: "FL2", lineItemId: "gid://shopify/LineItem/2", quantity: 1 },
            ],
          }),
        ],
        returnableQuantities: { [FL1]: 2, FL2: 1 },
        ...orderChange,
      }),
      policy: makePolicy(policyChange),
      now: "2026-03-10T12:00:00Z",
    });

  it.each<{
    name: string;
    lines: Parameters<typeof validateReturnRequest>[1];
    codes: string[];
    policyChange?: DeepPartial<ReturnPolicy>;
  }>([
    {
      name: "a valid refund of 2 units",
      lines: [{ fulfillmentLineItemId: FL1, quantity: 2, resolution: "REFUND" }],
      codes: [],
    },
    {
      name: "store credit with consent",
      lines: [
        {
          fulfillmentLineItemId: FL1,
          quantity: 1,
          resolution: "STORE_CREDIT",
          storeCreditConsent: true,
        },
      ],
      codes: [],
    },
    {
      name: "store credit without consent",
      lines: [{ fulfillmentLineItemId: FL1, quantity: 1, resolution: "STORE_CREDIT" }],
      codes: ["CONSENT_REQUIRED"],
    },
    { name: "no lines", lines: [], codes: ["EMPTY_REQUEST"] },
    {
      name: "an unknown line",
      lines: [{ fulfillmentLineItemId: "nope", quantity: 1, resolution: "REFUND" }],
      codes: ["UNKNOWN_LINE"],
    },
    {
      name: "the same line twice",
      lines: [
        { fulfillmentLineItemId: FL1, quantity: 1, resolution: "REFUND" },
        { fulfillmentLineItemId: FL1, quantity: 1, resolution: "EXCHANGE" },
      ],
      codes: ["DUPLICATE_LINE"],
    },
    {
      name: "zero units",
      lines: [{ fulfillmentLineItemId: FL1, quantity: 0, resolution: "REFUND" }],
      codes: ["INVALID_QUANTITY"],
    },
    {
      name: "half a unit",
      lines: [{ fulfillmentLineItemId: FL1, quantity: 1.5, resolution: "REFUND" }],
      codes: ["INVALID_QUANTITY"],
    },
    {
      name: "3 of 2 units",
      lines: [{ fulfillmentLineItemId: FL1, quantity: 3, resolution: "REFUND" }],
      codes: ["QUANTITY_EXCEEDS_RETURNABLE"],
    },
    {
      name: "a final-sale line",
      lines: [{ fulfillmentLineItemId: "FL2", quantity: 1, resolution: "REFUND" }],
      codes: ["NOT_ELIGIBLE"],
    },
    {
      name: "exchange when exchanges are not offered",
      lines: [{ fulfillmentLineItemId: FL1, quantity: 1, resolution: "EXCHANGE" }],
      policyChange: { resolutions: { exchange: { offered: false } } },
      codes: ["RESOLUTION_NOT_ALLOWED"],
    },
  ])("GIVEN $name WHEN validated THEN the errors are $codes", ({ lines, codes, policyChange }) => {
    const result = validateReturnRequest(eligibility(policyChange), lines);
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(codes);
  });
});

describe("shopifyDeclineReasonFor", () => {
  it.each([
    ["FINAL_SALE", "FINAL_SALE"],
    ["WINDOW_EXPIRED", "RETURN_PERIOD_ENDED"],
    ["NON_RETURNABLE_TAG", "OTHER"],
    ["TOO_MANY_RETURNS", "OTHER"],
  ] as const)("GIVEN %s WHEN declining in Shopify THEN the reason is %s", (code, expected) => {
    expect(shopifyDeclineReasonFor(code)).toBe(expected);
  });
});

describe("evaluateEligibility — staff override", () => {
  const late = "2026-05-20T12:00:00Z"; // past the 30-day window and the EU period
  const finalSale = { lineItems: [makeLineItem({ productTags: ["final-sale"] })] };

  it("GIVEN a line outside the window WHEN staff override THEN it is eligible for every offered resolution and says what was set aside", () => {
    expect(firstLine({ now: late }).eligible).toBe(false);
    const line = firstLine({ now: late, staffOverride: true });
    expect(line).toMatchObject({ eligible: true, maxQuantity: 1, allowedResolutions: ["REFUND", "STORE_CREDIT", "EXCHANGE"], reason: null, overridden: ["WINDOW_EXPIRED"] });
  });

  it("GIVEN a final-sale item outside the window WHEN staff override THEN both reasons are set aside and listed", () => {
    const line = firstLine({ now: late, orderChange: finalSale, staffOverride: true });
    expect(line.eligible).toBe(true);
    expect(line.overridden).toEqual(["FINAL_SALE", "WINDOW_EXPIRED"]);
  });

  it("GIVEN a resolution the policy does not offer WHEN staff override THEN it stays unavailable", () => {
    const line = firstLine({ now: late, staffOverride: true, policyChange: { resolutions: { exchange: { offered: false } } } });
    expect(line.allowedResolutions).toEqual(["REFUND", "STORE_CREDIT"]);
  });

  it.each<[string, Partial<OrderSnapshot>, string]>([
    ["a cancelled order", { cancelledAt: "2026-03-05T10:00:00Z" }, "ORDER_CANCELLED"],
    ["a gift card", { lineItems: [makeLineItem({ isGiftCard: true })] }, "GIFT_CARD"],
  ])("GIVEN %s WHEN staff override THEN it still can't be returned", (_name, orderChange, code) => {
    const line = firstLine({ orderChange, staffOverride: true });
    expect(line.eligible).toBe(false);
    expect(line.reason?.code).toBe(code);
  });

  it("GIVEN an eligible line WHEN staff create the return THEN nothing is marked overridden", () => {
    expect(firstLine({ staffOverride: true }).overridden).toBeUndefined();
  });
});
