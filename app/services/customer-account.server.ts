/**
 * The customer-account side of the app: the same storefront services as the theme portal
 * (storefront.server.ts: eligibility, methods, filing a return; the domain's refund
 * arithmetic for the preview), reached with a customer-account session token instead of the
 * app proxy. Only thin adapters live here: who the shopper is comes from the verified token
 * (`sub` = the customer, `dest` = the shop), and every order is checked to be theirs before
 * anything about it is read or written. A miss, another customer's order and an order of
 * another shop all answer the same 404.
 */
import {
  addDays,
  compareDates,
  evaluateEligibility,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_RETURN,
  PHOTO_TYPES,
  PICKUP_LEAD_MAX_DAYS,
  PICKUP_WINDOW_MAX_DAYS,
  localDate,
  maxDate,
  returnableUntil,
  returnWindow,
  windowEnd,
  formatMoney,
  type OrderSnapshot,
  type Resolution,
  type ReturnMethod,
} from "~/domain";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import { fetchOrderPrecheck } from "~/shopify/customer-orders.server";
import { fetchOrderSnapshot, OrderNotFoundError } from "~/shopify/orders.server";
import { fromShopifyError, ReturnsError, type ReturnsContext } from "./context.server";
import { notReturnable, whyNotReturnable } from "./customer-account-reasons.server";
import { linesWithReasons } from "./return-request.server";
import { previewReturn, type ReturnPreview } from "./return-preview.server";
import { storefrontErrorFrom } from "./storefront-error.server";
import { loadPolicy } from "./policy.server";
import {
  createFromStorefront,
  lookupForStorefront,
  StorefrontError,
  type ShopperIdentity,
  type StorefrontReturnInput,
} from "./storefront.server";
import type { CustomerAccountShopper } from "./customer-account-token.server";

export type { CustomerAccountShopper } from "./customer-account-token.server";

function identity(shopper: CustomerAccountShopper): ShopperIdentity {
  // Signed-in customers are not rate limited by the portal; the client key is only for guests.
  return { customerLegacyId: shopper.customerLegacyId, clientKey: `customer:${shopper.customerLegacyId}`, locale: shopper.locale };
}

const notFound = (shopper: CustomerAccountShopper) =>
  new StorefrontError("ORDER_NOT_FOUND", 404, storefrontMessage(shopper.locale, "ORDER_UNAVAILABLE"));

/** Loads the order only if it is the shopper's; anything else is the same 404. */
async function ownedOrder(ctx: ReturnsContext, shopper: CustomerAccountShopper, orderId: string): Promise<OrderSnapshot> {
  const order = await fetchOrderSnapshot(ctx.admin, orderId).catch((e) => {
    if (e instanceof OrderNotFoundError) return null;
    throw fromShopifyError(e, "what.readOrder");
  });
  if (!order || order.customer?.id !== shopper.customerId) throw notFound(shopper);
  return order;
}

/** The app's returns for an order, newest first, as the shopper may see them. */
async function returnsOfOrder(ctx: ReturnsContext, shopper: CustomerAccountShopper, orderId: string) {
  const rows = await ctx.db.returnRequest.findMany({
    where: { shopId: ctx.shop.id, orderId },
    include: { lines: true },
    orderBy: { requestedAt: "desc" },
  });
  return rows.map((r) => shopperReturnView(r, shopper.locale));
}

