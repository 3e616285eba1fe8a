/**
 * A migrated SQLite database to copy, so tests do not re-run every migration for each
 * database they make. One file per set of migrations (named by their hash) in the OS temp
 * directory, shared by all test processes and runs: built under a private name and renamed
 * into place, so a process never copies a half-built one. Rollback journal, so one file.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";

const migrationsDir = new URL("../../prisma/migrations/", import.meta.url).pathname;

export function sqliteMigrationSql(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(join(migrationsDir, name, "migration.sql"), "utf8"));
}

let template: string | null = null;

export function sqliteTemplateFile(): string {
  if (template && existsSync(template)) return template;
  const migrations = sqliteMigrationSql();
  const hash = createHash("sha256").update(migrations.join("\n--\n")).digest("hex").slice(0, 16);
  const file = join(tmpdir(), `returns-app-template-${hash}.sqlite`);
  if (!existsSync(file)) {
    const building = `${file}.${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      const raw = new Database(building);
      for (const sql of migrations) raw.exec(sql);
      raw.close();
      renameSync(building, file);
    } finally {
      rmSync(building, { force: true });
    }
  }
  template = file;
  return file;
}

/** A fresh, migrated SQLite database at `file`. */
export function copySqliteTemplate(file: string): void {
  copyFileSync(sqliteTemplateFile(), file);
}
