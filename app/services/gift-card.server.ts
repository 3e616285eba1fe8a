/**
 * The recipient's gift card for a processed gift return, issued exactly once:
 *
 * - processing claims the GIFT_CARD step (RefundAttempt, unique per return and stage) with
 *   the amount BEFORE it calls returnProcess, so a crash anywhere afterwards leaves a claim
 *   that reconciliation finds;
 * - the card's code is derived from the return (HMAC with the app secret), and Shopify keeps
 *   codes unique: sending giftCardCreate again — a retry, a lost answer, a second instance,
 *   reconciliation after a crash — meets TAKEN and reads the existing card back. Two cards
 *   for one return cannot exist, whatever the app's own records say;
 * - the code is e-mailed to the recipient through the outbox, in the same transaction that
 *   marks the step done (idempotency key `${returnId}:gift_card`). The e-mail carries only
 *   the shop, the recipient's name and the card — nothing of the buyer or the prices.
 *
 * Why a gift card and not storeCreditAccountCredit: store credit lives on a customer
 * account, and the recipient is known only by name and e-mail; crediting them would mean
 * creating a customer record in the merchant's shop for someone who never asked for one
 * (README "Decisions").
 */
import { createHmac, randomBytes } from "node:crypto";
import { formatMoney } from "~/domain";
import { env } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { emailLocale } from "~/mail/steps";
import { ShopifyOutcomeUnknownError } from "~/shopify/errors";
import { issueGiftCard, type GiftCardIssued } from "~/shopify/gift-cards.server";
import { CLAIM_LEASE_MS, claimAttempt, renewClaim, settleAttempt, type Claim } from "./attempts.server";
import type { ReturnsContext } from "./context.server";
import { flagForAttention, recordEvent, requireReturn } from "./return-records.server";

export interface GiftCardPlan {
  amount: number;
  currency: string;
  expiresOn: string | null;
}

/** The card's code: 16 letters and digits from an HMAC of the shop and return (unguessable, the same on every attempt). */
export function giftCardCode(shopDomain: string, returnId: string, secret: string = env().SHOPIFY_API_SECRET): string {
  const digest = createHmac("sha256", `gift-return-card\u0000${secret}`).update(`${shopDomain}\u0000${returnId}`).digest();
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read aloud over the phone
  return Array.from(digest.subarray(0, 16), (b) => alphabet[b % alphabet.length]).join("");
}

/** The staff-only note on the card: how staff find it in Shopify's gift cards. */
const noteFor = (ret: { rmaNumber: string; orderName: string }) => `Gift return ${ret.rmaNumber} (order ${ret.orderName})`;

/** Called by processing before returnProcess: the step's claim, holding the amount. */
export function claimGiftCard(ctx: ReturnsContext, returnId: string, plan: GiftCardPlan): Promise<Claim> {
  return claimAttempt(ctx, returnId, "GIFT_CARD", plan);
}

export type GiftCardOutcome = { status: "ISSUED"; card: GiftCardIssued } | { status: "UNKNOWN" } | { status: "FAILED"; error: string } | { status: "NOT_HELD" };

/**
 * Makes (or finds) the card for a claim this caller holds, then records it and queues the
 * recipient's e-mail in one transaction. A lost answer leaves the step UNKNOWN for
 * reconciliation; a refusal is FAILED and flagged.
 */
