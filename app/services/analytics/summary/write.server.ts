/**
 * Multi-row INSERTs of summary facts through one raw statement per chunk. Prisma's
 * createMany cost ~1 ms per fact row here (a first build of 100,000 returns took minutes);
 * one statement of a few hundred rows costs about as much as one row. Values are written
 * the way Prisma writes them: DateTime as ISO text with "+00:00" and booleans as 0/1 on
 * SQLite, native parameters on PostgreSQL.
 */
import { Prisma } from "~/generated/prisma-sqlite/client";
import { dialectOf, type Db } from "~/db.server";

type Value = string | number | boolean | Date | null;

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

function sqliteValue(v: Value): Value {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

export async function insertRows(
  db: Db,
  tx: Prisma.TransactionClient,
  table: string,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const sqlite = dialectOf(db) === "sqlite";
  const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
  const head = Prisma.raw(
    `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES `,
  );
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((row) => {
      const r = row as Record<string, Value>;
      return Prisma.sql`(${Prisma.join(cols.map((c) => (sqlite ? sqliteValue(r[c]) : r[c])))})`;
    });
    await tx.$executeRaw`${head}${Prisma.join(values)}`;
  }
}
