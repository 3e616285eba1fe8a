/**
 * The app's background jobs: each wraps a service function (load → decide → persist lives
 * there, not here). Per-shop work is fanned out to one job per shop, keyed by the shop, so
 * one shop's failure is retried alone and never two instances work on one shop at once.
 */
import db from "~/db.server";
import { reconcileShop } from "~/services/return-sync.server";
import { contextForShop } from "~/services/shop-context.server";
import { purgeExpiredData } from "~/services/retention.server";
import { MAX_WEBHOOK_ATTEMPTS, processWebhook } from "~/services/webhooks.server";
import { updateRefundEta } from "~/services/return-lifecycle.server";
import { ReturnsError } from "~/services/context.server";
import "~/services/webhook-handlers.server";
import { enqueueEmail, sendDueEmails } from "~/mail/outbox.server";
import { runWinbackScan } from "~/followup/winback.server";
import { env } from "~/env.server";
import { refreshAllSummaries } from "~/services/analytics/summary/refresh.server";
import { defineJob } from "./types";
import { enqueueJob } from "./enqueue.server";

/** The first reconciliation of a shop looks back this far (returns made before install or while the app was down). */
export const FIRST_RUN_LOOKBACK_MS = 90 * 24 * 60 * 60_000;
/** Each run starts this long before where the last successful run began, so nothing falls between two runs. */
export const RECONCILE_OVERLAP_MS = 5 * 60_000;
/** A stored delivery still unprocessed after this long lost its job (a crash before sending it): sent again. */
export const WEBHOOK_SWEEP_AFTER_MS = 2 * 60_000;

type ShopData = { shop: string };

async function installedShops(): Promise<string[]> {
  const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  return shops.map((s) => s.domain);
}

