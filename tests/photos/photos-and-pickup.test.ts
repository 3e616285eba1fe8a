/**
 * Photos and home pickup through the shopper's filing path (the theme portal's and customer
 * accounts' service), on SQLite and PostgreSQL: a reason marked "photo required" refuses a
 * filing without one (422, nothing saved), photos are checked by content and stored without
 * metadata, only signed links of the right shop open them; a pickup stores an address
 * (default: the order's) and a window, and a bad window is refused.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RETURN_POLICY } from "~/domain";
import { photoBySignedLink, photosForReturn, signedPhotoPath } from "~/services/photos/photos.server";
import { shopperDetailsFor } from "~/services/photos/shopper-details.server";
import { StorefrontError } from "~/services/storefront-error.server";
import { createFromStorefront, lookupForStorefront, type ShopperIdentity, type StorefrontReturnInput } from "~/services/storefront.server";
import { jpegWithExif } from "~/domain/testing/photos";
import { shopperReturnViewFor } from "~/services/return-journey.server";
import { buildSlip } from "~/services/return-slip.server";
import { renderStatusPage } from "~/storefront/status-page";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const SECRET = "test-app-secret";

function pdfText(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), "slip-")), "slip.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}
const policy = {
  photoRequiredReasonHandles: ["damaged"],
  returnMethods: { ...DEFAULT_RETURN_POLICY.returnMethods, homePickup: { enabled: true, requiredAboveGrams: null } },
};

describe.each(providers)("photos and pickup on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider, { policy });
  });
  afterEach(async () => engine.close());

  async function form(who: ShopperIdentity, reasonHandle: string) {
    const found = await lookupForStorefront(engine.ctx, who, { order: "#1182", email: "astrid.lindqvist@example.com" }, SECRET);
    const line = found.order.lines.find((l) => l.eligible)!;
    const reason = found.reasons.find((r) => r.handle === reasonHandle)!;
    const input = (extra: Partial<StorefrontReturnInput["lines"][number]> = {}, rest: Partial<StorefrontReturnInput> = {}): StorefrontReturnInput => ({
      orderId: found.order.id,
      lookupToken: found.lookupToken,
      method: "DROP_OFF",
      storeCreditConsent: false,
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: reason.id, note: null, resolution: "REFUND", exchangeVariantId: null, ...extra }],
      ...rest,
    });
    return { input };
  }

  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StorefrontError);
    return error as StorefrontError;
  };

  it("GIVEN a reason marked photo required WHEN filed without a photo THEN 422 in the shopper's language and nothing is saved; WITH one THEN it is stored without its EXIF", async () => {
    const who: ShopperIdentity = { customerLegacyId: null, clientKey: "1.2.3.4", locale: "sv" };
    const { input } = await form(who, "damaged");

    const missing = await refusal(createFromStorefront(engine.ctx, who, input(), SECRET));
    expect([missing.status, missing.code]).toEqual([422, "PHOTO_REQUIRED"]);
    expect(missing.message).toMatch(/^Lägg till ett foto/);
    expect(await engine.t.db.returnRequest.count()).toBe(0);

    const created = await createFromStorefront(engine.ctx, who, input({ photos: [`data:image/jpeg;base64,${Buffer.from(jpegWithExif()).toString("base64")}`] }), SECRET);
    const ret = await engine.t.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: created.return.rma }, include: { photos: true } });
    expect(ret.photos).toHaveLength(1);
    const stored = Buffer.from(ret.photos[0]!.data);
    expect(ret.photos[0]!.contentType).toBe("image/jpeg");
    expect(stored.toString("latin1")).not.toContain("GPS");
    expect(stored.length).toBeLessThan(jpegWithExif().length);
  });

  it("GIVEN a reason without the requirement THEN no photo is needed", async () => {
    const who: ShopperIdentity = { customerLegacyId: null, clientKey: "1.2.3.5", locale: "en" };
    const { input } = await form(who, "size-too-small");
    const created = await createFromStorefront(engine.ctx, who, input(), SECRET);
    expect(created.return.rma).toBeTruthy();
  });

  it("GIVEN an HTML file sent as image/jpeg THEN 422 PHOTO_INVALID (the declared type is ignored)", async () => {
    const who: ShopperIdentity = { customerLegacyId: null, clientKey: "1.2.3.6", locale: "en" };
    const { input } = await form(who, "damaged");
    const html = Buffer.from("<html><script>alert(1)</script></html>").toString("base64");
    const error = await refusal(createFromStorefront(engine.ctx, who, input({ photos: [`data:image/jpeg;base64,${html}`] }), SECRET));
    expect([error.status, error.code]).toEqual([422, "PHOTO_INVALID"]);
    expect(await engine.t.db.returnPhoto.count()).toBe(0);
  });

  it("GIVEN a stored photo THEN its signed link opens it; a forged, expired or other shop's link does not", async () => {
    const who: ShopperIdentity = { customerLegacyId: null, clientKey: "1.2.3.7", locale: "en" };
    const { input } = await form(who, "damaged");
    const created = await createFromStorefront(engine.ctx, who, input({ photos: [Buffer.from(jpegWithExif()).toString("base64")] }), SECRET);
    const ret = await engine.t.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: created.return.rma } });
    const now = engine.clock.now();
    const [photo] = await photosForReturn(engine.t.db, engine.ctx.shop.id, ret.id, SECRET, now);
    const params = (path: string) => {
      const url = new URL(path, "https://app.example");
      return { photoId: decodeURIComponent(url.pathname.split("/").pop()!), shopId: url.searchParams.get("shop"), expires: url.searchParams.get("expires"), sig: url.searchParams.get("sig") };
    };
    expect((await photoBySignedLink(engine.t.db, SECRET, params(photo!.url), now))?.contentType).toBe("image/jpeg");
    expect(await photoBySignedLink(engine.t.db, "another-secret", params(photo!.url), now)).toBeNull();
    expect(await photoBySignedLink(engine.t.db, SECRET, params(photo!.url), new Date(now.getTime() + 16 * 60_000))).toBeNull();
    expect(await photoBySignedLink(engine.t.db, SECRET, { ...params(photo!.url), sig: "x".repeat(43) }, now)).toBeNull();
    // Signed for another shop's id: the signature holds but the photo is not that shop's.
    expect(await photoBySignedLink(engine.t.db, SECRET, params(signedPhotoPath(SECRET, "other-shop", photo!.id, now)), now)).toBeNull();
    const details = await shopperDetailsFor(engine.ctx, ret.id, SECRET);
    expect(details.photos.map((p) => p.lineTitle)).toEqual([ret && (await engine.t.db.returnLine.findFirstOrThrow({ where: { returnRequestId: ret.id } })).title]);
  });

  it("GIVEN home pickup WHEN no address is typed THEN the order's shipping address and the window are stored; a window starting today is refused", async () => {
    const who: ShopperIdentity = { customerLegacyId: null, clientKey: "1.2.3.8", locale: "en" };
    const { input } = await form(who, "size-too-small");
    const today = await refusal(createFromStorefront(engine.ctx, who, input({}, { method: "HOME_PICKUP", pickup: { dateFrom: "2026-11-20", dateTo: "2026-11-22" } }), SECRET));
    expect([today.status, today.code]).toEqual([422, "PICKUP_DATES_TOO_SOON"]);
    const none = await refusal(createFromStorefront(engine.ctx, who, input({}, { method: "HOME_PICKUP", pickup: null }), SECRET));
    expect(none.code).toBe("PICKUP_DATES_INVALID");

    const created = await createFromStorefront(engine.ctx, who, input({}, { method: "HOME_PICKUP", pickup: { dateFrom: "2026-11-23", dateTo: "2026-11-25" } }), SECRET);
    const ret = await engine.t.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: created.return.rma } });
    expect([ret.method, ret.pickupDateFrom, ret.pickupDateTo]).toEqual(["HOME_PICKUP", "2026-11-23", "2026-11-25"]);
    expect(JSON.parse(ret.pickupAddress!)).toContain("Astrid Lindqvist");
    expect((await shopperDetailsFor(engine.ctx, ret.id, SECRET)).pickup?.dateFrom).toBe("2026-11-23");

    // The status page and the slip carry the address and the window.
    const withLines = await engine.t.db.returnRequest.findFirstOrThrow({ where: { id: ret.id }, include: { lines: true } });
    const view = await shopperReturnViewFor(engine.ctx, withLines, "en");
    expect(view.pickup).toEqual([expect.stringMatching(/^Pickup address: Astrid Lindqvist, /), "The carrier comes on one day between November 23, 2026 and November 25, 2026."]);
    expect(renderStatusPage(view, "en", null)).toContain("Home pickup");
    const slip = pdfText((await buildSlip(engine.ctx, withLines, "sv")).bytes);
    expect(slip).toMatch(/Hämtning: 23 nov\. 2026 – 25 nov\. 2026, på Astrid Lindqvist/);
  });
});
