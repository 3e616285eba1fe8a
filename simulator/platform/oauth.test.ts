import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signJwtHs256 } from "./crypto";
import { mintSessionToken } from "./session-token";
import { startHarness, TEST_API_KEY, TEST_API_SECRET, type Harness } from "./testing/harness";

const SHOP = "nordic-demo.myshopify.com";
const SCOPES =
  "read_orders,write_orders,read_returns,write_returns,read_customers,read_products,read_locations,read_store_credit_accounts,read_store_credit_account_transactions,write_store_credit_account_transactions,read_gift_cards,write_gift_cards,write_app_proxy";

let h: Harness;
const shopify = shopifyApi({
  apiKey: TEST_API_KEY,
  apiSecretKey: TEST_API_SECRET,
  apiVersion: ApiVersion.October26,
  hostName: "127.0.0.1:3999",
  hostScheme: "http",
  isEmbeddedApp: true,
  scopes: SCOPES.split(","),
  logger: { level: LogSeverity.Error },
});

beforeAll(async () => {
  h = await startHarness();
  // What the app does in demo/test mode: https://{shop}/admin/... → the stand-in, shop kept in a header.
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

const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${h.standIn.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const exchangeBody = (subjectToken: string, overrides: Record<string, unknown> = {}) => ({
  client_id: TEST_API_KEY,
  client_secret: TEST_API_SECRET,
  grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
  subject_token: subjectToken,
  subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
  requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
  expiring: "0",
  ...overrides,
});

describe("session tokens", () => {
  it("GIVEN a token minted by the stand-in WHEN the real library decodes it THEN the App Bridge claims are there", async () => {
    const payload = await shopify.session.decodeSessionToken(h.standIn.mintSessionToken(SHOP, 42));
    expect(payload).toMatchObject({
      iss: `https://${SHOP}/admin`,
      dest: `https://${SHOP}`,
      aud: TEST_API_KEY,
      sub: "42",
    });
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.nbf).toBe(payload.iat);
    expect(typeof payload.jti).toBe("string");
    expect(typeof payload.sid).toBe("string");
  });

  it("GIVEN a shop handle WHEN minting THEN the token is for the full myshopify domain", async () => {
    const payload = await shopify.session.decodeSessionToken(
      h.standIn.mintSessionToken("nordic-demo"),
    );
    expect(payload.dest).toBe(`https://${SHOP}`);
  });

  it("GIVEN a token signed with another secret WHEN the library decodes it THEN it is rejected", async () => {
    const foreign = mintSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, apiSecret: "nope" });
    await expect(shopify.session.decodeSessionToken(foreign)).rejects.toThrow();
  });
});

