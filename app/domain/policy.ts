/**
 * The merchant's return policy: one zod schema that drives the settings form (its
 * issues' codes are worded in the admin's language), the server-side checks and, through
 * eligibility/refund/return-methods, what the shopper is offered. What the policy block
 * shows is what the server enforces, because both read this object.
 *
 * Amount thresholds and fees are maps currency → integer minor units: a shop selling in
 * SEK, EUR and NOK sets each explicitly instead of relying on exchange rates.
 *
 * Every message is English and names its field; each issue also has a language-free code
 * and values (policy-issues.ts) that the admin words in the merchant's language.
 */
import { policyIssueFrom, type PolicyIssue } from "./policy-issues";
import type { Resolution, ReturnMethod } from "./policy-fields";
import { ReturnPolicySchema, type ReturnPolicy } from "./policy-schema";

export type { PolicyIssue, PolicyIssueCode, PolicyIssueParams } from "./policy-issues";
export { POLICY_ISSUE_CODES } from "./policy-issues";

// The policy's parts, public as they were before the split (the field helpers stay inside).
export { CurrencyCodeSchema, IsoDateSchema, RESOLUTIONS, RETURN_METHODS, type Resolution, type ReturnMethod } from "./policy-fields";
export * from "./policy-rules";
export * from "./policy-schema";

/** Frozen all the way down: services start from a copy (structuredClone), never edit it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * A safe, common Nordic starting point: 30 days from delivery, all resolutions, no fees
 * except an optional shipping fee the merchant sets, gift cards and "final-sale" items
 * excluded, EU mode on (most of the seeds' merchants sell to EU consumers).
 */
export const DEFAULT_RETURN_POLICY: ReturnPolicy = deepFreeze({
  windowDays: 30,
  windowStart: { fallbackTransitDays: 3 },
  resolutions: {
    refund: { offered: true, windowDays: null },
    storeCredit: { offered: true, windowDays: null },
    exchange: { offered: true, windowDays: null },
  },
  holidays: [],
  nonReturnable: {
    productTags: [],
    productTypes: [],
    collectionIds: [],
    productIds: [],
    finalSaleTag: "final-sale",
    giftCards: true,
  },
  restockingFee: {
    percent: 0,
    exemptReasonHandles: ["damaged", "defective", "wrong-item"],
    exemptResolutions: ["EXCHANGE"],
  },
  returnShippingFee: {
    byMethod: { DROP_OFF: {}, HOME_PICKUP: {}, IN_STORE: {} },
    waiveForExchange: true,
    waiveForStoreCredit: true,
  },
  storeCredit: { bonusPercent: 0, expiryDays: 365 },
  exchange: { surplusTo: "REFUND", allowOtherProducts: false },
  returnMethods: {
    dropOff: { enabled: true, carrierName: "PostNord" },
    homePickup: { enabled: false, requiredAboveGrams: null },
    inStore: { enabled: false, locationIds: [] },
    keepItem: { enabled: false, maxValue: {} },
  },
  autoApprove: { rules: [] },
  inspectionSlaDays: 3,
  eu: {
    enabled: true,
    withdrawalDays: 14,
    refundDeadlineDays: 14,
    storeCreditRequiresConsent: true,
  },
  blocklist: { emails: [], customerIds: [] },
  photoRequiredReasonHandles: [],
  receivingLocationId: null,
  fraudGuard: { maxReturns: null, periodDays: 90 },
  requireSignIn: false,
} satisfies ReturnPolicy);

// ---------------------------------------------------------------------------
// Parsing for forms and stored JSON

export type PolicyParseResult =
  { ok: true; policy: ReturnPolicy } | { ok: false; issues: PolicyIssue[] };

