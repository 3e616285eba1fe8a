/**
 * App proxy: POST /apps/returns/api/preview — what the return would pay back, before it is
 * filed. Same body as POST /api/returns (the portal sends the form as it stands); nothing
 * is saved.
 */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { StorefrontReturnSchema } from "~/services/return-input";
import { storefrontMessage } from "~/i18n/storefront";
import { appConfig } from "~/shopify.server";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { previewForStorefront } from "~/services/storefront-preview.server";
import { StorefrontError } from "~/services/storefront.server";
import { assertGuestAccessAllowed } from "~/services/sign-in-requirement.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  try {
    const { ctx, who } = await proxyContext(request);
    const body = await request.json().catch(() => null);
    const parsed = StorefrontReturnSchema.safeParse(body);
    if (!parsed.success) throw new StorefrontError("INVALID_INPUT", 400, storefrontMessage(who.locale, "INVALID_INPUT"), parsed.error.issues);
    await assertGuestAccessAllowed(ctx, who);
    const result = await previewForStorefront(ctx, who, parsed.data, appConfig.SHOPIFY_API_SECRET);
    return json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return proxyErrorResponse(error, request);
  }
};

export const loader = () => json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } }, { status: 405 });
