/**
 * Keeps local state and Shopify in step. Shopify is the source of truth for what
 * happened to a return; the app adds finer steps Shopify can't see (received, inspected).
 *
 * - Webhooks (returns/*, refunds/create, reverse_*, orders/updated) are hints: they name a
 *   return or an order, and we re-fetch the Return and reconcile. Duplicates and
 *   out-of-order deliveries therefore converge on the same state.
 * - Returns created or changed in Shopify's own admin appear in the app.
 * - The reconciliation job repairs what a crash between a Shopify call and the local write
 *   left half done: unlinked requests, unsettled refund attempts, missed webhooks.
 */
import { calculateReturnTotals, formatRma, inferFromShopify, type ReturnStatus, type ShopifyReturnStatus } from "~/domain";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { ShopifyApiError } from "~/shopify/errors";
import { toMinorUnits } from "~/shopify/money";
import { fetchOrderReturns, fetchReturn, listRecentReturnIds, type ShopifyReturn } from "~/shopify/returns.server";
import { CLAIM_LEASE_MS, getAttempt, settleAttempt } from "./attempts.server";
import type { ReturnsContext } from "./context.server";
import { newStatusToken } from "./status-token.server";
import { flagForAttention, recordEvent, requireReturn } from "./return-records.server";
import { syncShopifyLineIds } from "./return-lifecycle.server";
import { isProcessedInShopify } from "./return-processing.server";
import { settleGiftCardStep } from "./gift-card.server";
import { MAX_REQUEST_REFUSALS, sendRequestToShopify } from "./return-request.server";
import { linkOrphanedShopifyReturn } from "./shopify-return-link.server";
import { enqueueTransitionEmails, notifyExchangesShipped } from "~/mail/step-emails.server";
import { findGid } from "./webhook-payloads";

const SHOPIFY_ACTOR = { type: "SHOPIFY" as const };

function factsOf(r: ShopifyReturn) {
  const rfos = r.reverseFulfillmentOrders.nodes;
  return {
    status: r.status as ShopifyReturnStatus,
    hasReverseDeliveryWithTracking: rfos.some((o) => o.reverseDeliveries.nodes.length > 0),
    allDisposed:
      rfos.length > 0 &&
      rfos.every((o) => o.lineItems.nodes.every((li) => li.dispositions.reduce((a, d) => a + d.quantity, 0) >= li.totalQuantity)),
    anyProcessed: isProcessedInShopify(r),
  };
}

/** A Shopify return the app has never seen (made in Shopify's admin or another channel). */
async function adoptShopifyReturn(ctx: ReturnsContext, r: ShopifyReturn) {
  const inferred = inferFromShopify({ ...factsOf(r), current: null });
  const lines = r.returnLineItems.nodes.flatMap((n) => ("fulfillmentLineItem" in n && n.fulfillmentLineItem ? [{ n, fli: n.fulfillmentLineItem }] : []));
  const currency = lines[0]?.fli.lineItem.originalUnitPriceSet.presentmentMoney.currencyCode ?? "XXX";
  // Who returned it and what it is worth, so the inbox shows it like the app's own returns.
  // Best effort: a return is adopted even when the order can't be read right now.
  const order = await fetchOrderSnapshot(ctx.admin, r.order.id).catch(() => null);
  let amounts = { refundAmount: 0, restockingFeeAmount: 0 };
  if (order) {
    try {
      const totals = calculateReturnTotals({
        order,
        lines: lines.map(({ n, fli }) => ({
          lineItemId: fli.lineItem.id,
          quantity: n.quantity,
          resolution: "REFUND" as const,
          restockingFeePercent: "restockingFee" in n && n.restockingFee ? n.restockingFee.percentage : 0,
        })),
        returnShippingFees: [],
      });
      amounts = { refundAmount: Math.max(0, totals.net), restockingFeeAmount: totals.restockingFees };
    } catch {
      /* amounts stay unknown (0) */
    }
  }
  return ctx.db.$transaction(async (tx) => {
    const shop = await tx.shop.update({ where: { id: ctx.shop.id }, data: { nextRmaNumber: { increment: 1 } } });
    const created = await tx.returnRequest.create({
      data: {
        shopId: ctx.shop.id,
        rmaNumber: formatRma(shop.rmaPrefix, shop.nextRmaNumber - 1),
        status: inferred.status,
        orderId: r.order.id,
        orderName: r.order.name,
        customerId: order?.customer?.id ?? null,
        customerEmail: (order?.customer?.email ?? order?.email ?? null)?.toLowerCase() ?? null,
        method: "DROP_OFF",
        currency,
        ...amounts,
        shopifyReturnId: r.id,
        shopifyReturnName: r.name,
        shopifyStatus: r.status,
        statusToken: newStatusToken(),
        requestedAt: new Date(r.createdAt),
        approvedAt: r.requestApprovedAt ? new Date(r.requestApprovedAt) : null,
        closedAt: r.closedAt ? new Date(r.closedAt) : null,
        declineReason: r.decline?.reason ?? null,
        declineNote: r.decline?.note ?? null,
        lines: {
          create: lines.map(({ n, fli }) => ({
            shopId: ctx.shop.id,
            fulfillmentLineItemId: fli.id,
            lineItemId: fli.lineItem.id,
            shopifyReturnLineItemId: n.id,
            productId: fli.lineItem.product?.id ?? null,
            title: fli.lineItem.title,
            variantTitle: fli.lineItem.variantTitle ?? null,
            sku: fli.lineItem.sku ?? null,
            quantity: n.quantity,
            unitPrice: toMinorUnits(fli.lineItem.originalUnitPriceSet.presentmentMoney.amount, currency),
            reasonDefinitionId: n.returnReasonDefinition?.id ?? null,
            reasonHandle: n.returnReasonDefinition?.handle ?? null,
            customerNote: n.customerNote ?? null,
            resolution: "REFUND",
            restockingFeePercent: "restockingFee" in n && n.restockingFee ? n.restockingFee.percentage : 0,
          })),
        },
      },
    });
    await recordEvent(tx, created, "adopted", SHOPIFY_ACTOR, { shopifyReturnId: r.id, status: inferred.status });
    return created.id;
  });
}

