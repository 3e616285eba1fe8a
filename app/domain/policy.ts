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
import { z } from "zod";
import { isIsoDate, compareDates } from "./dates";
import { coded, policyIssueFrom, type PolicyIssue, type PolicyIssueCode, type PolicyIssueParams } from "./policy-issues";

export type { PolicyIssue, PolicyIssueCode, PolicyIssueParams } from "./policy-issues";
export { POLICY_ISSUE_CODES } from "./policy-issues";

// ---------------------------------------------------------------------------
// Vocabulary shared by the whole domain

export const RESOLUTIONS = ["REFUND", "STORE_CREDIT", "EXCHANGE"] as const;
/** What the shopper gets for a returned line. */
export type Resolution = (typeof RESOLUTIONS)[number];

export const RETURN_METHODS = ["DROP_OFF", "HOME_PICKUP", "IN_STORE", "KEEP_ITEM"] as const;
/** How the goods come back (KEEP_ITEM: they don't). */
export type ReturnMethod = (typeof RETURN_METHODS)[number];

// ---------------------------------------------------------------------------
// Building blocks with merchant-facing messages (built-in checks get their code from zod's
// issue code; the refines below carry theirs)

/** A floor above 0 for a number of days, with its own code ("at least 1 day", the EU's 14). */
interface DaysFloor {
  min: number;
  code: PolicyIssueCode;
  message: string;
  params?: PolicyIssueParams;
}
const atLeastOneDay = (message: string): DaysFloor => ({ min: 1, code: "atLeastOneDay", message });

const wholeDays = (label: string, max: number, floor?: DaysFloor) => {
  const days = z
    .number({
      required_error: `${label} is required.`,
      invalid_type_error: `${label} must be a number of days.`,
    })
    .int({ message: `${label} must be a whole number of days.` })
    .min(0, { message: `${label} can't be negative.` });
  const floored = floor ? days.refine((n) => n >= floor.min, coded(floor.code, floor.message, floor.params)) : days;
  return floored.refine((n) => n <= max, coded("maxDays", `${label} can be at most ${max} days.`, { max }));
};

const percentage = (label: string) =>
  z
    .number({
      required_error: `${label} is required.`,
      invalid_type_error: `${label} must be a number.`,
    })
    .min(0, { message: `${label} can't be negative.` })
    .refine((n) => n <= 100, coded("maxPercent", `${label} can be at most 100 %.`, { max: 100 }))
    // Checked on the printed decimal: 12.3 * 100 is not an integer in binary floating point.
    .refine(
      (n) => /^\d+(\.\d{1,2})?$/.test(String(n)),
      coded("tooManyDecimals", `${label} can have at most two decimals.`, { max: 2 }),
    );

export const CurrencyCodeSchema = z
  .string({ invalid_type_error: "Currency must be a three-letter code." })
  .refine(
    (s) => /^[A-Z]{3}$/.test(s),
    coded("currencyCode", "Use a three-letter currency code in capitals, like SEK or EUR."),
  );

const minorUnits = (label: string) =>
  z
    .number({ invalid_type_error: `${label} must be a number.` })
    .min(0, { message: `${label} can't be negative.` })
    .refine(
      Number.isInteger,
      coded("currencyDecimals", `${label} must be a whole number of the currency's smallest unit (öre, cents).`),
    )
    .refine((n) => n <= 100_000_000_00, coded("unrealistic", `${label} is unrealistically large.`));

/** currency → minor units. */
const amountsByCurrency = (label: string) => z.record(CurrencyCodeSchema, minorUnits(label));

export const IsoDateSchema = z
  .string({ invalid_type_error: "Enter a date." })
  .refine(isIsoDate, coded("invalidDate", "Enter a valid date (YYYY-MM-DD)."));

const trimmedList = (label: string) =>
  z.array(
    z
      .string({ invalid_type_error: `${label} must be text.` })
      .trim()
      .min(1, { message: `${label} can't be empty.` })
      .max(255, { message: `${label} can be at most 255 characters.` }),
    { invalid_type_error: `${label} must be a list.` },
  );

const ResolutionSchema = z.enum(RESOLUTIONS, {
  errorMap: () => ({ message: "Choose refund, store credit or exchange." }),
});
const ReturnMethodSchema = z.enum(RETURN_METHODS, {
  errorMap: () => ({ message: "Choose drop-off, home pickup, in-store or keep-the-item." }),
});

