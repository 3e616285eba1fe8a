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
 *
 * Beside this file: the request's input and shopper-side checks (return-request-input),
 * what planning reads besides the order (return-request-reads), and step 3's write to
 * Shopify, shared with reconciliation (return-request-send).
 */
import {
  calculateReturn,
  evaluateAutoApprove,
  evaluateEligibility,
  formatRma,
  orderTotal,
  restockingFeePercentFor,
  returnMethodOptions,
  returnWeightGrams,
  validateReturnRequest,
} from "~/domain";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { newStatusToken } from "./status-token.server";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "./context.server";
import { loadCurrentPolicy } from "./policy.server";
import { flagForAttention, recordEvent, requireReturn, type ActorRef } from "./return-records.server";
import { enqueueStepEmail } from "~/mail/step-emails.server";
import { approveReturn, updateRefundEta } from "./return-lifecycle.server";
import { savePhotos } from "./photos/photos.server";
import { checkShopperDetails, customerFromOrder, type ReturnRequestInput } from "./return-request-input.server";
import { customerReturnDates, exchangeLinesFor, pendingQuantities } from "./return-request-reads.server";
import { sendRequestToShopify } from "./return-request-send.server";

export {
  customerFromOrder,
  linesWithReasons,
  type RequestedReturnLine,
  type ReturnLineChoice,
  type ReturnRequestInput,
} from "./return-request-input.server";
export { MAX_REQUEST_REFUSALS, sendRequestToShopify, type SendOutcome } from "./return-request-send.server";

export interface RequestedReturnSummary {
  id: string;
  rmaNumber: string;
  status: string;
  statusToken: string;
  autoApproved: boolean;
}

/**
 * Everything a request decides before anything is saved: a fresh read of the order,
 * eligibility, validation, exchange prices and stock, the refund calculation and the return
 * method. The refund preview (return-preview.server.ts) runs exactly this, so what the
 * shopper is shown before "send" is what the request stores and processing pays.
 */
