/**
 * The analytics charts drawn on the server: a ranking as bars scaled to the largest (its
 * table still lists every row), shares as one stacked bar whose legend adds up.
 */
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Chart } from "~/components/analytics/Charts";
import { AnalyticsLocaleContext } from "~/components/analytics/texts";

function render(props: Parameters<typeof Chart>[0], locale: "en" | "de" = "en"): string {
  return renderToStaticMarkup(
    createElement(AppProvider, { i18n: polarisEn }, createElement(AnalyticsLocaleContext.Provider, { value: locale }, createElement(Chart, props))),
  );
}

describe("analytics charts", () => {
  it("GIVEN reasons WHEN drawn as a ranking THEN the largest bar is full width, the others in proportion, at most eight bars, and the table keeps every reason", () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ key: `Reason ${i + 1}`, value: (i + 1) * 10 }));
    const html = render({ kind: "bar", label: "Why", series: [{ name: "Units", points }], columns: ["Reason", "Units"] });
    const widths = [...html.matchAll(/width:(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(8);
    expect(widths[0]).toBe(100);
    expect(widths[1]).toBe(90);
    expect(widths.at(-1)).toBe(30);
    for (const p of points) expect(html).toContain(p.key);
  });

  it("GIVEN a resolution mix WHEN drawn as shares THEN each part's width and legend is its share of the whole", () => {
    const series = [
      { name: "Refund", points: [{ key: "Refund", value: 60 }] },
      { name: "Store credit", points: [{ key: "Store credit", value: 30 }] },
      { name: "Exchange", points: [{ key: "Exchange", value: 10 }] },
    ];
    const html = render({ kind: "donut", label: "Mix", series, columns: ["Resolution", "Units"] });
    expect([...html.matchAll(/width:(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]))).toEqual([60, 30, 10]);
    expect(html).toContain("Refund 60%");
    expect(html).toContain("Exchange 10%");
    // Percentages in the admin's language: German puts a (no-break) space before the sign.
    expect(render({ kind: "donut", label: "Mix", series, columns: ["Resolution", "Units"] }, "de")).toContain("Refund 60\u00a0%");
  });
});
