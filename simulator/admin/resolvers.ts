/**
 * GraphQL resolvers of the stand-in, keyed by schema type and field. A field is "implemented"
 * when it has a resolver here or when the source object has an own property of that name
 * (records in model.ts and the view objects built below); anything else fails with
 * "Field 'Type.field' is not implemented by the offline stand-in" (see execute.ts).
 *
 * To add a field: add `Type: { field: (src, args, ctx) => value }` below, or give the record
 * / view object a property with the schema's name and meaning.
 */
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import {
  computeOutcome,
  exchangeAmounts,
  lineAmounts,
  restockingFeeAmount,
  taxFor,
} from "./arithmetic";
import { paginate, takeFirst, type ConnectionArgs } from "./connection";
import { accessDenied, type ResolverContext } from "./context";
import { APP_INSTALLATION_RESOLVERS } from "./app-installation";
import { DISCOUNT_RESOLVERS } from "./discounts";
import { MARKETING_RESOLVERS } from "./marketing";
import { gid, legacyId, parseGid } from "./gid";
import { moneyV2, toMinor, toShopMinor, type MoneyBag } from "./money";
import type {
  AddressRec,
  CollectionRec,
  CustomerRec,
  DiscountApplicationRec,
  DispositionRec,
  ExchangeLineItemRec,
  FulfillmentLineItemRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  GiftCardRec,
  LineItemRec,
  LocationRec,
  OrderRec,
  ProductRec,
  RefundLineItemRec,
  RefundRec,
  ReturnLineItemRec,
  ReturnRec,
  ReverseDeliveryRec,
  RfoLineItemRec,
  RfoRec,
  ShippingLineRec,
  ShopState,
  StoreCreditAccountRec,
  StoreCreditTxRec,
  TransactionRec,
  VariantRec,
  AnyRec,
} from "./model";
import * as ops from "./operations";
import { fail, toUserError, type RaisedError } from "./rules";
import type { StagedUploadInput } from "./staged-uploads";
import { satisfies, typeRequiredAccess, parseRequiredAccess } from "./schema-meta";
import {
  compileSearch,
  matchBool,
  matchDate,
  matchId,
  matchNumber,
  matchText,
  zoneOffsetMinutes,
  type SearchSpec,
} from "./search";
import {
  bag,
  customerOrders,
  displayFinancialStatus,
  displayFulfillmentStatus,
  fulfilledQuantity,
  getNode,
  isPaymentTx,
  lineDiscountSplit,
  lineRefundedQuantity,
  maximumRefundable,
  orderDiscountTotal,
  orderFulfillments,
  orderRefunds,
  orderReturns,
  orderReturnStatus,
  orderShipping,
  orderSubtotal,
  orderTax,
  orderTotal,
  orderTransactions,
  originalLines,
  paidTotal,
  refundedQuantities,
  refundedTotal,
  returnableQuantity,
  shippingRefunded,
  transactionRemaining,
} from "./store";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Args = Record<string, any>;
export type Resolver = (
  src: any,
  args: Args,
  ctx: ResolverContext,
  info: GraphQLResolveInfo,
) => unknown;

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const orderOf = (c: ResolverContext, id: string) => c.shop.nodes.get(id) as OrderRec;
const legacy = (src: { id: string }) => String(legacyId(src.id));
const count = (n: number) => ({ count: n, precision: "EXACT" });
const shopMoney = (c: ResolverContext, minor: number) => moneyV2(minor, c.shop.info.currencyCode);

function node<T extends AnyRec>(
  c: ResolverContext,
  id: unknown,
  typename: T["__typename"],
): T | null {
  return getNode<T>(c.shop, id, typename);
}

/** The order, or null when the app may not see it (read_all_orders rule, when enforced). */
function visibleOrder(c: ResolverContext, order: OrderRec | null): OrderRec | null {
  if (!order) return null;
  if (c.enforceOrderAge && !c.grants.has("read_all_orders")) {
    const age = c.now().getTime() - Date.parse(order.processedAt);
    if (age > 60 * 86_400_000) return null;
  }
  return order;
}

function addressView(a: AddressRec | null, id: string): Record<string, unknown> | null {
  if (!a) return null;
  return {
    id,
    ...a,
    formatted: [a.company, a.address1, a.address2, `${a.zip} ${a.city}`, a.country].filter(
      (x): x is string => Boolean(x),
    ),
    formattedArea: [a.city, a.country].filter(Boolean).join(", "),
    coordinatesValidated: false,
    latitude: null,
    longitude: null,
    timeZone: null,
    validationResultSummary: null,
  };
}

function shippingLineView(
  c: ResolverContext,
  order: OrderRec,
  s: ShippingLineRec,
): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    code: s.code,
    source: "shopify",
    carrierIdentifier: null,
    custom: false,
    deliveryCategory: null,
    isRemoved: false,
    phone: null,
    shippingRateHandle: null,
    originalPriceSet: bag(c.shop, order, s.originalPrice),
    discountedPriceSet: bag(c.shop, order, s.discountedPrice),
    currentDiscountedPriceSet: bag(c.shop, order, s.discountedPrice),
    discountAllocations: [],
    taxLines: s.taxes.map((t) => taxLineView(c, order, t)),
  };
}

function taxLineView(
  c: ResolverContext,
  order: OrderRec,
  t: { title: string; rate: number; amount: number },
): Record<string, unknown> {
  return {
    title: t.title,
    rate: t.rate,
    ratePercentage: Math.round(t.rate * 10000) / 100,
    priceSet: bag(c.shop, order, t.amount),
    channelLiable: false,
    source: "Shopify",
  };
}

function discountApplicationView(
  c: ResolverContext,
  order: OrderRec,
  app: DiscountApplicationRec,
): Record<string, unknown> {
  const typename =
    app.kind === "code"
      ? "DiscountCodeApplication"
      : app.kind === "manual"
        ? "ManualDiscountApplication"
        : "AutomaticDiscountApplication";
  const base: Record<string, unknown> = {
    __typename: typename,
    index: app.index,
    allocationMethod: app.allocationMethod,
    targetSelection: app.targetSelection,
    targetType: app.targetType,
    value:
      app.valueType === "percentage"
        ? { __typename: "PricingPercentageValue", percentage: app.value }
        : { __typename: "MoneyV2", ...moneyV2(app.value, order.currency) },
  };
  if (app.kind === "code") base.code = app.code;
  else base.title = app.title;
  if (app.kind === "manual") base.description = app.title;
  return base;
}

function formattedGateway(gateway: string): string {
  switch (gateway) {
    case "shopify_payments":
      return "Shopify Payments";
    case "klarna":
      return "Klarna";
    case "paypal":
      return "PayPal Express Checkout";
    case "gift_card":
      return "Gift card";
    case "shopify_store_credit":
      return "Store credit";
    default:
      return gateway;
  }
}

function paymentDetailsOf(tx: TransactionRec): Record<string, unknown> | null {
  if (!tx.card) return null;
  return {
    __typename: "CardPaymentDetails",
    company: tx.card.company,
    number: `•••• •••• •••• ${tx.card.last4}`,
    name: tx.card.name,
    expirationMonth: tx.card.expMonth,
    expirationYear: tx.card.expYear,
    bin: tx.card.bin,
    avsResultCode: null,
    cvvResultCode: null,
    paymentMethodName: tx.card.company.toLowerCase(),
    wallet: null,
  };
}

function returnOf(c: ResolverContext, rli: { returnId: string }): ReturnRec {
  return c.shop.nodes.get(rli.returnId) as ReturnRec;
}

function fliLine(
  c: ResolverContext,
  fliId: string,
): { fli: FulfillmentLineItemRec; line: LineItemRec; order: OrderRec } {
  const fli = c.shop.nodes.get(fliId) as FulfillmentLineItemRec;
  const line = c.shop.nodes.get(fli.lineItemId) as LineItemRec;
  return { fli, line, order: orderOf(c, fli.orderId) };
}

function inventoryItemView(v: VariantRec): Record<string, unknown> {
  return { __typename: "InventoryItem", id: v.inventoryItemId, variantRec: v };
}

function inventoryLevelView(v: VariantRec, loc: LocationRec): Record<string, unknown> {
  return {
    __typename: "InventoryLevel",
    id: `gid://shopify/InventoryLevel/${legacyId(loc.id)}?inventory_item_id=${legacyId(v.inventoryItemId)}`,
    variantRec: v,
    locationRec: loc,
  };
}

const QUANTITY_NAMES = new Set([
  "available",
  "on_hand",
  "committed",
  "incoming",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
]);

function returnableFulfillmentView(
  c: ResolverContext,
  f: FulfillmentRec,
): Record<string, unknown> | null {
  const lines = f.lineIds
    .map((id) => c.shop.nodes.get(id) as FulfillmentLineItemRec)
    .map((fli) => ({ fli, quantity: returnableQuantity(c.shop, fli) }))
    .filter((x) => x.quantity > 0);
  if (lines.length === 0) return null;
  return {
    __typename: "ReturnableFulfillment",
    id: gid("ReturnableFulfillment", legacyId(f.id)),
    fulfillmentRec: f,
    lines,
  };
}

function returnableFulfillmentsOf(c: ResolverContext, order: OrderRec): Record<string, unknown>[] {
  if (order.cancelledAt) return [];
  return orderFulfillments(c.shop, order)
    .filter((f) => f.status === "SUCCESS")
    .map((f) => returnableFulfillmentView(c, f))
    .filter((x): x is Record<string, unknown> => x !== null);
}

/** Parse a MoneyInput for read-only calculations (returnCalculate, suggestedFinancialOutcome). */
function moneyArg(
  order: OrderRec,
  m: { amount: unknown; currencyCode: string } | null | undefined,
  what: string,
): number | null {
  if (!m) return null;
  if (m.currencyCode !== order.currency)
    throw new GraphQLError(
      `${what}: currency ${m.currencyCode} does not match the order's presentment currency ${order.currency}.`,
      {
        extensions: { code: "BAD_REQUEST" },
      },
    );
  const minor = toMinor(m.amount, order.currency);
  if (minor === null || minor < 0)
    throw new GraphQLError(`${what}: invalid amount ${String(m.amount)}.`, {
      extensions: { code: "BAD_REQUEST" },
    });
  return minor;
}

function connection<T>(
  items: readonly T[],
  args: ConnectionArgs,
  key: (t: T) => string = (t: any) => t.id,
) {
  return paginate(items, args, key);
}

function assertNodeAccess(
  c: ResolverContext,
  rec: AnyRec | Record<string, unknown> | null,
  fieldName: string,
): void {
  if (!rec) return;
  const typename = (rec as { __typename?: string }).__typename;
  if (!typename) return;
  const text = typeRequiredAccess(typename);
  if (!text) return;
  const req = parseRequiredAccess(text, false);
  if (req.groups.length && !satisfies(req, c.grants)) throw accessDenied(fieldName, text);
}

function resolveNode(c: ResolverContext, id: string): Record<string, unknown> | AnyRec | null {
  const rec = c.shop.nodes.get(id);
  if (rec) {
    if (rec.__typename === "Order") return visibleOrder(c, rec);
    return rec;
  }
  const p = parseGid(id);
  if (!p) return null;
  if (p.type === "InventoryItem") {
    const v = c.shop.variants.find((x) => x.inventoryItemId === id);
    return v ? inventoryItemView(v) : null;
  }
  if (p.type === "ReturnableFulfillment") {
    const f = c.shop.nodes.get(gid("Fulfillment", p.id));
    return f && f.__typename === "Fulfillment" ? returnableFulfillmentView(c, f) : null;
  }
  if (p.type === "ReturnReasonDefinition") return c.reasons.find((r) => r.id === id) ?? null;
  return null;
}

