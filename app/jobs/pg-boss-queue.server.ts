/**
 * The job queue on PostgreSQL: pg-boss 10 (its own tables in the "pgboss" schema of the
 * app's database), shared by every app instance. Each job is a pg-boss queue with the
 * "stately" policy — at most one waiting and one running job per singleton key — so "one
 * running copy per key" is a unique index in PostgreSQL, not a promise of this process.
 * Jobs are fetched with FOR UPDATE SKIP LOCKED (each runs once); retries use pg-boss's
 * exponential backoff; a job out of tries is left in pg-boss's `failed` state, which is
 * our dead state (kept DEAD_JOB_RETENTION_DAYS, listed to staff, retried by pg-boss).
 * Scheduled jobs are sent with `singletonSeconds`: one job per (name, key, time slot).
 */
import PgBoss from "pg-boss";
import {
  DEAD_JOB_RETENTION_DAYS,
  DEFAULT_EXPIRE_IN_SECONDS,
  DEFAULT_RETRY_DELAY_SECONDS,
  DEFAULT_RETRY_LIMIT,
  keyOf,
  type DeadJob,
  type JobCounts,
  type JobDefinition,
  type JobQueue,
  type SendOptions,
} from "./types";

export interface PgBossQueueOptions {
  /** pg-boss's minimum is 0.5 s. */
  pollingIntervalSeconds?: number;
  /** Overrides every job's first retry delay (tests). pg-boss counts whole seconds. */
  retryDelaySeconds?: number;
  schema?: string;
  /** Connections in pg-boss's pool. */
  max?: number;
  /** false: only send and inspect, run nothing here (default true). */
  work?: boolean;
}

export const PG_BOSS_SCHEMA = "pgboss";

export class PgBossJobQueue implements JobQueue {
  readonly kind = "pg-boss" as const;
  private readonly definitions: Map<string, JobDefinition>;
  private boss: PgBoss | null = null;
  private readonly schema: string;

  constructor(
    private readonly url: string,
    definitions: JobDefinition[],
    private readonly options: PgBossQueueOptions = {},
  ) {
    this.definitions = new Map(definitions.map((d) => [d.name, d]));
    this.schema = options.schema ?? PG_BOSS_SCHEMA;
    if (!/^[a-z_][a-z0-9_]*$/.test(this.schema)) throw new Error(`pg-boss schema "${this.schema}" is not a plain identifier`);
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error("the job queue is not started");
    return this.boss;
  }

  private definition(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`unknown job "${name}" (add it to app/jobs/registry.server.ts)`);
    return definition;
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const boss = new PgBoss({
      connectionString: this.url,
      schema: this.schema,
      max: this.options.max ?? 4,
      // Our scheduler sends scheduled jobs with singletonSeconds; pg-boss's cron is not used.
      schedule: false,
      archiveFailedAfterSeconds: DEAD_JOB_RETENTION_DAYS * 24 * 60 * 60,
    });
    boss.on("error", (error) => console.error("job queue (pg-boss):", error));
    await boss.start();
    for (const definition of this.definitions.values()) {
      const queue = {
        name: definition.name,
        policy: "stately" as const,
        retryLimit: definition.retryLimit ?? DEFAULT_RETRY_LIMIT,
        retryDelay: Math.max(1, Math.round(this.options.retryDelaySeconds ?? definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS)),
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_IN_SECONDS,
      };
      // createQueue does nothing when the queue exists; updateQueue brings its options up to date.
      if (await boss.getQueue(definition.name)) await boss.updateQueue(definition.name, queue);
      else await boss.createQueue(definition.name, queue).catch(async () => boss.updateQueue(definition.name, queue));
      if (this.options.work === false) continue;
      await boss.work(
        definition.name,
        { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, batchSize: 1, includeMetadata: true },
        async ([job]) => {
          await definition.run((job.data ?? {}) as never, { jobId: job.id, attempt: job.retryCount + 1 });
        },
      );
    }
    this.boss = boss;
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  async send(name: string, data: Record<string, unknown> = {}, options: SendOptions = {}): Promise<string | null> {
    const definition = this.definition(name);
    const id = await this.requireBoss().send(name, data, {
      singletonKey: keyOf(definition, data, options),
      ...(options.slotSeconds ? { singletonSeconds: options.slotSeconds } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
    return id ?? null;
  }

  private async sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.requireBoss().getDb().executeSql(text, values)).rows as T[];
  }

  async deadJobs({ shop, limit = 100 }: { shop?: string; limit?: number } = {}): Promise<DeadJob[]> {
    const rows = await this.sql<{ id: string; name: string; singleton_key: string | null; data: unknown; retry_count: number; output: unknown; completed_on: Date | null }>(
      `SELECT id, name, singleton_key, data, retry_count, output, completed_on FROM ${this.schema}.job
        WHERE state = 'failed' AND name = ANY($1::text[]) AND ($3::text IS NULL OR data->>'shop' = $3)
        ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
      [[...this.definitions.keys()], limit, shop ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      key: row.singleton_key,
      data: row.data,
      attempts: row.retry_count + 1,
      lastError: outputMessage(row.output),
      failedAt: row.completed_on,
    }));
  }

  async retryDead(id: string, { shop }: { shop?: string } = {}): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
    const [row] = await this.sql<{ name: string }>(
      `SELECT name FROM ${this.schema}.job WHERE id = $1 AND state = 'failed' AND ($2::text IS NULL OR data->>'shop' = $2)`,
      [id, shop ?? null],
    );
    if (!row) return false;
    try {
      // Typed as void; pg-boss 10 answers { affected } like its other commands.
      const result = (await this.requireBoss().retry(row.name, id)) as unknown as { affected?: number } | undefined;
      return (result?.affected ?? 0) > 0;
    } catch {
      // The stately index refused it: an equal job is already waiting to be retried.
      return false;
    }
  }

  async counts(): Promise<JobCounts> {
    const rows = await this.sql<{ state: string; count: string }>(
      `SELECT state, count(*) AS count FROM ${this.schema}.job WHERE name = ANY($1::text[]) AND state IN ('created', 'retry', 'active', 'failed') GROUP BY state`,
      [[...this.definitions.keys()]],
    );
    const of = (...states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((sum, r) => sum + Number(r.count), 0);
    return { waiting: of("created", "retry"), running: of("active"), dead: of("failed") };
  }
}

/** pg-boss stores a thrown error as its serialised fields. */
function outputMessage(output: unknown): string {
  if (output && typeof output === "object") {
    const o = output as { message?: unknown; value?: { message?: unknown } };
    if (typeof o.message === "string") return o.message;
    if (o.value && typeof o.value.message === "string") return o.value.message;
    return JSON.stringify(output).slice(0, 2000);
  }
  return output == null ? "" : String(output);
}
