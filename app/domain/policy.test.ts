import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETURN_POLICY,
  parseReturnPolicy,
  policyWithDefaults,
  restockingFeePercentFor,
  returnShippingFeeFor,
  ReturnPolicySchema,
  windowDaysFor,
  type ReturnPolicy,
} from "./policy";
import { deepMerge, makePolicy, type DeepPartial } from "./testing/fixtures";

const withChange = (over: DeepPartial<ReturnPolicy>): unknown =>
  deepMerge(structuredClone(DEFAULT_RETURN_POLICY), over);

describe("ReturnPolicySchema", () => {
  it("GIVEN the default policy WHEN validated THEN it is valid", () => {
    expect(ReturnPolicySchema.safeParse(DEFAULT_RETURN_POLICY).success).toBe(true);
  });

  it.each<{ name: string; change: DeepPartial<ReturnPolicy>; path: string; message: RegExp }>([
    {
      name: "negative window",
      change: { windowDays: -1 },
      path: "windowDays",
      message: /can't be negative/,
    },
    {
      name: "fractional window",
      change: { windowDays: 14.5 },
      path: "windowDays",
      message: /whole number/,
    },
    {
      name: "window over a year",
      change: { windowDays: 400 },
      path: "windowDays",
      message: /at most 365/,
    },
    {
      name: "transit days out of range",
      change: { windowStart: { fallbackTransitDays: 90 } },
      path: "windowStart.fallbackTransitDays",
      message: /at most 60/,
    },
    {
      name: "no resolution offered",
      change: {
        resolutions: {
          refund: { offered: false },
          storeCredit: { offered: false },
          exchange: { offered: false },
        },
      },
      path: "resolutions",
      message: /at least one of refund, store credit or exchange/,
    },
    {
      name: "restocking fee above 100 %",
      change: { restockingFee: { percent: 120 } },
      path: "restockingFee.percent",
      message: /at most 100 %/,
    },
    {
      name: "restocking fee with three decimals",
      change: { restockingFee: { percent: 12.345 } },
      path: "restockingFee.percent",
      message: /two decimals/,
    },
    {
      name: "lower-case currency in a fee map",
      change: {
        returnShippingFee: { byMethod: { DROP_OFF: { sek: 4900 } as Record<string, number> } },
      },
      path: "returnShippingFee.byMethod.DROP_OFF.sek",
      message: /three-letter currency code/,
    },
    {
      name: "fee in fractional öre",
      change: { returnShippingFee: { byMethod: { DROP_OFF: { SEK: 49.5 } } } },
      path: "returnShippingFee.byMethod.DROP_OFF.SEK",
      message: /smallest unit/,
    },
    {
      name: "holiday ending before it starts",
      change: {
        holidays: [
          { name: "Xmas", from: "2026-12-24", to: "2026-11-01", extraDays: 30, returnBy: null },
        ],
      },
      path: "holidays.0.to",
      message: /end on or after/,
    },
    {
      name: "holiday with both extension kinds",
      change: {
        holidays: [
          {
            name: "Xmas",
            from: "2026-11-20",
            to: "2026-12-24",
            extraDays: 30,
            returnBy: "2027-01-31",
          },
        ],
      },
      path: "holidays.0.extraDays",
      message: /either extra days or a return-by date/,
    },
    {
      name: "holiday with neither extension kind",
      change: {
        holidays: [
          { name: "Xmas", from: "2026-11-20", to: "2026-12-24", extraDays: null, returnBy: null },
        ],
      },
      path: "holidays.0.extraDays",
      message: /either extra days or a return-by date/,
    },
    {
      name: "holiday with an impossible date",
      change: {
        holidays: [
          { name: "Xmas", from: "2026-02-30", to: "2026-12-24", extraDays: 10, returnBy: null },
        ],
      },
      path: "holidays.0.from",
      message: /valid date/,
    },
    {
      name: "return-by before the holiday ends",
      change: {
        holidays: [
          {
            name: "Xmas",
            from: "2026-11-20",
            to: "2026-12-24",
            extraDays: null,
            returnBy: "2026-12-01",
          },
        ],
      },
      path: "holidays.0.returnBy",
      message: /after the holiday period ends/,
    },
    {
      name: "EU withdrawal period shorter than the law",
      change: { eu: { withdrawalDays: 10 } },
      path: "eu.withdrawalDays",
      message: /at least 14 days/,
    },
    {
      name: "EU refund deadline longer than the law",
      change: { eu: { refundDeadlineDays: 30 } },
      path: "eu.refundDeadlineDays",
      message: /at most 14 days/,
    },
    {
      name: "in-store returns without locations",
      change: { returnMethods: { inStore: { enabled: true, locationIds: [] } } },
      path: "returnMethods.inStore.locationIds",
      message: /at least one location/,
    },
    {
      name: "no return method",
      change: {
        returnMethods: {
          dropOff: { enabled: false },
          homePickup: { enabled: false },
          inStore: { enabled: false },
          keepItem: { enabled: false },
        },
      },
      path: "returnMethods",
      message: /at least one return method/,
    },
    {
      name: "pickup threshold with pickup off",
      change: { returnMethods: { homePickup: { enabled: false, requiredAboveGrams: 20_000 } } },
      path: "returnMethods.homePickup.requiredAboveGrams",
      message: /Turn on home pickup/,
    },
    {
      name: "bad blocklist email",
      change: { blocklist: { emails: ["not-an-email"] } },
      path: "blocklist.emails.0",
      message: /valid email/,
    },
    {
      name: "fraud guard of zero returns",
      change: { fraudGuard: { maxReturns: 0 } },
      path: "fraudGuard.maxReturns",
      message: /at least 1/,
    },
    {
      name: "store credit expiring after 0 days",
      change: { storeCredit: { expiryDays: 0 } },
      path: "storeCredit.expiryDays",
      message: /at least 1 day/,
    },
    {
      name: "auto-approve rule without conditions",
      change: {
        autoApprove: { rules: [{ id: "r1", name: "Cheap", enabled: true, conditions: [] }] },
      },
      path: "autoApprove.rules.0.conditions",
      message: /at least one condition/,
    },
    {
      name: "two auto-approve rules with one id",
      change: {
        autoApprove: {
          rules: [
            { id: "r1", name: "A", enabled: true, conditions: [{ type: "NOT_EU_WITHDRAWAL" }] },
            { id: "r1", name: "B", enabled: true, conditions: [{ type: "NOT_EU_WITHDRAWAL" }] },
          ],
        },
      },
      path: "autoApprove.rules.1.id",
      message: /same id/,
    },
    {
      name: "reason condition without reasons",
      change: {
        autoApprove: {
          rules: [
            {
              id: "r1",
              name: "A",
              enabled: true,
              conditions: [{ type: "REASON_IN", reasonHandles: [] }],
            },
          ],
        },
      },
      path: "autoApprove.rules.0.conditions.0.reasonHandles",
      message: /at least one return reason/,
    },
  ])(
    "GIVEN a policy with $name WHEN parsed THEN $path says what to fix",
    ({ change, path, message }) => {
      const result = parseReturnPolicy(withChange(change));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const issue = result.issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(result.issues)).toBeDefined();
      expect(issue?.message).toMatch(message);
    },
  );

  it("GIVEN a string where a number belongs WHEN parsed THEN the message is human, not zod's default", () => {
    const result = parseReturnPolicy(withChange({ windowDays: "thirty" as unknown as number }));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]).toEqual({
        path: "windowDays",
        code: "notNumber",
        params: {},
        message: "Return window must be a number of days.",
      });
  });
});