function payloadErrors(errors: RaisedError[]) {
  return errors.map(toUserError);
}

// ---------------------------------------------------------------------------------------------
// search specs
// ---------------------------------------------------------------------------------------------

function orderSearch(c: ResolverContext): SearchSpec<OrderRec> {
  const tz = c.shop.info.ianaTimezone;
  const shop = c.shop;
  const stripHash = (s: string) => s.replace(/^#/, "").toLowerCase();
  return {
    fields: {
      name: (o, op, v) => op === ":" && stripHash(o.name) === stripHash(v),
      email: (o, op, v) => matchText(o.emailAddress, op, v),
      customer_id: (o, op, v) => o.customerId !== null && matchId(o.customerId, op, v),
      id: (o, op, v) => matchId(o.id, op, v),
      created_at: (o, op, v) => matchDate(o.createdAt, op, v, tz),
      updated_at: (o, op, v) => matchDate(o.updatedAt, op, v, tz),
      processed_at: (o, op, v) => matchDate(o.processedAt, op, v, tz),
      return_status: (o, op, v) => matchText(orderReturnStatus(shop, o), op, v),
      financial_status: (o, op, v) => matchText(displayFinancialStatus(shop, o), op, v),
      fulfillment_status: (o, op, v) => {
        const s = displayFulfillmentStatus(shop, o);
        const val = v.toLowerCase();
        if (val === "shipped" || val === "fulfilled") return s === "FULFILLED";
        if (val === "unshipped" || val === "unfulfilled") return s === "UNFULFILLED";
        if (val === "partial") return s === "PARTIALLY_FULFILLED";
        return matchText(s, op, v);
      },
      status: (o, _op, v) => {
        const val = v.toLowerCase();
        if (val === "cancelled") return o.cancelledAt !== null;
        if (val === "closed") return o.closedAt !== null;
        if (val === "open") return o.closedAt === null && o.cancelledAt === null;
        if (val === "not_closed") return o.closedAt === null;
        return val === "any";
      },
      tag: (o, _op, v) => o.tags.some((t) => t.toLowerCase() === v.toLowerCase()),
      gateway: (o, _op, v) => orderTransactions(shop, o).some((t) => t.gateway === v),
      currency: (o, op, v) => matchText(o.currency, op, v),
      test: (o, op, v) => matchBool(o.test, op, v),
      discount_code: (o, _op, v) => o.codes.some((code) => code.toLowerCase() === v.toLowerCase()),
    },
    text: (o) => {
      const cust = o.customerId ? (shop.nodes.get(o.customerId) as CustomerRec) : null;
      return [o.name, o.emailAddress, cust?.firstName, cust?.lastName];
    },
  };
}

const customerSearch = (c: ResolverContext): SearchSpec<CustomerRec> => ({
  fields: {
    email: (x, op, v) => matchText(x.emailAddress, op, v),
    first_name: (x, op, v) => matchText(x.firstName, op, v),
    last_name: (x, op, v) => matchText(x.lastName, op, v),
    id: (x, op, v) => matchId(x.id, op, v),
    tag: (x, _op, v) => x.tags.some((t) => t.toLowerCase() === v.toLowerCase()),
    country: (x, op, v) => matchText(x.countryCode, op, v),
    locale: (x, op, v) => matchText(x.locale, op, v),
    orders_count: (x, op, v) => matchNumber(customerOrders(c.shop, x).length, op, v),
    created_at: (x, op, v) => matchDate(x.createdAt, op, v, c.shop.info.ianaTimezone),
    updated_at: (x, op, v) => matchDate(x.updatedAt, op, v, c.shop.info.ianaTimezone),
  },
  text: (x) => [x.firstName, x.lastName, x.emailAddress, `${x.firstName} ${x.lastName}`],
});

const productSearch = (c: ResolverContext): SearchSpec<ProductRec> => ({
  fields: {
    title: (p, op, v) => matchText(p.title, op, v),
    handle: (p, op, v) => matchText(p.handle, op, v),
    product_type: (p, op, v) => matchText(p.productType, op, v),
    vendor: (p, op, v) => matchText(p.vendor, op, v),
    status: (p, _op, v) => v.split(",").some((s) => s.trim().toUpperCase() === p.status),
    tag: (p, _op, v) => p.tags.some((t) => t.toLowerCase() === v.toLowerCase()),
    tag_not: (p, _op, v) => !p.tags.some((t) => t.toLowerCase() === v.toLowerCase()),
    id: (p, op, v) => matchId(p.id, op, v),
    gift_card: (p, op, v) => matchBool(p.isGiftCard, op, v),
    sku: (p, op, v) =>
      p.variantIds.some((id) => matchText((c.shop.nodes.get(id) as VariantRec).sku, op, v)),
    created_at: (p, op, v) => matchDate(p.createdAt, op, v, c.shop.info.ianaTimezone),
    updated_at: (p, op, v) => matchDate(p.updatedAt, op, v, c.shop.info.ianaTimezone),
  },
  text: (p) => [p.title, p.handle, p.productType, p.vendor, ...p.tags],
});

const variantSearch = (c: ResolverContext): SearchSpec<VariantRec> => ({
  fields: {
    sku: (v, op, val) => matchText(v.sku, op, val),
    barcode: (v, op, val) => matchText(v.barcode, op, val),
    title: (v, op, val) => matchText(v.title, op, val),
    id: (v, op, val) => matchId(v.id, op, val),
    product_id: (v, op, val) => matchId(v.productId, op, val),
    product_type: (v, op, val) =>
      matchText((c.shop.nodes.get(v.productId) as ProductRec).productType, op, val),
    tag: (v, _op, val) =>
      (c.shop.nodes.get(v.productId) as ProductRec).tags.some(
        (t) => t.toLowerCase() === val.toLowerCase(),
      ),
    inventory_quantity: (v, op, val) => matchNumber(totalStock(v), op, val),
  },
  text: (v) => {
    const p = c.shop.nodes.get(v.productId) as ProductRec;
    return [v.title, v.sku, p.title, `${p.title} - ${v.title}`];
  },
});

function totalStock(v: VariantRec): number {
  let s = 0;
  for (const q of v.stock.values()) s += q;
  return s;
}

function withSearch<T>(
  c: ResolverContext,
  info: GraphQLResolveInfo,
  items: T[],
  query: string | null | undefined,
  spec: SearchSpec<T>,
): T[] {
  const { test, warnings } = compileSearch(query, spec);
  if (warnings.length && query) c.searchWarnings.push({ path: pathOf(info), query, warnings });
  return items.filter(test);
}

function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) out.unshift(p.key);
  return out;
}

function sortOrders(
  c: ResolverContext,
  orders: OrderRec[],
  sortKey: string | null | undefined,
): OrderRec[] {
  const key = sortKey ?? "PROCESSED_AT";
  const by =
    <T>(f: (o: OrderRec) => T) =>
    (a: OrderRec, b: OrderRec) => {
      const x = f(a);
      const y = f(b);
      if (x < y) return -1;
      if (x > y) return 1;
      return legacyId(a.id) - legacyId(b.id);
    };
  const list = orders.slice();
  switch (key) {
    case "CREATED_AT":
      return list.sort(by((o) => o.createdAt));
    case "UPDATED_AT":
      return list.sort(by((o) => o.updatedAt));
    case "ORDER_NUMBER":
      return list.sort(by((o) => o.number));
    case "TOTAL_PRICE":
      return list.sort(
        by((o) => toShopMinor(orderTotal(o), o.fx, o.currency, c.shop.info.currencyCode)),
      );
    case "CURRENT_TOTAL_PRICE":
      return list.sort(
        by((o) =>
          toShopMinor(
            orderTotal(o) - refundedTotal(c.shop, o),
            o.fx,
            o.currency,
            c.shop.info.currencyCode,
          ),
        ),
      );
    case "TOTAL_ITEMS_QUANTITY":
      return list.sort(by((o) => o.lines.reduce((s, l) => s + l.quantity, 0)));
    case "CUSTOMER_NAME":
      return list.sort(
        by((o) =>
          o.customerId ? `${(c.shop.nodes.get(o.customerId) as CustomerRec).lastName}` : "",
        ),
      );
    case "FINANCIAL_STATUS":
      return list.sort(by((o) => displayFinancialStatus(c.shop, o)));
    case "FULFILLMENT_STATUS":
      return list.sort(by((o) => displayFulfillmentStatus(c.shop, o)));
    case "PROCESSED_AT":
      return list.sort(by((o) => o.processedAt));
    default:
      // ID, RELEVANCE, DESTINATION, PO_NUMBER: by id.
      return list.sort(by((o) => legacyId(o.id)));
  }
}

// ---------------------------------------------------------------------------------------------
// money math shared by several types
// ---------------------------------------------------------------------------------------------

function currentTotals(c: ResolverContext, order: OrderRec) {
  let refundedSubtotal = 0;
  let refundedTax = 0;
  for (const r of orderRefunds(c.shop, order))
    for (const l of r.lines) {
      refundedSubtotal += l.subtotal;
      refundedTax += l.tax;
    }
  const subtotal = orderSubtotal(order) - refundedSubtotal;
  const tax = orderTax(order) - refundedTax;
  const shipping = orderShipping(order) - shippingRefunded(c.shop, order);
  return { subtotal, tax, shipping, total: subtotal + shipping + (order.taxesIncluded ? 0 : tax) };
}

function aggregatedTaxLines(c: ResolverContext, order: OrderRec): Record<string, unknown>[] {
  const by = new Map<string, { title: string; rate: number; amount: number }>();
  for (const l of originalLines(order))
    for (const t of l.taxes) {
      const k = `${t.title}|${t.rate}`;
      const e = by.get(k) ?? { title: t.title, rate: t.rate, amount: 0 };
      e.amount += t.amount;
      by.set(k, e);
    }
  for (const s of order.shippingLineRecs)
    for (const t of s.taxes) {
      const k = `${t.title}|${t.rate}`;
      const e = by.get(k) ?? { title: t.title, rate: t.rate, amount: 0 };
      e.amount += t.amount;
      by.set(k, e);
    }
  return [...by.values()].map((t) => taxLineView(c, order, t));
}

// ---------------------------------------------------------------------------------------------
// Root: queries
// ---------------------------------------------------------------------------------------------

