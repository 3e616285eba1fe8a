/**
 * The returns export read two ways on the same database, same run: Prisma's keyset pages
 * (the previous path; rows only) against the driver path (app/services/analytics/
 * export-rows.server.ts), rows only and with the CSV text. No facts are built.
 * Run: `BENCH_RETURNS=20000 BENCH_ORDER_LINES=20000 [BENCH_PROVIDER=postgresql] npx tsx bench/analytics-export.ts`
 */
import "./env";
import { performance } from "node:perf_hooks";
import { createTestDb, type Provider } from "../tests/support/test-db";
import { fill, NOW, offlineAdmin } from "./analytics";
import { csvStream, returnsCsv } from "~/services/analytics/export.server";
import { exportPage } from "~/services/analytics/read.server";
import { exportBatches } from "~/services/analytics/export-rows.server";
const provider = (process.env.BENCH_PROVIDER ?? "sqlite") as Provider;
const t = await createTestDb(provider);
const shop = await t.db.shop.create({
  data: { domain: "bench.myshopify.com", currencyCode: "SEK", timezone: "Europe/Stockholm" },
});
const ctx = {
  db: t.db,
  admin: offlineAdmin,
  shop: { id: shop.id, domain: shop.domain, timezone: "Europe/Stockholm", rmaPrefix: "R" },
  now: () => NOW,
};
await fill(t, ctx);
const range = { start: new Date(0), end: new Date(NOW.getTime() + 86_400_000) };
for (let run = 0; run < 3; run++) {
  let s = performance.now();
  let n = 0;
  let cursor: { requestedAt: Date; id: string } | null = null;
  for (;;) {
    const page = await exportPage(ctx, range, cursor, 1000);
    n += page.length;
    if (page.length < 1000) break;
    cursor = { requestedAt: page[page.length - 1].requestedAt, id: page[page.length - 1].id };
  }
  const old = performance.now() - s;
  s = performance.now();
  const reader = csvStream(returnsCsv(ctx, range)).getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const now = performance.now() - s;
  s = performance.now();
  let m = 0;
  for await (const b of exportBatches(ctx, range, 1000)) m += b.length;
  console.log(
    `  ${provider} run ${run}: driver rows only ${m}: ${(performance.now() - s).toFixed(0)} ms`,
  );
  console.log(
    `${provider} run ${run}: Prisma keyset pages (rows only, no CSV) ${n} returns ${old.toFixed(0)} ms; driver export incl. CSV ${bytes} bytes ${now.toFixed(0)} ms`,
  );
}
await t.drop();
process.exit(0);
