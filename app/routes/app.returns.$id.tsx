/**
 * One return: status, customer, lines, amounts, refund ETA, shipping, timeline, and the
 * merchant's next steps. Buttons appear only for actions the state machine allows now.
 *
 * Action contract: POST form fields (or a JSON object) with `intent` =
 *   approve | receive | process | close | cancel | reopen   (no other fields)
 *   decline  reason = FINAL_SALE | RETURN_PERIOD_ENDED | OTHER, note? (≤ 500)
 *   ship     trackingNumber?, carrierName?, trackingUrl?, labelUrl? (http/https; a tracking
 *            number or a label URL is required)
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
import { isRouteErrorResponse, useFetcher, useLoaderData, useLocation, useNavigate, useRouteError } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Banner, Box, Card, DescriptionList, Divider, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { z } from "zod";
import { outcomeKind, type ReturnAction } from "~/domain";
import { PROCESS_WORDING } from "~/components/resolution-wording";
import { openReturnSlip } from "~/components/print-slip";
import { authenticate } from "~/shopify.server";
import { ReturnsError } from "~/services/context.server";
import { contextForSession } from "~/services/shop-context.server";
import { getRestockLocations, getReturnDetail, type ReturnDetail } from "~/services/returns-query.server";
import {
  approveReturn,
  attachShipping,
  cancelReturn,
  closeReturn,
  declineReturn,
  inspectReturn,
  markReceived,
  reopenReturn,
} from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { resolveAttention, type ActorRef } from "~/services/return-records.server";
import { AttentionBadge, ReturnStatusBadge } from "~/components/ReturnStatusBadge";
import { ConfirmCard, DeclineForm, InspectForm, TrackingForm, type FieldErrors } from "~/components/ReturnActionForms";
import { ReturnTimeline, type TimelineEntry } from "~/components/ReturnTimeline";
import { ReturnEmails } from "~/components/mail/ReturnEmails";
import { returnEmailsView } from "~/mail/timeline.server";
import { KeyValueList } from "~/components/KeyValueList";
import {
  ACTOR_LABEL,
  CONDITION_GRADES,
  CONDITION_LABEL,
  DECLINE_REASONS,
  DECLINE_REASON_LABEL,
  DISPOSITIONS,
  DISPOSITION_DONE_LABEL,
  METHOD_LABEL,
  eventLabel,
  formatAdminDateRange,
  formatAdminDate,
  formatAdminDateTime,
  formatAdminMoney,
  humanize,
  resolutionLabel,
  safeHttpUrl,
} from "~/i18n/admin";

/** Our ids are cuids; anything else can't be a return of this shop. */
const ReturnIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

function notFound(): Response {
  return new Response("This return does not exist in this shop.", { status: 404, statusText: "Not Found" });
}

// ---------------------------------------------------------------------------------------
// Loader

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = ReturnIdSchema.safeParse(params.id);
  if (!id.success) throw notFound();
  const ctx = await contextForSession(session);
  let detail: ReturnDetail;
  try {
    detail = await getReturnDetail(ctx, id.data);
  } catch (error) {
    if (error instanceof ReturnsError && error.status === 404) throw notFound();
    throw error;
  }
  const restock = detail.allowedActions.includes("inspect") ? await getRestockLocations(ctx) : { locations: [], error: null };
  const emails = await returnEmailsView(ctx.db, ctx.shop.domain, detail.id, ctx.shop.timezone);
  return { ret: present(detail, ctx.shop.timezone), locations: restock.locations, locationsError: restock.error, emails };
};