/** The holder's lease is over (rows from before leases existed: judged by their last update). */
function leaseExpired(attempt: { leaseUntil: Date | null; updatedAt: Date }, now: Date): boolean {
  return attempt.leaseUntil ? attempt.leaseUntil < now : attempt.updatedAt.getTime() < now.getTime() - CLAIM_LEASE_MS;
}

export type ReconcileOutcome = "CREATED" | "UPDATED" | "UNCHANGED" | "MISSING";

/** Re-reads one Shopify return and brings the local record in line. Safe to repeat. */
export async function reconcileReturn(ctx: ReturnsContext, shopifyReturnId: string): Promise<ReconcileOutcome> {
  // Webhooks of one return may be handled in parallel (several deliveries, several
  // instances), and a read of Shopify may be slow: a read older than the local state must
  // never be applied over it (CLOSED must not fall back to OPEN because one handler read
  // Shopify before the close). So the local version is read BEFORE Shopify, and the update
  // is conditional on it; if someone changed the return meanwhile, read both again.
  for (let round = 1; ; round++) {
    const outcome = await reconcileOnce(ctx, shopifyReturnId);
    if (outcome !== "STALE") return outcome;
    if (round >= 5) return "UNCHANGED"; // others keep changing it; the last writer read after us
  }
}

async function reconcileOnce(ctx: ReturnsContext, shopifyReturnId: string): Promise<ReconcileOutcome | "STALE"> {
  const versionBefore = (await ctx.db.returnRequest.findFirst({ where: { shopId: ctx.shop.id, shopifyReturnId }, select: { version: true } }))?.version;
  const r = await fetchReturn(ctx.admin, shopifyReturnId);
  if (!r) return "MISSING";
  let local = await ctx.db.returnRequest.findFirst({ where: { shopId: ctx.shop.id, shopifyReturnId }, include: { lines: true } });
  if (local && versionBefore !== undefined && local.version !== versionBefore) return "STALE";
  if (!local) {
    // One of ours whose link a crash lost? Otherwise a return made elsewhere.
    const unlinked = await ctx.db.returnRequest.findMany({
      where: { shopId: ctx.shop.id, orderId: r.order.id, shopifyReturnId: null },
      include: { lines: true },
    });
    for (const candidate of unlinked) {
      if ((await linkOrphanedShopifyReturn(ctx, candidate)) === shopifyReturnId) {
        local = await ctx.db.returnRequest.findFirst({ where: { id: candidate.id }, include: { lines: true } });
        break;
      }
    }
    if (!local) {
      // A concurrent delivery may have adopted it a moment ago; the unique index decides.
      try {
        await adoptShopifyReturn(ctx, r);
        return "CREATED";
      } catch (error) {
        if ((error as { code?: string }).code !== "P2002") throw error;
        return "UNCHANGED";
      }
    }
  }

  const facts = factsOf(r);
  const inferred = inferFromShopify({ ...facts, current: local.status as ReturnStatus });
  let changed = false;
  if (inferred.status !== local.status || local.shopifyStatus !== r.status) {
    const moved = inferred.status !== local.status;
    // A move made in Shopify's admin (approve, decline, close, refund) sends the shopper the same
    // step e-mail as one made in the app, in the same transaction; the outbox's key per return and
    // step keeps a duplicate webhook or a later reconciliation from queuing a second one.
    const updated = await ctx.db.$transaction(async (tx) => {
      const count = (
        await tx.returnRequest.updateMany({
          where: { id: local.id, version: local.version },
          data: {
            status: inferred.status,
            shopifyStatus: r.status,
            shopifyReturnName: r.name,
            version: { increment: 1 },
            ...(r.decline ? { declineReason: r.decline.reason, declineNote: r.decline.note ?? null } : {}),
            ...(moved ? stageStamp(inferred.status, ctx.now()) : {}),
          },
        })
      ).count;
      if (count && moved) {
        await recordEvent(tx, local, "synced", SHOPIFY_ACTOR, { from: local.status, to: inferred.status, why: inferred.explanation });
        await enqueueTransitionEmails(tx, ctx.shop.domain, local, inferred.status);
      }
      return count;
    });
    if (updated === 0) return "STALE"; // changed between our reads: judge again from a fresh read
    changed = true;
  }
  if (inferred.conflict) {
    await flagForAttention(ctx, local.id, `The app and Shopify disagree: ${inferred.explanation}`);
  }

  // A refund whose answer was lost: Shopify's state settles it.
  const attempt = await ctx.db.refundAttempt.findUnique({ where: { returnRequestId_stage: { returnRequestId: local.id, stage: "PROCESS" } } });
  if (attempt && (attempt.status === "UNKNOWN" || attempt.status === "PENDING") && facts.anyProcessed) {
    await settleAttempt(ctx, attempt.id, "SUCCEEDED", { via: "reconciliation" });
    await ctx.db.returnRequest.updateMany({ where: { id: local.id, needsAttention: true }, data: { needsAttention: false, attentionReason: null } });
    changed = true;
  }
  await syncShopifyLineIds(ctx, await requireReturn(ctx, local.id), r);
  return changed ? "UPDATED" : "UNCHANGED";
}

