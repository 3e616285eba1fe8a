/**
 * Analytics for a date range: loads the rows (returns requested in the range with their
 * lines, sold totals from the sales copy, per-line rates, product facts), then lets the
 * pure domain (app/domain/analytics) compute every figure.
 *
 * Query shapes (README "Analytics"): returns by `[shopId, requestedAt]`, sales by
 * `[shopId, processedAt]` grouped in the database (GROUP BY variant: a 90-day range of a
 * large shop is ~100,000 order lines but only as many groups as variants sold), incoming
 * by `[shopId, status, createdAt]`. Nothing reads a whole table.
 */
import {
  computeFigures,

  daysOf,
  incomingByDay,

  previousPeriod,
  toInstants,
  type AnalyticsFigures,
  type AnalyticsInput,
  type AnalyticsReturn,
  type DayRange,
  type IncomingRow,
  type InstantRange,
  type LineRate,
  type Overview,
  type ProductInfo,
  type SoldVariant,
} from "~/domain/analytics";
import { localDate } from "~/domain";
import { ShopifyApiError } from "~/shopify/errors";
import { fetchReceivingLocations } from "~/shopify/sales.server";
import { getShopInfo } from "~/shopify/shop.server";
import type { ReturnsContext } from "../context.server";
import { loadPolicy } from "../policy.server";
import { ensureProductFacts, ensureSalesCopy } from "./sales-copy.server";

export const RETURN_SELECT = {
  id: true,
  rmaNumber: true,
  status: true,
  method: true,
  currency: true,
  requestedAt: true,
  approvedAt: true,
  inTransitAt: true,
  receivedAt: true,
  inspectedAt: true,
  processedAt: true,
  refundAmount: true,
  storeCreditAmount: true,
  bonusCreditAmount: true,
  exchangeAmount: true,
  restockingFeeAmount: true,
  returnShippingFee: true,
  lines: {
    select: {
      lineItemId: true,
      productId: true,
      variantId: true,
      title: true,
      variantTitle: true,
      quantity: true,
      unitPrice: true,
      reasonHandle: true,
      customerNote: true,
      resolution: true,
      dispositionLocationId: true,
    },
  },
} as const;

export async function returnsRequestedIn(ctx: ReturnsContext, range: InstantRange): Promise<AnalyticsReturn[]> {
  return ctx.db.returnRequest.findMany({
    where: { shopId: ctx.shop.id, requestedAt: { gte: range.start, lt: range.end } },
    select: RETURN_SELECT,
  });
}

export async function soldIn(ctx: ReturnsContext, range: InstantRange): Promise<SoldVariant[]> {
  const groups = await ctx.db.orderLineFact.groupBy({
    by: ["productId", "variantId"],
    where: { shopId: ctx.shop.id, processedAt: { gte: range.start, lt: range.end }, cancelled: false },
    _sum: { quantity: true, shopAmount: true },
    _max: { title: true, variantTitle: true },
  });
  return groups.map((g) => ({
    productId: g.productId,
    variantId: g.variantId,
    title: g._max.title ?? "",
    variantTitle: g._max.variantTitle ?? null,
    units: g._sum.quantity ?? 0,
    value: g._sum.shopAmount ?? 0,
  }));
}

/** Exchange rates of the order lines behind returns in another currency than the shop's. */
async function ratesFor(ctx: ReturnsContext, returns: readonly AnalyticsReturn[], shopCurrency: string): Promise<Map<string, LineRate>> {
  const ids = [...new Set(returns.filter((r) => r.currency !== shopCurrency).flatMap((r) => r.lines.map((l) => l.lineItemId).filter((id): id is string => Boolean(id))))];
  const rates = new Map<string, LineRate>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.orderLineFact.findMany({
      where: { shopId: ctx.shop.id, lineItemId: { in: ids.slice(i, i + 500) } },
      select: { lineItemId: true, shopAmount: true, amount: true },
    });
    for (const r of rows) rates.set(r.lineItemId, { shopAmount: r.shopAmount, amount: r.amount });
  }
  return rates;
}

async function productsFor(ctx: ReturnsContext, productIds: readonly string[]): Promise<Map<string, ProductInfo>> {
  const unique = [...new Set(productIds)];
  const out = new Map<string, ProductInfo>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await ctx.db.productFact.findMany({ where: { shopId: ctx.shop.id, productId: { in: unique.slice(i, i + 500) } } });
    for (const r of rows) {
      out.set(r.productId, { productId: r.productId, title: r.title, productType: r.productType, vendor: r.vendor, collections: JSON.parse(r.collections) as ProductInfo["collections"] });
    }
  }
  return out;
}

