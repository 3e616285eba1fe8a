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
  linesMissingPhotos,
  localDate,
  resolvePickup,
  orderTotal,
  restockingFeePercentFor,
  returnMethodOptions,
  returnWeightGrams,
  validateReturnRequest,
  type ExchangeLineInput,
  type OrderSnapshot,
  type Resolution,
  type ReturnMethod,
  type PickupRequest,
  type ReturnPolicy,
  giftLineProblems,
} from "~/domain";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { fetchReturnReasons, requestReturn as shopifyRequestReturn } from "~/shopify/returns.server";
import { fetchVariantsForExchange } from "~/shopify/variants.server";
import { ShopifyApiError, ShopifyOutcomeUnknownError, ShopifyUserErrors } from "~/shopify/errors";
import { claimAttempt, getAttempt, renewClaim, settleAttempt } from "./attempts.server";
import { linkOrphanedShopifyReturn, linkShopifyReturn, returnShippingFeeInput } from "./shopify-return-link.server";
import { newStatusToken } from "./status-token.server";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "./context.server";
import { loadCurrentPolicy } from "./policy.server";
import { flagForAttention, recordEvent, requireReturn, type ActorRef, type ReturnRecord } from "./return-records.server";
import { enqueueStepEmail } from "~/mail/step-emails.server";
import { approveReturn, updateRefundEta } from "./return-lifecycle.server";
import { savePhotos, type CleanedPhoto } from "./photos/photos.server";

export interface RequestedReturnLine {
  fulfillmentLineItemId: string;
  quantity: number;
  resolution: Resolution;
  reasonDefinitionId?: string | null;
  reasonHandle?: string | null;
  note?: string | null;
  exchangeVariantId?: string | null;
}

/** A line as a shopper's or staff member's form sends it: the reason as Shopify's definition id. */
export interface ReturnLineChoice {
  fulfillmentLineItemId: string;
  quantity: number;
  resolution: Resolution;
  reasonId?: string | null;
  note?: string | null;
  exchangeVariantId?: string | null;
}

/** The chosen lines with Shopify's return reasons resolved (an unknown reason id becomes none). */
export async function linesWithReasons(ctx: ReturnsContext, lines: readonly ReturnLineChoice[]): Promise<RequestedReturnLine[]> {
  const reasons = await fetchReturnReasons(ctx.admin).catch((e) => {
    throw fromShopifyError(e, "what.readReasons");
  });
  const byId = new Map(reasons.map((r) => [r.id, r]));
  return lines.map((l) => ({
    fulfillmentLineItemId: l.fulfillmentLineItemId,
    quantity: l.quantity,
    resolution: l.resolution,
    reasonDefinitionId: l.reasonId && byId.has(l.reasonId) ? l.reasonId : null,
    reasonHandle: l.reasonId ? (byId.get(l.reasonId)?.handle ?? null) : null,
    note: l.note,
    exchangeVariantId: l.exchangeVariantId,
  }));
}

export interface ReturnRequestInput {
  orderId: string;
  method: ReturnMethod;
  lines: RequestedReturnLine[];
  storeCreditConsent?: boolean;
  euWithdrawal?: boolean;
  locale?: string | null;
  customer?: { id: string | null; email: string | null; name?: string | null } | null;
  /**
   * Staff create the return (app/services/staff-return.server.ts). With `override`, the
   * policy rules staff may set aside (STAFF_OVERRIDABLE) no longer block; the reason, the
   * staff member and the time are stored on the return with the rules that were set aside.
   */
  staff?: { userId: string | null; override: { reason: string } | null } | null;
  /** A gift return: the recipient, who gets store credit or an exchange (never the buyer). */
  gift?: { recipientName: string | null; recipientEmail: string; addressLines?: string[]; byRecipient?: boolean } | null;
  /** Photos by fulfillment line item, already checked and cleaned (photos/photos.server.ts). */
  photos?: Map<string, CleanedPhoto[]>;
  /**
   * Home pickup details. A shopper's form sends them (null: none given) and a HOME_PICKUP
   * return then needs a valid window; undefined means the caller does not collect them.
   */
  pickup?: { addressLines?: string[]; dateFrom: string; dateTo: string } | null;
}

