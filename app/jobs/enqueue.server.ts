/**
 * The process's running job queue, for the rest of the app: enqueueJob() and
 * getJobQueue(). Kept apart from runtime.server.ts (which imports every job) so that a
 * job's module can send other jobs without an import cycle.
 */
import type { JobQueue } from "./types";

export interface JobRuntime {
  queue: JobQueue;
  started: Promise<void>;
  stopScheduler?: () => void;
}

declare global {
  // One queue per process, across Vite's dev-server reloads.
  var returnsJobRuntime: JobRuntime | undefined;
}

/** The running queue of this process, or null (tests, or it failed to start). */
export async function getJobQueue(): Promise<JobQueue | null> {
  const runtime = globalThis.returnsJobRuntime;
  if (!runtime) return null;
  try {
    await runtime.started;
    return runtime.queue;
  } catch {
    return null;
  }
}

/** For tests: use this (started) queue as the process's queue, or none. */
export function setJobQueueForTests(queue: JobQueue | null): void {
  globalThis.returnsJobRuntime = queue ? { queue, started: Promise.resolve() } : undefined;
}

/**
 * Sends a job to this instance's queue: "sent"; "duplicate" when an equal job (same name
 * and key) already waits — it will do the work; "no-queue" when no queue runs in this
 * process (tests, a queue that failed to start): the caller does the work itself.
 */
export async function enqueueJob(name: string, data: Record<string, unknown> = {}): Promise<"sent" | "duplicate" | "no-queue"> {
  const queue = await getJobQueue();
  if (!queue) return "no-queue";
  return (await queue.send(name, data)) ? "sent" : "duplicate";
}
