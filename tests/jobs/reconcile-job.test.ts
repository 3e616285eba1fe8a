/**
 * The reconcile-shop job reads Shopify from where the last successful run began (minus an
 * overlap), 90 days back the first time, and only moves that mark forward after success —
 * so a restart, an outage of the job runner or a failed run leaves no gap.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import db from "~/db.server";
import { FIRST_RUN_LOOKBACK_MS, RECONCILE_OVERLAP_MS, reconcileShopJob } from "~/jobs/app-jobs.server";
import { reconcileShop } from "~/services/return-sync.server";
import type { ReturnsContext } from "~/services/context.server";

vi.mock("~/services/return-sync.server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/services/return-sync.server")>()),
  reconcileShop: vi.fn(),
}));
vi.mock("~/services/shop-context.server", () => ({
  contextForShop: vi.fn(async (shop: string) => ({ shop: { domain: shop } }) as unknown as ReturnsContext),
}));

const SHOP = "reconcile-mark.myshopify.com";
const run = () => reconcileShopJob.run({ shop: SHOP }, { jobId: "t", attempt: 1 });

describe("reconcile-shop job", () => {
  beforeEach(async () => {
    await db.shop.deleteMany({ where: { domain: SHOP } });
    await db.shop.create({ data: { domain: SHOP } });
    vi.mocked(reconcileShop).mockReset();
  });

  it("GIVEN a shop never reconciled WHEN it runs THEN it looks back 90 days, and the next run starts 5 minutes before the first began", async () => {
    vi.mocked(reconcileShop).mockResolvedValue({} as never);
    const before = Date.now();
    await run();
    const firstSince = vi.mocked(reconcileShop).mock.calls[0][1].getTime();
    expect(firstSince).toBeGreaterThanOrEqual(before - FIRST_RUN_LOOKBACK_MS - 1000);
    expect(firstSince).toBeLessThanOrEqual(Date.now() - FIRST_RUN_LOOKBACK_MS);
    const mark = (await db.shop.findUniqueOrThrow({ where: { domain: SHOP } })).reconciledThrough!;
    expect(mark.getTime()).toBeGreaterThanOrEqual(before);

    await run();
    expect(vi.mocked(reconcileShop).mock.calls[1][1].getTime()).toBe(mark.getTime() - RECONCILE_OVERLAP_MS);
  });

  it("GIVEN Shopify fails WHEN it runs THEN the job fails (the queue retries) and the mark stays where it was", async () => {
    const mark = new Date(Date.now() - 3 * 60 * 60_000);
    await db.shop.update({ where: { domain: SHOP }, data: { reconciledThrough: mark } });
    vi.mocked(reconcileShop).mockRejectedValue(new Error("Shopify answered 503"));
    await expect(run()).rejects.toThrow("503");
    expect(vi.mocked(reconcileShop).mock.calls[0][1].getTime()).toBe(mark.getTime() - RECONCILE_OVERLAP_MS);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: SHOP } })).reconciledThrough).toEqual(mark);
  });
});
