/**
 * The return page's data: one return of this shop as display strings (formatted on the
 * server so server and browser render alike), plus the restock locations while the return
 * can be inspected. Used by app/routes/app.returns.$id.tsx; components in
 * app/components/return-page/ render it.
 */
import { outcomeKind } from "~/domain";
import { PROCESS_WORDING } from "~/components/resolution-wording";
import type { TimelineEntry } from "~/components/ReturnTimeline";
import {
  ACTOR_LABEL,
  CONDITION_LABEL,
  DECLINE_REASON_LABEL,
  DISPOSITION_DONE_LABEL,
  METHOD_LABEL,
  eventLabel,
  formatAdminDate,
  formatAdminDateRange,
  formatAdminDateTime,
  formatAdminMoney,
  humanize,
  resolutionLabel,
  safeHttpUrl,
} from "~/i18n/admin";
import { ReturnsError, type ReturnsContext } from "./context.server";
import { getRestockLocations, getReturnDetail, type ReturnDetail } from "./returns-query.server";

/** The page's data, or null when this shop has no such return. */
export async function loadReturnPage(ctx: ReturnsContext, id: string) {
  let detail: ReturnDetail;
  try {
    detail = await getReturnDetail(ctx, id);
  } catch (error) {
    if (error instanceof ReturnsError && error.status === 404) return null;
    throw error;
  }
  const restock = detail.allowedActions.includes("inspect") ? await getRestockLocations(ctx) : { locations: [], error: null };
  return { ret: presentReturn(detail, ctx.shop.timezone), locations: restock.locations, locationsError: restock.error };
}

export type ReturnPageData = NonNullable<Awaited<ReturnType<typeof loadReturnPage>>>;
export type ReturnView = ReturnPageData["ret"];

/** The return as display strings. */
export function presentReturn(d: ReturnDetail, timeZone: string | null) {
  const money = (amount: number) => formatAdminMoney(amount, d.currency);
  const amounts: { term: string; description: string }[] = [];
  if (d.amounts.refund) amounts.push({ term: "Refund to original payment", description: money(d.amounts.refund) });
  if (d.amounts.storeCredit || d.amounts.bonusCredit) {
    amounts.push({
      term: "Store credit",
      description: d.amounts.bonusCredit ? `${money(d.amounts.storeCredit)} + ${money(d.amounts.bonusCredit)} bonus` : money(d.amounts.storeCredit),
    });
  }
  if (d.amounts.exchange) amounts.push({ term: "Exchange items", description: money(d.amounts.exchange) });
  if (d.amounts.restockingFee) amounts.push({ term: "Restocking fee", description: `−${money(d.amounts.restockingFee)}` });
  if (d.amounts.returnShippingFee) amounts.push({ term: "Return shipping fee", description: `−${money(d.amounts.returnShippingFee)}` });
  if (amounts.length === 0) amounts.push({ term: "Amount", description: money(0) });

  const milestones = (
    [
      ["Requested", d.requestedAt],
      ["Approved", d.approvedAt],
      ["Declined", d.declinedAt],
      ["In transit", d.inTransitAt],
      ["Received", d.receivedAt],
      ["Inspected", d.inspectedAt],
      ["Processed", d.processedAt],
      ["Closed", d.closedAt],
      ["Canceled", d.canceledAt],
    ] as const
  )
    .filter(([, at]) => at !== null)
    .map(([term, at]) => ({ term, description: formatAdminDateTime(at!, timeZone) }));

  const tracking =
    d.tracking.number || d.tracking.labelUrl || d.tracking.url
      ? { number: d.tracking.number, carrier: d.tracking.carrier, url: safeHttpUrl(d.tracking.url), labelUrl: safeHttpUrl(d.tracking.labelUrl) }
      : null;

  return {
    id: d.id,
    rmaNumber: d.rmaNumber,
    status: d.status,
    allowedActions: d.allowedActions,
    orderName: d.orderName,
    customerName: d.customerName,
    customerEmail: d.customerEmail,
    method: METHOD_LABEL[d.method] ?? humanize(d.method),
    shopifyReturnName: d.shopifyReturnName,
    needsAttention: d.needsAttention,
    attentionReason: d.attentionReason,
    autoApproved: d.autoApproved,
    euWithdrawal: d.euWithdrawal,
    storeCreditConsent: d.storeCreditConsent,
    process: PROCESS_WORDING[outcomeKind(d.lines)],
    amounts,
    // ETA dates and the EU deadline are calendar days stored as UTC midnight.
    refundEta: d.refundEta ? formatAdminDateRange(d.refundEta.from, d.refundEta.to, "UTC") : null,
    refundDeadline: d.refundDeadline ? formatAdminDate(d.refundDeadline, "UTC") : null,
    milestones,
    tracking,
    decline: d.status === "DECLINED" || d.declineReason ? { reason: d.declineReason ? (DECLINE_REASON_LABEL[d.declineReason] ?? humanize(d.declineReason)) : null, note: d.declineNote } : null,
    lines: d.lines.map((l) => ({
      id: l.id,
      title: l.title,
      variantTitle: l.variantTitle,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      reason: l.reasonHandle ? humanize(l.reasonHandle) : null,
      note: l.customerNote,
      resolution: resolutionLabel(l.resolution),
      exchangeFor: l.resolution === "EXCHANGE" ? (l.exchangeVariantTitle ?? "Another variant") : null,
      condition: l.conditionGrade ? (CONDITION_LABEL[l.conditionGrade] ?? humanize(l.conditionGrade)) : null,
      disposition: l.disposition ? (DISPOSITION_DONE_LABEL[l.disposition] ?? humanize(l.disposition)) : null,
      locationId: l.dispositionLocationId,
      restockingFeePercent: l.restockingFeePercent,
    })),
    // ETA recalculations follow every step; the current estimate is in the Amounts card.
    timeline: d.events.filter((e) => e.type !== "eta").map(
      (e): TimelineEntry => ({
        id: e.id,
        label: eventLabel(e.type),
        actor: ACTOR_LABEL[e.actor] ?? humanize(e.actor),
        at: formatAdminDateTime(e.createdAt, timeZone),
        detail: eventDetail(e.type, e.data),
      }),
    ),
    eventsTruncated: d.eventsTruncated,
  };
}

/** The one fact worth showing under a timeline entry, if any. */
function eventDetail(type: string, data: Record<string, unknown>): string | null {
  const text = (key: string) => (typeof data[key] === "string" && data[key] ? (data[key] as string) : null);
  switch (type) {
    case "decline": {
      const reason = text("reason");
      return reason ? (DECLINE_REASON_LABEL[reason] ?? humanize(reason)) : null;
    }
    case "flagged":
      return text("reason");
    case "synced":
      return text("why");
    case "eta": {
      const from = text("from");
      const to = text("to");
      return from && to ? `Expected ${formatAdminDateRange(`${from}T00:00:00Z`, `${to}T00:00:00Z`, "UTC")}` : null;
    }
    default:
      return null;
  }
}
