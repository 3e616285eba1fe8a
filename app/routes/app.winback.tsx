/**
 * Win-back offers: the merchant's settings (POST, validated by WinbackSettingsSchema; bad
 * input → 400 with the fields) and what the codes brought back (app/followup/).
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { authenticate } from "~/shopify.server";
import { contextForSession } from "~/services/shop-context.server";
import { getWinbackSettings, saveWinbackSettings, winbackInputFromForm } from "~/followup/winback-settings.server";
import { winbackStats } from "~/followup/winback-stats.server";
import { fromMinorUnits, toMinorUnits } from "~/shopify/money";
import { getShopInfo } from "~/shopify/shop.server";
import { formatAdminDate, formatAdminMoney } from "~/i18n/admin";
import { followupAdmin } from "~/i18n/followup-admin";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { WinbackSettingsForm, type WinbackFormValues } from "~/components/followup/WinbackSettingsForm";
import { WinbackStatsCard } from "~/components/followup/WinbackStatsCard";

async function shopCurrency(shopId: string, ctx: Awaited<ReturnType<typeof contextForSession>>) {
  const row = await ctx.db.shop.findUnique({ where: { id: shopId }, select: { currencyCode: true } });
  return row?.currencyCode ?? (await getShopInfo(ctx.admin)).currencyCode;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const [settings, stats, currency] = await Promise.all([getWinbackSettings(ctx.db, ctx.shop.id), winbackStats(ctx), shopCurrency(ctx.shop.id, ctx)]);
  const money = (minor: number) => formatAdminMoney(minor, stats.currency ?? currency);
  const form: WinbackFormValues = {
    enabled: settings.enabled,
    valueType: settings.valueType,
    percentage: String(settings.percentage),
    fixedAmount: settings.fixedAmount ? fromMinorUnits(settings.fixedAmount, currency) : "",
    minimumOrderAmount: settings.minimumOrderAmount ? fromMinorUnits(settings.minimumOrderAmount, currency) : "0",
    validityDays: String(settings.validityDays),
    delayDays: String(settings.delayDays),
    periodDays: String(settings.periodDays),
  };
  return json({
    locale,
    form,
    currency,
    stats: {
      sent: stats.sent,
      used: stats.used,
      revenue: money(stats.revenue),
      shopifyUnavailable: stats.shopifyUnavailable,
      recent: stats.recent.slice(0, 25).map((r) => ({ code: r.code, sentOn: formatAdminDate(r.sentAt, ctx.shop.timezone), used: r.used, revenue: r.used ? money(r.revenue) : "" })),
    },
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const currency = await shopCurrency(ctx.shop.id, ctx);
  const form = await request.formData().catch(() => new FormData());
  const result = await saveWinbackSettings(ctx.db, ctx.shop.id, winbackInputFromForm(form, currency, toMinorUnits));
  return result.ok ? json({ ok: true as const, errors: {} }) : json({ ok: false as const, errors: result.errors }, { status: 400 });
};

export default function WinbackPage() {
  const { locale, form, currency, stats } = useLoaderData<typeof loader>();
  const FA = followupAdmin(locale);
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  return (
    <Page title={FA.winbackTitle} backAction={{ url: "/app" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.ok ? <Banner tone="success">{FA.saved}</Banner> : null}
            {result && !result.ok ? <Banner tone="critical">{FA.fixErrors}</Banner> : null}
            <WinbackSettingsForm initial={form} currency={currency} errors={result?.errors ?? {}} saving={saving} locale={locale} />
            <WinbackStatsCard stats={stats} locale={locale} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
