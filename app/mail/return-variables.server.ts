/**
 * The standard variables of an e-mail about a return (documented in ./variables.ts), built
 * when the message is sent from the return as it is then, worded by the status page's own
 * view (app/services/return-journey.server.ts) so an e-mail and the status page never
 * disagree. The step decides which stage the "what happens next" sentence describes.
 */
import type { ReturnPolicy, ReturnStatus } from "~/domain";
import { formatMoney, payoutKey, refundEta, type ReturnMethod } from "~/domain";
import type { Db } from "~/db.server";
import { journeyMessage } from "~/i18n/return-journey";
import { loadPolicyFor } from "~/services/policy.server";
import { etaSentences, shopperReturnView } from "~/services/return-journey.server";
import { slipPath, statusPath } from "~/services/storefront-links.server";
import type { EmailLocale, EmailStep } from "./steps";

/** The stage each e-mail speaks about (null: whatever the return is in now). */
const STEP_STATUS: Partial<Record<EmailStep, ReturnStatus>> = {
  request_received: "REQUESTED",
  approved: "APPROVED",
  declined: "DECLINED",
  received: "RECEIVED",
  closed: "CLOSED",
};

export interface ShopVariables {
  shop_name: string;
  shop_url: string;
}

const RETURN_WITH_LINES = { lines: { orderBy: { createdAt: "asc" as const } } };
type ReturnWithLines = NonNullable<Awaited<ReturnType<typeof loadReturns>>>[number];
const loadReturns = (db: Db, ids: string[]) => db.returnRequest.findMany({ where: { id: { in: ids } }, include: RETURN_WITH_LINES });

/** Per sender run: shops and policies are read once, not once per message; returns a chunk at a time (preloadReturns). */
export interface VariableCache {
  shops: Map<string, Promise<{ id: string; name: string | null; timezone: string | null } | null>>;
  policies: Map<string, Promise<ReturnPolicy>>;
  returns: Map<string, Promise<ReturnWithLines | null>>;
}
export const newVariableCache = (): VariableCache => ({ shops: new Map(), policies: new Map(), returns: new Map() });

/** Reads these returns (with their lines) in one query into the cache; returnVariables then reads none. */
export async function preloadReturns(db: Db, ids: string[], cache: VariableCache): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !cache.returns.has(id));
  if (!missing.length) return;
  const rows = await loadReturns(db, missing);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of missing) cache.returns.set(id, Promise.resolve(byId.get(id) ?? null));
}

function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let hit = map.get(key);
  if (!hit) {
    hit = load();
    map.set(key, hit);
  }
  return hit;
}

const shopFacts = (db: Db, domain: string, cache: VariableCache) =>
  memo(cache.shops, domain, () => db.shop.findUnique({ where: { domain }, select: { id: true, name: true, timezone: true } }));

export async function shopVariables(db: Db, shopDomain: string, linkBase: string, cache: VariableCache = newVariableCache()): Promise<ShopVariables> {
  const shop = await shopFacts(db, shopDomain, cache);
  return { shop_name: shop?.name || shopDomain.replace(/\.myshopify\.com$/, ""), shop_url: linkBase };
}

const longDates = new Map<string, Intl.DateTimeFormat>();
const longDate = (locale: string) => {
  let format = longDates.get(locale);
  if (!format) longDates.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" })));
  return format;
};

