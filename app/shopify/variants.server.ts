/** Variants offered in exchange: price (shop currency) and whether there is stock. */
import type { AdminClient, AdminDocument } from "./client.server";
import type { VariantsForExchangeQuery, VariantsForExchangeQueryVariables } from "./generated/admin.types";
import { toMinorUnits } from "./money";

export const VARIANTS_FOR_EXCHANGE_QUERY = `#graphql
  query VariantsForExchange($ids: [ID!]!) {
    shop { currencyCode }
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        displayName
        title
        price
        availableForSale
        inventoryQuantity
        product { id }
      }
    }
  }
` as AdminDocument<VariantsForExchangeQuery, VariantsForExchangeQueryVariables>;

export interface ExchangeVariant {
  id: string;
  displayName: string;
  title: string;
  productId: string;
  /** Minor units of `currency` (the shop's currency). */
  price: number;
  currency: string;
  /** Units that can be sent now (0 when not for sale). */
  available: number;
}

export async function fetchVariantsForExchange(client: AdminClient, ids: string[]): Promise<Map<string, ExchangeVariant>> {
  const result = new Map<string, ExchangeVariant>();
  if (ids.length === 0) return result;
  const { data } = await client.request(VARIANTS_FOR_EXCHANGE_QUERY, { ids });
  const currency = data.shop.currencyCode;
  for (const node of data.nodes) {
    if (!node || !("id" in node) || !("price" in node)) continue;
    result.set(node.id, {
      id: node.id,
      displayName: node.displayName,
      title: node.title,
      productId: node.product.id,
      price: toMinorUnits(String(node.price), currency),
      currency,
      available: node.availableForSale ? Math.max(0, node.inventoryQuantity ?? 0) : 0,
    });
  }
  return result;
}
