// Imported first by bench scripts run on their own: the app's modules open the default
// database at import, so point it at a throwaway file unless the caller chose one; and
// env() (read by services such as the analytics reader threads) wants the app's required
// settings, so the bench gets the same offline test values as the test suite.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const defaults: Record<string, string> = {
  APP_MODE: "test",
  SHOPIFY_API_KEY: "bench-api-key",
  SHOPIFY_API_SECRET: "bench-api-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:3999",
  SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:3998",
  LOG_LEVEL: "error",
  TOKEN_ENCRYPTION_KEY: "dGVzdC1vbmx5LXRva2VuLWVuY3J5cHRpb24ta2V5ISE=",
};
for (const [key, value] of Object.entries(defaults)) process.env[key] ??= value;
process.env.DATABASE_URL ??= `file:${join(mkdtempSync(join(tmpdir(), "bench-")), "app.sqlite")}`;