// ---------------------------------------------------------------------------
// Auto-approve rules (evaluated in auto-approve.ts)

export const AutoApproveConditionSchema = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("RETURN_VALUE_BELOW"),
      /** Value of the returned items (discounted subtotal) must be below this, per currency. */
      amounts: amountsByCurrency("Return value limit"),
    }),
    z.object({
      type: z.literal("ORDER_TOTAL_BELOW"),
      amounts: amountsByCurrency("Order total limit"),
    }),
    z.object({
      type: z.literal("REASON_IN"),
      reasonHandles: trimmedList("Return reason").min(1, {
        message: "Pick at least one return reason.",
      }),
    }),
    z.object({
      type: z.literal("RESOLUTION_IN"),
      resolutions: z.array(ResolutionSchema).min(1, { message: "Pick at least one resolution." }),
    }),
    z.object({
      type: z.literal("RETURN_METHOD_IN"),
      methods: z.array(ReturnMethodSchema).min(1, { message: "Pick at least one return method." }),
    }),
    z.object({
      type: z.literal("CUSTOMER_RETURNS_BELOW"),
      days: wholeDays("Look-back period", 3650, atLeastOneDay("Look-back period must be at least 1 day.")),
      max: z
        .number({ invalid_type_error: "Number of returns must be a number." })
        .int({ message: "Number of returns must be a whole number." })
        .min(1, { message: "Number of returns must be at least 1." })
        .max(1000, { message: "Number of returns can be at most 1000." }),
    }),
    z.object({
      type: z.literal("CUSTOMER_TAG_IN"),
      tags: trimmedList("Customer tag").min(1, { message: "Enter at least one customer tag." }),
    }),
    z.object({
      type: z.literal("ORDER_TAG_IN"),
      tags: trimmedList("Order tag").min(1, { message: "Enter at least one order tag." }),
    }),
    z.object({ type: z.literal("NOT_EU_WITHDRAWAL") }),
  ],
  { errorMap: () => ({ message: "Choose a condition type." }) },
);
export type AutoApproveCondition = z.infer<typeof AutoApproveConditionSchema>;

export const AutoApproveRuleSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1, { message: "Each rule needs an id." })
    .max(64, { message: "Rule id is too long." }),
  name: z
    .string()
    .trim()
    .min(1, { message: "Give the rule a name." })
    .max(100, { message: "Rule name can be at most 100 characters." }),
  enabled: z.boolean(),
  /** All must hold (AND). Use several rules for OR. */
  conditions: z
    .array(AutoApproveConditionSchema)
    .min(1, { message: "A rule needs at least one condition." }),
});
export type AutoApproveRule = z.infer<typeof AutoApproveRuleSchema>;

// ---------------------------------------------------------------------------
// Policy sections

const resolutionOption = (label: string) =>
  z.object({
    offered: z.boolean(),
    /** Overrides the general window for this resolution; null = use the general window. */
    windowDays: wholeDays(`${label} window`, 365).nullable(),
  });

export const HolidayPeriodSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: "Give the holiday period a name." })
      .max(100, { message: "Holiday name can be at most 100 characters." }),
    /** Orders placed from this date … */
    from: IsoDateSchema,
    /** … through this date (inclusive, shop time zone) get the extension. */
    to: IsoDateSchema,
    /** Extra days added to every window, or null when `returnBy` is used. */
    extraDays: wholeDays("Extra days", 365).nullable(),
    /** A fixed last return date, or null when `extraDays` is used. */
    returnBy: IsoDateSchema.nullable(),
  })
  .superRefine((h, ctx) => {
    if (isIsoDate(h.from) && isIsoDate(h.to) && compareDates(h.from, h.to) > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        ...coded("endBeforeStart", "The period must end on or after its start date."),
      });
    }
    if ((h.extraDays === null) === (h.returnBy === null)) {
      ctx.addIssue({
        code: "custom",
        path: ["extraDays"],
        ...coded("extraDaysOrReturnBy", "Set either extra days or a return-by date for the holiday period, not both."),
      });
    }
    if (
      h.returnBy !== null &&
      isIsoDate(h.returnBy) &&
      isIsoDate(h.to) &&
      compareDates(h.returnBy, h.to) < 0
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["returnBy"],
        ...coded("returnByBeforeEnd", "The return-by date must be after the holiday period ends."),
      });
    }
  });
