/**
 * Auto-approve: decides whether a freshly requested return can be approved without a
 * person, from the merchant's rules (policy.autoApprove.rules). A rule approves when
 * ALL its conditions hold; rules are tried in order and the first match wins. Anything
 * unknown (no limit set for the order's currency, a line without a reason) counts as
 * "condition not met": when in doubt, a person looks.
 *
 * The result carries an English explanation for the event log and a structured trace
 * (rule → failed conditions) the admin UI can translate.
 */
import { parseInstant } from "./dates";
import { toDecimalString } from "./money";
import type { AutoApproveCondition, AutoApproveRule, Resolution, ReturnMethod } from "./policy";

export interface AutoApproveContext {
  /** The order's presentment currency (amount limits are looked up by it). */
  currency: string;
  /** order.ts `orderTotal` of the order. */
  orderTotal: number;
  /** Σ subtotal (refund.ts `calculateLine`) of the requested lines. */
  returnValue: number;
  /** Reason handle per requested line (null when the shopper gave none). */
  reasonHandles: readonly (string | null)[];
  /** Resolution per requested line. */
  resolutions: readonly Resolution[];
  returnMethod: ReturnMethod | null;
  customerTags: readonly string[];
  orderTags: readonly string[];
  /** Instants of the customer's earlier return requests (not including this one). */
  customerReturnDates: readonly string[];
  now: string | Date;
  /** The request is a statutory EU withdrawal (shopper used the withdrawal function). */
  isEuWithdrawal: boolean;
  /** Every requested line passed eligibility (validateReturnRequest ok). */
  allLinesEligible: boolean;
  /**
   * Reasons a person must look regardless of rules, e.g. "EU_WITHDRAWAL_OVERRIDE" when
   * eligibility allowed a line only through the EU right (blocked customer, over limit).
   */
  needsReview?: readonly string[];
}

export interface ConditionResult {
  condition: AutoApproveCondition;
  met: boolean;
  detail: string;
}

export interface RuleTrace {
  ruleId: string;
  matched: boolean;
  skipped: boolean;
  failed: ConditionResult[];
}

export type AutoApproveDecision =
  | { approve: true; ruleId: string; explanation: string; trace: RuleTrace[] }
  | { approve: false; ruleId?: undefined; explanation: string; trace: RuleTrace[] };

function money(amount: number, currency: string): string {
  try {
    return `${currency} ${toDecimalString({ amount, currency })}`;
  } catch {
    return `${amount} (${currency})`;
  }
}

function lowerSet(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => v.trim().toLowerCase()));
}