/** The return as display strings (formatted here so server and browser render alike). */
function present(d: ReturnDetail, timeZone: string | null) {
  const money = (amount: number) => formatAdminMoney(amount, d.currency);
  const amounts: { term: string; description: string }[] = [];
  if (d.amounts.refund) amounts.push({ term: "Refund to original payment", description: money(d.amounts.refund) });
  if (d.amounts.storeCredit || d.amounts.bonusCredit) {
    amounts.push({
      term: "Store credit",
      description: d.amounts.bonusCredit ? `${money(d.amounts.storeCredit)} + ${money(d.amounts.bonusCredit)} bonus` : money(d.amounts.storeCredit),
    });
  }
  if (d.amounts.exchange) amounts.push({ term: "Exchange items", description: money(d.amounts.exchange) });
  if (d.amounts.restockingFee) amounts.push({ term: "Restocking fee", description: `−${money(d.amounts.restockingFee)}` });
  if (d.amounts.returnShippingFee) amounts.push({ term: "Return shipping fee", description: `−${money(d.amounts.returnShippingFee)}` });
  if (amounts.length === 0) amounts.push({ term: "Amount", description: money(0) });

  const milestones = (
    [
      ["Requested", d.requestedAt],
      ["Approved", d.approvedAt],
      ["Declined", d.declinedAt],
      ["In transit", d.inTransitAt],
      ["Received", d.receivedAt],
      ["Inspected", d.inspectedAt],
      ["Processed", d.processedAt],
      ["Closed", d.closedAt],
      ["Canceled", d.canceledAt],
    ] as const
  )
    .filter(([, at]) => at !== null)
    .map(([term, at]) => ({ term, description: formatAdminDateTime(at!, timeZone) }));

  const tracking =
    d.tracking.number || d.tracking.labelUrl || d.tracking.url
      ? { number: d.tracking.number, carrier: d.tracking.carrier, url: safeHttpUrl(d.tracking.url), labelUrl: safeHttpUrl(d.tracking.labelUrl) }
      : null;

  return {
    id: d.id,
    rmaNumber: d.rmaNumber,
    status: d.status,
    allowedActions: d.allowedActions,
    orderName: d.orderName,
    customerName: d.customerName,
    customerEmail: d.customerEmail,
    method: METHOD_LABEL[d.method] ?? humanize(d.method),
    shopifyReturnName: d.shopifyReturnName,
    needsAttention: d.needsAttention,
    attentionReason: d.attentionReason,
    autoApproved: d.autoApproved,
    euWithdrawal: d.euWithdrawal,
    storeCreditConsent: d.storeCreditConsent,
    process: PROCESS_WORDING[outcomeKind(d.lines)],
    amounts,
    // ETA dates and the EU deadline are calendar days stored as UTC midnight.
    refundEta: d.refundEta ? formatAdminDateRange(d.refundEta.from, d.refundEta.to, "UTC") : null,
    refundDeadline: d.refundDeadline ? formatAdminDate(d.refundDeadline, "UTC") : null,
    milestones,
    tracking,
    decline: d.status === "DECLINED" || d.declineReason ? { reason: d.declineReason ? (DECLINE_REASON_LABEL[d.declineReason] ?? humanize(d.declineReason)) : null, note: d.declineNote } : null,
    lines: d.lines.map((l) => ({
      id: l.id,
      title: l.title,
      variantTitle: l.variantTitle,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      reason: l.reasonHandle ? humanize(l.reasonHandle) : null,
      note: l.customerNote,
      resolution: resolutionLabel(l.resolution),
      exchangeFor: l.resolution === "EXCHANGE" ? (l.exchangeVariantTitle ?? "Another variant") : null,
      condition: l.conditionGrade ? (CONDITION_LABEL[l.conditionGrade] ?? humanize(l.conditionGrade)) : null,
      disposition: l.disposition ? (DISPOSITION_DONE_LABEL[l.disposition] ?? humanize(l.disposition)) : null,
      locationId: l.dispositionLocationId,
      restockingFeePercent: l.restockingFeePercent,
    })),
    // ETA recalculations follow every step; the current estimate is in the Amounts card.
    timeline: d.events.filter((e) => e.type !== "eta").map(
      (e): TimelineEntry => ({
        id: e.id,
        label: eventLabel(e.type),
        actor: ACTOR_LABEL[e.actor] ?? humanize(e.actor),
        at: formatAdminDateTime(e.createdAt, timeZone),
        detail: eventDetail(e.type, e.data),
      }),
    ),
    eventsTruncated: d.eventsTruncated,
  };
}

