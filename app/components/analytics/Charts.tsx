/**
 * A chart's data as an accessible table. Charts with @shopify/polaris-viz were tried (it
 * installs with React 18 and loads fine client-side after hydration) but drew negative
 * heights inside the embedded page, so charts are drawn here: a time series ("line") as a
 * small server-rendered SVG of bars (nothing to load, no layout shift) above its table;
 * other kinds as their data table. The section components pass chart-shaped series, so
 * swapping in another chart library stays local to this file.
 */
import { BlockStack, DataTable, Text } from "@shopify/polaris";
import { useAnalyticsTexts } from "./texts";

export interface ChartSeries {
  name: string;
  points: { key: string; value: number }[];
}

const WIDTH = 720;
const HEIGHT = 120;

/** One bar per point, scaled to the largest; the first and last keys label the axis. */
function TimeBars({ series, label }: { series: ChartSeries; label: string }) {
  const { T } = useAnalyticsTexts();
  const points = series.points;
  if (points.length === 0) return null;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = WIDTH / points.length;
  const total = points.reduce((sum, p) => sum + p.value, 0);
  return (
    <svg
      role="img"
      aria-label={T.chartSummary(label, total, points[0]!.key, points[points.length - 1]!.key, max)}
      viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`}
      width="100%"
      height={HEIGHT + 16}
      preserveAspectRatio="none"
    >
      <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} stroke="#c9cccf" />
      {points.map((p, i) => {
        const h = Math.round((p.value / max) * (HEIGHT - 4));
        return h > 0 ? (
          <rect
            key={p.key}
            x={i * step + step * 0.15}
            y={HEIGHT - h}
            width={Math.max(1, step * 0.7)}
            height={h}
            fill="#2c6ecb"
          >
            <title>{`${p.key}: ${p.value}`}</title>
          </rect>
        ) : null;
      })}
      <text x={0} y={HEIGHT + 13} fontSize={11} fill="#6d7175">
        {points[0]!.key}
      </text>
      <text x={WIDTH} y={HEIGHT + 13} fontSize={11} fill="#6d7175" textAnchor="end">
        {points[points.length - 1]!.key}
      </text>
    </svg>
  );
}

export function Chart({
  kind,
  series,
  columns,
  label,
}: {
  kind: "line" | "bar" | "donut";
  series: ChartSeries[];
  label: string;
  columns: string[];
}) {
  const { T } = useAnalyticsTexts();
  const all = (series[0]?.points ?? []).map((p, i) => [
    p.key,
    ...series.map((s) => s.points[i]?.value ?? 0),
  ]);
  if (kind !== "line" || !series[0]) {
    return (
      <DataTable
        columnContentTypes={["text", ...series.map(() => "numeric" as const)]}
        headings={columns}
        rows={all}
      />
    );
  }
  // A day-by-day table of a quarter is mostly zeros: the bars show every day, the table the
  // days with something in them (the CSV export keeps every day).
  const rows = all.filter((row) => row.slice(1).some((v) => Number(v) !== 0));
  return (
    <BlockStack gap="200">
      <TimeBars series={series[0]} label={label} />
      <DataTable
        columnContentTypes={["text", ...series.map(() => "numeric" as const)]}
        headings={columns}
        rows={rows}
      />
      <Text as="p" variant="bodySm" tone="subdued">
        {T.emptyDaysLeftOut(all.length - rows.length, all.length)}
      </Text>
    </BlockStack>
  );
}
