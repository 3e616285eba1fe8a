/**
 * Business logic behind the stand-in's mutations: the return lifecycle (shopify-platform.md
 * §1.1, §5.4.5), reverse logistics, refunds, store credit and gift cards. Each operation
 * validates everything first (errors come from rules.ts), then applies all changes at once,
 * then queues its events. Pure in-memory; used by the GraphQL resolvers and by the seed.
 */
import { STAGED_UPLOAD_PATH, type StagedFile } from "./staged-uploads";
import {
  computeOutcome,
  lineAmounts,
  taxFor,
  type ExchangeDiscount,
  type OutcomeExchangeLine,
  type OutcomeReturnLine,
} from "./arithmetic";
import {
  disposePayload,
  orderPayload,
  refundPayload,
  returnPayload,
  reverseDeliveryPayload,
} from "./events";
import { parseGid } from "./gid";
import { currencyDecimals, mulDivRound, toMinor } from "./money";
import type {
  CustomerRec,
  DispositionRec,
  ExchangeLineItemRec,
  FulfillmentLineItemRec,
  FulfillmentOrderRec,
  GiftCardRec,
  LineItemRec,
  LocationRec,
  OrderRec,
  ProductRec,
  RefundLineItemRec,
  RefundRec,
  ReturnLineItemRec,
  ReturnReasonDefinitionRec,
  ReturnRec,
  ReverseDeliveryRec,
  RfoLineItemRec,
  RfoRec,
  ShopState,
  StoreCreditAccountRec,
  StoreCreditTxRec,
  TransactionRec,
  VariantRec,
} from "./model";
import { fail, type RaisedError } from "./rules";
import {
  getNode,
  isoNow,
  isPaymentTx,
  maximumRefundable,
  nextGid,
  register,
  returnableQuantity,
  shippingRemaining,
  transactionRemaining,
} from "./store";

type Json = Record<string, unknown>;

export interface OpsContext {
  shop: ShopState;
  reasons: ReturnReasonDefinitionRec[];
  now(): Date;
  emit(topic: string, payload: Json): void;
  autoCloseOnProcess: boolean;
  /** Opt-in stricter cap on returnProcess refunds (BEHAVIOUR.returnRefundCap). Default false. */
  strictReturnRefundCap?: boolean;
  /** The uploaded file behind a staged upload URL (staged-uploads.ts); absent in unit-test contexts. */
  stagedFile?: (url: string) => StagedFile | null;
}

export type OpResult<T> = { ok: true; value: T } | { ok: false; errors: RaisedError[] };

const ok = <T>(value: T): OpResult<T> => ({ ok: true, value });
const bad = <T>(errors: RaisedError[]): OpResult<T> => ({ ok: false, errors });

export interface MoneyInputValue {
  amount: unknown;
  currencyCode: string;
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function nowIso(ctx: OpsContext): string {
  return isoNow(ctx.now());
}

/** Validate a MoneyInput against the order's presentment currency → minor units. */
function orderMoney(
  order: OrderRec,
  money: MoneyInputValue,
  field: string[],
  errors: RaisedError[],
): number | null {
  if (money.currencyCode !== order.currency) {
    errors.push(
      fail("MONEY_CURRENCY_MISMATCH", [...field, "currencyCode"], {
        currency: money.currencyCode,
        expected: order.currency,
      }),
    );
    return null;
  }
  const minor = toMinor(money.amount, order.currency);
  if (minor === null || minor < 0) {
    errors.push(
      fail("MONEY_AMOUNT_INVALID", [...field, "amount"], {
        amount: money.amount,
        currency: order.currency,
      }),
    );
    return null;
  }
  return minor;
}

export function variantPriceIn(shop: ShopState, variant: VariantRec, currency: string): number {
  const direct = variant.prices[currency];
  if (direct !== undefined) return direct;
  const base = variant.prices[shop.info.currencyCode];
  const fx = shop.info.presentmentCurrencies[currency] ?? { num: 1, den: 1 };
  const shift = currencyDecimals(currency) - currencyDecimals(shop.info.currencyCode);
  return mulDivRound(base * 10 ** Math.max(0, shift), fx.den, fx.num * 10 ** Math.max(0, -shift));
}

export function inferCarrier(
  number: string | null | undefined,
  url: string | null | undefined,
): string | null {
  const u = (url ?? "").toLowerCase();
  const n = (number ?? "").toUpperCase();
  if (u.includes("postnord")) return "PostNord";
  if (u.includes("bring")) return "Bring";
  if (u.includes("dhl")) return "DHL Express";
  if (u.includes("gls")) return "GLS";
  if (u.includes("budbee")) return "Budbee";
  if (u.includes("posti")) return "Posti";
  if (u.includes("dao")) return "DAO";
  if (u.includes("ups") || /^1Z[0-9A-Z]{16}$/.test(n)) return "UPS";
  if (/^[A-Z]{2}\d{9}SE$/.test(n)) return "PostNord";
  if (/^[A-Z]{2}\d{9}NO$/.test(n)) return "Bring";
  return null;
}

function orderOf(ctx: OpsContext, ret: ReturnRec): OrderRec {
  return ctx.shop.nodes.get(ret.orderId) as OrderRec;
}

function returnLines(ctx: OpsContext, ret: ReturnRec): ReturnLineItemRec[] {
  return ret.lineIds.map((id) => ctx.shop.nodes.get(id) as ReturnLineItemRec);
}

function exchangeLines(ctx: OpsContext, ret: ReturnRec): ExchangeLineItemRec[] {
  return ret.exchangeIds.map((id) => ctx.shop.nodes.get(id) as ExchangeLineItemRec);
}

function rfoLines(ctx: OpsContext, rfo: RfoRec): RfoLineItemRec[] {
  return rfo.lineIds.map((id) => ctx.shop.nodes.get(id) as RfoLineItemRec);
}

function rfosOf(ctx: OpsContext, ret: ReturnRec): RfoRec[] {
  return ret.rfoIds.map((id) => ctx.shop.nodes.get(id) as RfoRec);
}

function disposedQuantity(line: RfoLineItemRec): number {
  return line.dispositionRecs.reduce((s, d) => s + d.quantity, 0);
}

function lineOfFli(ctx: OpsContext, fliId: string): LineItemRec {
  const fli = ctx.shop.nodes.get(fliId) as FulfillmentLineItemRec;
  return ctx.shop.nodes.get(fli.lineItemId) as LineItemRec;
}

function emitReturn(ctx: OpsContext, topic: string, ret: ReturnRec): void {
  ctx.emit(topic, returnPayload(ctx.shop, ret, ctx.reasons));
}

function orderUpdated(ctx: OpsContext, order: OrderRec): void {
  order.updatedAt = nowIso(ctx);
  ctx.emit("orders/updated", orderPayload(ctx.shop, order));
}

function touchReturn(ctx: OpsContext, ret: ReturnRec): void {
  ret.updatedAt = nowIso(ctx);
}

function workDone(ctx: OpsContext, ret: ReturnRec): boolean {
  if (ret.refundIds.length > 0) return true;
  if (returnLines(ctx, ret).some((l) => l.processedQuantity > 0)) return true;
  if (exchangeLines(ctx, ret).some((e) => e.processedQuantity > 0)) return true;
  return rfosOf(ctx, ret).some((rfo) =>
    rfoLines(ctx, rfo).some((l) => l.dispositionRecs.length > 0),
  );
}

function reasonById(ctx: OpsContext, id: string): ReturnReasonDefinitionRec | null {
  return ctx.reasons.find((r) => r.id === id) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Creating returns
// ---------------------------------------------------------------------------------------------

export interface ReturnLineInput {
  fulfillmentLineItemId: string;
  quantity: number;
  customerNote?: string | null;
  returnReasonNote?: string | null;
  returnReasonDefinitionId?: string | null;
  returnReason?: string | null;
  restockingFee?: { percentage: number } | null;
}

export interface ExchangeLineInput {
  variantId?: string | null;
  quantity: number;
  appliedDiscount?: {
    description?: string | null;
    value: { amount?: MoneyInputValue | null; percentage?: number | null };
  } | null;
  giftCardCodes?: string[] | null;
}

interface ValidLine {
  fli: FulfillmentLineItemRec;
  quantity: number;
  customerNote: string | null;
  returnReasonNote: string;
  reasonDefinitionId: string | null;
  restockingFeePercentage: number | null;
}

interface ValidExchange {
  variant: VariantRec;
  quantity: number;
  unitPrice: number;
  discount: ExchangeDiscount;
  description: string | null;
}

function validateReturnLines(
  ctx: OpsContext,
  order: OrderRec,
  lines: ReturnLineInput[],
  root: string[],
  errors: RaisedError[],
): ValidLine[] {
  const out: ValidLine[] = [];
  if (!lines || lines.length === 0) {
    errors.push(fail("RETURN_LINES_BLANK", [...root, "returnLineItems"]));
    return out;
  }
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const f = [...root, "returnLineItems", String(i)];
    const fli = getNode<FulfillmentLineItemRec>(
      ctx.shop,
      l.fulfillmentLineItemId,
      "FulfillmentLineItem",
    );
    if (!fli || fli.orderId !== order.id) {
      errors.push(
        fail("FULFILLMENT_LINE_ITEM_NOT_FOUND", [...f, "fulfillmentLineItemId"], {
          id: l.fulfillmentLineItemId,
        }),
      );
      return;
    }
    if (seen.has(fli.id)) {
      errors.push(
        fail("DUPLICATE_FULFILLMENT_LINE_ITEM", [...f, "fulfillmentLineItemId"], { id: fli.id }),
      );
      return;
    }
    seen.add(fli.id);
    if (!(l.quantity > 0)) {
      errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
      return;
    }
    const returnable = returnableQuantity(ctx.shop, fli);
    if (l.quantity > returnable) {
      errors.push(
        fail("QUANTITY_EXCEEDS_RETURNABLE", [...f, "quantity"], {
          quantity: l.quantity,
          returnable,
          id: fli.id,
        }),
      );
      return;
    }
    let reasonDefinitionId: string | null = null;
    if (l.returnReasonDefinitionId) {
      const def = reasonById(ctx, l.returnReasonDefinitionId);
      if (!def || def.deleted) {
        errors.push(
          fail("REASON_DEFINITION_NOT_FOUND", [...f, "returnReasonDefinitionId"], {
            id: l.returnReasonDefinitionId,
          }),
        );
        return;
      }
      reasonDefinitionId = def.id;
    } else if (l.returnReason) {
      reasonDefinitionId =
        ctx.reasons.find((r) => !r.deleted && r.legacyReason === l.returnReason)?.id ?? null;
    }
    if (l.customerNote && l.customerNote.length > 300) {
      errors.push(fail("CUSTOMER_NOTE_TOO_LONG", [...f, "customerNote"]));
      return;
    }
    if (l.returnReasonNote && l.returnReasonNote.length > 255) {
      errors.push(fail("RETURN_REASON_NOTE_TOO_LONG", [...f, "returnReasonNote"]));
      return;
    }
    let pct: number | null = null;
    if (l.restockingFee) {
      pct = l.restockingFee.percentage;
      if (!(pct >= 0 && pct <= 100)) {
        errors.push(fail("RESTOCKING_FEE_INVALID", [...f, "restockingFee", "percentage"]));
        return;
      }
    }
    out.push({
      fli,
      quantity: l.quantity,
      customerNote: l.customerNote ?? null,
      returnReasonNote: l.returnReasonNote ?? "",
      reasonDefinitionId,
      restockingFeePercentage: pct,
    });
  });
  return out;
}