export function evaluateCondition(
  c: AutoApproveCondition,
  ctx: AutoApproveContext,
): ConditionResult {
  const result = (met: boolean, detail: string): ConditionResult => ({ condition: c, met, detail });
  switch (c.type) {
    case "RETURN_VALUE_BELOW":
    case "ORDER_TOTAL_BELOW": {
      const what = c.type === "RETURN_VALUE_BELOW" ? "return value" : "order total";
      const value = c.type === "RETURN_VALUE_BELOW" ? ctx.returnValue : ctx.orderTotal;
      const limit = c.amounts[ctx.currency];
      if (limit === undefined) return result(false, `no ${what} limit set for ${ctx.currency}`);
      return value < limit
        ? result(
            true,
            `${what} ${money(value, ctx.currency)} is below ${money(limit, ctx.currency)}`,
          )
        : result(
            false,
            `${what} ${money(value, ctx.currency)} is not below ${money(limit, ctx.currency)}`,
          );
    }
    case "REASON_IN": {
      const allowed = new Set(c.reasonHandles);
      if (ctx.reasonHandles.length === 0) return result(false, "no return reasons given");
      const bad = ctx.reasonHandles.filter((r) => r === null || !allowed.has(r));
      return bad.length === 0
        ? result(true, `all reasons are among ${c.reasonHandles.join(", ")}`)
        : result(
            false,
            `reason ${bad.map((b) => b ?? "(none)").join(", ")} is not among ${c.reasonHandles.join(", ")}`,
          );
    }
    case "RESOLUTION_IN": {
      if (ctx.resolutions.length === 0) return result(false, "no resolutions chosen");
      const bad = ctx.resolutions.filter((r) => !c.resolutions.includes(r));
      return bad.length === 0
        ? result(true, `all resolutions are ${c.resolutions.join(" or ")}`)
        : result(
            false,
            `resolution ${[...new Set(bad)].join(", ")} is not ${c.resolutions.join(" or ")}`,
          );
    }
    case "RETURN_METHOD_IN": {
      if (ctx.returnMethod === null) return result(false, "no return method chosen");
      return c.methods.includes(ctx.returnMethod)
        ? result(true, `return method ${ctx.returnMethod} is allowed`)
        : result(false, `return method ${ctx.returnMethod} is not ${c.methods.join(" or ")}`);
    }
    case "CUSTOMER_RETURNS_BELOW": {
      const nowMs = parseInstant(ctx.now).getTime();
      const since = nowMs - c.days * 86_400_000;
      const count = ctx.customerReturnDates.filter((d) => {
        const t = parseInstant(d).getTime();
        return t > since && t <= nowMs;
      }).length;
      return count < c.max
        ? result(true, `${count} earlier return(s) in ${c.days} days, fewer than ${c.max}`)
        : result(
            false,
            `${count} earlier return(s) in ${c.days} days, limit is fewer than ${c.max}`,
          );
    }
    case "CUSTOMER_TAG_IN":
    case "ORDER_TAG_IN": {
      const have = lowerSet(c.type === "CUSTOMER_TAG_IN" ? ctx.customerTags : ctx.orderTags);
      const hit = c.tags.find((t) => have.has(t.trim().toLowerCase()));
      const whose = c.type === "CUSTOMER_TAG_IN" ? "customer" : "order";
      return hit !== undefined
        ? result(true, `${whose} is tagged ${hit}`)
        : result(false, `${whose} has none of the tags ${c.tags.join(", ")}`);
    }
    case "NOT_EU_WITHDRAWAL":
      return ctx.isEuWithdrawal
        ? result(false, "the request is an EU withdrawal")
        : result(true, "the request is not an EU withdrawal");
  }
}

export function evaluateAutoApprove(
  rules: readonly AutoApproveRule[],
  ctx: AutoApproveContext,
): AutoApproveDecision {
  if (!ctx.allLinesEligible) {
    return {
      approve: false,
      explanation: "Not auto-approved: some requested items aren't eligible.",
      trace: [],
    };
  }
  if (ctx.needsReview && ctx.needsReview.length > 0) {
    return {
      approve: false,
      explanation: `Not auto-approved: needs review (${ctx.needsReview.join(", ")}).`,
      trace: [],
    };
  }
  const trace: RuleTrace[] = [];
  for (const rule of rules) {
    if (!rule.enabled) {
      trace.push({ ruleId: rule.id, matched: false, skipped: true, failed: [] });
      continue;
    }
    const results = rule.conditions.map((c) => evaluateCondition(c, ctx));
    const failed = results.filter((r) => !r.met);
    trace.push({ ruleId: rule.id, matched: failed.length === 0, skipped: false, failed });
    if (failed.length === 0) {
      return {
        approve: true,
        ruleId: rule.id,
        explanation: `Auto-approved by rule "${rule.name}": ${results.map((r) => r.detail).join("; ")}.`,
        trace,
      };
    }
  }
  const active = trace.filter((t) => !t.skipped);
  if (active.length === 0) {
    return {
      approve: false,
      explanation: "Not auto-approved: no active auto-approve rules.",
      trace,
    };
  }
  return {
    approve: false,
    explanation: `Not auto-approved: ${active
      .map((t) => `rule ${t.ruleId} failed (${t.failed.map((f) => f.detail).join("; ")})`)
      .join("; ")}.`,
    trace,
  };
}
