/**
 * Returns inbox: the shop's returns newest first, 50 a page (keyset cursors), tabs by status
 * with counts, search by RMA, order number or customer e-mail. Tab, search and cursor live
 * in the URL (?tab=&q=&after=|before=), so Back, reload and shared links show the same list.
 */
import { useEffect, useRef, useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import {
  BlockStack,
  Card,
  EmptySearchResult,
  EmptyState,
  IndexFilters,
  IndexFiltersMode,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Text,
  useIndexResourceState,
  useSetIndexFiltersMode,
  Badge,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { INBOX_TABS, SEARCH_MAX_LENGTH, loadInbox, type InboxTab } from "~/services/returns-query.server";
import { AttentionBadge, ReturnStatusBadge } from "~/components/ReturnStatusBadge";
import { BulkResults, DeclinePanel, resultsById, useBulkActions } from "~/components/inbox/BulkActions";
import { ExportButton } from "~/components/analytics/ExportButton";
import { formatAdminDate, formatAdminMoney, formatCount, resolutionLabel, tabDescription, tabLabel } from "~/i18n/admin";
import { translator } from "~/i18n/admin-locale";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { OnboardingChecklist } from "~/components/onboarding/OnboardingChecklist";
import { loadOnboarding } from "~/services/onboarding-page.server";

/** Bad or hand-edited parameters fall back to the first page of "All", never to an error. */
const InboxParamsSchema = z.object({
  tab: z.enum(INBOX_TABS).catch("all"),
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, SEARCH_MAX_LENGTH)),
  after: z.string().max(100).optional().catch(undefined),
  before: z.string().max(100).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  // First, so the checklist below finds the language already remembered (one write, not two).
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const params = InboxParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { shop, page, counts } = await loadInbox(session.shop, {
    tab: params.tab,
    search: params.q || null,
    after: params.after,
    before: params.before,
  });
  const onboarding = await loadOnboarding(request, session.shop, sessionToken?.sub);
  return {
    locale,
    onboarding,
    // The tab order and the search limit travel with the data: this page's component can't
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
};

type InboxParams = { tab: InboxTab; q: string; after?: string | null; before?: string | null };

/** Only the inbox's own parameters; the admin's launch parameters are not carried along. */
function inboxUrl({ tab, q, after, before }: InboxParams): string {
  const params = new URLSearchParams();
  if (tab !== "all") params.set("tab", tab);
  if (q) params.set("q", q);
  if (after) params.set("after", after);
  else if (before) params.set("before", before);
  const search = params.toString();
  return search ? `/app?${search}` : "/app";
}

const SEARCH_DEBOUNCE_MS = 300;

// A small inline illustration: nothing to fetch, so it also works offline and can't shift the layout.
const EMPTY_IMAGE =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="226" height="226" viewBox="0 0 226 226"><rect x="38" y="70" width="150" height="110" rx="8" fill="#e3e3e3"/><path d="M38 78l30-38h90l30 38z" fill="#cfcfcf"/><rect x="93" y="70" width="40" height="40" fill="#b5b5b5"/></svg>',
  );

export default function ReturnsInbox() {
  const data = useLoaderData<typeof loader>();
  const t = translator(INBOX_CATALOG, data.locale);
  const navigate = useNavigate();
  const navigation = useNavigation();

  // While a tab change is loading, show the tab being opened.
  const pending = navigation.location?.pathname === "/app" ? new URLSearchParams(navigation.location.search) : null;
  const pendingTab = pending ? (data.tabs.find((t) => t === pending.get("tab")) ?? "all") : null;
  const tab = pendingTab ?? data.tab;
  const loading = navigation.state === "loading" && pending !== null;

  const go = (params: InboxParams, replace = false) => navigate(inboxUrl(params), { replace, preventScrollReset: true });

  // The search field: typed text is sent after a pause; a Back/Forward to another search
  // puts that search in the field.
  const [query, setQuery] = useState(data.q);
  const sent = useRef(data.q);
  useEffect(() => {
    if (data.q !== sent.current) {
      sent.current = data.q;
      setQuery(data.q);
    }
  }, [data.q]);
  useEffect(() => {
    const q = query.trim().slice(0, data.searchMaxLength);
    if (q === sent.current) return;
    const timer = setTimeout(() => {
      // The first search of a list is a new history entry; refining it replaces that entry.
      const replace = sent.current !== "";
      sent.current = q;
      navigate(inboxUrl({ tab: data.tab, q }), { replace, preventScrollReset: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, data.tab, data.searchMaxLength, navigate]);

  // Bulk actions: selection, per-row results (app/components/inbox/BulkActions.tsx).
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(data.rows);
  const bulk = useBulkActions(clearSelection);
  const rowResults = resultsById(bulk.results);
  const selectedIds = allResourcesSelected ? data.rows.map((r) => r.id) : selectedResources;

  const { mode, setMode } = useSetIndexFiltersMode(data.q ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);

  const tabs = data.tabs.map((tabKey, index) => ({
    id: `returns-tab-${tabKey}`,
    content: tabLabel(tabKey, data.locale),
    badge: data.counts[tabKey],
    accessibilityLabel: `${tabDescription(tabKey, data.locale)}: ${data.counts[tabKey]}`,
    index,
    isLocked: true,
    onAction: () => undefined,
  }));

  const clearSearch = () => {
    setQuery("");
    if (data.q) {
      sent.current = "";
      go({ tab: data.tab, q: "" });
    }
  };

  const emptyState = !data.hasAnyReturn ? (
    <EmptyState heading={t("emptyHeading")} image={EMPTY_IMAGE}>
      <p>{t("emptyBody")}</p>
    </EmptyState>
  ) : (
    <EmptySearchResult
      title={t("noResultsTitle")}
      description={data.q ? t("noResultsSearch", { query: data.q }) : t("noResultsTab")}
      withIllustration
    />
  );

  return (
    <Page title={t("pageTitle")} fullWidth>
      <Layout>
        {data.onboarding ? (
          <Layout.Section>
            <OnboardingChecklist data={data.onboarding} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="300">
          <BulkResults results={bulk.results} error={bulk.error} onDismiss={bulk.dismiss} locale={data.locale} />
          {bulk.declining ? <DeclinePanel count={bulk.declining.length} onConfirm={bulk.confirmDecline} onCancel={bulk.cancelDecline} locale={data.locale} /> : null}
          {selectedIds.length > 0 ? <ExportButton href={`/app/analytics/export?table=returns&ids=${selectedIds.join(",")}`} label={t("exportSelected", { count: selectedIds.length })} /> : null}
          <Card padding="0">
            <IndexFilters
              tabs={tabs}
              selected={Math.max(0, data.tabs.indexOf(tab))}
              onSelect={(index) => go({ tab: data.tabs[index] ?? "all", q: data.q })}
              queryValue={query}
              queryPlaceholder={t("searchPlaceholder")}
              onQueryChange={setQuery}
              onQueryClear={clearSearch}
              filters={[]}
              appliedFilters={[]}
              onClearAll={clearSearch}
              hideFilters
              canCreateNewView={false}
              cancelAction={{ onAction: clearSearch, disabled: false, loading: false }}
              mode={mode}
              setMode={setMode}
              loading={loading}
            />
            <IndexTable
              resourceName={{ singular: t("resourceSingular"), plural: t("resourcePlural") }}
              itemCount={data.rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                { content: t("bulkApprove"), onAction: () => bulk.approve(selectedIds), disabled: bulk.busy },
                { content: t("bulkReceive"), onAction: () => bulk.receive(selectedIds), disabled: bulk.busy },
                { content: t("bulkDecline"), onAction: () => bulk.startDecline(selectedIds), disabled: bulk.busy },
              ]}
              loading={loading || bulk.busy}
              emptyState={emptyState}
              headings={[
                { title: t("heading.rma") },
                { title: t("heading.order") },
                { title: t("heading.customer") },
                { title: t("heading.items"), alignment: "end" },
                { title: t("heading.resolution") },
                { title: t("heading.amount"), alignment: "end" },
                { title: t("heading.status") },
                { title: t("heading.requested") },
              ]}
              pagination={{
                hasNext: data.nextCursor !== null,
                hasPrevious: data.previousCursor !== null,
                onNext: () => go({ tab: data.tab, q: data.q, after: data.nextCursor }),
                onPrevious: () => go({ tab: data.tab, q: data.q, before: data.previousCursor }),
              }}
            >
              {data.rows.map((row, index) => (
                <IndexTable.Row id={row.id} key={row.id} position={index} selected={selectedResources.includes(row.id)}>
                  <IndexTable.Cell>
                    {/* The row's primary link: a click anywhere on the row follows it. */}
                    <Link to={`/app/returns/${row.id}`} state={{ fromInbox: true }} data-primary-link prefetch="intent" style={{ color: "inherit", textDecoration: "none" }}>
                      <Text as="span" variant="bodyMd" fontWeight="semibold">
                        {row.rmaNumber}
                      </Text>
                    </Link>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.orderName}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Text as="span">{row.customerName ?? row.customerEmail ?? "—"}</Text>
                      {row.customerName && row.customerEmail ? (
                        <Text as="span" variant="bodySm" tone="subdued">
                          {row.customerEmail}
                        </Text>
                      ) : null}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {row.items}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.resolution || "—"}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {row.amount}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="100">
                      <InlineStack gap="100" wrap={false}>
                        <ReturnStatusBadge status={row.status} locale={data.locale} />
                      </InlineStack>
                      {row.needsAttention ? <AttentionBadge reason={row.attentionReason} locale={data.locale} /> : null}
                      {rowResults.get(row.id) && !rowResults.get(row.id)!.ok ? (
                        <span data-row-error={row.rmaNumber} title={rowResults.get(row.id)!.message}>
                          <Badge tone="critical">{t("rowFailed", { message: rowResults.get(row.id)!.message })}</Badge>
                        </span>
                      ) : null}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.requested}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
