/** The analytics page's language, provided once by the route; components read their texts from it. */
import { createContext, useContext } from "react";
import type { AdminLocale } from "~/i18n/admin-locale";
import { analyticsTexts } from "~/i18n/analytics";

export const AnalyticsLocaleContext = createContext<AdminLocale>("en");

export function useAnalyticsTexts() {
  return analyticsTexts(useContext(AnalyticsLocaleContext));
}

/** For components shared with other pages that take the locale as a prop (FeedbackSummaryView). */
export function useAnalyticsLocale(): AdminLocale {
  return useContext(AnalyticsLocaleContext);
}
