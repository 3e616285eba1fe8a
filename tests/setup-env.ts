/**
 * Test environment: the app runs in APP_MODE=test against a per-worker SQLite database.
 * Set before any app module is imported (env() and db.server read it at import time).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copySqliteTemplate } from "./support/sqlite-template";

const defaults: Record<string, string> = {
  APP_MODE: "test",
  NODE_ENV: "test",
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:3999",
  SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:3998",
  LOG_LEVEL: "error",
  // A fixed test key (32 bytes); production and the demo use their own (see README).
  TOKEN_ENCRYPTION_KEY: "dGVzdC1vbmx5LXRva2VuLWVuY3J5cHRpb24ta2V5ISE=",
};
for (const [key, value] of Object.entries(defaults)) process.env[key] ??= value;

if (!process.env.DATABASE_URL) {
  const file = join(mkdtempSync(join(tmpdir(), "returns-app-")), "app.sqlite");
  copySqliteTemplate(file);
  process.env.DATABASE_URL = `file:${file}`;
}
