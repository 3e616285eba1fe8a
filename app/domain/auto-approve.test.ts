import { describe, expect, it } from "vitest";
import { evaluateAutoApprove, evaluateCondition, type AutoApproveContext } from "./auto-approve";
import { AutoApproveRuleSchema, type AutoApproveCondition, type AutoApproveRule } from "./policy";

const NOW = "2026-03-20T12:00:00Z";

function ctx(over: Partial<AutoApproveContext> = {}): AutoApproveContext {
  return {
    currency: "SEK",
    orderTotal: 104_900,
    returnValue: 49_900,
    reasonHandles: ["too-small"],
    resolutions: ["EXCHANGE"],
    returnMethod: "DROP_OFF",
    customerTags: ["VIP"],
    orderTags: [],
    customerReturnDates: ["2026-03-01T10:00:00Z"],
    now: NOW,
    isEuWithdrawal: false,
    allLinesEligible: true,
    ...over,
  };
}

function rule(id: string, conditions: AutoApproveCondition[], enabled = true): AutoApproveRule {
  return AutoApproveRuleSchema.parse({ id, name: `Rule ${id}`, enabled, conditions });
}

describe("evaluateCondition", () => {
  it.each<{
    name: string;
    condition: AutoApproveCondition;
    over?: Partial<AutoApproveContext>;
    met: boolean;
  }>([
    {
      name: "return value below the SEK limit",
      condition: { type: "RETURN_VALUE_BELOW", amounts: { SEK: 50_000 } },
      met: true,
    },
    {
      name: "return value equal to the limit",
      condition: { type: "RETURN_VALUE_BELOW", amounts: { SEK: 49_900 } },
      met: false,
    },
    {
      name: "no limit for the order's currency",
      condition: { type: "RETURN_VALUE_BELOW", amounts: { EUR: 100_000 } },
      met: false,
    },
    {
      name: "order total below the limit",
      condition: { type: "ORDER_TOTAL_BELOW", amounts: { SEK: 200_000 } },
      met: true,
    },
    {
      name: "order total above the limit",
      condition: { type: "ORDER_TOTAL_BELOW", amounts: { SEK: 100_000 } },
      met: false,
    },
    {
      name: "reason in the list",
      condition: { type: "REASON_IN", reasonHandles: ["too-small", "too-big"] },
      met: true,
    },
    {
      name: "one of two reasons outside the list",
      condition: { type: "REASON_IN", reasonHandles: ["too-small"] },
      over: { reasonHandles: ["too-small", "damaged"] },
      met: false,
    },
    {
      name: "a line without a reason",
      condition: { type: "REASON_IN", reasonHandles: ["too-small"] },
      over: { reasonHandles: [null] },
      met: false,
    },
    {
      name: "no lines at all",
      condition: { type: "REASON_IN", reasonHandles: ["too-small"] },
      over: { reasonHandles: [] },
      met: false,
    },
    {
      name: "exchange only",
      condition: { type: "RESOLUTION_IN", resolutions: ["EXCHANGE", "STORE_CREDIT"] },
      met: true,
    },
    {
      name: "a refund among exchanges",
      condition: { type: "RESOLUTION_IN", resolutions: ["EXCHANGE", "STORE_CREDIT"] },
      over: { resolutions: ["EXCHANGE", "REFUND"] },
      met: false,
    },
    {
      name: "drop-off allowed",
      condition: { type: "RETURN_METHOD_IN", methods: ["DROP_OFF"] },
      met: true,
    },
    {
      name: "no method chosen",
      condition: { type: "RETURN_METHOD_IN", methods: ["DROP_OFF"] },
      over: { returnMethod: null },
      met: false,
    },
    {
      name: "1 return in 30 days, fewer than 2",
      condition: { type: "CUSTOMER_RETURNS_BELOW", days: 30, max: 2 },
      met: true,
    },
    {
      name: "2 returns in 30 days, not fewer than 2",
      condition: { type: "CUSTOMER_RETURNS_BELOW", days: 30, max: 2 },
      over: { customerReturnDates: ["2026-03-01T10:00:00Z", "2026-03-10T10:00:00Z"] },
      met: false,
    },
    {
      name: "an old return outside the look-back",
      condition: { type: "CUSTOMER_RETURNS_BELOW", days: 10, max: 1 },
      met: true,
    },
    {
      name: "customer tag (case-insensitive)",
      condition: { type: "CUSTOMER_TAG_IN", tags: ["vip"] },
      met: true,
    },
    {
      name: "customer tag missing",
      condition: { type: "CUSTOMER_TAG_IN", tags: ["wholesale"] },
      met: false,
    },
    {
      name: "order tag present",
      condition: { type: "ORDER_TAG_IN", tags: ["gift"] },
      over: { orderTags: ["Gift"] },
      met: true,
    },
    { name: "order tag missing", condition: { type: "ORDER_TAG_IN", tags: ["gift"] }, met: false },
    { name: "not an EU withdrawal", condition: { type: "NOT_EU_WITHDRAWAL" }, met: true },
    {
      name: "an EU withdrawal",
      condition: { type: "NOT_EU_WITHDRAWAL" },
      over: { isEuWithdrawal: true },
      met: false,
    },
  ])("GIVEN $name WHEN evaluated THEN met is $met", ({ condition, over, met }) => {
    const result = evaluateCondition(condition, ctx(over));
    expect(result.met).toBe(met);
    expect(result.detail.length).toBeGreaterThan(5);
  });

  it("GIVEN an amount condition WHEN explained THEN the amounts read as money, not minor units", () => {
    expect(
      evaluateCondition({ type: "RETURN_VALUE_BELOW", amounts: { SEK: 50_000 } }, ctx()).detail,
    ).toBe("return value SEK 499.00 is below SEK 500.00");
  });
});