const QueryRoot: Record<string, Resolver> = {
  shop: (_s, _a, c) => c.shop.info,
  order: (_s, a, c) => visibleOrder(c, node<OrderRec>(c, a.id, "Order")),
  orderByIdentifier: (_s, a, c) =>
    a.identifier?.id ? visibleOrder(c, node<OrderRec>(c, a.identifier.id, "Order")) : null,
  orders: (_s, a, c, info) => {
    let list = c.shop.orders.filter((o) => visibleOrder(c, o) !== null);
    list = withSearch(c, info, list, a.query, orderSearch(c));
    return connection(sortOrders(c, list, a.sortKey), a);
  },
  customer: (_s, a, c) => node<CustomerRec>(c, a.id, "Customer"),
  customers: (_s, a, c, info) => {
    const list = withSearch(c, info, c.shop.customers.slice(), a.query, customerSearch(c));
    const key = a.sortKey ?? "ID";
    if (key === "NAME")
      list.sort((x, y) =>
        `${x.lastName} ${x.firstName}`.localeCompare(`${y.lastName} ${y.firstName}`),
      );
    else if (key === "CREATED_AT") list.sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    else if (key === "UPDATED_AT") list.sort((x, y) => x.updatedAt.localeCompare(y.updatedAt));
    else list.sort((x, y) => legacyId(x.id) - legacyId(y.id));
    return connection(list, a);
  },
  product: (_s, a, c) => node<ProductRec>(c, a.id, "Product"),
  products: (_s, a, c, info) => {
    const list = withSearch(c, info, c.shop.products.slice(), a.query, productSearch(c));
    const key = a.sortKey ?? "ID";
    if (key === "TITLE") list.sort((x, y) => x.title.localeCompare(y.title));
    else if (key === "PRODUCT_TYPE")
      list.sort((x, y) => x.productType.localeCompare(y.productType));
    else if (key === "VENDOR") list.sort((x, y) => x.vendor.localeCompare(y.vendor));
    else if (key === "CREATED_AT") list.sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    else if (key === "UPDATED_AT") list.sort((x, y) => x.updatedAt.localeCompare(y.updatedAt));
    else if (key === "INVENTORY_TOTAL")
      list.sort(
        (x, y) =>
          x.variantIds.reduce((s, id) => s + totalStock(c.shop.nodes.get(id) as VariantRec), 0) -
          y.variantIds.reduce((s, id) => s + totalStock(c.shop.nodes.get(id) as VariantRec), 0),
      );
    else list.sort((x, y) => legacyId(x.id) - legacyId(y.id));
    return connection(list, a);
  },
  productVariant: (_s, a, c) => node<VariantRec>(c, a.id, "ProductVariant"),
  productVariants: (_s, a, c, info) => {
    const list = withSearch(c, info, c.shop.variants.slice(), a.query, variantSearch(c));
    const key = a.sortKey ?? "ID";
    if (key === "SKU") list.sort((x, y) => (x.sku ?? "").localeCompare(y.sku ?? ""));
    else if (key === "TITLE" || key === "NAME" || key === "FULL_TITLE")
      list.sort((x, y) => x.title.localeCompare(y.title));
    else if (key === "INVENTORY_QUANTITY" || key === "INVENTORY_LEVELS_AVAILABLE")
      list.sort((x, y) => totalStock(x) - totalStock(y));
    else if (key === "POSITION") list.sort((x, y) => x.position - y.position);
    else list.sort((x, y) => legacyId(x.id) - legacyId(y.id));
    return connection(list, a);
  },
  location: (_s, a, c) =>
    a.id ? node<LocationRec>(c, a.id, "Location") : (c.shop.locations[0] ?? null),
  locations: (_s, a, c) => {
    let list = c.shop.locations.filter((l) => a.includeInactive || l.isActive);
    if (a.query)
      list = list.filter((l) =>
        l.name.toLowerCase().includes(
          String(a.query)
            .replace(/^name:/, "")
            .replace(/"/g, "")
            .toLowerCase(),
        ),
      );
    list =
      (a.sortKey ?? "NAME") === "NAME"
        ? list.slice().sort((x, y) => x.name.localeCompare(y.name))
        : list.slice().sort((x, y) => legacyId(x.id) - legacyId(y.id));
    return connection(list, a);
  },
  inventoryItem: (_s, a, c) => {
    const v = c.shop.variants.find((x) => x.inventoryItemId === a.id);
    return v ? inventoryItemView(v) : null;
  },
  collection: (_s, a, c) => node<CollectionRec>(c, a.id, "Collection"),
  returnableFulfillments: (_s, a, c) => {
    const order = visibleOrder(c, node<OrderRec>(c, a.orderId, "Order"));
    if (!order)
      throw new GraphQLError("Order does not exist.", { extensions: { code: "NOT_FOUND" } });
    return connection(returnableFulfillmentsOf(c, order), a);
  },
  returnableFulfillment: (_s, a, c) => {
    const p = parseGid(a.id);
    if (!p || p.type !== "ReturnableFulfillment") return null;
    const f = node<FulfillmentRec>(c, gid("Fulfillment", p.id), "Fulfillment");
    return f ? returnableFulfillmentView(c, f) : null;
  },
  returnReasonDefinitions: (_s, a, c, info) => {
    let list = c.reasons.slice();
    if (a.handles) list = list.filter((r) => (a.handles as string[]).includes(r.handle));
    if (a.ids) list = list.filter((r) => (a.ids as string[]).includes(r.id));
    list = withSearch(c, info, list, a.query, {
      fields: {
        deleted: (r, op, v) => matchBool(r.deleted, op, v),
        id: (r, op, v) => matchId(r.id, op, v),
        name: (r, op, v) => matchText(r.name, op, v),
        handle: (r, op, v) => matchText(r.handle, op, v),
      },
      text: (r) => [r.name, r.handle],
    });
    const key = a.sortKey ?? "ID";
    if (key === "HANDLE") list.sort((x, y) => x.handle.localeCompare(y.handle));
    else if (key === "NAME") list.sort((x, y) => x.name.localeCompare(y.name));
    return connection(list, a);
  },
  returnCalculate: (_s, a, c) => calculateReturn(c, a.input),
  return: (_s, a, c) => node<ReturnRec>(c, a.id, "Return"),
  reverseFulfillmentOrder: (_s, a, c) => node<RfoRec>(c, a.id, "ReverseFulfillmentOrder"),
  reverseDelivery: (_s, a, c) => node<ReverseDeliveryRec>(c, a.id, "ReverseDelivery"),
  fulfillment: (_s, a, c) => node<FulfillmentRec>(c, a.id, "Fulfillment"),
  fulfillmentOrder: (_s, a, c) => node<FulfillmentOrderRec>(c, a.id, "FulfillmentOrder"),
  refund: (_s, a, c) => node<RefundRec>(c, a.id, "Refund"),
  storeCreditAccount: (_s, a, c) => node<StoreCreditAccountRec>(c, a.id, "StoreCreditAccount"),
  giftCard: (_s, a, c) => node<GiftCardRec>(c, a.id, "GiftCard"),
  giftCards: (_s, a, c, info) => {
    const list = withSearch(c, info, c.shop.giftCards.slice(), a.query, {
      fields: {
        customer_id: (g, op, v) => g.customerId !== null && matchId(g.customerId, op, v),
        id: (g, op, v) => matchId(g.id, op, v),
        status: (g, _op, v) => (v === "enabled" ? g.enabled : v === "disabled" ? !g.enabled : true),
        created_at: (g, op, v) => matchDate(g.createdAt, op, v, c.shop.info.ianaTimezone),
      },
      // Shopify: the default term is "a case-insensitive search of multiple fields …
      // including gift card codes" (giftCards `query` argument). Guess: substring, code and note.
      text: (g) => [g.code, g.note],
    });
    return connection(list, a);
  },
  node: (_s, a, c) => {
    const rec = resolveNode(c, a.id);
    assertNodeAccess(c, rec as AnyRec, "node");
    return rec;
  },
  nodes: (_s, a, c) =>
    (a.ids as string[]).map((id) => {
      const rec = resolveNode(c, id);
      assertNodeAccess(c, rec as AnyRec, "nodes");
      return rec;
    }),
};

// ---------------------------------------------------------------------------------------------
// returnCalculate and suggestedFinancialOutcome
// ---------------------------------------------------------------------------------------------

function calculateReturn(c: ResolverContext, input: Args): Record<string, unknown> {
  const order = visibleOrder(c, node<OrderRec>(c, input.orderId, "Order"));
  if (!order)
    throw new GraphQLError("Order does not exist.", { extensions: { code: "NOT_FOUND" } });
  const returnLineItems = (input.returnLineItems ?? []).map((l: Args, i: number) => {
    const fli = node<FulfillmentLineItemRec>(c, l.fulfillmentLineItemId, "FulfillmentLineItem");
    if (!fli || fli.orderId !== order.id)
      throw new GraphQLError(
        `returnLineItems.${i}: fulfillment line item ${l.fulfillmentLineItemId} does not exist on this order.`,
        { extensions: { code: "NOT_FOUND" } },
      );
    const returnable = returnableQuantity(c.shop, fli);
    if (!(l.quantity > 0) || l.quantity > returnable)
      throw new GraphQLError(
        `returnLineItems.${i}: quantity ${l.quantity} is invalid; ${returnable} returnable.`,
        { extensions: { code: "BAD_REQUEST" } },
      );
    const line = c.shop.nodes.get(fli.lineItemId) as LineItemRec;
    const amounts = lineAmounts(order, line, l.quantity);
    const pct = l.restockingFee?.percentage ?? null;
    if (pct !== null && !(pct >= 0 && pct <= 100))
      throw new GraphQLError(
        `returnLineItems.${i}: restocking fee percentage must be between 0 and 100.`,
        { extensions: { code: "BAD_REQUEST" } },
      );
    return {
      id: gid("CalculatedReturnLineItem", legacyId(fli.id)),
      fulfillmentLineItem: fli,
      quantity: l.quantity,
      subtotalSet: bag(c.shop, order, amounts.subtotal),
      subtotalBeforeOrderDiscountsSet: bag(c.shop, order, amounts.subtotalBeforeOrderDiscounts),
      totalTaxSet: bag(c.shop, order, amounts.tax),
      restockingFee:
        pct === null
          ? null
          : {
              id: gid("CalculatedRestockingFee", legacyId(fli.id)),
              percentage: pct,
              amountSet: bag(c.shop, order, restockingFeeAmount(amounts.subtotal, pct)),
            },
    };
  });
  const rate = order.lines.find((l) => l.taxes.length)?.taxes[0]?.rate ?? 0;
  const exchangeLineItems = (input.exchangeLineItems ?? []).map((e: Args, i: number) => {
    const variant = e.variantId ? node<VariantRec>(c, e.variantId, "ProductVariant") : null;
    if (!variant)
      throw new GraphQLError(
        `exchangeLineItems.${i}: product variant ${e.variantId} does not exist.`,
        { extensions: { code: "NOT_FOUND" } },
      );
    if (!(e.quantity > 0))
      throw new GraphQLError(`exchangeLineItems.${i}: quantity must be greater than 0.`, {
        extensions: { code: "BAD_REQUEST" },
      });
    const unit = ops.variantPriceIn(c.shop, variant, order.currency);
    const v = e.appliedDiscount?.value;
    const discount =
      v?.percentage !== undefined && v?.percentage !== null
        ? { percentage: v.percentage as number }
        : v?.amount
          ? { amount: moneyArg(order, v.amount, `exchangeLineItems.${i}.appliedDiscount`)! }
          : null;
    const x = exchangeAmounts(unit, e.quantity, discount);
    return {
      id: gid("CalculatedExchangeLineItem", i + 1),
      variant,
      quantity: e.quantity,
      originalUnitPriceSet: bag(c.shop, order, unit),
      discountedUnitPriceSet: bag(c.shop, order, Math.round(x.total / e.quantity)),
      subtotalSet: bag(c.shop, order, x.total),
      totalTaxSet: bag(c.shop, order, taxFor(x.total, rate * 100, order.taxesIncluded)),
      calculatedDiscountAllocations: [],
    };
  });
  const fee = moneyArg(order, input.returnShippingFee?.amount, "returnShippingFee");
  return {
    id: gid("CalculatedReturn", legacyId(order.id)),
    returnLineItems,
    exchangeLineItems,
    returnShippingFee:
      fee === null
        ? null
        : {
            id: gid("CalculatedReturnShippingFee", legacyId(order.id)),
            amountSet: bag(c.shop, order, fee),
          },
  };
}

function suggestedFinancialOutcome(
  c: ResolverContext,
  ret: ReturnRec,
  a: Args,
): Record<string, unknown> {
  const order = orderOf(c, ret.orderId);
  const lines = (a.returnLineItems as Args[]).map((l, i) => {
    const rli = node<ReturnLineItemRec>(c, l.id, "ReturnLineItem");
    if (!rli || rli.returnId !== ret.id)
      throw new GraphQLError(
        `returnLineItems.${i}: return line item ${l.id} does not belong to this return.`,
        { extensions: { code: "NOT_FOUND" } },
      );
    const max = rli.quantity - rli.refundedQuantity;
    if (!(l.quantity >= 0) || l.quantity > max)
      throw new GraphQLError(
        `returnLineItems.${i}: quantity ${l.quantity} is greater than the refundable quantity ${max}.`,
        { extensions: { code: "BAD_REQUEST" } },
      );
    return {
      line: fliLine(c, rli.fulfillmentLineItemId).line,
      quantity: l.quantity as number,
      restockingFeePercentage: rli.restockingFeePercentage,
    };
  });
  const exchanges = (a.exchangeLineItems as Args[]).map((e, i) => {
    const eli = node<ExchangeLineItemRec>(c, e.id, "ExchangeLineItem");
    if (!eli || eli.returnId !== ret.id)
      throw new GraphQLError(
        `exchangeLineItems.${i}: exchange line item ${e.id} does not belong to this return.`,
        { extensions: { code: "NOT_FOUND" } },
      );
    if (!(e.quantity >= 0) || e.quantity > eli.quantity)
      throw new GraphQLError(
        `exchangeLineItems.${i}: quantity ${e.quantity} is greater than ${eli.quantity}.`,
        { extensions: { code: "BAD_REQUEST" } },
      );
    return {
      unitPrice: eli.unitPrice,
      quantity: e.quantity as number,
      discount: ops.scaleDiscount(eli, e.quantity),
    };
  });
  const rs = a.refundShipping as Args | null | undefined;
  const outcome = computeOutcome(c.shop, order, {
    lines,
    exchanges,
    returnShippingFees: ret.feesSettled ? 0 : ret.shippingFees.reduce((s, f) => s + f.amount, 0),
    shippingRefundAmount: rs?.shippingRefundAmount
      ? moneyArg(order, rs.shippingRefundAmount, "refundShipping.shippingRefundAmount")
      : null,
    fullShippingRefund: Boolean(rs?.fullRefund),
    allocation:
      a.refundMethodAllocation === "STORE_CREDIT" ? "STORE_CREDIT" : "ORIGINAL_PAYMENT_METHODS",
  });
  const b = (m: number): MoneyBag => bag(c.shop, order, m);
  const shipTotal = orderShipping(order);
  const shipTax = order.shippingLineRecs.reduce(
    (s, l) => s + l.taxes.reduce((t, x) => t + x.amount, 0),
    0,
  );
  let financialTransfer: Record<string, unknown>;
  if (outcome.transfer.kind === "refund") {
    financialTransfer = {
      __typename: "RefundReturnOutcome",
      amount: b(outcome.transfer.amount),
      suggestedTransactions: outcome.transfer.suggestedTransactions.map((t) => ({
        amountSet: b(t.amount),
        maximumRefundableSet: b(t.remaining),
        gateway: t.parent.gateway,
        formattedGateway: formattedGateway(t.parent.gateway),
        kind: "SUGGESTED_REFUND",
        parentTransaction: t.parent,
        accountNumber: t.parent.card ? `•••• •••• •••• ${t.parent.card.last4}` : null,
        paymentDetails: paymentDetailsOf(t.parent),
      })),
      suggestedRefundMethods:
        outcome.transfer.storeCredit === null
          ? []
          : [
              {
                __typename: "SuggestedStoreCreditRefund",
                amount: b(outcome.transfer.storeCredit),
                maximumRefundable: b(outcome.maximumRefundable),
                expiresAt: null,
              },
            ],
    };
  } else {
    financialTransfer = { __typename: "InvoiceReturnOutcome", amount: b(outcome.transfer.amount) };
  }
  return {
    discountedSubtotal: b(outcome.itemsSubtotal),
    totalTax: b(outcome.itemsTax),
    totalAdditionalFees: b(outcome.totalAdditionalFees),
    totalCartDiscountAmount: b(outcome.cartDiscount),
    totalDuties: b(0),
    refundDuties: [],
    maximumRefundable: b(outcome.maximumRefundable),
    shipping: {
      amountSet: b(outcome.shippingRefund),
      maximumRefundableSet: b(outcome.shippingRemaining),
      taxSet: b(shipTotal > 0 ? Math.round((shipTax * outcome.shippingRefund) / shipTotal) : 0),
    },
    financialTransfer,
  };
}

// ---------------------------------------------------------------------------------------------
// Root: mutations
// ---------------------------------------------------------------------------------------------

function payload<T>(
  result: ops.OpResult<T>,
  key: string,
  map: (v: T) => unknown = (v) => v,
): Record<string, unknown> {
  return result.ok
    ? { [key]: map(result.value), userErrors: [] }
    : { [key]: null, userErrors: payloadErrors(result.errors) };
}

const Mutation: Record<string, Resolver> = {
  returnRequest: (_s, a, c) => payload(ops.returnRequest(c.ops, a.input), "return"),
  returnCreate: (_s, a, c) => payload(ops.returnCreate(c.ops, a.returnInput), "return"),
  returnApproveRequest: (_s, a, c) => payload(ops.returnApproveRequest(c.ops, a.input), "return"),
  returnDeclineRequest: (_s, a, c) => payload(ops.returnDeclineRequest(c.ops, a.input), "return"),
  returnCancel: (_s, a, c) => payload(ops.returnCancel(c.ops, a.id), "return"),
  returnClose: (_s, a, c) => payload(ops.returnClose(c.ops, a.id), "return"),
  returnReopen: (_s, a, c) => payload(ops.returnReopen(c.ops, a.id), "return"),
  returnProcess: (_s, a, c) => payload(ops.returnProcess(c.ops, a.input), "return"),
  removeFromReturn: (_s, a, c) =>
    payload(
      ops.removeFromReturn(c.ops, {
        returnId: a.returnId,
        returnLineItems: a.returnLineItems,
        exchangeLineItems: a.exchangeLineItems,
      }),
      "return",
    ),
  reverseDeliveryCreateWithShipping: (_s, a, c) =>
    payload(
      ops.reverseDeliveryCreateWithShipping(c.ops, {
        reverseFulfillmentOrderId: a.reverseFulfillmentOrderId,
        reverseDeliveryLineItems: a.reverseDeliveryLineItems,
        labelInput: a.labelInput,
        trackingInput: a.trackingInput,
        notifyCustomer: a.notifyCustomer,
      }),
      "reverseDelivery",
    ),
  stagedUploadsCreate: (_s, a, c) => {
    const inputs = a.input as StagedUploadInput[];
    const errors: RaisedError[] = [];
    inputs.forEach((input, i) => {
      if (!input.filename?.trim()) errors.push(fail("STAGED_UPLOAD_BLANK", ["input", String(i), "filename"], { what: "Filename" }));
      if (!input.mimeType?.trim()) errors.push(fail("STAGED_UPLOAD_BLANK", ["input", String(i), "mimeType"], { what: "Mime type" }));
      if ((input.resource === "VIDEO" || input.resource === "MODEL_3D") && !input.fileSize)
        errors.push(fail("STAGED_UPLOAD_FILE_SIZE_REQUIRED", ["input", String(i), "fileSize"], { resource: input.resource }));
    });
    if (errors.length) return { stagedTargets: null, userErrors: payloadErrors(errors) };
    return {
      stagedTargets: inputs.map((input) => c.stagedUploads.create(c.shop.info.myshopifyDomain, c.requestOrigin, input)),
      userErrors: [],
    };
  },
  reverseDeliveryShippingUpdate: (_s, a, c) =>
    payload(
      ops.reverseDeliveryShippingUpdate(c.ops, {
        reverseDeliveryId: a.reverseDeliveryId,
        labelInput: a.labelInput,
        trackingInput: a.trackingInput,
      }),
      "reverseDelivery",
    ),
  reverseFulfillmentOrderDispose: (_s, a, c) =>
    payload(
      ops.reverseFulfillmentOrderDispose(c.ops, a.dispositionInputs),
      "reverseFulfillmentOrderLineItems",
    ),
  // refundCreate is wrapped with @idempotent handling in execute.ts.
  refundCreate: (_s, a, c) => {
    const r = ops.refundCreate(c.ops, a.input);
    return r.ok
      ? { refund: r.value, order: orderOf(c, r.value.orderId), userErrors: [] }
      : {
          refund: null,
          order: node<OrderRec>(c, a.input.orderId, "Order"),
          userErrors: payloadErrors(r.errors),
        };
  },
  storeCreditAccountCredit: (_s, a, c) =>
    payload(
      ops.storeCreditAccountCredit(c.ops, a.id, a.creditInput),
      "storeCreditAccountTransaction",
    ),
  giftCardCreate: (_s, a, c) => {
    const r = ops.giftCardCreate(c.ops, a.input);
    return r.ok
      ? { giftCard: r.value.giftCard, giftCardCode: r.value.code, userErrors: [] }
      : { giftCard: null, giftCardCode: null, userErrors: payloadErrors(r.errors) };
  },
};

// ---------------------------------------------------------------------------------------------
// Object types
// ---------------------------------------------------------------------------------------------

const Shop: Record<string, Resolver> = {
  primaryDomain: (s: ShopState["info"]) => ({
    id: gid("Domain", legacyId(s.id)),
    host: s.primaryDomainHost,
    url: `https://${s.primaryDomainHost}`,
    sslEnabled: true,
    localization: null,
    marketWebPresence: null,
  }),
  url: (s: ShopState["info"]) => `https://${s.primaryDomainHost}`,
  updatedAt: (s: ShopState["info"]) => s.createdAt,
  enabledPresentmentCurrencies: (s: ShopState["info"]) => Object.keys(s.presentmentCurrencies),
  weightUnit: () => "KILOGRAMS",
  unitSystem: () => "METRIC_SYSTEM",
  timezoneOffsetMinutes: (s: ShopState["info"], _a, c) =>
    zoneOffsetMinutes(s.ianaTimezone, c.now()),
  timezoneOffset: (s: ShopState["info"], _a, c) => {
    const m = zoneOffsetMinutes(s.ianaTimezone, c.now());
    const abs = Math.abs(m);
    return `${m < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
  },
  timezoneAbbreviation: (s: ShopState["info"], _a, c) =>
    new Intl.DateTimeFormat("en-US", { timeZone: s.ianaTimezone, timeZoneName: "short" })
      .formatToParts(c.now())
      .find((p) => p.type === "timeZoneName")?.value ?? "UTC",
  plan: () => ({ publicDisplayName: "Shopify", shopifyPlus: false, partnerDevelopment: false }),
  orderNumberFormatPrefix: () => "#",
  orderNumberFormatSuffix: () => "",
  checkoutApiSupported: () => true,
  setupRequired: () => false,
  taxShipping: () => true,
  transactionalSmsDisabled: () => true,
  marketingSmsConsentEnabledAtCheckout: () => false,
  shipsToCountries: () => ["SE", "DK", "NO", "FI", "NL", "DE"],
};

const Order: Record<string, Resolver> = {
  legacyResourceId: legacy,
  email: (o: OrderRec) => o.emailAddress,
  phone: (o: OrderRec) => o.phoneNumber,
  closed: (o: OrderRec) => o.closedAt !== null,
  currencyCode: (_o, _a, c) => c.shop.info.currencyCode,
  presentmentCurrencyCode: (o: OrderRec) => o.currency,
  displayFinancialStatus: (o: OrderRec, _a, c) => displayFinancialStatus(c.shop, o),
  displayFulfillmentStatus: (o: OrderRec, _a, c) => displayFulfillmentStatus(c.shop, o),
  returnStatus: (o: OrderRec, _a, c) => orderReturnStatus(c.shop, o),
  customer: (o: OrderRec, _a, c) =>
    o.customerId ? node<CustomerRec>(c, o.customerId, "Customer") : null,
  lineItems: (o: OrderRec, a) => connection(o.lines, a),
  nonFulfillableLineItems: (o: OrderRec, a, c) =>
    connection(
      o.lines.filter(
        (l) => !l.requiresShipping || (refundedQuantities(c.shop, o, true).get(l.id) ?? 0) > 0,
      ),
      a,
    ),
  shippingLines: (o: OrderRec, a, c) =>
    connection(
      o.shippingLineRecs.map((s) => shippingLineView(c, o, s)),
      a,
      (s: any) => s.id,
    ),
  shippingLine: (o: OrderRec, _a, c) =>
    o.shippingLineRecs[0] ? shippingLineView(c, o, o.shippingLineRecs[0]) : null,
  discountCodes: (o: OrderRec) => o.codes,
  discountCode: (o: OrderRec) => o.codes[0] ?? null,
  discountApplications: (o: OrderRec, a, c) =>
    connection(
      o.discountApps.map((d) => discountApplicationView(c, o, d)),
      a,
      (d: any) => String(d.index),
    ),
  subtotalPriceSet: (o: OrderRec, _a, c) => bag(c.shop, o, orderSubtotal(o)),
  totalPriceSet: (o: OrderRec, _a, c) => bag(c.shop, o, orderTotal(o)),
  originalTotalPriceSet: (o: OrderRec, _a, c) => bag(c.shop, o, orderTotal(o)),
  totalTaxSet: (o: OrderRec, _a, c) => bag(c.shop, o, orderTax(o)),
  totalDiscountsSet: (o: OrderRec, _a, c) => bag(c.shop, o, orderDiscountTotal(o)),
  totalShippingPriceSet: (o: OrderRec, _a, c) => bag(c.shop, o, orderShipping(o)),
  totalRefundedSet: (o: OrderRec, _a, c) => bag(c.shop, o, refundedTotal(c.shop, o)),
  totalRefundedShippingSet: (o: OrderRec, _a, c) => bag(c.shop, o, shippingRefunded(c.shop, o)),
  totalReceivedSet: (o: OrderRec, _a, c) => bag(c.shop, o, paidTotal(c.shop, o)),
  netPaymentSet: (o: OrderRec, _a, c) =>
    bag(c.shop, o, paidTotal(c.shop, o) - refundedTotal(c.shop, o)),
  totalOutstandingSet: (o: OrderRec, _a, c) =>
    bag(c.shop, o, o.cancelledAt ? 0 : Math.max(0, orderTotal(o) - paidTotal(c.shop, o))),
  totalCapturableSet: (o: OrderRec, _a, c) => bag(c.shop, o, 0),
  totalTipReceivedSet: (o: OrderRec, _a, c) => bag(c.shop, o, 0),
  refundDiscrepancySet: (o: OrderRec, _a, c) => bag(c.shop, o, 0),
  cartDiscountAmountSet: (o: OrderRec, _a, c) =>
    bag(
      c.shop,
      o,
      originalLines(o).reduce((s, l) => s + lineDiscountSplit(o, l).dOrder, 0),
    ),
  currentCartDiscountAmountSet: (o: OrderRec, _a, c) =>
    bag(
      c.shop,
      o,
      originalLines(o).reduce((s, l) => s + lineDiscountSplit(o, l).dOrder, 0),
    ),
  currentSubtotalPriceSet: (o: OrderRec, _a, c) => bag(c.shop, o, currentTotals(c, o).subtotal),
  currentTotalPriceSet: (o: OrderRec, _a, c) => bag(c.shop, o, currentTotals(c, o).total),
  currentTotalTaxSet: (o: OrderRec, _a, c) => bag(c.shop, o, currentTotals(c, o).tax),
  currentShippingPriceSet: (o: OrderRec, _a, c) => bag(c.shop, o, currentTotals(c, o).shipping),
  currentTotalDiscountsSet: (o: OrderRec, _a, c) => bag(c.shop, o, orderDiscountTotal(o)),
  taxLines: (o: OrderRec, _a, c) => aggregatedTaxLines(c, o),
  currentTaxLines: (o: OrderRec, _a, c) => aggregatedTaxLines(c, o),
  subtotalLineItemsQuantity: (o: OrderRec) => originalLines(o).reduce((s, l) => s + l.quantity, 0),
  currentSubtotalLineItemsQuantity: (o: OrderRec, _a, c) =>
    o.lines.reduce((s, l) => s + l.quantity - lineRefundedQuantity(c.shop, o, l), 0),
  totalWeight: (o: OrderRec) => String(o.lines.reduce((s, l) => s + l.grams * l.quantity, 0)),
  currentTotalWeight: (o: OrderRec, _a, c) =>
    String(
      o.lines.reduce((s, l) => s + l.grams * (l.quantity - lineRefundedQuantity(c.shop, o, l)), 0),
    ),
  fulfillments: (o: OrderRec, a, c) => takeFirst(orderFulfillments(c.shop, o), a.first),
  fulfillmentsCount: (o: OrderRec) => count(o.fulfillmentIds.length),
  transactions: (o: OrderRec, a, c) => {
    let txs = orderTransactions(c.shop, o);
    if (a.capturable === true) txs = [];
    return takeFirst(txs, a.first);
  },
  transactionsCount: (o: OrderRec) => count(o.transactionIds.length),
  refunds: (o: OrderRec, a, c) => takeFirst(orderRefunds(c.shop, o), a.first),
  returns: (o: OrderRec, a, c, info) => {
    const list = withSearch(c, info, orderReturns(c.shop, o), a.query, {
      fields: {
        status: (r, op, v) => matchText(r.status, op, v),
        name: (r, op, v) => matchText(r.name, op, v),
        id: (r, op, v) => matchId(r.id, op, v),
        created_at: (r, op, v) => matchDate(r.createdAt, op, v, c.shop.info.ianaTimezone),
      },
      text: (r) => [r.name],
    });
    return connection(list, a);
  },
  fulfillmentOrders: (o: OrderRec, a, c) =>
    connection(
      o.fulfillmentOrderIds.map((id) => c.shop.nodes.get(id) as FulfillmentOrderRec),
      a,
    ),
  paymentGatewayNames: (o: OrderRec, _a, c) => [
    ...new Set(
      orderTransactions(c.shop, o)
        .filter(isPaymentTx)
        .map((t) => t.gateway),
    ),
  ],
  requiresShipping: (o: OrderRec) => o.lines.some((l) => l.requiresShipping),
  refundable: (o: OrderRec, _a, c) => maximumRefundable(c.shop, o) > 0,
  fullyPaid: (o: OrderRec, _a, c) => paidTotal(c.shop, o) >= orderTotal(o),
  unpaid: (o: OrderRec, _a, c) => paidTotal(c.shop, o) === 0 && orderTotal(o) > 0,
  capturable: () => false,
  confirmed: () => true,
  edited: () => false,
  restockable: () => true,
  canMarkAsPaid: () => false,
  canNotifyCustomer: (o: OrderRec) => o.emailAddress !== null,
  customerAcceptsMarketing: () => false,
  merchantEditable: (o: OrderRec) => o.cancelledAt === null,
  dutiesIncluded: () => false,
  estimatedTaxes: () => false,
  taxExempt: () => false,
  hasTimelineComment: () => false,
  fulfillable: (o: OrderRec, _a, c) =>
    o.cancelledAt === null &&
    o.lines.some(
      (l) =>
        l.requiresShipping &&
        fulfilledQuantity(c.shop, o, l) < l.quantity - lineRefundedQuantity(c.shop, o, l),
    ),
  customAttributes: () => [],
  shippingAddress: (o: OrderRec) =>
    addressView(o.shippingAddressRec, gid("MailingAddress", `${legacyId(o.id)}1`)),
  billingAddress: (o: OrderRec) =>
    addressView(o.billingAddressRec, gid("MailingAddress", `${legacyId(o.id)}2`)),
  displayAddress: (o: OrderRec) =>
    addressView(
      o.shippingAddressRec ?? o.billingAddressRec,
      gid("MailingAddress", `${legacyId(o.id)}1`),
    ),
  billingAddressMatchesShippingAddress: () => true,
  statusPageUrl: (o: OrderRec, _a, c) =>
    `https://${c.shop.info.primaryDomainHost}/account/orders/${legacyId(o.id).toString(16)}`,
  staffMember: () => null,
  retailLocation: () => null,
  paymentTerms: () => null,
  poNumber: () => null,
  confirmationNumber: (o: OrderRec) => legacyId(o.id).toString(36).toUpperCase().slice(-9),
};

const LineItem: Record<string, Resolver> = {
  currentQuantity: (l: LineItemRec, _a, c) =>
    l.quantity - lineRefundedQuantity(c.shop, orderOf(c, l.orderId), l),
  refundableQuantity: (l: LineItemRec, _a, c) =>
    l.quantity - lineRefundedQuantity(c.shop, orderOf(c, l.orderId), l),
  unfulfilledQuantity: (l: LineItemRec, _a, c) => {
    const o = orderOf(c, l.orderId);
    if (o.cancelledAt || !l.requiresShipping) return 0;
    return Math.max(
      0,
      l.quantity - lineRefundedQuantity(c.shop, o, l) - fulfilledQuantity(c.shop, o, l),
    );
  },
  nonFulfillableQuantity: (l: LineItemRec, _a, c) =>
    lineRefundedQuantity(c.shop, orderOf(c, l.orderId), l),
  originalUnitPriceSet: (l: LineItemRec, _a, c) => bag(c.shop, orderOf(c, l.orderId), l.unitPrice),
  originalTotalSet: (l: LineItemRec, _a, c) =>
    bag(c.shop, orderOf(c, l.orderId), l.unitPrice * l.quantity),
  discountedUnitPriceSet: (l: LineItemRec, _a, c) => {
    const o = orderOf(c, l.orderId);
    return bag(
      c.shop,
      o,
      Math.round((l.unitPrice * l.quantity - lineDiscountSplit(o, l).dLine) / l.quantity),
    );
  },
  discountedUnitPriceAfterAllDiscountsSet: (l: LineItemRec, _a, c) => {
    const o = orderOf(c, l.orderId);
    const d = lineDiscountSplit(o, l);
    return bag(c.shop, o, Math.round((l.unitPrice * l.quantity - d.dLine - d.dOrder) / l.quantity));
  },
  discountedTotalSet: (l: LineItemRec, a, c) => {
    const o = orderOf(c, l.orderId);
    const d = lineDiscountSplit(o, l);
    return bag(
      c.shop,
      o,
      l.unitPrice * l.quantity - d.dLine - (a.withCodeDiscounts ? d.dOrder : 0),
    );
  },
  totalDiscountSet: (l: LineItemRec, _a, c) =>
    bag(
      c.shop,
      orderOf(c, l.orderId),
      l.allocations.reduce((s, x) => s + x.amount, 0),
    ),
  priceAfterAllDiscountsBeforeTaxesSet: (l: LineItemRec, _a, c) => {
    const o = orderOf(c, l.orderId);
    const d = lineDiscountSplit(o, l);
    const total = l.unitPrice * l.quantity - d.dLine - d.dOrder;
    return bag(
      c.shop,
      o,
      o.taxesIncluded ? total - l.taxes.reduce((s, t) => s + t.amount, 0) : total,
    );
  },
  unfulfilledDiscountedTotalSet: (l: LineItemRec, _a, c) => {
    const o = orderOf(c, l.orderId);
    const q = Math.max(
      0,
      l.quantity - lineRefundedQuantity(c.shop, o, l) - fulfilledQuantity(c.shop, o, l),
    );
    return bag(c.shop, o, lineAmounts(o, l, q).subtotal);
  },
  unfulfilledOriginalTotalSet: (l: LineItemRec, _a, c) => {
    const o = orderOf(c, l.orderId);
    const q = Math.max(
      0,
      l.quantity - lineRefundedQuantity(c.shop, o, l) - fulfilledQuantity(c.shop, o, l),
    );
    return bag(c.shop, o, l.unitPrice * q);
  },
  discountAllocations: (l: LineItemRec, _a, c) => {
    const o = orderOf(c, l.orderId);
    return l.allocations.map((x) => ({
      allocatedAmountSet: bag(c.shop, o, x.amount),
      discountApplication: discountApplicationView(c, o, o.discountApps[x.applicationIndex]),
    }));
  },
  taxLines: (l: LineItemRec, a, c) =>
    takeFirst(
      l.taxes.map((t) => taxLineView(c, orderOf(c, l.orderId), t)),
      a.first,
    ),
  variant: (l: LineItemRec, _a, c) =>
    l.variantId ? node<VariantRec>(c, l.variantId, "ProductVariant") : null,
  product: (l: LineItemRec, _a, c) =>
    l.productId ? node<ProductRec>(c, l.productId, "Product") : null,
  weight: (l: LineItemRec) => ({ unit: "GRAMS", value: l.grams }),
  image: () => null,
  customAttributes: () => [],
  duties: () => [],
  restockable: () => true,
  merchantEditable: () => true,
  staffMember: () => null,
  sellingPlan: () => null,
  lineItemGroup: () => null,
  contract: () => null,
};

const Fulfillment: Record<string, Resolver> = {
  legacyResourceId: legacy,
  order: (f: FulfillmentRec, _a, c) => orderOf(c, f.orderId),
  fulfillmentLineItems: (f: FulfillmentRec, a, c) =>
    connection(
      f.lineIds.map((id) => c.shop.nodes.get(id) as FulfillmentLineItemRec),
      a,
    ),
  totalQuantity: (f: FulfillmentRec, _a, c) =>
    f.lineIds.reduce((s, id) => s + (c.shop.nodes.get(id) as FulfillmentLineItemRec).quantity, 0),
  trackingInfo: (f: FulfillmentRec, a) => takeFirst(f.tracking ? [f.tracking] : [], a.first),
  location: (f: FulfillmentRec, _a, c) => node<LocationRec>(c, f.locationId, "Location"),
  requiresShipping: () => true,
  service: () => null,
  originAddress: () => null,
};

const FulfillmentLineItem: Record<string, Resolver> = {
  lineItem: (f: FulfillmentLineItemRec, _a, c) => c.shop.nodes.get(f.lineItemId),
  originalTotalSet: (f: FulfillmentLineItemRec, _a, c) => {
    const { line, order } = fliLine(c, f.id);
    return bag(c.shop, order, line.unitPrice * f.quantity);
  },
  discountedTotalSet: (f: FulfillmentLineItemRec, _a, c) => {
    const { line, order } = fliLine(c, f.id);
    return bag(c.shop, order, lineAmounts(order, line, f.quantity).subtotal);
  },
};

const OrderTransaction: Record<string, Resolver> = {
  amountSet: (t: TransactionRec, _a, c) => bag(c.shop, orderOf(c, t.orderId), t.amountMinor),
  formattedGateway: (t: TransactionRec) => formattedGateway(t.gateway),
  parentTransaction: (t: TransactionRec, _a, c) =>
    t.parentId ? node<TransactionRec>(c, t.parentId, "OrderTransaction") : null,
  order: (t: TransactionRec, _a, c) => orderOf(c, t.orderId),
  errorCode: () => null,
  manualPaymentGateway: () => false,
  manuallyCapturable: () => false,
  multiCapturable: () => false,
  authorizationExpiresAt: () => null,
  accountNumber: (t: TransactionRec) => (t.card ? `•••• •••• •••• ${t.card.last4}` : null),
  paymentId: (t: TransactionRec) => `r${legacyId(t.id).toString(36)}`,
  paymentDetails: (t: TransactionRec) => paymentDetailsOf(t),
  maximumRefundableV2: (t: TransactionRec, _a, c) =>
    isPaymentTx(t)
      ? moneyV2(transactionRemaining(c.shop, t), orderOf(c, t.orderId).currency)
      : null,
  receiptJson: () => "{}",
  fees: () => [],
  settlementCurrency: () => null,
  settlementCurrencyRate: () => null,
  location: () => null,
  device: () => null,
  user: () => null,
  paymentIcon: () => null,
  shopifyPaymentsSet: () => null,
  totalUnsettledSet: () => null,
  amountRoundingSet: () => null,
  currencyExchangeAdjustment: () => null,
};

function refundLineView(
  c: ResolverContext,
  order: OrderRec,
  l: RefundLineItemRec,
): Record<string, unknown> {
  const li = c.shop.nodes.get(l.lineItemId) as LineItemRec;
  return {
    id: l.id,
    lineItem: li,
    quantity: l.quantity,
    restockType: l.restockType,
    restocked: l.restocked || l.restockType === "RETURN",
    location: l.locationId ? c.shop.nodes.get(l.locationId) : null,
    priceSet: bag(c.shop, order, li.unitPrice),
    subtotalSet: bag(c.shop, order, l.subtotal),
    totalTaxSet: bag(c.shop, order, l.tax),
  };
}

const Refund: Record<string, Resolver> = {
  legacyResourceId: legacy,
  order: (r: RefundRec, _a, c) => orderOf(c, r.orderId),
  return: (r: RefundRec, _a, c) => (r.returnId ? node<ReturnRec>(c, r.returnId, "Return") : null),
  totalRefundedSet: (r: RefundRec, _a, c) =>
    bag(
      c.shop,
      orderOf(c, r.orderId),
      r.transactionIds.reduce(
        (s, id) => s + (c.shop.nodes.get(id) as TransactionRec).amountMinor,
        0,
      ),
    ),
  refundLineItems: (r: RefundRec, a, c) =>
    connection(
      r.lines.map((l) => refundLineView(c, orderOf(c, r.orderId), l)),
      a,
      (x: any) => x.id,
    ),
  transactions: (r: RefundRec, a, c) =>
    connection(
      r.transactionIds.map((id) => c.shop.nodes.get(id) as TransactionRec),
      a,
    ),
  refundShippingLines: (r: RefundRec, a, c) => {
    const o = orderOf(c, r.orderId);
    const list =
      r.shippingRefund > 0 && o.shippingLineRecs[0]
        ? [
            {
              id: gid("RefundShippingLine", legacyId(r.id)),
              shippingLine: shippingLineView(c, o, o.shippingLineRecs[0]),
              subtotalAmountSet: bag(c.shop, o, r.shippingRefund),
              taxAmountSet: bag(c.shop, o, r.shippingTax),
            },
          ]
        : [];
    return connection(list, a);
  },
  duties: () => [],
  orderAdjustments: (_r, a) => connection([], a),
  staffMember: () => null,
};

const Return: Record<string, Resolver> = {
  decline: (r: ReturnRec) =>
    r.declineRec ? { reason: r.declineRec.reason, note: r.declineRec.note } : null,
  order: (r: ReturnRec, _a, c) => orderOf(c, r.orderId),
  totalQuantity: (r: ReturnRec, _a, c) =>
    r.lineIds.reduce((s, id) => s + (c.shop.nodes.get(id) as ReturnLineItemRec).quantity, 0),
  returnLineItems: (r: ReturnRec, a, c) => {
    let list = r.lineIds
      .map((id) => c.shop.nodes.get(id) as ReturnLineItemRec)
      .filter((l) => l.quantity > 0);
    if (a.processingStatus === "PROCESSED") list = list.filter((l) => l.processedQuantity > 0);
    if (a.processingStatus === "PROCESSABLE")
      list = list.filter((l) => r.status === "OPEN" && l.processedQuantity < l.quantity);
    return connection(list, a);
  },
  exchangeLineItems: (r: ReturnRec, a, c) => {
    let list = r.exchangeIds.map((id) => c.shop.nodes.get(id) as ExchangeLineItemRec);
    if (!a.includeRemovedItems) list = list.filter((e) => e.quantity > 0);
    if (a.processingStatus === "PROCESSED") list = list.filter((e) => e.processedQuantity > 0);
    if (a.processingStatus === "PROCESSABLE")
      list = list.filter((e) => r.status === "OPEN" && e.processedQuantity < e.quantity);
    return connection(list, a);
  },
  reverseFulfillmentOrders: (r: ReturnRec, a, c) =>
    connection(
      r.rfoIds.map((id) => c.shop.nodes.get(id) as RfoRec),
      a,
    ),
  refunds: (r: ReturnRec, a, c) =>
    connection(
      r.refundIds.map((id) => c.shop.nodes.get(id) as RefundRec),
      a,
    ),
  transactions: (r: ReturnRec, a, c) =>
    connection(
      r.refundIds.flatMap((id) =>
        (c.shop.nodes.get(id) as RefundRec).transactionIds.map(
          (t) => c.shop.nodes.get(t) as TransactionRec,
        ),
      ),
      a,
    ),
  returnShippingFees: (r: ReturnRec, _a, c) =>
    r.shippingFees.map((f) => ({
      id: f.id,
      amountSet: bag(c.shop, orderOf(c, r.orderId), f.amount),
    })),
  staffMember: () => null,
  suggestedFinancialOutcome: (r: ReturnRec, a, c) => suggestedFinancialOutcome(c, r, a),
};

const ReturnLineItem: Record<string, Resolver> = {
  processableQuantity: (l: ReturnLineItemRec, _a, c) =>
    returnOf(c, l).status === "OPEN" ? l.quantity - l.processedQuantity : 0,
  unprocessedQuantity: (l: ReturnLineItemRec) => l.quantity - l.processedQuantity,
  refundableQuantity: (l: ReturnLineItemRec) => l.quantity - l.refundedQuantity,
  returnReasonDefinition: (l: ReturnLineItemRec, _a, c) =>
    l.reasonDefinitionId ? (c.reasons.find((r) => r.id === l.reasonDefinitionId) ?? null) : null,
  returnReason: (l: ReturnLineItemRec, _a, c) =>
    l.reasonDefinitionId
      ? (c.reasons.find((r) => r.id === l.reasonDefinitionId)?.legacyReason ?? "UNKNOWN")
      : "UNKNOWN",
  fulfillmentLineItem: (l: ReturnLineItemRec, _a, c) => c.shop.nodes.get(l.fulfillmentLineItemId),
  restockingFee: (l: ReturnLineItemRec, _a, c) => {
    if (l.restockingFeePercentage === null) return null;
    const { line, order } = fliLine(c, l.fulfillmentLineItemId);
    const subtotal = lineAmounts(order, line, l.quantity).subtotal;
    return {
      id: gid("RestockingFee", legacyId(l.id)),
      percentage: l.restockingFeePercentage,
      amountSet: bag(c.shop, order, restockingFeeAmount(subtotal, l.restockingFeePercentage)),
    };
  },
  totalWeight: (l: ReturnLineItemRec, _a, c) => ({
    unit: "GRAMS",
    value: fliLine(c, l.fulfillmentLineItemId).line.grams * l.quantity,
  }),
  withCodeDiscountedTotalPriceSet: (l: ReturnLineItemRec, _a, c) => {
    const { line, order } = fliLine(c, l.fulfillmentLineItemId);
    return bag(c.shop, order, lineAmounts(order, line, l.quantity).subtotal);
  },
};

const ExchangeLineItem: Record<string, Resolver> = {
  processableQuantity: (e: ExchangeLineItemRec, _a, c) =>
    returnOf(c, e).status === "OPEN" ? e.quantity - e.processedQuantity : 0,
  unprocessedQuantity: (e: ExchangeLineItemRec) => e.quantity - e.processedQuantity,
  productId: (e: ExchangeLineItemRec, _a, c) =>
    (c.shop.nodes.get(e.variantId) as VariantRec | undefined)?.productId ?? null,
  title: (e: ExchangeLineItemRec, _a, c) => {
    const v = c.shop.nodes.get(e.variantId) as VariantRec | undefined;
    return v ? (c.shop.nodes.get(v.productId) as ProductRec).title : null;
  },
  variantTitle: (e: ExchangeLineItemRec, _a, c) =>
    (c.shop.nodes.get(e.variantId) as VariantRec | undefined)?.title ?? null,
  variantSku: (e: ExchangeLineItemRec, _a, c) =>
    (c.shop.nodes.get(e.variantId) as VariantRec | undefined)?.sku ?? null,
  lineItems: (e: ExchangeLineItemRec, _a, c) =>
    e.createdLineItemIds.map((id) => c.shop.nodes.get(id)),
  lineItem: (e: ExchangeLineItemRec, _a, c) =>
    e.createdLineItemIds[0] ? c.shop.nodes.get(e.createdLineItemIds[0]) : null,
};

const ReverseFulfillmentOrder: Record<string, Resolver> = {
  order: (r: RfoRec, _a, c) => orderOf(c, r.orderId),
  lineItems: (r: RfoRec, a, c) =>
    connection(
      r.lineIds.map((id) => c.shop.nodes.get(id) as RfoLineItemRec),
      a,
    ),
  reverseDeliveries: (r: RfoRec, a, c) =>
    connection(
      r.deliveryIds.map((id) => c.shop.nodes.get(id) as ReverseDeliveryRec),
      a,
    ),
  thirdPartyConfirmation: () => null,
};

const ReverseFulfillmentOrderLineItem: Record<string, Resolver> = {
  fulfillmentLineItem: (l: RfoLineItemRec, _a, c) => c.shop.nodes.get(l.fulfillmentLineItemId),
  dispositions: (l: RfoLineItemRec) => l.dispositionRecs,
};

const ReverseFulfillmentOrderDisposition: Record<string, Resolver> = {
  location: (d: DispositionRec, _a, c) => (d.locationId ? c.shop.nodes.get(d.locationId) : null),
};

const ReverseDelivery: Record<string, Resolver> = {
  reverseFulfillmentOrder: (r: ReverseDeliveryRec, _a, c) => c.shop.nodes.get(r.rfoId),
  reverseDeliveryLineItems: (r: ReverseDeliveryRec, a, c) =>
    connection(
      r.lines.map((l) => ({
        id: l.id,
        quantity: l.quantity,
        reverseFulfillmentOrderLineItem: c.shop.nodes.get(l.rfoLineItemId),
        dispositions: [],
      })),
      a,
    ),
  deliverable: (r: ReverseDeliveryRec) =>
    r.label || r.trackingRec
      ? {
          __typename: "ReverseDeliveryShippingDeliverable",
          label: r.label
            ? {
                publicFileUrl: r.label.fileUrl,
                createdAt: r.label.createdAt,
                updatedAt: r.label.updatedAt,
              }
            : null,
          tracking: r.trackingRec
            ? {
                number: r.trackingRec.number,
                url: r.trackingRec.url,
                carrierName: r.trackingRec.carrierName,
              }
            : null,
        }
      : null,
};

const ReturnableFulfillment: Record<string, Resolver> = {
  fulfillment: (v: any) => v.fulfillmentRec,
  returnableFulfillmentLineItems: (v: any, a) =>
    connection(
      (v.lines as Array<{ fli: FulfillmentLineItemRec; quantity: number }>).map((x) => ({
        quantity: x.quantity,
        fulfillmentLineItem: x.fli,
      })),
      a,
      (x: any) => x.fulfillmentLineItem.id,
    ),
};

const Customer: Record<string, Resolver> = {
  legacyResourceId: legacy,
  displayName: (x: CustomerRec) => `${x.firstName} ${x.lastName}`,
  email: (x: CustomerRec) => x.emailAddress,
  phone: (x: CustomerRec) => x.phoneNumber,
  defaultEmailAddress: (x: CustomerRec) => ({
    emailAddress: x.emailAddress,
    marketingState: x.marketingState ?? "NOT_SUBSCRIBED",
    marketingOptInLevel: x.marketingOptInLevel ?? null,
    marketingUpdatedAt: x.marketingUpdatedAt ?? null,
    validFormat: true,
    sourceLocation: null,
  }),
  emailMarketingConsent: (x: CustomerRec) => ({
    marketingState: x.marketingState ?? "NOT_SUBSCRIBED",
    marketingOptInLevel: x.marketingOptInLevel ?? null,
    consentUpdatedAt: x.marketingUpdatedAt ?? null,
  }),
  defaultPhoneNumber: () => null,
  numberOfOrders: (x: CustomerRec, _a, c) => String(customerOrders(c.shop, x).length),
  amountSpent: (x: CustomerRec, _a, c) =>
    shopMoney(
      c,
      customerOrders(c.shop, x).reduce(
        (s, o) =>
          s +
          toShopMinor(
            paidTotal(c.shop, o) - refundedTotal(c.shop, o),
            o.fx,
            o.currency,
            c.shop.info.currencyCode,
          ),
        0,
      ),
    ),
  orders: (x: CustomerRec, a, c, info) => {
    let list = customerOrders(c.shop, x).filter((o) => visibleOrder(c, o) !== null);
    list = withSearch(c, info, list, a.query, orderSearch(c));
    return connection(sortOrders(c, list, a.sortKey ?? "ID"), a);
  },
  lastOrder: (x: CustomerRec, _a, c) => {
    const list = customerOrders(c.shop, x);
    return list.length ? list.reduce((a, b) => (a.processedAt >= b.processedAt ? a : b)) : null;
  },
  storeCreditAccounts: (x: CustomerRec, a, c) => {
    let list = c.shop.storeCreditAccounts.filter((s) => s.customerId === x.id);
    if (a.query) {
      const m = /currency_code:\s*"?([A-Za-z]{3})"?/.exec(String(a.query));
      if (m) list = list.filter((s) => s.currency === m[1].toUpperCase());
    }
    return connection(list, a);
  },
  defaultAddress: (x: CustomerRec) =>
    addressView(x.addressRec, gid("MailingAddress", `${legacyId(x.id)}0`)),
  addressesV2: (x: CustomerRec, a) =>
    connection(
      [addressView(x.addressRec, gid("MailingAddress", `${legacyId(x.id)}0`))!],
      a,
      (v: any) => v.id,
    ),
  state: () => "ENABLED",
  verifiedEmail: () => true,
  taxExempt: () => false,
  taxExemptions: () => [],
  canDelete: () => false,
  dataSaleOptOut: () => false,
  lifetimeDuration: (x: CustomerRec, _a, c) => {
    const days = Math.floor((c.now().getTime() - Date.parse(x.createdAt)) / 86_400_000);
    return days < 60 ? `about ${Math.max(1, days)} days` : `about ${Math.round(days / 30)} months`;
  },
  multipassIdentifier: () => null,
};

const StoreCreditAccount: Record<string, Resolver> = {
  balance: (s: StoreCreditAccountRec) => moneyV2(s.balanceMinor, s.currency),
  owner: (s: StoreCreditAccountRec, _a, c) => c.shop.nodes.get(s.customerId),
  transactions: (s: StoreCreditAccountRec, a) =>
    connection(a.reverse ? s.txs.slice().reverse() : s.txs, { ...a, reverse: false }),
};

const storeCreditTx: Record<string, Resolver> = {
  account: (t: StoreCreditTxRec, _a, c) => c.shop.nodes.get(t.accountId),
  amount: (t: StoreCreditTxRec, _a, c) =>
    moneyV2(t.amountMinor, (c.shop.nodes.get(t.accountId) as StoreCreditAccountRec).currency),
  balanceAfterTransaction: (t: StoreCreditTxRec, _a, c) =>
    moneyV2(t.balanceAfter, (c.shop.nodes.get(t.accountId) as StoreCreditAccountRec).currency),
  remainingAmount: (t: StoreCreditTxRec, _a, c) =>
    moneyV2(t.amountMinor, (c.shop.nodes.get(t.accountId) as StoreCreditAccountRec).currency),
  origin: (t: StoreCreditTxRec, _a, c) =>
    t.originTransactionId ? c.shop.nodes.get(t.originTransactionId) : null,
};

const GiftCard: Record<string, Resolver> = {
  balance: (g: GiftCardRec) => moneyV2(g.balanceMinor, g.currency),
  initialValue: (g: GiftCardRec) => moneyV2(g.initialMinor, g.currency),
  lastCharacters: (g: GiftCardRec) => g.code.slice(-4),
  maskedCode: (g: GiftCardRec) => `•••• •••• •••• ${g.code.slice(-4)}`,
  customer: (g: GiftCardRec, _a, c) => (g.customerId ? c.shop.nodes.get(g.customerId) : null),
  order: (g: GiftCardRec, _a, c) => (g.orderId ? c.shop.nodes.get(g.orderId) : null),
  lineItem: () => null,
  isRedeemable: (g: GiftCardRec, _a, c) =>
    g.enabled &&
    g.balanceMinor > 0 &&
    (!g.expiresOn || Date.parse(`${g.expiresOn}T23:59:59Z`) > c.now().getTime()),
  crossCurrencyRedemptionStrategy: () => "NONE",
  templateSuffix: () => null,
  recipientAttributes: () => null,
};

const Product: Record<string, Resolver> = {
  legacyResourceId: legacy,
  description: (p: ProductRec, a) =>
    a.truncateAt ? p.description.slice(0, a.truncateAt) : p.description,
  descriptionHtml: (p: ProductRec) => `<p>${p.description}</p>`,
  variants: (p: ProductRec, a, c) =>
    connection(
      p.variantIds.map((id) => c.shop.nodes.get(id) as VariantRec),
      a,
    ),
  variantsCount: (p: ProductRec) => count(p.variantIds.length),
  collections: (p: ProductRec, a, c) =>
    connection(
      p.collectionIds.map((id) => c.shop.nodes.get(id) as CollectionRec),
      a,
    ),
  inCollection: (p: ProductRec, a) => p.collectionIds.includes(a.id),
  hasOnlyDefaultVariant: (p: ProductRec) => p.variantIds.length === 1 && p.optionDefs.length === 0,
  hasOutOfStockVariants: (p: ProductRec, _a, c) =>
    p.variantIds.some((id) => totalStock(c.shop.nodes.get(id) as VariantRec) <= 0),
  totalInventory: (p: ProductRec, _a, c) =>
    p.variantIds.reduce((s, id) => s + totalStock(c.shop.nodes.get(id) as VariantRec), 0),
  tracksInventory: (p: ProductRec, _a, c) =>
    p.variantIds.some((id) => (c.shop.nodes.get(id) as VariantRec).tracked),
  options: (p: ProductRec, a) =>
    takeFirst(
      p.optionDefs.map((o, i) => ({
        id: gid("ProductOption", `${legacyId(p.id)}${i + 1}`),
        name: o.name,
        position: i + 1,
        values: o.values,
      })),
      a.first,
    ),
  onlineStoreUrl: (p: ProductRec, _a, c) =>
    p.status === "ACTIVE" ? `https://${c.shop.info.primaryDomainHost}/products/${p.handle}` : null,
  onlineStorePreviewUrl: (p: ProductRec, _a, c) =>
    `https://${c.shop.info.primaryDomainHost}/products/${p.handle}`,
  priceRangeV2: (p: ProductRec, _a, c) => {
    const prices = p.variantIds.map(
      (id) => (c.shop.nodes.get(id) as VariantRec).prices[c.shop.info.currencyCode],
    );
    return {
      minVariantPrice: shopMoney(c, Math.min(...prices)),
      maxVariantPrice: shopMoney(c, Math.max(...prices)),
    };
  },
  seo: (p: ProductRec) => ({ title: p.title, description: p.description }),
  templateSuffix: () => null,
  giftCardTemplateSuffix: () => null,
  category: () => null,
  featuredImage: () => null,
  featuredMedia: () => null,
};

const COUNTRY_CURRENCY: Record<string, string> = {
  SE: "SEK",
  DK: "DKK",
  NO: "NOK",
  FI: "EUR",
  NL: "EUR",
  DE: "EUR",
  AT: "EUR",
  BE: "EUR",
  FR: "EUR",
  IE: "EUR",
  ES: "EUR",
  IT: "EUR",
};

const ProductVariant: Record<string, Resolver> = {
  legacyResourceId: legacy,
  displayName: (v: VariantRec, _a, c) => {
    const p = c.shop.nodes.get(v.productId) as ProductRec;
    return v.title === "Default Title" ? p.title : `${p.title} - ${v.title}`;
  },
  price: (v: VariantRec, _a, c) =>
    moneyV2(v.prices[c.shop.info.currencyCode], c.shop.info.currencyCode).amount,
  compareAtPrice: (v: VariantRec, _a, c) =>
    v.compareAtPrices
      ? moneyV2(v.compareAtPrices[c.shop.info.currencyCode], c.shop.info.currencyCode).amount
      : null,
  product: (v: VariantRec, _a, c) => c.shop.nodes.get(v.productId),
  inventoryItem: (v: VariantRec) => inventoryItemView(v),
  inventoryQuantity: (v: VariantRec) => (v.tracked ? totalStock(v) : null),
  sellableOnlineQuantity: (v: VariantRec, _a, c) =>
    c.shop.locations
      .filter((l) => l.fulfillsOnlineOrders)
      .reduce((s, l) => s + Math.max(0, v.stock.get(l.id) ?? 0), 0),
  availableForSale: (v: VariantRec) => !v.tracked || totalStock(v) > 0,
  inventoryPolicy: () => "DENY",
  selectedOptions: (v: VariantRec) => v.options.map((o) => ({ name: o.name, value: o.value })),
  contextualPricing: (v: VariantRec, a, c) => {
    const country = a.context?.country as string | undefined;
    let currency = (country && COUNTRY_CURRENCY[country]) || c.shop.info.currencyCode;
    if (!c.shop.info.presentmentCurrencies[currency]) currency = c.shop.info.currencyCode;
    const price = ops.variantPriceIn(c.shop, v, currency);
    const compare = v.compareAtPrices ? (v.compareAtPrices[currency] ?? null) : null;
    return {
      price: moneyV2(price, currency),
      compareAtPrice: compare === null ? null : moneyV2(compare, currency),
      unitPrice: null,
    };
  },
  image: () => null,
  unitPrice: () => null,
  unitPriceMeasurement: () => null,
  requiresComponents: () => false,
  showUnitPrice: () => false,
};

const InventoryItem: Record<string, Resolver> = {
  legacyResourceId: (i: any) => String(legacyId(i.id)),
  sku: (i: any) => (i.variantRec as VariantRec).sku,
  tracked: (i: any) => (i.variantRec as VariantRec).tracked,
  requiresShipping: (i: any) => (i.variantRec as VariantRec).requiresShipping,
  createdAt: (i: any) => (i.variantRec as VariantRec).createdAt,
  updatedAt: (i: any) => (i.variantRec as VariantRec).updatedAt,
  measurement: (i: any) => ({
    id: gid("InventoryItemMeasurement", legacyId(i.id)),
    weight: { unit: "GRAMS", value: (i.variantRec as VariantRec).grams },
  }),
  inventoryLevels: (i: any, a, c) =>
    connection(
      c.shop.locations
        .filter((l) => a.includeInactive || l.isActive)
        .map((l) => inventoryLevelView(i.variantRec, l)),
      a,
    ),
  inventoryLevel: (i: any, a, c) => {
    const loc = node<LocationRec>(c, a.locationId, "Location");
    return loc ? inventoryLevelView(i.variantRec, loc) : null;
  },
  locationsCount: (_i, _a, c) => count(c.shop.locations.length),
  variants: (i: any, a) => connection([i.variantRec as VariantRec], a),
  unitCost: () => null,
  countryCodeOfOrigin: () => null,
  provinceCodeOfOrigin: () => null,
  harmonizedSystemCode: () => null,
  duplicateSkuCount: () => 0,
  inventoryHistoryUrl: () => null,
};

const InventoryLevel: Record<string, Resolver> = {
  location: (l: any) => l.locationRec,
  item: (l: any) => inventoryItemView(l.variantRec),
  isActive: () => true,
  canDeactivate: () => false,
  deactivationAlert: () => null,
  createdAt: (l: any) => (l.variantRec as VariantRec).createdAt,
  updatedAt: (l: any) => (l.variantRec as VariantRec).updatedAt,
  quantities: (l: any, a) =>
    (a.names as string[]).map((name) => {
      if (!QUANTITY_NAMES.has(name))
        throw new GraphQLError(`Invalid quantity name: ${name}`, {
          extensions: { code: "BAD_REQUEST" },
        });
      const available = (l.variantRec as VariantRec).stock.get(l.locationRec.id) ?? 0;
      const quantity = name === "available" || name === "on_hand" ? available : 0;
      return {
        id: `gid://shopify/InventoryQuantity/${legacyId(l.locationRec.id)}?inventory_item_id=${legacyId(l.variantRec.inventoryItemId)}&name=${name}`,
        name,
        quantity,
        updatedAt: (l.variantRec as VariantRec).updatedAt,
      };
    }),
};

const Location: Record<string, Resolver> = {
  legacyResourceId: legacy,
  address: (l: LocationRec) => ({
    address1: l.addressRec.address1,
    address2: null,
    city: l.addressRec.city,
    zip: l.addressRec.zip,
    country: l.addressRec.country,
    countryCode: l.addressRec.countryCode,
    province: null,
    provinceCode: null,
    phone: l.addressRec.phone,
    latitude: null,
    longitude: null,
    formatted: [
      l.addressRec.address1,
      `${l.addressRec.zip} ${l.addressRec.city}`,
      l.addressRec.country,
    ],
  }),
  hasActiveInventory: () => true,
  isFulfillmentService: () => false,
  activatable: () => false,
  deactivatable: () => true,
  deletable: () => false,
  hasUnfulfilledOrders: () => false,
  addressVerified: () => true,
  deactivatedAt: () => null,
  fulfillmentService: () => null,
  localPickupSettingsV2: () => null,
  suggestedAddresses: () => [],
  inventoryLevels: (l: LocationRec, a, c) =>
    connection(
      c.shop.variants.map((v) => inventoryLevelView(v, l)),
      a,
    ),
  inventoryLevel: (l: LocationRec, a, c) => {
    const v = c.shop.variants.find((x) => x.inventoryItemId === a.inventoryItemId);
    return v ? inventoryLevelView(v, l) : null;
  },
};

const Collection: Record<string, Resolver> = {
  legacyResourceId: legacy,
  products: (col: CollectionRec, a, c) =>
    connection(
      col.productIds.map((id) => c.shop.nodes.get(id) as ProductRec),
      a,
    ),
  productsCount: (col: CollectionRec) => count(col.productIds.length),
  hasProduct: (col: CollectionRec, a) => col.productIds.includes(a.id),
  description: () => "",
  descriptionHtml: () => "",
  image: () => null,
  templateSuffix: () => null,
  seo: (col: CollectionRec) => ({ title: col.title, description: "" }),
};

const FulfillmentOrder: Record<string, Resolver> = {
  order: (f: FulfillmentOrderRec, _a, c) => orderOf(c, f.orderId),
  orderId: (f: FulfillmentOrderRec) => f.orderId,
  orderName: (f: FulfillmentOrderRec, _a, c) => orderOf(c, f.orderId).name,
  orderProcessedAt: (f: FulfillmentOrderRec, _a, c) => orderOf(c, f.orderId).processedAt,
  requestStatus: () => "UNSUBMITTED",
  fulfillAt: () => null,
  fulfillBy: () => null,
  fulfillmentHolds: () => [],
  assignedLocation: (f: FulfillmentOrderRec, _a, c) => {
    const l = c.shop.nodes.get(f.locationId) as LocationRec;
    return {
      name: l.name,
      location: l,
      countryCode: l.addressRec.countryCode,
      address1: l.addressRec.address1,
      address2: null,
      city: l.addressRec.city,
      zip: l.addressRec.zip,
      phone: l.addressRec.phone,
      province: null,
    };
  },
  lineItems: (f: FulfillmentOrderRec, a, c) =>
    connection(
      f.lines.map((x) => {
        const li = c.shop.nodes.get(x.lineItemId) as LineItemRec;
        const v = li.variantId ? (c.shop.nodes.get(li.variantId) as VariantRec) : null;
        return {
          id: x.id,
          lineItem: li,
          totalQuantity: x.totalQuantity,
          remainingQuantity: x.remainingQuantity,
          sku: li.sku,
          productTitle: li.title,
          variantTitle: li.variantTitle,
          variant: v,
          vendor: li.vendor,
          requiresShipping: li.requiresShipping,
          inventoryItemId: v?.inventoryItemId ?? null,
          weight: { unit: "GRAMS", value: li.grams },
          image: null,
          warnings: [],
        };
      }),
      a,
    ),
};

export const RESOLVERS: Record<string, Record<string, Resolver>> = {
  QueryRoot: { ...QueryRoot, ...DISCOUNT_RESOLVERS.QueryRoot, ...APP_INSTALLATION_RESOLVERS.QueryRoot },
  Mutation: {
    ...Mutation,
    ...DISCOUNT_RESOLVERS.Mutation,
    ...APP_INSTALLATION_RESOLVERS.Mutation,
    ...MARKETING_RESOLVERS.Mutation,
  },
  AppInstallation: APP_INSTALLATION_RESOLVERS.AppInstallation,
  DiscountCodeNode: DISCOUNT_RESOLVERS.DiscountCodeNode,
  DiscountCodeBasic: DISCOUNT_RESOLVERS.DiscountCodeBasic,
  Shop,
  Order,
  LineItem,
  Fulfillment,
  FulfillmentLineItem,
  OrderTransaction,
  Refund,
  Return,
  ReturnLineItem,
  ExchangeLineItem,
  ReverseFulfillmentOrder,
  ReverseFulfillmentOrderLineItem,
  ReverseFulfillmentOrderDisposition,
  ReverseDelivery,
  ReturnableFulfillment,
  Customer,
  StoreCreditAccount,
  StoreCreditAccountCreditTransaction: storeCreditTx,
  StoreCreditAccountDebitTransaction: storeCreditTx,
  GiftCard,
  Product,
  ProductVariant,
  InventoryItem,
  InventoryLevel,
  Location,
  Collection,
  FulfillmentOrder,
};
