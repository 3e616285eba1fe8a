/**
 * Policy issues (codes and values from app/domain/policy-issues.ts) in the admin's language:
 * the message shown next to its field, and the line of the save banner, which puts the
 * field's label from the settings catalog in front ("Returtid: Kan inte vara negativt.").
 * Used by the settings editor for its own checks and for the server's answer alike.
 *
 * Shared by server and browser: no server-only imports here.
 */
import type { PolicyIssue } from "~/domain/policy-issues";
import { translator, type AdminLocale, type Translator } from "./admin-locale";
import { POLICY_ISSUES_CATALOG } from "./catalogs/policy-issues";
import { SETTINGS_CATALOG, type SettingsKey } from "./catalogs/settings";

type Translatable = Pick<PolicyIssue, "code" | "params" | "message">;

/**
 * The message in `locale`, numbers formatted for it ("3 650" in Swedish). An issue whose
 * code this build doesn't know (an older or newer server) keeps its English message.
 */
export function policyIssueText(issue: Translatable, locale: AdminLocale): string {
  if (!Object.hasOwn(POLICY_ISSUES_CATALOG.en, issue.code)) return issue.message;
  const number = new Intl.NumberFormat(locale);
  const vars = Object.fromEntries(
    Object.entries(issue.params ?? {}).map(([name, value]) => [name, typeof value === "number" ? number.format(value) : value]),
  );
  return translator(POLICY_ISSUES_CATALOG, locale)(issue.code, vars);
}

/**
 * The settings catalog's label for each field of the editor (list items and currencies fall
 * back to their list: "nonReturnable.productTags.2" → "productTags"); `*` stands for an index.
 * Several keys read as "section › field". Rules across fields ("resolutions",
 * "returnMethods") have none: their message says what it is about.
 */
const FIELD_LABELS: Readonly<Record<string, SettingsKey | readonly SettingsKey[]>> = {
  "windowDays": "windowDays",
  "windowStart.fallbackTransitDays": "fallbackTransitDays",
  "resolutions.refund.windowDays": ["resolution.REFUND", "ownWindow"],
  "resolutions.storeCredit.windowDays": ["resolution.STORE_CREDIT", "ownWindow"],
  "resolutions.exchange.windowDays": ["resolution.EXCHANGE", "ownWindow"],
  "holidays": "holidaysTitle",
  "holidays.*.name": ["holidaysTitle", "holidayName"],
  "holidays.*.from": ["holidaysTitle", "holidayFrom"],
  "holidays.*.to": ["holidaysTitle", "holidayTo"],
  "holidays.*.extraDays": ["holidaysTitle", "holidayExtraDays"],
  "holidays.*.returnBy": ["holidaysTitle", "holidayReturnBy"],
  "nonReturnable.productTags": "productTags",
  "nonReturnable.productTypes": "productTypes",
  "nonReturnable.collectionIds": "collections",
  "nonReturnable.productIds": "products",
  "nonReturnable.finalSaleTag": "finalSaleTag",
  "restockingFee.percent": "restockingPercent",
  "restockingFee.exemptReasonHandles": "restockingExemptReasons",
  "restockingFee.exemptResolutions": "restockingExemptResolutions",
  "returnShippingFee.byMethod.DROP_OFF": "feeDropOff",
  "returnShippingFee.byMethod.HOME_PICKUP": "feePickup",
  "returnShippingFee.byMethod.IN_STORE": "feeInStore",
  "storeCredit.bonusPercent": "bonusPercent",
  "storeCredit.expiryDays": "expiryDays",
  "exchange.surplusTo": "surplusTo",
  "returnMethods.dropOff.carrierName": "carrierName",
  "returnMethods.homePickup.requiredAboveGrams": "pickupAboveGrams",
  "returnMethods.inStore.locationIds": "inStoreLocations",
  "returnMethods.keepItem.maxValue": "keepItemMaxValue",
  "autoApprove.rules": "autoApproveTitle",
  "autoApprove.rules.*.id": ["autoApproveTitle", "ruleName"],
  "autoApprove.rules.*.name": ["autoApproveTitle", "ruleName"],
  "autoApprove.rules.*.conditions": ["autoApproveTitle", "conditionType"],
  "autoApprove.rules.*.conditions.*.amounts": ["autoApproveTitle", "conditionAmounts"],
  "autoApprove.rules.*.conditions.*.reasonHandles": ["autoApproveTitle", "conditionReasons"],
  "autoApprove.rules.*.conditions.*.resolutions": ["autoApproveTitle", "condition.RESOLUTION_IN"],
  "autoApprove.rules.*.conditions.*.methods": ["autoApproveTitle", "condition.RETURN_METHOD_IN"],
  "autoApprove.rules.*.conditions.*.days": ["autoApproveTitle", "conditionDays"],
  "autoApprove.rules.*.conditions.*.max": ["autoApproveTitle", "conditionMax"],
  "autoApprove.rules.*.conditions.*.tags": ["autoApproveTitle", "conditionTags"],
  "inspectionSlaDays": "inspectionSlaDays",
  "eu.withdrawalDays": "euWithdrawalDays",
  "eu.refundDeadlineDays": "euRefundDeadlineDays",
  "blocklist.emails": "blockEmails",
  "blocklist.customerIds": "blockCustomers",
  "photoRequiredReasonHandles": "photoReasons",
  "receivingLocationId": "receivingLocation",
  "fraudGuard.maxReturns": "maxReturns",
  "fraudGuard.periodDays": ["maxReturns", "periodDays"],
};

/** The field's label in the admin's language, or null for rules across fields. */
export function policyFieldLabel(path: string, t: Translator<SettingsKey>): string | null {
  const segments = path.split(".").map((s) => (/^\d+$/.test(s) ? "*" : s));
  for (let n = segments.length; n > 0; n--) {
    const label = FIELD_LABELS[segments.slice(0, n).join(".")];
    if (label) return (typeof label === "string" ? [label] : label).map((key) => t(key)).join(" › ");
  }
  return null;
}

/** A line of the save banner: "Field: message." (or the message alone when no field applies). */
export function policyIssueLine(issue: Translatable & Pick<PolicyIssue, "path">, locale: AdminLocale): string {
  const text = policyIssueText(issue, locale);
  const label = policyFieldLabel(issue.path, translator(SETTINGS_CATALOG, locale));
  return label ? `${label}: ${text}` : text;
}
