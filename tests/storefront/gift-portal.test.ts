/**
 * "This was a gift" in the theme portal, through the real app-proxy route signed the way
 * Shopify signs it: a bad recipient e-mail is a 400, a refund line on a gift is a 422 — both
 * in the shopper's language, with nothing saved and the lookup still good for a corrected
 * form — and a gift for store credit is filed with the recipient recorded.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// This file's own stand-in port (other test files use theirs).
await vi.hoisted(() => import("../support/own-stand-in-port").then((m) => m.useOwnStandInPort()));

const { default: db } = await import("~/db.server");
const { action: lookup } = await import("~/routes/proxy.api.lookup");
const { action: createReturn } = await import("~/routes/proxy.api.returns");
const { callProxy, startProxyHarness, clearStorefrontState } = await import("../support/proxy-harness");
type Handler = import("../support/proxy-harness").Handler;

let harness: Awaited<ReturnType<typeof startProxyHarness>>;
beforeEach(async () => {
  if (harness) harness.reset();
  else harness = await startProxyHarness();
  await clearStorefrontState();
});
afterAll(async () => harness?.close());

const fileAs = (body: unknown) =>
  callProxy(createReturn as Handler, "/api/returns", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, { query: { locale: "sv" } });

async function giftForm() {
  const res = await callProxy(lookup as Handler, "/api/lookup", { method: "POST", body: new URLSearchParams({ order: "#1182", email: "astrid.lindqvist@example.com" }) });
  expect(res.status).toBe(200);
  const data = (await res.json()) as { lookupToken: string; order: { id: string; lines: { eligible: boolean; fulfillmentLineItemId: string }[] }; reasons: { id: string }[] };
  const line = data.order.lines.find((l) => l.eligible)!;
  return (resolution: string, gift: unknown) => ({
    orderId: data.order.id,
    lookupToken: data.lookupToken,
    method: "DROP_OFF",
    storeCreditConsent: true,
    locale: "sv",
    lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: data.reasons[0]?.id ?? null, note: null, resolution, exchangeVariantId: null }],
    gift,
  });
}

describe("gift returns in the theme portal", () => {
  it("GIVEN a gift WHEN the recipient's e-mail is missing or not an address THEN 400 GIFT_EMAIL and nothing is saved", async () => {
    const body = await giftForm();
    for (const gift of [{ recipientName: "Elsa" }, { recipientName: "Elsa", recipientEmail: "elsa" }, { recipientEmail: "elsa@example.com\r\nBcc: x@y.z" }, { recipientEmail: 42 }]) {
      const res = await fileAs(body("STORE_CREDIT", gift));
      expect(res.status, JSON.stringify(gift)).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe("GIFT_EMAIL");
      expect(json.error.message).toMatch(/^Ange gåvomottagarens e-postadress/);
    }
    const long = await fileAs(body("STORE_CREDIT", { recipientName: "E".repeat(201), recipientEmail: "elsa@example.com" }));
    expect([long.status, ((await long.json()) as { error: { code: string } }).error.code]).toEqual([400, "GIFT_NAME_TOO_LONG"]);
    expect(await db.returnRequest.count()).toBe(0);
  });

  it("GIVEN a gift WHEN a line asks for a refund THEN 422 GIFT_NO_REFUND, nothing saved; corrected to store credit THEN filed with the recipient", async () => {
    const body = await giftForm();
    const refused = await fileAs(body("REFUND", { recipientName: "Elsa", recipientEmail: "Elsa@Example.com" }));
    expect(refused.status).toBe(422);
    const json = (await refused.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("GIFT_NO_REFUND");
    expect(json.error.message).toMatch(/^En gåvoretur/);
    expect(await db.returnRequest.count()).toBe(0);

    const created = await fileAs(body("STORE_CREDIT", { recipientName: "Elsa", recipientEmail: "Elsa@Example.com" }));
    expect(created.status).toBe(201);
    // The buyer is told the value goes to the recipient's gift card, not to them.
    const confirmation = ((await created.json()) as { return: { eta: string | null } }).return;
    expect(confirmation.eta).toMatch(/mottagarens presentkort/);
    const ret = await db.returnRequest.findFirstOrThrow();
    expect(ret).toMatchObject({ gift: true, giftRecipientName: "Elsa", giftRecipientEmail: "elsa@example.com" });
  });

  it("GIVEN no gift THEN a refund is filed as before", async () => {
    const body = await giftForm();
    const created = await fileAs(body("REFUND", null));
    expect(created.status).toBe(201);
    expect((await db.returnRequest.findFirstOrThrow()).gift).toBe(false);
  });
});
