/**
 * Inbox bulk actions and the receiving station against the stand-in, on both databases:
 * bulk approve of 50 returns where one fails reports that failure on its own row and
 * approves the other 49 in Shopify; bulk decline (with a reason) and mark received report
 * each row the same way; a scan finds a return by RMA, slip QR URL or order
 * number; receive-and-inspect records dispositions in Shopify.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestReturn } from "~/services/return-request.server";
import { declineReturn } from "~/services/return-lifecycle.server";
import { runBulk } from "~/services/bulk-actions.server";
import { receiveAndInspect, scanCode } from "~/services/receiving.server";
import { requireReturn } from "~/services/return-records.server";
import { fetchReturn } from "~/shopify/returns.server";
import { providers } from "../support/test-db";
import { createEngine, returnableOrders, type Engine } from "../support/engine";

const STAFF = { type: "STAFF" as const, id: "staff-1" };

describe.each(providers)("warehouse operations (%s)", (provider) => {
  let engine: Engine;
  const ids: string[] = [];
  /** Three more requested returns, for bulk decline. */
  const toDecline: string[] = [];

  beforeAll(async () => {
    engine = await createEngine(provider);
    // 50 requested returns, one unit each, on as many eligible order lines as needed.
    const orders = await returnableOrders(engine, { limit: 60 });
    outer: for (const order of orders) {
      for (const line of order.lines) {
        if (ids.length + toDecline.length >= 53) break outer;
        const r = await requestReturn(engine.ctx, { orderId: order.snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
        (ids.length < 50 ? ids : toDecline).push(r.id);
      }
    }
  }, 120_000);

  afterAll(async () => engine?.close());

  it("bulk approve of 50 returns: 49 approved in Shopify, the one that can't be is reported on its row", async () => {
    expect(ids).toHaveLength(50);
    // One of them is declined meanwhile (by a colleague), so it can no longer be approved.
    const failing = ids[17];
    await declineReturn(engine.ctx, failing, { reason: "OTHER", note: "Outside policy" }, STAFF);

    const results = await runBulk(engine.ctx, { action: "approve", ids }, STAFF);
    expect(results.map((r) => r.id)).toEqual(ids);
    const failed = results.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: failing, ok: false, status: "DECLINED" });
    expect(failed[0].message).toMatch(/declined/i);
    for (const r of results.filter((x) => x.ok)) {
      expect(r.status).toBe("APPROVED");
      const local = await requireReturn(engine.ctx, r.id);
      expect((await fetchReturn(engine.admin, local.shopifyReturnId!))?.status).toBe("OPEN");
    }
  }, 120_000);

  it("bulk answers unknown ids on their row", async () => {
    const results = await runBulk(engine.ctx, { action: "receive", ids: ["nope", ids[0]] }, STAFF);
    expect(results[0]).toMatchObject({ id: "nope", ok: false });
    expect(results[1]).toMatchObject({ id: ids[0], ok: true, status: "RECEIVED" });
  });

  it("bulk decline with a reason and bulk mark received: each selected return once, the one that can't be on its row", async () => {
    expect(toDecline).toHaveLength(3);
    // An approved return can't be declined; the three requested ones are, with the reason and note.
    const declined = await runBulk(engine.ctx, { action: "decline", ids: [...toDecline, ids[1]], decline: { reason: "FINAL_SALE", note: "Sale item" } }, STAFF);
    expect(declined.map((r) => [r.id, r.ok, r.status])).toEqual([...toDecline.map((id) => [id, true, "DECLINED"]), [ids[1], false, "APPROVED"]]);
    for (const id of toDecline) expect(await requireReturn(engine.ctx, id)).toMatchObject({ status: "DECLINED", declineReason: "FINAL_SALE", declineNote: "Sale item" });
    await expect(runBulk(engine.ctx, { action: "decline", ids: [ids[1]] }, STAFF)).rejects.toMatchObject({ status: 422 });
    // Mark received: two approved ones are received; the declined one (ids[17]) fails on its row.
    const received = await runBulk(engine.ctx, { action: "receive", ids: [ids[2], ids[17], ids[3]] }, STAFF);
    expect(received.map((r) => [r.id, r.ok, r.status])).toEqual([[ids[2], true, "RECEIVED"], [ids[17], false, "DECLINED"], [ids[3], true, "RECEIVED"]]);
    expect(received[1].message.length).toBeGreaterThan(0);
  }, 120_000);

  it("a scan finds the return by RMA, by the slip's QR status URL and by order number; an unknown code is unknown", async () => {
    const ret = await requireReturn(engine.ctx, ids[1]);
    const byRma = await scanCode(engine.ctx, ret.rmaNumber.toLowerCase().replace("-", ""));
    expect(byRma).toMatchObject({ kind: "found", ret: { id: ret.id, stage: "receive" } });
    const byUrl = await scanCode(engine.ctx, `https://nordlys.example/apps/returns/status/${ret.statusToken}`);
    expect(byUrl).toMatchObject({ kind: "found", ret: { id: ret.id } });
    const byOrder = await scanCode(engine.ctx, ret.orderName);
    expect(byOrder.kind).toBe("found");
    expect(byOrder.kind === "found" && [byOrder.ret.id, ...byOrder.others.map((o) => o.id)]).toContain(ret.id);
    expect(await scanCode(engine.ctx, "R-999999")).toEqual({ kind: "unknown", code: "R-999999" });
    expect(await scanCode(engine.ctx, "https://evil.example/apps/returns/status/aaaaaaaaaaaaaaaaaaaa")).toMatchObject({ kind: "unknown" });
  });

  it("receive and inspect in one step restocks in Shopify; a not-yet-approved return is refused with a clear message", async () => {
    const ret = await requireReturn(engine.ctx, ids[2]);
    const location = engine.api.store.shop(engine.shop).locations[0].id;
    const done = await receiveAndInspect(engine.ctx, ret.id, ret.lines.map((l) => ({ lineId: l.id, grade: "GOOD" as const, disposition: "RESTOCKED" as const, locationId: location })), STAFF);
    expect(done.status).toBe("INSPECTED");
    const shopify = await fetchReturn(engine.admin, done.shopifyReturnId!);
    expect(shopify?.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].dispositions[0]).toMatchObject({ type: "RESTOCKED", quantity: 1 });

    const orders = await returnableOrders(engine, { limit: 1 });
    const fresh = await requestReturn(engine.ctx, { orderId: orders[0].snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: orders[0].lines[0].fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    const scanned = await scanCode(engine.ctx, fresh.rmaNumber);
    expect(scanned).toMatchObject({ kind: "found", ret: { stage: "approve" } });
    await expect(receiveAndInspect(engine.ctx, fresh.id, [], STAFF)).rejects.toThrow(/not approved yet/);
  });
});
