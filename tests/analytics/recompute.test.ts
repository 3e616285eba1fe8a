/**
 * Every analytics figure, recomputed here from the raw rows (our ReturnRequest/ReturnLine
 * records) and Shopify's own data (the stand-in's order, product and collection records,
 * converted with Shopify's own rate), by plain loops that share no code with the
 * analytics modules. On SQLite and PostgreSQL. The sales copy is filled through the real
 * path: paged `orders` reads against the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBusinessDays, localDate } from "~/domain";
import { presetRange, toInstants, previousPeriod } from "~/domain/analytics";
import { loadAnalytics, type AnalyticsReport } from "~/services/analytics/analytics.server";
import { returnsCsv } from "~/services/analytics/export.server";
import { toShopMinor } from "../../simulator/admin/money";
import type { OrderRec } from "../../simulator/admin/model";
import { providers } from "../support/test-db";
import { createEngine, type Engine } from "../support/engine";

const TZ = "Europe/Stockholm";
const HOUR = 3_600_000;
const REASONS = ["too-small", "too-large", "changed-mind", null];
const RESOLUTIONS = ["REFUND", "STORE_CREDIT", "EXCHANGE"];
const STATUSES = [
  "REQUESTED",
  "APPROVED",
  "IN_TRANSIT",
  "RECEIVED",
  "INSPECTED",
  "PROCESSED",
  "CLOSED",
  "DECLINED",
  "CANCELED",
];

/** Nearest rank, written out again on purpose. */
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.ceil((p / 100) * s.length) - 1] * 10) / 10;
}

function pct(a: number, b: number): number | null {
  return b > 0 ? Math.round((a / b) * 1000) / 10 : null;
}

