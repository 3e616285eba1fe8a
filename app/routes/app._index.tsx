/**
 * The app's home: the setup checklist while anything is left, then the returns inbox — the
 * shop's returns, 50 a page (keyset cursors), tabs by status with counts, saved views,
 * search by RMA, order number or customer e-mail, filters and sort. All of it lives in the
 * URL (?tab=&q=&<filters>&sort=&view=&after=|before=), so Back, reload and shared links
 * show the same list. Data: app/services/inbox-page.server.ts and app/services/inbox/;
 * rows, filters and bulk actions: app/components/inbox/. The action saves views.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Card,
  EmptySearchResult,
  EmptyState,
  IndexTable,
  Layout,
  Page,
  useIndexResourceState,
} from "@shopify/polaris";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { loadInboxPage } from "~/services/inbox-page.server";
import { handleSavedViewAction } from "~/services/inbox/saved-views.server";
import { ReturnsError } from "~/services/context.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { ensureShop } from "~/services/shops.server";
import { staffUserId } from "~/services/return-page-actions.server";
import {
  BulkResults,
  DeclinePanel,
  resultsById,
  useBulkActions,
} from "~/components/inbox/BulkActions";
import { ReturnsTableRows } from "~/components/inbox/ReturnsTable";
import { InboxFilterBar } from "~/components/inbox/InboxFilterBar";
import { useInboxSearch } from "~/components/inbox/inbox-url";
import { ExportButton } from "~/components/analytics/ExportButton";
import { translator } from "~/i18n/admin-locale";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";
import { INBOX_FILTERS_CATALOG } from "~/i18n/catalogs/inbox-filters";
import { CREATE_RETURN_CATALOG } from "~/i18n/catalogs/create-return";
import { OnboardingChecklist } from "~/components/onboarding/OnboardingChecklist";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  return loadInboxPage(request, session, sessionToken?.sub, staffUserId(session, sessionToken));
};

/** Saved views: create, rename, save filters, share, delete (app/services/inbox/saved-views.server.ts). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop, db);
  const form = await request.formData();
  try {
    // Private views belong to the staff member of the session (the audit trail's "who").
    const { view } = await handleSavedViewAction(db, shop.id, form, staffUserId(session, sessionToken));
    return json({ view, created: form.get("intent") === "createView" });
  } catch (error) {
    if (error instanceof ReturnsError) {
      const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
      return json({ error: error.messageIn(locale) }, { status: error.status });
    }
    throw error;
  }
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
  const pending =
    navigation.location?.pathname === "/app"
      ? new URLSearchParams(navigation.location.search)
      : null;
  const pendingTab = pending ? (data.tabs.find((t) => t === pending.get("tab")) ?? "all") : null;
  const tab = pendingTab ?? data.tab;
  const loading = navigation.state === "loading" && pending !== null;

  const { query, setQuery, clearSearch, go } = useInboxSearch(data);

  // Bulk actions: selection, per-row results (app/components/inbox/BulkActions.tsx).
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(data.rows);
  const bulk = useBulkActions(clearSelection);
  const selectedIds = allResourcesSelected ? data.rows.map((r) => r.id) : selectedResources;

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
    <Page
      title={t("pageTitle")}
      fullWidth
      primaryAction={{
        content: translator(CREATE_RETURN_CATALOG, data.locale)("title"),
        onAction: () => navigate("/app/returns/new"),
      }}
    >
      <Layout>
        {data.onboarding ? (
          <Layout.Section>
            <OnboardingChecklist data={data.onboarding} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="300">
            {data.ignored.length > 0 ? (
              <Banner tone="warning">
                <p>
                  {translator(INBOX_FILTERS_CATALOG, data.locale)("ignored", {
                    names: data.ignored.join(", "),
                  })}
                </p>
              </Banner>
            ) : null}
            <BulkResults
              results={bulk.results}
              error={bulk.error}
              onDismiss={bulk.dismiss}
              locale={data.locale}
            />
            {bulk.declining ? (
              <DeclinePanel
                count={bulk.declining.length}
                onConfirm={bulk.confirmDecline}
                onCancel={bulk.cancelDecline}
                locale={data.locale}
              />
            ) : null}
            {selectedIds.length > 0 ? (
              <ExportButton
                href={`/app/analytics/export?table=returns&ids=${selectedIds.join(",")}`}
                label={t("exportSelected", { count: selectedIds.length })}
              />
            ) : null}
            <Card padding="0">
              <InboxFilterBar
                data={data}
                tab={tab}
                query={query}
                setQuery={setQuery}
                clearSearch={clearSearch}
                go={go}
                loading={loading}
              />
              <IndexTable
                resourceName={{ singular: t("resourceSingular"), plural: t("resourcePlural") }}
                itemCount={data.rows.length}
                selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                onSelectionChange={handleSelectionChange}
                promotedBulkActions={[
                  {
                    content: t("bulkApprove"),
                    onAction: () => bulk.approve(selectedIds),
                    disabled: bulk.busy,
                  },
                  {
                    content: t("bulkReceive"),
                    onAction: () => bulk.receive(selectedIds),
                    disabled: bulk.busy,
                  },
                  {
                    content: t("bulkDecline"),
                    onAction: () => bulk.startDecline(selectedIds),
                    disabled: bulk.busy,
                  },
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
                  onNext: () =>
                    go({
                      tab: data.tab,
                      q: data.q,
                      filters: data.filterQuery,
                      view: data.view,
                      after: data.nextCursor,
                    }),
                  onPrevious: () =>
                    go({
                      tab: data.tab,
                      q: data.q,
                      filters: data.filterQuery,
                      view: data.view,
                      before: data.previousCursor,
                    }),
                }}
              >
                <ReturnsTableRows
                  rows={data.rows}
                  selected={selectedResources}
                  failures={resultsById(bulk.results)}
                  locale={data.locale}
                  rowFailed={(message) => t("rowFailed", { message })}
                />
              </IndexTable>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
