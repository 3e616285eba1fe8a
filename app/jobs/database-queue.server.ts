/**
 * The job queue on SQLite: the BackgroundJob table, polled by this process. Durable — a job
 * accepted is a row, so nothing is lost on restart; a job left ACTIVE by a crash is taken
 * again once its lease (expireInSeconds) has passed. Same behaviour as the pg-boss queue:
 * retries with backoff, a dead state (FAILED), at most one running copy per (name, key)
 * and at most one waiting. Meant for one instance (SQLite is one instance): the per-key
 * rule is enforced in this process; the claim of a row is a conditional update, so even two
 * processes never run the same job twice.
 */
import type { Db } from "~/db.server";
import {
  backoffMs,
  DEAD_JOB_RETENTION_DAYS,
  DEFAULT_EXPIRE_IN_SECONDS,
  DEFAULT_RETRY_DELAY_SECONDS,
  DEFAULT_RETRY_LIMIT,
  errorMessage,
  keyOf,
  shopOf,
  type DeadJob,
  type JobCounts,
  type JobDefinition,
  type JobQueue,
  type SendOptions,
} from "./types";

export interface DatabaseQueueOptions {
  pollIntervalMs?: number;
  /** Jobs run at once by this process (different keys). */
  concurrency?: number;
  /** Multiplies every retry delay (tests use small values). */
  retryDelayScale?: number;
  random?: () => number;
}

