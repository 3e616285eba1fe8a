// Shared by the Prisma scripts: derives the PostgreSQL schema from the SQLite one, so the
// data model has one source of truth (prisma/schema.prisma).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

export function postgresSchemaFrom(sqliteSchema) {
  const swapped = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://unused"')
    .replace('output       = "../app/generated/prisma-sqlite"', 'output       = "../../app/generated/prisma-postgresql"');
  if (swapped === sqliteSchema || !swapped.includes("prisma-postgresql")) {
    throw new Error("prisma/schema.prisma no longer matches the expected generator/datasource blocks");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n${widenMoney(swapped)}`;
}

/** Money columns (comment starting "money") are 64-bit on PostgreSQL: `Int` → `BigInt`. */
export function widenMoney(schema) {
  return schema.replace(/^([ \t]+\w+[ \t]+)Int(\??)([ \t][^\n]*\/\/[ \t]*money[^\n]*)$/gm, "$1BigInt$2$3");
}

export function writePostgresSchema() {
  const source = readFileSync(`${root}/${SQLITE_SCHEMA}`, "utf8");
  const target = `${root}/${POSTGRES_SCHEMA}`;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, postgresSchemaFrom(source));
}
