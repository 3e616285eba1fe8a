/**
 * The analytics summary is kept by database triggers written by hand in the migrations. A
 * later migration that rebuilds a table (Prisma's SQLite "RedefineTables": DROP TABLE +
 * RENAME) silently drops the triggers on it, and the summary stops following changes. This
 * test applies every migration to a fresh database and checks that each trigger the
 * migrations create (and do not drop again) still exists at the end.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const root = new URL("../../", import.meta.url).pathname;

function expectedTriggers(dir: string): string[] {
  const names = new Set<string>();
  const folders = readdirSync(join(root, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const folder of folders) {
    const sql = readFileSync(join(root, dir, folder, "migration.sql"), "utf8");
    for (const m of sql.matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/gi)) names.add(m[1]);
    for (const m of sql.matchAll(/DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?/gi)) names.delete(m[1]);
  }
  return [...names].sort();
}

describe.each(providers)("migrations keep their triggers on %s", (provider) => {
  let t: TestDb;
  afterAll(async () => t?.drop());

  it("GIVEN every migration applied WHEN the database lists its triggers THEN each created trigger is still there", async () => {
    t = await createTestDb(provider);
    const expected = expectedTriggers(provider === "sqlite" ? "prisma/migrations" : "prisma/postgresql/migrations");
    expect(expected.length).toBeGreaterThan(0);
    const rows =
      provider === "sqlite"
        ? await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
        : await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT tgname::text AS name FROM pg_trigger WHERE NOT tgisinternal`);
    const present = new Set(rows.map((r) => r.name));
    expect(expected.filter((name) => !present.has(name))).toEqual([]);
  });
});
