/**
 * Reads an order the way the returns engine needs it, and maps it to the domain's
 * OrderSnapshot (integer minor units in the order's presentment currency). Line items
 * and returnable fulfillments are paginated, so orders with hundreds of lines work; each
 * query stays far below the 1,000-point ceiling (docs/lifecycle.md lists the costs).
 */
import type { OrderSnapshot } from "~/domain";
import type { AdminClient, AdminDocument } from "./client.server";
import type {
  OrderForReturnQuery,
  OrderForReturnQueryVariables,
  OrderLineItemsPageQuery,
  OrderLineItemsPageQueryVariables,
  ReturnableFulfillmentsPageQuery,
  ReturnableFulfillmentsPageQueryVariables,
  ReturnableFulfillmentLinesPageQuery,
  ReturnableFulfillmentLinesPageQueryVariables,
  FindOrderByNameQuery,
  FindOrderByNameQueryVariables,
  FulfillmentLinesPageQuery,
  FulfillmentLinesPageQueryVariables,
  StorefrontLookupQuery,
  StorefrontLookupQueryVariables,
} from "./generated/admin.types";
import { toMinorUnits } from "./money";
import { fetchReturnReasons } from "./returns.server";

export const ORDER_FOR_RETURN_QUERY = `#graphql
  query OrderForReturn($id: ID!) {
    order(id: $id) {
      id
      name
      email
      createdAt
      cancelledAt
      taxesIncluded
      presentmentCurrencyCode
      displayFinancialStatus
      tags
      customer { id displayName tags defaultEmailAddress { emailAddress } }
      billingAddress { name }
      shippingAddress { name address1 address2 zip city country }
      totalShippingPriceSet { presentmentMoney { amount } }
      totalRefundedShippingSet { presentmentMoney { amount } }
      transactions(first: 30) {
        id
        kind
        status
        gateway
        processedAt
        createdAt
        amountSet { presentmentMoney { amount } }
        parentTransaction { id }
      }
      fulfillments(first: 10) {
        id
        status
        createdAt
        deliveredAt
        fulfillmentLineItems(first: 8) {
          nodes { id quantity lineItem { id } }
          pageInfo { hasNextPage endCursor }
        }
      }
      lineItems(first: 25) {
        nodes {
          id
          title
          variantTitle
          sku
          quantity
          isGiftCard
          requiresShipping
          weight { unit value }
          originalUnitPriceSet { presentmentMoney { amount } }
          discountAllocations {
            allocatedAmountSet { presentmentMoney { amount } }
            discountApplication { targetSelection allocationMethod }
          }
          taxLines { priceSet { presentmentMoney { amount } } }
          variant { id }
          product { id tags productType collections(first: 5) { nodes { id } } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
` as AdminDocument<OrderForReturnQuery, OrderForReturnQueryVariables>;

export const ORDER_LINE_ITEMS_PAGE_QUERY = `#graphql
  query OrderLineItemsPage($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 25, after: $after) {
        nodes {
          id
          title
          variantTitle
          sku
          quantity
          isGiftCard
          requiresShipping
          weight { unit value }
          originalUnitPriceSet { presentmentMoney { amount } }
          discountAllocations {
            allocatedAmountSet { presentmentMoney { amount } }
            discountApplication { targetSelection allocationMethod }
          }
          taxLines { priceSet { presentmentMoney { amount } } }
          variant { id }
          product { id tags productType collections(first: 5) { nodes { id } } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
` as AdminDocument<OrderLineItemsPageQuery, OrderLineItemsPageQueryVariables>;

export const RETURNABLE_FULFILLMENTS_PAGE_QUERY = `#graphql
  query ReturnableFulfillmentsPage($orderId: ID!, $after: String) {
    returnableFulfillments(orderId: $orderId, first: 5, after: $after) {
      nodes {
        id
        fulfillment { id }
        returnableFulfillmentLineItems(first: 25) {
          nodes { quantity fulfillmentLineItem { id quantity lineItem { id } } }
          pageInfo { hasNextPage endCursor }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
` as AdminDocument<ReturnableFulfillmentsPageQuery, ReturnableFulfillmentsPageQueryVariables>;

