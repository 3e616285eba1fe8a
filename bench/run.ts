/**
 * npm run bench — speed targets from shared/docs/quality.md, measured as ratios against a
 * baseline taken in the same run (machines are shared and noisy; medians, no absolute
 * thresholds in unit tests). Prints a table and writes bench/results/latest.json.
 *
 *  1. Webhook acknowledgement under a burst: the app's real route (HMAC check through the
 *     Shopify library, dedup insert, 200) vs. the bare minimum (HMAC + JSON parse).
 *     Target: ≤ 20 ms median under a burst of 200 deliveries per second.
 *  2. Storefront order lookup: the app's lookup over the in-process stand-in vs. the same
 *     Admin API calls made directly. Target: the app adds ≤ 5 ms median.
 *  3. Return slip PDF (bench/slip.ts): ≤ 50 ms median, ≤ 150 KB; block JS ≤ 6 KB gzipped.
 *  4. Lighthouse on the storefront page with both blocks vs. without (bench/lighthouse.ts):
 *     performance within 1 point (BENCH_SKIP_LIGHTHOUSE=1 skips it).
 *  5. E-mail (bench/mail.ts): render ≤ 10 ms median; outbox ≥ 100 messages/s to loopback SMTP.
 */
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { OFFLINE_ENV } from "../tests/support/offline-env";

