/**
 * Analytics → Feedback speaks the admin's language: the route's locale reaches the shared
 * FeedbackSummaryView (average, count), not only the analytics page's own texts.
 */
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { presetRange } from "~/domain/analytics";
import { AnalyticsSections } from "~/components/analytics/Sections";
import { presentReport } from "~/components/analytics/present";
import { AnalyticsLocaleContext } from "~/components/analytics/texts";
import { loadAnalytics } from "~/services/analytics/analytics.server";
import { createEngine, type Engine } from "../support/engine";

const feedback = { count: 2, average: 4.5, distribution: { "1": 0, "2": 0, "3": 0, "4": 1, "5": 1 }, comments: [] };

describe("feedback summary on the analytics page", () => {
  let engine: Engine;
  beforeEach(async () => void (engine = await createEngine("sqlite")));
  afterEach(async () => engine.close());

  it("GIVEN a Swedish admin WHEN the analytics sections render THEN the feedback summary is in Swedish", async () => {
    const report = await loadAnalytics(engine.ctx, presetRange("last30", new Date("2026-11-20T12:00:00Z"), "Europe/Stockholm"), { offline: true });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let html: string;
    try {
      const page = createElement(AnalyticsLocaleContext.Provider, { value: "sv" }, createElement(AnalyticsSections, { view: presentReport(report, "sv"), query: "", feedback }));
      const router = createMemoryRouter([{ path: "/", element: createElement(AppProvider, { i18n: polarisEn }, page) }]);
      html = renderToStaticMarkup(createElement(RouterProvider, { router }));
    } finally {
      quiet.mockRestore();
    }
    expect(html).toContain("Genomsnittligt betyg");
    expect(html).not.toContain("Average rating");
  });
});
