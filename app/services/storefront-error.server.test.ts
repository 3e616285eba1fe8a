import { describe, expect, it } from "vitest";
import { ReturnsError } from "./context.server";
import { storefrontErrorFrom } from "./storefront-error.server";

describe("what a shopper is told", () => {
  it("GIVEN Shopify refused a write with its userErrors WHEN shown to the shopper THEN none of Shopify's text or details reach them", async () => {
    const error = new ReturnsError("SHOPIFY_REJECTED", { key: "shopify.rejected", values: { what: { key: "what.create" }, detail: "Return line item quantity exceeds fulfillment line item quantity (gid://shopify/FulfillmentLineItem/9)" } }, [
      { field: ["input", "returnLineItems", "0", "quantity"], message: "Return line item quantity exceeds fulfillment line item quantity" },
    ]);
    const response = storefrontErrorFrom(error, "sv").toResponse();
    const body = JSON.stringify(await response.json());
    expect(body).not.toMatch(/exceeds|gid:\/\/|returnLineItems/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});
