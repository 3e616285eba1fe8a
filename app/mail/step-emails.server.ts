/**
 * Which e-mail each step of a return sends, queued inside the step's own transaction (the
 * lifecycle calls these from app/services/return-records.server.ts applyTransition and from
 * requestReturn). One message per return and step: the idempotency key is `${returnId}:${step}`,
 * so a repeated step, a retried request or a duplicate webhook never queues a second one.
 */
import { feedbackLinksFor } from "~/followup/links.server";
import type { ReturnStatus } from "~/domain";
import type { DbClient } from "~/db.server";
import { fetchExchangeShipping } from "~/shopify/exchange-shipping.server";
import type { ReturnsContext } from "~/services/context.server";
import { journeyMessage } from "~/i18n/return-journey";
import { enqueueEmail } from "./outbox.server";
import { emailLocale, type EmailStep } from "./steps";

export interface StepReturn {
  id: string;
  customerEmail: string | null;
  locale: string | null;
  refundAmount: number;
  storeCreditAmount: number;
  bonusCreditAmount: number;
  /** A return a gift's recipient filed: its e-mails go to them (return-variables.server.ts names them, never the buyer). */
  giftByRecipient?: boolean;
  giftRecipientEmail?: string | null;
}

/** The e-mails a status change sends. PROCESSED depends on where the money went. */
export function stepsForTransition(to: ReturnStatus, ret: StepReturn, event: Record<string, unknown> = {}): EmailStep[] {
  switch (to) {
    case "APPROVED":
      return ["approved"];
    case "DECLINED":
      return ["declined"];
    case "RECEIVED":
      return ["received"];
    case "CLOSED":
      return ["closed"];
    case "PROCESSED": {
      const refund = typeof event.refund === "number" ? event.refund : ret.refundAmount;
      const credit = typeof event.storeCredit === "number" ? event.storeCredit : ret.storeCreditAmount + ret.bonusCreditAmount;
      const steps: EmailStep[] = [];
      if (refund > 0) steps.push("refunded");
      if (credit > 0) steps.push("store_credit_issued");
      // An exchange's e-mail goes when the new item ships (notifyExchangeShipped).
      return steps;
    }
    default:
      return [];
  }
}

export async function enqueueStepEmail(
  tx: DbClient,
  shopDomain: string,
  ret: StepReturn,
  step: EmailStep,
  variables: Record<string, unknown> = {},
): Promise<{ id: string; created: boolean }> {
  return enqueueEmail(tx, {
    shop: shopDomain,
    step,
    idempotencyKey: `${ret.id}:${step}`,
    returnId: ret.id,
    to: ret.giftByRecipient ? (ret.giftRecipientEmail ?? null) : ret.customerEmail,
    locale: emailLocale(ret.locale),
    variables,
  });
}

/** Inside applyTransition's transaction: the step's e-mails, if any. */
export async function enqueueTransitionEmails(tx: DbClient, shopDomain: string, ret: StepReturn, to: ReturnStatus, event?: Record<string, unknown>) {
  for (const step of stepsForTransition(to, ret, event)) {
    // The closing e-mail carries the one-click rating (app/followup/): signed, works once.
    const variables = step === "closed" ? { ...feedbackLinksFor({ shop: shopDomain, returnId: ret.id, locale: emailLocale(ret.locale) }) } : {};
    await enqueueStepEmail(tx, shopDomain, ret, step, variables);
  }
}

/**
 * An exchange's new items shipped (read from Shopify's fulfillments): the e-mail with the
 * tracking, once. Called on orders/updated for the order's processed exchanges.
 */
export async function notifyExchangesShipped(ctx: ReturnsContext, orderId: string): Promise<number> {
  const candidates = await ctx.db.returnRequest.findMany({
    where: { shopId: ctx.shop.id, orderId, status: { in: ["PROCESSED", "CLOSED"] }, shopifyReturnId: { not: null }, lines: { some: { resolution: "EXCHANGE" } } },
  });
  let queued = 0;
  for (const ret of candidates) {
    const sent = await ctx.db.emailMessage.findUnique({ where: { shop_idempotencyKey: { shop: ctx.shop.domain, idempotencyKey: `${ret.id}:exchange_shipped` } } });
    if (sent) continue;
    const shipping = await fetchExchangeShipping(ctx.admin, ret.shopifyReturnId!);
    if (!shipping || shipping.state !== "FULFILLED") continue;
    const tr = shipping.tracking;
    const locale = emailLocale(ret.locale);
    const tracking = [tr?.company, tr?.number].filter(Boolean).join(" ");
    const result = await enqueueStepEmail(ctx.db, ctx.shop.domain, ret, "exchange_shipped", {
      exchange_items: shipping.items.join(", ") || null,
      tracking_company: tr?.company ?? null,
      tracking_number: tr?.number ?? null,
      tracking_url: tr?.url ?? null,
      tracking_text: tracking ? journeyMessage(locale, "SHIPPING_TRACKING", { tracking }) : null,
    });
    if (result.created) queued++;
  }
  return queued;
}
