/** The environment is validated once; mistakes name the variable and the fix. */
import { describe, expect, it, vi } from "vitest";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { EnvError, parseEnv } from "~/env.server";
import {
  adminApiOrigin,
  rewriteToStandIn,
  routeShopifyLibraryToStandIn,
} from "~/shopify/stand-in-routing.server";

vi.mock("@shopify/shopify-api/runtime", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  setAbstractFetchFunc: vi.fn(),
}));

const production = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://returns.example.com",
};

describe("environment", () => {
  it("GIVEN the production variables THEN it parses with safe defaults", () => {
    const env = parseEnv(production);
    expect(env.APP_MODE).toBe("production");
    expect(env.DATABASE_URL).toBe("file:./data/dev.sqlite");
  });

  it.each([
    ["SHOPIFY_API_KEY", { ...production, SHOPIFY_API_KEY: undefined }, /SHOPIFY_API_KEY is required/],
    ["SHOPIFY_API_SECRET", { ...production, SHOPIFY_API_SECRET: "" }, /SHOPIFY_API_SECRET must not be empty/],
    ["SHOPIFY_APP_URL", { ...production, SHOPIFY_APP_URL: "returns.example.com" }, /SHOPIFY_APP_URL must be a URL/],
    ["DATABASE_URL", { ...production, DATABASE_URL: "mysql://x" }, /DATABASE_URL must start with file:/],
    ["PORT", { ...production, PORT: "http" }, /PORT/],
  ])("GIVEN a bad %s THEN the error names it", (_name, source, message) => {
    expect(() => parseEnv(source)).toThrowError(EnvError);
    expect(() => parseEnv(source)).toThrowError(message);
  });

  it("GIVEN production WHEN a stand-in origin is configured THEN boot is refused", () => {
    expect(() => parseEnv({ ...production, SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:8081" })).toThrowError(
      /SHOPIFY_ADMIN_ORIGIN is only allowed with APP_MODE=demo or APP_MODE=test/,
    );
  });

  it("GIVEN demo mode WHEN no stand-in origin is configured THEN boot is refused", () => {
    expect(() => parseEnv({ ...production, APP_MODE: "demo" })).toThrowError(/SHOPIFY_ADMIN_ORIGIN is required/);
  });
});

describe("routing to the offline stand-in", () => {
  it("GIVEN production THEN the gateway has no origin override and the library is not rerouted", async () => {
    expect(adminApiOrigin({ APP_MODE: "production", SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:8081" })).toBeUndefined();
    expect(routeShopifyLibraryToStandIn({ APP_MODE: "production", SHOPIFY_ADMIN_ORIGIN: undefined })).toBe(false);
    expect(setAbstractFetchFunc).not.toHaveBeenCalled();
    expect(routeShopifyLibraryToStandIn({ APP_MODE: "demo", SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:8081" })).toBe(true);
    expect(setAbstractFetchFunc).toHaveBeenCalledTimes(1);
  });

  it("GIVEN demo mode THEN only https://{shop}.myshopify.com/admin/… is rewritten", () => {
    expect(rewriteToStandIn("https://nordic-demo.myshopify.com/admin/api/2026-10/graphql.json", "http://127.0.0.1:8081")).toEqual({
      url: "http://127.0.0.1:8081/admin/api/2026-10/graphql.json",
      shop: "nordic-demo.myshopify.com",
    });
    expect(rewriteToStandIn("https://example.com/admin/x", "http://127.0.0.1:8081")).toBeNull();
  });
});