export async function deliverGiftCard(ctx: ReturnsContext, claim: Claim): Promise<GiftCardOutcome> {
  const attempt = await ctx.db.refundAttempt.findUniqueOrThrow({ where: { id: claim.attemptId } });
  const plan = JSON.parse(attempt.request) as GiftCardPlan;
  const ret = await requireReturn(ctx, attempt.returnRequestId);
  try {
    await renewClaim(ctx, claim);
  } catch {
    return { status: "NOT_HELD" };
  }
  let card: GiftCardIssued;
  try {
    card = await issueGiftCard(ctx.admin, {
      code: giftCardCode(ctx.shop.domain, ret.id),
      amount: plan.amount,
      currency: plan.currency,
      expiresOn: plan.expiresOn,
      note: noteFor(ret),
    });
  } catch (error) {
    if (error instanceof ShopifyOutcomeUnknownError) {
      await settleAttempt(ctx, claim, "UNKNOWN", { error: error.message });
      await flagForAttention(ctx, ret.id, "Shopify did not confirm the gift card for the recipient. It will be checked automatically; no second card can be made.");
      return { status: "UNKNOWN" };
    }
    const message = error instanceof Error ? error.message : String(error);
    await settleAttempt(ctx, claim, "FAILED", { error: message });
    await flagForAttention(ctx, ret.id, `The recipient's gift card was not issued: ${message}`);
    return { status: "FAILED", error: message };
  }

  const locale = emailLocale(ret.locale);
  const expires = plan.expiresOn
    ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${plan.expiresOn}T00:00:00Z`))
    : null;
  const code = giftCardCode(ctx.shop.domain, ret.id);
  const held = await ctx.db.$transaction(async (tx) => {
    const settled = await tx.refundAttempt.updateMany({
      where: { id: claim.attemptId, leaseToken: claim.token },
      data: { status: "SUCCEEDED", outcome: JSON.stringify({ giftCardId: card.id, lastCharacters: card.lastCharacters, amount: card.amount, created: card.created }), leaseUntil: null, updatedAt: ctx.now() },
    });
    // Taken over while we waited (our lease ran out): the new holder records and mails it.
    if (settled.count !== 1) return false;
    // Not tied to the return (returnId null): the sender then adds only the shop's variables,
    // so the recipient's e-mail can never show the buyer's name, order or prices.
    await enqueueEmail(tx, {
      shop: ctx.shop.domain,
      step: "gift_card_issued",
      idempotencyKey: `${ret.id}:gift_card`,
      returnId: null,
      to: ret.giftRecipientEmail,
      locale,
      variables: {
        recipient_name: ret.giftRecipientName,
        gift_card_code: code,
        gift_card_amount: formatMoney({ amount: card.amount, currency: card.currency }, locale),
        expires_on: expires,
      },
    });
    await recordEvent(tx, ret, "gift_card", { type: "SYSTEM" }, { lastCharacters: card.lastCharacters, amount: card.amount, currency: card.currency, created: card.created });
    return true;
  });
  return held ? { status: "ISSUED", card } : { status: "NOT_HELD" };
}

/**
 * Reconciliation: a GIFT_CARD step that is UNKNOWN, or PENDING past its lease (a crash), on a
 * return Shopify shows as processed. Takes the step over (conditional on the token seen, so of
 * two instances one goes on) and delivers; the derived code makes a repeat harmless. When the
 * return was not processed after the lease, the step is released with processing's own.
 */
export async function settleGiftCardStep(
  ctx: ReturnsContext,
  attempt: { id: string; returnRequestId: string; status: string; leaseToken: string | null; leaseUntil: Date | null },
  processedInShopify: boolean,
): Promise<"DELIVERED" | "RELEASED" | "WAITING"> {
  const expired = !attempt.leaseUntil || attempt.leaseUntil.getTime() < ctx.now().getTime();
  if (!expired) return "WAITING";
  if (!processedInShopify) {
    await settleAttempt(ctx, attempt.id, "FAILED", { via: "reconciliation: the return was not processed" });
    return "RELEASED";
  }
  const token = randomBytes(12).toString("base64url");
  const taken = await ctx.db.refundAttempt.updateMany({
    where: { id: attempt.id, status: attempt.status, leaseToken: attempt.leaseToken },
    data: { status: "PENDING", leaseToken: token, leaseUntil: new Date(ctx.now().getTime() + CLAIM_LEASE_MS), updatedAt: ctx.now() },
  });
  if (taken.count !== 1) return "WAITING";
  const outcome = await deliverGiftCard(ctx, {
    won: true,
    attemptId: attempt.id,
    status: "PENDING",
    idempotencyKey: `${attempt.returnRequestId}:GIFT_CARD`,
    token,
  });
  if (outcome.status === "ISSUED") {
    const ret = await requireReturn(ctx, attempt.returnRequestId);
    // Clear only our own flag about the card; other reasons stay for a person.
    if (ret.attentionReason?.includes("gift card")) {
      await ctx.db.returnRequest.updateMany({ where: { id: ret.id, shopId: ctx.shop.id }, data: { needsAttention: false, attentionReason: null } });
    }
    return "DELIVERED";
  }
  return "WAITING";
}

export type GiftCardRetry = { status: "ISSUED" } | { status: "FAILED"; error: string } | { status: "UNKNOWN" } | { status: "BUSY" } | { status: "NOT_RETRYABLE" };

/**
 * Staff's "Retry gift card" on a processed gift return whose card Shopify refused (FAILED).
 * Takes the step over on the status it had (two clicks, two instances: one goes on, the other
 * is BUSY) and delivers again with the same derived code, so a retry can never make a second
 * card: Shopify answers TAKEN and the existing card is read back. Only a refused card of a
 * processed return may be retried; a step released because the return was not processed is
 * claimed again by processing itself. The caller words the outcome (the return page's catalog).
 */
export async function retryGiftCard(ctx: ReturnsContext, returnId: string): Promise<GiftCardRetry> {
  const ret = await requireReturn(ctx, returnId);
  const attempt = await ctx.db.refundAttempt.findUnique({ where: { returnRequestId_stage: { returnRequestId: ret.id, stage: "GIFT_CARD" } } });
  if (!ret.gift || !attempt || !["PROCESSED", "CLOSED"].includes(ret.status)) return { status: "NOT_RETRYABLE" };
  if (attempt.status === "PENDING" || attempt.status === "UNKNOWN") return { status: "BUSY" };
  if (attempt.status !== "FAILED") return { status: "NOT_RETRYABLE" };
  const token = randomBytes(12).toString("base64url");
  const taken = await ctx.db.refundAttempt.updateMany({
    where: { id: attempt.id, status: "FAILED" },
    data: { status: "PENDING", leaseToken: token, leaseUntil: new Date(ctx.now().getTime() + CLAIM_LEASE_MS), updatedAt: ctx.now() },
  });
  if (taken.count !== 1) return { status: "BUSY" };
  const outcome = await deliverGiftCard(ctx, { won: true, attemptId: attempt.id, status: "PENDING", idempotencyKey: `${ret.id}:GIFT_CARD`, token });
  if (outcome.status === "ISSUED") {
    const fresh = await requireReturn(ctx, ret.id);
    if (fresh.attentionReason?.includes("gift card")) {
      await ctx.db.returnRequest.updateMany({ where: { id: ret.id, shopId: ctx.shop.id }, data: { needsAttention: false, attentionReason: null } });
    }
    return { status: "ISSUED" };
  }
  if (outcome.status === "FAILED") return { status: "FAILED", error: outcome.error };
  return outcome.status === "UNKNOWN" ? { status: "UNKNOWN" } : { status: "BUSY" };
}

/** Why Shopify refused the card, as recorded on the step (FAILED), for the return page. */
export function giftCardError(outcome: string | null): string | null {
  try {
    const parsed = (outcome ? JSON.parse(outcome) : null) as { error?: unknown } | null;
    return typeof parsed?.error === "string" ? parsed.error : null;
  } catch {
    return null;
  }
}

/** The recipient's card as the return page shows it (never the code). */
export async function giftCardState(ctx: ReturnsContext, returnId: string) {
  const attempt = await ctx.db.refundAttempt.findUnique({ where: { returnRequestId_stage: { returnRequestId: returnId, stage: "GIFT_CARD" } } });
  if (!attempt) return null;
  const plan = JSON.parse(attempt.request) as GiftCardPlan;
  const outcome = (attempt.outcome ? JSON.parse(attempt.outcome) : null) as { lastCharacters?: string } | null;
  return {
    status: attempt.status as "PENDING" | "SUCCEEDED" | "FAILED" | "UNKNOWN",
    amount: plan.amount,
    currency: plan.currency,
    expiresOn: plan.expiresOn,
    lastCharacters: attempt.status === "SUCCEEDED" ? (outcome?.lastCharacters ?? null) : null,
    /** Shopify's refusal (FAILED), shown next to the retry button. */
    error: attempt.status === "FAILED" ? giftCardError(attempt.outcome) : null,
  };
}
