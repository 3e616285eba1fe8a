/**
 * Uninstall and privacy webhooks do their real job over every table that holds shop or
 * customer data, on SQLite and (when TEST_POSTGRES_URL is set) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma-sqlite/client";
import type { Db } from "~/db.server";
import {
  handleAppUninstalled,
  handleCustomerDataRequest,
  handleCustomerRedact,
  handleShopRedact,
} from "~/services/compliance.server";
import { refreshSummaries } from "~/services/analytics/summary/refresh.server";
import { createTestDb, providers, TEST_POSTGRES_URL, type TestDb } from "../support/test-db";

const SHOP_A = "shop-a.myshopify.com";
const SHOP_B = "shop-b.myshopify.com";

/** How to find one shop's rows in each table. A new model must be added here (test below). */
const rowsOfShop: Record<Prisma.ModelName, (db: Db, shop: string) => Promise<number>> = {
  Session: (db, shop) => db.session.count({ where: { shop } }),
  Shop: (db, shop) => db.shop.count({ where: { domain: shop } }),
  ReturnPolicy: (db, shop) => db.returnPolicy.count({ where: { shop: { domain: shop } } }),
  PolicyVersion: (db, shop) => db.policyVersion.count({ where: { shop: { domain: shop } } }),
  ReturnRequest: (db, shop) => db.returnRequest.count({ where: { shop: { domain: shop } } }),
  ReturnPhoto: (db, shop) => db.returnPhoto.count({ where: { returnRequest: { shop: { domain: shop } } } }),
  ReturnLabel: (db, shop) => db.returnLabel.count({ where: { returnRequest: { shop: { domain: shop } } } }),
  ReturnLine: (db, shop) => db.returnLine.count({ where: { returnRequest: { shop: { domain: shop } } } }),
  ReturnEvent: (db, shop) => db.returnEvent.count({ where: { returnRequest: { shop: { domain: shop } } } }),
  RefundAttempt: (db, shop) => db.refundAttempt.count({ where: { returnRequest: { shop: { domain: shop } } } }),
  WebhookDelivery: (db, shop) => db.webhookDelivery.count({ where: { shop } }),
  ComplianceRequest: (db, shop) => db.complianceRequest.count({ where: { shop } }),
  RateLimit: (db, shop) => db.rateLimit.count({ where: { shop } }),
  StaffPreference: (db, shop) => db.staffPreference.count({ where: { shop } }),
  LookupTokenUse: (db, shop) => db.lookupTokenUse.count({ where: { shop } }),
  OrderLineFact: async (db, shop) => db.orderLineFact.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  SoldMonth: async (db, shop) => db.soldMonth.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  ProductFact: async (db, shop) => db.productFact.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  SalesSync: async (db, shop) => db.salesSync.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  AnalyticsDirty: async (db, shop) => db.analyticsDirty.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  AnalyticsSummaryState: async (db, shop) => db.analyticsSummaryState.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  AnalyticsReturnFact: async (db, shop) => db.analyticsReturnFact.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  AnalyticsLineFact: async (db, shop) => db.analyticsLineFact.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  BackgroundJob: (db, shop) => db.backgroundJob.count({ where: { shop } }),
  ReturnFeedback: async (db, shop) => db.returnFeedback.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  WinbackSettings: async (db, shop) => db.winbackSettings.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  WinbackOffer: async (db, shop) => db.winbackOffer.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  CustomerOrderSeen: async (db, shop) => db.customerOrderSeen.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  MarketingUnsubscribe: async (db, shop) => db.marketingUnsubscribe.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
  EmailMessage: (db, shop) => db.emailMessage.count({ where: { shop } }),
  EmailTemplate: (db, shop) => db.emailTemplate.count({ where: { shop } }),
  EmailSettings: (db, shop) => db.emailSettings.count({ where: { shop } }),
  InboxSavedView: async (db, shop) => db.inboxSavedView.count({ where: { shopId: { in: await shopIdsOf(db, shop) } } }),
};

async function shopIdsOf(db: Db, domain: string): Promise<string[]> {
  return (await db.shop.findMany({ where: { domain }, select: { id: true } })).map((s) => s.id);
}

