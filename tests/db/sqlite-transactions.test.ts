/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE, app/db.server.ts).
 * With a deferred BEGIN, a transaction that reads and then writes (storePolicy, and most
 * services) fails with "database is locked" (SQLITE_BUSY_SNAPSHOT) whenever another
 * connection — the job worker's process, a script — commits between its read and its write;
 * the busy timeout does not help there. With BEGIN IMMEDIATE the other writer waits instead.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETURN_POLICY } from "~/domain";
import { savePolicy } from "~/services/policy.server";
import { createTestDb, type TestDb } from "../support/test-db";

describe("SQLite: read-then-write transactions and a second writer", () => {
  let t: TestDb;
  let shopId = "";
  beforeAll(async () => {
    t = await createTestDb("sqlite");
    shopId = (await t.db.shop.create({ data: { domain: "lock.myshopify.com" } })).id;
    await savePolicy(t.db, shopId, DEFAULT_RETURN_POLICY);
  });
  afterAll(() => t.drop());

  it("GIVEN a transaction that has read WHEN another connection tries to write before it writes THEN that writer waits (busy) and the transaction's own write succeeds", async () => {
    const other = new Database(t.url.slice("file:".length), { timeout: 0 });
    try {
      let otherWrite: unknown = null;
      await t.db.$transaction(async (tx) => {
        const row = await tx.returnPolicy.findUniqueOrThrow({ where: { shopId } });
        try {
          other.prepare("UPDATE Shop SET name = name WHERE id = ?").run(shopId);
        } catch (error) {
          otherWrite = error;
        }
        await tx.returnPolicy.updateMany({ where: { shopId, version: row.version }, data: { version: row.version + 1 } });
      });
      expect((otherWrite as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
      // Once the transaction has committed, the other connection writes normally.
      expect(other.prepare("UPDATE Shop SET name = name WHERE id = ?").run(shopId).changes).toBe(1);
    } finally {
      other.close();
    }
  });
});
