/**
 * The inbox's URL state (?tab=&q=&<filters>&sort=&view=&after=|before=) and its search
 * field: typed text is sent after a pause; a Back/Forward to another search puts that
 * search in the field. Filters and sort travel as one canonical query string (`filters`,
 * from app/services/inbox/inbox-filters.ts), so a link, a reload and Back show the same list.
 */
import { useEffect, useRef, useState } from "react";
import { useNavigate } from "@remix-run/react";

export type InboxParams = { tab: string; q: string; filters?: string; view?: string | null; after?: string | null; before?: string | null };

/** Only the inbox's own parameters; the admin's launch parameters are not carried along. */
export function inboxUrl({ tab, q, filters, view, after, before }: InboxParams): string {
  const params = new URLSearchParams();
  if (tab !== "all") params.set("tab", tab);
  if (q) params.set("q", q);
  for (const [key, value] of new URLSearchParams(filters ?? "")) params.set(key, value);
  if (view) params.set("view", view);
  if (after) params.set("after", after);
  else if (before) params.set("before", before);
  const search = params.toString();
  return search ? `/app?${search}` : "/app";
}

const SEARCH_DEBOUNCE_MS = 300;

export function useInboxSearch(data: { q: string; tab: string; searchMaxLength: number; filterQuery: string; view: string | null }) {
  const navigate = useNavigate();
  const go = (params: InboxParams, replace = false) => navigate(inboxUrl(params), { replace, preventScrollReset: true });
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
      navigate(inboxUrl({ tab: data.tab, q, filters: data.filterQuery, view: data.view }), { replace, preventScrollReset: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, data.tab, data.searchMaxLength, data.filterQuery, data.view, navigate]);

  const clearSearch = () => {
    setQuery("");
    if (data.q) {
      sent.current = "";
      go({ tab: data.tab, q: "", filters: data.filterQuery, view: data.view });
    }
  };
  return { query, setQuery, clearSearch, go };
}
