/**
 * The analytics summary tables follow every change of a return: after each kind of write
 * (a status change through Prisma, a line's resolution, a raw SQL update, a new return, a
 * deleted one) the figures read from the summary equal the figures computed from the raw
 * rows by the domain's row-based computeFigures / incomingByDay. On SQLite and PostgreSQL.
 * Without the triggers that mark changed returns (migration *_analytics_summary) or
 * without the refresh before each read, the second view shows the old figures and this fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  computeFigures,
  daysOf,
  incomingByDay,
  presetRange,
  type AnalyticsReturn,
} from "~/domain/analytics";
import { localDate } from "~/domain";
import { loadAnalytics } from "~/services/analytics/analytics.server";
import { loadPolicy } from "~/services/policy.server";
import { refreshSummaries } from "~/services/analytics/summary/refresh.server";
import type { ReturnsContext } from "~/services/context.server";
import type { AdminClient } from "~/shopify/client.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const TZ = "Europe/Stockholm";
const NOW = new Date("2026-11-20T12:00:00Z");
const HOUR = 3_600_000;
const range = presetRange("last30", NOW, TZ);

describe.each(providers)("analytics summary maintenance (%s)", (provider) => {
  let t: TestDb;
  let ctx: ReturnsContext;
  let n = 0;

  async function addReturn(status: string, hoursAgo: number, lines = 1) {
    n += 1;
    const requestedAt = new Date(NOW.getTime() - hoursAgo * HOUR);
    return t.db.returnRequest.create({
      data: {
        shopId: ctx.shop.id,
        rmaNumber: `R-${n}`,
        status,
        orderId: `gid://shopify/Order/${n}`,
        orderName: `#${n}`,
        method: "DROP_OFF",
        currency: "SEK",
        statusToken: `summary-${provider}-${n}`,
        requestedAt,
        approvedAt: status === "REQUESTED" ? null : new Date(requestedAt.getTime() + 2 * HOUR),
        receivedAt: ["RECEIVED", "PROCESSED"].includes(status)
          ? new Date(requestedAt.getTime() + 50 * HOUR)
          : null,
        processedAt: status === "PROCESSED" ? new Date(requestedAt.getTime() + 60 * HOUR) : null,
        lines: {
          // The third line is a custom item without product or variant (grouped by its
          // titles), and resolutions and reasons vary per return, so the item × resolution
          // and item × reason groupings both have several groups per item.
          create: Array.from({ length: lines }, (_, i) => ({
            shopId: ctx.shop.id,
            fulfillmentLineItemId: `fli-${n}-${i}`,
            productId: i === 2 ? null : `gid://shopify/Product/${i}`,
            variantId: i === 2 ? null : `gid://shopify/ProductVariant/${i}`,
            title: i === 2 ? "Engraving" : `Product ${i}`,
            variantTitle: i === 2 ? (n % 4 ? "Gold" : "Silver") : null,
            quantity: 1 + i,
            unitPrice: 10000,
            reasonHandle: i ? (n % 2 ? "too-small" : "too-large") : "damaged",
            customerNote: i ? "Runs small" : null,
            resolution: ["REFUND", "STORE_CREDIT", "EXCHANGE"][(n + i) % 3],
          })),
        },
      },
    });
  }

  /** The figures from the raw rows, by the row-based domain code. */
  async function expected() {
    const policy = await loadPolicy(t.db, ctx.shop.id);
    const rows = await t.db.returnRequest.findMany({
      include: { lines: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    const returns = rows as unknown as AnalyticsReturn[];
    const input = {
      shopCurrency: "SEK",
      timeZone: TZ,
      today: localDate(NOW, TZ),
      inspectionSlaDays: policy.inspectionSlaDays,
      transitDays: policy.windowStart.fallbackTransitDays,
      defaultLocationId: null,
      sold: [],
      products: new Map(),
      rates: new Map(),
    };
    const inRange = returns.filter((r) => {
      const day = localDate(r.requestedAt, TZ);
      return day >= range.from && day <= range.to;
    });
    return {
      figures: computeFigures({ ...input, returns: inRange }, daysOf(range)),
      incoming: incomingByDay(
        returns.filter((r) => r.status === "APPROVED" || r.status === "IN_TRANSIT"),
        input,
      ),
    };
  }

  async function expectInStep() {
    const report = await loadAnalytics(ctx, range, { offline: true });
    const want = await expected();
    const { comments, ...figures } = report.figures;
    const { comments: wantComments, ...wantFigures } = want.figures;
    expect(figures).toEqual(wantFigures);
    expect(new Set(comments.map((c) => JSON.stringify(c)))).toEqual(
      new Set(wantComments.map((c) => JSON.stringify(c))),
    );
    expect(report.incoming).toEqual(want.incoming);
    expect(await t.db.analyticsDirty.count()).toBe(0);
    return report;
  }

  beforeAll(async () => {
    t = await createTestDb(provider);
    const shop = await t.db.shop.create({
      data: { domain: `summary-${provider}.myshopify.com`, currencyCode: "SEK", timezone: TZ },
    });
    ctx = {
      db: t.db,
      admin: {} as AdminClient,
      shop: { id: shop.id, domain: shop.domain, timezone: TZ, rmaPrefix: "R" },
      now: () => NOW,
    };
    await addReturn("REQUESTED", 30, 2);
    await addReturn("APPROVED", 60, 3);
    await addReturn("IN_TRANSIT", 100, 2);
    await addReturn("RECEIVED", 200, 3);
    await addReturn("PROCESSED", 300, 2);
  });
  afterAll(async () => t?.drop());

  it("the first view builds the facts of every return", async () => {
    const report = await expectInStep();
    expect(report.figures.overview.returns).toBe(5);
  });

  it("a status change through Prisma (received, then refunded) moves every view", async () => {
    const ret = await t.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: "R-2" } });
    await t.db.returnRequest.update({
      where: { id: ret.id },
      data: { status: "RECEIVED", receivedAt: new Date(NOW.getTime() - 10 * HOUR) },
    });
    expect(await t.db.analyticsDirty.count()).toBe(1); // marked in the same transaction
    let report = await expectInStep();
    expect(report.figures.speedByLocation[0].received).toBe(3);
    await t.db.returnRequest.update({
      where: { id: ret.id },
      data: {
        status: "PROCESSED",
        inspectedAt: new Date(NOW.getTime() - 5 * HOUR),
        processedAt: new Date(NOW.getTime() - 4 * HOUR),
        refundAmount: 10000,
      },
    });
    report = await expectInStep();
    expect(report.figures.money[0].refunded).toBeGreaterThan(0);
  });

  it("a line's resolution, reason or comment changing moves the mix, reasons and comments", async () => {
    const exchangeLines = (figures: { resolutions: { resolution: string; lines: number }[] }) =>
      figures.resolutions.find((r) => r.resolution === "EXCHANGE")?.lines ?? 0;
    const before = exchangeLines((await loadAnalytics(ctx, range, { offline: true })).figures);
    const ret = await t.db.returnRequest.findFirstOrThrow({
      where: { rmaNumber: "R-1" },
      include: { lines: true },
    });
    const moved = ret.lines.filter((l) => l.resolution !== "EXCHANGE").length;
    expect(moved).toBeGreaterThan(0);
    await t.db.returnLine.updateMany({
      where: { returnRequestId: ret.id },
      data: { resolution: "EXCHANGE", reasonHandle: "changed-mind", customerNote: "New words" },
    });
    const report = await expectInStep();
    expect(exchangeLines(report.figures)).toBe(before + moved);
    expect(report.figures.reasons.some((r) => r.reason === "changed-mind")).toBe(true);
  });

  it("raw SQL writes, declines, new and deleted returns are followed too", async () => {
    await t.db.$executeRawUnsafe(
      `UPDATE "ReturnRequest" SET status = 'DECLINED' WHERE "rmaNumber" = 'R-3'`,
    );
    await expectInStep();
    await addReturn("APPROVED", 5, 3);
    await expectInStep();
    await t.db.returnRequest.deleteMany({ where: { rmaNumber: "R-4" } });
    const report = await expectInStep();
    expect(report.figures.overview.returns).toBe(4); // 6 made, one declined, one deleted
  });

  it("a new time zone rebuilds the local days", async () => {
    await t.db.shop.update({ where: { id: ctx.shop.id }, data: { timezone: "America/New_York" } });
    const report = await loadAnalytics(ctx, range, { offline: true });
    expect(
      await t.db.analyticsSummaryState.findUnique({ where: { shopId: ctx.shop.id } }),
    ).toMatchObject({
      timeZone: "America/New_York",
    });
    expect(report.figures.overview.returns).toBe(4);
    await t.db.shop.update({ where: { id: ctx.shop.id }, data: { timezone: TZ } });
    await expectInStep();
  });

  it("a backlog beyond the page's time budget is left to the job and the page says so", async () => {
    await t.db.returnRequest.updateMany({ data: { status: "CANCELED" } });
    const partial = await refreshSummaries(t.db, ctx.shop.id, TZ, -1);
    expect(partial).toEqual({ refreshed: 0, complete: false });
    const report = await loadAnalytics(ctx, range, { offline: true });
    expect(report.salesWarning).toBeNull(); // the page's own budget finished it
    expect((await expectInStep()).figures.overview.returns).toBe(0);
  });
});
