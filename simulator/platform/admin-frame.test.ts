import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { ApiVersion, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHostParam } from "./admin-frame";
import { verifySessionToken } from "./session-token";
import { startHarness, TEST_API_KEY, TEST_API_SECRET, type Harness } from "./testing/harness";

const SHOP = "nordic-demo.myshopify.com";
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const realFetch = globalThis.fetch;
  setAbstractFetchFunc(async (input, init) => {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
    );
    if (!url.hostname.endsWith(".myshopify.com")) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set("X-Shopify-Shop-Domain", url.hostname);
    return realFetch(`${h.standIn.url}${url.pathname}${url.search}`, { ...init, headers });
  });
});
afterAll(() => h.close());

const get = (path: string) => fetch(`${h.standIn.url}${path}`, { redirect: "manual" });
const iframeSrc = (html: string) =>
  new URL(/<iframe id="app-iframe"[^>]* src="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, "&"));

describe("admin frame", () => {
  it("GIVEN /admin WHEN opened THEN it redirects to the first shop's app page, or the one named by ?shop=", async () => {
    expect((await get("/admin")).headers.get("location")).toBe(
      "/store/nordic-demo/apps/returns-manager",
    );
    expect((await get("/admin?shop=dutch-demo.myshopify.com")).headers.get("location")).toBe(
      "/store/dutch-demo/apps/returns-manager",
    );
  });

  it("GIVEN the app page WHEN opened THEN the shop name is in the top bar and the iframe loads {appUrl}/app with Shopify's embedded params", async () => {
    const res = await get("/store/nordic-demo/apps/returns-manager");
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<span data-testid="shop-name">Nordic Demo</span>');
    expect(html).toContain('id="standin-app-nav"');
    const src = iframeSrc(html);
    expect(`${src.origin}${src.pathname}`).toBe(`${h.app.url}/app`);
    expect(src.searchParams.get("embedded")).toBe("1");
    expect(src.searchParams.get("shop")).toBe(SHOP);
    expect(src.searchParams.get("locale")).toBe("en");
    expect(Buffer.from(src.searchParams.get("host")!, "base64").toString()).toBe(
      "admin.shopify.com/store/nordic-demo",
    );
    const { shop, claims } = verifySessionToken(src.searchParams.get("id_token")!, {
      apiKey: TEST_API_KEY,
      apiSecret: TEST_API_SECRET,
    });
    expect(shop).toBe(SHOP);
    expect(claims.exp - claims.iat).toBe(60);
  });

  it("GIVEN a deep admin URL WHEN opened THEN the iframe loads that app path and query", async () => {
    const src = iframeSrc(
      await (
        await get("/store/nordic-demo/apps/returns-manager/app/returns/42?tab=lines&locale=sv")
      ).text(),
    );
    expect(src.pathname).toBe("/app/returns/42");
    expect(src.searchParams.get("tab")).toBe("lines");
    expect(src.searchParams.get("locale")).toBe("sv");
  });

  it("GIVEN the api key instead of the handle (as App Bridge redirects do) WHEN opened THEN it works; an unknown app is 404", async () => {
    expect((await get(`/store/nordic-demo/apps/${TEST_API_KEY}`)).status).toBe(200);
    expect((await get("/store/nordic-demo/apps/someone-else")).status).toBe(404);
    expect((await get("/store/nope/apps/returns-manager")).status).toBe(404);
  });

  it("GIVEN the iframe URL WHEN the app's authenticate.admin (remix 6, token exchange) handles it THEN it gets an offline session from the stand-in", async () => {
    const app = shopifyApp(
      testConfig({
        apiKey: TEST_API_KEY,
        apiSecretKey: TEST_API_SECRET,
        apiVersion: ApiVersion.October26,
        appUrl: h.app.url,
        adminApiAccessToken: undefined,
        logger: { level: LogSeverity.Error },
        future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
      }),
    );
    const src = iframeSrc(await (await get("/store/nordic-demo/apps/returns-manager")).text());
    const installs = h.admin.installs.length;
    const { session, admin } = await app.authenticate.admin(new Request(src.href));
    expect(session.shop).toBe(SHOP);
    expect(session.isOnline).toBe(false);
    expect(session.refreshToken).toBeTruthy();
    expect(h.admin.installs.length).toBe(installs + 1);
    const response = await admin.graphql("query { shop { name } }");
    expect(await response.json()).toMatchObject({ data: { shop: { name: "Nordic Demo" } } });
  });

  it("GIVEN the session-token endpoint WHEN the frame asks for a fresh token THEN it gets one for that shop", async () => {
    const { token } = (await (await get("/_standin/session-token?shop=nordic-demo")).json()) as {
      token: string;
    };
    expect(
      verifySessionToken(token, { apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET }).shop,
    ).toBe(SHOP);
    expect((await get("/_standin/session-token?shop=nope")).status).toBe(404);
  });

  it("GIVEN the host parameter WHEN built for a shop THEN it is unpadded base64 of admin.shopify.com/store/<name>", () => {
    expect(adminHostParam(SHOP)).toBe("YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvbm9yZGljLWRlbW8");
  });
});

describe("frame ↔ App Bridge shim protocol", () => {
  const frameJs = readFileSync(new URL("./browser/admin-frame.js", import.meta.url), "utf8");
  const shimJs = readFileSync(new URL("./browser/app-bridge-shim.js", import.meta.url), "utf8");
  const sent = (src: string) =>
    new Set([...src.matchAll(/type: "(standin:[\w:]+)"/g)].map((m) => m[1]!));
  const handled = (src: string) =>
    new Set(
      [...src.matchAll(/(?:case |m\.type === |e\.data\.type === )"(standin:[\w:]+)"/g)].map(
        (m) => m[1]!,
      ),
    );

  it("GIVEN both scripts WHEN served THEN they are valid JavaScript", async () => {
    for (const path of ["/_standin/admin-frame.js", "/_standin/app-bridge.js"]) {
      const res = await get(path);
      expect(res.headers.get("content-type")).toMatch(/javascript/);
      const src = await res.text();
      expect(() => new Function(src)).not.toThrow();
    }
  });

  it("GIVEN the messages the shim sends WHEN compared with the frame's handlers THEN every one is handled", () => {
    for (const type of sent(shimJs)) expect(handled(frameJs), type).toContain(type);
  });

  it("GIVEN the messages the frame sends WHEN compared with the shim's handlers THEN every one is handled", () => {
    for (const type of sent(frameJs)) expect(handled(shimJs), type).toContain(type);
  });
});

describe("index page", () => {
  it("GIVEN the stand-in WHEN / is opened THEN each shop links to its admin and storefront", async () => {
    const html = await (await get("/")).text();
    expect(html).toContain('href="/store/nordic-demo/apps/returns-manager"');
    expect(html).toContain('href="/s/nordic-demo/pages/returns"');
    expect(html).toContain("Dutch Demo");
  });
});