function validateExchanges(
  ctx: OpsContext,
  order: OrderRec,
  lines: ExchangeLineInput[],
  root: string[],
  errors: RaisedError[],
): ValidExchange[] {
  const out: ValidExchange[] = [];
  (lines ?? []).forEach((e, i) => {
    const f = [...root, "exchangeLineItems", String(i)];
    if (!e.variantId) {
      errors.push(fail("EXCHANGE_VARIANT_BLANK", [...f, "variantId"]));
      return;
    }
    const variant = getNode<VariantRec>(ctx.shop, e.variantId, "ProductVariant");
    if (!variant) {
      errors.push(fail("VARIANT_NOT_FOUND", [...f, "variantId"], { id: e.variantId }));
      return;
    }
    if (!(e.quantity > 0)) {
      errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
      return;
    }
    let discount: ExchangeDiscount = null;
    const v = e.appliedDiscount?.value;
    if (v) {
      if (v.percentage !== undefined && v.percentage !== null) {
        if (!(v.percentage >= 0 && v.percentage <= 100)) {
          errors.push(
            fail("EXCHANGE_DISCOUNT_INVALID", [...f, "appliedDiscount", "value", "percentage"], {
              reason: "percentage must be between 0 and 100",
            }),
          );
          return;
        }
        discount = { percentage: v.percentage };
      } else if (v.amount) {
        const minor = orderMoney(
          order,
          v.amount,
          [...f, "appliedDiscount", "value", "amount"],
          errors,
        );
        if (minor === null) return;
        discount = { amount: minor };
      }
    }
    out.push({
      variant,
      quantity: e.quantity,
      unitPrice: variantPriceIn(ctx.shop, variant, order.currency),
      discount,
      description: e.appliedDiscount?.description ?? null,
    });
  });
  return out;
}

function createRfo(ctx: OpsContext, ret: ReturnRec): RfoRec {
  const shop = ctx.shop;
  const rfo = register<RfoRec>(shop, {
    __typename: "ReverseFulfillmentOrder",
    id: nextGid(shop, "ReverseFulfillmentOrder"),
    returnId: ret.id,
    orderId: ret.orderId,
    status: "OPEN",
    lineIds: [],
    deliveryIds: [],
  });
  for (const rli of returnLines(ctx, ret)) {
    if (rli.quantity <= 0) continue;
    const line = register<RfoLineItemRec>(shop, {
      __typename: "ReverseFulfillmentOrderLineItem",
      id: nextGid(shop, "ReverseFulfillmentOrderLineItem"),
      rfoId: rfo.id,
      returnLineItemId: rli.id,
      fulfillmentLineItemId: rli.fulfillmentLineItemId,
      totalQuantity: rli.quantity,
      dispositionRecs: [],
    });
    rfo.lineIds.push(line.id);
  }
  ret.rfoIds.push(rfo.id);
  return rfo;
}

function buildReturn(
  ctx: OpsContext,
  order: OrderRec,
  status: "REQUESTED" | "OPEN",
  lines: ValidLine[],
  exchanges: ValidExchange[],
  fee: number | null,
  createdAt: string,
  origin: "api" | "admin",
): ReturnRec {
  const shop = ctx.shop;
  const now = nowIso(ctx);
  const ret = register<ReturnRec>(shop, {
    __typename: "Return",
    id: nextGid(shop, "Return"),
    orderId: order.id,
    name: `${order.name}-R${order.returnIds.length + 1}`,
    status,
    createdAt,
    updatedAt: now,
    requestApprovedAt: status === "OPEN" ? now : null,
    closedAt: null,
    declineRec: null,
    lineIds: [],
    exchangeIds: [],
    rfoIds: [],
    refundIds: [],
    shippingFees:
      fee !== null && fee > 0 ? [{ id: nextGid(shop, "ReturnShippingFee"), amount: fee }] : [],
    feesSettled: false,
    origin,
  });
  for (const l of lines) {
    const rli = register<ReturnLineItemRec>(shop, {
      __typename: "ReturnLineItem",
      id: nextGid(shop, "ReturnLineItem"),
      returnId: ret.id,
      fulfillmentLineItemId: l.fli.id,
      quantity: l.quantity,
      processedQuantity: 0,
      refundedQuantity: 0,
      customerNote: l.customerNote,
      returnReasonNote: l.returnReasonNote,
      reasonDefinitionId: l.reasonDefinitionId,
      restockingFeePercentage: l.restockingFeePercentage,
    });
    ret.lineIds.push(rli.id);
  }
  for (const e of exchanges) {
    const eli = register<ExchangeLineItemRec>(shop, {
      __typename: "ExchangeLineItem",
      id: nextGid(shop, "ExchangeLineItem"),
      returnId: ret.id,
      variantId: e.variant.id,
      quantity: e.quantity,
      processedQuantity: 0,
      settledQuantity: 0,
      unitPrice: e.unitPrice,
      discount: e.discount,
      discountDescription: e.description,
      createdLineItemIds: [],
    });
    ret.exchangeIds.push(eli.id);
  }
  order.returnIds.push(ret.id);
  shop.returns.push(ret);
  if (status === "OPEN") createRfo(ctx, ret);
  return ret;
}

export function returnRequest(
  ctx: OpsContext,
  input: {
    orderId: string;
    returnLineItems: ReturnLineInput[];
    returnShippingFee?: { amount: MoneyInputValue } | null;
  },
  origin: "api" | "admin" = "api",
): OpResult<ReturnRec> {
  const errors: RaisedError[] = [];
  const order = getNode<OrderRec>(ctx.shop, input.orderId, "Order");
  if (!order) return bad([fail("ORDER_NOT_FOUND", ["input", "orderId"])]);
  if (order.cancelledAt)
    return bad([fail("ORDER_CANCELLED", ["input", "orderId"], { name: order.name })]);
  const lines = validateReturnLines(ctx, order, input.returnLineItems, ["input"], errors);
  const fee = input.returnShippingFee
    ? orderMoney(
        order,
        input.returnShippingFee.amount,
        ["input", "returnShippingFee", "amount"],
        errors,
      )
    : null;
  if (errors.length) return bad(errors);
  const ret = buildReturn(ctx, order, "REQUESTED", lines, [], fee, nowIso(ctx), origin);
  emitReturn(ctx, "returns/request", ret);
  orderUpdated(ctx, order);
  return ok(ret);
}

