/**
 * The app's copy of what the shop sold (OrderLineFact) and of how its products are grouped
 * (ProductFact), read from Shopify with paged `orders` / `nodes` queries and kept fresh
 * incrementally, so the analytics page divides returns by real sales without reading
 * Shopify on every view.
 *
 * - Coverage grows on demand: a view reaching further back than the copy reads the older
 *   orders once (`processed_at` between the two dates, newest first).
 * - Freshness: a view more than FRESH_MS after the last read asks for orders updated since
 *   the watermark (new orders, edits, cancellations), oldest first.
 * - Each view spends at most a time budget on it and saves progress per page, so an
 *   interrupted or budget-limited read resumes where it stopped.
 * - Product facts (type, vendor, collections) are read for products not yet known or last
 *   read more than a day ago, 25 per call.
 */
import type { ReturnsContext } from "../context.server";
import {
  fetchProductFacts,
  fetchSoldOrdersPage,
  processedBetweenQuery,
  updatedSinceQuery,
  type SoldLine,
} from "~/shopify/sales.server";

export const FRESH_MS = 5 * 60_000;
export const PRODUCT_FACTS_TTL_MS = 24 * 3_600_000;
/**
 * Wall-clock time one page view may spend copying (Shopify's rate limit makes a large
 * first fill take minutes). What is left is read on the next view: progress is saved after
 * every page, so nothing is read twice and nothing is skipped.
 */
export const DEFAULT_BUDGET_MS = 8_000;

async function storeLines(ctx: ReturnsContext, lines: readonly SoldLine[]) {
  if (lines.length === 0) return;
  // Interactive, with a timeout a loaded machine can meet: each upsert also runs the
  // SoldMonth trigger (migration *_sold_month); the default 5 s expired under load.
  await ctx.db.$transaction(
    async (tx) => {
      for (const l of lines)
        await tx.orderLineFact.upsert({
          where: { shopId_lineItemId: { shopId: ctx.shop.id, lineItemId: l.lineItemId } },
          create: { shopId: ctx.shop.id, ...l },
          update: { ...l },
        });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

export interface SalesCopyState {
  coveredFrom: Date;
  syncedAt: Date;
  /** False when the budget ran out first: figures are partial until a later view. */
  complete: boolean;
}

/**
 * Makes sure orders processed from `from` on are copied and fresh. Throws the gateway's
 * errors (what was copied before the error is kept).
 * - The past is filled newest first (`processed_at` descending); after each page,
 *   `coveredFrom` moves back to that page's oldest order (+1 ms, so orders sharing that
 *   instant are read again rather than missed).
 * - Freshness: orders updated since `watermark`, oldest first; the watermark moves per page.
 */
export async function ensureSalesCopy(
  ctx: ReturnsContext,
  from: Date,
  budgetMs = DEFAULT_BUDGET_MS,
): Promise<SalesCopyState> {
  const started = performance.now();
  const inBudget = () => performance.now() - started < budgetMs;
  const now = ctx.now();
  const shopId = ctx.shop.id;
  // A new copy starts "complete from now on": the past is filled below, the future by the watermark.
  let state =
    (await ctx.db.salesSync.findUnique({ where: { shopId } })) ??
    (await ctx.db.salesSync.upsert({
      where: { shopId },
      create: { shopId, coveredFrom: now, watermark: now, syncedAt: now },
      update: {},
    }));
  let complete = true;

  if (from < state.coveredFrom) {
    let after: string | null = null;
    const until = state.coveredFrom;
    for (;;) {
      if (!inBudget()) {
        complete = false;
        break;
      }
      const page = await fetchSoldOrdersPage(
        ctx.admin,
        processedBetweenQuery(from, until),
        after,
        "processed-desc",
      );
      await storeLines(ctx, page.lines);
      if (!page.hasNextPage || !page.endCursor) {
        state = await ctx.db.salesSync.update({ where: { shopId }, data: { coveredFrom: from } });
        break;
      }
      if (page.minProcessedAt) {
        const reached = new Date(Math.max(from.getTime(), page.minProcessedAt.getTime() + 1));
        if (reached < state.coveredFrom)
          state = await ctx.db.salesSync.update({
            where: { shopId },
            data: { coveredFrom: reached },
          });
      }
      after = page.endCursor;
    }
  }

  if (now.getTime() - state.syncedAt.getTime() > FRESH_MS) {
    let after: string | null = null;
    const since = state.watermark;
    let watermark = state.watermark;
    let done = false;
    while (inBudget()) {
      const page = await fetchSoldOrdersPage(ctx.admin, updatedSinceQuery(since), after, "updated");
      await storeLines(ctx, page.lines);
      if (page.maxUpdatedAt && page.maxUpdatedAt > watermark) {
        watermark = page.maxUpdatedAt;
        state = await ctx.db.salesSync.update({ where: { shopId }, data: { watermark } });
      }
      if (!page.hasNextPage || !page.endCursor) {
        done = true;
        break;
      }
      after = page.endCursor;
    }
    if (done) state = await ctx.db.salesSync.update({ where: { shopId }, data: { syncedAt: now } });
    else complete = false;
  }
  return { coveredFrom: state.coveredFrom, syncedAt: state.syncedAt, complete };
}

/** Reads type, vendor and collections for products not known yet or known for over a day. */
export async function ensureProductFacts(
  ctx: ReturnsContext,
  productIds: readonly string[],
): Promise<void> {
  const unique = [...new Set(productIds)];
  if (unique.length === 0) return;
  const now = ctx.now();
  const fresh = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await ctx.db.productFact.findMany({
      where: {
        shopId: ctx.shop.id,
        productId: { in: unique.slice(i, i + 500) },
        syncedAt: { gt: new Date(now.getTime() - PRODUCT_FACTS_TTL_MS) },
      },
      select: { productId: true },
    });
    for (const r of rows) fresh.add(r.productId);
  }
  const missing = unique.filter((id) => !fresh.has(id));
  for (let i = 0; i < missing.length; i += 25) {
    const facts = await fetchProductFacts(ctx.admin, missing.slice(i, i + 25));
    await ctx.db.$transaction(
      facts.map((f) => {
        const data = {
          title: f.title,
          productType: f.productType,
          vendor: f.vendor,
          collections: JSON.stringify(f.collections),
          syncedAt: now,
        };
        return ctx.db.productFact.upsert({
          where: { shopId_productId: { shopId: ctx.shop.id, productId: f.productId } },
          create: { shopId: ctx.shop.id, productId: f.productId, ...data },
          update: data,
        });
      }),
    );
  }
}
