import { describe, expect, it } from "vitest";
import { loadAppConfig, parseAppConfig, resolveAppUri, webhookTargets } from "./app-config";
import { FIXTURE_TOML } from "./testing/harness";

describe("shopify.app.toml", () => {
  const config = loadAppConfig(FIXTURE_TOML);

  it("GIVEN the example toml WHEN parsed THEN scopes, webhook api version, subscriptions and the proxy come out", () => {
    expect(config.handle).toBe("returns-manager");
    expect(config.scopes).toContain("write_returns");
    expect(config.webhookApiVersion).toBe("2026-10");
    expect(config.appProxy).toEqual({
      url: "/proxy",
      prefix: "apps",
      subpath: "returns",
      pathPrefix: "/apps/returns",
    });
  });

  it("GIVEN topics WHEN resolving targets THEN relative uris hang off the app URL and compliance topics are found", () => {
    const app = "http://127.0.0.1:3000";
    expect(webhookTargets(config, "returns/approve", app)).toEqual([`${app}/webhooks/returns`]);
    expect(webhookTargets(config, "shop/redact", app)).toEqual([`${app}/webhooks/compliance`]);
    expect(webhookTargets(config, "products/create", app)).toEqual([]);
  });

  it("GIVEN absolute uris WHEN resolving THEN ones under application_url are rebased on the local app, others kept", () => {
    expect(
      resolveAppUri(
        "https://returns.example.com/webhooks/x",
        "http://127.0.0.1:3000",
        "https://returns.example.com",
      ),
    ).toBe("http://127.0.0.1:3000/webhooks/x");
    expect(
      resolveAppUri(
        "https://other.example/x",
        "http://127.0.0.1:3000",
        "https://returns.example.com",
      ),
    ).toBe("https://other.example/x");
  });

  it("GIVEN the legacy privacy_compliance table WHEN parsed THEN its URLs become compliance subscriptions", () => {
    const legacy = parseAppConfig(`
[webhooks]
api_version = "2026-10"
[webhooks.privacy_compliance]
customer_deletion_url = "/gdpr/customers-redact"
customer_data_request_url = "/gdpr/data-request"
shop_deletion_url = "/gdpr/shop-redact"
`);
    expect(webhookTargets(legacy, "customers/redact", "http://a")).toEqual([
      "http://a/gdpr/customers-redact",
    ]);
    expect(webhookTargets(legacy, "customers/data_request", "http://a")).toEqual([
      "http://a/gdpr/data-request",
    ]);
    expect(legacy.appProxy).toBeNull();
  });

  it("GIVEN an absolute app_proxy url WHEN parsed THEN only its path is kept (the stand-in forwards to the local app)", () => {
    const c = parseAppConfig(
      `[app_proxy]\nurl = "https://returns.example.com/proxy/"\nprefix = "a"\nsubpath = "ret"\n`,
    );
    expect(c.appProxy).toMatchObject({ url: "/proxy", pathPrefix: "/a/ret" });
  });
});