export function returnCreate(
  ctx: OpsContext,
  input: {
    orderId: string;
    returnLineItems: ReturnLineInput[];
    exchangeLineItems?: ExchangeLineInput[] | null;
    returnShippingFee?: { amount: MoneyInputValue } | null;
    requestedAt?: string | null;
  },
  origin: "api" | "admin" = "api",
): OpResult<ReturnRec> {
  const errors: RaisedError[] = [];
  const root = ["returnInput"];
  const order = getNode<OrderRec>(ctx.shop, input.orderId, "Order");
  if (!order) return bad([fail("ORDER_NOT_FOUND", [...root, "orderId"])]);
  if (order.cancelledAt)
    return bad([fail("ORDER_CANCELLED", [...root, "orderId"], { name: order.name })]);
  const lines = validateReturnLines(ctx, order, input.returnLineItems, root, errors);
  const exchanges = validateExchanges(ctx, order, input.exchangeLineItems ?? [], root, errors);
  const fee = input.returnShippingFee
    ? orderMoney(
        order,
        input.returnShippingFee.amount,
        [...root, "returnShippingFee", "amount"],
        errors,
      )
    : null;
  if (errors.length) return bad(errors);
  const createdAt = input.requestedAt ? isoNow(new Date(input.requestedAt)) : nowIso(ctx);
  const ret = buildReturn(ctx, order, "OPEN", lines, exchanges, fee, createdAt, origin);
  order.closedAt = null; // returnCreate unarchives the order
  emitReturn(ctx, "returns/approve", ret);
  orderUpdated(ctx, order);
  return ok(ret);
}

// ---------------------------------------------------------------------------------------------
// Lifecycle transitions
// ---------------------------------------------------------------------------------------------

function findReturn(ctx: OpsContext, id: string, field: string[]): OpResult<ReturnRec> {
  const ret = getNode<ReturnRec>(ctx.shop, id, "Return");
  return ret ? ok(ret) : bad([fail("RETURN_NOT_FOUND", field)]);
}

export function returnApproveRequest(
  ctx: OpsContext,
  input: { id: string; notifyCustomer?: boolean | null },
): OpResult<ReturnRec> {
  const found = findReturn(ctx, input.id, ["input", "id"]);
  if (!found.ok) return found;
  const ret = found.value;
  if (ret.status !== "REQUESTED")
    return bad([fail("APPROVE_NOT_REQUESTED", ["input", "id"], { status: ret.status })]);
  ret.status = "OPEN";
  ret.requestApprovedAt = nowIso(ctx);
  touchReturn(ctx, ret);
  createRfo(ctx, ret);
  emitReturn(ctx, "returns/approve", ret);
  orderUpdated(ctx, orderOf(ctx, ret));
  return ok(ret);
}

export function returnDeclineRequest(
  ctx: OpsContext,
  input: {
    id: string;
    declineReason: string;
    declineNote?: string | null;
    notifyCustomer?: boolean | null;
  },
): OpResult<ReturnRec> {
  const found = findReturn(ctx, input.id, ["input", "id"]);
  if (!found.ok) return found;
  const ret = found.value;
  if (ret.status !== "REQUESTED")
    return bad([fail("DECLINE_NOT_REQUESTED", ["input", "id"], { status: ret.status })]);
  if (input.declineNote && input.declineNote.length > 500)
    return bad([fail("DECLINE_NOTE_TOO_LONG", ["input", "declineNote"])]);
  ret.status = "DECLINED";
  ret.declineRec = { reason: input.declineReason, note: input.declineNote ?? null };
  touchReturn(ctx, ret);
  emitReturn(ctx, "returns/decline", ret);
  orderUpdated(ctx, orderOf(ctx, ret));
  return ok(ret);
}

export function returnClose(ctx: OpsContext, id: string): OpResult<ReturnRec> {
  const found = findReturn(ctx, id, ["id"]);
  if (!found.ok) return found;
  const ret = found.value;
  if (ret.status !== "OPEN") return bad([fail("CLOSE_NOT_OPEN", ["id"], { status: ret.status })]);
  closeReturn(ctx, ret);
  return ok(ret);
}

function closeReturn(ctx: OpsContext, ret: ReturnRec): void {
  ret.status = "CLOSED";
  ret.closedAt = nowIso(ctx);
  touchReturn(ctx, ret);
  emitReturn(ctx, "returns/close", ret);
  orderUpdated(ctx, orderOf(ctx, ret));
}

export function returnReopen(ctx: OpsContext, id: string): OpResult<ReturnRec> {
  const found = findReturn(ctx, id, ["id"]);
  if (!found.ok) return found;
  const ret = found.value;
  if (ret.status !== "CLOSED")
    return bad([fail("REOPEN_NOT_CLOSED", ["id"], { status: ret.status })]);
  ret.status = "OPEN";
  ret.closedAt = null;
  touchReturn(ctx, ret);
  emitReturn(ctx, "returns/reopen", ret);
  orderUpdated(ctx, orderOf(ctx, ret));
  return ok(ret);
}

function cancelReturn(ctx: OpsContext, ret: ReturnRec): void {
  ret.status = "CANCELED";
  touchReturn(ctx, ret);
  for (const rfo of rfosOf(ctx, ret)) rfo.status = "CANCELED";
  emitReturn(ctx, "returns/cancel", ret);
  orderUpdated(ctx, orderOf(ctx, ret));
}

export function returnCancel(ctx: OpsContext, id: string): OpResult<ReturnRec> {
  const found = findReturn(ctx, id, ["id"]);
  if (!found.ok) return found;
  const ret = found.value;
  if (ret.status !== "REQUESTED" && ret.status !== "OPEN")
    return bad([fail("CANCEL_WRONG_STATUS", ["id"], { status: ret.status })]);
  if (workDone(ctx, ret)) return bad([fail("CANCEL_AFTER_WORK", ["id"])]);
  cancelReturn(ctx, ret);
  return ok(ret);
}

export function removeFromReturn(
  ctx: OpsContext,
  input: {
    returnId: string;
    returnLineItems?: Array<{ returnLineItemId: string; quantity: number }> | null;
    exchangeLineItems?: Array<{ exchangeLineItemId: string; quantity: number }> | null;
  },
): OpResult<ReturnRec> {
  const found = findReturn(ctx, input.returnId, ["returnId"]);
  if (!found.ok) return found;
  const ret = found.value;
  if (ret.status !== "REQUESTED" && ret.status !== "OPEN")
    return bad([fail("REMOVE_WRONG_STATUS", ["returnId"], { status: ret.status })]);
  const errors: RaisedError[] = [];
  const rliChanges: Array<[ReturnLineItemRec, number]> = [];
  const eliChanges: Array<[ExchangeLineItemRec, number]> = [];
  (input.returnLineItems ?? []).forEach((r, i) => {
    const f = ["returnLineItems", String(i)];
    const rli = getNode<ReturnLineItemRec>(ctx.shop, r.returnLineItemId, "ReturnLineItem");
    if (!rli || rli.returnId !== ret.id)
      return void errors.push(
        fail("RETURN_LINE_ITEM_NOT_FOUND", [...f, "returnLineItemId"], { id: r.returnLineItemId }),
      );
    if (!(r.quantity > 0))
      return void errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
    const removable = rli.quantity - rli.processedQuantity;
    if (r.quantity > removable)
      return void errors.push(
        fail("REMOVE_QUANTITY_EXCEEDS", [...f, "quantity"], {
          quantity: r.quantity,
          removable,
          id: rli.id,
        }),
      );
    rliChanges.push([rli, r.quantity]);
  });
  (input.exchangeLineItems ?? []).forEach((r, i) => {
    const f = ["exchangeLineItems", String(i)];
    const eli = getNode<ExchangeLineItemRec>(ctx.shop, r.exchangeLineItemId, "ExchangeLineItem");
    if (!eli || eli.returnId !== ret.id)
      return void errors.push(
        fail("EXCHANGE_LINE_ITEM_NOT_FOUND", [...f, "exchangeLineItemId"], {
          id: r.exchangeLineItemId,
        }),
      );
    if (!(r.quantity > 0))
      return void errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
    const removable = eli.quantity - eli.processedQuantity;
    if (r.quantity > removable)
      return void errors.push(
        fail("REMOVE_QUANTITY_EXCEEDS", [...f, "quantity"], {
          quantity: r.quantity,
          removable,
          id: eli.id,
        }),
      );
    eliChanges.push([eli, r.quantity]);
  });
  if (rliChanges.length === 0 && eliChanges.length === 0 && errors.length === 0)
    errors.push(fail("RETURN_LINES_BLANK", ["returnLineItems"]));
  if (errors.length) return bad(errors);
  for (const [rli, q] of rliChanges) {
    rli.quantity -= q;
    for (const rfo of rfosOf(ctx, ret))
      for (const l of rfoLines(ctx, rfo))
        if (l.returnLineItemId === rli.id)
          l.totalQuantity = Math.max(disposedQuantity(l), l.totalQuantity - q);
  }
  for (const [eli, q] of eliChanges) eli.quantity -= q;
  touchReturn(ctx, ret);
  const remaining =
    returnLines(ctx, ret).reduce((s, l) => s + l.quantity, 0) +
    exchangeLines(ctx, ret).reduce((s, e) => s + e.quantity, 0);
  if (remaining === 0) {
    cancelReturn(ctx, ret);
  } else {
    emitReturn(ctx, "returns/update", ret);
    orderUpdated(ctx, orderOf(ctx, ret));
  }
  return ok(ret);
}

// ---------------------------------------------------------------------------------------------
// Reverse deliveries and dispositions
// ---------------------------------------------------------------------------------------------

function rfoIsOpen(ctx: OpsContext, rfo: RfoRec): { open: boolean; returnStatus: string } {
  const ret = ctx.shop.nodes.get(rfo.returnId) as ReturnRec;
  return { open: rfo.status === "OPEN" && ret.status === "OPEN", returnStatus: ret.status };
}

