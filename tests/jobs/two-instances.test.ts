/**
 * Two app instances (two real processes) share one PostgreSQL database through the app's
 * pg-boss queue. GIVEN both running the queue and the scheduler, WHEN jobs are sent (and
 * each instance schedules a job every 2 s), THEN each job runs exactly once, a scheduled
 * job runs once per period (not once per instance), and jobs with one key never run at
 * the same time, even on different instances.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { PgBossJobQueue } from "~/jobs/pg-boss-queue.server";
import { defineJob, type JobDefinition } from "~/jobs/types";
import { createTestDb, TEST_POSTGRES_URL, type TestDb } from "../support/test-db";

const root = new URL("../../", import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startInstance(url: string): Promise<ChildProcess> {
  const child = spawn(`${root}node_modules/.bin/tsx`, ["tests/jobs/support/instance.ts", url], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start: ${err}`)), 60_000);
    child.stdout!.on("data", (d) => {
      if (String(d).includes("ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", (code) => reject(new Error(`instance exited (${code}): ${err}`)));
  });
}

function stopInstance(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

describe.skipIf(!TEST_POSTGRES_URL)("two app instances on one PostgreSQL database", () => {
  let testDb: TestDb;
  let sql: pg.Pool;
  let sender: PgBossJobQueue;
  let instances: ChildProcess[] = [];

  // The sender only sends (no workers); the job names match the instances' test jobs.
  const names: JobDefinition[] = [
    defineJob<{ n: number }>({ name: "each", key: (d) => `each-${d.n}`, run: async () => {} }),
    defineJob({ name: "exclusive", key: () => "the-key", run: async () => {} }),
    defineJob({ name: "tick", everySeconds: 2, run: async () => {} }),
  ] as JobDefinition[];

  beforeAll(async () => {
    testDb = await createTestDb("postgresql");
    sql = new pg.Pool({ connectionString: testDb.url, max: 2 });
    await sql.query("CREATE TABLE job_runs (kind text, job_id uuid, key text, pid int, started_at timestamptz, ended_at timestamptz)");
    sender = new PgBossJobQueue(testDb.url, names, { work: false, max: 2 });
    await sender.start(); // creates the pg-boss schema and queues before the instances race for it
    instances = await Promise.all([startInstance(testDb.url), startInstance(testDb.url)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await sender?.stop();
    await sql?.end();
    await testDb?.drop();
  }, 60_000);

  it("runs each job once, a scheduled job once per period, and one copy per key at a time", async () => {
    const t0 = Date.now();
    // 60 distinct jobs, sent while both instances poll.
    for (let n = 0; n < 60; n++) await sender.send("each", { n });
    // The same key sent again and again: one runs, one waits, the rest are refused.
    const exclusiveSent: string[] = [];
    for (let i = 0; i < 16; i++) {
      const id = await sender.send("exclusive", { n: i });
      if (id) exclusiveSent.push(id);
      await sleep(120);
    }
    // Let the last ones finish and a few schedule periods pass.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await sql.query<{ n: string }>("SELECT count(*) AS n FROM job_runs WHERE kind = 'each'");
      const exclusiveRuns = await sql.query<{ n: string }>("SELECT count(*) AS n FROM job_runs WHERE kind = 'exclusive'");
      if ((Number(rows[0].n) >= 60 && Number(exclusiveRuns.rows[0].n) >= exclusiveSent.length) || Date.now() > deadline) break;
      await sleep(200);
    }
    await sleep(Math.max(0, 5_000 - (Date.now() - t0)));

    // Each job exactly once, and both instances took part.
    const each = await sql.query<{ job_id: string; runs: string }>("SELECT job_id, count(*) AS runs FROM job_runs WHERE kind = 'each' GROUP BY job_id");
    expect(each.rows).toHaveLength(60);
    expect(each.rows.filter((r) => Number(r.runs) !== 1)).toEqual([]);
    const pids = await sql.query<{ pid: number }>("SELECT DISTINCT pid FROM job_runs");
    expect(pids.rows.length).toBe(2);

    // One copy of the key at a time: no two runs overlap, whichever instance ran them.
    const exclusive = await sql.query<{ job_id: string; pid: number; started_at: Date; ended_at: Date }>(
      "SELECT job_id, pid, started_at, ended_at FROM job_runs WHERE kind = 'exclusive' ORDER BY started_at",
    );
    expect(exclusive.rows.length).toBe(exclusiveSent.length);
    expect(exclusive.rows.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < exclusive.rows.length; i++) {
      expect(exclusive.rows[i].started_at.getTime()).toBeGreaterThanOrEqual(exclusive.rows[i - 1].ended_at.getTime());
    }

    // The scheduled job: both instances offer it every 200 ms; it ran once per 2-s slot.
    const ticks = await sql.query<{ slot: Date; runs: string }>(
      `SELECT j.singleton_on AS slot, count(r.job_id) AS runs FROM pgboss.job j JOIN job_runs r ON r.job_id = j.id
        WHERE j.name = 'tick' GROUP BY j.singleton_on`,
    );
    const seconds = (Date.now() - t0) / 1000;
    expect(ticks.rows.length).toBeGreaterThanOrEqual(2);
    expect(ticks.rows.length).toBeLessThanOrEqual(Math.ceil(seconds / 2) + 1);
    expect(ticks.rows.filter((r) => Number(r.runs) !== 1)).toEqual([]);
  }, 90_000);
});
