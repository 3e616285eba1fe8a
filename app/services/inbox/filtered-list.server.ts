/**
 * The inbox with filters or another sort than "newest" (the plain newest-first inbox keeps
 * the index-tuned path of returns-query.server.ts). One hand-written query on both
 * databases, shaped for the schema's indexes:
 *
 * - the page is `ORDER BY <sort key>, id LIMIT 51` with a keyset cursor on both, written as
 *   `k <= c AND (k < c OR id < i)` so the first term is an index range (never OFFSET);
 * - status / method / needs attention are equality on `[shopId, status|method|needsAttention,
 *   requestedAt]`; the date range is a range on `[shopId, requestedAt]`;
 * - reason, resolution and location are a semi-join on ReturnLine's `[shopId, reasonHandle]`,
 *   `[shopId, resolution, returnRequestId]` and `[shopId, dispositionLocationId]` (counts,
 *   PostgreSQL); SQLite's page query probes `[returnRequestId, reasonHandle, resolution,
 *   dispositionLocationId]` with EXISTS instead (see `lines` below);
 * - "SLA breached" is `status IN (RECEIVED, INSPECTED) AND receivedAt < cutoff` on
 *   `[shopId, status, receivedAt]`, the cutoff computed here from the policy's inspection
 *   SLA in business days and the shop's time zone (the rule of analytics' isSlaBreached
 *   for returns still waiting for their refund);
 * - search is equality on RMA / order name and a prefix of the e-mail (LIKE 'p%').
 *
 * "Requested" (dates and newest/oldest) is the return's requestedAt, the date the inbox shows
 * (for a return adopted from Shopify's admin, when it was made there; the unfiltered inbox
 * keeps its createdAt order). Amount sorts the return's value (refund + store
 * credit + exchange, minor units, across currencies as stored).
 */
import { RETURN_STATUSES } from "~/domain/state-machine";
import { addBusinessDays, addDays, compareDates, localDate } from "~/domain/dates";
import { startOfLocalDay } from "~/domain/analytics/range";
import { dialectOf, type Db } from "~/db.server";
import { Prisma as PrismaSql } from "~/generated/prisma-sqlite/client";
import { INBOX_PAGE_SIZE, INBOX_TABS, ROW_SELECT, TAB_STATUSES, parseInboxSearch, withLines, type InboxPage, type InboxTab, type RowRecord, type TabCount } from "../returns-query.server";
import type { InboxFilters, InboxSort } from "./inbox-filters";

type Sql = PrismaSql.Sql;
const sql = PrismaSql.sql;
const raw = PrismaSql.raw;
const join = PrismaSql.join;

export interface FilteredInboxQuery {
  tab: InboxTab;
  filters: InboxFilters;
  sort: InboxSort;
  search?: string | null;
  after?: string | null;
  before?: string | null;
  limit?: number;
}

export interface FilterClock {
  /** The shop's time zone (date range and SLA days). */
  timeZone: string;
  /** The policy's inspection SLA, in business days. */
  inspectionSlaDays: number;
  now: Date;
}

/** Returns received this long ago or earlier (in the shop's days) have missed the SLA today. */
export function slaCutoff(clock: FilterClock): Date {
  const today = localDate(clock.now, clock.timeZone);
  // The last receipt day whose deadline (received + SLA business days) is before today.
  let day = addDays(today, -1);
  for (let i = 0; i < 1000 && compareDates(addBusinessDays(day, clock.inspectionSlaDays), today) >= 0; i++) day = addDays(day, -1);
  return startOfLocalDay(addDays(day, 1), clock.timeZone);
}

/** Statuses still waiting for the refund after receipt: where an SLA can be breached. */
const SLA_STATUSES = ["RECEIVED", "INSPECTED"] as const;

type KeyKind = "date" | "int";
interface SortSpec {
  expr: Sql;
  dir: "asc" | "desc";
  kind: KeyKind;
}


