/**
 * The app's backend. The demo and tests build with RETURNS_APP_URL defined (esbuild `define`,
 * scripts/build-customer-account-extension.ts); for `shopify app deploy` set the production
 * URL here (Shopify CLI bundles the extension without our defines).
 */
declare const RETURNS_APP_URL: string | undefined;

export const APP_URL: string = typeof RETURNS_APP_URL === "string" ? RETURNS_APP_URL : "https://returns-app.example.com";
