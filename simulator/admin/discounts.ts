/**
 * Basic code discounts, just enough for the app's win-back offers: discountCodeBasicCreate
 * (percentage or fixed amount, all items, everyone or listed customers) and
 * codeDiscountNodeByCode. Usage counting, product/collection targeting and minimum
 * requirements are not modelled (see README).
 */
import type { ResolverContext } from "./context";
import { paginate } from "./connection";
import { moneyV2, toMinor } from "./money";
import type { CustomerRec, ShopState } from "./model";
import { fail, toUserError, type RaisedError } from "./rules";
import { getNode, isoNow, nextGid } from "./store";
import type { Resolver } from "./resolvers";

export interface DiscountCodeRec {
  __typename: "DiscountCodeNode";
  id: string;
  codeId: string;
  code: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  value: { percentage: number } | { amount: number; appliesOnEachItem: boolean };
  customerIds: string[] | null;
  /** Minimum subtotal in minor units of the shop currency (null: none). */
  minimumSubtotal: number | null;
  /** Orders that used the code (counted by api.createOrder). */
  usageCount: number;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  createdAt: string;
  updatedAt: string;
}

const registry = new WeakMap<ShopState, DiscountCodeRec[]>();

export function discountCodes(shop: ShopState): DiscountCodeRec[] {
  let list = registry.get(shop);
  if (!list) {
    list = [];
    registry.set(shop, list);
  }
  return list;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function createDiscountCode(
  shop: ShopState,
  now: Date,
  input: any,
): { node: DiscountCodeRec | null; errors: RaisedError[] } {
  const errors: RaisedError[] = [];
  const f = (k: string) => ["basicCodeDiscount", k];
  const title = String(input.title ?? "").trim();
  const code = String(input.code ?? "").trim();
  if (!title) errors.push(fail("DISCOUNT_BLANK", f("title"), { what: "Title" }));
  if (!code) errors.push(fail("DISCOUNT_BLANK", f("code"), { what: "Code" }));
  else if (code.length > 255) errors.push(fail("DISCOUNT_CODE_TOO_LONG", f("code")));
  else if (discountCodes(shop).some((d) => d.code.toLowerCase() === code.toLowerCase()))
    errors.push(fail("DISCOUNT_CODE_TAKEN", f("code")));
  const startsAt = input.startsAt ? isoNow(new Date(input.startsAt)) : isoNow(now);
  const endsAt = input.endsAt ? isoNow(new Date(input.endsAt)) : null;
  if (endsAt && endsAt <= startsAt) errors.push(fail("DISCOUNT_END_BEFORE_START", f("endsAt")));
  const v = input.customerGets?.value;
  let value: DiscountCodeRec["value"] | null = null;
  if (!v)
    errors.push(
      fail("DISCOUNT_BLANK", ["basicCodeDiscount", "customerGets", "value"], { what: "Value" }),
    );
  else if (v.percentage !== undefined && v.percentage !== null) {
    if (!(v.percentage > 0 && v.percentage <= 1))
      errors.push(
        fail("DISCOUNT_PERCENTAGE_RANGE", [
          "basicCodeDiscount",
          "customerGets",
          "value",
          "percentage",
        ]),
      );
    else value = { percentage: v.percentage };
  } else if (v.discountAmount) {
    const amount = toMinor(v.discountAmount.amount, shop.info.currencyCode);
    if (amount === null || amount <= 0)
      errors.push(
        fail("DISCOUNT_AMOUNT_INVALID", [
          "basicCodeDiscount",
          "customerGets",
          "value",
          "discountAmount",
          "amount",
        ]),
      );
    else value = { amount, appliesOnEachItem: Boolean(v.discountAmount.appliesOnEachItem) };
  } else
    errors.push(fail("DISCOUNT_VALUE_UNSUPPORTED", ["basicCodeDiscount", "customerGets", "value"]));
  const items = input.customerGets?.items;
  if (items && !items.all)
    errors.push(fail("DISCOUNT_ITEMS_UNSUPPORTED", ["basicCodeDiscount", "customerGets", "items"]));
  const add: string[] | undefined =
    input.context?.customers?.add ?? input.customerSelection?.customers?.add;
  let customerIds: string[] | null = null;
  if (add) {
    customerIds = [];
    add.forEach((id, i) => {
      if (!getNode<CustomerRec>(shop, id, "Customer"))
        errors.push(
          fail(
            "DISCOUNT_CUSTOMER_NOT_FOUND",
            ["basicCodeDiscount", "context", "customers", "add", String(i)],
            { id },
          ),
        );
      else customerIds!.push(id);
    });
  }
  let minimumSubtotal: number | null = null;
  const minimum = input.minimumRequirement?.subtotal?.greaterThanOrEqualToSubtotal;
  if (minimum !== undefined && minimum !== null) {
    const m = toMinor(String(minimum), shop.info.currencyCode);
    if (m === null || m <= 0)
      errors.push(
        fail("DISCOUNT_MINIMUM_INVALID", [
          "basicCodeDiscount",
          "minimumRequirement",
          "subtotal",
          "greaterThanOrEqualToSubtotal",
        ]),
      );
    else minimumSubtotal = m;
  }
  if (input.usageLimit !== undefined && input.usageLimit !== null && !(input.usageLimit > 0))
    errors.push(fail("DISCOUNT_USAGE_LIMIT_INVALID", ["basicCodeDiscount", "usageLimit"]));
  if (errors.length) return { node: null, errors };
  const nowIso = isoNow(now);
  const node: DiscountCodeRec = {
    __typename: "DiscountCodeNode",
    id: nextGid(shop, "DiscountCodeNode"),
    codeId: nextGid(shop, "DiscountRedeemCode"),
    code,
    title,
    startsAt,
    endsAt,
    usageLimit: input.usageLimit ?? null,
    appliesOncePerCustomer: Boolean(input.appliesOncePerCustomer),
    value: value!,
    customerIds,
    minimumSubtotal,
    usageCount: 0,
    combinesWith: {
      orderDiscounts: Boolean(input.combinesWith?.orderDiscounts),
      productDiscounts: Boolean(input.combinesWith?.productDiscounts),
      shippingDiscounts: Boolean(input.combinesWith?.shippingDiscounts),
    },
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  discountCodes(shop).push(node);
  shop.nodes.set(node.id, node as never);
  return { node, errors: [] };
}

function basicView(c: ResolverContext, d: DiscountCodeRec): Record<string, unknown> {
  // Compared as instants: isoNow() drops milliseconds, so string order would be wrong.
  const now = c.now().getTime();
  const status =
    Date.parse(d.startsAt) > now
      ? "SCHEDULED"
      : d.endsAt && Date.parse(d.endsAt) <= now
        ? "EXPIRED"
        : "ACTIVE";
  const value =
    "percentage" in d.value
      ? { __typename: "DiscountPercentage", percentage: d.value.percentage }
      : {
          __typename: "DiscountAmount",
          amount: moneyV2(d.value.amount, c.shop.info.currencyCode),
          appliesOnEachItem: d.value.appliesOnEachItem,
        };
  const summary =
    "percentage" in d.value
      ? `${Math.round(d.value.percentage * 100)}% off entire order`
      : `${value.amount!.amount} ${c.shop.info.currencyCode} off entire order`;
  return {
    __typename: "DiscountCodeBasic",
    title: d.title,
    status,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    usageLimit: d.usageLimit,
    appliesOncePerCustomer: d.appliesOncePerCustomer,
    asyncUsageCount: d.usageCount,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    summary,
    shortSummary: summary,
    discountClasses: ["ORDER"],
    tags: [],
    hasTimelineComment: false,
    minimumRequirement:
      d.minimumSubtotal === null
        ? null
        : {
            __typename: "DiscountMinimumSubtotal",
            greaterThanOrEqualToSubtotal: moneyV2(d.minimumSubtotal, c.shop.info.currencyCode),
          },
    recurringCycleLimit: null,
    totalSales: null,
    shareableUrls: [],
    combinesWith: { ...d.combinesWith, productDiscountsWithTagsOnSameCartLine: null },
    customerGets: {
      value,
      items: { __typename: "AllDiscountItems", allItems: true },
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
    },
    context: d.customerIds
      ? {
          __typename: "DiscountCustomers",
          customers: d.customerIds.map((id) => c.shop.nodes.get(id)),
        }
      : { __typename: "DiscountBuyerSelectionAll", all: "ALL" },
    codesRec: d,
  };
}

export const DISCOUNT_RESOLVERS: Record<string, Record<string, Resolver>> = {
  QueryRoot: {
    codeDiscountNodeByCode: (_s, a, c) =>
      discountCodes(c.shop).find((d) => d.code.toLowerCase() === String(a.code).toLowerCase()) ??
      null,
    codeDiscountNode: (_s, a, c) => discountCodes(c.shop).find((d) => d.id === a.id) ?? null,
  },
  Mutation: {
    discountCodeBasicCreate: (_s, a, c) => {
      const r = createDiscountCode(c.shop, c.now(), a.basicCodeDiscount);
      return {
        codeDiscountNode: r.node,
        userErrors: r.errors.map((e) => ({ ...toUserError(e), extraInfo: null })),
      };
    },
  },
  DiscountCodeNode: {
    codeDiscount: (d: DiscountCodeRec, _a, c) => basicView(c, d),
  },
  DiscountCodeBasic: {
    codes: (v: any, a) =>
      paginate(
        [
          {
            id: v.codesRec.codeId,
            code: v.codesRec.code,
            asyncUsageCount: v.codesRec.usageCount,
            createdBy: null,
          },
        ],
        a,
        (x) => x.id,
      ),
    codesCount: () => ({ count: 1, precision: "EXACT" }),
  },
};

/**
 * An order placed with a code (test helper api.createOrder): refused as checkout would refuse
 * it, else one use is counted. Codes the stand-in did not create (seeded WOOL20, WELCOME10)
 * are not checked.
 */
export function redeemDiscountCodes(
  shop: ShopState,
  now: Date,
  order: { codes: string[]; customerId: string | null; subtotalShopMinor: number },
): void {
  for (const code of order.codes) {
    const d = discountCodes(shop).find((x) => x.code.toLowerCase() === code.toLowerCase());
    if (!d) continue;
    const at = now.getTime();
    if (Date.parse(d.startsAt) > at || (d.endsAt && Date.parse(d.endsAt) <= at))
      throw new Error(`stand-in checkout: code ${code} is not active`);
    if (d.usageLimit !== null && d.usageCount >= d.usageLimit)
      throw new Error(`stand-in checkout: code ${code} is used up`);
    if (d.customerIds && (!order.customerId || !d.customerIds.includes(order.customerId)))
      throw new Error(`stand-in checkout: code ${code} is not for this customer`);
    if (d.minimumSubtotal !== null && order.subtotalShopMinor < d.minimumSubtotal)
      throw new Error(`stand-in checkout: code ${code} needs a larger order`);
  }
  for (const code of order.codes) {
    const d = discountCodes(shop).find((x) => x.code.toLowerCase() === code.toLowerCase());
    if (d) d.usageCount += 1;
  }
}
