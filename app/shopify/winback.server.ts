/**
 * Win-back calls to Shopify (app/followup/winback.server.ts): the customer's e-mail, marketing
 * consent and latest orders; the single-use, customer-restricted, expiring code; its lookup by
 * code (after a lost answer, or a second scan that lost the race); the unsubscribe; and the
 * orders that used the codes, for the stats.
 */
import type { AdminClient, AdminDocument } from "./client.server";
import { ShopifyUserErrors } from "./errors";
import { fromMinorUnits, toMinorUnits } from "./money";
import type {
  WinbackCustomerQuery,
  WinbackCustomerQueryVariables,
  WinbackDiscountCreateMutation,
  WinbackDiscountCreateMutationVariables,
  WinbackDiscountByCodeQuery,
  WinbackDiscountByCodeQueryVariables,
  WinbackUnsubscribeMutation,
  WinbackUnsubscribeMutationVariables,
  WinbackOrdersUsingCodesQuery,
  WinbackOrdersUsingCodesQueryVariables,
} from "./generated/admin.types";

export const WINBACK_CUSTOMER_QUERY = `#graphql
  query WinbackCustomer($id: ID!, $since: String!) {
    customer(id: $id) {
      id
      firstName
      locale
      defaultEmailAddress { emailAddress marketingState }
      orders(first: 1, query: $since, sortKey: CREATED_AT, reverse: true) { nodes { id createdAt } }
    }
  }
` as AdminDocument<WinbackCustomerQuery, WinbackCustomerQueryVariables>;

export interface WinbackCustomer {
  id: string;
  firstName: string | null;
  locale: string;
  email: string | null;
  marketingState: string | null;
  /** The newest order created after `since`, if any. */
  orderSince: { id: string; createdAt: string } | null;
}

/** The customer as Shopify has them now; `since` narrows orders to those created after it. */
export async function fetchWinbackCustomer(client: AdminClient, customerId: string, since: Date): Promise<WinbackCustomer | null> {
  const { data } = await client.request(WINBACK_CUSTOMER_QUERY, { id: customerId, since: `created_at:>'${since.toISOString()}'` });
  const c = data.customer;
  if (!c) return null;
  const order = c.orders.nodes[0];
  return {
    id: c.id,
    firstName: c.firstName ?? null,
    locale: c.locale,
    email: c.defaultEmailAddress?.emailAddress ?? null,
    marketingState: c.defaultEmailAddress?.marketingState ?? null,
    orderSince: order && Date.parse(order.createdAt) > since.getTime() ? { id: order.id, createdAt: order.createdAt } : null,
  };
}

export const WINBACK_DISCOUNT_CREATE = `#graphql
  mutation WinbackDiscountCreate($input: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $input) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
` as AdminDocument<WinbackDiscountCreateMutation, WinbackDiscountCreateMutationVariables>;

export const WINBACK_DISCOUNT_BY_CODE = `#graphql
  query WinbackDiscountByCode($code: String!) {
    codeDiscountNodeByCode(code: $code) { id }
  }
` as AdminDocument<WinbackDiscountByCodeQuery, WinbackDiscountByCodeQueryVariables>;

export interface WinbackDiscountInput {
  code: string;
  title: string;
  customerId: string;
  startsAt: Date;
  endsAt: Date;
  currency: string;
  value: { percentage: number } | { amount: number };
  /** Minor units of `currency`; 0 = none. */
  minimumOrderAmount: number;
}

/**
 * Creates the code: only this customer, one use in total, until `endsAt`, on the whole order.
 * The code is derived from the offer, so a repeat (lost answer, a second scan) meets TAKEN and
 * reads the existing discount back instead of making a second one.
 */
