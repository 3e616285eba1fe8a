/** GET /app/returns/:id/slip — staff reprint of the return slip (PDF, the shopper's language). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { localeFromAcceptLanguage } from "~/i18n/admin-locale";
import { ReturnsError } from "~/services/context.server";
import { slipForReturn, slipResponse } from "~/services/return-slip.server";
import { contextForSession } from "~/services/shop-context.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  try {
    const slip = /^[A-Za-z0-9_-]{1,64}$/.test(params.id ?? "") ? await slipForReturn(ctx, params.id!) : null;
    if (!slip) return new Response("Return not found", { status: 404 });
    return slipResponse(slip);
  } catch (error) {
    if (error instanceof ReturnsError) return error.toResponse(localeFromAcceptLanguage(request.headers.get("accept-language")) ?? "en");
    throw error;
  }
};
