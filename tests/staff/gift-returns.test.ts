/**
 * Gift returns paid to the recipient, judged from the stand-in's side (what "Shopify"
 * recorded), on SQLite and PostgreSQL: the recipient gets exactly one gift card for the
 * whole payout — also after a lost answer, a crashed holder and two processings at once —
 * the buyer gets no refund and no store credit, and the recipient's e-mail carries the code
 * and nothing of the buyer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approveReturn, markReceived } from "~/services/return-lifecycle.server";
import { createFromStorefront, lookupForStorefront } from "~/services/storefront.server";
import { processReturn } from "~/services/return-processing.server";
import { reconcileShop } from "~/services/return-sync.server";
import { CLAIM_LEASE_MS } from "~/services/attempts.server";
import type { ReturnsError } from "~/services/context.server";
import { giftCardCode } from "~/services/gift-card.server";
import { StaffReturnSchema, createStaffReturn, findOrderForStaff, loadOrderForStaff } from "~/services/staff-return.server";
import { parseReturnAction, performReturnAction } from "~/services/return-page-actions.server";
import { loadReturnPage } from "~/services/return-page.server";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-7" };

describe.each(providers)("gift returns on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider, { policy: { storeCredit: { ...(await import("~/domain")).DEFAULT_RETURN_POLICY.storeCredit, bonusPercent: 10 } } });
  });
  afterEach(async () => engine.close());

  /** A received gift return of one line of #1182 for store credit, recipient Elsa. */
  async function receivedGiftReturn() {
    const orderId = (await findOrderForStaff(engine.ctx, "#1182"))!;
    const page = (await loadOrderForStaff(engine.ctx, orderId, "en"))!;
    const line = page.lines.find((l) => l.state === "ELIGIBLE")!;
    const created = await createStaffReturn(
      engine.ctx,
      StaffReturnSchema.parse({
        orderId,
        method: "DROP_OFF",
        storeCreditConsent: true,
        gift: { recipientName: "Elsa", recipientEmail: "Elsa@Example.com" },
        lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "STORE_CREDIT" }],
      }),
      "staff-7",
    );
    await markReceived(engine.ctx, created.id, STAFF);
    return created;
  }

  const shopState = () => engine.api.store.shop(engine.shop) as unknown as {
    giftCards: { code: string; initialMinor: number; note: string | null; customerId: string | null }[];
    storeCreditAccounts: { balanceMinor: number }[];
  };
  const cardsFor = (rma: string) => shopState().giftCards.filter((g) => g.note?.includes(rma));
  const buyerCredit = () => shopState().storeCreditAccounts.reduce((a, s) => a + s.balanceMinor, 0);
  const orderRefunds = () => engine.api.order(engine.shop, "#1182").refundIds.length;

  it("GIVEN a gift return for store credit WHEN it is processed THEN Shopify holds one gift card for the whole payout, the buyer gets nothing, and the recipient's e-mail has the code and none of the buyer's data", async () => {
    const creditBefore = buyerCredit();
    const created = await receivedGiftReturn();
    const result = await processReturn(engine.ctx, created.id, STAFF);
    expect(result.status).toBe("PROCESSED");

    const cards = cardsFor(created.rmaNumber);
    expect(cards).toHaveLength(1);
    const ret = await engine.t.db.returnRequest.findUniqueOrThrow({ where: { id: created.id } });
    // Store credit plus its 10 % bonus, all on the card, none of it on the buyer's side.
    expect(ret.bonusCreditAmount).toBeGreaterThan(0);
    expect(cards[0]!.initialMinor).toBe(ret.storeCreditAmount + ret.bonusCreditAmount);
    expect(cards[0]!.customerId).toBeNull();
    expect(cards[0]!.code).toBe(giftCardCode(engine.shop, created.id));
    expect(ret.refundAmount).toBe(0);
    expect(orderRefunds()).toBe(0);
    expect(buyerCredit()).toBe(creditBefore);

    const mails = await engine.t.db.emailMessage.findMany({ where: { shop: engine.shop } });
    const gift = mails.filter((m) => m.step === "gift_card_issued");
    expect(gift).toHaveLength(1);
    expect(gift[0]).toMatchObject({ toAddress: "elsa@example.com", returnRequestId: null, status: "QUEUED" });
    const variables = JSON.parse(gift[0]!.variables) as Record<string, unknown>;
    expect(variables.gift_card_code).toBe(cards[0]!.code);
    expect(Object.keys(variables).sort()).toEqual(["expires_on", "gift_card_amount", "gift_card_code", "recipient_name"]);
    expect(gift[0]!.variables).not.toMatch(/astrid|lindqvist|#1182/i);
    // The buyer gets no "refunded" or "store credit" e-mail for a gift return.
    expect(mails.filter((m) => m.step === "refunded" || m.step === "store_credit_issued")).toHaveLength(0);

    // Processing again changes nothing.
    expect((await processReturn(engine.ctx, created.id, STAFF)).status).toBe("ALREADY_PROCESSED");
    expect(cardsFor(created.rmaNumber)).toHaveLength(1);
  });

  it("GIVEN the card's answer is lost (Shopify ran it) WHEN reconciliation runs after the lease THEN the same card is found, not a second one, and the recipient gets one e-mail", async () => {
    const created = await receivedGiftReturn();
    const hold = engine.holdNext("GiftReturnCardCreate");
    const processing = processReturn(engine.ctx, created.id, STAFF);
    await hold.reached;
    // From here every answer is lost after Shopify ran the call, retries included.
    engine.api.setFaults(engine.shop, { faultAfterExecuteRate: 1, seed: 3 });
    hold.release();
    await processing;
    engine.api.setFaults(engine.shop, {});
    expect(cardsFor(created.rmaNumber)).toHaveLength(1);
    const attempt = await engine.t.db.refundAttempt.findFirstOrThrow({ where: { returnRequestId: created.id, stage: "GIFT_CARD" } });
    expect(attempt.status).toBe("UNKNOWN");
    expect(await engine.t.db.emailMessage.count({ where: { step: "gift_card_issued" } })).toBe(0);

    engine.clock.advance(CLAIM_LEASE_MS + 1000);
    await reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 3600_000));
    expect(cardsFor(created.rmaNumber)).toHaveLength(1);
    expect((await engine.t.db.refundAttempt.findFirstOrThrow({ where: { id: attempt.id } })).status).toBe("SUCCEEDED");
    expect(await engine.t.db.emailMessage.count({ where: { step: "gift_card_issued" } })).toBe(1);
    expect((await engine.t.db.returnRequest.findUniqueOrThrow({ where: { id: created.id } })).needsAttention).toBe(false);
    // A second run finds nothing left to do.
    await reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 3600_000));
    expect(cardsFor(created.rmaNumber)).toHaveLength(1);
    expect(await engine.t.db.emailMessage.count({ where: { step: "gift_card_issued" } })).toBe(1);
  });

  it("GIVEN a holder stalls before its card call (a crashed instance) WHEN reconciliation takes over after the lease and the stalled call then goes through THEN Shopify still has one card", async () => {
    const created = await receivedGiftReturn();
    const hold = engine.holdNext("GiftReturnCardCreate");
    const processing = processReturn(engine.ctx, created.id, STAFF);
    await hold.reached;
    expect(cardsFor(created.rmaNumber)).toHaveLength(0);

    engine.clock.advance(CLAIM_LEASE_MS + 1000);
    await reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 3600_000));
    expect(cardsFor(created.rmaNumber)).toHaveLength(1);

    hold.release(); // the stalled holder's call reaches Shopify late
    await processing;
    expect(cardsFor(created.rmaNumber)).toHaveLength(1);
    expect(await engine.t.db.emailMessage.count({ where: { step: "gift_card_issued" } })).toBe(1);
    expect(await engine.t.db.returnEvent.count({ where: { returnRequestId: created.id, type: "gift_card" } })).toBe(1);
  });

  it("GIVEN staff click 'refund' on a gift return five times at once THEN one card", async () => {
    const created = await receivedGiftReturn();
    await Promise.allSettled(Array.from({ length: 5 }, () => processReturn(engine.ctx, created.id, STAFF)));
    await reconcileShop(engine.ctx, new Date(engine.clock.now().getTime() - 3600_000));
    expect(cardsFor(created.rmaNumber)).toHaveLength(1);
    expect(await engine.t.db.emailMessage.count({ where: { step: "gift_card_issued" } })).toBe(1);
  });

  it("GIVEN the buyer marks a portal return as a gift THEN the same engine files it, and on processing the recipient (not the buyer) gets the card", async () => {
    const who = { customerLegacyId: null, clientKey: "1.2.3.4", locale: "sv" as const };
    const found = await lookupForStorefront(engine.ctx, who, { order: "#1182", email: "astrid.lindqvist@example.com" }, "secret");
    const line = found.order.lines.find((l) => l.eligible)!;
    const filed = await createFromStorefront(
      engine.ctx,
      who,
      {
        orderId: found.order.id,
        lookupToken: found.lookupToken,
        method: "DROP_OFF",
        storeCreditConsent: true,
        lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: found.reasons[0]?.id ?? null, note: null, resolution: "STORE_CREDIT", exchangeVariantId: null }],
        gift: { recipientName: "Elsa", recipientEmail: "elsa@example.com" },
      },
      "secret",
    );
    const ret = await engine.t.db.returnRequest.findFirstOrThrow({ where: { rmaNumber: filed.return.rma } });
    expect(ret.gift).toBe(true);
    if (ret.status === "REQUESTED") await approveReturn(engine.ctx, ret.id, STAFF);
    await markReceived(engine.ctx, ret.id, STAFF);
    await processReturn(engine.ctx, ret.id, STAFF);
    expect(cardsFor(ret.rmaNumber)).toHaveLength(1);
    expect(orderRefunds()).toBe(0);
    const mail = await engine.t.db.emailMessage.findFirstOrThrow({ where: { step: "gift_card_issued" } });
    expect(mail).toMatchObject({ toAddress: "elsa@example.com", locale: "sv" });
  });

  it("GIVEN staff file a gift with the recipient's address WHEN the return page loads THEN staff see where to send the exchange (Shopify's returnCreate takes no address); a bad address is GIFT_ADDRESS", async () => {
    const orderId = (await findOrderForStaff(engine.ctx, "#1182"))!;
    const page = (await loadOrderForStaff(engine.ctx, orderId, "en"))!;
    const line = page.lines.find((l) => l.state === "ELIGIBLE")!;
    const input = (addressLines: unknown) => ({
      orderId,
      method: "DROP_OFF",
      storeCreditConsent: true,
      gift: { recipientName: "Elsa", recipientEmail: "elsa@example.com", addressLines },
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "STORE_CREDIT" }],
    });
    expect(StaffReturnSchema.safeParse(input(["x".repeat(121)])).error?.issues[0]?.message).toBe("GIFT_ADDRESS");
    const created = await createStaffReturn(engine.ctx, StaffReturnSchema.parse(input(["Elsa Berg", "Storgatan 1", "", "111 22 Stockholm"])), "staff-7");
    const view = await loadReturnPage(engine.ctx, created.id, "sv");
    expect(view!.ret.gift).toMatchObject({ addressLines: ["Elsa Berg", "Storgatan 1", "111 22 Stockholm"], byRecipient: null, refused: null });
  });

  describe("a refused gift card and staff's retry", () => {
    /** Shopify refuses giftCardCreate while the order's currency is not enabled (GiftCardUserError INVALID). */
    const currencies = () => (engine.api.store.shop(engine.shop) as unknown as { info: { presentmentCurrencies: Record<string, unknown> } }).info.presentmentCurrencies;
    async function refusedCard() {
      const created = await receivedGiftReturn();
      const saved = currencies().SEK;
      delete currencies().SEK;
      const result = await processReturn(engine.ctx, created.id, STAFF);
      expect(result.status).toBe("PROCESSED");
      expect(cardsFor(created.rmaNumber)).toHaveLength(0);
      return { created, enable: () => void (currencies().SEK = saved) };
    }
    const retry = (id: string, locale: "en" | "sv" = "en") => {
      const parsed = parseReturnAction({ intent: "retryGiftCard" }, locale);
      if (!parsed.ok) throw new Error(parsed.message);
      return performReturnAction(engine.ctx, id, parsed.intent, parsed.fields, STAFF, locale);
    };

    it("GIVEN Shopify refused the card WHEN the return page loads THEN it says why and offers the retry; a retry still refused says so and makes no card", async () => {
      const { created } = await refusedCard();
      const page = await loadReturnPage(engine.ctx, created.id, "sv");
      expect(page!.ret.gift).toMatchObject({ canRetry: true });
      expect(page!.ret.gift!.refused).toMatch(/^Shopify vägrade det: .*SEK/);
      const refused = (await retry(created.id, "sv").catch((e: unknown) => e)) as ReturnsError;
      expect(refused).toMatchObject({ code: "SHOPIFY_REJECTED", status: 422 });
      expect(refused.messageIn("sv")).toMatch(/^Shopify vägrade presentkortet igen: .*SEK/);
      expect(cardsFor(created.rmaNumber)).toHaveLength(0);
      expect(await engine.t.db.emailMessage.count({ where: { step: "gift_card_issued" } })).toBe(0);
    });

    it("GIVEN the cause is fixed WHEN staff retry (five clicks at once, then again) THEN Shopify holds exactly one card, the recipient one e-mail, the flag is cleared", async () => {
      const { created, enable } = await refusedCard();
      enable();
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => retry(created.id)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(cardsFor(created.rmaNumber)).toHaveLength(1);
      expect(cardsFor(created.rmaNumber)[0]!.code).toBe(giftCardCode(engine.shop, created.id));
      await expect(retry(created.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
      expect(cardsFor(created.rmaNumber)).toHaveLength(1);
      expect(await engine.t.db.emailMessage.count({ where: { step: "gift_card_issued" } })).toBe(1);
      const ret = await engine.t.db.returnRequest.findUniqueOrThrow({ where: { id: created.id } });
      expect(ret.needsAttention).toBe(false);
      const page = await loadReturnPage(engine.ctx, created.id, "en");
      expect(page!.ret.gift).toMatchObject({ refused: null, canRetry: false });
    });

    it("GIVEN Shopify made the card but the step was recorded as refused WHEN staff retry THEN the card is read back by its code, never a second one", async () => {
      const created = await receivedGiftReturn();
      await processReturn(engine.ctx, created.id, STAFF);
      expect(cardsFor(created.rmaNumber)).toHaveLength(1);
      await engine.t.db.refundAttempt.updateMany({ where: { returnRequestId: created.id, stage: "GIFT_CARD" }, data: { status: "FAILED", outcome: JSON.stringify({ error: "lost" }) } });
      await engine.t.db.emailMessage.deleteMany({ where: { step: "gift_card_issued" } });
      expect(await retry(created.id)).toMatch(/issued/);
      expect(cardsFor(created.rmaNumber)).toHaveLength(1);
    });

    it("GIVEN a gift return not yet processed WHEN staff post the retry THEN 409 and nothing is made", async () => {
      const created = await receivedGiftReturn();
      await expect(retry(created.id)).rejects.toMatchObject({ code: "INVALID_STATE", status: 409 });
      expect(cardsFor(created.rmaNumber)).toHaveLength(0);
    });
  });
});
