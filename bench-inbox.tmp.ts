// TEMPORARY scratch benchmark (not committed): 100k returns, time inbox queries.
import { performance } from "node:perf_hooks";
import { createTestDb, type Provider } from "./tests/support/test-db";
import { listReturns, countReturnsByTab, loadInbox } from "./app/services/returns-query.server";

const STATUSES: [string, number][] = [["CLOSED", 50], ["PROCESSED", 10], ["REQUESTED", 5], ["APPROVED", 5], ["IN_TRANSIT", 8], ["RECEIVED", 3], ["INSPECTED", 2], ["DECLINED", 4], ["CANCELED", 3]];
const bag = STATUSES.flatMap(([s, w]) => Array(w).fill(s));
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

async function main(provider: Provider, n: number) {
  const t = await createTestDb(provider);
  const db = t.db;
  const shop = await db.shop.create({ data: { domain: "big.myshopify.com" } });
  const other = await db.shop.create({ data: { domain: "other.myshopify.com" } });
  const start = Date.parse("2024-01-01T00:00:00Z");
  let t0 = performance.now();
  const B = 1000;
  for (let b = 0; b < n; b += B) {
    const rows = [];
    const lines = [];
    for (let i = b; i < Math.min(n, b + B); i++) {
      const sid = i % 10 === 9 ? other.id : shop.id;
      const id = `r${String(i).padStart(8, "0")}x`;
      rows.push({
        id, shopId: sid, rmaNumber: `R-${1000 + i}`, status: bag[Math.floor(rnd() * bag.length)], orderId: `gid://shopify/Order/${i}`,
        orderName: `#${1000 + Math.floor(i / 1.3)}`, customerEmail: `customer${Math.floor(rnd() * 20000)}@example.com`, customerName: `Customer ${i}`,
        method: "DROP_OFF", currency: "SEK", refundAmount: 10000, statusToken: `tok${i}`, needsAttention: rnd() < 0.005,
        createdAt: new Date(start + Math.floor(i / 2) * 600_000), requestedAt: new Date(start + i * 300_000),
      });
      lines.push({ shopId: sid, returnRequestId: id, fulfillmentLineItemId: `fli${i}`, title: "Shirt", quantity: 1, unitPrice: 10000, resolution: "REFUND" });
    }
    await db.returnRequest.createMany({ data: rows });
    await db.returnLine.createMany({ data: lines });
  }
  console.log(provider, "seeded", n, Math.round(performance.now() - t0), "ms");
  if (provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");
  const s = { id: shop.id, rmaPrefix: "R" };
  const time = async (label: string, f: () => Promise<unknown>) => {
    const ts: number[] = [];
    let r: unknown;
    for (let i = 0; i < 15; i++) { const a = performance.now(); r = await f(); ts.push(performance.now() - a); }
    ts.sort((a, b) => a - b);
    const rows = (r as { rows?: unknown[] })?.rows?.length;
    console.log(provider, label.padEnd(40), "median", ts[7].toFixed(2), "ms", rows !== undefined ? `rows=${rows}` : "");
    return r as { nextCursor: string | null };
  };
  await time("all first page", () => listReturns(db, s, { tab: "all" }));
  const p1 = await listReturns(db, s, { tab: "all" });
  await time("all page 2", () => listReturns(db, s, { tab: "all", after: p1.nextCursor }));
  for (const tab of ["attention", "requested", "open", "received", "processed", "closed", "declined"] as const) await time(`tab ${tab}`, () => listReturns(db, s, { tab }));
  await time("search rma R-5000", () => listReturns(db, s, { tab: "all", search: "R-5000" }));
  await time("search number 5000", () => listReturns(db, s, { tab: "all", search: "5000" }));
  await time("search #5000", () => listReturns(db, s, { tab: "all", search: "#5000" }));
  await time("search email exact", () => listReturns(db, s, { tab: "all", search: "customer123@example.com" }));
  await time("search email prefix customer12", () => listReturns(db, s, { tab: "all", search: "customer12" }));
  await time("search email prefix c (many)", () => listReturns(db, s, { tab: "all", search: "c" }));
  await time("search email prefix none zz", () => listReturns(db, s, { tab: "all", search: "zz" }));
  await time("search email + tab open", () => listReturns(db, s, { tab: "open", search: "customer1" }));
  await time("counts", () => countReturnsByTab(db, shop.id));
  await time("loadInbox all", () => loadInbox("big.myshopify.com", { tab: "all" }, db));
  await time("loadInbox search", () => loadInbox("big.myshopify.com", { tab: "all", search: "customer12" }, db));
  // bare SQL baseline for first page
  if (provider === "sqlite") {
    await time("bare SQL first page", () => db.$queryRawUnsafe(`SELECT * FROM ReturnRequest WHERE shopId = ? ORDER BY createdAt DESC, id DESC LIMIT 51`, shop.id));
    for (const q of [
      [`EXPLAIN QUERY PLAN SELECT id FROM ReturnRequest WHERE shopId = ? AND createdAt <= ? AND (createdAt < ? OR id < ?) ORDER BY createdAt DESC, id DESC LIMIT 51`, shop.id, "2025", "2025", "x"],
      [`EXPLAIN QUERY PLAN SELECT id FROM ReturnRequest WHERE shopId = ? AND customerEmail >= ? AND customerEmail < ? AND customerEmail LIKE ? ORDER BY createdAt DESC, id DESC LIMIT 51`, shop.id, "c", "c\u{10ffff}", "c%"],
      [`EXPLAIN QUERY PLAN SELECT id FROM ReturnRequest WHERE shopId = ? AND (rmaNumber IN (?) OR orderName IN (?, ?) OR (customerEmail >= ? AND customerEmail < ? AND customerEmail LIKE ?)) ORDER BY createdAt DESC, id DESC LIMIT 51`, shop.id, "R-1", "#1", "1", "c", "c\u{10ffff}", "c%"],
    ]) console.log(await db.$queryRawUnsafe(q[0] as string, ...q.slice(1)));
  } else {
    await time("bare SQL first page", () => db.$queryRawUnsafe(`SELECT * FROM "ReturnRequest" WHERE "shopId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT 51`, shop.id));
  }
  await t.drop();
}
const provider = (process.argv[2] ?? "sqlite") as Provider;
main(provider, Number(process.argv[3] ?? 110000)).catch((e) => { console.error(e); process.exit(1); });
