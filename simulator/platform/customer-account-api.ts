/**
 * A small stand-in for Shopify's Customer Account API, only the two return questions the
 * app's flow is compared with (tests/customer-account/shopify-answers.test.ts):
 * `order(id) { returnInformation }` and `returnCalculate(input)`, as shopify.dev documents
 * them for 2026-07. Answered from the stand-in's Admin API (the same order data), for the
 * signed-in customer only (another customer's order is null). Guesses (simulator/README.md,
 * "Customer Account API"): the stand-in shop has no Shopify return rules, so FINAL_SALE and
 * RETURN_WINDOW_EXPIRED never appear and fees are zero; a unit that is neither returnable,
 * returned nor unfulfilled is OTHER; a line's `subtotalSet` is before order discounts and
 * `returnSubtotalWithCartDiscountSet` after them; money has two decimals.
 */
import { buildSchema, graphql, GraphQLError } from "graphql";

export const CUSTOMER_ACCOUNT_API_VERSION = "2026-07";

const SDL = /* GraphQL */ `
  type Query {
    order(id: ID!): Order
    returnCalculate(input: CalculateReturnInput!): CalculatedReturn
  }
  type Order { id: ID! returnInformation: OrderReturnInformation! }
  type OrderReturnInformation {
    hasRestockingFee: Boolean!
    hasReturnShippingFee: Boolean!
    returnableLineItems(first: Int, after: String): ReturnableLineItemConnection!
    nonReturnableLineItems(first: Int, after: String): NonReturnableLineItemConnection!
    nonReturnableSummary: OrderNonReturnableSummary
  }
  type ReturnableLineItemConnection { nodes: [ReturnableLineItem!]! }
  type ReturnableLineItem { lineItem: LineItem! quantity: Int! }
  type NonReturnableLineItemConnection { nodes: [NonReturnableLineItem!]! }
  type NonReturnableLineItem { lineItem: LineItem! quantity: Int! quantityDetails: [NonReturnableQuantityDetail!]! }
  type NonReturnableQuantityDetail { quantity: Int! reasonCode: NonReturnableReason! }
  enum NonReturnableReason { FINAL_SALE OTHER RETURN_WINDOW_EXPIRED RETURNED UNFULFILLED }
  type OrderNonReturnableSummary { nonReturnableReasons: [NonReturnableReason!]! }
  type LineItem { id: ID! }
  input CalculateReturnInput { orderId: ID! returnLineItems: [CalculateReturnLineItemInput!]! }
  input CalculateReturnLineItemInput { lineItemId: ID! quantity: Int! }
  type CalculatedReturn { financialSummary: ReturnFinancialSummary! returnLineItems(first: Int, after: String): CalculatedReturnLineItemConnection! }
  type CalculatedReturnLineItemConnection { nodes: [CalculatedReturnLineItem!]! }
  type CalculatedReturnLineItem { lineItem: LineItem! quantity: Int! subtotalSet: MoneyBag! totalTaxSet: MoneyBag! }
  type ReturnFinancialSummary {
    restockingFeeSubtotalSet: MoneyBag!
    returnShippingFeeSubtotalSet: MoneyBag!
    returnSubtotalSet: MoneyBag!
    returnSubtotalWithCartDiscountSet: MoneyBag!
    returnTotalSet: MoneyBag!
    returnTotalTaxSet: MoneyBag!
  }
  type MoneyBag { presentmentMoney: MoneyV2! shopMoney: MoneyV2! }
  type MoneyV2 { amount: String! currencyCode: String! }
`;

const schema = buildSchema(SDL);

/** Runs an Admin API query on the stand-in as the app would (offline token); returns `data`. */
export type AdminQuery = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

type Money = { amount: string; currencyCode: string };
type Bag = { presentmentMoney: Money; shopMoney: Money };

const ORDER_RETURN_DATA = `#graphql
  query StandInCustomerReturnInformation($id: ID!) {
    order(id: $id) {
      id
      taxesIncluded
      customer { id }
      lineItems(first: 30) { nodes { id quantity unfulfilledQuantity } }
      returns(first: 5) { nodes { status returnLineItems(first: 20) { nodes { quantity ... on ReturnLineItem { fulfillmentLineItem { lineItem { id } } } } } } }
    }
    returnableFulfillments(orderId: $id, first: 5) {
      nodes { returnableFulfillmentLineItems(first: 30) { nodes { quantity fulfillmentLineItem { id lineItem { id } } } } }
    }
  }`;

