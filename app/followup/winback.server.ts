/**
 * Win-back: N days after a refund, a customer who did not order again and accepted e-mail
 * marketing gets a unique, single-use discount code restricted to them, by e-mail.
 *
 * runWinbackScan is the job (issue-7's queue calls it per shop, e.g. hourly or daily): load
 * → decide (app/domain/followup/winback.ts) → claim → create the code in Shopify → queue the
 * e-mail. Exactly one code per customer and period, also when scans race or a run dies
 * mid-way:
 *  - the claim is a row with a unique (shop, customer, period) key: of two racing scans one
 *    inserts, the other finds it and stops (or, if the row is PENDING and its lease ran out,
 *    takes it over with a conditional update);
 *  - the code is derived from the claim row (HMAC), so a run that repeats
 *    discountCodeBasicCreate meets TAKEN and reads the existing discount back;
 *  - the e-mail's idempotency key is `winback:{customer}:{period}`, and it is queued in the
 *    same transaction that marks the offer SENT.
 */
import { createHmac } from "node:crypto";
import type { Db } from "~/db.server";
import type { ReturnsContext } from "~/services/context.server";
import {
  decideWinback,
  offerEndsAt,
  scanLookbackStart,
  winbackCode,
  type WinbackReturnFact,
  type WinbackSettings,
  type WinbackSkipReason,
} from "~/domain/followup/winback";
import { storefrontLocale } from "~/i18n/storefront";
import { getShopInfo } from "~/shopify/shop.server";
import { createWinbackDiscount, fetchWinbackCustomer, unsubscribeCustomer } from "~/shopify/winback.server";
import { buildUnsubscribeUrl, followupStorefrontBase } from "./links.server";
import type { FollowUpMailer } from "./mailer";
import { getWinbackSettings } from "./winback-settings.server";

/** A PENDING claim older than this belongs to a run that died; another run may take it over. */
export const CLAIM_LEASE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export interface WinbackScanReport {
  considered: number;
  sent: number;
  skipped: Partial<Record<WinbackSkipReason | "IN_PROGRESS" | "CUSTOMER_GONE", number>>;
  failed: { customerId: string; error: string }[];
  unsubscribesSynced: number;
}

