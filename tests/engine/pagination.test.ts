/**
 * Order #1150 ("many-lines"): 260 line items of quantity 1 in one fulfillment. Shopify
 * pages every connection (lineItems, fulfillmentLineItems, returnableFulfillmentLineItems),
 * so the gateway must follow every page, stay under the 1,000-point ceiling per query, and
 * the services must be able to return lines that only show up on the last pages.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { calculateReturn, DEFAULT_RETURN_POLICY } from "~/domain";
import { toMinorUnits } from "~/shopify/money";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { fetchReturn } from "~/shopify/returns.server";
import { approveReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { requireReturn } from "~/services/return-records.server";
import { requestReturn } from "~/services/return-request.server";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-pagination" };
const LINES = 260;
const MAX_QUERY_COST = 1000;

/**
 * Pages the gateway needs for 260 lines in one fulfillment, from the page sizes in
 * app/shopify/orders.server.ts: lineItems 25 in the first query then 25 per page
 * (⌈260/25⌉ − 1 = 10 more), fulfillmentLineItems 8 then 100 per page (⌈252/100⌉ = 3),
 * returnableFulfillmentLineItems 25 then 100 per page (⌈235/100⌉ = 3).
 */
const EXPECTED_PAGES = {
  OrderForReturn: 1,
  OrderLineItemsPage: 10,
  ReturnableFulfillmentsPage: 1,
  ReturnableFulfillmentLinesPage: 3,
  FulfillmentLinesPage: 3,
};

/** Counts THROTTLED answers by operation, so page counts exclude the client's retries. */
function countThrottled(engine: Engine): Map<string, number> {
  const throttled = new Map<string, number>();
  const handle = engine.api.handleGraphql.bind(engine.api);
  engine.api.handleGraphql = async (request: Request) => {
    const body = (await request.clone().json()) as { query: string };
    const response = await handle(request);
    const json = (await response.clone().json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
    if (json?.errors?.some((e) => e.extensions?.code === "THROTTLED")) {
      const name = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? "anonymous";
      throttled.set(name, (throttled.get(name) ?? 0) + 1);
    }
    return response;
  };
  return throttled;
}

/** Requested cost of the answered queries (a THROTTLED answer reports the cost of the query it refused). */
function answeredCost(engine: Engine, throttled: Map<string, number>): number {
  let total = 0;
  for (const [name, costs] of engine.costs) total += costs.slice(throttled.get(name) ?? 0).reduce((a, b) => a + b, 0);
  return total;
}

/** Operations actually answered (HTTP requests minus THROTTLED answers the client retried). */
function pagesUsed(engine: Engine, throttled: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...engine.calls].map(([name, n]) => [name, n - (throttled.get(name) ?? 0)]));
}

function maxCost(engine: Engine): { name: string; cost: number } {
  let worst = { name: "", cost: 0 };
  for (const [name, costs] of engine.costs) for (const cost of costs) if (cost > worst.cost) worst = { name, cost };
  return worst;
}