export async function planReturn(ctx: ReturnsContext, input: ReturnRequestInput) {
  const now = ctx.now();
  // Returns saved from here on are not in the order we are about to read (see the save below).
  const sequenceAtRead = (await ctx.db.shop.findUniqueOrThrow({ where: { id: ctx.shop.id }, select: { nextRmaNumber: true } })).nextRmaNumber;
  const [order, { policy, version: policyVersion }] = await Promise.all([
    fetchOrderSnapshot(ctx.admin, input.orderId).catch((e) => {
      throw fromShopifyError(e, "what.readOrder");
    }),
    loadCurrentPolicy(ctx.db, ctx.shop.id),
  ]);
  // Name and e-mail always come from the order (guests and logged-in shoppers alike); a
  // caller may only add what the order lacks.
  const customer = customerFromOrder(order, input.customer);
  const [pending, returnDates] = await Promise.all([pendingQuantities(ctx, order.id), customerReturnDates(ctx, customer)]);

  const eligibility = evaluateEligibility({
    order,
    policy,
    now,
    timeZone: ctx.shop.timezone ?? "UTC",
    pendingQuantities: pending,
    customerReturnDates: returnDates,
    staffOverride: Boolean(input.staff?.override),
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
    throw new ReturnsError("NOT_ELIGIBLE", "request.notEligible", validation.errors);
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
    throw new ReturnsError("NOT_ELIGIBLE", "method.unavailable", {
      method: input.method,
      reason: chosen?.unavailableReason ?? "UNKNOWN_METHOD",
    });
  }
  const required = methods.find((m) => m.required);
  if (required && required.method !== input.method) {
    throw new ReturnsError("NOT_ELIGIBLE", "method.tooHeavy", {
      method: input.method,
      required: required.method,
    });
  }

  return { now, order, policy, policyVersion, sequenceAtRead, customer, returnDates, byFulfillmentLine, lineItemOf, exchangeLines, resolutions, preview };
}

export async function requestReturn(
  ctx: ReturnsContext,
  input: ReturnRequestInput,
  actor: ActorRef = { type: "SHOPPER" },
): Promise<RequestedReturnSummary> {
  const { now, order, policy, policyVersion, sequenceAtRead, customer, returnDates, byFulfillmentLine, lineItemOf, exchangeLines, resolutions, preview } = await planReturn(ctx, input);
  const pickup = checkShopperDetails(ctx, input, policy, order, now);
  const euWithdrawal = input.euWithdrawal === true || input.lines.some((l) => byFulfillmentLine.get(l.fulfillmentLineItemId)?.viaEuWithdrawal);
  // The rules a staff override set aside on the lines asked for (none: nothing is recorded).
  const overridden = [...new Set(input.lines.flatMap((l) => byFulfillmentLine.get(l.fulfillmentLineItemId)?.overridden ?? []))];
  const override = input.staff?.override && overridden.length > 0 ? { reason: input.staff.override.reason, codes: overridden } : null;
  const lineItems = new Map(order.lineItems.map((li) => [li.id, li]));

  // Save first. The RMA sequence is taken in the same transaction; taking it locks the shop
  // row, so saves of one shop run one at a time.
  const saved = await ctx.db.$transaction(async (tx) => {
    const shop = await tx.shop.update({ where: { id: ctx.shop.id }, data: { nextRmaNumber: { increment: 1 } } });
    const sequence = shop.nextRmaNumber - 1;
    // A return of this order saved since our read (a double-click on "send", a second tab)
    // is in neither the order we read nor the pending quantities: count it now, under the
    // lock. The same request again gets the same RMA; one that no longer fits is refused.
    if (sequence > sequenceAtRead) {
      const between = Array.from({ length: Math.min(sequence - sequenceAtRead, 500) }, (_, i) => formatRma(shop.rmaPrefix, sequenceAtRead + i));
      const recent = await tx.returnRequest.findMany({
        where: { shopId: ctx.shop.id, orderId: order.id, rmaNumber: { in: between }, status: { notIn: ["DECLINED", "CANCELED"] } },
        include: { lines: true },
      });
      const signature = (lines: { fulfillmentLineItemId: string; quantity: number; resolution: string }[]) =>
        lines.map((l) => `${l.fulfillmentLineItemId}:${l.quantity}:${l.resolution}`).sort().join(",");
      const same = recent.find((r) => signature(r.lines) === signature(input.lines));
      // Answered with a value, not by throwing: on SQLite (one connection) a rollback would
      // also undo whatever other requests wrote meanwhile. The skipped RMA number is harmless.
      if (same) return { duplicateOf: same.id };
      const taken = new Map<string, number>();
      for (const l of recent.flatMap((r) => r.lines)) taken.set(l.fulfillmentLineItemId, (taken.get(l.fulfillmentLineItemId) ?? 0) + l.quantity);
      const over = input.lines.filter((l) => l.quantity + (taken.get(l.fulfillmentLineItemId) ?? 0) > (byFulfillmentLine.get(l.fulfillmentLineItemId)?.maxQuantity ?? 0));
      if (over.length > 0) return { alreadyRequested: over.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId, reason: "ALREADY_REQUESTED" })) };
    }
    const rmaNumber = formatRma(shop.rmaPrefix, sequence);
    const created = await tx.returnRequest.create({
      data: {
        shopId: ctx.shop.id,
        rmaNumber,
        status: "REQUESTED",
        orderId: order.id,
        orderName: order.name,
        customerId: customer?.id ?? null,
        customerEmail: customer?.email?.toLowerCase() ?? null,
        customerName: customer?.name ?? null,
        locale: input.locale ?? null,
        method: input.method,
        currency: order.currency,
        // Later steps use this version of the policy, whatever the merchant changes meanwhile.
        policyVersion: policyVersion || null,
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
        pickupAddress: pickup ? JSON.stringify(pickup.addressLines) : null,
        pickupDateFrom: pickup?.dateFrom ?? null,
        pickupDateTo: pickup?.dateTo ?? null,
        createdByStaff: input.staff ? (input.staff.userId ?? "staff") : null,
        ...(override
          ? { overrideReason: override.reason, overrideBy: input.staff?.userId ?? null, overrideAt: now, overrideCodes: JSON.stringify(override.codes) }
          : {}),
        ...(input.gift
          ? {
              gift: true,
              giftRecipientName: input.gift.recipientName,
              giftRecipientEmail: input.gift.recipientEmail.toLowerCase(),
              giftByRecipient: input.gift.byRecipient === true,
              giftAddress: input.gift.addressLines?.length ? JSON.stringify(input.gift.addressLines) : null,
            }
          : {}),
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
    const photos = input.photos ? await savePhotos(tx, created, input.photos) : 0;
    await recordEvent(tx, created, "request", actor, {
      lines: input.lines.length,
      ...(photos ? { photos } : {}),
      method: input.method,
      amounts: { refund: created.refundAmount, storeCredit: created.storeCreditAmount, exchange: created.exchangeAmount },
    });
    if (override) await recordEvent(tx, created, "override", actor, { reason: override.reason, codes: override.codes });
    // "We received your request" (slip and packing guide linked), in the same transaction.
    await enqueueStepEmail(tx, ctx.shop.domain, created, "request_received");
    return created;
  });
  if ("alreadyRequested" in saved) throw new ReturnsError("NOT_ELIGIBLE", "request.alreadyRequested", { lines: saved.alreadyRequested });
  if ("duplicateOf" in saved) {
    // The same request was just saved (a double-click): answer with that one, send nothing.
    const existing = await requireReturn(ctx, saved.duplicateOf);
    return { id: existing.id, rmaNumber: existing.rmaNumber, status: existing.status, statusToken: existing.statusToken, autoApproved: existing.autoApproved };
  }

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