export type HolidayPeriod = z.infer<typeof HolidayPeriodSchema>;

const email = z
  .string()
  .trim()
  .email({ message: "Enter a valid email address." })
  .max(254, { message: "Email address is too long." });

export const ReturnPolicySchema = z
  .object({
    /** General return window in days, counted from delivery. */
    windowDays: wholeDays("Return window", 365),
    windowStart: z.object({
      /**
       * When Shopify has no delivery date for a fulfillment, the window starts this many
       * days after the fulfillment was created (an estimate of the transit time).
       */
      fallbackTransitDays: wholeDays("Transit days", 60),
    }),
    resolutions: z.object({
      refund: resolutionOption("Refund"),
      storeCredit: resolutionOption("Store credit"),
      exchange: resolutionOption("Exchange"),
    }),
    holidays: z.array(HolidayPeriodSchema).max(20, { message: "At most 20 holiday periods." }),
    nonReturnable: z.object({
      productTags: trimmedList("Product tag"),
      productTypes: trimmedList("Product type"),
      collectionIds: trimmedList("Collection"),
      productIds: trimmedList("Product"),
      /** Tag that marks final-sale products (e.g. "final-sale"); null = no final-sale tag. */
      finalSaleTag: z
        .string()
        .trim()
        .max(255, { message: "Final-sale tag can be at most 255 characters." })
        .refine((s) => s.length > 0, coded("finalSaleTagEmpty", "Final-sale tag can't be empty; turn it off instead."))
        .nullable(),
      giftCards: z.boolean(),
    }),
    restockingFee: z.object({
      percent: percentage("Restocking fee"),
      /** Return reason handles that never pay the fee (e.g. "damaged", "wrong-item"). */
      exemptReasonHandles: trimmedList("Reason"),
      /** Resolutions that never pay the fee (e.g. exchanges). */
      exemptResolutions: z.array(ResolutionSchema),
    }),
    returnShippingFee: z.object({
      /** Fee per return method, currency → minor units; a missing currency means no fee. */
      byMethod: z.object({
        DROP_OFF: amountsByCurrency("Drop-off fee"),
        HOME_PICKUP: amountsByCurrency("Pickup fee"),
        IN_STORE: amountsByCurrency("In-store fee"),
      }),
      waiveForExchange: z.boolean(),
      waiveForStoreCredit: z.boolean(),
    }),
    storeCredit: z.object({
      bonusPercent: percentage("Store credit bonus"),
      /** Store credit expires this many days after it is issued; null = never. */
      expiryDays: wholeDays(
        "Store credit expiry",
        3650,
        atLeastOneDay("Store credit must be valid for at least 1 day."),
      ).nullable(),
    }),
    exchange: z.object({
      /** Where the value of returned items above the exchange items' price goes. */
      surplusTo: z.enum(["REFUND", "STORE_CREDIT"], {
        errorMap: () => ({ message: "Choose refund or store credit for exchange differences." }),
      }),
      /**
       * Off (default): an exchange is another size or colour of the same product. On: any
       * product, as long as it costs no more than what is returned (the difference is paid
       * out per surplusTo; a shopper is never asked to pay more). domain/exchange-rules.ts.
       */
      allowOtherProducts: z.boolean().default(false),
    }),
    returnMethods: z.object({
      dropOff: z.object({
        enabled: z.boolean(),
        carrierName: z
          .string()
          .trim()
          .max(100, { message: "Carrier name can be at most 100 characters." }),
      }),
      homePickup: z.object({
        enabled: z.boolean(),
        /** Returns heavier than this (grams) must be picked up; null = never required. */
        requiredAboveGrams: z
          .number({ invalid_type_error: "Weight must be a number of grams." })
          .int({ message: "Weight must be a whole number of grams." })
          .positive({ message: "Weight must be more than 0 grams." })
          .nullable(),
      }),
      inStore: z.object({
        enabled: z.boolean(),
        locationIds: trimmedList("Location"),
      }),
      keepItem: z.object({
        enabled: z.boolean(),
        /** Shoppers keep items whose value is below this, per currency. */
        maxValue: amountsByCurrency("Keep-the-item limit"),
      }),
    }),
    autoApprove: z.object({
      rules: z.array(AutoApproveRuleSchema).max(50, { message: "At most 50 auto-approve rules." }),
    }),
    /** Business days the merchant promises between receiving and refunding. */
    inspectionSlaDays: wholeDays("Inspection time", 60),
    eu: z.object({
      enabled: z.boolean(),
      withdrawalDays: wholeDays("Withdrawal period", 365, {
        min: 14,
        code: "euWithdrawal",
        message: "EU law gives shoppers at least 14 days to withdraw.",
        params: { min: 14 },
      }),
      refundDeadlineDays: wholeDays("Refund deadline", 14, atLeastOneDay("Refund deadline must be at least 1 day.")),
      storeCreditRequiresConsent: z.boolean(),
    }),
    blocklist: z.object({
      emails: z.array(email),
      customerIds: trimmedList("Customer"),
    }),
    /** Return reason handles for which the shopper must attach a photo (damaged, defective…). */
    photoRequiredReasonHandles: trimmedList("Reason").max(50, { message: "At most 50 reasons." }),
    /** Where returned parcels are received by default (gid://shopify/Location/…); null = the shop's primary location. */
    receivingLocationId: z
      .string()
      .trim()
      .min(1, { message: "Choose a receiving location." })
      .max(255, { message: "Location id is too long." })
      .nullable(),
    fraudGuard: z.object({
      /** At most this many return requests per customer within `periodDays`; null = no limit. */
      maxReturns: z
        .number({ invalid_type_error: "Maximum returns must be a number." })
        .int({ message: "Maximum returns must be a whole number." })
        .min(1, { message: "Maximum returns must be at least 1." })
        .nullable(),
      periodDays: wholeDays("Period", 3650, atLeastOneDay("Period must be at least 1 day.")),
    }),
    /**
     * Returns only for signed-in customers (customer accounts or the storefront login): the
     * theme portal's guest lookup by order number + email is turned off and guests are sent
     * to sign in. Built for Shopify expects customer-account authentication for self-serve
     * returns; the guest lookup stays available as a fallback the merchant can switch off.
     */
    requireSignIn: z.boolean(),
  })
  .superRefine((p, ctx) => {
    const r = p.resolutions;
    if (!r.refund.offered && !r.storeCredit.offered && !r.exchange.offered) {
      ctx.addIssue({
        code: "custom",
        path: ["resolutions"],
        ...coded("noResolution", "Offer at least one of refund, store credit or exchange."),
      });
    }
    // EU mode: the statutory withdrawal period is a floor for every window the shopper sees,
    // so a page promising 10 days can't contradict the 14 days the law (and the app) gives.
    if (p.eu.enabled) {
      const floor = p.eu.withdrawalDays;
      // Store credit and exchanges may have shorter windows: withdrawal is always a refund.
      const override = r.refund.windowDays;
      if (r.refund.offered && (override ?? p.windowDays) < floor) {
        ctx.addIssue({
          code: "custom",
          path: override === null ? ["windowDays"] : ["resolutions", "refund", "windowDays"],
          ...coded(
            "euRefundWindow",
            `In EU mode the refund window must be at least the ${floor}-day withdrawal period.`,
            { min: floor },
          ),
        });
      }
    }
    const m = p.returnMethods;
    if (!m.dropOff.enabled && !m.homePickup.enabled && !m.inStore.enabled && !m.keepItem.enabled) {
      ctx.addIssue({
        code: "custom",
        path: ["returnMethods"],
        ...coded("noReturnMethod", "Enable at least one return method."),
      });
    }
    if (m.inStore.enabled && m.inStore.locationIds.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["returnMethods", "inStore", "locationIds"],
        ...coded("emptyList", "Choose at least one location for in-store returns."),
      });
    }
    if (m.homePickup.requiredAboveGrams !== null && !m.homePickup.enabled) {
      ctx.addIssue({
        code: "custom",
        path: ["returnMethods", "homePickup", "requiredAboveGrams"],
        ...coded("pickupOff", "Turn on home pickup to require it for heavy returns."),
      });
    }
    const ids = new Set<string>();
    p.autoApprove.rules.forEach((rule, i) => {
      if (ids.has(rule.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["autoApprove", "rules", i, "id"],
          ...coded("duplicateId", "Two auto-approve rules have the same id."),
        });
      }
      ids.add(rule.id);
    });
  });

export type ReturnPolicy = z.infer<typeof ReturnPolicySchema>;

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
