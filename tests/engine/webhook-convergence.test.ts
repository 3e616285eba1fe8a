/**
 * Webhooks delivered twice, late or out of order leave the same final state (quality.md),
 * and returns created or changed in Shopify's own admin show up in the app.
 * Two app databases watch the same Shopify: one gets every event once, in order; the other
 * gets them duplicated, shuffled and late. Both must end equal to each other and to Shopify.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StandInEvent } from "../../simulator/contracts";
import type { ReturnsContext } from "~/services/context.server";
import { handleReturnsWebhook } from "~/services/return-sync.server";
import { requestReturn } from "~/services/return-request.server";
import { approveReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { ensureShop } from "~/services/shops.server";
import { fetchReturn } from "~/shopify/returns.server";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";
import { createEngine, type Engine } from "../support/engine";

/** Deterministic shuffle (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RELEVANT = /^(returns\/|refunds\/create|orders\/updated|reverse_)/;

async function snapshotOf(ctx: ReturnsContext) {
  const rows = await ctx.db.returnRequest.findMany({
    where: { shopId: ctx.shop.id, shopifyReturnId: { not: null } },
    include: { lines: { orderBy: { fulfillmentLineItemId: "asc" } } },
    orderBy: { shopifyReturnId: "asc" },
  });
  return rows.map((r) => ({
    shopifyReturnId: r.shopifyReturnId,
    status: r.status,
    shopifyStatus: r.shopifyStatus,
    lines: r.lines.map((l) => ({ fli: l.fulfillmentLineItemId, quantity: l.quantity, rfo: l.rfoLineItemId, rli: l.shopifyReturnLineItemId })),
  }));
}

describe.each(providers)("webhook convergence on %s", (provider) => {
  let engine: Engine;
  let second: TestDb;
  let ctxB: ReturnsContext;
  const events: StandInEvent[] = [];

  beforeEach(async () => {
    engine = await createEngine(provider);
    second = await createTestDb(provider);
    const row = await ensureShop(engine.shop, second.db);
    ctxB = { ...engine.ctx, db: second.db, shop: { ...engine.ctx.shop, id: row.id } };
    events.length = 0;
    engine.api.onEvent((e) => {
      if (RELEVANT.test(e.topic)) events.push(e);
    });
  });
  afterEach(async () => {
    await engine.close();
    await second.drop();
  });

  it("GIVEN returns changed by the app and in Shopify's admin WHEN webhooks arrive duplicated, shuffled and late THEN both apps converge on Shopify's state", async () => {
    const random = rng(20261123);
    const ctxA = engine.ctx;
    const pendingB: StandInEvent[] = [];
    const deliverSomeToB = async (share: number) => {
      // Late, shuffled and duplicated: deliver a random share now, keep the rest for later.
      pendingB.sort(() => random() - 0.5);
      const now = pendingB.splice(0, Math.ceil(pendingB.length * share));
      for (const e of now) {
        await handleReturnsWebhook(ctxB, e.topic, e.payload);
        if (random() < 0.3) await handleReturnsWebhook(ctxB, e.topic, e.payload); // duplicate
      }
    };
    const deliverToA = async (from: number) => {
      for (const e of events.slice(from)) await handleReturnsWebhook(ctxA, e.topic, e.payload);
    };

    // 1. The app (A) handles a shopper's request end to end.
    const order = engine.api.order(engine.shop, "#1182");
    const snap = await fetchOrderSnapshot(engine.admin, order.id);
    let seen = 0;
    const r = await requestReturn(ctxA, { orderId: snap.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: snap.fulfillments[0].lines[0].fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(ctxA, r.id, { type: "STAFF" });
    pendingB.push(...events.slice(seen));
    await deliverToA(seen);
    seen = events.length;
    await deliverSomeToB(0.5);

    await markReceived(ctxA, r.id, { type: "STAFF" });
    await processReturn(ctxA, r.id, { type: "STAFF" });
    pendingB.push(...events.slice(seen));
    await deliverToA(seen);
    seen = events.length;
    await deliverSomeToB(0.3);

    // 2. Staff work in Shopify's own admin: a new return on another order, approved there,
    //    and the seeded requested return (#1172) declined there.
    const other = engine.api.order(engine.shop, "#1171");
    const otherSnap = await fetchOrderSnapshot(engine.admin, other.id);
    const created = await engine.api.graphql(
      engine.shop,
      `mutation { returnCreate(returnInput: { orderId: "${other.id}", returnLineItems: [{ fulfillmentLineItemId: "${otherSnap.fulfillments[0].lines[0].fulfillmentLineItemId}", quantity: 1 }] }) { return { id status } userErrors { code message } } }`,
    );
    const createdId = (created.body as { data: { returnCreate: { return: { id: string } } } }).data.returnCreate.return.id;
    const requested = engine.api.store.shop(engine.shop).returns.find((x) => x.status === "REQUESTED")!;
    await engine.api.graphql(
      engine.shop,
      `mutation { returnDeclineRequest(input: { id: "${requested.id}", declineReason: OTHER, declineNote: "Used" }) { return { id status } userErrors { code message } } }`,
    );
    await engine.api.graphql(engine.shop, `mutation { returnClose(id: "${createdId}") { return { id status } userErrors { code message } } }`);
    pendingB.push(...events.slice(seen));
    await deliverToA(seen);
    seen = events.length;

    // 3. Everything left reaches B, late and shuffled, plus a replay of the very first events.
    pendingB.push(...events.slice(0, 3));
    await deliverSomeToB(1);

    const a = await snapshotOf(ctxA);
    const b = await snapshotOf(ctxB);
    expect(b).toEqual(a.filter((x) => b.some((y) => y.shopifyReturnId === x.shopifyReturnId)));
    // Every return Shopify announced is known to both, with Shopify's status.
    const announced = new Set(events.filter((e) => e.topic.startsWith("returns/")).map((e) => (e.payload as { admin_graphql_api_id: string }).admin_graphql_api_id));
    for (const id of announced) {
      const shopify = await fetchReturn(engine.admin, id);
      const local = a.find((x) => x.shopifyReturnId === id);
      expect(local, `app A knows ${id}`).toBeTruthy();
      expect(b.find((x) => x.shopifyReturnId === id), `app B knows ${id}`).toBeTruthy();
      expect(local!.shopifyStatus).toBe(shopify!.status);
    }
    // The return made in Shopify's admin was adopted, closed there.
    expect(a.find((x) => x.shopifyReturnId === createdId)?.status).toBe("CLOSED");
    expect(a.find((x) => x.shopifyReturnId === requested.id)?.status).toBe("DECLINED");
    const appReturnId = (await ctxA.db.returnRequest.findUnique({ where: { id: r.id } }))!.shopifyReturnId;
    expect(a.find((x) => x.shopifyReturnId === appReturnId)?.status).toBe("PROCESSED");
  });
});
