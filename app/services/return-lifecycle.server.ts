/**
 * The merchant's steps on a return, each written to Shopify's Return first and then applied
 * locally as a conditional status update. Each is idempotent: repeating a step that is
 * already done returns the return as it is; a Shopify call whose answer was lost is
 * settled by re-reading the Return, never by sending the mutation blindly again.
 * Processing (money) lives in return-processing.server.ts.
 */
import { refundEta, type RefundStage, type ReturnAction, type ReturnStatus } from "~/domain";
import type { ReverseFulfillmentOrderDispositionType } from "~/shopify/generated/admin.types";
import { ShopifyOutcomeUnknownError, ShopifyUserErrors } from "~/shopify/errors";
import {
  approveReturn as shopifyApprove,
  cancelReturn as shopifyCancel,
  closeReturn as shopifyClose,
  createReturn as shopifyCreate,
  createReverseDelivery,
  declineReturn as shopifyDecline,
  disposeItems,
  fetchReturn,
  reopenReturn as shopifyReopen,
  type ShopifyReturn,
} from "~/shopify/returns.server";
import { claimAttempt, renewClaim, settleAttempt } from "./attempts.server";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "./context.server";
import type { ShopifyStepKey } from "~/i18n/catalogs/errors";
import { loadPolicyFor } from "./policy.server";
import {
  applyTransition,
  assertAllowed,
  recordEvent,
  requireReturn,
  statusWord,
  type ActorRef,
  type ReturnRecord,
} from "./return-records.server";
import { linkOrphanedShopifyReturn, linkShopifyReturn, returnShippingFeeInput, settleLostCreate } from "./shopify-return-link.server";

/** Runs a Shopify step; on a refusal or a lost answer, checks whether it is done anyway. */
async function shopifyStep(
  ctx: ReturnsContext,
  shopifyReturnId: string,
  what: ShopifyStepKey,
  call: () => Promise<unknown>,
  isDone: (current: ShopifyReturn) => boolean,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ShopifyUserErrors || error instanceof ShopifyOutcomeUnknownError) {
      const current = await fetchReturn(ctx.admin, shopifyReturnId).catch(() => null);
      if (current && isDone(current)) return;
    }
    throw fromShopifyError(error, what);
  }
}

/** The return again, after a step; `reachedOrPast` tells whether a concurrent caller already did it. */
async function finish(ctx: ReturnsContext, id: string) {
  await updateRefundEta(ctx, id);
  return requireReturn(ctx, id);
}

async function transitionOrAccept(ctx: ReturnsContext, ret: ReturnRecord, action: ReturnAction, actor: ActorRef, options: Parameters<typeof applyTransition>[4] = {}) {
  const moved = await applyTransition(ctx, ret, action, actor, options);
  if (!moved) {
    // Someone else moved it meanwhile; fine if it is where this step leads.
    const now = await requireReturn(ctx, ret.id);
    const target = assertTarget(ret, action, options.anyProcessed);
    if (now.status !== target) {
      throw new ReturnsError("INVALID_STATE", { key: "state.changed", values: { status: statusWord(now.status) } });
    }
  }
}

function assertTarget(ret: ReturnRecord, action: ReturnAction, anyProcessed?: boolean): ReturnStatus {
  return assertAllowed(ret, action, anyProcessed);
}