/** The one fact worth showing under a timeline entry, if any. */
function eventDetail(type: string, data: Record<string, unknown>): string | null {
  const text = (key: string) => (typeof data[key] === "string" && data[key] ? (data[key] as string) : null);
  switch (type) {
    case "decline": {
      const reason = text("reason");
      return reason ? (DECLINE_REASON_LABEL[reason] ?? humanize(reason)) : null;
    }
    case "flagged":
      return text("reason");
    case "synced":
      return text("why");
    case "eta": {
      const from = text("from");
      const to = text("to");
      return from && to ? `Expected ${formatAdminDateRange(`${from}T00:00:00Z`, `${to}T00:00:00Z`, "UTC")}` : null;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------
// Action

const INTENTS = ["approve", "decline", "ship", "receive", "inspect", "process", "close", "cancel", "reopen", "resolve"] as const;
type Intent = (typeof INTENTS)[number];
type StatusIntent = Exclude<Intent, "resolve">;

/** Which state-machine action each intent performs (for showing buttons). "resolve" clears a flag, no status change. */
const INTENT_ACTION: Record<StatusIntent, ReturnAction> = {
  approve: "approve",
  decline: "decline",
  ship: "ship",
  receive: "receive",
  inspect: "inspect",
  process: "process",
  close: "close",
  cancel: "cancel",
  reopen: "reopen",
};

const blankToUndefined = (v: unknown) => (typeof v === "string" ? v.trim() || undefined : (v ?? undefined));

const optionalText = (max: number, label: string) =>
  z.preprocess(blankToUndefined, z.string({ invalid_type_error: `${label} must be text.` }).max(max, `${label} can be at most ${max} characters.`).optional());

const optionalWebAddress = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ invalid_type_error: `${label} must be text.` })
      .max(2000, `${label} is too long.`)
      .refine((v) => safeHttpUrl(v) !== null, `${label} must be a full web address starting with https://.`)
      .optional(),
  );

const InspectLineSchema = z.object({
  lineId: z.string({ required_error: "Each line needs its id." }).min(1).max(64),
  grade: z.enum(CONDITION_GRADES, { errorMap: () => ({ message: "Choose the condition." }) }),
  disposition: z.enum(DISPOSITIONS, { errorMap: () => ({ message: "Choose what happens to the item." }) }),
  locationId: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^gid:\/\/shopify\/Location\/\d+$/, "Choose a location from the list.")
      .nullish(),
  ),
});

const parseJsonText = (v: unknown) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

const IntentSchemas = {
  approve: z.object({}),
  decline: z.object({
    reason: z.enum(DECLINE_REASONS, { errorMap: () => ({ message: "Choose why you decline the return." }) }),
    note: optionalText(500, "The note"),
  }),
  ship: z
    .object({
      trackingNumber: optionalText(100, "The tracking number"),
      carrierName: optionalText(100, "The carrier"),
      trackingUrl: optionalWebAddress("The tracking URL"),
      labelUrl: optionalWebAddress("The label URL"),
    })
    .superRefine((v, ctx) => {
      if (!v.trackingNumber && !v.labelUrl) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["trackingNumber"], message: "Enter a tracking number or a label URL." });
      }
    }),
  receive: z.object({}),
  inspect: z
    .object({
      lines: z.preprocess(
        parseJsonText,
        z.array(InspectLineSchema, { invalid_type_error: "Send the inspected lines as a list." }).min(1, "Inspect at least one item.").max(250, "Too many lines."),
      ),
    })
    .superRefine((v, ctx) => {
      v.lines.forEach((line, i) => {
        if (line.disposition === "RESTOCKED" && !line.locationId) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lines", i, "locationId"], message: "Choose the location to restock at." });
        }
      });
    }),
  process: z.object({}),
  close: z.object({}),
  cancel: z.object({}),
  reopen: z.object({}),
  resolve: z.object({ note: optionalText(500, "The note") }),
} satisfies Record<Intent, z.ZodTypeAny>;

