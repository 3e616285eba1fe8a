/**
 * Processing a return: refund to the original payments, store credit (with expiry),
 * exchange lines — one `returnProcess` call — plus the store-credit bonus. Money moves
 * exactly once however often, and however concurrently, "refund" is clicked:
 *
 * - the step is claimed in RefundAttempt (unique per return and stage) before the call;
 *   only the winner calls Shopify, the others are told it is in progress or done;
 * - the amounts come from Shopify's suggestedFinancialOutcome and must agree with our own
 *   calculation (app/domain/refund.ts); a mismatch flags the return and moves nothing;
 * - a lost answer is never answered by sending again: the Return is re-read, and the
 *   reconciliation job settles what stays unknown.
 */
import {
  giftCardPayout,
  calculateReturn,
  compareWithShopify,
  type ReturnPolicy,
  type ShopifySuggestedOutcome,
  type OrderSnapshot,
} from "~/domain";
import { ShopifyApiError, ShopifyOutcomeUnknownError, ShopifyUserErrors } from "~/shopify/errors";
import { fromMinorUnits, toMinorUnits } from "~/shopify/money";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import {
  creditStoreCredit,
  fetchReturn,
  fetchSuggestedOutcome,
  processReturn as shopifyProcess,
  type ShopifyReturn,
} from "~/shopify/returns.server";
import { fetchVariantsForExchange } from "~/shopify/variants.server";
import { claimAttempt, renewClaim, settleAttempt, type Claim } from "./attempts.server";
import { claimGiftCard, deliverGiftCard } from "./gift-card.server";
import { ReturnsError, fromShopifyError, wordError, type ReturnsContext } from "./context.server";
import { loadPolicyFor } from "./policy.server";
import { applyTransition, assertAllowed, flagForAttention, recordEvent, requireReturn, type ActorRef, type ReturnRecord } from "./return-records.server";
import { syncShopifyLineIds, updateRefundEta } from "./return-lifecycle.server";

/** Shopify shows the return as processed (some items processed or a refund made). */
export function isProcessedInShopify(r: ShopifyReturn): boolean {
  return r.returnLineItems.nodes.some((n) => (n.processedQuantity ?? 0) > 0) || r.refunds.nodes.length > 0;
}

type SuggestedOutcome = NonNullable<Awaited<ReturnType<typeof fetchSuggestedOutcome>>>;

/** Shopify's suggestion in the domain's terms (presentment minor units). */
export function toDomainOutcome(s: SuggestedOutcome, currency: string): ShopifySuggestedOutcome {
  const minor = (amount: string) => toMinorUnits(amount, currency);
  const transfer = s.financialTransfer;
  return {
    currency: s.discountedSubtotal.presentmentMoney.currencyCode,
    maximumRefundable: minor(s.maximumRefundable.presentmentMoney.amount),
    discountedSubtotal: minor(s.discountedSubtotal.presentmentMoney.amount),
    totalTax: minor(s.totalTax.presentmentMoney.amount),
    totalAdditionalFees: minor(s.totalAdditionalFees.presentmentMoney.amount),
    totalCartDiscountAmount: minor(s.totalCartDiscountAmount.presentmentMoney.amount),
    shipping: minor(s.shipping.amountSet.presentmentMoney.amount),
    financialTransfer: !transfer
      ? null
      : transfer.__typename === "RefundReturnOutcome"
        ? {
            kind: "REFUND",
            amount: minor(transfer.amount.presentmentMoney.amount),
            suggestedTransactions: transfer.suggestedTransactions
              .filter((t) => t.parentTransaction)
              .map((t) => ({ parentId: t.parentTransaction!.id, amount: minor(t.amountSet.presentmentMoney.amount) })),
            suggestedStoreCredit: transfer.suggestedRefundMethods.reduce((a, m) => a + minor(m.amount.presentmentMoney.amount), 0) || null,
          }
        : { kind: "INVOICE", amount: minor(transfer.amount.presentmentMoney.amount) },
  };
}

