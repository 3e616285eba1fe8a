/** The built extension stays within half of Shopify's 64 KB (compressed) limit for UI extensions. */
import { describe, expect, it } from "vitest";
import { bundleCustomerAccountExtension, SHOPIFY_BUNDLE_LIMIT_BYTES } from "../../../scripts/customer-account-extension";

describe("customer-account-returns bundle", () => {
  it("is at most half of Shopify's limit, gzip-compressed, with all four targets", async () => {
    const { code, gzipBytes } = await bundleCustomerAccountExtension();
    expect(code).toContain("customer-account.order.action.menu-item.render");
    expect(code).toContain("customer-account.order-status.cart-line-list.render-after");
    expect(code).toContain("customer-account.order-status.return-details.render-after");
    expect(gzipBytes).toBeLessThanOrEqual(SHOPIFY_BUNDLE_LIMIT_BYTES / 2);
  });
});
