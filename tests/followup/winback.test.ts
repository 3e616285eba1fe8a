/**
 * Win-back against the stand-in, on SQLite and PostgreSQL: who gets an offer, the code that
 * Shopify holds (customer, one use, end date, minimum), the e-mail's variables, and that no
 * re-run, race, crash or duplicate webhook ever makes a second code or e-mail.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CustomerRec } from "../../simulator/admin/model";
import { orderPayload } from "../../simulator/admin/events";
import { customerOrders } from "../../simulator/admin/store";
import { discountCodes } from "../../simulator/admin/discounts";
import { runWinbackScan, unsubscribe, CLAIM_LEASE_MS } from "~/followup/winback.server";
import { saveWinbackSettings } from "~/followup/winback-settings.server";
import { recordCustomerOrder } from "~/followup/orders-seen.server";
import { verifyLink, customerLegacyId } from "~/followup/links.server";
import { DEFAULT_WINBACK_SETTINGS } from "~/domain/followup/winback";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";
import { createRecordingMailer } from "../support/recording-mailer";

const DAY = 86_400_000;
const SECRET = "test-secret";

describe.each(providers)("win-back on %s", (provider) => {
  let e: Engine;
  let mailer: ReturnType<typeof createRecordingMailer>;
  let n = 0;
  beforeEach(async () => {
    e = await createEngine(provider);
    mailer = createRecordingMailer();
    await saveWinbackSettings(e.ctx.db, e.ctx.shop.id, { ...DEFAULT_WINBACK_SETTINGS, enabled: true, minimumOrderAmount: 50000, validityDays: 30 });
  });
  afterEach(async () => e.close());

  const shopState = () => e.api.store.shop(e.shop);
  /** Codes the app made (the seed has a discount of its own). */
  const winbackCodes = () => discountCodes(shopState()).filter((d) => d.code.startsWith("BACK-"));
  /** Seeded customers whose every order is older than `before`, by consent. */
  const customersWithoutOrdersAfter = (before: Date, state: "SUBSCRIBED" | "NOT_SUBSCRIBED") =>
    shopState().customers.filter(
      (c: CustomerRec) => (c.marketingState ?? "NOT_SUBSCRIBED") === state && customerOrders(shopState(), c).every((o) => Date.parse(o.createdAt) < before.getTime()),
    );

  async function refundedReturn(customerId: string, options: { daysAgo?: number; resolution?: string; storeCredit?: number } = {}) {
    n++;
    const processedAt = new Date(e.clock.now().getTime() - (options.daysAgo ?? 15) * DAY);
    return e.ctx.db.returnRequest.create({
      data: {
        shopId: e.ctx.shop.id,
        rmaNumber: `R-WB-${n}`,
        status: "CLOSED",
        orderId: `gid://shopify/Order/9${n}`,
        orderName: `#9${n}`,
        customerId,
        method: "DROP_OFF",
        currency: "SEK",
        refundAmount: options.resolution === "STORE_CREDIT" ? 0 : 49900,
        storeCreditAmount: options.storeCredit ?? 0,
        statusToken: `wb-token-${provider}-${n}-${Math.random().toString(36).slice(2)}`,
        requestedAt: new Date(processedAt.getTime() - 5 * DAY),
        processedAt,
        closedAt: processedAt,
        lines: { create: { shopId: e.ctx.shop.id, fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/9${n}`, title: "Sweater", quantity: 1, unitPrice: 49900, resolution: options.resolution ?? "REFUND" } },
      },
    });
  }
  const scan = () => runWinbackScan({ ctx: e.ctx, mailer, secret: SECRET });

  it("GIVEN a consenting customer refunded 15 days ago who did not reorder WHEN the scan runs THEN Shopify holds one code only they can use once, before it ends, above the minimum; the e-mail carries it", async () => {
    const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
    const customer = customersWithoutOrdersAfter(refundDate, "SUBSCRIBED")[0]!;
    await refundedReturn(customer.id);

    const report = await scan();
    expect(report).toMatchObject({ considered: 1, sent: 1, failed: [] });

    const codes = winbackCodes();
    expect(codes).toHaveLength(1);
    const code = codes[0]!;
    expect(code.code).toMatch(/^BACK-[A-Z2-9]{10}$/);
    expect(code.customerIds).toEqual([customer.id]);
    expect(code.usageLimit).toBe(1);
    expect(code.appliesOncePerCustomer).toBe(true);
    expect(code.value).toEqual({ percentage: 0.15 });
    expect(code.minimumSubtotal).toBe(50000);
    expect(Date.parse(code.endsAt!)).toBe(e.clock.now().getTime() + 30 * DAY);
    // Read back through the API, as the merchant's admin would see it.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const viewed: any = await e.admin.request(
      `query WinbackCodeView($c: String!) { codeDiscountNodeByCode(code: $c) { codeDiscount { ... on DiscountCodeBasic { usageLimit endsAt context { ... on DiscountCustomers { customers { id } } } minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount } } } } } } }`,
      { c: code.code } as never,
    );
    expect(viewed.data.codeDiscountNodeByCode.codeDiscount).toMatchObject({ usageLimit: 1, context: { customers: [{ id: customer.id }] }, minimumRequirement: { greaterThanOrEqualToSubtotal: { amount: "500.0" } } });

    expect(mailer.messages).toHaveLength(1);
    const mail = mailer.messages[0]!;
    expect(mail).toMatchObject({ shop: e.shop, step: "winback_offer", to: customer.emailAddress, locale: customer.locale });
    expect(mail.idempotencyKey).toMatch(new RegExp(`^winback:${customer.id}:p180-\\d+$`));
    expect(mail.variables).toMatchObject({ customer_first_name: customer.firstName, discount_code: code.code, shop_name: shopState().info.name });
    expect(String(mail.variables.discount_value)).toMatch(/15\s?%/);
    expect(String(mail.variables.minimum_order)).toMatch(/500/);
    const unsub = new URL(String(mail.variables.unsubscribe_url));
    const id = customerLegacyId(customer.id);
    expect(unsub.pathname).toMatch(new RegExp(`/apps/returns/unsubscribe/${id}$`));
    expect(verifyLink(SECRET, "unsubscribe", [e.shop, id], unsub.searchParams.get("s"))).toBe(true);

    // The code works for that customer, once: a second use and another customer are refused.
    const variant = shopState().variants[0]!;
    const order = { processedAt: e.clock.now().toISOString(), lines: [{ variantId: variant.id, quantity: 1, unitPrice: 60000 }], orderDiscount: { code: code.code, kind: "code" as const, percentage: 15 } };
    const other = shopState().customers.find((c) => c.id !== customer.id)!;
    expect(() => e.api.createOrder(e.shop, { ...order, customerId: other.id })).toThrow(/not for this customer/);
    e.api.createOrder(e.shop, { ...order, customerId: customer.id });
    expect(() => e.api.createOrder(e.shop, { ...order, customerId: customer.id })).toThrow(/used up/);

    // Re-runs: nothing new.
    const again = await scan();
    expect(again.sent).toBe(0);
    expect(winbackCodes()).toHaveLength(1);
    expect(mailer.messages).toHaveLength(1);
  });

  it("GIVEN customers who did not accept marketing, took store credit, exchanged, or were refunded too recently THEN no code and no e-mail", async () => {
    const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
    const [noConsent] = customersWithoutOrdersAfter(refundDate, "NOT_SUBSCRIBED");
    const [credit, exchange, recent] = customersWithoutOrdersAfter(refundDate, "SUBSCRIBED");
    await refundedReturn(noConsent!.id);
    await refundedReturn(credit!.id);
    await refundedReturn(credit!.id, { resolution: "STORE_CREDIT", storeCredit: 30000, daysAgo: 20 });
    await refundedReturn(exchange!.id, { resolution: "EXCHANGE" });
    await refundedReturn(recent!.id, { daysAgo: 5 });

    const report = await scan();
    expect(report.sent).toBe(0);
    expect(report.skipped).toEqual({ NO_CONSENT: 1, EXCHANGED_OR_CREDIT: 2 });
    expect(winbackCodes()).toHaveLength(0);
    expect(mailer.messages).toHaveLength(0);
  });

  it("GIVEN the customer ordered again (orders/create, delivered twice; or only visible in Shopify) THEN no offer", async () => {
    const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
    const [viaWebhook, viaQuery] = customersWithoutOrdersAfter(refundDate, "SUBSCRIBED");
    await refundedReturn(viaWebhook!.id);
    await refundedReturn(viaQuery!.id);
    const variant = shopState().variants[0]!;
    const placed = (customerId: string) =>
      e.api.createOrder(e.shop, { customerId, processedAt: new Date(e.clock.now().getTime() - 2 * DAY).toISOString(), lines: [{ variantId: variant.id, quantity: 1 }] });
    const order = placed(viaWebhook!.id);
    const payload = orderPayload(shopState(), order);
    expect(await recordCustomerOrder(e.ctx.db, e.shop, payload)).toBe("RECORDED");
    expect(await recordCustomerOrder(e.ctx.db, e.shop, payload)).toBe("DUPLICATE");
    placed(viaQuery!.id);

    e.resetCalls();
    const report = await scan();
    expect(report).toMatchObject({ sent: 0, skipped: { ORDERED_AGAIN: 2 } });
    // The webhook's record spared one Shopify query.
    expect(e.calls.get("WinbackCustomer")).toBe(1);
    expect(winbackCodes()).toHaveLength(0);
  });

  it("GIVEN three scans at the same time THEN one code and one e-mail per customer", async () => {
    const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
    const some = customersWithoutOrdersAfter(refundDate, "SUBSCRIBED").slice(0, 3);
    for (const c of some) await refundedReturn(c.id);
    const reports = await Promise.all([scan(), scan(), scan()]);
    expect(reports.reduce((s, r) => s + r.sent, 0)).toBe(3);
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
    expect(winbackCodes()).toHaveLength(3);
    expect(mailer.messages).toHaveLength(3);
    expect(new Set(mailer.messages.map((m) => m.to)).size).toBe(3);
  });

  it("GIVEN a run that died after creating the code WHEN the next run comes after the lease THEN it finishes with the same code, and one e-mail", async () => {
    const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
    const [c] = customersWithoutOrdersAfter(refundDate, "SUBSCRIBED");
    await refundedReturn(c!.id);
    mailer.failNext(new Error("outbox down"));
    const first = await scan();
    expect(first.failed).toHaveLength(1);
    expect(winbackCodes()).toHaveLength(1);
    expect((await e.ctx.db.winbackOffer.findFirst())?.status).toBe("PENDING");

    // Within the lease the claim is someone else's work in progress.
    expect((await scan()).skipped).toEqual({ IN_PROGRESS: 1 });
    e.clock.advance(CLAIM_LEASE_MS + 1);
    const second = await scan();
    expect(second.sent).toBe(1);
    expect(winbackCodes()).toHaveLength(1);
    expect(mailer.messages.map((m) => m.variables.discount_code)).toEqual([winbackCodes()[0]!.code]);
    expect((await e.ctx.db.winbackOffer.findFirst())?.status).toBe("SENT");
  });

  it("GIVEN an offer sent WHEN the period has passed and there is a new refund THEN a second offer; within the period THEN none", async () => {
    const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
    const [c] = customersWithoutOrdersAfter(refundDate, "SUBSCRIBED");
    await refundedReturn(c!.id);
    expect((await scan()).sent).toBe(1);
    e.clock.advance(100 * DAY);
    await refundedReturn(c!.id, { daysAgo: 15 });
    expect((await scan()).skipped).toEqual({ ALREADY_OFFERED: 1 });
    e.clock.advance(90 * DAY);
    await refundedReturn(c!.id, { daysAgo: 15 });
    expect((await scan()).sent).toBe(1);
    expect(winbackCodes()).toHaveLength(2);
  });

  it("GIVEN a customer who unsubscribes THEN it is recorded, Shopify's consent says UNSUBSCRIBED, and no offer goes out; if Shopify is down the next scan syncs it", async () => {
    const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
    const [a, b] = customersWithoutOrdersAfter(refundDate, "SUBSCRIBED");
    await refundedReturn(a!.id);
    await refundedReturn(b!.id);

    expect(await unsubscribe(e.ctx, a!.id)).toEqual({ synced: true });
    expect(a!.marketingState).toBe("UNSUBSCRIBED");

    e.failOperation("WinbackUnsubscribe", 503);
    expect(await unsubscribe(e.ctx, b!.id)).toEqual({ synced: false });
    expect(b!.marketingState).toBe("SUBSCRIBED");
    expect((await e.ctx.db.marketingUnsubscribe.findFirst({ where: { customerId: b!.id } }))?.lastError).toBeTruthy();
    e.failOperation("WinbackUnsubscribe", null);

    const report = await scan();
    expect(report.unsubscribesSynced).toBe(1);
    expect(b!.marketingState).toBe("UNSUBSCRIBED");
    expect(report.sent).toBe(0);
    expect(report.skipped).toEqual({ UNSUBSCRIBED: 2 });
  });
});

describe.each(providers)("win-back stats on %s", (provider) => {
  it("GIVEN two codes sent and one used in an order THEN sent 2, used 1, revenue = that order's total", async () => {
    const { runWinbackScan } = await import("~/followup/winback.server");
    const { winbackStats } = await import("~/followup/winback-stats.server");
    const e = await createEngine(provider);
    try {
      const mailer = createRecordingMailer();
      await saveWinbackSettings(e.ctx.db, e.ctx.shop.id, { ...DEFAULT_WINBACK_SETTINGS, enabled: true });
      const shop = e.api.store.shop(e.shop);
      const refundDate = new Date(e.clock.now().getTime() - 15 * DAY);
      const picked = shop.customers
        .filter((c) => c.marketingState === "SUBSCRIBED" && customerOrders(shop, c).every((o) => Date.parse(o.createdAt) < refundDate.getTime()))
        .slice(0, 2);
      for (const [i, c] of picked.entries()) {
        await e.ctx.db.returnRequest.create({
          data: {
            shopId: e.ctx.shop.id, rmaNumber: `R-ST-${i}`, status: "CLOSED", orderId: `gid://shopify/Order/8${i}`, orderName: `#8${i}`, customerId: c.id,
            method: "DROP_OFF", currency: "SEK", refundAmount: 1000, statusToken: `st-${provider}-${i}-${Date.now()}`, processedAt: refundDate,
          },
        });
      }
      expect((await runWinbackScan({ ctx: e.ctx, mailer, secret: SECRET })).sent).toBe(2);
      const code = String(mailer.messages[0]!.variables.discount_code);
      const buyer = picked.find((c) => mailer.messages[0]!.to === c.emailAddress)!;
      const order = e.api.createOrder(e.shop, {
        customerId: buyer.id,
        processedAt: e.clock.now().toISOString(),
        lines: [{ variantId: shop.variants[0]!.id, quantity: 2, unitPrice: 40000 }],
        orderDiscount: { code, kind: "code", percentage: 15 },
      });
      const stats = await winbackStats(e.ctx);
      expect(stats).toMatchObject({ sent: 2, used: 1, currency: "SEK", shopifyUnavailable: false });
      const total = (await e.admin.request(`query WinbackStatsOrder($id: ID!) { order(id: $id) { currentTotalPriceSet { shopMoney { amount } } } }` as never, { id: order.id } as never)) as { data: { order: { currentTotalPriceSet: { shopMoney: { amount: string } } } } };
      expect(stats.revenue).toBe(Math.round(Number(total.data.order.currentTotalPriceSet.shopMoney.amount) * 100));
      expect(stats.revenue).toBeGreaterThan(0);
    } finally {
      await e.close();
    }
  });
});
