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
  TOKEN_ENCRYPTION_KEY: "dGVzdC1vbmx5LXRva2VuLWVuY3J5cHRpb24ta2V5ISE=",
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
    ["TOKEN_ENCRYPTION_KEY (missing)", { ...production, TOKEN_ENCRYPTION_KEY: undefined }, /TOKEN_ENCRYPTION_KEY is required/],
    ["TOKEN_ENCRYPTION_KEY (short)", { ...production, TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" }, /TOKEN_ENCRYPTION_KEY must be 32 bytes/],
    ["TOKEN_ENCRYPTION_OLD_KEYS", { ...production, TOKEN_ENCRYPTION_OLD_KEYS: "nope" }, /TOKEN_ENCRYPTION_OLD_KEYS/],
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

  it.each(["http://127.0.0.1:8081", "http://127.12.0.3:80", "http://localhost:8081", "http://[::1]:8081"])(
    "GIVEN demo mode WHEN the stand-in is at the loopback origin %s THEN it is accepted",
    (origin) => {
      expect(parseEnv({ ...production, APP_MODE: "demo", SHOPIFY_ADMIN_ORIGIN: origin }).SHOPIFY_ADMIN_ORIGIN).toBe(origin);
    },
  );

  it.each(["http://10.0.0.5:8081", "https://evil.example.com", "http://127.0.0.1.nip.io", "http://128.0.0.1", "http://user:pw@127.0.0.1", "file:///tmp/x"])(
    "GIVEN demo mode WHEN the stand-in origin %s is not loopback THEN boot is refused",
    (origin) => {
      expect(() => parseEnv({ ...production, APP_MODE: "demo", SHOPIFY_ADMIN_ORIGIN: origin })).toThrowError(/must be a loopback origin|must be a URL/);
    },
  );

  it("GIVEN NODE_ENV=production WHEN demo mode is asked for without DEMO_ALLOW_STAND_IN=1 THEN boot is refused; with it, accepted", () => {
    const demo = { ...production, NODE_ENV: "production", APP_MODE: "demo", SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:8081" };
    expect(() => parseEnv(demo)).toThrowError(/APP_MODE must not be demo with NODE_ENV=production unless DEMO_ALLOW_STAND_IN=1/);
    expect(parseEnv({ ...demo, DEMO_ALLOW_STAND_IN: "1" }).APP_MODE).toBe("demo");
  });
});

describe("routing to the offline stand-in", () => {
  it("GIVEN production THEN the gateway has no origin override and the library is not rerouted", async () => {
    expect(adminApiOrigin({ APP_MODE: "production", SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:8081" })).toBeUndefined();
    expect(routeShopifyLibraryToStandIn({ APP_MODE: "production", SHOPIFY_ADMIN_ORIGIN: undefined })).toBe(false);
    expect(setAbstractFetchFunc).not.toHaveBeenCalled();
    const lines: string[] = [];
    expect(routeShopifyLibraryToStandIn({ APP_MODE: "demo", SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:8081" }, (l) => lines.push(l))).toBe(true);
    expect(setAbstractFetchFunc).toHaveBeenCalledTimes(1);
    // One loud line at boot says where Shopify traffic goes.
    expect(lines).toEqual([expect.stringMatching(/^!!! DEMO MODE: .*http:\/\/127\.0\.0\.1:8081, NOT to Shopify !!!$/)]);
  });

  it("GIVEN a non-loopback origin that slipped past validation THEN the switch itself refuses", () => {
    expect(() => routeShopifyLibraryToStandIn({ APP_MODE: "demo", SHOPIFY_ADMIN_ORIGIN: "https://evil.example.com" }, () => undefined)).toThrowError(/loopback/);
  });

  it("GIVEN demo mode THEN only https://{shop}.myshopify.com/admin/… is rewritten", () => {
    expect(rewriteToStandIn("https://nordic-demo.myshopify.com/admin/api/2026-10/graphql.json", "http://127.0.0.1:8081")).toEqual({
      url: "http://127.0.0.1:8081/admin/api/2026-10/graphql.json",
      shop: "nordic-demo.myshopify.com",
    });
    expect(rewriteToStandIn("https://example.com/admin/x", "http://127.0.0.1:8081")).toBeNull();
  });
});
