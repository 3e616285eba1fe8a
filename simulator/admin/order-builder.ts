/**
 * Builds complete orders in a shop's store (lines, discounts, taxes, shipping, payments,
 * fulfillments, cancellation) the way Shopify would have recorded them at checkout. Used by
 * the seed and by tests that need an order with exact numbers.
 */
import { taxFor } from "./arithmetic";
import { formatFixed, mulDivRound } from "./money";
import type {
  AddressRec,
  CustomerRec,
  DiscountApplicationRec,
  FulfillmentLineItemRec,
  FulfillmentRec,
  GiftCardRec,
  LineItemRec,
  LocationRec,
  OrderRec,
  ProductRec,
  TransactionRec,
  VariantRec,
} from "./model";
import { refundCreate, variantPriceIn, type OpsContext } from "./operations";
import { getNode, isoNow, mustGet, nextGid, orderTotal, register } from "./store";

export type Gateway = "shopify_payments" | "klarna" | "paypal" | "gift_card";

export interface OrderSpec {
  /** Order number (name "#<number>"); default: the shop's next number. */
  number?: number;
  customerId?: string | null;
  /** Default: the customer's email. */
  email?: string | null;
  /** Presentment currency; default the shop currency. */
  currency?: string;
  taxesIncluded?: boolean;
  /** Tax applied to lines and shipping; default by currency (25 % Nordic VAT; EUR 21 %). */
  tax?: { title: string; percent: number };
  processedAt: string;
  lines: Array<{ variantId: string; quantity: number; unitPrice?: number }>;
  /** Line-level discount (targetSelection ENTITLED): percentage of, or a fixed amount per unit off, the listed lines. */
  lineDiscount?: {
    code?: string;
    title?: string;
    kind?: "code" | "automatic" | "manual";
    percentage?: number;
    amountPerUnit?: number;
    lineIndexes: number[];
  };
  /** Order-level discount (targetSelection ALL, allocationMethod ACROSS): percentage or fixed amount, allocated pro rata. */
  orderDiscount?: {
    code?: string;
    title?: string;
    kind?: "code" | "automatic" | "manual";
    percentage?: number;
    amount?: number;
  };
  shipping?: { title: string; code?: string; price: number } | null;
  /** Payment split in processing order; the last entry takes the remainder. Default: one card payment. */
  payments?: Array<{ gateway: Gateway; amount?: number; cardLast4?: string; cardCompany?: string }>;
  fulfillments?: Array<{
    lines?: Array<{ index: number; quantity: number }>;
    createdAt: string;
    inTransitAt?: string | null;
    deliveredAt?: string | null;
    estimatedDeliveryAt?: string | null;
    locationId?: string;
    tracking?: { company: string; number: string; url: string } | null;
  }>;
  cancel?: {
    at: string;
    reason: "CUSTOMER" | "FRAUD" | "INVENTORY" | "DECLINED" | "OTHER" | "STAFF";
  };
  tags?: string[];
  note?: string | null;
  locale?: string;
  shippingAddress?: AddressRec | null;
  sourceName?: string;
}

export function defaultTax(
  currency: string,
  countryCode?: string,
): { title: string; percent: number } {
  switch (currency) {
    case "SEK":
      return { title: "Moms", percent: 25 };
    case "DKK":
      return { title: "Moms", percent: 25 };
    case "NOK":
      return { title: "MVA", percent: 25 };
    case "EUR":
      if (countryCode === "DE") return { title: "MwSt", percent: 19 };
      if (countryCode === "FI") return { title: "ALV", percent: 25.5 };
      return { title: "BTW", percent: 21 };
    default:
      return { title: "VAT", percent: 25 };
  }
}

function addMinutes(iso: string, minutes: number): string {
  return isoNow(new Date(Date.parse(iso) + minutes * 60_000));
}

/** Pro-rata split of `total` over `weights`, remainder to the largest weight; exact sum. */
function prorate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - out.reduce((s, x) => s + x, 0);
  const order = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k][1]]++;
  return out;
}

const CARDS = [
  { company: "Visa", bin: "424242", name: "VISA" },
  { company: "Mastercard", bin: "555555", name: "MASTERCARD" },
];

