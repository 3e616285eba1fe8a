import { describe, expect, it } from "vitest";
import { issueLookupToken, LOOKUP_TOKEN_TTL_MS, verifyLookupToken } from "./lookup-token.server";

const claims = { shop: "a.myshopify.com", orderId: "gid://shopify/Order/1", subject: "guest" };
const now = new Date("2026-11-28T10:00:00Z");

describe("lookup tokens", () => {
  it("GIVEN a fresh token THEN it verifies for the same shop, order and shopper", () => {
    expect(verifyLookupToken("s", issueLookupToken("s", claims, now), claims, now)).toMatchObject({ ok: true });
  });
  it("GIVEN the token at its expiry THEN EXPIRED (short-lived)", () => {
    const token = issueLookupToken("s", claims, now);
    expect(verifyLookupToken("s", token, claims, new Date(now.getTime() + LOOKUP_TOKEN_TTL_MS))).toEqual({ ok: false, reason: "EXPIRED" });
  });
  it("GIVEN another order, shop or secret THEN BAD_SIGNATURE; another shopper THEN OTHER_SHOPPER", () => {
    const token = issueLookupToken("s", claims, now);
    expect(verifyLookupToken("s", token, { ...claims, orderId: "gid://shopify/Order/2" }, now)).toMatchObject({ reason: "BAD_SIGNATURE" });
    expect(verifyLookupToken("s", token, { ...claims, shop: "b.myshopify.com" }, now)).toMatchObject({ reason: "BAD_SIGNATURE" });
    expect(verifyLookupToken("t", token, claims, now)).toMatchObject({ reason: "BAD_SIGNATURE" });
    expect(verifyLookupToken("s", token, { ...claims, subject: "7001" }, now)).toMatchObject({ reason: "OTHER_SHOPPER" });
  });
  it("GIVEN a token whose shopper part was edited THEN BAD_SIGNATURE", () => {
    const parts = issueLookupToken("s", claims, now).split(".");
    parts[2] = "7001";
    expect(verifyLookupToken("s", parts.join("."), { ...claims, subject: "7001" }, now)).toMatchObject({ reason: "BAD_SIGNATURE" });
  });
  it("GIVEN two lookups THEN two different nonces (each files once)", () => {
    const a = verifyLookupToken("s", issueLookupToken("s", claims, now), claims, now);
    const b = verifyLookupToken("s", issueLookupToken("s", claims, now), claims, now);
    expect(a.ok && b.ok && a.nonceHash !== b.nonceHash).toBe(true);
  });
});
