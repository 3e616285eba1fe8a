/**
 * Background work of an app instance: processes stored webhook deliveries that are left
 * (a crash, a Shopify outage during processing) and runs the reconciliation job for every
 * installed shop, and purges data past its retention (hourly). Safe on several instances: webhook processing claims rows, and
 * reconciliation re-reads Shopify and only applies conditional updates.
 */
import db from "~/db.server";
import { processPendingWebhooks } from "./webhooks.server";
import { reconcileShopSafely } from "./return-sync.server";
import { contextForShop } from "./shop-context.server";
import { purgeExpiredDataIfDue } from "./retention.server";

export const JOB_INTERVAL_MS = 60_000;
/** The first run looks back this far (returns made while the app was down or not yet installed). */
export const FIRST_RUN_LOOKBACK_MS = 90 * 24 * 60 * 60_000;
/** Later runs overlap the previous window, so nothing falls between two runs. */
const OVERLAP_MS = 5 * 60_000;

let lastRun: Date | null = null;
let running = false;

export async function runJobsOnce(now = new Date()): Promise<void> {
  if (running) return;
  running = true;
  try {
    await processPendingWebhooks(db);
    // Retention (retention.server.ts): old webhook payloads, exports, counters, token claims.
    await purgeExpiredDataIfDue(db, now).catch((error) => console.error("purging expired data failed; retrying next hour", error));
    const since = lastRun ? new Date(lastRun.getTime() - OVERLAP_MS) : new Date(now.getTime() - FIRST_RUN_LOOKBACK_MS);
    const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
    for (const { domain } of shops) {
      const ctx = await contextForShop(domain).catch(() => null);
      if (ctx) await reconcileShopSafely(ctx, since);
    }
    lastRun = now;
  } catch (error) {
    console.error("background jobs failed; retrying next interval", error);
  } finally {
    running = false;
  }
}

declare global {
  var returnsJobsTimer: NodeJS.Timeout | undefined;
}

/** Starts the timer once per process (not in tests). */
export function startBackgroundJobs(): void {
  if (globalThis.returnsJobsTimer) return;
  globalThis.returnsJobsTimer = setInterval(() => void runJobsOnce(), JOB_INTERVAL_MS);
  globalThis.returnsJobsTimer.unref();
  setTimeout(() => void runJobsOnce(), 2_000).unref();
}
