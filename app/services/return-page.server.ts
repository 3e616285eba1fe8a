/**
 * The return page's data: one return of this shop as display strings (formatted on the
 * server so server and browser render alike), plus the restock locations while the return
 * can be inspected. Used by app/routes/app.returns.$id.tsx; components in
 * app/components/return-page/ render it.
 */
import { followupAdmin } from "~/i18n/followup-admin";
import { outcomeKind } from "~/domain";
import type { TimelineEntry } from "~/components/ReturnTimeline";
import { declineReasonLabel, formatAdminDate, formatAdminDateRange, formatAdminDateTime, formatAdminMoney, humanize, resolutionLabel, safeHttpUrl } from "~/i18n/admin";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { RETURN_PAGE_CATALOG, type ReturnPageKey } from "~/i18n/catalogs/return-page";
import { ruleLabel } from "~/i18n/catalogs/create-return";
import { ReturnsError, type ReturnsContext } from "./context.server";
import { getRestockLocations, getReturnDetail, type ReturnDetail } from "./returns-query.server";

/** The page's data, or null when this shop has no such return. */
export async function loadReturnPage(ctx: ReturnsContext, id: string, locale: AdminLocale = "en") {
  let detail: ReturnDetail;
  try {
    detail = await getReturnDetail(ctx, id);
  } catch (error) {
    if (error instanceof ReturnsError && error.status === 404) return null;
    throw error;
  }
  const [restock, label] = await Promise.all([
    detail.allowedActions.includes("inspect") ? getRestockLocations(ctx) : { locations: [], error: null },
    ctx.db.returnLabel.findFirst({ where: { shopId: ctx.shop.id, returnRequestId: detail.id }, select: { filename: true, pages: true } }),
  ]);
  const t = translator(RETURN_PAGE_CATALOG, locale);
  // An uploaded prepaid label (services/labels): Shopify has it; it prints with the slip.
  const prepaidLabel = label ? t("labelUploaded", { file: label.filename, pages: String(label.pages) }) : null;
  return { locale, ret: { ...presentReturn(detail, ctx.shop.timezone, locale), prepaidLabel }, locations: restock.locations, locationsError: restock.error };
}

export type ReturnPageData = NonNullable<Awaited<ReturnType<typeof loadReturnPage>>>;
export type ReturnView = ReturnPageData["ret"];

/** A catalog message when the key exists (codes from the database may be new), else the code humanised. */
function labelOr(t: (key: ReturnPageKey) => string, key: string, code: string): string {
  return key in RETURN_PAGE_CATALOG.en ? t(key as ReturnPageKey) : humanize(code);
}

