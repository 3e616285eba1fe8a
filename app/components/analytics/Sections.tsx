/** The analytics page's sections: overview cards, charts with tables, and CSV exports. */
import { FeedbackSummaryView, type FeedbackSummaryProps } from "~/components/followup/FeedbackSummaryView";
import { useState } from "react";
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Select,
  Text,
} from "@shopify/polaris";
import type { Dimension } from "~/domain/analytics";
import { Chart } from "./Charts";
import { ExportButton } from "./ExportButton";
import type { AnalyticsView } from "./present";
import { useAnalyticsLocale, useAnalyticsTexts } from "./texts";

function Section({
  title,
  table,
  query,
  children,
}: {
  title: string;
  table?: string;
  query: string;
  children: React.ReactNode;
}) {
  const { T } = useAnalyticsTexts();
  return (
    <Layout.Section>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {title}
            </Text>
            {table ? (
              <ExportButton
                href={`/app/analytics/export?table=${table}&${query}`}
                label={`${T.exportCsv}: ${title}`}
              />
            ) : null}
          </InlineStack>
          {children}
        </BlockStack>
      </Card>
    </Layout.Section>
  );
}

/** A data table, or a line saying there is nothing to show (Polaris would draw bare headings). */
function Table({
  rows,
  empty,
  ...table
}: React.ComponentProps<typeof DataTable> & { empty: string }) {
  return rows.length === 0 ? (
    <Text as="p" tone="subdued">
      {empty}
    </Text>
  ) : (
    <DataTable rows={rows} {...table} />
  );
}

function TopNote({ shown, total }: { shown: number; total: number }) {
  const { T } = useAnalyticsTexts();
  return total > shown ? (
    <Text as="p" variant="bodySm" tone="subdued">
      {T.showingTop(shown, total)}
    </Text>
  ) : null;
}

