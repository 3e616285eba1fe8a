/**
 * The one Prisma client of the app. DATABASE_URL picks the database at boot:
 *   file:…                       → SQLite through better-sqlite3 (embedded default, one instance)
 *   postgres:// | postgresql://  → PostgreSQL through node-postgres (several app instances)
 * Both clients are generated from the same data model (prisma/schema.prisma), so the rest
 * of the app sees one type. SQLite runs in WAL mode with a busy timeout so readers never
 * block the writer and concurrent writers wait instead of failing, and its transactions
 * begin IMMEDIATE (see ImmediateSqliteAdapter) so a read-then-write transaction waits too.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/prisma-postgresql/client";

export type Db = InstanceType<typeof SqliteClient>;
export type { Prisma } from "./generated/prisma-sqlite/client";
import type { Prisma as PrismaTypes } from "./generated/prisma-sqlite/client";
/** The client or a transaction's client: what a function that may run inside a caller's transaction takes. */
export type DbClient = Db | PrismaTypes.TransactionClient;

export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * The better-sqlite3 adapter starts interactive and batch transactions with a plain
 * (deferred) BEGIN: the transaction reads from a snapshot and only asks for the write lock
 * at its first write. In WAL mode, if another connection (the job worker's process, a
 * script, a test) committed in between, that upgrade fails at once with SQLITE_BUSY_SNAPSHOT
 * ("database is locked"); the busy timeout cannot help, since waiting would not make the
 * snapshot current. BEGIN IMMEDIATE takes the write lock up front, waiting up to the busy
 * timeout for it, so such transactions queue instead of failing. SQLite has one writer at a
 * time anyway, and the adapter already runs one transaction at a time per client.
 */
class ImmediateSqliteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: { prepare(sql: string): unknown } }).client;
    if (!client || typeof client.prepare !== "function")
      throw new Error("@prisma/adapter-better-sqlite3 changed: cannot make its transactions BEGIN IMMEDIATE");
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Money columns (prisma/schema.prisma, comment "money"): BIGINT on PostgreSQL, INTEGER
 * (64-bit) on SQLite. The PostgreSQL client reads BIGINT as a JS bigint; the app computes in
 * numbers (integer minor units, exact up to 2^53), so those values are turned back into
 * numbers here, for every query, aggregate and nested include alike. A test keeps this list
 * and the schema in step (tests/db/money-columns.test.ts).
 */
export const MONEY_FIELDS: ReadonlySet<string> = new Set([
  "refundAmount",
  "storeCreditAmount",
  "bonusCreditAmount",
  "exchangeAmount",
  "restockingFeeAmount",
  "returnShippingFee",
  "unitPrice",
  "shopAmount",
  "amount",
  "fixedAmount",
  "minimumOrderAmount",
]);

export function moneyToNumbers<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = moneyToNumbers(value[i]);
    return value;
  }
  if (value === null || typeof value !== "object" || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === "bigint" && MONEY_FIELDS.has(key)) {
      const n = Number(v);
      if (!Number.isSafeInteger(n))
        throw new RangeError(`${key} = ${v} is beyond exact arithmetic`);
      record[key] = n;
    } else if (v !== null && typeof v === "object") {
      record[key] = moneyToNumbers(v);
    }
  }
  return value;
}

const POSTGRES_CLIENTS = new WeakSet<object>();

/** Which SQL dialect a client speaks (for the few hand-written queries, e.g. analytics). */
export function dialectOf(client: Db): "sqlite" | "postgresql" {
  return POSTGRES_CLIENTS.has(client) ? "postgresql" : "sqlite";
}

const URLS = new WeakMap<object, string>();

/**
 * The URL a client was created with, for the few reads that go through the driver itself
 * (a streamed export opens its own connection: Prisma decodes raw results cell by cell).
 */
export function databaseUrlOf(client: Db): string {
  const url = URLS.get(client);
  if (!url) throw new Error("This client was not created by createDb.");
  return url;
}

/** Creates a client for a database URL. Tests use it directly for their own databases. */
export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({ connectionString: url });
    const client = new PostgresClient({ adapter }).$extends({
      name: "money-as-numbers",
      query: {
        $allModels: {
          async $allOperations({ args, query }) {
            return moneyToNumbers(await query(args));
          },
        },
      },
    });
    POSTGRES_CLIENTS.add(client);
    URLS.set(client, url);
    return client as unknown as Db;
  }
  const adapter = new ImmediateSqliteAdapter({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const client = new SqliteClient({ adapter });
  URLS.set(client, url);
  return client;
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
  const ready = prepareDb(db, url);
  // Importing this module opens the default database, also in processes that import it
  // only for createDb (a browser test, a script) and never use that client. Its failure is
  // logged, not left as an unhandled rejection that fails such a process; in the server
  // every query on a database that cannot be opened still fails with the cause.
  ready.catch((error: unknown) => console.error(`Database ${url.replace(/\/\/[^@]*@/, "//…@")} could not be prepared:`, error instanceof Error ? error.message : error));
  return { db, ready };
}

globalThis.prismaGlobal ??= init();

/** The app's database client; `dbReady` settles when its per-connection settings are applied. */
const db: Db = globalThis.prismaGlobal.db;
export const dbReady: Promise<void> = globalThis.prismaGlobal.ready;
export default db;