const isStagedUrl = (url: string) => {
  try {
    return new URL(url).pathname.startsWith(STAGED_UPLOAD_PATH);
  } catch {
    return false;
  }
};

export function reverseDeliveryCreateWithShipping(
  ctx: OpsContext,
  input: {
    reverseFulfillmentOrderId: string;
    reverseDeliveryLineItems: Array<{
      reverseFulfillmentOrderLineItemId: string;
      quantity: number;
    }>;
    labelInput?: { fileUrl: string } | null;
    trackingInput?: { number?: string | null; url?: string | null } | null;
    notifyCustomer?: boolean | null;
  },
): OpResult<ReverseDeliveryRec> {
  const shop = ctx.shop;
  const rfo = getNode<RfoRec>(shop, input.reverseFulfillmentOrderId, "ReverseFulfillmentOrder");
  if (!rfo) return bad([fail("RFO_NOT_FOUND", ["reverseFulfillmentOrderId"])]);
  const state = rfoIsOpen(ctx, rfo);
  if (!state.open)
    return bad([
      fail("RFO_NOT_OPEN", ["reverseFulfillmentOrderId"], {
        status: rfo.status,
        returnStatus: state.returnStatus,
      }),
    ]);
  const errors: RaisedError[] = [];
  if (!input.reverseDeliveryLineItems || input.reverseDeliveryLineItems.length === 0)
    return bad([fail("REVERSE_DELIVERY_LINES_BLANK", ["reverseDeliveryLineItems"])]);
  const onDeliveries = new Map<string, number>();
  for (const id of rfo.deliveryIds) {
    const rd = shop.nodes.get(id) as ReverseDeliveryRec;
    for (const l of rd.lines)
      onDeliveries.set(l.rfoLineItemId, (onDeliveries.get(l.rfoLineItemId) ?? 0) + l.quantity);
  }
  const lines: Array<{ line: RfoLineItemRec; quantity: number }> = [];
  input.reverseDeliveryLineItems.forEach((l, i) => {
    const f = ["reverseDeliveryLineItems", String(i)];
    const line = getNode<RfoLineItemRec>(
      shop,
      l.reverseFulfillmentOrderLineItemId,
      "ReverseFulfillmentOrderLineItem",
    );
    if (!line)
      return void errors.push(
        fail("RFO_LINE_ITEM_NOT_FOUND", [...f, "reverseFulfillmentOrderLineItemId"], {
          id: l.reverseFulfillmentOrderLineItemId,
        }),
      );
    if (line.rfoId !== rfo.id)
      return void errors.push(
        fail("RFO_LINE_ITEM_WRONG_RFO", [...f, "reverseFulfillmentOrderLineItemId"], {
          id: line.id,
        }),
      );
    if (!(l.quantity > 0))
      return void errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
    const available = line.totalQuantity - (onDeliveries.get(line.id) ?? 0);
    if (l.quantity > available)
      return void errors.push(
        fail("REVERSE_DELIVERY_QUANTITY_EXCEEDS", [...f, "quantity"], {
          quantity: l.quantity,
          available,
          id: line.id,
        }),
      );
    onDeliveries.set(line.id, (onDeliveries.get(line.id) ?? 0) + l.quantity);
    lines.push({ line, quantity: l.quantity });
  });
  // A staged upload URL must name a file that was uploaded to it (the bytes are recorded).
  const staged = input.labelInput && ctx.stagedFile && isStagedUrl(input.labelInput.fileUrl) ? ctx.stagedFile(input.labelInput.fileUrl) : null;
  if (input.labelInput && ctx.stagedFile && isStagedUrl(input.labelInput.fileUrl) && !staged)
    errors.push(fail("LABEL_FILE_NOT_UPLOADED", ["labelInput", "fileUrl"]));
  if (errors.length) return bad(errors);
  const now = nowIso(ctx);
  const rd = register<ReverseDeliveryRec>(shop, {
    __typename: "ReverseDelivery",
    id: nextGid(shop, "ReverseDelivery"),
    rfoId: rfo.id,
    createdAt: now,
    lines: lines.map((l) => ({
      id: nextGid(shop, "ReverseDeliveryLineItem"),
      rfoLineItemId: l.line.id,
      quantity: l.quantity,
    })),
    label: input.labelInput
      ? { fileUrl: input.labelInput.fileUrl, createdAt: now, updatedAt: now, file: staged }
      : null,
    trackingRec: input.trackingInput
      ? {
          number: input.trackingInput.number ?? null,
          url: input.trackingInput.url ?? null,
          carrierName: inferCarrier(input.trackingInput.number, input.trackingInput.url),
        }
      : null,
  });
  rfo.deliveryIds.push(rd.id);
  if (rd.label || rd.trackingRec)
    ctx.emit("reverse_deliveries/attach_deliverable", reverseDeliveryPayload(shop, rd));
  return ok(rd);
}

export function reverseDeliveryShippingUpdate(
  ctx: OpsContext,
  input: {
    reverseDeliveryId: string;
    labelInput?: { fileUrl: string } | null;
    trackingInput?: { number?: string | null; url?: string | null } | null;
    notifyCustomer?: boolean | null;
  },
): OpResult<ReverseDeliveryRec> {
  const rd = getNode<ReverseDeliveryRec>(ctx.shop, input.reverseDeliveryId, "ReverseDelivery");
  if (!rd) return bad([fail("REVERSE_DELIVERY_NOT_FOUND", ["reverseDeliveryId"])]);
  const now = nowIso(ctx);
  const staged = input.labelInput && ctx.stagedFile && isStagedUrl(input.labelInput.fileUrl) ? ctx.stagedFile(input.labelInput.fileUrl) : null;
  if (input.labelInput && ctx.stagedFile && isStagedUrl(input.labelInput.fileUrl) && !staged)
    return bad([fail("LABEL_FILE_NOT_UPLOADED", ["labelInput", "fileUrl"])]);
  if (input.labelInput)
    rd.label = {
      fileUrl: input.labelInput.fileUrl,
      createdAt: rd.label?.createdAt ?? now,
      updatedAt: now,
      file: staged,
    };
  if (input.trackingInput) {
    const number = input.trackingInput.number ?? rd.trackingRec?.number ?? null;
    const url = input.trackingInput.url ?? rd.trackingRec?.url ?? null;
    rd.trackingRec = { number, url, carrierName: inferCarrier(number, url) };
  }
  ctx.emit("reverse_deliveries/attach_deliverable", reverseDeliveryPayload(ctx.shop, rd));
  return ok(rd);
}

export interface DisposeInput {
  reverseFulfillmentOrderLineItemId: string;
  quantity: number;
  dispositionType: DispositionRec["type"];
  locationId?: string | null;
}

interface ValidDisposition {
  line: RfoLineItemRec;
  quantity: number;
  type: DispositionRec["type"];
  location: LocationRec | null;
}

function validateDispositions(
  ctx: OpsContext,
  inputs: DisposeInput[],
  root: string[],
  errors: RaisedError[],
  pending: Map<string, number>,
  expectReturnLineItemId?: string,
): ValidDisposition[] {
  const out: ValidDisposition[] = [];
  inputs.forEach((d, i) => {
    const f = [...root, String(i)];
    const line = getNode<RfoLineItemRec>(
      ctx.shop,
      d.reverseFulfillmentOrderLineItemId,
      "ReverseFulfillmentOrderLineItem",
    );
    if (!line)
      return void errors.push(
        fail("RFO_LINE_ITEM_NOT_FOUND", [...f, "reverseFulfillmentOrderLineItemId"], {
          id: d.reverseFulfillmentOrderLineItemId,
        }),
      );
    if (expectReturnLineItemId && line.returnLineItemId !== expectReturnLineItemId)
      return void errors.push(
        fail("DISPOSITION_LINE_MISMATCH", [...f, "reverseFulfillmentOrderLineItemId"], {
          id: line.id,
          returnLineItemId: expectReturnLineItemId,
        }),
      );
    const rfo = ctx.shop.nodes.get(line.rfoId) as RfoRec;
    const state = rfoIsOpen(ctx, rfo);
    if (!state.open)
      return void errors.push(
        fail("RFO_NOT_OPEN", [...f, "reverseFulfillmentOrderLineItemId"], {
          status: rfo.status,
          returnStatus: state.returnStatus,
        }),
      );
    if (!(d.quantity > 0))
      return void errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
    const available = line.totalQuantity - disposedQuantity(line) - (pending.get(line.id) ?? 0);
    if (d.quantity > available)
      return void errors.push(
        fail("DISPOSITION_EXCEEDS", [...f, "quantity"], {
          quantity: d.quantity,
          available,
          id: line.id,
        }),
      );
    let location: LocationRec | null = null;
    if (d.locationId) {
      location = getNode<LocationRec>(ctx.shop, d.locationId, "Location");
      if (!location)
        return void errors.push(
          fail("LOCATION_NOT_FOUND", [...f, "locationId"], { id: d.locationId }),
        );
    }
    if (d.dispositionType === "RESTOCKED" && !location)
      return void errors.push(fail("RESTOCK_LOCATION_REQUIRED", [...f, "locationId"]));
    pending.set(line.id, (pending.get(line.id) ?? 0) + d.quantity);
    out.push({ line, quantity: d.quantity, type: d.dispositionType, location });
  });
  return out;
}

