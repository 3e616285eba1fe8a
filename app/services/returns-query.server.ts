/**
 * Read-side queries over one shop's returns: the admin inbox (tabs with counts, search,
 * keyset pagination) and the detail of one return. Every query is scoped by shop.
 *
 * Speed with 100,000 returns per shop comes from the schema's indexes, so each query is
 * shaped to be answered by one of them:
 * - a page is `ORDER BY createdAt DESC, id DESC LIMIT 51` with a keyset cursor on both
 *   columns written as `createdAt <= c AND (createdAt < c OR id < i)`: the first term is
 *   an index range, the second only breaks ties (never OFFSET, which reads every skipped row);
 * - "All" walks `[shopId, createdAt]`, "Needs attention" `[shopId, needsAttention,
 *   createdAt]`; a tab of several statuses runs one query per status on `[shopId, status,
 *   createdAt]` and merges them, because `status IN (…)` can't be read in createdAt order;
 * - search is equality on `[shopId, rmaNumber]` and `[shopId, orderName]`, and a prefix
 *   range on `[shopId, customerEmail]` (never `contains`);
 * - tab counts stop at COUNT_CAP, so they read a bounded number of index entries.
 */
import { giftCardState } from "./gift-card.server";
import { allowedActions, formatRma, parseRma, RETURN_STATUSES, type ReturnAction, type ReturnStatus } from "~/domain";
import db from "~/db.server";
import type { Db, Prisma } from "~/db.server";
import { Prisma as PrismaSql } from "~/generated/prisma-sqlite/client";
import { fetchLocations, type RestockLocation } from "~/shopify/locations.server";
import { ShopifyApiError } from "~/shopify/errors";
import type { ReturnsContext } from "./context.server";
import { requireReturn } from "./return-records.server";
import { ensureShop } from "./shops.server";

export const INBOX_PAGE_SIZE = 50;

/** Inbox tabs, in display order. `null` statuses: not a status filter (see `attention`). */
export const INBOX_TABS = ["all", "attention", "requested", "open", "received", "processed", "closed", "declined"] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const TAB_STATUSES: Readonly<Record<InboxTab, readonly ReturnStatus[] | null>> = Object.freeze({
  all: null,
  attention: null,
  requested: ["REQUESTED"],
  open: ["APPROVED", "IN_TRANSIT"],
  received: ["RECEIVED", "INSPECTED"],
  processed: ["PROCESSED"],
  closed: ["CLOSED"],
  declined: ["DECLINED", "CANCELED"],
});

// ---------------------------------------------------------------------------------------
// Cursors

export interface InboxCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to the browser, but plain: "<epoch ms>.<id>". Millisecond precision is exact on both databases. */
export function encodeCursor(c: InboxCursor): string {
  return `${c.createdAt.getTime()}.${c.id}`;
}

/** null for anything that is not a cursor this module wrote (a tampered URL starts over). */
export function decodeCursor(value: string | null | undefined): InboxCursor | null {
  if (!value) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(value);
  if (!match) return null;
  const createdAt = new Date(Number(match[1]));
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id: match[2] };
}

// ---------------------------------------------------------------------------------------
// Search

export interface InboxSearch {
  /** What was searched for, trimmed. */
  term: string;
  /** Canonical RMA numbers to match exactly. */
  rmaNumbers: string[];
  /** Order names to match exactly ("#1001" and "1001" for a typed 1001). */
  orderNames: string[];
  /** Lower-cased e-mail prefix (e-mails are stored lower-cased). */
  emailPrefix: string | null;
}

export const SEARCH_MAX_LENGTH = 100;

/**
 * What a merchant typed, as index-friendly conditions. "R-1042", "r1042" → that RMA;
 * "1001" or "#1001" → order #1001 or RMA R-1001; "anna@" → e-mails starting with it;
 * anything else → an order name as typed, an RMA, or an e-mail prefix.
 */
