/**
 * The analytics read path in hand-written SQL (SQLite and PostgreSQL), because at 100,000
 * returns the Prisma query builder was the bottleneck: a nested `findMany` of a 90-day
 * range (~25,000 returns, ~32,000 lines) plus its `IN (…)` line reads took seconds, and
 * every cell Prisma decodes costs microseconds. Here:
 *
 * - the current period's returns come in ONE flat join (return × line × the order line's
 *   own exchange rate), only the columns the figures use;
 * - the previous period needs only the overview, so it is aggregated in the database
 *   (one row back);
 * - sold totals are grouped in the database per variant (current period) and summed
 *   (previous period), on the covering index `OrderLineFact(shopId, processedAt, …)`.
 *
 * The figures are still computed by the pure domain (app/domain/analytics) from these
 * rows; tests/analytics/recompute.test.ts checks every one against the raw data.
 */
import { Prisma } from "~/generated/prisma-sqlite/client";
import { dialectOf } from "~/db.server";
import {
  COUNTED_EXCLUDED_STATUSES,
  type AnalyticsLine,
  type AnalyticsReturn,
  type InstantRange,
  type LineRate,
  type SoldVariant,
} from "~/domain/analytics";
import type { ReturnsContext } from "../context.server";

/** Aggregates come back as number (SQLite), bigint or Decimal (PostgreSQL). */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n =
    typeof value === "number" ? value : Number(typeof value === "bigint" ? value : String(value));
  if (!Number.isSafeInteger(Math.round(n)))
    throw new RangeError(`aggregate ${String(value)} is beyond exact arithmetic`);
  return n;
}

