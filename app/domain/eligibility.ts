/**
 * Which units of an order can be returned, until when, and for what — per fulfillment
 * line, with a machine-readable reason when not. The storefront shows it, the server
 * re-checks every request with `validateReturnRequest`, and the merchant sees every
 * reason that applies (not only the first).
 *
 * Time: the shop's calendar. Instants are turned into dates in the `timeZone` argument
 * (IANA, default "UTC"); a deadline is a date and the window is open through the whole
 * deadline day in that zone. That is how a shopper reads "return by 14 March", and it
 * makes deadlines stable across daylight-saving changes. Day counting: delivered on D,
 * a 30-day window ends on D+30 (the EU withdrawal period also ends on D+14).
 *
 * EU mode: within the withdrawal period (from delivery, default 14 days) a refund to the
 * original payment method is always allowed, even when the merchant's window is shorter,
 * refunds aren't offered, the customer is on the blocklist or over the return limit: the
 * statutory right can't be taken away by shop rules, and the result flags it
 * (`viaEuWithdrawal`) so the merchant reviews such requests by hand. Product exclusions
 * (final sale, tags, types, collections, products, gift cards) still apply in EU mode:
 * merchants selling to EU consumers must keep them to the statutory exceptions (sealed
 * hygiene goods, custom-made items, perishables…), which the settings page says.
 */
import {
  addDays,
  compareDates,
  isWithin,
  localDate,
  maxDate,
  parseInstant,
  type IsoDate,
} from "./dates";
import {
  fulfilledQuantity,
  orderEmails,
  type FulfillmentSnapshot,
  type LineItemSnapshot,
  type OrderSnapshot,
} from "./order";
import { RESOLUTIONS, windowDaysFor, type Resolution, type ReturnPolicy } from "./policy";

export type IneligibilityReason =
  | { code: "ORDER_CANCELLED"; cancelledAt: string }
  | { code: "ORDER_NOT_PAID"; financialStatus: string }
  | { code: "ORDER_REFUNDED" }
  | { code: "CUSTOMER_BLOCKED" }
  | { code: "TOO_MANY_RETURNS"; count: number; max: number; periodDays: number }
  | { code: "NOT_FULFILLED"; unfulfilledQuantity: number }
  | { code: "GIFT_CARD" }
  | { code: "FINAL_SALE"; tag: string }
  | { code: "NON_RETURNABLE_PRODUCT"; productId: string }
  | { code: "NON_RETURNABLE_COLLECTION"; collectionId: string }
  | { code: "NON_RETURNABLE_TYPE"; productType: string }
  | { code: "NON_RETURNABLE_TAG"; tag: string }
  | { code: "ALREADY_RETURNED"; returnedQuantity: number; pendingQuantity: number }
  | { code: "WINDOW_EXPIRED"; deadline: IsoDate };

export type IneligibilityCode = IneligibilityReason["code"];

/** Reasons the EU right of withdrawal overrides (see module header). */
const EU_OVERRIDABLE: ReadonlySet<IneligibilityCode> = new Set([
  "WINDOW_EXPIRED",
  "TOO_MANY_RETURNS",
  "CUSTOMER_BLOCKED",
]);

/**
 * Reasons staff may override when they create a return for a customer (a phone call, a
 * goodwill gesture), with a recorded reason. Not overridable: what Shopify itself refuses
 * or what would return goods that were never delivered or are already back (cancelled,
 * unpaid, refunded or unfulfilled orders, units already returned), and gift cards (their
 * value was issued when sold; returning one needs the card deactivated, not a return).
 */
export const STAFF_OVERRIDABLE: ReadonlySet<IneligibilityCode> = new Set([
  "WINDOW_EXPIRED",
  "FINAL_SALE",
  "NON_RETURNABLE_PRODUCT",
  "NON_RETURNABLE_COLLECTION",
  "NON_RETURNABLE_TYPE",
  "NON_RETURNABLE_TAG",
  "TOO_MANY_RETURNS",
  "CUSTOMER_BLOCKED",
]);

export type ResolutionDeadlines = Record<Resolution, IsoDate | null>;

