/**
 * The one Admin API version of the app. The app config (shopify.server.ts), the GraphQL
 * codegen, the schema file in graphql/ and shopify.app.toml all follow this constant;
 * a test fails when shopify.app.toml drifts from it.
 */
export const ADMIN_API_VERSION = "2026-10" as const;
export type AdminApiVersion = typeof ADMIN_API_VERSION;
