#!/usr/bin/env node
// Production start: migrate the database, then serve the built app (remix-serve).
import { spawn } from "node:child_process";
import { migrateDatabase } from "./db-setup.mjs";

await migrateDatabase();
const child = spawn("npx", ["remix-serve", "./build/server/index.js"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
