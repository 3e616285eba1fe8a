/**
 * The shipping state of an exchange's new items, for the shopper's status page: after
 * `returnProcess` Shopify adds the exchange items to the order as line items with their own
 * fulfillment orders; once the merchant fulfils them, the order's fulfillments carry the
 * tracking. One query (fixed small page sizes, far below the 1,000-point ceiling).
 */
import type { AdminClient, AdminDocument } from "./client.server";
import type { ExchangeShippingQuery, ExchangeShippingQueryVariables } from "./generated/admin.types";

export const EXCHANGE_SHIPPING_QUERY = `#graphql
  query ExchangeShipping($id: ID!) {
    return(id: $id) {
      exchangeLineItems(first: 10) {
        nodes {
          title
          variantTitle
          lineItems { id quantity unfulfilledQuantity }
        }
      }
      order {
        fulfillments(first: 20) {
          status
          trackingInfo(first: 1) { number url company }
          fulfillmentLineItems(first: 10) { nodes { lineItem { id } } }
        }
      }
    }
  }
` as AdminDocument<ExchangeShippingQuery, ExchangeShippingQueryVariables>;

export type ExchangeShippingState = "UNFULFILLED" | "IN_PROGRESS" | "FULFILLED";

export interface ExchangeShipping {
  items: string[];
  state: ExchangeShippingState;
  tracking: { number: string | null; url: string | null; company: string | null } | null;
}

export async function fetchExchangeShipping(client: AdminClient, shopifyReturnId: string): Promise<ExchangeShipping | null> {
  const { data } = await client.request(EXCHANGE_SHIPPING_QUERY, { id: shopifyReturnId });
  const ret = data.return;
  if (!ret) return null;
  const nodes = ret.exchangeLineItems.nodes;
  if (nodes.length === 0) return null;
  const lineItems = nodes.flatMap((n) => n.lineItems ?? []);
  const ids = new Set(lineItems.map((li) => li.id));
  const unfulfilled = lineItems.reduce((a, li) => a + li.unfulfilledQuantity, 0);
  const total = lineItems.reduce((a, li) => a + li.quantity, 0);
  const shipped = (ret.order.fulfillments ?? []).filter(
    (f) => f.status === "SUCCESS" && f.fulfillmentLineItems.nodes.some((n) => ids.has(n.lineItem.id)),
  );
  const info = shipped.flatMap((f) => f.trackingInfo)[0] ?? null;
  return {
    items: nodes.map((n) => [n.title, n.variantTitle].filter(Boolean).join(" – ")),
    state: total > 0 && unfulfilled === 0 ? "FULFILLED" : unfulfilled < total ? "IN_PROGRESS" : "UNFULFILLED",
    tracking: info ? { number: info.number ?? null, url: info.url ?? null, company: info.company ?? null } : null,
  };
}
