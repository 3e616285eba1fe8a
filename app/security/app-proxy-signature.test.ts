/**
 * The app checks app-proxy signatures the way Shopify documents it: "key=value" strings,
 * sorted, concatenated, HMAC-SHA256 hex. Shopify's documented examples (secret "hush"), and
 * queries whose keys have capitals, dashes and digits, where sorting the strings differs
 * from sorting the keys with localeCompare (what @shopify/shopify-api 15 does).
 */
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { appProxySignature, appProxySignedMessage, verifyAppProxyQuery } from "./app-proxy-signature";

const SECRET = "hush";
const DOC = "extra=1&extra=2&shop=shop-name.myshopify.com&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555";

describe("Shopify's documented examples", () => {
  it("GIVEN the documented query WHEN signed THEN a9718877…", () => {
    const q = new URLSearchParams(DOC);
    expect(appProxySignedMessage(q)).toBe("extra=1,2path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555");
    expect(appProxySignature(q, SECRET)).toBe("a9718877bea71c2484f91608a7eaea1532bdf71f5c56825065fa4ccabe549ef3");
  });

  it("GIVEN logged_in_customer_id=1 THEN 4c68c862… (the current doc's forwarded request)", () => {
    expect(appProxySignature(new URLSearchParams(`${DOC}&logged_in_customer_id=1`), SECRET)).toBe("4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb");
  });

  it("GIVEN a guest (empty logged_in_customer_id) THEN e072b6d7…93cb", () => {
    expect(appProxySignature(new URLSearchParams(`${DOC}&logged_in_customer_id=`), SECRET)).toBe("e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb");
  });
});

describe("keys with capitals, dashes and digits", () => {
  // Computed independently (Python: sorted(f"{k}={v}") joined, hmac sha256 "hush").
  const query = new URLSearchParams(
    `${DOC}&logged_in_customer_id=&Size=M&color-name=Blue&color=red&utm-source=mail&utm=x&Zebra=1&a1=y&a=z`,
  );

  it("GIVEN such a query WHEN signed THEN the strings are sorted in byte order", () => {
    expect(appProxySignedMessage(query)).toBe(
      "Size=MZebra=1a1=ya=zcolor-name=Bluecolor=redextra=1,2logged_in_customer_id=path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555utm-source=mailutm=x",
    );
    expect(appProxySignature(query, SECRET)).toBe("15eae5149383023929e05136088249d9c589e2fe82a9e5ad3ef19a19e10e0c0d");
  });

  it("GIVEN Shopify's signature on it WHEN the app verifies THEN valid; the library's localeCompare check refuses it (why the app has its own)", async () => {
    const signed = new URLSearchParams(query);
    signed.set("signature", "15eae5149383023929e05136088249d9c589e2fe82a9e5ad3ef19a19e10e0c0d");
    expect(verifyAppProxyQuery(signed, SECRET, 1317327555)).toMatchObject({ ok: true, shop: "shop-name.myshopify.com", loggedInCustomerId: null });
    signed.set("timestamp", String(Math.floor(Date.now() / 1000)));
    signed.set("signature", appProxySignature(signed, SECRET));
    const api = shopifyApi({ apiKey: "k", apiSecretKey: SECRET, apiVersion: ApiVersion.October26, hostName: "x", isEmbeddedApp: true, logger: { level: LogSeverity.Error } });
    expect(await api.utils.validateHmac(signed, { signator: "appProxy" })).toBe(false);
  });
});

describe("verifyAppProxyQuery", () => {
  const now = 1_800_000_000;
  const signed = (extra = "") => {
    const q = new URLSearchParams(`shop=a.myshopify.com&logged_in_customer_id=7&path_prefix=%2Fapps%2Freturns&timestamp=${now}${extra}`);
    q.set("signature", appProxySignature(q, SECRET));
    return q;
  };

  it("GIVEN a good query THEN ok with the customer", () => {
    expect(verifyAppProxyQuery(signed(), SECRET, now + 30)).toEqual({ ok: true, shop: "a.myshopify.com", loggedInCustomerId: "7", pathPrefix: "/apps/returns" });
  });

  it.each([
    ["a tampered customer", (q: URLSearchParams) => q.set("logged_in_customer_id", "8")],
    ["a second logged_in_customer_id", (q: URLSearchParams) => q.append("logged_in_customer_id", "8")],
    ["a second shop", (q: URLSearchParams) => q.append("shop", "b.myshopify.com")],
    ["no logged_in_customer_id", (q: URLSearchParams) => q.delete("logged_in_customer_id")],
    ["no signature", (q: URLSearchParams) => q.delete("signature")],
    ["a signature in upper case", (q: URLSearchParams) => q.set("signature", q.get("signature")!.toUpperCase())],
  ])("GIVEN %s THEN refused", (_name, change) => {
    const q = signed();
    change(q);
    expect(verifyAppProxyQuery(q, SECRET, now).ok).toBe(false);
  });

  it("GIVEN a repeated logged_in_customer_id that is validly signed THEN still refused", () => {
    const q = signed("&logged_in_customer_id=8");
    expect(verifyAppProxyQuery(q, SECRET, now)).toMatchObject({ ok: false, reason: expect.stringContaining("exactly once") });
  });

  it("GIVEN a timestamp older than 90 s THEN refused", () => {
    expect(verifyAppProxyQuery(signed(), SECRET, now + 91).ok).toBe(false);
    expect(verifyAppProxyQuery(signed(), SECRET, now - 91).ok).toBe(false);
  });
});