export const RETURNABLE_FULFILLMENT_LINES_PAGE_QUERY = `#graphql
  query ReturnableFulfillmentLinesPage($id: ID!, $after: String) {
    returnableFulfillment(id: $id) {
      returnableFulfillmentLineItems(first: 100, after: $after) {
        nodes { quantity fulfillmentLineItem { id quantity lineItem { id } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
` as AdminDocument<ReturnableFulfillmentLinesPageQuery, ReturnableFulfillmentLinesPageQueryVariables>;

export const FULFILLMENT_LINES_PAGE_QUERY = `#graphql
  query FulfillmentLinesPage($id: ID!, $after: String) {
    fulfillment(id: $id) {
      fulfillmentLineItems(first: 100, after: $after) {
        nodes { id quantity lineItem { id } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
` as AdminDocument<FulfillmentLinesPageQuery, FulfillmentLinesPageQueryVariables>;

/** Storefront lookup: Shopify cannot look an order up by name directly (platform §1.6). */
export const FIND_ORDER_BY_NAME_QUERY = `#graphql
  query FindOrderByName($query: String!) {
    orders(first: 5, query: $query, sortKey: PROCESSED_AT, reverse: true) {
      nodes { id name email shippingAddress { zip } customer { id defaultEmailAddress { emailAddress } } }
    }
  }
` as AdminDocument<FindOrderByNameQuery, FindOrderByNameQueryVariables>;

/**
 * Storefront lookup in ONE call after the order was found by name: the order (as in
 * OrderForReturn, with smaller first pages: 10 lines), its first page of returnable fulfillments, the shop's
 * return reasons and, per line, the product's first variants for the exchange choice (kept
 * under the 1,000-point ceiling by the smaller pages). Larger orders, products and reason
 * lists still page through the usual queries, so nothing is lost.
 */
export const STOREFRONT_LOOKUP_QUERY = `#graphql
  query StorefrontLookup($id: ID!) {
    order(id: $id) {
      id
      name
      email
      createdAt
      cancelledAt
      taxesIncluded
      presentmentCurrencyCode
      displayFinancialStatus
      tags
      customer { id displayName tags defaultEmailAddress { emailAddress } }
      billingAddress { name }
      shippingAddress { name address1 address2 zip city country }
      totalShippingPriceSet { presentmentMoney { amount } }
      totalRefundedShippingSet { presentmentMoney { amount } }
      transactions(first: 30) {
        id
        kind
        status
        gateway
        processedAt
        createdAt
        amountSet { presentmentMoney { amount } }
        parentTransaction { id }
      }
      fulfillments(first: 10) {
        id
        status
        createdAt
        deliveredAt
        fulfillmentLineItems(first: 4) {
          nodes { id quantity lineItem { id } }
          pageInfo { hasNextPage endCursor }
        }
      }
      lineItems(first: 10) {
        nodes {
          id
          title
          variantTitle
          sku
          quantity
          isGiftCard
          requiresShipping
          weight { unit value }
          originalUnitPriceSet { presentmentMoney { amount } }
          discountAllocations {
            allocatedAmountSet { presentmentMoney { amount } }
            discountApplication { targetSelection allocationMethod }
          }
          taxLines { priceSet { presentmentMoney { amount } } }
          variant { id }
          product {
            id
            tags
            productType
            collections(first: 5) { nodes { id } }
            variants(first: 10) {
              nodes { id title availableForSale inventoryQuantity }
              pageInfo { hasNextPage }
            }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
    returnableFulfillments(orderId: $id, first: 3) {
      nodes {
        id
        fulfillment { id }
        returnableFulfillmentLineItems(first: 15) {
          nodes { quantity fulfillmentLineItem { id quantity lineItem { id } } }
          pageInfo { hasNextPage endCursor }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
    returnReasonDefinitions(first: 50, query: "deleted:false") {
      nodes { id handle name }
      pageInfo { hasNextPage }
    }
  }
` as AdminDocument<StorefrontLookupQuery, StorefrontLookupQueryVariables>;

