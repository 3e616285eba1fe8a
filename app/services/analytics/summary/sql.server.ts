/**
 * SQL fragments shared by the summary tables' reads (./read.server.ts, ./items.server.ts):
 * the range of facts a view reads, and a line's value converted to the shop currency.
 */
import { Prisma } from "~/generated/prisma-sqlite/client";
import { dialectOf } from "~/db.server";
import type { IsoDate } from "~/domain";
import type { ReturnsContext } from "../../context.server";

export interface DayRangeSql {
  from: IsoDate;
  to: IsoDate;
}

/** Converted value of a line fact `lf` (joined order line `f`), the domain's integer arithmetic. */
export function convertedSql(ctx: ReturnsContext, shopCurrency: string): Prisma.Sql {
  const product = Prisma.sql`lf."unitPrice" * lf.quantity`;
  const rounded =
    dialectOf(ctx.db) === "sqlite"
      ? Prisma.sql`CAST(CAST(${product} * f."shopAmount" AS REAL) / f.amount + 0.5 AS INTEGER)`
      : Prisma.sql`FLOOR(CAST(${product} * f."shopAmount" AS DOUBLE PRECISION) / f.amount + 0.5)`;
  return Prisma.sql`CASE WHEN lf.currency = ${shopCurrency} THEN ${product} WHEN f.amount > 0 THEN ${rounded} ELSE NULL END`;
}

export const rateJoin = (shopCurrency: string) =>
  Prisma.sql`LEFT JOIN "OrderLineFact" f ON lf.currency <> ${shopCurrency} AND f."shopId" = lf."shopId" AND f."lineItemId" = lf."lineItemId"`;

export const linesIn = (ctx: ReturnsContext, range: DayRangeSql) =>
  Prisma.sql`lf."shopId" = ${ctx.shop.id} AND lf.day >= ${range.from} AND lf.day <= ${range.to} AND lf.counted`;

export const returnsIn = (ctx: ReturnsContext, range: DayRangeSql) =>
  Prisma.sql`rf."shopId" = ${ctx.shop.id} AND rf.day >= ${range.from} AND rf.day <= ${range.to} AND rf.counted`;
