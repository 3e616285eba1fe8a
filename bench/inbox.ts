/**
 * Inbox filters and sorts at 100,000 returns (~130,000 lines), on SQLite and — with
 * TEST_POSTGRES_URL — PostgreSQL. Each case loads the inbox's first page and the next one
 * (loadInboxList: rows, lines, tab counts) several times; the baseline, measured in the same
 * run, is the unfiltered newest-first inbox (the index-tuned path every visit takes).
 * Reported: median ms and the ratio to the baseline. Seeding: bench/bulk-insert.ts.
 * Run: `npm run bench:inbox`. Size: BENCH_RETURNS. Repeats: BENCH_REPEATS (default 7).
 * BENCH_PLANS=1 prints each case's query plans (page and tab counts) on SQLite.
 * BENCH_CASES=<a,b> runs only the cases whose name contains one of them.
 * BENCH_LINE_JOIN=1 times SQLite's page query for the line filters as IN and as EXISTS.
 */
import "./env";
import { performance } from "node:perf_hooks";
import { loadavg } from "node:os";
import { loadInboxList, type InboxListQuery } from "~/services/inbox/inbox.server";
import { NO_FILTERS, type InboxFilters, type InboxSort } from "~/services/inbox/inbox-filters";
import { filteredCountQuery, filteredPageQuery } from "~/services/inbox/filtered-list.server";
import { createTestDb, providers, type Provider } from "../tests/support/test-db";
import { bulkWriter } from "./bulk-insert";

