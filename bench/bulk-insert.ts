/**
 * Fast seeding for the benchmarks: plain multi-row INSERTs through the database driver
 * (better-sqlite3 in one transaction; pg in statements of up to ~3,000 rows), because
 * Prisma's createMany takes minutes for 500,000 rows. Values are written the way Prisma
 * writes them: DateTime as ISO text on SQLite and UTC wall time on PostgreSQL, booleans as
 * 0/1 on SQLite. Rows must carry every column that has no database default (id, updatedAt).
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { TestDb } from "../tests/support/test-db";

type Row = Record<string, string | number | boolean | Date | null>;

function sqliteValue(v: Row[string]) {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

function pgValue(v: Row[string]) {
  if (v instanceof Date) return v.toISOString().slice(0, 23);
  return v;
}

export interface BulkWriter {
  insert(table: string, rows: readonly Row[]): Promise<void>;
  close(): Promise<void>;
}

export async function bulkWriter(t: TestDb): Promise<BulkWriter> {
  if (t.provider === "sqlite") {
    const raw = new Database(t.url.replace(/^file:/, ""));
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = OFF");
    return {
      async insert(table, rows) {
        if (rows.length === 0) return;
        const cols = Object.keys(rows[0]);
        const stmt = raw.prepare(
          `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES (${cols.map(() => "?").join(",")})`,
        );
        raw.transaction(() => {
          for (const row of rows) stmt.run(...cols.map((c) => sqliteValue(row[c])));
        })();
      },
      async close() {
        raw.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0]);
      const per = Math.floor(60_000 / cols.length);
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        const values = chunk.map(
          (row) =>
            `(${cols.map((c) => (params.push(pgValue(row[c])), `$${params.length}`)).join(",")})`,
        );
        await client.query(
          `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES ${values.join(",")}`,
          params,
        );
      }
    },
    async close() {
      await client.end();
    },
  };
}

/**
 * The benchmark's baseline: the bare driver reading, for a shop and a time span, every
 * return line (joined to its return) and every sold line — the rows any implementation of
 * the analytics page has to go through — without Prisma and without computing anything.
 */
export async function bareReader(
  t: TestDb,
): Promise<
  ((shopId: string, from: Date, to: Date) => Promise<number>) & { close(): Promise<void> }
> {
  const returnsSql = (p: (n: number) => string) =>
    `SELECT l.quantity, l."unitPrice", l."productId", l."variantId", l."reasonHandle", l.resolution, r.status, r."requestedAt", r."receivedAt", r."processedAt"
     FROM "ReturnRequest" r JOIN "ReturnLine" l ON l."returnRequestId" = r.id WHERE r."shopId" = ${p(1)} AND r."requestedAt" >= ${p(2)} AND r."requestedAt" < ${p(3)}`;
  const soldSql = (p: (n: number) => string) =>
    `SELECT "variantId", SUM(quantity), SUM("shopAmount") FROM "OrderLineFact" WHERE "shopId" = ${p(1)} AND "processedAt" >= ${p(2)} AND "processedAt" < ${p(3)} GROUP BY "productId", "variantId"`;
  if (t.provider === "sqlite") {
    const raw = new Database(t.url.replace(/^file:/, ""), { readonly: true });
    const a = raw.prepare(returnsSql(() => "?")).raw(true);
    const b = raw.prepare(soldSql(() => "?")).raw(true);
    const iso = (d: Date) => sqliteValue(d) as string;
    return Object.assign(
      async (shopId: string, from: Date, to: Date) =>
        a.all(shopId, iso(from), iso(to)).length + b.all(shopId, iso(from), iso(to)).length,
      {
        async close() {
          raw.close();
        },
      },
    );
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  return Object.assign(
    async (shopId: string, from: Date, to: Date) => {
      const args = [shopId, pgValue(from), pgValue(to)];
      const [a, b] = [
        await client.query({ text: returnsSql((n) => `$${n}`), values: args, rowMode: "array" }),
        await client.query({ text: soldSql((n) => `$${n}`), values: args, rowMode: "array" }),
      ];
      return a.rows.length + b.rows.length;
    },
    {
      async close() {
        await client.end();
      },
    },
  );
}
