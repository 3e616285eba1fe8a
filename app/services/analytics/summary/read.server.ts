/**
 * The analytics views' aggregates, grouped in the database from the summary tables
 * (AnalyticsReturnFact / AnalyticsLineFact, kept by ./refresh.server.ts), for a range of
 * local days of the shop's time zone. Every query reads a range of the facts' covering
 * indexes `[shopId, day, …]` and sends back groups, not rows; the pure domain
 * (app/domain/analytics/summary.ts) turns them into figures. Values are converted to the
 * shop currency here with the rate of each line's own order line (OrderLineFact, joined on
 * its unique `[shopId, lineItemId]` only for lines in another currency), so a later copy of
 * Shopify's orders needs no change to the facts.
 */
import { Prisma } from "~/generated/prisma-sqlite/client";
import type {
  CommentRow,
  DayPoint,
  Histogram,
  IncomingGroup,
  MoneyGroup,
  ReceivedGroup,
  SpeedStage,
} from "~/domain/analytics";
import type { ReturnsContext } from "../../context.server";
import { date, num } from "../read.server";
import { rawRows } from "../raw.server";
import { convertedSql, linesIn, rateJoin, returnsIn, type DayRangeSql } from "./sql.server";

export type { DayRangeSql } from "./sql.server";
export { itemGroups } from "./items.server";

export async function perDay(ctx: ReturnsContext, range: DayRangeSql): Promise<DayPoint[]> {
  const rows = await rawRows<{ day: string; returns: unknown; units: unknown }>(
    ctx,
    Prisma.sql`
    SELECT rf.day, COUNT(*) AS returns, SUM(rf.units) AS units FROM "AnalyticsReturnFact" rf
    WHERE ${returnsIn(ctx, range)} GROUP BY rf.day`,
  );
  return rows.map((r) => ({ day: r.day, returns: num(r.returns), units: num(r.units) }));
}

export async function comments(ctx: ReturnsContext, range: DayRangeSql): Promise<CommentRow[]> {
  const rows = await rawRows<Record<string, unknown>>(
    ctx,
    Prisma.sql`
    SELECT lf."rmaNumber", lf."requestedAt", lf.title, lf."variantTitle", lf.reason, lf.comment
    FROM "AnalyticsLineFact" lf
    WHERE lf."shopId" = ${ctx.shop.id} AND lf."hasComment" = TRUE AND lf.day >= ${range.from} AND lf.day <= ${range.to} AND lf.counted`,
  );
  return rows.map((r) => ({
    rmaNumber: r.rmaNumber as string,
    requestedAt: date(r.requestedAt)!.toISOString(),
    title: r.title as string,
    variantTitle: (r.variantTitle as string | null) ?? null,
    reason: r.reason as string,
    comment: r.comment as string,
  }));
}

export async function moneyGroups(
  ctx: ReturnsContext,
  range: DayRangeSql,
  shopCurrency: string,
): Promise<MoneyGroup[]> {
  const sums = await rawRows<Record<string, unknown>>(
    ctx,
    Prisma.sql`
      SELECT rf.currency, SUM(rf."refundAmount") AS refunded, SUM(rf."storeCreditAmount" + rf."bonusCreditAmount") AS credit,
        SUM(rf."exchangeAmount") AS exchanged, SUM(rf."restockingFeeAmount" + rf."returnShippingFee") AS fees
      FROM "AnalyticsReturnFact" rf WHERE ${returnsIn(ctx, range)} AND rf.processed GROUP BY rf.currency`,
  );
  // The lines' own rates only when some returns are in another currency (the facts of a
  // return and of its lines carry the return's currency).
  const rates = sums.some((s) => s.currency !== shopCurrency)
    ? await rawRows<{ currency: string; num: unknown; den: unknown }>(
        ctx,
        Prisma.sql`
      SELECT lf.currency, SUM(f."shopAmount") AS num, SUM(f.amount) AS den
      FROM "AnalyticsLineFact" lf JOIN "OrderLineFact" f ON f."shopId" = lf."shopId" AND f."lineItemId" = lf."lineItemId"
      WHERE ${linesIn(ctx, range)} AND lf.processed AND lf.currency <> ${shopCurrency} AND f.amount > 0
      GROUP BY lf.currency`,
      )
    : [];
  const rateOf = new Map(rates.map((r) => [r.currency, r]));
  return sums.map((s) => ({
    currency: s.currency as string,
    refunded: num(s.refunded),
    storeCredit: num(s.credit),
    exchanged: num(s.exchanged),
    feesKept: num(s.fees),
    rateNum: num(rateOf.get(s.currency as string)?.num),
    rateDen: num(rateOf.get(s.currency as string)?.den),
  }));
}

const STAGES = [
  "requestToReceived",
  "receivedToInspected",
  "inspectedToRefunded",
  "requestToRefunded",
] as const satisfies readonly SpeedStage["stage"][];

