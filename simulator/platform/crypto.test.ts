import { describe, expect, it } from "vitest";
import {
  appProxyMessage,
  JwtError,
  signAppProxyQuery,
  signJwtHs256,
  verifyJwtHs256,
  webhookHmac,
} from "./crypto";

// Test vectors from shopify-platform.md §2.4–2.5 (secret "hush").
const SECRET = "hush";

describe("webhookHmac", () => {
  it("GIVEN the documented body and secret WHEN signed THEN it equals the documented base64 HMAC", () => {
    const body =
      '{"id":501,"admin_graphql_api_id":"gid://shopify/Return/501","status":"requested"}';
    expect(webhookHmac(body, SECRET)).toBe("5QwH/IcnIiIGOjpbGPSpxgpxK0E9ebE2Yn1OcpfVs1c=");
  });

  it("GIVEN the same body as bytes WHEN signed THEN the HMAC is the same (raw bytes are what count)", () => {
    const body =
      '{"id":501,"admin_graphql_api_id":"gid://shopify/Return/501","status":"requested"}';
    expect(webhookHmac(Buffer.from(body), SECRET)).toBe(webhookHmac(body, SECRET));
  });

  it("GIVEN one changed byte WHEN signed THEN the HMAC differs", () => {
    expect(webhookHmac('{"id":502}', SECRET)).not.toBe(webhookHmac('{"id":501}', SECRET));
  });
});

describe("signAppProxyQuery", () => {
  const base = {
    extra: ["1", "2"],
    path_prefix: "/apps/awesome_reviews",
    shop: "shop-name.myshopify.com",
    timestamp: "1317327555",
  };

  it("GIVEN repeated keys WHEN building the message THEN values are joined with commas and keys sorted", () => {
    expect(appProxyMessage(base)).toBe(
      "extra=1,2path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555",
    );
  });

  it("GIVEN the documented query WHEN signed THEN it equals the documented hex signature", () => {
    expect(signAppProxyQuery(base, SECRET)).toBe(
      "a9718877bea71c2484f91608a7eaea1532bdf71f5c56825065fa4ccabe549ef3",
    );
  });

  it("GIVEN logged_in_customer_id=1 WHEN signed THEN it equals the documented signature", () => {
    expect(signAppProxyQuery({ ...base, logged_in_customer_id: "1" }, SECRET)).toBe(
      "4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb",
    );
  });

  it("GIVEN an empty logged_in_customer_id (guest) WHEN signed THEN it matches the documented e072b6d7…93cb", () => {
    const sig = signAppProxyQuery({ ...base, logged_in_customer_id: "" }, SECRET);
    expect(sig.startsWith("e072b6d7")).toBe(true);
    expect(sig.endsWith("93cb")).toBe(true);
  });

  it("GIVEN keys with capitals, dashes and digits WHEN signed THEN the key=value strings are sorted in byte order, as Shopify documents", () => {
    const params = { ...base, logged_in_customer_id: "", Size: "M", "color-name": "Blue", color: "red", "utm-source": "mail", utm: "x", Zebra: "1", a1: "y", a: "z" };
    expect(appProxyMessage(params)).toBe(
      "Size=MZebra=1a1=ya=zcolor-name=Bluecolor=redextra=1,2logged_in_customer_id=path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555utm-source=mailutm=x",
    );
    // Computed independently (Python's sorted() on the strings, hmac sha256 "hush").
    expect(signAppProxyQuery(params, SECRET)).toBe("15eae5149383023929e05136088249d9c589e2fe82a9e5ad3ef19a19e10e0c0d");
  });

  it("GIVEN the query as URLSearchParams in another order, with a signature WHEN signed THEN the result is the same", () => {
    const params = new URLSearchParams(
      "timestamp=1317327555&extra=1&shop=shop-name.myshopify.com&signature=ignored&extra=2&path_prefix=%2Fapps%2Fawesome_reviews",
    );
    expect(signAppProxyQuery(params, SECRET)).toBe(
      "a9718877bea71c2484f91608a7eaea1532bdf71f5c56825065fa4ccabe549ef3",
    );
  });
});

describe("HS256 JWT", () => {
  const now = 1_800_000_000;
  const token = signJwtHs256({ aud: "key", exp: now + 60, nbf: now }, "secret");

  it("GIVEN a token signed with the secret WHEN verified in its lifetime THEN the payload comes back", () => {
    expect(verifyJwtHs256(token, "secret", { audience: "key", nowSec: now })).toMatchObject({
      aud: "key",
    });
  });

  it.each([
    ["another secret", () => verifyJwtHs256(token, "other", { nowSec: now }), "signature"],
    ["after exp", () => verifyJwtHs256(token, "secret", { nowSec: now + 61 }), "expired"],
    ["before nbf", () => verifyJwtHs256(token, "secret", { nowSec: now - 5 }), "not_yet_valid"],
    [
      "another audience",
      () => verifyJwtHs256(token, "secret", { audience: "x", nowSec: now }),
      "audience",
    ],
    ["garbage", () => verifyJwtHs256("a.b", "secret"), "malformed"],
  ])("GIVEN %s WHEN verified THEN it is rejected", (_name, run, reason) => {
    expect(run).toThrowError(JwtError);
    try {
      run();
    } catch (e) {
      expect((e as JwtError).reason).toBe(reason);
    }
  });
});
