/**
 * The shopper-facing part of the return policy, as the app publishes it to the storefront
 * (an app-data metafield read by the theme's policy block through the `app` Liquid object).
 * It is derived from the same ReturnPolicy the eligibility rules enforce, so the page can't
 * promise what the app doesn't do. Only what a shopper may read goes here: no blocklist, no
 * auto-approve rules, no fraud limits.
 *
 * Amounts stay integer minor units per currency; the block picks the shop's currency and
 * formats it with Liquid's `money` filter (which takes minor units).
 */
import { windowDaysFor, type ReturnPolicy } from "./policy";

/** Bumped when the shape changes incompatibly; the block checks it before reading. */
export const STOREFRONT_POLICY_FORMAT = 1;

export interface StorefrontPolicy {
  format: typeof STOREFRONT_POLICY_FORMAT;
  /** Policy version this was published from (PolicyVersion.version). */
  version: number;
  windowDays: number;
  /** Business days from receiving a return to refunding it (the inspection SLA). */
  refundWithinDays: number;
  resolutions: {
    refund: { offered: boolean; windowDays: number | null };
    storeCredit: {
      offered: boolean;
      windowDays: number | null;
      bonusPercent: number;
      expiryDays: number | null;
    };
    exchange: { offered: boolean; windowDays: number | null; surplusTo: "REFUND" | "STORE_CREDIT" };
  };
  holidays: Array<{ name: string; from: string; to: string; extraDays: number | null; returnBy: string | null }>;
  methods: {
    dropOff: { enabled: boolean; carrierName: string; fees: Record<string, number> };
    homePickup: { enabled: boolean; requiredAboveGrams: number | null; fees: Record<string, number> };
    inStore: { enabled: boolean; fees: Record<string, number> };
    keepItem: { enabled: boolean };
  };
  /** True when at least one method is offered with a fee (the block then explains waivers). */
  anyFee: boolean;
  feeWaivers: { exchange: boolean; storeCredit: boolean };
  restockingFeePercent: number;
  nonReturnable: { finalSale: boolean; giftCards: boolean };
  eu: { enabled: boolean; withdrawalDays: number; refundDeadlineDays: number };
  photoRequiredReasonHandles: string[];
  requireSignIn: boolean;
}

export function storefrontPolicy(policy: ReturnPolicy, version: number): StorefrontPolicy {
  const fees = policy.returnShippingFee.byMethod;
  const m = policy.returnMethods;
  const hasFee = (map: Record<string, number>) => Object.values(map).some((v) => v > 0);
  return {
    format: STOREFRONT_POLICY_FORMAT,
    version,
    windowDays: policy.windowDays,
    refundWithinDays: policy.inspectionSlaDays,
    resolutions: {
      refund: { offered: policy.resolutions.refund.offered, windowDays: windowDaysFor(policy, "REFUND") },
      storeCredit: {
        offered: policy.resolutions.storeCredit.offered,
        windowDays: windowDaysFor(policy, "STORE_CREDIT"),
        bonusPercent: policy.storeCredit.bonusPercent,
        expiryDays: policy.storeCredit.expiryDays,
      },
      exchange: {
        offered: policy.resolutions.exchange.offered,
        windowDays: windowDaysFor(policy, "EXCHANGE"),
        surplusTo: policy.exchange.surplusTo,
      },
    },
    holidays: policy.holidays.map((h) => ({ name: h.name, from: h.from, to: h.to, extraDays: h.extraDays, returnBy: h.returnBy })),
    methods: {
      dropOff: { enabled: m.dropOff.enabled, carrierName: m.dropOff.carrierName, fees: { ...fees.DROP_OFF } },
      homePickup: { enabled: m.homePickup.enabled, requiredAboveGrams: m.homePickup.requiredAboveGrams, fees: { ...fees.HOME_PICKUP } },
      inStore: { enabled: m.inStore.enabled, fees: { ...fees.IN_STORE } },
      keepItem: { enabled: m.keepItem.enabled },
    },
    anyFee:
      (m.dropOff.enabled && hasFee(fees.DROP_OFF)) ||
      (m.homePickup.enabled && hasFee(fees.HOME_PICKUP)) ||
      (m.inStore.enabled && hasFee(fees.IN_STORE)),
    feeWaivers: { exchange: policy.returnShippingFee.waiveForExchange, storeCredit: policy.returnShippingFee.waiveForStoreCredit },
    restockingFeePercent: policy.restockingFee.percent,
    nonReturnable: { finalSale: policy.nonReturnable.finalSaleTag !== null, giftCards: policy.nonReturnable.giftCards },
    eu: { enabled: policy.eu.enabled, withdrawalDays: policy.eu.withdrawalDays, refundDeadlineDays: policy.eu.refundDeadlineDays },
    photoRequiredReasonHandles: [...policy.photoRequiredReasonHandles],
    requireSignIn: policy.requireSignIn,
  };
}