/** Returns null when the shop has no usable session (uninstalled): nothing to do, not a failure. */
async function contextOrNull(shop: string) {
  try {
    return await contextForShop(shop);
  } catch (error) {
    if (error instanceof ReturnsError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export const reconcileShopsJob = defineJob({
  name: "reconcile-shops",
  everySeconds: 60,
  retryLimit: 2,
  retryDelaySeconds: 10,
  async run() {
    for (const shop of await installedShops()) await enqueueJob("reconcile-shop", { shop });
  },
});

export const reconcileShopJob = defineJob<ShopData>({
  name: "reconcile-shop",
  key: (data) => data.shop,
  retryLimit: 4,
  retryDelaySeconds: 30,
  expireInSeconds: 60 * 60,
  async run({ shop }) {
    const ctx = await contextOrNull(shop);
    if (!ctx) return;
    const startedAt = new Date();
    const row = await db.shop.findUnique({ where: { domain: shop }, select: { reconciledThrough: true } });
    const from = row?.reconciledThrough ? row.reconciledThrough.getTime() - RECONCILE_OVERLAP_MS : startedAt.getTime() - FIRST_RUN_LOOKBACK_MS;
    // Throws on a Shopify outage: the queue retries with backoff.
    await reconcileShop(ctx, new Date(from));
    // Forward only: a slow run that started earlier never moves the mark back.
    await db.shop.updateMany({
      where: { domain: shop, OR: [{ reconciledThrough: null }, { reconciledThrough: { lt: startedAt } }] },
      data: { reconciledThrough: startedAt },
    });
  },
});

export const processWebhookJob = defineJob<{ id: string; shop: string }>({
  name: "process-webhook",
  key: (data) => data.id,
  // The delivery row counts its own tries (MAX_WEBHOOK_ATTEMPTS); the queue gives as many.
  retryLimit: MAX_WEBHOOK_ATTEMPTS - 1,
  retryDelaySeconds: 15,
  async run({ id }) {
    const outcome = await processWebhook(id, db);
    if (outcome === "FAILED") {
      const row = await db.webhookDelivery.findUnique({ where: { id }, select: { error: true, topic: true } });
      throw new Error(`${row?.topic ?? "webhook"}: ${row?.error ?? "processing failed"}`);
    }
  },
});

export const sweepWebhooksJob = defineJob({
  name: "sweep-webhooks",
  everySeconds: 60,
  retryLimit: 1,
  retryDelaySeconds: 10,
  async run() {
    const pending = await db.webhookDelivery.findMany({
      where: {
        status: { in: ["RECEIVED", "FAILED"] },
        attempts: { lt: MAX_WEBHOOK_ATTEMPTS },
        receivedAt: { lt: new Date(Date.now() - WEBHOOK_SWEEP_AFTER_MS) },
      },
      orderBy: { receivedAt: "asc" },
      take: 500,
      select: { id: true, shop: true },
    });
    // An equal job already waiting (one per delivery) makes this a no-op.
    for (const { id, shop } of pending) await enqueueJob("process-webhook", { id, shop });
  },
});

export const purgeExpiredDataJob = defineJob({
  name: "purge-expired-data",
  everySeconds: 60 * 60,
  retryLimit: 3,
  retryDelaySeconds: 60,
  async run() {
    await purgeExpiredData(db, new Date());
  },
});

const OPEN_ETA_STAGES = ["REQUESTED", "APPROVED", "IN_TRANSIT", "RECEIVED", "INSPECTED"];

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export const refreshRefundEtasJob = defineJob({
  name: "refresh-refund-etas",
  everySeconds: 60 * 60,
  retryLimit: 2,
  retryDelaySeconds: 60,
  async run() {
    // A stored date that has passed while work is still to do is stale: the domain never
    // promises a date in the past, so recomputing moves it forward.
    const stale = await db.returnRequest.findMany({
      where: { status: { in: OPEN_ETA_STAGES }, refundEtaFrom: { lt: startOfUtcDay(new Date()) } },
      distinct: ["shopId"],
      select: { shop: { select: { domain: true } } },
    });
    for (const { shop } of stale) await enqueueJob("refresh-refund-etas-shop", { shop: shop.domain });
  },
});

export const refreshRefundEtasShopJob = defineJob<ShopData>({
  name: "refresh-refund-etas-shop",
  key: (data) => data.shop,
  retryLimit: 3,
  retryDelaySeconds: 60,
  async run({ shop }) {
    const ctx = await contextOrNull(shop);
    if (!ctx) return;
    const stale = await db.returnRequest.findMany({
      where: { shopId: ctx.shop.id, status: { in: OPEN_ETA_STAGES }, refundEtaFrom: { lt: startOfUtcDay(new Date()) } },
      select: { id: true },
      take: 500,
    });
    for (const { id } of stale) await updateRefundEta(ctx, id);
  },
});

/** The e-mail outbox (app/mail/): claims due messages with a lease, so two instances send each once. */
export const sendMailOutboxJob = defineJob({
  name: "send-mail-outbox",
  everySeconds: 10,
  retryLimit: 1,
  retryDelaySeconds: 5,
  async run() {
    await sendDueEmails(db, new Date());
  },
});

/**
 * Win-back offers (app/followup/): every 6 hours, one job per shop. Not daily: pg-boss 10
 * refuses a slot longer than its archive interval (12 h). A scan is idempotent per customer
 * and period, so running it more often sends nothing twice.
 */
export const winbackScanJob = defineJob({
  name: "winback-scan",
  everySeconds: 6 * 60 * 60,
  retryLimit: 2,
  retryDelaySeconds: 60,
  async run() {
    for (const shop of await installedShops()) await enqueueJob("winback-scan-shop", { shop });
  },
});

export const winbackScanShopJob = defineJob<ShopData>({
  name: "winback-scan-shop",
  key: (data) => data.shop,
  retryLimit: 3,
  retryDelaySeconds: 5 * 60,
  expireInSeconds: 60 * 60,
  async run({ shop }) {
    const ctx = await contextOrNull(shop);
    if (!ctx) return;
    // Idempotent per customer and period (a claim row), so a retry never sends a second code.
    await runWinbackScan({ ctx, mailer: { enqueue: enqueueEmail }, secret: env().SHOPIFY_API_SECRET });
  },
});

/** Analytics summary tables: rewrites the facts of returns changed since the last run (the page also does it before each read). */
export const refreshAnalyticsSummariesJob = defineJob({
  name: "refresh-analytics-summaries",
  everySeconds: 5 * 60,
  retryLimit: 1,
  retryDelaySeconds: 60,
  async run() {
    await refreshAllSummaries(db);
  },
});
