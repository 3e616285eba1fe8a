/**
 * The schedule: every instance offers each scheduled job (JobDefinition.everySeconds) to
 * the queue at once and every tick; the queue keeps one job per (name, time slot), so each
 * runs once per period however many instances there are, and a restart neither skips nor
 * repeats a period. The periods themselves live with the jobs (app-jobs.server.ts).
 */
import type { JobDefinition, JobQueue } from "./types";

/** How often each instance offers the scheduled jobs. */
export const SCHEDULE_TICK_MS = 10_000;

/** Returns a stop function. */
export function startScheduler(queue: JobQueue, jobs: JobDefinition[], tickMs = SCHEDULE_TICK_MS): () => void {
  const scheduled = jobs.filter((job) => job.everySeconds);
  let stopped = false;
  const tick = async () => {
    for (const job of scheduled) {
      if (stopped) return;
      await queue.send(job.name, {}, { slotSeconds: job.everySeconds }).catch((error: unknown) => console.error(`scheduling ${job.name} failed`, error));
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
