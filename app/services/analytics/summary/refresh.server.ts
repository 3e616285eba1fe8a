/**
 * Keeps the analytics summary tables (AnalyticsReturnFact, AnalyticsLineFact) in step with
 * the returns. Database triggers (migration 20261129021755_analytics_summary) mark a return
 * in AnalyticsDirty in the same transaction as every insert, update or delete of it or of
 * one of its lines — whatever code path, raw SQL included — so no change can be missed.
 * This refresh rewrites the marked returns' facts from their current rows (pure:
 * factsOf in app/domain/analytics/facts.ts) and removes a mark only if it was not bumped
 * meanwhile. Rewriting whole returns (never adding deltas) keeps it idempotent: running it
 * twice, concurrently or after a crash gives the same facts.
 *
 * It runs before every analytics read (so a page always reflects every committed change)
 * and every few minutes as a job (so the page rarely has a backlog to process).
 */
import { Prisma } from "~/generated/prisma-sqlite/client";
import { dialectOf, type Db } from "~/db.server";
import { factsOf, localDater, type FactReturn } from "~/domain/analytics";
import { insertRows } from "./write.server";

/** Returns per batch (SQLite's bound-parameter limit caps the `IN` lists Prisma sends). */
export const REFRESH_BATCH = 500;
/** A batch's transaction may wait for the shop lock and run long on a loaded machine. */
const TX = { timeout: 60_000, maxWait: 30_000 };

/** One refresh per shop at a time in this process; the database lock covers other processes. */
const running = new Map<string, Promise<RefreshResult>>();

export interface RefreshResult {
  /** Returns whose facts were rewritten. */
  refreshed: number;
  /** False when the time budget ran out with returns still marked (a first build). */
  complete: boolean;
}

/**
 * Rewrites the facts of every marked return of the shop; with `budgetMs`, stops after the
 * batch that passes it (a page view must not wait for the first build of a large shop —
 * the job finishes it and the page says the figures are still being prepared).
 */
export function refreshSummaries(
  db: Db,
  shopId: string,
  timeZone: string,
  budgetMs = Infinity,
): Promise<RefreshResult> {
  const key = `${shopId}|${timeZone}`;
  const current = running.get(key);
  if (current) return current;
  const run = refresh(db, shopId, timeZone, budgetMs).finally(() => running.delete(key));
  running.set(key, run);
  return run;
}

/** Serialises refreshes of one shop across processes (PostgreSQL; SQLite has one writer). */
async function lock(db: Db, tx: Prisma.TransactionClient, shopId: string) {
  if (dialectOf(db) === "postgresql")
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`analytics:${shopId}`}))`;
}

/** The facts' local days follow the shop's time zone: a new zone rebuilds them all. */
async function ensureTimeZone(db: Db, shopId: string, timeZone: string) {
  const state = await db.analyticsSummaryState.findUnique({ where: { shopId } });
  if (state?.timeZone === timeZone) return;
  await db.$transaction(async (tx) => {
    await lock(db, tx, shopId);
    await tx.analyticsReturnFact.deleteMany({ where: { shopId } });
    await tx.analyticsLineFact.deleteMany({ where: { shopId } });
    await tx.$executeRaw`INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId")
      SELECT id, "shopId" FROM "ReturnRequest" WHERE "shopId" = ${shopId}
      ON CONFLICT ("returnRequestId") DO UPDATE SET mark = "AnalyticsDirty".mark + 1`;
    await tx.analyticsSummaryState.upsert({
      where: { shopId },
      create: { shopId, timeZone },
      update: { timeZone },
    });
  }, TX);
}

async function refresh(
  db: Db,
  shopId: string,
  timeZone: string,
  budgetMs: number,
): Promise<RefreshResult> {
  const started = Date.now();
  await ensureTimeZone(db, shopId, timeZone);
  const dayOf = localDater(timeZone);
  let done = 0;
  for (;;) {
    const marks = await db.analyticsDirty.findMany({
      where: { shopId },
      take: REFRESH_BATCH,
      orderBy: { returnRequestId: "asc" },
    });
    if (marks.length === 0) return { refreshed: done, complete: true };
    if (Date.now() - started > budgetMs) return { refreshed: done, complete: false };
    const ids = marks.map((m) => m.returnRequestId);
    const returns = await db.returnRequest.findMany({
      where: { id: { in: ids }, shopId },
      select: {
        id: true,
        shopId: true,
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
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
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
      },
    });
    const facts = returns.map((r) => factsOf(r as FactReturn, dayOf));
    await db.$transaction(async (tx) => {
      await lock(db, tx, shopId);
      await tx.analyticsLineFact.deleteMany({ where: { returnRequestId: { in: ids } } });
      await tx.analyticsReturnFact.deleteMany({ where: { returnRequestId: { in: ids } } });
      await insertRows(
        db,
        tx,
        "AnalyticsReturnFact",
        facts.map((f) => f.ret),
      );
      await insertRows(
        db,
        tx,
        "AnalyticsLineFact",
        facts.flatMap((f) => f.lines),
      );
      // Only the marks seen: a change committed meanwhile bumped its mark and stays.
      await tx.$executeRaw`DELETE FROM "AnalyticsDirty" WHERE ("returnRequestId", mark) IN (VALUES ${Prisma.join(
        marks.map((m) => Prisma.sql`(${m.returnRequestId}, CAST(${m.mark} AS INTEGER))`),
      )})`;
    }, TX);
    done += marks.length;
  }
}

/**
 * The background part (job "refresh-analytics-summaries", every 5 minutes): every shop with
 * marked returns whose time zone is known, so a page view rarely finds a backlog.
 */
export async function refreshAllSummaries(db: Db): Promise<number> {
  const shops = await db.analyticsDirty.findMany({
    distinct: ["shopId"],
    select: { shopId: true },
  });
  let done = 0;
  for (const { shopId } of shops) {
    const shop = await db.shop.findUnique({ where: { id: shopId }, select: { timezone: true } });
    if (shop?.timezone) done += (await refreshSummaries(db, shopId, shop.timezone)).refreshed;
  }
  return done;
}