export async function createWinbackDiscount(client: AdminClient, input: WinbackDiscountInput): Promise<{ id: string; created: boolean }> {
  const { data } = await client.request(
    WINBACK_DISCOUNT_CREATE,
    {
      input: {
        title: input.title,
        code: input.code,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
        usageLimit: 1,
        appliesOncePerCustomer: true,
        context: { customers: { add: [input.customerId] } },
        customerGets: {
          items: { all: true },
          value:
            "percentage" in input.value
              ? { percentage: input.value.percentage / 100 }
              : { discountAmount: { amount: fromMinorUnits(input.value.amount, input.currency), appliesOnEachItem: false } },
        },
        ...(input.minimumOrderAmount > 0
          ? { minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: fromMinorUnits(input.minimumOrderAmount, input.currency) } } }
          : {}),
        combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
      },
    },
    { retryUnsafe: true },
  );
  const payload = data.discountCodeBasicCreate;
  const errors = payload?.userErrors ?? [];
  if (errors.length === 0 && payload?.codeDiscountNode) return { id: payload.codeDiscountNode.id, created: true };
  if (errors.some((e) => e.code === "TAKEN")) {
    const existing = await client.request(WINBACK_DISCOUNT_BY_CODE, { code: input.code });
    if (existing.data.codeDiscountNodeByCode) return { id: existing.data.codeDiscountNodeByCode.id, created: false };
  }
  throw new ShopifyUserErrors("discountCodeBasicCreate", errors.map((e) => ({ field: e.field ?? null, message: e.message, code: e.code ?? null })));
}

export const WINBACK_UNSUBSCRIBE = `#graphql
  mutation WinbackUnsubscribe($input: CustomerEmailMarketingConsentUpdateInput!) {
    customerEmailMarketingConsentUpdate(input: $input) {
      customer { id }
      userErrors { field message code }
    }
  }
` as AdminDocument<WinbackUnsubscribeMutation, WinbackUnsubscribeMutationVariables>;

/** Sets the customer's e-mail marketing to UNSUBSCRIBED, dated when they clicked. Safe to repeat. */
export async function unsubscribeCustomer(client: AdminClient, customerId: string, at: Date): Promise<void> {
  const { data } = await client.request(
    WINBACK_UNSUBSCRIBE,
    { input: { customerId, emailMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: at.toISOString() } } },
    { retryUnsafe: true },
  );
  const errors = data.customerEmailMarketingConsentUpdate?.userErrors ?? [];
  if (errors.length) {
    throw new ShopifyUserErrors("customerEmailMarketingConsentUpdate", errors.map((e) => ({ field: e.field ?? null, message: e.message, code: e.code ?? null })));
  }
}

export const WINBACK_ORDERS_USING_CODES = `#graphql
  query WinbackOrdersUsingCodes($query: String!, $after: String) {
    orders(first: 100, query: $query, after: $after) {
      nodes {
        id
        createdAt
        discountCodes
        currentTotalPriceSet { shopMoney { amount currencyCode } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
` as AdminDocument<WinbackOrdersUsingCodesQuery, WinbackOrdersUsingCodesQueryVariables>;

export interface CodeOrder {
  id: string;
  createdAt: string;
  codes: string[];
  /** What the order is worth now (after refunds), minor units of the shop currency. */
  amount: number;
  currency: string;
}

/** Orders that used any of the codes (25 codes per search, as OR terms). */
export async function fetchOrdersUsingCodes(client: AdminClient, codes: string[]): Promise<CodeOrder[]> {
  const out = new Map<string, CodeOrder>();
  for (let i = 0; i < codes.length; i += 25) {
    const query = codes
      .slice(i, i + 25)
      .map((c) => `discount_code:${c.replace(/[^A-Za-z0-9_-]/g, "")}`)
      .join(" OR ");
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: { data: WinbackOrdersUsingCodesQuery } = await client.request(WINBACK_ORDERS_USING_CODES, { query, after });
      for (const o of result.data.orders.nodes) {
        const money = o.currentTotalPriceSet.shopMoney;
        out.set(o.id, { id: o.id, createdAt: o.createdAt, codes: o.discountCodes, amount: toMinorUnits(money.amount, money.currencyCode), currency: money.currencyCode });
      }
      if (!result.data.orders.pageInfo.hasNextPage) break;
      after = result.data.orders.pageInfo.endCursor ?? null;
    }
  }
  return [...out.values()];
}
