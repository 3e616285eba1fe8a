/**
 * The menu view (`GET /api/customer-account/orders/:id?view=menu`) is what both the order's
 * menu item and the Order status note ask. The note shows the shopper why nothing can be
 * returned, so the answer must carry the reasons — in the shopper's language, a closed window
 * with its last day — and until when a returnable order stays so. The reasons are the same
 * the action modal gets (one eligibility service). On the stand-in's seeded shop, SQLite and
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { STOREFRONT_LOCALES, storefrontMessage } from "~/i18n/storefront";
import { loader as orderLoader } from "~/routes/api.customer-account.orders.$orderId";
import { call, current, customerToken, legacy, type Handler } from "../support/customer-account-calls";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

vi.mock("~/services/shop-context.server", async () => (await import("../support/customer-account-calls")).shopContextStub);

describe.each(providers)("customer-account menu view on %s", (provider) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(provider);
    current.engine = engine;
  });
  afterAll(async () => {
    current.engine = null;
    await engine?.close();
  });

  async function ask(orderName: string, query: string) {
    const rec = engine.api.order(engine.shop, orderName);
    const res = await call(orderLoader as Handler, `/x?${query}`, { token: customerToken(engine, rec.customerId!) }, { orderId: legacy(rec.id) });
    expect(res.status).toBe(200);
    return res.json();
  }

  it("GIVEN Astrid's order past its window (the demo's why-note order) THEN every language gets the reason in it, with the window's last day, and nothing returnable", async () => {
    // #1124 is Astrid Lindqvist's (the demo customer's), delivered more than 30 days ago.
    expect(engine.api.order(engine.shop, "#1124").customerId).toBe(engine.api.order(engine.shop, "#1182").customerId);
    for (const locale of STOREFRONT_LOCALES) {
      const body = await ask("#1124", `view=menu&locale=${locale}`);
      expect(body).toMatchObject({ returnable: false, returnableUntil: null, returns: [] });
      expect(body.notReturnable).toEqual([{ code: "WINDOW_EXPIRED", message: storefrontMessage(locale, "WINDOW_EXPIRED"), lastDay: expect.stringMatching(/^2026-1[01]-\d\d$/) }]);
      expect(body.notReturnable[0].lastDay < "2026-11-20").toBe(true);
    }
  });

  it("GIVEN an order inside its window THEN it is returnable until the window's last day, with no reasons", async () => {
    // #1182 was delivered 5 days before the engine's 2026-11-20: 2026-11-15 + 30 days.
    const body = await ask("#1182", "view=menu&locale=sv");
    expect(body).toMatchObject({ returnable: true, returnableUntil: "2026-12-15", notReturnable: [], returns: [] });
  });

  it("GIVEN the menu item and the note asking at once (an order page opening) THEN one full order read answers both; asked again later, a fresh read", async () => {
    engine.resetCalls();
    const [a, b] = await Promise.all([ask("#1182", "view=menu&locale=da"), ask("#1182", "view=menu&locale=da")]);
    expect(a).toEqual(b);
    expect(engine.calls.get("OrderForReturn")).toBe(1);
    await ask("#1182", "view=menu&locale=da");
    expect(engine.calls.get("OrderForReturn")).toBe(2);
  });

  it("GIVEN an order with nothing shipped (the full check, not the cheap read) THEN the reason in the shopper's language, the same the action modal gets", async () => {
    const menu = await ask("#1200", "view=menu&locale=nl");
    expect(menu).toMatchObject({ returnable: false, returnableUntil: null });
    expect(menu.notReturnable).toEqual([{ code: "NOT_FULFILLED", message: storefrontMessage("nl", "NOT_FULFILLED") }]);
    const modal = await ask("#1200", "locale=nl");
    expect(modal.notReturnable).toEqual(menu.notReturnable);
  });
});
