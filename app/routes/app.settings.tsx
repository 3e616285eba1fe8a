/**
 * Settings: the return policy editor and its change history. The loader sends the policy,
 * its version and the shop's locations; the action saves a new version (settings service:
 * validated, ids checked, conflict-safe, audited, published to the storefront).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { contextForSession } from "~/services/shop-context.server";
import { ReturnsError, wordError } from "~/services/context.server";
import { PolicyConflictError } from "~/services/policy.server";
import { loadPolicySettings, savePolicySettings } from "~/services/settings.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { fetchLocations } from "~/shopify/locations.server";
import { translator } from "~/i18n/admin-locale";
import { SETTINGS_CATALOG } from "~/i18n/catalogs/settings";
import { formatAdminDateTime } from "~/i18n/admin";
import { PolicyEditor, type SaveAnswer } from "~/components/settings/PolicyEditor";
import { PolicyHistory } from "~/components/settings/PolicyHistory";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const [locale, settings, locations, shop] = await Promise.all([
    adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub }),
    loadPolicySettings(ctx.db, ctx.shop.id),
    // The editor works without the location list (typing is still validated on save).
    fetchLocations(ctx.admin).catch(() => []),
    ctx.db.shop.findUnique({ where: { id: ctx.shop.id }, select: { currencyCode: true, timezone: true } }),
  ]);
  return {
    locale,
    policy: settings.policy,
    version: settings.version,
    publishedVersion: settings.publishedVersion,
    shopCurrency: shop?.currencyCode ?? "SEK",
    locations,
    history: settings.history.map((h) => ({
      version: h.version,
      who: h.actorName,
      when: formatAdminDateTime(h.createdAt.toISOString(), shop?.timezone ?? null, locale),
      changes: h.changes.map((c) => c.path),
    })),
  };
};

const SaveSchema = z.object({ intent: z.literal("save"), version: z.number().int().min(0), policy: z.unknown() });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const body = SaveSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) {
    const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub ? String(sessionToken.sub) : null });
    return json<SaveAnswer>({ ok: false, kind: "error", message: wordError("form.unreadable", locale) }, { status: 400 });
  }
  const ctx = await contextForSession(session);
  const userId = sessionToken?.sub ? String(sessionToken.sub) : null;
  try {
    const result = await savePolicySettings(ctx, {
      policy: body.data.policy,
      expectedVersion: body.data.version,
      // Offline sessions carry no staff name; the user id is what Shopify gives us.
      actor: { id: userId, name: userId ? `Staff #${userId}` : null },
    });
    return json<SaveAnswer>({ ok: true, version: result.version, published: result.published });
  } catch (error) {
    if (error instanceof PolicyConflictError) {
      const shop = await ctx.db.shop.findUnique({ where: { id: ctx.shop.id }, select: { timezone: true } });
      const locale = await adminLocaleFor(request, { shop: session.shop, userId });
      return json<SaveAnswer>(
        {
          ok: false,
          kind: "conflict",
          savedBy: error.savedBy,
          savedAt: error.savedAt ? formatAdminDateTime(error.savedAt.toISOString(), shop?.timezone ?? null, locale) : null,
          version: error.currentVersion,
        },
        { status: 409 },
      );
    }
    if (error instanceof ReturnsError && error.code === "INVALID_INPUT" && Array.isArray(error.details)) {
      return json<SaveAnswer>({ ok: false, kind: "invalid", issues: error.details }, { status: 422 });
    }
    if (error instanceof ReturnsError) {
      const locale = await adminLocaleFor(request, { shop: session.shop, userId });
      return json<SaveAnswer>({ ok: false, kind: "error", message: error.messageIn(locale) }, { status: error.status });
    }
    throw error;
  }
};

export default function SettingsPage() {
  const data = useLoaderData<typeof loader>();
  const t = translator(SETTINGS_CATALOG, data.locale);
  return (
    <Page title={t("pageTitle")} subtitle={t("pageSubtitle")}>
      <BlockStack gap="500">
        <PolicyEditor
          policy={data.policy}
          version={data.version}
          publishedVersion={data.publishedVersion}
          t={t}
          locale={data.locale}
          shopCurrency={data.shopCurrency}
          locations={data.locations}
        />
        <PolicyHistory history={data.history} t={t} />
      </BlockStack>
    </Page>
  );
}
