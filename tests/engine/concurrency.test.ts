/**
 * Exactly one refund however concurrently "refund" is clicked (quality.md): 50 concurrent
 * process calls on one return make one returnProcess call and one refund in Shopify. The
 * stand-in caps refunds at what the order paid (Shopify's documented rule), so a second
 * returnProcess of the same return would NOT be refused by it: the claim is what holds.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchReturn } from "~/shopify/returns.server";
import { requestReturn } from "~/services/return-request.server";
import { approveReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { requireReturn } from "~/services/return-records.server";
import { ReturnsError } from "~/services/context.server";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { providers } from "../support/test-db";
import { createEngine, type Engine } from "../support/engine";
import { HELD, startLedger, verdict } from "../support/money-invariants";

const STAFF = { type: "STAFF" as const, id: "staff-1" };

describe.each(providers)("concurrent processing on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider);
  });
  afterEach(async () => engine.close());

  it("GIVEN a received return WHEN 50 process calls race THEN Shopify sees one returnProcess and one refund", async () => {
    const ledger = startLedger(engine);
    const snapshot = await fetchOrderSnapshot(engine.admin, engine.api.order(engine.shop, "#1182").id);
    const line = snapshot.fulfillments[0].lines[0];
    const r = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, r.id, STAFF);
    await markReceived(engine.ctx, r.id, STAFF);
    engine.resetCalls();

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => processReturn(engine.ctx, r.id, STAFF)));

    expect(engine.calls.get("ReturnProcess")).toBe(1);
    const fulfilled = results.filter((x) => x.status === "fulfilled");
    const rejected = results.filter((x): x is PromiseRejectedResult => x.status === "rejected");
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    // The losers are told it is in progress (or already done) — never a second refund.
    for (const failure of rejected) {
      expect(failure.reason).toBeInstanceOf(ReturnsError);
      expect(failure.reason.code).toBe("IN_PROGRESS");
    }
    const ret = await requireReturn(engine.ctx, r.id);
    expect(ret.status).toBe("PROCESSED");
    const shopify = await fetchReturn(engine.admin, ret.shopifyReturnId!);
    expect(shopify?.refunds.nodes).toHaveLength(1);

    // And a later click is a no-op.
    expect((await processReturn(engine.ctx, r.id, STAFF)).status).toBe("ALREADY_PROCESSED");
    expect(engine.calls.get("ReturnProcess")).toBe(1);
    // Judged per order from Shopify's side, with its documented cap (what the order paid).
    expect(verdict(await ledger.check([r.id]))).toEqual(HELD);
  });
});
