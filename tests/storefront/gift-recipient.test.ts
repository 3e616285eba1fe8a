/**
 * A gift's recipient starts the return themselves on the storefront, with the order number
 * and the delivery postcode (no buyer e-mail), through the real app-proxy routes signed the
 * way Shopify signs them:
 *  - the answer is what a gift receipt shows: the JSON carries none of the buyer's name,
 *    e-mail, address or prices paid, and only store credit / exchange are offered;
 *  - a wrong postcode is the same 404 as a wrong number, and counts against the client like
 *    a failed guest lookup (429 after the guest limit);
 *  - the recipient's token files only a gift return (no recipient e-mail: 400; a refund:
 *    422), stores the recipient's delivery address for an exchange, and the status page and
 *    the return's e-mails (sent to the recipient) never show the price paid or the buyer.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/own-stand-in-port").then((m) => m.useOwnStandInPort()));

const { default: db } = await import("~/db.server");
const { action: lookup } = await import("~/routes/proxy.api.lookup");
const { action: createReturn } = await import("~/routes/proxy.api.returns");
const { loader: statusPage } = await import("~/routes/proxy.status.$token");
const { returnVariables } = await import("~/mail/return-variables.server");
const { callProxy, startProxyHarness, SHOP, clearStorefrontState } = await import("../support/proxy-harness");
type Handler = import("../support/proxy-harness").Handler;

let harness: Awaited<ReturnType<typeof startProxyHarness>>;
beforeEach(async () => {
  if (harness) harness.reset();
  else harness = await startProxyHarness();
  await clearStorefrontState();
});
afterAll(async () => harness?.close());

/** The buyer of #1182 as Shopify knows them: what the recipient must never see. */
function buyer() {
  const order = harness.api.order(SHOP, "#1182") as unknown as {
    shippingAddressRec: { name: string | null; firstName: string | null; lastName: string | null; address1: string; zip: string };
  };
  // The e-mail the buyer's own lookup uses (tests/storefront/gift-portal.test.ts).
  return { ...order, email: "astrid.lindqvist@example.com" };
}

const lookupAs = (fields: Record<string, string>, opts: { clientIp?: string; customer?: string } = {}) =>
  callProxy(lookup as Handler, "/api/lookup", { method: "POST", body: new URLSearchParams(fields) }, { ...opts, query: { locale: "sv" } });
const fileAs = (body: unknown, opts: { customer?: string } = {}) =>
  callProxy(createReturn as Handler, "/api/returns", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, { ...opts, query: { locale: "sv" } });

type LookupAnswer = {
  lookupToken: string;
  giftRecipient?: boolean;
  order: { id: string; lines: { eligible: boolean; fulfillmentLineItemId: string; resolutions: string[]; exchangeVariants: { id: string; available: boolean }[] }[] };
  reasons: { id: string }[];
};

/** The postcode as a person types it: no space, lower-case letters would not matter either. */
const typedPostcode = () => buyer().shippingAddressRec.zip.replace(/\s+/g, "");

