/**
 * The shopper's journey after "send", against the offline stand-in, on SQLite and
 * PostgreSQL: the customer comes from the order, every message follows the resolution, the
 * status page shows the real outcome, the slip is a real PDF (read back with pdftotext), and
 * the refund preview agrees with the final refund for every documented seed order.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RETURN_POLICY, evaluateEligibility, type Resolution } from "~/domain";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { ReturnsError } from "~/services/context.server";
import { approveReturn, attachShipping, declineReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { shopperReturnViewFor } from "~/services/return-journey.server";
import { previewReturn } from "~/services/return-preview.server";
import { requireReturn } from "~/services/return-records.server";
import { requestReturn, type RequestedReturnLine } from "~/services/return-request.server";
import { buildSlip } from "~/services/return-slip.server";
import { createFromStorefront, lookupForStorefront, type ShopperIdentity } from "~/services/storefront.server";
import { SEED_SCENARIOS } from "../../simulator/seed/index";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-1" };
const SECRET = "test-app-secret";

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "slip-"));
  const file = join(dir, "slip.pdf");
  writeFileSync(file, bytes);
  // Reading order, whitespace collapsed: wrapped lines read as one sentence.
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

async function loadRet(engine: Engine, id: string) {
  return engine.t.db.returnRequest.findFirstOrThrow({ where: { id }, include: { lines: true } });
}

describe.each(providers)("the shopper's journey on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider);
  });
  afterEach(async () => engine.close());

  async function sweaterExchange(name = "#1182") {
    const order = engine.api.order(engine.shop, name);
    const snapshot = await fetchOrderSnapshot(engine.admin, order.id);
    const line = snapshot.fulfillments.flatMap((f) => f.lines)[0];
    const li = snapshot.lineItems.find((l) => l.id === line.lineItemId)!;
    const sibling = engine.api.store
      .shop(engine.shop)
      .variants.find((v) => v.productId === li.productId && v.id !== li.variantId && [...v.stock.values()].some((q) => q > 0))!;
    return { snapshot, line, sibling };
  }

  it("GIVEN a logged-in shopper WHEN they file a return in the portal THEN the return carries the order's customer name and e-mail (not 'Unknown customer')", async () => {
    const order = engine.api.order(engine.shop, "#1182");
    const legacy = order.customerId!.split("/").pop()!;
    const who: ShopperIdentity = { customerLegacyId: legacy, clientKey: "1.2.3.4", locale: "sv" };
    const found = await lookupForStorefront(engine.ctx, who, { order: "#1182", email: null }, SECRET);
    const line = found.order.lines.find((l) => l.eligible)!;
    // The reasons are in the shopper's language (Shopify's Admin API answers them in English).
    expect(found.reasons.find((r) => r.handle === "size-too-small")?.name).toBe("Storleken var för liten");
    expect(found.reasons.map((r) => r.name)).not.toContain("Changed my mind");
    const created = await createFromStorefront(
      engine.ctx,
      who,
      {
        orderId: found.order.id,
        lookupToken: found.lookupToken,
        method: "DROP_OFF",
        storeCreditConsent: false,
        lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: null, note: null, resolution: "REFUND", exchangeVariantId: null }],
      },
      SECRET,
    );
    const ret = await engine.t.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: created.return.rma } });
    expect(ret.customerName).toBe("Astrid Lindqvist");
    expect(ret.customerEmail).toBe("astrid.lindqvist@example.com");
    expect(ret.customerId).toBe(order.customerId);
    // The confirmation speaks of the refund, in Swedish, with absolute links that work in a fresh browser.
    expect(created.return.eta).toMatch(/^Vi räknar med att du får tillbaka pengarna mellan/);
    expect(created.return.statusUrl).toBe(`http://127.0.0.1:3998/s/${engine.shop}/apps/returns/status/${ret.statusToken}?locale=sv`);
    expect(created.return.slipUrl).toBe(`http://127.0.0.1:3998/s/${engine.shop}/apps/returns/slip/${ret.statusToken}?locale=sv`);
    expect(created.return.guide.length).toBeGreaterThan(3);
  });

  it("GIVEN an ordinary order WHEN looked up THEN it costs 2 Admin API calls; GIVEN the 260-line order THEN every line still arrives (paging kept)", async () => {
    const guest: ShopperIdentity = { customerLegacyId: null, clientKey: "5.6.7.8", locale: "en" };
    engine.resetCalls();
    await lookupForStorefront(engine.ctx, guest, { order: "#1182", email: "astrid.lindqvist@example.com" }, SECRET);
    expect([...engine.calls.values()].reduce((a, b) => a + b, 0)).toBe(2);
    const big = await lookupForStorefront(engine.ctx, guest, { order: "#1150", email: "oliver.bennett@example.com" }, SECRET);
    expect(big.order.lines).toHaveLength(260);
    expect(big.order.lines.filter((l) => l.eligible).length).toBe(260);
  });

  it("GIVEN a guest order without a customer record WHEN a return is requested THEN the e-mail comes from the order", async () => {
    const order = engine.api.order(engine.shop, "#1181");
    const snapshot = await fetchOrderSnapshot(engine.admin, order.id);
    const line = snapshot.fulfillments.flatMap((f) => f.lines)[0];
    const created = await requestReturn(engine.ctx, { orderId: order.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    const ret = await requireReturn(engine.ctx, created.id);
    expect(ret.customerEmail).toBe("guest.shopper@example.org");
    // The seeded guest order has no address, so no name: the admin shows the e-mail instead.
    expect(ret.customerName).toBeNull();
  });

  it("GIVEN an exchange WHEN it goes request → approve → ship → receive → process THEN no message ever talks of a refund and the status page shows the new item and its shipping state", async () => {
    const { snapshot, line, sibling } = await sweaterExchange();
    const created = await requestReturn(engine.ctx, {
      orderId: snapshot.id,
      method: "DROP_OFF",
      locale: "en",
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: sibling.id }],
    });
    let view = await shopperReturnViewFor(engine.ctx, await loadRet(engine, created.id), "en");
    expect(view.outcome).toBe("EXCHANGE");
    expect(view.next).toMatch(/reviewing your request/);
    expect(view.eta ?? "").toMatch(/^We expect to send your new item between/);

    await approveReturn(engine.ctx, created.id, STAFF);
    view = await shopperReturnViewFor(engine.ctx, await loadRet(engine, created.id), "en");
    expect(view.next).toMatch(/drop the parcel off at a PostNord service point/);
    expect(view.slipPath).toContain("/apps/returns/slip/");

    await attachShipping(engine.ctx, created.id, { trackingNumber: "00370730253498827460", carrierName: "PostNord" }, STAFF);
    await markReceived(engine.ctx, created.id, STAFF);
    await processReturn(engine.ctx, created.id, STAFF);
    view = await shopperReturnViewFor(engine.ctx, await loadRet(engine, created.id), "en");
    const all = JSON.stringify(view);
    expect(all).not.toMatch(/refund/i);
    expect(view.steps.find((s) => s.status === "PROCESSED")).toMatchObject({ label: "New item on its way", done: true, current: true });
    expect(view.steps.find((s) => s.status === "PROCESSED")!.date).toBeTruthy();
    expect(view.result.join(" ")).toMatch(/Your exchange was processed on .+\. New item: Abisko Merino Sweater/);
    expect(view.result).toContain("We are packing your new item.");
    expect(view.eta).toBeNull();
    expect(view.slipPath).toBeNull();
  });

  it("GIVEN a return that exchanges one item and refunds another WHEN it is followed THEN the shopper is told about both: the estimate, the processed step and the outcome", async () => {
    const { snapshot, line, sibling } = await sweaterExchange();
    const other = snapshot.fulfillments.flatMap((f) => f.lines).find((l) => l.fulfillmentLineItemId !== line.fulfillmentLineItemId)!;
    const created = await requestReturn(engine.ctx, {
      orderId: snapshot.id,
      method: "DROP_OFF",
      locale: "en",
      lines: [
        { fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: sibling.id },
        { fulfillmentLineItemId: other.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" },
      ],
    });
    let view = await shopperReturnViewFor(engine.ctx, await loadRet(engine, created.id), "en");
    expect(view.outcomes).toEqual(["EXCHANGE", "REFUND"]);
    expect(view.eta).toMatch(/^Expected between .+ and .+: your new item and your refund\.$/);

    await approveReturn(engine.ctx, created.id, STAFF);
    await markReceived(engine.ctx, created.id, STAFF);
    await processReturn(engine.ctx, created.id, STAFF);
    view = await shopperReturnViewFor(engine.ctx, await loadRet(engine, created.id), "en");
    expect(view.steps.find((s) => s.status === "PROCESSED")?.label).toBe("New item on its way · Refunded");
    const result = view.result.join(" ");
    expect(result).toMatch(/ was refunded to .+ on /);
    expect(result).toMatch(/Your exchange was processed on .+\. New item: Abisko Merino Sweater/);
  });

  it("GIVEN a refund WHEN processed THEN the status page shows the real amount, date and method instead of an estimate", async () => {
    const snapshot = await fetchOrderSnapshot(engine.admin, engine.api.order(engine.shop, "#1182").id);
    const line = snapshot.fulfillments.flatMap((f) => f.lines)[0];
    const created = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", locale: "de", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, created.id, STAFF);
    await markReceived(engine.ctx, created.id, STAFF);
    const processed = await processReturn(engine.ctx, created.id, STAFF);
    const view = await shopperReturnViewFor(engine.ctx, await loadRet(engine, created.id), "de");
    const amount = new Intl.NumberFormat("de", { style: "currency", currency: "SEK" }).format(processed.ret.refundAmount / 100);
    expect(processed.ret.refundAmount).toBeGreaterThan(0);
    expect(view.result[0]).toContain(amount.replace(/\s/g, " ").split(" ")[0]);
    expect(view.result[0]).toMatch(/wurde am .+ auf deine Karte erstattet\./);
    expect(view.result[1]).toMatch(/^Der Betrag sollte zwischen/);
    expect(view.steps.find((s) => s.status === "PROCESSED")!.label).toBe("Erstattet");
  });

  it("GIVEN a declined return THEN the status page says so with the merchant's reason and offers no slip", async () => {
    const snapshot = await fetchOrderSnapshot(engine.admin, engine.api.order(engine.shop, "#1182").id);
    const line = snapshot.fulfillments.flatMap((f) => f.lines)[0];
    const created = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await declineReturn(engine.ctx, created.id, { reason: "OTHER", note: "The sweater shows signs of use." }, STAFF);
    const view = await shopperReturnViewFor(engine.ctx, await loadRet(engine, created.id), "en");
    expect(view.stopped).toEqual(["We couldn't accept this return.", "Reason: see the note from the shop.", "The sweater shows signs of use."]);
    expect(view.slipPath).toBeNull();
    expect(view.guide).toEqual([]);
  });

  it("GIVEN a return WHEN its slip is rendered in Swedish THEN the PDF reads back with the shop, return address, RMA, order, items, guide and å ä ö, and stays under 150 KB", async () => {
    const { snapshot, line, sibling } = await sweaterExchange();
    const created = await requestReturn(engine.ctx, {
      orderId: snapshot.id,
      method: "DROP_OFF",
      locale: "sv",
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: sibling.id }],
    });
    const ret = await loadRet(engine, created.id);
    const slip = await buildSlip(engine.ctx, ret, "sv");
    expect(slip.filename).toBe(`return-slip-${ret.rmaNumber}.pdf`);
    expect(slip.bytes.byteLength).toBeLessThan(150 * 1024);
    const doc = await PDFDocument.load(slip.bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(`Retursedel ${ret.rmaNumber}`);
    const text = pdfText(slip.bytes);
    for (const expected of [
      "Nordlys Living",
      "Retursedel",
      "Returneras till",
      "Lagervägen 12",
      ret.rmaNumber,
      "#1182",
      "Abisko Merino Sweater",
      `Byte mot Abisko Merino Sweater - ${sibling.title}`,
      "Lämna på ett ombud",
      "Skanna för att följa din retur",
      "Klipp här. Lägg den nedre delen i paketet.",
      "Lägg den nedre delen av retursedeln i paketet.",
      "PostNord",
      "Astrid Lindqvist",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("GIVEN heavy furniture WHEN the slip is made THEN the guide carries the furniture packing steps", async () => {
    const snapshot = await fetchOrderSnapshot(engine.admin, engine.api.order(engine.shop, "#1177").id);
    const policy = DEFAULT_RETURN_POLICY;
    const eligible = evaluateEligibility({ order: snapshot, policy, now: engine.clock.now(), timeZone: "Europe/Stockholm" }).lines.filter((l) => l.eligible && l.fulfillmentLineItemId);
    const created = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", locale: "en", lines: [{ fulfillmentLineItemId: eligible[0].fulfillmentLineItemId!, quantity: 1, resolution: "REFUND" }] });
    const text = pdfText((await buildSlip(engine.ctx, await loadRet(engine, created.id), "en")).bytes);
    expect(text.replace(/\s+/g, " ")).toContain("Furniture: take it apart if it was delivered flat-packed");
  });
});

describe.each(providers)("refund preview agrees with the final refund on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider, { policy: { storeCredit: { ...DEFAULT_RETURN_POLICY.storeCredit, bonusPercent: 10 } } });
  });
  afterEach(async () => engine.close());

  it("GIVEN every documented seed order WHEN its returnable lines are previewed, then filed and processed THEN the preview and the final refund agree to the minor unit", async () => {
    const policy = { ...DEFAULT_RETURN_POLICY, storeCredit: { ...DEFAULT_RETURN_POLICY.storeCredit, bonusPercent: 10 } };
    let compared = 0;
    for (const scenario of SEED_SCENARIOS) {
      const order = engine.api.order(engine.shop, scenario.name);
      const snapshot = await fetchOrderSnapshot(engine.admin, order.id);
      const eligible = evaluateEligibility({ order: snapshot, policy, now: engine.clock.now(), timeZone: "Europe/Stockholm" })
        .lines.filter((l) => l.eligible && l.fulfillmentLineItemId && l.maxQuantity > 0)
        .slice(0, 3);
      if (eligible.length === 0) continue;
      // Mix resolutions: store credit on the second line where the order has a customer.
      const lines: RequestedReturnLine[] = eligible.map((l, i) => {
        const resolution: Resolution = i === 1 && snapshot.customer && l.allowedResolutions.includes("STORE_CREDIT") ? "STORE_CREDIT" : "REFUND";
        return { fulfillmentLineItemId: l.fulfillmentLineItemId!, quantity: l.maxQuantity, resolution, reasonHandle: i === 0 ? "unwanted" : "damaged" };
      });
      const input = { orderId: order.id, method: "DROP_OFF" as const, lines, storeCreditConsent: true };
      let preview;
      try {
        preview = await previewReturn(engine.ctx, input);
      } catch (error) {
        // What the preview refuses, filing refuses too, for the same reason.
        expect(error).toBeInstanceOf(ReturnsError);
        await expect(requestReturn(engine.ctx, input)).rejects.toMatchObject({ code: (error as ReturnsError).code });
        continue;
      }
      const created = await requestReturn(engine.ctx, input);
      const requested = await requireReturn(engine.ctx, created.id);
      expect({ scenario: scenario.name, refund: requested.refundAmount, credit: requested.storeCreditAmount + requested.bonusCreditAmount }).toEqual({
        scenario: scenario.name,
        refund: preview.toOriginalPayment,
        credit: preview.toStoreCredit,
      });
      if (requested.status === "REQUESTED") await approveReturn(engine.ctx, created.id, STAFF);
      await markReceived(engine.ctx, created.id, STAFF);
      const processed = await processReturn(engine.ctx, created.id, STAFF);
      expect({ scenario: scenario.name, refund: processed.ret.refundAmount, credit: processed.ret.storeCreditAmount + processed.ret.bonusCreditAmount }).toEqual({
        scenario: scenario.name,
        refund: preview.toOriginalPayment,
        credit: preview.toStoreCredit,
      });
      compared++;
    }
    // Most documented orders have something returnable; the test must not pass vacuously.
    expect(compared).toBeGreaterThanOrEqual(15);
  }, 240_000);
});