type LineItemNode = NonNullable<OrderForReturnQuery["order"]>["lineItems"]["nodes"][number];

const FINANCIAL: Record<string, OrderSnapshot["financialStatus"]> = {
  PAID: "PAID",
  PARTIALLY_PAID: "PARTIALLY_PAID",
  PARTIALLY_REFUNDED: "PARTIALLY_REFUNDED",
  REFUNDED: "REFUNDED",
  PENDING: "PENDING",
  AUTHORIZED: "AUTHORIZED",
  VOIDED: "VOIDED",
  EXPIRED: "EXPIRED",
};

function grams(weight: { unit: string; value: number } | null | undefined): number {
  if (!weight) return 0;
  const factor: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };
  return Math.round(weight.value * (factor[weight.unit] ?? 1));
}

function mapLineItem(node: LineItemNode, currency: string): OrderSnapshot["lineItems"][number] {
  const minor = (amount: string) => toMinorUnits(amount, currency);
  let lineDiscount = 0;
  let orderDiscount = 0;
  for (const allocation of node.discountAllocations) {
    const amount = minor(allocation.allocatedAmountSet.presentmentMoney.amount);
    // An order-level discount ("ALL" lines, allocated ACROSS) is D_order; a discount
    // aimed at this line (ENTITLED/EXPLICIT selection) is D_line (docs/refund-arithmetic.md).
    if (allocation.discountApplication.targetSelection === "ALL") orderDiscount += amount;
    else lineDiscount += amount;
  }
  return {
    id: node.id,
    variantId: node.variant?.id ?? null,
    productId: node.product?.id ?? null,
    title: node.title,
    variantTitle: node.variantTitle ?? null,
    sku: node.sku ?? null,
    quantity: node.quantity,
    originalUnitPrice: minor(node.originalUnitPriceSet.presentmentMoney.amount),
    lineDiscount,
    orderDiscount,
    tax: node.taxLines.reduce((acc, t) => acc + minor(t.priceSet.presentmentMoney.amount), 0),
    productTags: node.product?.tags ?? [],
    productType: node.product?.productType ?? "",
    collectionIds: node.product?.collections.nodes.map((c) => c.id) ?? [],
    isGiftCard: node.isGiftCard,
    requiresShipping: node.requiresShipping,
    grams: grams(node.weight),
  };
}

export class OrderNotFoundError extends Error {
  constructor(public readonly orderId: string) {
    super(`Order ${orderId} was not found in Shopify.`);
    this.name = "OrderNotFoundError";
  }
}

/**
 * Loads the order, all its line items and its returnable fulfillment lines.
 * Costs 1 query for orders up to 25 lines and 10 fulfillments with ≤ 50 lines each,
 * plus one per further page.
 */
export async function fetchOrderSnapshot(client: AdminClient, orderId: string): Promise<OrderSnapshot> {
  const { data } = await client.request(ORDER_FOR_RETURN_QUERY, { id: orderId });
  if (!data.order) throw new OrderNotFoundError(orderId);
  return snapshotFrom(client, orderId, data.order, null);
}

type OrderNode = NonNullable<OrderForReturnQuery["order"]>;

/**
 * Maps a fetched order to the snapshot, paging what the first answer didn't hold. With
 * `returnableFirstPage` (from a combined query) the returnable fulfillments start from it.
 */