/** Our calculation for everything on the return, with the prices of the exchange variants. */
async function ourCalculation(ctx: ReturnsContext, ret: ReturnRecord, order: OrderSnapshot, policy: ReturnPolicy) {
  const exchange = ret.lines.filter((l) => l.resolution === "EXCHANGE" && l.exchangeVariantId);
  const variants = await fetchVariantsForExchange(ctx.admin, [...new Set(exchange.map((l) => l.exchangeVariantId!))]);
  return calculateReturn({
    order,
    policy,
    lines: ret.lines.map((l) => ({
      lineItemId: l.lineItemId!,
      fulfillmentLineItemId: l.fulfillmentLineItemId,
      quantity: l.quantity,
      resolution: l.resolution as never,
      restockingFeePercent: l.restockingFeePercent,
    })),
    exchangeLines: exchange.map((l) => {
      const v = variants.get(l.exchangeVariantId!);
      const original = order.lineItems.find((li) => li.id === l.lineItemId);
      const unitPrice = v && v.currency === order.currency ? v.price : (original?.originalUnitPrice ?? 0);
      return { variantId: l.exchangeVariantId!, quantity: l.quantity, unitPrice };
    }),
    returnShippingFees: ret.returnShippingFee > 0 ? [ret.returnShippingFee] : [],
    returnMethod: ret.method as never,
    processedAt: ctx.now(),
  });
}

export interface ProcessResult {
  status: "PROCESSED" | "ALREADY_PROCESSED";
  ret: ReturnRecord;
}

