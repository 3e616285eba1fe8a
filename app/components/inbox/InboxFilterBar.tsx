/**
 * The inbox's IndexFilters: status tabs and saved views (use-inbox-tabs.ts), the search
 * field, the filters (inbox-filter-fields.tsx) and the sort (inbox-sort.ts), and above it
 * who sees the open view (with "Share with the shop" for one's own). Every change is a
 * navigation to the inbox URL (inbox-url.ts), so Back and shared links show the same list.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Banner, Box, Button, IndexFilters, IndexFiltersMode, InlineStack, Text, useSetIndexFiltersMode } from "@shopify/polaris";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";
import { INBOX_FILTERS_CATALOG } from "~/i18n/catalogs/inbox-filters";
import { inboxFilterParams, type InboxFilters, type InboxSort } from "~/services/inbox/inbox-filters";
import type { InboxPageData } from "~/services/inbox-page.server";
import type { InboxParams } from "./inbox-url";
import { useFilterFields } from "./inbox-filter-fields";
import { SORT_VALUES, sortFromValue, sortOptions } from "./inbox-sort";
import { useInboxTabs } from "./use-inbox-tabs";

type Data = SerializeFrom<InboxPageData>;

interface Props {
  data: Data;
  tab: string;
  query: string;
  setQuery: (q: string) => void;
  clearSearch: () => void;
  go: (params: InboxParams, replace?: boolean) => void;
  loading: boolean;
}

export function InboxFilterBar({ data, tab, query, setQuery, clearSearch, go, loading }: Props) {
  const locale = data.locale as AdminLocale;
  const t = translator(INBOX_CATALOG, locale);
  const tv = translator(INBOX_FILTERS_CATALOG, locale);
  const filters = data.filters as InboxFilters;
  const sort = data.sort as InboxSort;
  const { mode, setMode } = useSetIndexFiltersMode(data.q || data.filterQuery ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);

  const setFilters = (change: Partial<InboxFilters>, nextSort: InboxSort = sort) =>
    go({ tab, q: data.q, filters: inboxFilterParams({ ...filters, ...change }, nextSort).toString(), view: data.view });
  const fields = useFilterFields({ locale, filters, locations: data.locations, inspectionSlaDays: data.inspectionSlaDays, setFilters });
  const views = useInboxTabs(data, tab, go);

  return (
    <>
      {views.error ? (
        <Banner tone="critical">
          <p>{tv("view.error", { message: views.error })}</p>
        </Banner>
      ) : null}
      {/* Above the bar: Polaris' tab measurer can overlay the line right under it. */}
      {views.current ? (
        <Box paddingInline="300" paddingBlockStart="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="span" variant="bodySm" tone="subdued">
              {views.current.private ? tv("view.private") : tv("view.shared")}
            </Text>
            {views.current.private ? (
              <Button variant="plain" size="slim" onClick={() => views.share(views.current!.id)} disabled={views.busy}>
                {tv("view.share")}
              </Button>
            ) : null}
          </InlineStack>
        </Box>
      ) : null}
      <IndexFilters
        tabs={views.tabs}
        selected={views.selected}
        onSelect={views.onSelect}
        queryValue={query}
        queryPlaceholder={t("searchPlaceholder")}
        onQueryChange={setQuery}
        onQueryClear={clearSearch}
        filters={fields.filters}
        appliedFilters={fields.appliedFilters}
        onClearAll={() => go({ tab, q: "", view: data.view })}
        sortOptions={sortOptions(tv)}
        sortSelected={[SORT_VALUES[sort]]}
        onSort={([value]) => {
          const next = sortFromValue(value);
          if (next) setFilters({}, next);
        }}
        canCreateNewView
        onCreateNewView={views.createView}
        primaryAction={views.primaryAction}
        cancelAction={{ onAction: clearSearch, disabled: false, loading: false }}
        mode={mode}
        setMode={setMode}
        loading={loading || views.busy}
      />
    </>
  );
}
