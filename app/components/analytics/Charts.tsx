/**
 * A chart's data as an accessible table. Charts with @shopify/polaris-viz were tried (it
 * installs with React 18 and loads fine client-side after hydration) but drew negative
 * heights inside the embedded page, so charts are drawn here, server-rendered (nothing to
 * load, no layout shift), each above its data table: a time series ("line") as an SVG of
 * bars, a ranking ("bar") as horizontal bars, shares of a whole ("donut") as one stacked
 * bar with a legend (the section's own table below lists the parts). The tables are the
 * accessible alternative, so the bars and the stacked bar are hidden from screen readers. The section components pass chart-shaped series, so
 * swapping in another chart library stays local to this file.
 */
import { BlockStack, DataTable, Text } from "@shopify/polaris";
import { useAnalyticsLocale, useAnalyticsTexts } from "./texts";

export interface ChartSeries {
  name: string;
  points: { key: string; value: number }[];
}

const WIDTH = 720;
/** Polaris data-visualisation blues, teals and purples, then warm tones for the rest. */
const COLORS = ["#2c6ecb", "#47c1bf", "#9c6ade", "#f49342", "#50b83c", "#de3618", "#6d7175"];
/** A ranking shows its largest rows; the table below lists them all. */
const MAX_BARS = 8;
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

/** Horizontal bars, largest first, scaled to the largest (a ranking such as reasons). */
function RankBars({ series }: { series: ChartSeries }) {
  const points = [...series.points].sort((a, b) => b.value - a.value).slice(0, MAX_BARS);
  const max = Math.max(1, ...points.map((p) => p.value));
  return (
    <div aria-hidden="true" style={{ display: "grid", gridTemplateColumns: "minmax(8rem, 14rem) 1fr auto", gap: "6px 12px", alignItems: "center" }}>
      {points.map((p) => (
        <div key={p.key} style={{ display: "contents" }}>
          <Text as="span" variant="bodySm" truncate>
            {p.key}
          </Text>
          <div style={{ background: "#f1f2f3", borderRadius: 4, height: 14 }}>
            <div style={{ width: `${(p.value / max) * 100}%`, minWidth: p.value > 0 ? 2 : 0, height: 14, borderRadius: 4, background: COLORS[0] }} />
          </div>
          <Text as="span" variant="bodySm" numeric>
            {p.value}
          </Text>
        </div>
      ))}
    </div>
  );
}

/** Shares of a whole (one point per series) as one stacked bar with a legend of percentages. */
function ShareBar({ series }: { series: ChartSeries[] }) {
  const percent = new Intl.NumberFormat(useAnalyticsLocale(), { style: "percent", maximumFractionDigits: 0 });
  const parts = series.map((s) => ({ name: s.name, value: s.points.reduce((sum, p) => sum + p.value, 0) }));
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  if (total === 0) return null;
  return (
    <BlockStack gap="150">
      <div aria-hidden="true" style={{ display: "flex", height: 18, borderRadius: 4, overflow: "hidden" }}>
        {parts.map((p, i) =>
          p.value > 0 ? <div key={p.name} style={{ width: `${(p.value / total) * 100}%`, background: COLORS[i % COLORS.length] }} /> : null,
        )}
      </div>
      <div aria-hidden="true" style={{ display: "flex", flexWrap: "wrap", gap: "4px 16px" }}>
        {parts.map((p, i) => (
          <span key={p.name} style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
            <span style={{ width: 10, height: 10, borderRadius: 2, background: COLORS[i % COLORS.length] }} />
            <Text as="span" variant="bodySm">
              {`${p.name} ${percent.format(p.value / total)}`}
            </Text>
          </span>
        ))}
      </div>
    </BlockStack>
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
  if (!series[0]) return null;
  // Shares: the section shows the parts' own, fuller table right below (resolution mix).
  if (kind === "donut") return <ShareBar series={series} />;
  if (kind === "bar") {
    return (
      <BlockStack gap="300">
        <RankBars series={series[0]} />
        <DataTable
          columnContentTypes={["text", ...series.map(() => "numeric" as const)]}
          headings={columns}
          rows={all}
        />
      </BlockStack>
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