const RETURN_CALCULATE = `#graphql
  query StandInCustomerReturnCalculate($input: CalculateReturnInput!) {
    returnCalculate(input: $input) {
      returnLineItems {
        quantity
        fulfillmentLineItem { lineItem { id } }
        subtotalSet { presentmentMoney { amount currencyCode } shopMoney { amount currencyCode } }
        subtotalBeforeOrderDiscountsSet { presentmentMoney { amount currencyCode } shopMoney { amount currencyCode } }
        totalTaxSet { presentmentMoney { amount currencyCode } shopMoney { amount currencyCode } }
      }
    }
  }`;

interface OrderData {
  order: {
    id: string;
    taxesIncluded: boolean;
    customer: { id: string } | null;
    lineItems: { nodes: { id: string; quantity: number; unfulfilledQuantity: number }[] };
    returns: { nodes: { status: string; returnLineItems: { nodes: { quantity: number; fulfillmentLineItem?: { lineItem: { id: string } } }[] } }[] };
  } | null;
  returnableFulfillments: { nodes: { returnableFulfillmentLineItems: { nodes: { quantity: number; fulfillmentLineItem: { id: string; lineItem: { id: string } } }[] } }[] };
}

const minor = (amount: string) => Math.round(Number(amount) * 100);
const money = (cents: number, currencyCode: string): Money => ({ amount: (cents / 100).toFixed(2), currencyCode });
function sumBags(bags: Bag[], fallback: { presentment: string; shop: string }): Bag {
  const p = bags.reduce((n, b) => n + minor(b.presentmentMoney.amount), 0);
  const s = bags.reduce((n, b) => n + minor(b.shopMoney.amount), 0);
  return { presentmentMoney: money(p, bags[0]?.presentmentMoney.currencyCode ?? fallback.presentment), shopMoney: money(s, bags[0]?.shopMoney.currencyCode ?? fallback.shop) };
}

