/**
 * The app's home page data: the onboarding checklist (while anything is left) and one page
 * of the returns inbox as display strings in the staff member's language. Tab, search and
 * cursor come from the URL; bad or hand-edited parameters fall back to the first page of
 * "All", never to an error.
 */
import { z } from "zod";
import { INBOX_TABS, SEARCH_MAX_LENGTH, loadInbox, type InboxTab } from "./returns-query.server";
import { adminLocaleFor } from "./admin-locale.server";
import { loadOnboarding } from "./onboarding-page.server";
import { formatAdminDate, formatAdminMoney, formatCount, resolutionLabel } from "~/i18n/admin";

const InboxParamsSchema = z.object({
  tab: z.enum(INBOX_TABS).catch("all"),
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, SEARCH_MAX_LENGTH)),
  after: z.string().max(100).optional().catch(undefined),
  before: z.string().max(100).optional().catch(undefined),
});

export async function loadInboxPage(request: Request, shopDomain: string, userId: string | null | undefined) {
  // First, so the checklist below finds the language already remembered (one write, not two).
  const locale = await adminLocaleFor(request, { shop: shopDomain, userId });
  const params = InboxParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { shop, page, counts } = await loadInbox(shopDomain, {
    tab: params.tab,
    search: params.q || null,
    after: params.after,
    before: params.before,
  });
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
    counts: Object.fromEntries(INBOX_TABS.map((t) => [t, formatCount(counts[t], locale)])) as Record<InboxTab, string>,
    hasAnyReturn: counts.all.count > 0,
    rows: page.rows.map((r) => ({
      id: r.id,
      rmaNumber: r.rmaNumber,
      status: r.status,
      orderName: r.orderName,
      customerName: r.customerName,
      customerEmail: r.customerEmail,
      items: r.itemCount,
      resolution: r.resolutions.map((resolution) => resolutionLabel(resolution, locale)).join(" + "),
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
