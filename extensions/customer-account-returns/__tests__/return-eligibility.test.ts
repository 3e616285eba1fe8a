/**
 * The Order status note (customer-account.order-status.cart-line-list.render-after) rendered
 * with the fake host: until when items can be returned, or why nothing can — the app's
 * reasons in the shopper's language, the closed window's last day in the shopper's locale.
 * Also the modal shows the same reasons with the same date.
 */
import { afterEach, describe, expect, it } from "vitest";
import { mountTarget, unmountTarget, text, translator, type Backend, type FakeHost } from "./fake-host";

const ORDER = "gid://shopify/Order/5551124";
const MENU = "GET /api/customer-account/orders/5551124";

afterEach(unmountTarget);


const menu = (state: object): Backend => ({ [MENU]: () => ({ body: { ok: true, returns: [], ...state } }) });
/** Settles the request and the render after it; then whatever the target shows is there. */
async function settled(h: FakeHost) {
  await h.until(() => h.requests.length === 1);
  await new Promise((r) => setTimeout(r, 30));
  return text(h.document.body);
}

describe("order-status note (customer-account.order-status.cart-line-list.render-after)", () => {
  it("GIVEN something returnable WHEN the app knows until when THEN it says so with the date in the shopper's language and names the 'Return items' action", async () => {
    const h = await mountTarget("ReturnEligibility", { lang: "sv", order: ORDER, backend: menu({ returnable: true, returnableUntil: "2026-12-14", notReturnable: [] }) });
    const body = await settled(h);
    const sv = translator("sv");
    expect(body).toBe(sv("note.returnableUntil", { date: "14 december 2026", action: sv("menu.returnItems") }));
    expect(body).toContain("”Returnera varor”");
    // It asks what the menu item asks: the menu view, with the token and the language.
    expect(h.requests[0].url).toMatch(/\/api\/customer-account\/orders\/5551124\?view=menu&locale=sv$/);
    expect(h.requests[0].authorization).toBe("Bearer fake.session.token");
  });

  it("GIVEN something returnable WHEN no date is known THEN only that items can be returned", async () => {
    const h = await mountTarget("ReturnEligibility", { order: ORDER, backend: menu({ returnable: true, returnableUntil: null, notReturnable: [] }) });
    expect(await settled(h)).toBe("You can return items from this order. Choose “Return items” to start.");
  });

  it("GIVEN nothing returnable THEN why, from the app's messages, with the closed window's last day in the shopper's locale", async () => {
    const h = await mountTarget("ReturnEligibility", {
      lang: "de",
      order: ORDER,
      backend: menu({
        returnable: false,
        returnableUntil: null,
        notReturnable: [
          { code: "WINDOW_EXPIRED", message: "Die Rückgabefrist für diesen Artikel ist abgelaufen.", lastDay: "2026-10-19" },
          { code: "FINAL_SALE", message: "Artikel aus dem Schlussverkauf können nicht zurückgegeben werden." },
        ],
      }),
    });
    await settled(h);
    const paragraphs = [...h.document.querySelectorAll("s-paragraph")].map(text);
    expect(text(h.document.querySelector("s-text"))).toBe("Nichts aus dieser Bestellung kann zurückgesendet werden");
    expect(paragraphs).toEqual([
      "Die Rückgabefrist für diesen Artikel ist abgelaufen. Der letzte Tag für Rücksendungen war der 19. Oktober 2026.",
      "Artikel aus dem Schlussverkauf können nicht zurückgegeben werden.",
    ]);
  });

  it("renders nothing when the app can't answer, and asks nothing without an order", async () => {
    const h = await mountTarget("ReturnEligibility", { order: ORDER, backend: { [MENU]: () => ({ status: 404, body: { ok: false, error: { code: "ORDER_NOT_FOUND", message: "x" } } }) } });
    expect(await settled(h)).toBe("");
    expect(h.document.body.innerHTML).toBe("");
    unmountTarget();

    const none = await mountTarget("ReturnEligibility", { backend: menu({ returnable: true, notReturnable: [] }) });
    await new Promise((r) => setTimeout(r, 30));
    expect(none.requests).toHaveLength(0);
    expect(none.document.body.innerHTML).toBe("");
  });

  it("the action modal gives the same reasons with the same last day", async () => {
    const h = await mountTarget("ReturnFlow", {
      lang: "fi",
      orderId: ORDER,
      backend: {
        [MENU]: () => ({
          body: {
            ok: true,
            lookupToken: "t",
            order: { id: ORDER, name: "#1124", currency: "SEK", lines: [] },
            reasons: [],
            methods: [],
            limits: { photos: { maxPerReturn: 3, maxBytes: 1, types: [] }, pickup: { earliest: "2026-11-21", latest: "2026-12-20", windowMaxDays: 14 } },
            policy: { storeCreditBonusPercent: 0, euWithdrawal: false },
            returnable: false,
            notReturnable: [{ code: "WINDOW_EXPIRED", message: "Tuotteen palautusaika on päättynyt.", lastDay: "2026-10-19" }],
            returns: [],
          },
        }),
      },
    });
    const banner = await h.until(() => h.document.querySelector("s-banner"));
    expect(text(banner)).toBe("Tuotteen palautusaika on päättynyt. Viimeinen palautuspäivä oli 19. lokakuuta 2026.");
  });
});
