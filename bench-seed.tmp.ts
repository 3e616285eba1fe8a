// Builds /tmp/inbox-bench/big.sqlite once (raw inserts), for EXPLAIN and timings.
import Database from "better-sqlite3";
import { readdirSync, readFileSync, existsSync, rmSync } from "node:fs";
const file = "/tmp/inbox-bench/big.sqlite";
if (existsSync(file)) rmSync(file);
const raw = new Database(file);
for (const d of readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) raw.exec(readFileSync(`prisma/migrations/${d}/migration.sql`, "utf8"));
raw.exec(`INSERT INTO Shop (id, domain, updatedAt) VALUES ('shopA','big.myshopify.com', 0), ('shopB','other.myshopify.com', 0)`);
const STATUSES: [string, number][] = [["CLOSED", 50], ["PROCESSED", 10], ["REQUESTED", 5], ["APPROVED", 5], ["IN_TRANSIT", 8], ["RECEIVED", 3], ["INSPECTED", 2], ["DECLINED", 4], ["CANCELED", 3]];
const bag = STATUSES.flatMap(([s, w]) => Array(w).fill(s));
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const ins = raw.prepare(`INSERT INTO ReturnRequest (id, shopId, rmaNumber, status, orderId, orderName, customerEmail, customerName, method, currency, refundAmount, statusToken, needsAttention, createdAt, requestedAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
const insL = raw.prepare(`INSERT INTO ReturnLine (id, shopId, returnRequestId, fulfillmentLineItemId, title, quantity, unitPrice, resolution, updatedAt) VALUES (?,?,?,?,?,?,?,?,?)`);
// Prisma's SQLite adapter stores DateTime as ... check below
const start = Date.parse("2024-01-01T00:00:00Z");
const n = Number(process.argv[2] ?? 110000);
const fmt = process.argv[3] ?? "ms";
raw.transaction(() => {
  for (let i = 0; i < n; i++) {
    const sid = i % 10 === 9 ? "shopB" : "shopA";
    const id = `r${String(i).padStart(8, "0")}x`;
    const c = start + Math.floor(i / 2) * 600_000;
    const d = (t: number) => (fmt === "ms" ? t : new Date(t).toISOString().replace("Z", "+00:00"));
    ins.run(id, sid, `R-${1000 + i}`, bag[Math.floor(rnd() * bag.length)], `gid://shopify/Order/${i}`, `#${1000 + Math.floor(i / 1.3)}`, `customer${Math.floor(rnd() * 20000)}@example.com`, `Customer ${i}`, "DROP_OFF", "SEK", 10000, `tok${i}`, rnd() < 0.005 ? 1 : 0, d(c), d(start + i * 300_000), d(c));
    insL.run(`l${id}`, sid, id, `fli${i}`, "Shirt", 1, 10000, "REFUND", d(c));
  }
})();
raw.close();
console.log("ok");