export interface LineEligibility {
  /** null for the unfulfilled remainder of a line item (nothing to return yet). */
  fulfillmentLineItemId: string | null;
  fulfillmentId: string | null;
  lineItemId: string;
  eligible: boolean;
  /** Units the shopper may put on a new return now (0 when not eligible). */
  maxQuantity: number;
  /** Last day (inclusive, shop time zone) per resolution; null when not offered/unknown. */
  deadlines: ResolutionDeadlines;
  /** Last day of the EU withdrawal period, when EU mode is on. */
  euWithdrawalDeadline: IsoDate | null;
  windowStart: { date: IsoDate; source: "DELIVERY" | "FULFILLMENT_PLUS_TRANSIT" } | null;
  /** Holiday periods that extended this line's windows. */
  holidays: string[];
  allowedResolutions: Resolution[];
  /** Resolutions the shopper may pick only with explicit consent (EU: store credit). */
  consentRequired: Resolution[];
  /** True when a refund is allowed only because of the EU right of withdrawal. */
  viaEuWithdrawal: boolean;
  /** First reason that blocks the line (null when eligible). */
  reason: IneligibilityReason | null;
  /** Every reason found, including ones the EU right overrode (for the merchant). */
  reasons: IneligibilityReason[];
  /** With a staff override: the reasons it set aside to make this line eligible. */
  overridden?: IneligibilityCode[];
}

export interface OrderEligibility {
  /** True when at least one line can be returned. */
  eligible: boolean;
  /** The shop-calendar date used as "today". */
  today: IsoDate;
  /** Reasons that concern the whole order (also repeated on each line). */
  orderReasons: IneligibilityReason[];
  lines: LineEligibility[];
}

export interface EligibilityInput {
  order: OrderSnapshot;
  policy: ReturnPolicy;
  now: string | Date;
  /** IANA zone of the shop (Shop.ianaTimezone); default "UTC". */
  timeZone?: string;
  /**
   * fulfillmentLineItemId → units in this app's open requests that Shopify's
   * returnableQuantities does not reflect yet (requests kept only in the app's database,
   * e.g. exchange requests before returnCreate). Requests already sent to Shopify
   * (returnRequest/returnCreate) are in returnableQuantities: don't count them twice.
   */
  pendingQuantities?: Readonly<Record<string, number>>;
  /** Instants of this customer's earlier return requests in the shop (fraud guard). */
  customerReturnDates?: readonly string[];
  /**
   * Staff create the return and override the policy (STAFF_OVERRIDABLE reasons no longer
   * block; every resolution the policy offers is allowed on an overridden line). The
   * caller records who, when and why.
   */
  staffOverride?: boolean;
}

const PAYABLE_STATUSES: ReadonlySet<string> = new Set(["PAID", "PARTIALLY_REFUNDED"]);

function lower(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => v.trim().toLowerCase()));
}

/** Order-level reasons, most fundamental first. */
export function orderLevelReasons(input: EligibilityInput): IneligibilityReason[] {
  const { order, policy } = input;
  const reasons: IneligibilityReason[] = [];
  if (order.cancelledAt) reasons.push({ code: "ORDER_CANCELLED", cancelledAt: order.cancelledAt });
  if (order.financialStatus === "REFUNDED") reasons.push({ code: "ORDER_REFUNDED" });
  else if (!PAYABLE_STATUSES.has(order.financialStatus)) {
    reasons.push({ code: "ORDER_NOT_PAID", financialStatus: order.financialStatus });
  }

  const blockedEmails = lower(policy.blocklist.emails);
  const blockedIds = new Set(policy.blocklist.customerIds);
  if (
    (order.customer && blockedIds.has(order.customer.id)) ||
    orderEmails(order).some((e) => blockedEmails.has(e))
  ) {
    reasons.push({ code: "CUSTOMER_BLOCKED" });
  }

  const guard = policy.fraudGuard;
  if (guard.maxReturns !== null && input.customerReturnDates) {
    const nowMs = parseInstant(input.now).getTime();
    const since = nowMs - guard.periodDays * 86_400_000;
    const count = input.customerReturnDates.filter((d) => {
      const t = parseInstant(d).getTime();
      return t > since && t <= nowMs;
    }).length;
    if (count >= guard.maxReturns) {
      reasons.push({
        code: "TOO_MANY_RETURNS",
        count,
        max: guard.maxReturns,
        periodDays: guard.periodDays,
      });
    }
  }
  return reasons;
}

