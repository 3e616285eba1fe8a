/**
 * startStandIn(): the stand-in's platform with demo-friendly defaults, for scripts/demo.ts and
 * end-to-end tests. Pass the admin half's AdminApi; everything else has a default.
 */
import { fileURLToPath } from "node:url";
import type { AdminApi } from "../contracts";
import { createStandInServer, type StandInServer, type StandInServerOptions } from "./server";
import { scaledRetryPolicy } from "./webhooks";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Shopify's 8 retries over ~4 h, scaled to ~4 minutes: enough to watch a retry in the demo. */
export const DEMO_WEBHOOK_RETRY = scaledRetryPolicy(1 / 60);
/** Fast retries for tests: 4 attempts, 10–40 ms apart. */
export const TEST_WEBHOOK_RETRY = { attempts: 4, delaysMs: [10, 20, 40] };

export interface StartStandInOptions extends Partial<Omit<StandInServerOptions, "adminApi">> {
  adminApi: AdminApi;
}

export function startStandIn(options: StartStandInOptions): Promise<StandInServer> {
  const env = process.env;
  const apiKey = options.apiKey ?? env.SHOPIFY_API_KEY;
  const apiSecret = options.apiSecret ?? env.SHOPIFY_API_SECRET;
  if (!apiKey || !apiSecret) {
    return Promise.reject(
      new Error(
        "startStandIn: apiKey and apiSecret (or SHOPIFY_API_KEY / SHOPIFY_API_SECRET) are required",
      ),
    );
  }
  return createStandInServer({
    appUrl: env.SHOPIFY_APP_URL ?? "http://127.0.0.1:3000",
    port: env.STANDIN_PORT ? Number(env.STANDIN_PORT) : 8081,
    host: "127.0.0.1",
    appTomlPath: `${REPO_ROOT}shopify.app.toml`,
    extensionDir: `${REPO_ROOT}extensions/returns-portal`,
    webhookRetry: DEMO_WEBHOOK_RETRY,
    ...options,
    apiKey,
    apiSecret,
  });
}
