/**
 * What the shopper sees after "send", in their language, for the confirmation in the portal
 * block and the status page: the steps with dates, what happens next and when (worded for
 * the resolution: refund, store credit or exchange), the real outcome once processed (amount,
 * date, method; an exchange's new item and its shipping state), the decline reason, the
 * packing guide and the links to the slip and the status page.
 */
import {
  formatMoney,
  guideSteps,
  journeySteps,
  nextStepKey,
  outcomeKinds,
  payoutKey,
  productKinds,
  slipUseful,
  storedPickup,
  type OutcomeKind,
  type ReturnMethod,
  type ReturnPolicy,
  type ReturnStatus,
} from "~/domain";
import { journeyMessage } from "~/i18n/return-journey";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import { fetchExchangeShipping, type ExchangeShipping } from "~/shopify/exchange-shipping.server";
import { fetchSlipContext } from "~/shopify/slip-context.server";
import type { ReturnsContext } from "./context.server";
import { hasStoredLabel } from "./labels/stored-labels.server";
import { loadPolicy } from "./policy.server";
import { slipPath, statusUrl, storefrontBaseUrl } from "./storefront-links.server";

type ReturnWithLines = NonNullable<Awaited<ReturnType<typeof loadShopperReturn>>>;

/** The ETA sentence's key; a gift's store credit is the recipient's gift card, not the shopper's credit. */
export function etaKeyFor(outcome: string, gift: boolean) {
  return gift && outcome === "STORE_CREDIT" ? "ETA_GIFT_CARD" : (`ETA_${outcome}` as const);
}

/**
 * The expected window in one sentence: the outcome's own ("We expect your refund between…"),
 * or for a return that mixes them one window naming each ("Expected between … : your new
 * item and your refund.").
 */
export function etaSentences(
  locale: StorefrontLocale,
  outcomes: readonly OutcomeKind[],
  gift: boolean,
  window: { from: string; to: string },
): string {
  if (outcomes.length === 1) return journeyMessage(locale, etaKeyFor(outcomes[0], gift), window);
  const parts = outcomes.map((o) => journeyMessage(locale, etaKeyFor(o, gift).replace("ETA_", "ETA_PART_")));
  const list = new Intl.ListFormat(locale, { type: "conjunction" }).format(parts);
  return journeyMessage(locale, "ETA_MIXED", { ...window, outcomes: list });
}

/** The return behind a status token, scoped to the shop. */
export async function loadShopperReturn(ctx: ReturnsContext, token: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  return ctx.db.returnRequest.findFirst({
    where: { shopId: ctx.shop.id, statusToken: token },
    include: { lines: true },
  });
}

/** The language for a shopper page: asked for in the link, else the one the return was filed in. */
export function shopperLocale(explicit: StorefrontLocale | null, stored: string | null | undefined, fallback: StorefrontLocale): StorefrontLocale {
  if (explicit) return explicit;
  const known = ["en", "sv", "da", "nb", "fi", "nl", "de"];
  return stored && known.includes(stored) ? (stored as StorefrontLocale) : fallback;
}

export interface ShopperStep {
  status: ReturnStatus;
  label: string;
  date: string | null;
  done: boolean;
  current: boolean;
}

export interface ShopperReturnView {
  rma: string;
  orderName: string;
  status: ReturnStatus;
  /** The main outcome (see outcomeKind). */
  outcome: OutcomeKind;
  /** Every outcome of the return's lines, main first. */
  outcomes: OutcomeKind[];
  steps: ShopperStep[];
  /** "What happens next", already worded for method and resolution; null once done. */
  next: string | null;
  /** The ETA sentence for the resolution (refund / credit usable / new item ships). */
  eta: string | null;
  /** After processing: what actually happened, one sentence per entry. */
  result: string[];
  /** Declined or cancelled: the message and the merchant's reason. */
  stopped: string[];
  guide: string[];
  /** Home pickup: the address and the window, worded; null for other methods. */
  pickup: string[] | null;
  /** The merchant's prepaid label and tracking, while the parcel is still to be sent. */
  label: { url: string | null; tracking: string | null; onSlip: boolean } | null;
  slipPath: string | null;
  statusUrl: string;
  items: { title: string; quantity: number; amount: string | null; outcome: string }[];
}

export function outcomeLabel(locale: StorefrontLocale, line: { resolution: string; exchangeVariantTitle: string | null }): string {
  if (line.resolution === "EXCHANGE") return journeyMessage(locale, "SLIP_RESOLUTION_EXCHANGE", { variant: line.exchangeVariantTitle ?? "" });
  return journeyMessage(locale, line.resolution === "STORE_CREDIT" ? "SLIP_RESOLUTION_STORE_CREDIT" : "SLIP_RESOLUTION_REFUND");
}