export interface WinbackScanOptions {
  ctx: ReturnsContext;
  mailer: FollowUpMailer;
  /** The app secret (signs the unsubscribe link and derives codes). */
  secret: string;
  /** At most this many customers per run (the rest wait for the next run). */
  limit?: number;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

export async function runWinbackScan(options: WinbackScanOptions): Promise<WinbackScanReport> {
  const { ctx, mailer, secret } = options;
  const report: WinbackScanReport = { considered: 0, sent: 0, skipped: {}, failed: [], unsubscribesSynced: 0 };
  const skip = (reason: keyof WinbackScanReport["skipped"]) => void (report.skipped[reason] = (report.skipped[reason] ?? 0) + 1);
  report.unsubscribesSynced = await syncPendingUnsubscribes(ctx);
  const settings = await getWinbackSettings(ctx.db, ctx.shop.id);
  if (!settings.enabled) return report;
  const now = ctx.now();
  const customers = await ctx.db.returnRequest.findMany({
    where: {
      shopId: ctx.shop.id,
      customerId: { not: null },
      refundAmount: { gt: 0 },
      processedAt: { gte: scanLookbackStart(now, settings), lte: new Date(now.getTime() - settings.delayDays * DAY_MS) },
      status: { notIn: ["CANCELED", "DECLINED"] },
    },
    distinct: ["customerId"],
    select: { customerId: true },
    orderBy: { customerId: "asc" },
    take: options.limit ?? 500,
  });
  let shopInfo: Awaited<ReturnType<typeof getShopInfo>> | null = null;
  for (const { customerId } of customers) {
    if (!customerId) continue;
    report.considered++;
    try {
      const outcome = await offerTo(ctx, { customerId, settings, secret, mailer, shopInfo: async () => (shopInfo ??= await getShopInfo(ctx.admin)) });
      if (outcome === "SENT") report.sent++;
      else skip(outcome);
    } catch (error) {
      report.failed.push({ customerId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

async function customerFacts(db: Db, shopId: string, customerId: string, settings: WinbackSettings, now: Date) {
  const since = scanLookbackStart(now, { delayDays: settings.delayDays, periodDays: settings.periodDays * 2 });
  const [returns, orders, lastOffer, unsubscribed] = await Promise.all([
    db.returnRequest.findMany({
      where: { shopId, customerId, OR: [{ requestedAt: { gte: since } }, { processedAt: { gte: since } }] },
      select: { id: true, status: true, processedAt: true, refundAmount: true, storeCreditAmount: true, exchangeAmount: true, lines: { select: { resolution: true } } },
    }),
    db.customerOrderSeen.findMany({ where: { shopId, customerId, createdAt: { gte: since } }, select: { createdAt: true } }),
    db.winbackOffer.findFirst({ where: { shopId, customerId, status: { not: "SKIPPED" } }, orderBy: { createdAt: "desc" } }),
    db.marketingUnsubscribe.findUnique({ where: { shopId_customerId: { shopId, customerId } } }),
  ]);
  const facts: WinbackReturnFact[] = returns.map((r) => ({
    returnId: r.id,
    refundedAt: r.processedAt,
    refundAmount: r.refundAmount,
    storeCreditAmount: r.storeCreditAmount,
    exchangeAmount: r.exchangeAmount,
    resolutions: r.lines.map((l) => l.resolution),
    status: r.status,
  }));
  return { returns: facts, orderDates: orders.map((o) => o.createdAt), lastOffer, unsubscribed: unsubscribed !== null };
}

type OfferOutcome = "SENT" | WinbackSkipReason | "IN_PROGRESS" | "CUSTOMER_GONE";

async function offerTo(
  ctx: ReturnsContext,
  input: { customerId: string; settings: WinbackSettings; secret: string; mailer: FollowUpMailer; shopInfo: () => Promise<{ name: string; currencyCode: string; ianaTimezone: string }> },
): Promise<OfferOutcome> {
  const { customerId, settings } = input;
  const now = ctx.now();
  const facts = await customerFacts(ctx.db, ctx.shop.id, customerId, settings, now);
  // A claim of this period that is not ours to judge again (SENT), or is being worked on.
  const pre = decideWinback({
    now,
    settings,
    returns: facts.returns,
    orderDates: facts.orderDates,
    lastOfferAt: facts.lastOffer?.status === "PENDING" ? null : (facts.lastOffer?.createdAt ?? null),
    consent: null,
    unsubscribed: facts.unsubscribed,
    hasEmail: null,
  });
  if (!pre.eligible) return pre.reason;

  // Shopify has the last word: consent, e-mail, and orders placed since the refund.
  const customer = await fetchWinbackCustomer(ctx.admin, customerId, pre.refundedAt);
  if (!customer) return "CUSTOMER_GONE";
  if (customer.orderSince) {
    await ctx.db.customerOrderSeen
      .create({ data: { shopId: ctx.shop.id, customerId, orderId: customer.orderSince.id, createdAt: new Date(customer.orderSince.createdAt) } })
      .catch((error) => {
        if (!isUniqueViolation(error)) throw error;
      });
  }
  const verdict = decideWinback({
    now,
    settings,
    returns: facts.returns,
    orderDates: [...facts.orderDates, ...(customer.orderSince ? [new Date(customer.orderSince.createdAt)] : [])],
    lastOfferAt: facts.lastOffer?.status === "PENDING" ? null : (facts.lastOffer?.createdAt ?? null),
    consent: customer.marketingState === "SUBSCRIBED" ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
    unsubscribed: facts.unsubscribed,
    hasEmail: Boolean(customer.email),
  });
  if (!verdict.eligible) return verdict.reason;

  const offer = await claim(ctx, customerId, verdict.periodKey, verdict.returnId, now);
  if (!offer) return "IN_PROGRESS";
  if (offer.status === "SENT") return "ALREADY_OFFERED";

  const shop = await input.shopInfo();
  const currency = shop.currencyCode;
  const code = winbackCode("BACK", createHmac("sha256", `winback-code\u0000${input.secret}`).update(`${ctx.shop.domain}\u0000${offer.id}`).digest("hex"));
  const endsAt = offerEndsAt(now, settings);
  const discount = await createWinbackDiscount(ctx.admin, {
    code,
    title: `Win-back ${code}`,
    customerId,
    startsAt: now,
    endsAt,
    currency,
    value: settings.valueType === "PERCENTAGE" ? { percentage: settings.percentage } : { amount: settings.fixedAmount },
    minimumOrderAmount: settings.minimumOrderAmount,
  });
  await ctx.db.winbackOffer.update({ where: { id: offer.id }, data: { code, discountNodeId: discount.id, currency } });

  const locale = storefrontLocale(customer.locale);
  const base = followupStorefrontBase(ctx.shop.domain);
  const variables = {
    customer_first_name: customer.firstName ?? "",
    shop_name: shop.name,
    discount_code: code,
    discount_value: formatOfferValue(settings, currency, locale),
    minimum_order: settings.minimumOrderAmount > 0 ? formatMoney(settings.minimumOrderAmount, currency, locale) : "",
    expires_on: new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: shop.ianaTimezone || "UTC" }).format(endsAt),
    shop_url: base,
    unsubscribe_url: buildUnsubscribeUrl(input.secret, base, { shop: ctx.shop.domain, customerId, locale }),
  };
  await ctx.db.$transaction(async (tx) => {
    await input.mailer.enqueue(tx as unknown as Db, {
      shop: ctx.shop.domain,
      step: "winback_offer",
      idempotencyKey: `winback:${customerId}:${verdict.periodKey}`,
      returnId: null,
      to: customer.email,
      locale,
      variables,
    });
    await tx.winbackOffer.update({ where: { id: offer.id }, data: { status: "SENT", sentAt: now } });
  });
  return "SENT";
}

/** Inserts the claim, or takes over a stale PENDING one; null when another run holds it. */
async function claim(ctx: ReturnsContext, customerId: string, periodKey: string, returnId: string, now: Date) {
  const key = { shopId_customerId_periodKey: { shopId: ctx.shop.id, customerId, periodKey } };
  try {
    return await ctx.db.winbackOffer.create({
      data: { shopId: ctx.shop.id, customerId, periodKey, returnRequestId: returnId, status: "PENDING", claimedAt: now, createdAt: now },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await ctx.db.winbackOffer.findUnique({ where: key });
  if (!existing) return null;
  if (existing.status !== "PENDING") return existing;
  if (now.getTime() - existing.claimedAt.getTime() < CLAIM_LEASE_MS) return null;
  const { count } = await ctx.db.winbackOffer.updateMany({ where: { id: existing.id, claimedAt: existing.claimedAt }, data: { claimedAt: now } });
  return count === 1 ? { ...existing, claimedAt: now } : null;
}

const intlLocale = (locale: string) => (locale === "nb" ? "nb-NO" : locale);

function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency }).format(minor / 10 ** digits);
}

/** "15 %" / "15%" / "100,00 kr", as the customer's language writes it. */
export function formatOfferValue(settings: Pick<WinbackSettings, "valueType" | "percentage" | "fixedAmount">, currency: string, locale: string): string {
  return settings.valueType === "PERCENTAGE"
    ? new Intl.NumberFormat(intlLocale(locale), { style: "percent" }).format(settings.percentage / 100)
    : formatMoney(settings.fixedAmount, currency, locale);
}

// ---- Unsubscribe -------------------------------------------------------------------------

/**
 * The customer clicked "unsubscribe": recorded here first (so no offer goes out even if
 * Shopify is down), then Shopify's consent is set to UNSUBSCRIBED; a failure there is kept
 * on the row and retried by the next scan.
 */
export async function unsubscribe(ctx: ReturnsContext, customerId: string): Promise<{ synced: boolean }> {
  const now = ctx.now();
  const row = await ctx.db.marketingUnsubscribe.upsert({
    where: { shopId_customerId: { shopId: ctx.shop.id, customerId } },
    create: { shopId: ctx.shop.id, customerId, createdAt: now },
    update: {},
  });
  if (row.syncedAt) return { synced: true };
  try {
    await unsubscribeCustomer(ctx.admin, customerId, row.createdAt);
    await ctx.db.marketingUnsubscribe.update({ where: { id: row.id }, data: { syncedAt: ctx.now(), lastError: null } });
    return { synced: true };
  } catch (error) {
    await ctx.db.marketingUnsubscribe.update({ where: { id: row.id }, data: { lastError: error instanceof Error ? error.message.slice(0, 500) : String(error) } });
    return { synced: false };
  }
}

async function syncPendingUnsubscribes(ctx: ReturnsContext): Promise<number> {
  const pending = await ctx.db.marketingUnsubscribe.findMany({ where: { shopId: ctx.shop.id, syncedAt: null }, take: 50 });
  let synced = 0;
  for (const p of pending) if ((await unsubscribe(ctx, p.customerId)).synced) synced++;
  return synced;
}