/** Stores Shopify's ids for our lines (return line, reverse fulfillment order line, exchange line). */
export async function syncShopifyLineIds(ctx: ReturnsContext, ret: ReturnRecord, current?: ShopifyReturn | null) {
  if (!ret.shopifyReturnId) return;
  const shopify = current ?? (await fetchReturn(ctx.admin, ret.shopifyReturnId));
  if (!shopify) return;
  const returnLineByFli = new Map<string, string>();
  for (const n of shopify.returnLineItems.nodes) {
    if ("fulfillmentLineItem" in n && n.fulfillmentLineItem) returnLineByFli.set(n.fulfillmentLineItem.id, n.id);
  }
  const rfoLineByFli = new Map<string, string>();
  for (const rfo of shopify.reverseFulfillmentOrders.nodes) {
    for (const li of rfo.lineItems.nodes) if (li.fulfillmentLineItem) rfoLineByFli.set(li.fulfillmentLineItem.id, li.id);
  }
  const exchangeByVariant = new Map<string, string[]>();
  for (const x of shopify.exchangeLineItems.nodes) {
    if (!x.variantId) continue;
    exchangeByVariant.set(x.variantId, [...(exchangeByVariant.get(x.variantId) ?? []), x.id]);
  }
  for (const line of ret.lines) {
    const exchangeId = line.exchangeVariantId ? exchangeByVariant.get(line.exchangeVariantId)?.shift() : undefined;
    await ctx.db.returnLine.update({
      where: { id: line.id },
      data: {
        shopifyReturnLineItemId: returnLineByFli.get(line.fulfillmentLineItemId) ?? line.shopifyReturnLineItemId,
        rfoLineItemId: rfoLineByFli.get(line.fulfillmentLineItemId) ?? line.rfoLineItemId,
        shopifyExchangeLineItemId: exchangeId ?? line.shopifyExchangeLineItemId,
      },
    });
  }
}

// ---------------------------------------------------------------------------------------

/**
 * Creates the Shopify return (OPEN, with any exchange lines) for a request kept in the app,
 * exactly once: claimed in stage CREATE_RETURN, which also guards `returnRequest` sends and
 * declines of unlinked requests, so approve, decline and a reconciliation re-send can't
 * race each other into a second Shopify return or a declined RMA with an open return.
 * `open` is false when the return exists but may still be REQUESTED (sent by returnRequest).
 */
async function createOnShopify(ctx: ReturnsContext, ret: ReturnRecord): Promise<{ id: string; open: boolean }> {
  const claim = await claimAttempt(ctx, ret.id, "CREATE_RETURN", { via: "returnCreate", lines: ret.lines.length });
  if (!claim.won) {
    const linkedId = (await requireReturn(ctx, ret.id)).shopifyReturnId;
    if (linkedId) return { id: linkedId, open: false };
    if (claim.status === "UNKNOWN") {
      const linked = await linkOrphanedShopifyReturn(ctx, ret);
      if (linked) {
        await settleAttempt(ctx, claim.attemptId, "SUCCEEDED", { shopifyReturnId: linked, via: "lookup" });
        return { id: linked, open: false };
      }
    }
    throw new ReturnsError("IN_PROGRESS", "busy.creating");
  }
  try {
    // Holding the claim, look again: a decline or a send may have finished meanwhile.
    const fresh = await requireReturn(ctx, ret.id);
    if (fresh.shopifyReturnId) {
      await settleAttempt(ctx, claim, "SUCCEEDED", { shopifyReturnId: fresh.shopifyReturnId, via: "already linked" });
      return { id: fresh.shopifyReturnId, open: false };
    }
    if (fresh.status !== "REQUESTED") {
      throw new ReturnsError("INVALID_STATE", { key: "state.changed", values: { status: statusWord(fresh.status) } });
    }
    await renewClaim(ctx, claim);
    const created = await shopifyCreate(ctx.admin, {
      orderId: ret.orderId,
      requestedAt: ret.requestedAt.toISOString(),
      returnLineItems: ret.lines.map((l) => ({
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: l.quantity,
        ...(l.reasonDefinitionId ? { returnReasonDefinitionId: l.reasonDefinitionId } : {}),
        ...(l.customerNote ? { returnReasonNote: l.customerNote.slice(0, 255) } : {}),
        ...(l.restockingFeePercent > 0 ? { restockingFee: { percentage: l.restockingFeePercent } } : {}),
      })),
      exchangeLineItems: ret.lines
        .filter((l) => l.resolution === "EXCHANGE" && l.exchangeVariantId)
        .map((l) => ({ variantId: l.exchangeVariantId!, quantity: l.quantity })),
      ...returnShippingFeeInput(ret),
    });
    await settleAttempt(ctx, claim, "SUCCEEDED", { shopifyReturnId: created.id });
    await linkShopifyReturn(ctx, ret.id, created.id, created.name, created.status);
    return { id: created.id, open: true };
  } catch (error) {
    if (error instanceof ShopifyOutcomeUnknownError) {
      const linked = await settleLostCreate(ctx, claim, ret, error);
      if (linked) return { id: linked, open: true };
    } else {
      await settleAttempt(ctx, claim, "FAILED", { error: error instanceof Error ? error.message : String(error) });
    }
    throw fromShopifyError(error, "what.create");
  }
}

