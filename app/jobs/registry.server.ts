/**
 * Every background job of the app, one line each. To add one: export a plain async
 * function from its service, wrap it with defineJob() (name, run, and optionally key,
 * retries, everySeconds for a schedule) next to it or in app-jobs.server.ts, and list it
 * here. Scheduled jobs run once per period across all instances; others are sent with
 * enqueueJob(name, data) from runtime.server.ts.
 *
 */
import type { JobDefinition } from "./types";
import {
  processWebhookJob,
  refreshAnalyticsSummariesJob,
  purgeExpiredDataJob,
  reconcileShopJob,
  reconcileShopsJob,
  refreshRefundEtasJob,
  refreshRefundEtasShopJob,
  sweepWebhooksJob,
  sendMailOutboxJob,
  winbackScanJob,
  winbackScanShopJob,
} from "./app-jobs.server";

export const JOBS: JobDefinition[] = [
  reconcileShopsJob as JobDefinition,
  reconcileShopJob as JobDefinition,
  processWebhookJob as JobDefinition,
  sweepWebhooksJob as JobDefinition,
  purgeExpiredDataJob as JobDefinition,
  refreshRefundEtasJob as JobDefinition,
  refreshRefundEtasShopJob as JobDefinition,
  sendMailOutboxJob as JobDefinition,
  winbackScanJob as JobDefinition,
  winbackScanShopJob as JobDefinition,
  refreshAnalyticsSummariesJob as JobDefinition,
];
