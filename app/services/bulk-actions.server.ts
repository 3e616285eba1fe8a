/**
 * Bulk actions from the inbox: approve, decline with a reason, mark received. Each return
 * runs through the same use case as its own page, one after the other (they share the
 * shop's Admin API budget, and the gateway paces itself), and one failure never stops the
 * others: the answer has one result per selected return, in the order selected, each
 * worded in the staff member's language (app/i18n/catalogs/errors.ts).
 */
import { z } from "zod";
import { DECLINE_REASONS } from "~/i18n/admin";
import type { AdminLocale } from "~/i18n/admin-locale";
import type { ErrorKey } from "~/i18n/catalogs/errors";
import type { ReturnsContext } from "./context.server";
import { ReturnsError, wordError } from "./context.server";
import { approveReturn, declineReturn, markReceived, type DeclineReason } from "./return-lifecycle.server";
import type { ActorRef } from "./return-records.server";

export const BULK_ACTIONS = ["approve", "decline", "receive"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX = 250;

export interface BulkInput {
  action: BulkAction;
  ids: string[];
  decline?: { reason: DeclineReason; note?: string | null };
}

export interface BulkRowResult {
  id: string;
  rmaNumber: string | null;
  ok: boolean;
  status: string | null;
  message: string;
}

// zod messages are keys of app/i18n/catalogs/errors.ts, worded by parseBulkForm.
const messageKey = (k: ErrorKey) => k;
const BulkSchema = z.object({
  action: z.enum(BULK_ACTIONS, { errorMap: () => ({ message: messageKey("bulk.unknownAction") }) }),
  ids: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: messageKey("bulk.badId") }), { invalid_type_error: messageKey("bulk.idsNotArray") })
    .min(1, { message: messageKey("bulk.selectOne") })
    .max(BULK_MAX, { message: messageKey("bulk.max") }),
  reason: z.enum(DECLINE_REASONS, { errorMap: () => ({ message: messageKey("bulk.declineReason") }) }).optional(),
  note: z.string().max(500).optional(),
});
const FORM_KEYS = new Set<string>(["bulk.unknownAction", "bulk.badId", "bulk.idsNotArray", "bulk.selectOne", "bulk.max", "bulk.declineReason"]);

/** The inbox's bulk form (action, ids as a JSON array, reason, note), checked; a message in `locale` when not. */
export function parseBulkForm(form: FormData, locale: AdminLocale = "en"): { ok: true; input: BulkInput } | { ok: false; error: string } {
  const fail = (key: ErrorKey) => ({ ok: false as const, error: wordError({ key, values: { actions: BULK_ACTIONS.join(", "), max: BULK_MAX } }, locale) });
  let ids: unknown;
  try {
    ids = JSON.parse(String(form.get("ids") ?? "[]"));
  } catch {
    return fail("bulk.idsNotArray");
  }
  const parsed = BulkSchema.safeParse({ action: form.get("action"), ids, reason: form.get("reason") || undefined, note: form.get("note") || undefined });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "";
    return fail(FORM_KEYS.has(message) ? (message as ErrorKey) : "bulk.check");
  }
  if (parsed.data.action === "decline" && !parsed.data.reason) return fail("bulk.declineReason");
  const { action, reason, note } = parsed.data;
  return { ok: true, input: { action, ids: [...new Set(parsed.data.ids)], decline: reason ? { reason, note } : undefined } };
}

export async function runBulk(ctx: ReturnsContext, input: BulkInput, actor: ActorRef, locale: AdminLocale = "en"): Promise<BulkRowResult[]> {
  if (input.action === "decline" && !input.decline) throw new ReturnsError("INVALID_INPUT", "bulk.declineReason");
  const known = await ctx.db.returnRequest.findMany({ where: { shopId: ctx.shop.id, id: { in: input.ids } }, select: { id: true, rmaNumber: true } });
  const rma = new Map(known.map((r) => [r.id, r.rmaNumber]));
  const results: BulkRowResult[] = [];
  for (const id of input.ids) {
    if (!rma.has(id)) {
      results.push({ id, rmaNumber: null, ok: false, status: null, message: wordError("return.notFound", locale) });
      continue;
    }
    try {
      const after =
        input.action === "approve"
          ? await approveReturn(ctx, id, actor)
          : input.action === "decline"
            ? await declineReturn(ctx, id, input.decline!, actor)
            : await markReceived(ctx, id, actor);
      results.push({ id, rmaNumber: rma.get(id)!, ok: true, status: after.status, message: wordError(`bulk.done.${input.action}`, locale) });
    } catch (error) {
      if (!(error instanceof ReturnsError)) throw error;
      const current = await ctx.db.returnRequest.findUnique({ where: { id }, select: { status: true } });
      results.push({ id, rmaNumber: rma.get(id)!, ok: false, status: current?.status ?? null, message: error.messageIn(locale) });
    }
  }
  return results;
}