export async function returnVariables(
  db: Db,
  input: { shopDomain: string; returnId: string; step: EmailStep; locale: EmailLocale; linkBase: string },
  cache: VariableCache = newVariableCache(),
): Promise<Record<string, unknown> | null> {
  const shopRow = await shopFacts(db, input.shopDomain, cache);
  if (!shopRow) return null;
  const ret = await memo(cache.returns, input.returnId, async () => (await loadReturns(db, [input.returnId]))[0] ?? null);
  if (!ret || ret.shopId !== shopRow.id) return null;
  const locale = input.locale;
  const policy = await memo(cache.policies, `${ret.shopId}:${ret.policyVersion ?? "current"}`, () => loadPolicyFor(db, ret.shopId, ret.policyVersion));
  const stage = STEP_STATUS[input.step];
  // Money e-mails need the processed state's outcome sentences; other steps describe their own stage.
  const status = stage ?? (ret.status === "CLOSED" ? "CLOSED" : ret.status === "PROCESSED" ? "PROCESSED" : (ret.status as ReturnStatus));
  const view = shopperReturnView({ ...ret, status }, locale, { policy, statusUrl: `${input.linkBase}${statusPath(ret.statusToken, locale)}` });
  const day = (d: Date | null) => (d ? longDate(locale).format(d) : null);
  const money = (amount: number) => formatMoney({ amount, currency: ret.currency }, locale);
  const t = (key: string, values?: Record<string, string>) => journeyMessage(locale, key, values);
  const processed = ret.processedAt !== null;
  const gateways: string[] = JSON.parse(ret.paymentGateways || "[]");
  const refunded = processed && ret.refundAmount > 0;
  const credit = ret.storeCreditAmount + ret.bonusCreditAmount;
  // When the bank shows the refund: from the processing date, as the status page computed it
  // while the return was PROCESSED (a closed return no longer carries its ETA).
  const bank = refunded
    ? refundEta({
        stage: "PROCESSED",
        stageEnteredAt: ret.processedAt!,
        now: ret.processedAt!,
        policy,
        paymentMethods: gateways.length ? gateways : ["shopify_payments"],
        returnMethod: ret.method as ReturnMethod,
        timeZone: shopRow.timezone ?? "UTC",
        euWithdrawalAt: ret.euWithdrawal ? ret.requestedAt : null,
      })
    : null;
  // The ETA as of the step itself (the stored one is recomputed just after the step commits,
  // and a sender that runs in between would read the previous stage's).
  const stamp = { REQUESTED: ret.requestedAt, APPROVED: ret.approvedAt, RECEIVED: ret.receivedAt }[status as "REQUESTED" | "APPROVED" | "RECEIVED"] ?? null;
  // The same payout methods as the stored ETA (return-lifecycle.server.ts updateRefundEta).
  const etaMethods = [...(ret.refundAmount > 0 ? (gateways.length ? gateways : ["shopify_payments"]) : []), ...(ret.storeCreditAmount > 0 ? ["store_credit"] : [])];
  if (etaMethods.length === 0) etaMethods.push("store_credit");
  const etaNow = stamp
    ? refundEta({
        stage: status as "REQUESTED" | "APPROVED" | "RECEIVED",
        stageEnteredAt: stamp,
        now: stamp,
        policy,
        paymentMethods: etaMethods,
        returnMethod: ret.method as ReturnMethod,
        timeZone: shopRow.timezone ?? "UTC",
        euWithdrawalAt: ret.euWithdrawal ? ret.requestedAt : null,
      })
    : null;
  const eta = etaNow ? etaSentences(locale, view.outcomes, ret.gift, { from: day(new Date(`${etaNow.from}T00:00:00Z`))!, to: day(new Date(`${etaNow.to}T00:00:00Z`))! }) : view.eta;
  const bankFrom = bank ? day(new Date(`${bank.from}T00:00:00Z`)) : null;
  const bankTo = bank ? day(new Date(`${bank.to}T00:00:00Z`)) : null;
  const exchangeItems = ret.lines
    .filter((l) => l.resolution === "EXCHANGE")
    .map((l) => [l.title, l.exchangeVariantTitle].filter(Boolean).join(" – "))
    .join(", ");
  const declineReason = (code: string | null) => {
    const reason = code ? t(`DECLINE_${code}`) : null;
    return reason && !reason.startsWith("DECLINE_") ? t("DECLINED_REASON", { reason }) : null;
  };
  // A return the gift's recipient filed is mailed to them: it names them, never the buyer,
  // and its items carry no prices (shopperReturnView).
  const name = ret.giftByRecipient ? ret.giftRecipientName : ret.customerName;
  const first = name?.trim().split(/\s+/)[0] ?? null;
  const shop = await shopVariables(db, input.shopDomain, input.linkBase, cache);
  return {
    ...shop,
    customer_name: name,
    customer_first_name: first,
    rma: ret.rmaNumber,
    order_name: ret.orderName,
    status_url: view.statusUrl,
    slip_url: view.slipPath ? `${input.linkBase}${slipPath(ret.statusToken, locale)}` : null,
    items: view.items.map((i) => ({ title: i.title, quantity: i.quantity, amount: i.amount, outcome: i.outcome })),
    next_step: view.next,
    eta,
    guide: view.guide,
    decline_text: view.stopped[0] ?? null,
    decline_reason: declineReason(ret.declineReason),
    decline_note: ret.declineNote,
    refund_amount: refunded ? money(ret.refundAmount) : null,
    refund_method: refunded ? t(`PAYMENT_${payoutKey(gateways[0] ?? "default")}`) : null,
    refund_date: refunded ? day(ret.processedAt) : null,
    bank_from: bankFrom,
    bank_to: bankTo,
    refund_text: refunded ? t("DONE_REFUND", { amount: money(ret.refundAmount), method: t(`PAYMENT_${payoutKey(gateways[0] ?? "default")}`), date: day(ret.processedAt)! }) : null,
    refund_bank_text: bankFrom && bankTo ? t("DONE_REFUND_BANK", { from: bankFrom, to: bankTo }) : null,
    store_credit_amount: processed && credit > 0 ? money(credit) : null,
    store_credit_text: processed && credit > 0 ? t("DONE_STORE_CREDIT", { amount: money(credit), date: day(ret.processedAt)! }) : null,
    store_credit_bonus_text: processed && ret.bonusCreditAmount > 0 ? t("DONE_STORE_CREDIT_BONUS", { bonus: money(ret.bonusCreditAmount) }) : null,
    exchange_items: exchangeItems || null,
    exchange_text: processed && exchangeItems ? t("DONE_EXCHANGE", { date: day(ret.processedAt)!, items: exchangeItems }) : null,
    // The exchange's shipping is read from Shopify when it ships and passed with the message.
    shipping_text: input.step === "exchange_shipped" ? t("SHIPPING_FULFILLED") : null,
    tracking_company: null,
    tracking_number: null,
    tracking_url: null,
    tracking_text: null,
  };
}