export async function processReturn(ctx: ReturnsContext, id: string, actor: ActorRef): Promise<ProcessResult> {
  let ret = await requireReturn(ctx, id);
  if (ret.status === "PROCESSED" || ret.status === "CLOSED") return { status: "ALREADY_PROCESSED", ret };
  assertAllowed(ret, "process");
  if (!ret.shopifyReturnId) throw new ReturnsError("NEEDS_ATTENTION", "refund.notLinked");

  const claim = await claimAttempt(ctx, ret.id, "PROCESS", { by: actor });
  if (!claim.won) return settleLosingClaim(ctx, ret, claim.status, actor);
  let giftClaim: Claim | null = null;

  try {
    if (ret.lines.some((l) => !l.shopifyReturnLineItemId || (l.resolution === "EXCHANGE" && !l.shopifyExchangeLineItemId))) {
      await syncShopifyLineIds(ctx, ret);
      ret = await requireReturn(ctx, id);
    }
    const [order, policy, current] = await Promise.all([
      fetchOrderSnapshot(ctx.admin, ret.orderId),
      // The policy the return was requested under, not today's.
      loadPolicyFor(ctx.db, ctx.shop.id, ret.policyVersion),
      fetchReturn(ctx.admin, ret.shopifyReturnId!),
    ]);
    if (!current) throw new ReturnsError("NEEDS_ATTENTION", "refund.shopifyReturnGone");
    if (isProcessedInShopify(current)) {
      // Processed in Shopify's admin (or by a call whose answer was lost): adopt it.
      await settleAttempt(ctx, claim, "SUCCEEDED", { via: "already processed in Shopify" });
      return { status: "ALREADY_PROCESSED", ret: await markProcessed(ctx, ret, actor, { adopted: true }) };
    }

    const ours = await ourCalculation(ctx, ret, order, policy);
    const returnLineItems = ret.lines.map((l) => ({ id: l.shopifyReturnLineItemId!, quantity: l.quantity }));
    const exchangeLineItems = ret.lines
      .filter((l) => l.resolution === "EXCHANGE" && l.shopifyExchangeLineItemId)
      .map((l) => ({ id: l.shopifyExchangeLineItemId!, quantity: l.quantity }));
    const suggested = await fetchSuggestedOutcome(ctx.admin, {
      id: ret.shopifyReturnId!,
      returnLineItems,
      exchangeLineItems,
      allocation: "ORIGINAL_PAYMENT_METHODS",
    });
    if (!suggested) throw new ReturnsError("NEEDS_ATTENTION", "refund.noSuggestion");
    const comparison = compareWithShopify(ours, toDomainOutcome(suggested, ret.currency));
    const settlement = ours.settlement;
    const blockers: { key: "refund.blocker.disagree" | "refund.blocker.overPayments" }[] = [];
    if (!comparison.agrees) blockers.push({ key: "refund.blocker.disagree" });
    if (settlement.originalPayment.unallocated > 0) blockers.push({ key: "refund.blocker.overPayments" });
    // Gift returns: nothing goes to the buyer. Shopify's returnProcess would refund the
    // order's payments or credit the order's customer (the buyer), so the return is processed
    // without a financial transfer and the whole payout becomes the recipient's gift card
    // (app/services/gift-card.server.ts).
    const gift = ret.gift ? giftCardPayout(settlement) : null;
    if (blockers.length) {
      const english = blockers.map((b) => wordError(b.key, "en"));
      await settleAttempt(ctx, claim, "FAILED", { blockers: english, differences: comparison.differences });
      await flagForAttention(ctx, ret.id, `Not refunded: ${english.join("; ")}. Check the amounts.`, { differences: comparison.differences });
      throw new ReturnsError("NEEDS_ATTENTION", { key: "refund.blocked", values: { reasons: blockers } }, comparison.differences);
    }

    const money = (amount: number) => ({ amount: fromMinorUnits(amount, ret.currency), currencyCode: ret.currency as never });
    const refundTotal = gift ? 0 : settlement.originalPayment.amount + settlement.storeCredit.amount;
    const input = {
      returnId: ret.shopifyReturnId!,
      returnLineItems,
      exchangeLineItems,
      notifyCustomer: false,
      ...(refundTotal > 0
        ? {
            financialTransfer: {
              issueRefund: {
                orderTransactions: settlement.originalPayment.transactions
                  .filter((t) => t.amount > 0)
                  .map((t) => ({ parentId: t.parentId, transactionAmount: money(t.amount) })),
                refundMethods:
                  settlement.storeCredit.amount > 0
                    ? [{ storeCreditRefund: { amount: money(settlement.storeCredit.amount), ...(settlement.storeCredit.expiresAt ? { expiresAt: settlement.storeCredit.expiresAt } : {}) } }]
                    : [],
              },
            },
          }
        : {}),
    };
    await ctx.db.refundAttempt.update({
      where: { id: claim.attemptId },
      data: { request: JSON.stringify({ input, gateways: settlement.originalPayment.transactions.map((t) => t.gateway) }) },
    });

    // The recipient's card is claimed before the return is processed: after a crash past
    // this point, reconciliation finds the claim and issues the card (never twice).
    giftClaim = gift && gift.amount > 0 ? await claimGiftCard(ctx, ret.id, { amount: gift.amount, currency: ret.currency, expiresOn: gift.expiresOn }) : null;
    if (giftClaim && !giftClaim.won && giftClaim.status !== "SUCCEEDED") {
      throw new ReturnsError("IN_PROGRESS", "busy.giftCard");
    }

    await renewClaim(ctx, claim); // the fence: only the current holder sends
    try {
      const processed = await shopifyProcess(ctx.admin, input);
      await settleAttempt(ctx, claim, "SUCCEEDED", { refunds: processed.refunds.nodes.map((r) => r.id) });
    } catch (error) {
      if (error instanceof ShopifyOutcomeUnknownError) {
        await settleAttempt(ctx, claim, "UNKNOWN", { error: error.message });
        const reread = await fetchReturn(ctx.admin, ret.shopifyReturnId!).catch(() => null);
        if (reread && isProcessedInShopify(reread)) {
          await settleAttempt(ctx, claim, "SUCCEEDED", { via: "re-read after lost answer" });
        } else {
          await flagForAttention(ctx, ret.id, "Shopify did not confirm the refund. It will be checked automatically; nothing will be refunded twice.");
          throw new ReturnsError("NEEDS_ATTENTION", "refund.unconfirmed");
        }
      } else {
        await settleAttempt(ctx, claim, "FAILED", { error: error instanceof Error ? error.message : String(error) });
        if (error instanceof ShopifyUserErrors) await flagForAttention(ctx, ret.id, `Shopify refused the refund: ${error.message}`);
        throw fromShopifyError(error, "what.process");
      }
    }

    ret = await markProcessed(ctx, ret, actor, {
      // A gift return pays the buyer nothing (so no refund or credit e-mail goes to them).
      refund: gift ? 0 : settlement.originalPayment.amount,
      storeCredit: gift ? 0 : settlement.storeCredit.amount,
      ...(gift ? { giftCard: gift.amount } : {}),
      exchange: settlement.exchange.exchangeTotal,
      invoice: settlement.invoice,
    });
    await ctx.db.returnRequest.updateMany({
      where: { id: ret.id },
      data: {
        // A gift return's payout is the recipient's card: store credit in kind, none of it refunded.
        refundAmount: gift ? 0 : settlement.originalPayment.amount,
        storeCreditAmount: gift ? gift.amount - gift.bonus : settlement.storeCredit.amount,
        bonusCreditAmount: settlement.storeCredit.bonus,
        paymentGateways: JSON.stringify([...new Set(settlement.originalPayment.transactions.map((t) => t.gateway))]),
      },
    });
    if (settlement.invoice > 0) {
      await flagForAttention(ctx, ret.id, `The shopper owes ${fromMinorUnits(settlement.invoice, ret.currency)} ${ret.currency} for the exchange.`);
    }
    if (giftClaim?.won) await deliverGiftCard(ctx, giftClaim);
    else if (!gift && settlement.storeCredit.bonus > 0) await issueBonusCredit(ctx, ret.id, settlement.storeCredit.bonus, settlement.storeCredit.expiresAt);
    return { status: "PROCESSED", ret: await requireReturn(ctx, ret.id) };
  } catch (error) {
    // Anything that stopped us before the Shopify call: nothing moved, free the claim.
    const attempt = await ctx.db.refundAttempt.findUnique({ where: { id: claim.attemptId } });
    if (attempt?.status === "PENDING") await settleAttempt(ctx, claim, "FAILED", { error: error instanceof Error ? error.message : String(error) });
    // Processing definitely did not happen: the recipient's card is not due (yet).
    if (giftClaim?.won && (attempt?.status === "PENDING" || attempt?.status === "FAILED")) await releaseGiftClaim(ctx, giftClaim);
    if (error instanceof ReturnsError) throw error;
    if (error instanceof ShopifyApiError) throw fromShopifyError(error, "what.process");
    throw error;
  }
}