export type ActionData =
  | { ok: true; intent: Intent; message: string }
  | { ok: false; intent: Intent | null; error: { code: string; message: string; fields?: Record<string, string> } };

function fail(status: number, intent: Intent | null, code: string, message: string, fields?: Record<string, string>) {
  return json<ActionData>({ ok: false, intent, error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

/**
 * Who acted: the staff member's user id from an online session, or else from the session
 * token's `sub` (the app uses offline sessions; the token still names the user).
 */
function staffUserId(session: { onlineAccessInfo?: { associated_user?: { id?: number } } }, token: { sub?: string } | undefined): string | null {
  const fromSession = session.onlineAccessInfo?.associated_user?.id;
  if (fromSession !== undefined) return String(fromSession);
  return token?.sub ?? null;
}

/** The submitted fields as a plain object, from a form post or a JSON body; null if unreadable. */
async function readBody(request: Request): Promise<Record<string, unknown> | null> {
  try {
    if ((request.headers.get("content-type") ?? "").includes("application/json")) {
      const body: unknown = await request.json();
      return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    }
    const form = await request.formData();
    return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  } catch {
    return null;
  }
}

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const { session } = auth;
  const body = await readBody(request);
  if (!body) return fail(400, null, "INVALID_INPUT", "The request could not be read. Reload the page and try again.");
  const intent = z.enum(INTENTS).safeParse(body.intent);
  if (!intent.success) {
    return fail(400, null, "INVALID_INPUT", `Unknown action${typeof body.intent === "string" ? ` “${body.intent.slice(0, 40)}”` : ""}. Use one of: ${INTENTS.join(", ")}.`);
  }
  const id = ReturnIdSchema.safeParse(params.id);
  if (!id.success) return fail(404, intent.data, "NOT_FOUND", "This return does not exist in this shop.");
  const parsed = IntentSchemas[intent.data].safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= issue.message;
    return fail(400, intent.data, "INVALID_INPUT", parsed.error.issues[0]?.message ?? "Check the form.", fields);
  }

  const ctx = await contextForSession(session);
  const actor: ActorRef = { type: "STAFF", id: staffUserId(session, "sessionToken" in auth ? auth.sessionToken : undefined) };
  const input = parsed.data as Record<string, unknown>;
  try {
    const message = await perform(intent.data, input);
    return json<ActionData>({ ok: true, intent: intent.data, message });
  } catch (error) {
    if (error instanceof ReturnsError) return fail(error.status, intent.data, error.code, error.message);
    throw error;
  }

  async function perform(which: Intent, fields: Record<string, unknown>): Promise<string> {
    const returnId = id.data!;
    switch (which) {
      case "approve":
        await approveReturn(ctx, returnId, actor);
        return "Return approved";
      case "decline": {
        const { reason, note } = fields as z.infer<(typeof IntentSchemas)["decline"]>;
        await declineReturn(ctx, returnId, { reason, note: note ?? null }, actor);
        return "Return declined";
      }
      case "ship": {
        const f = fields as z.infer<(typeof IntentSchemas)["ship"]>;
        await attachShipping(ctx, returnId, { trackingNumber: f.trackingNumber ?? null, carrierName: f.carrierName ?? null, trackingUrl: f.trackingUrl ?? null, labelUrl: f.labelUrl ?? null }, actor);
        return "Tracking added";
      }
      case "receive":
        await markReceived(ctx, returnId, actor);
        return "Marked as received";
      case "inspect": {
        const { lines } = fields as z.infer<(typeof IntentSchemas)["inspect"]>;
        await inspectReturn(ctx, returnId, lines.map((l) => ({ lineId: l.lineId, grade: l.grade, disposition: l.disposition, locationId: l.locationId ?? null })), actor);
        return "Inspection saved";
      }
      case "process": {
        const result = await processReturn(ctx, returnId, actor);
        const wording = PROCESS_WORDING[outcomeKind(result.ret.lines)];
        return result.status === "ALREADY_PROCESSED" ? wording.already : wording.done;
      }
      case "close":
        await closeReturn(ctx, returnId, actor);
        return "Return closed";
      case "cancel":
        await cancelReturn(ctx, returnId, actor);
        return "Return canceled";
      case "reopen":
        await reopenReturn(ctx, returnId, actor);
        return "Return reopened";
      case "resolve": {
        const { note } = fields as z.infer<(typeof IntentSchemas)["resolve"]>;
        await resolveAttention(ctx, returnId, actor, note ?? null);
        return "Marked as resolved";
      }
    }
  }
};

// ---------------------------------------------------------------------------------------
// Page

type Panel = "decline" | "ship" | "inspect" | "process" | "cancel" | null;

/** The step that moves the return forward, shown as the page's primary button. */
const PRIMARY: readonly { intent: StatusIntent; label: string; panel?: Panel }[] = [
  { intent: "approve", label: "Approve" },
  { intent: "process", label: "Refund", panel: "process" },
  { intent: "receive", label: "Mark as received" },
  { intent: "close", label: "Close return" },
  { intent: "reopen", label: "Reopen" },
];

export default function ReturnPage() {
  const { ret, locations, locationsError, emails } = useLoaderData<typeof loader>();
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
  const openPanel: Panel =
    panel && ((panel === "decline" && allowed("decline")) || (panel === "ship" && allowed("ship")) || (panel === "inspect" && allowed("inspect")) || (panel === "process" && allowed("process")) || (panel === "cancel" && allowed("cancel")))
      ? panel
      : null;

  const submit = (intent: Intent, fields: Record<string, string> = {}) => {
    setDismissed(null);
    fetcher.submit({ intent, ...fields }, { method: "post" });
  };

  const error = result && !result.ok && dismissed !== result ? result.error : null;
  const fieldErrors: FieldErrors = error?.fields ?? {};

  const found = PRIMARY.find((p) => allowed(p.intent));
  const primary = found?.intent === "process" ? { ...found, label: ret.process.button } : found;
  const secondary = [
    allowed("decline") && { content: "Decline", destructive: true, onAction: () => setPanel("decline") },
    allowed("ship") && { content: "Add tracking", onAction: () => setPanel("ship") },
    allowed("inspect") && { content: "Inspect items", onAction: () => setPanel("inspect") },
    allowed("cancel") && { content: "Cancel return", destructive: true, onAction: () => setPanel("cancel") },
    { content: "Print return slip", onAction: () => void openReturnSlip(ret.id, (m) => shopify.toast.show(m, { isError: true })) },
  ]
    .filter((a): a is { content: string; destructive?: boolean; onAction: () => void } => Boolean(a))
    .map((a) => ({ ...a, disabled: busy }));

  const customer = ret.customerName ?? ret.customerEmail ?? "Unknown customer";
  const cameFromInbox = (location.state as { fromInbox?: boolean } | null)?.fromInbox === true;

  return (
    <Page
      backAction={{ content: "Returns", onAction: () => (cameFromInbox ? navigate(-1) : navigate("/app")) }}
      title={ret.rmaNumber}
      titleMetadata={
        <InlineStack gap="100">
          <ReturnStatusBadge status={ret.status} />
          {ret.needsAttention ? <AttentionBadge /> : null}
        </InlineStack>
      }
      subtitle={`Order ${ret.orderName} · ${customer}`}
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
            <BlockStack gap="300">
              {error ? (
                <Banner tone="critical" title="That didn't work" onDismiss={() => setDismissed(result)}>
                  <p>{error.message}</p>
                </Banner>
              ) : null}
              {ret.needsAttention ? (
                <Banner
                  tone="warning"
                  title="This return needs attention"
                  action={{ content: "Mark as resolved", loading: inFlight === "resolve", disabled: busy, onAction: () => submit("resolve") }}
                >
                  <p>{ret.attentionReason ?? "Something needs a person's look before this return can continue."}</p>
                </Banner>
              ) : null}
            </BlockStack>
          </Layout.Section>
        ) : null}

        <Layout.Section>
          <BlockStack gap="400">
            {openPanel === "decline" ? (
              <DeclineForm onSubmit={(f) => submit("decline", f)} onCancel={() => setPanel(null)} submitting={inFlight === "decline"} disabled={busy} errors={fieldErrors} />
            ) : null}
            {openPanel === "ship" ? (
              <TrackingForm onSubmit={(f) => submit("ship", f)} onCancel={() => setPanel(null)} submitting={inFlight === "ship"} disabled={busy} errors={fieldErrors} />
            ) : null}
            {openPanel === "inspect" ? (
              <InspectForm
                lines={ret.lines}
                locations={locations}
                locationsError={locationsError}
                onSubmit={(f) => submit("inspect", f)}
                onCancel={() => setPanel(null)}
                submitting={inFlight === "inspect"}
                disabled={busy}
                errors={fieldErrors}
              />
            ) : null}
            {openPanel === "process" ? (
              <ConfirmCard
                title={ret.process.title}
                confirmLabel={ret.process.confirm}
                onConfirm={() => submit("process")}
                onCancel={() => setPanel(null)}
                submitting={inFlight === "process"}
                disabled={busy}
              >
                <KeyValueList items={ret.amounts} />
                <Text as="p" tone="subdued">
                  Shopify processes the return: refunds, store credit and exchange items, once. Clicking again never refunds twice.
                </Text>
              </ConfirmCard>
            ) : null}
            {openPanel === "cancel" ? (
              <ConfirmCard
                title="Cancel this return?"
                confirmLabel="Cancel return"
                tone="critical"
                onConfirm={() => submit("cancel")}
                onCancel={() => setPanel(null)}
                submitting={inFlight === "cancel"}
                disabled={busy}
              >
                <Text as="p">The return is withdrawn in Shopify too. This can't be undone; the customer can start a new return.</Text>
              </ConfirmCard>
            ) : null}

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Items
                </Text>
                {ret.lines.map((line, i) => (
                  <BlockStack gap="200" key={line.id}>
                    {i > 0 ? <Divider /> : null}
                    <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
                      <BlockStack gap="050">
                        <Text as="h3" variant="headingSm">
                          {line.title}
                        </Text>
                        {line.variantTitle || line.sku ? (
                          <Text as="p" tone="subdued" variant="bodySm">
                            {[line.variantTitle, line.sku ? `SKU ${line.sku}` : null].filter(Boolean).join(" · ")}
                          </Text>
                        ) : null}
                      </BlockStack>
                      <Text as="span" numeric>
                        {line.quantity} × {line.unitPrice}
                      </Text>
                    </InlineStack>
                    <DescriptionList
                      gap="tight"
                      items={[
                        { term: "Reason", description: line.reason ?? "Not given" },
                        ...(line.note ? [{ term: "Customer note", description: `“${line.note}”` }] : []),
                        { term: "Resolution", description: line.exchangeFor ? `${line.resolution} for ${line.exchangeFor}` : line.resolution },
                        ...(line.restockingFeePercent > 0 ? [{ term: "Restocking fee", description: `${line.restockingFeePercent} %` }] : []),
                        ...(line.condition ? [{ term: "Condition", description: line.condition }] : []),
                        ...(line.disposition
                          ? [
                              {
                                term: "Disposition",
                                // Location names are only loaded while the return can be inspected.
                                description: line.disposition + (line.locationId && locations.some((l) => l.id === line.locationId) ? ` at ${locations.find((l) => l.id === line.locationId)!.name}` : ""),
                              },
                            ]
                          : []),
                      ]}
                    />
                  </BlockStack>
                ))}
              </BlockStack>
            </Card>

            <ReturnTimeline entries={ret.timeline} truncated={ret.eventsTruncated} />
            <ReturnEmails emails={emails} />
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Amounts
                </Text>
                {ret.status === "DECLINED" || ret.status === "CANCELED" ? (
                  <Text as="p" tone="subdued" variant="bodySm">
                    As requested. Nothing was refunded.
                  </Text>
                ) : null}
                <KeyValueList items={ret.amounts} />
                {ret.refundEta ? (
                  <Box>
                    <Text as="h3" variant="headingSm">
                      {ret.process.etaHeading}
                    </Text>
                    <Text as="p">{ret.refundEta}</Text>
                  </Box>
                ) : null}
                {ret.refundDeadline ? (
                  <Text as="p" tone="subdued" variant="bodySm">
                    EU withdrawal: refund by {ret.refundDeadline} at the latest.
                  </Text>
                ) : null}
              </BlockStack>
            </Card>

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Customer
                </Text>
                <BlockStack gap="050">
                  <Text as="p">{ret.customerName ?? "No name given"}</Text>
                  {ret.customerEmail ? (
                    <Text as="p" tone="subdued" breakWord>
                      {ret.customerEmail}
                    </Text>
                  ) : null}
                </BlockStack>
                {ret.storeCreditConsent ? (
                  <Text as="p" variant="bodySm" tone="subdued">
                    Agreed to store credit instead of a refund.
                  </Text>
                ) : null}
              </BlockStack>
            </Card>

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Shipping
                </Text>
                <Text as="p">{ret.method}</Text>
                {ret.tracking ? (
                  <KeyValueList
                    items={[
                      ...(ret.tracking.number
                        ? [{ term: "Tracking", description: ret.tracking.url ? <Link url={ret.tracking.url} target="_blank">{ret.tracking.number}</Link> : ret.tracking.number }]
                        : ret.tracking.url
                          ? [{ term: "Tracking", description: <Link url={ret.tracking.url} target="_blank">Track parcel</Link> }]
                          : []),
                      ...(ret.tracking.carrier ? [{ term: "Carrier", description: ret.tracking.carrier }] : []),
                      ...(ret.tracking.labelUrl ? [{ term: "Label", description: <Link url={ret.tracking.labelUrl} target="_blank">Open label</Link> }] : []),
                    ]}
                  />
                ) : (
                  <Text as="p" tone="subdued">
                    No tracking yet.
                  </Text>
                )}
              </BlockStack>
            </Card>

            {ret.decline ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Declined
                  </Text>
                  {ret.decline.reason ? <Text as="p">{ret.decline.reason}</Text> : null}
                  {ret.decline.note ? (
                    <Text as="p" tone="subdued">
                      “{ret.decline.note}”
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
            ) : null}

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Details
                </Text>
                <KeyValueList
                  items={[
                    ...ret.milestones,
                    ...(ret.shopifyReturnName ? [{ term: "Shopify return", description: ret.shopifyReturnName }] : []),
                    ...(ret.autoApproved ? [{ term: "Approval", description: "Approved automatically by a rule" }] : []),
                    ...(ret.euWithdrawal ? [{ term: "EU withdrawal", description: "Yes" }] : []),
                  ]}
                />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

// ---------------------------------------------------------------------------------------

/** Not found (unknown id, or another shop's return) gets a page; the rest goes to Shopify's boundary. */
export function ErrorBoundary() {
  const error = useRouteError();
  const navigate = useNavigate();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Page backAction={{ content: "Returns", onAction: () => navigate("/app") }} title="Return not found">
        <Card>
          <Text as="p">This return does not exist in this shop. It may have been removed, or the link is for another store.</Text>
        </Card>
      </Page>
    );
  }
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
