import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./app/generated/prisma-sqlite/client";
import { createTestDb } from "./tests/support/test-db";
import { listReturns } from "./app/services/returns-query.server";
const t = await createTestDb("sqlite");
const shop = await t.db.shop.create({ data: { domain: "big.myshopify.com" } });
const rows = [];
for (let i = 0; i < 5000; i++) rows.push({ shopId: shop.id, rmaNumber: `R-${i}`, status: "CLOSED", orderId: "o", orderName: `#${i}`, customerEmail: `c${i}@x.com`, method: "DROP_OFF", currency: "SEK", statusToken: `t${i}`, createdAt: new Date(1.7e12 + i * 1000) });
await t.db.returnRequest.createMany({ data: rows });
const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: t.url }), log: [{ emit: "event", level: "query" }] });
const qs: { query: string; params: string }[] = [];
db.$on("query", (e) => qs.push({ query: e.query, params: e.params }));
await listReturns(db as never, { id: shop.id, rmaPrefix: "R" }, { tab: "all", search: "5000" });
await listReturns(db as never, { id: shop.id, rmaPrefix: "R" }, { tab: "all", search: "c1@x.com" });
await listReturns(db as never, { id: shop.id, rmaPrefix: "R" }, { tab: "all", search: "zz" });
for (const q of qs) {
  if (!q.query.includes("ReturnRequest")) continue;
  console.log(q.query, q.params);
  const plan = await t.db.$queryRawUnsafe<{ detail: string }[]>("EXPLAIN QUERY PLAN " + q.query, ...JSON.parse(q.params));
  console.log(plan.map((p) => p.detail));
}
await t.drop();
