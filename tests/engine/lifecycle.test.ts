/**
 * The whole return lifecycle against the offline stand-in, on SQLite and PostgreSQL:
 * every step is written to Shopify's Return and to the local record, in step.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchReturn } from "~/shopify/returns.server";
import { requestReturn } from "~/services/return-request.server";
import {
  approveReturn,
  attachShipping,
  cancelReturn,
  closeReturn,
  declineReturn,
  inspectReturn,
  markReceived,
  reopenReturn,
} from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { flagForAttention, requireReturn, resolveAttention } from "~/services/return-records.server";
import { ReturnsError } from "~/services/context.server";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { providers } from "../support/test-db";
import { createEngine, type Engine } from "../support/engine";

const STAFF = { type: "STAFF" as const, id: "staff-1" };

function orderId(engine: Engine, name: string) {
  return engine.api.order(engine.shop, name).id;
}

async function fulfillmentLines(engine: Engine, name: string) {
  const snapshot = await fetchOrderSnapshot(engine.admin, orderId(engine, name));
  return { snapshot, lines: snapshot.fulfillments.flatMap((f) => f.lines) };
}

describe.each(providers)("return lifecycle on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider);
  });
  afterEach(async () => engine.close());

  // Shopify may close a return when returnProcess settles everything (undocumented): the
  // full lifecycle runs with the stand-in doing both.
  it.each([false, true])("GIVEN a delivered card order (autoCloseOnProcess %s) WHEN a refund return goes request → approve → ship → receive → inspect → process → close THEN Shopify and the app agree at every step and the refund is the sweater's price", async (autoCloseOnProcess) => {
    if (autoCloseOnProcess) {
      await engine.close();
      engine = await createEngine(provider, { autoCloseOnProcess });
    }
    const { snapshot, lines } = await fulfillmentLines(engine, "#1182");
    const sweater = lines[0];

    const requested = await requestReturn(engine.ctx, {
      orderId: snapshot.id,
      method: "DROP_OFF",
      lines: [{ fulfillmentLineItemId: sweater.fulfillmentLineItemId, quantity: 1, resolution: "REFUND", reasonDefinitionId: "gid://shopify/ReturnReasonDefinition/1", reasonHandle: "size-too-small", note: "Too tight" }],
    });
    expect(requested.status).toBe("REQUESTED");
    expect(requested.rmaNumber).toMatch(/^R-\d{4,}$/);
    let ret = await requireReturn(engine.ctx, requested.id);
    expect(ret.shopifyReturnId).toMatch(/^gid:\/\/shopify\/Return\//);
    expect((await fetchReturn(engine.admin, ret.shopifyReturnId!))?.status).toBe("REQUESTED");

    ret = await approveReturn(engine.ctx, ret.id, STAFF);
    expect(ret.status).toBe("APPROVED");
    const afterApprove = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(afterApprove?.status).toBe("OPEN");
    expect(ret.lines[0].rfoLineItemId).toBeTruthy();

    ret = await attachShipping(engine.ctx, ret.id, { trackingNumber: "00370730253498827460", carrierName: "PostNord" }, STAFF);
    expect(ret.status).toBe("IN_TRANSIT");
    const shipped = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(shipped?.reverseFulfillmentOrders.nodes[0].reverseDeliveries.nodes).toHaveLength(1);

    ret = await markReceived(engine.ctx, ret.id, STAFF);
    expect(ret.status).toBe("RECEIVED");

    const location = engine.api.store.shop(engine.shop).locations[0].id;
    ret = await inspectReturn(engine.ctx, ret.id, [{ lineId: ret.lines[0].id, grade: "NEW", disposition: "RESTOCKED", locationId: location }], STAFF);
    expect(ret.status).toBe("INSPECTED");
    const inspected = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(inspected?.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].dispositions[0]).toMatchObject({ type: "RESTOCKED", quantity: 1 });

    const processed = await processReturn(engine.ctx, ret.id, STAFF);
    expect(processed.status).toBe("PROCESSED");
    const afterProcess = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(afterProcess?.refunds.nodes).toHaveLength(1);
    // The oracle is the order itself, not our calculation: the sweater was sold for 1,199 kr
    // (VAT included, no discount; the seed's README), the card is refunded exactly that, and
    // the order's REFUND transactions in Shopify add up to it.
    const SWEATER = 119_900;
    expect(snapshot.lineItems.find((l) => l.id === sweater.lineItemId)?.originalUnitPrice).toBe(SWEATER);
    const refunded = afterProcess!.refunds.nodes[0].totalRefundedSet.presentmentMoney;
    expect(refunded).toEqual({ amount: "1199.0", currencyCode: "SEK" });
    const order = engine.api.order(engine.shop, "#1182");
    const refundTransactions = order.transactionIds
      .map((id) => engine.api.store.shop(engine.shop).nodes.get(id) as { kind: string; amountMinor: number })
      .filter((t) => t.kind === "REFUND");
    expect(refundTransactions.reduce((a, t) => a + t.amountMinor, 0)).toBe(SWEATER);
    expect(processed.ret.refundAmount).toBe(SWEATER);
    expect(processed.ret.refundEtaFrom).toBeInstanceOf(Date);
    expect(afterProcess?.status).toBe(autoCloseOnProcess ? "CLOSED" : "OPEN");

    ret = await closeReturn(engine.ctx, ret.id, STAFF);
    expect(ret.status).toBe("CLOSED");
    expect((await fetchReturn(engine.admin, ret.shopifyReturnId!))?.status).toBe("CLOSED");

    const events = await engine.t.db.returnEvent.findMany({ where: { returnRequestId: ret.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type).filter((t) => t !== "eta" && t !== "linked")).toEqual(["request", "approve", "ship", "receive", "inspect", "process", "close"]);
  });

  it("GIVEN an exchange request WHEN approved THEN the Shopify return is created with the exchange line and processing swaps without a refund", async () => {
    const { snapshot, lines } = await fulfillmentLines(engine, "#1182");
    const sweater = lines[0];
    const variants = engine.api.store.shop(engine.shop).variants;
    const li = snapshot.lineItems.find((l) => l.id === sweater.lineItemId)!;
    const sibling = variants.find((v) => v.productId === li.productId && v.id !== li.variantId && (v as { inventoryQuantity?: number }).inventoryQuantity !== 0)!;

    const requested = await requestReturn(engine.ctx, {
      orderId: snapshot.id,
      method: "DROP_OFF",
      lines: [{ fulfillmentLineItemId: sweater.fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: sibling.id, reasonHandle: "size-too-small" }],
    });
    let ret = await requireReturn(engine.ctx, requested.id);
    expect(ret.shopifyReturnId).toBeNull(); // kept in the app until approval (platform §1.8)

    ret = await approveReturn(engine.ctx, ret.id, STAFF);
    const shopifyReturn = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(shopifyReturn?.status).toBe("OPEN");
    expect(shopifyReturn?.exchangeLineItems.nodes[0]).toMatchObject({ variantId: sibling.id, quantity: 1 });
    expect(ret.lines[0].shopifyExchangeLineItemId).toBeTruthy();

    ret = await markReceived(engine.ctx, ret.id, STAFF);
    const processed = await processReturn(engine.ctx, ret.id, STAFF);
    expect(processed.status).toBe("PROCESSED");
    const after = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(after?.exchangeLineItems.nodes[0].processedQuantity).toBe(1);
    expect(processed.ret.refundAmount).toBe(0);
  });

  it("GIVEN a requested return WHEN declined THEN Shopify shows DECLINED with the reason and the item can be requested again", async () => {
    const { snapshot, lines } = await fulfillmentLines(engine, "#1182");
    const input = { orderId: snapshot.id, method: "DROP_OFF" as const, lines: [{ fulfillmentLineItemId: lines[1].fulfillmentLineItemId, quantity: 1, resolution: "REFUND" as const }] };
    const first = await requestReturn(engine.ctx, input);
    const declined = await declineReturn(engine.ctx, first.id, { reason: "OTHER", note: "Signs of use" }, STAFF);
    expect(declined.status).toBe("DECLINED");
    const shopify = await fetchReturn(engine.admin, declined.shopifyReturnId!);
    expect(shopify?.decline).toMatchObject({ reason: "OTHER", note: "Signs of use" });
    const again = await requestReturn(engine.ctx, input);
    expect(again.status).toBe("REQUESTED");
  });

  it("GIVEN an approved return WHEN cancelled THEN it cannot be processed; a closed return can be reopened", async () => {
    const { snapshot, lines } = await fulfillmentLines(engine, "#1182");
    const r = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: lines[1].fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, r.id, STAFF);
    const cancelled = await cancelReturn(engine.ctx, r.id, STAFF);
    expect(cancelled.status).toBe("CANCELED");
    expect((await fetchReturn(engine.admin, cancelled.shopifyReturnId!))?.status).toBe("CANCELED");
    await expect(processReturn(engine.ctx, r.id, STAFF)).rejects.toBeInstanceOf(ReturnsError);

    const r2 = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: lines[0].fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, r2.id, STAFF);
    await markReceived(engine.ctx, r2.id, STAFF);
    await processReturn(engine.ctx, r2.id, STAFF);
    await closeReturn(engine.ctx, r2.id, STAFF);
    const reopened = await reopenReturn(engine.ctx, r2.id, STAFF);
    expect(reopened.status).toBe("PROCESSED");
    expect((await fetchReturn(engine.admin, reopened.shopifyReturnId!))?.status).toBe("OPEN");
  });

  it("GIVEN a line already returned WHEN the shopper asks again THEN it is refused with a machine-readable reason", async () => {
    const { snapshot, lines } = await fulfillmentLines(engine, "#1182");
    const input = { orderId: snapshot.id, method: "DROP_OFF" as const, lines: [{ fulfillmentLineItemId: lines[1].fulfillmentLineItemId, quantity: 1, resolution: "REFUND" as const }] };
    await requestReturn(engine.ctx, input);
    const error = await requestReturn(engine.ctx, input).catch((e) => e);
    expect(error).toBeInstanceOf(ReturnsError);
    expect(error.code).toBe("NOT_ELIGIBLE");
    // Exactly this reason: the unit is in Shopify's first return already (returned 1, none pending here).
    expect(error.details).toEqual([
      { fulfillmentLineItemId: lines[1].fulfillmentLineItemId, code: "NOT_ELIGIBLE", reason: { code: "ALREADY_RETURNED", returnedQuantity: 1, pendingQuantity: 0 } },
    ]);
  });

  it("GIVEN a flagged return WHEN staff mark it resolved THEN the flag is cleared and the timeline says who and why", async () => {
    const { snapshot, lines } = await fulfillmentLines(engine, "#1182");
    const r = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: lines[0].fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await flagForAttention(engine.ctx, r.id, "Refund mismatch");
    expect((await requireReturn(engine.ctx, r.id)).needsAttention).toBe(true);
    const resolved = await resolveAttention(engine.ctx, r.id, STAFF, "Checked with the shopper");
    expect(resolved.needsAttention).toBe(false);
    expect(resolved.attentionReason).toBeNull();
    const event = await engine.t.db.returnEvent.findFirst({ where: { returnRequestId: r.id, type: "resolved" } });
    expect(JSON.parse(event!.data)).toEqual({ reason: "Refund mismatch", note: "Checked with the shopper" });
    expect(event!.actorId).toBe("staff-1");
  });
});