const SECRET = "bench-secret";
Object.assign(process.env, {
  ...OFFLINE_ENV,
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: SECRET,
  DEMO_ALLOW_STAND_IN: "1",
});
// A fresh, migrated SQLite database for the app modules.
const file = join(mkdtempSync(join(tmpdir(), "bench-")), "bench.sqlite");
const raw = new Database(file);
const migrations = new URL("../prisma/migrations/", import.meta.url).pathname;
for (const dir of readdirSync(migrations, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()) {
  raw.exec(readFileSync(join(migrations, dir, "migration.sql"), "utf8"));
}
raw.close();
process.env.DATABASE_URL = `file:${file}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)];
};

function webhookRequest(body: string, topic = "returns/update") {
  return new Request("http://127.0.0.1:3999/webhooks/returns", {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
      "X-Shopify-Shop-Domain": "bench.myshopify.com",
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
    },
  });
}

/** n deliveries arriving at `perSecond` (Shopify's bursts are spread over time, not simultaneous). */
async function burst(
  n: number,
  handle: (r: Request) => Promise<unknown>,
  perSecond = 200,
): Promise<number[]> {
  const body = JSON.stringify({
    id: 1,
    admin_graphql_api_id: "gid://shopify/Return/1",
    status: "open",
    name: "#1001-R1",
  });
  const requests = Array.from({ length: n }, () => webhookRequest(body));
  const times: number[] = [];
  const gap = 1000 / perSecond;
  const start = performance.now();
  await Promise.all(
    requests.map(async (r, i) => {
      const due = start + i * gap;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      const t = performance.now();
      await handle(r);
      times.push(performance.now() - t);
    }),
  );
  return times;
}

async function benchWebhooks() {
  const { action } = await import("../app/routes/webhooks.returns");
  // Baseline: what any webhook endpoint must do at least — verify the HMAC, parse the body.
  const baseline = async (request: Request) => {
    const body = await request.text();
    const expected = createHmac("sha256", SECRET).update(body).digest("base64");
    if (expected !== request.headers.get("X-Shopify-Hmac-Sha256")) throw new Error("bad hmac");
    JSON.parse(body);
    return new Response(null, { status: 200 });
  };
  const app = (request: Request) => action({ request, params: {}, context: {} });
  await burst(20, app); // warm up
  await burst(20, baseline);
  const rounds = 5;
  const appTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseTimes.push(...(await burst(200, baseline)));
    appTimes.push(...(await burst(200, app)));
  }
  return {
    name: "webhook ack, 200/s for 1 s (5 rounds)",
    app: { median: median(appTimes), p95: p95(appTimes) },
    baseline: { median: median(baseTimes), p95: p95(baseTimes) },
    target: "app median ≤ 20 ms",
    met: median(appTimes) <= 20,
  };
}

async function benchLookup() {
  const { createEngine } = await import("../tests/support/engine");
  const { lookupForStorefront } = await import("../app/services/storefront.server");
  const { fetchOrderSnapshot, FIND_ORDER_BY_NAME_QUERY } =
    await import("../app/shopify/orders.server");
  const { fetchReturnReasons } = await import("../app/shopify/returns.server");
  const { fetchProductVariants } = await import("../app/shopify/variants.server");
  const engine = await createEngine("sqlite");
  const who = { customerLegacyId: "3209000001", clientKey: "bench", locale: "en" as const };
  const order = engine.api.order(engine.shop, "#1182");
  const appTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < 40; i++) {
    // Baseline: the same Admin API reads, without the app's logic.
    let t = performance.now();
    await engine.admin.request(FIND_ORDER_BY_NAME_QUERY, { query: `name:"#1182"` });
    const snap = await fetchOrderSnapshot(engine.admin, order.id);
    await fetchReturnReasons(engine.admin);
    await fetchProductVariants(
      engine.admin,
      snap.lineItems.map((l) => l.productId!).filter(Boolean),
    );
    baseTimes.push(performance.now() - t);
    t = performance.now();
    await lookupForStorefront(engine.ctx, who, { order: "#1182", email: null }, "secret");
    appTimes.push(performance.now() - t);
    engine.clock.advance(60_000);
  }
  await engine.close();
  const added = median(appTimes) - median(baseTimes);
  return {
    name: "storefront lookup (logged-in), 40 runs",
    app: { median: median(appTimes), p95: p95(appTimes) },
    baseline: { median: median(baseTimes), p95: p95(baseTimes) },
    target: "app adds ≤ 5 ms median over its Admin API calls",
    met: added <= 5,
  };
}

const { benchSlip, blockScriptSize } = await import("./slip");
const slip = await benchSlip();
const results = [await benchWebhooks(), await benchLookup(), slip];
console.log(
  "\nbenchmark                                   app median (p95)    baseline median (p95)   ratio   target",
);
for (const r of results) {
  const ratio = r.app.median / r.baseline.median;
  console.log(
    `${r.name.padEnd(44)}${`${r.app.median.toFixed(2)} ms (${r.app.p95.toFixed(2)})`.padEnd(20)}${`${r.baseline.median.toFixed(2)} ms (${r.baseline.p95.toFixed(2)})`.padEnd(24)}${ratio.toFixed(2).padEnd(8)}${r.target} — ${r.met ? "met" : "NOT met"}`,
  );
}
const js = blockScriptSize();
console.log(`slip size ${slip.sizeKb.toFixed(1)} KB; ${js.name}: ${js.kb.toFixed(2)} KB (${js.files.join(", ")}) — target ${js.target} — ${js.met ? "met" : "NOT met"}`);
// Lighthouse with and without the blocks (bench/lighthouse.ts), on the demo.
const lh = process.env.BENCH_SKIP_LIGHTHOUSE === "1" ? null : await (await import("./lighthouse")).benchLighthouse();
if (lh) {
  console.log(`${lh.name}: with blocks ${lh.medianWith} (${lh.withBlocks.join(", ")}), without ${lh.medianWithout} (${lh.withoutBlocks.join(", ")}) — target ${lh.target} — ${lh.met ? "met" : "NOT met"}`);
  console.log(`  medians with / without: ${Object.keys(lh.metrics.withBlocks).map((k) => `${k} ${lh.metrics.withBlocks[k]} / ${lh.metrics.withoutBlocks[k]}`).join("; ")}`);
}
// Analytics, CSV export and scan-to-open at 100,000 returns (bench/analytics.ts).
const mail = await (await import("./mail")).benchMail();
console.log(`${mail.render.name}: median ${mail.render.medianMs.toFixed(2)} ms (baseline ${mail.render.baselineMs.toFixed(3)} ms) — target ${mail.render.target}`);
console.log(`${mail.outbox.name}: ${mail.outbox.perSecond.toFixed(0)} msg/s (baseline, transport only: ${mail.outbox.baselinePerSecond.toFixed(0)} msg/s) — target ${mail.outbox.target} — ${mail.met ? "met" : "NOT met"}`);
const analytics = process.env.BENCH_SKIP_ANALYTICS === "1" ? [] : await (await import("./analytics")).runAnalyticsBenchmarks();
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/latest.json", import.meta.url), JSON.stringify({ at: new Date().toISOString(), results, lighthouse: lh, analytics, mail, sizes: { slipKb: slip.sizeKb, blockJsGzipKb: js.kb } }, null, 2));
process.exit(0);
