/**
 * What a return slip needs from Shopify, in one small query: the shop's name, where
 * returns are received (the first active location that fulfils online
 * orders, else the first active one), the order's shipping address (the sender) and the
 * returned products' types (furniture gets its own packing advice).
 */
import type { AdminClient, AdminDocument } from "./client.server";
import type {
  ReturnSlipContextQuery,
  ReturnSlipContextQueryVariables,
  StorefrontDomainQuery,
  StorefrontDomainQueryVariables,
} from "./generated/admin.types";

export const RETURN_SLIP_CONTEXT_QUERY = `#graphql
  query ReturnSlipContext($orderId: ID!, $productIds: [ID!]!) {
    shop { name }
    products: nodes(ids: $productIds) {
      ... on Product { id productType }
    }
    order(id: $orderId) {
      shippingAddress { name address1 address2 zip city country }
    }
    locations(first: 10) {
      nodes {
        id
        name
        isActive
        fulfillsOnlineOrders
        address { address1 address2 zip city country }
      }
    }
  }
` as AdminDocument<ReturnSlipContextQuery, ReturnSlipContextQueryVariables>;

export interface SlipContext {
  shopName: string;
  returnAddress: string[];
  senderAddress: string[];
  /** productId → product type, for the per-product-kind packing guide. */
  productTypes: Record<string, string>;
}

const lines = (a: { name?: string | null; address1?: string | null; address2?: string | null; zip?: string | null; city?: string | null; country?: string | null } | null | undefined) =>
  a
    ? [a.name, a.address1, a.address2, [a.zip, a.city].filter(Boolean).join(" "), a.country].filter((x): x is string => !!x && x.trim() !== "")
    : [];

export async function fetchSlipContext(client: AdminClient, orderId: string, productIds: string[]): Promise<SlipContext> {
  const { data } = await client.request(RETURN_SLIP_CONTEXT_QUERY, { orderId, productIds: productIds.slice(0, 50) });
  const productTypes: Record<string, string> = {};
  for (const node of data.products) if (node && "productType" in node) productTypes[node.id] = node.productType;
  const active = data.locations.nodes.filter((l) => l.isActive);
  const receiving = active.find((l) => l.fulfillsOnlineOrders) ?? active[0] ?? null;
  return {
    shopName: data.shop.name,
    returnAddress: lines(receiving?.address),
    senderAddress: lines(data.order?.shippingAddress),
    productTypes,
  };
}

export const STOREFRONT_DOMAIN_QUERY = `#graphql
  query StorefrontDomain {
    shop { primaryDomain { url } }
  }
` as AdminDocument<StorefrontDomainQuery, StorefrontDomainQueryVariables>;

/** The shop's primary storefront URL ("https://example.com"): links in e-mails and QR codes must be absolute. */
export async function fetchStorefrontUrl(client: AdminClient): Promise<string> {
  const { data } = await client.request(STOREFRONT_DOMAIN_QUERY);
  return data.shop.primaryDomain.url;
}
