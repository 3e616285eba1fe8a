/**
 * The real @shopify/shopify-app-remix 6 authenticate helpers, configured with the stand-in's
 * test credentials, so tests can check that what the stand-in sends passes the library the app
 * itself uses (webhook HMAC + headers, app-proxy signature).
 */
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";
import { TEST_API_KEY, TEST_API_SECRET, type CapturedRequest } from "./harness";

export const remixApp = shopifyApp(
  testConfig({
    apiKey: TEST_API_KEY,
    apiSecretKey: TEST_API_SECRET,
    apiVersion: ApiVersion.October26,
    appUrl: "http://127.0.0.1:3999",
    logger: { level: LogSeverity.Error },
  }),
);

/** Rebuilds a captured request as the Fetch Request Remix would hand to a route. */
export function asRemixRequest(
  captured: CapturedRequest,
  origin = "http://127.0.0.1:3999",
): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(captured.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const hasBody = captured.method !== "GET" && captured.method !== "HEAD";
  return new Request(`${origin}${captured.url}`, {
    method: captured.method,
    headers,
    body: hasBody ? new Uint8Array(captured.body) : undefined,
  });
}
