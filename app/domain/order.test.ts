import { describe, expect, it } from "vitest";
import {
  fulfilledQuantity,
  indexFulfillmentLines,
  orderEmails,
  OrderSnapshotSchema,
  orderTotal,
  remainingRefundableShipping,
} from "./order";
import { makeFulfillment, makeLineItem, makeOrder } from "./testing/fixtures";

describe("OrderSnapshotSchema (contract for the gateway's mapping)", () => {
  it("GIVEN the fixture order WHEN validated THEN it is a valid snapshot", () => {
    expect(OrderSnapshotSchema.safeParse(makeOrder()).success).toBe(true);
  });

  it.each([
    {
      name: "a fractional unit price",
      order: makeOrder({ lineItems: [makeLineItem({ originalUnitPrice: 99.5 })] }),
      path: "lineItems.0.originalUnitPrice",
    },
    { name: "a lower-case currency", order: makeOrder({ currency: "sek" }), path: "currency" },
    { name: "a bad timestamp", order: makeOrder({ createdAt: "yesterday" }), path: "createdAt" },
    {
      name: "a negative transaction",
      order: makeOrder({ transactions: [{ ...makeOrder().transactions[0], amount: -1 }] }),
      path: "transactions.0.amount",
    },
    {
      name: "a negative returnable quantity",
      order: makeOrder({ returnableQuantities: { x: -1 } }),
      path: "returnableQuantities.x",
    },
    {
      name: "an unknown financial status",
      order: { ...makeOrder(), financialStatus: "SETTLED" },
      path: "financialStatus",
    },
  ])("GIVEN $name WHEN validated THEN $path is rejected", ({ order, path }) => {
    const result = OrderSnapshotSchema.safeParse(order);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("order helpers", () => {
  it.each([
    { name: "tax-inclusive with shipping", taxesIncluded: true, expected: 100_000 + 4_900 },
    {
      name: "tax-exclusive with shipping",
      taxesIncluded: false,
      expected: 100_000 + 20_000 + 4_900,
    },
  ])("GIVEN a $name order WHEN totalled THEN $expected", ({ taxesIncluded, expected }) => {
    expect(orderTotal(makeOrder({ taxesIncluded }))).toBe(expected);
  });

  it("GIVEN discounts WHEN totalled THEN line and order discounts are taken off", () => {
    const order = makeOrder({
      lineItems: [makeLineItem({ quantity: 2, lineDiscount: 10_000, orderDiscount: 5_000 })],
      shippingLines: [],
    });
    expect(orderTotal(order)).toBe(200_000 - 15_000);
  });

  it("GIVEN two shipping lines, one partly refunded WHEN asked THEN the remaining refundable shipping is summed", () => {
    const order = makeOrder({
      shippingLines: [
        { price: 4_900, discountedPrice: 4_900, refundableRemaining: 2_000 },
        { price: 9_900, discountedPrice: 0, refundableRemaining: 0 },
      ],
    });
    expect(remainingRefundableShipping(order)).toBe(2_000);
  });

  it("GIVEN two fulfillments, one cancelled WHEN counting fulfilled units THEN only the successful one counts", () => {
    const order = makeOrder({
      lineItems: [makeLineItem({ quantity: 3 })],
      fulfillments: [
        makeFulfillment({
          lines: [
            { fulfillmentLineItemId: "A", lineItemId: "gid://shopify/LineItem/1", quantity: 2 },
          ],
        }),
        makeFulfillment({
          id: "F2",
          status: "CANCELLED",
          lines: [
            { fulfillmentLineItemId: "B", lineItemId: "gid://shopify/LineItem/1", quantity: 1 },
          ],
        }),
      ],
    });
    expect(fulfilledQuantity(order, "gid://shopify/LineItem/1")).toBe(2);
    expect([...indexFulfillmentLines(order).keys()]).toEqual(["A", "B"]);
  });

  it.each([
    { customer: "Anna@Example.com ", email: "anna@example.com", expected: ["anna@example.com"] },
    { customer: null, email: "bo@example.com", expected: ["bo@example.com"] },
    { customer: "a@example.com", email: null, expected: ["a@example.com"] },
    { customer: null, email: "", expected: [] },
  ])(
    "GIVEN customer email $customer and order email $email WHEN listing emails THEN $expected",
    ({ customer, email, expected }) => {
      const order = makeOrder({
        email,
        customer: customer === null ? null : { id: "C", email: customer },
      });
      expect(orderEmails(order)).toEqual(expected);
    },
  );
});
