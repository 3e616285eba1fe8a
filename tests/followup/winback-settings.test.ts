/** The win-back settings form → schema → database, on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getWinbackSettings, saveWinbackSettings, winbackInputFromForm } from "~/followup/winback-settings.server";
import { DEFAULT_WINBACK_SETTINGS } from "~/domain/followup/winback";
import { toMinorUnits } from "~/shopify/money";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const valid = { enabled: "true", valueType: "FIXED_AMOUNT", percentage: "15", fixedAmount: "100,50", minimumOrderAmount: "500", validityDays: "30", delayDays: "14", periodDays: "180" };

describe.each(providers)("win-back settings on %s", (provider) => {
  let t: TestDb;
  let shopId: string;
  beforeAll(async () => {
    t = await createTestDb(provider);
    shopId = (await t.db.shop.create({ data: { domain: "wb-settings.myshopify.com" } })).id;
  });
  afterAll(async () => t?.drop());

  it("GIVEN no saved settings THEN the defaults: off, 15 %, 14 days after the refund", async () => {
    expect(await getWinbackSettings(t.db, shopId)).toEqual(DEFAULT_WINBACK_SETTINGS);
    expect(DEFAULT_WINBACK_SETTINGS).toMatchObject({ enabled: false, valueType: "PERCENTAGE", percentage: 15, delayDays: 14 });
  });

  it("GIVEN the form in kronor THEN amounts are stored in minor units and read back", async () => {
    const r = await saveWinbackSettings(t.db, shopId, winbackInputFromForm(form(valid), "SEK", toMinorUnits));
    expect(r.ok).toBe(true);
    expect(await getWinbackSettings(t.db, shopId)).toEqual({ enabled: true, valueType: "FIXED_AMOUNT", percentage: 15, fixedAmount: 10050, minimumOrderAmount: 50000, validityDays: 30, delayDays: 14, periodDays: 180 });
  });

  it("GIVEN bad input THEN refused field by field and nothing changes", async () => {
    const r = await saveWinbackSettings(t.db, shopId, winbackInputFromForm(form({ ...valid, fixedAmount: "abc", delayDays: "0", valueType: "BOTH" }), "SEK", toMinorUnits));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["delayDays", "fixedAmount", "valueType"]);
    expect((await getWinbackSettings(t.db, shopId)).fixedAmount).toBe(10050);
  });
});
