/**
 * The shop's own settings the app needs: display name, currency (for money parsing and
 * formatting) and time zone (for return windows and dates shown to the merchant).
 */
import type { AdminClient, AdminDocument } from "./client.server";
import type { ShopInfoQuery, ShopInfoQueryVariables } from "./generated/admin.types";

export const SHOP_INFO_QUERY = `#graphql
  query ShopInfo {
    shop {
      id
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
  }
` as AdminDocument<ShopInfoQuery, ShopInfoQueryVariables>;

export type ShopInfo = ShopInfoQuery["shop"];

export async function getShopInfo(client: AdminClient, signal?: AbortSignal): Promise<ShopInfo> {
  const { data } = await client.request(SHOP_INFO_QUERY, {}, { signal });
  return data.shop;
}
