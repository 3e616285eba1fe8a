/**
 * Every stage is race-safe, not only processing (docs/guarantees.md). Each test makes two
 * use cases overlap — deterministically where the order matters, by holding one Shopify
 * call until the other has run — and judges the end from Shopify's side. Each names the
 * protection it proves; removing that protection makes the test fail (checked by hand, see
 * docs/guarantees.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toShopifyStatus, type ReturnStatus } from "~/domain";
import { CLAIM_LEASE_MS } from "~/services/attempts.server";
import { approveReturn, declineReturn, inspectReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { WORST_CASE_REQUEST_MS } from "~/shopify/client.server";
import { requestReturn } from "~/services/return-request.server";
import { requireReturn } from "~/services/return-records.server";
import { reconcileReturn, reconcileShop } from "~/services/return-sync.server";
import { fetchReturn } from "~/shopify/returns.server";
import { providers } from "../support/test-db";
import { createEngine, returnableOrders, type Engine } from "../support/engine";

const STAFF = { type: "STAFF" as const, id: "staff-1" };
const OTHER_STAFF = { type: "STAFF" as const, id: "staff-2" };

describe.each(providers)("races on %s", (provider) => {
  // One engine for the file (seeding is the slow part); each test takes an order of its own.
  let engine: Engine;
  const usedOrders = new Set<string>();
  beforeAll(async () => {
    engine = await createEngine(provider);
  });
  afterAll(async () => engine?.close());

  /** A returnable line with at least `units` units, so Shopify's quantities can't mask a double. */
  async function line(units = 1) {
    const orders = await returnableOrders(engine, { currency: "SEK", limit: 40 });
    for (const o of orders) {
      if (usedOrders.has(o.snapshot.id)) continue;
      const l = o.lines.find((x) => x.maxQuantity >= units);
      if (l) {
        usedOrders.add(o.snapshot.id);
        return { order: o.snapshot, line: l };
      }
    }
    throw new Error(`no SEK line with ${units} units`);
  }

  function shopifyReturnsOf(orderId: string) {
    return engine.api.store.shop(engine.shop).returns.filter((r) => r.orderId === orderId);
  }

  async function exchangeRequest() {
    const { order, line: l } = await line();
    const li = order.lineItems.find((x) => x.id === l.lineItemId)!;
    const sibling = engine.api.store
      .shop(engine.shop)
      .variants.find((v) => v.productId === li.productId && v.id !== li.variantId && (v as { inventoryQuantity?: number }).inventoryQuantity !== 0);
    if (!sibling) throw new Error("no sibling variant");
    const r = await requestReturn(engine.ctx, {
      orderId: order.id,
      method: "DROP_OFF",
      lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: sibling.id }],
    });
    return { id: r.id, orderId: order.id, before: shopifyReturnsOf(order.id).length };
  }

  it("GIVEN an exchange request kept in the app WHEN staff approve and decline at the same moment THEN Shopify and the app agree (CREATE_RETURN claim taken by decline)", async () => {
    const { id, orderId, before } = await exchangeRequest();
    // Approval is about to create the Shopify return; decline runs while that call is held.
    const held = engine.holdNext("ReturnCreate");
    const approving = approveReturn(engine.ctx, id, STAFF);
    await held.reached;
    const declining = await declineReturn(engine.ctx, id, { reason: "OTHER" }, OTHER_STAFF).then(
      () => "declined",
      (e: { code?: string }) => e.code,
    );
    held.release();
    await approving;

    expect(declining).toBe("IN_PROGRESS");
    const ret = await requireReturn(engine.ctx, id);
    expect(ret.status).toBe("APPROVED");
    const created = shopifyReturnsOf(orderId).slice(before);
    expect(created).toHaveLength(1);
    expect(created[0].status).toBe("OPEN");
    expect(ret.shopifyReturnId).toBe(created[0].id);
  });

  it("GIVEN a requested return in Shopify WHEN approve and decline race THEN exactly one wins and the app shows what Shopify shows (Shopify's state + conditional update)", async () => {
    const { order, line: l } = await line();
    const r = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    const results = await Promise.allSettled([approveReturn(engine.ctx, r.id, STAFF), declineReturn(engine.ctx, r.id, { reason: "OTHER" }, OTHER_STAFF)]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const ret = await requireReturn(engine.ctx, r.id);
    const shopify = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(["APPROVED", "DECLINED"]).toContain(ret.status);
    expect(shopify?.status).toBe(toShopifyStatus(ret.status as ReturnStatus));
  });

  it("GIVEN an exchange request WHEN ten approvals race THEN one returnCreate and one Shopify return (CREATE_RETURN claim)", async () => {
    const { id, orderId, before } = await exchangeRequest();
    engine.resetCalls();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => approveReturn(engine.ctx, id, STAFF)));
    expect(engine.calls.get("ReturnCreate")).toBe(1);
    expect(shopifyReturnsOf(orderId).length - before).toBe(1);
    for (const x of results) if (x.status === "rejected") expect(x.reason.code).toBe("IN_PROGRESS");
    expect((await requireReturn(engine.ctx, id)).status).toBe("APPROVED");
  });

  it("GIVEN a received return WHEN ten inspections race THEN the dispositions are recorded in Shopify once (DISPOSE claim)", async () => {
    const { order, line: l } = await line();
    const r = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, r.id, STAFF);
    const ret = await markReceived(engine.ctx, r.id, STAFF);
    const location = engine.api.store.shop(engine.shop).locations[0].id;
    engine.resetCalls();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => inspectReturn(engine.ctx, r.id, [{ lineId: ret.lines[0].id, grade: "NEW", disposition: "RESTOCKED", locationId: location }], STAFF)),
    );
    expect(engine.calls.get("ReverseFulfillmentOrderDispose")).toBe(1);
    for (const x of results) if (x.status === "rejected") expect(x.reason.code).toBe("IN_PROGRESS");
    const shopify = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    const disposed = shopify!.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].dispositions.reduce((a, d) => a + d.quantity, 0);
    expect(disposed).toBe(1);
  });

  it("GIVEN a shopper who double-clicks send WHEN the same request arrives five times at once THEN one RMA and one Shopify return (check under the shop-row lock)", async () => {
    const { order, line: l } = await line(2);
    const before = shopifyReturnsOf(order.id).length;
    engine.resetCalls();
    const input = { orderId: order.id, method: "DROP_OFF" as const, lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" as const }] };
    const results = await Promise.all(Array.from({ length: 5 }, () => requestReturn(engine.ctx, input)));
    expect(new Set(results.map((x) => x.rmaNumber)).size).toBe(1);
    expect(await engine.t.db.returnRequest.count({ where: { orderId: order.id } })).toBe(1);
    expect(shopifyReturnsOf(order.id).length - before).toBe(1);
    expect(engine.calls.get("ReturnRequest")).toBe(1);
  });

  it("GIVEN a request whose send was lost WHEN reconciliation re-sends it while staff approve it THEN one Shopify return (one claim for every way of creating it)", async () => {
    const { order, line: l } = await line(2);
    const before = shopifyReturnsOf(order.id).length;
    engine.failOperation("ReturnRequest", 503); // Shopify never got it; the app can't know
    const r = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    engine.failOperation("ReturnRequest", null);
    expect((await requireReturn(engine.ctx, r.id)).shopifyReturnId).toBeNull();
    engine.clock.advance(CLAIM_LEASE_MS + 60_000);

    // Reconciliation's re-send is held in flight while staff approve.
    const held = engine.holdNext("ReturnRequest");
    const reconciling = reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 60_000));
    await held.reached;
    const approving = await approveReturn(engine.ctx, r.id, STAFF).then(
      () => "approved",
      (e: { code?: string }) => e.code,
    );
    held.release();
    await reconciling;

    expect(approving).toBe("IN_PROGRESS");
    expect(shopifyReturnsOf(order.id).length - before).toBe(1);
    const ret = await requireReturn(engine.ctx, r.id);
    expect(ret.shopifyReturnId).toBe(shopifyReturnsOf(order.id).at(-1)!.id);
    // Staff try again: now it is approved in Shopify too.
    expect((await approveReturn(engine.ctx, r.id, STAFF)).status).toBe("APPROVED");
    expect((await fetchReturn(engine.admin, ret.shopifyReturnId!))?.status).toBe("OPEN");
  });

  it("GIVEN a request Shopify refuses for good WHEN reconciliation runs again and again THEN it is sent three times, flagged once, with one event", async () => {
    const { order, line: l } = await line(2);
    engine.failOperation("ReturnRequest", 503);
    const r = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    engine.failOperation("ReturnRequest", null);
    // Meanwhile the item was returned in Shopify's admin: Shopify refuses the request from now on.
    const fli = l.fulfillmentLineItemId;
    await engine.api.graphql(engine.shop, `mutation { returnCreate(returnInput: { orderId: "${order.id}", returnLineItems: [{ fulfillmentLineItemId: "${fli}", quantity: ${l.maxQuantity} }] }) { userErrors { message } } }`);
    engine.resetCalls();
    for (let run = 0; run < 6; run++) {
      engine.clock.advance(CLAIM_LEASE_MS + 60_000);
      await reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 60_000));
    }
    expect(engine.calls.get("ReturnRequest")).toBe(3);
    const flags = await engine.t.db.returnEvent.count({ where: { returnRequestId: r.id, type: "flagged" } });
    expect(flags).toBe(1);
    expect((await requireReturn(engine.ctx, r.id)).needsAttention).toBe(true);
  });

  async function receivedReturn() {
    const { order, line: l } = await line();
    const r = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, r.id, STAFF);
    await markReceived(engine.ctx, r.id, STAFF);
    return r.id;
  }

  it("GIVEN a refund call still in flight at the client's worst case WHEN reconciliation runs and staff click again THEN the claim still holds (lease > the call's worst case)", async () => {
    const id = await receivedReturn();
    engine.resetCalls();
    const held = engine.holdNext("ReturnProcess");
    const first = processReturn(engine.ctx, id, STAFF);
    await held.reached;
    engine.clock.advance(WORST_CASE_REQUEST_MS); // the call may legitimately still be running
    await reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 60_000));
    const attempt = await engine.t.db.refundAttempt.findFirst({ where: { returnRequestId: id, stage: "PROCESS" } });
    expect(attempt?.status).toBe("PENDING");
    await expect(processReturn(engine.ctx, id, OTHER_STAFF)).rejects.toMatchObject({ code: "IN_PROGRESS" });
    held.release();
    await first;
    expect(engine.calls.get("ReturnProcess")).toBe(1);
  });

  it("GIVEN a holder stalled past its lease WHEN another took the step over and finished it THEN the stalled holder sends nothing (fencing token)", async () => {
    const id = await receivedReturn();
    engine.resetCalls();
    // The first holder stalls before its refund call (its read of Shopify's suggestion is slow to come back).
    const held = engine.holdNext("SuggestedReturnOutcome", { afterAnswer: true });
    const stalled = processReturn(engine.ctx, id, STAFF).then(
      () => "processed",
      (e: { code?: string }) => e.code,
    );
    await held.reached;
    engine.clock.advance(CLAIM_LEASE_MS + 60_000);
    await reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 60_000)); // releases the expired claim
    expect((await processReturn(engine.ctx, id, OTHER_STAFF)).status).toBe("PROCESSED");
    held.release();
    expect(await stalled).toBe("IN_PROGRESS");
    expect(engine.calls.get("ReturnProcess")).toBe(1);
    const shopify = await fetchReturn(engine.admin, (await requireReturn(engine.ctx, id)).shopifyReturnId!);
    expect(shopify?.refunds.nodes).toHaveLength(1);
  });

  it("GIVEN two webhook deliveries of one return handled in parallel, one with a slow read WHEN the return is closed in Shopify between the reads THEN the app ends CLOSED, never back to an earlier status (version read before Shopify)", async () => {
    const { order, line: l } = await line();
    const r = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, r.id, STAFF);
    const shopifyId = (await requireReturn(engine.ctx, r.id)).shopifyReturnId!;
    // Delivery A reads Shopify (OPEN) and its answer is slow to come back.
    const held = engine.holdNext("ReturnState", { afterAnswer: true });
    const slow = reconcileReturn(engine.ctx, shopifyId);
    await held.reached;
    // Meanwhile the merchant closes it in Shopify's admin; delivery B sees that and applies it.
    const closed = await engine.api.graphql(engine.shop, `mutation { returnClose(id: "${shopifyId}") { return { status } userErrors { message } } }`);
    expect((closed.body as { data: { returnClose: { return: { status: string } } } }).data.returnClose.return.status).toBe("CLOSED");
    await reconcileReturn(engine.ctx, shopifyId);
    expect((await requireReturn(engine.ctx, r.id)).status).toBe("CLOSED");
    held.release();
    await slow;
    const ret = await requireReturn(engine.ctx, r.id);
    expect(ret.status).toBe("CLOSED");
    expect(ret.shopifyStatus).toBe("CLOSED");
  });
});
