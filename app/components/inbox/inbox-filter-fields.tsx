/**
 * The inbox's filter fields for Polaris' IndexFilters (status, reason, resolution, method,
 * location, requested date range, needs attention, SLA breached) and the chips of the
 * filters applied. Every change is a new filter set handed to `setFilters` (a navigation).
 */
import { useMemo } from "react";
import { Checkbox, ChoiceList, Text, TextField, type IndexFiltersProps } from "@shopify/polaris";
import { RETURN_STATUSES } from "~/domain/state-machine";
import { resolutionLabel, statusLabel } from "~/i18n/admin";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { INBOX_FILTERS_CATALOG } from "~/i18n/catalogs/inbox-filters";
import { ANALYTICS_CATALOG } from "~/i18n/catalogs/analytics";
import { reasonLabel } from "~/i18n/return-reasons";
import { FILTER_METHODS, FILTER_REASONS, FILTER_RESOLUTIONS, type InboxFilters } from "~/services/inbox/inbox-filters";

type MultiKey = "status" | "reason" | "resolution" | "method";

interface Input {
  locale: AdminLocale;
  filters: InboxFilters;
  locations: { id: string; name: string }[] | null;
  inspectionSlaDays: number;
  setFilters: (change: Partial<InboxFilters>) => void;
}

export function useFilterFields({ locale, filters, locations, inspectionSlaDays, setFilters }: Input): {
  filters: IndexFiltersProps["filters"];
  appliedFilters: NonNullable<IndexFiltersProps["appliedFilters"]>;
} {
  const tv = translator(INBOX_FILTERS_CATALOG, locale);
  const tr = translator(ANALYTICS_CATALOG, locale);
  const choices = useMemo(
    () => ({
      status: RETURN_STATUSES.map((s) => ({ value: s, label: statusLabel(s, locale) })),
      reason: FILTER_REASONS.map((r) => ({ value: r, label: r === "unspecified" ? tr("reason.unspecified") : reasonLabel(locale, r) })),
      resolution: FILTER_RESOLUTIONS.map((r) => ({ value: r, label: resolutionLabel(r, locale) })),
      method: FILTER_METHODS.map((m) => ({ value: m, label: tv(`method.${m}`) })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [locale],
  );
  const multi = (key: MultiKey) => ({
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
  const checkbox = (key: "attention" | "sla", helpText?: string) => ({
    key,
    label: tv(`filter.${key}`),
    shortcut: true,
    filter: (
      <Checkbox label={tv(`filter.${key}`)} helpText={helpText} checked={filters[key]} onChange={(checked) => setFilters({ [key]: checked })} />
    ),
  });
  const fields: IndexFiltersProps["filters"] = [
    multi("status"),
    multi("reason"),
    multi("resolution"),
    multi("method"),
    {
      key: "location",
      label: tv("filter.location"),
      filter: locations ? (
        <ChoiceList
          title={tv("filter.location")}
          titleHidden
          choices={locations.map((l) => ({ value: l.id, label: l.name }))}
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
          <TextField label={tv("filter.from")} type="date" autoComplete="off" value={filters.from ?? ""} onChange={(value) => setFilters({ from: value || null })} />
          <TextField label={tv("filter.to")} type="date" autoComplete="off" value={filters.to ?? ""} onChange={(value) => setFilters({ to: value || null })} />
        </>
      ),
    },
    checkbox("attention"),
    checkbox("sla", tv("filter.slaHelp", { days: inspectionSlaDays })),
  ];

  const applied: NonNullable<IndexFiltersProps["appliedFilters"]> = [];
  for (const key of ["status", "reason", "resolution", "method"] as const)
    if (filters[key].length)
      applied.push({
        key,
        label: tv("applied", {
          label: tv(`filter.${key}`),
          values: filters[key].map((v) => choices[key].find((c) => c.value === v)?.label ?? v).join(", "),
        }),
        onRemove: () => setFilters({ [key]: [] }),
      });
  if (filters.location) {
    const name = locations?.find((l) => l.id === filters.location)?.name ?? filters.location;
    applied.push({ key: "location", label: tv("applied", { label: tv("filter.location"), values: name }), onRemove: () => setFilters({ location: null }) });
  }
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
  if (filters.attention) applied.push({ key: "attention", label: tv("applied.attention"), onRemove: () => setFilters({ attention: false }) });
  if (filters.sla) applied.push({ key: "sla", label: tv("applied.sla"), onRemove: () => setFilters({ sla: false }) });
  return { filters: fields, appliedFilters: applied };
}
