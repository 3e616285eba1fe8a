// Prisma CLI configuration. The JS schema engine (`engine: "js"` + a driver adapter)
// means no Prisma command ever downloads a native engine — the machines this app is
// built and tested on reach only the npm registry. DATABASE_URL picks the provider:
// postgres:// or postgresql:// → PostgreSQL (prisma/postgresql/), anything else → SQLite.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/dev.sqlite";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    isPostgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url }),
  schema: isPostgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPostgres ? "prisma/postgresql/migrations" : "prisma/migrations" },
});
