/**
 * The one job interface of the app (background work that must survive restarts and run on
 * several instances): a job is a named plain function with retries, exponential backoff, a
 * dead state staff can see and retry, and a key — at most one copy of a job per key runs at
 * a time, and at most one more waits. Two implementations: pg-boss on PostgreSQL
 * (pg-boss-queue.server.ts) and a durable table on SQLite (database-queue.server.ts).
 */

export interface JobContext {
  /** The queue's id of this run's job. */
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
}

/** A job for one shop carries the shop's domain as `data.shop`: its staff see it when it is dead, and shop/redact deletes it. */
export interface JobDefinition<T = Record<string, unknown>> {
  /** Queue name: lowercase letters, digits and dashes. */
  name: string;
  run(data: T, context: JobContext): Promise<void>;
  /** At most one running (and one waiting) copy per key; default: the job's name (one at a time). */
  key?(data: T): string;
  /** Runs after the first failure (default 4: five runs in all). */
  retryLimit?: number;
  /** First retry after this many seconds, then doubling (with jitter). Default 30. */
  retryDelaySeconds?: number;
  /** A run still going after this long is taken as lost (a crashed instance) and retried. Default 15 min. */
  expireInSeconds?: number;
  /** Scheduled: sent by every instance each period; runs once per period across all instances. */
  everySeconds?: number;
}

export interface SendOptions {
  /** Overrides the definition's key. */
  key?: string;
  /** At most one job per (name, key) in each slot of this many seconds, whoever sends it. */
  slotSeconds?: number;
  /** Not before this many seconds from now. */
  startAfterSeconds?: number;
}

/** A job that failed every try: shown to staff with its last error, until retried or purged. */
export interface DeadJob {
  id: string;
  name: string;
  key: string | null;
  data: unknown;
  attempts: number;
  lastError: string;
  failedAt: Date | null;
}

export interface JobCounts {
  waiting: number;
  running: number;
  dead: number;
}

export interface JobQueue {
  readonly kind: "pg-boss" | "database";
  /** Creates what the queue needs and starts the workers. */
  start(): Promise<void>;
  /** Stops taking jobs and waits (bounded) for running ones. */
  stop(): Promise<void>;
  /** The job's id, or null when an equal job (same name and key, or same slot) already waits. */
  send(name: string, data?: Record<string, unknown>, options?: SendOptions): Promise<string | null>;
  /** Dead jobs, newest first; with `shop`, only that shop's (jobs whose data names it). */
  deadJobs(options?: { shop?: string; limit?: number }): Promise<DeadJob[]>;
  /** Gives a dead job one more run; false if it is not dead (already retried, purged) or not the shop's. */
  retryDead(id: string, options?: { shop?: string }): Promise<boolean>;
  counts(): Promise<JobCounts>;
}

export const DEFAULT_RETRY_LIMIT = 4;
export const DEFAULT_RETRY_DELAY_SECONDS = 30;
export const DEFAULT_EXPIRE_IN_SECONDS = 15 * 60;
/** Dead jobs stay visible this long. */
export const DEAD_JOB_RETENTION_DAYS = 30;

export function defineJob<T = Record<string, unknown>>(definition: JobDefinition<T>): JobDefinition<T> {
  if (!/^[a-z0-9-]+$/.test(definition.name)) throw new Error(`job name "${definition.name}": lowercase letters, digits and dashes`);
  return definition;
}

export function keyOf(definition: JobDefinition, data: Record<string, unknown>, options?: SendOptions): string {
  return options?.key ?? definition.key?.(data as never) ?? definition.name;
}

/** Delay before retry number `retry` (1-based): base × 2^(retry−1), between half and all of it (jitter). */
export function backoffMs(baseSeconds: number, retry: number, random = Math.random()): number {
  const full = baseSeconds * 1000 * 2 ** Math.min(16, retry - 1);
  return Math.round(full / 2 + (full / 2) * random);
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.slice(0, 2000);
}

export function shopOf(data: unknown): string | null {
  const shop = (data as { shop?: unknown } | null)?.shop;
  return typeof shop === "string" ? shop : null;
}
