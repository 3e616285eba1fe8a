/**
 * Analytics reads on SQLite in a small pool of worker threads, each with its own read-only
 * better-sqlite3 connection per database file.
 *
 * Why: better-sqlite3 is synchronous. On the main thread each grouping of a large shop
 * (10–60 ms at 100,000 returns) blocks the event loop — webhooks, the storefront and every
 * other request wait — and the page's dozen independent groupings run one after another on
 * one core. In workers they run side by side (WAL: readers block neither the writer nor each
 * other, and each statement sees the last commit) while the event loop stays free.
 *
 * The worker is plain CommonJS evaluated from a string, so it needs no separate file in the
 * bundled server; it loads the same better-sqlite3 the app resolved. Workers are unref'd
 * while idle (they never keep a process alive) and replaced if one dies.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { env } from "~/env.server";

/** Readers in the pool: ANALYTICS_SQLITE_READERS, default one per core (at most 4). */
const poolSize = () => env().ANALYTICS_SQLITE_READERS ?? Math.min(4, availableParallelism());

/** Open files per worker; tests make many throwaway databases, a shop has one. */
const OPEN_FILES = 8;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const open = new Map();
function connection(file) {
  let db = open.get(file);
  if (db && db.open) return db;
  db = new Database(file, { readonly: true, fileMustExist: true });
  open.set(file, db);
  if (open.size > ${OPEN_FILES}) {
    const [oldest, conn] = open.entries().next().value;
    open.delete(oldest);
    conn.close();
  }
  return db;
}
parentPort.on("message", ({ file, sql, params }) => {
  try {
    parentPort.postMessage({ rows: connection(file).prepare(sql).all(...params) });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

interface Job {
  file: string;
  sql: string;
  params: readonly unknown[];
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

/** A worker runs one statement at a time; `job` is the one it is running. */
interface Reader {
  worker: Worker;
  job: Job | null;
}

const readers: Reader[] = [];
/** Statements waiting for a free reader, first come first served. */
const queue: Job[] = [];
/** The better-sqlite3 the app resolved, for workers evaluated from a string. */
export const sqliteDriver = createRequire(import.meta.url).resolve("better-sqlite3");

function spawn(): Reader {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: sqliteDriver } });
  const reader: Reader = { worker, job: null };
  const fail = (error: Error) => {
    const index = readers.indexOf(reader);
    if (index < 0) return;
    readers.splice(index, 1);
    reader.job?.reject(error);
    reader.job = null;
    dispatch();
  };
  worker.on("message", (m: { rows?: unknown[]; error?: string }) => {
    const job = reader.job;
    reader.job = null;
    if (m.error !== undefined) job?.reject(new Error(m.error));
    else job?.resolve(m.rows ?? []);
    dispatch();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`analytics reader exited with code ${code}`)));
  worker.unref();
  readers.push(reader);
  return reader;
}

/** Hands waiting statements to free readers (a new one while the pool is not full). */
function dispatch() {
  while (queue.length > 0) {
    const reader =
      readers.find((r) => r.job === null) ?? (readers.length < poolSize() ? spawn() : null);
    if (!reader) return;
    const job = queue.shift()!;
    reader.job = job;
    reader.worker.ref();
    reader.worker.postMessage({ file: job.file, sql: job.sql, params: job.params });
  }
  for (const r of readers) if (r.job === null) r.worker.unref();
}

/**
 * Runs one read-only statement on the database file in a worker; rows as better-sqlite3
 * gives them. Statements run in the order they are asked for, as many at a time as there
 * are readers: ask for the longest first.
 */
export function sqliteRead<T>(file: string, sql: string, params: readonly unknown[]): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    queue.push({ file, sql, params, resolve: resolve as (rows: unknown[]) => void, reject });
    dispatch();
  });
}