/** Product-level exclusions, in the order a merchant would name them. */
export function productReasons(li: LineItemSnapshot, policy: ReturnPolicy): IneligibilityReason[] {
  const rules = policy.nonReturnable;
  const reasons: IneligibilityReason[] = [];
  const tags = li.productTags.map((t) => t.trim().toLowerCase());
  if (li.isGiftCard && rules.giftCards) reasons.push({ code: "GIFT_CARD" });
  if (rules.finalSaleTag !== null && tags.includes(rules.finalSaleTag.trim().toLowerCase())) {
    reasons.push({ code: "FINAL_SALE", tag: rules.finalSaleTag });
  }
  if (li.productId !== null && rules.productIds.includes(li.productId)) {
    reasons.push({ code: "NON_RETURNABLE_PRODUCT", productId: li.productId });
  }
  const collection = li.collectionIds.find((c) => rules.collectionIds.includes(c));
  if (collection !== undefined)
    reasons.push({ code: "NON_RETURNABLE_COLLECTION", collectionId: collection });
  if (
    li.productType.trim() !== "" &&
    lower(rules.productTypes).has(li.productType.trim().toLowerCase())
  ) {
    reasons.push({ code: "NON_RETURNABLE_TYPE", productType: li.productType });
  }
  const blockedTags = lower(rules.productTags);
  const tag = li.productTags.find((t) => blockedTags.has(t.trim().toLowerCase()));
  if (tag !== undefined) reasons.push({ code: "NON_RETURNABLE_TAG", tag });
  return reasons;
}

export interface ReturnWindow {
  start: { date: IsoDate; source: "DELIVERY" | "FULFILLMENT_PLUS_TRANSIT" };
  deadlines: ResolutionDeadlines;
  /** Merchant deadlines before the EU period is taken into account. */
  merchantDeadlines: ResolutionDeadlines;
  euWithdrawalDeadline: IsoDate | null;
  holidays: string[];
}

/**
 * Deadlines for goods of one fulfillment. The window starts at delivery; without a
 * delivery date, at fulfillment + `fallbackTransitDays`. Holiday periods apply to
 * orders placed in them (by the shop calendar) and the most generous one wins.
 */
export function returnWindow(
  order: Pick<OrderSnapshot, "createdAt">,
  fulfillment: Pick<FulfillmentSnapshot, "createdAt" | "deliveredAt">,
  policy: ReturnPolicy,
  timeZone = "UTC",
): ReturnWindow {
  const start = fulfillment.deliveredAt
    ? { date: localDate(fulfillment.deliveredAt, timeZone), source: "DELIVERY" as const }
    : {
        date: addDays(
          localDate(fulfillment.createdAt, timeZone),
          policy.windowStart.fallbackTransitDays,
        ),
        source: "FULFILLMENT_PLUS_TRANSIT" as const,
      };
  const placed = localDate(order.createdAt, timeZone);
  const holidays = policy.holidays.filter((h) => isWithin(placed, h.from, h.to));

  const merchantDeadlines = {} as ResolutionDeadlines;
  for (const r of RESOLUTIONS) {
    const days = windowDaysFor(policy, r);
    if (days === null) {
      merchantDeadlines[r] = null;
      continue;
    }
    let deadline = addDays(start.date, days);
    for (const h of holidays) {
      const extended =
        h.returnBy !== null ? h.returnBy : addDays(start.date, days + (h.extraDays ?? 0));
      deadline = maxDate(deadline, extended);
    }
    merchantDeadlines[r] = deadline;
  }

  const euWithdrawalDeadline = policy.eu.enabled
    ? addDays(start.date, policy.eu.withdrawalDays)
    : null;
  const deadlines: ResolutionDeadlines = { ...merchantDeadlines };
  if (euWithdrawalDeadline !== null) {
    deadlines.REFUND =
      merchantDeadlines.REFUND === null
        ? euWithdrawalDeadline
        : maxDate(merchantDeadlines.REFUND, euWithdrawalDeadline);
  }
  return {
    start,
    deadlines,
    merchantDeadlines,
    euWithdrawalDeadline,
    holidays: holidays.map((h) => h.name),
  };
}

function latest(deadlines: ResolutionDeadlines): IsoDate | null {
  let out: IsoDate | null = null;
  for (const r of RESOLUTIONS) {
    const d = deadlines[r];
    if (d !== null) out = out === null ? d : maxDate(out, d);
  }
  return out;
}

/**
 * The last day a fulfillment's goods could go back in any way (the latest deadline of any
 * resolution, the EU period included); the window's start when no resolution is offered.
 * WINDOW_EXPIRED carries it, and the customer-account precheck names it.
 */
export function windowEnd(window: Pick<ReturnWindow, "start" | "deadlines">): IsoDate {
  return latest(window.deadlines) ?? window.start.date;
}

const NO_DEADLINES: ResolutionDeadlines = { REFUND: null, STORE_CREDIT: null, EXCHANGE: null };