export function createCustomerAccountApi(admin: AdminQuery) {
  async function orderData(orderId: string, customerId: string): Promise<OrderData | null> {
    const data = await admin<OrderData>(ORDER_RETURN_DATA, { id: orderId });
    return data.order && data.order.customer?.id === customerId ? data : null;
  }

  function returnable(data: OrderData): Map<string, { fulfillmentLineItemId: string; quantity: number }[]> {
    const out = new Map<string, { fulfillmentLineItemId: string; quantity: number }[]>();
    for (const f of data.returnableFulfillments.nodes)
      for (const l of f.returnableFulfillmentLineItems.nodes) {
        if (l.quantity <= 0) continue;
        const id = l.fulfillmentLineItem.lineItem.id;
        out.set(id, [...(out.get(id) ?? []), { fulfillmentLineItemId: l.fulfillmentLineItem.id, quantity: l.quantity }]);
      }
    return out;
  }

  function returnInformation(data: OrderData) {
    const byLine = returnable(data);
    const returned = new Map<string, number>();
    for (const r of data.order!.returns.nodes) {
      if (r.status === "CANCELED" || r.status === "DECLINED") continue;
      for (const l of r.returnLineItems.nodes) {
        const id = l.fulfillmentLineItem?.lineItem.id;
        if (id) returned.set(id, (returned.get(id) ?? 0) + l.quantity);
      }
    }
    const returnableLineItems: { lineItem: { id: string }; quantity: number }[] = [];
    const nonReturnableLineItems: { lineItem: { id: string }; quantity: number; quantityDetails: { quantity: number; reasonCode: string }[] }[] = [];
    for (const li of data.order!.lineItems.nodes) {
      const can = (byLine.get(li.id) ?? []).reduce((n, x) => n + x.quantity, 0);
      if (can > 0) returnableLineItems.push({ lineItem: { id: li.id }, quantity: can });
      let rest = li.quantity - can;
      if (rest <= 0) continue;
      const details: { quantity: number; reasonCode: string }[] = [];
      for (const [reasonCode, q] of [["RETURNED", returned.get(li.id) ?? 0], ["UNFULFILLED", li.unfulfilledQuantity]] as const) {
        const take = Math.min(rest, q);
        if (take > 0) details.push({ quantity: take, reasonCode });
        rest -= take;
      }
      if (rest > 0) details.push({ quantity: rest, reasonCode: "OTHER" });
      nonReturnableLineItems.push({ lineItem: { id: li.id }, quantity: li.quantity - can, quantityDetails: details });
    }
    const reasons = [...new Set(nonReturnableLineItems.flatMap((l) => l.quantityDetails.map((d) => d.reasonCode)))];
    return {
      hasRestockingFee: false,
      hasReturnShippingFee: false,
      returnableLineItems: () => ({ nodes: returnableLineItems }),
      nonReturnableLineItems: () => ({ nodes: nonReturnableLineItems }),
      nonReturnableSummary: returnableLineItems.length === 0 ? { nonReturnableReasons: reasons } : null,
    };
  }

  async function returnCalculate(input: { orderId: string; returnLineItems: { lineItemId: string; quantity: number }[] }, customerId: string) {
    const data = await orderData(input.orderId, customerId);
    if (!data) return null;
    const byLine = returnable(data);
    const adminLines = input.returnLineItems.flatMap(({ lineItemId, quantity }) => {
      let left = quantity;
      const parts = (byLine.get(lineItemId) ?? []).flatMap((f) => {
        const take = Math.min(left, f.quantity);
        left -= take;
        return take > 0 ? [{ fulfillmentLineItemId: f.fulfillmentLineItemId, quantity: take }] : [];
      });
      if (left > 0 || quantity <= 0) throw new GraphQLError(`Line item ${lineItemId} has fewer than ${quantity} returnable units.`, { extensions: { code: "INVALID" } });
      return parts;
    });
    type AdminLine = { quantity: number; fulfillmentLineItem: { lineItem: { id: string } }; subtotalSet: Bag; subtotalBeforeOrderDiscountsSet: Bag; totalTaxSet: Bag };
    const calc = await admin<{ returnCalculate: { returnLineItems: AdminLine[] } }>(RETURN_CALCULATE, { input: { orderId: input.orderId, returnLineItems: adminLines } });
    const lines = calc.returnCalculate.returnLineItems;
    const currency = lines[0]?.subtotalSet.presentmentMoney.currencyCode ?? "XXX";
    const cur = { presentment: currency, shop: lines[0]?.subtotalSet.shopMoney.currencyCode ?? currency };
    const zero = sumBags([], cur);
    const byItem = new Map<string, AdminLine[]>();
    for (const l of lines) byItem.set(l.fulfillmentLineItem.lineItem.id, [...(byItem.get(l.fulfillmentLineItem.lineItem.id) ?? []), l]);
    const subtotal = sumBags(lines.map((l) => l.subtotalBeforeOrderDiscountsSet), cur);
    const withDiscount = sumBags(lines.map((l) => l.subtotalSet), cur);
    const tax = sumBags(lines.map((l) => l.totalTaxSet), cur);
    return {
      returnLineItems: () => ({
        nodes: [...byItem].map(([id, ls]) => ({
          lineItem: { id },
          quantity: ls.reduce((n, l) => n + l.quantity, 0),
          subtotalSet: sumBags(ls.map((l) => l.subtotalBeforeOrderDiscountsSet), cur),
          totalTaxSet: sumBags(ls.map((l) => l.totalTaxSet), cur),
        })),
      }),
      financialSummary: {
        restockingFeeSubtotalSet: zero,
        returnShippingFeeSubtotalSet: zero,
        returnSubtotalSet: subtotal,
        returnSubtotalWithCartDiscountSet: withDiscount,
        returnTotalTaxSet: tax,
        // Tax is added on top only where the order's prices exclude it.
        returnTotalSet: data.order!.taxesIncluded ? withDiscount : sumBags([withDiscount, tax], cur),
      },
    };
  }

  return {
    /** Executes a Customer Account API query for the signed-in customer (`customerId`, a Customer gid). */
    async execute(customerId: string, query: string, variables: Record<string, unknown> = {}) {
      return graphql({
        schema,
        source: query,
        variableValues: variables,
        rootValue: {
          order: async ({ id }: { id: string }) => {
            const data = await orderData(id, customerId);
            return data ? { id: data.order!.id, returnInformation: returnInformation(data) } : null;
          },
          returnCalculate: ({ input }: { input: { orderId: string; returnLineItems: { lineItemId: string; quantity: number }[] } }) => returnCalculate(input, customerId),
        },
      });
    },
  };
}
