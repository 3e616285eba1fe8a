/**
 * What the shop sold, for return rates: paged `orders` reads (not a bulk operation — see
 * docs/analytics.md: the first fill is a few hundred small pages, after that each read asks
 * only for orders updated since the last one, and a bulk operation's asynchronous JSONL
 * download would need a job runner and a webhook for no gain at these sizes).
 *
 * Costs (Shopify's calculated query cost, each line ≈ 9 points: two objects and two money
 * bags): SalesOrdersPage = 5 orders × (2 + 15 lines × 9) ≈ 690 points; the lines page of
 * a longer order 60 × 9 ≈ 545; ProductFacts = 25 products × (1 + 10 collections) ≈ 277.
 * All stay under the 1,000-point ceiling (tests/graphql checks every document).
 */
import type { AdminClient, AdminDocument } from "./client.server";
import type {
  SalesOrderLinesPageQuery,
  SalesOrderLinesPageQueryVariables,
  SalesOrdersPageQuery,
  SalesOrdersPageQueryVariables,
  ProductFactsQuery,
  ProductFactsQueryVariables,
  ReceivingLocationsQuery,
  ReceivingLocationsQueryVariables,
} from "./generated/admin.types";
import { minorUnitDigits, toMinorUnits } from "./money";

export const SALES_ORDERS_PAGE_QUERY = `#graphql
  query SalesOrdersPage($query: String!, $after: String, $sortKey: OrderSortKeys!, $reverse: Boolean!) {
    orders(first: 5, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
      nodes {
        id
        processedAt
        updatedAt
        cancelledAt
        presentmentCurrencyCode
        lineItems(first: 15) {
          nodes {
            id
            title
            variantTitle
            quantity
            variant { id }
            product { id }
            originalTotalSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
            totalDiscountSet { shopMoney { amount } presentmentMoney { amount } }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
` as AdminDocument<SalesOrdersPageQuery, SalesOrdersPageQueryVariables>;

export const SALES_ORDER_LINES_PAGE_QUERY = `#graphql
  query SalesOrderLinesPage($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 60, after: $after) {
        nodes {
          id
          title
          variantTitle
          quantity
          variant { id }
          product { id }
          originalTotalSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          totalDiscountSet { shopMoney { amount } presentmentMoney { amount } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
` as AdminDocument<SalesOrderLinesPageQuery, SalesOrderLinesPageQueryVariables>;

export const RECEIVING_LOCATIONS_QUERY = `#graphql
  query ReceivingLocations {
    locations(first: 50) {
      nodes { id name fulfillsOnlineOrders }
    }
  }
` as AdminDocument<ReceivingLocationsQuery, ReceivingLocationsQueryVariables>;

export interface ReceivingLocations {
  names: Record<string, string>;
  /** Where parcels are expected by default: the first location that ships online orders. */
  defaultLocationId: string | null;
}

export async function fetchReceivingLocations(client: AdminClient): Promise<ReceivingLocations> {
  const { data } = await client.request(RECEIVING_LOCATIONS_QUERY);
  const nodes = data.locations.nodes;
  return {
    names: Object.fromEntries(nodes.map((l) => [l.id, l.name])),
    defaultLocationId: (nodes.find((l) => l.fulfillsOnlineOrders) ?? nodes[0])?.id ?? null,
  };
}

export const PRODUCT_FACTS_QUERY = `#graphql
  query ProductFacts($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
        productType
        vendor
        collections(first: 10) { nodes { id title } }
      }
    }
  }
` as AdminDocument<ProductFactsQuery, ProductFactsQueryVariables>;

export interface SoldLine {
  orderId: string;
  lineItemId: string;
  processedAt: Date;
  cancelled: boolean;
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  shopAmount: number;
  currency: string;
  amount: number;
}