function applyDispositions(ctx: OpsContext, valid: ValidDisposition[]): RfoLineItemRec[] {
  const shop = ctx.shop;
  const byRfo = new Map<string, Array<{ line: RfoLineItemRec; disposition: DispositionRec }>>();
  const touched: RfoLineItemRec[] = [];
  for (const v of valid) {
    const disposition: DispositionRec = {
      __typename: "ReverseFulfillmentOrderDisposition",
      id: nextGid(shop, "ReverseFulfillmentOrderDisposition"),
      type: v.type,
      quantity: v.quantity,
      locationId: v.location?.id ?? null,
      createdAt: nowIso(ctx),
    };
    register(shop, disposition);
    v.line.dispositionRecs.push(disposition);
    if (v.type === "RESTOCKED" && v.location) {
      const li = lineOfFli(ctx, v.line.fulfillmentLineItemId);
      const variant = li.variantId
        ? getNode<VariantRec>(shop, li.variantId, "ProductVariant")
        : null;
      if (variant && variant.tracked)
        variant.stock.set(v.location.id, (variant.stock.get(v.location.id) ?? 0) + v.quantity);
    }
    if (!touched.includes(v.line)) touched.push(v.line);
    const list = byRfo.get(v.line.rfoId) ?? [];
    list.push({ line: v.line, disposition });
    byRfo.set(v.line.rfoId, list);
  }
  for (const [rfoId, items] of byRfo) {
    const rfo = shop.nodes.get(rfoId) as RfoRec;
    if (rfoLines(ctx, rfo).every((l) => disposedQuantity(l) >= l.totalQuantity))
      rfo.status = "CLOSED";
    ctx.emit("reverse_fulfillment_orders/dispose", disposePayload(rfo, items));
  }
  return touched;
}

export function reverseFulfillmentOrderDispose(
  ctx: OpsContext,
  inputs: DisposeInput[],
): OpResult<RfoLineItemRec[]> {
  const errors: RaisedError[] = [];
  const valid = validateDispositions(ctx, inputs, ["dispositionInputs"], errors, new Map());
  if (errors.length) return bad(errors);
  return ok(applyDispositions(ctx, valid));
}

// ---------------------------------------------------------------------------------------------
// Refunds (shared by returnProcess and refundCreate)
// ---------------------------------------------------------------------------------------------

interface RefundPlan {
  order: OrderRec;
  returnId: string | null;
  lines: Array<Omit<RefundLineItemRec, "id">>;
  shipping: number;
  transactions: Array<{ parent: TransactionRec; amount: number }>;
  storeCredit: Array<{ amount: number; expiresAt: string | null }>;
  note: string | null;
  processedAt: string | null;
}

function creditStoreCredit(
  ctx: OpsContext,
  customer: CustomerRec,
  currency: string,
  amount: number,
  expiresAt: string | null,
  event: string,
  originTransactionId: string | null,
): StoreCreditTxRec {
  const shop = ctx.shop;
  let account = shop.storeCreditAccounts.find(
    (a) => a.customerId === customer.id && a.currency === currency,
  );
  if (!account) {
    account = register<StoreCreditAccountRec>(shop, {
      __typename: "StoreCreditAccount",
      id: nextGid(shop, "StoreCreditAccount"),
      customerId: customer.id,
      currency,
      balanceMinor: 0,
      txs: [],
    });
    shop.storeCreditAccounts.push(account);
  }
  account.balanceMinor += amount;
  const tx = register<StoreCreditTxRec>(shop, {
    __typename: "StoreCreditAccountCreditTransaction",
    id: nextGid(shop, "StoreCreditAccountCreditTransaction"),
    accountId: account.id,
    amountMinor: amount,
    balanceAfter: account.balanceMinor,
    createdAt: nowIso(ctx),
    expiresAt,
    event,
    originTransactionId,
  });
  account.txs.push(tx);
  return tx;
}

function executeRefund(ctx: OpsContext, plan: RefundPlan): RefundRec {
  const shop = ctx.shop;
  const now = nowIso(ctx);
  const order = plan.order;
  const refund = register<RefundRec>(shop, {
    __typename: "Refund",
    id: nextGid(shop, "Refund"),
    orderId: order.id,
    returnId: plan.returnId,
    createdAt: now,
    processedAt: plan.processedAt ?? now,
    updatedAt: now,
    note: plan.note,
    lines: plan.lines.map((l) => ({ ...l, id: nextGid(shop, "RefundLineItem") })),
    transactionIds: [],
    shippingRefund: plan.shipping,
    shippingTax: 0,
  });
  const shipTax = order.shippingLineRecs.reduce(
    (s, l) => s + l.taxes.reduce((t, x) => t + x.amount, 0),
    0,
  );
  const shipTotal = order.shippingLineRecs.reduce((s, l) => s + l.discountedPrice, 0);
  refund.shippingTax = shipTotal > 0 ? mulDivRound(shipTax, plan.shipping, shipTotal) : 0;
  for (const l of refund.lines) {
    // CANCEL releases units that never left "available" (committed stock is not modelled).
    if (!l.restocked || !l.locationId || l.restockType === "CANCEL") continue;
    const li = shop.nodes.get(l.lineItemId) as LineItemRec;
    const variant = li.variantId ? getNode<VariantRec>(shop, li.variantId, "ProductVariant") : null;
    if (variant && variant.tracked)
      variant.stock.set(l.locationId, (variant.stock.get(l.locationId) ?? 0) + l.quantity);
  }
  for (const t of plan.transactions) {
    const tx = register<TransactionRec>(shop, {
      __typename: "OrderTransaction",
      id: nextGid(shop, "OrderTransaction"),
      orderId: order.id,
      kind: "REFUND",
      status: "SUCCESS",
      gateway: t.parent.gateway,
      amountMinor: t.amount,
      processedAt: refund.processedAt,
      createdAt: now,
      parentId: t.parent.id,
      refundId: refund.id,
      card: t.parent.card,
      giftCardId: t.parent.giftCardId,
      test: t.parent.test,
    });
    order.transactionIds.push(tx.id);
    refund.transactionIds.push(tx.id);
    if (tx.giftCardId) {
      const gc = getNode<GiftCardRec>(shop, tx.giftCardId, "GiftCard");
      if (gc) {
        gc.balanceMinor += t.amount;
        gc.updatedAt = now;
      }
    }
  }
  for (const sc of plan.storeCredit) {
    const tx = register<TransactionRec>(shop, {
      __typename: "OrderTransaction",
      id: nextGid(shop, "OrderTransaction"),
      orderId: order.id,
      kind: "REFUND",
      status: "SUCCESS",
      gateway: "shopify_store_credit",
      amountMinor: sc.amount,
      processedAt: refund.processedAt,
      createdAt: now,
      parentId: null,
      refundId: refund.id,
      card: null,
      giftCardId: null,
      test: false,
    });
    order.transactionIds.push(tx.id);
    refund.transactionIds.push(tx.id);
    const customer = shop.nodes.get(order.customerId!) as CustomerRec;
    creditStoreCredit(
      ctx,
      customer,
      order.currency,
      sc.amount,
      sc.expiresAt,
      "ORDER_REFUND",
      tx.id,
    );
  }
  order.refundIds.push(refund.id);
  ctx.emit("refunds/create", refundPayload(shop, refund));
  return refund;
}

// ---------------------------------------------------------------------------------------------
// returnProcess
// ---------------------------------------------------------------------------------------------

export interface ReturnProcessInput {
  returnId: string;
  returnLineItems?: Array<{
    id: string;
    quantity: number;
    dispositions?: DisposeInput[] | null;
  }> | null;
  exchangeLineItems?: Array<{ id: string; quantity: number }> | null;
  financialTransfer?: {
    issueRefund?: {
      orderTransactions: Array<{ parentId: string; transactionAmount: MoneyInputValue }>;
      refundMethods?: Array<{
        storeCreditRefund?: { amount: MoneyInputValue; expiresAt?: string | null } | null;
      }> | null;
      allowOverRefunding?: boolean | null;
    } | null;
  } | null;
  refundShipping?: {
    fullRefund?: boolean | null;
    shippingRefundAmount?: MoneyInputValue | null;
  } | null;
  refundDuties?: unknown[] | null;
  note?: string | null;
  notifyCustomer?: boolean | null;
}

function taxRateOfOrder(order: OrderRec): { title: string; rate: number } {
  for (const l of order.lines)
    if (l.taxes.length) return { title: l.taxes[0].title, rate: l.taxes[0].rate };
  return { title: "VAT", rate: 0.25 };
}