/** Eligibility of every fulfillment line of the order (plus unfulfilled remainders). */
export function evaluateEligibility(input: EligibilityInput): OrderEligibility {
  const { order, policy } = input;
  const timeZone = input.timeZone ?? "UTC";
  const today = localDate(input.now, timeZone);
  const pending = input.pendingQuantities ?? {};
  const orderReasons = orderLevelReasons(input);
  const lines: LineEligibility[] = [];
  const consentNeeded = policy.eu.enabled && policy.eu.storeCreditRequiresConsent;

  const items = new Map(order.lineItems.map((li) => [li.id, li]));

  for (const fulfillment of order.fulfillments) {
    if (fulfillment.status !== "SUCCESS") continue;
    for (const fl of fulfillment.lines) {
      const li = items.get(fl.lineItemId);
      if (!li) continue;
      const reasons: IneligibilityReason[] = [...orderReasons, ...productReasons(li, policy)];

      const returnable = Math.min(
        order.returnableQuantities[fl.fulfillmentLineItemId] ?? 0,
        fl.quantity,
      );
      const pendingQty = Math.max(0, pending[fl.fulfillmentLineItemId] ?? 0);
      const available = Math.max(0, returnable - pendingQty);
      if (available === 0) {
        reasons.push({
          code: "ALREADY_RETURNED",
          returnedQuantity: fl.quantity - returnable,
          pendingQuantity: pendingQty,
        });
      }

      const window = returnWindow(order, fulfillment, policy, timeZone);
      const open = (d: IsoDate | null) => d !== null && compareDates(today, d) <= 0;
      const merchantOpen = RESOLUTIONS.filter((r) => open(window.merchantDeadlines[r]));
      const euOpen = open(window.euWithdrawalDeadline);
      if (merchantOpen.length === 0 && !euOpen) {
        reasons.push({ code: "WINDOW_EXPIRED", deadline: windowEnd(window) });
      }

      const euBlocking = reasons.filter((r) => !(euOpen && EU_OVERRIDABLE.has(r.code)));
      const blocking = input.staffOverride ? euBlocking.filter((r) => !STAFF_OVERRIDABLE.has(r.code)) : euBlocking;
      const overridden = input.staffOverride ? reasons.filter((r) => STAFF_OVERRIDABLE.has(r.code)).map((r) => r.code) : [];
      const eligible = blocking.length === 0;
      // A blocklisted or over-limit shopper keeps only the statutory refund.
      const overriddenOrderRule = reasons.some(
        (r) => r.code === "CUSTOMER_BLOCKED" || r.code === "TOO_MANY_RETURNS",
      );
      let allowed: Resolution[] = [];
      let viaEuWithdrawal = false;
      if (eligible) {
        allowed = overriddenOrderRule ? [] : [...merchantOpen];
        if (euOpen && !allowed.includes("REFUND")) {
          allowed = ["REFUND", ...allowed];
          viaEuWithdrawal = true;
        }
        // Overridden by staff: every resolution the policy offers, window or not.
        if (overridden.length > 0) allowed = RESOLUTIONS.filter((r) => window.merchantDeadlines[r] !== null || allowed.includes(r));
        allowed = RESOLUTIONS.filter((r) => allowed.includes(r));
      }

      lines.push({
        fulfillmentLineItemId: fl.fulfillmentLineItemId,
        fulfillmentId: fulfillment.id,
        lineItemId: li.id,
        eligible,
        maxQuantity: eligible ? available : 0,
        deadlines: window.deadlines,
        euWithdrawalDeadline: window.euWithdrawalDeadline,
        windowStart: window.start,
        holidays: window.holidays,
        allowedResolutions: allowed,
        consentRequired: consentNeeded && allowed.includes("STORE_CREDIT") ? ["STORE_CREDIT"] : [],
        viaEuWithdrawal,
        reason: blocking[0] ?? null,
        reasons,
        ...(overridden.length > 0 ? { overridden } : {}),
      });
    }
  }

  // Units not (successfully) fulfilled yet: listed so the storefront can say why.
  for (const li of order.lineItems) {
    const unfulfilled = li.quantity - fulfilledQuantity(order, li.id);
    if (unfulfilled <= 0) continue;
    const reasons: IneligibilityReason[] = [
      ...orderReasons,
      ...productReasons(li, policy),
      { code: "NOT_FULFILLED", unfulfilledQuantity: unfulfilled },
    ];
    lines.push({
      fulfillmentLineItemId: null,
      fulfillmentId: null,
      lineItemId: li.id,
      eligible: false,
      maxQuantity: 0,
      deadlines: NO_DEADLINES,
      euWithdrawalDeadline: null,
      windowStart: null,
      holidays: [],
      allowedResolutions: [],
      consentRequired: [],
      viaEuWithdrawal: false,
      reason: reasons[0],
      reasons,
    });
  }

  return { eligible: lines.some((l) => l.eligible), today, orderReasons, lines };
}