function sortSpec(sort: InboxSort, dialect: "sqlite" | "postgresql"): SortSpec {
  switch (sort) {
    case "newest":
      return { expr: sql`r."requestedAt"`, dir: "desc", kind: "date" };
    case "oldest":
      return { expr: sql`r."requestedAt"`, dir: "asc", kind: "date" };
    case "amount":
      return { expr: sql`(r."refundAmount" + r."storeCreditAmount" + r."exchangeAmount")`, dir: "desc", kind: "int" };
    case "status":
      // Lifecycle order; the statuses are our own constants, so they can be SQL literals.
      return {
        expr: raw(`(CASE r.status ${RETURN_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(" ")} ELSE ${RETURN_STATUSES.length} END)`),
        dir: "asc",
        kind: "int",
      };
    case "sla": {
      // Received and waiting: by receipt (the due date follows it); everything else last.
      const last = dialect === "postgresql" ? raw(`TIMESTAMP '9999-12-31 00:00:00'`) : raw(`'9999-12-31T00:00:00.000+00:00'`);
      return {
        expr: sql`(CASE WHEN r.status IN ('RECEIVED', 'INSPECTED') AND r.method <> 'KEEP_ITEM' AND r."receivedAt" IS NOT NULL THEN r."receivedAt" ELSE ${last} END)`,
        dir: "asc",
        kind: "date",
      };
    }
  }
}

// ---------------------------------------------------------------------------------------
// Cursors: "<sort>.<key>.<id>", key = epoch ms or an integer. A cursor of another sort is
// ignored (first page), like any value this module did not write.

interface FilterCursor {
  key: number;
  id: string;
}

export function encodeFilterCursor(sort: InboxSort, c: FilterCursor): string {
  return `${sort}.${c.key}.${c.id}`;
}

