/**
 * Inbox bulk actions: approve, decline with a reason, mark received (POST /app/returns/bulk)
 * and export (the selected returns' CSV is the Analytics export; here the selection is
 * exported client-side from the rows shown). Results come back per row; failures stay
 * visible next to their RMA until dismissed.
 */
import { useEffect, useState } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { Banner, BlockStack, Button, Card, InlineStack, List, Select, Text, TextField } from "@shopify/polaris";
import { DECLINE_REASONS, declineReasonLabel } from "~/i18n/admin";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";
import type { action } from "~/routes/app.returns.bulk";

type BulkData = SerializeFrom<typeof action>;
export type BulkResult = Extract<BulkData, { results: unknown }>["results"][number];

export function useBulkActions(clearSelection: () => void) {
  const fetcher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const [declining, setDeclining] = useState<string[] | null>(null);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if ("results" in fetcher.data) {
      setResults(fetcher.data.results);
      setError(null);
      clearSelection();
      revalidator.revalidate();
    } else if ("error" in fetcher.data) {
      setError(fetcher.data.error);
    }
    // Only when an answer arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.data, fetcher.state]);

  const run = (bulkAction: "approve" | "receive" | "decline", ids: string[], extra: Record<string, string> = {}) => {
    setResults(null);
    fetcher.submit({ action: bulkAction, ids: JSON.stringify(ids), ...extra }, { method: "post", action: "/app/returns/bulk" });
  };

  return {
    busy: fetcher.state !== "idle",
    results,
    error,
    declining,
    approve: (ids: string[]) => run("approve", ids),
    receive: (ids: string[]) => run("receive", ids),
    startDecline: (ids: string[]) => setDeclining(ids),
    confirmDecline: (reason: string, note: string) => {
      if (declining) run("decline", declining, { reason, ...(note ? { note } : {}) });
      setDeclining(null);
    },
    cancelDecline: () => setDeclining(null),
    dismiss: () => {
      setResults(null);
      setError(null);
    },
  };
}

export function DeclinePanel({
  count,
  onConfirm,
  onCancel,
  locale = "en",
}: {
  count: number;
  onConfirm: (reason: string, note: string) => void;
  onCancel: () => void;
  locale?: AdminLocale;
}) {
  const t = translator(INBOX_CATALOG, locale);
  const [reason, setReason] = useState<string>(DECLINE_REASONS[0]);
  const [note, setNote] = useState("");
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          {t(count === 1 ? "declineTitleOne" : "declineTitleOther", { count })}
        </Text>
        <InlineStack gap="200" blockAlign="end">
          <Select label={t("declineReasonLabel")} options={DECLINE_REASONS.map((r) => ({ label: declineReasonLabel(r, locale), value: r }))} value={reason} onChange={setReason} />
          <TextField label={t("declineNote")} value={note} onChange={setNote} autoComplete="off" maxLength={500} />
          <Button variant="primary" tone="critical" onClick={() => onConfirm(reason, note)}>
            {t("declineConfirm")}
          </Button>
          <Button onClick={onCancel}>{t("cancel")}</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function BulkResults({
  results,
  error,
  onDismiss,
  locale = "en",
}: {
  results: BulkResult[] | null;
  error: string | null;
  onDismiss: () => void;
  locale?: AdminLocale;
}) {
  const t = translator(INBOX_CATALOG, locale);
  if (error) {
    return (
      <Banner tone="critical" onDismiss={onDismiss}>
        {error}
      </Banner>
    );
  }
  if (!results) return null;
  const failed = results.filter((r) => !r.ok);
  const done = results.length - failed.length;
  return (
    <Banner tone={failed.length ? "warning" : "success"} title={failed.length ? t("bulkDoneFailed", { done, total: results.length, failed: failed.length }) : t("bulkDone", { done, total: results.length })} onDismiss={onDismiss}>
      {failed.length ? (
        <List>
          {failed.map((r) => (
            <List.Item key={r.id}>
              <span data-bulk-failed={r.rmaNumber ?? r.id}>
                <strong>{r.rmaNumber ?? r.id}</strong>: {r.message}
              </span>
            </List.Item>
          ))}
        </List>
      ) : null}
    </Banner>
  );
}

/** Map of id → result, for marking rows in the table. */
export function resultsById(results: BulkResult[] | null): Map<string, BulkResult> {
  return new Map((results ?? []).map((r) => [r.id, r]));
}