// ---------------------------------------------------------------------------
// Server-side check of a submitted request

export interface RequestedLine {
  fulfillmentLineItemId: string;
  quantity: number;
  resolution: Resolution;
  /** The shopper ticked "I agree to store credit instead of a refund". */
  storeCreditConsent?: boolean;
}

export type RequestLineError =
  | { fulfillmentLineItemId: string; code: "UNKNOWN_LINE" }
  | { fulfillmentLineItemId: string; code: "DUPLICATE_LINE" }
  | { fulfillmentLineItemId: string; code: "INVALID_QUANTITY"; quantity: number }
  | { fulfillmentLineItemId: string; code: "NOT_ELIGIBLE"; reason: IneligibilityReason | null }
  | {
      fulfillmentLineItemId: string;
      code: "QUANTITY_EXCEEDS_RETURNABLE";
      quantity: number;
      maxQuantity: number;
    }
  | {
      fulfillmentLineItemId: string;
      code: "RESOLUTION_NOT_ALLOWED";
      resolution: Resolution;
      allowed: Resolution[];
    }
  | { fulfillmentLineItemId: string; code: "CONSENT_REQUIRED"; resolution: Resolution };

export type RequestValidation =
  | { ok: true }
  | {
      ok: false;
      errors: (RequestLineError | { fulfillmentLineItemId: null; code: "EMPTY_REQUEST" })[];
    };

/**
 * Re-checks a shopper's submitted lines against a fresh eligibility result. Never trust
 * the storefront: quantities, resolutions and consent are all verified here.
 */
export function validateReturnRequest(
  eligibility: OrderEligibility,
  requested: readonly RequestedLine[],
): RequestValidation {
  if (requested.length === 0)
    return { ok: false, errors: [{ fulfillmentLineItemId: null, code: "EMPTY_REQUEST" }] };
  const byId = new Map(
    eligibility.lines
      .filter((l) => l.fulfillmentLineItemId !== null)
      .map((l) => [l.fulfillmentLineItemId as string, l]),
  );
  const seen = new Set<string>();
  const errors: RequestLineError[] = [];
  for (const r of requested) {
    const id = r.fulfillmentLineItemId;
    const line = byId.get(id);
    if (!line) {
      errors.push({ fulfillmentLineItemId: id, code: "UNKNOWN_LINE" });
      continue;
    }
    if (seen.has(id)) {
      // One line per fulfillment line item: two lines could jointly exceed maxQuantity.
      errors.push({ fulfillmentLineItemId: id, code: "DUPLICATE_LINE" });
      continue;
    }
    seen.add(id);
    if (!Number.isSafeInteger(r.quantity) || r.quantity <= 0) {
      errors.push({ fulfillmentLineItemId: id, code: "INVALID_QUANTITY", quantity: r.quantity });
      continue;
    }
    if (!line.eligible) {
      errors.push({ fulfillmentLineItemId: id, code: "NOT_ELIGIBLE", reason: line.reason });
      continue;
    }
    if (r.quantity > line.maxQuantity) {
      errors.push({
        fulfillmentLineItemId: id,
        code: "QUANTITY_EXCEEDS_RETURNABLE",
        quantity: r.quantity,
        maxQuantity: line.maxQuantity,
      });
    }
    if (!line.allowedResolutions.includes(r.resolution)) {
      errors.push({
        fulfillmentLineItemId: id,
        code: "RESOLUTION_NOT_ALLOWED",
        resolution: r.resolution,
        allowed: line.allowedResolutions,
      });
    } else if (line.consentRequired.includes(r.resolution) && r.storeCreditConsent !== true) {
      errors.push({
        fulfillmentLineItemId: id,
        code: "CONSENT_REQUIRED",
        resolution: r.resolution,
      });
    }
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/** Shopify's ReturnDeclineReason for a reason the merchant declines with. */
export function shopifyDeclineReasonFor(
  code: IneligibilityCode,
): "FINAL_SALE" | "RETURN_PERIOD_ENDED" | "OTHER" {
  if (code === "FINAL_SALE") return "FINAL_SALE";
  if (code === "WINDOW_EXPIRED") return "RETURN_PERIOD_ENDED";
  return "OTHER";
}
