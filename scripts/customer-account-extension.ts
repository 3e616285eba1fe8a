/**
 * Bundles the customer account UI extension (extensions/customer-account-returns) the way
 * Shopify CLI does for deploy: one minified ESM bundle with every target module, Preact's JSX,
 * no source maps. Used to measure its size against Shopify's limit (64 KB compressed per
 * extension on API 2025-10+, shopify.dev "Optimize bundle size"), and by the stand-in's
 * customer-accounts demo page, which needs the backend URL baked in (RETURNS_APP_URL).
 *
 *   npx tsx scripts/customer-account-extension.ts   # prints raw and gzip sizes
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const EXTENSION_DIR = fileURLToPath(new URL("../extensions/customer-account-returns/", import.meta.url));
/** Shopify's deploy-time limit for a (non full-page) customer account UI extension, compressed. */
export const SHOPIFY_BUNDLE_LIMIT_BYTES = 64 * 1024;

export const TARGET_MODULES = {
  "customer-account.order.action.menu-item.render": "./src/MenuItem.tsx",
  "customer-account.order.action.render": "./src/ReturnFlow.tsx",
  "customer-account.order-status.cart-line-list.render-after": "./src/ReturnEligibility.tsx",
  "customer-account.order-status.return-details.render-after": "./src/ReturnDetails.tsx",
} as const;

export type CustomerAccountTarget = keyof typeof TARGET_MODULES;

export async function bundleCustomerAccountExtension(options: { appUrl?: string } = {}) {
  // One entry that exposes every target's render function by target name.
  const entry = Object.entries(TARGET_MODULES)
    .map(([target, module], i) => `import t${i} from ${JSON.stringify(module)}; targets[${JSON.stringify(target)}] = t${i};`)
    .join("\n");
  const result = await build({
    stdin: { contents: `export const targets = {};\n${entry}`, resolveDir: EXTENSION_DIR, loader: "ts", sourcefile: "targets.ts" },
    bundle: true,
    write: false,
    format: "esm",
    minify: true,
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    define: options.appUrl ? { RETURNS_APP_URL: JSON.stringify(options.appUrl) } : {},
    logLevel: "silent",
  });
  const code = result.outputFiles![0].text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { bytes, gzipBytes } = await bundleCustomerAccountExtension();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`customer-account-returns: ${kb(bytes)} minified, ${kb(gzipBytes)} gzip (limit ${kb(SHOPIFY_BUNDLE_LIMIT_BYTES)} compressed)`);
}
