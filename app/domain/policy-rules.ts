/**
 * The policy's rule lists: auto-approve rules (evaluated in auto-approve.ts) and holiday
 * extensions of the return window.
 */
import { z } from "zod";
import { compareDates, isIsoDate } from "./dates";
import { coded } from "./policy-issues";
import {
  amountsByCurrency,
  atLeastOneDay,
  IsoDateSchema,
  ResolutionSchema,
  ReturnMethodSchema,
  trimmedList,
  wholeDays,
} from "./policy-fields";

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
// Holiday extensions

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