describe("evaluateAutoApprove", () => {
  const cheapExchange = rule("cheap-exchange", [
    { type: "RESOLUTION_IN", resolutions: ["EXCHANGE"] },
    { type: "RETURN_VALUE_BELOW", amounts: { SEK: 50_000 } },
  ]);
  const vip = rule("vip", [
    { type: "CUSTOMER_TAG_IN", tags: ["vip"] },
    { type: "NOT_EU_WITHDRAWAL" },
  ]);

  it.each<{
    name: string;
    rules: AutoApproveRule[];
    over?: Partial<AutoApproveContext>;
    approve: boolean;
    ruleId?: string;
    explanation: RegExp;
  }>([
    {
      name: "a matching rule",
      rules: [cheapExchange],
      approve: true,
      ruleId: "cheap-exchange",
      explanation: /Auto-approved by rule "Rule cheap-exchange"/,
    },
    {
      name: "the first of two matching rules",
      rules: [vip, cheapExchange],
      approve: true,
      ruleId: "vip",
      explanation: /customer is tagged vip/,
    },
    {
      name: "a failing first rule and a matching second",
      rules: [cheapExchange, vip],
      over: { returnValue: 80_000 },
      approve: true,
      ruleId: "vip",
      explanation: /rule "Rule vip"/,
    },
    {
      name: "a disabled matching rule",
      rules: [rule("off", [{ type: "NOT_EU_WITHDRAWAL" }], false)],
      approve: false,
      explanation: /no active auto-approve rules/,
    },
    { name: "no rules", rules: [], approve: false, explanation: /no active auto-approve rules/ },
    {
      name: "no rule matching",
      rules: [cheapExchange],
      over: { resolutions: ["REFUND"] },
      approve: false,
      explanation: /rule cheap-exchange failed \(resolution REFUND is not EXCHANGE\)/,
    },
    {
      name: "an ineligible line",
      rules: [cheapExchange],
      over: { allLinesEligible: false },
      approve: false,
      explanation: /aren't eligible/,
    },
    {
      name: "a request needing review",
      rules: [cheapExchange],
      over: { needsReview: ["EU_WITHDRAWAL_OVERRIDE"] },
      approve: false,
      explanation: /needs review \(EU_WITHDRAWAL_OVERRIDE\)/,
    },
    {
      name: "an EU withdrawal against a rule that excludes it",
      rules: [vip],
      over: { isEuWithdrawal: true },
      approve: false,
      explanation: /EU withdrawal/,
    },
  ])(
    "GIVEN $name WHEN deciding THEN approve is $approve",
    ({ rules, over, approve, ruleId, explanation }) => {
      const decision = evaluateAutoApprove(rules, ctx(over));
      expect(decision.approve).toBe(approve);
      expect(decision.ruleId).toBe(ruleId);
      expect(decision.explanation).toMatch(explanation);
    },
  );

  it("GIVEN a rejected request WHEN deciding THEN the trace lists the failed conditions per rule", () => {
    const decision = evaluateAutoApprove(
      [cheapExchange, vip],
      ctx({ returnValue: 80_000, customerTags: [] }),
    );
    expect(
      decision.trace.map((t) => [t.ruleId, t.matched, t.failed.map((f) => f.condition.type)]),
    ).toEqual([
      ["cheap-exchange", false, ["RETURN_VALUE_BELOW"]],
      ["vip", false, ["CUSTOMER_TAG_IN"]],
    ]);
  });
});
