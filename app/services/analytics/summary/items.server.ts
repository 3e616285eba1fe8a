/**
 * The return lines of a range grouped per item (see itemGroups), read from the covering
 * index of AnalyticsLineFact.
 */
import { Prisma } from "~/generated/prisma-sqlite/client";
import type { ItemGroup, ItemReasonGroup } from "~/domain/analytics";
import { itemKeyOf } from "~/domain/analytics";
import type { ReturnsContext } from "../../context.server";
import { num } from "../read.server";
import { rawRows } from "../raw.server";
import { convertedSql, linesIn, rateJoin, type DayRangeSql } from "./sql.server";

/**
 * An item's key: the variant, or for a line without one its product and titles (as keysOf
 * groups them). The variant comes first and the other parts are NULL beside it, which
 * halves the cost of SQLite's GROUP BY sort against grouping by the product id (a long
 * common "gid://shopify/…" prefix in every comparison) and the titles.
 */
const ITEM_KEY = Prisma.sql`lf."variantId", CASE WHEN lf."variantId" IS NULL THEN lf."productId" END,
  CASE WHEN lf."variantId" IS NULL THEN lf.title END, CASE WHEN lf."variantId" IS NULL THEN lf."variantTitle" END`;

/** The item (its key's product and titles: MIN over the group) and resolution of a grouping. */
const ITEM_RESOLUTION = Prisma.sql`MIN(lf."productId") AS "productId", lf."variantId", MIN(lf.title) AS title,
  MIN(lf."variantTitle") AS "variantTitle", lf.resolution`;

/** A group row's item columns as the domain types them. */
const itemOf = (r: Record<string, unknown>) => ({
  productId: (r.productId as string | null) ?? null,
  variantId: (r.variantId as string | null) ?? null,
  title: (r.title as string | null) ?? "",
  variantTitle: (r.variantTitle as string | null) ?? null,
});

/** An item × resolution group's key, as the domain keys items. */
const itemResolutionKey = (r: Record<string, unknown>) => `${itemKeyOf(itemOf(r))}|${r.resolution as string}`;

/**
 * The return lines of a range per item × resolution (rates, resolution mix, overview) and
 * per item × reason (reasons, "which sizes run small"): two groupings of a few thousand
 * groups each instead of one of item × reason × resolution (tens of thousands on a large
 * shop). Values in the shop currency are summed from the covering index alone; only when
 * some lines are in another currency does a third query join those lines to their order
 * line's rate, so a shop selling in one currency never pays for the join.
 */
export async function itemGroups(
  ctx: ReturnsContext,
  range: DayRangeSql,
  shopCurrency: string,
): Promise<{ items: ItemGroup[]; reasons: ItemReasonGroup[] }> {
  const [all, reasons] = await Promise.all([
    rawRows(
      ctx,
      Prisma.sql`
      SELECT ${ITEM_RESOLUTION}, COUNT(*) AS lines, SUM(lf.quantity) AS units,
        SUM(CASE WHEN lf.currency = ${shopCurrency} THEN lf."unitPrice" * lf.quantity ELSE 0 END) AS value,
        SUM(CASE WHEN lf.currency = ${shopCurrency} THEN 0 ELSE 1 END) AS "foreignLines"
      FROM "AnalyticsLineFact" lf WHERE ${linesIn(ctx, range)} GROUP BY ${ITEM_KEY}, lf.resolution`,
    ),
    rawRows(
      ctx,
      Prisma.sql`
      SELECT lf."variantId", CASE WHEN lf."variantId" IS NULL THEN lf."productId" END AS "productId",
        CASE WHEN lf."variantId" IS NULL THEN lf.title END AS title,
        CASE WHEN lf."variantId" IS NULL THEN lf."variantTitle" END AS "variantTitle", lf.reason, SUM(lf.quantity) AS units
      FROM "AnalyticsLineFact" lf WHERE ${linesIn(ctx, range)} GROUP BY ${ITEM_KEY}, lf.reason`,
    ),
  ]);
  const foreign = all.some((r) => num(r.foreignLines) > 0)
    ? await rawRows(
        ctx,
        Prisma.sql`
      SELECT ${ITEM_RESOLUTION}, SUM(${convertedSql(ctx, shopCurrency)}) AS value,
        SUM(CASE WHEN f.amount IS NULL OR f.amount <= 0 THEN 1 ELSE 0 END) AS unconverted
      FROM "AnalyticsLineFact" lf ${rateJoin(shopCurrency)}
      WHERE ${linesIn(ctx, range)} AND lf.currency <> ${shopCurrency} GROUP BY ${ITEM_KEY}, lf.resolution`,
      )
    : [];
  const converted = new Map(foreign.map((r) => [itemResolutionKey(r), r]));
  return {
    items: all.map((r) => {
      const other = num(r.foreignLines) > 0 ? converted.get(itemResolutionKey(r)) : undefined;
      return {
        ...itemOf(r),
        resolution: r.resolution as string,
        lines: num(r.lines),
        units: num(r.units),
        value: num(r.value) + num(other?.value),
        unconvertedLines: num(other?.unconverted),
      };
    }),
    reasons: reasons.map((r) => ({
      ...itemOf(r),
      reason: r.reason as string,
      units: num(r.units),
    })),
  };
}
