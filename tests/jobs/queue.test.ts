/**
 * The job queue's promises on both databases: SQLite runs the BackgroundJob table queue,
 * PostgreSQL runs pg-boss. GIVEN test jobs that fail on purpose or run slowly, WHEN the
 * queue runs them, THEN failures are retried with growing delays, a job out of tries is
 * dead (listed with its last error, for its shop only) until retried, one copy per key
 * runs at a time, and a scheduled job is kept once per time slot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobQueue } from "~/jobs/runtime.server";
import { defineJob, type JobDefinition, type JobQueue } from "~/jobs/types";
import { createTestDb, providers, type TestDb } from "../support/test-db";

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(providers)("job queue on %s", (provider) => {
  let testDb: TestDb;
  let queue: JobQueue;
  const runs: Record<string, number[]> = {};
  const spans: Array<{ id: string; start: number; end: number }> = [];
  const record = (name: string) => (runs[name] ??= []).push(Date.now());

  const jobs: JobDefinition[] = [
    defineJob({
      name: "flaky",
      retryLimit: 3,
      retryDelaySeconds: 1,
      async run() {
        record("flaky");
        if (runs.flaky.length < 3) throw new Error(`flaky failure ${runs.flaky.length}`);
      },
    }),
    defineJob<{ shop: string }>({
      name: "doomed",
      key: (d) => d.shop,
      retryLimit: 1,
      retryDelaySeconds: 1,
      async run({ shop }) {
        record(`doomed:${shop}`);
        throw new Error(`Shopify refused ${shop}`);
      },
    }),
    defineJob<{ key: string; id: string }>({
      name: "slow",
      key: (d) => d.key,
      async run({ id }) {
        const start = Date.now();
        await sleep(700);
        spans.push({ id, start, end: Date.now() });
      },
    }),
    defineJob({ name: "ticking", everySeconds: 3600, async run() { record("ticking"); } }),
  ] as JobDefinition[];

  beforeAll(async () => {
    testDb = await createTestDb(provider);
    // Short waits for tests: pg-boss polls every 0.5 s (its minimum) and counts retry delays
    // in whole seconds (1 s → 1–2 s, then 2–4 s); the table queue scales its delays down.
    queue = createJobQueue(testDb.url, testDb.db, jobs, {
      pgBoss: { pollingIntervalSeconds: 0.5 },
      database: { pollIntervalMs: 100, retryDelayScale: 0.5, concurrency: 4, random: () => 0 },
    });
    await queue.start();
  });

  afterAll(async () => {
    await queue?.stop();
    await testDb?.drop();
  });

  it("retries a failing job with exponential backoff until it succeeds", async () => {
    await queue.send("flaky");
    await until(() => (runs.flaky?.length ?? 0) >= 3);
    await sleep(300);
    const [first, second, third] = runs.flaky;
    expect(runs.flaky).toHaveLength(3);
    const gap1 = second - first;
    const gap2 = third - second;
    // Exponential backoff: the second wait is at least twice the first's lower bound
    // (table queue: jitter fixed at its minimum, 250 ms then 500 ms; pg-boss: 1–2 s, then 2–4 s).
    const base = provider === "sqlite" ? 250 : 1000;
    expect(gap1).toBeGreaterThanOrEqual(base - 30);
    expect(gap2).toBeGreaterThanOrEqual(2 * base - 30);
    expect(await queue.deadJobs()).toHaveLength(0);
  });

  it("a job out of tries is dead: listed with its last error for its own shop, and retried on request", async () => {
    await queue.send("doomed", { shop: "a.myshopify.com" });
    await queue.send("doomed", { shop: "b.myshopify.com" });
    await until(async () => (await queue.deadJobs()).length === 2);
    expect(runs["doomed:a.myshopify.com"]).toHaveLength(2); // first run + retryLimit 1
    const deadA = await queue.deadJobs({ shop: "a.myshopify.com" });
    expect(deadA).toHaveLength(1);
    expect(deadA[0]).toMatchObject({ name: "doomed", key: "a.myshopify.com", attempts: 2, lastError: "Shopify refused a.myshopify.com" });
    expect((await queue.counts()).dead).toBe(2);

    // Another shop's staff cannot retry it.
    expect(await queue.retryDead(deadA[0].id, { shop: "b.myshopify.com" })).toBe(false);
    expect(await queue.retryDead(deadA[0].id, { shop: "a.myshopify.com" })).toBe(true);
    expect(await queue.retryDead(deadA[0].id, { shop: "a.myshopify.com" })).toBe(false); // not dead any more
    await until(() => runs["doomed:a.myshopify.com"].length === 3);
    await until(async () => (await queue.deadJobs({ shop: "a.myshopify.com" })).length === 1);
    expect(runs["doomed:b.myshopify.com"]).toHaveLength(2);
  });

  it("runs one copy per key at a time; an equal job waits, a third is not queued twice", async () => {
    expect(await queue.send("slow", { key: "k", id: "one" })).not.toBeNull();
    await until(async () => (await queue.counts()).running === 1);
    expect(await queue.send("slow", { key: "k", id: "two" })).not.toBeNull();
    // One waiting copy per key is enough: a third equal job is refused while "two" waits.
    expect(await queue.send("slow", { key: "k", id: "three" })).toBeNull();
    await until(() => spans.length === 2);
    const one = spans.find((s) => s.id === "one")!;
    const two = spans.find((s) => s.id === "two")!;
    expect(two.start).toBeGreaterThanOrEqual(one.end);
  });

  it("keeps a scheduled job once per slot, however often it is sent", async () => {
    const first = await queue.send("ticking", {}, { slotSeconds: 3600 });
    await until(() => (runs.ticking?.length ?? 0) === 1);
    const again = await Promise.all([1, 2, 3].map(() => queue.send("ticking", {}, { slotSeconds: 3600 })));
    expect(first).not.toBeNull();
    expect(again).toEqual([null, null, null]);
    await sleep(600);
    expect(runs.ticking).toHaveLength(1);
  });
});