async function snapshotFrom(
  client: AdminClient,
  orderId: string,
  order: OrderNode,
  returnableFirstPage: ReturnableFulfillmentsPageQuery["returnableFulfillments"] | null,
): Promise<OrderSnapshot> {
  const currency = order.presentmentCurrencyCode;
  const minor = (amount: string) => toMinorUnits(amount, currency);

  const lineNodes = [...order.lineItems.nodes];
  let page = order.lineItems.pageInfo;
  while (page.hasNextPage) {
    const next = await client.request(ORDER_LINE_ITEMS_PAGE_QUERY, { id: orderId, after: page.endCursor });
    if (!next.data.order) throw new OrderNotFoundError(orderId);
    lineNodes.push(...next.data.order.lineItems.nodes);
    page = next.data.order.lineItems.pageInfo;
  }

  const returnable = await fetchReturnableLines(client, orderId, returnableFirstPage);
  const shippingTotal = minor(order.totalShippingPriceSet.presentmentMoney.amount);
  const shippingRefunded = minor(order.totalRefundedShippingSet.presentmentMoney.amount);

  return {
    id: order.id,
    name: order.name,
    currency,
    taxesIncluded: order.taxesIncluded,
    createdAt: order.createdAt,
    cancelledAt: order.cancelledAt ?? null,
    financialStatus: FINANCIAL[order.displayFinancialStatus ?? ""] ?? "PENDING",
    email: order.email ?? null,
    contactName: order.customer?.displayName || order.billingAddress?.name || order.shippingAddress?.name || null,
    shippingAddressLines: order.shippingAddress
      ? [
          order.shippingAddress.name,
          order.shippingAddress.address1,
          order.shippingAddress.address2,
          [order.shippingAddress.zip, order.shippingAddress.city].filter(Boolean).join(" "),
          order.shippingAddress.country,
        ].filter((x): x is string => !!x && x.trim() !== "")
      : [],
    customer: order.customer
      ? {
          id: order.customer.id,
          email: order.customer.defaultEmailAddress?.emailAddress ?? null,
          tags: order.customer.tags,
        }
      : null,
    tags: order.tags,
    shippingLines: shippingTotal
      ? [{ price: shippingTotal, discountedPrice: shippingTotal, refundableRemaining: Math.max(0, shippingTotal - shippingRefunded) }]
      : [],
    transactions: order.transactions.map((t) => ({
      id: t.id,
      kind: t.kind as OrderSnapshot["transactions"][number]["kind"],
      status: t.status as OrderSnapshot["transactions"][number]["status"],
      gateway: t.gateway ?? "manual",
      amount: minor(t.amountSet.presentmentMoney.amount),
      parentId: t.parentTransaction?.id ?? null,
      processedAt: t.processedAt ?? t.createdAt,
    })),
    lineItems: lineNodes.map((node) => mapLineItem(node, currency)),
    fulfillments: await Promise.all(
      order.fulfillments.map(async (f) => ({
        id: f.id,
        createdAt: f.createdAt,
        deliveredAt: f.deliveredAt ?? null,
        status: f.status as OrderSnapshot["fulfillments"][number]["status"],
        lines: await allFulfillmentLines(client, f.id, f.fulfillmentLineItems),
      })),
    ),
    returnableQuantities: returnable.quantities,
  };
}