function stageStamp(status: ReturnStatus, now: Date) {
  const field: Partial<Record<ReturnStatus, string>> = {
    APPROVED: "approvedAt",
    DECLINED: "declinedAt",
    IN_TRANSIT: "inTransitAt",
    RECEIVED: "receivedAt",
    PROCESSED: "processedAt",
    CLOSED: "closedAt",
    CANCELED: "canceledAt",
  };
  return field[status] ? { [field[status]!]: now } : {};
}

/** Reconciles every Shopify return of an order (for order-level webhooks). */
export async function reconcileOrder(ctx: ReturnsContext, orderId: string) {
  for (const r of await fetchOrderReturns(ctx.admin, orderId)) await reconcileReturn(ctx, r.id);
}

export interface ReconciliationReport {
  shopifyReturns: number;
  created: number;
  updated: number;
  linkedOrResent: number;
  attemptsSettled: number;
}

/**
 * The reconciliation job for one shop: returns changed in Shopify since `since`, plus
 * everything the app left half done.
 */
export async function reconcileShop(ctx: ReturnsContext, since: Date): Promise<ReconciliationReport> {
  const report: ReconciliationReport = { shopifyReturns: 0, created: 0, updated: 0, linkedOrResent: 0, attemptsSettled: 0 };
  const ids = new Set(await listRecentReturnIds(ctx.admin, since.toISOString()));
  for (const local of await ctx.db.returnRequest.findMany({
    where: { shopId: ctx.shop.id, shopifyReturnId: { not: null }, OR: [{ needsAttention: true }, { updatedAt: { gte: since } }] },
    select: { shopifyReturnId: true },
  })) {
    ids.add(local.shopifyReturnId!);
  }
  for (const id of ids) {
    report.shopifyReturns++;
    const outcome = await reconcileReturn(ctx, id);
    if (outcome === "CREATED") report.created++;
    if (outcome === "UPDATED") report.updated++;
  }

  // Refund requests that never reached Shopify (not exchange requests: those wait for
  // approval). Each send is claimed (stage CREATE_RETURN, as approval's returnCreate), so two runs — on two instances, or
  // a run and the shopper's own request — never both send one; requests Shopify refused
  // MAX_REQUEST_REFUSALS times were flagged once and are left for a person.
  const graceMs = 60_000;
  const unlinked = await ctx.db.returnRequest.findMany({
    where: {
      shopId: ctx.shop.id,
      shopifyReturnId: null,
      status: "REQUESTED",
      requestedAt: { lt: new Date(ctx.now().getTime() - graceMs) },
      lines: { none: { resolution: "EXCHANGE" } },
      refundAttempts: { none: { stage: "CREATE_RETURN", failures: { gte: MAX_REQUEST_REFUSALS } } },
    },
    include: { lines: true },
  });
  for (const ret of unlinked) {
    const attempt = await getAttempt(ctx, ret.id, "CREATE_RETURN");
    if (attempt && (attempt.status === "PENDING" || attempt.status === "UNKNOWN")) {
      // Someone is sending it, or an answer was lost: only Shopify can tell, and only once
      // the lease is over may it be sent again.
      const linked = await linkOrphanedShopifyReturn(ctx, ret);
      if (linked) {
        await settleAttempt(ctx, attempt.id, "SUCCEEDED", { shopifyReturnId: linked, via: "reconciliation" });
        report.linkedOrResent++;
        continue;
      }
      if (!leaseExpired(attempt, ctx.now())) continue;
      await settleAttempt(ctx, attempt.id, "FAILED", { via: "reconciliation: not in Shopify after the lease" });
    }
    const linked = await linkOrphanedShopifyReturn(ctx, ret);
    if (!linked) await sendRequestToShopify(ctx, ret);
    report.linkedOrResent++;
  }

  // Money steps whose outcome is unknown, or whose holder's lease ran out mid-call.
  const attempts = await ctx.db.refundAttempt.findMany({
    where: {
      shopId: ctx.shop.id,
      OR: [{ status: "UNKNOWN" }, { status: "PENDING", OR: [{ leaseUntil: { lt: ctx.now() } }, { leaseUntil: null }] }],
    },
    include: { returnRequest: true },
  });
  for (const attempt of attempts) {
    const ret = attempt.returnRequest;
    if (!ret.shopifyReturnId) continue;
    const r = await fetchReturn(ctx.admin, ret.shopifyReturnId);
    if (!r) continue;
    const expired = leaseExpired(attempt, ctx.now());
    if (attempt.stage === "PROCESS" || attempt.stage === "CREATE_RETURN") {
      const done = attempt.stage === "PROCESS" ? isProcessedInShopify(r) : true;
      if (done) {
        await settleAttempt(ctx, attempt.id, "SUCCEEDED", { via: "reconciliation" });
        await reconcileReturn(ctx, r.id);
      } else if (expired) {
        // No trace in Shopify after the lease, which outlasts any call: it was not applied.
        // Free the step so it can be done again.
        await settleAttempt(ctx, attempt.id, "FAILED", { via: "reconciliation: not applied in Shopify" });
        await recordEvent(ctx.db, ret, "attempt_released", { type: "SYSTEM" }, { stage: attempt.stage });
      }
      report.attemptsSettled++;
    } else if (attempt.stage === "DISPOSE") {
      const disposed = factsOf(r).allDisposed;
      if (disposed || expired) {
        await settleAttempt(ctx, attempt.id, disposed ? "SUCCEEDED" : "FAILED", { via: "reconciliation" });
        report.attemptsSettled++;
      }
    } else if (attempt.stage === "GIFT_CARD") {
      // The card's code is derived from the return: issuing again finds the card if it exists.
      const result = await settleGiftCardStep(ctx, attempt, isProcessedInShopify(r));
      if (result !== "WAITING") report.attemptsSettled++;
    }
    // STORE_CREDIT_BONUS stays flagged for a person: Shopify can't tell us whether it happened.
  }
  return report;
}

