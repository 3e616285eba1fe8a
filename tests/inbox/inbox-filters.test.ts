/**
 * Inbox filters, sorts and saved views on SQLite and (with TEST_POSTGRES_URL) PostgreSQL.
 * Every filter and sort is checked against the same rule recomputed here in JavaScript over
 * the seeded rows, walking every page forward and back (each row exactly once, in order);
 * another shop's returns never appear; bad URL parameters are ignored and named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { addBusinessDays, compareDates, localDate } from "~/domain/dates";
import { RETURN_STATUSES } from "~/domain/state-machine";
import { ReturnsError } from "~/services/context.server";
import { NO_FILTERS, normalizeFilterQuery, parseInboxParams, type InboxFilters, type InboxSort } from "~/services/inbox/inbox-filters";
import { countFilteredByTab, listFilteredReturns, slaCutoff, type FilterClock } from "~/services/inbox/filtered-list.server";
import { loadInboxList } from "~/services/inbox/inbox.server";
import { createSavedView, deleteSavedView, handleSavedViewAction, listSavedViews, renameSavedView, shareSavedView, updateSavedViewQuery } from "~/services/inbox/saved-views.server";
import { returnsCsv } from "~/services/analytics/export.server";
import type { ReturnsContext } from "~/services/context.server";
import type { AdminClient } from "~/shopify/client.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-27T10:00:00.000Z"); // a Friday
const TZ = "Europe/Stockholm";
const SLA = 3;
const CLOCK: FilterClock = { timeZone: TZ, inspectionSlaDays: SLA, now: NOW };
const DAY = 86_400_000;
const METHODS = ["DROP_OFF", "PICKUP", "IN_STORE", "KEEP_ITEM"];
const REASONS = ["too-small", "damaged", "changed-mind", null];
const RESOLUTIONS = ["REFUND", "STORE_CREDIT", "EXCHANGE"];
const LOCATIONS = ["gid://shopify/Location/1", "gid://shopify/Location/2", null];

interface Seeded {
  id: string;
  status: string;
  method: string;
  requestedAt: Date;
  receivedAt: Date | null;
  needsAttention: boolean;
  amount: number;
  orderName: string;
  rmaNumber: string;
  customerEmail: string;
  lines: { reasonHandle: string | null; resolution: string; dispositionLocationId: string | null }[];
}

let token = 0;

async function seed(db: Db, shopId: string, n: number): Promise<Seeded> {
  const status = RETURN_STATUSES[(n * 7) % RETURN_STATUSES.length];
  const method = METHODS[n % METHODS.length];
  // Some share a minute (ties), spread over ~60 days before NOW.
  const requestedAt = new Date(NOW.getTime() - Math.floor(n / 2) * 0.7 * DAY);
  // Every fifth was adopted from Shopify's admin: requested there earlier, created here later.
  const createdAt = n % 5 === 0 ? new Date(NOW.getTime() - (n % 7) * 3_600_000) : requestedAt;
  const received = ["RECEIVED", "INSPECTED", "PROCESSED", "CLOSED"].includes(status);
  const receivedAt = received ? new Date(NOW.getTime() - (n % 9) * DAY - (n % 5) * 3_600_000) : null;
  const lines = [0, 1].slice(0, 1 + (n % 2)).map((i) => ({
    reasonHandle: REASONS[(n + i) % REASONS.length],
    resolution: RESOLUTIONS[(n + 2 * i) % RESOLUTIONS.length],
    dispositionLocationId: received ? LOCATIONS[(n + i) % LOCATIONS.length] : null,
  }));
  const refund = (n * 7919) % 50000;
  const row = await db.returnRequest.create({
    data: {
      shopId,
      rmaNumber: `R-${String(1000 + n)}`,
      status,
      orderId: `gid://shopify/Order/${n}`,
      orderName: `#${2000 + (n % 40)}`,
      customerEmail: `${n % 3 === 0 ? "anna" : "bo"}${n}@example.com`,
      method,
      currency: "SEK",
      refundAmount: refund,
      storeCreditAmount: n % 4 === 0 ? 1000 : 0,
      needsAttention: n % 6 === 0,
      statusToken: `tok-${++token}`,
      requestedAt,
      createdAt,
      receivedAt,
      lines: {
        create: lines.map((l, i) => ({ shopId, fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${n}${i}`, title: `Item ${i}`, quantity: 1, unitPrice: 100, ...l })),
      },
    },
  });
  return {
    id: row.id,
    status,
    method,
    requestedAt,
    receivedAt,
    needsAttention: row.needsAttention,
    amount: row.refundAmount + row.storeCreditAmount,
    orderName: row.orderName,
    rmaNumber: row.rmaNumber,
    customerEmail: row.customerEmail!,
    lines,
  };
}

/** The rules, recomputed independently of the SQL. */
function matches(r: Seeded, f: InboxFilters): boolean {
  if (f.status.length && !f.status.includes(r.status as never)) return false;
  if (f.method.length && !f.method.includes(r.method)) return false;
  if (f.attention && !r.needsAttention) return false;
  if (f.reason.length && !r.lines.some((l) => l.reasonHandle && f.reason.includes(l.reasonHandle))) return false;
  if (f.resolution.length && !r.lines.some((l) => f.resolution.includes(l.resolution))) return false;
  if (f.location && !r.lines.some((l) => l.dispositionLocationId === f.location)) return false;
  const day = localDate(r.requestedAt, TZ);
  if (f.from && compareDates(day, f.from) < 0) return false;
  if (f.to && compareDates(day, f.to) > 0) return false;
  if (f.sla) {
    if (!["RECEIVED", "INSPECTED"].includes(r.status) || r.method === "KEEP_ITEM" || !r.receivedAt) return false;
    const deadline = addBusinessDays(localDate(r.receivedAt, TZ), SLA);
    if (compareDates(localDate(NOW, TZ), deadline) <= 0) return false;
  }
  return true;
}

