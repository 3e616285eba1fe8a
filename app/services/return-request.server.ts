/**
 * A shopper (or staff on their behalf) asks for a return.
 *
 * 1. Re-check everything on the server against a fresh read of the order: eligibility,
 *    quantities (including this app's open requests Shopify doesn't know yet), resolutions,
 *    consent, return method, exchange stock.
 * 2. Save the request (status REQUESTED, RMA number, lines, amounts, event) BEFORE any
 *    Shopify call: nothing accepted is lost if Shopify is down.
 * 3. Write it to Shopify: refund and store-credit returns → `returnRequest` (a REQUESTED
 *    Shopify return). A request with any exchange line stays in the app until approval,
 *    when `returnCreate` creates it with the exchange lines (Shopify has no way to add
 *    exchanges to a requested return, platform §1.8). One Shopify return per RMA.
 * 4. Auto-approve when the shop's rules say so.
 */
import {
  calculateReturn,
  checkExchangeChoice,
  evaluateAutoApprove,
  evaluateEligibility,
  formatRma,
  orderTotal,
  restockingFeePercentFor,
  returnMethodOptions,
  returnWeightGrams,
  validateReturnRequest,
  type ExchangeLineInput,
  type OrderSnapshot,
  type Resolution,
  type ReturnMethod,
  type ReturnPolicy,
} from "~/domain";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { fetchOrderReturns, fetchReturn, requestReturn as shopifyRequestReturn } from "~/shopify/returns.server";
import { fetchVariantsForExchange } from "~/shopify/variants.server";
import { fromMinorUnits } from "~/shopify/money";
import { ShopifyApiError, ShopifyOutcomeUnknownError } from "~/shopify/errors";
import { newStatusToken } from "./status-token.server";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "./context.server";
import { loadPolicy } from "./policy.server";
import { flagForAttention, recordEvent, requireReturn, type ActorRef, type ReturnRecord } from "./return-records.server";
import { approveReturn, updateRefundEta } from "./return-lifecycle.server";

export interface RequestedReturnLine {
  fulfillmentLineItemId: string;
  quantity: number;
  resolution: Resolution;
  reasonDefinitionId?: string | null;
  reasonHandle?: string | null;
  note?: string | null;
  exchangeVariantId?: string | null;
}

export interface ReturnRequestInput {
  orderId: string;
  method: ReturnMethod;
  lines: RequestedReturnLine[];
  storeCreditConsent?: boolean;
  euWithdrawal?: boolean;
  locale?: string | null;
  customer?: { id: string | null; email: string | null; name?: string | null } | null;
}

