/**
 * The return policy's vocabulary (resolutions, return methods) and the field schemas its
 * sections are built from, each with its merchant-facing English message and, for checks
 * zod has no code for, its own code (policy-issues.ts).
 */
import { z } from "zod";
import { isIsoDate } from "./dates";
import { coded, type PolicyIssueCode, type PolicyIssueParams } from "./policy-issues";

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
export interface DaysFloor {
  min: number;
  code: PolicyIssueCode;
  message: string;
  params?: PolicyIssueParams;
}
export const atLeastOneDay = (message: string): DaysFloor => ({ min: 1, code: "atLeastOneDay", message });

export const wholeDays = (label: string, max: number, floor?: DaysFloor) => {
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

export const percentage = (label: string) =>
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

export const minorUnits = (label: string) =>
  z
    .number({ invalid_type_error: `${label} must be a number.` })
    .min(0, { message: `${label} can't be negative.` })
    .refine(
      Number.isInteger,
      coded("currencyDecimals", `${label} must be a whole number of the currency's smallest unit (öre, cents).`),
    )
    .refine((n) => n <= 100_000_000_00, coded("unrealistic", `${label} is unrealistically large.`));

/** currency → minor units. */
export const amountsByCurrency = (label: string) => z.record(CurrencyCodeSchema, minorUnits(label));

export const IsoDateSchema = z
  .string({ invalid_type_error: "Enter a date." })
  .refine(isIsoDate, coded("invalidDate", "Enter a valid date (YYYY-MM-DD)."));

export const trimmedList = (label: string) =>
  z.array(
    z
      .string({ invalid_type_error: `${label} must be text.` })
      .trim()
      .min(1, { message: `${label} can't be empty.` })
      .max(255, { message: `${label} can be at most 255 characters.` }),
    { invalid_type_error: `${label} must be a list.` },
  );

export const ResolutionSchema = z.enum(RESOLUTIONS, {
  errorMap: () => ({ message: "Choose refund, store credit or exchange." }),
});
export const ReturnMethodSchema = z.enum(RETURN_METHODS, {
  errorMap: () => ({ message: "Choose drop-off, home pickup, in-store or keep-the-item." }),
});

export const resolutionOption = (label: string) =>
  z.object({
    offered: z.boolean(),
    /** Overrides the general window for this resolution; null = use the general window. */
    windowDays: wholeDays(`${label} window`, 365).nullable(),
  });

export const email = z
  .string()
  .trim()
  .email({ message: "Enter a valid email address." })
  .max(254, { message: "Email address is too long." });