type FulfillmentLineConnection = {
  nodes: { id: string; quantity?: number | null; lineItem: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

/** Every line of a fulfillment (returned ones too, so eligibility can say "already returned"). */
async function allFulfillmentLines(client: AdminClient, fulfillmentId: string, first: FulfillmentLineConnection) {
  const nodes = [...first.nodes];
  let page = first.pageInfo;
  while (page.hasNextPage) {
    const { data }: { data: FulfillmentLinesPageQuery } = await client.request(FULFILLMENT_LINES_PAGE_QUERY, { id: fulfillmentId, after: page.endCursor });
    const conn = data.fulfillment?.fulfillmentLineItems;
    if (!conn) break;
    nodes.push(...conn.nodes);
    page = conn.pageInfo;
  }
  return nodes
    .filter((n) => (n.quantity ?? 0) > 0)
    .map((n) => ({ fulfillmentLineItemId: n.id, lineItemId: n.lineItem.id, quantity: n.quantity ?? 0 }));
}

async function fetchReturnableLines(client: AdminClient, orderId: string, firstPage: ReturnableFulfillmentsPageQuery["returnableFulfillments"] | null = null) {
  const linesByFulfillment = new Map<string, OrderSnapshot["fulfillments"][number]["lines"]>();
  const quantities: Record<string, number> = {};
  type LineNode = {
    quantity: number;
    fulfillmentLineItem: { id: string; quantity?: number | null; lineItem: { id: string } };
  };
  const add = (fulfillmentId: string, nodes: LineNode[]) => {
    const lines = linesByFulfillment.get(fulfillmentId) ?? [];
    for (const n of nodes) {
      lines.push({
        fulfillmentLineItemId: n.fulfillmentLineItem.id,
        lineItemId: n.fulfillmentLineItem.lineItem.id,
        quantity: n.fulfillmentLineItem.quantity ?? n.quantity,
      });
      quantities[n.fulfillmentLineItem.id] = n.quantity;
    }
    linesByFulfillment.set(fulfillmentId, lines);
  };
  let after: string | null = null;
  let prefetched = firstPage;
  do {
    const page: ReturnableFulfillmentsPageQuery["returnableFulfillments"] =
      prefetched ?? (await client.request(RETURNABLE_FULFILLMENTS_PAGE_QUERY, { orderId, after })).data.returnableFulfillments;
    prefetched = null;
    for (const rf of page.nodes) {
      add(rf.fulfillment.id, rf.returnableFulfillmentLineItems.nodes);
      let inner = rf.returnableFulfillmentLineItems.pageInfo;
      while (inner.hasNextPage) {
        const more: { data: ReturnableFulfillmentLinesPageQuery } = await client.request(
          RETURNABLE_FULFILLMENT_LINES_PAGE_QUERY,
          { id: rf.id, after: inner.endCursor },
        );
        const conn = more.data.returnableFulfillment?.returnableFulfillmentLineItems;
        if (!conn) break;
        add(rf.fulfillment.id, conn.nodes);
        inner = conn.pageInfo;
      }
    }
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after);
  return { linesByFulfillment, quantities };
}

export interface StorefrontLookupData {
  order: OrderSnapshot;
  reasons: { id: string; handle: string; name: string }[];
  /** productId → variants with stock, for products whose variants all came in the answer. */
  variants: Map<string, { id: string; title: string; available: number }[]>;
  /** Products with more variants than the answer held (read them with fetchProductVariants). */
  moreVariants: string[];
}

/** The storefront lookup's one call (STOREFRONT_LOOKUP_QUERY), plus pages only for large orders. */
export async function fetchStorefrontLookup(client: AdminClient, orderId: string): Promise<StorefrontLookupData> {
  const { data } = await client.request(STOREFRONT_LOOKUP_QUERY, { id: orderId });
  if (!data.order) throw new OrderNotFoundError(orderId);
  const order = await snapshotFrom(client, orderId, data.order, data.returnableFulfillments);
  const variants = new Map<string, { id: string; title: string; available: number }[]>();
  const moreVariants = new Set<string>();
  for (const li of data.order.lineItems.nodes) {
    const product = li.product;
    if (!product) continue;
    if (product.variants.pageInfo.hasNextPage) moreVariants.add(product.id);
    else
      variants.set(
        product.id,
        product.variants.nodes.map((v) => ({ id: v.id, title: v.title, available: v.availableForSale ? Math.max(0, v.inventoryQuantity ?? 0) : 0 })),
      );
  }
  const reasons = data.returnReasonDefinitions.pageInfo.hasNextPage ? await fetchReturnReasons(client) : data.returnReasonDefinitions.nodes;
  return { order, reasons, variants, moreVariants: [...moreVariants] };
}
