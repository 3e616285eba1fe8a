/** One API version, one scope list, one data model: the config files cannot drift apart. */
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "~/shopify/api-version";
import { ACCESS_SCOPES } from "~/shopify/scopes";
import { ADMIN_SCHEMA_FILE } from "../../graphql/admin-schema";
import { postgresSchemaFrom } from "../../scripts/prisma-schemas.mjs";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const toml = parse(read("shopify.app.toml")) as {
  access_scopes: { scopes: string };
  webhooks: { api_version: string };
  app_proxy: { url: string; prefix: string; subpath: string };
};

describe("configuration", () => {
  it("shopify.app.toml uses the app's one API version", () => {
    expect(toml.webhooks.api_version).toBe(ADMIN_API_VERSION);
    expect(ADMIN_SCHEMA_FILE).toContain(`admin_${ADMIN_API_VERSION}.json.gz`);
  });

  it("shopify.app.toml asks for exactly the scopes in app/shopify/scopes.ts", () => {
    expect(toml.access_scopes.scopes.split(",").sort()).toEqual([...ACCESS_SCOPES].sort());
  });

  it("the app proxy is /apps/returns → /proxy", () => {
    expect(toml.app_proxy).toEqual({ url: "/proxy", prefix: "apps", subpath: "returns" });
  });

  it("the PostgreSQL schema is generated from the SQLite one, unchanged otherwise", () => {
    expect(read("prisma/postgresql/schema.prisma")).toBe(postgresSchemaFrom(read("prisma/schema.prisma")));
  });

  it("the migrations are up to date with the data model (run npm run db:migration -- <name>)", () => {
    expect(read("prisma/migrations/schema.snapshot.prisma")).toBe(read("prisma/schema.prisma"));
  });

  it("Prisma uses the JS schema engine, so no command downloads an engine", () => {
    expect(read("prisma.config.ts")).toMatch(/engine:\s*"js"/);
    expect(read("prisma/schema.prisma")).toMatch(/engineType\s*=\s*"client"/);
  });
});