export function parseInboxSearch(input: string | null | undefined, rmaPrefix: string): InboxSearch | null {
  const term = (input ?? "").trim().replace(/\s+/g, " ").slice(0, SEARCH_MAX_LENGTH);
  if (!term) return null;
  if (term.includes("@")) return { term, rmaNumbers: [], orderNames: [], emailPrefix: term.toLowerCase() };

  const rmaNumbers = new Set<string>();
  const orderNames = new Set<string>();
  let emailPrefix: string | null = null;
  const number = /^#?\s*(\d{1,15})$/.exec(term);
  if (number) {
    const digits = number[1];
    orderNames.add(`#${digits}`);
    orderNames.add(digits);
    const sequence = Number(digits);
    if (Number.isSafeInteger(sequence) && sequence > 0) {
      try {
        rmaNumbers.add(formatRma(rmaPrefix, sequence));
      } catch {
        // A prefix the RMA module refuses can't have numbered any return either.
      }
    }
  } else {
    // The shop's own RMA ("R-1042") is only that. Text that merely looks like an RMA of
    // another prefix ("anna1" → ANNA-0001, from before a prefix change) may also be the
    // start of an e-mail.
    const own = parseRma(term, rmaPrefix);
    const other = own ? null : parseRma(term);
    if (own ?? other) rmaNumbers.add((own ?? other)!.canonical);
    orderNames.add(term);
    if (!term.startsWith("#")) orderNames.add(`#${term}`);
    if (!own && !term.startsWith("#") && !term.includes(" ")) emailPrefix = term.toLowerCase();
  }
  return { term, rmaNumbers: [...rmaNumbers], orderNames: [...orderNames], emailPrefix };
}

/** The largest code point: every string that starts with `p` sorts below `p + MAX`. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

/**
 * Whether text compares by code point (SQLite's BINARY; PostgreSQL's C/POSIX/C.UTF-8).
 * Only then is `p <= x < p + MAX` the same as "starts with p", and the prefix can be an
 * index range; under a linguistic collation (en_US…) the range would miss rows, so only
 * LIKE is used there (a filter, still correct). Asked once per client.
 */
const codePointOrder = new WeakMap<Db, Promise<boolean>>();

function providerOf(client: Db): string {
  return (client as unknown as { _activeProvider?: string })._activeProvider ?? "sqlite";
}

function textSortsByCodePoint(client: Db): Promise<boolean> {
  let known = codePointOrder.get(client);
  if (!known) {
    known =
      providerOf(client) !== "postgresql"
        ? Promise.resolve(true)
        : client
            .$queryRawUnsafe<{ collation: string }[]>("SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()")
            .then((rows) => /^(C|POSIX|C\.UTF-?8)$/i.test(rows[0]?.collation ?? ""))
            .catch(() => false);
    codePointOrder.set(client, known);
  }
  return known;
}

/**
 * One way a search can match, read through its own index: an exact RMA or order name, or
 * an e-mail prefix (`range` when text sorts by code point, see above). `filter` is the same
 * condition as a plain test, for reading a broad match in page order instead.
 */
type SearchBranch =
  | { kind: "equal"; where: Prisma.ReturnRequestWhereInput; filter: Prisma.ReturnRequestWhereInput }
  | { kind: "prefix"; range: { gte: string; lt: string } | null; filter: Prisma.ReturnRequestWhereInput };

async function searchBranches(client: Db, search: InboxSearch): Promise<SearchBranch[]> {
  const branches: SearchBranch[] = [];
  for (const rmaNumber of search.rmaNumbers) branches.push({ kind: "equal", where: { rmaNumber }, filter: { rmaNumber } });
  for (const orderName of search.orderNames) branches.push({ kind: "equal", where: { orderName }, filter: { orderName } });
  if (search.emailPrefix) {
    const p = search.emailPrefix;
    branches.push({
      kind: "prefix",
      range: (await textSortsByCodePoint(client)) ? { gte: p, lt: p + MAX_CHAR } : null,
      filter: { customerEmail: { startsWith: p } },
    });
  }
  return branches;
}

/**
 * How many returns of the shop have an e-mail in `range`, counting no further than `cap`.
 * Raw SQL because Prisma adds `ORDER BY id` to any `take`, which turns this index-only
 * probe of at most `cap` entries into a sort of every match.
 */
