/**
 * The app's home: the setup checklist while anything is left, then the returns inbox — the
 * shop's returns newest first, 50 a page (keyset cursors), tabs by status with counts,
 * search by RMA, order number or customer e-mail. Tab, search and cursor live in the URL
 * (?tab=&q=&after=|before=), so Back, reload and shared links show the same list.
 * Data: app/services/inbox-page.server.ts; rows and search: app/components/inbox/.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import {
  BlockStack,
  Card,
  EmptySearchResult,
  EmptyState,
  IndexFilters,
  IndexFiltersMode,
  IndexTable,
  Layout,
  Page,
  useIndexResourceState,
  useSetIndexFiltersMode,
} from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { loadInboxPage } from "~/services/inbox-page.server";
import { BulkResults, DeclinePanel, resultsById, useBulkActions } from "~/components/inbox/BulkActions";
import { ReturnsTableRows } from "~/components/inbox/ReturnsTable";
import { useInboxSearch } from "~/components/inbox/inbox-url";
import { ExportButton } from "~/components/analytics/ExportButton";
import { tabDescription, tabLabel } from "~/i18n/admin";
import { translator } from "~/i18n/admin-locale";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";
import { CREATE_RETURN_CATALOG } from "~/i18n/catalogs/create-return";
import { OnboardingChecklist } from "~/components/onboarding/OnboardingChecklist";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  return loadInboxPage(request, session.shop, sessionToken?.sub);
};

// A small inline illustration: nothing to fetch, so it also works offline and can't shift the layout.
const EMPTY_IMAGE =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="226" height="226" viewBox="0 0 226 226"><rect x="38" y="70" width="150" height="110" rx="8" fill="#e3e3e3"/><path d="M38 78l30-38h90l30 38z" fill="#cfcfcf"/><rect x="93" y="70" width="40" height="40" fill="#b5b5b5"/></svg>',
  );

export default function ReturnsInbox() {
  const data = useLoaderData<typeof loader>();
  const t = translator(INBOX_CATALOG, data.locale);
  const navigation = useNavigation();
  const navigate = useNavigate();

  // While a tab change is loading, show the tab being opened.
  const pending = navigation.location?.pathname === "/app" ? new URLSearchParams(navigation.location.search) : null;
  const pendingTab = pending ? (data.tabs.find((t) => t === pending.get("tab")) ?? "all") : null;
  const tab = pendingTab ?? data.tab;
  const loading = navigation.state === "loading" && pending !== null;

  const { query, setQuery, clearSearch, go } = useInboxSearch(data);

  // Bulk actions: selection, per-row results (app/components/inbox/BulkActions.tsx).
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(data.rows);
  const bulk = useBulkActions(clearSelection);
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

  const emptyState = !data.hasAnyReturn ? (
    <EmptyState heading={t("emptyHeading")} image={EMPTY_IMAGE}>
      <p>{t("emptyBody")}</p>
    </EmptyState>
  ) : (
    <EmptySearchResult title={t("noResultsTitle")} description={data.q ? t("noResultsSearch", { query: data.q }) : t("noResultsTab")} withIllustration />
  );

  return (
    <Page
      title={t("pageTitle")}
      fullWidth
      primaryAction={{ content: translator(CREATE_RETURN_CATALOG, data.locale)("title"), onAction: () => navigate("/app/returns/new") }}
    >
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
                <ReturnsTableRows rows={data.rows} selected={selectedResources} failures={resultsById(bulk.results)} locale={data.locale} rowFailed={(message) => t("rowFailed", { message })} />
              </IndexTable>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
