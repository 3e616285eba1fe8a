/**
 * The inbox's filters and sort as URL parameters (shared by server and browser: no server
 * imports). One parser, used by the page loader, the saved views (a view stores the
 * normalized query string) and the tests:
 *
 *   status=REQUESTED,APPROVED  reason=size-too-small,damaged  resolution=REFUND,EXCHANGE
 *   method=DROP_OFF  location=<gid>  from=2026-11-01  to=2026-11-30  attention=1  sla=1
 *   sort=newest|oldest|amount|status|sla
 *
 * Hand-edited or stale values never fail the page: each bad parameter is left out and named
 * in `ignored`, which the page shows ("Ignored: from, sort").
 */
import { z } from "zod";
import { RETURN_STATUSES, type ReturnStatus } from "~/domain/state-machine";
import { compareDates, isIsoDate, type IsoDate } from "~/domain/dates";
import { STANDARD_REASON_HANDLES } from "~/i18n/return-reasons";

export const INBOX_SORTS = ["newest", "oldest", "amount", "status", "sla"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export const FILTER_RESOLUTIONS = ["REFUND", "STORE_CREDIT", "EXCHANGE"] as const;
export const FILTER_METHODS = ["DROP_OFF", "PICKUP", "IN_STORE", "KEEP_ITEM"] as const;
/** Shopify's standard return reason handles and "unspecified" (no reason); the filter also takes any other handle from the URL. */
export const FILTER_REASONS: readonly string[] = [...STANDARD_REASON_HANDLES, "unspecified"];

export interface InboxFilters {
  status: ReturnStatus[];
  reason: string[];
  resolution: string[];
  method: string[];
  location: string | null;
  from: IsoDate | null;
  to: IsoDate | null;
  attention: boolean;
  sla: boolean;
}

export const NO_FILTERS: InboxFilters = Object.freeze({
  status: [],
  reason: [],
  resolution: [],
  method: [],
  location: null,
  from: null,
  to: null,
  attention: false,
  sla: false,
}) as InboxFilters;

/** The parameter names this module owns, in canonical order. */
export const FILTER_PARAMS = ["status", "reason", "resolution", "method", "location", "from", "to", "attention", "sla", "sort"] as const;

const list = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z
    .string()
    .max(2000)
    .transform((s) => [...new Set(s.split(",").map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(item).min(1).max(max));

const ParamSchemas = {
  status: list(z.enum(RETURN_STATUSES as unknown as [ReturnStatus, ...ReturnStatus[]]), RETURN_STATUSES.length),
  reason: list(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/), 20),
  resolution: list(z.enum(FILTER_RESOLUTIONS), FILTER_RESOLUTIONS.length),
  method: list(z.enum(FILTER_METHODS), FILTER_METHODS.length),
  location: z.string().regex(/^gid:\/\/shopify\/Location\/\d{1,20}$/),
  from: z.string().refine(isIsoDate),
  to: z.string().refine(isIsoDate),
  attention: z.enum(["1", "true"]),
  sla: z.enum(["1", "true"]),
  sort: z.enum(INBOX_SORTS),
} as const;

export interface ParsedInboxParams {
  filters: InboxFilters;
  sort: InboxSort;
  /** Parameters present but not understood (left out). */
  ignored: string[];
}

type ParamSource = URLSearchParams | Record<string, string | undefined>;

function getParam(source: ParamSource, name: string): string | null {
  if (source instanceof URLSearchParams) return source.get(name);
  return source[name] ?? null;
}

export function parseInboxParams(source: ParamSource): ParsedInboxParams {
  const filters: InboxFilters = { ...NO_FILTERS, status: [], reason: [], resolution: [], method: [] };
  let sort: InboxSort = "newest";
  const ignored: string[] = [];
  for (const name of FILTER_PARAMS) {
    const raw = getParam(source, name);
    if (raw === null || raw === "") continue;
    const parsed = ParamSchemas[name].safeParse(raw);
    if (!parsed.success) {
      ignored.push(name);
      continue;
    }
    const value = parsed.data as never;
    if (name === "sort") sort = value;
    else if (name === "attention" || name === "sla") filters[name] = true;
    else (filters as unknown as Record<string, unknown>)[name] = value;
  }
  if (filters.from && filters.to && compareDates(filters.from, filters.to) > 0) {
    ignored.push("to");
    filters.to = null;
  }
  return { filters, sort, ignored };
}

export function hasFilters(filters: InboxFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.reason.length > 0 ||
    filters.resolution.length > 0 ||
    filters.method.length > 0 ||
    filters.location !== null ||
    filters.from !== null ||
    filters.to !== null ||
    filters.attention ||
    filters.sla
  );
}

/** Filters and sort as canonical URL parameters (default sort left out), e.g. for a saved view. */
export function inboxFilterParams(filters: InboxFilters, sort: InboxSort): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length) params.set("status", filters.status.join(","));
  if (filters.reason.length) params.set("reason", filters.reason.join(","));
  if (filters.resolution.length) params.set("resolution", filters.resolution.join(","));
  if (filters.method.length) params.set("method", filters.method.join(","));
  if (filters.location) params.set("location", filters.location);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.attention) params.set("attention", "1");
  if (filters.sla) params.set("sla", "1");
  if (sort !== "newest") params.set("sort", sort);
  return params;
}

/** A query string reduced to what this module understands, in canonical order. */
export function normalizeFilterQuery(query: string): string {
  const { filters, sort } = parseInboxParams(new URLSearchParams(query));
  return inboxFilterParams(filters, sort).toString();
}
