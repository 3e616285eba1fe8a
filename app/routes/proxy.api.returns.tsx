/** App proxy: POST /apps/returns/api/returns — file a return for an order found by lookup. */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { StorefrontReturnSchema, giftIssueCode } from "~/services/return-input";
import { appConfig } from "~/shopify.server";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { createFromStorefront, StorefrontError } from "~/services/storefront.server";
import { storefrontMessage } from "~/i18n/storefront";
import { assertGuestAccessAllowed } from "~/services/sign-in-requirement.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  try {
    const { ctx, who } = await proxyContext(request);
    const body = await request.json().catch(() => null);
    const parsed = StorefrontReturnSchema.safeParse(body);
    if (!parsed.success) {
      const gift = giftIssueCode(parsed.error.issues);
      throw new StorefrontError(gift ?? "INVALID_INPUT", 400, storefrontMessage(who.locale, gift ?? "INVALID_INPUT"), parsed.error.issues);
    }
    await assertGuestAccessAllowed(ctx, who);
    const result = await createFromStorefront(ctx, who, parsed.data, appConfig.SHOPIFY_API_SECRET);
    return json(result, { status: 201, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    return proxyErrorResponse(error, request);
  }
};

export const loader = () => json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } }, { status: 405 });