describe("policyWithDefaults", () => {
  it("GIVEN a stored policy missing newer sections WHEN loaded THEN the defaults fill them and stored values win", () => {
    const stored = { windowDays: 60, returnMethods: { homePickup: { enabled: true } } };
    const result = policyWithDefaults(stored);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy.windowDays).toBe(60);
    expect(result.policy.returnMethods.homePickup).toEqual({
      enabled: true,
      requiredAboveGrams: null,
    });
    expect(result.policy.eu).toEqual(DEFAULT_RETURN_POLICY.eu);
  });

  it("GIVEN a stored fee map WHEN loaded THEN it replaces the default map instead of merging currencies", () => {
    const base = makePolicy({
      returnShippingFee: { byMethod: { DROP_OFF: { SEK: 4900, EUR: 500 } } },
    });
    const result = policyWithDefaults(
      { returnShippingFee: { byMethod: { DROP_OFF: { SEK: 3900 } } } },
      base,
    );
    expect(result.ok && result.policy.returnShippingFee.byMethod.DROP_OFF).toEqual({ SEK: 3900 });
  });
});

describe("windowDaysFor", () => {
  it.each([
    { name: "general window", change: {}, resolution: "REFUND" as const, expected: 30 },
    {
      name: "override",
      change: { resolutions: { exchange: { windowDays: 60 } } },
      resolution: "EXCHANGE" as const,
      expected: 60,
    },
    {
      name: "override of 0 days",
      change: { eu: { enabled: false }, resolutions: { refund: { windowDays: 0 } } },
      resolution: "REFUND" as const,
      expected: 0,
    },
    {
      name: "not offered",
      change: { resolutions: { storeCredit: { offered: false } } },
      resolution: "STORE_CREDIT" as const,
      expected: null,
    },
  ])(
    "GIVEN $name WHEN asking the $resolution window THEN it is $expected",
    ({ change, resolution, expected }) => {
      expect(windowDaysFor(makePolicy(change), resolution)).toBe(expected);
    },
  );
});

