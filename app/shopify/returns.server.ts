/**
 * Shopify's Return objects: the documents of every lifecycle step (shopify-platform.md §1)
 * and a snapshot query the app reconciles against. Each mutation checks userErrors and
 * throws ShopifyUserErrors with Shopify's code and message. None of these mutations
 * supports @idempotent, so callers (services) make them safe to repeat: they re-read the
 * Return after an unknown outcome instead of sending the mutation again blindly.
 */
import type { AdminClient, AdminDocument } from "./client.server";
import { unwrapMutation } from "./errors";
import type * as T from "./generated/admin.types";

// ---------------------------------------------------------------------------------------
// Reading

export const RETURN_STATE_QUERY = `#graphql
  query ReturnState($id: ID!) {
    return(id: $id) {
      id
      name
      status
      createdAt
      requestApprovedAt
      closedAt
      decline { reason note }
      order { id name }
      returnLineItems(first: 50) {
        nodes {
          id
          quantity
          processedQuantity
          customerNote
          returnReasonDefinition { id handle }
          ... on ReturnLineItem {
            fulfillmentLineItem {
              id
              lineItem {
                id
                title
                variantTitle
                sku
                product { id }
                originalUnitPriceSet { presentmentMoney { amount currencyCode } }
              }
            }
            restockingFee { percentage }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
      exchangeLineItems(first: 20) {
        nodes { id quantity processedQuantity variantId }
      }
      reverseFulfillmentOrders(first: 2) {
        nodes {
          id
          status
          lineItems(first: 50) {
            nodes {
              id
              totalQuantity
              fulfillmentLineItem { id }
              dispositions { type quantity location { id } }
            }
            pageInfo { hasNextPage endCursor }
          }
          reverseDeliveries(first: 3) {
            nodes {
              id
              deliverable {
                ... on ReverseDeliveryShippingDeliverable {
                  tracking { number url carrierName }
                  label { publicFileUrl }
                }
              }
            }
          }
        }
      }
      refunds(first: 10) {
        nodes { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
      }
    }
  }
` as AdminDocument<T.ReturnStateQuery, T.ReturnStateQueryVariables>;

export const RETURN_LINE_ITEMS_PAGE_QUERY = `#graphql
  query ReturnLineItemsPage($id: ID!, $after: String) {
    return(id: $id) {
      returnLineItems(first: 50, after: $after) {
        nodes {
          id
          quantity
          processedQuantity
          customerNote
          returnReasonDefinition { id handle }
          ... on ReturnLineItem {
            fulfillmentLineItem {
              id
              lineItem {
                id
                title
                variantTitle
                sku
                product { id }
                originalUnitPriceSet { presentmentMoney { amount currencyCode } }
              }
            }
            restockingFee { percentage }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
` as AdminDocument<T.ReturnLineItemsPageQuery, T.ReturnLineItemsPageQueryVariables>;

export const REVERSE_FULFILLMENT_ORDER_LINES_PAGE_QUERY = `#graphql
  query ReverseFulfillmentOrderLinesPage($id: ID!, $after: String) {
    reverseFulfillmentOrder(id: $id) {
      lineItems(first: 100, after: $after) {
        nodes {
          id
          totalQuantity
          fulfillmentLineItem { id }
          dispositions { type quantity location { id } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
` as AdminDocument<T.ReverseFulfillmentOrderLinesPageQuery, T.ReverseFulfillmentOrderLinesPageQueryVariables>;

export type ShopifyReturn = NonNullable<T.ReturnStateQuery["return"]>;

/**
 * The Return with ALL its return lines and reverse-fulfillment lines: the first 50 of each
 * come with the main query (895 points), more are paged (one query per 50 / 100 lines).
 */
