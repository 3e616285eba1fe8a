/**
 * The inbox's IndexFilters: status tabs (locked, with counts) then the shop's saved views
 * (rename, delete, save the current filters into the view, or "save as" a new one), the
 * search field, the filters (status, reason, resolution, method, location, requested date
 * range, needs attention, SLA breached) and the sort. Every change is a navigation to the
 * inbox URL (inbox-url.ts), so Back and shared links show the same list; views are saved
 * through the page's action (POST /app?index, app/services/inbox/saved-views.server.ts).
 */
import { useEffect, useMemo, useRef } from "react";
import { useFetcher, useNavigate } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import {
  Banner,
  Checkbox,
  ChoiceList,
  IndexFilters,
  IndexFiltersMode,
  Text,
  TextField,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { RETURN_STATUSES } from "~/domain/state-machine";
import { resolutionLabel, statusLabel, tabDescription, tabLabel } from "~/i18n/admin";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";
import { INBOX_FILTERS_CATALOG } from "~/i18n/catalogs/inbox-filters";
import { ANALYTICS_CATALOG } from "~/i18n/catalogs/analytics";
import {
  FILTER_METHODS,
  FILTER_REASONS,
  FILTER_RESOLUTIONS,
  inboxFilterParams,
  type InboxFilters,
  type InboxSort,
} from "~/services/inbox/inbox-filters";
import type { InboxPageData } from "~/services/inbox-page.server";
import { inboxUrl, type InboxParams } from "./inbox-url";

type Data = SerializeFrom<InboxPageData>;

const SORT_VALUES: Record<InboxSort, `${string} ${"asc" | "desc"}`> = {
  newest: "requested desc",
  oldest: "requested asc",
  amount: "amount desc",
  status: "status asc",
  sla: "sla asc",
};

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
  const tr = translator(ANALYTICS_CATALOG, locale);
  const navigate = useNavigate();
  const fetcher = useFetcher<{
    view?: { id: string; query: string } | null;
    created?: boolean;
    error?: string;
  }>();
  const filters = data.filters as InboxFilters;
  const { mode, setMode } = useSetIndexFiltersMode(
    data.q || data.filterQuery ? IndexFiltersMode.Filtering : IndexFiltersMode.Default,
  );

  // A view just created opens at once.
  const opened = useRef<string | null>(null);
  useEffect(() => {
    const answer = fetcher.data;
    if (
      fetcher.state !== "idle" ||
      !answer?.created ||
      !answer.view ||
      opened.current === answer.view.id
    )
      return;
    opened.current = answer.view.id;
    navigate(inboxUrl({ tab: "all", q: "", filters: answer.view.query, view: answer.view.id }));
  }, [fetcher.state, fetcher.data, navigate]);

  const setFilters = (change: Partial<InboxFilters>, sort: InboxSort = data.sort as InboxSort) =>
    go({
      tab,
      q: data.q,
      filters: inboxFilterParams({ ...filters, ...change }, sort).toString(),
      view: data.view,
    });
  const submit = (fields: Record<string, string>) =>
    fetcher.submit(fields, { method: "post", action: "/app?index" });

  const statusTabs = data.tabs.map((key) => ({
    id: `returns-tab-${key}`,
    content: tabLabel(key, locale),
    badge: data.counts[key],
    accessibilityLabel: `${tabDescription(key, locale)}: ${data.counts[key]}`,
    isLocked: true,
    onAction: () => undefined,
  }));
  const viewNames = data.views.map((v) => v.name);
  const viewTabs = data.views.map((v) => ({
    id: `returns-view-${v.id}`,
    content: v.name,
    isLocked: false,
    viewNames,
    onAction: () => undefined,
    actions: [
      {
        type: "rename" as const,
        onPrimaryAction: async (name: string) => {
          submit({ intent: "renameView", id: v.id, name });
          return true;
        },
      },
      {
        type: "delete" as const,
        onPrimaryAction: async () => {
          submit({ intent: "deleteView", id: v.id });
          if (data.view === v.id) go({ tab: "all", q: "" });
          return true;
        },
      },
    ],
  }));
  const tabs = [...statusTabs, ...viewTabs].map((x, index) => ({ ...x, index }));
  const viewIndex = data.views.findIndex((v) => v.id === data.view);
  const selected =
    viewIndex >= 0
      ? statusTabs.length + viewIndex
      : Math.max(0, data.tabs.indexOf(tab as (typeof data.tabs)[number]));
  const onSelect = (index: number) => {
    if (index < statusTabs.length) go({ tab: data.tabs[index] ?? "all", q: data.q });
    else {
      const view = data.views[index - statusTabs.length];
      if (view) go({ tab: "all", q: "", filters: view.query, view: view.id });
    }
  };

  const current = data.views.find((v) => v.id === data.view);
  const primaryAction: IndexFiltersProps["primaryAction"] = current
    ? {
        type: "save",
        disabled: current.query === data.filterQuery,
        onAction: async () => {
          submit({ intent: "updateView", id: current.id, query: data.filterQuery });
          return true;
        },
      }
    : {
        type: "save-as",
        onAction: async (name: string) => {
          submit({ intent: "createView", name, query: data.filterQuery });
          return true;
        },
      };

  const choices = useMemo(
    () => ({
      status: RETURN_STATUSES.map((s) => ({ value: s, label: statusLabel(s, locale) })),
      reason: FILTER_REASONS.map((r) => ({
        value: r,
        label: tr(`reason.${r}` as Parameters<typeof tr>[0]),
      })),
      resolution: FILTER_RESOLUTIONS.map((r) => ({ value: r, label: resolutionLabel(r, locale) })),
      method: FILTER_METHODS.map((m) => ({ value: m, label: tv(`method.${m}`) })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [locale],
  );
  const multi = (key: "status" | "reason" | "resolution" | "method") => ({
    key,
    label: tv(`filter.${key}`),
    shortcut: key === "status",
    filter: (
      <ChoiceList
        title={tv(`filter.${key}`)}
        titleHidden
        allowMultiple
        choices={choices[key]}
        selected={filters[key]}
        onChange={(value) => setFilters({ [key]: value })}
      />
    ),
  });
  const locationName = (id: string) => data.locations?.find((l) => l.id === id)?.name ?? id;
  const filterDefs: IndexFiltersProps["filters"] = [
    multi("status"),
    multi("reason"),
    multi("resolution"),
    multi("method"),
    {
      key: "location",
      label: tv("filter.location"),
      filter: data.locations ? (
        <ChoiceList
          title={tv("filter.location")}
          titleHidden
          choices={data.locations.map((l) => ({ value: l.id, label: l.name }))}
          selected={filters.location ? [filters.location] : []}
          onChange={(value) => setFilters({ location: value[0] ?? null })}
        />
      ) : (
        <Text as="p" tone="subdued">
          {tv("filter.noLocations")}
        </Text>
      ),
    },
    {
      key: "date",
      label: tv("filter.date"),
      filter: (
        <>
          <TextField
            label={tv("filter.from")}
            type="date"
            autoComplete="off"
            value={filters.from ?? ""}
            onChange={(value) => setFilters({ from: value || null })}
          />
          <TextField
            label={tv("filter.to")}
            type="date"
            autoComplete="off"
            value={filters.to ?? ""}
            onChange={(value) => setFilters({ to: value || null })}
          />
        </>
      ),
    },
    {
      key: "attention",
      label: tv("filter.attention"),
      shortcut: true,
      filter: (
        <Checkbox
          label={tv("filter.attention")}
          checked={filters.attention}
          onChange={(checked) => setFilters({ attention: checked })}
        />
      ),
    },
    {
      key: "sla",
      label: tv("filter.sla"),
      shortcut: true,
      filter: (
        <Checkbox
          label={tv("filter.sla")}
          helpText={tv("filter.slaHelp", { days: data.inspectionSlaDays })}
          checked={filters.sla}
          onChange={(checked) => setFilters({ sla: checked })}
        />
      ),
    },
  ];

  const labelsOf = (key: "status" | "reason" | "resolution" | "method") =>
    filters[key].map((v) => choices[key].find((c) => c.value === v)?.label ?? v).join(", ");
  const applied: IndexFiltersProps["appliedFilters"] = [];
  for (const key of ["status", "reason", "resolution", "method"] as const)
    if (filters[key].length)
      applied.push({
        key,
        label: tv("applied", { label: tv(`filter.${key}`), values: labelsOf(key) }),
        onRemove: () => setFilters({ [key]: [] }),
      });
  if (filters.location)
    applied.push({
      key: "location",
      label: tv("applied", {
        label: tv("filter.location"),
        values: locationName(filters.location),
      }),
      onRemove: () => setFilters({ location: null }),
    });
  if (filters.from || filters.to)
    applied.push({
      key: "date",
      label:
        filters.from && filters.to
          ? tv("applied.between", { from: filters.from, to: filters.to })
          : filters.from
            ? tv("applied.from", { date: filters.from })
            : tv("applied.to", { date: filters.to! }),
      onRemove: () => setFilters({ from: null, to: null }),
    });
  if (filters.attention)
    applied.push({
      key: "attention",
      label: tv("applied.attention"),
      onRemove: () => setFilters({ attention: false }),
    });
  if (filters.sla)
    applied.push({
      key: "sla",
      label: tv("applied.sla"),
      onRemove: () => setFilters({ sla: false }),
    });

  const sortOptions = [
    { label: tv("sort.requested"), value: SORT_VALUES.newest, directionLabel: tv("dir.newest") },
    { label: tv("sort.requested"), value: SORT_VALUES.oldest, directionLabel: tv("dir.oldest") },
    { label: tv("sort.amount"), value: SORT_VALUES.amount, directionLabel: tv("dir.highest") },
    { label: tv("sort.status"), value: SORT_VALUES.status, directionLabel: tv("dir.lifecycle") },
    { label: tv("sort.sla"), value: SORT_VALUES.sla, directionLabel: tv("dir.dueFirst") },
  ];
  const onSort = ([value]: string[]) => {
    const sort = (Object.keys(SORT_VALUES) as InboxSort[]).find((s) => SORT_VALUES[s] === value);
    if (sort) setFilters({}, sort);
  };

  const error = fetcher.state === "idle" ? fetcher.data?.error : undefined;
  return (
    <>
      {error ? (
        <Banner tone="critical">
          <p>{tv("view.error", { message: error })}</p>
        </Banner>
      ) : null}
      <IndexFilters
        tabs={tabs}
        selected={selected}
        onSelect={onSelect}
        queryValue={query}
        queryPlaceholder={t("searchPlaceholder")}
        onQueryChange={setQuery}
        onQueryClear={clearSearch}
        filters={filterDefs}
        appliedFilters={applied}
        onClearAll={() => go({ tab, q: "", view: data.view })}
        sortOptions={sortOptions}
        sortSelected={[SORT_VALUES[data.sort as InboxSort]]}
        onSort={onSort}
        canCreateNewView
        onCreateNewView={async (name) => {
          submit({ intent: "createView", name, query: data.filterQuery });
          return true;
        }}
        primaryAction={primaryAction}
        cancelAction={{ onAction: clearSearch, disabled: false, loading: false }}
        mode={mode}
        setMode={setMode}
        loading={loading || fetcher.state !== "idle"}
      />
    </>
  );
}
