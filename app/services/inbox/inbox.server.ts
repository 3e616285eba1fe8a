/**
 * One page of the inbox for a tab, a search, filters and a sort: the plain newest-first
 * list keeps listReturns (returns-query.server.ts); anything filtered or sorted otherwise
 * goes through listFilteredReturns. Tab counts follow the filters (one grouped query,
 * countFilteredByTab), not the search; with no filter, the shop's capped counts.
 */
import db, { type Db } from "~/db.server";
import { countReturnsByTab, listReturns, type Inbox, type InboxTab } from "../returns-query.server";
import { ensureShop } from "../shops.server";
import { loadPolicy } from "../policy.server";
import { hasFilters, type InboxFilters, type InboxSort } from "./inbox-filters";
import { countFilteredByTab, listFilteredReturns } from "./filtered-list.server";

export interface InboxListQuery {
  tab: InboxTab;
  search?: string | null;
  filters: InboxFilters;
  sort: InboxSort;
  after?: string | null;
  before?: string | null;
  limit?: number;
}

export async function loadInboxList(shopDomain: string, query: InboxListQuery, options: { now?: Date } = {}, client: Db = db): Promise<Inbox> {
  const shop = (await client.shop.findUnique({ where: { domain: shopDomain } })) ?? (await ensureShop(shopDomain, client));
  const filtered = hasFilters(query.filters);
  const plain = !filtered && query.sort === "newest";
  const clock = async () => ({
    timeZone: shop.timezone ?? "UTC",
    inspectionSlaDays: query.filters.sla || query.sort === "sla" ? (await loadPolicy(client, shop.id)).inspectionSlaDays : 0,
    now: options.now ?? new Date(),
  });
  const list = async () => (plain ? listReturns(client, shop, query) : listFilteredReturns(client, shop, query, await clock()));
  const count = async () => (filtered ? countFilteredByTab(client, shop, query.filters, await clock()) : countReturnsByTab(client, shop.id));
  const [page, counts] = await Promise.all([list(), count()]);
  return { shop: { id: shop.id, domain: shop.domain, timezone: shop.timezone, rmaPrefix: shop.rmaPrefix }, page, counts };
}
