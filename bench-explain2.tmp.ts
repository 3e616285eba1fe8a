import { createTestDb } from "./tests/support/test-db";
const t = await createTestDb("sqlite");
const sel = "SELECT id FROM ReturnRequest WHERE ";
const tail = " ORDER BY createdAt DESC, id DESC LIMIT 51";
for (const w of ["shopId = ? AND orderName = ?", "shopId = ? AND orderName IN (?, ?)", "shopId = ? AND orderName = ? AND createdAt <= ?", "shopId = ? AND status = ?", "shopId = ? AND status = ? AND createdAt <= ? AND (createdAt < ? OR id < ?)", "shopId = ? AND needsAttention = ?", "shopId = ? AND customerEmail = ?"]) {
  const n = (w.match(/\?/g) ?? []).length;
  const plan = await t.db.$queryRawUnsafe<{ detail: string }[]>("EXPLAIN QUERY PLAN " + sel + w + tail, ...Array(n).fill("x"));
  console.log(w, "=>", plan.map((p) => p.detail).join(" | "));
}
await t.drop();