const byId = (a: Seeded, b: Seeded) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const STATUS_RANK = (s: string) => RETURN_STATUSES.indexOf(s as never);
const slaKey = (r: Seeded) => (["RECEIVED", "INSPECTED"].includes(r.status) && r.method !== "KEEP_ITEM" && r.receivedAt ? r.receivedAt.getTime() : Number.MAX_SAFE_INTEGER);

function expectedOrder(rows: Seeded[], sort: InboxSort): string[] {
  const cmp: Record<InboxSort, (a: Seeded, b: Seeded) => number> = {
    newest: (a, b) => b.requestedAt.getTime() - a.requestedAt.getTime() || -byId(a, b),
    oldest: (a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || byId(a, b),
    amount: (a, b) => b.amount - a.amount || -byId(a, b),
    status: (a, b) => STATUS_RANK(a.status) - STATUS_RANK(b.status) || byId(a, b),
    sla: (a, b) => slaKey(a) - slaKey(b) || byId(a, b),
  };
  return [...rows].sort(cmp[sort]).map((r) => r.id);
}

const filters = (f: Partial<InboxFilters>): InboxFilters => ({ ...NO_FILTERS, status: [], reason: [], resolution: [], method: [], ...f });

describe("parseInboxParams", () => {
  it("reads every filter and the sort, and names what it ignores", () => {
    const parsed = parseInboxParams(
      new URLSearchParams("status=REQUESTED,APPROVED&reason=too-small&resolution=EXCHANGE&method=PICKUP&location=gid://shopify/Location/5&from=2026-11-01&to=2026-11-30&attention=1&sla=1&sort=amount"),
    );
    expect(parsed).toEqual({
      filters: { status: ["REQUESTED", "APPROVED"], reason: ["too-small"], resolution: ["EXCHANGE"], method: ["PICKUP"], location: "gid://shopify/Location/5", from: "2026-11-01", to: "2026-11-30", attention: true, sla: true },
      sort: "amount",
      ignored: [],
    });
  });

  it("ignores bad values one by one (never an error) and a range that ends before it starts", () => {
    const parsed = parseInboxParams(new URLSearchParams("status=NOPE&method=DROP_OFF&from=2026-02-30&sort=random&location=x&reason=%3Cscript%3E&sla=maybe"));
    expect(parsed.filters).toEqual(filters({ method: ["DROP_OFF"] }));
    expect(parsed.sort).toBe("newest");
    expect(parsed.ignored.sort()).toEqual(["from", "location", "reason", "sla", "sort", "status"]);
    expect(parseInboxParams(new URLSearchParams("from=2026-11-30&to=2026-11-01"))).toMatchObject({ filters: { from: "2026-11-30", to: null }, ignored: ["to"] });
  });

  it("normalizes a saved query: known parameters only, canonical order, default sort left out", () => {
    expect(normalizeFilterQuery("sort=newest&zzz=1&sla=true&status=RECEIVED,RECEIVED&tab=x")).toBe("status=RECEIVED&sla=1");
  });
});

describe("slaCutoff", () => {
  it("is the start of the first receipt day whose deadline is still today or later", () => {
    // Friday 27 Nov, SLA 3 business days: received Mon 23 → due Thu 26 → breached; Tue 24 → due Fri 27 → not yet.
    const cutoff = slaCutoff(CLOCK);
    expect(localDate(new Date(cutoff.getTime() - 1), TZ)).toBe("2026-11-23");
    expect(localDate(cutoff, TZ)).toBe("2026-11-24");
    expect(cutoff.toISOString()).toBe("2026-11-23T23:00:00.000Z");
  });
});

describe.each(providers)("inbox filters, sorts and saved views (%s)", (provider) => {
  let t: TestDb;
  let shop: { id: string; rmaPrefix: string; domain: string };
  let other: { id: string; rmaPrefix: string };
  const rows: Seeded[] = [];

  beforeAll(async () => {
    t = await createTestDb(provider);
    const s = await t.db.shop.create({ data: { domain: `filters-${provider}.myshopify.com`, timezone: TZ } });
    shop = { id: s.id, rmaPrefix: s.rmaPrefix, domain: s.domain };
    const o = await t.db.shop.create({ data: { domain: `other-${provider}.myshopify.com`, timezone: TZ } });
    other = { id: o.id, rmaPrefix: o.rmaPrefix };
    for (let n = 0; n < 140; n++) rows.push(await seed(t.db, shop.id, n));
    // The other shop has returns matching every filter; none may show.
    for (let n = 0; n < 30; n++) await seed(t.db, other.id, n);
  }, 120_000);

  afterAll(async () => t?.drop());

  async function walk(f: InboxFilters, sort: InboxSort, search: string | null = null, limit = 7) {
    const forward: string[] = [];
    let after: string | null = null;
    let lastPrevious: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const page = await listFilteredReturns(t.db, shop, { tab: "all", filters: f, sort, search, after, limit }, CLOCK);
      forward.push(...page.rows.map((r) => r.id));
      lastPrevious = page.previousCursor;
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    // And back from the last page to the first.
    const backward: string[] = [];
    const lastPageSize = forward.length % limit || Math.min(limit, forward.length);
    let before = lastPrevious;
    for (let guard = 0; guard < 200 && before; guard++) {
      const page = await listFilteredReturns(t.db, shop, { tab: "all", filters: f, sort, search, before, limit }, CLOCK);
      backward.unshift(...page.rows.map((r) => r.id));
      before = page.previousCursor;
    }
    return { forward, backward: [...backward, ...forward.slice(forward.length - lastPageSize)] };
  }

  const CASES: [string, Partial<InboxFilters>][] = [
    ["status", { status: ["RECEIVED", "INSPECTED"] }],
    ["reason", { reason: ["too-small"] }],
    ["two reasons", { reason: ["damaged", "changed-mind"] }],
    ["resolution", { resolution: ["EXCHANGE"] }],
    ["method", { method: ["PICKUP", "IN_STORE"] }],
    ["location", { location: "gid://shopify/Location/2" }],
    ["date range", { from: "2026-10-20", to: "2026-11-10" }],
    ["needs attention", { attention: true }],
    ["SLA breached", { sla: true }],
    ["several at once", { status: ["RECEIVED", "INSPECTED", "PROCESSED"], resolution: ["REFUND", "STORE_CREDIT"], from: "2026-10-01" }],
  ];

  it.each(CASES)("filter %s: exactly the matching returns, newest first, every page forward and back", async (_name, partial) => {
    const f = filters(partial);
    const expected = expectedOrder(rows.filter((r) => matches(r, f)), "newest");
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(rows.length);
    const { forward, backward } = await walk(f, "newest");
    expect(forward).toEqual(expected);
    expect(backward).toEqual(expected);
  });

  it.each(["newest", "oldest", "amount", "status", "sla"] as InboxSort[])("sort %s: every row once, in order, both directions", async (sort) => {
    const expected = expectedOrder(rows, sort);
    const { forward, backward } = await walk(filters({}), sort, null, 11);
    expect(forward).toEqual(expected);
    expect(backward).toEqual(expected);
  });

  it("SLA breached sorted by SLA due, with a search", async () => {
    const f = filters({ sla: true });
    const expected = expectedOrder(rows.filter((r) => matches(r, f) && r.customerEmail.startsWith("bo")), "sla");
    expect(expected.length).toBeGreaterThan(0);
    expect((await walk(f, "sla", "bo")).forward).toEqual(expected);
  });

  it("search by RMA and by order number under a filter", async () => {
    const target = rows.find((r) => r.status === "RECEIVED")!;
    const byRma = await listFilteredReturns(t.db, shop, { tab: "all", filters: filters({ status: ["RECEIVED"] }), sort: "oldest", search: target.rmaNumber }, CLOCK);
    expect(byRma.rows.map((r) => r.id)).toEqual([target.id]);
    const order = target.orderName.slice(1);
    const byOrder = await listFilteredReturns(t.db, shop, { tab: "all", filters: filters({ status: ["RECEIVED"] }), sort: "oldest", search: order }, CLOCK);
    expect(byOrder.rows.map((r) => r.id)).toEqual(expectedOrder(rows.filter((r) => r.status === "RECEIVED" && r.orderName === target.orderName), "oldest"));
  });

  it("a tab narrows the filters; a cursor of another sort starts over", async () => {
    const page = await listFilteredReturns(t.db, shop, { tab: "received", filters: filters({ method: ["DROP_OFF"] }), sort: "amount", limit: 250 }, CLOCK);
    expect(page.rows.map((r) => r.id)).toEqual(expectedOrder(rows.filter((r) => ["RECEIVED", "INSPECTED"].includes(r.status) && r.method === "DROP_OFF"), "amount"));
    const first = await listFilteredReturns(t.db, shop, { tab: "all", filters: filters({}), sort: "oldest", limit: 5 }, CLOCK);
    const wrong = await listFilteredReturns(t.db, shop, { tab: "all", filters: filters({}), sort: "amount", after: first.nextCursor, limit: 5 }, CLOCK);
    expect(wrong.rows.map((r) => r.id)).toEqual(expectedOrder(rows, "amount").slice(0, 5));
  });

  it("loadInboxList: plain newest-first keeps the tuned path; filters and sorts use the filtered one with the policy's SLA", async () => {
    const plain = await loadInboxList(shop.domain, { tab: "all", filters: filters({}), sort: "newest", limit: 3 }, { now: NOW }, t.db);
    expect(plain.page.rows).toHaveLength(3);
    expect(plain.page.nextCursor).not.toMatch(/^newest\./);
    const sla = await loadInboxList(shop.domain, { tab: "all", filters: filters({ sla: true }), sort: "sla", limit: 250 }, { now: NOW }, t.db);
    // The default policy's inspection SLA is 3 business days, the one recomputed above.
    expect(sla.page.rows.map((r) => r.id)).toEqual(expectedOrder(rows.filter((r) => matches(r, filters({ sla: true }))), "sla"));
  });

  it("tab counts follow the filters: each tab's badge is the number of returns it lists with them (one grouped query)", async () => {
    const TABS: Record<string, (r: Seeded) => boolean> = {
      all: () => true,
      attention: (r) => r.needsAttention,
      requested: (r) => r.status === "REQUESTED",
      open: (r) => ["APPROVED", "IN_TRANSIT"].includes(r.status),
      received: (r) => ["RECEIVED", "INSPECTED"].includes(r.status),
      processed: (r) => r.status === "PROCESSED",
      closed: (r) => r.status === "CLOSED",
      declined: (r) => ["DECLINED", "CANCELED"].includes(r.status),
    };
    for (const partial of [{ method: ["DROP_OFF"] }, { reason: ["damaged"], from: "2026-10-15" }, { sla: true }, { status: ["APPROVED", "IN_TRANSIT"] }] as Partial<InboxFilters>[]) {
      const f = filters(partial);
      const inbox = await loadInboxList(shop.domain, { tab: "all", filters: f, sort: "oldest", limit: 250 }, { now: NOW }, t.db);
      for (const [tab, inTab] of Object.entries(TABS)) {
        const expected = rows.filter((r) => matches(r, f) && inTab(r)).length;
        expect({ tab, ...inbox.counts[tab as keyof typeof inbox.counts] }).toEqual({ tab, count: expected, capped: false });
        // And the tab, opened with the same filters, lists exactly that many.
        const listed = await loadInboxList(shop.domain, { tab: tab as never, filters: f, sort: "oldest", limit: 250 }, { now: NOW }, t.db);
        expect(listed.page.rows).toHaveLength(expected);
      }
    }
    // Above the cap: "All" stops at it, every tab is a lower bound (never more than it lists).
    const drop = filters({ method: ["DROP_OFF"] });
    const dropCount = rows.filter((r) => matches(r, drop)).length;
    expect(dropCount).toBeGreaterThan(10);
    const capped = await countFilteredByTab(t.db, shop, drop, CLOCK, 10);
    expect(capped.all).toEqual({ count: 10, capped: true });
    for (const [tab, inTab] of Object.entries(TABS)) {
      const c = capped[tab as keyof typeof capped];
      expect(c.capped).toBe(true);
      expect(c.count).toBeLessThanOrEqual(rows.filter((r) => matches(r, drop) && inTab(r)).length);
    }
    expect(await countFilteredByTab(t.db, shop, drop, CLOCK, dropCount)).toMatchObject({ all: { count: dropCount, capped: false } });
    // Unfiltered, the shop's counts (a search does not narrow them).
    const plain = await loadInboxList(shop.domain, { tab: "all", filters: filters({}), sort: "newest", search: "bo", limit: 3 }, { now: NOW }, t.db);
    expect(plain.counts.all).toEqual({ count: rows.length, capped: false });
  });

  it("export of an inbox selection (the CSV the bulk bar links): exactly the selected returns, none of another shop", async () => {
    const selected = expectedOrder(rows.filter((r) => matches(r, filters({ status: ["RECEIVED"] }))), "oldest").slice(0, 5);
    const foreign = (await t.db.returnRequest.findFirst({ where: { shopId: other.id }, select: { id: true, rmaNumber: true } }))!;
    const ctx = { db: t.db, shop: { ...shop, timezone: TZ }, admin: {} as AdminClient, now: () => NOW } as ReturnsContext;
    let csv = "";
    for await (const chunk of returnsCsv(ctx, { start: new Date(0), end: new Date(NOW.getTime() + DAY) }, [...selected, foreign.id])) csv += chunk;
    const rmas = csv.trim().split("\n").slice(1).map((line) => line.split(",")[0]);
    expect(rmas.sort()).toEqual(rows.filter((r) => selected.includes(r.id)).map((r) => r.rmaNumber).sort());
  });

  describe("saved views", () => {
    it("creates the three defaults once, in order; deleted defaults stay deleted", async () => {
      const views = await listSavedViews(t.db, shop.id);
      expect(views.map((v) => [v.defaultKey, v.name, v.query])).toEqual([
        ["attention", null, "attention=1&sort=oldest"],
        ["toReceive", null, "status=APPROVED,IN_TRANSIT&sort=oldest"],
        ["slaBreached", null, "sla=1&sort=sla"],
      ]);
      expect(await listSavedViews(t.db, shop.id)).toEqual(views);
      await deleteSavedView(t.db, shop.id, views[0].id);
      expect((await listSavedViews(t.db, shop.id)).map((v) => v.defaultKey)).toEqual(["toReceive", "slaBreached"]);
    });

    it("create, rename, save filters and delete; names are unique and the query is normalized", async () => {
      const view = await createSavedView(t.db, shop.id, { name: "  Big   refunds ", query: "sort=amount&status=PROCESSED&junk=1" });
      expect(view).toMatchObject({ name: "Big refunds", query: "status=PROCESSED&sort=amount", defaultKey: null });
      await expect(createSavedView(t.db, shop.id, { name: "big REFUNDS", query: "" })).rejects.toMatchObject({ code: "INVALID_INPUT", status: 422 });
      await expect(createSavedView(t.db, shop.id, { name: "   ", query: "" })).rejects.toBeInstanceOf(ReturnsError);
      await expect(createSavedView(t.db, shop.id, { name: "x".repeat(41), query: "" })).rejects.toMatchObject({ status: 422 });
      const renamed = await renameSavedView(t.db, shop.id, view.id, { name: "Large refunds" });
      expect(renamed.name).toBe("Large refunds");
      const updated = await updateSavedViewQuery(t.db, shop.id, view.id, { query: "sla=1&sort=sla" });
      expect(updated.query).toBe("sla=1&sort=sla");
      expect((await listSavedViews(t.db, shop.id)).at(-1)).toEqual(updated);
      // A renamed default keeps its key and shows the merchant's name.
      const sla = (await listSavedViews(t.db, shop.id)).find((v) => v.defaultKey === "slaBreached")!;
      expect(await renameSavedView(t.db, shop.id, sla.id, { name: "Late" })).toMatchObject({ defaultKey: "slaBreached", name: "Late" });
      await deleteSavedView(t.db, shop.id, view.id);
      expect((await listSavedViews(t.db, shop.id)).some((v) => v.id === view.id)).toBe(false);
      await expect(deleteSavedView(t.db, shop.id, view.id)).rejects.toMatchObject({ status: 404 });
    });

    it("private views: only their staff member sees or changes them; shared views everyone; sharing makes it the shop's", async () => {
      const anna = "1001";
      const bo = "1002";
      const mine = await createSavedView(t.db, shop.id, { name: "Anna's pickups", query: "method=PICKUP" }, anna);
      expect(mine).toMatchObject({ private: true, name: "Anna's pickups" });
      const shared = await createSavedView(t.db, shop.id, { name: "Everyone's exchanges", query: "resolution=EXCHANGE", private: false }, anna);
      expect(shared.private).toBe(false);
      const names = async (staff: string | null) => (await listSavedViews(t.db, shop.id, staff)).map((v) => v.id);
      expect(await names(anna)).toEqual(expect.arrayContaining([mine.id, shared.id]));
      expect(await names(bo)).toContain(shared.id);
      expect(await names(bo)).not.toContain(mine.id);
      expect(await names(null)).not.toContain(mine.id);
      // Bo can't open, rename, save into, share or delete Anna's view: it does not exist for him.
      // One at a time: started together, a later rejection would be unhandled while the first is awaited.
      for (const attempt of [
        () => renameSavedView(t.db, shop.id, mine.id, { name: "Mine now" }, bo),
        () => updateSavedViewQuery(t.db, shop.id, mine.id, { query: "sla=1" }, bo),
        () => shareSavedView(t.db, shop.id, mine.id, bo),
        () => deleteSavedView(t.db, shop.id, mine.id, bo),
      ])
        await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
      // Bo may use the same name for his own view; a private view needs a known staff member.
      expect(await createSavedView(t.db, shop.id, { name: "Anna's pickups", query: "" }, bo)).toMatchObject({ private: true });
      await expect(createSavedView(t.db, shop.id, { name: "Nobody's", query: "", private: true }, null)).rejects.toMatchObject({ status: 422 });
      // Shared, it is the shop's: Bo sees it (and now its name clashes with Bo's own view for him).
      await deleteSavedView(t.db, shop.id, (await listSavedViews(t.db, shop.id, bo)).find((v) => v.private)!.id, bo);
      expect(await shareSavedView(t.db, shop.id, mine.id, anna)).toMatchObject({ private: false });
      expect(await names(bo)).toContain(mine.id);
      // The form handler takes the staff member from the session and the visibility from the form.
      const form = new FormData();
      form.set("intent", "createView");
      form.set("name", "Bo's late ones");
      form.set("query", "sla=1");
      const { view } = await handleSavedViewAction(t.db, shop.id, form, bo);
      expect(view).toMatchObject({ private: true });
      expect(await names(anna)).not.toContain(view!.id);
      form.set("name", "Late for all");
      form.set("visibility", "shop");
      expect((await handleSavedViewAction(t.db, shop.id, form, bo)).view).toMatchObject({ private: false });
    });

    it("another shop's view is not found; the form handler refuses unknown intents", async () => {
      const mine = await createSavedView(t.db, shop.id, { name: "Mine only", query: "method=PICKUP" });
      await expect(renameSavedView(t.db, other.id, mine.id, { name: "Stolen" })).rejects.toMatchObject({ status: 404 });
      await expect(deleteSavedView(t.db, other.id, mine.id)).rejects.toMatchObject({ status: 404 });
      expect((await listSavedViews(t.db, other.id)).map((v) => v.defaultKey)).toEqual(["attention", "toReceive", "slaBreached"]);
      const form = new FormData();
      form.set("intent", "dropTables");
      await expect(handleSavedViewAction(t.db, shop.id, form)).rejects.toMatchObject({ status: 422 });
      const create = new FormData();
      create.set("intent", "createView");
      create.set("name", "From the form");
      create.set("query", "reason=damaged");
      expect((await handleSavedViewAction(t.db, shop.id, create)).view).toMatchObject({ name: "From the form", query: "reason=damaged" });
    });
  });
});
