/**
 * One return: status, customer, lines, amounts, refund ETA, shipping, timeline, and the
 * merchant's next steps. Buttons appear only for actions the state machine allows now.
 * Data: app/services/return-page.server.ts; cards: app/components/return-page/.
 *
 * Action contract: POST form fields (or a JSON object) with `intent` =
 *   approve | receive | process | close | cancel | reopen   (no other fields)
 *   decline  reason = FINAL_SALE | RETURN_PERIOD_ENDED | OTHER, note? (≤ 500)
 *   ship     trackingNumber?, carrierName?, trackingUrl?, labelUrl? (http/https) or, as
 *            multipart/form-data, labelFile (a PDF ≤ 2 MB, checked by content; 413 when the body
 *            is larger, 422 LABEL_INVALID when it is not a usable PDF); a tracking number, a
 *            label file or a label URL is required, not both a file and a URL
 *   inspect  lines = JSON [{ lineId, grade: NEW|GOOD|DAMAGED|UNSELLABLE,
 *            disposition: RESTOCKED|NOT_RESTOCKED|PROCESSING_REQUIRED|MISSING,
 *            locationId? (gid://shopify/Location/…, required for RESTOCKED) }]
 *   resolve  note? (≤ 500) — clears "needs attention" after staff dealt with it
 * Answers `{ ok: true, intent, message }` (200; Remix then reloads the page data) or
 * `{ ok: false, intent, error: { code, message, fields? } }` with 400 for bad input and the
 * ReturnsError's status otherwise (404 another shop's or unknown return, 409 state, 422
 * refused, 503 Shopify unavailable).
 */
import { useEffect, useState } from "react";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useFetcher, useLoaderData, useLocation, useNavigate, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { openReturnSlip } from "~/components/print-slip";
import { appConfig, authenticate } from "~/shopify.server";
import { shopperDetailsFor } from "~/services/photos/shopper-details.server";
import { ShopperDetailsCard } from "~/components/shopper-details/ShopperDetailsCard";
import { ReturnFeedbackCard } from "~/components/followup/ReturnFeedbackCard";
import { getReturnFeedback } from "~/followup/feedback.server";
import { ReturnsError } from "~/services/context.server";
import { contextForSession } from "~/services/shop-context.server";
import { loadReturnPage } from "~/services/return-page.server";
import { ReturnIdSchema, bodyTooLarge, parseReturnAction, performReturnAction, readBody, staffUserId } from "~/services/return-page-actions.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import type { ActorRef } from "~/services/return-records.server";
import { AttentionBadge, ReturnStatusBadge } from "~/components/ReturnStatusBadge";
import type { FieldErrors } from "~/components/ReturnActionForms";
import { ReturnTimeline } from "~/components/ReturnTimeline";
import { INTENT_ACTION, PRIMARY, type ActionData, type Intent, type Panel, type StatusIntent } from "~/components/return-page/intents";
import { ActionPanel } from "~/components/return-page/ActionPanel";
import { ReturnBanners } from "~/components/return-page/ReturnBanners";
import { ItemsCard } from "~/components/return-page/ItemsCard";
import { AmountsCard, CustomerCard, DeclinedCard, DetailsCard, GiftCard, ShippingCard, StaffCard } from "~/components/return-page/SideCards";
import { ReturnPageLocale, useReturnPageT } from "~/components/return-page/i18n";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { RETURN_PAGE_CATALOG } from "~/i18n/catalogs/return-page";
import { ReturnEmails } from "~/components/mail/ReturnEmails";
import { returnEmailsView } from "~/mail/timeline.server";

export type { ActionData } from "~/components/return-page/intents";