describe.each(providers)("an order with 260 line items (#1150) on %s", (provider) => {
  let engine: Engine;
  let throttled: Map<string, number>;
  beforeEach(async () => {
    engine = await createEngine(provider);
    throttled = countThrottled(engine);
  });
  afterEach(async () => engine.close());

  it("GIVEN #1150 with 260 lines WHEN fetchOrderSnapshot reads it THEN every line item, fulfillment line and returnable quantity is there, once, using exactly the expected pages, each query ≤ 1000 points", async () => {
    const rec = engine.api.order(engine.shop, "#1150");
    expect(rec.lines).toHaveLength(LINES);
    engine.resetCalls();
    throttled.clear();

    const order = await fetchOrderSnapshot(engine.admin, rec.id);

    // Line items: all 260, unique, the same ones (and order) the stand-in holds.
    const lineIds = order.lineItems.map((l) => l.id);
    expect(lineIds).toHaveLength(LINES);
    expect(new Set(lineIds).size).toBe(LINES);
    expect(lineIds).toEqual(rec.lines.map((l) => l.id));

    // Fulfillment lines: one fulfillment, 260 unique lines, each pointing at a distinct line item.
    expect(order.fulfillments).toHaveLength(1);
    const flis = order.fulfillments[0].lines;
    expect(flis).toHaveLength(LINES);
    expect(new Set(flis.map((l) => l.fulfillmentLineItemId)).size).toBe(LINES);
    expect(new Set(flis.map((l) => l.lineItemId))).toEqual(new Set(lineIds));

    // Returnable quantities: one unit on each of the 260 fulfillment lines.
    const returnable = order.returnableQuantities;
    expect(Object.keys(returnable)).toHaveLength(LINES);
    expect(new Set(Object.keys(returnable))).toEqual(new Set(flis.map((l) => l.fulfillmentLineItemId)));
    expect(Object.values(returnable).every((q) => q === 1)).toBe(true);

    // The pages it took, and what each cost.
    const pages = pagesUsed(engine, throttled);
    console.log(
      `#1150 snapshot: ${JSON.stringify(pages)} = ${Object.values(pages).reduce((a, b) => a + b, 0)} queries ` +
        `(+${[...throttled.values()].reduce((a, b) => a + b, 0)} THROTTLED answers retried), requested cost ${answeredCost(engine, throttled)}: ${JSON.stringify(Object.fromEntries(engine.costs))}`,
    );
    expect(pages).toEqual(EXPECTED_PAGES);
    const worst = maxCost(engine);
    expect(worst.cost, `${worst.name} requested ${worst.cost} points`).toBeLessThanOrEqual(MAX_QUERY_COST);
  });

  it("GIVEN the 255th and the last (260th) line of #1150 WHEN a refund return of them is requested, approved, received and processed THEN Shopify's return holds exactly those lines, the refund is the domain's, and no query exceeds 1000 points", async () => {
    const rec = engine.api.order(engine.shop, "#1150");
    const snapshot = await fetchOrderSnapshot(engine.admin, rec.id);
    const wanted = [snapshot.lineItems[254], snapshot.lineItems[259]];
    const byLineItem = new Map(snapshot.fulfillments[0].lines.map((l) => [l.lineItemId, l]));
    const lines = wanted.map((li) => byLineItem.get(li.id)!);
    expect(lines.every(Boolean)).toBe(true);
    // Those lines come only from the last page of every paginated connection.
    const fliIndexes = lines.map((l) => snapshot.fulfillments[0].lines.indexOf(l));
    expect(Math.min(...fliIndexes)).toBeGreaterThanOrEqual(208); // past 8 + 2 × 100 fulfillment lines
    engine.resetCalls();
    throttled.clear();

    const requested = await requestReturn(engine.ctx, {
      orderId: rec.id,
      method: "DROP_OFF",
      lines: lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" as const, reasonHandle: "unwanted" })),
    });
    expect(requested.status).toBe("REQUESTED");
    let ret = await approveReturn(engine.ctx, requested.id, STAFF);
    expect(ret.status).toBe("APPROVED");
    ret = await markReceived(engine.ctx, ret.id, STAFF);
    const processed = await processReturn(engine.ctx, ret.id, STAFF);
    expect(processed.status).toBe("PROCESSED");

    // What the services sent: the order is read twice (request, process), every page each time.
    const pages = pagesUsed(engine, throttled);
    const total = Object.values(pages).reduce((a, b) => a + b, 0);
    console.log(
      `#1150 request → approve → receive → process: ${total} queries ${JSON.stringify(pages)} (+${[...throttled.values()].reduce((a, b) => a + b, 0)} THROTTLED answers retried), requested cost ${answeredCost(engine, throttled)}`,
    );
    expect(pages).toMatchObject(Object.fromEntries(Object.entries(EXPECTED_PAGES).map(([name, n]) => [name, 2 * n])));
    const worst = maxCost(engine);
    expect(worst.cost, `${worst.name} requested ${worst.cost} points`).toBeLessThanOrEqual(MAX_QUERY_COST);

    // Shopify's return: exactly the two late lines, processed, one refund.
    const shopify = await fetchReturn(engine.admin, processed.ret.shopifyReturnId!);
    const returned = shopify!.returnLineItems.nodes.map((n) => n as typeof n & { fulfillmentLineItem: { id: string; lineItem: { id: string } } });
    expect(returned.map((n) => n.fulfillmentLineItem.lineItem.id).sort()).toEqual(wanted.map((li) => li.id).sort());
    expect(returned.every((n) => n.processedQuantity === 1)).toBe(true);
    expect(shopify!.refunds.nodes).toHaveLength(1);

    const expected = calculateReturn({
      order: snapshot,
      policy: DEFAULT_RETURN_POLICY,
      lines: wanted.map((li) => ({ lineItemId: li.id, quantity: 1, resolution: "REFUND", restockingFeePercent: 0 })),
      returnMethod: "DROP_OFF",
      processedAt: engine.clock.now(),
    });
    expect(expected.settlement.originalPayment.amount).toBe(wanted[0].originalUnitPrice + wanted[1].originalUnitPrice);
    const refunded = shopify!.refunds.nodes[0].totalRefundedSet.presentmentMoney;
    expect(toMinorUnits(refunded.amount, refunded.currencyCode)).toBe(expected.settlement.originalPayment.amount);
    expect((await requireReturn(engine.ctx, ret.id)).refundAmount).toBe(expected.settlement.originalPayment.amount);

    // Afterwards Shopify no longer offers those two lines; the other 258 stay returnable.
    const after = await fetchOrderSnapshot(engine.admin, rec.id);
    expect(Object.keys(after.returnableQuantities)).toHaveLength(LINES - 2);
    for (const l of lines) expect(after.returnableQuantities[l.fulfillmentLineItemId]).toBeUndefined();
  });
});

describe.each(providers)("a return of more than 50 lines of #1150 on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider);
  });
  afterEach(async () => engine.close());

  // Regression: a Return's lines used to be read only up to 50, so lines 51+ never got their
  // Shopify ids and processing failed. fetchReturn now pages both connections.
  it("GIVEN a refund return of 60 lines of #1150 WHEN approved, received and processed THEN every line is linked to Shopify and processed", async () => {
    const rec = engine.api.order(engine.shop, "#1150");
    const snapshot = await fetchOrderSnapshot(engine.admin, rec.id);
    const lines = snapshot.fulfillments[0].lines.slice(0, 60);
    const requested = await requestReturn(engine.ctx, {
      orderId: rec.id,
      method: "DROP_OFF",
      lines: lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" as const })),
    });
    const approved = await approveReturn(engine.ctx, requested.id, STAFF);
    expect(approved.lines).toHaveLength(60);
    expect(approved.lines.filter((l) => l.shopifyReturnLineItemId && l.rfoLineItemId)).toHaveLength(60);
    await markReceived(engine.ctx, requested.id, STAFF);
    const processed = await processReturn(engine.ctx, requested.id, STAFF);
    expect(processed.status).toBe("PROCESSED");
  });
});
