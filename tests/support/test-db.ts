/**
 * Throwaway databases for tests, on SQLite always and on PostgreSQL when
 * TEST_POSTGRES_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/postgres). Each
 * call makes a fresh database and applies the committed migrations' SQL directly (the
 * same SQL `prisma migrate deploy` runs; a separate test runs the real command).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { createDb, prepareDb, type Db } from "~/db.server";

export type Provider = "sqlite" | "postgresql";

const root = new URL("../../", import.meta.url).pathname;

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL;

/** The providers to run database tests on; PostgreSQL only when configured. */
export const providers: Provider[] = TEST_POSTGRES_URL ? ["sqlite", "postgresql"] : ["sqlite"];

function migrationSql(provider: Provider): string[] {
  const dir = join(root, provider === "sqlite" ? "prisma/migrations" : "prisma/postgresql/migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(join(dir, name, "migration.sql"), "utf8"));
}

export interface TestDb {
  db: Db;
  url: string;
  provider: Provider;
  drop(): Promise<void>;
}

export async function createTestDb(provider: Provider): Promise<TestDb> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "returns-test-"));
    const file = join(dir, "test.sqlite");
    const raw = new Database(file);
    for (const sql of migrationSql("sqlite")) raw.exec(sql);
    raw.close();
    const url = `file:${file}`;
    const db = createDb(url);
    await prepareDb(db, url);
    return {
      db,
      url,
      provider,
      async drop() {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_POSTGRES_URL) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `returns_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  for (const sql of migrationSql("postgresql")) await client.query(sql);
  await client.end();
  const db = createDb(url.href);
  return {
    db,
    url: url.href,
    provider,
    async drop() {
      await db.$disconnect();
      const admin2 = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin2.connect();
      await admin2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin2.end();
    },
  };
}