function notFound(): Response {
  return new Response("This return does not exist in this shop.", { status: 404, statusText: "Not Found" });
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const id = ReturnIdSchema.safeParse(params.id);
  if (!id.success) throw notFound();
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const ctx = await contextForSession(session);
  const data = await loadReturnPage(ctx, id.data, locale);
  if (!data) throw notFound();
  // Self-contained extras: the shopper's photos and pickup, the e-mails sent, the rating.
  const [shopperDetails, emails, feedback] = await Promise.all([
    shopperDetailsFor(ctx, data.ret.id, appConfig.SHOPIFY_API_SECRET),
    returnEmailsView(ctx.db, ctx.shop.domain, data.ret.id, ctx.shop.timezone, locale),
    getReturnFeedback(ctx.db, ctx.shop.id, data.ret.id),
  ]);
  return { ...data, shopperDetails, emails, feedback };
};

function fail(status: number, intent: Intent | null, code: string, message: string, fields?: Record<string, string>) {
  return json<ActionData>({ ok: false, intent, error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const { session } = auth;
  const token = "sessionToken" in auth ? auth.sessionToken : undefined;
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: token?.sub });
  const t = translator(RETURN_PAGE_CATALOG, locale);
  if (bodyTooLarge(request)) return fail(413, "ship", "LABEL_INVALID", t("validation.labelTooLarge"), { labelFile: t("validation.labelTooLarge") });
  const body = await readBody(request);
  if (!body) return fail(400, null, "INVALID_INPUT", t("validation.unreadable"));
  const parsed = parseReturnAction(body, locale);
  if (!parsed.ok && parsed.intent === null) return fail(400, null, "INVALID_INPUT", parsed.message);
  const id = ReturnIdSchema.safeParse(params.id);
  if (!id.success) return fail(404, parsed.intent, "NOT_FOUND", t("validation.notFound"));
  if (!parsed.ok) return fail(400, parsed.intent, "INVALID_INPUT", parsed.message, parsed.fields);

  const ctx = await contextForSession(session);
  const actor: ActorRef = { type: "STAFF", id: staffUserId(session, token) };
  try {
    const message = await performReturnAction(ctx, id.data, parsed.intent, parsed.fields, actor, locale);
    return json<ActionData>({ ok: true, intent: parsed.intent, message });
  } catch (error) {
    if (error instanceof ReturnsError) return fail(error.status, parsed.intent, error.code, error.messageIn(locale));
    throw error;
  }
};

export default function ReturnPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <ReturnPageLocale value={data.locale}>
      <ReturnPageContent />
    </ReturnPageLocale>
  );
}

