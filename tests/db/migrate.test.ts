/** The real `prisma migrate deploy` (JS schema engine, offline) creates a working database. */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDb, prepareDb } from "~/db.server";
import { TEST_POSTGRES_URL } from "../support/test-db";

const root = new URL("../../", import.meta.url).pathname;
const migrate = (url: string) =>
  execFileSync("node", ["scripts/db-setup.mjs"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });

describe("database setup", () => {
  it("GIVEN no database file WHEN setup runs twice THEN SQLite is created, migrated, in WAL mode", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "migrate-")), "nested", "app.sqlite")}`;
    expect(migrate(url)).toContain("up to date");
    expect(migrate(url)).toContain("up to date");
    const db = createDb(url);
    await prepareDb(db, url);
    expect(await db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    expect(await db.returnRequest.count()).toBe(0);
    await db.$disconnect();
  }, 90_000); // two real `prisma migrate deploy` runs (a CLI process each)

  it.skipIf(!TEST_POSTGRES_URL)("GIVEN an empty PostgreSQL database WHEN setup runs THEN it is migrated", async () => {
    const name = `returns_migrate_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(TEST_POSTGRES_URL!);
      url.pathname = `/${name}`;
      expect(migrate(url.href)).toContain("up to date");
      expect(migrate(url.href)).toContain("up to date"); // idempotent
      const db = createDb(url.href);
      expect(await db.returnRequest.count()).toBe(0);
      await db.$disconnect();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
