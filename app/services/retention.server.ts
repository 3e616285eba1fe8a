/**
 * How long we keep what we do not need for long (docs/security.md, "Retention"), and the
 * purge the hourly `purge-expired-data` job runs (app/jobs/). Each rule is one deleteMany on an indexed column.
 *  - Webhook deliveries, processed: WEBHOOK_PROCESSED_RETENTION_DAYS. Their payloads are
 *    hints already applied; the row only guards against a late duplicate (Shopify retries
 *    for hours, not weeks).
 *  - Webhook deliveries that never succeeded: WEBHOOK_FAILED_RETENTION_DAYS, long enough for
 *    staff to see and retry them (Settings → Privacy requests lists the privacy ones).
 *  - customers/data_request exports: DATA_EXPORT_RETENTION_DAYS, for the merchant to hand
 *    them over (Shopify asks for an answer within 30 days).
 *  - Rate-limit counters after their longest window; lookup-token claims after the token
 *    expired.
 */
import type { Db } from "~/db.server";
import { purgeRateLimits } from "./rate-limit.server";
import { purgeLookupTokenUses } from "./storefront-guard.server";

export const WEBHOOK_PROCESSED_RETENTION_DAYS = 14;
export const WEBHOOK_FAILED_RETENTION_DAYS = 90;
export const DATA_EXPORT_RETENTION_DAYS = 90;

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60_000);

export interface PurgeReport {
  webhookDeliveries: number;
  dataExports: number;
  rateLimits: number;
  lookupTokenUses: number;
}

export async function purgeExpiredData(db: Db, now: Date): Promise<PurgeReport> {
  const processed = await db.webhookDelivery.deleteMany({ where: { status: "PROCESSED", receivedAt: { lt: daysAgo(now, WEBHOOK_PROCESSED_RETENTION_DAYS) } } });
  const failed = await db.webhookDelivery.deleteMany({ where: { status: { not: "PROCESSED" }, receivedAt: { lt: daysAgo(now, WEBHOOK_FAILED_RETENTION_DAYS) } } });
  const exports = await db.complianceRequest.deleteMany({ where: { topic: "customers/data_request", createdAt: { lt: daysAgo(now, DATA_EXPORT_RETENTION_DAYS) } } });
  return {
    webhookDeliveries: processed.count + failed.count,
    dataExports: exports.count,
    rateLimits: await purgeRateLimits(db, now),
    lookupTokenUses: await purgeLookupTokenUses(db, now),
  };
}
