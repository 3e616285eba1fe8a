/** Public API of the stand-in's platform half. See simulator/README.md. */
export { createStandInServer, shopNumericId } from "./server";
export type { StandInServer, StandInServerOptions, SignProxyUrlInput } from "./server";
export { startStandIn, DEMO_WEBHOOK_RETRY, TEST_WEBHOOK_RETRY } from "./start";
export {
  webhookHmac,
  signAppProxyQuery,
  appProxyMessage,
  verifyAppProxyQuery,
  signJwtHs256,
  verifyJwtHs256,
} from "./crypto";
export { mintSessionToken, verifySessionToken, DEFAULT_STAFF_USER_ID } from "./session-token";
export { signedProxyQuery, proxiedAppUrl } from "./app-proxy";
export { adminHostParam } from "./admin-frame";
export { loadAppConfig, parseAppConfig, webhookTargets } from "./app-config";
export type { StandInAppConfig, AppProxyConfig, WebhookSubscriptionConfig } from "./app-config";
export { scaledRetryPolicy, SHOPIFY_RETRY_DELAYS_MS, DEFAULT_WEBHOOK_MODES } from "./webhooks";
export type {
  WebhookControls,
  WebhookModes,
  WebhookRetryPolicy,
  WebhookDeliveryRecord,
  WebhookAttempt,
} from "./webhooks";
export type { AppProxyLogEntry } from "./storefront/storefront";
export { createFakeAdminApi, FAKE_SHOPS } from "./testing/fake-admin-api";