export async function approveReturn(ctx: ReturnsContext, id: string, actor: ActorRef) {
  let ret = await requireReturn(ctx, id);
  if (ret.status === "APPROVED") return ret;
  assertAllowed(ret, "approve");
  let shopifyId = ret.shopifyReturnId;
  let open = false;
  if (!shopifyId) {
    // A refund request whose returnRequest never reached Shopify may be there after all.
    if (!ret.lines.some((l) => l.resolution === "EXCHANGE")) shopifyId = await linkOrphanedShopifyReturn(ctx, ret).catch(() => null);
    if (!shopifyId) ({ id: shopifyId, open } = await createOnShopify(ctx, ret));
  }
  if (!open) {
    const target = shopifyId;
    await shopifyStep(ctx, target, "what.approve", () => shopifyApprove(ctx.admin, target), (r) => r.status === "OPEN");
  }
  ret = await requireReturn(ctx, id);
  if (ret.status === "APPROVED") return finish(ctx, id); // a concurrent approval got there first
  await transitionOrAccept(ctx, ret, "approve", actor);
  await syncShopifyLineIds(ctx, await requireReturn(ctx, id)).catch(() => undefined);
  return finish(ctx, id);
}

export type DeclineReason = "FINAL_SALE" | "RETURN_PERIOD_ENDED" | "OTHER";

export async function declineReturn(ctx: ReturnsContext, id: string, input: { reason: DeclineReason; note?: string | null }, actor: ActorRef) {
  let ret = await requireReturn(ctx, id);
  if (ret.status === "DECLINED") return ret;
  assertAllowed(ret, "decline");
  const note = input.note?.slice(0, 500) ?? null;
  const declined = { data: { declineReason: input.reason, declineNote: note }, event: { reason: input.reason } };
  if (!ret.shopifyReturnId) {
    // Not in Shopify yet: take the claim that guards creating it, so an approval (returnCreate)
    // or a re-send (returnRequest) can't create a Shopify return for a declined RMA.
    const claim = await claimAttempt(ctx, ret.id, "CREATE_RETURN", { via: "decline" });
    if (claim.won) {
      try {
        const fresh = await requireReturn(ctx, id);
        if (!fresh.shopifyReturnId) {
          await transitionOrAccept(ctx, fresh, "decline", actor, declined);
          return await finish(ctx, id);
        }
        ret = fresh;
      } finally {
        await settleAttempt(ctx, claim, "FAILED", { via: "decline: nothing created" });
      }
    } else {
      ret = await requireReturn(ctx, id);
      if (!ret.shopifyReturnId) throw new ReturnsError("IN_PROGRESS", "busy.sending");
    }
  }
  const shopifyId = ret.shopifyReturnId!;
  await shopifyStep(
    ctx,
    shopifyId,
    "what.decline",
    () => shopifyDecline(ctx.admin, { id: shopifyId, declineReason: input.reason, ...(note ? { declineNote: note } : {}), notifyCustomer: false }),
    (r) => r.status === "DECLINED",
  );
  await transitionOrAccept(ctx, ret, "decline", actor, declined);
  return finish(ctx, id);
}

