/**
 * Behaviour of the storefront block's script (assets/return-portal.js) on the HTML the block
 * really renders (via the stand-in storefront), in a mini DOM, with a scripted fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../../simulator/platform/testing/harness";
import {
  createdFixture,
  lookupFixture,
  mountPortal,
  renderPortalHtml,
  type Portal,
} from "./portal-fixture";

let h: Harness;
let guestHtml: string;
let guestHtmlSv: string;
let customerHtml: string;

beforeAll(async () => {
  h = await startHarness();
  guestHtml = await renderPortalHtml(h, { locale: "en" });
  guestHtmlSv = await renderPortalHtml(h, { locale: "sv" });
  customerHtml = await renderPortalHtml(h, { locale: "en", customerId: "7001" });
});
afterAll(() => h.close());

async function lookedUp(html = guestHtml, fixture: object = lookupFixture()): Promise<Portal> {
  const p = mountPortal(html);
  p.type(p.q('[name="order"]'), "#1001");
  const email = p.el.querySelector('[name="email"]');
  if (email) p.type(email, "astrid@example.se");
  p.replies.push({ status: 200, json: fixture });
  await p.submit(p.r("lookup"));
  return p;
}

describe("loading", () => {
  it("GIVEN the block WHEN the script runs THEN the element is upgraded and nothing is fetched", () => {
    const p = mountPortal(guestHtml);
    expect(p.registry.defined.has("return-portal")).toBe(true);
    expect(p.calls).toHaveLength(0);
    expect(p.r("select").hidden).toBe(true);
  });

  it("GIVEN the script already ran WHEN it runs a second time THEN it does not redefine the element", () => {
    const p = mountPortal(guestHtml);
    expect(() => p.runScriptAgain()).not.toThrow();
  });
});

describe("order lookup", () => {
  it("GIVEN an empty order number WHEN submitting THEN the error is announced, the field marked and focused, nothing fetched", async () => {
    const p = mountPortal(guestHtmlSv, "sv");
    await p.submit(p.r("lookup"));
    expect(p.error()).toBe("Ange ditt ordernummer.");
    expect(p.q('[name="order"]').getAttribute("aria-invalid")).toBe("true");
    expect(p.doc.activeElement).toBe(p.q('[name="order"]'));
    expect(p.r("error").getAttribute("role")).toBe("alert");
    expect(p.calls).toHaveLength(0);
  });

  it("GIVEN a guest with a malformed email WHEN submitting THEN the email error shows and nothing is fetched", async () => {
    const p = mountPortal(guestHtml);
    p.type(p.q('[name="order"]'), "1001");
    p.type(p.q('[name="email"]'), "not-an-email");
    await p.submit(p.r("lookup"));
    expect(p.error()).toBe("Enter a valid email address, like name@example.com.");
    expect(p.calls).toHaveLength(0);
  });

  it("GIVEN a guest WHEN looking up THEN it POSTs order+email form-encoded to /apps/returns/api/lookup with Accept-Language", async () => {
    const p = mountPortal(guestHtmlSv, "sv");
    p.type(p.q('[name="order"]'), " #1001 ");
    p.type(p.q('[name="email"]'), "astrid@example.se");
    p.replies.push({ status: 200, json: lookupFixture() });
    await p.submit(p.r("lookup"));
    expect(p.calls).toHaveLength(1);
    const call = p.calls[0]!;
    expect(call.url).toBe("/apps/returns/api/lookup");
    expect(call.method).toBe("POST");
    expect(call.body).toBeInstanceOf(URLSearchParams);
    expect(String(call.body)).toBe("order=%231001&email=astrid%40example.se");
    expect(call.headers).toMatchObject({ Accept: "application/json", "Accept-Language": "sv" });
  });

  it("GIVEN a logged-in customer WHEN looking up THEN there is no email field and only the order is sent", async () => {
    const p = mountPortal(customerHtml);
    expect(p.el.querySelector('[name="email"]')).toBeNull();
    p.type(p.q('[name="order"]'), "1001");
    p.replies.push({ status: 200, json: lookupFixture() });
    await p.submit(p.r("lookup"));
    expect(String(p.calls[0]!.body)).toBe("order=1001");
  });

  it("GIVEN the app answers 404 with a localized message WHEN looking up THEN that message is announced and the form can be retried", async () => {
    const p = mountPortal(guestHtml);
    p.type(p.q('[name="order"]'), "1001");
    p.type(p.q('[name="email"]'), "a@b.se");
    p.replies.push({
      status: 404,
      json: { ok: false, error: { code: "NOT_FOUND", message: "We couldn't find that order." } },
    });
    await p.submit(p.r("lookup"));
    expect(p.error()).toBe("We couldn't find that order.");
    expect(p.r("lookup").hidden).toBe(false);
    expect(p.q('.rp-lookup [type="submit"]').disabled).toBe(false);
  });

  it("GIVEN the network fails WHEN looking up THEN the network message shows", async () => {
    const p = mountPortal(guestHtml);
    p.type(p.q('[name="order"]'), "1001");
    p.type(p.q('[name="email"]'), "a@b.se");
    p.replies.push(new TypeError("Failed to fetch"));
    await p.submit(p.r("lookup"));
    expect(p.error()).toBe("We couldn't reach the store. Check your connection and try again.");
  });

  it("GIVEN a non-JSON error page WHEN looking up THEN the generic message shows", async () => {
    const p = mountPortal(guestHtml);
    p.type(p.q('[name="order"]'), "1001");
    p.type(p.q('[name="email"]'), "a@b.se");
    p.replies.push({ status: 502, text: "<html>Bad gateway</html>" });
    await p.submit(p.r("lookup"));
    expect(p.error()).toBe("Something went wrong. Please try again in a moment.");
  });
});

describe("choosing items", () => {
  it("GIVEN a found order WHEN shown THEN every line is listed, ineligible ones disabled with their message, focus on the heading", async () => {
    const p = await lookedUp();
    expect(p.r("lookup").hidden).toBe(true);
    expect(p.r("select").hidden).toBe(false);
    expect(p.r("orderHeading").textContent).toBe("Order #1001");
    expect(p.doc.activeElement).toBe(p.r("orderHeading"));
    const [sweater, giftCard, socks] = p.lines();
    expect(sweater!.querySelector('[data-f="title"]')!.textContent).toBe("Wool sweater");
    expect(sweater!.querySelector('[data-f="meta"]')!.textContent).toBe("M / Blue · 799,00 kr");
    expect(sweater!.querySelector('[data-f="img"]')!.hidden).toBe(false);
    expect(giftCard!.querySelector('[data-f="sel"]')!.disabled).toBe(true);
    expect(giftCard!.querySelector('[data-f="inel"]')!.textContent).toBe(
      "Gift cards can't be returned.",
    );
    expect(socks!.querySelectorAll("[data-res]").map((n) => n.getAttribute("data-res"))).toEqual([
      "REFUND",
      "STORE_CREDIT",
    ]);
    expect(
      sweater!
        .querySelector('[data-f="qty"]')!
        .querySelectorAll("option")
        .map((o) => o.value),
    ).toEqual(["1", "2"]);
    const ex = sweater!.querySelector('[data-f="ex"]')!.querySelectorAll("option");
    expect(ex.map((o) => o.textContent)).toEqual([
      "Choose a variant",
      "S / Blue",
      "L / Blue – sold out",
    ]);
    expect(ex[2]!.disabled).toBe(true);
    expect(sweater!.querySelector('[data-f="bonus"]')!.textContent).toBe("(+10% bonus)");
    expect(p.r("eu").hidden).toBe(false);
  });

  it("GIVEN the rendered lines WHEN checking labels and ids THEN every label points at a control and ids are unique and carry the block id", async () => {
    const p = await lookedUp();
    const bid = p.el.getAttribute("data-bid")!;
    const ids = p.qa("[id]").map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const label of p.qa("label")) {
      const target = p.el.querySelector(`#${label.htmlFor}`);
      expect(target, `label "${label.textContent.trim()}"`).not.toBeNull();
      expect(label.htmlFor).toContain(bid);
    }
    const radios = p.lines()[0]!.querySelectorAll('[data-f="res"]');
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect(radios[0]!.checked).toBe(true);
  });

  it("GIVEN a line WHEN ticked THEN its options show; choosing exchange shows the variant picker", async () => {
    const p = await lookedUp();
    const sweater = p.lines()[0]!;
    const opts = sweater.querySelector('[data-f="opts"]')!;
    expect(opts.hidden).toBe(true);
    p.tick(sweater.querySelector('[data-f="sel"]')!);
    expect(opts.hidden).toBe(false);
    expect(sweater.querySelector('[data-f="exw"]')!.hidden).toBe(true);
    p.tick(sweater.querySelector('[value="EXCHANGE"]')!);
    expect(sweater.querySelector('[data-f="exw"]')!.hidden).toBe(false);
    expect(sweater.querySelector('[value="REFUND"]')!.checked).toBe(false);
  });

  it("GIVEN nothing ticked WHEN submitting THEN 'choose at least one item' and no request", async () => {
    const p = await lookedUp();
    await p.submit(p.r("select"));
    expect(p.error()).toBe("Choose at least one item to return.");
    expect(p.calls).toHaveLength(1);
  });

  it("GIVEN a ticked line without a reason, then an exchange without a variant, then no method WHEN submitting THEN each problem is reported in turn", async () => {
    const p = await lookedUp();
    const sweater = p.lines()[0]!;
    p.tick(sweater.querySelector('[data-f="sel"]')!);
    p.tick(sweater.querySelector('[value="EXCHANGE"]')!);
    await p.submit(p.r("select"));
    expect(p.error()).toBe("Choose a reason for this item.");
    expect(sweater.querySelector('[data-f="reason"]')!.getAttribute("aria-invalid")).toBe("true");
    p.choose(sweater.querySelector('[data-f="reason"]')!, "gid://shopify/ReturnReasonDefinition/1");
    await p.submit(p.r("select"));
    expect(p.error()).toBe("Choose the size or colour you want instead.");
    expect(sweater.querySelector('[data-f="reason"]')!.hasAttribute("aria-invalid")).toBe(false);
    p.choose(sweater.querySelector('[data-f="ex"]')!, "gid://shopify/ProductVariant/21");
    await p.submit(p.r("select"));
    expect(p.error()).toBe("Choose how you will send the items back.");
    expect(p.calls).toHaveLength(1);
  });

  it("GIVEN a required method WHEN shown THEN only that method is offered, preselected", async () => {
    const p = await lookedUp(
      guestHtml,
      lookupFixture({
        methods: [
          { code: "DROP_OFF", name: "Drop off", feeFormatted: null, required: false },
          { code: "PICKUP", name: "Home pickup", feeFormatted: "49,00 kr", required: true },
        ],
      }),
    );
    const methods = p.r("methodList").querySelectorAll('[data-f="m"]');
    expect(methods.map((m) => m.value)).toEqual(["PICKUP"]);
    expect(methods[0]!.checked).toBe(true);
    expect(p.r("methodList").querySelector('[data-f="mfee"]')!.textContent).toBe("Fee: 49,00 kr");
  });
});

describe("creating the return", () => {
  it("GIVEN an exchange and a refund line WHEN submitted THEN the exact contract body is POSTed and the confirmation shows", async () => {
    const p = await lookedUp();
    const [sweater, , socks] = p.lines();
    p.tick(sweater!.querySelector('[data-f="sel"]')!);
    p.choose(sweater!.querySelector('[data-f="qty"]')!, "2");
    p.choose(
      sweater!.querySelector('[data-f="reason"]')!,
      "gid://shopify/ReturnReasonDefinition/1",
    );
    p.type(sweater!.querySelector('[data-f="note"]')!, "  Too tight on the shoulders ");
    p.tick(sweater!.querySelector('[value="EXCHANGE"]')!);
    p.choose(sweater!.querySelector('[data-f="ex"]')!, "gid://shopify/ProductVariant/21");
    p.tick(socks!.querySelector('[data-f="sel"]')!);
    p.choose(socks!.querySelector('[data-f="reason"]')!, "gid://shopify/ReturnReasonDefinition/2");
    p.tick(p.r("methodList").querySelectorAll('[data-f="m"]')[1]!);
    p.replies.push({ status: 201, json: createdFixture });
    await p.submit(p.r("select"));

    expect(p.calls).toHaveLength(2);
    const call = p.calls[1]!;
    expect(call.url).toBe("/apps/returns/api/returns");
    expect(call.method).toBe("POST");
    expect(call.headers).toMatchObject({
      "Content-Type": "application/json",
      Accept: "application/json",
      "Accept-Language": "en",
    });
    expect(JSON.parse(call.body as string)).toEqual({
      orderId: "gid://shopify/Order/1001",
      method: "PICKUP",
      lines: [
        {
          fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/11",
          quantity: 2,
          reasonId: "gid://shopify/ReturnReasonDefinition/1",
          note: "Too tight on the shoulders",
          resolution: "EXCHANGE",
          exchangeVariantId: "gid://shopify/ProductVariant/21",
        },
        {
          fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/13",
          quantity: 1,
          reasonId: "gid://shopify/ReturnReasonDefinition/2",
          note: "",
          resolution: "REFUND",
          exchangeVariantId: null,
        },
      ],
      storeCreditConsent: false,
      locale: "en",
    });

    expect(p.r("select").hidden).toBe(true);
    expect(p.r("done").hidden).toBe(false);
    expect(p.r("rma").textContent).toBe("RMA-1001-1");
    expect(p.r("returnStatus").textContent).toBe("Waiting for approval");
    expect(p.r("eta").textContent).toBe(
      "We're reviewing your request and will e-mail you as soon as it is approved. We expect to send your new item between December 1, 2026 and December 5, 2026.",
    );
    expect(p.r("guide").textContent).toBe("How to send your return\n1. Pack the items.");
    expect(p.r("slip").href).toBe("/apps/returns/slip/tok_abc.pdf");
    expect(p.r("track").href).toBe("/apps/returns/status/tok_abc");
    expect(p.doc.activeElement).toBe(p.r("doneHeading"));
  });

  it("GIVEN a ticked line WHEN the shopper asks for the refund preview THEN the form as it stands is POSTed to /api/preview and the server's text shows", async () => {
    const p = await lookedUp();
    const [sweater] = p.lines();
    p.tick(sweater!.querySelector('[data-f="sel"]')!);
    p.replies.push({ status: 200, json: { ok: true, text: "What you get back\nBack to your payment method: 1 199,00 kr" } });
    p.click(p.q("[data-pv]"));
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(p.calls).toHaveLength(2);
    expect(p.calls[1]!.url).toBe("/apps/returns/api/preview");
    const body = JSON.parse(p.calls[1]!.body as string);
    expect(body.lines).toHaveLength(1);
    expect(body.lines[0].reasonId).toBeNull();
    expect(p.r("preview").hidden).toBe(false);
    expect(p.r("preview").textContent).toBe("What you get back\nBack to your payment method: 1 199,00 kr");
  });

  it("GIVEN store credit WHEN submitting without consent THEN consent is asked for; with it THEN storeCreditConsent is true", async () => {
    const p = await lookedUp();
    const socks = p.lines()[2]!;
    p.tick(socks.querySelector('[data-f="sel"]')!);
    p.choose(socks.querySelector('[data-f="reason"]')!, "gid://shopify/ReturnReasonDefinition/2");
    expect(p.r("consent").hidden).toBe(true);
    p.tick(socks.querySelector('[value="STORE_CREDIT"]')!);
    expect(p.r("consent").hidden).toBe(false);
    p.tick(p.r("methodList").querySelectorAll('[data-f="m"]')[0]!);
    await p.submit(p.r("select"));
    expect(p.error()).toBe("Tick the box to confirm that you want store credit.");
    p.tick(p.r("consentBox"));
    p.replies.push({ status: 201, json: createdFixture });
    await p.submit(p.r("select"));
    const body = JSON.parse(p.calls[1]!.body as string);
    expect(body.storeCreditConsent).toBe(true);
    expect(body.lines[0].resolution).toBe("STORE_CREDIT");
  });

  it("GIVEN the app rejects the return WHEN submitting THEN its message is announced and the choices stay", async () => {
    const p = await lookedUp();
    const socks = p.lines()[2]!;
    p.tick(socks.querySelector('[data-f="sel"]')!);
    p.choose(socks.querySelector('[data-f="reason"]')!, "gid://shopify/ReturnReasonDefinition/2");
    p.tick(p.r("methodList").querySelectorAll('[data-f="m"]')[0]!);
    p.replies.push({
      status: 422,
      json: {
        ok: false,
        error: { code: "WINDOW_CLOSED", message: "The return window has closed." },
      },
    });
    await p.submit(p.r("select"));
    expect(p.error()).toBe("The return window has closed.");
    expect(p.r("select").hidden).toBe(false);
    expect(socks.querySelector('[data-f="sel"]')!.checked).toBe(true);
  });

  it("GIVEN the confirmation WHEN 'look up another order' is clicked THEN the lookup form is back and focused", async () => {
    const p = await lookedUp();
    p.click(p.r("done").querySelector("[data-back]")!);
    expect(p.r("lookup").hidden).toBe(false);
    expect(p.r("select").hidden).toBe(true);
    expect(p.doc.activeElement).toBe(p.q('[name="order"]'));
  });
});
