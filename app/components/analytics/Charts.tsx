/**
 * A chart's data as an accessible table. Charts with @shopify/polaris-viz were tried (it
 * installs with React 18 and loads fine client-side after hydration) but drew negative
 * heights inside the embedded page, so until that is solved every chart is shown as its
 * data table; the section components already pass chart-shaped series, so putting the
 * charts back is local to this file.
 */
import { DataTable } from "@shopify/polaris";

export interface ChartSeries {
  name: string;
  points: { key: string; value: number }[];
}

export function Chart({ series, columns }: { kind: "line" | "bar" | "donut"; series: ChartSeries[]; label: string; columns: string[] }) {
  const rows = (series[0]?.points ?? []).map((p, i) => [p.key, ...series.map((s) => s.points[i]?.value ?? 0)]);
  return <DataTable columnContentTypes={["text", ...series.map(() => "numeric" as const)]} headings={columns} rows={rows} />;
}
