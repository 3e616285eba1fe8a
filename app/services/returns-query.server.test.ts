/**
 * The inbox and detail queries on SQLite and (with TEST_POSTGRES_URL) PostgreSQL: tabs,
 * search by each key, keyset pagination that returns every row exactly once in both
 * directions, capped counts, and that nothing of another shop is ever visible.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { ReturnStatus } from "~/domain";
import type { AdminClient } from "~/shopify/client.server";
import { createTestDb, providers, type TestDb } from "../../tests/support/test-db";
import { ReturnsError, type ReturnsContext } from "./context.server";
import {
  COUNT_CAP,
  INBOX_TABS,
  SEARCH_NARROW_LIMIT,
  TAB_STATUSES,
  countReturnsByTab,
  decodeCursor,
  encodeCursor,
  getReturnDetail,
  listReturns,
  loadInbox,
  parseInboxSearch,
  type InboxQuery,
  type InboxRow,
} from "./returns-query.server";

const T0 = Date.parse("2026-03-01T12:00:00.000Z");
const STATUSES = ["REQUESTED", "APPROVED", "IN_TRANSIT", "RECEIVED", "INSPECTED", "PROCESSED", "CLOSED", "DECLINED", "CANCELED"];

interface Seeded {
  id: string;
  rmaNumber: string;
  status: string;
  orderName: string;
  customerEmail: string | null;
  needsAttention: boolean;
  createdAt: Date;
}

let token = 0;

/** Creates a return with lines; `minute` sets createdAt (equal minutes make ties). */
async function seedReturn(
  db: Db,
  shopId: string,
  n: number,
  overrides: Partial<{ status: string; orderName: string; customerEmail: string | null; needsAttention: boolean; minute: number; lines: { quantity: number; resolution: string }[] }> = {},
): Promise<Seeded> {
  const createdAt = new Date(T0 + (overrides.minute ?? n) * 60_000);
  const row = await db.returnRequest.create({
    data: {
      shopId,
      rmaNumber: `R-${String(n).padStart(4, "0")}`,
      status: overrides.status ?? STATUSES[n % STATUSES.length],
      orderId: `gid://shopify/Order/${n}`,
      orderName: overrides.orderName ?? `#${1000 + n}`,
      customerEmail: overrides.customerEmail === undefined ? `shopper${n}@example.com` : overrides.customerEmail,
      customerName: `Shopper ${n}`,
      method: "DROP_OFF",
      currency: "SEK",
      refundAmount: 10000 + n,
      storeCreditAmount: 500,
      exchangeAmount: 0,
      needsAttention: overrides.needsAttention ?? false,
      attentionReason: overrides.needsAttention ? "Shopify did not confirm the refund." : null,
      statusToken: `token-${++token}`,
      requestedAt: createdAt,
      createdAt,
      lines: {
        create: (overrides.lines ?? [{ quantity: 2, resolution: "REFUND" }]).map((l, i) => ({
          shopId,
          fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${n}${i}`,
          title: `Item ${i}`,
          quantity: l.quantity,
          unitPrice: 5000,
          resolution: l.resolution,
        })),
      },
    },
  });
  return { id: row.id, rmaNumber: row.rmaNumber, status: row.status, orderName: row.orderName, customerEmail: row.customerEmail, needsAttention: row.needsAttention, createdAt: row.createdAt };
}

/** The order the inbox must show: createdAt desc, then id desc. */
function newestFirst(rows: Seeded[]): string[] {
  return [...rows]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => r.id);
}

/** Follows `nextCursor` from the first page to the end; returns the ids in the order seen. */
async function walkForward(db: Db, shop: { id: string; rmaPrefix: string }, query: Omit<InboxQuery, "after" | "before">) {
  const ids: string[] = [];
  const pages: InboxRow[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listReturns(db, shop, { ...query, after });
    pages.push(page.rows);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return { ids, pages, last: page };
    after = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

/** From the last page, follows `previousCursor` back to the first page. */
async function walkBackward(db: Db, shop: { id: string; rmaPrefix: string }, query: Omit<InboxQuery, "after" | "before">, lastPageFirstCursor: string | null) {
  const ids: string[] = [];
  let before = lastPageFirstCursor;
  for (let guard = 0; guard < 1000 && before; guard++) {
    const page = await listReturns(db, shop, { ...query, before });
    ids.unshift(...page.rows.map((r) => r.id));
    before = page.previousCursor;
  }
  return ids;
}

describe("parseInboxSearch", () => {
  it("reads an RMA in any spelling as that exact RMA", () => {
    // GIVEN the shop's prefix R; WHEN a merchant types an RMA loosely
    for (const typed of ["R-1042", "r1042", " R 1042 ", "#R-1042"]) {
      // THEN it is one exact RMA lookup and not an e-mail prefix
      expect(parseInboxSearch(typed, "R")).toMatchObject({ rmaNumbers: ["R-1042"], emailPrefix: null });
    }
  });

  it("reads a number as an order name with and without # and as an RMA", () => {
    expect(parseInboxSearch("1001", "R")).toEqual({ term: "1001", rmaNumbers: ["R-1001"], orderNames: ["#1001", "1001"], emailPrefix: null });
    expect(parseInboxSearch("#1001", "R")).toMatchObject({ orderNames: ["#1001", "1001"] });
  });

  it("reads an address as a lower-cased e-mail prefix only", () => {
    expect(parseInboxSearch("Anna@Example.COM", "R")).toEqual({ term: "Anna@Example.COM", rmaNumbers: [], orderNames: [], emailPrefix: "anna@example.com" });
  });

  it("reads other text as an order name, or the start of an e-mail", () => {
    expect(parseInboxSearch("anna", "R")).toEqual({ term: "anna", rmaNumbers: [], orderNames: ["anna", "#anna"], emailPrefix: "anna" });
    // An RMA of an earlier prefix is still found; text that only looks like one may also be an e-mail.
    expect(parseInboxSearch("RET-7", "R")?.rmaNumbers).toEqual(["RET-0007"]);
    expect(parseInboxSearch("anna1", "R")).toMatchObject({ rmaNumbers: ["ANNA-0001"], emailPrefix: "anna1" });
  });

  it("ignores an empty search", () => {
    expect(parseInboxSearch("   ", "R")).toBeNull();
    expect(parseInboxSearch(null, "R")).toBeNull();
  });
});

describe("cursors", () => {
  it("round-trip and refuse anything else", () => {
    const c = { createdAt: new Date("2026-03-01T12:00:00.123Z"), id: "cm123abc" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ["", "abc", "123", "12.", ".abc", "1.a b", "1.a'--", `${"9".repeat(16)}.x`]) expect(decodeCursor(bad)).toBeNull();
  });
});

describe.each(providers)("inbox queries on %s", (provider) => {
  let t: TestDb;
  let db: Db;
  let shopA: { id: string; rmaPrefix: string };
  let shopB: { id: string; rmaPrefix: string };
  const a: Seeded[] = [];
  const b: Seeded[] = [];

  beforeAll(async () => {
    t = await createTestDb(provider);
    db = t.db;
    const sa = await db.shop.create({ data: { domain: "a.myshopify.com" } });
    const sb = await db.shop.create({ data: { domain: "b.myshopify.com" } });
    shopA = { id: sa.id, rmaPrefix: sa.rmaPrefix };
    shopB = { id: sb.id, rmaPrefix: sb.rmaPrefix };
    // GIVEN shop A with 60 returns over all statuses, many created in the same minute (ties
    // broken by id), and shop B with the SAME RMA numbers, order names and e-mails.
    for (let n = 1; n <= 60; n++) {
      const minute = Math.floor(n / 4);
      a.push(
        await seedReturn(db, shopA.id, n, {
          minute,
          needsAttention: n % 11 === 0,
          lines: n % 5 === 0 ? [{ quantity: 1, resolution: "EXCHANGE" }, { quantity: 3, resolution: "REFUND" }] : undefined,
        }),
      );
      if (n <= 30) b.push(await seedReturn(db, shopB.id, n, { minute, needsAttention: true }));
    }
    a.push(await seedReturn(db, shopA.id, 61, { customerEmail: null, orderName: "NL-2001" }));
    a.push(await seedReturn(db, shopA.id, 62, { customerEmail: "anna.berg@example.se" }));
  });

  afterAll(async () => {
    await t?.drop();
  });

  it("lists the shop's returns newest first, with items, resolutions and value", async () => {
    const page = await listReturns(db, shopA, { tab: "all", limit: 10 });
    expect(page.rows.map((r) => r.id)).toEqual(newestFirst(a).slice(0, 10));
    expect(page.previousCursor).toBeNull();
    expect(page.nextCursor).not.toBeNull();
    const five = (await listReturns(db, shopA, { tab: "all", search: "R-0005" })).rows[0];
    expect(five).toMatchObject({ rmaNumber: "R-0005", itemCount: 4, resolutions: ["REFUND", "EXCHANGE"], amount: 10005 + 500, currency: "SEK" });
  });

  it("pages through every return exactly once, forward and back", async () => {
    for (const limit of [1, 7, 50]) {
      const forward = await walkForward(db, shopA, { tab: "all", limit });
      expect(forward.ids).toEqual(newestFirst(a));
      expect(new Set(forward.ids).size).toBe(a.length);
      expect(forward.pages.every((p) => p.length <= limit)).toBe(true);
      // Back from the last page, page by page, to the first.
      const backward = await walkBackward(db, shopA, { tab: "all", limit }, forward.last.previousCursor);
      expect([...backward, ...forward.last.rows.map((r) => r.id)]).toEqual(newestFirst(a));
    }
  });

  it.each(INBOX_TABS.filter((tab) => tab !== "all"))("tab %s shows exactly its returns, each once", async (tab) => {
    const statuses = TAB_STATUSES[tab];
    const expected = a.filter((r) => (tab === "attention" ? r.needsAttention : statuses!.includes(r.status as ReturnStatus)));
    expect(expected.length).toBeGreaterThan(0);
    const { ids } = await walkForward(db, shopA, { tab, limit: 3 });
    expect(ids).toEqual(newestFirst(expected));
  });

  it("finds a return by RMA, by order name with or without #, and by e-mail", async () => {
    const find = async (search: string, tab: InboxQuery["tab"] = "all") => (await listReturns(db, shopA, { tab, search })).rows.map((r) => r.rmaNumber);
    expect(await find("R-0012")).toEqual(["R-0012"]);
    expect(await find("r12")).toEqual(["R-0012"]);
    expect(await find("#1012")).toEqual(["R-0012"]);
    // "1001" is order #1001 (R-0001) or RMA R-1001 (none): only the order matches.
    expect(await find("1001")).toEqual(["R-0001"]);
    expect(await find("NL-2001")).toEqual(["R-0061"]);
    expect(await find("shopper12@example.com")).toEqual(["R-0012"]);
    expect(await find("SHOPPER12@Example.com")).toEqual(["R-0012"]);
    // Prefix: shopper1, shopper10…19 → 11 returns, newest first.
    expect(await find("shopper1")).toEqual(newestFirst(a.filter((r) => r.customerEmail?.startsWith("shopper1"))).map((id) => a.find((r) => r.id === id)!.rmaNumber));
    expect(await find("anna.b")).toEqual(["R-0062"]);
    expect(await find("nobody@example.com")).toEqual([]);
    // Search within a tab.
    const r12 = a.find((r) => r.rmaNumber === "R-0012")!;
    const otherTab = INBOX_TABS.find((tab) => tab !== "all" && tab !== "attention" && !TAB_STATUSES[tab]!.includes(r12.status as ReturnStatus))!;
    expect(await find("R-0012", otherTab)).toEqual([]);
  });

  it("never shows, counts or opens another shop's returns", async () => {
    // Shop B has R-0012, #1012 and shopper12@… too; shop A's searches see only A's.
    const ids = new Set(a.map((r) => r.id));
    for (const search of ["R-0012", "1012", "shopper12@example.com", "shopper", null]) {
      const { ids: seen } = await walkForward(db, shopA, { tab: "all", search, limit: 20 });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((id) => ids.has(id))).toBe(true);
    }
    const attention = await walkForward(db, shopA, { tab: "attention", limit: 50 });
    expect(attention.ids).toEqual(newestFirst(a.filter((r) => r.needsAttention)));

    const countsB = await countReturnsByTab(db, shopB.id);
    expect(countsB.all).toEqual({ count: 30, capped: false });
    expect(countsB.attention).toEqual({ count: 30, capped: false });

    const ctxB = { db, shop: { ...shopB, domain: "b.myshopify.com", timezone: null }, admin: {} as AdminClient, now: () => new Date() } satisfies ReturnsContext;
    const error = await getReturnDetail(ctxB, a[0].id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReturnsError);
    expect((error as ReturnsError).status).toBe(404);
  });

  it("counts each tab", async () => {
    const counts = await countReturnsByTab(db, shopA.id);
    for (const tab of INBOX_TABS) {
      const statuses = TAB_STATUSES[tab];
      const expected = a.filter((r) => (tab === "attention" ? r.needsAttention : !statuses || statuses.includes(r.status as ReturnStatus))).length;
      expect(counts[tab], tab).toEqual({ count: expected, capped: false });
    }
  });

  it("ignores a cursor it did not write", async () => {
    const page = await listReturns(db, shopA, { tab: "all", after: "'; DROP TABLE x; --", limit: 5 });
    expect(page.rows.map((r) => r.id)).toEqual(newestFirst(a).slice(0, 5));
  });

  it("loads the inbox by shop domain", async () => {
    const inbox = await loadInbox("a.myshopify.com", { tab: "requested" }, db);
    expect(inbox.shop.id).toBe(shopA.id);
    expect(inbox.page.rows.every((r) => r.status === "REQUESTED")).toBe(true);
    expect(inbox.counts.all.count).toBe(a.length);
  });

  it("shows a return's lines, amounts, timeline and the actions its status allows", async () => {
    const ret = a.find((r) => r.status === "REQUESTED")!;
    await db.returnEvent.create({ data: { shopId: shopA.id, returnRequestId: ret.id, type: "request", actor: "SHOPPER", createdAt: new Date(T0), data: JSON.stringify({ lines: 1 }) } });
    await db.returnEvent.create({ data: { shopId: shopA.id, returnRequestId: ret.id, type: "flagged", actor: "SYSTEM", createdAt: new Date(T0 + 1000), data: "not json" } });
    const ctxA = { db, shop: { ...shopA, domain: "a.myshopify.com", timezone: null }, admin: {} as AdminClient, now: () => new Date() } satisfies ReturnsContext;
    const detail = await getReturnDetail(ctxA, ret.id);
    expect(detail).toMatchObject({ id: ret.id, status: "REQUESTED", currency: "SEK", amounts: { storeCredit: 500 } });
    expect(detail.allowedActions).toEqual(["approve", "decline", "cancel"]);
    expect(detail.lines).toHaveLength(1);
    expect(detail.events.map((e) => [e.type, e.actor, e.data])).toEqual([
      ["request", "SHOPPER", { lines: 1 }],
      ["flagged", "SYSTEM", {}],
    ]);
    // The detail is plain data (the loader sends it as JSON).
    expect(JSON.parse(JSON.stringify(detail))).toEqual(detail);
  });
});

describe.each(providers)("large shops on %s", (provider) => {
  let t: TestDb;
  let db: Db;
  let shop: { id: string; rmaPrefix: string };
  const broad = SEARCH_NARROW_LIMIT + 40;

  beforeAll(async () => {
    t = await createTestDb(provider);
    db = t.db;
    const s = await db.shop.create({ data: { domain: "big.myshopify.com" } });
    shop = { id: s.id, rmaPrefix: s.rmaPrefix };
    // GIVEN more CLOSED returns than the count cap, and an e-mail prefix matching more
    // returns than a narrow search reads (so the page-order path runs).
    const rows = Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
      id: `big${String(i).padStart(5, "0")}`,
      shopId: s.id,
      rmaNumber: `R-${10000 + i}`,
      status: i % 3 === 0 ? "RECEIVED" : "CLOSED",
      orderId: `gid://shopify/Order/${i}`,
      orderName: `#${5000 + i}`,
      customerEmail: i < broad ? `bulk${i}@example.com` : `other${i}@example.com`,
      method: "DROP_OFF",
      currency: "EUR",
      statusToken: `big-${i}`,
      createdAt: new Date(T0 + Math.floor(i / 3) * 1000),
    }));
    await db.returnRequest.createMany({ data: rows });
  });

  afterAll(async () => {
    await t?.drop();
  });

  it("caps the tab counts", async () => {
    const counts = await countReturnsByTab(db, shop.id);
    expect(counts.all).toEqual({ count: COUNT_CAP, capped: true });
    expect(counts.received).toEqual({ count: 335, capped: false });
    expect(counts.requested).toEqual({ count: 0, capped: false });
  });

  it("pages a broad e-mail prefix exactly once, in order, also within a tab", async () => {
    const all = await db.returnRequest.findMany({ where: { shopId: shop.id }, select: { id: true, createdAt: true, status: true, customerEmail: true } });
    const expected = (filter: (r: (typeof all)[number]) => boolean) =>
      all
        .filter(filter)
        .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1))
        .map((r) => r.id);
    const bulk = await walkForward(db, shop, { tab: "all", search: "bulk", limit: 50 });
    expect(bulk.ids).toEqual(expected((r) => r.customerEmail!.startsWith("bulk")));
    expect(bulk.ids).toHaveLength(broad);
    const received = await walkForward(db, shop, { tab: "received", search: "bulk", limit: 50 });
    expect(received.ids).toEqual(expected((r) => r.customerEmail!.startsWith("bulk") && r.status === "RECEIVED"));
    // A narrow prefix (bulk1, bulk10…, bulk100…) takes the other path; same answer.
    const narrow = await walkForward(db, shop, { tab: "all", search: "bulk1", limit: 50 });
    expect(narrow.ids).toEqual(expected((r) => r.customerEmail!.startsWith("bulk1")));
  });
});
