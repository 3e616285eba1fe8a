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
        const stmt = raw.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES (${cols.map(() => "?").join(",")})`);
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
        const values = chunk.map((row) => `(${cols.map((c) => (params.push(pgValue(row[c])), `$${params.length}`)).join(",")})`);
        await client.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES ${values.join(",")}`, params);
      }
    },
    async close() {
      await client.end();
    },
  };
}