/** The return as display strings in the staff member's language. */
export function presentReturn(d: ReturnDetail, timeZone: string | null, locale: AdminLocale = "en") {
  const t = translator(RETURN_PAGE_CATALOG, locale);
  const money = (amount: number) => formatAdminMoney(amount, d.currency, locale);
  const dateTime = (iso: string) => formatAdminDateTime(iso, timeZone, locale);
  const amounts: { term: string; description: string }[] = [];
  if (d.amounts.refund) amounts.push({ term: t("amount.refund"), description: money(d.amounts.refund) });
  if (d.amounts.storeCredit || d.amounts.bonusCredit) {
    amounts.push({
      term: t("amount.storeCredit"),
      description: d.amounts.bonusCredit ? t("amount.bonus", { credit: money(d.amounts.storeCredit), bonus: money(d.amounts.bonusCredit) }) : money(d.amounts.storeCredit),
    });
  }
  if (d.amounts.exchange) amounts.push({ term: t("amount.exchange"), description: money(d.amounts.exchange) });
  if (d.amounts.restockingFee) amounts.push({ term: t("restockingFee"), description: `−${money(d.amounts.restockingFee)}` });
  if (d.amounts.returnShippingFee) amounts.push({ term: t("amount.shippingFee"), description: `−${money(d.amounts.returnShippingFee)}` });
  if (amounts.length === 0) amounts.push({ term: t("amount.none"), description: money(0) });

  const milestones = (
    [
      ["milestone.requested", d.requestedAt],
      ["milestone.approved", d.approvedAt],
      ["milestone.declined", d.declinedAt],
      ["milestone.inTransit", d.inTransitAt],
      ["milestone.received", d.receivedAt],
      ["milestone.inspected", d.inspectedAt],
      ["milestone.processed", d.processedAt],
      ["milestone.closed", d.closedAt],
      ["milestone.canceled", d.canceledAt],
    ] as const
  )
    .filter(([, at]) => at !== null)
    .map(([key, at]) => ({ term: t(key), description: dateTime(at!) }));
  const kind = outcomeKind(d.lines);

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
    method: labelOr(t, `method.${d.method}`, d.method),
    shopifyReturnName: d.shopifyReturnName,
    needsAttention: d.needsAttention,
    attentionReason: d.attentionReason,
    autoApproved: d.autoApproved,
    euWithdrawal: d.euWithdrawal,
    storeCreditConsent: d.storeCreditConsent,
    process: {
      button: t(`process.${kind}.button`),
      title: t(`process.${kind}.title`),
      confirm: t(`process.${kind}.confirm`),
      etaHeading: t(`process.${kind}.etaHeading`),
    },
    amounts,
    // ETA dates and the EU deadline are calendar days stored as UTC midnight.
    refundEta: d.refundEta ? formatAdminDateRange(d.refundEta.from, d.refundEta.to, "UTC", locale) : null,
    refundDeadline: d.refundDeadline ? formatAdminDate(d.refundDeadline, "UTC", locale) : null,
    milestones,
    tracking,
    decline: d.status === "DECLINED" || d.declineReason ? { reason: d.declineReason ? declineReasonLabel(d.declineReason, locale) : null, note: d.declineNote } : null,
    staff: d.createdByStaff ? { createdBy: d.createdByStaff === "staff" ? t("staff.unknown") : d.createdByStaff } : null,
    override: d.override
      ? { reason: d.override.reason, by: d.override.by ?? t("staff.unknown"), at: dateTime(d.override.at), rules: d.override.codes.map((c) => ruleLabel(c, locale)) }
      : null,
    gift: d.gift
      ? {
          recipientName: d.gift.recipientName,
          recipientEmail: d.gift.recipientEmail,
          addressLines: d.gift.addressLines,
          byRecipient: d.gift.byRecipient ? t("gift.byRecipient") : null,
          /** Shopify refused the card: why, and the retry button (same code, never a second card). */
          refused: d.gift.card?.status === "FAILED" ? t("gift.card.refused", { error: d.gift.card.error ?? "?" }) : null,
          canRetry: d.gift.card?.status === "FAILED" && (d.status === "PROCESSED" || d.status === "CLOSED"),
          // The card as Shopify holds it: value, last characters (never the code), or its state.
          card: d.gift.card
            ? d.gift.card.status === "SUCCEEDED"
              ? t("gift.card.issued", { amount: money(d.gift.card.amount), last: d.gift.card.lastCharacters ?? "" })
              : d.gift.card.status === "FAILED"
                ? t("gift.card.failed")
                : t("gift.card.pending", { amount: money(d.gift.card.amount) })
            : null,
        }
      : null,
    lines: d.lines.map((l) => ({
      id: l.id,
      title: l.title,
      variantTitle: l.variantTitle,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      reason: l.reasonHandle ? humanize(l.reasonHandle) : null,
      note: l.customerNote,
      resolution: resolutionLabel(l.resolution, locale),
      exchangeFor: l.resolution === "EXCHANGE" ? (l.exchangeVariantTitle ?? t("anotherVariant")) : null,
      condition: l.conditionGrade ? labelOr(t, `condition.${l.conditionGrade}`, l.conditionGrade) : null,
      disposition: l.disposition ? labelOr(t, `dispositionDone.${l.disposition}`, l.disposition) : null,
      locationId: l.dispositionLocationId,
      restockingFeePercent: l.restockingFeePercent,
    })),
    // ETA recalculations follow every step; the current estimate is in the Amounts card.
    timeline: d.events.filter((e) => e.type !== "eta").map(
      (e): TimelineEntry => ({
        id: e.id,
        label: labelOr(t, `event.${e.type}`, e.type),
        actor: labelOr(t, `actor.${e.actor}`, e.actor),
        at: dateTime(e.createdAt),
        detail: eventDetail(e.type, e.data, locale),
      }),
    ),
    eventsTruncated: d.eventsTruncated,
  };
}

/** The one fact worth showing under a timeline entry, if any. */
function eventDetail(type: string, data: Record<string, unknown>, locale: AdminLocale): string | null {
  const text = (key: string) => (typeof data[key] === "string" && data[key] ? (data[key] as string) : null);
  switch (type) {
    case "decline": {
      const reason = text("reason");
      return reason ? declineReasonLabel(reason, locale) : null;
    }
    case "override":
      return text("reason");
    case "flagged":
      return text("reason");
    case "synced":
      return text("why");
    case "rated":
      return typeof data.rating === "number" ? followupAdmin(locale).ratingOf(data.rating) : null;
    case "eta": {
      const from = text("from");
      const to = text("to");
      return from && to ? translator(RETURN_PAGE_CATALOG, locale)("etaExpected", { range: formatAdminDateRange(`${from}T00:00:00Z`, `${to}T00:00:00Z`, "UTC", locale) }) : null;
    }
    default:
      return null;
  }
}
