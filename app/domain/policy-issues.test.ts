/**
 * Policy issues carry a language-free code and values next to the English message: the
 * admin words them in the merchant's language (app/i18n/policy-issues.ts).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_RETURN_POLICY, parseReturnPolicy, type ReturnPolicy } from "./policy";
import { POLICY_ISSUE_CODES } from "./policy-issues";
import { deepMerge, type DeepPartial } from "./testing/fixtures";

const withChange = (over: DeepPartial<ReturnPolicy>): unknown => deepMerge(structuredClone(DEFAULT_RETURN_POLICY), over);

function issuesOf(change: DeepPartial<ReturnPolicy>) {
  const result = parseReturnPolicy(withChange(change));
  return result.ok ? [] : result.issues;
}

const rule = (conditions: unknown[]) => ({ autoApprove: { rules: [{ id: "r1", name: "A", enabled: true, conditions }] } }) as DeepPartial<ReturnPolicy>;

describe("policy issue codes", () => {
  it.each<{ name: string; change: DeepPartial<ReturnPolicy>; path: string; code: string; params?: Record<string, unknown>; message: RegExp }>([
    { name: "negative days", change: { windowDays: -3 }, path: "windowDays", code: "negative", message: /^Return window can't be negative\.$/ },
    { name: "too many days", change: { windowDays: 400 }, path: "windowDays", code: "maxDays", params: { max: 365 }, message: /at most 365 days/ },
    { name: "fractional days", change: { windowDays: 1.5 }, path: "windowDays", code: "notWholeNumber", message: /whole number of days/ },
    { name: "text for days", change: { windowDays: "x" as unknown as number }, path: "windowDays", code: "notNumber", message: /number of days/ },
    { name: "percent over 100", change: { restockingFee: { percent: 150 } }, path: "restockingFee.percent", code: "maxPercent", params: { max: 100 }, message: /at most 100 %/ },
    { name: "three decimals", change: { restockingFee: { percent: 1.234 } }, path: "restockingFee.percent", code: "tooManyDecimals", params: { max: 2 }, message: /two decimals/ },
    { name: "lower-case currency", change: { returnShippingFee: { byMethod: { DROP_OFF: { sek: 100 } } } }, path: "returnShippingFee.byMethod.DROP_OFF.sek", code: "currencyCode", message: /three-letter/ },
    { name: "fraction of an öre", change: { returnShippingFee: { byMethod: { DROP_OFF: { SEK: 1.5 } } } }, path: "returnShippingFee.byMethod.DROP_OFF.SEK", code: "currencyDecimals", message: /smallest unit/ },
    { name: "huge fee", change: { returnShippingFee: { byMethod: { DROP_OFF: { SEK: 1e12 } } } }, path: "returnShippingFee.byMethod.DROP_OFF.SEK", code: "unrealistic", message: /unrealistically/ },
    { name: "zero-day expiry", change: { storeCredit: { expiryDays: 0 } }, path: "storeCredit.expiryDays", code: "atLeastOneDay", message: /at least 1 day/ },
    { name: "EU withdrawal under 14", change: { eu: { withdrawalDays: 10 } }, path: "eu.withdrawalDays", code: "euWithdrawal", params: { min: 14 }, message: /EU law/ },
    { name: "EU refund window", change: { windowDays: 10 }, path: "windowDays", code: "euRefundWindow", params: { min: 14 }, message: /EU mode/ },
    { name: "no return method", change: { returnMethods: { dropOff: { enabled: false } } }, path: "returnMethods", code: "noReturnMethod", message: /at least one return method/ },
    { name: "in store without stores", change: { returnMethods: { inStore: { enabled: true, locationIds: [] } } }, path: "returnMethods.inStore.locationIds", code: "emptyList", message: /at least one location/ },
    { name: "empty tag", change: { nonReturnable: { productTags: [" "] } }, path: "nonReturnable.productTags.0", code: "empty", message: /Product tag can't be empty/ },
    { name: "long carrier", change: { returnMethods: { dropOff: { carrierName: "x".repeat(101) } } }, path: "returnMethods.dropOff.carrierName", code: "tooLong", params: { max: 100 }, message: /100 characters/ },
    { name: "bad email", change: { blocklist: { emails: ["nope"] } }, path: "blocklist.emails.0", code: "invalidEmail", message: /valid email/ },
    { name: "zero grams", change: { returnMethods: { homePickup: { enabled: true, requiredAboveGrams: 0 } } }, path: "returnMethods.homePickup.requiredAboveGrams", code: "moreThan", params: { min: 0 }, message: /more than 0 grams/ },
    { name: "pickup off", change: { returnMethods: { homePickup: { requiredAboveGrams: 100 } } }, path: "returnMethods.homePickup.requiredAboveGrams", code: "pickupOff", message: /Turn on home pickup/ },
    { name: "empty final-sale tag", change: { nonReturnable: { finalSaleTag: " " } }, path: "nonReturnable.finalSaleTag", code: "finalSaleTagEmpty", message: /turn it off/ },
    { name: "reason list empty", change: rule([{ type: "REASON_IN", reasonHandles: [] }]), path: "autoApprove.rules.0.conditions.0.reasonHandles", code: "emptyList", message: /at least one return reason/ },
    { name: "unknown condition", change: rule([{ type: "MOON_PHASE" }]), path: "autoApprove.rules.0.conditions.0.type", code: "invalidChoice", message: /condition type/ },
    { name: "too many returns", change: rule([{ type: "CUSTOMER_RETURNS_BELOW", days: 30, max: 5000 }]), path: "autoApprove.rules.0.conditions.0.max", code: "tooLarge", params: { max: 1000 }, message: /at most 1000/ },
    { name: "zero max returns", change: { fraudGuard: { maxReturns: 0 } }, path: "fraudGuard.maxReturns", code: "tooSmall", params: { min: 1 }, message: /at least 1/ },
    { name: "bad exempt resolution", change: { restockingFee: { exemptResolutions: ["GIFT" as never] } }, path: "restockingFee.exemptResolutions.0", code: "invalidChoice", message: /Choose refund/ },
    { name: "holiday ending first", change: { holidays: [{ name: "X", from: "2026-12-24", to: "2026-11-15", extraDays: 5, returnBy: null }] }, path: "holidays.0.to", code: "endBeforeStart", message: /end on or after/ },
    { name: "bad holiday date", change: { holidays: [{ name: "X", from: "2026-13-01", to: "2026-12-24", extraDays: 5, returnBy: null }] }, path: "holidays.0.from", code: "invalidDate", message: /YYYY-MM-DD/ },
  ])("GIVEN $name WHEN parsed THEN $path has code $code, its values and the English message", ({ change, path, code, params, message }) => {
    const issue = issuesOf(change).find((i) => i.path === path && i.code === code);
    expect(issue, JSON.stringify(issuesOf(change))).toBeDefined();
    expect(issue!.params).toEqual(params ?? {});
    expect(issue!.message).toMatch(message);
  });

  it("GIVEN a number field left empty WHEN parsed THEN it is required", () => {
    const result = parseReturnPolicy({ ...structuredClone(DEFAULT_RETURN_POLICY), windowDays: undefined });
    expect(!result.ok && result.issues).toEqual([{ path: "windowDays", code: "required", params: {}, message: "Return window is required." }]);
  });

  it("GIVEN boundary values WHEN parsed THEN what is valid did not change", () => {
    const valid: DeepPartial<ReturnPolicy>[] = [
      { windowDays: 365, eu: { enabled: false } },
      { windowDays: 0, eu: { enabled: false } },
      { restockingFee: { percent: 12.34 } },
      { restockingFee: { percent: 100 } },
      { storeCredit: { expiryDays: 1 } },
      { storeCredit: { expiryDays: null } },
      { eu: { withdrawalDays: 14, refundDeadlineDays: 1 } },
      { returnShippingFee: { byMethod: { DROP_OFF: { SEK: 0, EUR: 100_000_000_00 } } } },
      { nonReturnable: { finalSaleTag: null } },
    ];
    for (const change of valid) expect(issuesOf(change), JSON.stringify(change)).toEqual([]);
    expect(issuesOf({ windowDays: 366, eu: { enabled: false } })).toHaveLength(1);
    expect(issuesOf({ returnShippingFee: { byMethod: { DROP_OFF: { SEK: 100_000_000_01 } } } })).toHaveLength(1);
  });

  it("GIVEN every issue a wildly wrong policy has WHEN parsed THEN each has a known code", () => {
    const wrong = withChange({ windowDays: -1.5, restockingFee: { percent: -1 }, blocklist: { emails: ["x"] }, holidays: [{ name: "", from: "x", to: "y", extraDays: null, returnBy: null }] });
    const result = parseReturnPolicy(wrong);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const issue of result.issues) expect(POLICY_ISSUE_CODES).toContain(issue.code);
    expect(result.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["notWholeNumber", "negative", "invalidEmail", "empty", "invalidDate", "extraDaysOrReturnBy"]));
  });
});
