/**
 * Every resolution × every status × the seven languages, at the level of the pages the
 * shopper sees (the status page's view and its HTML, the confirmation, the slip's text),
 * without a browser: three returns (refund, store credit, exchange) walk request → approve
 * → ship → receive → process → close while the merchant moves them, three more are
 * declined, and at each step every language is rendered from the same records. Each page
 * must speak of the resolution (no refund wording for an exchange or store credit), show
 * the real outcome once processed, and carry no missing-key fallback and no English. One
 * engine (seeded database and stand-in) per database for the whole file.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETURN_POLICY, evaluateEligibility, formatMoney, type OutcomeKind, type Resolution } from "~/domain";
import { STOREFRONT_LOCALES, STOREFRONT_MESSAGE_KEYS, storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import { JOURNEY_MESSAGES, journeyMessage } from "~/i18n/return-journey";
import { approveReturn, attachShipping, closeReturn, declineReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { confirmationFor, shopperReturnViewFor, type ShopperReturnView } from "~/services/return-journey.server";
import { requestReturn } from "~/services/return-request.server";
import { buildSlip } from "~/services/return-slip.server";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { renderStatusPage } from "~/storefront/status-page";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-1" };
const OUTCOMES: OutcomeKind[] = ["REFUND", "STORE_CREDIT", "EXCHANGE"];
const LOCALES = STOREFRONT_LOCALES;
const POLICY = { ...DEFAULT_RETURN_POLICY, storeCredit: { ...DEFAULT_RETURN_POLICY.storeCredit, bonusPercent: 10 } };

/** Words for a refund of money, per language (store credit and exchanges must never use them). */
const REFUND_WORDS: Record<StorefrontLocale, RegExp> = {
  en: /refund/i,
  sv: /återbetal|tillbaka pengarna|pengarna tillbaka/i,
  da: /refu[ns]|tilbagebetal/i,
  nb: /tilbakebetal|pengene tilbake/i,
  fi: /(?<!myymälä)hyvit/i,
  nl: /terugbeta/i,
  de: /erstatt/i,
};

const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&");

/** Literal parts (≥ 12 characters) of every English text that another language translates differently. */
function englishChunks(locale: StorefrontLocale): string[] {
  if (locale === "en") return [];
  const pairs: [string, string | undefined][] = [
    ...Object.entries(JOURNEY_MESSAGES.en).map(([k, v]) => [v, JOURNEY_MESSAGES[locale][k]] as [string, string | undefined]),
    ...STOREFRONT_MESSAGE_KEYS.map((k) => [storefrontMessage("en", k), storefrontMessage(locale, k)] as [string, string]),
  ];
  return pairs
    .filter(([en, other]) => other !== en)
    .flatMap(([en]) => en.split(/\{\w+\}/).map((c) => c.trim()))
    .filter((c) => c.length >= 12);
}

/** No raw message key, no unfilled placeholder, no English in another language. */
function expectCleanText(text: string, locale: StorefrontLocale, where: string) {
  expect(text, `${where}: raw key`).not.toMatch(/\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/);
  expect(text, `${where}: placeholder`).not.toMatch(/\{\w+\}/);
  for (const chunk of englishChunks(locale)) expect(text, `${where}: English "${chunk}"`).not.toContain(chunk);
}