/** A gift card claim whose return was not processed: free it so the next processing claims it again. */
async function releaseGiftClaim(ctx: ReturnsContext, giftClaim: Claim) {
  await ctx.db.refundAttempt.updateMany({
    where: { id: giftClaim.attemptId, status: "PENDING", leaseToken: giftClaim.token },
    data: { status: "FAILED", leaseToken: null, leaseUntil: null, outcome: JSON.stringify({ via: "the return was not processed" }), updatedAt: ctx.now() },
  });
}

/** Another caller holds or held the PROCESS step. */
async function settleLosingClaim(ctx: ReturnsContext, ret: ReturnRecord, status: string, actor: ActorRef): Promise<ProcessResult> {
  if (status === "SUCCEEDED") {
    // The refund went through; make sure the local status says so (crash after the call).
    return { status: "ALREADY_PROCESSED", ret: await markProcessed(ctx, ret, actor, { repaired: true }) };
  }
  throw new ReturnsError(
    "IN_PROGRESS",
    status === "UNKNOWN" ? "busy.refundUnconfirmed" : "busy.refunding",
  );
}

async function markProcessed(ctx: ReturnsContext, ret: ReturnRecord, actor: ActorRef, event: Record<string, unknown>) {
  const fresh = await requireReturn(ctx, ret.id);
  if (fresh.status !== "PROCESSED" && fresh.status !== "CLOSED") {
    await applyTransition(ctx, fresh, "process", actor, { event, data: { needsAttention: false, attentionReason: null } });
  }
  await updateRefundEta(ctx, ret.id);
  return requireReturn(ctx, ret.id);
}

/** The store-credit bonus, once. storeCreditAccountCredit has no idempotency key: a lost answer is flagged, not resent. */
export async function issueBonusCredit(ctx: ReturnsContext, returnId: string, amount: number, expiresAt: string | null) {
  const ret = await requireReturn(ctx, returnId);
  if (!ret.customerId) {
    await flagForAttention(ctx, ret.id, "The store-credit bonus needs a customer account; none is linked to this order.");
    return;
  }
  const claim = await claimAttempt(ctx, ret.id, "STORE_CREDIT_BONUS", { amount, expiresAt });
  if (!claim.won) return;
  try {
    await renewClaim(ctx, claim);
    const tx = await creditStoreCredit(ctx.admin, ret.customerId, {
      creditAmount: { amount: fromMinorUnits(amount, ret.currency), currencyCode: ret.currency as never },
      ...(expiresAt ? { expiresAt } : {}),
    });
    await settleAttempt(ctx, claim, "SUCCEEDED", { transactionId: tx.id });
    await recordEvent(ctx.db, ret, "bonus_credit", { type: "SYSTEM" }, { amount, expiresAt });
  } catch (error) {
    const unknown = error instanceof ShopifyOutcomeUnknownError;
    await settleAttempt(ctx, claim, unknown ? "UNKNOWN" : "FAILED", { error: String(error) });
    await flagForAttention(
      ctx,
      ret.id,
      unknown
        ? "Shopify did not confirm the store-credit bonus; check the customer's store credit before issuing it again."
        : `The store-credit bonus was not issued: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
