/**
 * Analytics and warehouse benchmarks (issue targets), on SQLite and — with
 * TEST_POSTGRES_URL — PostgreSQL, at 100,000 returns (~130,000 return lines) and 500,000
 * sold order lines spread over a year:
 *  - the whole analytics page for a 90-day range (every view, with the previous period):
 *    target ≤ 300 ms median, read path only (the Shopify copy is already filled);
 *  - CSV export of all 100,000 returns, streamed: target ≤ 5 s, memory flat;
 *  - scan-to-open (RMA lookup): target ≤ 50 ms median.
 * Run: `npm run bench:analytics` (also run by `npm run bench`). Sizes: BENCH_RETURNS, BENCH_ORDER_LINES.
 */
import "./env";
import { performance } from "node:perf_hooks";
import { presetRange, previousPeriod, toInstants } from "~/domain/analytics";
import { soldByVariantIn, soldTotalsIn } from "~/services/analytics/read.server";
import { refreshSummaries } from "~/services/analytics/summary/refresh.server";
import * as summary from "~/services/analytics/summary/read.server";
import { loadAnalytics } from "~/services/analytics/analytics.server";
import { csvStream, returnsCsv } from "~/services/analytics/export.server";
import { scanCode } from "~/services/receiving.server";
import type { ReturnsContext } from "~/services/context.server";
import type { AdminClient } from "~/shopify/client.server";
import { createTestDb, providers, type Provider, type TestDb } from "../tests/support/test-db";
import { createDb, prepareDb } from "~/db.server";
import { bareReader, bulkWriter } from "./bulk-insert";

