/**
 * What staff see of the job queue (app/routes/app.jobs.tsx): their shop's dead jobs —
 * those that failed every try — with the last error, and a retry. Only jobs whose data
 * names the shop are shown; app-wide jobs (schedules, purges) are logged for the operator.
 */
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { JOBS_CATALOG } from "~/i18n/catalogs/jobs";
import type { JobQueue } from "./types";

export interface DeadJobRow {
  id: string;
  task: string;
  failedAt: string | null;
  attempts: number;
  lastError: string;
}

const TASK_KEY = {
  "reconcile-shop": "jobReconcileShop",
  "process-webhook": "jobProcessWebhook",
  "refresh-refund-etas-shop": "jobRefreshEtas",
} as const;

export function taskLabel(name: string, locale: AdminLocale): string {
  const t = translator(JOBS_CATALOG, locale);
  const key = TASK_KEY[name as keyof typeof TASK_KEY];
  return key ? t(key) : t("jobOther", { name });
}

export async function listDeadJobs(queue: JobQueue, shop: string, locale: AdminLocale): Promise<DeadJobRow[]> {
  const dead = await queue.deadJobs({ shop, limit: 100 });
  return dead.map((job) => ({
    id: job.id,
    task: taskLabel(job.name, locale),
    failedAt: job.failedAt ? job.failedAt.toISOString() : null,
    attempts: job.attempts,
    lastError: job.lastError,
  }));
}

/** "RETRIED", or "NOT_FOUND" when the id is not a dead job of this shop (another shop's, retried already, purged). */
export async function retryDeadJob(queue: JobQueue, shop: string, id: string): Promise<"RETRIED" | "NOT_FOUND"> {
  return (await queue.retryDead(id, { shop })) ? "RETRIED" : "NOT_FOUND";
}
