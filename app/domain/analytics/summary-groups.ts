/**
 * The groups the analytics service reads from the summary tables (grouped in the
 * database, one row per group) and the helpers that key and summarise them. The figures
 * are made from these in ./summary.ts.
 */
import type { IsoDate } from "../dates";

/**
 * Counted return lines of the range grouped by item × resolution. An item is a variant, or
 * for lines without one, a product title and variant title (as keysOf groups them).
 */
export interface ItemGroup {
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  resolution: string;
  lines: number;
  units: number;
  /** Shop currency minor units of the lines that could be converted. */
  value: number;
  unconvertedLines: number;
}

/**
 * Returned units per item × reason ("which sizes run small"). Kept apart from ItemGroup:
 * one grouping of item × reason × resolution is tens of thousands of groups on a large shop,
 * these two are a few thousand. Product and titles come from the item's ItemGroup.
 */
export interface ItemReasonGroup {
  variantId: string | null;
  /** Only for lines without a variant (part of the item's key), else null / "". */
  productId: string | null;
  title: string;
  variantTitle: string | null;
  reason: string;
  units: number;
}

/** The key of an item: its variant, or its titles when it has none. */
export const itemKeyOf = (g: {
  variantId: string | null;
  productId: string | null;
  title: string;
  variantTitle: string | null;
}) =>
  g.variantId === null
    ? JSON.stringify([g.productId, g.title, g.variantTitle])
    : `variant:${g.variantId}`;

export interface MoneyGroup {
  currency: string;
  refunded: number;
  storeCredit: number;
  exchanged: number;
  feesKept: number;
  /** Shop and presentment amounts of these returns' own order lines (the rate). */
  rateNum: number;
  rateDen: number;
}

/** A histogram of a duration in tenths of an hour. */
export type Histogram = { tenths: number; count: number }[];

export interface ReceivedGroup {
  locationId: string | null;
  receivedDay: IsoDate;
  processedDay: IsoDate | null;
  keepItem: boolean;
  count: number;
}

/** Nearest-rank percentile of a histogram, as hours with one decimal. */
export function histogramPercentile(histogram: Histogram, p: number): number | null {
  const total = histogram.reduce((s, b) => s + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const b of [...histogram].sort((x, y) => x.tenths - y.tenths)) {
    seen += b.count;
    if (seen >= rank) return b.tenths / 10;
  }
  return null;
}
