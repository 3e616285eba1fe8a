/**
 * The app's home page data: the onboarding checklist (while anything is left) and one page
 * of the returns inbox as display strings in the staff member's language. Tab, search,
 * filters, sort, saved view and cursor come from the URL; bad or hand-edited parameters
 * fall back to the first page of "All" or are left out and named (`ignored`), never an error.
 */
import { z } from "zod";
import db from "~/db.server";
import { env } from "~/env.server";
import { createAdminClient } from "~/shopify/client.server";
import { adminApiOrigin } from "~/shopify/stand-in-routing.server";
import { fetchLocations, type RestockLocation } from "~/shopify/locations.server";
import { ShopifyApiError } from "~/shopify/errors";
import { INBOX_TABS, SEARCH_MAX_LENGTH, type InboxTab } from "./returns-query.server";
import { adminLocaleFor } from "./admin-locale.server";
import { loadOnboarding } from "./onboarding-page.server";
import { loadPolicy } from "./policy.server";
import { loadInboxList } from "./inbox/inbox.server";
import { inboxFilterParams, parseInboxParams } from "./inbox/inbox-filters";
import { listSavedViews } from "./inbox/saved-views.server";
import { formatAdminDate, formatAdminMoney, formatCount, resolutionLabel } from "~/i18n/admin";
import { translator } from "~/i18n/admin-locale";
import { INBOX_FILTERS_CATALOG } from "~/i18n/catalogs/inbox-filters";

/** The shop's locations for the location filter; none (and a note) when Shopify doesn't answer. */
async function locationsOf(session: {
  shop: string;
  accessToken?: string;
}): Promise<RestockLocation[] | null> {
  if (!session.accessToken) return null;
  try {
    return await fetchLocations(
      createAdminClient({
        shop: session.shop,
        accessToken: session.accessToken,
        origin: adminApiOrigin(env()),
      }),
    );
  } catch (error) {
    if (error instanceof ShopifyApiError) return null;
    throw error;
  }
}

const InboxParamsSchema = z.object({
  tab: z.enum(INBOX_TABS).catch("all"),
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, SEARCH_MAX_LENGTH)),
  after: z.string().max(100).optional().catch(undefined),
  before: z.string().max(100).optional().catch(undefined),
  view: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
});

export async function loadInboxPage(
  request: Request,
  session: { shop: string; accessToken?: string },
  userId: string | null | undefined,
  /** The staff member whose private views are shown (staffUserId: the audit trail's "who"). */
  staff: string | null = userId ?? null,
) {
  const shopDomain = session.shop;
  // First, so the checklist below finds the language already remembered (one write, not two).
  const locale = await adminLocaleFor(request, { shop: shopDomain, userId });
  const url = new URL(request.url);
  const params = InboxParamsSchema.parse(Object.fromEntries(url.searchParams));
  const { filters, sort, ignored } = parseInboxParams(url.searchParams);
  const [{ shop, page, counts }, locations] = await Promise.all([
    loadInboxList(shopDomain, {
      tab: params.tab,
      search: params.q || null,
      filters,
      sort,
      after: params.after,
      before: params.before,
    }),
    locationsOf(session),
  ]);
  const [views, policy] = await Promise.all([listSavedViews(db, shop.id, staff), loadPolicy(db, shop.id)]);
  const tv = translator(INBOX_FILTERS_CATALOG, locale);
  const onboarding = await loadOnboarding(request, shopDomain, userId ?? undefined);
  return {
    locale,
    onboarding,
    // The tab order and the search limit travel with the data: the page's components can't
    // import the server module that defines them.
    tabs: INBOX_TABS,
    searchMaxLength: SEARCH_MAX_LENGTH,
    tab: params.tab,
    q: params.q,
    filters,
    sort,
    ignored,
    /** The filters and sort as URL parameters (what a saved view stores). */
    filterQuery: inboxFilterParams(filters, sort).toString(),
    view: views.some((v) => v.id === params.view) ? params.view! : null,
    views: views.map((v) => ({
      id: v.id,
      name: v.name ?? (v.defaultKey ? tv(`view.${v.defaultKey}`) : ""),
      query: v.query,
      private: v.private,
    })),
    locations,
    inspectionSlaDays: policy.inspectionSlaDays,
    counts: Object.fromEntries(
      INBOX_TABS.map((t) => [t, formatCount(counts[t], locale)]),
    ) as Record<InboxTab, string>,
    hasAnyReturn: counts.all.count > 0,
    rows: page.rows.map((r) => ({
      id: r.id,
      rmaNumber: r.rmaNumber,
      status: r.status,
      orderName: r.orderName,
      customerName: r.customerName,
      customerEmail: r.customerEmail,
      items: r.itemCount,
      resolution: r.resolutions
        .map((resolution) => resolutionLabel(resolution, locale))
        .join(" + "),
      // Returns adopted from Shopify's admin carry no amounts of ours: show nothing, not "0.00".
      amount: r.amount === 0 ? "—" : formatAdminMoney(r.amount, r.currency, locale),
      needsAttention: r.needsAttention,
      attentionReason: r.attentionReason,
      requested: formatAdminDate(r.requestedAt, shop.timezone, locale),
    })),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
  };
}

export type InboxPageData = Awaited<ReturnType<typeof loadInboxPage>>;
export type InboxRow = InboxPageData["rows"][number];
