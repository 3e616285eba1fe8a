/** The embedded app shell: App Bridge + Polaris providers, the admin navigation, error boundaries. */
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { appConfig, authenticate } from "~/shopify.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { ensurePolicyPublished } from "~/services/settings.server";
import { contextForSession } from "~/services/shop-context.server";
import { translator } from "~/i18n/admin-locale";
import { NAV_CATALOG } from "~/i18n/catalogs/nav";
import { polarisTranslations } from "~/i18n/polaris.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const [locale] = await Promise.all([
    adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub }),
    // On install (and if Shopify missed a save): the storefront gets the app's policy.
    // A failure here must not keep the merchant out of the app.
    ensurePolicyPublished(ctx).catch(() => undefined),
  ]);
  return {
    locale,
    polaris: polarisTranslations(locale),
    apiKey: appConfig.SHOPIFY_API_KEY,
    // Offline (demo/test) the CDN's App Bridge is unreachable; the stand-in serves a compatible one.
    appBridgeUrl: appConfig.APP_MODE === "production" ? undefined : appConfig.APP_BRIDGE_URL,
  };
};

export default function App() {
  const { apiKey, appBridgeUrl, locale, polaris } = useLoaderData<typeof loader>();
  const t = translator(NAV_CATALOG, locale);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polaris} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          {t("navReturns")}
        </Link>
        <Link to="/app/settings">{t("navSettings")}</Link>
        <Link to="/app/receive">{t("navReceive")}</Link>
        <Link to="/app/privacy">{t("navPrivacy")}</Link>
        <Link to="/app/analytics">{t("navAnalytics")}</Link>
        <Link to="/app/jobs">{t("navJobs")}</Link>
        <Link to="/app/winback">{t("navWinback")}</Link>
        <Link to="/app/emails">{t("navEmails")}</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so that their headers are included.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
