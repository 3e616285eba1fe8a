/**
 * One page of the inbox for a tab, a search, filters and a sort: the plain newest-first
 * list keeps listReturns (returns-query.server.ts); anything filtered or sorted otherwise
 * goes through listFilteredReturns. Tab counts are the shop's (not narrowed by filters).
 */
import db, { type Db } from "~/db.server";
import { countReturnsByTab, listReturns, type Inbox, type InboxTab } from "../returns-query.server";
import { ensureShop } from "../shops.server";
import { loadPolicy } from "../policy.server";
import { hasFilters, type InboxFilters, type InboxSort } from "./inbox-filters";
import { listFilteredReturns } from "./filtered-list.server";

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
  const plain = !hasFilters(query.filters) && query.sort === "newest";
  const list = async () => {
    if (plain) return listReturns(client, shop, query);
    const slaDays = query.filters.sla || query.sort === "sla" ? (await loadPolicy(client, shop.id)).inspectionSlaDays : 0;
    return listFilteredReturns(client, shop, query, { timeZone: shop.timezone ?? "UTC", inspectionSlaDays: slaDays, now: options.now ?? new Date() });
  };
  const [page, counts] = await Promise.all([list(), countReturnsByTab(client, shop.id)]);
  return { shop: { id: shop.id, domain: shop.domain, timezone: shop.timezone, rmaPrefix: shop.rmaPrefix }, page, counts };
}
