/**
 * The analytics page's sections as the admin sees them: Feedback speaks the admin's
 * language (the route's locale reaches the shared FeedbackSummaryView, not only the page's
 * own texts), and an empty table says so instead of showing bare headings.
 */
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { presetRange } from "~/domain/analytics";
import type { AdminLocale } from "~/i18n/admin-locale";
import { AnalyticsSections } from "~/components/analytics/Sections";
import { presentReport } from "~/components/analytics/present";
import { AnalyticsLocaleContext } from "~/components/analytics/texts";
import { loadAnalytics } from "~/services/analytics/analytics.server";
import { createEngine, type Engine } from "../support/engine";

const feedback = { count: 2, average: 4.5, distribution: { "1": 0, "2": 0, "3": 0, "4": 1, "5": 1 }, comments: [] };

type Report = Awaited<ReturnType<typeof loadAnalytics>>;

function renderSections(report: Report, locale: AdminLocale, summary?: typeof feedback): string {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const page = createElement(AnalyticsLocaleContext.Provider, { value: locale }, createElement(AnalyticsSections, { view: presentReport(report, locale), query: "", feedback: summary }));
    const router = createMemoryRouter([{ path: "/", element: createElement(AppProvider, { i18n: polarisEn }, page) }]);
    return renderToStaticMarkup(createElement(RouterProvider, { router }));
  } finally {
    quiet.mockRestore();
  }
}

describe("analytics page sections", () => {
  let engine: Engine;
  beforeEach(async () => void (engine = await createEngine("sqlite")));
  afterEach(async () => engine.close());

  it("GIVEN a Swedish admin WHEN the analytics sections render THEN the feedback summary is in Swedish", async () => {
    const report = await loadAnalytics(engine.ctx, presetRange("last30", new Date("2026-11-20T12:00:00Z"), "Europe/Stockholm"), { offline: true });
    const html = renderSections(report, "sv", feedback);
    expect(html).toContain("Genomsnittligt betyg");
    expect(html).not.toContain("Average rating");
  });

  it("GIVEN a period without returns WHEN the sections render in German THEN the money and location tables say there is nothing, not bare headings", async () => {
    const report = await loadAnalytics(engine.ctx, presetRange("last30", new Date("2026-11-20T12:00:00Z"), "Europe/Stockholm"), { offline: true });
    const html = renderSections(report, "de");
    expect(html).toContain("In diesem Zeitraum noch nichts erstattet, gutgeschrieben oder umgetauscht.");
    expect(html).toContain("In diesem Zeitraum keine Rücksendungen eingegangen.");
    expect(html).not.toContain("Einbehaltene Gebühren");
  });
});
