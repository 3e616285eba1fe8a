/**
 * REST-style (snake_case) webhook payloads for the stand-in's events, shaped after the
 * third-party copies quoted in shopify-platform.md §2.1. Apps should treat them as hints and
 * re-fetch through GraphQL, exactly as with real Shopify.
 */
import { legacyId } from "./gid";
import { formatFixed, toShopMinor } from "./money";
import type {
  ExchangeLineItemRec,
  FulfillmentLineItemRec,
  LineItemRec,
  OrderRec,
  RefundRec,
  ReturnLineItemRec,
  ReturnReasonDefinitionRec,
  ReturnRec,
  ReverseDeliveryRec,
  RfoLineItemRec,
  RfoRec,
  ShopState,
  TransactionRec,
  DispositionRec,
  CustomerRec,
} from "./model";
import {
  displayFinancialStatus,
  displayFulfillmentStatus,
  lineRefundedQuantity,
  orderDiscountTotal,
  orderRefunds,
  orderReturnStatus,
  orderShipping,
  orderSubtotal,
  orderTax,
  orderTotal,
  refundedTotal,
} from "./store";

type Json = Record<string, unknown>;

const ref = (id: string): Json => ({ id: legacyId(id), admin_graphql_api_id: id });

function moneySet(shop: ShopState, order: OrderRec, minor: number): Json {
  return {
    shop_money: {
      amount: formatFixed(
        toShopMinor(minor, order.fx, order.currency, shop.info.currencyCode),
        shop.info.currencyCode,
      ),
      currency_code: shop.info.currencyCode,
    },
    presentment_money: {
      amount: formatFixed(minor, order.currency),
      currency_code: order.currency,
    },
  };
}

function lineItemPayload(shop: ShopState, order: OrderRec, line: LineItemRec): Json {
  return {
    ...ref(line.id),
    variant_id: line.variantId ? legacyId(line.variantId) : null,
    product_id: line.productId ? legacyId(line.productId) : null,
    title: line.title,
    variant_title: line.variantTitle,
    name: line.name,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    current_quantity: line.quantity - lineRefundedQuantity(shop, order, line),
    price: formatFixed(line.unitPrice, order.currency),
    price_set: moneySet(shop, order, line.unitPrice),
    total_discount: formatFixed(
      line.allocations.reduce((s, a) => s + a.amount, 0),
      order.currency,
    ),
    requires_shipping: line.requiresShipping,
    gift_card: line.isGiftCard,
    taxable: line.taxable,
    grams: line.grams,
    tax_lines: line.taxes.map((t) => ({
      title: t.title,
      rate: t.rate,
      price: formatFixed(t.amount, order.currency),
      price_set: moneySet(shop, order, t.amount),
    })),
  };
}

export function returnPayload(
  shop: ShopState,
  ret: ReturnRec,
  reasons: ReturnReasonDefinitionRec[],
): Json {
  const order = shop.nodes.get(ret.orderId) as OrderRec;
  const lines = ret.lineIds
    .map((id) => shop.nodes.get(id) as ReturnLineItemRec)
    .filter((l) => l.quantity > 0);
  const exchanges = ret.exchangeIds
    .map((id) => shop.nodes.get(id) as ExchangeLineItemRec)
    .filter((e) => e.quantity > 0);
  return {
    ...ref(ret.id),
    name: ret.name,
    status: ret.status.toLowerCase(),
    created_at: ret.createdAt,
    order: ref(order.id),
    order_id: legacyId(order.id),
    total_return_line_items: lines.length,
    return_line_items: lines.map((l) => {
      const fli = shop.nodes.get(l.fulfillmentLineItemId) as FulfillmentLineItemRec;
      const li = shop.nodes.get(fli.lineItemId) as LineItemRec;
      const reason = reasons.find((r) => r.id === l.reasonDefinitionId) ?? null;
      return {
        ...ref(l.id),
        fulfillment_line_item: { ...ref(fli.id), line_item: lineItemPayload(shop, order, li) },
        quantity: l.quantity,
        processed_quantity: l.processedQuantity,
        return_reason: reason ? reason.legacyReason.toLowerCase() : "unknown",
        return_reason_definition: reason
          ? { ...ref(reason.id), handle: reason.handle, name: reason.name }
          : null,
        return_reason_note: l.returnReasonNote,
        customer_note: l.customerNote,
        restocking_fee:
          l.restockingFeePercentage === null ? null : { percentage: l.restockingFeePercentage },
      };
    }),
    exchange_line_items: exchanges.map((e) => ({
      ...ref(e.id),
      variant_id: legacyId(e.variantId),
      quantity: e.quantity,
      processed_quantity: e.processedQuantity,
      line_items: e.createdLineItemIds.map((id) => ref(id)),
    })),
    return_shipping_fees: ret.shippingFees.map((f) => ({
      ...ref(f.id),
      price: moneySet(shop, order, f.amount),
    })),
    decline: ret.declineRec
      ? { reason: ret.declineRec.reason.toLowerCase(), note: ret.declineRec.note }
      : null,
  };
}

function transactionPayload(order: OrderRec, tx: TransactionRec): Json {
  return {
    ...ref(tx.id),
    order_id: legacyId(order.id),
    kind: tx.kind.toLowerCase(),
    gateway: tx.gateway,
    status: tx.status.toLowerCase(),
    amount: formatFixed(tx.amountMinor, order.currency),
    currency: order.currency,
    parent_id: tx.parentId ? legacyId(tx.parentId) : null,
    processed_at: tx.processedAt,
    created_at: tx.createdAt,
    test: tx.test,
  };
}

