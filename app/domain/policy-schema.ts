/**
 * The return policy as one zod schema (ReturnPolicySchema): every section and the rules
 * across sections. Built from policy-fields.ts and policy-rules.ts; policy.ts adds the
 * defaults, parsing and the questions the rest of the domain asks.
 */
import { z } from "zod";
import { coded } from "./policy-issues";
import {
  amountsByCurrency,
  atLeastOneDay,
  email,
  percentage,
  resolutionOption,
  ResolutionSchema,
  trimmedList,
  wholeDays,
} from "./policy-fields";
import { AutoApproveRuleSchema, HolidayPeriodSchema } from "./policy-rules";

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