describe("token exchange (POST /admin/oauth/access_token)", () => {
  it("GIVEN a fresh session token WHEN the library exchanges it for an offline token THEN the shop is installed with the toml scopes", async () => {
    const installsBefore = h.admin.installs.length;
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: h.standIn.mintSessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(session.isOnline).toBe(false);
    expect(session.shop).toBe(SHOP);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.scope).toBe(SCOPES);
    expect(session.expires).toBeUndefined();
    const install = h.admin.installs.at(-1)!;
    expect(h.admin.installs.length).toBe(installsBefore + 1);
    expect(install).toMatchObject({
      shop: SHOP,
      scopes: SCOPES.split(","),
      accessToken: session.accessToken,
    });
  });

  it("GIVEN expiring=true (expiringOfflineAccessTokens) WHEN exchanging THEN the session expires in 1 h and carries a refresh token that works", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: h.standIn.mintSessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    expect(session.refreshToken).toMatch(/^shprt_/);
    const ttl = session.expires!.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(3500_000);
    expect(ttl).toBeLessThanOrEqual(3600_000);
    expect(session.refreshTokenExpires!.getTime() - Date.now()).toBeGreaterThan(89 * 24 * 3600_000);

    const { session: refreshed } = await shopify.auth.refreshToken({
      shop: SHOP,
      refreshToken: session.refreshToken!,
    });
    expect(refreshed.accessToken).not.toBe(session.accessToken);
    expect(refreshed.refreshToken).not.toBe(session.refreshToken);

    // refresh tokens rotate: the old one is spent
    await expect(
      shopify.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken! }),
    ).rejects.toThrow();
  });

  it("GIVEN an online token request WHEN exchanging THEN the staff member from the session token comes back", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: h.standIn.mintSessionToken(SHOP, 77),
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(77);
    expect(session.expires).toBeInstanceOf(Date);
  });

  it("GIVEN an offline token WHEN the library calls the Admin API THEN the stand-in passes it to AdminApi.handleGraphql", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: h.standIn.mintSessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    const client = new shopify.clients.Graphql({ session });
    const response = await client.request("query { shop { name } }");
    expect(response.data).toMatchObject({ shop: { name: "Nordic Demo" } });
    const seen = h.admin.graphqlRequests.at(-1)!;
    expect(seen.url).toMatch(/\/admin\/api\/2026-10\/graphql\.json$/);
    expect(seen.headers["x-shopify-access-token"]).toBe(session.accessToken);
    expect(seen.headers["x-shopify-shop-domain"]).toBe(SHOP);
  });

  it("GIVEN a wrong client secret WHEN exchanging THEN 401 invalid_client and no install", async () => {
    const before = h.admin.installs.length;
    const res = await post(
      exchangeBody(h.standIn.mintSessionToken(SHOP), { client_secret: "wrong" }),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
    expect(h.admin.installs.length).toBe(before);
  });

  it("GIVEN a wrong client id WHEN exchanging THEN 401 invalid_client", async () => {
    const res = await post(
      exchangeBody(h.standIn.mintSessionToken(SHOP), { client_id: "someone-else" }),
    );
    expect(res.status).toBe(401);
  });

  it("GIVEN a session token signed with another secret WHEN exchanging THEN 400 invalid_subject_token", async () => {
    const forged = mintSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, apiSecret: "forged" });
    const res = await post(exchangeBody(forged));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_subject_token" });
  });

  it("GIVEN an expired session token WHEN exchanging THEN 400 invalid_subject_token", async () => {
    const old = Math.floor(Date.now() / 1000) - 600;
    const expired = mintSessionToken({
      shop: SHOP,
      apiKey: TEST_API_KEY,
      apiSecret: TEST_API_SECRET,
      nowSec: old,
    });
    const res = await post(exchangeBody(expired));
    expect(res.status).toBe(400);
    expect((await res.json()).error_description).toMatch(/expired/);
  });

  it("GIVEN a token for another app (aud) WHEN exchanging THEN 400 invalid_subject_token", async () => {
    const other = mintSessionToken({ shop: SHOP, apiKey: "other-app", apiSecret: TEST_API_SECRET });
    const res = await post(exchangeBody(other));
    expect(res.status).toBe(400);
  });

  it("GIVEN a token whose dest is missing WHEN exchanging THEN 400 invalid_subject_token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const noDest = signJwtHs256(
      { aud: TEST_API_KEY, exp: now + 60, nbf: now, iat: now, sub: "1" },
      TEST_API_SECRET,
    );
    const res = await post(exchangeBody(noDest));
    expect(res.status).toBe(400);
  });

  it("GIVEN a token for shop A sent to shop B's domain WHEN exchanging THEN 400 invalid_subject_token", async () => {
    const res = await post(exchangeBody(h.standIn.mintSessionToken(SHOP)), {
      "X-Shopify-Shop-Domain": "dutch-demo.myshopify.com",
    });
    expect(res.status).toBe(400);
  });

  it("GIVEN an unknown grant type WHEN posting THEN 400 unsupported_grant_type", async () => {
    const res = await post(exchangeBody("x", { grant_type: "password" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("GIVEN a non-expiring offline token WHEN migrating it to an expiring one THEN an expiring token + refresh token come back", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: h.standIn.mintSessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    const { session: migrated } = await shopify.auth.migrateToExpiringToken({
      shop: SHOP,
      nonExpiringOfflineAccessToken: session.accessToken!,
    });
    expect(migrated.refreshToken).toBeTruthy();
    expect(migrated.expires).toBeInstanceOf(Date);
  });
});
