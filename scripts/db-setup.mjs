#!/usr/bin/env node
// Creates and migrates the database named by DATABASE_URL (SQLite by default). Safe to run
// on every start: it applies only what is missing. Used by `npm run setup`, `npm start` and
// the demo.
// - SQLite: `prisma migrate deploy` through the JS schema engine (offline).
// - PostgreSQL: Prisma 6.19's JS schema engine cannot read PostgreSQL's catalogs through
//   @prisma/adapter-pg ("Column type 'name' could not be deserialized", prisma/orm#27403),
//   and the native engine would have to be downloaded. So the committed migrations are
//   applied here, in order, in one transaction each, under an advisory lock (several app
//   instances may boot at once), recorded in Prisma's own _prisma_migrations table with
//   Prisma's checksum, so `prisma migrate status` agrees wherever native engines exist.
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const isPostgres = (url) => /^postgres(ql)?:\/\//.test(url);
const MIGRATION_LOCK_ID = 72_707_369; // any constant shared by all instances of this app

function migrateSqlite(databaseUrl) {
  const file = databaseUrl.slice("file:".length);
  mkdirSync(dirname(resolve(root, file)), { recursive: true });
  execFileSync(`${root}/node_modules/.bin/prisma`, ["migrate", "deploy"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

async function migratePostgres(databaseUrl) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const applied = new Set(
      (await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows.map(
        (r) => r.migration_name,
      ),
    );
    const dir = join(root, "prisma/postgresql/migrations");
    const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const name of names) {
      if (applied.has(name)) continue;
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${error.message}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}

export async function migrateDatabase(databaseUrl = process.env.DATABASE_URL ?? "file:./data/dev.sqlite") {
  if (isPostgres(databaseUrl)) await migratePostgres(databaseUrl);
  else migrateSqlite(databaseUrl);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  migrateDatabase()
    .then(() => console.log("Database is up to date."))
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