const RETURNS = Number(process.env.BENCH_RETURNS ?? 100_000);
const ORDER_LINES = Number(process.env.BENCH_ORDER_LINES ?? 500_000);
export const NOW = new Date("2026-11-20T12:00:00Z");
const DAY = 86_400_000;
const STATUSES = [
  "REQUESTED",
  "APPROVED",
  "IN_TRANSIT",
  "RECEIVED",
  "INSPECTED",
  "PROCESSED",
  "CLOSED",
  "DECLINED",
];
const REASONS = ["too-small", "too-large", "changed-mind", "damaged", "not-as-described"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Deterministic pseudo-random numbers (mulberry32). */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const offlineAdmin = {
  shop: "bench.myshopify.com",
  endpoint: "http://offline.invalid",
  throttleStatus: undefined,
  request: async () => {
    throw new Error("The benchmark reads no Shopify data.");
  },
} as unknown as AdminClient;

export async function fill(target: TestDb, ctx: ReturnsContext) {
  const writer = await bulkWriter(target);
  const rand = prng(42);
  const products = 400;
  const batch = 2000;
  let t = performance.now();
  for (let i = 0; i < ORDER_LINES; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(ORDER_LINES, i + batch); j++) {
      const p = Math.floor(rand() * products);
      const v = p * 5 + Math.floor(rand() * 5);
      rows.push({
        id: `olf${j}`,
        shopId: ctx.shop.id,
        orderId: `gid://shopify/Order/${Math.floor(j / 2)}`,
        lineItemId: `gid://shopify/LineItem/${j}`,
        processedAt: new Date(NOW.getTime() - rand() * 365 * DAY),
        productId: `gid://shopify/Product/${p}`,
        variantId: `gid://shopify/ProductVariant/${v}`,
        title: `Product ${p}`,
        variantTitle: `Size ${v % 5}`,
        quantity: 1 + Math.floor(rand() * 2),
        shopAmount: 19900,
        currency: rand() < 0.1 ? "EUR" : "SEK",
        amount: 19900,
        cancelled: false,
      });
    }
    await writer.insert("OrderLineFact", rows);
  }
  await ctx.db.productFact.createMany({
    data: Array.from({ length: products }, (_, p) => ({
      shopId: ctx.shop.id,
      productId: `gid://shopify/Product/${p}`,
      title: `Product ${p}`,
      productType: `Type ${p % 12}`,
      vendor: `Vendor ${p % 7}`,
      collections: JSON.stringify([
        { id: `gid://shopify/Collection/${p % 9}`, title: `Collection ${p % 9}` },
      ]),
      syncedAt: NOW,
    })),
  });
  console.log(`  ${ORDER_LINES} order lines in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  for (let i = 0; i < RETURNS; i += batch) {
    const returns = [];
    const lines = [];
    for (let j = i; j < Math.min(RETURNS, i + batch); j++) {
      const id = `ret${String(j).padStart(7, "0")}`;
      const status = STATUSES[Math.floor(rand() * STATUSES.length)];
      const reached = (s: string) =>
        STATUSES.indexOf(status) >= STATUSES.indexOf(s) && status !== "DECLINED";
      const requestedAt = new Date(NOW.getTime() - rand() * 365 * DAY);
      const h = (n: number) => new Date(requestedAt.getTime() + n * 3_600_000);
      returns.push({
        id,
        shopId: ctx.shop.id,
        rmaNumber: `R-${100000 + j}`,
        status,
        orderId: `gid://shopify/Order/${j}`,
        orderName: `#${10000 + j}`,
        method: "DROP_OFF",
        currency: "SEK",
        statusToken: `tok${j}`,
        requestedAt,
        createdAt: requestedAt,
        approvedAt: reached("APPROVED") ? h(4) : null,
        inTransitAt: reached("IN_TRANSIT") ? h(30) : null,
        receivedAt: reached("RECEIVED") ? h(90) : null,
        inspectedAt: reached("INSPECTED") ? h(100) : null,
        processedAt: reached("PROCESSED") ? h(110) : null,
        refundAmount: reached("PROCESSED") ? 19900 : 0,
        updatedAt: requestedAt,
      });
      const n = rand() < 0.3 ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const p = Math.floor(rand() * products);
        lines.push({
          id: `line${j}-${k}`,
          shopId: ctx.shop.id,
          returnRequestId: id,
          fulfillmentLineItemId: `fli${j}-${k}`,
          lineItemId: `gid://shopify/LineItem/${Math.floor(rand() * ORDER_LINES)}`,
          productId: `gid://shopify/Product/${p}`,
          variantId: `gid://shopify/ProductVariant/${p * 5 + k}`,
          title: `Product ${p}`,
          quantity: 1,
          unitPrice: 19900,
          reasonHandle: REASONS[Math.floor(rand() * REASONS.length)],
          customerNote: rand() < 0.05 ? "Runs small" : null,
          resolution: rand() < 0.6 ? "REFUND" : rand() < 0.5 ? "STORE_CREDIT" : "EXCHANGE",
          createdAt: requestedAt,
          updatedAt: requestedAt,
        });
      }
    }
    await writer.insert("ReturnRequest", returns);
    await writer.insert("ReturnLine", lines);
  }
  await writer.close();
  console.log(`  ${RETURNS} returns in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

export async function benchAnalytics(provider: Provider) {
  // BENCH_DB_URL reuses a database an earlier run filled and kept (BENCH_KEEP=1 prints its
  // URL), so changing a query does not cost the 2–5 minutes of filling and building again.
  const reused = process.env.BENCH_DB_URL;
  console.log(
    `\nanalytics benchmarks on ${provider}: ${reused ? `reusing ${reused}` : "filling…"}`,
  );
  const t = reused ? await openKeptDb(provider, reused) : await createTestDb(provider);
  const shop = reused
    ? await t.db.shop.findFirstOrThrow({ where: { domain: "bench.myshopify.com" } })
    : await t.db.shop.create({
        data: { domain: "bench.myshopify.com", currencyCode: "SEK", timezone: "Europe/Stockholm" },
      });
  const ctx: ReturnsContext = {
    db: t.db,
    admin: offlineAdmin,
    shop: { id: shop.id, domain: shop.domain, timezone: "Europe/Stockholm", rmaPrefix: "R" },
    now: () => NOW,
  };
  if (!reused) await fill(t, ctx);
  // The summary tables' first build (100,000 returns marked by the triggers while
  // filling); in the app the refresh job does this in the background.
  let s0 = performance.now();
  const built = await refreshSummaries(t.db, ctx.shop.id, "Europe/Stockholm");
  console.log(
    `  summary facts of ${built.refreshed} returns built in ${((performance.now() - s0) / 1000).toFixed(1)} s`,
  );
  // A shop's tables as autovacuum leaves them soon after a bulk load (its insert threshold
  // triggers it): statistics, and the visibility map that lets PostgreSQL answer from the
  // covering indexes alone (index-only scans) instead of visiting every row.
  if (provider === "postgresql") await t.db.$executeRawUnsafe("VACUUM ANALYZE");
  s0 = performance.now();
  const changed = await t.db.returnRequest.findFirstOrThrow({ where: { shopId: ctx.shop.id } });
  await t.db.returnRequest.update({
    where: { id: changed.id },
    data: { status: "RECEIVED", receivedAt: NOW },
  });
  await refreshSummaries(t.db, ctx.shop.id, "Europe/Stockholm");
  console.log(`  one status change + its refresh: ${(performance.now() - s0).toFixed(1)} ms`);

  const range = presetRange("last90", NOW, "Europe/Stockholm");
  const current = toInstants(range, "Europe/Stockholm");
  const previous = toInstants(previousPeriod(range), "Europe/Stockholm");
  // Baseline, same run: the bare database reading the period's return lines and sold
  // lines (the least any implementation must touch), through the driver, no Prisma.
  const baselineTimes: number[] = [];
  const bare = await bareReader(t);
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await bare(ctx.shop.id, previous.start, current.end);
    baselineTimes.push(performance.now() - s);
  }
  await bare.close();
  if (process.env.BENCH_PARTS === "1") {
    const prev = previousPeriod(range);
    const parts: [string, () => Promise<unknown>][] = [
      ["refresh (nothing to do)", () => refreshSummaries(t.db, ctx.shop.id, "Europe/Stockholm")],
      ["perDay", () => summary.perDay(ctx, range)],
      ["itemGroups (item×resolution, item×reason)", () => summary.itemGroups(ctx, range, "SEK")],
      ["comments", () => summary.comments(ctx, range)],
      ["moneyGroups", () => summary.moneyGroups(ctx, range, "SEK")],
      ["stageHistograms", () => summary.stageHistograms(ctx, range)],
      ["receivedGroups", () => summary.receivedGroups(ctx, range)],
      ["incomingGroups", () => summary.incomingGroups(ctx)],
      ["totalsIn (previous)", () => summary.totalsIn(ctx, prev, "SEK")],
      ["soldByVariantIn", () => soldByVariantIn(ctx, current)],
      ["soldTotalsIn (previous)", () => soldTotalsIn(ctx, previous)],
    ];
    for (const [name, f] of parts) {
      const xs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const s = performance.now();
        await f();
        xs.push(performance.now() - s);
      }
      console.log(`  part ${name.padEnd(30)} ${median(xs).toFixed(0)} ms`);
    }
  }
  const pageTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    await loadAnalytics(ctx, range, { offline: true });
    pageTimes.push(performance.now() - s);
  }

  // CSV export of every return (the whole year), consumed as a client would. Memory is
  // read after every chunk (in the consuming loop, so a busy event loop cannot skip it).
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let bytes = 0;
  const exportTimes: number[] = [];
  const exportRuns = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
  for (let run = 0; run < exportRuns; run++) {
    const s = performance.now();
    const reader = csvStream(
      returnsCsv(ctx, { start: new Date(0), end: new Date(NOW.getTime() + DAY) }),
    ).getReader();
    bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
    exportTimes.push(performance.now() - s);
  }
  const exportMs = exportTimes.length ? median(exportTimes) : NaN;
  // What stays after a full collection: growth here would mean rows kept (a leak or a
  // buffered result); the peaks above are mostly garbage V8 has not collected yet.
  global.gc?.();
  const retainedMb = (process.memoryUsage().heapUsed - before.heapUsed) / 1e6;
  const rssGrowthMb = (peakRss - before.rss) / 1e6;
  const heapGrowthMb = (peakHeap - before.heapUsed) / 1e6;

  const scanTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s2 = performance.now();
    const found = await scanCode(ctx, `R-${100000 + ((i * 1999) % RETURNS)}`);
    scanTimes.push(performance.now() - s2);
    if (found.kind !== "found") throw new Error("scan missed");
  }
  if (process.env.BENCH_KEEP === "1" || reused) {
    await t.db.$disconnect();
    console.log(`  kept: BENCH_DB_URL=${t.url}`);
  } else await t.drop();
  const results = [
    {
      name: `${provider}: baseline, bare SQL read of both periods' lines`,
      median: median(baselineTimes),
      target: Infinity,
      unit: "ms",
    },
    {
      name: `${provider}: analytics page, 90 days (all views) = ${(median(pageTimes) / median(baselineTimes)).toFixed(1)}× baseline`,
      median: median(pageTimes),
      target: 300,
      unit: "ms",
    },
    {
      name: `${provider}: CSV export of ${RETURNS} returns (median of 3, ${(bytes / 1e6).toFixed(1)} MB; peak heap +${heapGrowthMb.toFixed(0)} MB, RSS +${rssGrowthMb.toFixed(0)} MB, retained after GC ${retainedMb.toFixed(1)} MB)`,
      median: exportMs,
      target: 5000,
      unit: "ms",
    },
    { name: `${provider}: scan-to-open`, median: median(scanTimes), target: 50, unit: "ms" },
  ];
  for (const r of results)
    console.log(
      `  ${r.name.padEnd(70)} ${r.median.toFixed(1).padStart(9)} ${r.unit}  target ≤ ${r.target} — ${r.median <= r.target ? "met" : "NOT met"}`,
    );
  return results;
}

async function openKeptDb(provider: Provider, url: string): Promise<TestDb> {
  const db = createDb(url);
  await prepareDb(db, url);
  return { db, url, provider, drop: () => db.$disconnect() };
}

export async function runAnalyticsBenchmarks() {
  const out = [];
  // BENCH_PROVIDER=sqlite|postgresql runs one (two processes can then run side by side).
  const only = process.env.BENCH_PROVIDER as Provider | undefined;
  for (const provider of only ? [only] : providers) out.push(...(await benchAnalytics(provider)));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runAnalyticsBenchmarks();
  process.exit(0);
}