/** Shopper-side checks a plan does not make: a gift's resolutions, photos the reason needs, a pickup window. */
function checkShopperDetails(ctx: ReturnsContext, input: ReturnRequestInput, policy: ReturnPolicy, order: OrderSnapshot, now: Date): PickupRequest | null {
  // Every door (portal, staff): a gift return never refunds the buyer.
  const notForGift = input.gift ? giftLineProblems(input.lines) : [];
  if (notForGift.length > 0) {
    throw new ReturnsError("INVALID_INPUT", "gift.noRefund", {
      code: "GIFT_NO_REFUND",
      lines: notForGift.map((i) => input.lines[i]!.fulfillmentLineItemId),
    });
  }
  const missing = linesMissingPhotos(
    policy.photoRequiredReasonHandles,
    input.lines.map((l) => ({ ...l, photoCount: input.photos?.get(l.fulfillmentLineItemId)?.length ?? 0 })),
  );
  if (missing.length > 0) {
    throw new ReturnsError("INVALID_INPUT", "photo.required", {
      code: "PHOTO_REQUIRED",
      lines: missing.map((l) => l.fulfillmentLineItemId),
    });
  }
  if (input.method !== "HOME_PICKUP" || input.pickup === undefined) return null;
  const result = resolvePickup(input.pickup, order.shippingAddressLines, localDate(now, ctx.shop.timezone ?? "UTC"));
  if (!result.ok) throw new ReturnsError("INVALID_INPUT", `pickup.${result.problem}`, { code: `PICKUP_${result.problem}` });
  return result.pickup;
}

/** The return's customer as the order knows them; `given` fills only what the order lacks. */
export function customerFromOrder(order: OrderSnapshot, given?: ReturnRequestInput["customer"]) {
  const id = order.customer?.id ?? given?.id ?? null;
  const email = order.email ?? order.customer?.email ?? given?.email ?? null;
  const name = order.contactName ?? given?.name ?? null;
  if (!id && !email && !name) return null;
  return { id, email, name };
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

/** After this many refusals by Shopify, a request is flagged once and no longer re-sent. */
export const MAX_REQUEST_REFUSALS = 3;

export type SendOutcome = "SENT" | "LINKED" | "BUSY" | "UNKNOWN" | "REFUSED" | "GAVE_UP" | "FAILED";

/**
 * `returnRequest` for a saved request, claimed first (stage CREATE_RETURN) so two senders —
 * the shopper's request and a reconciliation run, or two instances' runs — never both send
 * it: a second Shopify return for one RMA would follow. A lost answer is settled by looking
 * for the return on the order, never by sending again while the claim's lease runs. A
 * request Shopify refuses is re-sent by reconciliation until MAX_REQUEST_REFUSALS, then
 * flagged once, with one event, and left for a person.
 */
export async function sendRequestToShopify(ctx: ReturnsContext, ret: ReturnRecord, policy?: ReturnPolicy): Promise<SendOutcome> {
  void policy;
  // The same stage as returnCreate on approval: one claim guards every way of creating this
  // RMA's Shopify return, so a reconciliation re-send and a staff approval can't both create one.
  const claim = await claimAttempt(ctx, ret.id, "CREATE_RETURN", { via: "returnRequest", lines: ret.lines.length });
  if (!claim.won) return "BUSY";
  try {
    // Linked meanwhile (a webhook, or a lost answer of an earlier send found later)?
    const fresh = await requireReturn(ctx, ret.id);
    if (fresh.shopifyReturnId) {
      await settleAttempt(ctx, claim, "SUCCEEDED", { shopifyReturnId: fresh.shopifyReturnId, via: "already linked" });
      return "LINKED";
    }
    if (fresh.status !== "REQUESTED") {
      await settleAttempt(ctx, claim, "FAILED", { via: `not sent: the return is ${fresh.status}` });
      return "FAILED";
    }
    await renewClaim(ctx, claim);
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
    await settleAttempt(ctx, claim, "SUCCEEDED", { shopifyReturnId: created.id });
    await linkShopifyReturn(ctx, ret.id, created.id, created.name, created.status);
    return "SENT";
  } catch (error) {
    if (error instanceof ShopifyOutcomeUnknownError) {
      // It may have been created: look for it. If it can't be found yet, the step stays
      // UNKNOWN (nobody re-sends) until reconciliation finds it or the lease runs out.
      await settleAttempt(ctx, claim, "UNKNOWN", { error: error.message });
      const linked = await linkOrphanedShopifyReturn(ctx, ret).catch(() => null);
      if (linked) {
        await settleAttempt(ctx, claim.attemptId, "SUCCEEDED", { shopifyReturnId: linked, via: "lookup after lost answer" });
        return "LINKED";
      }
      return "UNKNOWN";
    }
    if (error instanceof ShopifyUserErrors) {
      const previous = (await getAttempt(ctx, ret.id, "CREATE_RETURN"))?.failures ?? 0;
      const failures = previous + 1;
      await settleAttempt(ctx, claim, "FAILED", { error: error.message }, { failures });
      if (failures === MAX_REQUEST_REFUSALS) {
        await flagForAttention(ctx, ret.id, `Shopify refused the return request ${failures} times (${error.message}); it will not be sent again automatically.`, {
          refusals: failures,
        });
        return "GAVE_UP";
      }
      return "REFUSED";
    }
    if (error instanceof ShopifyApiError || error instanceof ReturnsError) {
      // Not sent, or refused before sending (a lost claim): free to try again later.
      await settleAttempt(ctx, claim, "FAILED", { error: error.message });
      return "FAILED";
    }
    await settleAttempt(ctx, claim, "FAILED", { error: String(error) });
    throw error;
  }
}
