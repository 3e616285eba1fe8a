/**
 * What planning a return reads besides the order: this app's open requests Shopify does
 * not reflect yet, the customer's earlier returns (per-customer limits), and the exchange
 * variants' prices and stock.
 */
import { checkExchangeChoice, type ExchangeLineInput, type OrderSnapshot, type ReturnPolicy } from "~/domain";
import { fetchVariantsForExchange } from "~/shopify/variants.server";
import { ReturnsError, type ReturnsContext } from "./context.server";
import type { RequestedReturnLine, ReturnRequestInput } from "./return-request-input.server";

/** Units in this app's open requests that Shopify does not reflect yet (not sent to Shopify). */
export async function pendingQuantities(ctx: ReturnsContext, orderId: string): Promise<Record<string, number>> {
  const lines = await ctx.db.returnLine.findMany({
    where: {
      shopId: ctx.shop.id,
      returnRequest: { orderId, shopifyReturnId: null, status: { in: ["REQUESTED", "APPROVED"] } },
    },
    select: { fulfillmentLineItemId: true, quantity: true },
  });
  const pending: Record<string, number> = {};
  for (const l of lines) pending[l.fulfillmentLineItemId] = (pending[l.fulfillmentLineItemId] ?? 0) + l.quantity;
  return pending;
}

export async function customerReturnDates(ctx: ReturnsContext, customer: ReturnRequestInput["customer"]): Promise<string[]> {
  const or = [
    ...(customer?.id ? [{ customerId: customer.id }] : []),
    ...(customer?.email ? [{ customerEmail: customer.email.toLowerCase() }] : []),
  ];
  if (or.length === 0) return [];
  const rows = await ctx.db.returnRequest.findMany({
    where: { shopId: ctx.shop.id, OR: or },
    select: { requestedAt: true },
    orderBy: { requestedAt: "desc" },
    take: 200,
  });
  return rows.map((r) => r.requestedAt.toISOString());
}

/** Exchange lines priced in the order's currency, with a stock check. */
export async function exchangeLinesFor(
  ctx: ReturnsContext,
  policy: ReturnPolicy,
  order: OrderSnapshot,
  lines: RequestedReturnLine[],
  lineItemOf: (fulfillmentLineItemId: string) => string,
): Promise<(ExchangeLineInput & { title: string | null })[]> {
  const wanted = lines.filter((l) => l.resolution === "EXCHANGE");
  if (wanted.length === 0) return [];
  const missing = wanted.find((l) => !l.exchangeVariantId);
  if (missing) throw new ReturnsError("INVALID_INPUT", "exchange.choose", { fulfillmentLineItemId: missing.fulfillmentLineItemId });
  // The returned items' own variants come along, to compare prices for even swaps.
  const originals = wanted
    .map((l) => order.lineItems.find((li) => li.id === lineItemOf(l.fulfillmentLineItemId))?.variantId)
    .filter((v): v is string => !!v);
  const variants = await fetchVariantsForExchange(ctx.admin, [...new Set([...wanted.map((l) => l.exchangeVariantId!), ...originals])]);
  return wanted.map((l) => {
    const variant = variants.get(l.exchangeVariantId!);
    if (!variant) throw new ReturnsError("INVALID_INPUT", "exchange.unknownVariant", { variantId: l.exchangeVariantId });
    if (variant.available < l.quantity) {
      throw new ReturnsError("NOT_ELIGIBLE", { key: "exchange.outOfStock", values: { item: variant.displayName } }, {
        variantId: variant.id,
      });
    }
    const original = order.lineItems.find((li) => li.id === lineItemOf(l.fulfillmentLineItemId))!;
    // The variant's price is in the shop's currency. For an order in another currency we
    // only offer even swaps (same shop price as the returned item), priced at what the
    // shopper paid per unit, so no exchange-rate guess ever moves money.
    let unitPrice: number;
    if (variant.currency === order.currency) unitPrice = variant.price;
    else if (original.variantId && variants.get(original.variantId)?.price === variant.price) unitPrice = original.originalUnitPrice;
    else {
      throw new ReturnsError(
        "NOT_ELIGIBLE",
        "exchange.samePriceOnly",
        { variantId: variant.id },
      );
    }
    // Another size or colour of the same product, unless the policy allows others (and then never dearer).
    const paidPerUnit = original.quantity > 0 ? Math.round((original.originalUnitPrice * original.quantity - original.lineDiscount - original.orderDiscount) / original.quantity) : 0;
    const problem = checkExchangeChoice({
      returnedProductId: original.productId ?? null,
      chosenProductId: variant.productId,
      returnedValue: paidPerUnit * l.quantity,
      chosenValue: unitPrice * l.quantity,
      allowOtherProducts: policy.exchange.allowOtherProducts,
    });
    if (problem) {
      throw new ReturnsError(
        "NOT_ELIGIBLE",
        problem === "EXCHANGE_OTHER_PRODUCT" ? "exchange.otherProduct" : "exchange.costsMore",
        { code: problem, fulfillmentLineItemId: l.fulfillmentLineItemId, variantId: variant.id },
      );
    }
    return { variantId: variant.id, quantity: l.quantity, unitPrice, title: variant.displayName };
  });
}