export interface ShippingInput {
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  carrierName?: string | null;
  labelUrl?: string | null;
  /** The label URL is a temporary staged upload (app/services/labels/): send it to Shopify, don't keep it. */
  labelStaged?: boolean;
}

/** Attaches a label and/or tracking (reverseDeliveryCreateWithShipping): the parcel is on its way. */
export async function attachShipping(ctx: ReturnsContext, id: string, input: ShippingInput, actor: ActorRef) {
  let ret = await requireReturn(ctx, id);
  if (ret.status === "IN_TRANSIT") return ret;
  assertAllowed(ret, "ship");
  if (!input.trackingNumber && !input.labelUrl) throw new ReturnsError("INVALID_INPUT", "ship.trackingOrLabel");
  const shopifyId = ret.shopifyReturnId;
  if (!shopifyId) throw new ReturnsError("NEEDS_ATTENTION", "ship.notLinked");
  if (ret.lines.some((l) => !l.rfoLineItemId)) {
    await syncShopifyLineIds(ctx, ret);
    ret = await requireReturn(ctx, id);
  }
  const current = await fetchReturn(ctx.admin, shopifyId).catch((e) => {
    throw fromShopifyError(e, "what.readReturn");
  });
  const rfo = current?.reverseFulfillmentOrders.nodes[0];
  if (!rfo) throw new ReturnsError("NEEDS_ATTENTION", "ship.noReverseOrder");
  const alreadyShipped = rfo.reverseDeliveries.nodes.length > 0;
  if (!alreadyShipped) {
    await shopifyStep(
      ctx,
      shopifyId,
      "what.ship",
      () =>
        createReverseDelivery(ctx.admin, {
          rfoId: rfo.id,
          items: rfo.lineItems.nodes.map((li) => ({ reverseFulfillmentOrderLineItemId: li.id, quantity: li.totalQuantity })),
          ...(input.labelUrl ? { label: { fileUrl: input.labelUrl } } : {}),
          ...(input.trackingNumber || input.trackingUrl
            ? { tracking: { ...(input.trackingNumber ? { number: input.trackingNumber } : {}), ...(input.trackingUrl ? { url: input.trackingUrl } : {}) } }
            : {}),
          notifyCustomer: false,
        }),
      (r) => r.reverseFulfillmentOrders.nodes.some((o) => o.reverseDeliveries.nodes.length > 0),
    );
  }
  await transitionOrAccept(ctx, ret, "ship", actor, {
    data: {
      trackingNumber: input.trackingNumber ?? null,
      trackingUrl: input.trackingUrl ?? null,
      carrierName: input.carrierName ?? null,
      labelUrl: input.labelStaged ? null : (input.labelUrl ?? null),
    },
  });
  return finish(ctx, id);
}

/** The parcel arrived (app-only step: Shopify has no "received" state). */
export async function markReceived(ctx: ReturnsContext, id: string, actor: ActorRef) {
  const ret = await requireReturn(ctx, id);
  if (ret.status === "RECEIVED") return ret;
  await transitionOrAccept(ctx, ret, "receive", actor);
  return finish(ctx, id);
}

export type ConditionGrade = "NEW" | "GOOD" | "DAMAGED" | "UNSELLABLE";
export interface InspectedLine {
  lineId: string;
  grade: ConditionGrade;
  disposition: ReverseFulfillmentOrderDispositionType;
  locationId?: string | null;
}

