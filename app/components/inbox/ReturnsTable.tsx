/** The inbox's rows: one IndexTable row per return (RMA links to the return page), with bulk-action results per row. */
import { Link } from "@remix-run/react";
import { Badge, BlockStack, IndexTable, InlineStack, Text } from "@shopify/polaris";
import { AttentionBadge, ReturnStatusBadge } from "~/components/ReturnStatusBadge";
import type { AdminLocale } from "~/i18n/admin-locale";
import type { InboxRow } from "~/services/inbox-page.server";

interface Props {
  rows: InboxRow[];
  selected: readonly string[];
  failures: ReadonlyMap<string, { ok: boolean; message: string }>;
  locale: AdminLocale;
  rowFailed: (message: string) => string;
}

export function ReturnsTableRows({ rows, selected, failures, locale, rowFailed }: Props) {
  return (
    <>
      {rows.map((row, index) => {
        const result = failures.get(row.id);
        return (
          <IndexTable.Row id={row.id} key={row.id} position={index} selected={selected.includes(row.id)}>
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
                  <ReturnStatusBadge status={row.status} locale={locale} />
                </InlineStack>
                {row.needsAttention ? <AttentionBadge reason={row.attentionReason} locale={locale} /> : null}
                {result && !result.ok ? (
                  <span data-row-error={row.rmaNumber} title={result.message}>
                    <Badge tone="critical">{rowFailed(result.message)}</Badge>
                  </span>
                ) : null}
              </BlockStack>
            </IndexTable.Cell>
            <IndexTable.Cell>{row.requested}</IndexTable.Cell>
          </IndexTable.Row>
        );
      })}
    </>
  );
}
