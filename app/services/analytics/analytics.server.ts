/**
 * Analytics for a date range: loads the rows (returns requested in the range with their
 * lines, sold totals from the sales copy, per-line rates, product facts), then lets the
 * pure domain (app/domain/analytics) compute every figure.
 *
 * The rows come from hand-written SQL (./read.server.ts: one flat join for the period's
 * returns, the previous period and sold totals aggregated in the database); see
 * docs/analytics.md "Speed design".
 */
import {
  computeFigures,
  daysOf,
  incomingByDay,
  previousPeriod,
  ratePercent,
  toInstants,
  type AnalyticsFigures,
  type AnalyticsInput,
  type DayRange,
  type IncomingRow,
  type Overview,
  type ProductInfo,
} from "~/domain/analytics";
import { localDate } from "~/domain";
import { ShopifyApiError } from "~/shopify/errors";
import { fetchReceivingLocations } from "~/shopify/sales.server";
import { getShopInfo } from "~/shopify/shop.server";
import type { ReturnsContext } from "../context.server";
import { loadPolicy } from "../policy.server";
import {
  returnsOnTheirWay,
  returnsWithRatesIn,
  returnTotalsIn,
  soldByVariantIn,
  soldTotalsIn,
} from "./read.server";
import { ensureProductFacts, ensureSalesCopy } from "./sales-copy.server";

async function productsFor(
  ctx: ReturnsContext,
  productIds: readonly string[],
): Promise<Map<string, ProductInfo>> {
  const unique = [...new Set(productIds)];
  const out = new Map<string, ProductInfo>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await ctx.db.productFact.findMany({
      where: { shopId: ctx.shop.id, productId: { in: unique.slice(i, i + 500) } },
    });
    for (const r of rows) {
      out.set(r.productId, {
        productId: r.productId,
        title: r.title,
        productType: r.productType,
        vendor: r.vendor,
        collections: JSON.parse(r.collections) as ProductInfo["collections"],
      });
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
  const shop = await ctx.db.shop.findUniqueOrThrow({
    where: { id: ctx.shop.id },
    select: { currencyCode: true, timezone: true },
  });
  if ((!shop.currencyCode || !shop.timezone) && !options.offline) {
    try {
      const info = await getShopInfo(ctx.admin);
      await ctx.db.shop.update({
        where: { id: ctx.shop.id },
        data: { currencyCode: info.currencyCode, timezone: shop.timezone ?? info.ianaTimezone },
      });
      return {
        shopCurrency: info.currencyCode as string,
        timeZone: shop.timezone ?? info.ianaTimezone,
      };
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
    }
  }
  return {
    shopCurrency: shop.currencyCode ?? "USD",
    timeZone: shop.timezone ?? ctx.shop.timezone ?? "UTC",
  };
}

export async function loadAnalytics(
  ctx: ReturnsContext,
  range: DayRange,
  options: AnalyticsOptions = {},
): Promise<AnalyticsReport> {
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
      if (!state.complete)
        salesWarning =
          "Shopify's orders are still being copied; sold figures will be complete on a later visit.";
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
      salesWarning =
        "Shopify didn't answer, so sold units and return rates use the orders copied earlier.";
    }
    try {
      const found = await fetchReceivingLocations(ctx.admin);
      locations = found.names;
      defaultLocationId = found.defaultLocationId;
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
    }
  }

  const [current_, previousTotals, sold, previousSold, incoming_] = await Promise.all([
    returnsWithRatesIn(ctx, current, shopCurrency),
    returnTotalsIn(ctx, before, shopCurrency),
    soldByVariantIn(ctx, current),
    soldTotalsIn(ctx, before),
    returnsOnTheirWay(ctx, shopCurrency),
  ]);
  const { returns, rates } = current_;

  const productIds = [
    ...sold.map((s) => s.productId),
    ...returns.flatMap((r) => r.lines.map((l) => l.productId)),
  ].filter((id): id is string => Boolean(id));
  if (!options.offline) {
    try {
      await ensureProductFacts(ctx, productIds);
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
      salesWarning ??=
        "Shopify didn't answer, so some product types, vendors and collections may be missing.";
    }
  }
  const products = await productsFor(ctx, productIds);

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
  const previousOverview: Overview = {
    ...previousTotals,
    soldUnits: previousSold.units,
    soldValue: previousSold.value,
    unitRate: ratePercent(previousTotals.returnedUnits, previousSold.units),
    valueRate: ratePercent(previousTotals.returnedValue, previousSold.value),
  };
  return {
    range,
    previous,
    shopCurrency,
    timeZone,
    figures,
    previousOverview,
    incoming: incomingByDay(incoming_.returns, base),
    locations,
    salesWarning,
    salesSyncedAt,
  };
}
