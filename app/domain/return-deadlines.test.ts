import { describe, expect, it } from "vitest";
import { evaluateEligibility } from "./eligibility";
import { returnableUntil, windowClosedOn } from "./return-deadlines";
import { makeFulfillment, makeLineItem, makeOrder, makePolicy } from "./testing/fixtures";

// Delivered 2026-03-04 (UTC): the default 30-day window ends 2026-04-03.
const order = makeOrder();

describe("returnableUntil", () => {
  it("GIVEN a line inside its window THEN the window's last day", () => {
    const e = evaluateEligibility({ order, policy: makePolicy({ eu: { enabled: false } }), now: "2026-03-10T12:00:00Z" });
    expect(returnableUntil(e)).toBe("2026-04-03");
  });

  it("GIVEN refunds close before store credit THEN the earlier day (what is offered today holds until then)", () => {
    const policy = makePolicy({ eu: { enabled: false }, resolutions: { refund: { windowDays: 14 }, storeCredit: { windowDays: 60 } } });
    expect(returnableUntil(evaluateEligibility({ order, policy, now: "2026-03-10T12:00:00Z" }))).toBe("2026-03-18");
    // After the refund window only store credit (and exchange) are offered: their own end.
    expect(returnableUntil(evaluateEligibility({ order, policy, now: "2026-03-20T12:00:00Z" }))).toBe("2026-04-03");
  });

  it("GIVEN two fulfillments delivered on different days THEN the earlier end", () => {
    const two = makeOrder({
      lineItems: [makeLineItem(), makeLineItem({ id: "gid://shopify/LineItem/2" })],
      fulfillments: [
        makeFulfillment(),
        makeFulfillment({
          id: "gid://shopify/Fulfillment/2",
          deliveredAt: "2026-03-08T12:00:00Z",
          lines: [{ fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/2", lineItemId: "gid://shopify/LineItem/2", quantity: 1 }],
        }),
      ],
      returnableQuantities: { "gid://shopify/FulfillmentLineItem/1": 1, "gid://shopify/FulfillmentLineItem/2": 1 },
    });
    const e = evaluateEligibility({ order: two, policy: makePolicy({ eu: { enabled: false } }), now: "2026-03-10T12:00:00Z" });
    expect(e.lines.filter((l) => l.eligible)).toHaveLength(2);
    expect(returnableUntil(e)).toBe("2026-04-03");
  });

  it("GIVEN nothing returnable THEN null", () => {
    const e = evaluateEligibility({ order, policy: makePolicy({ eu: { enabled: false } }), now: "2026-05-01T12:00:00Z" });
    expect(e.eligible).toBe(false);
    expect(returnableUntil(e)).toBeNull();
  });
});

describe("windowClosedOn", () => {
  it("GIVEN the window has passed THEN its last day; GIVEN it is open or another reason comes first THEN null", () => {
    const policy = makePolicy({ eu: { enabled: false } });
    expect(windowClosedOn(evaluateEligibility({ order, policy, now: "2026-05-01T12:00:00Z" }))).toBe("2026-04-03");
    expect(windowClosedOn(evaluateEligibility({ order, policy, now: "2026-03-10T12:00:00Z" }))).toBeNull();
    const finalSale = makeOrder({ lineItems: [makeLineItem({ productTags: ["final-sale"] })] });
    const e = evaluateEligibility({ order: finalSale, policy, now: "2026-05-01T12:00:00Z" });
    expect(e.lines[0].reason?.code).toBe("FINAL_SALE");
    expect(windowClosedOn(e)).toBeNull();
  });
});
