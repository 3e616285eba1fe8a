/**
 * Throwaway databases for tests, on SQLite always and on PostgreSQL when
 * TEST_POSTGRES_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/postgres). Each
 * call makes a fresh database with the committed migrations' SQL applied (the same SQL
 * `prisma migrate deploy` runs; a separate test runs the real command). The migrations run
 * once into a template and each call copies it: a file copy on SQLite
 * (tests/support/sqlite-template.ts), CREATE DATABASE … TEMPLATE on PostgreSQL (one template
 * database per set of migrations, `returns_tpl_<hash>`, kept on the server for later runs).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, prepareDb, type Db } from "~/db.server";
import { copySqliteTemplate } from "./sqlite-template";

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

let postgresTemplate: Promise<string> | null = null;

/**
 * The migrated template database for this set of migrations. Built under a private name and
 * renamed when complete, so a concurrent test process never copies a half-migrated one (and
 * nobody is connected to the template when it is copied).
 */
function postgresTemplateName(): Promise<string> {
  postgresTemplate ??= (async () => {
    const migrations = migrationSql("postgresql");
    const name = `returns_tpl_${createHash("sha256").update(migrations.join("\n--\n")).digest("hex").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount) return name;
      const building = `${name}_b${randomBytes(4).toString("hex")}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(TEST_POSTGRES_URL!);
      url.pathname = `/${building}`;
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      for (const sql of migrations) await client.query(sql);
      await client.end();
      try {
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      } catch (error) {
        // Another process finished the same template first (42P04 duplicate_database): use theirs.
        await admin.query(`DROP DATABASE IF EXISTS ${building}`);
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
      return name;
    } finally {
      await admin.end();
    }
  })();
  return postgresTemplate;
}

export async function createTestDb(provider: Provider): Promise<TestDb> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "returns-test-"));
    const file = join(dir, "test.sqlite");
    copySqliteTemplate(file);
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
  const template = await postgresTemplateName();
  const name = `returns_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
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
