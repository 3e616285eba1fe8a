/**
 * Charts drawn with @shopify/polaris-viz. Loaded only in the browser (React.lazy after
 * mount, see Charts.tsx): the library measures the DOM, and the data tables next to each
 * chart carry the same numbers for screen readers and for the server-rendered page.
 * Its stylesheet is linked by the analytics route (a CSS import here would arrive late).
 */
import { BarChart, DonutChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { ChartSeries } from "./Charts";

export default function VizCharts({ kind, series, label }: { kind: "line" | "bar" | "donut"; series: ChartSeries[]; label: string }) {
  const data = series.map((s) => ({ name: s.name, data: s.points.map((p) => ({ key: p.key, value: p.value })) }));
  return (
    <PolarisVizProvider>
      <div style={{ height: 240 }} role="img" aria-label={label}>
        {kind === "line" ? <LineChart data={data} theme="Light" /> : kind === "bar" ? <BarChart data={data} theme="Light" /> : <DonutChart data={data} theme="Light" />}
      </div>
    </PolarisVizProvider>
  );
}