export function decodeFilterCursor(sort: InboxSort, value: string | null | undefined): FilterCursor | null {
  if (!value) return null;
  const match = /^([a-z]{1,10})\.(-?\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(value);
  if (!match || match[1] !== sort) return null;
  const key = Number(match[2]);
  return Number.isSafeInteger(key) ? { key, id: match[3] } : null;
}

function keyValue(kind: KeyKind, value: unknown): number {
  if (kind === "int") return Number(value);
  const date = value instanceof Date ? value : new Date(String(value));
  return date.getTime();
}

// ---------------------------------------------------------------------------------------

function statusList(statuses: readonly string[]): Sql {
  return join(statuses.map((s) => sql`${s}`));
}

function conditions(
  dialect: "sqlite" | "postgresql",
  shop: { id: string; rmaPrefix: string },
  query: FilteredInboxQuery,
  clock: FilterClock,
  lineJoin: "exists" | "in",
): Sql[] {
  const at = (d: Date): Date | string => (dialect === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d);
  const f = query.filters;
  const where: Sql[] = [sql`r."shopId" = ${shop.id}`];
  const tabStatuses = TAB_STATUSES[query.tab];
  if (tabStatuses) where.push(sql`r.status IN (${statusList(tabStatuses)})`);
  if (query.tab === "attention" || f.attention) where.push(sql`r."needsAttention" = ${true}`);
  if (f.status.length) where.push(sql`r.status IN (${statusList(f.status)})`);
  if (f.method.length) where.push(sql`r.method IN (${statusList(f.method)})`);
  if (f.from) where.push(sql`r."requestedAt" >= ${at(startOfLocalDay(f.from, clock.timeZone))}`);
  if (f.to) where.push(sql`r."requestedAt" < ${at(startOfLocalDay(addDays(f.to, 1), clock.timeZone))}`);
  // A line filter on SQLite's page query is EXISTS on `[returnRequestId, reasonHandle,
  // resolution, dispositionLocationId]`: the date (or sort) index is walked in order and each
  // return's lines probed in the index until the page is full, instead of listing every
  // matching line and sorting all their returns (IN: 2–5× the plain inbox). Counting needs
  // every match anyway, so counts (and PostgreSQL, whose semi-join is already fast) keep IN.
  const lines = (condition: Sql) =>
    dialect === "sqlite" && lineJoin === "exists"
      ? sql`EXISTS (SELECT 1 FROM "ReturnLine" l WHERE l."returnRequestId" = r.id AND ${condition})`
      : sql`r.id IN (SELECT l."returnRequestId" FROM "ReturnLine" l WHERE l."shopId" = ${shop.id} AND ${condition})`;
  if (f.reason.length) where.push(lines(sql`l."reasonHandle" IN (${statusList(f.reason)})`));
  if (f.resolution.length) where.push(lines(sql`l.resolution IN (${statusList(f.resolution)})`));
  if (f.location) where.push(lines(sql`l."dispositionLocationId" = ${f.location}`));
  if (f.sla) {
    where.push(sql`r.status IN (${statusList(SLA_STATUSES)}) AND r.method <> 'KEEP_ITEM' AND r."receivedAt" < ${at(slaCutoff(clock))}`);
  }
  const search = parseInboxSearch(query.search, shop.rmaPrefix);
  if (search) {
    const any: Sql[] = [];
    if (search.rmaNumbers.length) any.push(sql`r."rmaNumber" IN (${statusList(search.rmaNumbers)})`);
    if (search.orderNames.length) any.push(sql`r."orderName" IN (${statusList(search.orderNames)})`);
    if (search.emailPrefix) {
      const pattern = search.emailPrefix.replace(/[\\%_]/g, "\\$&") + "%";
      any.push(sql`r."customerEmail" LIKE ${pattern} ESCAPE '\\'`);
    }
    where.push(any.length ? sql`(${join(any, " OR ")})` : sql`1 = 0`);
  }
  return where;
}

/**
 * Filtered tab counts read at most this many matching returns: exact below it; above it
 * "All" shows "10,000+" and every other tab what was read of it, with a "+" (a lower bound).
 * Reading every match of a broad filter at 100,000 returns cost up to 5× the plain inbox.
 */
export const FILTERED_COUNT_CAP = 10_000;

/** The grouped count behind countFilteredByTab (apart, so a benchmark can EXPLAIN it). */
export function filteredCountQuery(dialect: "sqlite" | "postgresql", shop: { id: string; rmaPrefix: string }, filters: InboxFilters, clock: FilterClock, cap = FILTERED_COUNT_CAP): Sql {
  const where = conditions(dialect, shop, { filters, tab: "all", sort: "newest" }, clock, "in");
  return sql`SELECT m.s AS s, m.a AS a, COUNT(*) AS n FROM (SELECT r.status AS s, r."needsAttention" AS a FROM "ReturnRequest" r WHERE ${join(where, " AND ")} LIMIT ${cap + 1}) AS m GROUP BY m.s, m.a`;
}

/**
 * Every tab's count under the same filters as the list (so a tab's badge is the number of
 * returns it lists when opened with them; like the unfiltered counts, not narrowed by a search): ONE grouped query over the matching
 * returns by (status, needsAttention), summed here into the tabs; exact up to
 * FILTERED_COUNT_CAP matches (the unfiltered inbox keeps countReturnsByTab's capped probes).
 */
export async function countFilteredByTab(
  client: Db,
  shop: { id: string; rmaPrefix: string },
  filters: InboxFilters,
  clock: FilterClock,
  cap = FILTERED_COUNT_CAP,
): Promise<Record<InboxTab, TabCount>> {
  const groups = await client.$queryRaw<{ s: string; a: unknown; n: number | bigint }[]>(filteredCountQuery(dialectOf(client), shop, filters, clock, cap));
  const capped = groups.reduce((sum, g) => sum + Number(g.n), 0) > cap;
  const counts = {} as Record<InboxTab, TabCount>;
  for (const tab of INBOX_TABS) {
    const statuses = TAB_STATUSES[tab];
    let n = 0;
    for (const g of groups) {
      // SQLite returns the boolean as 0/1, PostgreSQL as true/false.
      const attention = g.a === true || Number(g.a) === 1;
      if (tab === "attention" ? attention : !statuses || statuses.includes(g.s as never)) n += Number(g.n);
    }
    counts[tab] = capped ? { count: Math.min(n, cap), capped: true } : { count: n, capped: false };
  }
  return counts;
}

interface PagePlan {
  sql: Sql;
  spec: SortSpec;
  limit: number;
  forward: boolean;
  cursor: FilterCursor | null;
}

/** The page's key query (ids and sort keys, LIMIT n + 1), built apart so a benchmark can EXPLAIN it. */
export function filteredPageQuery(
  dialect: "sqlite" | "postgresql",
  shop: { id: string; rmaPrefix: string },
  query: FilteredInboxQuery,
  clock: FilterClock,
  /** How line filters join on SQLite (the benchmark compares both). */
  lineJoin: "exists" | "in" = "exists",
): PagePlan {
  const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? INBOX_PAGE_SIZE)), 250);
  const spec = sortSpec(query.sort, dialect);
  const after = decodeFilterCursor(query.sort, query.after);
  const before = after ? null : decodeFilterCursor(query.sort, query.before);
  const cursor = after ?? before;
  // Walking back (`before`) reads in the opposite order and turns the page around.
  const forward = !before;
  const dir = forward ? spec.dir : spec.dir === "asc" ? "desc" : "asc";
  const where = conditions(dialect, shop, query, clock, lineJoin);
  if (cursor) {
    const c = spec.kind === "date" ? (dialect === "sqlite" ? new Date(cursor.key).toISOString().replace("Z", "+00:00") : new Date(cursor.key)) : cursor.key;
    const [weak, strict] = dir === "desc" ? ["<=", "<"] : [">=", ">"];
    where.push(sql`${spec.expr} ${raw(weak)} ${c} AND (${spec.expr} ${raw(strict)} ${c} OR r.id ${raw(strict)} ${cursor.id})`);
  }
  const order = raw(dir.toUpperCase());
  return {
    sql: sql`SELECT r.id AS id, ${spec.expr} AS k FROM "ReturnRequest" r WHERE ${join(where, " AND ")} ORDER BY ${spec.expr} ${order}, r.id ${order} LIMIT ${limit + 1}`,
    spec,
    limit,
    forward,
    cursor,
  };
}

