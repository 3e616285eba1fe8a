/**
 * Sold totals read from SoldMonth (whole UTC months, kept by triggers on OrderLineFact) plus
 * the edge days from OrderLineFact equal the totals grouped straight from the order lines,
 * after every kind of write to the copy: new lines, an upsert moving a line to another
 * month and title, a cancellation, a raw SQL update, deletions. Ranges cover whole months,
 * edges on both sides, a range inside one month and a range starting on a month boundary.
 * On SQLite and PostgreSQL. Without the triggers (migration *_sold_month) SoldMonth stays
 * empty or stale and this fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstantRange } from "~/domain/analytics";
import { soldByVariantIn, soldTotalsIn, splitByMonth } from "~/services/analytics/read.server";
import type { ReturnsContext } from "~/services/context.server";
import type { AdminClient } from "~/shopify/client.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const at = (iso: string) => new Date(iso);
const RANGES: InstantRange[] = [
  { start: at("2026-08-22T22:00:00Z"), end: at("2026-11-20T23:00:00Z") },
  { start: at("2026-09-01T00:00:00Z"), end: at("2026-11-01T00:00:00Z") },
  { start: at("2026-10-03T00:00:00Z"), end: at("2026-10-20T00:00:00Z") },
  { start: at("2026-01-01T00:00:00Z"), end: at("2027-01-01T00:00:00Z") },
];

describe.each(providers)("sold totals per month (%s)", (provider) => {
  let t: TestDb;
  let ctx: ReturnsContext;

  /** Straight from the order lines, grouped in JS. */
  async function expected(range: InstantRange) {
    const lines = await t.db.orderLineFact.findMany({
      where: { processedAt: { gte: range.start, lt: range.end }, cancelled: false },
    });
    const groups = new Map<
      string,
      { units: number; value: number; title: string; variantTitle: string | null }
    >();
    for (const l of lines) {
      const key = `${l.productId}|${l.variantId}`;
      const g = groups.get(key) ?? { units: 0, value: 0, title: "", variantTitle: null };
      g.units += l.quantity;
      g.value += l.shopAmount;
      if (l.title > g.title) g.title = l.title;
      if (l.variantTitle !== null && (g.variantTitle === null || l.variantTitle > g.variantTitle))
        g.variantTitle = l.variantTitle;
      groups.set(key, g);
    }
    return [...groups.entries()]
      .map(([key, g]) => ({ key, ...g }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  async function check() {
    for (const range of RANGES) {
      const got = (await soldByVariantIn(ctx, range))
        .map((g) => ({
          key: `${g.productId}|${g.variantId}`,
          units: g.units,
          value: g.value,
          title: g.title,
          variantTitle: g.variantTitle,
        }))
        .sort((a, b) => a.key.localeCompare(b.key));
      const want = await expected(range);
      expect(got).toEqual(want);
      const totals = await soldTotalsIn(ctx, range);
      expect(totals).toEqual({
        units: want.reduce((s, g) => s + g.units, 0),
        value: want.reduce((s, g) => s + g.value, 0),
      });
    }
  }

  function line(i: number, processedAt: string, extra: Record<string, unknown> = {}) {
    return {
      shopId: ctx.shop.id,
      orderId: `gid://shopify/Order/${i}`,
      lineItemId: `gid://shopify/LineItem/${i}`,
      processedAt: at(processedAt),
      productId: i % 4 === 3 ? null : `gid://shopify/Product/${i % 3}`,
      variantId: i % 4 === 3 ? null : `gid://shopify/ProductVariant/${i % 5}`,
      title: `Product ${i % 3}`,
      variantTitle: i % 2 ? null : `Size ${i % 5}`,
      quantity: 1 + (i % 3),
      shopAmount: 1000 + i,
      currency: "SEK",
      amount: 1000 + i,
      ...extra,
    };
  }

  beforeAll(async () => {
    t = await createTestDb(provider);
    const shop = await t.db.shop.create({
      data: {
        domain: `sold-${provider}.myshopify.com`,
        currencyCode: "SEK",
        timezone: "Europe/Stockholm",
      },
    });
    ctx = {
      db: t.db,
      admin: {} as AdminClient,
      shop: { id: shop.id, domain: shop.domain, timezone: "Europe/Stockholm", rmaPrefix: "R" },
      now: () => at("2026-11-20T12:00:00Z"),
    };
    // Two days of lines on every month boundary of the year, both sides.
    const rows = [];
    for (let i = 0; i < 60; i++) {
      const month = 1 + (i % 12);
      const day = i % 2 ? "01T00:00:00.000Z" : "28T23:59:59.000Z";
      rows.push(line(i, `2026-${String(month).padStart(2, "0")}-${day}`));
    }
    for (const r of rows) await t.db.orderLineFact.create({ data: r });
  });
  afterAll(async () => t?.drop());

  it("splits a range into whole UTC months and edges", () => {
    expect(splitByMonth(RANGES[0])).toEqual({
      months: { from: "2026-09", to: "2026-11" },
      edges: [
        { start: RANGES[0].start, end: at("2026-09-01T00:00:00Z") },
        { start: at("2026-11-01T00:00:00Z"), end: RANGES[0].end },
      ],
    });
    expect(splitByMonth(RANGES[1])).toEqual({
      months: { from: "2026-09", to: "2026-11" },
      edges: [],
    });
    expect(splitByMonth(RANGES[2])).toEqual({ months: null, edges: [RANGES[2]] });
  });

  it("equals the order lines after inserts", check);

  it("follows an upsert to another month and title, a cancellation, raw SQL and deletions", async () => {
    const key = (i: number) => ({
      shopId_lineItemId: { shopId: ctx.shop.id, lineItemId: `gid://shopify/LineItem/${i}` },
    });
    await t.db.orderLineFact.upsert({
      where: key(4),
      create: line(4, "2026-10-10T00:00:00Z"),
      update: { processedAt: at("2026-10-10T00:00:00Z"), title: "ZZ renamed", quantity: 7 },
    });
    await t.db.orderLineFact.update({ where: key(6), data: { cancelled: true } });
    await t.db.orderLineFact.update({ where: key(7), data: { cancelled: true } });
    await t.db.orderLineFact.update({ where: key(7), data: { cancelled: false, shopAmount: 5 } });
    await t.db.$executeRawUnsafe(
      `UPDATE "OrderLineFact" SET quantity = quantity + 2 WHERE "lineItemId" LIKE '%/1_'`,
    );
    await t.db.orderLineFact.delete({ where: key(8) });
    await t.db.orderLineFact.deleteMany({ where: { lineItemId: { endsWith: "/2" } } });
    await check();
    // A key whose last line left is gone, not kept at zero.
    const zero = await t.db.soldMonth.count({ where: { lines: { lte: 0 } } });
    expect(zero).toBe(0);
  });
});
