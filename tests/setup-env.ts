/**
 * Test environment: the app runs in APP_MODE=test against a per-worker SQLite database.
 * Set before any app module is imported (env() and db.server read it at import time).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyOfflineEnv } from "./support/offline-env";
import { copySqliteTemplate } from "./support/sqlite-template";

applyOfflineEnv();
process.env.NODE_ENV ??= "test";

if (!process.env.DATABASE_URL) {
  const file = join(mkdtempSync(join(tmpdir(), "returns-app-")), "app.sqlite");
  copySqliteTemplate(file);
  process.env.DATABASE_URL = `file:${file}`;
}
