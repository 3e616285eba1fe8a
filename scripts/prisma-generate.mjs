#!/usr/bin/env node
// Generates both Prisma clients (SQLite and PostgreSQL) offline. Run by postinstall.
import { execFileSync } from "node:child_process";
import { root, writePostgresSchema } from "./prisma-schemas.mjs";

writePostgresSchema();
const prisma = `${root}/node_modules/.bin/prisma`;
const run = (databaseUrl) =>
  execFileSync(prisma, ["generate"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
run("file:./data/dev.sqlite");
run("postgresql://localhost/unused");
console.log("Prisma clients generated: app/generated/prisma-sqlite, app/generated/prisma-postgresql");
