/**
 * getShopInfo sends the ShopInfo document and returns the shop as Shopify describes it.
 */
import { describe, expect, it } from "vitest";
import { ThrottleBucket, createAdminClient } from "./client.server";
import { getShopInfo } from "./shop.server";

describe("getShopInfo", () => {
  it("GIVEN a shop WHEN its info is read THEN name, currency and time zone come back typed", async () => {
    const shop = {
      id: "gid://shopify/Shop/1",
      name: "Nordic Demo",
      myshopifyDomain: "nordic-demo.myshopify.com",
      currencyCode: "SEK",
      ianaTimezone: "Europe/Stockholm",
    };
    const sent: unknown[] = [];
    const client = createAdminClient({
      shop: "nordic-demo.myshopify.com",
      accessToken: "t",
      origin: "http://stand-in.test",
      throttleBucket: new ThrottleBucket(),
      fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
        sent.push(JSON.parse(String(init?.body)));
        return Response.json({ data: { shop } });
      }) as typeof fetch,
    });

    const info = await getShopInfo(client);

    expect(info).toEqual(shop);
    expect(info.currencyCode satisfies string).toBe("SEK");
    expect(sent).toEqual([expect.objectContaining({ operationName: "ShopInfo" })]);
  });
});