/** Every sentence the shopper reads in a view. */
const viewText = (v: ShopperReturnView) =>
  [...v.steps.map((s) => s.label), v.next ?? "", v.eta ?? "", ...v.result, ...v.stopped, ...v.guide, ...(v.pickup ?? []), ...v.items.map((i) => i.outcome)].join("\n");

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "slip-"));
  try {
    writeFileSync(join(dir, "s.pdf"), bytes);
    return execFileSync("pdftotext", [join(dir, "s.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sentence's fixed start (before its first placeholder), to find it in a page. */
const head = (locale: StorefrontLocale, key: string) => journeyMessage(locale, key).split("{")[0]!.trim();

describe("the refund vocabulary used by these tests", () => {
  it.each(LOCALES)("GIVEN %s THEN it matches the refund texts and none of the store-credit or exchange texts", (locale) => {
    const m = JOURNEY_MESSAGES[locale];
    for (const key of ["ETA_REFUND", "STEP_PROCESSED_REFUND", "DONE_REFUND", "SLIP_RESOLUTION_REFUND"]) expect(m[key], key).toMatch(REFUND_WORDS[locale]);
    for (const key of Object.keys(m).filter((k) => /STORE_CREDIT|EXCHANGE/.test(k))) expect(m[key], key).not.toMatch(REFUND_WORDS[locale]);
  });
});

describe.each(providers)("every resolution × status × language on %s", (provider) => {
  let engine: Engine;
  /** Walked to the end, by outcome. */
  const walked = {} as Record<OutcomeKind, string>;
  /** Declined, by outcome. */
  const declined = {} as Record<OutcomeKind, string>;
  let exchangeVariantTitle = "";

  const load = (id: string) => engine.t.db.returnRequest.findFirstOrThrow({ where: { id }, include: { lines: true } });
  const day = (locale: StorefrontLocale, d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(d);

  beforeAll(async () => {
    engine = await createEngine(provider, { policy: { storeCredit: POLICY.storeCredit } });
    // Six returns on six different lines: the seeded orders that let a shopper return now.
    const used = new Set<string>();
    const variants = engine.api.store.shop(engine.shop).variants;
    for (const rec of engine.api.store.shop(engine.shop).orders) {
      if (Object.keys(walked).length + Object.keys(declined).length === 6) break;
      if (rec.cancelledAt || rec.fulfillmentIds.length === 0 || rec.lines.length > 50) continue;
      const snapshot = await fetchOrderSnapshot(engine.admin, rec.id);
      const lines = evaluateEligibility({ order: snapshot, policy: POLICY, now: engine.clock.now(), timeZone: "Europe/Stockholm" }).lines;
      for (const l of lines) {
        if (!l.eligible || !l.fulfillmentLineItemId || used.has(l.fulfillmentLineItemId)) continue;
        const li = snapshot.lineItems.find((x) => x.id === l.lineItemId)!;
        const sibling = variants.find((v) => v.productId === li.productId && v.id !== li.variantId && [...v.stock.values()].some((q) => q > 0));
        const wanted = OUTCOMES.find((o) => {
          if (walked[o] && declined[o]) return false;
          if (!l.allowedResolutions.includes(o as Resolution)) return false;
          if (o === "EXCHANGE") return !!sibling;
          if (o === "STORE_CREDIT") return !!snapshot.customer;
          return true;
        });
        if (!wanted) continue;
        used.add(l.fulfillmentLineItemId);
        const created = await requestReturn(engine.ctx, {
          orderId: snapshot.id,
          method: "DROP_OFF",
          locale: "en",
          storeCreditConsent: true,
          lines: [{ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: 1, resolution: wanted as Resolution, exchangeVariantId: wanted === "EXCHANGE" ? sibling!.id : null }],
        });
        if (wanted === "EXCHANGE" && !walked.EXCHANGE) exchangeVariantTitle = sibling!.title;
        if (!walked[wanted]) walked[wanted] = created.id;
        else declined[wanted] = created.id;
        break;
      }
    }
    expect(Object.keys(walked).sort()).toEqual([...OUTCOMES].sort());
    expect(Object.keys(declined).sort()).toEqual([...OUTCOMES].sort());
  });
  afterAll(async () => engine?.close());

  /** Renders every outcome in every language at the current status and runs the shared checks. */
  async function renderAll(check: (args: { outcome: OutcomeKind; locale: StorefrontLocale; view: ShopperReturnView; html: string; ret: Awaited<ReturnType<typeof load>> }) => void | Promise<void>, ids = walked) {
    for (const outcome of OUTCOMES) {
      const ret = await load(ids[outcome]);
      for (const locale of LOCALES) {
        const view = await shopperReturnViewFor(engine.ctx, ret, locale);
        const html = unescape(renderStatusPage(view, locale, null));
        const where = `${outcome} ${ret.status} ${locale}`;
        expect(view.outcome, where).toBe(outcome);
        expectCleanText(viewText(view), locale, where);
        expectCleanText(html.replace(/<[^>]+>/g, "\n"), locale, `${where} (page)`);
        if (outcome !== "REFUND") expect(viewText(view), `${where}: refund wording`).not.toMatch(REFUND_WORDS[locale]);
        expect(html).toContain(storefrontMessage(locale, "STATUS_TITLE", { rma: ret.rmaNumber }));
        await check({ outcome, locale, view, html, ret });
      }
    }
  }

  const etaKey = (outcome: OutcomeKind) => `ETA_${outcome}`;

  it("GIVEN requested returns THEN the status page, the confirmation and the slip say what happens next and when, for the resolution, in each language", async () => {
    await renderAll(async ({ outcome, locale, view, ret }) => {
      expect(view.next).toBe(journeyMessage(locale, "NEXT_REQUESTED"));
      expect(view.eta).toBe(journeyMessage(locale, etaKey(outcome), { from: day(locale, ret.refundEtaFrom!), to: day(locale, ret.refundEtaTo!) }));
      expect(view.steps.at(-2)!.label).toBe(journeyMessage(locale, `STEP_PROCESSED_${outcome}`));
      expect(view.slipPath).toContain(`locale=${locale}`);
      const confirmation = await confirmationFor(engine.ctx, ret.id, locale);
      expect(confirmation.eta).toBe(view.eta);
      expect(confirmation.next).toBe(view.next);
      expect(confirmation.statusUrl).toMatch(new RegExp(`\\?locale=${locale}$`));
      expect(confirmation.guideText.split("\n")[0]).toBe(journeyMessage(locale, "GUIDE_HEADING"));
      expectCleanText(confirmation.guideText, locale, `${outcome} confirmation ${locale}`);
      const slip = pdfText((await buildSlip(engine.ctx, ret, locale)).bytes);
      expect(slip).toContain(journeyMessage(locale, "SLIP_TITLE"));
      expect(slip).toContain(ret.rmaNumber);
      expect(slip).toContain(journeyMessage(locale, "SLIP_SCAN"));
      expect(slip).toContain(outcome === "EXCHANGE" ? head(locale, "SLIP_RESOLUTION_EXCHANGE") : journeyMessage(locale, `SLIP_RESOLUTION_${outcome}`));
      if (outcome !== "REFUND") expect(slip, `${outcome} slip ${locale}`).not.toMatch(REFUND_WORDS[locale]);
      expectCleanText(slip, locale, `${outcome} slip ${locale}`);
    });
  });

  it("GIVEN approved returns THEN the next step is packing and dropping off, with the slip and the guide", async () => {
    for (const id of Object.values(walked)) await approveReturn(engine.ctx, id, STAFF);
    await renderAll(({ locale, view, html }) => {
      expect(view.next).toBe(journeyMessage(locale, "NEXT_APPROVED_DROP_OFF", { carrier: "PostNord" }));
      expect(view.guide.length).toBeGreaterThan(3);
      expect(html).toContain(journeyMessage(locale, "SLIP_DOWNLOAD"));
      expect(view.steps.find((s) => s.current)!.label).toBe(storefrontMessage(locale, "STATUS_APPROVED"));
    });
  });

  it("GIVEN returns on their way and then received THEN the page follows, still with the resolution's expected date", async () => {
    for (const id of Object.values(walked)) await attachShipping(engine.ctx, id, { trackingNumber: "00370730253498827460", carrierName: "PostNord" }, STAFF);
    await renderAll(({ locale, view }) => {
      expect(view.next).toBe(journeyMessage(locale, "NEXT_IN_TRANSIT"));
      expect(view.steps.find((s) => s.current)!.label).toBe(storefrontMessage(locale, "STATUS_IN_TRANSIT"));
    });
    for (const id of Object.values(walked)) await markReceived(engine.ctx, id, STAFF);
    await renderAll(({ outcome, locale, view, ret }) => {
      expect(view.next).toBe(journeyMessage(locale, "NEXT_RECEIVED"));
      expect(view.eta).toBe(journeyMessage(locale, etaKey(outcome), { from: day(locale, ret.refundEtaFrom!), to: day(locale, ret.refundEtaTo!) }));
      expect(view.slipPath).toBeNull();
      expect(view.guide).toEqual([]);
    });
  });

  it("GIVEN processed returns, then closed THEN the page shows the real outcome: refund amount, date and method; store credit usable now; the exchange's new item and its shipping", async () => {
    for (const id of Object.values(walked)) await processReturn(engine.ctx, id, STAFF);
    const checkOutcome = ({ outcome, locale, view, ret }: { outcome: OutcomeKind; locale: StorefrontLocale; view: ShopperReturnView; ret: Awaited<ReturnType<typeof load>> }) => {
      const money = (amount: number) => formatMoney({ amount, currency: ret.currency }, locale);
      const date = day(locale, ret.processedAt!);
      expect(view.eta).toBeNull();
      expect(view.next).toBeNull();
      expect(view.steps.find((s) => s.status === "PROCESSED")).toMatchObject({ label: journeyMessage(locale, `STEP_PROCESSED_${outcome}`), done: true, date });
      const result = view.result.join("\n");
      if (outcome === "REFUND") {
        expect(ret.refundAmount).toBeGreaterThan(0);
        expect(view.result[0]).toContain(money(ret.refundAmount));
        expect(view.result[0]).toContain(date);
        expect(view.result[0]).toContain(journeyMessage(locale, "PAYMENT_shopify_payments"));
        expect(view.result[1]).toBe(journeyMessage(locale, "DONE_REFUND_BANK", { from: day(locale, ret.refundEtaFrom!), to: day(locale, ret.refundEtaTo!) }));
      }
      if (outcome === "STORE_CREDIT") {
        expect(ret.refundAmount).toBe(0);
        expect(ret.bonusCreditAmount).toBeGreaterThan(0);
        expect(view.result[0]).toBe(journeyMessage(locale, "DONE_STORE_CREDIT", { amount: money(ret.storeCreditAmount + ret.bonusCreditAmount), date }));
        expect(view.result[1]).toBe(journeyMessage(locale, "DONE_STORE_CREDIT_BONUS", { bonus: money(ret.bonusCreditAmount) }));
      }
      if (outcome === "EXCHANGE") {
        expect(result).toContain(head(locale, "DONE_EXCHANGE"));
        expect(result).toContain(exchangeVariantTitle);
        expect(view.result).toContain(journeyMessage(locale, "SHIPPING_UNFULFILLED"));
      }
    };
    await renderAll(checkOutcome);
    for (const id of Object.values(walked)) await closeReturn(engine.ctx, id, STAFF);
    await renderAll((args) => {
      expect(args.view.steps.at(-1)).toMatchObject({ label: storefrontMessage(args.locale, "STATUS_CLOSED"), current: true });
      checkOutcome(args);
    });
  });

  it("GIVEN declined returns of every resolution THEN the page says so with the merchant's reason and note, and offers no slip, no date and no next step", async () => {
    for (const id of Object.values(declined)) await declineReturn(engine.ctx, id, { reason: "RETURN_PERIOD_ENDED", note: "Photo 2 shows wear." }, STAFF);
    await renderAll(({ locale, view, html }) => {
      expect(view.stopped).toEqual([
        journeyMessage(locale, "DECLINED_TEXT"),
        journeyMessage(locale, "DECLINED_REASON", { reason: journeyMessage(locale, "DECLINE_RETURN_PERIOD_ENDED") }),
        "Photo 2 shows wear.",
      ]);
      expect(view.steps.at(-1)).toMatchObject({ label: storefrontMessage(locale, "STATUS_DECLINED"), current: true });
      expect(view.next).toBeNull();
      expect(view.eta).toBeNull();
      expect(view.slipPath).toBeNull();
      expect(view.result).toEqual([]);
      expect(html).toContain('role="alert"');
    }, declined);
  });
});
