/**
 * Starts this instance's job queue and scheduler (entry.server.tsx, not in tests).
 * DATABASE_URL picks the queue: pg-boss on PostgreSQL, the BackgroundJob table on SQLite.
 */
import db, { isPostgresUrl, type Db } from "~/db.server";
import { DatabaseJobQueue, type DatabaseQueueOptions } from "./database-queue.server";
import { PgBossJobQueue, type PgBossQueueOptions } from "./pg-boss-queue.server";
import { JOBS } from "./registry.server";
import type { JobRuntime } from "./enqueue.server";
import type { JobDefinition, JobQueue } from "./types";

/** How often each instance offers the scheduled jobs to the queue (each runs once per its period). */
export const SCHEDULE_TICK_MS = 10_000;

export function createJobQueue(
  url: string,
  client: Db,
  jobs: JobDefinition[],
  options: { pgBoss?: PgBossQueueOptions; database?: DatabaseQueueOptions } = {},
): JobQueue {
  return isPostgresUrl(url) ? new PgBossJobQueue(url, jobs, options.pgBoss) : new DatabaseJobQueue(client, jobs, options.database);
}

/**
 * Offers every scheduled job for the current slot of its period, at once and every tick.
 * Every instance does this; the queue keeps one job per (name, slot), so each runs once
 * per period however many instances there are. Returns a stop function.
 */
export function startScheduler(queue: JobQueue, jobs: JobDefinition[], tickMs = SCHEDULE_TICK_MS): () => void {
  const scheduled = jobs.filter((job) => job.everySeconds);
  const tick = async () => {
    for (const job of scheduled) {
      await queue.send(job.name, {}, { slotSeconds: job.everySeconds }).catch((error) => console.error(`scheduling ${job.name} failed`, error));
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Starts the queue and the scheduler once per process. */
export function startBackgroundJobs(): void {
  if (globalThis.returnsJobRuntime) return;
  const queue = createJobQueue(process.env.DATABASE_URL ?? "file:./data/dev.sqlite", db, JOBS);
  const runtime: JobRuntime = { queue, started: queue.start() };
  globalThis.returnsJobRuntime = runtime;
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
