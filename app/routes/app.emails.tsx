/**
 * E-mails to shoppers: pick a step and a language, edit subject and body (Liquid) with a live
 * preview, save (a broken template is refused with line and column), go back to the built-in
 * text, send a test, and set the sender name and Reply-To. `?step=approved&locale=sv`.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import db from "~/db.server";
import { EmailEditor } from "~/components/mail/EmailEditor";
import { emailActionSchema, emailEditorPage, emailFormProblem, LocaleSchema, performEmailAction, rememberShopName, StepSchema } from "~/mail/editor.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const adminLocale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const params = new URL(request.url).searchParams;
  const step = StepSchema.catch("request_received").parse(params.get("step") ?? undefined);
  const locale = LocaleSchema.catch("en").parse(params.get("locale") ?? undefined);
  // The sender's default display name is the shop's name; remember it if the app has none yet.
  await rememberShopName(db, session).catch(() => undefined);
  return json(await emailEditorPage(db, session.shop, step, locale, adminLocale));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const adminLocale = await adminLocaleFor(request, { shop: auth.session.shop, userId: "sessionToken" in auth ? auth.sessionToken?.sub : undefined });
  const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
  const parsed = emailActionSchema(adminLocale).safeParse(form);
  if (!parsed.success) {
    return json({ ok: false as const, intent: String(form.intent ?? ""), message: emailFormProblem(parsed.error, adminLocale) }, { status: 400 });
  }
  const staff = "sessionToken" in auth && auth.sessionToken ? String(auth.sessionToken.sub ?? "") || null : null;
  const result = await performEmailAction(db, auth.session.shop, parsed.data, staff, adminLocale);
  return json(result, { status: result.ok ? 200 : result.status });
};

export default function EmailsPage() {
  const data = useLoaderData<typeof loader>();
  return <EmailEditor key={`${data.step}:${data.locale}`} data={data} />;
}

export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
