import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./app/generated/prisma-sqlite/client";
import { performance } from "node:perf_hooks";
const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: "file:/tmp/inbox-bench/big.sqlite" }), log: [{ emit: "event", level: "query" }] });
let log = false;
db.$on("query", (e) => log && console.log(e.duration.toFixed(2), e.query.replace(/`main`.`ReturnRequest`./g, "").slice(0, 300), e.params.slice(0, 120)));
for (let it = 0; it < 4; it++) {
  log = it === 3;
  for (const p of ["c", "customer12", "customer123"]) {
    const w = { shopId: "shopA", customerEmail: { gte: p, lt: p + "\u{10ffff}", startsWith: p } };
    const a = performance.now();
    const probe = await db.returnRequest.findMany({ where: w, select: { customerEmail: true }, orderBy: [{ customerEmail: "asc" }], take: 1001 });
    const b = performance.now();
    const rows = probe.length <= 1000 ? await db.returnRequest.findMany({ where: w, select: { id: true, rmaNumber: true, status: true, orderName: true, customerName: true, customerEmail: true, currency: true, refundAmount: true, createdAt: true, requestedAt: true } }) : [];
    if (it === 3) console.log(p, probe.length, (b - a).toFixed(2), rows.length, (performance.now() - b).toFixed(2));
  }
}
