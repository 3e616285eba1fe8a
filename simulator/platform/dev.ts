/**
 * Looks at the stand-in's storefront, admin frame and webhooks without the admin half:
 *   npx tsx simulator/platform/dev.ts
 * uses the small fake AdminApi (two shops, a few customers; GraphQL answers only `shop`).
 * The real demo (scripts/demo.ts) passes the admin half's AdminApi to startStandIn() instead.
 */
import { startStandIn } from "./start";
import { createFakeAdminApi } from "./testing/fake-admin-api";

const server = await startStandIn({
  adminApi: createFakeAdminApi(),
  apiKey: process.env.SHOPIFY_API_KEY ?? "dev-api-key",
  apiSecret: process.env.SHOPIFY_API_SECRET ?? "dev-api-secret",
});
console.log(`Shopify stand-in (fake Admin API) on ${server.url}
  index       ${server.url}/
  admin       ${server.url}/admin
  storefront  ${server.url}/s/nordic-demo/pages/returns
Ctrl-C to stop.`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
