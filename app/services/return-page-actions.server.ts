/**
 * The return page's action: validate one posted intent with its fields (zod, messages
 * for the person who filled the form) and perform it through the lifecycle services.
 * The HTTP side (auth, body, status codes) stays in app/routes/app.returns.$id.tsx.
 */
import { z } from "zod";
import { MAX_LABEL_BYTES, outcomeKind } from "~/domain";
import { INTENTS, type Intent } from "~/components/return-page/intents";
import { CONDITION_GRADES, DECLINE_REASONS, DISPOSITIONS, safeHttpUrl } from "~/i18n/admin";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { RETURN_PAGE_CATALOG, type ReturnPageKey } from "~/i18n/catalogs/return-page";
import { ReturnsError, type ReturnsContext } from "./context.server";
import { retryGiftCard } from "./gift-card.server";
import { approveReturn, attachShipping, cancelReturn, closeReturn, declineReturn, inspectReturn, markReceived, reopenReturn } from "./return-lifecycle.server";
import { processReturn } from "./return-processing.server";
import { attachUploadedLabel, type LabelUpload } from "./labels/return-labels.server";
import { resolveAttention, type ActorRef } from "./return-records.server";

/** Our ids are cuids; anything else can't be a return of this shop. */
export const ReturnIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const blankToUndefined = (v: unknown) => (typeof v === "string" ? v.trim() || undefined : (v ?? undefined));

type PageKey = ReturnPageKey;
/**
 * A validation message as zod carries it: a catalog key and its values (a value that is a
 * catalog key, like "field.note", is translated too). parseReturnAction words it in the staff
 * member's language, so there is one source for each text (app/i18n/catalogs/return-page.ts).
 */
const msg = (key: PageKey, vars: Record<string, string | number> = {}) => `i18n:${JSON.stringify({ key, vars })}`;

function wordIssue(message: string, t: ReturnType<typeof translator<PageKey>>): string {
  if (!message.startsWith("i18n:")) return message;
  const { key, vars } = JSON.parse(message.slice(5)) as { key: PageKey; vars: Record<string, string | number> };
  const worded = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === "string" && v.startsWith("field.") ? t(v as PageKey) : v]));
  return t(key, worded);
}

const optionalText = (max: number, field: PageKey) =>
  z.preprocess(blankToUndefined, z.string({ invalid_type_error: msg("validation.notText", { field }) }).max(max, msg("validation.tooLong", { field, max })).optional());

const optionalWebAddress = (field: PageKey) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ invalid_type_error: msg("validation.notText", { field }) })
      .max(2000, msg("validation.urlTooLong", { field }))
      .refine((v) => safeHttpUrl(v) !== null, msg("validation.url", { field }))
      .optional(),
  );

const InspectLineSchema = z.object({
  lineId: z.string({ required_error: msg("validation.lineId"), invalid_type_error: msg("validation.lineId") }).min(1, msg("validation.lineId")).max(64, msg("validation.lineId")),
  grade: z.enum(CONDITION_GRADES, { errorMap: () => ({ message: msg("validation.grade") }) }),
  disposition: z.enum(DISPOSITIONS, { errorMap: () => ({ message: msg("validation.disposition") }) }),
  locationId: z.preprocess(
    blankToUndefined,
    z
      .string({ invalid_type_error: msg("validation.location") })
      .regex(/^gid:\/\/shopify\/Location\/\d+$/, msg("validation.location"))
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
    reason: z.enum(DECLINE_REASONS, { errorMap: () => ({ message: msg("validation.declineReason") }) }),
    note: optionalText(500, "field.note"),
  }),
  ship: z
    .object({
      trackingNumber: optionalText(100, "field.trackingNumber"),
      carrierName: optionalText(100, "field.carrier"),
      trackingUrl: optionalWebAddress("field.trackingUrl"),
      labelUrl: optionalWebAddress("field.labelUrl"),
      // A multipart upload (readBody): checked by content in services/labels.
      labelFile: z.custom<LabelUpload>((v) => !!v && typeof v === "object" && (v as LabelUpload).bytes instanceof Uint8Array, msg("validation.labelFile")).optional(),
    })
    .superRefine((v, ctx) => {
      if (!v.trackingNumber && !v.labelUrl && !v.labelFile) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["trackingNumber"], message: msg("validation.trackingOrLabel") });
      }
      if (v.labelUrl && v.labelFile) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["labelFile"], message: msg("validation.labelFileOrUrl") });
      }
    }),
  receive: z.object({}),
  inspect: z
    .object({
      lines: z.preprocess(
        parseJsonText,
        z
          .array(InspectLineSchema, { required_error: msg("validation.linesList"), invalid_type_error: msg("validation.linesList") })
          .min(1, msg("validation.linesMin"))
          .max(250, msg("validation.linesMax")),
      ),
    })
    .superRefine((v, ctx) => {
      v.lines.forEach((line, i) => {
        if (line.disposition === "RESTOCKED" && !line.locationId) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lines", i, "locationId"], message: msg("validation.restockLocation") });
        }
      });
    }),
  process: z.object({}),
  close: z.object({}),
  cancel: z.object({}),
  reopen: z.object({}),
  resolve: z.object({ note: optionalText(500, "field.note") }),
  retryGiftCard: z.object({}),
} satisfies Record<Intent, z.ZodTypeAny>;

export type ParsedIntent =
  | { ok: true; intent: Intent; fields: Record<string, unknown> }
  | { ok: false; intent: Intent | null; message: string; fields?: Record<string, string> };