export function date(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/** A timestamp parameter as each database stores it (Prisma writes ISO text with +00:00 on SQLite). */
export function ts(ctx: ReturnsContext, d: Date): Date | string {
  return dialectOf(ctx.db) === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d;
}

/** Converted line value in SQL: the same integer arithmetic as lineValueInShopCurrency (round half up). */
function convertedValueSql(ctx: ReturnsContext, shopCurrency: string): Prisma.Sql {
  const product = Prisma.sql`l."unitPrice" * l.quantity`;
  const rounded =
    dialectOf(ctx.db) === "sqlite"
      ? Prisma.sql`CAST(CAST(${product} * f."shopAmount" AS REAL) / f.amount + 0.5 AS INTEGER)`
      : Prisma.sql`FLOOR(CAST(${product} * f."shopAmount" AS DOUBLE PRECISION) / f.amount + 0.5)`;
  return Prisma.sql`CASE WHEN r.currency = ${shopCurrency} THEN ${product} WHEN f.amount > 0 THEN ${rounded} ELSE NULL END`;
}

const EXCLUDED = Prisma.join([...COUNTED_EXCLUDED_STATUSES]);

interface FlatRow {
  id: string;
  rmaNumber: string;
  status: string;
  method: string;
  currency: string;
  requestedAt: unknown;
  approvedAt: unknown;
  inTransitAt: unknown;
  receivedAt: unknown;
  inspectedAt: unknown;
  processedAt: unknown;
  refundAmount: unknown;
  storeCreditAmount: unknown;
  bonusCreditAmount: unknown;
  exchangeAmount: unknown;
  restockingFeeAmount: unknown;
  returnShippingFee: unknown;
  lineId: string | null;
  lineItemId: string | null;
  productId: string | null;
  variantId: string | null;
  title: string | null;
  variantTitle: string | null;
  quantity: unknown;
  unitPrice: unknown;
  reasonHandle: string | null;
  customerNote: string | null;
  resolution: string | null;
  dispositionLocationId: string | null;
  rateShop: unknown;
  rateAmount: unknown;
}

/** Returns (with lines) matching a condition, and the exchange rates of their order lines in another currency. */
async function flatReturns(
  ctx: ReturnsContext,
  where: Prisma.Sql,
  shopCurrency: string,
): Promise<{ returns: AnalyticsReturn[]; rates: Map<string, LineRate> }> {
  const rows = await ctx.db.$queryRaw<FlatRow[]>`
    SELECT r.id, r."rmaNumber", r.status, r.method, r.currency, r."requestedAt", r."approvedAt", r."inTransitAt",
      r."receivedAt", r."inspectedAt", r."processedAt", r."refundAmount", r."storeCreditAmount", r."bonusCreditAmount",
      r."exchangeAmount", r."restockingFeeAmount", r."returnShippingFee",
      l.id AS "lineId", l."lineItemId", l."productId", l."variantId", l.title, l."variantTitle", l.quantity, l."unitPrice",
      l."reasonHandle", l."customerNote", l.resolution, l."dispositionLocationId",
      f."shopAmount" AS "rateShop", f.amount AS "rateAmount"
    FROM "ReturnRequest" r
    LEFT JOIN "ReturnLine" l ON l."returnRequestId" = r.id
    LEFT JOIN "OrderLineFact" f ON r.currency <> ${shopCurrency} AND f."shopId" = r."shopId" AND f."lineItemId" = l."lineItemId"
    WHERE r."shopId" = ${ctx.shop.id} AND ${where}`;
  const byId = new Map<string, AnalyticsReturn>();
  const rates = new Map<string, LineRate>();
  for (const row of rows) {
    let current = byId.get(row.id);
    if (!current) {
      current = {
        id: row.id,
        rmaNumber: row.rmaNumber,
        status: row.status,
        method: row.method,
        currency: row.currency,
        requestedAt: date(row.requestedAt)!,
        approvedAt: date(row.approvedAt),
        inTransitAt: date(row.inTransitAt),
        receivedAt: date(row.receivedAt),
        inspectedAt: date(row.inspectedAt),
        processedAt: date(row.processedAt),
        refundAmount: num(row.refundAmount),
        storeCreditAmount: num(row.storeCreditAmount),
        bonusCreditAmount: num(row.bonusCreditAmount),
        exchangeAmount: num(row.exchangeAmount),
        restockingFeeAmount: num(row.restockingFeeAmount),
        returnShippingFee: num(row.returnShippingFee),
        lines: [],
      };
      byId.set(row.id, current);
    }
    if (row.lineId === null) continue;
    const line: AnalyticsLine = {
      lineItemId: row.lineItemId,
      productId: row.productId,
      variantId: row.variantId,
      title: row.title ?? "",
      variantTitle: row.variantTitle,
      quantity: num(row.quantity),
      unitPrice: num(row.unitPrice),
      reasonHandle: row.reasonHandle,
      customerNote: row.customerNote,
      resolution: row.resolution ?? "",
      dispositionLocationId: row.dispositionLocationId,
    };
    current.lines.push(line);
    if (row.lineItemId && row.rateAmount !== null && row.rateAmount !== undefined)
      rates.set(row.lineItemId, { shopAmount: num(row.rateShop), amount: num(row.rateAmount) });
  }
  return { returns: [...byId.values()], rates };
}

/** Returns requested in a range, with lines and the rates their values convert with. */
export function returnsWithRatesIn(ctx: ReturnsContext, range: InstantRange, shopCurrency: string) {
  return flatReturns(
    ctx,
    Prisma.sql`r."requestedAt" >= ${ts(ctx, range.start)} AND r."requestedAt" < ${ts(ctx, range.end)}`,
    shopCurrency,
  );
}

/** Approved returns still on their way (the incoming view). */
export function returnsOnTheirWay(ctx: ReturnsContext, shopCurrency: string) {
  return flatReturns(ctx, Prisma.sql`r.status IN ('APPROVED', 'IN_TRANSIT')`, shopCurrency);
}

export interface ReturnTotals {
  returns: number;
  returnedUnits: number;
  returnedValue: number;
  unconvertedLines: number;
}

/** The overview's return figures for a range, aggregated in the database (one row back). */
export async function returnTotalsIn(
  ctx: ReturnsContext,
  range: InstantRange,
  shopCurrency: string,
): Promise<ReturnTotals> {
  const [row] = await ctx.db.$queryRaw<
    { returns: unknown; units: unknown; value: unknown; unconverted: unknown }[]
  >`
    SELECT COUNT(DISTINCT r.id) AS returns, SUM(l.quantity) AS units, SUM(${convertedValueSql(ctx, shopCurrency)}) AS value,
      SUM(CASE WHEN l.id IS NOT NULL AND r.currency <> ${shopCurrency} AND (f.amount IS NULL OR f.amount <= 0) THEN 1 ELSE 0 END) AS unconverted
    FROM "ReturnRequest" r
    LEFT JOIN "ReturnLine" l ON l."returnRequestId" = r.id
    LEFT JOIN "OrderLineFact" f ON r.currency <> ${shopCurrency} AND f."shopId" = r."shopId" AND f."lineItemId" = l."lineItemId"
    WHERE r."shopId" = ${ctx.shop.id} AND r."requestedAt" >= ${ts(ctx, range.start)} AND r."requestedAt" < ${ts(ctx, range.end)}
      AND r.status NOT IN (${EXCLUDED})`;
  return {
    returns: num(row?.returns),
    returnedUnits: num(row?.units),
    returnedValue: num(row?.value),
    unconvertedLines: num(row?.unconverted),
  };
}

const SOLD_WHERE = (ctx: ReturnsContext, range: InstantRange) =>
  Prisma.sql`"shopId" = ${ctx.shop.id} AND "processedAt" >= ${ts(ctx, range.start)} AND "processedAt" < ${ts(ctx, range.end)} AND NOT cancelled`;

/** Sold units and value per variant, grouped in the database. */
export async function soldByVariantIn(
  ctx: ReturnsContext,
  range: InstantRange,
): Promise<SoldVariant[]> {
  const rows = await ctx.db.$queryRaw<
    {
      productId: string | null;
      variantId: string | null;
      title: string | null;
      variantTitle: string | null;
      units: unknown;
      value: unknown;
    }[]
  >`
    SELECT "productId", "variantId", MAX(title) AS title, MAX("variantTitle") AS "variantTitle", SUM(quantity) AS units, SUM("shopAmount") AS value
    FROM "OrderLineFact" WHERE ${SOLD_WHERE(ctx, range)}
    GROUP BY "productId", "variantId"`;
  return rows.map((g) => ({
    productId: g.productId,
    variantId: g.variantId,
    title: g.title ?? "",
    variantTitle: g.variantTitle,
    units: num(g.units),
    value: num(g.value),
  }));
}

/** Sold units and value in a range, one row back (the previous period's overview). */
export async function soldTotalsIn(
  ctx: ReturnsContext,
  range: InstantRange,
): Promise<{ units: number; value: number }> {
  const [row] = await ctx.db.$queryRaw<{ units: unknown; value: unknown }[]>`
    SELECT SUM(quantity) AS units, SUM("shopAmount") AS value FROM "OrderLineFact" WHERE ${SOLD_WHERE(ctx, range)}`;
  return { units: num(row?.units), value: num(row?.value) };
}

export interface ExportReturn {
  id: string;
  rmaNumber: string;
  status: string;
  orderName: string;
  requestedAt: Date;
  approvedAt: Date | null;
  receivedAt: Date | null;
  inspectedAt: Date | null;
  processedAt: Date | null;
  closedAt: Date | null;
  method: string;
  currency: string;
  refundAmount: number;
  storeCreditAmount: number;
  bonusCreditAmount: number;
  exchangeAmount: number;
  restockingFeeAmount: number;
  returnShippingFee: number;
  needsAttention: boolean;
  lines: { quantity: number; resolution: string; reasonHandle: string | null }[];
}

/**
 * One keyset page of the returns export (oldest first, `[requestedAt, id]` after the
 * cursor), with each return's lines: two queries per page, no OFFSET.
 */
export async function exportPage(
  ctx: ReturnsContext,
  range: { start: Date; end: Date },
  cursor: { requestedAt: Date; id: string } | null,
  size: number,
  ids?: readonly string[],
): Promise<ExportReturn[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`r."shopId" = ${ctx.shop.id}`];
  if (ids)
    conditions.push(
      ids.length ? Prisma.sql`r.id IN (${Prisma.join([...ids])})` : Prisma.sql`1 = 0`,
    );
  else
    conditions.push(
      Prisma.sql`r."requestedAt" >= ${ts(ctx, range.start)} AND r."requestedAt" < ${ts(ctx, range.end)}`,
    );
  if (cursor)
    conditions.push(
      Prisma.sql`(r."requestedAt" > ${ts(ctx, cursor.requestedAt)} OR (r."requestedAt" = ${ts(ctx, cursor.requestedAt)} AND r.id > ${cursor.id}))`,
    );
  const rows = await ctx.db.$queryRaw<Record<string, unknown>[]>`
    SELECT r.id, r."rmaNumber", r.status, r."orderName", r."requestedAt", r."approvedAt", r."receivedAt", r."inspectedAt", r."processedAt",
      r."closedAt", r.method, r.currency, r."refundAmount", r."storeCreditAmount", r."bonusCreditAmount", r."exchangeAmount",
      r."restockingFeeAmount", r."returnShippingFee", r."needsAttention"
    FROM "ReturnRequest" r WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY r."requestedAt", r.id
    LIMIT ${size}`;
  if (rows.length === 0) return [];
  const lines = await ctx.db.$queryRaw<
    {
      returnRequestId: string;
      quantity: unknown;
      resolution: string;
      reasonHandle: string | null;
    }[]
  >`
    SELECT "returnRequestId", quantity, resolution, "reasonHandle" FROM "ReturnLine"
    WHERE "returnRequestId" IN (${Prisma.join(rows.map((r) => r.id as string))})
    ORDER BY "returnRequestId", id`;
  const byReturn = new Map<string, ExportReturn["lines"]>();
  for (const l of lines) {
    const list = byReturn.get(l.returnRequestId) ?? [];
    list.push({
      quantity: num(l.quantity),
      resolution: l.resolution,
      reasonHandle: l.reasonHandle,
    });
    byReturn.set(l.returnRequestId, list);
  }
  return rows.map((r) => ({
    id: r.id as string,
    rmaNumber: r.rmaNumber as string,
    status: r.status as string,
    orderName: r.orderName as string,
    requestedAt: date(r.requestedAt)!,
    approvedAt: date(r.approvedAt),
    receivedAt: date(r.receivedAt),
    inspectedAt: date(r.inspectedAt),
    processedAt: date(r.processedAt),
    closedAt: date(r.closedAt),
    method: r.method as string,
    currency: r.currency as string,
    refundAmount: num(r.refundAmount),
    storeCreditAmount: num(r.storeCreditAmount),
    bonusCreditAmount: num(r.bonusCreditAmount),
    exchangeAmount: num(r.exchangeAmount),
    restockingFeeAmount: num(r.restockingFeeAmount),
    returnShippingFee: num(r.returnShippingFee),
    needsAttention: Boolean(r.needsAttention),
    lines: byReturn.get(r.id as string) ?? [],
  }));
}
