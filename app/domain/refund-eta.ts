/**
 * "When is my money back?" — a refund ETA as a date range the shopper can trust, shown
 * on the status page and in every email. It is built from the return's current stage,
 * when it entered that stage, the merchant's promises (inspection SLA, transit days) and
 * how long each payment method takes to show a refund (PAYOUT_DAYS, one table).
 *
 * Honesty rules: the range never lies in the past for work that hasn't happened yet (a
 * stage that overran its expected time pushes the range from today and sets `overdue`),
 * and in EU mode the statutory refund deadline (withdrawal + 14 days) is reported next
 * to the range with `deadlineAtRisk` when the merchant's latest date would miss it — the
 * ETA is not shortened to pretend otherwise.
 */
import {
  addBusinessDays,
  addDays,
  compareDates,
  localDate,
  maxDate,
  minDate,
  type IsoDate,
} from "./dates";
import type { ReturnMethod, ReturnPolicy } from "./policy";

export const REFUND_STAGES = [
  "REQUESTED",
  "APPROVED",
  "IN_TRANSIT",
  "RECEIVED",
  "INSPECTED",
  "PROCESSED",
] as const;
export type RefundStage = (typeof REFUND_STAGES)[number];

export interface DayRange {
  min: number;
  max: number;
}

/**
 * Business days from "refund issued" until the shopper sees the money, per payment
 * method. These are typical published ranges, not guarantees; revise them here only.
 * - shopify_payments (cards): card networks post refunds in 5–10 business days.
 * - klarna: Klarna updates the invoice/instalments at once; money already paid to
 *   Klarna is back in 3–7 business days.
 * - paypal: back in the PayPal balance within 1–3 business days (card-funded may vary).
 * - gift_card / store_credit: Shopify credits them immediately (0–1 to be safe).
 * - anything else (manual, bank transfer, unknown wallets): card-like 5–10.
 */
export const PAYOUT_DAYS: Readonly<Record<string, DayRange>> = Object.freeze({
  shopify_payments: { min: 5, max: 10 },
  klarna: { min: 3, max: 7 },
  paypal: { min: 1, max: 3 },
  gift_card: { min: 0, max: 1 },
  store_credit: { min: 0, max: 1 },
  default: { min: 5, max: 10 },
});

/** Stage durations the merchant doesn't configure. Calendar vs business noted per field. */
export const ETA_ASSUMPTIONS = Object.freeze({
  /** REQUESTED → APPROVED, business days (auto-approved returns skip REQUESTED). */
  approvalBusinessDays: { min: 0, max: 2 },
  /** APPROVED → handed to the carrier (or brought to the store), calendar days. */
  shopperDispatchDays: { min: 0, max: 5 },
  /** Minimum carrier transit, calendar days; the maximum is policy fallbackTransitDays. */
  minTransitDays: 1,
  /** INSPECTED → refund issued, business days. */
  processingBusinessDays: { min: 0, max: 1 },
});

/** Maps a Shopify gateway name to a PAYOUT_DAYS key. */
export function payoutKey(gateway: string): string {
  const g = gateway.trim().toLowerCase();
  if (g === "store_credit" || g === "store-credit" || g === "shopify_store_credit")
    return "store_credit";
  if (g === "gift_card" || g === "gift card") return "gift_card";
  if (g.includes("klarna")) return "klarna";
  if (g.includes("paypal")) return "paypal";
  if (g === "shopify_payments") return "shopify_payments";
  return "default";
}

interface Step {
  stage: RefundStage;
  name: string;
  unit: "calendar" | "business";
  range: DayRange;
}

/** Steps from `stage` until the refund is issued (payout not included). */
function stepsFrom(
  stage: RefundStage,
  policy: ReturnPolicy,
  method: ReturnMethod | undefined,
): Step[] {
  const noParcel = method === "KEEP_ITEM";
  const transitMax = Math.max(policy.windowStart.fallbackTransitDays, 0);
  const transit: DayRange =
    noParcel || method === "IN_STORE"
      ? { min: 0, max: 0 }
      : { min: Math.min(ETA_ASSUMPTIONS.minTransitDays, transitMax), max: transitMax };
  const all: Step[] = [
    {
      stage: "REQUESTED",
      name: "approval",
      unit: "business",
      range: ETA_ASSUMPTIONS.approvalBusinessDays,
    },
    {
      stage: "APPROVED",
      name: "dispatch",
      unit: "calendar",
      range: noParcel ? { min: 0, max: 0 } : ETA_ASSUMPTIONS.shopperDispatchDays,
    },
    { stage: "IN_TRANSIT", name: "transit", unit: "calendar", range: transit },
    // The inspection SLA is the merchant's promise from receipt to refund, processing included.
    {
      stage: "RECEIVED",
      name: "inspection",
      unit: "business",
      range: noParcel ? { min: 0, max: 0 } : { min: 0, max: policy.inspectionSlaDays },
    },
    {
      stage: "INSPECTED",
      name: "processing",
      unit: "business",
      range: ETA_ASSUMPTIONS.processingBusinessDays,
    },
  ];
  const index = REFUND_STAGES.indexOf(stage);
  return all.filter((s) => {
    const i = REFUND_STAGES.indexOf(s.stage);
    if (i < index) return false;
    // From RECEIVED the SLA already covers processing; INSPECTED counts only from INSPECTED.
    if (s.stage === "INSPECTED" && stage !== "INSPECTED") return false;
    return true;
  });
}

