/**
 * The one Prisma client of the app. DATABASE_URL picks the database at boot:
 *   file:…                       → SQLite through better-sqlite3 (embedded default, one instance)
 *   postgres:// | postgresql://  → PostgreSQL through node-postgres (several app instances)
 * Both clients are generated from the same data model (prisma/schema.prisma), so the rest
 * of the app sees one type. SQLite runs in WAL mode with a busy timeout so readers never
 * block the writer and concurrent writers wait instead of failing.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/prisma-postgresql/client";

export type Db = InstanceType<typeof SqliteClient>;
export type { Prisma } from "./generated/prisma-sqlite/client";

export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Creates a client for a database URL. Tests use it directly for their own databases. */
export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({ connectionString: url });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new SqliteClient({ adapter });
}

/** Per-connection settings. WAL persists in the file; busy_timeout is per connection. */
export async function prepareDb(db: Db, url: string): Promise<void> {
  if (isPostgresUrl(url)) return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}

declare global {
  // Keeps one client across Vite's dev-server reloads.
  var prismaGlobal: { db: Db; ready: Promise<void> } | undefined;
}

function databaseUrl(): string {
  // Read here rather than through env() so scripts and tests can import the db module
  // without the Shopify variables; env.server.ts validates the same variable at boot.
  return process.env.DATABASE_URL ?? "file:./data/dev.sqlite";
}

function init() {
  const url = databaseUrl();
  const db = createDb(url);
  return { db, ready: prepareDb(db, url) };
}

globalThis.prismaGlobal ??= init();

/** The app's database client. Await `dbReady` once at boot before serving. */
const db: Db = globalThis.prismaGlobal.db;
export const dbReady: Promise<void> = globalThis.prismaGlobal.ready;
export default db;