/** Grades each line and records the disposition in Shopify (restock at a location, or not), once. */
export async function inspectReturn(ctx: ReturnsContext, id: string, lines: InspectedLine[], actor: ActorRef) {
  let ret = await requireReturn(ctx, id);
  if (ret.status === "INSPECTED") return ret;
  assertAllowed(ret, "inspect");
  const byId = new Map(ret.lines.map((l) => [l.id, l]));
  for (const l of lines) {
    if (!byId.has(l.lineId)) throw new ReturnsError("INVALID_INPUT", "inspect.unknownLine", { lineId: l.lineId });
    if (l.disposition === "RESTOCKED" && !l.locationId) throw new ReturnsError("INVALID_INPUT", "inspect.restockLocation", { lineId: l.lineId });
  }
  if (ret.shopifyReturnId && ret.lines.some((l) => !l.rfoLineItemId)) {
    await syncShopifyLineIds(ctx, ret);
    ret = await requireReturn(ctx, id);
  }
  for (const l of lines) {
    await ctx.db.returnLine.update({
      where: { id: l.lineId },
      data: { conditionGrade: l.grade, disposition: l.disposition, dispositionLocationId: l.locationId ?? null },
    });
  }
  const toDispose = lines.filter((l) => byId.get(l.lineId)!.rfoLineItemId);
  if (toDispose.length > 0 && ret.shopifyReturnId) {
    const claim = await claimAttempt(ctx, ret.id, "DISPOSE", lines);
    if (claim.won) {
      await renewClaim(ctx, claim);
      try {
        await disposeItems(
          ctx.admin,
          toDispose.map((l) => ({
            reverseFulfillmentOrderLineItemId: byId.get(l.lineId)!.rfoLineItemId!,
            quantity: byId.get(l.lineId)!.quantity,
            dispositionType: l.disposition,
            ...(l.locationId ? { locationId: l.locationId } : {}),
          })),
        );
        await settleAttempt(ctx, claim, "SUCCEEDED", {});
      } catch (error) {
        const disposed = await alreadyDisposed(ctx, ret.shopifyReturnId).catch(() => false);
        if (disposed) await settleAttempt(ctx, claim, "SUCCEEDED", { via: "re-read" });
        else {
          await settleAttempt(ctx, claim, error instanceof ShopifyOutcomeUnknownError ? "UNKNOWN" : "FAILED", { error: String(error) });
          throw fromShopifyError(error, "what.dispositions");
        }
      }
    } else if (claim.status !== "SUCCEEDED") {
      throw new ReturnsError("IN_PROGRESS", "busy.dispositions");
    }
  }
  await transitionOrAccept(ctx, ret, "inspect", actor, { event: { lines: lines.map((l) => ({ lineId: l.lineId, grade: l.grade, disposition: l.disposition })) } });
  return finish(ctx, id);
}

async function alreadyDisposed(ctx: ReturnsContext, shopifyReturnId: string): Promise<boolean> {
  const r = await fetchReturn(ctx.admin, shopifyReturnId);
  return !!r && r.reverseFulfillmentOrders.nodes.every((o) => o.lineItems.nodes.every((li) => li.dispositions.reduce((a, d) => a + d.quantity, 0) >= li.totalQuantity));
}

export async function closeReturn(ctx: ReturnsContext, id: string, actor: ActorRef) {
  const ret = await requireReturn(ctx, id);
  if (ret.status === "CLOSED") return ret;
  assertAllowed(ret, "close");
  if (ret.shopifyReturnId) {
    const shopifyId = ret.shopifyReturnId;
    await shopifyStep(ctx, shopifyId, "what.close", () => shopifyClose(ctx.admin, shopifyId), (r) => r.status === "CLOSED");
  }
  await transitionOrAccept(ctx, ret, "close", actor);
  return finish(ctx, id);
}

export async function cancelReturn(ctx: ReturnsContext, id: string, actor: ActorRef) {
  const ret = await requireReturn(ctx, id);
  if (ret.status === "CANCELED") return ret;
  assertAllowed(ret, "cancel");
  if (ret.shopifyReturnId) {
    const shopifyId = ret.shopifyReturnId;
    await shopifyStep(ctx, shopifyId, "what.cancel", () => shopifyCancel(ctx.admin, shopifyId), (r) => r.status === "CANCELED");
  }
  await transitionOrAccept(ctx, ret, "cancel", actor);
  return finish(ctx, id);
}

