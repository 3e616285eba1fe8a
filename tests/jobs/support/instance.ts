/**
 * One app instance's job runtime, as its own process (tests/jobs/two-instances.test.ts):
 * the app's pg-boss queue and scheduler with test jobs that write each run into the
 * `job_runs` table. Usage: tsx tests/jobs/support/instance.ts <postgres-url>
 * Prints "ready" when its workers run; stops cleanly on SIGTERM.
 */
import pg from "pg";
import { PgBossJobQueue } from "~/jobs/pg-boss-queue.server";
import { startScheduler } from "~/jobs/schedule.server";
import { defineJob, type JobDefinition } from "~/jobs/types";

const url = process.argv[2];
const pool = new pg.Pool({ connectionString: url, max: 2 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function recordRun(kind: string, jobId: string, key: string, work: number) {
  const started = new Date();
  await sleep(work);
  await pool.query("INSERT INTO job_runs (kind, job_id, key, pid, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, now())", [kind, jobId, key, process.pid, started]);
}

export const TEST_JOBS = [
  defineJob<{ n: number }>({ name: "each", key: (d) => `each-${d.n}`, run: (d, c) => recordRun("each", c.jobId, `each-${d.n}`, 30) }),
  defineJob<{ n: number }>({ name: "exclusive", key: () => "the-key", run: (_d, c) => recordRun("exclusive", c.jobId, "the-key", 250) }),
  defineJob({ name: "tick", everySeconds: 2, run: (_d, c) => recordRun("tick", c.jobId, "tick", 10) }),
] as JobDefinition[];

const queue = new PgBossJobQueue(url, TEST_JOBS, { pollingIntervalSeconds: 0.5, max: 3 });
await queue.start();
const stopScheduler = startScheduler(queue, TEST_JOBS, 200);
process.stdout.write("ready\n");

process.on("SIGTERM", () => {
  stopScheduler();
  void queue
    .stop()
    .then(() => pool.end())
    .finally(() => process.exit(0));
});
