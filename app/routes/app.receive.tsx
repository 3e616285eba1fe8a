/**
 * Receiving station for warehouse staff, driven by a barcode scanner or the keyboard.
 *
 * Action contract (POST form fields, answered as JSON):
 *   intent=scan     code (≤ 300): an RMA, a status page URL (the slip's QR) or an order number
 *                   → 200 { kind: "found", ret, others } | 404 { kind: "unknown", message }
 *   intent=approve  id → 200 { kind: "found", ret } | 4xx { kind: "error", message }
 *   intent=receive  id, lines = JSON [{ lineId, grade, disposition, locationId? }]
 *                   → 200 { kind: "received", message } | 4xx { kind: "error", message }
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { ShopifyApiError } from "~/shopify/errors";
import { fetchReceivingLocations } from "~/shopify/sales.server";
import { ReturnsError, wordError } from "~/services/context.server";
import { contextForSession } from "~/services/shop-context.server";
import {
  CODE_MAX_LENGTH,
  approveReturn,
  receiveAndInspect,
  scanCode,
  stageOf,
} from "~/services/receiving.server";
import { ReceiveStation } from "~/components/receiving/ReceiveStation";
import { receiveTexts } from "~/i18n/analytics";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { CONDITION_GRADES, DISPOSITIONS } from "~/i18n/admin";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  try {
    const found = await fetchReceivingLocations(ctx.admin);
    return {
      locale,
      locations: Object.entries(found.names).map(([id, name]) => ({ id, name })),
      defaultLocationId: found.defaultLocationId,
    };
  } catch (error) {
    if (!(error instanceof ShopifyApiError)) throw error;
    return { locale, locations: [], defaultLocationId: null };
  }
};

const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const LinesSchema = z
  .array(
    z.object({
      lineId: IdSchema,
      grade: z.enum(CONDITION_GRADES),
      disposition: z.enum(DISPOSITIONS),
      locationId: z.string().startsWith("gid://shopify/Location/").max(100).nullish(),
    }),
  )
  .min(1)
  .max(500);

function error(status: number, message: string) {
  return json({ kind: "error" as const, message }, { status });
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const { R } = receiveTexts(locale);
  const form = await request.formData();
  const intent = form.get("intent");
  const actor = {
    type: "STAFF" as const,
    id: session.onlineAccessInfo?.associated_user?.id?.toString() ?? null,
  };
  try {
    if (intent === "scan") {
      const code = String(form.get("code") ?? "");
      if (!code.trim())
        return json({ kind: "unknown" as const, message: R.empty }, { status: 400 });
      if (code.length > CODE_MAX_LENGTH)
        return json(
          { kind: "unknown" as const, message: R.unknown(code.slice(0, 40) + "…") },
          { status: 400 },
        );
      const outcome = await scanCode(ctx, code);
      if (outcome.kind === "unknown")
        return json(
          { kind: "unknown" as const, message: R.unknown(outcome.code) },
          { status: 404 },
        );
      return json({
        kind: "found" as const,
        ret: outcome.ret,
        others: outcome.others,
        message: null as string | null,
      });
    }
    const id = IdSchema.safeParse(form.get("id"));
    if (!id.success) return error(400, wordError("station.scanFirst", locale));
    if (intent === "approve") {
      await approveReturn(ctx, id.data, actor);
      const again = await ctx.db.returnRequest.findFirst({
        where: { id: id.data, shopId: ctx.shop.id },
        select: { rmaNumber: true },
      });
      const outcome = await scanCode(ctx, again?.rmaNumber ?? "");
      if (outcome.kind === "unknown") return error(404, R.unknown(again?.rmaNumber ?? ""));
      return json({
        kind: "found" as const,
        ret: outcome.ret,
        others: [],
        message: R.approved(outcome.ret.rmaNumber),
      });
    }
    if (intent === "receive") {
      let raw: unknown;
      try {
        raw = JSON.parse(String(form.get("lines") ?? ""));
      } catch {
        return error(400, wordError("station.linesUnreadable", locale));
      }
      const lines = LinesSchema.safeParse(raw);
      if (!lines.success) return error(400, wordError("station.checkLines", locale));
      const done = await receiveAndInspect(ctx, id.data, lines.data, actor);
      return json({
        kind: "received" as const,
        message: R.received(done.rmaNumber),
        stage: stageOf(done.status),
      });
    }
    return error(400, wordError("station.unknownAction", locale));
  } catch (e) {
    if (e instanceof ReturnsError) return error(e.status, e.messageIn(locale));
    throw e;
  }
};

export default function ReceivePage() {
  const { locale, locations, defaultLocationId } = useLoaderData<typeof loader>();
  const { R } = receiveTexts(locale);
  return (
    <Page title={R.title}>
      <Layout>
        <Layout.Section>
          <ReceiveStation
            locations={locations}
            defaultLocationId={defaultLocationId}
            locale={locale}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