/** For callers that must not fail (jobs, webhooks): Shopify outages are retried later. */
export async function reconcileShopSafely(ctx: ReturnsContext, since: Date) {
  try {
    return await reconcileShop(ctx, since);
  } catch (error) {
    if (error instanceof ShopifyApiError) return null;
    throw error;
  }
}

export const RETURN_WEBHOOK_TOPICS = [
  "returns/request",
  "returns/approve",
  "returns/decline",
  "returns/cancel",
  "returns/close",
  "returns/reopen",
  "returns/process",
  "returns/update",
] as const;

/**
 * What a returns-related webhook does: find the return or order it names and reconcile from
 * a fresh read. `onlyKnownOrders` (orders/updated fires for every order change) skips orders
 * the app has no returns for unless the payload mentions returns.
 */
export async function handleReturnsWebhook(ctx: ReturnsContext, topic: string, payload: unknown): Promise<void> {
  const returnId = findGid(payload, "Return");
  if (returnId) {
    await reconcileReturn(ctx, returnId);
    return;
  }
  if ((RETURN_WEBHOOK_TOPICS as readonly string[]).includes(topic)) return;
  const orderId = findGid(payload, "Order");
  if (!orderId) return;
  if (topic === "orders/updated") {
    const known = await ctx.db.returnRequest.count({ where: { shopId: ctx.shop.id, orderId } });
    if (!known && !JSON.stringify(payload).includes("return")) return;
  }
  await reconcileOrder(ctx, orderId);
  // An exchange's new item shipped: the shopper's e-mail with the tracking (once per return).
  if (topic === "orders/updated") await notifyExchangesShipped(ctx, orderId).catch((e: unknown) => console.error("exchange shipped e-mail:", e));
}