export function guideFor(locale: StorefrontLocale, method: ReturnMethod, policy: ReturnPolicy, products: { productType?: string | null; grams?: number | null }[]): string[] {
  const carrier = policy.returnMethods.dropOff.carrierName || "";
  const kinds = productKinds(products, policy.returnMethods.homePickup.requiredAboveGrams);
  return guideSteps(method, kinds).map((key) => journeyMessage(locale, key, { carrier }));
}

/**
 * Builds the view. `exchange` is the new items' shipping state read from Shopify (only for
 * processed exchanges); `productTypes` feeds the per-product-kind guide.
 */
export function shopperReturnView(
  ret: ReturnWithLines,
  locale: StorefrontLocale,
  opts: { policy: ReturnPolicy; statusUrl: string; exchange?: ExchangeShipping | null; productTypes?: Record<string, string>; uploadedLabel?: boolean },
): ShopperReturnView {
  const t = (key: string, values?: Record<string, string>) => journeyMessage(locale, key, values);
  const day = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(d);
  const money = (amount: number) => formatMoney({ amount, currency: ret.currency }, locale);
  const status = ret.status as ReturnStatus;
  const method = ret.method as ReturnMethod;
  const outcomes = outcomeKinds(ret.lines);
  const outcome = outcomes[0];

  const steps = journeySteps({ ...ret, status, method }).map((s) => ({
    status: s.status,
    label: s.status === "PROCESSED" ? outcomes.map((o) => t(`STEP_PROCESSED_${o}`)).join(" · ") : storefrontMessage(locale, `STATUS_${s.status}`),
    date: s.at ? day(s.at) : null,
    done: s.done,
    current: s.current,
  }));

  const nextKey = nextStepKey(status, method);
  const next = nextKey ? t(nextKey, { carrier: opts.policy.returnMethods.dropOff.carrierName || "" }) : null;
  const open = !["PROCESSED", "CLOSED", "DECLINED", "CANCELED"].includes(status);
  const eta = open && ret.refundEtaFrom && ret.refundEtaTo ? etaSentences(locale, outcomes, ret.gift, { from: day(ret.refundEtaFrom), to: day(ret.refundEtaTo) }) : null;

  const result: string[] = [];
  if ((status === "PROCESSED" || status === "CLOSED") && ret.processedAt) {
    const date = day(ret.processedAt);
    if (ret.refundAmount > 0) {
      const gateways: string[] = JSON.parse(ret.paymentGateways || "[]");
      const methodName = t(`PAYMENT_${payoutKey(gateways[0] ?? "default")}`);
      result.push(t("DONE_REFUND", { amount: money(ret.refundAmount), method: methodName, date }));
      if (ret.refundEtaFrom && ret.refundEtaTo) result.push(t("DONE_REFUND_BANK", { from: day(ret.refundEtaFrom), to: day(ret.refundEtaTo) }));
    }
    if (ret.gift && (ret.storeCreditAmount > 0 || ret.bonusCreditAmount > 0)) {
      // The value went to the gift's recipient (who is not named here), not to this account.
      result.push(t("DONE_GIFT_CARD", { amount: money(ret.storeCreditAmount + ret.bonusCreditAmount), date }));
    } else if (ret.storeCreditAmount > 0 || ret.bonusCreditAmount > 0) {
      result.push(t("DONE_STORE_CREDIT", { amount: money(ret.storeCreditAmount + ret.bonusCreditAmount), date }));
      if (ret.bonusCreditAmount > 0) result.push(t("DONE_STORE_CREDIT_BONUS", { bonus: money(ret.bonusCreditAmount) }));
    }
    if (outcomes.includes("EXCHANGE")) {
      const items = opts.exchange?.items.join(", ") || ret.lines.filter((l) => l.resolution === "EXCHANGE").map((l) => [l.title, l.exchangeVariantTitle].filter(Boolean).join(" – ")).join(", ");
      result.push(t("DONE_EXCHANGE", { date, items }));
      if (opts.exchange) {
        result.push(t(`SHIPPING_${opts.exchange.state}`));
        const tr = opts.exchange.tracking;
        if (tr?.number) result.push(t("SHIPPING_TRACKING", { tracking: [tr.company, tr.number].filter(Boolean).join(" ") }));
      }
    }
  }

  const stopped: string[] = [];
  if (status === "DECLINED") {
    stopped.push(t("DECLINED_TEXT"));
    const reason = ret.declineReason ? t(`DECLINE_${ret.declineReason}`) : null;
    if (reason && !reason.startsWith("DECLINE_")) stopped.push(t("DECLINED_REASON", { reason }));
    if (ret.declineNote) stopped.push(ret.declineNote);
  }
  if (status === "CANCELED") stopped.push(t("CANCELED_TEXT"));

  const useful = slipUseful(status, method);
  const pickup = storedPickup(ret);
  const isoDay = (d: string) => day(new Date(`${d}T00:00:00Z`));
  const labelUrl = ret.labelUrl && /^https?:\/\//i.test(ret.labelUrl) ? ret.labelUrl : null;
  const productTypes = opts.productTypes ?? {};
  return {
    rma: ret.rmaNumber,
    orderName: ret.orderName,
    status,
    outcome,
    outcomes,
    steps,
    next,
    eta,
    result,
    stopped,
    guide: useful ? guideFor(locale, method, opts.policy, ret.lines.map((l) => ({ productType: l.productId ? productTypes[l.productId] : null }))) : [],
    pickup: pickup
      ? [
          ...(pickup.addressLines.length ? [t("PICKUP_ADDRESS", { address: pickup.addressLines.join(", ") })] : []),
          ...(pickup.dateFrom && pickup.dateTo ? [t("PICKUP_DAYS", { from: isoDay(pickup.dateFrom), to: isoDay(pickup.dateTo) })] : []),
        ]
      : null,
    label: useful && (labelUrl || ret.trackingNumber || opts.uploadedLabel) ? { url: labelUrl, tracking: ret.trackingNumber, onSlip: !!opts.uploadedLabel } : null,
    slipPath: useful ? slipPath(ret.statusToken, locale) : null,
    statusUrl: opts.statusUrl,
    items: ret.lines.map((l) => ({
      title: [l.title, l.variantTitle].filter(Boolean).join(" – "),
      quantity: l.quantity,
      // What a gift receipt shows: a return the recipient filed never shows the price paid.
      amount: ret.giftByRecipient ? null : money(l.unitPrice * l.quantity),
      outcome: outcomeLabel(locale, l),
    })),
  };
}