const COMPLETED_RETENTION_MS = 24 * 60 * 60_000;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export class DatabaseJobQueue implements JobQueue {
  readonly kind = "database" as const;
  private readonly definitions: Map<string, JobDefinition>;
  private readonly running = new Map<string, Promise<void>>(); // job id → run
  private readonly runningKeys = new Set<string>(); // name|key
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = true;
  private lastCleanup = 0;

  constructor(
    private readonly db: Db,
    definitions: JobDefinition[],
    private readonly options: DatabaseQueueOptions = {},
  ) {
    this.definitions = new Map(definitions.map((d) => [d.name, d]));
  }

  private definition(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`unknown job "${name}" (add it to app/jobs/registry.server.ts)`);
    return definition;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedulePoll(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    await Promise.allSettled([...this.running.values()]);
  }

  async send(name: string, data: Record<string, unknown> = {}, options: SendOptions = {}): Promise<string | null> {
    const definition = this.definition(name);
    const key = keyOf(definition, data, options);
    const waiting = await this.db.backgroundJob.findFirst({ where: { name, key, state: "QUEUED" }, select: { id: true } });
    if (waiting) return null;
    const now = Date.now();
    const onceKey = options.slotSeconds
      ? `${name}|${key}|slot:${Math.floor(now / (options.slotSeconds * 1000))}`
      : `${name}|${key}|waiting`;
    try {
      const row = await this.db.backgroundJob.create({
        data: {
          name,
          key,
          shop: shopOf(data),
          data: JSON.stringify(data),
          maxAttempts: (definition.retryLimit ?? DEFAULT_RETRY_LIMIT) + 1,
          retryDelayMs: Math.round((definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS) * 1000 * (this.options.retryDelayScale ?? 1)),
          runAfter: new Date(now + (options.startAfterSeconds ?? 0) * 1000),
          onceKey,
        },
      });
      if (!this.stopped) this.schedulePoll(0);
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  private schedulePoll(delayMs: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.polling) {
        this.schedulePoll(this.options.pollIntervalMs ?? 1000);
        return;
      }
      this.polling = this.poll()
        .catch((error) => console.error("job queue: poll failed", error))
        .finally(() => {
          this.polling = null;
          this.schedulePoll(this.options.pollIntervalMs ?? 1000);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One pass: take abandoned jobs back, then start due jobs whose key is free. */
  async poll(): Promise<void> {
    const now = new Date();
    await this.recoverAbandoned(now);
    const free = (this.options.concurrency ?? 2) - this.running.size;
    if (free <= 0) return;
    const due = await this.db.backgroundJob.findMany({
      where: { state: "QUEUED", runAfter: { lte: now }, name: { in: [...this.definitions.keys()] } },
      orderBy: [{ runAfter: "asc" }, { createdAt: "asc" }],
      take: free * 5,
    });
    let started = 0;
    for (const job of due) {
      if (started >= free) break;
      const runKey = `${job.name}|${job.key}`;
      if (this.runningKeys.has(runKey)) continue; // one running copy per key
      const active = await this.db.backgroundJob.count({ where: { name: job.name, key: job.key, state: "ACTIVE" } });
      if (active > 0) continue;
      const definition = this.definition(job.name);
      const lease = new Date(now.getTime() + (definition.expireInSeconds ?? DEFAULT_EXPIRE_IN_SECONDS) * 1000);
      const claimed = await this.db.backgroundJob.updateMany({
        where: { id: job.id, state: "QUEUED" },
        data: {
          state: "ACTIVE",
          attempts: { increment: 1 },
          lockedUntil: lease,
          // Free the "one waiting per key" marker; a slot marker stays for its slot.
          ...(job.onceKey?.endsWith("|waiting") ? { onceKey: null } : {}),
        },
      });
      if (claimed.count === 0) continue;
      started++;
      this.runningKeys.add(runKey);
      const run = this.execute(definition, job.id, JSON.parse(job.data), job.attempts + 1, job.maxAttempts, job.retryDelayMs).finally(() => {
        this.runningKeys.delete(runKey);
        this.running.delete(job.id);
        if (!this.stopped) this.schedulePoll(0);
      });
      this.running.set(job.id, run);
    }
    if (Date.now() - this.lastCleanup > 60 * 60_000) {
      this.lastCleanup = Date.now();
      await this.cleanup(now);
    }
  }

  private async execute(definition: JobDefinition, id: string, data: Record<string, unknown>, attempt: number, maxAttempts: number, retryDelayMs: number) {
    try {
      await definition.run(data, { jobId: id, attempt });
      await this.db.backgroundJob.updateMany({
        where: { id, state: "ACTIVE" },
        data: { state: "COMPLETED", finishedAt: new Date(), lockedUntil: null, lastError: null },
      });
    } catch (error) {
      await this.fail(id, attempt, maxAttempts, retryDelayMs, errorMessage(error));
    }
  }

  private async fail(id: string, attempt: number, maxAttempts: number, retryDelayMs: number, message: string) {
    const now = Date.now();
    if (attempt < maxAttempts) {
      const delay = backoffMs(retryDelayMs / 1000, attempt, (this.options.random ?? Math.random)());
      await this.db.backgroundJob.updateMany({
        where: { id, state: "ACTIVE" },
        data: { state: "QUEUED", runAfter: new Date(now + delay), lockedUntil: null, lastError: message },
      });
    } else {
      console.error(`job ${id} failed for good after ${attempt} tries: ${message}`);
      await this.db.backgroundJob.updateMany({
        where: { id, state: "ACTIVE" },
        data: { state: "FAILED", finishedAt: new Date(now), lockedUntil: null, lastError: message },
      });
    }
  }

  /** A job ACTIVE past its lease and not running here: its process died. Counts as a failed try. */
  private async recoverAbandoned(now: Date) {
    const abandoned = await this.db.backgroundJob.findMany({
      where: { state: "ACTIVE", lockedUntil: { lt: now } },
      take: 20,
    });
    for (const job of abandoned) {
      if (this.running.has(job.id)) continue;
      await this.fail(job.id, job.attempts, job.maxAttempts, job.retryDelayMs, "the run stopped without an answer (process ended or lease expired)");
    }
  }

  private async cleanup(now: Date) {
    await this.db.backgroundJob.deleteMany({ where: { state: "COMPLETED", finishedAt: { lt: new Date(now.getTime() - COMPLETED_RETENTION_MS) } } });
    await this.db.backgroundJob.deleteMany({
      where: { state: "FAILED", finishedAt: { lt: new Date(now.getTime() - DEAD_JOB_RETENTION_DAYS * 24 * 60 * 60_000) } },
    });
  }

  async deadJobs({ shop, limit = 100 }: { shop?: string; limit?: number } = {}): Promise<DeadJob[]> {
    const rows = await this.db.backgroundJob.findMany({
      where: { state: "FAILED", ...(shop !== undefined ? { shop } : {}) },
      orderBy: { finishedAt: "desc" },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      key: row.key,
      data: JSON.parse(row.data) as unknown,
      attempts: row.attempts,
      lastError: row.lastError ?? "",
      failedAt: row.finishedAt,
    }));
  }

  async retryDead(id: string, { shop }: { shop?: string } = {}): Promise<boolean> {
    const row = await this.db.backgroundJob.findUnique({ where: { id } });
    if (!row || row.state !== "FAILED" || (shop !== undefined && row.shop !== shop)) return false;
    const updated = await this.db.backgroundJob.updateMany({
      where: { id, state: "FAILED" },
      data: { state: "QUEUED", runAfter: new Date(), maxAttempts: row.attempts + 1, finishedAt: null },
    });
    if (updated.count > 0 && !this.stopped) this.schedulePoll(0);
    return updated.count > 0;
  }

  async counts(): Promise<JobCounts> {
    const [waiting, running, dead] = await Promise.all([
      this.db.backgroundJob.count({ where: { state: "QUEUED" } }),
      this.db.backgroundJob.count({ where: { state: "ACTIVE" } }),
      this.db.backgroundJob.count({ where: { state: "FAILED" } }),
    ]);
    return { waiting, running, dead };
  }
}
