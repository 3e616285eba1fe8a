/**
 * The returns CSV streamed from the driver over more than one database batch (PostgreSQL
 * fetches the next batch while the current one is written): every return once and in
 * order across batch boundaries, and a client that goes away mid-export leaves nothing
 * behind (no fetch failing unhandled, the connection closed). Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvStream, returnsCsv } from "~/services/analytics/export.server";
import type { ReturnsContext } from "~/services/context.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-20T12:00:00Z");
/** More joined rows than one PostgreSQL FETCH (500 at the smallest page size). */
const RETURNS = 1_300;

describe.each(providers)("returns CSV across database batches (%s)", (provider) => {
  let t: TestDb;
  let ctx: ReturnsContext;
  const range = { start: new Date(NOW.getTime() - 30 * 86_400_000), end: NOW };

  beforeAll(async () => {
    t = await createTestDb(provider);
    const shop = await t.db.shop.create({ data: { domain: `export-${provider}.myshopify.com` } });
    ctx = {
      db: t.db,
      admin: {} as ReturnsContext["admin"],
      shop: { id: shop.id, domain: shop.domain, timezone: "UTC", rmaPrefix: "R" },
      now: () => NOW,
    };
    await t.db.returnRequest.createMany({
      data: Array.from({ length: RETURNS }, (_, i) => ({
        shopId: shop.id,
        rmaNumber: `R-${10_000 + i}`,
        status: "REQUESTED",
        orderId: `gid://shopify/Order/${i}`,
        orderName: `#${i}`,
        method: "DROP_OFF",
        currency: "SEK",
        statusToken: `export-${provider}-${i}`,
        // Oldest first is R-10000 … R-11299; a few share an instant (ties ordered by id).
        requestedAt: new Date(range.start.getTime() + Math.floor(i / 3) * 60_000),
      })),
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("GIVEN more returns than one batch WHEN exported THEN each is listed once, oldest first", async () => {
    let csv = "";
    for await (const chunk of returnsCsv(ctx, range, undefined, 2)) csv += chunk;
    const rmas = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((row) => row.split(",")[0]);
    const expected = await t.db.returnRequest.findMany({
      orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      select: { rmaNumber: true },
    });
    expect(rmas).toHaveLength(RETURNS);
    expect(rmas).toEqual(expected.map((r) => r.rmaNumber));
  });

  it("GIVEN an export under way WHEN the client goes away THEN the stream ends cleanly and a new export still works", async () => {
    const reader = csvStream(returnsCsv(ctx, range, undefined, 2)).getReader();
    await reader.read(); // header
    await reader.read(); // first batch: on PostgreSQL the next FETCH is now in flight
    await reader.cancel();
    let rows = 0;
    for await (const chunk of returnsCsv(ctx, range)) rows += chunk.split("\r\n").length - 1;
    expect(rows).toBe(RETURNS + 1);
  });
});
