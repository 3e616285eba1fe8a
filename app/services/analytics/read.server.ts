/**
 * Hand-written SQL (SQLite and PostgreSQL) for analytics reads that are not in the summary
 * tables (./summary): sold totals from the copy of Shopify's orders, grouped per variant
 * (current period) and summed (previous period) — whole UTC months from SoldMonth (kept by
 * triggers), the edge days from the covering index `OrderLineFact(shopId, processedAt, …)` —
 * and the keyset pages of an inbox selection's export. Prisma's
 * query builder decodes every cell at a few microseconds each, too slow at 100,000 returns.
 */
import { Prisma } from "~/generated/prisma-sqlite/client";
import { dialectOf } from "~/db.server";
import type { InstantRange, SoldVariant } from "~/domain/analytics";
import type { ReturnsContext } from "../context.server";
import { rawRows } from "./raw.server";

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

const SOLD_WHERE = (ctx: ReturnsContext, range: InstantRange) =>
  Prisma.sql`"shopId" = ${ctx.shop.id} AND "processedAt" >= ${ts(ctx, range.start)} AND "processedAt" < ${ts(ctx, range.end)} AND NOT cancelled`;

const monthStart = (d: Date, add = 0) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1));
const monthKey = (d: Date) => d.toISOString().slice(0, 7);

/**
 * A range cut into whole UTC months (read from SoldMonth, kept by triggers) and the edge
 * spans before the first and after the last whole month (read from OrderLineFact's index).
 */
export function splitByMonth(range: InstantRange): {
  months: { from: string; to: string } | null;
  edges: InstantRange[];
} {
  const first =
    range.start.getTime() === monthStart(range.start).getTime()
      ? range.start
      : monthStart(range.start, 1);
  const last = monthStart(range.end);
  if (first >= last) return { months: null, edges: range.start < range.end ? [range] : [] };
  const edges = [
    { start: range.start, end: first },
    { start: last, end: range.end },
  ].filter((e) => e.start < e.end);
  return { months: { from: monthKey(first), to: monthKey(last) }, edges };
}

/**
 * The sold lines of a range as parts to aggregate — each edge span from OrderLineFact, the
 * whole months from SoldMonth — with the same columns: (productId, variantId, title,
 * variantTitle, units, value). Each part is its own statement, so on SQLite they run side by
 * side on the reader threads; the caller adds them up.
 */
function soldParts(ctx: ReturnsContext, range: InstantRange): Prisma.Sql[] {
  const { months, edges } = splitByMonth(range);
  const parts = edges.map(
    (
      e,
    ) => Prisma.sql`SELECT "productId", "variantId", title, "variantTitle", quantity AS units, "shopAmount" AS value
      FROM "OrderLineFact" WHERE ${SOLD_WHERE(ctx, e)}`,
  );
  if (months)
    parts.push(Prisma.sql`SELECT NULLIF("productId", '') AS "productId", NULLIF("variantId", '') AS "variantId", title,
        NULLIF("variantTitle", '') AS "variantTitle", quantity AS units, "shopAmount" AS value
      FROM "SoldMonth" WHERE "shopId" = ${ctx.shop.id} AND month >= ${months.from} AND month < ${months.to} AND lines > 0`);
  return parts;
}

type SoldGroupRow = {
  productId: string | null;
  variantId: string | null;
  title: string | null;
  variantTitle: string | null;
  units: unknown;
  value: unknown;
};

/** Sold units and value per variant: each part grouped in the database, the parts added up here. */
export async function soldByVariantIn(
  ctx: ReturnsContext,
  range: InstantRange,
): Promise<SoldVariant[]> {
  const parts = await Promise.all(
    soldParts(ctx, range).map((part) =>
      rawRows<SoldGroupRow>(
        ctx,
        Prisma.sql`
    SELECT "productId", "variantId", MAX(title) AS title, MAX("variantTitle") AS "variantTitle", SUM(units) AS units, SUM(value) AS value
    FROM (${part}) sold
    GROUP BY "productId", "variantId"`,
      ),
    ),
  );
  const byVariant = new Map<string, SoldVariant>();
  for (const rows of parts)
    for (const g of rows) {
      const key = `${g.productId ?? "\u0000"}|${g.variantId ?? "\u0000"}`;
      const title = g.title ?? "";
      const sold = byVariant.get(key);
      if (!sold) {
        byVariant.set(key, {
          productId: g.productId,
          variantId: g.variantId,
          title,
          variantTitle: g.variantTitle,
          units: num(g.units),
          value: num(g.value),
        });
        continue;
      }
      // MAX over the parts, as SQL's MAX over all lines (NULL below any text).
      if (title > sold.title) sold.title = title;
      if (
        g.variantTitle !== null &&
        (sold.variantTitle === null || g.variantTitle > sold.variantTitle)
      )
        sold.variantTitle = g.variantTitle;
      sold.units += num(g.units);
      sold.value += num(g.value);
    }
  return [...byVariant.values()];
}

/** Sold units and value in a range (the previous period's overview). */
export async function soldTotalsIn(
  ctx: ReturnsContext,
  range: InstantRange,
): Promise<{ units: number; value: number }> {
  const parts = await Promise.all(
    soldParts(ctx, range).map((part) =>
      rawRows<{ units: unknown; value: unknown }>(
        ctx,
        Prisma.sql`SELECT SUM(units) AS units, SUM(value) AS value FROM (${part}) sold`,
      ),
    ),
  );
  return parts.reduce(
    (total, [row]) => ({
      units: total.units + num(row?.units),
      value: total.value + num(row?.value),
    }),
    { units: 0, value: 0 },
  );
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
  // The explicit lower bound lets both databases start the index range at the cursor;
  // with only the OR, each page scanned the range from its start (quadratic).
  if (cursor)
    conditions.push(
      Prisma.sql`r."requestedAt" >= ${ts(ctx, cursor.requestedAt)} AND (r."requestedAt" > ${ts(ctx, cursor.requestedAt)} OR r.id > ${cursor.id})`,
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
