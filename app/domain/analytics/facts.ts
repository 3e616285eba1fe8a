/**
 * Summary facts of one return (the rows of AnalyticsReturnFact / AnalyticsLineFact): a pure
 * function of the return as it is now and the shop's time zone. Everything that can change
 * without the return changing — today, the policy's SLA and transit days, the shop's
 * receiving location, exchange rates from Shopify's orders, product groupings — stays out
 * of the facts and is applied when the figures are read (./summary.ts).
 */
import type { IsoDate } from "../dates";
import { isCounted, NO_REASON, type AnalyticsReturn } from "./aggregate";

export interface ReturnFact {
  returnRequestId: string;
  shopId: string;
  day: IsoDate;
  counted: boolean;
  status: string;
  method: string;
  currency: string;
  units: number;
  processed: boolean;
  refundAmount: number;
  storeCreditAmount: number;
  bonusCreditAmount: number;
  exchangeAmount: number;
  restockingFeeAmount: number;
  returnShippingFee: number;
  approvedDay: IsoDate | null;
  inTransitDay: IsoDate | null;
  receivedDay: IsoDate | null;
  processedDay: IsoDate | null;
  locationId: string | null;
  requestToReceived: number | null;
  receivedToInspected: number | null;
  inspectedToRefunded: number | null;
  requestToRefunded: number | null;
  receiptToRefund: number | null;
}

export interface LineFact {
  returnLineId: string;
  returnRequestId: string;
  shopId: string;
  day: IsoDate;
  counted: boolean;
  processed: boolean;
  rmaNumber: string;
  requestedAt: Date;
  currency: string;
  lineItemId: string | null;
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  reason: string;
  resolution: string;
  quantity: number;
  unitPrice: number;
  comment: string | null;
  hasComment: boolean;
}

/** Hours between two instants in tenths, rounded as the figures round (one decimal). */
export function tenthsOfHours(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 10);
}

export type FactReturn = Omit<AnalyticsReturn, "lines"> & {
  shopId: string;
  lines: (AnalyticsReturn["lines"][number] & { id: string })[];
};

export function factsOf(
  r: FactReturn,
  dayOf: (instant: Date) => IsoDate,
): { ret: ReturnFact; lines: LineFact[] } {
  const counted = isCounted(r);
  const day = dayOf(r.requestedAt);
  const processed = r.processedAt !== null;
  const span = (a: Date | null, b: Date | null) => (a && b ? tenthsOfHours(a, b) : null);
  const ret: ReturnFact = {
    returnRequestId: r.id,
    shopId: r.shopId,
    day,
    counted,
    status: r.status,
    method: r.method,
    currency: r.currency,
    units: r.lines.reduce((s, l) => s + l.quantity, 0),
    processed,
    refundAmount: r.refundAmount,
    storeCreditAmount: r.storeCreditAmount,
    bonusCreditAmount: r.bonusCreditAmount,
    exchangeAmount: r.exchangeAmount,
    restockingFeeAmount: r.restockingFeeAmount,
    returnShippingFee: r.returnShippingFee,
    approvedDay: dayOf(r.approvedAt ?? r.requestedAt),
    inTransitDay: r.inTransitAt ? dayOf(r.inTransitAt) : null,
    receivedDay: r.receivedAt ? dayOf(r.receivedAt) : null,
    processedDay: r.processedAt ? dayOf(r.processedAt) : null,
    locationId: r.lines.find((l) => l.dispositionLocationId)?.dispositionLocationId ?? null,
    requestToReceived: span(r.requestedAt, r.receivedAt),
    receivedToInspected: span(r.receivedAt, r.inspectedAt),
    inspectedToRefunded: span(r.inspectedAt, r.processedAt),
    requestToRefunded: span(r.requestedAt, r.processedAt),
    receiptToRefund: span(r.receivedAt, r.processedAt),
  };
  const lines = r.lines.map((l): LineFact => ({
    returnLineId: l.id,
    returnRequestId: r.id,
    shopId: r.shopId,
    day,
    counted,
    processed,
    rmaNumber: r.rmaNumber,
    requestedAt: r.requestedAt,
    currency: r.currency,
    lineItemId: l.lineItemId,
    productId: l.productId,
    variantId: l.variantId,
    title: l.title,
    variantTitle: l.variantTitle,
    reason: l.reasonHandle || NO_REASON,
    resolution: l.resolution,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    comment: l.customerNote?.trim() || null,
    hasComment: Boolean(l.customerNote?.trim()),
  }));
  return { ret, lines };
}
