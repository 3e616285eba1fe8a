/**
 * "Create return": staff file a return for a customer (a phone call, a goodwill gesture).
 * Find the order (?order=#1182, or ?orderId= from the admin action on Shopify's order page,
 * extensions/admin-create-return), pick lines, quantities, reasons, resolutions and the
 * method; outside the policy only with an override reason, which the return records.
 * The engine is the portal's (app/services/staff-return.server.ts → planReturn).
 *
 * Action: POST JSON (StaffReturnSchema) → `{ ok: true, id, rmaNumber }`, or
 * `{ ok: false, error: { code, message, details? } }` with 400 (bad input; `message` is a
 * code the page translates), 422 (not eligible, per-line details) or 503 (Shopify down).
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { authenticate } from "~/shopify.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { ReturnsError } from "~/services/context.server";
import { contextForSession } from "~/services/shop-context.server";
import { StaffReturnSchema, createStaffReturn, findOrderForStaff, loadOrderForStaff } from "~/services/staff-return.server";
import { staffUserId } from "~/services/return-page-actions.server";
import { CreateReturnPage, type CreateReturnAnswer } from "~/components/create-return/CreateReturnPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const url = new URL(request.url);
  const query = (url.searchParams.get("orderId") ?? url.searchParams.get("order") ?? "").trim().slice(0, 60);
  if (!query) return { locale, query, found: null, notFound: false };
  const ctx = await contextForSession(session);
  const orderId = await findOrderForStaff(ctx, query);
  const found = orderId ? await loadOrderForStaff(ctx, orderId, locale) : null;
  return { locale, query, found, notFound: found === null };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const body: unknown = await request.json().catch(() => null);
  const parsed = StaffReturnSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const code = issue?.message && /^[A-Z_]+$/.test(issue.message) ? issue.message : "INVALID_INPUT";
    return json<CreateReturnAnswer>({ ok: false, error: { code, message: code, path: issue?.path.join(".") ?? null } }, { status: 400 });
  }
  const ctx = await contextForSession(session);
  try {
    const created = await createStaffReturn(ctx, parsed.data, staffUserId(session, sessionToken));
    return json<CreateReturnAnswer>({ ok: true, id: created.id, rmaNumber: created.rmaNumber });
  } catch (error) {
    if (error instanceof ReturnsError) {
      const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
      return json<CreateReturnAnswer>({ ok: false, error: { code: error.code, message: error.messageIn(locale), details: error.details ?? null } }, { status: error.status });
    }
    throw error;
  }
};

export default function CreateReturn() {
  const data = useLoaderData<typeof loader>();
  return <CreateReturnPage {...data} />;
}

export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