type ReturnRow = Awaited<ReturnType<ReturnsContext["db"]["returnRequest"]["findFirstOrThrow"]>> & {
  lines: { title: string; variantTitle: string | null; quantity: number; unitPrice: number }[];
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** What the shopper sees of a return: status, its dates, the refund outcome. No staff notes. */
export function shopperReturnView(r: ReturnRow, locale: StorefrontLocale) {
  const money = (amount: number) => formatMoney({ amount, currency: r.currency }, locale);
  const closedOrRefunded = r.status === "PROCESSED" || r.status === "CLOSED";
  return {
    rma: r.rmaNumber,
    status: r.status,
    statusLabel: storefrontMessage(locale, `STATUS_${r.status}`),
    orderName: r.orderName,
    shopifyReturnId: r.shopifyReturnId,
    statusUrl: `/apps/returns/status/${r.statusToken}`,
    dates: {
      requested: day(r.requestedAt),
      approved: day(r.approvedAt),
      declined: day(r.declinedAt),
      inTransit: day(r.inTransitAt),
      received: day(r.receivedAt),
      processed: day(r.processedAt),
      closed: day(r.closedAt),
      canceled: day(r.canceledAt),
    },
    refundEta: r.refundEtaFrom && r.refundEtaTo && !closedOrRefunded ? { from: day(r.refundEtaFrom)!, to: day(r.refundEtaTo)! } : null,
    outcome: {
      // Amounts fixed when the return was requested; after processing they are what was paid.
      done: closedOrRefunded,
      refund: r.refundAmount > 0 ? money(r.refundAmount) : null,
      storeCredit: r.storeCreditAmount + r.bonusCreditAmount > 0 ? money(r.storeCreditAmount + r.bonusCreditAmount) : null,
      exchange: r.exchangeAmount > 0 ? money(r.exchangeAmount) : null,
      fees: r.restockingFeeAmount + r.returnShippingFee > 0 ? money(r.restockingFeeAmount + r.returnShippingFee) : null,
    },
    declineReason: r.status === "DECLINED" ? r.declineNote : null,
    tracking: r.trackingNumber ? { number: r.trackingNumber, url: r.trackingUrl, carrier: r.carrierName } : null,
    lines: r.lines.map((l) => ({ title: l.title, variantTitle: l.variantTitle, quantity: l.quantity })),
  };
}

/**
 * For the order menu item and the order-status note: may the shopper start a return, until
 * when (`returnableUntil`), why not, and is there a return already?
 *
 * An order index shows one menu item per order, and the engine's full order read costs
 * ~1,200 requested Admin API points (a standard shop refills 100 a second). So a cheap read
 * comes first: whose order it is and when it was delivered. An order whose every delivered
 * fulfillment is past its return window (the domain's own returnWindow, holidays and the EU
 * period included) can have nothing returnable; only the others get the full eligibility
 * check, the same evaluateEligibility the portal uses.
 */
export function orderMenuState(ctx: ReturnsContext, shopper: CustomerAccountShopper, orderId: string) {
  // The menu item and the Order status note ask this together when an order page opens: one
  // read answers both while it is pending (nothing is kept once it settles).
  const key = [ctx.shop.id, shopper.customerId, orderId, shopper.locale].join("|");
  let answer = menuStatesInFlight.get(key);
  if (!answer) {
    answer = readMenuState(ctx, shopper, orderId).finally(() => menuStatesInFlight.delete(key));
    menuStatesInFlight.set(key, answer);
  }
  return answer;
}

const menuStatesInFlight = new Map<string, ReturnType<typeof readMenuState>>();

async function readMenuState(ctx: ReturnsContext, shopper: CustomerAccountShopper, orderId: string) {
  const pre = await fetchOrderPrecheck(ctx.admin, orderId).catch((e) => {
    throw fromShopifyError(e, "what.readOrder");
  });
  if (!pre || pre.customerId !== shopper.customerId) throw notFound(shopper);
  const policy = await loadPolicy(ctx.db, ctx.shop.id);
  const timeZone = ctx.shop.timezone ?? "UTC";
  const today = localDate(ctx.now(), timeZone);
  const windowEnds = pre.fulfillments.filter((f) => f.status === "SUCCESS").map((f) => windowEnd(returnWindow({ createdAt: pre.createdAt }, f, policy, timeZone)));
  const returns = await returnsOfOrder(ctx, shopper, pre.id);
  if (windowEnds.length > 0 && windowEnds.every((end) => compareDates(today, end) > 0)) {
    return {
      ok: true as const,
      order: { id: pre.id },
      returnable: false,
      returnableUntil: null,
      notReturnable: [notReturnable("WINDOW_EXPIRED", shopper.locale, windowEnds.reduce(maxDate))],
      returns,
    };
  }
  const order = await ownedOrder(ctx, shopper, orderId);
  const eligibility = evaluateEligibility({ order, policy, now: ctx.now(), timeZone });
  return {
    ok: true as const,
    order: { id: order.id },
    returnable: eligibility.eligible,
    returnableUntil: returnableUntil(eligibility),
    notReturnable: eligibility.eligible ? [] : whyNotReturnable(eligibility, shopper.locale),
    returns,
  };
}

/** For the action modal: the theme portal's lookup answer for this order, plus its returns. */
export async function orderReturnOptions(ctx: ReturnsContext, shopper: CustomerAccountShopper, orderId: string, appSecret: string) {
  const order = await ownedOrder(ctx, shopper, orderId);
  // The portal's own lookup (same eligibility, methods, exchange stock, messages). It finds
  // the order by name for this customer again, so ownership is checked twice.
  const lookup = await lookupForStorefront(ctx, identity(shopper), { order: order.name, email: null }, appSecret);
  const policy = await loadPolicy(ctx.db, ctx.shop.id);
  const timeZone = ctx.shop.timezone ?? "UTC";
  const eligibility = evaluateEligibility({ order, policy, now: ctx.now(), timeZone });
  return {
    ...lookup,
    limits: shopperLimits(localDate(ctx.now(), timeZone)),
    returnable: eligibility.eligible,
    notReturnable: eligibility.eligible ? [] : whyNotReturnable(eligibility, shopper.locale),
    returns: await returnsOfOrder(ctx, shopper, order.id),
  };
}

/**
 * The limits the filing checks (app/domain/photos/image.ts, app/domain/pickup.ts), sent to the
 * extension so its fields say the same and it keeps no copy of them. The pickup dates are in
 * the shop's time zone, as resolvePickup checks them.
 */
export function shopperLimits(today: string) {
  return {
    photos: { maxPerReturn: MAX_PHOTOS_PER_RETURN, maxBytes: MAX_PHOTO_BYTES, types: [...PHOTO_TYPES] },
    pickup: { earliest: addDays(today, 1), latest: addDays(today, PICKUP_LEAD_MAX_DAYS), windowMaxDays: PICKUP_WINDOW_MAX_DAYS },
  };
}

export interface PreviewInput {
  method: ReturnMethod;
  lines: { fulfillmentLineItemId: string; quantity: number; reasonId: string | null; resolution: Resolution; exchangeVariantId?: string | null }[];
  storeCreditConsent?: boolean;
}

/**
 * The refund preview: the theme portal's own preview (return-preview.server.ts runs the very
 * planner that files the return, so preview and filed amounts agree), once the order is
 * known to be theirs.
 */
export async function previewReturnForCustomer(ctx: ReturnsContext, shopper: CustomerAccountShopper, orderId: string, input: PreviewInput) {
  const order = await ownedOrder(ctx, shopper, orderId);
  const lines = await linesWithReasons(ctx, input.lines);
  let p: ReturnPreview;
  try {
    p = await previewReturn(ctx, {
      orderId: order.id,
      method: input.method,
      storeCreditConsent: input.storeCreditConsent ?? true,
      customer: { id: shopper.customerId, email: null },
      lines,
    });
  } catch (error) {
    if (error instanceof ReturnsError) throw storefrontErrorFrom(error, shopper.locale);
    throw error;
  }
  const money = (amount: number) => formatMoney({ amount, currency: p.currency }, shopper.locale);
  return {
    ok: true as const,
    currency: p.currency,
    items: money(p.lines.reduce((sum, l) => sum + l.credit + l.restockingFee, 0)),
    restockingFee: p.restockingFees > 0 ? money(p.restockingFees) : null,
    returnShippingFee: p.returnShippingFee > 0 ? money(p.returnShippingFee) : null,
    refund: p.toOriginalPayment > 0 ? money(p.toOriginalPayment) : null,
    storeCredit: p.toStoreCredit > 0 ? money(p.toStoreCredit) : null,
    storeCreditBonus: p.storeCreditBonus > 0 ? money(p.storeCreditBonus) : null,
    toPay: p.toPay > 0 ? money(p.toPay) : null,
    amounts: { refund: p.toOriginalPayment, storeCredit: p.toStoreCredit, invoice: p.toPay, fees: p.restockingFees + p.returnShippingFee },
  };
}

/** Files the return through the theme portal's own use case, once the order is known to be theirs. */
export async function createReturnForCustomer(
  ctx: ReturnsContext,
  shopper: CustomerAccountShopper,
  orderId: string,
  input: Omit<StorefrontReturnInput, "orderId">,
  appSecret: string,
) {
  const order = await ownedOrder(ctx, shopper, orderId);
  // Like the portal: home pickup needs the pickup details (null = none given is refused).
  return createFromStorefront(ctx, identity(shopper), { ...input, orderId: order.id, pickup: input.pickup ?? null }, appSecret);
}

/** For the order-status return-details target: one return by its Shopify id, if it is the shopper's. */
export async function returnDetailsForCustomer(ctx: ReturnsContext, shopper: CustomerAccountShopper, shopifyReturnId: string) {
  const row = await ctx.db.returnRequest.findFirst({
    where: { shopId: ctx.shop.id, shopifyReturnId },
    include: { lines: true },
  });
  if (!row) throw notFound(shopper);
  // The stored customer is a hint only; Shopify's order says whose it is.
  await ownedOrder(ctx, shopper, row.orderId);
  return { ok: true as const, return: shopperReturnView(row, shopper.locale) };
}
