/**
 * The app's required settings for offline runs (the test suite and the benchmarks): test
 * credentials and a fixed 32-byte encryption key. Production and the demo use their own
 * (see README "Configuration").
 */
export const OFFLINE_ENV: Readonly<Record<string, string>> = {
  APP_MODE: "test",
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:3999",
  SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:3998",
  LOG_LEVEL: "error",
  TOKEN_ENCRYPTION_KEY: "dGVzdC1vbmx5LXRva2VuLWVuY3J5cHRpb24ta2V5ISE=",
};

/** Sets every setting the caller has not chosen. */
export function applyOfflineEnv(): void {
  for (const [key, value] of Object.entries(OFFLINE_ENV)) process.env[key] ??= value;
}
