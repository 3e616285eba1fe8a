/**
 * Amounts never overflow: an IDR order worth Rp 350,000,000 (35,000,000,000 minor units, far
 * past the 2^31 of a 32-bit column) goes through request → process on both databases, and
 * every stored amount comes back exact, as a number. Fails on PostgreSQL with INTEGER money
 * columns ("value out of range for type integer").
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MONEY_FIELDS } from "~/db.server";
import { approveReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { requestReturn } from "~/services/return-request.server";
import { requireReturn } from "~/services/return-records.server";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { providers } from "../support/test-db";
import { createEngine, TEST_NOW, type Engine } from "../support/engine";

const STAFF = { type: "STAFF" as const, id: "staff" };
const UNIT = 35_000_000_000; // Rp 350,000,000.00

describe("money columns", () => {
  it("GIVEN the data model WHEN the PostgreSQL schema is derived THEN every money column is BigInt and the app converts exactly those", () => {
    const root = new URL("../../", import.meta.url).pathname;
    const marked = [...readFileSync(`${root}/prisma/schema.prisma`, "utf8").matchAll(/^\s+(\w+)\s+Int\??[ \t][^\n]*\/\/\s*money/gm)].map((m) => m[1]);
    const widened = [...readFileSync(`${root}/prisma/postgresql/schema.prisma`, "utf8").matchAll(/^\s+(\w+)\s+BigInt\??[ \t][^\n]*\/\/\s*money/gm)].map((m) => m[1]);
    expect(new Set(marked)).toEqual(new Set(MONEY_FIELDS));
    expect(new Set(widened)).toEqual(new Set(MONEY_FIELDS));
  });
});

describe.each(providers)("large amounts on %s", (provider) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(provider);
  });
  afterAll(async () => engine?.close());

  it("GIVEN an IDR order of Rp 700,000,000 WHEN one unit is returned and refunded THEN the app stores Rp 350,000,000 exactly, equal to Shopify's refund", async () => {
    const shop = engine.api.store.shop(engine.shop);
    // The demo shop sells in SEK; it takes rupiah here (1 IDR = 0.00067 SEK).
    shop.info.presentmentCurrencies.IDR = { num: 67, den: 100_000 };
    const customer = shop.customers[0];
    const variant = shop.variants[0];
    const order = engine.api.createOrder(engine.shop, {
      processedAt: new Date(new Date(TEST_NOW).getTime() - 5 * 86_400_000).toISOString(),
      customerId: customer.id,
      currency: "IDR",
      taxesIncluded: true,
      lines: [{ variantId: variant.id, quantity: 2, unitPrice: UNIT }],
      shipping: null,
      fulfillments: [{ createdAt: new Date(new Date(TEST_NOW).getTime() - 4 * 86_400_000).toISOString(), deliveredAt: new Date(new Date(TEST_NOW).getTime() - 2 * 86_400_000).toISOString() }],
    });
    const snapshot = await fetchOrderSnapshot(engine.admin, order.id);
    const line = snapshot.fulfillments[0].lines[0];
    const r = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    let ret = await requireReturn(engine.ctx, r.id);
    expect(typeof ret.refundAmount).toBe("number");
    expect(ret.refundAmount).toBe(UNIT);
    expect(ret.lines[0].unitPrice).toBe(UNIT);

    await approveReturn(engine.ctx, r.id, STAFF);
    await markReceived(engine.ctx, r.id, STAFF);
    expect((await processReturn(engine.ctx, r.id, STAFF)).status).toBe("PROCESSED");
    ret = await requireReturn(engine.ctx, r.id);
    expect(ret.refundAmount).toBe(UNIT);
    const refunded = shop.nodes.get(order.transactionIds[0]) && [...shop.nodes.values()]
      .filter((n) => (n as { kind?: string; orderId?: string }).kind === "REFUND" && (n as { orderId?: string }).orderId === order.id)
      .reduce((a, n) => a + (n as { amountMinor: number }).amountMinor, 0);
    expect(refunded).toBe(UNIT);

    // Aggregates come back as numbers too.
    const sum = await engine.t.db.returnRequest.aggregate({ _sum: { refundAmount: true }, where: { id: r.id } });
    expect(sum._sum.refundAmount).toBe(UNIT);
  });
});