export interface AnalyticsReport {
  range: DayRange;
  previous: DayRange;
  shopCurrency: string;
  timeZone: string;
  figures: AnalyticsFigures;
  previousOverview: Overview;
  incoming: IncomingRow[];
  locations: Record<string, string>;
  /** Why sales figures may be missing or stale (Shopify unreachable), for a banner. */
  salesWarning: string | null;
  salesSyncedAt: string | null;
}

export interface AnalyticsOptions {
  /** Skip reading Shopify (benchmarks and tests of the read path; the copy is used as it is). */
  offline?: boolean;
}

/**
 * The shop's currency and time zone: stored on the Shop row, read from Shopify once when
 * missing (shops installed before analytics existed have neither).
 */
export async function loadShopFacts(ctx: ReturnsContext, options: AnalyticsOptions = {}) {
  const shop = await ctx.db.shop.findUniqueOrThrow({ where: { id: ctx.shop.id }, select: { currencyCode: true, timezone: true } });
  if ((!shop.currencyCode || !shop.timezone) && !options.offline) {
    try {
      const info = await getShopInfo(ctx.admin);
      await ctx.db.shop.update({ where: { id: ctx.shop.id }, data: { currencyCode: info.currencyCode, timezone: shop.timezone ?? info.ianaTimezone } });
      return { shopCurrency: info.currencyCode as string, timeZone: shop.timezone ?? info.ianaTimezone };
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
    }
  }
  return { shopCurrency: shop.currencyCode ?? "USD", timeZone: shop.timezone ?? ctx.shop.timezone ?? "UTC" };
}

export async function loadAnalytics(ctx: ReturnsContext, range: DayRange, options: AnalyticsOptions = {}): Promise<AnalyticsReport> {
  const { shopCurrency, timeZone } = await loadShopFacts(ctx, options);
  const policy = await loadPolicy(ctx.db, ctx.shop.id);
  const previous = previousPeriod(range);
  const current = toInstants(range, timeZone);
  const before = toInstants(previous, timeZone);

  let salesWarning: string | null = null;
  let salesSyncedAt: string | null = null;
  let locations: Record<string, string> = {};
  let defaultLocationId: string | null = null;
  if (!options.offline) {
    try {
      const state = await ensureSalesCopy(ctx, before.start);
      salesSyncedAt = state.syncedAt.toISOString();
      if (!state.complete) salesWarning = "Shopify's orders are still being copied; sold figures will be complete on a later visit.";
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
      salesWarning = "Shopify didn't answer, so sold units and return rates use the orders copied earlier.";
    }
    try {
      const found = await fetchReceivingLocations(ctx.admin);
      locations = found.names;
      defaultLocationId = found.defaultLocationId;
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
    }
  }

  const [returns, previousReturns, sold, previousSold, incomingReturns] = await Promise.all([
    returnsRequestedIn(ctx, current),
    returnsRequestedIn(ctx, before),
    soldIn(ctx, current),
    soldIn(ctx, before),
    ctx.db.returnRequest.findMany({ where: { shopId: ctx.shop.id, status: { in: ["APPROVED", "IN_TRANSIT"] } }, select: RETURN_SELECT }),
  ]);

  const productIds = [...sold.map((s) => s.productId), ...returns.flatMap((r) => r.lines.map((l) => l.productId))].filter((id): id is string => Boolean(id));
  if (!options.offline) {
    try {
      await ensureProductFacts(ctx, productIds);
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
      salesWarning ??= "Shopify didn't answer, so some product types, vendors and collections may be missing.";
    }
  }
  const [products, rates, previousRates] = await Promise.all([
    productsFor(ctx, productIds),
    ratesFor(ctx, returns, shopCurrency),
    ratesFor(ctx, previousReturns, shopCurrency),
  ]);

  const today = localDate(ctx.now(), timeZone);
  const base = {
    shopCurrency,
    timeZone,
    today,
    inspectionSlaDays: policy.inspectionSlaDays,
    transitDays: policy.windowStart.fallbackTransitDays,
    defaultLocationId,
    products,
  } satisfies Partial<AnalyticsInput>;
  const figures = computeFigures({ ...base, returns, sold, rates }, daysOf(range));
  const previousFigures = computeFigures({ ...base, returns: previousReturns, sold: previousSold, rates: previousRates }, []);
  return {
    range,
    previous,
    shopCurrency,
    timeZone,
    figures,
    previousOverview: previousFigures.overview,
    incoming: incomingByDay(incomingReturns, base),
    locations,
    salesWarning,
    salesSyncedAt,
  };
}