/** Exchange processing: add the exchange as order line items with a fulfillment order, take stock. */
function processExchange(
  ctx: OpsContext,
  order: OrderRec,
  eli: ExchangeLineItemRec,
  q: number,
): void {
  const shop = ctx.shop;
  const variant = shop.nodes.get(eli.variantId) as VariantRec;
  const product = shop.nodes.get(variant.productId) as ProductRec;
  const now = nowIso(ctx);
  const unitDiscount = (() => {
    if (!eli.discount) return 0;
    const full = eli.unitPrice * eli.quantity;
    const d =
      "percentage" in eli.discount
        ? mulDivRound(full, Math.round(eli.discount.percentage * 1e6), 1e8)
        : Math.min(eli.discount.amount, full);
    return mulDivRound(d, q, eli.quantity);
  })();
  const allocations: LineItemRec["allocations"] = [];
  if (unitDiscount > 0) {
    const index = order.discountApps.length;
    order.discountApps.push({
      index,
      kind: "manual",
      code: null,
      title: eli.discountDescription ?? "Exchange discount",
      valueType: eli.discount && "percentage" in eli.discount ? "percentage" : "fixed",
      value: eli.discount && "percentage" in eli.discount ? eli.discount.percentage : unitDiscount,
      allocationMethod: "EACH",
      targetSelection: "EXPLICIT",
      targetType: "LINE_ITEM",
    });
    allocations.push({ applicationIndex: index, amount: unitDiscount });
  }
  const rate = taxRateOfOrder(order);
  const taxable = eli.unitPrice * q - unitDiscount;
  const line = register<LineItemRec>(shop, {
    __typename: "LineItem",
    id: nextGid(shop, "LineItem"),
    orderId: order.id,
    variantId: variant.id,
    productId: product.id,
    title: product.title,
    variantTitle: variant.title === "Default Title" ? null : variant.title,
    name: variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`,
    sku: variant.sku,
    vendor: product.vendor,
    quantity: q,
    unitPrice: eli.unitPrice,
    allocations,
    taxes: [
      {
        title: rate.title,
        rate: rate.rate,
        amount: taxFor(taxable, rate.rate * 100, order.taxesIncluded),
      },
    ],
    requiresShipping: variant.requiresShipping,
    isGiftCard: product.isGiftCard,
    taxable: variant.taxable,
    grams: variant.grams,
    exchangeLineItemId: eli.id,
  });
  order.lines.push(line);
  eli.createdLineItemIds.push(line.id);
  // Take stock from the location that has the most (Shopify's routing is richer; documented).
  let best = shop.locations[0];
  for (const loc of shop.locations)
    if ((variant.stock.get(loc.id) ?? 0) > (variant.stock.get(best.id) ?? 0)) best = loc;
  if (variant.tracked) variant.stock.set(best.id, (variant.stock.get(best.id) ?? 0) - q);
  const fo = register<FulfillmentOrderRec>(shop, {
    __typename: "FulfillmentOrder",
    id: nextGid(shop, "FulfillmentOrder"),
    orderId: order.id,
    status: "OPEN",
    createdAt: now,
    updatedAt: now,
    locationId: best.id,
    lines: [
      {
        id: nextGid(shop, "FulfillmentOrderLineItem"),
        lineItemId: line.id,
        totalQuantity: q,
        remainingQuantity: q,
      },
    ],
  });
  order.fulfillmentOrderIds.push(fo.id);
}

function isFullyProcessed(ctx: OpsContext, ret: ReturnRec): boolean {
  return (
    returnLines(ctx, ret).every((l) => l.processedQuantity >= l.quantity) &&
    exchangeLines(ctx, ret).every((e) => e.processedQuantity >= e.quantity)
  );
}

export function returnProcess(ctx: OpsContext, input: ReturnProcessInput): OpResult<ReturnRec> {
  const shop = ctx.shop;
  const found = findReturn(ctx, input.returnId, ["input", "returnId"]);
  if (!found.ok) return found;
  const ret = found.value;
  if (ret.status !== "OPEN")
    return bad([fail("PROCESS_NOT_OPEN", ["input", "returnId"], { status: ret.status })]);
  const order = orderOf(ctx, ret);
  const errors: RaisedError[] = [];

  // 1. Quantities and dispositions.
  const rliProcess = new Map<ReturnLineItemRec, number>();
  const dispositions: ValidDisposition[] = [];
  const pending = new Map<string, number>();
  (input.returnLineItems ?? []).forEach((r, i) => {
    const f = ["input", "returnLineItems", String(i)];
    const rli = getNode<ReturnLineItemRec>(shop, r.id, "ReturnLineItem");
    if (!rli || rli.returnId !== ret.id)
      return void errors.push(fail("RETURN_LINE_ITEM_NOT_FOUND", [...f, "id"], { id: r.id }));
    if (!(r.quantity > 0))
      return void errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
    const processable = rli.quantity - rli.processedQuantity - (rliProcess.get(rli) ?? 0);
    if (r.quantity > processable)
      return void errors.push(
        fail("PROCESS_QUANTITY_EXCEEDS", [...f, "quantity"], {
          quantity: r.quantity,
          processable,
          id: rli.id,
        }),
      );
    rliProcess.set(rli, (rliProcess.get(rli) ?? 0) + r.quantity);
    if (r.dispositions?.length)
      dispositions.push(
        ...validateDispositions(
          ctx,
          r.dispositions,
          [...f, "dispositions"],
          errors,
          pending,
          rli.id,
        ),
      );
  });
  const eliProcess = new Map<ExchangeLineItemRec, number>();
  (input.exchangeLineItems ?? []).forEach((e, i) => {
    const f = ["input", "exchangeLineItems", String(i)];
    const eli = getNode<ExchangeLineItemRec>(shop, e.id, "ExchangeLineItem");
    if (!eli || eli.returnId !== ret.id)
      return void errors.push(fail("EXCHANGE_LINE_ITEM_NOT_FOUND", [...f, "id"], { id: e.id }));
    if (!(e.quantity > 0))
      return void errors.push(fail("QUANTITY_NOT_POSITIVE", [...f, "quantity"]));
    const processable = eli.quantity - eli.processedQuantity - (eliProcess.get(eli) ?? 0);
    if (e.quantity > processable)
      return void errors.push(
        fail("PROCESS_QUANTITY_EXCEEDS", [...f, "quantity"], {
          quantity: e.quantity,
          processable,
          id: eli.id,
        }),
      );
    eliProcess.set(eli, (eliProcess.get(eli) ?? 0) + e.quantity);
  });
  const issue = input.financialTransfer?.issueRefund ?? null;
  if (rliProcess.size === 0 && eliProcess.size === 0 && !issue && errors.length === 0)
    errors.push(fail("PROCESS_NOTHING", ["input"]));
  if (
    input.refundShipping &&
    !issue &&
    (input.refundShipping.fullRefund || input.refundShipping.shippingRefundAmount)
  )
    errors.push(fail("REFUND_SHIPPING_WITHOUT_TRANSFER", ["input", "refundShipping"]));

  // 2. Money.
  let plan: RefundPlan | null = null;
  let settleLines: Array<[ReturnLineItemRec, number]> = [];
  let settleExchanges: Array<[ExchangeLineItemRec, number]> = [];
  if (issue) {
    const f = ["input", "financialTransfer", "issueRefund"];
    const txs: RefundPlan["transactions"] = [];
    const usedOnParent = new Map<string, number>();
    issue.orderTransactions.forEach((t, i) => {
      const tf = [...f, "orderTransactions", String(i)];
      const parent = getNode<TransactionRec>(shop, t.parentId, "OrderTransaction");
      if (!parent || parent.orderId !== order.id)
        return void errors.push(
          fail("TRANSACTION_NOT_FOUND", [...tf, "parentId"], { id: t.parentId }),
        );
      if (!isPaymentTx(parent))
        return void errors.push(
          fail("TRANSACTION_NOT_REFUNDABLE_KIND", [...tf, "parentId"], {
            id: parent.id,
            kind: parent.kind,
            status: parent.status,
          }),
        );
      const amount = orderMoney(order, t.transactionAmount, [...tf, "transactionAmount"], errors);
      if (amount === null) return;
      if (amount <= 0)
        return void errors.push(
          fail("REFUND_AMOUNT_NOT_POSITIVE", [...tf, "transactionAmount", "amount"]),
        );
      const remaining = transactionRemaining(shop, parent) - (usedOnParent.get(parent.id) ?? 0);
      if (amount > remaining)
        return void errors.push(
          fail("REFUND_EXCEEDS_TRANSACTION", [...tf, "transactionAmount", "amount"], {
            amount: t.transactionAmount.amount,
            remaining,
            id: parent.id,
          }),
        );
      usedOnParent.set(parent.id, (usedOnParent.get(parent.id) ?? 0) + amount);
      txs.push({ parent, amount });
    });
    const storeCredit: RefundPlan["storeCredit"] = [];
    (issue.refundMethods ?? []).forEach((m, i) => {
      const mf = [...f, "refundMethods", String(i), "storeCreditRefund"];
      if (!m.storeCreditRefund) return;
      if (!order.customerId) return void errors.push(fail("STORE_CREDIT_NO_CUSTOMER", mf));
      const amount = orderMoney(order, m.storeCreditRefund.amount, [...mf, "amount"], errors);
      if (amount === null) return;
      if (amount <= 0)
        return void errors.push(fail("REFUND_AMOUNT_NOT_POSITIVE", [...mf, "amount", "amount"]));
      storeCredit.push({
        amount,
        expiresAt: m.storeCreditRefund.expiresAt
          ? isoNow(new Date(m.storeCreditRefund.expiresAt))
          : null,
      });
    });
    let shippingAmount: number | null = null;
    const rs = input.refundShipping;
    if (rs?.shippingRefundAmount) {
      shippingAmount = orderMoney(
        order,
        rs.shippingRefundAmount,
        ["input", "refundShipping", "shippingRefundAmount"],
        errors,
      );
      const remaining = shippingRemaining(shop, order);
      if (shippingAmount !== null && shippingAmount > remaining) {
        errors.push(
          fail("SHIPPING_REFUND_EXCEEDS", ["input", "refundShipping", "shippingRefundAmount"], {
            amount: rs.shippingRefundAmount.amount,
            remaining,
          }),
        );
      }
    }
    // Everything processed (before or now) and not yet settled by a refund is settled now.
    settleLines = returnLines(ctx, ret)
      .map((l): [ReturnLineItemRec, number] => [
        l,
        l.processedQuantity + (rliProcess.get(l) ?? 0) - l.refundedQuantity,
      ])
      .filter(([, q]) => q > 0);
    settleExchanges = exchangeLines(ctx, ret)
      .map((e): [ExchangeLineItemRec, number] => [
        e,
        e.processedQuantity + (eliProcess.get(e) ?? 0) - e.settledQuantity,
      ])
      .filter(([, q]) => q > 0);
    const outcome = computeOutcome(shop, order, {
      lines: settleLines.map(([l, q]): OutcomeReturnLine => ({
        line: lineOfFli(ctx, l.fulfillmentLineItemId),
        quantity: q,
        restockingFeePercentage: l.restockingFeePercentage,
      })),
      exchanges: settleExchanges.map(([e, q]): OutcomeExchangeLine => ({
        unitPrice: e.unitPrice,
        quantity: q,
        discount: scaleDiscount(e, q),
      })),
      returnShippingFees: ret.feesSettled ? 0 : ret.shippingFees.reduce((s, x) => s + x.amount, 0),
      shippingRefundAmount: shippingAmount,
      fullShippingRefund: Boolean(rs?.fullRefund),
      allocation: "ORIGINAL_PAYMENT_METHODS",
    });
    const total =
      txs.reduce((s, t) => s + t.amount, 0) + storeCredit.reduce((s, c) => s + c.amount, 0);
    // Shopify's documented cap is what the order can still give back (captured minus
    // refunded, `maximumRefundable`), not what this return is worth: an app that sends a
    // second refund for the same goods is NOT stopped here. The stricter per-return cap is
    // an opt-in (BEHAVIOUR.returnRefundCap) so tests can't lean on it by accident.
    const refundable = ctx.strictReturnRefundCap
      ? Math.max(0, Math.min(outcome.net, outcome.maximumRefundable))
      : Math.max(0, outcome.maximumRefundable);
    if (total > refundable && !issue.allowOverRefunding) {
      errors.push(fail("REFUND_EXCEEDS_REFUNDABLE", f, { amount: total, refundable }));
    }
    if (errors.length === 0) {
      const restockedLocation = (rli: ReturnLineItemRec): string | null => {
        const fromNow = dispositions.find(
          (d) => d.line.returnLineItemId === rli.id && d.type === "RESTOCKED",
        );
        if (fromNow?.location) return fromNow.location.id;
        for (const rfo of rfosOf(ctx, ret))
          for (const l of rfoLines(ctx, rfo))
            if (l.returnLineItemId === rli.id) {
              const d = l.dispositionRecs.find((x) => x.type === "RESTOCKED");
              if (d) return d.locationId;
            }
        return null;
      };
      plan = {
        order,
        returnId: ret.id,
        lines: settleLines.map(([rli, q]) => {
          const li = lineOfFli(ctx, rli.fulfillmentLineItemId);
          const a = lineAmounts(order, li, q);
          const loc = restockedLocation(rli);
          // Restocking already happened through the disposition; the refund line only records it.
          return {
            lineItemId: li.id,
            quantity: q,
            restockType: loc ? "RETURN" : "NO_RESTOCK",
            locationId: loc,
            subtotal: a.subtotal,
            tax: a.tax,
            restocked: false,
          };
        }),
        shipping: outcome.shippingRefund,
        transactions: txs,
        storeCredit,
        note: input.note ?? null,
        processedAt: null,
      };
    }
  }
  if (errors.length) return bad(errors);

  // 3. Apply.
  for (const [rli, q] of rliProcess) rli.processedQuantity += q;
  if (dispositions.length) applyDispositions(ctx, dispositions);
  for (const [eli, q] of eliProcess) {
    processExchange(ctx, order, eli, q);
    eli.processedQuantity += q;
  }
  if (plan) {
    const refund = executeRefund(ctx, plan);
    ret.refundIds.push(refund.id);
    for (const [rli, q] of settleLines) rli.refundedQuantity += q;
    for (const [eli, q] of settleExchanges) eli.settledQuantity += q;
    ret.feesSettled = true;
  }
  touchReturn(ctx, ret);
  emitReturn(ctx, "returns/process", ret);
  if (ctx.autoCloseOnProcess && isFullyProcessed(ctx, ret)) closeReturn(ctx, ret);
  else orderUpdated(ctx, order);
  return ok(ret);
}

/** The part of an exchange line's applied discount that belongs to q of its units. */
export function scaleDiscount(e: ExchangeLineItemRec, q: number): ExchangeDiscount {
  if (!e.discount) return null;
  if ("percentage" in e.discount) return { percentage: e.discount.percentage };
  return {
    amount: mulDivRound(Math.min(e.discount.amount, e.unitPrice * e.quantity), q, e.quantity),
  };
}

// ---------------------------------------------------------------------------------------------
// refundCreate
// ---------------------------------------------------------------------------------------------

export interface RefundCreateInput {
  orderId: string;
  refundLineItems?: Array<{
    lineItemId: string;
    quantity: number;
    restockType?: string | null;
    locationId?: string | null;
  }> | null;
  shipping?: { amount?: unknown; fullRefund?: boolean | null } | null;
  transactions?: Array<{
    orderId: string;
    parentId?: string | null;
    kind: string;
    gateway: string;
    amount: unknown;
  }> | null;
  refundMethods?: Array<{
    storeCreditRefund?: { amount: MoneyInputValue; expiresAt?: string | null } | null;
  }> | null;
  currency?: string | null;
  note?: string | null;
  notify?: boolean | null;
  allowOverRefunding?: boolean | null;
  processedAt?: string | null;
  refundDuties?: unknown[] | null;
}

export function refundCreate(ctx: OpsContext, input: RefundCreateInput): OpResult<RefundRec> {
  const shop = ctx.shop;
  const order = getNode<OrderRec>(shop, input.orderId, "Order");
  if (!order) return bad([fail("REFUND_ORDER_NOT_FOUND", ["orderId"])]);
  const errors: RaisedError[] = [];
  const shopCurrency = shop.info.currencyCode;
  if (input.currency && input.currency !== order.currency)
    errors.push(
      fail("REFUND_CURRENCY_MISMATCH", ["currency"], {
        currency: input.currency,
        presentment: order.currency,
      }),
    );
  else if (!input.currency && order.currency !== shopCurrency)
    errors.push(
      fail("REFUND_CURRENCY_REQUIRED", ["currency"], {
        presentment: order.currency,
        shop: shopCurrency,
      }),
    );

  const lines: RefundPlan["lines"] = [];
  const lineQty = new Map<string, number>();
  (input.refundLineItems ?? []).forEach((l, i) => {
    const f = ["refundLineItems", String(i)];
    const li = getNode<LineItemRec>(shop, l.lineItemId, "LineItem");
    if (!li || li.orderId !== order.id)
      return void errors.push(
        fail("REFUND_LINE_ITEM_NOT_FOUND", [...f, "lineItemId"], { id: l.lineItemId }),
      );
    const refunded = order.refundIds.reduce(
      (s, rid) =>
        s +
        (shop.nodes.get(rid) as RefundRec).lines
          .filter((x) => x.lineItemId === li.id)
          .reduce((t, x) => t + x.quantity, 0),
      0,
    );
    const refundable = li.quantity - refunded - (lineQty.get(li.id) ?? 0);
    if (!(l.quantity > 0) || l.quantity > refundable)
      return void errors.push(
        fail("REFUND_LINE_QUANTITY_INVALID", [...f, "quantity"], {
          quantity: l.quantity,
          refundable,
          id: li.id,
        }),
      );
    const restockType = (l.restockType ?? "NO_RESTOCK") as RefundLineItemRec["restockType"];
    if (restockType === "LEGACY_RESTOCK")
      return void errors.push(fail("REFUND_LEGACY_RESTOCK", [...f, "restockType"]));
    let locationId: string | null = null;
    if (l.locationId) {
      const loc = getNode<LocationRec>(shop, l.locationId, "Location");
      if (!loc)
        return void errors.push(
          fail("REFUND_LOCATION_NOT_FOUND", [...f, "locationId"], { id: l.locationId }),
        );
      locationId = loc.id;
    }
    const restocked = restockType === "RETURN" || restockType === "CANCEL";
    if (restocked && !locationId) locationId = shop.locations[0]?.id ?? null;
    lineQty.set(li.id, (lineQty.get(li.id) ?? 0) + l.quantity);
    const a = lineAmounts(order, li, l.quantity);
    lines.push({
      lineItemId: li.id,
      quantity: l.quantity,
      restockType,
      locationId,
      subtotal: a.subtotal,
      tax: a.tax,
      restocked,
    });
  });

  let shipping = 0;
  if (input.shipping) {
    const remaining = shippingRemaining(shop, order);
    if (input.shipping.amount !== undefined && input.shipping.amount !== null) {
      const m = toMinor(input.shipping.amount, order.currency);
      if (m === null || m < 0)
        errors.push(
          fail("REFUND_AMOUNT_INVALID", ["shipping", "amount"], { amount: input.shipping.amount }),
        );
      else if (m > remaining)
        errors.push(
          fail("REFUND_SHIPPING_EXCEEDS", ["shipping", "amount"], {
            amount: input.shipping.amount,
            remaining,
          }),
        );
      else shipping = m;
    } else if (input.shipping.fullRefund) shipping = remaining;
  }

  const txs: RefundPlan["transactions"] = [];
  const used = new Map<string, number>();
  (input.transactions ?? []).forEach((t, i) => {
    const f = ["transactions", String(i)];
    if (t.kind !== "REFUND")
      return void errors.push(fail("REFUND_TRANSACTION_KIND", [...f, "kind"]));
    if (t.orderId !== order.id)
      return void errors.push(
        fail("REFUND_TRANSACTION_ORDER", [...f, "orderId"], { id: t.orderId }),
      );
    const parent = t.parentId
      ? getNode<TransactionRec>(shop, t.parentId, "OrderTransaction")
      : null;
    if (!parent || parent.orderId !== order.id)
      return void errors.push(
        fail("REFUND_PARENT_NOT_FOUND", [...f, "parentId"], { id: t.parentId ?? "(none)" }),
      );
    if (!isPaymentTx(parent))
      return void errors.push(fail("REFUND_PARENT_KIND", [...f, "parentId"], { id: parent.id }));
    if (t.gateway !== parent.gateway)
      return void errors.push(
        fail("REFUND_GATEWAY_MISMATCH", [...f, "gateway"], {
          gateway: t.gateway,
          expected: parent.gateway,
        }),
      );
    const amount = toMinor(t.amount, order.currency);
    if (amount === null || amount <= 0)
      return void errors.push(
        fail("REFUND_AMOUNT_INVALID", [...f, "amount"], { amount: t.amount }),
      );
    const remaining = transactionRemaining(shop, parent) - (used.get(parent.id) ?? 0);
    if (amount > remaining)
      return void errors.push(
        fail("REFUND_EXCEEDS_PARENT", [...f, "amount"], {
          amount: t.amount,
          remaining,
          id: parent.id,
        }),
      );
    used.set(parent.id, (used.get(parent.id) ?? 0) + amount);
    txs.push({ parent, amount });
  });

  const storeCredit: RefundPlan["storeCredit"] = [];
  (input.refundMethods ?? []).forEach((m, i) => {
    const f = ["refundMethods", String(i), "storeCreditRefund"];
    if (!m.storeCreditRefund) return;
    if (!order.customerId) return void errors.push(fail("REFUND_STORE_CREDIT_NO_CUSTOMER", f));
    if (m.storeCreditRefund.amount.currencyCode !== order.currency)
      return void errors.push(
        fail("REFUND_STORE_CREDIT_CURRENCY", [...f, "amount", "currencyCode"], {
          currency: m.storeCreditRefund.amount.currencyCode,
          presentment: order.currency,
        }),
      );
    const amount = toMinor(m.storeCreditRefund.amount.amount, order.currency);
    if (amount === null || amount <= 0)
      return void errors.push(
        fail("REFUND_AMOUNT_INVALID", [...f, "amount", "amount"], {
          amount: m.storeCreditRefund.amount.amount,
        }),
      );
    storeCredit.push({
      amount,
      expiresAt: m.storeCreditRefund.expiresAt
        ? isoNow(new Date(m.storeCreditRefund.expiresAt))
        : null,
    });
  });

  const total =
    txs.reduce((s, t) => s + t.amount, 0) + storeCredit.reduce((s, c) => s + c.amount, 0);
  const refundable = maximumRefundable(shop, order);
  if (total > refundable && !input.allowOverRefunding)
    errors.push(fail("REFUND_EXCEEDS_ORDER", [], { amount: total, refundable }));
  if (errors.length) return bad(errors);

  const refund = executeRefund(ctx, {
    order,
    returnId: null,
    lines,
    shipping,
    transactions: txs,
    storeCredit,
    note: input.note ?? null,
    processedAt: input.processedAt ? isoNow(new Date(input.processedAt)) : null,
  });
  orderUpdated(ctx, order);
  return ok(refund);
}

// ---------------------------------------------------------------------------------------------
// Store credit and gift cards
// ---------------------------------------------------------------------------------------------

export function storeCreditAccountCredit(
  ctx: OpsContext,
  id: string,
  input: { creditAmount: MoneyInputValue; expiresAt?: string | null; notify?: boolean | null },
): OpResult<StoreCreditTxRec> {
  const shop = ctx.shop;
  const type = parseGid(id)?.type;
  let customer: CustomerRec | null = null;
  let account: StoreCreditAccountRec | null = null;
  if (type === "StoreCreditAccount") {
    account = getNode<StoreCreditAccountRec>(shop, id, "StoreCreditAccount");
    if (!account) return bad([fail("SC_ACCOUNT_NOT_FOUND", ["id"])]);
    customer = shop.nodes.get(account.customerId) as CustomerRec;
  } else {
    customer = type === "Customer" ? getNode<CustomerRec>(shop, id, "Customer") : null;
    if (!customer) return bad([fail("SC_OWNER_NOT_FOUND", ["id"])]);
  }
  const currency = input.creditAmount.currencyCode;
  if (!shop.info.presentmentCurrencies[currency])
    return bad([
      fail("SC_UNSUPPORTED_CURRENCY", ["creditInput", "creditAmount", "currencyCode"], {
        currency,
      }),
    ]);
  if (account && account.currency !== currency)
    return bad([fail("SC_MISMATCHING_CURRENCY", ["creditInput", "creditAmount", "currencyCode"])]);
  const amount = toMinor(input.creditAmount.amount, currency);
  if (amount === null)
    return bad([
      fail("SC_INVALID_AMOUNT", ["creditInput", "creditAmount", "amount"], {
        amount: input.creditAmount.amount,
        currency,
      }),
    ]);
  if (amount <= 0)
    return bad([fail("SC_NEGATIVE_OR_ZERO", ["creditInput", "creditAmount", "amount"])]);
  let expiresAt: string | null = null;
  if (input.expiresAt) {
    const t = new Date(input.expiresAt);
    if (t.getTime() <= ctx.now().getTime())
      return bad([fail("SC_EXPIRES_IN_PAST", ["creditInput", "expiresAt"])]);
    expiresAt = isoNow(t);
  }
  return ok(creditStoreCredit(ctx, customer, currency, amount, expiresAt, "ADJUSTMENT", null));
}

export function giftCardCreate(
  ctx: OpsContext,
  input: {
    initialAmount?: MoneyInputValue | null;
    initialValue?: unknown;
    code?: string | null;
    customerId?: string | null;
    expiresOn?: string | null;
    note?: string | null;
  },
): OpResult<{ giftCard: GiftCardRec; code: string }> {
  const shop = ctx.shop;
  let currency = shop.info.currencyCode;
  let amountRaw: unknown;
  if (input.initialAmount) {
    currency = input.initialAmount.currencyCode;
    amountRaw = input.initialAmount.amount;
  } else if (input.initialValue !== undefined && input.initialValue !== null) {
    amountRaw = input.initialValue;
  } else return bad([fail("GC_AMOUNT_MISSING", ["input", "initialAmount"])]);
  if (!shop.info.presentmentCurrencies[currency])
    return bad([
      fail("GC_CURRENCY_INVALID", ["input", "initialAmount", "currencyCode"], { currency }),
    ]);
  const amount = toMinor(amountRaw, currency);
  if (amount === null || amount <= 0)
    return bad([fail("GC_AMOUNT_INVALID", ["input", "initialAmount", "amount"])]);
  if (amount > 1_000_000 * 10 ** currencyDecimals(currency))
    return bad([fail("GC_LIMIT_EXCEEDED", ["input", "initialAmount", "amount"])]);
  let code = input.code?.trim() ?? "";
  if (code) {
    if (code.length < 8) return bad([fail("GC_CODE_TOO_SHORT", ["input", "code"])]);
    if (code.length > 20) return bad([fail("GC_CODE_TOO_LONG", ["input", "code"])]);
    if (!/^[A-Za-z0-9]+$/.test(code)) return bad([fail("GC_CODE_INVALID", ["input", "code"])]);
    if (shop.giftCards.some((g) => g.code.toLowerCase() === code.toLowerCase()))
      return bad([fail("GC_CODE_TAKEN", ["input", "code"])]);
  } else {
    do code = shop.rng.hex(16).toUpperCase();
    while (shop.giftCards.some((g) => g.code === code));
  }
  let customerId: string | null = null;
  if (input.customerId) {
    const c = getNode<CustomerRec>(shop, input.customerId, "Customer");
    if (!c) return bad([fail("GC_CUSTOMER_NOT_FOUND", ["input", "customerId"])]);
    customerId = c.id;
  }
  const now = nowIso(ctx);
  const gc = register<GiftCardRec>(shop, {
    __typename: "GiftCard",
    id: nextGid(shop, "GiftCard"),
    code,
    currency,
    initialMinor: amount,
    balanceMinor: amount,
    customerId,
    orderId: null,
    expiresOn: input.expiresOn ?? null,
    note: input.note ?? null,
    enabled: true,
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  });
  shop.giftCards.push(gc);
  return ok({ giftCard: gc, code });
}