export function refundPayload(shop: ShopState, refund: RefundRec): Json {
  const order = shop.nodes.get(refund.orderId) as OrderRec;
  return {
    ...ref(refund.id),
    order_id: legacyId(order.id),
    created_at: refund.createdAt,
    processed_at: refund.processedAt,
    note: refund.note,
    restock: refund.lines.some((l) => l.restocked),
    user_id: null,
    return: refund.returnId ? ref(refund.returnId) : null,
    refund_line_items: refund.lines.map((l) => {
      const li = shop.nodes.get(l.lineItemId) as LineItemRec;
      return {
        id: legacyId(l.id),
        line_item_id: legacyId(li.id),
        quantity: l.quantity,
        restock_type: l.restockType.toLowerCase(),
        location_id: l.locationId ? legacyId(l.locationId) : null,
        subtotal: formatFixed(l.subtotal, order.currency),
        subtotal_set: moneySet(shop, order, l.subtotal),
        total_tax: formatFixed(l.tax, order.currency),
        total_tax_set: moneySet(shop, order, l.tax),
        line_item: lineItemPayload(shop, order, li),
      };
    }),
    refund_shipping_lines: refund.shippingRefund
      ? [
          {
            subtotal_amount_set: moneySet(shop, order, refund.shippingRefund),
            tax_amount_set: moneySet(shop, order, refund.shippingTax),
          },
        ]
      : [],
    transactions: refund.transactionIds.map((id) =>
      transactionPayload(order, shop.nodes.get(id) as TransactionRec),
    ),
    order_adjustments: [],
    duties: [],
  };
}

export function orderPayload(shop: ShopState, order: OrderRec): Json {
  const customer = order.customerId ? (shop.nodes.get(order.customerId) as CustomerRec) : null;
  const fin = displayFinancialStatus(shop, order).toLowerCase();
  const ful = displayFulfillmentStatus(shop, order);
  const refunded = refundedTotal(shop, order);
  return {
    ...ref(order.id),
    name: order.name,
    order_number: order.number,
    email: order.emailAddress,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason ? order.cancelReason.toLowerCase() : null,
    closed_at: order.closedAt,
    financial_status: fin,
    fulfillment_status:
      ful === "FULFILLED" ? "fulfilled" : ful === "PARTIALLY_FULFILLED" ? "partial" : null,
    return_status: orderReturnStatus(shop, order).toLowerCase(),
    currency: shop.info.currencyCode,
    presentment_currency: order.currency,
    taxes_included: order.taxesIncluded,
    customer_locale: order.customerLocale,
    tags: order.tags.join(", "),
    note: order.note,
    discount_codes: order.codes.map((c) => ({ code: c })),
    subtotal_price: formatFixed(orderSubtotal(order), order.currency),
    total_shipping_price_set: moneySet(shop, order, orderShipping(order)),
    total_discounts: formatFixed(orderDiscountTotal(order), order.currency),
    total_tax: formatFixed(orderTax(order), order.currency),
    total_price: formatFixed(orderTotal(order), order.currency),
    total_price_set: moneySet(shop, order, orderTotal(order)),
    current_total_price: formatFixed(Math.max(0, orderTotal(order) - refunded), order.currency),
    total_refunded: formatFixed(refunded, order.currency),
    customer: customer
      ? {
          ...ref(customer.id),
          email: customer.emailAddress,
          first_name: customer.firstName,
          last_name: customer.lastName,
          locale: customer.locale,
        }
      : null,
    line_items: order.lines.map((l) => lineItemPayload(shop, order, l)),
    refunds: orderRefunds(shop, order).map((r) => ({ ...ref(r.id), created_at: r.createdAt })),
  };
}

export function reverseDeliveryPayload(shop: ShopState, rd: ReverseDeliveryRec): Json {
  const rfo = shop.nodes.get(rd.rfoId) as RfoRec;
  return {
    ...ref(rd.id),
    reverse_fulfillment_order: ref(rfo.id),
    return: ref(rfo.returnId),
    reverse_delivery_line_items: rd.lines.map((l) => ({
      id: legacyId(l.id),
      quantity: l.quantity,
      reverse_fulfillment_order_line_item: ref(l.rfoLineItemId),
    })),
    shipping_deliverable: {
      tracking: rd.trackingRec
        ? {
            carrier_name: rd.trackingRec.carrierName,
            tracking_number: rd.trackingRec.number,
            tracking_url: rd.trackingRec.url,
          }
        : null,
      label: rd.label
        ? { public_file_url: rd.label.fileUrl, created_at: rd.label.createdAt }
        : null,
    },
  };
}

export function disposePayload(
  rfo: RfoRec,
  items: Array<{ line: RfoLineItemRec; disposition: DispositionRec }>,
): Json {
  return {
    ...ref(rfo.id),
    return: ref(rfo.returnId),
    order_id: legacyId(rfo.orderId),
    total_dispositions: items.length,
    dispositions: items.map(({ line, disposition }) => ({
      reverse_fulfillment_order_line_item: ref(line.id),
      reverse_delivery_line_item: null,
      type: disposition.type.toLowerCase(),
      location: disposition.locationId ? ref(disposition.locationId) : null,
      quantity: disposition.quantity,
    })),
  };
}
