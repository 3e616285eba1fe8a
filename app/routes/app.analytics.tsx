/**
 * Analytics: return rate, reasons, resolutions, money, speed and incoming returns for a
 * date range in the shop's time zone, compared with the previous period of the same
 * length. `?range=last30` (presets in app/domain/analytics/range.ts) or
 * `?range=custom&from=YYYY-MM-DD&to=YYYY-MM-DD`; a malformed custom range answers 400 with
 * the page and a message. Every table exports to CSV through app.analytics.export.
 */
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import {
  MAX_RANGE_DAYS,
  RangeError as AnalyticsRangeError,
  presetRange,
  rangeFromParams,
  rangeToParams,
} from "~/domain/analytics";
import { authenticate } from "~/shopify.server";
import { contextForSession } from "~/services/shop-context.server";
import { loadAnalytics, loadShopFacts } from "~/services/analytics/analytics.server";
import { presentReport } from "~/components/analytics/present";
import { AnalyticsSections } from "~/components/analytics/Sections";
import { RangePicker } from "~/components/analytics/RangePicker";
import { ExportButton } from "~/components/analytics/ExportButton";
import { analyticsTexts } from "~/i18n/analytics";
import { AnalyticsLocaleContext } from "~/components/analytics/texts";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { wordError } from "~/services/context.server";
import { toInstants } from "~/domain/analytics";
import { feedbackSummary } from "~/followup/feedback.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const [{ timeZone }, locale] = await Promise.all([
    loadShopFacts(ctx),
    adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub }),
  ]);
  const params = new URL(request.url).searchParams;
  let error: string | null = null;
  let range;
  try {
    range = rangeFromParams(params, ctx.now(), timeZone);
  } catch (e) {
    if (!(e instanceof AnalyticsRangeError)) throw e;
    error = wordError({ key: `range.${e.code}`, values: { max: MAX_RANGE_DAYS } }, locale);
    range = presetRange("last30", ctx.now(), timeZone);
  }
  const report = await loadAnalytics(ctx, range);
  const instants = toInstants(range, timeZone);
  const feedback = await feedbackSummary(ctx.db, ctx.shop.id, { from: instants.start, to: instants.end });
  return json(
    { error, locale, query: rangeToParams(range).toString(), view: presentReport(report, locale), feedback },
    { status: error ? 400 : 200 },
  );
};

export default function AnalyticsPage() {
  const { error, locale, query, view, feedback } = useLoaderData<typeof loader>();
  const { T } = analyticsTexts(locale);
  return (
    <AnalyticsLocaleContext.Provider value={locale}>
      <Page title={T.title} fullWidth>
        <Layout>
          <Layout.Section>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="end" gap="300">
                <RangePicker preset={view.range.preset} from={view.range.from} to={view.range.to} />
                <ExportButton
                  href={`/app/analytics/export?table=returns&${query}`}
                  label={T.exportReturns}
                />
              </InlineStack>
              <Text as="p" tone="subdued">
                {view.rangeLabel} · {T.comparedWith(view.previousLabel.from, view.previousLabel.to)}
              </Text>
              {error ? <Banner tone="critical">{error}</Banner> : null}
              {view.salesWarning ? <Banner tone="warning">{view.salesWarning}</Banner> : null}
              {view.unconvertedNote ? <Banner tone="info">{view.unconvertedNote}</Banner> : null}
            </BlockStack>
          </Layout.Section>
          <AnalyticsSections view={view} query={query} feedback={feedback} />
        </Layout>
      </Page>
    </AnalyticsLocaleContext.Provider>
  );
}

export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
