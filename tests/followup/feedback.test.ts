/**
 * Ratings and comments in the database, on SQLite and PostgreSQL: one rating per return even
 * when clicks race, one comment, another shop's return is not found, and the analytics summary.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackSummary, getReturnFeedback, recordComment, recordRating } from "~/followup/feedback.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

describe.each(providers)("feedback on %s", (provider) => {
  let t: TestDb;
  let shopId: string;
  let other: string;
  const now = new Date("2026-11-20T12:00:00Z");
  let n = 0;
  const newReturn = async (sid = shopId) =>
    (
      await t.db.returnRequest.create({
        data: { shopId: sid, rmaNumber: `R-${++n}`, status: "CLOSED", orderId: "gid://shopify/Order/1", orderName: "#1", method: "DROP_OFF", currency: "SEK", statusToken: `tok-${provider}-${n}` },
      })
    ).id;
  beforeAll(async () => {
    t = await createTestDb(provider);
    shopId = (await t.db.shop.create({ data: { domain: "fb.myshopify.com" } })).id;
    other = (await t.db.shop.create({ data: { domain: "other.myshopify.com" } })).id;
  });
  afterAll(async () => t?.drop());

  it("GIVEN five rating clicks at once on one return THEN exactly one is recorded and the others see it", async () => {
    const id = await newReturn();
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((rating) => recordRating(t.db, { shopId, returnId: id, rating: rating as 1, locale: "en", now })));
    expect(outcomes.filter((o) => o.status === "RECORDED")).toHaveLength(1);
    const stored = await getReturnFeedback(t.db, shopId, id);
    expect(outcomes.every((o) => o.status === "NOT_FOUND" || o.rating === stored!.rating)).toBe(true);
    expect(await t.db.returnFeedback.count({ where: { returnRequestId: id } })).toBe(1);
  });

  it("GIVEN another shop's return THEN not found, nothing stored", async () => {
    const id = await newReturn(other);
    expect(await recordRating(t.db, { shopId, returnId: id, rating: 5, locale: "en", now })).toEqual({ status: "NOT_FOUND" });
    expect(await recordComment(t.db, { shopId, returnId: id, rating: 5, comment: "x", locale: "en", now })).toEqual({ status: "NOT_FOUND" });
  });

  it("GIVEN two comments at once THEN one stands", async () => {
    const id = await newReturn();
    await recordRating(t.db, { shopId, returnId: id, rating: 2, locale: "en", now });
    const outcomes = await Promise.all(["a", "b"].map((comment) => recordComment(t.db, { shopId, returnId: id, rating: null, comment, locale: "en", now })));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["ALREADY_COMMENTED", "RECORDED"]);
  });

  it("GIVEN ratings in and out of a range THEN the summary counts those in it, with the latest comments", async () => {
    const s = await feedbackSummary(t.db, shopId, { from: new Date("2026-11-01"), to: new Date("2026-12-01") });
    expect(s.count).toBe(2);
    expect(s.distribution[2]).toBe(1);
    expect(s.comments).toHaveLength(1);
    expect(s.comments[0]!.rmaNumber).toMatch(/^R-\d+$/);
    const none = await feedbackSummary(t.db, shopId, { from: new Date("2025-01-01"), to: new Date("2025-02-01") });
    expect(none).toMatchObject({ count: 0, average: null, comments: [] });
  });
});