/** Units in this app's open requests that Shopify does not reflect yet (not sent to Shopify). */
async function pendingQuantities(ctx: ReturnsContext, orderId: string): Promise<Record<string, number>> {
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

async function customerReturnDates(ctx: ReturnsContext, customer: ReturnRequestInput["customer"]): Promise<string[]> {
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
async function exchangeLinesFor(
  ctx: ReturnsContext,
  policy: ReturnPolicy,
  order: OrderSnapshot,
  lines: RequestedReturnLine[],
  lineItemOf: (fulfillmentLineItemId: string) => string,
): Promise<(ExchangeLineInput & { title: string | null })[]> {
  const wanted = lines.filter((l) => l.resolution === "EXCHANGE");
  if (wanted.length === 0) return [];
  const missing = wanted.find((l) => !l.exchangeVariantId);
  if (missing) throw new ReturnsError("INVALID_INPUT", "Choose the item you want in exchange.", { fulfillmentLineItemId: missing.fulfillmentLineItemId });
  // The returned items' own variants come along, to compare prices for even swaps.
  const originals = wanted
    .map((l) => order.lineItems.find((li) => li.id === lineItemOf(l.fulfillmentLineItemId))?.variantId)
    .filter((v): v is string => !!v);
  const variants = await fetchVariantsForExchange(ctx.admin, [...new Set([...wanted.map((l) => l.exchangeVariantId!), ...originals])]);
  return wanted.map((l) => {
    const variant = variants.get(l.exchangeVariantId!);
    if (!variant) throw new ReturnsError("INVALID_INPUT", "The item chosen in exchange does not exist.", { variantId: l.exchangeVariantId });
    if (variant.available < l.quantity) {
      throw new ReturnsError("NOT_ELIGIBLE", `${variant.displayName} is out of stock. Choose another size or colour, or a refund.`, {
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
        "For orders paid in another currency, exchanges are available for items of the same price only. Choose another size or colour at the same price, or a refund.",
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
        problem === "EXCHANGE_OTHER_PRODUCT"
          ? "An exchange is for another size or colour of the same item. Choose one of those, or a refund."
          : "The item chosen in exchange costs more than the item returned. Choose one that costs the same or less, or a refund.",
        { code: problem, fulfillmentLineItemId: l.fulfillmentLineItemId, variantId: variant.id },
      );
    }
    return { variantId: variant.id, quantity: l.quantity, unitPrice, title: variant.displayName };
  });
}

export interface RequestedReturnSummary {
  id: string;
  rmaNumber: string;
  status: string;
  statusToken: string;
  autoApproved: boolean;
}

export async function requestReturn(
  ctx: ReturnsContext,
  input: ReturnRequestInput,
  actor: ActorRef = { type: "SHOPPER" },
): Promise<RequestedReturnSummary> {
  const now = ctx.now();
  const [order, policy] = await Promise.all([
    fetchOrderSnapshot(ctx.admin, input.orderId).catch((e) => {
      throw fromShopifyError(e, "read the order");
    }),
    loadPolicy(ctx.db, ctx.shop.id),
  ]);
  const customer = input.customer ?? (order.customer ? { id: order.customer.id, email: order.customer.email ?? order.email ?? null } : null);
  const [pending, returnDates] = await Promise.all([pendingQuantities(ctx, order.id), customerReturnDates(ctx, customer)]);

  const eligibility = evaluateEligibility({
    order,
    policy,
    now,
    timeZone: ctx.shop.timezone ?? "UTC",
    pendingQuantities: pending,
    customerReturnDates: returnDates,
  });
  const validation = validateReturnRequest(
    eligibility,
    input.lines.map((l) => ({
      fulfillmentLineItemId: l.fulfillmentLineItemId,
      quantity: l.quantity,
      resolution: l.resolution,
      storeCreditConsent: input.storeCreditConsent,
    })),
  );
  if (!validation.ok) {
    throw new ReturnsError("NOT_ELIGIBLE", "Some of the items can't be returned as asked.", validation.errors);
  }

  const byFulfillmentLine = new Map(eligibility.lines.filter((l) => l.fulfillmentLineItemId).map((l) => [l.fulfillmentLineItemId!, l]));
  const lineItemOf = (id: string) => byFulfillmentLine.get(id)!.lineItemId;
  const exchangeLines = await exchangeLinesFor(ctx, policy, order, input.lines, lineItemOf);

  // Return method: must be offered for this weight, value and mix of resolutions.
  const resolutions = input.lines.map((l) => l.resolution);
  const weight = returnWeightGrams(order, input.lines.map((l) => ({ lineItemId: lineItemOf(l.fulfillmentLineItemId), quantity: l.quantity })));
  const preview = calculateReturn({
    order,
    policy,
    lines: input.lines.map((l) => ({
      lineItemId: lineItemOf(l.fulfillmentLineItemId),
      fulfillmentLineItemId: l.fulfillmentLineItemId,
      quantity: l.quantity,
      resolution: l.resolution,
      restockingFeePercent: restockingFeePercentFor(policy, { reasonHandle: l.reasonHandle ?? null, resolution: l.resolution }),
    })),
    exchangeLines,
    returnMethod: input.method,
    processedAt: now,
  });
  const methods = returnMethodOptions(policy, { currency: order.currency, totalGrams: weight, returnValue: preview.itemsSubtotal, resolutions });
  const chosen = methods.find((m) => m.method === input.method);
  if (!chosen?.available) {
    throw new ReturnsError("NOT_ELIGIBLE", "This return method isn't available for these items.", {
      method: input.method,
      reason: chosen?.unavailableReason ?? "UNKNOWN_METHOD",
    });
  }
  const required = methods.find((m) => m.required);
  if (required && required.method !== input.method) {
    throw new ReturnsError("NOT_ELIGIBLE", "These items are too heavy to send from a service point; choose home pickup.", {
      method: input.method,
      required: required.method,
    });
  }

  const euWithdrawal = input.euWithdrawal === true || input.lines.some((l) => byFulfillmentLine.get(l.fulfillmentLineItemId)?.viaEuWithdrawal);
  const lineItems = new Map(order.lineItems.map((li) => [li.id, li]));

  // Save first. The RMA sequence is taken in the same transaction.
  const saved = await ctx.db.$transaction(async (tx) => {
    const shop = await tx.shop.update({ where: { id: ctx.shop.id }, data: { nextRmaNumber: { increment: 1 } } });
    const rmaNumber = formatRma(shop.rmaPrefix, shop.nextRmaNumber - 1);
    const created = await tx.returnRequest.create({
      data: {
        shopId: ctx.shop.id,
        rmaNumber,
        status: "REQUESTED",
        orderId: order.id,
        orderName: order.name,
        customerId: customer?.id ?? null,
        customerEmail: customer?.email?.toLowerCase() ?? null,
        customerName: input.customer?.name ?? null,
        locale: input.locale ?? null,
        method: input.method,
        currency: order.currency,
        refundAmount: preview.settlement.originalPayment.amount,
        storeCreditAmount: preview.settlement.storeCredit.amount,
        bonusCreditAmount: preview.settlement.storeCredit.bonus,
        exchangeAmount: preview.exchangeTotal,
        restockingFeeAmount: preview.restockingFees,
        returnShippingFee: preview.returnShippingFees,
        paymentGateways: JSON.stringify([
          ...new Set(order.transactions.filter((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS").map((t) => t.gateway)),
        ]),
        storeCreditConsent: input.storeCreditConsent === true,
        euWithdrawal,
        statusToken: newStatusToken(),
        requestedAt: now,
        lines: {
          create: input.lines.map((l) => {
            const li = lineItems.get(lineItemOf(l.fulfillmentLineItemId))!;
            const calc = preview.lines.find((c) => c.fulfillmentLineItemId === l.fulfillmentLineItemId);
            return {
              shopId: ctx.shop.id,
              fulfillmentLineItemId: l.fulfillmentLineItemId,
              lineItemId: li.id,
              productId: li.productId,
              variantId: li.variantId,
              title: li.title,
              variantTitle: li.variantTitle,
              sku: li.sku,
              quantity: l.quantity,
              unitPrice: calc && l.quantity > 0 ? Math.round(calc.subtotal / l.quantity) : li.originalUnitPrice,
              reasonDefinitionId: l.reasonDefinitionId ?? null,
              reasonHandle: l.reasonHandle ?? null,
              customerNote: l.note?.slice(0, 300) ?? null,
              resolution: l.resolution,
              exchangeVariantId: l.exchangeVariantId ?? null,
              exchangeVariantTitle: exchangeLines.find((e) => e.variantId === l.exchangeVariantId)?.title ?? null,
              restockingFeePercent: calc?.restockingFeePercent ?? 0,
            };
          }),
        },
      },
      include: { lines: true },
    });
    await recordEvent(tx, created, "request", actor, {
      lines: input.lines.length,
      method: input.method,
      amounts: { refund: created.refundAmount, storeCredit: created.storeCreditAmount, exchange: created.exchangeAmount },
    });
    return created;
  });

  const ret = await requireReturn(ctx, saved.id);
  if (!ret.lines.some((l) => l.resolution === "EXCHANGE")) {
    await sendRequestToShopify(ctx, ret, policy);
  }

  const decision = evaluateAutoApprove(policy.autoApprove.rules, {
    currency: order.currency,
    orderTotal: orderTotal(order),
    returnValue: preview.itemsSubtotal,
    reasonHandles: input.lines.map((l) => l.reasonHandle ?? null),
    resolutions,
    returnMethod: input.method,
    customerTags: order.customer?.tags ?? [],
    orderTags: order.tags,
    customerReturnDates: returnDates,
    now,
    isEuWithdrawal: euWithdrawal,
    allLinesEligible: true,
  });
  let autoApproved = false;
  if (decision.approve) {
    try {
      await approveReturn(ctx, ret.id, { type: "SYSTEM", id: `rule:${decision.ruleId}` });
      await ctx.db.returnRequest.updateMany({ where: { id: ret.id }, data: { autoApproved: true } });
      autoApproved = true;
    } catch (error) {
      // The request itself is saved; a failed auto-approval leaves it for staff.
      await flagForAttention(ctx, ret.id, "Auto-approval failed; approve by hand.", { error: String(error) });
    }
  }
  if (!autoApproved) await updateRefundEta(ctx, ret.id);
  const final = await requireReturn(ctx, ret.id);
  return { id: final.id, rmaNumber: final.rmaNumber, status: final.status, statusToken: final.statusToken, autoApproved };
}

/** `returnRequest` for a saved request; links the Shopify return, or flags the request. */
export async function sendRequestToShopify(ctx: ReturnsContext, ret: ReturnRecord, policy?: ReturnPolicy) {
  void policy;
  try {
    const created = await shopifyRequestReturn(ctx.admin, {
      orderId: ret.orderId,
      returnLineItems: ret.lines.map((l) => ({
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: l.quantity,
        ...(l.reasonDefinitionId ? { returnReasonDefinitionId: l.reasonDefinitionId } : {}),
        ...(l.customerNote ? { customerNote: l.customerNote.slice(0, 300) } : {}),
        ...(l.restockingFeePercent > 0 ? { restockingFee: { percentage: l.restockingFeePercent } } : {}),
      })),
      ...returnShippingFeeInput(ret),
    });
    await linkShopifyReturn(ctx, ret.id, created.id, created.name, created.status);
  } catch (error) {
    if (error instanceof ShopifyOutcomeUnknownError) {
      // It may have been created: look for it before anyone tries again.
      const linked = await linkOrphanedShopifyReturn(ctx, ret).catch(() => null);
      if (!linked) await flagForAttention(ctx, ret.id, "Shopify did not confirm the return request; the reconciliation job will link or resend it.");
      return;
    }
    if (error instanceof ShopifyApiError) {
      await flagForAttention(ctx, ret.id, `Shopify did not accept the return request: ${error.message}`);
      return;
    }
    throw error;
  }
}

/** The return's shipping fee as Shopify's `returnShippingFee` input (presentment currency), or nothing. */
export function returnShippingFeeInput(ret: Pick<ReturnRecord, "returnShippingFee" | "currency">) {
  if (ret.returnShippingFee <= 0) return {};
  return { returnShippingFee: { amount: { amount: fromMinorUnits(ret.returnShippingFee, ret.currency), currencyCode: ret.currency as never } } };
}

export async function linkShopifyReturn(ctx: ReturnsContext, returnId: string, shopifyReturnId: string, name: string | null, status: string | null) {
  await ctx.db.returnRequest.updateMany({
    where: { id: returnId, shopId: ctx.shop.id, shopifyReturnId: null },
    data: { shopifyReturnId, shopifyReturnName: name, shopifyStatus: status },
  });
  await recordEvent(ctx.db, { id: returnId, shopId: ctx.shop.id }, "linked", { type: "SYSTEM" }, { shopifyReturnId });
}

/**
 * After a crash or an unanswered call: finds the Shopify return on the order with exactly
 * this request's lines that no other local return claims, and links it.
 */
export async function linkOrphanedShopifyReturn(ctx: ReturnsContext, ret: ReturnRecord): Promise<string | null> {
  const candidates = await fetchOrderReturns(ctx.admin, ret.orderId);
  const claimed = new Set(
    (
      await ctx.db.returnRequest.findMany({
        where: { shopId: ctx.shop.id, orderId: ret.orderId, shopifyReturnId: { not: null } },
        select: { shopifyReturnId: true },
      })
    ).map((r) => r.shopifyReturnId),
  );
  const wanted = ret.lines
    .map((l) => `${l.fulfillmentLineItemId}:${l.quantity}`)
    .sort()
    .join(",");
  for (const candidate of candidates) {
    if (claimed.has(candidate.id)) continue;
    // Only returns made around or after this request (clock skew allowance of a minute).
    if (new Date(candidate.createdAt).getTime() < ret.requestedAt.getTime() - 60_000) continue;
    // Returns with more lines than the list query carries are read in full.
    const nodes = candidate.returnLineItems.pageInfo.hasNextPage
      ? ((await fetchReturn(ctx.admin, candidate.id))?.returnLineItems.nodes ?? [])
      : candidate.returnLineItems.nodes;
    const lines = nodes
      .map((n) => ("fulfillmentLineItem" in n && n.fulfillmentLineItem ? `${n.fulfillmentLineItem.id}:${n.quantity}` : ""))
      .sort()
      .join(",");
    if (lines === wanted) {
      await linkShopifyReturn(ctx, ret.id, candidate.id, null, candidate.status);
      return candidate.id;
    }
  }
  return null;
}