function ReturnPageContent() {
  const data = useLoaderData<typeof loader>();
  const t = useReturnPageT();
  const { ret } = data;
  const fetcher = useFetcher<ActionData>({ key: `return-${ret.id}` });
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const location = useLocation();
  const [panel, setPanel] = useState<Panel>(null);
  const [dismissed, setDismissed] = useState<unknown>(null);

  const busy = fetcher.state !== "idle";
  const inFlight = busy ? (fetcher.formData?.get("intent") as Intent | null) : null;
  const result = fetcher.data;
  const allowed = (intent: StatusIntent) => ret.allowedActions.includes(INTENT_ACTION[intent]);

  useEffect(() => {
    if (fetcher.state === "idle" && result?.ok) {
      shopify.toast.show(result.message);
      setPanel(null);
    }
  }, [fetcher.state, result, shopify]);

  // A panel for an action that is no longer allowed (the status moved on) closes itself.
  const openPanel: Panel = panel && allowed(panel) ? panel : null;

  const submit = (intent: Intent, fields: Record<string, string> = {}, labelFile?: File) => {
    setDismissed(null);
    if (!labelFile) return fetcher.submit({ intent, ...fields }, { method: "post" });
    // A label PDF goes as multipart; the action stages it at Shopify (services/labels).
    const form = new FormData();
    form.set("intent", intent);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("labelFile", labelFile, labelFile.name);
    fetcher.submit(form, { method: "post", encType: "multipart/form-data" });
  };

  const error = result && !result.ok && dismissed !== result ? result.error : null;
  const fieldErrors: FieldErrors = error?.fields ?? {};

  const found = PRIMARY.find((p) => allowed(p.intent));
  const primary = found ? { ...found, label: found.intent === "process" ? ret.process.button : t(found.label) } : undefined;
  const secondary = [
    allowed("decline") && { content: t("decline"), destructive: true, onAction: () => setPanel("decline") },
    allowed("ship") && { content: t("addTracking"), onAction: () => setPanel("ship") },
    allowed("inspect") && { content: t("inspectItems"), onAction: () => setPanel("inspect") },
    allowed("cancel") && { content: t("cancelReturn"), destructive: true, onAction: () => setPanel("cancel") },
    { content: t("printSlip"), onAction: () => void openReturnSlip(ret.id, (m) => shopify.toast.show(m, { isError: true }), { none: t("slip.none"), failed: t("slip.failed") }) },
  ]
    .filter((a): a is { content: string; destructive?: boolean; onAction: () => void } => Boolean(a))
    .map((a) => ({ ...a, disabled: busy }));

  const customer = ret.customerName ?? ret.customerEmail ?? t("unknownCustomer");
  const cameFromInbox = (location.state as { fromInbox?: boolean } | null)?.fromInbox === true;

  return (
    <Page
      backAction={{ content: t("back"), onAction: () => (cameFromInbox ? navigate(-1) : navigate("/app")) }}
      title={ret.rmaNumber}
      titleMetadata={
        <InlineStack gap="100">
          <ReturnStatusBadge status={ret.status} locale={data.locale} />
          {ret.needsAttention ? <AttentionBadge locale={data.locale} /> : null}
        </InlineStack>
      }
      subtitle={t("subtitle", { order: ret.orderName, customer })}
      primaryAction={
        primary
          ? {
              content: primary.label,
              loading: inFlight === primary.intent,
              disabled: busy,
              onAction: () => (primary.panel ? setPanel(primary.panel) : submit(primary.intent)),
            }
          : undefined
      }
      secondaryActions={secondary}
    >
      <Layout>
        {error || ret.needsAttention ? (
          <Layout.Section>
            <ReturnBanners ret={ret} error={error} onDismissError={() => setDismissed(result)} onResolve={() => submit("resolve")} resolving={inFlight === "resolve"} busy={busy} />
          </Layout.Section>
        ) : null}

        {/* Main column: the open action panel, the items, the timeline. */}
        <Layout.Section>
          <BlockStack gap="400">
            <ActionPanel panel={openPanel} data={data} submit={submit} close={() => setPanel(null)} inFlight={inFlight} busy={busy} errors={fieldErrors} />
            <ItemsCard lines={ret.lines} locations={data.locations} />
            <ShopperDetailsCard details={data.shopperDetails} />
            <ReturnTimeline entries={ret.timeline} truncated={ret.eventsTruncated} />
            <ReturnEmails emails={data.emails} locale={data.locale} />
          </BlockStack>
        </Layout.Section>

        {/* Side column: one self-contained card each. */}
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {data.feedback || ret.status === "CLOSED" ? <ReturnFeedbackCard feedback={data.feedback} locale={data.locale} /> : null}
            <AmountsCard ret={ret} />
            <CustomerCard ret={ret} />
            <StaffCard ret={ret} />
            {ret.gift ? <GiftCard gift={ret.gift} onRetry={() => submit("retryGiftCard")} retrying={inFlight === "retryGiftCard"} /> : null}
            <ShippingCard ret={ret} />
            {ret.decline ? <DeclinedCard decline={ret.decline} /> : null}
            <DetailsCard ret={ret} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** Not found (unknown id, or another shop's return) gets a page; the rest goes to Shopify's boundary. */
export function ErrorBoundary() {
  const error = useRouteError();
  const navigate = useNavigate();
  // The app shell's loader knows the staff member's language.
  const t = translator(RETURN_PAGE_CATALOG, useRouteLoaderData<{ locale: AdminLocale }>("routes/app")?.locale ?? "en");
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Page backAction={{ content: t("back"), onAction: () => navigate("/app") }} title={t("notFoundTitle")}>
        <Card>
          <Text as="p">{t("notFoundBody")}</Text>
        </Card>
      </Page>
    );
  }
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