/** The posted intent and its fields, checked; a message (and per-field messages) in `locale` when not. */
export function parseReturnAction(body: Record<string, unknown>, locale: AdminLocale = "en"): ParsedIntent {
  const t = translator(RETURN_PAGE_CATALOG, locale);
  const intent = z.enum(INTENTS).safeParse(body.intent);
  if (!intent.success) {
    return { ok: false, intent: null, message: t("validation.unknownAction", { action: typeof body.intent === "string" ? body.intent.slice(0, 40) : "", actions: INTENTS.join(", ") }) };
  }
  const parsed = IntentSchemas[intent.data].safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= wordIssue(issue.message, t);
    const first = parsed.error.issues[0]?.message;
    return { ok: false, intent: intent.data, message: first ? wordIssue(first, t) : t("validation.checkForm"), fields };
  }
  return { ok: true, intent: intent.data, fields: parsed.data as Record<string, unknown> };
}

/** Performs a parsed intent on one return; answers the toast message in `locale`. Throws ReturnsError when refused. */
export async function performReturnAction(ctx: ReturnsContext, returnId: string, which: Intent, fields: Record<string, unknown>, actor: ActorRef, locale: AdminLocale = "en"): Promise<string> {
  const t = translator(RETURN_PAGE_CATALOG, locale);
  switch (which) {
    case "approve":
      await approveReturn(ctx, returnId, actor);
      return t("toast.approve");
    case "decline": {
      const { reason, note } = fields as z.infer<(typeof IntentSchemas)["decline"]>;
      await declineReturn(ctx, returnId, { reason, note: note ?? null }, actor);
      return t("toast.decline");
    }
    case "ship": {
      const f = fields as z.infer<(typeof IntentSchemas)["ship"]>;
      const shipping = { trackingNumber: f.trackingNumber ?? null, carrierName: f.carrierName ?? null, trackingUrl: f.trackingUrl ?? null };
      if (f.labelFile) await attachUploadedLabel(ctx, returnId, f.labelFile, shipping, actor);
      else await attachShipping(ctx, returnId, { ...shipping, labelUrl: f.labelUrl ?? null }, actor);
      return t("toast.ship");
    }
    case "receive":
      await markReceived(ctx, returnId, actor);
      return t("toast.receive");
    case "inspect": {
      const { lines } = fields as z.infer<(typeof IntentSchemas)["inspect"]>;
      await inspectReturn(ctx, returnId, lines.map((l) => ({ lineId: l.lineId, grade: l.grade, disposition: l.disposition, locationId: l.locationId ?? null })), actor);
      return t("toast.inspect");
    }
    case "process": {
      const result = await processReturn(ctx, returnId, actor);
      const kind = outcomeKind(result.ret.lines);
      return result.status === "ALREADY_PROCESSED" ? t(`process.${kind}.already`) : t(`process.${kind}.done`);
    }
    case "close":
      await closeReturn(ctx, returnId, actor);
      return t("toast.close");
    case "cancel":
      await cancelReturn(ctx, returnId, actor);
      return t("toast.cancel");
    case "reopen":
      await reopenReturn(ctx, returnId, actor);
      return t("toast.reopen");
    case "resolve": {
      const { note } = fields as z.infer<(typeof IntentSchemas)["resolve"]>;
      await resolveAttention(ctx, returnId, actor, note ?? null);
      return t("toast.resolve");
    }
    case "retryGiftCard": {
      const result = await retryGiftCard(ctx, returnId);
      switch (result.status) {
        case "ISSUED":
          return t("toast.giftCardIssued");
        case "FAILED":
          throw new ReturnsError("SHOPIFY_REJECTED", { key: "gift.retry.failed", values: { error: result.error } });
        case "UNKNOWN":
          throw new ReturnsError("SHOPIFY_UNAVAILABLE", "gift.retry.unknown");
        case "BUSY":
          throw new ReturnsError("IN_PROGRESS", "gift.retry.busy");
        case "NOT_RETRYABLE":
          throw new ReturnsError("INVALID_STATE", "gift.retry.notRetryable");
      }
    }
  }
}

/**
 * Who acted: the staff member's user id from an online session, or else from the session
 * token's `sub` (the app uses offline sessions; the token still names the user).
 */
export function staffUserId(session: { onlineAccessInfo?: { associated_user?: { id?: number } } }, token: { sub?: string } | undefined): string | null {
  const fromSession = session.onlineAccessInfo?.associated_user?.id;
  if (fromSession !== undefined) return String(fromSession);
  return token?.sub ?? null;
}

/** The submitted fields as a plain object, from a form post or a JSON body; null if unreadable. */
export async function readBody(request: Request): Promise<Record<string, unknown> | null> {
  try {
    if ((request.headers.get("content-type") ?? "").includes("application/json")) {
      const body: unknown = await request.json();
      return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    }
    const form = await request.formData();
    const body: Record<string, unknown> = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
    // The one file field: a prepaid label PDF (ship). An empty file input sends a nameless, empty part.
    const file = form.get("labelFile");
    if (file && typeof file !== "string" && (file.size > 0 || file.name)) {
      const upload: LabelUpload = { filename: file.name || null, bytes: new Uint8Array(await file.arrayBuffer()) };
      body.labelFile = upload;
    }
    return body;
  } catch {
    return null;
  }
}

/** A body bigger than a label upload can be is refused before it is read (413). */
export function bodyTooLarge(request: Request): boolean {
  const length = Number(request.headers.get("content-length"));
  return Number.isFinite(length) && length > MAX_LABEL_BYTES + 64 * 1024;
}