const RETURNS = Number(process.env.BENCH_RETURNS ?? 100_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const NOW = new Date("2026-11-20T12:00:00Z");
const DAY = 86_400_000;
const STATUSES = ["REQUESTED", "APPROVED", "IN_TRANSIT", "RECEIVED", "INSPECTED", "PROCESSED", "CLOSED", "DECLINED"];
const METHODS = ["DROP_OFF", "DROP_OFF", "DROP_OFF", "PICKUP", "IN_STORE", "KEEP_ITEM"];
const REASONS = ["too-small", "too-large", "changed-mind", "damaged", "not-as-described"];
const LOCATIONS = ["gid://shopify/Location/1", "gid://shopify/Location/2", "gid://shopify/Location/3"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f = (partial: Partial<InboxFilters>): InboxFilters => ({ ...NO_FILTERS, status: [], reason: [], resolution: [], method: [], ...partial });

const CASES: [string, Partial<InboxListQuery> & { filters: InboxFilters; sort: InboxSort }][] = [
  ["status received/inspected", { filters: f({ status: ["RECEIVED", "INSPECTED"] }), sort: "newest" }],
  ["reason damaged", { filters: f({ reason: ["damaged"] }), sort: "newest" }],
  ["resolution exchange", { filters: f({ resolution: ["EXCHANGE"] }), sort: "newest" }],
  ["method pickup", { filters: f({ method: ["PICKUP"] }), sort: "newest" }],
  ["location 2", { filters: f({ location: LOCATIONS[1] }), sort: "newest" }],
  ["date range 30 days", { filters: f({ from: "2026-09-01", to: "2026-09-30" }), sort: "newest" }],
  ["needs attention", { filters: f({ attention: true }), sort: "newest" }],
  ["SLA breached, SLA due", { filters: f({ sla: true }), sort: "sla" }],
  ["sort oldest", { filters: f({}), sort: "oldest" }],
  ["sort amount", { filters: f({}), sort: "amount" }],
  ["sort status", { filters: f({}), sort: "status" }],
  ["sort SLA due", { filters: f({}), sort: "sla" }],
  ["status + reason + dates", { filters: f({ status: ["PROCESSED", "CLOSED"], reason: ["too-small"], from: "2026-06-01", to: "2026-11-20" }), sort: "newest" }],
  ["search e-mail prefix + method", { filters: f({ method: ["DROP_OFF"] }), sort: "newest", search: "anna" }],
  ["to receive (default view)", { filters: f({ status: ["APPROVED", "IN_TRANSIT"] }), sort: "oldest" }],
];

async function bench(provider: Provider) {
  console.log(`\ninbox benchmarks on ${provider}: filling ${RETURNS} returns…`);
  const t = await createTestDb(provider);
  const shop = await t.db.shop.create({ data: { domain: "bench-inbox.myshopify.com", currencyCode: "SEK", timezone: "Europe/Stockholm" } });
  const writer = await bulkWriter(t);
  const rand = prng(7);
  const batch = 2000;
  const started = performance.now();
  for (let i = 0; i < RETURNS; i += batch) {
    const returns = [];
    const lines = [];
    for (let j = i; j < Math.min(RETURNS, i + batch); j++) {
      const id = `ret${String(j).padStart(7, "0")}`;
      const status = STATUSES[Math.floor(rand() * STATUSES.length)];
      const reached = (s: string) => STATUSES.indexOf(status) >= STATUSES.indexOf(s) && status !== "DECLINED";
      const requestedAt = new Date(NOW.getTime() - rand() * 365 * DAY);
      const h = (n: number) => new Date(requestedAt.getTime() + n * 3_600_000);
      returns.push({
        id,
        shopId: shop.id,
        rmaNumber: `R-${100000 + j}`,
        status,
        orderId: `gid://shopify/Order/${j}`,
        orderName: `#${10000 + j}`,
        customerEmail: `${["anna", "bo", "carl", "dina", "erik"][j % 5]}${j}@example.com`,
        method: METHODS[Math.floor(rand() * METHODS.length)],
        currency: "SEK",
        statusToken: `tok${j}`,
        needsAttention: rand() < 0.01,
        requestedAt,
        createdAt: requestedAt,
        receivedAt: reached("RECEIVED") ? h(90 + rand() * 200) : null,
        processedAt: reached("PROCESSED") ? h(300) : null,
        refundAmount: Math.floor(rand() * 100_000),
        updatedAt: requestedAt,
      });
      const n = rand() < 0.3 ? 2 : 1;
      for (let k = 0; k < n; k++) {
        lines.push({
          id: `line${j}-${k}`,
          shopId: shop.id,
          returnRequestId: id,
          fulfillmentLineItemId: `fli${j}-${k}`,
          title: `Product ${j % 400}`,
          quantity: 1,
          unitPrice: 19900,
          reasonHandle: REASONS[Math.floor(rand() * REASONS.length)],
          resolution: rand() < 0.6 ? "REFUND" : rand() < 0.5 ? "STORE_CREDIT" : "EXCHANGE",
          dispositionLocationId: reached("INSPECTED") ? LOCATIONS[Math.floor(rand() * LOCATIONS.length)] : null,
          createdAt: requestedAt,
          updatedAt: requestedAt,
        });
      }
    }
    await writer.insert("ReturnRequest", returns);
    await writer.insert("ReturnLine", lines);
  }
  await writer.close();
  console.log(`  filled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Statistics, as a database that has lived a while has them (SQLite: sqlite_stat1).
  await t.db.$executeRawUnsafe("ANALYZE");

  const clock = { now: NOW };
  /** First page and the next one, as a merchant paging once. */
  const run = async (query: InboxListQuery) => {
    const s = performance.now();
    const first = await loadInboxList(shop.domain, query, clock, t.db);
    if (first.page.nextCursor) await loadInboxList(shop.domain, { ...query, after: first.page.nextCursor }, clock, t.db);
    return { ms: performance.now() - s, rows: first.page.rows.length };
  };
  const measure = async (query: InboxListQuery) => {
    await run(query); // warm-up
    const xs: number[] = [];
    let rows = 0;
    for (let i = 0; i < REPEATS; i++) {
      const r = await run(query);
      xs.push(r.ms);
      rows = r.rows;
    }
    return { median: median(xs), rows };
  };

  const baseline = await measure({ tab: "all", filters: f({}), sort: "newest" });
  console.log(`  load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`  ${"baseline: unfiltered, newest first".padEnd(40)} ${baseline.median.toFixed(1).padStart(8)} ms`);
  const results = [{ name: `${provider}: inbox baseline (unfiltered, 2 pages)`, median: baseline.median, ratio: 1 }];
  const only = process.env.BENCH_CASES;
  for (const [name, q] of CASES) {
    if (only && !only.split(",").some((o) => name.includes(o))) continue;
    if (process.env.BENCH_PLANS && provider === "sqlite") {
      const clockOf = { timeZone: "Europe/Stockholm", inspectionSlaDays: 3, now: NOW };
      const plan = async (label: string, query: Parameters<typeof t.db.$queryRaw>[0]) => {
        const rows = await t.db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${query}`;
        console.log(`    ${label}: ${rows.map((r) => r.detail).join(" | ")}`);
      };
      console.log(`  plan of ${name}`);
      await plan("page", filteredPageQuery("sqlite", shop, { tab: "all", ...q }, clockOf).sql);
      await plan("counts", filteredCountQuery("sqlite", shop, q.filters, clockOf));
    }
    if (process.env.BENCH_LINE_JOIN && provider === "sqlite" && (q.filters.reason.length || q.filters.resolution.length || q.filters.location)) {
      // The page query alone, IN (list every matching line) vs EXISTS (probe each return's
      // lines), interleaved so the machine's load drifts over both alike.
      const clockOf = { timeZone: "Europe/Stockholm", inspectionSlaDays: 3, now: NOW };
      const times: Record<"in" | "exists", number[]> = { in: [], exists: [] };
      for (let i = 0; i < REPEATS + 1; i++)
        for (const how of ["in", "exists"] as const) {
          const s = performance.now();
          await t.db.$queryRaw(filteredPageQuery("sqlite", shop, { tab: "all", ...q }, clockOf, how).sql);
          if (i > 0) times[how].push(performance.now() - s);
        }
      const countStart = performance.now();
      for (let i = 0; i < REPEATS; i++) await t.db.$queryRaw(filteredCountQuery("sqlite", shop, q.filters, clockOf));
      console.log(`    page query IN ${median(times.in).toFixed(1)} ms, EXISTS ${median(times.exists).toFixed(1)} ms; counts ${((performance.now() - countStart) / REPEATS).toFixed(1)} ms`);
    }
    const r = await measure({ tab: "all", ...q });
    const ratio = r.median / baseline.median;
    console.log(`  ${name.padEnd(40)} ${r.median.toFixed(1).padStart(8)} ms  ${ratio.toFixed(1).padStart(5)}× baseline  (${r.rows} rows on page 1)`);
    results.push({ name: `${provider}: inbox ${name}`, median: r.median, ratio });
  }
  console.log(`  load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  await t.drop();
  return results;
}

export async function runInboxBenchmarks() {
  const out = [];
  for (const provider of providers) out.push(...(await bench(provider)));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runInboxBenchmarks();
  process.exit(0);
}
