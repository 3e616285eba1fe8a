#!/usr/bin/env node
// Refreshes graphql/admin_<version>.json.gz from the npm package @shopify/dev-mcp (the
// official Admin schema as introspection JSON). Run by hand when moving API versions:
//   npm run schema:fetch            (version from app/shopify/api-version.ts)
// The file is committed; nothing at install or run time downloads it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DEV_MCP_VERSION = "1.16.0";
const versionSource = readFileSync(new URL("../app/shopify/api-version.ts", import.meta.url), "utf8");
const version = versionSource.match(/ADMIN_API_VERSION = "([0-9]{4}-[0-9]{2})"/)?.[1];
if (!version) throw new Error("Could not read ADMIN_API_VERSION from app/shopify/api-version.ts");

const work = mkdtempSync(join(tmpdir(), "dev-mcp-"));
try {
  execFileSync("npm", ["pack", `@shopify/dev-mcp@${DEV_MCP_VERSION}`, "--silent"], { cwd: work, stdio: ["ignore", "pipe", "inherit"] });
  const tarball = join(work, `shopify-dev-mcp-${DEV_MCP_VERSION}.tgz`);
  const inner = `package/dist/data/admin_${version}.json.gz`;
  execFileSync("tar", ["-xzf", tarball, "-C", work, inner], { stdio: "inherit" });
  const target = new URL(`../graphql/admin_${version}.json.gz`, import.meta.url);
  copyFileSync(join(work, inner), target);
  console.log(`Wrote graphql/admin_${version}.json.gz from @shopify/dev-mcp@${DEV_MCP_VERSION}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
