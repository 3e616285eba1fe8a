/**
 * The only shopifyApp() configuration of the app: authentication for the embedded admin,
 * webhooks and the app proxy, and the offline-session storage in our database.
 */
import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db from "./db.server";
import { env } from "./env.server";
import { ADMIN_API_VERSION } from "./shopify/api-version";
import { ACCESS_SCOPES } from "./shopify/scopes";
import { routeShopifyLibraryToStandIn } from "./shopify/stand-in-routing.server";
import { EncryptedSessionStorage, TokenCipher } from "./security/token-crypto.server";

const config = env();

// The library's enum and our one version constant must agree.
const apiVersion = ApiVersion.October26;
if (apiVersion !== ADMIN_API_VERSION) {
  throw new Error(`ApiVersion.October26 (${apiVersion}) differs from ADMIN_API_VERSION (${ADMIN_API_VERSION})`);
}

routeShopifyLibraryToStandIn(config);

export const tokenCipher = new TokenCipher(config.TOKEN_ENCRYPTION_KEY, config.TOKEN_ENCRYPTION_OLD_KEYS);

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: config.SCOPES ?? [...ACCESS_SCOPES],
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // Access and refresh tokens are encrypted at rest (app/security/token-crypto.server.ts).
  sessionStorage: new EncryptedSessionStorage(new PrismaSessionStorage(db), tokenCipher),
  distribution: AppDistribution.AppStore,
  hooks: {
    // The shop's name and currency for e-mails, from the install on (app/mail/shop-facts.server.ts).
    afterAuth: async ({ session }) => {
      const { afterAuthStoreShopFacts } = await import("~/mail/shop-facts.server");
      await afterAuthStoreShopFacts(session, db);
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
});

export default shopify;
export { apiVersion };
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
export const appConfig = config;