async function countEmailRange(client: Db, shopId: string, range: { gte: string; lt: string }, cap: number): Promise<number> {
  const rows = await client.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS n FROM (
      SELECT 1 FROM "ReturnRequest"
      WHERE "shopId" = ${shopId} AND "customerEmail" >= ${range.gte} AND "customerEmail" < ${range.lt}
      LIMIT ${cap}
    ) AS probe`;
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------
// Inbox

export interface InboxQuery {
  tab: InboxTab;
  search?: string | null;
  /** Older than this cursor (next page). */
  after?: string | null;
  /** Newer than this cursor (previous page). Ignored when `after` is set. */
  before?: string | null;
  limit?: number;
}

export interface InboxRow {
  id: string;
  rmaNumber: string;
  status: string;
  orderName: string;
  customerName: string | null;
  customerEmail: string | null;
  /** Units returned (sum of line quantities). */
  itemCount: number;
  /** Resolutions on the return, in a fixed order (REFUND, STORE_CREDIT, EXCHANGE). */
  resolutions: string[];
  currency: string;
  /** Value of the return in minor units: refund + store credit + exchange. */
  amount: number;
  needsAttention: boolean;
  attentionReason: string | null;
  requestedAt: string;
  createdAt: string;
}

export interface InboxPage {
  rows: InboxRow[];
  /** Cursor of the last row when an older page exists. */
  nextCursor: string | null;
  /** Cursor of the first row when a newer page exists. */
  previousCursor: string | null;
  search: InboxSearch | null;
}

export const ROW_SELECT = {
  id: true,
  rmaNumber: true,
  status: true,
  orderName: true,
  customerName: true,
  customerEmail: true,
  currency: true,
  refundAmount: true,
  storeCreditAmount: true,
  exchangeAmount: true,
  needsAttention: true,
  attentionReason: true,
  requestedAt: true,
  createdAt: true,
} satisfies Prisma.ReturnRequestSelect;

export type RowRecord = Prisma.ReturnRequestGetPayload<{ select: typeof ROW_SELECT }>;

const RESOLUTION_ORDER = ["REFUND", "STORE_CREDIT", "EXCHANGE"];

type Direction = "older" | "newer";

/** Keyset condition: strictly after the cursor in the page order. */
function cursorWhere(cursor: InboxCursor, direction: Direction): Prisma.ReturnRequestWhereInput {
  const at = cursor.createdAt;
  return direction === "older"
    ? { AND: [{ createdAt: { lte: at } }, { OR: [{ createdAt: { lt: at } }, { id: { lt: cursor.id } }] }] }
    : { AND: [{ createdAt: { gte: at } }, { OR: [{ createdAt: { gt: at } }, { id: { gt: cursor.id } }] }] };
}

interface RowKey {
  id: string;
  createdAt: Date;
}

/** Newest first: createdAt desc, then id desc (ids are ASCII, so JS and both databases agree). */
function compareNewestFirst(a: RowKey, b: RowKey): number {
  const t = b.createdAt.getTime() - a.createdAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function comparatorFor(direction: Direction) {
  return direction === "older" ? compareNewestFirst : (a: RowKey, b: RowKey) => compareNewestFirst(b, a);
}

/** Merges alternatives' results (each already in page order): dedupe, order, first `n`. */
function mergeFirst<T extends RowKey>(parts: T[][], direction: Direction, n: number): T[] {
  if (parts.length === 1) return parts[0].slice(0, n);
  const byId = new Map(parts.flat().map((r) => [r.id, r]));
  return [...byId.values()].sort(comparatorFor(direction)).slice(0, n);
}

/**
 * A search branch matching at most this many returns is narrow: all its rows are read
 * through the branch's index, then filtered (tab, cursor) and ordered here. A broader one
 * ("c", a popular domain) is read in page order instead, where its matches are dense
 * enough to fill a page quickly. The cost of either side stays bounded by about this many
 * rows, whatever the size of the shop.
 */
export const SEARCH_NARROW_LIMIT = 500;

export async function listReturns(
  client: Db,
  shop: { id: string; rmaPrefix: string },
  query: InboxQuery,
): Promise<InboxPage> {
  const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? INBOX_PAGE_SIZE)), 250);
  const after = decodeCursor(query.after);
  const before = after ? null : decodeCursor(query.before);
  const direction: Direction = before ? "newer" : "older";
  const cursor = after ?? before;
  const search = parseInboxSearch(query.search, shop.rmaPrefix);
  const statuses = TAB_STATUSES[query.tab];

  const base: Prisma.ReturnRequestWhereInput[] = [{ shopId: shop.id }];
  if (query.tab === "attention") base.push({ needsAttention: true });
  if (cursor) base.push(cursorWhere(cursor, direction));
  // `status IN (a, b)` can't be read from `[shopId, status, createdAt]` in createdAt order,
  // so a tab of several statuses is one ordered query per status, merged.
  const statusAlternatives: Prisma.ReturnRequestWhereInput[] = statuses ? statuses.map((status) => ({ status })) : [{}];

  const order: Prisma.SortOrder = direction === "older" ? "desc" : "asc";
  const ordered = <S extends Prisma.ReturnRequestSelect>(extra: Prisma.ReturnRequestWhereInput[], select: S) =>
    client.returnRequest.findMany({
      where: { AND: [...base, ...extra] },
      orderBy: [{ createdAt: order }, { id: order }],
      take: limit + 1,
      select,
    });

  let found: RowRecord[];
  if (!search) {
    const parts = await Promise.all(statusAlternatives.map((s) => ordered([s], ROW_SELECT)));
    found = mergeFirst(parts, direction, limit + 1);
  } else {
    found = await searchRows(client, shop.id, await searchBranches(client, search), {
      accept: (r) =>
        (!statuses || statuses.includes(r.status as ReturnStatus)) &&
        (query.tab !== "attention" || r.needsAttention) &&
        (!cursor || compareNewestFirst(r, cursor) * (direction === "older" ? 1 : -1) > 0),
      inPageOrder: (filter) => Promise.all(statusAlternatives.map((s) => ordered([s, filter], ROW_SELECT))),
      direction,
      n: limit + 1,
    });
  }

  const more = found.length > limit;
  let page = found.slice(0, limit);
  if (direction === "newer") page = page.reverse();

  const rows = await withLines(client, shop.id, page);
  const first = page[0];
  const last = page[page.length - 1];
  // Going back (`before`) there is always an older page: the cursor's own row.
  const hasOlder = direction === "older" ? more : true;
  const hasNewer = direction === "older" ? cursor !== null : more;
  return {
    rows,
    nextCursor: hasOlder && last ? encodeCursor(last) : null,
    previousCursor: hasNewer && first ? encodeCursor(first) : null,
    search,
  };
}

/**
 * The first `n` rows (in page order) matching any branch. A branch is looked up through
 * its own index with nothing else in the query: next to an ORDER BY … LIMIT, SQLite (which
 * has no statistics here) walks `[shopId, createdAt]` through the whole shop rather than
 * look up `orderName = ?`.
 */
async function searchRows(
  client: Db,
  shopId: string,
  branches: SearchBranch[],
  options: {
    accept: (r: RowRecord) => boolean;
    inPageOrder: (filter: Prisma.ReturnRequestWhereInput) => Promise<RowRecord[][]>;
    direction: Direction;
    n: number;
  },
): Promise<RowRecord[]> {
  const parts: RowRecord[][] = [];
  for (const branch of branches) {
    let narrow: RowRecord[] | null = null;
    if (branch.kind === "equal") {
      const rows = await client.returnRequest.findMany({
        where: { AND: [{ shopId }, branch.where] },
        select: ROW_SELECT,
        take: SEARCH_NARROW_LIMIT + 1,
      });
      if (rows.length <= SEARCH_NARROW_LIMIT) narrow = rows;
    } else if (branch.range && (await countEmailRange(client, shopId, branch.range, SEARCH_NARROW_LIMIT + 1)) <= SEARCH_NARROW_LIMIT) {
      narrow = await client.returnRequest.findMany({ where: { shopId, customerEmail: branch.range }, select: ROW_SELECT });
    }
    if (narrow) parts.push(narrow.filter(options.accept).sort(comparatorFor(options.direction)).slice(0, options.n));
    else parts.push(...(await options.inPageOrder(branch.filter)));
  }
  return mergeFirst(parts, options.direction, options.n);
}

/** Item counts and resolutions for one page of returns (one query on `[returnRequestId]`). */
export async function withLines(client: Db, shopId: string, page: RowRecord[]): Promise<InboxRow[]> {
  if (page.length === 0) return [];
  // By return id only: with `shopId = ?` next to it, SQLite reads the whole shop through
  // `[shopId, productId]` instead of the 50 ids through `[returnRequestId]`. The ids come
  // from a shop-scoped query; the shop is checked again on the rows.
  const lines = await client.returnLine.findMany({
    where: { returnRequestId: { in: page.map((r) => r.id) } },
    select: { shopId: true, returnRequestId: true, quantity: true, resolution: true },
  });
  const byReturn = new Map<string, { items: number; resolutions: Set<string> }>();
  for (const l of lines) {
    if (l.shopId !== shopId) continue;
    const entry = byReturn.get(l.returnRequestId) ?? { items: 0, resolutions: new Set<string>() };
    entry.items += l.quantity;
    entry.resolutions.add(l.resolution);
    byReturn.set(l.returnRequestId, entry);
  }
  return page.map((r) => {
    const entry = byReturn.get(r.id);
    const resolutions = entry ? [...entry.resolutions].sort((a, b) => rank(a) - rank(b)) : [];
    return {
      id: r.id,
      rmaNumber: r.rmaNumber,
      status: r.status,
      orderName: r.orderName,
      customerName: r.customerName,
      customerEmail: r.customerEmail,
      itemCount: entry?.items ?? 0,
      resolutions,
      currency: r.currency,
      amount: r.refundAmount + r.storeCreditAmount + r.exchangeAmount,
      needsAttention: r.needsAttention,
      attentionReason: r.attentionReason,
      requestedAt: r.requestedAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
    };
  });
}

function rank(resolution: string): number {
  const i = RESOLUTION_ORDER.indexOf(resolution);
  return i === -1 ? RESOLUTION_ORDER.length : i;
}

/** Tab counts stop at this number and show "1,000+" beyond it. */
export const COUNT_CAP = 1000;

export interface TabCount {
  /** Exact when not capped; otherwise COUNT_CAP. */
  count: number;
  capped: boolean;
}

/**
 * Number of returns in each tab (not narrowed by a search), exact up to COUNT_CAP.
 * An exact count reads every index entry of the shop (PostgreSQL: ~50 ms at 100,000
 * returns, on every inbox load); a capped one reads at most COUNT_CAP + 1 entries per
 * status, whatever the size of the shop. The tabs that need action (requested, needs
 * attention, received) are small and stay exact; "Closed: 1,000+" is all a merchant reads
 * there. One round trip, raw because Prisma's count with `take` adds a sort.
 */
export async function countReturnsByTab(client: Db, shopId: string): Promise<Record<InboxTab, TabCount>> {
  const limit = COUNT_CAP + 1;
  // Labels are our own constants (never input), so they can be SQL literals.
  const probe = (label: string, condition: PrismaSql.Sql) =>
    PrismaSql.sql`SELECT ${PrismaSql.raw(`'${label}'`)} AS k, COUNT(*) AS n FROM (SELECT 1 FROM "ReturnRequest" WHERE "shopId" = ${shopId}${condition} LIMIT ${limit}) AS ${PrismaSql.raw(`c_${label.toLowerCase()}`)}`;
  const probes = [
    ...RETURN_STATUSES.map((status) => probe(status, PrismaSql.sql` AND "status" = ${status}`)),
    probe("ATTENTION", PrismaSql.sql` AND "needsAttention" = ${true}`),
    probe("ALL", PrismaSql.empty),
  ];
  const rows = await client.$queryRaw<{ k: string; n: number | bigint }[]>(PrismaSql.join(probes, " UNION ALL ", "", ""));
  const raw = new Map(rows.map((r) => [r.k, Number(r.n)]));
  const capped = (n: number): TabCount => (n > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count: n, capped: false });
  const counts = {} as Record<InboxTab, TabCount>;
  for (const tab of INBOX_TABS) {
    const statuses = TAB_STATUSES[tab];
    const n = tab === "attention" ? raw.get("ATTENTION") : statuses ? statuses.reduce((a, s) => a + (raw.get(s) ?? 0), 0) : raw.get("ALL");
    counts[tab] = capped(n ?? 0);
  }
  return counts;
}

/** Kept for callers that want raw per-status numbers. */
export async function countReturnsByStatus(shopDomain: string, client: Db = db): Promise<Record<string, number>> {
  const rows = await client.returnRequest.groupBy({
    by: ["status"],
    where: { shop: { domain: shopDomain } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

export interface Inbox {
  shop: { id: string; domain: string; timezone: string | null; rmaPrefix: string };
  page: InboxPage;
  counts: Record<InboxTab, TabCount>;
}

/** Everything the inbox page shows, for the shop of an admin session. */
export async function loadInbox(shopDomain: string, query: InboxQuery, client: Db = db): Promise<Inbox> {
  // A read, not an upsert: the app shell's loader already made sure the shop exists.
  const shop = (await client.shop.findUnique({ where: { domain: shopDomain } })) ?? (await ensureShop(shopDomain, client));
  const [page, counts] = await Promise.all([listReturns(client, shop, query), countReturnsByTab(client, shop.id)]);
  return { shop: { id: shop.id, domain: shop.domain, timezone: shop.timezone, rmaPrefix: shop.rmaPrefix }, page, counts };
}

// ---------------------------------------------------------------------------------------
// Detail

export interface ReturnDetailLine {
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  unitPrice: number;
  reasonHandle: string | null;
  customerNote: string | null;
  resolution: string;
  exchangeVariantId: string | null;
  exchangeVariantTitle: string | null;
  conditionGrade: string | null;
  disposition: string | null;
  dispositionLocationId: string | null;
  restockingFeePercent: number;
}

export interface ReturnDetailEvent {
  id: string;
  type: string;
  actor: string;
  actorId: string | null;
  createdAt: string;
  /** The event's JSON data, or {} when it isn't an object. */
  data: Record<string, unknown>;
}

export interface ReturnDetail {
  id: string;
  rmaNumber: string;
  status: ReturnStatus;
  allowedActions: ReturnAction[];
  orderId: string;
  orderName: string;
  customerName: string | null;
  customerEmail: string | null;
  locale: string | null;
  method: string;
  shopifyReturnId: string | null;
  shopifyReturnName: string | null;
  currency: string;
  amounts: {
    refund: number;
    storeCredit: number;
    bonusCredit: number;
    exchange: number;
    restockingFee: number;
    returnShippingFee: number;
  };
  declineReason: string | null;
  declineNote: string | null;
  tracking: { number: string | null; url: string | null; carrier: string | null; labelUrl: string | null };
  storeCreditConsent: boolean;
  euWithdrawal: boolean;
  autoApproved: boolean;
  needsAttention: boolean;
  attentionReason: string | null;
  requestedAt: string;
  approvedAt: string | null;
  declinedAt: string | null;
  inTransitAt: string | null;
  receivedAt: string | null;
  inspectedAt: string | null;
  processedAt: string | null;
  closedAt: string | null;
  canceledAt: string | null;
  refundDeadline: string | null;
  refundEta: { from: string; to: string } | null;
  /** Staff user id when staff created the return in the app ("staff" when the user is unknown). */
  createdByStaff: string | null;
  /** A staff override of the policy: why, by whom, when, and the rules it set aside. */
  override: { reason: string; by: string | null; at: string; codes: string[] } | null;
  /** A gift return's recipient. */
  gift: {
    recipientName: string | null;
    recipientEmail: string | null;
    /** Where the recipient wants an exchange sent (empty: the order's address). */
    addressLines: string[];
    /** Filed by the recipient themselves (order number + postcode). */
    byRecipient: boolean;
    card: Awaited<ReturnType<typeof giftCardState>>;
  } | null;
  lines: ReturnDetailLine[];
  events: ReturnDetailEvent[];
  /** True when older events were left out (see TIMELINE_LIMIT). */
  eventsTruncated: boolean;
}

export const TIMELINE_LIMIT = 200;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One return with its lines and timeline; a return of another shop is NOT_FOUND (404). */
export async function getReturnDetail(ctx: ReturnsContext, id: string): Promise<ReturnDetail> {
  const ret = await requireReturn(ctx, id);
  const newestFirst = await ctx.db.returnEvent.findMany({
    where: { shopId: ctx.shop.id, returnRequestId: ret.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: TIMELINE_LIMIT + 1,
  });
  const events = newestFirst.slice(0, TIMELINE_LIMIT).reverse();
  const status = ret.status as ReturnStatus;
  return {
    id: ret.id,
    rmaNumber: ret.rmaNumber,
    status,
    allowedActions: allowedActions(status),
    orderId: ret.orderId,
    orderName: ret.orderName,
    customerName: ret.customerName,
    customerEmail: ret.customerEmail,
    locale: ret.locale,
    method: ret.method,
    shopifyReturnId: ret.shopifyReturnId,
    shopifyReturnName: ret.shopifyReturnName,
    currency: ret.currency,
    amounts: {
      refund: ret.refundAmount,
      storeCredit: ret.storeCreditAmount,
      bonusCredit: ret.bonusCreditAmount,
      exchange: ret.exchangeAmount,
      restockingFee: ret.restockingFeeAmount,
      returnShippingFee: ret.returnShippingFee,
    },
    declineReason: ret.declineReason,
    declineNote: ret.declineNote,
    tracking: { number: ret.trackingNumber, url: ret.trackingUrl, carrier: ret.carrierName, labelUrl: ret.labelUrl },
    storeCreditConsent: ret.storeCreditConsent,
    euWithdrawal: ret.euWithdrawal,
    autoApproved: ret.autoApproved,
    needsAttention: ret.needsAttention,
    attentionReason: ret.attentionReason,
    requestedAt: ret.requestedAt.toISOString(),
    approvedAt: iso(ret.approvedAt),
    declinedAt: iso(ret.declinedAt),
    inTransitAt: iso(ret.inTransitAt),
    receivedAt: iso(ret.receivedAt),
    inspectedAt: iso(ret.inspectedAt),
    processedAt: iso(ret.processedAt),
    closedAt: iso(ret.closedAt),
    canceledAt: iso(ret.canceledAt),
    refundDeadline: iso(ret.refundDeadline),
    refundEta: ret.refundEtaFrom && ret.refundEtaTo ? { from: ret.refundEtaFrom.toISOString(), to: ret.refundEtaTo.toISOString() } : null,
    createdByStaff: ret.createdByStaff,
    override:
      ret.overrideReason && ret.overrideAt
        ? { reason: ret.overrideReason, by: ret.overrideBy, at: ret.overrideAt.toISOString(), codes: (parseData(`{"c":${ret.overrideCodes ?? "[]"}}`).c as string[] | undefined) ?? [] }
        : null,
    gift: ret.gift
      ? {
          recipientName: ret.giftRecipientName,
          recipientEmail: ret.giftRecipientEmail,
          addressLines: (parseData(`{"a":${ret.giftAddress ?? "[]"}}`).a as string[] | undefined) ?? [],
          byRecipient: ret.giftByRecipient,
          card: await giftCardState(ctx, ret.id),
        }
      : null,
    lines: ret.lines.map((l) => ({
      id: l.id,
      title: l.title,
      variantTitle: l.variantTitle,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      reasonHandle: l.reasonHandle,
      customerNote: l.customerNote,
      resolution: l.resolution,
      exchangeVariantId: l.exchangeVariantId,
      exchangeVariantTitle: l.exchangeVariantTitle,
      conditionGrade: l.conditionGrade,
      disposition: l.disposition,
      dispositionLocationId: l.dispositionLocationId,
      restockingFeePercent: l.restockingFeePercent,
    })),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      actor: e.actor,
      actorId: e.actorId,
      createdAt: e.createdAt.toISOString(),
      data: parseData(e.data),
    })),
    eventsTruncated: newestFirst.length > TIMELINE_LIMIT,
  };
}

/**
 * Where inspected items can be restocked. One small Admin API query, made only when the
 * return can be inspected; if Shopify doesn't answer, the page still works and says why.
 */
export async function getRestockLocations(ctx: ReturnsContext): Promise<{ locations: RestockLocation[]; error: string | null }> {
  try {
    return { locations: await fetchLocations(ctx.admin), error: null };
  } catch (error) {
    if (!(error instanceof ShopifyApiError)) throw error;
    return {
      locations: [],
      error: "Shopify didn't send your locations, so items can't be restocked from here right now. Reload the page to try again, or choose another disposition.",
    };
  }
}
