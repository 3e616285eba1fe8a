import { describe, expect, it } from "vitest";
import type { ReturnPolicy } from "./policy";
import { availableReturnMethods, returnMethodOptions, returnWeightGrams } from "./return-methods";
import { makeLineItem, makeOrder, makePolicy, type DeepPartial } from "./testing/fixtures";

const methods: DeepPartial<ReturnPolicy> = {
  returnMethods: {
    dropOff: { enabled: true, carrierName: "PostNord" },
    homePickup: { enabled: true, requiredAboveGrams: 20_000 },
    inStore: { enabled: true, locationIds: ["gid://shopify/Location/1"] },
    keepItem: { enabled: true, maxValue: { SEK: 10_000 } },
  },
  returnShippingFee: {
    byMethod: { DROP_OFF: { SEK: 4_900 }, HOME_PICKUP: { SEK: 9_900 }, IN_STORE: { SEK: 0 } },
  },
};

describe("returnWeightGrams", () => {
  it.each([
    { lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 2 }], grams: 1_200 },
    {
      lines: [
        { lineItemId: "gid://shopify/LineItem/1", quantity: 1 },
        { lineItemId: "L2", quantity: 3 },
      ],
      grams: 600 + 3 * 8_500,
    },
    { lines: [{ lineItemId: "unknown", quantity: 3 }], grams: 0 },
  ])("GIVEN $lines WHEN weighed THEN $grams g", ({ lines, grams }) => {
    const order = makeOrder({
      lineItems: [
        makeLineItem({ quantity: 2 }),
        makeLineItem({ id: "L2", quantity: 3, grams: 8_500 }),
      ],
    });
    expect(returnWeightGrams(order, lines)).toBe(grams);
  });

  it("GIVEN unit weights with decimals WHEN weighed THEN the total is whole grams", () => {
    const order = makeOrder({ lineItems: [makeLineItem({ quantity: 3, grams: 283.5 })] });
    expect(
      returnWeightGrams(order, [{ lineItemId: "gid://shopify/LineItem/1", quantity: 3 }]),
    ).toBe(851);
  });
});

describe("returnMethodOptions", () => {
  it.each<{
    name: string;
    change?: DeepPartial<ReturnPolicy>;
    grams: number;
    value: number;
    currency?: string;
    available: string[];
    required: string[];
  }>([
    {
      name: "a light, cheap parcel",
      grams: 600,
      value: 5_000,
      available: ["DROP_OFF", "HOME_PICKUP", "IN_STORE", "KEEP_ITEM"],
      required: [],
    },
    {
      name: "a light parcel above the keep limit",
      grams: 600,
      value: 10_000,
      available: ["DROP_OFF", "HOME_PICKUP", "IN_STORE"],
      required: [],
    },
    {
      name: "exactly the weight threshold",
      grams: 20_000,
      value: 50_000,
      available: ["DROP_OFF", "HOME_PICKUP", "IN_STORE"],
      required: [],
    },
    {
      name: "a parcel over the weight threshold",
      grams: 20_001,
      value: 50_000,
      available: ["HOME_PICKUP"],
      required: ["HOME_PICKUP"],
    },
    {
      name: "a heavy but cheap item",
      grams: 25_000,
      value: 5_000,
      available: ["HOME_PICKUP", "KEEP_ITEM"],
      required: ["HOME_PICKUP"],
    },
    {
      name: "a currency without a keep limit",
      grams: 600,
      value: 100,
      currency: "EUR",
      available: ["DROP_OFF", "HOME_PICKUP", "IN_STORE"],
      required: [],
    },
    {
      name: "home pickup switched off",
      change: { returnMethods: { homePickup: { enabled: false, requiredAboveGrams: null } } },
      grams: 25_000,
      value: 50_000,
      available: ["DROP_OFF", "IN_STORE"],
      required: [],
    },
  ])(
    "GIVEN $name WHEN listing methods THEN $available are offered",
    ({ change, grams, value, currency = "SEK", available, required }) => {
      const policy = makePolicy({
        ...methods,
        ...change,
        returnMethods: { ...methods.returnMethods, ...change?.returnMethods },
      });
      const options = returnMethodOptions(policy, {
        currency,
        totalGrams: grams,
        returnValue: value,
        resolutions: ["REFUND"],
      });
      expect(options.filter((o) => o.available).map((o) => o.method)).toEqual(available);
      expect(options.filter((o) => o.required).map((o) => o.method)).toEqual(required);
    },
  );

  it("GIVEN methods WHEN listed THEN each carries its fee, carrier and locations, and unavailable ones say why", () => {
    const policy = makePolicy(methods);
    const options = returnMethodOptions(policy, {
      currency: "SEK",
      totalGrams: 25_000,
      returnValue: 50_000,
      resolutions: ["REFUND"],
    });
    expect(options.map((o) => [o.method, o.unavailableReason, o.fee.amount])).toEqual([
      ["DROP_OFF", "TOO_HEAVY_FOR_DROP_OFF", 4_900],
      ["HOME_PICKUP", null, 9_900],
      ["IN_STORE", "TOO_HEAVY_FOR_IN_STORE", 0],
      ["KEEP_ITEM", "VALUE_TOO_HIGH", 0],
    ]);
    const light = availableReturnMethods(policy, {
      currency: "SEK",
      totalGrams: 100,
      returnValue: 50_000,
      resolutions: ["EXCHANGE"],
    });
    expect(light.find((o) => o.method === "DROP_OFF")).toMatchObject({
      carrierName: "PostNord",
      fee: { amount: 0, why: "WAIVED_EXCHANGE" },
    });
    expect(light.find((o) => o.method === "IN_STORE")?.locationIds).toEqual([
      "gid://shopify/Location/1",
    ]);
  });

  it("GIVEN the default policy WHEN listing methods THEN only drop-off is offered", () => {
    const options = availableReturnMethods(makePolicy(), {
      currency: "SEK",
      totalGrams: 600,
      returnValue: 100_000,
      resolutions: ["REFUND"],
    });
    expect(options.map((o) => o.method)).toEqual(["DROP_OFF"]);
  });
});
