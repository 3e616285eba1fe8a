/** Variants offered in exchange: price (shop currency) and whether there is stock. */
import type { AdminClient, AdminDocument } from "./client.server";
import type {
  ProductVariantsForExchangeQuery,
  ProductVariantsForExchangeQueryVariables,
  VariantsForExchangeQuery,
  VariantsForExchangeQueryVariables,
} from "./generated/admin.types";
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

export const PRODUCT_VARIANTS_QUERY = `#graphql
  query ProductVariantsForExchange($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        variants(first: 30) {
          nodes { id title availableForSale inventoryQuantity }
        }
      }
    }
  }
` as AdminDocument<ProductVariantsForExchangeQuery, ProductVariantsForExchangeQueryVariables>;

/** productId → its variants with stock, for the shopper's exchange choice. */
export async function fetchProductVariants(
  client: AdminClient,
  productIds: string[],
): Promise<Map<string, { id: string; title: string; available: number }[]>> {
  const result = new Map<string, { id: string; title: string; available: number }[]>();
  if (productIds.length === 0) return result;
  const { data } = await client.request(PRODUCT_VARIANTS_QUERY, { ids: productIds.slice(0, 25) });
  for (const node of data.nodes) {
    if (!node || !("variants" in node)) continue;
    result.set(
      node.id,
      node.variants.nodes.map((v) => ({ id: v.id, title: v.title, available: v.availableForSale ? Math.max(0, v.inventoryQuantity ?? 0) : 0 })),
    );
  }
  return result;
}