export function createOrder(ctx: OpsContext, spec: OrderSpec): OrderRec {
  const shop = ctx.shop;
  const customer = spec.customerId ? mustGet<CustomerRec>(shop, spec.customerId, "Customer") : null;
  const currency = spec.currency ?? shop.info.currencyCode;
  const fx = shop.info.presentmentCurrencies[currency];
  if (!fx)
    throw new Error(
      `createOrder: currency ${currency} is not enabled for ${shop.info.myshopifyDomain}`,
    );
  const number = spec.number ?? shop.nextOrderNumber;
  shop.nextOrderNumber = Math.max(shop.nextOrderNumber, number + 1);
  const taxesIncluded = spec.taxesIncluded ?? shop.info.taxesIncluded;
  const tax = spec.tax ?? defaultTax(currency, customer?.countryCode);
  const orderId = nextGid(shop, "Order");
  const order: OrderRec = {
    __typename: "Order",
    id: orderId,
    number,
    name: `#${number}`,
    emailAddress: spec.email !== undefined ? spec.email : (customer?.emailAddress ?? null),
    phoneNumber: null,
    customerId: customer?.id ?? null,
    createdAt: spec.processedAt,
    processedAt: spec.processedAt,
    updatedAt: spec.processedAt,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    currency,
    fx,
    taxesIncluded,
    customerLocale: spec.locale ?? customer?.locale ?? shop.info.primaryLocale,
    tags: spec.tags ?? [],
    note: spec.note ?? null,
    sourceName: spec.sourceName ?? "web",
    lines: [],
    shippingLineRecs: [],
    discountApps: [],
    codes: [],
    fulfillmentIds: [],
    transactionIds: [],
    refundIds: [],
    returnIds: [],
    fulfillmentOrderIds: [],
    shippingAddressRec:
      spec.shippingAddress !== undefined ? spec.shippingAddress : (customer?.addressRec ?? null),
    billingAddressRec:
      spec.shippingAddress !== undefined ? spec.shippingAddress : (customer?.addressRec ?? null),
    test: false,
  };
  register(shop, order);

  // Lines.
  for (const l of spec.lines) {
    const variant = mustGet<VariantRec>(shop, l.variantId, "ProductVariant");
    const product = mustGet<ProductRec>(shop, variant.productId, "Product");
    const line: LineItemRec = {
      __typename: "LineItem",
      id: nextGid(shop, "LineItem"),
      orderId,
      variantId: variant.id,
      productId: product.id,
      title: product.title,
      variantTitle: variant.title === "Default Title" ? null : variant.title,
      name:
        variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`,
      sku: variant.sku,
      vendor: product.vendor,
      quantity: l.quantity,
      unitPrice: l.unitPrice ?? variantPriceIn(shop, variant, currency),
      allocations: [],
      taxes: [],
      requiresShipping: variant.requiresShipping,
      isGiftCard: product.isGiftCard,
      taxable: variant.taxable,
      grams: variant.grams,
      exchangeLineItemId: null,
    };
    register(shop, line);
    order.lines.push(line);
  }

  // Discounts: line-level first, then order-level on what is left.
  const lineAlloc = order.lines.map(() => 0);
  if (spec.lineDiscount) {
    const d = spec.lineDiscount;
    const app: DiscountApplicationRec = {
      index: order.discountApps.length,
      kind: d.kind ?? "code",
      code: (d.kind ?? "code") === "code" ? (d.code ?? "DISCOUNT") : null,
      title: d.title ?? d.code ?? "Discount",
      valueType: d.percentage !== undefined ? "percentage" : "fixed",
      value: d.percentage ?? d.amountPerUnit ?? 0,
      allocationMethod: d.percentage !== undefined ? "ACROSS" : "EACH",
      targetSelection: "ENTITLED",
      targetType: "LINE_ITEM",
    };
    order.discountApps.push(app);
    if (app.code) order.codes.push(app.code);
    for (const i of d.lineIndexes) {
      const l = order.lines[i];
      const full = l.unitPrice * l.quantity;
      const amount =
        d.percentage !== undefined
          ? mulDivRound(full, Math.round(d.percentage * 1e6), 1e8)
          : Math.min(full, (d.amountPerUnit ?? 0) * l.quantity);
      if (amount > 0) {
        l.allocations.push({ applicationIndex: app.index, amount });
        lineAlloc[i] += amount;
      }
    }
  }
  if (spec.orderDiscount) {
    const d = spec.orderDiscount;
    const app: DiscountApplicationRec = {
      index: order.discountApps.length,
      kind: d.kind ?? "code",
      code: (d.kind ?? "code") === "code" ? (d.code ?? "ORDER") : null,
      title: d.title ?? d.code ?? "Order discount",
      valueType: d.percentage !== undefined ? "percentage" : "fixed",
      value: d.percentage ?? d.amount ?? 0,
      allocationMethod: "ACROSS",
      targetSelection: "ALL",
      targetType: "LINE_ITEM",
    };
    order.discountApps.push(app);
    if (app.code) order.codes.push(app.code);
    const bases = order.lines.map((l, i) =>
      l.isGiftCard ? 0 : l.unitPrice * l.quantity - lineAlloc[i],
    );
    const allocs =
      d.percentage !== undefined
        ? bases.map((b) => mulDivRound(b, Math.round(d.percentage! * 1e6), 1e8))
        : prorate(
            Math.min(
              d.amount ?? 0,
              bases.reduce((s, b) => s + b, 0),
            ),
            bases,
          );
    order.lines.forEach((l, i) => {
      if (allocs[i] > 0) l.allocations.push({ applicationIndex: app.index, amount: allocs[i] });
    });
  }

  // Taxes.
  for (const l of order.lines) {
    if (!l.taxable) continue;
    const after = l.unitPrice * l.quantity - l.allocations.reduce((s, a) => s + a.amount, 0);
    l.taxes.push({
      title: tax.title,
      rate: tax.percent / 100,
      amount: taxFor(after, tax.percent, taxesIncluded),
    });
  }

  // Shipping.
  if (spec.shipping) {
    order.shippingLineRecs.push({
      id: nextGid(shop, "ShippingLine"),
      title: spec.shipping.title,
      code: spec.shipping.code ?? spec.shipping.title,
      originalPrice: spec.shipping.price,
      discountedPrice: spec.shipping.price,
      taxes:
        spec.shipping.price > 0
          ? [
              {
                title: tax.title,
                rate: tax.percent / 100,
                amount: taxFor(spec.shipping.price, tax.percent, taxesIncluded),
              },
            ]
          : [],
    });
  }

  // Payments.
  const total = orderTotal(order);
  const payments = spec.payments?.length
    ? spec.payments
    : [{ gateway: "shopify_payments" as Gateway }];
  let left = total;
  payments.forEach((p, i) => {
    const amount = i === payments.length - 1 ? left : Math.min(left, p.amount ?? 0);
    left -= amount;
    if (amount <= 0) return;
    const at = addMinutes(spec.processedAt, i);
    const card =
      p.gateway === "shopify_payments"
        ? (() => {
            const c = CARDS[(number + i) % CARDS.length];
            return {
              company: p.cardCompany ?? c.company,
              last4: p.cardLast4 ?? String(1000 + ((number * 7919) % 9000)).slice(-4),
              name: customer ? `${customer.firstName} ${customer.lastName}` : "Card holder",
              expMonth: 1 + (number % 12),
              expYear: 2028 + (number % 3),
              bin: c.bin,
            };
          })()
        : null;
    let giftCardId: string | null = null;
    if (p.gateway === "gift_card") {
      const code = shop.rng.hex(16).toUpperCase();
      const initial = amount + mulDivRound(amount, 1, 4); // card had 25 % more than this order used
      const gc = register<GiftCardRec>(shop, {
        __typename: "GiftCard",
        id: nextGid(shop, "GiftCard"),
        code,
        currency,
        initialMinor: initial,
        balanceMinor: initial - amount,
        customerId: customer?.id ?? null,
        orderId: null,
        expiresOn: null,
        note: null,
        enabled: true,
        createdAt: addMinutes(spec.processedAt, -60 * 24 * 20),
        updatedAt: at,
        deactivatedAt: null,
      });
      shop.giftCards.push(gc);
      giftCardId = gc.id;
    }
    const base = {
      orderId,
      status: "SUCCESS" as const,
      gateway: p.gateway,
      amountMinor: amount,
      refundId: null,
      card,
      giftCardId,
      test: false,
    };
    if (p.gateway === "klarna") {
      const auth = register<TransactionRec>(shop, {
        __typename: "OrderTransaction",
        id: nextGid(shop, "OrderTransaction"),
        kind: "AUTHORIZATION",
        processedAt: at,
        createdAt: at,
        parentId: null,
        ...base,
      });
      const capAt = addMinutes(at, 1);
      const cap = register<TransactionRec>(shop, {
        __typename: "OrderTransaction",
        id: nextGid(shop, "OrderTransaction"),
        kind: "CAPTURE",
        processedAt: capAt,
        createdAt: capAt,
        parentId: auth.id,
        ...base,
      });
      order.transactionIds.push(auth.id, cap.id);
    } else {
      const sale = register<TransactionRec>(shop, {
        __typename: "OrderTransaction",
        id: nextGid(shop, "OrderTransaction"),
        kind: "SALE",
        processedAt: at,
        createdAt: at,
        parentId: null,
        ...base,
      });
      order.transactionIds.push(sale.id);
    }
  });

  // Fulfillments.
  (spec.fulfillments ?? []).forEach((f, k) => {
    const location = f.locationId
      ? mustGet<LocationRec>(shop, f.locationId, "Location")
      : shop.locations[0];
    const selection =
      f.lines ??
      order.lines
        .map((l, index) => ({ index, quantity: l.quantity }))
        .filter((x) => order.lines[x.index].requiresShipping);
    const fulfillmentId = nextGid(shop, "Fulfillment");
    const now = ctx.now().getTime();
    const delivered = f.deliveredAt && Date.parse(f.deliveredAt) <= now ? f.deliveredAt : null;
    const fulfillment: FulfillmentRec = {
      __typename: "Fulfillment",
      id: fulfillmentId,
      orderId,
      name: `${order.name}.${k + 1}`,
      status: "SUCCESS",
      displayStatus: delivered ? "DELIVERED" : f.inTransitAt ? "IN_TRANSIT" : "FULFILLED",
      createdAt: f.createdAt,
      updatedAt: delivered ?? f.inTransitAt ?? f.createdAt,
      inTransitAt: f.inTransitAt ?? null,
      deliveredAt: delivered,
      estimatedDeliveryAt: f.estimatedDeliveryAt ?? null,
      locationId: location.id,
      tracking: f.tracking === undefined ? null : f.tracking,
      lineIds: [],
    };
    for (const sel of selection) {
      const line = order.lines[sel.index];
      const fli = register<FulfillmentLineItemRec>(shop, {
        __typename: "FulfillmentLineItem",
        id: nextGid(shop, "FulfillmentLineItem"),
        fulfillmentId,
        orderId,
        lineItemId: line.id,
        quantity: sel.quantity,
      });
      fulfillment.lineIds.push(fli.id);
      const variant = line.variantId
        ? getNode<VariantRec>(shop, line.variantId, "ProductVariant")
        : null;
      if (variant?.tracked)
        variant.stock.set(location.id, (variant.stock.get(location.id) ?? 0) - sel.quantity);
    }
    register(shop, fulfillment);
    order.fulfillmentIds.push(fulfillmentId);
    const latest = fulfillment.updatedAt;
    if (latest > order.updatedAt) order.updatedAt = latest;
  });

  shop.orders.push(order);
  shop.orderByName.set(order.name, order);

  if (spec.cancel) {
    const saved = ctx.now;
    ctx.now = () => new Date(spec.cancel!.at);
    try {
      const payments = order.transactionIds
        .map((id) => shop.nodes.get(id) as TransactionRec)
        .filter((t) => t.kind === "SALE" || t.kind === "CAPTURE");
      const r = refundCreate(ctx, {
        orderId,
        currency,
        note: "Order canceled",
        refundLineItems: order.lines.map((l) => ({
          lineItemId: l.id,
          quantity: l.quantity,
          restockType: "CANCEL",
          locationId: shop.locations[0]?.id ?? null,
        })),
        shipping: { fullRefund: true },
        transactions: payments.map((t) => ({
          orderId,
          parentId: t.id,
          kind: "REFUND",
          gateway: t.gateway,
          amount: formatFixed(t.amountMinor, currency),
        })),
      });
      if (!r.ok)
        throw new Error(
          `createOrder: cancel refund failed: ${r.errors.map((e) => e.message).join("; ")}`,
        );
    } finally {
      ctx.now = saved;
    }
    order.cancelledAt = spec.cancel.at;
    order.cancelReason = spec.cancel.reason;
    order.closedAt = spec.cancel.at;
    order.updatedAt = spec.cancel.at;
  }
  return order;
}
