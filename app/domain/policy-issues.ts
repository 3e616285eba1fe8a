/**
 * What can be wrong with a return policy, as stable codes with their values, so the admin
 * can say it in the merchant's language (app/i18n/policy-issues.ts) while the domain stays
 * free of languages. Each issue also keeps the English sentence the schema has always
 * produced (`message`), for logs, API consumers and tests that read it.
 *
 * Few codes, reused across fields: the field a message belongs to is shown next to it (and
 * named in the save banner), so "Can't be negative." serves every number. zod's built-in
 * checks (.int, .min, .max, .email, enums) are mapped from zod's own issue codes; checks
 * whose wording must say more (days, percent, the EU floor, cross-field rules) are refines
 * that carry their code with `coded()`.
 */
import type { ZodIssue } from "zod";

export const POLICY_ISSUE_CODES = [
  // Any field
  "required",
  "invalidValue",
  "invalidChoice",
  // Numbers
  "notNumber",
  "notWholeNumber",
  "negative",
  "tooSmall",
  "moreThan",
  "tooLarge",
  "maxDays",
  "atLeastOneDay",
  "maxPercent",
  "tooManyDecimals",
  "currencyDecimals",
  "unrealistic",
  // Text, dates, lists
  "empty",
  "tooLong",
  "currencyCode",
  "invalidDate",
  "invalidEmail",
  "finalSaleTagEmpty",
  "emptyList",
  "tooMany",
  // Rules across fields
  "endBeforeStart",
  "extraDaysOrReturnBy",
  "returnByBeforeEnd",
  "euWithdrawal",
  "euRefundWindow",
  "noResolution",
  "noReturnMethod",
  "pickupOff",
  "duplicateId",
  // Checked against the shop (services/settings.server.ts)
  "notAnId",
  "unknownId",
] as const;
export type PolicyIssueCode = (typeof POLICY_ISSUE_CODES)[number];

/** Values a message needs: numbers (formatted in the reader's locale) or verbatim text such as ids. */
export type PolicyIssueParams = Readonly<Record<string, string | number>>;

export interface PolicyIssue {
  /** Dotted path of the form field ("resolutions.refund.windowDays"). */
  path: string;
  code: PolicyIssueCode;
  params: PolicyIssueParams;
  /** The English sentence, naming the field ("Return window can't be negative."). */
  message: string;
}

const isCode = (v: unknown): v is PolicyIssueCode => (POLICY_ISSUE_CODES as readonly unknown[]).includes(v);

/** Options for `.refine()` and `ctx.addIssue()`: the English message plus the code and its values. */
export function coded(code: PolicyIssueCode, message: string, params: PolicyIssueParams = {}) {
  return { message, params: { policyIssue: { code, params } } };
}

/** The code of a zod issue: the one `coded()` attached, else derived from zod's own check. */
function codeOf(issue: ZodIssue): { code: PolicyIssueCode; params: PolicyIssueParams } {
  switch (issue.code) {
    case "custom": {
      const attached = (issue.params as { policyIssue?: { code?: unknown; params?: PolicyIssueParams } } | undefined)?.policyIssue;
      return isCode(attached?.code) ? { code: attached.code, params: attached.params ?? {} } : { code: "invalidValue", params: {} };
    }
    case "invalid_type":
      if (issue.received === "undefined") return { code: "required", params: {} };
      if (issue.expected === "integer") return { code: "notWholeNumber", params: {} };
      if (issue.expected === "number") return { code: "notNumber", params: {} };
      return { code: "invalidValue", params: {} };
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.type === "number") {
        if (!issue.inclusive) return { code: "moreThan", params: { min } };
        return min === 0 ? { code: "negative", params: {} } : { code: "tooSmall", params: { min } };
      }
      if (issue.type === "array") return { code: "emptyList", params: {} };
      return { code: "empty", params: {} };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.type === "number") return { code: "tooLarge", params: { max } };
      if (issue.type === "array") return { code: "tooMany", params: { max } };
      return { code: "tooLong", params: { max } };
    }
    case "invalid_string":
      return { code: issue.validation === "email" ? "invalidEmail" : "invalidValue", params: {} };
    case "invalid_enum_value":
    case "invalid_literal":
    case "invalid_union":
    case "invalid_union_discriminator":
      return { code: "invalidChoice", params: {} };
    default:
      return { code: "invalidValue", params: {} };
  }
}

/** A zod issue of the policy schema as a PolicyIssue (path, code, values, English message). */
export function policyIssueFrom(issue: ZodIssue): PolicyIssue {
  return { path: issue.path.join("."), ...codeOf(issue), message: issue.message };
}
