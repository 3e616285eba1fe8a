/**
 * App proxy: POST /apps/returns/api/lookup — find an order and what can be returned: by the
 * order number and e-mail (the buyer), or by the order number and delivery postcode (a
 * gift's recipient, who sees only what a gift receipt shows: gift-recipient.server.ts).
 */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { appConfig } from "~/shopify.server";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { lookupForStorefront, StorefrontError } from "~/services/storefront.server";
import { storefrontMessage } from "~/i18n/storefront";
import { lookupForRecipient } from "~/services/gift-recipient.server";
import { assertGuestAccessAllowed } from "~/services/sign-in-requirement.server";

const LookupSchema = z.object({
  order: z.string().trim().min(1).max(40),
  email: z.string().trim().max(254).optional().nullable(),
  postcode: z.string().trim().max(20).optional().nullable(),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  try {
    const { ctx, who } = await proxyContext(request);
    const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
    const parsed = LookupSchema.safeParse(form);
    if (!parsed.success) throw new StorefrontError("INVALID_INPUT", 400, storefrontMessage(who.locale, "INVALID_INPUT"), parsed.error.issues);
    await assertGuestAccessAllowed(ctx, who);
    const { order, email, postcode } = parsed.data;
    const result =
      postcode && !email
        ? await lookupForRecipient(ctx, who, { order, postcode }, appConfig.SHOPIFY_API_SECRET)
        : await lookupForStorefront(ctx, who, { order, email: email ?? null }, appConfig.SHOPIFY_API_SECRET);
    return json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return proxyErrorResponse(error, request);
  }
};

export const loader = () => json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } }, { status: 405 });