export async function fetchReturn(client: AdminClient, id: string): Promise<ShopifyReturn | null> {
  const { data } = await client.request(RETURN_STATE_QUERY, { id });
  const ret = data.return;
  if (!ret) return null;
  let page = ret.returnLineItems.pageInfo;
  while (page.hasNextPage) {
    const next: { data: T.ReturnLineItemsPageQuery } = await client.request(RETURN_LINE_ITEMS_PAGE_QUERY, { id, after: page.endCursor });
    const conn = next.data.return?.returnLineItems;
    if (!conn) break;
    ret.returnLineItems.nodes.push(...(conn.nodes as typeof ret.returnLineItems.nodes));
    page = conn.pageInfo;
  }
  for (const rfo of ret.reverseFulfillmentOrders.nodes) {
    let rfoPage = rfo.lineItems.pageInfo;
    while (rfoPage.hasNextPage) {
      const next: { data: T.ReverseFulfillmentOrderLinesPageQuery } = await client.request(REVERSE_FULFILLMENT_ORDER_LINES_PAGE_QUERY, {
        id: rfo.id,
        after: rfoPage.endCursor,
      });
      const conn = next.data.reverseFulfillmentOrder?.lineItems;
      if (!conn) break;
      rfo.lineItems.nodes.push(...conn.nodes);
      rfoPage = conn.pageInfo;
    }
  }
  return ret;
}

export const ORDER_RETURNS_QUERY = `#graphql
  query OrderReturns($orderId: ID!) {
    order(id: $orderId) {
      id
      returns(first: 10, reverse: true) {
        nodes {
          id
          status
          createdAt
          returnLineItems(first: 25) {
            nodes {
              quantity
              ... on ReturnLineItem { fulfillmentLineItem { id } }
            }
            pageInfo { hasNextPage }
          }
        }
      }
    }
  }
` as AdminDocument<T.OrderReturnsQuery, T.OrderReturnsQueryVariables>;

/** The order's recent returns, newest first (to link a return a crash left unlinked). */
export async function fetchOrderReturns(client: AdminClient, orderId: string) {
  const { data } = await client.request(ORDER_RETURNS_QUERY, { orderId });
  return data.order?.returns.nodes ?? [];
}

export const RECENTLY_UPDATED_ORDERS_WITH_RETURNS_QUERY = `#graphql
  query RecentlyUpdatedOrdersWithReturns($query: String!, $after: String) {
    orders(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes { id returns(first: 5, reverse: true) { nodes { id status } } }
      pageInfo { hasNextPage endCursor }
    }
  }
` as AdminDocument<T.RecentlyUpdatedOrdersWithReturnsQuery, T.RecentlyUpdatedOrdersWithReturnsQueryVariables>;

/** Return ids on orders updated since `since` (ISO), for the reconciliation job. */
export async function listRecentReturnIds(client: AdminClient, since: string, maxPages = 10): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const { data }: { data: T.RecentlyUpdatedOrdersWithReturnsQuery } = await client.request(
      RECENTLY_UPDATED_ORDERS_WITH_RETURNS_QUERY,
      { query: `updated_at:>='${since}' AND NOT return_status:no_return`, after },
    );
    for (const order of data.orders.nodes) for (const r of order.returns.nodes) ids.push(r.id);
    if (!data.orders.pageInfo.hasNextPage) break;
    after = data.orders.pageInfo.endCursor ?? null;
  }
  return ids;
}

export const SUGGESTED_OUTCOME_QUERY = `#graphql
  query SuggestedReturnOutcome(
    $id: ID!
    $returnLineItems: [SuggestedOutcomeReturnLineItemInput!]!
    $exchangeLineItems: [SuggestedOutcomeExchangeLineItemInput!]!
    $refundShipping: RefundShippingInput
    $allocation: RefundMethodAllocation
  ) {
    return(id: $id) {
      id
      suggestedFinancialOutcome(
        returnLineItems: $returnLineItems
        exchangeLineItems: $exchangeLineItems
        refundShipping: $refundShipping
        refundMethodAllocation: $allocation
      ) {
        discountedSubtotal { presentmentMoney { amount currencyCode } }
        totalAdditionalFees { presentmentMoney { amount } }
        totalTax { presentmentMoney { amount } }
        maximumRefundable { presentmentMoney { amount } }
        totalCartDiscountAmount { presentmentMoney { amount } }
        shipping { amountSet { presentmentMoney { amount } } }
        financialTransfer {
          __typename
          ... on RefundReturnOutcome {
            amount { presentmentMoney { amount currencyCode } }
            suggestedTransactions {
              amountSet { presentmentMoney { amount currencyCode } }
              gateway
              parentTransaction { id }
            }
            suggestedRefundMethods {
              __typename
              amount { presentmentMoney { amount } }
            }
          }
          ... on InvoiceReturnOutcome {
            amount { presentmentMoney { amount currencyCode } }
          }
        }
      }
    }
  }
` as AdminDocument<T.SuggestedReturnOutcomeQuery, T.SuggestedReturnOutcomeQueryVariables>;

