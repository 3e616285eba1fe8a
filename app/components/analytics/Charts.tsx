/** A chart with its data table: the chart appears in the browser, the table is always there. */
import { Suspense, lazy, useEffect, useState } from "react";
import { BlockStack, Box, Button, DataTable } from "@shopify/polaris";
import { T } from "~/i18n/analytics";

export interface ChartSeries {
  name: string;
  points: { key: string; value: number }[];
}

const VizCharts = lazy(() => import("./VizCharts"));

export function Chart({ kind, series, label, columns }: { kind: "line" | "bar" | "donut"; series: ChartSeries[]; label: string; columns: string[] }) {
  const [mounted, setMounted] = useState(false);
  const [asTable, setAsTable] = useState(false);
  useEffect(() => setMounted(true), []);
  const rows = (series[0]?.points ?? []).map((p, i) => [p.key, ...series.map((s) => s.points[i]?.value ?? 0)]);
  return (
    <BlockStack gap="200">
      {mounted && !asTable ? (
        <Suspense fallback={<Box minHeight="240px" />}>
          <VizCharts kind={kind} series={series} label={label} />
        </Suspense>
      ) : null}
      <div>
        <Button variant="plain" onClick={() => setAsTable((v) => !v)} ariaExpanded={asTable || !mounted}>
          {T.chartTable}
        </Button>
      </div>
      {/* The table is rendered for screen readers (visually hidden) unless asked for. */}
      <div style={asTable || !mounted ? undefined : { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>
        <DataTable columnContentTypes={["text", ...series.map(() => "numeric" as const)]} headings={columns} rows={rows} />
      </div>
    </BlockStack>
  );
}