/** One page of the inbox under filters and a sort; same shape as listReturns' page. */
export async function listFilteredReturns(
  client: Db,
  shop: { id: string; rmaPrefix: string },
  query: FilteredInboxQuery,
  clock: FilterClock,
): Promise<InboxPage> {
  const { sql: pageSql, spec, limit, forward, cursor } = filteredPageQuery(dialectOf(client), shop, query, clock);
  const found = await client.$queryRaw<{ id: string; k: unknown }[]>(pageSql);
  const more = found.length > limit;
  let keys = found.slice(0, limit);
  if (!forward) keys = keys.reverse();

  const records = keys.length
    ? await client.returnRequest.findMany({ where: { shopId: shop.id, id: { in: keys.map((k) => k.id) } }, select: ROW_SELECT })
    : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  const page = keys.map((k) => byId.get(k.id)).filter((r): r is RowRecord => r !== undefined);
  const rows = await withLines(client, shop.id, page);

  const cursorOf = (k: { id: string; k: unknown }) => encodeFilterCursor(query.sort, { key: keyValue(spec.kind, k.k), id: k.id });
  const first = keys[0];
  const last = keys[keys.length - 1];
  const hasNext = forward ? more : true;
  const hasPrevious = forward ? cursor !== null : more;
  return {
    rows,
    nextCursor: hasNext && last ? cursorOf(last) : null,
    previousCursor: hasPrevious && first ? cursorOf(first) : null,
    search: parseInboxSearch(query.search, shop.rmaPrefix),
  };
}