export interface SoldOrdersPage {
  lines: SoldLine[];
  /** Highest `updatedAt` on this page. */
  maxUpdatedAt: Date | null;
  /** Lowest `processedAt` on this page. */
  minProcessedAt: Date | null;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Shopify's converted shop money can carry more decimals than the currency has; round it. */
function minor(amount: string, currency: string): number {
  try {
    return toMinorUnits(amount, currency);
  } catch {
    return Math.round(Number(amount) * 10 ** minorUnitDigits(currency));
  }
}

type LineNode = SalesOrdersPageQuery["orders"]["nodes"][number]["lineItems"]["nodes"][number];

function toSoldLine(order: { id: string; processedAt: string; cancelledAt?: string | null }, node: LineNode): SoldLine {
  const shopCurrency = node.originalTotalSet.shopMoney.currencyCode;
  const currency = node.originalTotalSet.presentmentMoney.currencyCode;
  return {
    orderId: order.id,
    lineItemId: node.id,
    processedAt: new Date(order.processedAt),
    cancelled: Boolean(order.cancelledAt),
    productId: node.product?.id ?? null,
    variantId: node.variant?.id ?? null,
    title: node.title,
    variantTitle: node.variantTitle ?? null,
    quantity: node.quantity,
    shopAmount: minor(node.originalTotalSet.shopMoney.amount, shopCurrency) - minor(node.totalDiscountSet.shopMoney.amount, shopCurrency),
    currency,
    amount: minor(node.originalTotalSet.presentmentMoney.amount, currency) - minor(node.totalDiscountSet.presentmentMoney.amount, currency),
  };
}

/** Search syntax for "updated at or after" an instant. */
export function updatedSinceQuery(since: Date): string {
  return `updated_at:>='${since.toISOString()}'`;
}

/** Search syntax for "processed in [from, to)". */
export function processedBetweenQuery(from: Date, to: Date): string {
  return `processed_at:>='${from.toISOString()}' processed_at:<'${to.toISOString()}'`;
}

/**
 * One page of orders matching `query`, with all their lines: "updated" order = by
 * updatedAt, oldest first (incremental reads); "processed-desc" = newest processed first
 * (filling the past, so progress can be kept as "copied back to").
 */
export async function fetchSoldOrdersPage(client: AdminClient, query: string, after: string | null, order: "updated" | "processed-desc" = "updated"): Promise<SoldOrdersPage> {
  const { data } = await client.request(SALES_ORDERS_PAGE_QUERY, {
    query,
    after,
    sortKey: order === "updated" ? "UPDATED_AT" : "PROCESSED_AT",
    reverse: order !== "updated",
  });
  const lines: SoldLine[] = [];
  let maxUpdatedAt: Date | null = null;
  let minProcessedAt: Date | null = null;
  for (const order of data.orders.nodes) {
    const updatedAt = new Date(order.updatedAt);
    if (!maxUpdatedAt || updatedAt > maxUpdatedAt) maxUpdatedAt = updatedAt;
    const processedAt = new Date(order.processedAt);
    if (!minProcessedAt || processedAt < minProcessedAt) minProcessedAt = processedAt;
    for (const node of order.lineItems.nodes) lines.push(toSoldLine(order, node));
    let page = order.lineItems.pageInfo;
    while (page.hasNextPage) {
      const more = await client.request(SALES_ORDER_LINES_PAGE_QUERY, { id: order.id, after: page.endCursor });
      if (!more.data.order) break;
      for (const node of more.data.order.lineItems.nodes) lines.push(toSoldLine(order, node));
      page = more.data.order.lineItems.pageInfo;
    }
  }
  return { lines, maxUpdatedAt, minProcessedAt, endCursor: data.orders.pageInfo.endCursor ?? null, hasNextPage: data.orders.pageInfo.hasNextPage };
}

export interface ProductFactNode {
  productId: string;
  title: string;
  productType: string | null;
  vendor: string | null;
  collections: { id: string; title: string }[];
}

/** Type, vendor and collections of up to 25 products. Deleted products are simply absent. */
export async function fetchProductFacts(client: AdminClient, ids: readonly string[]): Promise<ProductFactNode[]> {
  if (ids.length === 0) return [];
  if (ids.length > 25) throw new Error("fetchProductFacts takes at most 25 ids per call.");
  const { data } = await client.request(PRODUCT_FACTS_QUERY, { ids: [...ids] });
  const out: ProductFactNode[] = [];
  for (const node of data.nodes) {
    if (!node || !("id" in node) || !("collections" in node)) continue;
    out.push({
      productId: node.id,
      title: node.title,
      productType: node.productType || null,
      vendor: node.vendor || null,
      collections: node.collections.nodes.map((c) => ({ id: c.id, title: c.title })),
    });
  }
  return out;
}