function apply(date: IsoDate, steps: readonly Step[], pick: "min" | "max"): IsoDate {
  let d = date;
  for (const s of steps) {
    const n = s.range[pick];
    d = s.unit === "business" ? addBusinessDays(d, n) : addDays(d, n);
  }
  return d;
}

export interface RefundEtaInput {
  stage: RefundStage;
  /** When the return entered `stage` (for PROCESSED: when the refund was issued). */
  stageEnteredAt: string | Date;
  now: string | Date;
  policy: ReturnPolicy;
  /**
   * Where the money goes: gateways of the refunded transactions ("shopify_payments",
   * "klarna", …) and "store_credit" for store credit. Empty → the default range.
   */
  paymentMethods: readonly string[];
  returnMethod?: ReturnMethod;
  timeZone?: string;
  /** When the shopper withdrew (EU mode): starts the statutory refund deadline. */
  euWithdrawalAt?: string | Date | null;
}

export interface RefundEta {
  /** Earliest and latest day the shopper should see the money. */
  from: IsoDate;
  to: IsoDate;
  /** Range of days the refund is expected to be issued by the merchant. */
  issued: { from: IsoDate; to: IsoDate };
  perMethod: { method: string; key: string; from: IsoDate; to: IsoDate }[];
  /** The current stage took longer than expected; the range is counted from today. */
  overdue: boolean;
  /** EU: last day the merchant may issue the refund (withdrawal + refundDeadlineDays). */
  euRefundDeadline: IsoDate | null;
  /** The latest issue date falls after the EU deadline. */
  deadlineAtRisk: boolean;
}

export function refundEta(input: RefundEtaInput): RefundEta {
  const tz = input.timeZone ?? "UTC";
  const today = localDate(input.now, tz);
  const entered = localDate(input.stageEnteredAt, tz);

  let issued: { from: IsoDate; to: IsoDate };
  let overdue = false;
  if (input.stage === "PROCESSED") {
    issued = { from: entered, to: entered };
  } else {
    const steps = stepsFrom(input.stage, input.policy, input.returnMethod);
    const [current, ...later] = steps;
    const plannedFrom = apply(entered, steps, "min");
    const plannedTo = apply(entered, steps, "max");
    // Work not yet done can't finish in the past: count the remaining steps from today.
    const fromToday = apply(today, later, "min");
    const toToday = apply(today, later, "max");
    const currentDeadline = current ? apply(entered, [current], "max") : entered;
    overdue = compareDates(today, currentDeadline) > 0;
    const from = maxDate(plannedFrom, fromToday);
    issued = { from, to: maxDate(maxDate(plannedTo, toToday), from) };
  }

  const methods =
    input.paymentMethods.length > 0 ? [...new Set(input.paymentMethods)] : ["default"];
  const perMethod = methods.map((method) => {
    const key = payoutKey(method);
    const range = PAYOUT_DAYS[key] ?? PAYOUT_DAYS.default;
    return {
      method,
      key,
      from: addBusinessDays(issued.from, range.min),
      to: addBusinessDays(issued.to, range.max),
    };
  });
  const from = perMethod.map((m) => m.from).reduce(minDate);
  const to = perMethod.map((m) => m.to).reduce(maxDate);

  const eu = input.policy.eu;
  const euRefundDeadline =
    eu.enabled && input.euWithdrawalAt
      ? addDays(localDate(input.euWithdrawalAt, tz), eu.refundDeadlineDays)
      : null;
  const deadlineAtRisk = euRefundDeadline !== null && compareDates(issued.to, euRefundDeadline) > 0;

  return { from, to, issued, perMethod, overdue, euRefundDeadline, deadlineAtRisk };
}