describe("the gift recipient's own return (order number + delivery postcode)", () => {
  it("GIVEN the right postcode WHEN the recipient looks up THEN they see the items and gift resolutions, and the JSON holds nothing of the buyer or the prices", async () => {
    const b = buyer();
    expect(b.email).toBeTruthy();
    const res = await lookupAs({ order: "1182", postcode: typedPostcode() });
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text) as LookupAnswer & Record<string, unknown>;
    expect(data.giftRecipient).toBe(true);
    expect(data.order.lines.length).toBeGreaterThan(0);
    for (const l of data.order.lines) expect(l.resolutions).not.toContain("REFUND");
    // The privacy check is on the raw JSON: no buyer e-mail, name, street, and no prices.
    const secrets = [b.email!, b.shippingAddressRec.address1, b.shippingAddressRec.lastName, b.shippingAddressRec.firstName, "Astrid", "Lindqvist"].filter(Boolean) as string[];
    for (const s of secrets) expect(text.toLowerCase(), s).not.toContain(s.toLowerCase());
    // Prices only: Swedish reason names contain "kr" (beskrivningen).
    expect(text).not.toMatch(/unitPrice|\d\s?kr\b|SEK\s?\d|\d\s?SEK/);
    // The buyer's own lookup still shows prices (the fields exist, so the check above means something).
    const own = await lookupAs({ order: "1182", email: b.email! });
    expect(await own.text()).toMatch(/unitPrice/);
  });

  it("GIVEN a wrong postcode THEN the same 404 as a wrong number, in the shopper's language, and the guest limit applies (429)", async () => {
    const wrong = await lookupAs({ order: "1182", postcode: "99999" }, { clientIp: "198.51.100.9" });
    expect(wrong.status).toBe(404);
    const body = (await wrong.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("ORDER_NOT_FOUND");
    expect(body.error.message).toMatch(/postnummer/);
    const noOrder = await lookupAs({ order: "999999", postcode: typedPostcode() }, { clientIp: "198.51.100.9" });
    expect([noOrder.status, ((await noOrder.json()) as { error: { code: string } }).error.code]).toEqual([404, "ORDER_NOT_FOUND"]);
    let last = 0;
    for (let i = 0; i < 10; i++) last = (await lookupAs({ order: `11${i}0`, postcode: "12345" }, { clientIp: "198.51.100.9" })).status;
    expect(last).toBe(429);
    // Even the right postcode is refused now: guessing is what the limit stops.
    expect((await lookupAs({ order: "1182", postcode: typedPostcode() }, { clientIp: "198.51.100.9" })).status).toBe(429);
  });

  it("GIVEN the recipient's token WHEN filing without a recipient e-mail THEN 400; with a refund THEN 422; nothing saved", async () => {
    const data = (await (await lookupAs({ order: "1182", postcode: typedPostcode() })).json()) as LookupAnswer;
    const line = data.order.lines.find((l) => l.eligible)!;
    const body = (resolution: string, gift: unknown) => ({
      orderId: data.order.id,
      lookupToken: data.lookupToken,
      method: "DROP_OFF",
      storeCreditConsent: true,
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: data.reasons[0]?.id ?? null, note: null, resolution, exchangeVariantId: null }],
      gift,
    });
    const noGift = await fileAs(body("STORE_CREDIT", null));
    expect([noGift.status, ((await noGift.json()) as { error: { code: string } }).error.code]).toEqual([400, "GIFT_EMAIL"]);
    const refund = await fileAs(body("REFUND", { recipientName: "Elsa", recipientEmail: "elsa@example.com" }));
    expect([refund.status, ((await refund.json()) as { error: { code: string } }).error.code]).toEqual([422, "GIFT_NO_REFUND"]);
    // "Keep the item" would pay out without the goods: never for a recipient's token.
    const keep = await fileAs({ ...body("STORE_CREDIT", { recipientEmail: "elsa@example.com" }), method: "KEEP_ITEM" });
    expect([keep.status, ((await keep.json()) as { error: { code: string } }).error.code]).toEqual([400, "INVALID_INPUT"]);
    const badAddress = await fileAs(body("STORE_CREDIT", { recipientEmail: "elsa@example.com", addressLines: ["x".repeat(121)] }));
    expect([badAddress.status, ((await badAddress.json()) as { error: { code: string } }).error.code]).toEqual([400, "GIFT_ADDRESS"]);
    expect(await db.returnRequest.count()).toBe(0);
  });

  it("GIVEN the recipient files an exchange to their own address THEN it is a gift return with that address, and the status page and confirmation show no price or buyer", async () => {
    const b = buyer();
    // Signed in as someone else (the recipient's own account): still the recipient's token.
    const data = (await (await lookupAs({ order: "#1182", postcode: typedPostcode() }, { customer: "424242" })).json()) as LookupAnswer;
    const line = data.order.lines.find((l) => l.eligible && l.exchangeVariants.some((v) => v.available))!;
    const variant = line.exchangeVariants.find((v) => v.available)!;
    const created = await fileAs(
      {
        orderId: data.order.id,
        lookupToken: data.lookupToken,
        method: "DROP_OFF",
        lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: data.reasons[0]?.id ?? null, note: null, resolution: "EXCHANGE", exchangeVariantId: variant.id }],
        gift: { recipientName: "Elsa Berg", recipientEmail: "Elsa@Example.com", addressLines: ["Elsa Berg", "Storgatan 1", "", "111 22 Stockholm"] },
      },
      { customer: "424242" },
    );
    expect(created.status).toBe(201);
    const confirmation = await created.text();
    expect(confirmation.toLowerCase()).not.toContain(b.email!.toLowerCase());
    const ret = await db.returnRequest.findFirstOrThrow();
    expect(ret).toMatchObject({ gift: true, giftByRecipient: true, giftRecipientEmail: "elsa@example.com" });
    expect(JSON.parse(ret.giftAddress!)).toEqual(["Elsa Berg", "Storgatan 1", "111 22 Stockholm"]);
    // Not filed on the signed-in visitor's account: they are not the order's customer.
    expect(ret.customerId).not.toBe("gid://shopify/Customer/424242");

    // The return's e-mails go to the recipient and name them, not the buyer, without prices.
    const mails = await db.emailMessage.findMany({ where: { returnRequestId: ret.id } });
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(m.toAddress).toBe("elsa@example.com");
    const vars = await returnVariables(db, { shopDomain: SHOP, returnId: ret.id, step: "request_received", locale: "sv", linkBase: "https://shop.example" });
    expect(vars).toMatchObject({ customer_name: "Elsa Berg", customer_first_name: "Elsa" });
    const varsText = JSON.stringify(vars);
    for (const secret of [b.email, "Astrid", "Lindqvist", b.shippingAddressRec.address1]) expect(varsText).not.toContain(secret);
    expect(varsText).not.toMatch(/\d\s?kr/);

    const page = await callProxy(statusPage as Handler, `/status/${ret.statusToken}`, { method: "GET" }, { params: { token: ret.statusToken }, query: { locale: "sv" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(ret.rmaNumber);
    expect(html).not.toMatch(/\d\s?kr|SEK/);
    expect(html.toLowerCase()).not.toContain(b.email!.toLowerCase());
  });

  it("GIVEN a buyer's token WHEN it is presented as a recipient's (subject edited) THEN 401", async () => {
    const data = (await (await lookupAs({ order: "1182", email: buyer().email! })).json()) as LookupAnswer;
    const parts = data.lookupToken.split(".");
    parts[2] = "gift";
    const line = data.order.lines.find((l) => l.eligible)!;
    const res = await fileAs({
      orderId: data.order.id,
      lookupToken: parts.join("."),
      method: "DROP_OFF",
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: null, note: null, resolution: "STORE_CREDIT", exchangeVariantId: null }],
      gift: { recipientEmail: "elsa@example.com" },
    });
    expect(res.status).toBe(401);
  });
});