/** Loads everything the view needs: policy, the absolute status link, the exchange's shipping. */
export async function shopperReturnViewFor(ctx: ReturnsContext, ret: ReturnWithLines, locale: StorefrontLocale): Promise<ShopperReturnView> {
  const processedExchange = (ret.status === "PROCESSED" || ret.status === "CLOSED") && ret.shopifyReturnId && ret.lines.some((l) => l.resolution === "EXCHANGE");
  const productIds = [...new Set(ret.lines.map((l) => l.productId).filter((p): p is string => !!p))];
  const [policy, link, exchange, products, uploadedLabel] = await Promise.all([
    loadPolicy(ctx.db, ctx.shop.id),
    statusUrl(ctx, ret.statusToken, locale),
    // The shipping state and product kinds are niceties: the page still answers when Shopify doesn't.
    processedExchange ? fetchExchangeShipping(ctx.admin, ret.shopifyReturnId!).catch(() => null) : Promise.resolve(null),
    slipUseful(ret.status as ReturnStatus, ret.method as ReturnMethod) && productIds.length > 0
      ? fetchSlipContext(ctx.admin, ret.orderId, productIds).then((c) => c.productTypes).catch(() => ({}))
      : Promise.resolve({}),
    hasStoredLabel(ctx, ret.id),
  ]);
  return shopperReturnView(ret, locale, { policy, statusUrl: link, exchange, productTypes: products, uploadedLabel });
}

/** What the portal block shows after "send": worded for the resolution, with absolute links. */
export async function confirmationFor(ctx: ReturnsContext, id: string, locale: StorefrontLocale) {
  const ret = await ctx.db.returnRequest.findFirstOrThrow({ where: { id, shopId: ctx.shop.id }, include: { lines: true } });
  const view = await shopperReturnViewFor(ctx, ret, locale);
  const base = await storefrontBaseUrl(ctx);
  return {
    rma: ret.rmaNumber,
    status: ret.status,
    outcome: view.outcome,
    statusUrl: view.statusUrl,
    slipUrl: view.slipPath ? `${base}${view.slipPath}` : null,
    next: view.next,
    eta: view.eta,
    guide: view.guide,
    // The block shows this as is: heading and numbered steps, one per line.
    guideText: view.guide.length ? [journeyMessage(locale, "GUIDE_HEADING"), ...view.guide.map((g, i) => `${i + 1}. ${g}`)].join("\n") : "",
    refundEta: ret.refundEtaFrom && ret.refundEtaTo ? { from: ret.refundEtaFrom.toISOString().slice(0, 10), to: ret.refundEtaTo.toISOString().slice(0, 10) } : null,
  };
}
