/**
 * Aggregated analytics reads through the database driver, not Prisma: a 90-day range
 * sends back thousands of groups, and Prisma's raw queries decode every cell at a few
 * microseconds each (most of the time of the item and sold groupings at 100,000 returns).
 * The SQL is still built with Prisma.sql (parameters bound, never spliced). SQLite: read-only
 * better-sqlite3 connections in worker threads (./sqlite-readers.server.ts), so the page's
 * groupings run side by side and never block the event loop. PostgreSQL: a small pg pool
 * per URL.
 * Values come back as the drivers give them: use num()/date() from ./read.server.
 */
import pg from "pg";
import { Prisma } from "~/generated/prisma-sqlite/client";
import { databaseUrlOf, dialectOf } from "~/db.server";
import type { ReturnsContext } from "../context.server";
import { sqliteRead } from "./sqlite-readers.server";

const pools = new Map<string, pg.Pool>();

/** PostgreSQL `timestamp` (no zone) holds UTC wall time, as Prisma writes it. */
export const utcTimestamps = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP
      ? (s: string) => new Date(`${s.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function pool(url: string): pg.Pool {
  let p = pools.get(url);
  if (!p) {
    p = new pg.Pool({
      connectionString: url,
      max: 4,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      types: utcTimestamps,
    });
    // A dropped database (tests) or a restart ends idle connections; the pool makes new ones.
    p.on("error", () => undefined);
    pools.set(url, p);
  }
  return p;
}

/** The SQLite database file of a context's client (its `file:` URL without the query). */
export function sqliteFileOf(ctx: ReturnsContext): string {
  return databaseUrlOf(ctx.db)
    .replace(/^file:/, "")
    .replace(/\?.*$/, "");
}

export async function rawRows<T = Record<string, unknown>>(
  ctx: ReturnsContext,
  sql: Prisma.Sql,
): Promise<T[]> {
  const url = databaseUrlOf(ctx.db);
  if (dialectOf(ctx.db) === "sqlite") {
    const values = sql.values.map((v) =>
      v instanceof Date
        ? v.toISOString().replace("Z", "+00:00")
        : typeof v === "boolean"
          ? v
            ? 1
            : 0
          : v,
    );
    return sqliteRead<T>(sqliteFileOf(ctx), sql.sql, values);
  }
  const values = sql.values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 23) : v));
  const { rows } = await pool(url).query(sql.text, values);
  return rows as T[];
}
