/**
 * One long read-only SQLite statement streamed from a worker thread in batches of rows
 * (arrays, in the statement's column order): the returns export. The worker steps the
 * statement (one read snapshot, WAL: the app's writer is never blocked) and reads the next
 * batch while this thread turns the previous one into CSV; at most two batches are ahead
 * of the consumer, so memory stays flat. Stopping early (a client that went away) ends the
 * worker and closes its connection.
 */
import { Worker } from "node:worker_threads";
import { sqliteDriver } from "./sqlite-readers.server";

/** Batches the worker may read ahead of the consumer. */
const AHEAD = 2;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const fail = (error) => parentPort.postMessage({ error: String((error && error.message) || error) });
let db, rows;
let credit = ${AHEAD};
let finished = false;
function pump() {
  if (!rows) {
    db = new Database(workerData.file, { readonly: true, fileMustExist: true });
    rows = db.prepare(workerData.sql).raw().iterate(...workerData.params);
  }
  while (credit > 0 && !finished) {
    const batch = [];
    for (let next = rows.next(); ; next = rows.next()) {
      if (next.done) { finished = true; break; }
      batch.push(next.value);
      if (batch.length >= workerData.batch) break;
    }
    credit -= 1;
    parentPort.postMessage({ rows: batch, done: finished });
  }
  if (finished) db.close();
}
const safely = () => { try { pump(); } catch (error) { finished = true; fail(error); } };
parentPort.on("message", () => { credit += 1; safely(); });
safely();
`;

type Message = { rows?: unknown[][]; done?: boolean; error?: string };

export async function* sqliteStream(
  file: string,
  sql: string,
  params: readonly unknown[],
  batch = 2000,
): AsyncGenerator<unknown[][]> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: sqliteDriver, file, sql, params, batch },
  });
  const inbox: Message[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (m: Message) => {
    inbox.push(m);
    notify();
  });
  worker.on("error", (error) => {
    failure = error;
    notify();
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`export reader exited with code ${code}`);
    notify();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift();
      if (!message) throw failure ?? new Error("export reader stopped");
      if (message.error !== undefined) throw new Error(message.error);
      if (!message.done) worker.postMessage("more");
      yield message.rows ?? [];
      if (message.done) return;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