export function AnalyticsSections({ view, query, feedback }: { view: AnalyticsView; query: string; feedback?: FeedbackSummaryProps["summary"] }) {
  const { T } = useAnalyticsTexts();
  const locale = useAnalyticsLocale();
  const [dimension, setDimension] = useState<Dimension>("product");
  const rate = view.rates[dimension];
  return (
    <>
      <Layout.Section>
        <InlineGrid columns={{ xs: 2, md: 4, lg: 4 }} gap="300">
          {view.cards.map((c) => (
            <Card key={c.label}>
              <BlockStack gap="100">
                <Text as="h3" variant="bodySm" tone="subdued">
                  {c.label}
                </Text>
                <Text as="p" variant="headingLg" breakWord>
                  {c.value}
                </Text>
                {c.delta ? (
                  <Text
                    as="p"
                    variant="bodySm"
                    tone={c.delta.tone === "subdued" ? "subdued" : c.delta.tone}
                  >
                    {c.delta.text}
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
          ))}
        </InlineGrid>
      </Layout.Section>

      <Section title={T.returnsPerDay} table="by-day" query={query}>
        <Chart
          kind="line"
          label={T.returnsPerDay}
          series={[{ name: T.returns, points: view.byDay }]}
          columns={[T.day, T.returns]}
        />
      </Section>

      <Section title={T.returnRate} table={`rates-${dimension}`} query={query}>
        <Select
          label={T.by}
          labelInline
          options={(Object.keys(view.rates) as Dimension[]).map((d) => ({
            label: view.rates[d].label,
            value: d,
          }))}
          value={dimension}
          onChange={(v) => setDimension(v as Dimension)}
        />
        <Table
          columnContentTypes={[
            "text",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
          ]}
          headings={[
            rate.label,
            `${T.sold} (${T.units.toLowerCase()})`,
            `${T.sold} (${T.value.toLowerCase()})`,
            `${T.returned} (${T.units.toLowerCase()})`,
            `${T.returned} (${T.value.toLowerCase()})`,
            `${T.rate} (${T.units.toLowerCase()})`,
            `${T.rate} (${T.value.toLowerCase()})`,
          ]}
          rows={rate.rows}
          empty={T.noData}
        />
        <TopNote shown={rate.rows.length} total={rate.total} />
      </Section>

      <Section title={T.why} table="reasons" query={query}>
        {view.reasons.length === 0 ? (
          <Text as="p">{T.noData}</Text>
        ) : (
          <Chart
            kind="bar"
            label={T.why}
            series={[
              { name: T.units, points: view.reasons.map((r) => ({ key: r.key, value: r.value })) },
            ]}
            columns={[T.reason, T.units]}
          />
        )}
      </Section>

      <Section title={T.reasonsByVariant} table="reasons-by-variant" query={query}>
        <Table
          columnContentTypes={["text", "text", "numeric"]}
          headings={[T.item, T.reason, T.units]}
          rows={view.reasonsByItem.rows}
          empty={T.noData}
        />
        <TopNote shown={view.reasonsByItem.rows.length} total={view.reasonsByItem.total} />
      </Section>

      <Section title={T.comments} table="comments" query={query}>
        {view.comments.length === 0 ? (
          <Text as="p">{T.noComments}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            headings={["RMA", T.date, T.item, T.reason, T.comment]}
            rows={view.comments.map((c) => [c.rma, c.date, c.item, c.reason, c.comment])}
          />
        )}
        <TopNote shown={view.comments.length} total={view.commentsTotal} />
      </Section>

      <Section title={T.resolutionMix} table="resolutions" query={query}>
        {view.resolutions.length > 0 ? (
          <Chart
            kind="donut"
            label={T.resolutionMix}
            series={view.resolutions.map((r) => ({
              name: r.key,
              points: [{ key: r.key, value: r.value }],
            }))}
            columns={[T.resolution, T.units]}
          />
        ) : null}
        <Table
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
          headings={[T.resolution, T.lines, T.units, `${T.value} (${view.shopCurrency})`, T.share]}
          rows={view.resolutions.map((r) => [r.key, r.lines, r.value, r.money, r.share])}
          empty={T.noData}
        />
      </Section>

      <Section title={T.money} table="money" query={query}>
        <Text as="p" variant="bodySm" tone="subdued">
          {T.moneyNote}
        </Text>
        <Table
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
          headings={[
            T.currency,
            T.refunded,
            T.storeCredit,
            T.exchanged,
            T.feesKept,
            `${T.inShopCurrency(view.shopCurrency)}: ${T.refunded.toLowerCase()} / ${T.feesKept.toLowerCase()}`,
          ]}
          rows={view.money}
          empty={T.noMoney}
        />
      </Section>

      <Section title={T.speed} table="speed" query={query}>
        <Table
          columnContentTypes={["text", "numeric", "numeric", "numeric"]}
          headings={[T.stage, T.count, T.median, T.p90]}
          rows={view.speed}
          empty={T.noData}
        />
        <InlineStack align="space-between">
          <Text as="h3" variant="headingSm">
            {T.byLocation}
          </Text>
          <ExportButton
            href={`/app/analytics/export?table=speed-by-location&${query}`}
            label={`${T.exportCsv}: ${T.byLocation}`}
          />
        </InlineStack>
        <Table
          columnContentTypes={["text", "numeric", "numeric", "numeric"]}
          headings={[T.location, T.received, T.receiptToRefund, T.slaBreaches]}
          rows={view.speedByLocation}
          empty={T.noReceived}
        />
      </Section>

      <Section title={T.incoming} table="incoming" query={query}>
        <Text as="p" variant="bodySm" tone="subdued">
          {T.incomingHelp}
        </Text>
        {view.incoming.length === 0 ? (
          <Text as="p">{T.nothingIncoming}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "numeric"]}
            headings={[T.expected, T.location, T.returns, T.units]}
            rows={view.incoming.map((r) => [
              <InlineStack key={r.day + r.location} gap="100">
                <span>{r.day}</span>
                {r.overdue ? <Badge tone="warning">{T.overdue}</Badge> : null}
              </InlineStack>,
              r.location,
              r.returns,
              r.units,
            ])}
          />
        )}
      </Section>

      <Section title={T.feedback} query={query}>
        {feedback ? (
          <FeedbackSummaryView summary={feedback} emptyText={T.feedbackEmpty} locale={locale} />
        ) : (
          <Text as="p" tone="subdued">
            {T.feedbackEmpty}
          </Text>
        )}
      </Section>
    </>
  );
}
