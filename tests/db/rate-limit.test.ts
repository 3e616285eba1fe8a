/**
 * The database rate limiter and the retention purge, on SQLite and PostgreSQL: budgets per
 * customer for logged-in lookups and return creation, windows that end, concurrent hits
 * counted exactly, and old rows purged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER_LOOKUPS, RATE_LIMIT_RETENTION_MS, RateLimiter, RETURN_CREATIONS } from "~/services/rate-limit.server";
import { guardCustomerLookup, guardReturnCreation } from "~/services/storefront-guard.server";
import { purgeExpiredData, WEBHOOK_PROCESSED_RETENTION_DAYS } from "~/services/retention.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const SHOP = "limits.myshopify.com";

describe.each(providers)("rate limits on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => t?.drop());
  const guard = (now: Date) => ({ db: t.db, shop: SHOP, secret: "s", locale: "en" as const, now });

  it("GIVEN a logged-in customer WHEN they exceed the lookup budget THEN 429, another customer is unaffected, and the next window is open again", async () => {
    const now = new Date("2026-11-28T10:00:00Z");
    for (let i = 0; i < CUSTOMER_LOOKUPS.limit; i++) await guardCustomerLookup(guard(now), "7001");
    await expect(guardCustomerLookup(guard(now), "7001")).rejects.toMatchObject({ status: 429 });
    await guardCustomerLookup(guard(now), "7002");
    await guardCustomerLookup(guard(new Date(now.getTime() + CUSTOMER_LOOKUPS.windowMs)), "7001");
  });

  it("GIVEN return creation WHEN over the budget THEN 429 per customer, per order for guests", async () => {
    const now = new Date("2026-11-28T11:00:00Z");
    for (let i = 0; i < RETURN_CREATIONS.limit; i++) await guardReturnCreation(guard(now), null, "gid://shopify/Order/1");
    await expect(guardReturnCreation(guard(now), null, "gid://shopify/Order/1")).rejects.toMatchObject({ status: 429 });
    await guardReturnCreation(guard(now), null, "gid://shopify/Order/2");
    await guardReturnCreation(guard(now), "7001", "gid://shopify/Order/1");
  });

  it("GIVEN 20 concurrent hits on a fresh key THEN the count is exactly 20", async () => {
    const limiter = new RateLimiter(t.db, "s", SHOP);
    const now = new Date("2026-11-28T12:00:00Z");
    await Promise.all(Array.from({ length: 20 }, () => limiter.add(CUSTOMER_LOOKUPS, "burst", now)));
    expect(await limiter.count(CUSTOMER_LOOKUPS, "burst", now)).toBe(20);
  });

  it("GIVEN old counters, old processed webhooks and expired token claims WHEN purged THEN only those go", async () => {
    const now = new Date("2026-11-28T13:00:00Z");
    await t.db.rateLimit.create({ data: { key: "old", shop: SHOP, windowStart: new Date(now.getTime() - RATE_LIMIT_RETENTION_MS - 1), count: 3 } });
    await t.db.rateLimit.create({ data: { key: "fresh", shop: SHOP, windowStart: now, count: 3 } });
    const old = new Date(now.getTime() - (WEBHOOK_PROCESSED_RETENTION_DAYS + 1) * 86_400_000);
    await t.db.webhookDelivery.create({ data: { shop: SHOP, dedupeKey: "old", webhookId: "o", topic: "orders/updated", payload: "{}", status: "PROCESSED", receivedAt: old } });
    await t.db.webhookDelivery.create({ data: { shop: SHOP, dedupeKey: "old-failed", webhookId: "f", topic: "customers/redact", payload: "{}", status: "FAILED", receivedAt: old } });
    await t.db.webhookDelivery.create({ data: { shop: SHOP, dedupeKey: "new", webhookId: "n", topic: "orders/updated", payload: "{}", status: "PROCESSED", receivedAt: now } });
    await t.db.lookupTokenUse.create({ data: { id: "expired", shop: SHOP, expiresAt: new Date(now.getTime() - 1) } });
    await t.db.lookupTokenUse.create({ data: { id: "live", shop: SHOP, expiresAt: new Date(now.getTime() + 60_000) } });
    const report = await purgeExpiredData(t.db, now);
    expect(report.webhookDeliveries).toBe(1);
    expect((await t.db.rateLimit.findMany({ where: { key: { in: ["old", "fresh"] } } })).map((r) => r.key)).toEqual(["fresh"]);
    expect((await t.db.webhookDelivery.findMany({ orderBy: { dedupeKey: "asc" } })).map((w) => w.dedupeKey)).toEqual(["new", "old-failed"]);
    expect((await t.db.lookupTokenUse.findMany()).map((u) => u.id)).toEqual(["live"]);
  });
});
