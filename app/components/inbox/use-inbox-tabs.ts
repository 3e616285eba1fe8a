/**
 * The inbox's tabs for Polaris' IndexFilters: the status tabs (locked, with counts under the
 * current filters) then the saved views the staff member sees (the shop's and their own:
 * rename, delete, save the current filters into the view, or "save as" a new one). Views
 * are saved through the page's action (POST /app?index, app/services/inbox/saved-views.server.ts);
 * a view just created opens at once.
 */
import { useEffect, useRef } from "react";
import { useFetcher, useNavigate } from "@remix-run/react";
import type { IndexFiltersProps } from "@shopify/polaris";
import { tabDescription, tabLabel } from "~/i18n/admin";
import type { AdminLocale } from "~/i18n/admin-locale";
import { inboxUrl, type InboxParams } from "./inbox-url";

export interface TabsData {
  locale: string;
  tabs: readonly string[];
  counts: Record<string, string>;
  q: string;
  view: string | null;
  filterQuery: string;
  views: { id: string; name: string; query: string; private: boolean }[];
}

export type ViewAnswer = { view?: { id: string; query: string } | null; created?: boolean; error?: string };

export function useInboxTabs(data: TabsData, tab: string, go: (params: InboxParams) => void) {
  const locale = data.locale as AdminLocale;
  const navigate = useNavigate();
  const fetcher = useFetcher<ViewAnswer>();

  const opened = useRef<string | null>(null);
  useEffect(() => {
    const answer = fetcher.data;
    if (fetcher.state !== "idle" || !answer?.created || !answer.view || opened.current === answer.view.id) return;
    opened.current = answer.view.id;
    navigate(inboxUrl({ tab: "all", q: "", filters: answer.view.query, view: answer.view.id }));
  }, [fetcher.state, fetcher.data, navigate]);

  const submit = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post", action: "/app?index" });

  const statusTabs = data.tabs.map((key) => ({
    id: `returns-tab-${key}`,
    content: tabLabel(key as Parameters<typeof tabLabel>[0], locale),
    badge: data.counts[key],
    accessibilityLabel: `${tabDescription(key as Parameters<typeof tabDescription>[0], locale)}: ${data.counts[key]}`,
    isLocked: true,
    onAction: () => undefined,
  }));
  const viewNames = data.views.map((v) => v.name);
  const viewTabs = data.views.map((v) => ({
    id: `returns-view-${v.id}`,
    content: v.name,
    // The open view lists "All" under its filters: that count (the others would cost a query each).
    badge: v.id === data.view ? data.counts.all : undefined,
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
  const selected = viewIndex >= 0 ? statusTabs.length + viewIndex : Math.max(0, data.tabs.indexOf(tab));
  const onSelect = (index: number) => {
    // A status tab keeps the filters (its badge counted them) and leaves the view.
    if (index < statusTabs.length) go({ tab: data.tabs[index] ?? "all", q: data.q, filters: data.filterQuery });
    else {
      const view = data.views[index - statusTabs.length];
      if (view) go({ tab: "all", q: "", filters: view.query, view: view.id });
    }
  };

  const current = data.views.find((v) => v.id === data.view) ?? null;
  const createView = async (name: string) => {
    submit({ intent: "createView", name, query: data.filterQuery });
    return true;
  };
  const primaryAction: IndexFiltersProps["primaryAction"] = current
    ? {
        type: "save",
        disabled: current.query === data.filterQuery,
        onAction: async () => {
          submit({ intent: "updateView", id: current.id, query: data.filterQuery });
          return true;
        },
      }
    : { type: "save-as", onAction: createView };

  return {
    tabs,
    selected,
    onSelect,
    primaryAction,
    createView,
    current,
    share: (id: string) => submit({ intent: "shareView", id }),
    busy: fetcher.state !== "idle",
    error: fetcher.state === "idle" ? fetcher.data?.error : undefined,
  };
}
