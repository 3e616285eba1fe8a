/** Codes sent, used and the revenue they brought back, with the latest codes. */
import { Banner, BlockStack, Card, DataTable, InlineGrid, Text } from "@shopify/polaris";
import type { AdminLocale } from "~/i18n/admin-locale";
import { followupAdmin } from "~/i18n/followup-admin";

export interface WinbackStatsView {
  sent: number;
  used: number;
  revenue: string;
  shopifyUnavailable: boolean;
  recent: { code: string; sentOn: string; used: boolean; revenue: string }[];
}

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="heading2xl">
        {value}
      </Text>
      {help ? (
        <Text as="p" tone="subdued" variant="bodySm">
          {help}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function WinbackStatsCard({ stats, locale }: { stats: WinbackStatsView; locale?: AdminLocale }) {
  const FA = followupAdmin(locale);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {FA.statsTitle}
        </Text>
        {stats.shopifyUnavailable ? <Banner tone="warning">{FA.statsUnavailable}</Banner> : null}
        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
          <Figure label={FA.codesSent} value={String(stats.sent)} />
          <Figure label={FA.codesUsed} value={stats.shopifyUnavailable ? "–" : String(stats.used)} />
          <Figure label={FA.revenue} value={stats.shopifyUnavailable ? "–" : stats.revenue} help={FA.revenueHelp} />
        </InlineGrid>
        {stats.recent.length ? (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric"]}
            headings={[FA.code, FA.sentOn, FA.used, FA.revenue]}
            rows={stats.recent.map((r) => [r.code, r.sentOn, r.used ? FA.yes : FA.no, r.revenue])}
          />
        ) : (
          <Text as="p" tone="subdued">
            {FA.noCodes}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