async function seedShop(db: Db, domain: string) {
  const shop = await db.shop.create({ data: { domain, name: domain } });
  await db.session.create({
    data: { id: `offline_${domain}`, shop: domain, state: "s", accessToken: "shpat_x", scope: "read_orders" },
  });
  await db.returnPolicy.create({ data: { shopId: shop.id, document: "{}" } });
  await db.policyVersion.create({ data: { shopId: shop.id, version: 1, document: "{}", actorName: "Staff" } });
  await db.rateLimit.create({ data: { key: `${domain}-lookup`, shop: domain, windowStart: new Date(), count: 1 } });
  await db.staffPreference.create({ data: { shop: domain, userId: "1", locale: "sv" } });
  await db.lookupTokenUse.create({ data: { id: `${domain}-nonce`, shop: domain, expiresAt: new Date() } });
  const now = new Date();
  await db.orderLineFact.create({
    data: { shopId: shop.id, orderId: "gid://shopify/Order/100", lineItemId: `${domain}-li`, processedAt: now, title: "Sweater", quantity: 1, shopAmount: 100, currency: "SEK", amount: 100 },
  });
  await db.productFact.create({ data: { shopId: shop.id, productId: "gid://shopify/Product/1", title: "Sweater", syncedAt: now } });
  await db.salesSync.create({ data: { shopId: shop.id, coveredFrom: now, watermark: now, syncedAt: now } });
  await db.backgroundJob.create({ data: { name: "reconcile-shop", key: domain, shop: domain, data: JSON.stringify({ shop: domain }), maxAttempts: 5, retryDelayMs: 1000 } });
  await db.winbackSettings.create({ data: { shopId: shop.id, enabled: true } });
  await db.winbackOffer.create({ data: { shopId: shop.id, customerId: "gid://shopify/Customer/7", periodKey: "p", status: "SENT", claimedAt: now } });
  await db.customerOrderSeen.create({ data: { shopId: shop.id, customerId: "gid://shopify/Customer/7", orderId: `${domain}-o`, createdAt: now } });
  await db.marketingUnsubscribe.create({ data: { shopId: shop.id, customerId: "gid://shopify/Customer/7" } });
  await db.inboxSavedView.create({ data: { shopId: shop.id, name: "Mine", query: "sla=1" } });
  for (const [i, customer] of [
    { id: "gid://shopify/Customer/7", email: "astrid@example.com", name: "Astrid Lind" },
    { id: "gid://shopify/Customer/8", email: "bo@example.com", name: "Bo Berg" },
  ].entries()) {
    const ret = await db.returnRequest.create({
      data: {
        shopId: shop.id,
        rmaNumber: `R-${1001 + i}`,
        status: "REQUESTED",
        orderId: `gid://shopify/Order/${100 + i}`,
        orderName: `#${1001 + i}`,
        customerId: customer.id,
        customerEmail: customer.email,
        customerName: customer.name,
        method: "DROP_OFF",
        currency: "SEK",
        statusToken: `${domain}-token-${i}`,
        lines: {
          create: {
            shopId: shop.id,
            fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${i}`,
            title: "Wool sweater",
            quantity: 1,
            unitPrice: 89900,
            resolution: "REFUND",
            customerNote: `note from ${customer.name}`,
            photos: JSON.stringify([`photos/${customer.email}.jpg`]),
          },
        },
        events: {
          create: { shopId: shop.id, type: "requested", actor: "SHOPPER", data: JSON.stringify({ email: customer.email }) },
        },
        refundAttempts: {
          create: { shopId: shop.id, stage: "PROCESS", idempotencyKey: `${domain}-${i}`, status: "SUCCEEDED" },
        },
      },
    });
    expect(ret.id).toBeTruthy();
    const line = await db.returnLine.findFirstOrThrow({ where: { returnRequestId: ret.id } });
    await db.returnPhoto.create({
      data: { shopId: shop.id, returnRequestId: ret.id, returnLineId: line.id, contentType: "image/jpeg", size: 3, sha256: "x", data: Buffer.from([0xff, 0xd8, 0xff]) },
    });
    await db.returnLabel.create({
      data: { shopId: shop.id, returnRequestId: ret.id, filename: "label.pdf", size: 9, sha256: "y", pages: 1, data: Buffer.from(`%PDF-${customer.name}`), stagedUrl: "https://staged.example/label.pdf" },
    });
    await db.returnFeedback.create({ data: { shopId: shop.id, returnRequestId: ret.id, rating: 4, comment: `comment from ${customer.name}` } });
    await db.webhookDelivery.create({
      data: {
        shop: domain,
        dedupeKey: `${domain}-wh-${i}`,
        webhookId: `wh-${i}`,
        topic: "orders/updated",
        payload: JSON.stringify({ customer: { id: 7 + i, email: customer.email } }),
      },
    });
  }
  // The analytics summary of these returns (facts with the shoppers' comments).
  await refreshSummaries(db, shop.id, "UTC");
}

describe.each(providers)("compliance on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => t?.drop());

  it("covers every model of the data model", () => {
    expect(Object.keys(rowsOfShop).sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("GIVEN two shops WHEN shop A is redacted THEN nothing of A is left in any table and B is untouched", async () => {
    await seedShop(t.db, SHOP_A);
    await seedShop(t.db, SHOP_B);
    await handleCustomerDataRequest(SHOP_A, { id: 7, email: "astrid@example.com" }, t.db);

    await handleAppUninstalled(SHOP_A, t.db);
    expect(await handleShopRedact(SHOP_A, t.db, { shop_domain: SHOP_A })).toBe("REDACTED");

    for (const [model, count] of Object.entries(rowsOfShop)) {
      expect(await count(t.db, SHOP_A), `${model} rows left for shop A`).toBe(0);
    }
    expect(await rowsOfShop.ReturnRequest(t.db, SHOP_B)).toBe(2);
    expect(await rowsOfShop.Session(t.db, SHOP_B)).toBe(1);
  });

  it("GIVEN a customer's returns WHEN a data request arrives THEN the export holds their returns only", async () => {
    const request = await handleCustomerDataRequest(SHOP_B, { id: 7, email: "astrid@example.com" }, t.db);
    const exported = JSON.parse(request.export!);
    expect(exported.returns).toHaveLength(1);
    expect(exported.returns[0].customerEmail).toBe("astrid@example.com");
    expect(exported.returns[0].lines[0].customerNote).toBe("note from Astrid Lind");
    expect(JSON.stringify(exported)).not.toContain("bo@example.com");
  });

  it("GIVEN a customer's return with a photo and a prepaid label WHEN a data request arrives THEN the export carries both files themselves (base64 + metadata), not links", async () => {
    const request = await handleCustomerDataRequest(SHOP_B, { id: 7, email: "astrid@example.com" }, t.db);
    const [ret] = JSON.parse(request.export!).returns;
    expect(ret.lines[0].photoFiles).toEqual([{ contentType: "image/jpeg", size: 3, sha256: "x", createdAt: expect.any(String), base64: Buffer.from([0xff, 0xd8, 0xff]).toString("base64") }]);
    expect(ret.prepaidLabel).toMatchObject({ filename: "label.pdf", pages: 1, contentType: "application/pdf" });
    expect(Buffer.from(ret.prepaidLabel.base64, "base64").toString()).toBe("%PDF-Astrid Lind");
    // Bo's photo and label are not in Astrid's export.
    expect(Buffer.from(JSON.stringify(ret), "utf8").toString()).not.toContain(Buffer.from("%PDF-Bo Berg").toString("base64"));
  });

  it("GIVEN a customer's returns WHEN the customer is redacted THEN no trace of them is left and others keep theirs", async () => {
    await handleCustomerRedact(SHOP_B, { id: 7, email: "astrid@example.com" }, t.db);

    const dump = JSON.stringify({
      returns: await t.db.returnRequest.findMany({ include: { lines: true, events: true, refundAttempts: true } }),
      webhooks: await t.db.webhookDelivery.findMany(),
      compliance: await t.db.complianceRequest.findMany(),
      feedback: await t.db.returnFeedback.findMany(),
      winback: [await t.db.winbackOffer.findMany(), await t.db.customerOrderSeen.findMany(), await t.db.marketingUnsubscribe.findMany()],
      // The analytics summary copies shoppers' comments: redacted at once, not at the next refresh.
      analytics: await t.db.analyticsLineFact.findMany(),
    });
    expect(dump).toContain("note from Bo Berg");
    expect(dump).not.toContain("astrid@example.com");
    expect(dump).not.toContain("Astrid");
    expect(dump).not.toContain("gid://shopify/Customer/7");
    expect(dump).toContain("bo@example.com");
    // Astrid's photo is deleted; Bo's stays.
    expect(await t.db.returnPhoto.count({ where: { returnRequest: { shop: { domain: SHOP_B }, customerEmail: null } } })).toBe(0);
    expect(await t.db.returnPhoto.count({ where: { returnRequest: { shop: { domain: SHOP_B } } } })).toBe(1);
    // Her prepaid label (it names her and her address) is deleted too; Bo's stays.
    expect((await t.db.returnLabel.findMany({ where: { returnRequest: { shop: { domain: SHOP_B } } } })).map((l) => Buffer.from(l.data).toString())).toEqual(["%PDF-Bo Berg"]);
    expect(dump).toContain("comment from Bo Berg");
    // The return itself stays, anonymous, for the merchant's books.
    expect(await t.db.returnRequest.count({ where: { shop: { domain: SHOP_B } } })).toBe(2);
  });

  it("GIVEN an installed shop WHEN the app is uninstalled THEN its sessions are gone and the shop is marked", async () => {
    await handleAppUninstalled(SHOP_B, t.db);
    expect(await t.db.session.count({ where: { shop: SHOP_B } })).toBe(0);
    expect((await t.db.shop.findUnique({ where: { domain: SHOP_B } }))?.uninstalledAt).toBeInstanceOf(Date);
  });
});

describe("PostgreSQL", () => {
  it.skipIf(!TEST_POSTGRES_URL)("is configured for these tests (TEST_POSTGRES_URL)", () => {
    expect(providers).toContain("postgresql");
  });
});

/**
 * customers/redact matches exactly: ids, e-mails in any case, the listed orders; never a
 * substring. A second customer (and one whose e-mail and id contain the first one's) keep
 * everything. Every personal field of the redacted customer is gone.
 */
describe.each(providers)("customers/redact precision on %s", (provider) => {
  let t: TestDb;
  const SHOP = "precise.myshopify.com";
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => t?.drop());

  async function returnFor(shopId: string, n: number, customer: { id: string | null; email: string | null; name: string | null }, orderId: string) {
    return t.db.returnRequest.create({
      data: {
        shopId,
        rmaNumber: `R-${n}`,
        status: "DECLINED",
        orderId,
        orderName: `#${n}`,
        customerId: customer.id,
        customerEmail: customer.email,
        customerName: customer.name,
        method: "DROP_OFF",
        currency: "SEK",
        statusToken: `precise-${n}`,
        declineNote: `Declined for ${customer.name ?? "guest"}`,
        needsAttention: true,
        attentionReason: `Check with ${customer.email ?? "guest"}`,
        trackingNumber: `TRACK-${n}`,
        trackingUrl: `https://track.example/${n}`,
        lines: { create: { shopId, fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${n}`, title: "Mug", quantity: 1, unitPrice: 100, resolution: "REFUND", customerNote: `note ${n}` } },
        events: { create: { shopId, type: "declined", actor: "STAFF", data: JSON.stringify({ note: `about ${customer.name}` }) } },
        refundAttempts: { create: { shopId, stage: "PROCESS", idempotencyKey: `precise-${n}`, status: "FAILED", request: "{\"email\":\"x\"}", outcome: `{"error":"${customer.email}"}` } },
      },
    });
  }

  it("GIVEN mixed-case e-mails, a look-alike customer and a guest order listed in orders_to_redact WHEN Astrid is redacted THEN exactly her data goes", async () => {
    const shop = await t.db.shop.create({ data: { domain: SHOP } });
    const astrid = { id: "gid://shopify/Customer/7", email: "Astrid.Lind@Example.COM", name: "Astrid Lind" };
    const lookalike = { id: "gid://shopify/Customer/77", email: "astrid.lind@example.com.au", name: "Other Astrid" };
    const bo = { id: "gid://shopify/Customer/8", email: "BO@example.com", name: "Bo Berg" };
    await returnFor(shop.id, 1, astrid, "gid://shopify/Order/100");
    await returnFor(shop.id, 2, { id: null, email: "ASTRID.LIND@example.com", name: "Astrid L" }, "gid://shopify/Order/101"); // guest, same e-mail
    await returnFor(shop.id, 3, { id: null, email: "gift@example.com", name: "Gift Giver" }, "gid://shopify/Order/555"); // listed order
    await returnFor(shop.id, 4, lookalike, "gid://shopify/Order/5550");
    await returnFor(shop.id, 5, bo, "gid://shopify/Order/102");
    const hook = (n: number, topic: string, payload: unknown, error: string | null = null) =>
      t.db.webhookDelivery.create({ data: { shop: SHOP, dedupeKey: `p-${n}`, webhookId: `p-${n}`, topic, payload: JSON.stringify(payload), status: error ? "FAILED" : "PROCESSED", error } });
    await hook(1, "orders/updated", { id: 100, email: "astrid.lind@EXAMPLE.com", customer: { id: 7 } });
    await hook(2, "orders/updated", { id: 555, email: "gift@example.com" });
    await hook(3, "orders/updated", { id: 5550, email: "astrid.lind@example.com.au", customer: { id: 77 } }, "failed for astrid.lind@example.com.au");
    await hook(4, "returns/request", { id: 9, order: { id: 102 }, customer: { id: 8, email: "bo@example.com" } }, "Shopify said no for astrid.lind@example.com");
    await hook(5, "customers/data_request", { customer: { id: 7, email: "ASTRID.lind@example.com" } });
    await handleCustomerDataRequest(SHOP, { id: 7, email: "astrid.lind@example.com" }, t.db);
    await handleCustomerDataRequest(SHOP, { id: 8, email: "bo@example.com" }, t.db);

    await handleCustomerRedact(SHOP, { id: 7, email: "ASTRID.LIND@example.com" }, t.db, [555]);

    const returns = await t.db.returnRequest.findMany({ include: { lines: true, events: true, refundAttempts: true }, orderBy: { rmaNumber: "asc" } });
    const redacted = returns.filter((r) => ["R-1", "R-2", "R-3"].includes(r.rmaNumber));
    const kept = returns.filter((r) => ["R-4", "R-5"].includes(r.rmaNumber));
    for (const r of redacted) {
      expect(r, r.rmaNumber).toMatchObject({ customerId: null, customerEmail: null, customerName: null, declineNote: null, trackingNumber: null, trackingUrl: null, attentionReason: "[redacted]" });
      expect(r.lines[0]!.customerNote).toBeNull();
      expect(r.events[0]!.data).toBe("{}");
      expect(r.refundAttempts[0]!.request).toBe("{}");
      expect(r.refundAttempts[0]!.outcome).toBe("{}");
    }
    for (const r of kept) {
      expect(r.customerEmail, r.rmaNumber).not.toBeNull();
      expect(r.declineNote).not.toBeNull();
      expect(r.trackingNumber).not.toBeNull();
      expect(r.lines[0]!.customerNote).not.toBeNull();
      expect(r.refundAttempts[0]!.outcome).toContain("@");
    }
    const hooks = new Map((await t.db.webhookDelivery.findMany()).map((h) => [h.dedupeKey, h]));
    expect(hooks.get("p-1")!.payload).toBe('{"redacted":true}');
    expect(hooks.get("p-2")!.payload).toBe('{"redacted":true}');
    expect(hooks.get("p-5")!.payload).toBe('{"redacted":true}');
    expect(hooks.get("p-3")!.payload).toContain("example.com.au"); // the look-alike keeps theirs
    expect(hooks.get("p-3")!.error).toContain("example.com.au");
    expect(hooks.get("p-4")!.payload).toContain("bo@example.com");
    expect(hooks.get("p-4")!.error).toBe("[redacted]"); // the error text named Astrid
    const exports = await t.db.complianceRequest.findMany({ where: { topic: "customers/data_request" } });
    expect(exports.map((e) => e.email)).toEqual(["bo@example.com"]);
  });

  it("GIVEN an installed shop or a payload naming another shop WHEN shop/redact arrives THEN nothing is deleted", async () => {
    await t.db.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "s", accessToken: "x" } });
    expect(await handleShopRedact(SHOP, t.db, { shop_domain: SHOP })).toBe("SKIPPED_INSTALLED");
    await handleAppUninstalled(SHOP, t.db);
    expect(await handleShopRedact(SHOP, t.db, { shop_domain: "other.myshopify.com" })).toBe("SKIPPED_SHOP_MISMATCH");
    expect(await t.db.returnRequest.count({ where: { shop: { domain: SHOP } } })).toBe(5);
    expect(await handleShopRedact(SHOP, t.db, { shop_domain: SHOP })).toBe("REDACTED");
    expect(await t.db.returnRequest.count({ where: { shop: { domain: SHOP } } })).toBe(0);
  });
});
