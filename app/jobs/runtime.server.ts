/**
 * Starts this instance's job queue and scheduler (entry.server.tsx, not in tests).
 * DATABASE_URL picks the queue: pg-boss on PostgreSQL, the BackgroundJob table on SQLite.
 */
import db, { isPostgresUrl, type Db } from "~/db.server";
import { env } from "~/env.server";
import { DatabaseJobQueue, type DatabaseQueueOptions } from "./database-queue.server";
import { PgBossJobQueue, type PgBossQueueOptions } from "./pg-boss-queue.server";
import { JOBS } from "./registry.server";
import { startScheduler } from "./schedule.server";
import type { JobRuntime } from "./enqueue.server";
import type { JobDefinition, JobQueue } from "./types";

export function createJobQueue(
  url: string,
  client: Db,
  jobs: JobDefinition[],
  options: { pgBoss?: PgBossQueueOptions; database?: DatabaseQueueOptions } = {},
): JobQueue {
  return isPostgresUrl(url) ? new PgBossJobQueue(url, jobs, options.pgBoss) : new DatabaseJobQueue(client, jobs, options.database);
}

/** Starts the queue and the scheduler once per process. */
export function startBackgroundJobs(): void {
  if (globalThis.returnsJobRuntime) return;
  const queue = createJobQueue(env().DATABASE_URL, db, JOBS);
  const runtime: JobRuntime = { queue, started: queue.start() };
  globalThis.returnsJobRuntime = runtime;
  // remix-serve closes its server on these; stopping the queue too lets running jobs finish
  // (pg-boss fails what is left, to be retried) and frees its connections so the process exits.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void stopBackgroundJobs().catch((error: unknown) => console.error("background jobs: stop failed", error)));
  }
  runtime.started
    .then(() => {
      runtime.stopScheduler = startScheduler(queue, JOBS);
      console.log(`background jobs: ${queue.kind} queue started (${JOBS.length} jobs)`);
    })
    .catch((error: unknown) => console.error("background jobs: the queue did not start; webhooks are processed in this process meanwhile", error));
}

export async function stopBackgroundJobs(): Promise<void> {
  const runtime = globalThis.returnsJobRuntime;
  globalThis.returnsJobRuntime = undefined;
  runtime?.stopScheduler?.();
  await runtime?.queue.stop();
}
