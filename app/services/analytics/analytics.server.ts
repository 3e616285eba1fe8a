/**
 * Analytics for a date range: brings the summary tables up to date, reads the period's
 * groups (./summary/read.server.ts) and sold totals (./read.server.ts) through the database
 * driver — on SQLite in reader threads, side by side (./sqlite-readers.server.ts) — then lets
 * the pure domain (app/domain/analytics) compute every figure. See docs/analytics.md
 * "Speed design".
 */
import {
  daysOf,
  figuresFromSummary,
  incomingFromSummary,
  previousPeriod,
  ratePercent,
  toInstants,
  type AnalyticsFigures,
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
import { Prisma } from "~/generated/prisma-sqlite/client";
import { rawRows } from "./raw.server";
import { soldByVariantIn, soldTotalsIn } from "./read.server";
import { refreshSummaries } from "./summary/refresh.server";
import * as summary from "./summary/read.server";
import { ensureProductFacts, ensureSalesCopy } from "./sales-copy.server";

async function productsFor(
  ctx: ReturnsContext,
  productIds: readonly string[],
): Promise<Map<string, ProductInfo>> {
  const unique = [...new Set(productIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 500) chunks.push(unique.slice(i, i + 500));
  const found = await Promise.all(
    chunks.map((ids) =>
      rawRows<{
        productId: string;
        title: string;
        productType: string | null;
        vendor: string | null;
        collections: string;
      }>(
        ctx,
        Prisma.sql`SELECT "productId", title, "productType", vendor, collections FROM "ProductFact"
          WHERE "shopId" = ${ctx.shop.id} AND "productId" IN (${Prisma.join(ids)})`,
      ),
    ),
  );
  const out = new Map<string, ProductInfo>();
  for (const r of found.flat())
    out.set(r.productId, {
      productId: r.productId,
      title: r.title,
      productType: r.productType,
      vendor: r.vendor,
      collections: JSON.parse(r.collections) as ProductInfo["collections"],
    });
  return out;
}

/** summaryPreparing: the summary tables' first build is still running; copying: the first copy of Shopify's orders is not complete yet; ordersUnreachable: Shopify didn't answer, earlier copy used; productsUnreachable: some groupings may be missing. */
export type SalesWarning =
  "copying" | "ordersUnreachable" | "productsUnreachable" | "summaryPreparing";

/** How long one page view may spend bringing the summary tables up to date (a first build of a large shop continues in the job). */
export const SUMMARY_BUDGET_MS = 5_000;

export interface AnalyticsReport {
  range: DayRange;
  previous: DayRange;
  shopCurrency: string;
  timeZone: string;
  figures: AnalyticsFigures;
  previousOverview: Overview;
  incoming: IncomingRow[];
  locations: Record<string, string>;
  /** Why sales figures may be missing or stale, for a banner (texts in the i18n catalog). */
  salesWarning: SalesWarning | null;
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

  let salesWarning: SalesWarning | null = null;
  let salesSyncedAt: string | null = null;
  let locations: Record<string, string> = {};
  let defaultLocationId: string | null = null;
  if (!options.offline) {
    try {
      const state = await ensureSalesCopy(ctx, before.start);
      salesSyncedAt = state.syncedAt.toISOString();
      if (!state.complete) salesWarning = "copying";
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
      salesWarning = "ordersUnreachable";
    }
    try {
      const found = await fetchReceivingLocations(ctx.admin);
      locations = found.names;
      defaultLocationId = found.defaultLocationId;
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
    }
  }

  // Bring the summary tables up to date with every committed change first (usually a
  // handful of returns), then read the period's groups from them.
  try {
    const fresh = await refreshSummaries(ctx.db, ctx.shop.id, timeZone, SUMMARY_BUDGET_MS);
    if (!fresh.complete) salesWarning ??= "summaryPreparing";
  } catch (error) {
    // The page still answers from the facts as they are; the marks stay for the next try.
    console.error("analytics summary refresh failed", error);
    salesWarning ??= "summaryPreparing";
  }
  // Longest first: on SQLite the statements queue for a few reader threads (./raw.server.ts).
  const [
    sold,
    items,
    stages,
    previousSold,
    received,
    previousTotals,
    incomingGroups,
    perDay,
    money,
    comments,
  ] = await Promise.all([
    soldByVariantIn(ctx, current),
    summary.itemGroups(ctx, range, shopCurrency),
    summary.stageHistograms(ctx, range),
    soldTotalsIn(ctx, before),
    summary.receivedGroups(ctx, range),
    summary.totalsIn(ctx, previous, shopCurrency),
    summary.incomingGroups(ctx),
    summary.perDay(ctx, range),
    summary.moneyGroups(ctx, range, shopCurrency),
    summary.comments(ctx, range),
  ]);

  const productIds = [
    ...sold.map((s) => s.productId),
    ...items.items.map((i) => i.productId),
  ].filter((id): id is string => Boolean(id));
  if (!options.offline) {
    try {
      await ensureProductFacts(ctx, productIds);
    } catch (error) {
      if (!(error instanceof ShopifyApiError)) throw error;
      salesWarning ??= "productsUnreachable";
    }
  }
  const products = await productsFor(ctx, productIds);

  const today = localDate(ctx.now(), timeZone);
  const figures: AnalyticsFigures = figuresFromSummary({
    shopCurrency,
    today,
    inspectionSlaDays: policy.inspectionSlaDays,
    defaultLocationId,
    products,
    days: daysOf(range),
    perDay,
    sold,
    items: items.items,
    itemReasons: items.reasons,
    comments,
    money,
    stages,
    received: received.received,
    receiptToRefund: received.receiptToRefund,
  });
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
    incoming: incomingFromSummary(incomingGroups, {
      transitDays: policy.windowStart.fallbackTransitDays,
      today,
      defaultLocationId,
    }),
    locations,
    salesWarning,
    salesSyncedAt,
  };
}
