/**
 * The customer-account API end to end in-process: the real routes, the library's session-token
 * verification, the app's services on the stand-in's seeded shop. Tokens are minted the way
 * the stand-in (and Shopify) mint them for a customer account UI extension.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loader as orderLoader, action as orderAction } from "~/routes/api.customer-account.orders.$orderId";
import { action as previewAction, loader as previewLoader } from "~/routes/api.customer-account.orders.$orderId_.preview";
import { action as createAction } from "~/routes/api.customer-account.orders.$orderId_.returns";
import { loader as returnLoader } from "~/routes/api.customer-account.returns.$returnId";
import { savePolicy } from "~/services/policy.server";
import { DEFAULT_RETURN_POLICY, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_RETURN, PICKUP_LEAD_MAX_DAYS, PICKUP_WINDOW_MAX_DAYS } from "~/domain";
import { jpegWithExif } from "~/domain/testing/photos";
import { approveReturn } from "~/services/return-lifecycle.server";
import { signJwtHs256 } from "../../simulator/platform/crypto";
import { call, current, customerToken, legacy, type Handler, type TokenOptions } from "../support/customer-account-calls";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const KEY = process.env.SHOPIFY_API_KEY!;
const SECRET = process.env.SHOPIFY_API_SECRET!;

// Routes build their context from the shop's stored session; here it is the engine's.
vi.mock("~/services/shop-context.server", async () => (await import("../support/customer-account-calls")).shopContextStub);

describe.each(providers)("customer-account API on %s", (provider) => {
  let engine: Engine;
  let astrid: string;
  let order1182: string;
  let order1183: string; // Rasmus's
  const token = (customerId: string | null, opts: TokenOptions = {}) => customerToken(engine, customerId, opts);

  beforeAll(async () => {
    engine = await createEngine(provider);
    current.engine = engine;
    const rec = engine.api.order(engine.shop, "#1182");
    order1182 = rec.id;
    astrid = rec.customerId!;
    order1183 = engine.api.order(engine.shop, "#1183").id;
  });
  afterAll(async () => {
    current.engine = null;
    await engine?.close();
  });

  describe("token checks", () => {
    const menu = (t: string | null) => call(orderLoader as Handler, `/api/customer-account/orders/${legacy(order1182)}?view=menu`, { token: t }, { orderId: legacy(order1182) });

    it("control: a valid token for the customer's own order is answered", async () => {
      const res = await menu(token(astrid));
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      const body = await res.json();
      expect(body.returnable).toBe(true);
    });

    it("no token → 401", async () => {
      expect((await menu(null)).status).toBe(401);
    });

    it("expired token → 401", async () => {
      expect((await menu(token(astrid, { nowSec: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
    });

    it("forged token (signed with another secret) → 401", async () => {
      expect((await menu(token(astrid, { secret: "not-the-app-secret" }))).status).toBe(401);
    });

    it("tampered claims (sub swapped, old signature) → 401", async () => {
      const [h, , s] = token(astrid).split(".");
      const other = engine.api.order(engine.shop, "#1183").customerId!;
      const now = Math.floor(Date.now() / 1000);
      const body = Buffer.from(JSON.stringify({ dest: engine.shop, aud: KEY, sub: other, exp: now + 300, nbf: now, iat: now })).toString("base64url");
      expect((await menu(`${h}.${body}.${s}`)).status).toBe(401);
    });

    it("a token for another app (aud) → 401", async () => {
      expect((await menu(token(astrid, { apiKey: "someone-elses-app" }))).status).toBe(401);
    });

    it("a token without a signed-in customer → 401", async () => {
      expect((await menu(token(null))).status).toBe(401);
    });

    it("alg none is refused → 401", async () => {
      const now = Math.floor(Date.now() / 1000);
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const unsigned = `${part({ alg: "none", typ: "JWT" })}.${part({ dest: engine.shop, aud: KEY, sub: astrid, exp: now + 300, nbf: now, iat: now })}.`;
      expect((await menu(unsigned)).status).toBe(401);
    });

    it("another customer's order → 404 that reveals nothing", async () => {
      const res = await call(orderLoader as Handler, `/x`, { token: token(astrid) }, { orderId: legacy(order1183) });
      expect(res.status).toBe(404);
      const body = await res.json();
      expect(JSON.stringify(body)).not.toContain("#1183");
      expect(JSON.stringify(body)).not.toMatch(/rasmus/i);
      // Same answer as an order that does not exist.
      const missing = await call(orderLoader as Handler, `/x`, { token: token(astrid) }, { orderId: "999999999" });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual(body);
    });

    it("a token of another shop → 404", async () => {
      const res = await menu(signJwtHs256({ dest: "other-shop.myshopify.com", aud: KEY, sub: astrid, exp: Math.floor(Date.now() / 1000) + 300, nbf: Math.floor(Date.now() / 1000) - 1, iat: Math.floor(Date.now() / 1000) - 1 }, SECRET));
      expect(res.status).toBe(404);
    });

    it("preflight is answered with the library's CORS headers (Remix routes OPTIONS to the loader)", async () => {
      for (const [handler, method] of [[orderLoader, "GET"], [previewLoader, "POST"]] as const) {
        const res = await call(handler as Handler, `/x`, { method: "OPTIONS", headers: { "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization,content-type" } }, { orderId: "1" });
        expect(res.status).toBe(204);
        expect(res.headers.get("access-control-allow-origin")).toBe("*");
        expect(res.headers.get("access-control-allow-headers")).toMatch(/authorization/i);
      }
      const wrong = await call(orderAction as Handler, `/x`, { method: "DELETE", token: token(astrid) }, { orderId: "1" });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get("access-control-allow-origin")).toBe("*");
    });
  });

  describe("the return flow", () => {
    it("options → preview → file → view return → details", async () => {
      const id = legacy(order1182);
      const t = token(astrid);
      const options = await call(orderLoader as Handler, `/x?locale=sv`, { token: t }, { orderId: id });
      expect(options.status).toBe(200);
      const data = await options.json();
      expect(data.order.name).toBe("#1182");
      expect(data.returnable).toBe(true);
      expect(data.notReturnable).toEqual([]);
      const sweater = data.order.lines.find((l: { title: string }) => /sweater/i.test(l.title));
      expect(sweater.eligible).toBe(true);
      expect(data.methods.map((m: { code: string }) => m.code)).toContain("DROP_OFF");
      expect(data.methods.find((m: { code: string }) => m.code === "DROP_OFF").name).toBe("Lämna på ett ombud"); // in the shopper's language

      const lines = [{ fulfillmentLineItemId: sweater.fulfillmentLineItemId, quantity: 1, reasonId: data.reasons[0].id, resolution: "REFUND" }];
      const preview = await call(previewAction as Handler, `/x?locale=sv`, { method: "POST", token: t, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ method: "DROP_OFF", lines }) }, { orderId: id });
      expect(preview.status).toBe(200);
      const p = await preview.json();
      expect(p.amounts.refund).toBeGreaterThan(0);
      expect(p.refund).toMatch(/kr/);

      const created = await call(createAction as Handler, `/x?locale=sv`, {
        method: "POST",
        token: t,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ lookupToken: data.lookupToken, method: "DROP_OFF", lines: lines.map((l) => ({ ...l, note: null, exchangeVariantId: null })) }),
      }, { orderId: id });
      expect(created.status).toBe(201);
      const ret = (await created.json()).return;
      expect(ret.rma).toMatch(/^R-\d+/);
      // The amount filed equals the preview (same arithmetic).
      const row = await engine.ctx.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: ret.rma } });
      expect(row.refundAmount).toBe(p.amounts.refund);
      expect(row.customerId).toBe(astrid);

      const menu = await (await call(orderLoader as Handler, `/x?view=menu`, { token: t }, { orderId: id })).json();
      expect(menu.returns[0].rma).toBe(ret.rma);
      expect(menu.returns[0].status).toBe("REQUESTED");

      // Approved in the admin; the order-status target then shows it by its Shopify return id.
      await approveReturn(engine.ctx, row.id, { type: "STAFF", id: "1" });
      const approved = await engine.ctx.db.returnRequest.findUniqueOrThrow({ where: { id: row.id } });
      expect(approved.shopifyReturnId).toMatch(/^gid:\/\/shopify\/Return\/\d+$/);
      const details = await call(returnLoader as Handler, `/x?locale=de`, { token: t }, { returnId: legacy(approved.shopifyReturnId!) });
      expect(details.status).toBe(200);
      const d = (await details.json()).return;
      expect(d.status).toBe("APPROVED");
      expect(d.statusLabel).toBe("Genehmigt");
      expect(d.dates.requested).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.dates.approved).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // Another customer can't read it.
      const rasmus = engine.api.order(engine.shop, "#1183").customerId!;
      const denied = await call(returnLoader as Handler, `/x`, { token: token(rasmus) }, { returnId: legacy(approved.shopifyReturnId!) });
      expect(denied.status).toBe(404);
    });

    it("the refund preview agrees with Shopify's own returnCalculate for the same lines and fees", async () => {
      // The stand-in has no Customer Account API; its Admin returnCalculate follows the same
      // documented arithmetic Shopify's customer-facing returnCalculate uses.
      const rec = engine.api.order(engine.shop, "#1183"); // DKK, sweater + final-sale beanie
      const t = token(rec.customerId!);
      const data = await (await call(orderLoader as Handler, `/x`, { token: t }, { orderId: legacy(rec.id) })).json();
      const sweater = data.order.lines.find((l: { eligible: boolean }) => l.eligible);
      await savePolicy(engine.ctx.db, engine.ctx.shop.id, { ...DEFAULT_RETURN_POLICY, restockingFee: { ...DEFAULT_RETURN_POLICY.restockingFee, percent: 10 } });
      const preview = await (
        await call(previewAction as Handler, `/x`, { method: "POST", token: t, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ method: "DROP_OFF", lines: [{ fulfillmentLineItemId: sweater.fulfillmentLineItemId, quantity: 1, reasonId: null, resolution: "REFUND" }] }) }, { orderId: legacy(rec.id) })
      ).json();
      await savePolicy(engine.ctx.db, engine.ctx.shop.id, DEFAULT_RETURN_POLICY);
      const { data: calc } = await engine.admin.request<{ returnCalculate: { returnLineItems: { subtotalSet: { presentmentMoney: { amount: string } }; totalTaxSet: { presentmentMoney: { amount: string } }; restockingFee: { amountSet: { presentmentMoney: { amount: string } } } | null }[] } }, Record<string, unknown>>(
        `#graphql
        query CustomerAccountPreviewAgreement($input: CalculateReturnInput!) {
          returnCalculate(input: $input) {
            returnLineItems { subtotalSet { presentmentMoney { amount } } totalTaxSet { presentmentMoney { amount } } restockingFee { amountSet { presentmentMoney { amount } } } }
          }
        }` as never,
        { input: { orderId: rec.id, returnLineItems: [{ fulfillmentLineItemId: sweater.fulfillmentLineItemId, quantity: 1, restockingFee: { percentage: 10 } }] } },
      );
      const minor = (a: string) => Math.round(Number(a) * 100);
      const line = calc.returnCalculate.returnLineItems[0];
      const shopify = minor(line.subtotalSet.presentmentMoney.amount) - minor(line.restockingFee!.amountSet.presentmentMoney.amount);
      expect(preview.amounts.fees).toBe(minor(line.restockingFee!.amountSet.presentmentMoney.amount));
      expect(preview.amounts.fees).toBeGreaterThan(0);
      expect(preview.amounts.refund).toBe(shopify);
    });

    it("filing on another customer's order is a 404 even with a lookup token for it", async () => {
      const rasmus = engine.api.order(engine.shop, "#1183").customerId!;
      const own = await (await call(orderLoader as Handler, `/x`, { token: token(rasmus) }, { orderId: legacy(order1183) })).json();
      const line = own.order.lines.find((l: { eligible: boolean }) => l.eligible);
      const res = await call(createAction as Handler, `/x`, {
        method: "POST",
        token: token(astrid),
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ lookupToken: own.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] }),
      }, { orderId: legacy(order1183) });
      expect(res.status).toBe(404);
      expect(await engine.ctx.db.returnRequest.count({ where: { orderId: order1183 } })).toBe(0);
    });

    it("an order with nothing returnable says why, in the shopper's language", async () => {
      // #1097 was delivered 43 days ago: outside the 30-day window.
      const rec = engine.api.order(engine.shop, "#1097");
      const res = await call(orderLoader as Handler, `/x?view=menu&locale=sv`, { token: token(rec.customerId!) }, { orderId: legacy(rec.id) });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.returnable).toBe(false);
      // The window's last day: delivered 2026-10-08 (43 days before the engine's 2026-11-20) + 30 days.
      expect(body.notReturnable).toEqual([{ code: "WINDOW_EXPIRED", message: "Returtiden för varan har gått ut.", lastDay: "2026-11-07" }]);
    });

    it("an order past every return window is answered from the cheap read, without the full order read", async () => {
      const rec = engine.api.order(engine.shop, "#1097");
      engine.resetCalls();
      const res = await call(orderLoader as Handler, `/x?view=menu`, { token: token(rec.customerId!) }, { orderId: legacy(rec.id) });
      expect((await res.json()).returnable).toBe(false);
      expect(engine.calls.get("OrderReturnPrecheck")).toBe(1);
      expect(engine.calls.get("OrderForReturn") ?? 0).toBe(0);
      // A recent order still gets the full check (same rules as the portal).
      engine.resetCalls();
      await call(orderLoader as Handler, `/x?view=menu`, { token: token(astrid) }, { orderId: legacy(order1182) });
      expect(engine.calls.get("OrderForReturn")).toBe(1);
    });

    it("bad input is a 400, never a 5xx", async () => {
      const res = await call(previewAction as Handler, `/x`, { method: "POST", token: token(astrid), headers: { "Content-Type": "application/json" }, body: "{not json" }, { orderId: legacy(order1182) });
      expect(res.status).toBe(400);
      const res2 = await call(previewAction as Handler, `/x`, { method: "POST", token: token(astrid), headers: { "Content-Type": "application/json" }, body: JSON.stringify({ method: "DROP_OFF", lines: [{ fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/1", quantity: 1, resolution: "REFUND" }] }) }, { orderId: legacy(order1182) });
      expect(res2.status).toBe(422);
    });
  });

  describe("photos and home pickup (the portal's rules, through customer accounts)", () => {
    const json = (body: unknown, t: string) => ({ method: "POST", token: t, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    async function optionsFor(name: string, locale = "en") {
      const rec = engine.api.order(engine.shop, name);
      const t = token(rec.customerId!);
      const data = await (await call(orderLoader as Handler, `/x?locale=${locale}`, { token: t }, { orderId: legacy(rec.id) })).json();
      return { rec, t, data, line: data.order.lines.find((l: { eligible: boolean }) => l.eligible) };
    }

    it("the options carry the filing's limits (photos, pickup dates in the shop's time zone) and the pickup address default", async () => {
      const { data } = await optionsFor("#1185");
      const today = engine.ctx.now().toISOString().slice(0, 10);
      const plus = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
      expect(data.limits).toEqual({
        photos: { maxPerReturn: MAX_PHOTOS_PER_RETURN, maxBytes: MAX_PHOTO_BYTES, types: ["image/jpeg", "image/png", "image/webp"] },
        pickup: { earliest: plus(1), latest: plus(PICKUP_LEAD_MAX_DAYS), windowMaxDays: PICKUP_WINDOW_MAX_DAYS },
      });
      expect(data.order.shippingAddressLines.length).toBeGreaterThan(0);
    });

    it("a reason that needs a photo: without one 422 PHOTO_REQUIRED in the shopper's language and nothing saved; with one the return is filed and keeps it", async () => {
      await savePolicy(engine.ctx.db, engine.ctx.shop.id, { ...DEFAULT_RETURN_POLICY, photoRequiredReasonHandles: ["damaged"] });
      try {
        const { rec, t, data, line } = await optionsFor("#1185", "sv");
        const damaged = data.reasons.find((r: { handle: string }) => r.handle === "damaged");
        expect(damaged.photoRequired).toBe(true);
        expect(data.reasons.filter((r: { photoRequired: boolean }) => r.photoRequired)).toHaveLength(1);
        const body = (photos: string[]) => ({ lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: damaged.id, resolution: "REFUND", photos }] });
        const refused = await call(createAction as Handler, `/x?locale=sv`, json(body([]), t), { orderId: legacy(rec.id) });
        expect(refused.status).toBe(422);
        const error = (await refused.json()).error;
        expect(error.code).toBe("PHOTO_REQUIRED");
        expect(error.message).toMatch(/^Lägg till ett foto/);
        expect(await engine.ctx.db.returnRequest.count({ where: { orderId: rec.id } })).toBe(0);
        // Not a picture: the app reads the bytes, whatever the data: URL says.
        const fake = await call(createAction as Handler, `/x?locale=sv`, json(body([`data:image/png;base64,${Buffer.from("not a png").toString("base64")}`]), t), { orderId: legacy(rec.id) });
        expect([fake.status, (await fake.json()).error.code]).toEqual([422, "PHOTO_INVALID"]);

        const photo = `data:image/jpeg;base64,${Buffer.from(jpegWithExif()).toString("base64")}`;
        const created = await call(createAction as Handler, `/x?locale=sv`, json(body([photo]), t), { orderId: legacy(rec.id) });
        expect(created.status).toBe(201);
        const row = await engine.ctx.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: (await created.json()).return.rma }, include: { photos: true } });
        expect(row.photos).toHaveLength(1);
        expect(Buffer.from(row.photos[0]!.data).toString("latin1")).not.toContain("GPS");
      } finally {
        await savePolicy(engine.ctx.db, engine.ctx.shop.id, DEFAULT_RETURN_POLICY);
      }
    });

    it("home pickup: without a window 422 (not silently filed without one); a window outside the limits 422; a good one is stored with the address", async () => {
      await savePolicy(engine.ctx.db, engine.ctx.shop.id, { ...DEFAULT_RETURN_POLICY, returnMethods: { ...DEFAULT_RETURN_POLICY.returnMethods, homePickup: { enabled: true, requiredAboveGrams: null } } });
      try {
        const { rec, t, data, line } = await optionsFor("#1184", "da");
        expect(data.methods.map((m: { code: string }) => m.code)).toContain("HOME_PICKUP");
        const body = (pickup: unknown) => ({ lookupToken: data.lookupToken, method: "HOME_PICKUP", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: data.reasons[0].id, resolution: "REFUND" }], pickup });
        const none = await call(createAction as Handler, `/x?locale=da`, json(body(null), t), { orderId: legacy(rec.id) });
        expect(none.status).toBe(422);
        expect((await none.json()).error.code).toBe("PICKUP_DATES_INVALID");
        const { earliest, windowMaxDays } = data.limits.pickup;
        const plus = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
        const tooLong = await call(createAction as Handler, `/x?locale=da`, json(body({ addressLines: [], dateFrom: earliest, dateTo: plus(earliest, windowMaxDays) }), t), { orderId: legacy(rec.id) });
        expect(tooLong.status).toBe(422);
        const err = (await tooLong.json()).error;
        expect(err.code).toBe("PICKUP_WINDOW_TOO_LONG");
        expect(err.message).toMatch(/^Tjek afhentningsadressen/);
        expect(await engine.ctx.db.returnRequest.count({ where: { orderId: rec.id } })).toBe(0);

        const ok = await call(createAction as Handler, `/x?locale=da`, json(body({ addressLines: ["Nørregade 1", "1165 København"], dateFrom: earliest, dateTo: plus(earliest, windowMaxDays - 1) }), t), { orderId: legacy(rec.id) });
        expect(ok.status).toBe(201);
        const row = await engine.ctx.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: (await ok.json()).return.rma } });
        expect([row.method, JSON.parse(row.pickupAddress!), row.pickupDateFrom, row.pickupDateTo]).toEqual(["HOME_PICKUP", ["Nørregade 1", "1165 København"], earliest, plus(earliest, windowMaxDays - 1)]);
      } finally {
        await savePolicy(engine.ctx.db, engine.ctx.shop.id, DEFAULT_RETURN_POLICY);
      }
    });
  });

  describe("a signed-in buyer's gift (the portal's gift rules, through customer accounts)", () => {
    const json = (body: unknown, t: string) => ({ method: "POST", token: t, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    it("without the recipient's e-mail 400 GIFT_EMAIL, a refund 422 GIFT_NO_REFUND (both in the shopper's language, nothing saved); store credit is filed for the recipient with their address", async () => {
      const rec = engine.api.order(engine.shop, "#1148");
      const t = token(rec.customerId!);
      const data = await (await call(orderLoader as Handler, `/x?locale=sv`, { token: t }, { orderId: legacy(rec.id) })).json();
      const line = data.order.lines.find((l: { eligible: boolean }) => l.eligible);
      const body = (resolution: string, gift: unknown) => ({
        lookupToken: data.lookupToken,
        method: "DROP_OFF",
        storeCreditConsent: true,
        lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: data.reasons[0].id, resolution }],
        gift,
      });
      const noEmail = await call(createAction as Handler, `/x?locale=sv`, json(body("STORE_CREDIT", { recipientName: "Elsa" }), t), { orderId: legacy(rec.id) });
      const e1 = (await noEmail.json()).error;
      expect([noEmail.status, e1.code]).toEqual([400, "GIFT_EMAIL"]);
      expect(e1.message).toMatch(/^Ange gåvomottagarens e-postadress/);
      const refund = await call(createAction as Handler, `/x?locale=sv`, json(body("REFUND", { recipientEmail: "elsa@example.com" }), t), { orderId: legacy(rec.id) });
      expect([refund.status, (await refund.json()).error.code]).toEqual([422, "GIFT_NO_REFUND"]);
      expect(await engine.ctx.db.returnRequest.count({ where: { orderId: rec.id } })).toBe(0);

      const ok = await call(createAction as Handler, `/x?locale=sv`, json(body("STORE_CREDIT", { recipientName: "Elsa", recipientEmail: "Elsa@Example.com", addressLines: ["Elsa Berg", "Storgatan 1"] }), t), { orderId: legacy(rec.id) });
      expect(ok.status).toBe(201);
      const row = await engine.ctx.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: (await ok.json()).return.rma } });
      expect(row).toMatchObject({ gift: true, giftByRecipient: false, giftRecipientName: "Elsa", giftRecipientEmail: "elsa@example.com", customerId: rec.customerId });
      expect(JSON.parse(row.giftAddress!)).toEqual(["Elsa Berg", "Storgatan 1"]);
    });
  });

  describe("require sign-in for returns", () => {
    it("turns the theme portal's guest lookup off; signed-in customers still get through", async () => {
      const { assertGuestAccessAllowed } = await import("~/services/sign-in-requirement.server");
      const guest = { customerLegacyId: null, clientKey: "1.2.3.4", locale: "da" as const };
      await expect(assertGuestAccessAllowed(engine.ctx, guest)).resolves.toBeUndefined();
      await savePolicy(engine.ctx.db, engine.ctx.shop.id, { ...DEFAULT_RETURN_POLICY, requireSignIn: true });
      const refused = await assertGuestAccessAllowed(engine.ctx, guest).catch((e) => e);
      expect(refused.status).toBe(403);
      expect(refused.code).toBe("SIGN_IN_REQUIRED");
      expect(refused.message).toBe("Log ind på din konto for at starte en returnering.");
      await expect(assertGuestAccessAllowed(engine.ctx, { ...guest, customerLegacyId: legacy(astrid) })).resolves.toBeUndefined();
      await savePolicy(engine.ctx.db, engine.ctx.shop.id, DEFAULT_RETURN_POLICY);
    });
  });
});
