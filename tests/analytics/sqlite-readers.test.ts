/**
 * The SQLite reader threads of the analytics page (app/services/analytics/sqlite-readers.server.ts):
 * statements run off the event loop, read-only, see every commit, and report SQL errors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteRead } from "~/services/analytics/sqlite-readers.server";
import { sqliteStream } from "~/services/analytics/sqlite-stream.server";

describe("analytics reader threads (SQLite)", () => {
  let dir: string;
  let file: string;
  let writer: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "readers-"));
    file = join(dir, "readers.sqlite");
    writer = new Database(file);
    writer.pragma("journal_mode = WAL");
    writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    writer.prepare("INSERT INTO t (name) VALUES (?)").run("first");
  });
  afterAll(() => {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("GIVEN a statement WHEN it runs THEN the rows come back as the driver gives them, parameters bound", async () => {
    expect(await sqliteRead(file, "SELECT id, name FROM t WHERE name = ?", ["first"])).toEqual([
      { id: 1, name: "first" },
    ]);
  });

  it("GIVEN a commit on another connection WHEN the next statement runs THEN it sees the commit", async () => {
    writer.prepare("INSERT INTO t (name) VALUES (?)").run("second");
    const rows = await sqliteRead<{ n: number }>(file, "SELECT COUNT(*) AS n FROM t", []);
    expect(rows[0].n).toBe(2);
  });

  it("GIVEN a long statement WHEN it runs THEN the event loop keeps serving (a timer fires before it answers)", async () => {
    const order: string[] = [];
    // A few hundred ms of work inside SQLite; on the main thread nothing else could run meanwhile.
    const long = sqliteRead(
      file,
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT SUM(x) AS s FROM c",
      [],
    ).then(() => order.push("statement"));
    await new Promise((resolve) => setTimeout(resolve, 1));
    order.push("timer");
    await long;
    expect(order).toEqual(["timer", "statement"]);
  });

  it("GIVEN statements started together WHEN they run THEN each answers its own caller", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => sqliteRead<{ v: number }>(file, "SELECT ? AS v", [i])),
    );
    expect(answers.map((rows) => rows[0].v)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("GIVEN bad SQL or a write WHEN it runs THEN the caller gets the database's error, and the next statement still works", async () => {
    await expect(sqliteRead(file, "SELECT * FROM missing", [])).rejects.toThrow(
      /no such table: missing/,
    );
    await expect(
      sqliteRead(file, "INSERT INTO t (name) VALUES ('x') RETURNING id", []),
    ).rejects.toThrow(/readonly/);
    expect(await sqliteRead(file, "SELECT COUNT(*) AS n FROM t", [])).toEqual([{ n: 2 }]);
  });

  it("GIVEN a long result WHEN streamed THEN it arrives in batches of rows as arrays, in order, all of it", async () => {
    const batches: unknown[][][] = [];
    for await (const rows of sqliteStream(
      file,
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT x, 'n' || x FROM c",
      [2500],
      1000,
    ))
      batches.push(rows);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat().map((r) => r[0])).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(batches[0][0]).toEqual([1, "n1"]);
  });

  it("GIVEN a stream WHEN the consumer stops early or the SQL is wrong THEN the generator ends or throws the database's error", async () => {
    for await (const rows of sqliteStream(
      file,
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT x FROM c",
      [],
      100,
    )) {
      expect(rows).toHaveLength(100);
      break; // the worker is ended in the generator's finally
    }
    await expect(async () => {
      for await (const rows of sqliteStream(file, "SELECT * FROM missing", []))
        expect(rows).toBeDefined();
    }).rejects.toThrow(/no such table: missing/);
  });
});