/** Histograms of the four stage durations (tenths of an hour), one query. */
export async function stageHistograms(
  ctx: ReturnsContext,
  range: DayRangeSql,
): Promise<Record<SpeedStage["stage"], Histogram>> {
  const parts = STAGES.map(
    (
      stage,
    ) => Prisma.sql`SELECT ${Prisma.raw(`'${stage}'`)} AS stage, rf.${Prisma.raw(`"${stage}"`)} AS tenths, COUNT(*) AS n
      FROM "AnalyticsReturnFact" rf WHERE ${returnsIn(ctx, range)} AND rf.${Prisma.raw(`"${stage}"`)} IS NOT NULL
      GROUP BY rf.${Prisma.raw(`"${stage}"`)}`,
  );
  const rows = await rawRows<{ stage: string; tenths: unknown; n: unknown }>(
    ctx,
    Prisma.sql`
    ${Prisma.join(parts, " UNION ALL ")}`,
  );
  const out = Object.fromEntries(STAGES.map((s) => [s, [] as Histogram])) as Record<
    SpeedStage["stage"],
    Histogram
  >;
  for (const r of rows)
    out[r.stage as SpeedStage["stage"]].push({ tenths: num(r.tenths), count: num(r.n) });
  return out;
}

export async function receivedGroups(
  ctx: ReturnsContext,
  range: DayRangeSql,
): Promise<{
  received: ReceivedGroup[];
  receiptToRefund: (Histogram[number] & { locationId: string | null })[];
}> {
  const [received, refunds] = await Promise.all([
    rawRows<Record<string, unknown>>(
      ctx,
      Prisma.sql`
      SELECT rf."locationId", rf."receivedDay", rf."processedDay", CASE WHEN rf.method = 'KEEP_ITEM' THEN 1 ELSE 0 END AS keep, COUNT(*) AS n
      FROM "AnalyticsReturnFact" rf WHERE ${returnsIn(ctx, range)} AND rf."receivedDay" IS NOT NULL
      GROUP BY rf."locationId", rf."receivedDay", rf."processedDay", CASE WHEN rf.method = 'KEEP_ITEM' THEN 1 ELSE 0 END`,
    ),
    rawRows<Record<string, unknown>>(
      ctx,
      Prisma.sql`
      SELECT rf."locationId", rf."receiptToRefund" AS tenths, COUNT(*) AS n
      FROM "AnalyticsReturnFact" rf WHERE ${returnsIn(ctx, range)} AND rf."receiptToRefund" IS NOT NULL
      GROUP BY rf."locationId", rf."receiptToRefund"`,
    ),
  ]);
  return {
    received: received.map((r) => ({
      locationId: (r.locationId as string | null) ?? null,
      receivedDay: r.receivedDay as string,
      processedDay: (r.processedDay as string | null) ?? null,
      keepItem: num(r.keep) === 1,
      count: num(r.n),
    })),
    receiptToRefund: refunds.map((r) => ({
      locationId: (r.locationId as string | null) ?? null,
      tenths: num(r.tenths),
      count: num(r.n),
    })),
  };
}

/** Approved and in-transit returns (any request day), grouped by what their arrival depends on. */
export async function incomingGroups(ctx: ReturnsContext): Promise<IncomingGroup[]> {
  const rows = await rawRows<Record<string, unknown>>(
    ctx,
    Prisma.sql`
    SELECT rf.status, rf.method, rf."approvedDay", rf."inTransitDay", rf."locationId", COUNT(*) AS n, SUM(rf.units) AS units
    FROM "AnalyticsReturnFact" rf WHERE rf."shopId" = ${ctx.shop.id} AND rf.status IN ('APPROVED', 'IN_TRANSIT')
    GROUP BY rf.status, rf.method, rf."approvedDay", rf."inTransitDay", rf."locationId"`,
  );
  return rows.map((r) => ({
    status: r.status as string,
    method: r.method as string,
    approvedDay: (r.approvedDay as string | null) ?? null,
    inTransitDay: (r.inTransitDay as string | null) ?? null,
    locationId: (r.locationId as string | null) ?? null,
    returns: num(r.n),
    units: num(r.units),
  }));
}

/** The previous period's overview figures (returns, units, converted value, unconverted lines). */
export async function totalsIn(ctx: ReturnsContext, range: DayRangeSql, shopCurrency: string) {
  const [[returns], [lines]] = await Promise.all([
    rawRows<{ n: unknown }>(
      ctx,
      Prisma.sql`
      SELECT COUNT(*) AS n FROM "AnalyticsReturnFact" rf WHERE ${returnsIn(ctx, range)}`,
    ),
    rawRows<{ units: unknown; value: unknown; foreign: unknown }>(
      ctx,
      Prisma.sql`
      SELECT SUM(lf.quantity) AS units, SUM(CASE WHEN lf.currency = ${shopCurrency} THEN lf."unitPrice" * lf.quantity ELSE 0 END) AS value,
        SUM(CASE WHEN lf.currency = ${shopCurrency} THEN 0 ELSE 1 END) AS "foreign"
      FROM "AnalyticsLineFact" lf WHERE ${linesIn(ctx, range)}`,
    ),
  ]);
  // The rate join only when some lines are in another currency.
  const [foreign] =
    num(lines?.foreign) > 0
      ? await rawRows<{ value: unknown; unconverted: unknown }>(
          ctx,
          Prisma.sql`
      SELECT SUM(${convertedSql(ctx, shopCurrency)}) AS value,
        SUM(CASE WHEN f.amount IS NULL OR f.amount <= 0 THEN 1 ELSE 0 END) AS unconverted
      FROM "AnalyticsLineFact" lf ${rateJoin(shopCurrency)} WHERE ${linesIn(ctx, range)} AND lf.currency <> ${shopCurrency}`,
        )
      : [];
  return {
    returns: num(returns?.n),
    returnedUnits: num(lines?.units),
    returnedValue: num(lines?.value) + num(foreign?.value),
    unconvertedLines: num(foreign?.unconverted),
  };
}