/** Validates untrusted input (form post, stored JSON) and returns field-level issues (code, values, English message). */
export function parseReturnPolicy(input: unknown): PolicyParseResult {
  const result = ReturnPolicySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    issues: result.error.issues.map(policyIssueFrom),
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Fills fields a stored policy lacks (saved before a field existed) from the defaults,
 * then validates. Objects merge key by key; arrays and scalars from `stored` win whole;
 * the fee maps are taken as stored (a merchant who removed a currency meant it).
 */
export function policyWithDefaults(
  stored: unknown,
  defaults: ReturnPolicy = DEFAULT_RETURN_POLICY,
): PolicyParseResult {
  const merge = (base: unknown, over: unknown, depth: number): unknown => {
    if (over === undefined) return base;
    if (depth > 0 && isPlainObject(base) && isPlainObject(over)) {
      const out: Record<string, unknown> = { ...base };
      for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v, depth - 1);
      return out;
    }
    return over;
  };
  // Depth 3 reaches e.g. returnMethods.homePickup.requiredAboveGrams but keeps currency maps
  // (depth 4: returnShippingFee.byMethod.DROP_OFF.SEK) whole.
  return parseReturnPolicy(merge(defaults, stored, 3));
}

// ---------------------------------------------------------------------------
// Small policy questions the rest of the domain asks

/** Window in days for a resolution (its override or the general window); null when not offered. */
export function windowDaysFor(policy: ReturnPolicy, resolution: Resolution): number | null {
  const option =
    resolution === "REFUND"
      ? policy.resolutions.refund
      : resolution === "STORE_CREDIT"
        ? policy.resolutions.storeCredit
        : policy.resolutions.exchange;
  if (!option.offered) return null;
  return option.windowDays ?? policy.windowDays;
}

/**
 * The restocking fee percentage to fix on a return line when the return is requested.
 * Shopify stores it on the line (RestockingFeeInput), so later policy edits don't
 * change returns already in flight.
 */
export function restockingFeePercentFor(
  policy: ReturnPolicy,
  line: { reasonHandle: string | null; resolution: Resolution },
): number {
  const fee = policy.restockingFee;
  if (fee.percent === 0) return 0;
  if (fee.exemptResolutions.includes(line.resolution)) return 0;
  if (line.reasonHandle !== null && fee.exemptReasonHandles.includes(line.reasonHandle)) return 0;
  return fee.percent;
}

export interface ReturnShippingFeeDecision {
  /** Minor units in `currency`; 0 when waived or not configured. */
  amount: number;
  currency: string;
  why:
    | "CHARGED"
    | "WAIVED_EXCHANGE"
    | "WAIVED_STORE_CREDIT"
    | "WAIVED_EXCHANGE_AND_STORE_CREDIT"
    | "NO_FEE_FOR_METHOD"
    | "NOT_CONFIGURED_FOR_CURRENCY";
}

/**
 * The return shipping fee for a whole return. One fee per return (Shopify's
 * returnShippingFee is per return), waived only when every line's resolution is
 * waived: a return that mixes a refund with an exchange still ships the same parcel.
 */
export function returnShippingFeeFor(
  policy: ReturnPolicy,
  input: { method: ReturnMethod; currency: string; resolutions: readonly Resolution[] },
): ReturnShippingFeeDecision {
  const { method, currency, resolutions } = input;
  const base = { currency };
  if (method === "KEEP_ITEM") return { ...base, amount: 0, why: "NO_FEE_FOR_METHOD" };
  const configured = policy.returnShippingFee.byMethod[method][currency];
  if (configured === undefined) return { ...base, amount: 0, why: "NOT_CONFIGURED_FOR_CURRENCY" };
  if (configured === 0) return { ...base, amount: 0, why: "NO_FEE_FOR_METHOD" };
  const waived = (r: Resolution) =>
    (r === "EXCHANGE" && policy.returnShippingFee.waiveForExchange) ||
    (r === "STORE_CREDIT" && policy.returnShippingFee.waiveForStoreCredit);
  if (resolutions.length > 0 && resolutions.every(waived)) {
    const hasExchange = resolutions.includes("EXCHANGE");
    const hasCredit = resolutions.includes("STORE_CREDIT");
    return {
      ...base,
      amount: 0,
      why:
        hasExchange && hasCredit
          ? "WAIVED_EXCHANGE_AND_STORE_CREDIT"
          : hasExchange
            ? "WAIVED_EXCHANGE"
            : "WAIVED_STORE_CREDIT",
    };
  }
  return { ...base, amount: configured, why: "CHARGED" };
}