export async function fetchSuggestedOutcome(client: AdminClient, variables: T.SuggestedReturnOutcomeQueryVariables) {
  const { data } = await client.request(SUGGESTED_OUTCOME_QUERY, variables);
  return data.return?.suggestedFinancialOutcome ?? null;
}

export const RETURN_REASONS_QUERY = `#graphql
  query ReturnReasonDefinitions {
    returnReasonDefinitions(first: 100, query: "deleted:false") { nodes { id handle name } }
  }
` as AdminDocument<T.ReturnReasonDefinitionsQuery, T.ReturnReasonDefinitionsQueryVariables>;

export async function fetchReturnReasons(client: AdminClient) {
  const { data } = await client.request(RETURN_REASONS_QUERY);
  return data.returnReasonDefinitions.nodes;
}

// ---------------------------------------------------------------------------------------
// Lifecycle mutations

export const RETURN_REQUEST_MUTATION = `#graphql
  mutation ReturnRequest($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return { id name status }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnRequestMutation, T.ReturnRequestMutationVariables>;

export async function requestReturn(client: AdminClient, input: T.ReturnRequestInput) {
  const { data } = await client.request(RETURN_REQUEST_MUTATION, { input });
  return unwrapMutation(data, "returnRequest").return!;
}

export const RETURN_CREATE_MUTATION = `#graphql
  mutation ReturnCreate($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return { id name status }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnCreateMutation, T.ReturnCreateMutationVariables>;

export async function createReturn(client: AdminClient, returnInput: T.ReturnInput) {
  const { data } = await client.request(RETURN_CREATE_MUTATION, { returnInput });
  return unwrapMutation(data, "returnCreate").return!;
}

export const RETURN_APPROVE_MUTATION = `#graphql
  mutation ReturnApproveRequest($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) {
      return { id status }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnApproveRequestMutation, T.ReturnApproveRequestMutationVariables>;

export async function approveReturn(client: AdminClient, id: string, notifyCustomer = false) {
  const { data } = await client.request(RETURN_APPROVE_MUTATION, { input: { id, notifyCustomer } });
  return unwrapMutation(data, "returnApproveRequest").return!;
}

export const RETURN_DECLINE_MUTATION = `#graphql
  mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {
    returnDeclineRequest(input: $input) {
      return { id status decline { reason note } }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnDeclineRequestMutation, T.ReturnDeclineRequestMutationVariables>;

export async function declineReturn(client: AdminClient, input: T.ReturnDeclineRequestInput) {
  const { data } = await client.request(RETURN_DECLINE_MUTATION, { input });
  return unwrapMutation(data, "returnDeclineRequest").return!;
}

export const RETURN_CANCEL_MUTATION = `#graphql
  mutation ReturnCancel($id: ID!) {
    returnCancel(id: $id) {
      return { id status }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnCancelMutation, T.ReturnCancelMutationVariables>;

export async function cancelReturn(client: AdminClient, id: string) {
  const { data } = await client.request(RETURN_CANCEL_MUTATION, { id });
  return unwrapMutation(data, "returnCancel").return!;
}

export const RETURN_CLOSE_MUTATION = `#graphql
  mutation ReturnClose($id: ID!) {
    returnClose(id: $id) {
      return { id status closedAt }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnCloseMutation, T.ReturnCloseMutationVariables>;

export async function closeReturn(client: AdminClient, id: string) {
  const { data } = await client.request(RETURN_CLOSE_MUTATION, { id });
  return unwrapMutation(data, "returnClose").return!;
}

export const RETURN_REOPEN_MUTATION = `#graphql
  mutation ReturnReopen($id: ID!) {
    returnReopen(id: $id) {
      return { id status }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnReopenMutation, T.ReturnReopenMutationVariables>;

export async function reopenReturn(client: AdminClient, id: string) {
  const { data } = await client.request(RETURN_REOPEN_MUTATION, { id });
  return unwrapMutation(data, "returnReopen").return!;
}

export const REVERSE_DELIVERY_CREATE_MUTATION = `#graphql
  mutation ReverseDeliveryCreateWithShipping(
    $rfoId: ID!
    $items: [ReverseDeliveryLineItemInput!]!
    $label: ReverseDeliveryLabelInput
    $tracking: ReverseDeliveryTrackingInput
    $notifyCustomer: Boolean
  ) {
    reverseDeliveryCreateWithShipping(
      reverseFulfillmentOrderId: $rfoId
      reverseDeliveryLineItems: $items
      labelInput: $label
      trackingInput: $tracking
      notifyCustomer: $notifyCustomer
    ) {
      reverseDelivery { id }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReverseDeliveryCreateWithShippingMutation, T.ReverseDeliveryCreateWithShippingMutationVariables>;

export async function createReverseDelivery(client: AdminClient, variables: T.ReverseDeliveryCreateWithShippingMutationVariables) {
  const { data } = await client.request(REVERSE_DELIVERY_CREATE_MUTATION, variables);
  return unwrapMutation(data, "reverseDeliveryCreateWithShipping").reverseDelivery!;
}

export const DISPOSE_MUTATION = `#graphql
  mutation ReverseFulfillmentOrderDispose($inputs: [ReverseFulfillmentOrderDisposeInput!]!) {
    reverseFulfillmentOrderDispose(dispositionInputs: $inputs) {
      reverseFulfillmentOrderLineItems { id dispositions { type quantity } }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReverseFulfillmentOrderDisposeMutation, T.ReverseFulfillmentOrderDisposeMutationVariables>;

export async function disposeItems(client: AdminClient, inputs: T.ReverseFulfillmentOrderDisposeInput[]) {
  const { data } = await client.request(DISPOSE_MUTATION, { inputs });
  return unwrapMutation(data, "reverseFulfillmentOrderDispose").reverseFulfillmentOrderLineItems ?? [];
}

export const RETURN_PROCESS_MUTATION = `#graphql
  mutation ReturnProcess($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return { id status refunds(first: 5) { nodes { id } } }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.ReturnProcessMutation, T.ReturnProcessMutationVariables>;

export async function processReturn(client: AdminClient, input: T.ReturnProcessInput) {
  // Not idempotent in Shopify: the service records an attempt first and never resends
  // after an unknown outcome without re-reading the Return (retryUnsafe stays false).
  const { data } = await client.request(RETURN_PROCESS_MUTATION, { input });
  return unwrapMutation(data, "returnProcess").return!;
}

export const STORE_CREDIT_MUTATION = `#graphql
  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction { id amount { amount currencyCode } }
      userErrors { field message code }
    }
  }
` as AdminDocument<T.StoreCreditAccountCreditMutation, T.StoreCreditAccountCreditMutationVariables>;

/** Credits a customer's store credit (used for the bonus on top of a store-credit refund). */
export async function creditStoreCredit(client: AdminClient, customerId: string, creditInput: T.StoreCreditAccountCreditInput) {
  const { data } = await client.request(STORE_CREDIT_MUTATION, { id: customerId, creditInput });
  return unwrapMutation(data, "storeCreditAccountCredit").storeCreditAccountTransaction!;
}