export async function reopenReturn(ctx: ReturnsContext, id: string, actor: ActorRef) {
  const ret = await requireReturn(ctx, id);
  assertAllowed(ret, "reopen");
  const anyProcessed = ret.processedAt !== null;
  if (ret.shopifyReturnId) {
    const shopifyId = ret.shopifyReturnId;
    await shopifyStep(ctx, shopifyId, "what.reopen", () => shopifyReopen(ctx.admin, shopifyId), (r) => r.status === "OPEN");
  }
  await transitionOrAccept(ctx, ret, "reopen", actor, { anyProcessed, data: { closedAt: null } });
  return finish(ctx, id);
}

// ---------------------------------------------------------------------------------------

const ETA_STAGE: Partial<Record<ReturnStatus, RefundStage>> = {
  REQUESTED: "REQUESTED",
  APPROVED: "APPROVED",
  IN_TRANSIT: "IN_TRANSIT",
  RECEIVED: "RECEIVED",
  INSPECTED: "INSPECTED",
  PROCESSED: "PROCESSED",
};

/** Recomputes the refund ETA shown to the shopper from the stage the return is in. */
export async function updateRefundEta(ctx: ReturnsContext, id: string) {
  const ret = await requireReturn(ctx, id);
  const stage = ETA_STAGE[ret.status as ReturnStatus];
  if (!stage) {
    // Closing a processed return keeps the date computed at processing: the shopper still
    // reads on the status page when the bank shows the refund.
    if (ret.status === "CLOSED" && ret.processedAt) return;
    if (ret.refundEtaFrom) await ctx.db.returnRequest.updateMany({ where: { id }, data: { refundEtaFrom: null, refundEtaTo: null } });
    return;
  }
  const policy = await loadPolicyFor(ctx.db, ctx.shop.id, ret.policyVersion);
  const enteredAt =
    { REQUESTED: ret.requestedAt, APPROVED: ret.approvedAt, IN_TRANSIT: ret.inTransitAt, RECEIVED: ret.receivedAt, INSPECTED: ret.inspectedAt, PROCESSED: ret.processedAt }[stage] ??
    ret.requestedAt;
  const methods: string[] = [];
  if (ret.refundAmount > 0) methods.push(...(await refundGateways(ctx, ret)));
  if (ret.storeCreditAmount > 0) methods.push("store_credit");
  // Nothing paid out (an even exchange): the date is when the new item is released, with no
  // bank delay; the store-credit payout (0–1 days) models exactly that.
  if (methods.length === 0) methods.push("store_credit");
  const eta = refundEta({
    stage,
    stageEnteredAt: enteredAt,
    now: ctx.now(),
    policy,
    paymentMethods: methods,
    returnMethod: ret.method as never,
    timeZone: ctx.shop.timezone ?? "UTC",
    euWithdrawalAt: ret.euWithdrawal ? ret.requestedAt : null,
  });
  await ctx.db.returnRequest.updateMany({
    where: { id },
    data: {
      refundEtaFrom: new Date(`${eta.from}T00:00:00Z`),
      refundEtaTo: new Date(`${eta.to}T00:00:00Z`),
      refundDeadline: eta.euRefundDeadline ? new Date(`${eta.euRefundDeadline}T00:00:00Z`) : null,
    },
  });
  await recordEvent(ctx.db, ret, "eta", { type: "SYSTEM" }, { from: eta.from, to: eta.to, overdue: eta.overdue });
}

/** Gateways the refund goes back to, recorded from the order's payments at request time. */
async function refundGateways(_ctx: ReturnsContext, ret: ReturnRecord): Promise<string[]> {
  const gateways = JSON.parse(ret.paymentGateways) as string[];
  return gateways.length ? gateways : ["shopify_payments"];
}