describe.each(providers)("analytics figures recomputed from raw data (%s)", (provider) => {
  let engine: Engine;
  let report: AnalyticsReport;
  const shopCurrency = "SEK";

  beforeAll(async () => {
    engine = await createEngine(provider);
    const { ctx, api, shop } = engine;
    await ctx.db.shop.update({ where: { id: ctx.shop.id }, data: { currencyCode: shopCurrency } });
    const now = engine.clock.now();
    const state = api.store.shop(shop);
    const location = state.locations.find((l) => l.fulfillsOnlineOrders)!.id;
    // Returns on real seeded order lines, spread over ~200 days so both periods have some.
    const orders = state.orders.filter(
      (o) => o.lines.length > 0 && !o.lines.some((l) => l.isGiftCard),
    );
    let n = 0;
    for (const order of orders.slice(0, 70)) {
      n += 1;
      const status = STATUSES[n % STATUSES.length];
      const requestedAt = new Date(now.getTime() - (n * 2.7 + 1) * 24 * HOUR);
      const at = (h: number) => new Date(requestedAt.getTime() + h * HOUR);
      const reached = (s: string) =>
        STATUSES.indexOf(status) >= STATUSES.indexOf(s) &&
        STATUSES.indexOf(status) <= STATUSES.indexOf("CLOSED");
      const lines = order.lines.slice(0, 1 + (n % 2));
      const resolution = RESOLUTIONS[n % 3];
      const total = lines.reduce((s, l) => s + l.unitPrice * Math.min(l.quantity, 1 + (n % 2)), 0);
      await ctx.db.returnRequest.create({
        data: {
          shopId: ctx.shop.id,
          rmaNumber: `R-${5000 + n}`,
          status,
          orderId: order.id,
          orderName: order.name,
          method: n % 7 === 0 ? "IN_STORE" : "DROP_OFF",
          currency: order.currency,
          statusToken: `token-${provider}-${n}`,
          requestedAt,
          approvedAt: reached("APPROVED") ? at(5 + n) : null,
          inTransitAt: reached("IN_TRANSIT") ? at(30 + n) : null,
          receivedAt: reached("RECEIVED") ? at(70 + 3 * n) : null,
          inspectedAt: reached("INSPECTED") ? at(80 + 5 * n) : null,
          processedAt: reached("PROCESSED") ? at(90 + 7 * n) : null,
          refundAmount: reached("PROCESSED") && resolution === "REFUND" ? total : 0,
          storeCreditAmount: reached("PROCESSED") && resolution === "STORE_CREDIT" ? total : 0,
          exchangeAmount: reached("PROCESSED") && resolution === "EXCHANGE" ? total : 0,
          restockingFeeAmount: reached("PROCESSED") ? n * 10 : 0,
          returnShippingFee: reached("PROCESSED") && n % 2 ? 4900 : 0,
          lines: {
            create: lines.map((l, i) => ({
              shopId: ctx.shop.id,
              fulfillmentLineItemId: `fli-${n}-${i}`,
              lineItemId: l.id,
              productId: l.productId,
              variantId: l.variantId,
              title: l.title,
              variantTitle: l.variantTitle,
              quantity: Math.min(l.quantity, 1 + (n % 2)),
              unitPrice: l.unitPrice,
              reasonHandle: REASONS[(n + i) % REASONS.length],
              customerNote: n % 5 === 0 ? `Comment ${n}` : null,
              resolution,
              dispositionLocationId: reached("INSPECTED") ? location : null,
            })),
          },
        },
      });
    }
    // The copy of Shopify's orders has a time budget per view (8 s); on a loaded machine it
    // can take more than one view, so view again until it says the copy is complete.
    for (let view = 0; view < 10; view++) {
      report = await loadAnalytics(ctx, presetRange("last90", now, TZ));
      if (report.salesWarning === null) break;
    }
    expect(report.salesWarning).toBeNull();
  }, 300_000);

  afterAll(async () => engine?.close());

  /** Shopify's data: sold lines of orders processed in [start, end), canceled excluded. */
  function shopifySold(start: Date, end: Date) {
    const state = engine.api.store.shop(engine.shop);
    const lines: { order: OrderRec; line: OrderRec["lines"][number]; value: number }[] = [];
    for (const order of state.orders) {
      const processed = new Date(order.processedAt);
      if (order.cancelledAt || processed < start || processed >= end) continue;
      for (const line of order.lines) {
        const gross = toShopMinor(
          line.unitPrice * line.quantity,
          order.fx,
          order.currency,
          state.info.currencyCode,
        );
        const discount = toShopMinor(
          line.allocations.reduce((s, a) => s + a.amount, 0),
          order.fx,
          order.currency,
          state.info.currencyCode,
        );
        lines.push({ order, line, value: gross - discount });
      }
    }
    return lines;
  }

  function lineById(id: string) {
    for (const order of engine.api.store.shop(engine.shop).orders) {
      const line = order.lines.find((l) => l.id === id);
      if (line) return { order, line };
    }
    throw new Error(`no line ${id}`);
  }

  /** A returned line's value in SEK with the rate Shopify used for that order line. */
  function shopValue(
    line: { lineItemId: string | null; unitPrice: number; quantity: number },
    currency: string,
  ): number {
    const value = line.unitPrice * line.quantity;
    if (currency === shopCurrency) return value;
    const { order, line: sold } = lineById(line.lineItemId!);
    const amount =
      sold.unitPrice * sold.quantity - sold.allocations.reduce((s, a) => s + a.amount, 0);
    const shop =
      toShopMinor(sold.unitPrice * sold.quantity, order.fx, order.currency, shopCurrency) -
      toShopMinor(
        sold.allocations.reduce((s, a) => s + a.amount, 0),
        order.fx,
        order.currency,
        shopCurrency,
      );
    return Math.round((value * shop) / amount);
  }

  async function rawReturns(start: Date, end: Date) {
    const all = await engine.ctx.db.returnRequest.findMany({ include: { lines: true } });
    return all.filter(
      (r) =>
        r.requestedAt >= start &&
        r.requestedAt < end &&
        r.status !== "DECLINED" &&
        r.status !== "CANCELED",
    );
  }

  it("has data in both periods, including another currency than the shop's", async () => {
    const { start, end } = toInstants(report.range, TZ);
    const returns = await rawReturns(start, end);
    expect(returns.length).toBeGreaterThan(15);
    expect(returns.some((r) => r.currency !== shopCurrency)).toBe(true);
    expect(report.previousOverview.returns).toBeGreaterThan(0);
    expect(report.salesWarning).toBeNull();
  });

  it("overview: returned and sold units and values, rates, previous period", async () => {
    for (const [range, overview] of [
      [report.range, report.figures.overview],
      [previousPeriod(report.range), report.previousOverview],
    ] as const) {
      const { start, end } = toInstants(range, TZ);
      const returns = await rawReturns(start, end);
      const sold = shopifySold(start, end);
      let units = 0;
      let value = 0;
      for (const r of returns) {
        for (const l of r.lines) {
          units += l.quantity;
          value += shopValue(l, r.currency);
        }
      }
      const soldUnits = sold.reduce((s, l) => s + l.line.quantity, 0);
      const soldValue = sold.reduce((s, l) => s + l.value, 0);
      expect(overview).toEqual({
        returns: returns.length,
        returnedUnits: units,
        returnedValue: value,
        soldUnits,
        soldValue,
        unitRate: pct(units, soldUnits),
        valueRate: pct(value, soldValue),
        unconvertedLines: 0,
      });
    }
  });

  it("return rate by product, variant, product type, vendor and collection", async () => {
    const { start, end } = toInstants(report.range, TZ);
    const returns = await rawReturns(start, end);
    const state = engine.api.store.shop(engine.shop);
    const product = (id: string | null) => state.products.find((p) => p.id === id);
    const keys: Record<string, (productId: string | null, variantId: string | null) => string[]> = {
      product: (p) => [p ?? ""],
      variant: (_p, v) => [v ?? ""],
      productType: (p) => [product(p)?.productType ?? ""],
      vendor: (p) => [product(p)?.vendor ?? ""],
      collection: (p) =>
        state.collections.filter((c) => p && c.productIds.includes(p)).map((c) => c.id),
    };
    for (const [dimension, keyOf] of Object.entries(keys)) {
      const expected = new Map<
        string,
        { soldUnits: number; soldValue: number; returnedUnits: number; returnedValue: number }
      >();
      const get = (k: string) =>
        expected.get(k) ??
        (expected.set(k, { soldUnits: 0, soldValue: 0, returnedUnits: 0, returnedValue: 0 }),
        expected.get(k)!);
      for (const s of shopifySold(start, end)) {
        for (const k of keyOf(s.line.productId, s.line.variantId)) {
          get(k).soldUnits += s.line.quantity;
          get(k).soldValue += s.value;
        }
      }
      for (const r of returns) {
        for (const l of r.lines) {
          for (const k of keyOf(l.productId, l.variantId)) {
            get(k).returnedUnits += l.quantity;
            get(k).returnedValue += shopValue(l, r.currency);
          }
        }
      }
      const actual = report.figures.rates[dimension as keyof typeof report.figures.rates];
      expect(actual.length, dimension).toBe(expected.size);
      for (const row of actual) {
        const e = expected.get(row.key)!;
        expect({ dimension, ...row, label: undefined }).toEqual({
          dimension,
          key: row.key,
          label: undefined,
          ...e,
          unitRate: pct(e.returnedUnits, e.soldUnits),
          valueRate: pct(e.returnedValue, e.soldValue),
        });
      }
    }
  });

  it("reasons, reasons by variant, comments, resolution mix and retained value", async () => {
    const { start, end } = toInstants(report.range, TZ);
    const returns = await rawReturns(start, end);
    const byReason = new Map<string, number>();
    const byItem = new Map<string, number>();
    const byResolution = new Map<string, { lines: number; units: number; value: number }>();
    let comments = 0;
    let retained = 0;
    for (const r of returns) {
      for (const l of r.lines) {
        const reason = l.reasonHandle ?? "unspecified";
        byReason.set(reason, (byReason.get(reason) ?? 0) + l.quantity);
        byItem.set(
          `${l.variantId}|${reason}`,
          (byItem.get(`${l.variantId}|${reason}`) ?? 0) + l.quantity,
        );
        if (l.customerNote) comments += 1;
        const res = byResolution.get(l.resolution) ?? { lines: 0, units: 0, value: 0 };
        res.lines += 1;
        res.units += l.quantity;
        res.value += shopValue(l, r.currency);
        byResolution.set(l.resolution, res);
        if (l.resolution !== "REFUND") retained += shopValue(l, r.currency);
      }
    }
    expect(Object.fromEntries(report.figures.reasons.map((r) => [r.reason, r.units]))).toEqual(
      Object.fromEntries(byReason),
    );
    expect(
      Object.fromEntries(
        report.figures.reasonsByItem.map((r) => [`${r.variantId}|${r.reason}`, r.units]),
      ),
    ).toEqual(Object.fromEntries(byItem));
    expect(report.figures.comments).toHaveLength(comments);
    expect(
      Object.fromEntries(
        report.figures.resolutions.map((r) => [
          r.resolution,
          { lines: r.lines, units: r.units, value: r.value },
        ]),
      ),
    ).toEqual(Object.fromEntries(byResolution));
    expect(report.figures.retainedValue).toBe(retained);
  });

  it("money per currency and converted to the shop currency", async () => {
    const { start, end } = toInstants(report.range, TZ);
    const returns = (await rawReturns(start, end)).filter((r) => r.processedAt);
    const currencies = [...new Set(returns.map((r) => r.currency))].sort();
    expect(report.figures.money.map((m) => m.currency).sort()).toEqual(currencies);
    for (const currency of currencies) {
      const mine = returns.filter((r) => r.currency === currency);
      const sum = (f: (r: (typeof mine)[number]) => number) => mine.reduce((s, r) => s + f(r), 0);
      const row = report.figures.money.find((m) => m.currency === currency)!;
      expect(row).toMatchObject({
        refunded: sum((r) => r.refundAmount),
        storeCredit: sum((r) => r.storeCreditAmount + r.bonusCreditAmount),
        exchanged: sum((r) => r.exchangeAmount),
        feesKept: sum((r) => r.restockingFeeAmount + r.returnShippingFee),
      });
      if (currency === shopCurrency) {
        expect(row.converted).toEqual({
          refunded: row.refunded,
          storeCredit: row.storeCredit,
          exchanged: row.exchanged,
          feesKept: row.feesKept,
        });
      } else {
        // The rate Shopify applied to these returns' own order lines.
        let num = 0;
        let den = 0;
        for (const r of mine) {
          for (const l of r.lines) {
            const { order, line } = lineById(l.lineItemId!);
            const disc = line.allocations.reduce((s, a) => s + a.amount, 0);
            num +=
              toShopMinor(line.unitPrice * line.quantity, order.fx, order.currency, shopCurrency) -
              toShopMinor(disc, order.fx, order.currency, shopCurrency);
            den += line.unitPrice * line.quantity - disc;
          }
        }
        expect(row.converted!.refunded).toBe(Math.round((row.refunded * num) / den));
        expect(row.converted!.feesKept).toBe(Math.round((row.feesKept * num) / den));
      }
    }
  });

  it("speed: median and p90 per stage, SLA breaches by location", async () => {
    const { start, end } = toInstants(report.range, TZ);
    const returns = await rawReturns(start, end);
    const h = (a: Date, b: Date) => (b.getTime() - a.getTime()) / HOUR;
    const stages = {
      requestToReceived: returns
        .filter((r) => r.receivedAt)
        .map((r) => h(r.requestedAt, r.receivedAt!)),
      receivedToInspected: returns
        .filter((r) => r.receivedAt && r.inspectedAt)
        .map((r) => h(r.receivedAt!, r.inspectedAt!)),
      inspectedToRefunded: returns
        .filter((r) => r.inspectedAt && r.processedAt)
        .map((r) => h(r.inspectedAt!, r.processedAt!)),
      requestToRefunded: returns
        .filter((r) => r.processedAt)
        .map((r) => h(r.requestedAt, r.processedAt!)),
    };
    for (const s of report.figures.speed) {
      const values = stages[s.stage];
      expect(s).toEqual({
        stage: s.stage,
        count: values.length,
        medianHours: nearestRank(values, 50),
        p90Hours: nearestRank(values, 90),
      });
    }
    const today = localDate(engine.clock.now(), TZ);
    const breached = returns.filter(
      (r) =>
        r.receivedAt &&
        r.method !== "KEEP_ITEM" &&
        (r.processedAt ? localDate(r.processedAt, TZ) : today) >
          addBusinessDays(localDate(r.receivedAt, TZ), 3),
    );
    expect(breached.length).toBeGreaterThan(0);
    expect(report.figures.slaBreaches).toBe(breached.length);
    expect(report.figures.speedByLocation.reduce((s, l) => s + l.slaBreaches, 0)).toBe(
      breached.length,
    );
    expect(report.figures.speedByLocation.reduce((s, l) => s + l.received, 0)).toBe(
      returns.filter((r) => r.receivedAt).length,
    );
  });

  it("incoming: approved and in-transit returns by expected day and location", async () => {
    const all = await engine.ctx.db.returnRequest.findMany({
      where: { status: { in: ["APPROVED", "IN_TRANSIT"] } },
      include: { lines: true },
    });
    const expected = new Map<string, number>();
    for (const r of all) {
      const transit = r.method === "IN_STORE" ? 0 : 3;
      const base =
        r.status === "IN_TRANSIT" ? localDate(r.inTransitAt!, TZ) : localDate(r.approvedAt!, TZ);
      const days = r.status === "IN_TRANSIT" ? transit : 5 + transit;
      const day = new Date(Date.parse(`${base}T00:00:00Z`) + days * 24 * HOUR)
        .toISOString()
        .slice(0, 10);
      expected.set(day, (expected.get(day) ?? 0) + 1);
    }
    const actual = new Map<string, number>();
    for (const row of report.incoming)
      actual.set(row.day, (actual.get(row.day) ?? 0) + row.returns);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(
      report.incoming.every(
        (r) =>
          r.locationId ===
          engine.api.store.shop(engine.shop).locations.find((l) => l.fulfillsOnlineOrders)!.id,
      ),
    ).toBe(true);
  });

  it("a second view within minutes reads nothing from Shopify's orders again", async () => {
    engine.resetCalls();
    await loadAnalytics(engine.ctx, presetRange("last90", engine.clock.now(), TZ));
    expect(engine.calls.get("SalesOrdersPage") ?? 0).toBe(0);
    engine.clock.advance(10 * 60_000);
    await loadAnalytics(engine.ctx, presetRange("last90", engine.clock.now(), TZ));
    // Stale: one incremental read of orders updated since the watermark.
    expect(engine.calls.get("SalesOrdersPage")).toBe(1);
  });

  it("the returns CSV lists every return of the range once, oldest first, across keyset pages (ties on the same instant too)", async () => {
    const { db } = engine.ctx;
    // Two returns requested at the very same instant as another one: the keyset must not skip or repeat them.
    const all = await db.returnRequest.findMany({
      orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      select: { id: true, requestedAt: true },
    });
    const tie = all[6].requestedAt; // the last row of the first page of 7
    await db.returnRequest.updateMany({
      where: { id: { in: [all[7].id, all[8].id] } },
      data: { requestedAt: tie },
    });
    const start = new Date(engine.clock.now().getTime() - 400 * 24 * HOUR);
    const end = new Date(engine.clock.now().getTime() + HOUR);
    let csv = "";
    for await (const chunk of returnsCsv(engine.ctx, { start, end }, undefined, 7)) csv += chunk;
    const rows = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1);
    const expected = await db.returnRequest.findMany({
      where: { requestedAt: { gte: start, lt: end } },
      orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      include: { lines: true },
    });
    expect(rows.map((r) => r.split(",")[0])).toEqual(expected.map((r) => r.rmaNumber));
    const units = rows.map((r) => Number(r.split(",")[16]));
    expect(units).toEqual(expected.map((r) => r.lines.reduce((s, l) => s + l.quantity, 0)));
  });
});