describe("restockingFeePercentFor", () => {
  const policy = makePolicy({
    restockingFee: {
      percent: 15,
      exemptReasonHandles: ["damaged", "wrong-item"],
      exemptResolutions: ["EXCHANGE"],
    },
  });
  it.each([
    { reasonHandle: "too-small", resolution: "REFUND" as const, expected: 15 },
    { reasonHandle: null, resolution: "STORE_CREDIT" as const, expected: 15 },
    { reasonHandle: "damaged", resolution: "REFUND" as const, expected: 0 },
    { reasonHandle: "wrong-item", resolution: "STORE_CREDIT" as const, expected: 0 },
    { reasonHandle: "too-small", resolution: "EXCHANGE" as const, expected: 0 },
  ])(
    "GIVEN reason $reasonHandle and $resolution WHEN fixing the fee THEN it is $expected %",
    ({ reasonHandle, resolution, expected }) => {
      expect(restockingFeePercentFor(policy, { reasonHandle, resolution })).toBe(expected);
    },
  );
});

describe("returnShippingFeeFor", () => {
  const policy = makePolicy({
    returnShippingFee: {
      byMethod: { DROP_OFF: { SEK: 4900, EUR: 0 }, HOME_PICKUP: { SEK: 9900 }, IN_STORE: {} },
      waiveForExchange: true,
      waiveForStoreCredit: false,
    },
  });
  it.each([
    {
      method: "DROP_OFF" as const,
      currency: "SEK",
      resolutions: ["REFUND" as const],
      amount: 4900,
      why: "CHARGED",
    },
    {
      method: "HOME_PICKUP" as const,
      currency: "SEK",
      resolutions: ["REFUND" as const],
      amount: 9900,
      why: "CHARGED",
    },
    {
      method: "DROP_OFF" as const,
      currency: "SEK",
      resolutions: ["EXCHANGE" as const],
      amount: 0,
      why: "WAIVED_EXCHANGE",
    },
    {
      method: "DROP_OFF" as const,
      currency: "SEK",
      resolutions: ["STORE_CREDIT" as const],
      amount: 4900,
      why: "CHARGED",
    },
    {
      method: "DROP_OFF" as const,
      currency: "SEK",
      resolutions: ["EXCHANGE" as const, "REFUND" as const],
      amount: 4900,
      why: "CHARGED",
    },
    {
      method: "DROP_OFF" as const,
      currency: "NOK",
      resolutions: ["REFUND" as const],
      amount: 0,
      why: "NOT_CONFIGURED_FOR_CURRENCY",
    },
    {
      method: "DROP_OFF" as const,
      currency: "EUR",
      resolutions: ["REFUND" as const],
      amount: 0,
      why: "NO_FEE_FOR_METHOD",
    },
    {
      method: "KEEP_ITEM" as const,
      currency: "SEK",
      resolutions: ["REFUND" as const],
      amount: 0,
      why: "NO_FEE_FOR_METHOD",
    },
    {
      method: "IN_STORE" as const,
      currency: "SEK",
      resolutions: ["REFUND" as const],
      amount: 0,
      why: "NOT_CONFIGURED_FOR_CURRENCY",
    },
  ])(
    "GIVEN $method in $currency for $resolutions WHEN pricing the return THEN $amount ($why)",
    ({ method, currency, resolutions, amount, why }) => {
      expect(returnShippingFeeFor(policy, { method, currency, resolutions })).toEqual({
        amount,
        currency,
        why,
      });
    },
  );

  it("GIVEN both waivers WHEN a return mixes exchange and store credit THEN the fee is waived", () => {
    const p = makePolicy({
      returnShippingFee: {
        byMethod: { DROP_OFF: { SEK: 4900 } },
        waiveForExchange: true,
        waiveForStoreCredit: true,
      },
    });
    expect(
      returnShippingFeeFor(p, {
        method: "DROP_OFF",
        currency: "SEK",
        resolutions: ["EXCHANGE", "STORE_CREDIT"],
      }),
    ).toEqual({
      amount: 0,
      currency: "SEK",
      why: "WAIVED_EXCHANGE_AND_STORE_CREDIT",
    });
  });
});

describe("DEFAULT_RETURN_POLICY", () => {
  it("GIVEN the shared default WHEN a caller tries to edit a nested field THEN it can't (strict mode throws)", () => {
    expect(() => {
      (DEFAULT_RETURN_POLICY.eu as { enabled: boolean }).enabled = false;
    }).toThrow(TypeError);
    expect(DEFAULT_RETURN_POLICY.eu.enabled).toBe(true);
  });
});
