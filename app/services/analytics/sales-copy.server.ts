/**
 * The app's copy of what the shop sold (OrderLineFact) and of how its products are grouped
 * (ProductFact), read from Shopify with paged `orders` / `nodes` queries and kept fresh
 * incrementally, so the analytics page divides returns by real sales without reading
 * Shopify on every view.
 *
 * - Coverage grows on demand: a view reaching further back than the copy reads the older
 *   orders once (`processed_at` between the two dates).
 * - Freshness: a view more than FRESH_MS after the last read asks for orders updated since
 *   the watermark (new orders, edits, cancellations), oldest first. The watermark moves
 *   only after a page is stored, so an interrupted read resumes where it stopped.
 * - Product facts (type, vendor, collections) are read for products not yet known or last
 *   read more than a day ago, 25 per call.
 */
import type { ReturnsContext } from "../context.server";
import { fetchProductFacts, fetchSoldOrdersPage, processedBetweenQuery, updatedSinceQuery, type SoldLine } from "~/shopify/sales.server";

export const FRESH_MS = 5 * 60_000;
export const PRODUCT_FACTS_TTL_MS = 24 * 3_600_000;
/** Safety stop for one view: the rest is read on the next view (the watermark keeps the place). */
const MAX_PAGES_PER_CALL = 400;

async function storeLines(ctx: ReturnsContext, lines: readonly SoldLine[]) {
  if (lines.length === 0) return;
  await ctx.db.$transaction(
    lines.map((l) =>
      ctx.db.orderLineFact.upsert({
        where: { shopId_lineItemId: { shopId: ctx.shop.id, lineItemId: l.lineItemId } },
        create: { shopId: ctx.shop.id, ...l },
        update: { ...l },
      }),
    ),
  );
}

async function readAll(ctx: ReturnsContext, query: string, onPage?: (maxUpdatedAt: Date | null) => Promise<void>): Promise<boolean> {
  let after: string | null = null;
  for (let pages = 0; pages < MAX_PAGES_PER_CALL; pages += 1) {
    const page = await fetchSoldOrdersPage(ctx.admin, query, after);
    await storeLines(ctx, page.lines);
    if (onPage) await onPage(page.maxUpdatedAt);
    if (!page.hasNextPage || !page.endCursor) return true;
    after = page.endCursor;
  }
  return false;
}

export interface SalesCopyState {
  coveredFrom: Date;
  syncedAt: Date;
  complete: boolean;
}

/** Makes sure orders processed from `from` on are copied and fresh. Throws the gateway's errors. */
export async function ensureSalesCopy(ctx: ReturnsContext, from: Date): Promise<SalesCopyState> {
  const now = ctx.now();
  const shopId = ctx.shop.id;
  let state = await ctx.db.salesSync.findUnique({ where: { shopId } });
  let complete = true;
  if (!state) {
    // First read: every order updated since `from` (which includes every order processed since).
    const watermarkStart = from;
    let watermark = watermarkStart;
    complete = await readAll(ctx, updatedSinceQuery(from), async (max) => {
      if (max && max > watermark) watermark = max;
    });
    state = await ctx.db.salesSync.upsert({
      where: { shopId },
      create: { shopId, coveredFrom: from, watermark, syncedAt: now },
      update: { coveredFrom: from, watermark, syncedAt: now },
    });
    return { coveredFrom: state.coveredFrom, syncedAt: state.syncedAt, complete };
  }
  if (from < state.coveredFrom) {
    complete = await readAll(ctx, processedBetweenQuery(from, state.coveredFrom));
    if (complete) state = await ctx.db.salesSync.update({ where: { shopId }, data: { coveredFrom: from } });
  }
  if (now.getTime() - state.syncedAt.getTime() > FRESH_MS) {
    let watermark = state.watermark;
    const done = await readAll(ctx, updatedSinceQuery(state.watermark), async (max) => {
      if (max && max > watermark) {
        watermark = max;
        await ctx.db.salesSync.update({ where: { shopId }, data: { watermark } });
      }
    });
    complete &&= done;
    state = await ctx.db.salesSync.update({ where: { shopId }, data: { syncedAt: now } });
  }
  return { coveredFrom: state.coveredFrom, syncedAt: state.syncedAt, complete };
}

/** Reads type, vendor and collections for products not known yet or known for over a day. */
export async function ensureProductFacts(ctx: ReturnsContext, productIds: readonly string[]): Promise<void> {
  const unique = [...new Set(productIds)];
  if (unique.length === 0) return;
  const now = ctx.now();
  const fresh = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await ctx.db.productFact.findMany({
      where: { shopId: ctx.shop.id, productId: { in: unique.slice(i, i + 500) }, syncedAt: { gt: new Date(now.getTime() - PRODUCT_FACTS_TTL_MS) } },
      select: { productId: true },
    });
    for (const r of rows) fresh.add(r.productId);
  }
  const missing = unique.filter((id) => !fresh.has(id));
  for (let i = 0; i < missing.length; i += 25) {
    const facts = await fetchProductFacts(ctx.admin, missing.slice(i, i + 25));
    await ctx.db.$transaction(
      facts.map((f) => {
        const data = { title: f.title, productType: f.productType, vendor: f.vendor, collections: JSON.stringify(f.collections), syncedAt: now };
        return ctx.db.productFact.upsert({
          where: { shopId_productId: { shopId: ctx.shop.id, productId: f.productId } },
          create: { shopId: ctx.shop.id, productId: f.productId, ...data },
          update: data,
        });
      }),
    );
  }
}
