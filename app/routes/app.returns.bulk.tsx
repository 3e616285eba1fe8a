/**
 * Inbox bulk actions (resource route). POST form fields: action = approve | decline |
 * receive, ids = JSON array of return ids (1–250), and for decline reason =
 * FINAL_SALE | RETURN_PERIOD_ENDED | OTHER, note? (≤ 500). Answers 200 { results: [{ id,
 * rmaNumber, ok, status, message }] } — one per id, failures included — or 400 for bad input.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { DECLINE_REASONS } from "~/i18n/admin";
import { ReturnsError } from "~/services/context.server";
import { contextForSession } from "~/services/shop-context.server";
import { BULK_ACTIONS, BULK_MAX, runBulk } from "~/services/bulk-actions.server";
import { staffUserId } from "~/services/return-page-actions.server";

const BulkSchema = z.object({
  action: z.enum(BULK_ACTIONS, { errorMap: () => ({ message: `Action must be one of: ${BULK_ACTIONS.join(", ")}.` }) }),
  ids: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "Not a return id." }))
    .min(1, { message: "Select at least one return." })
    .max(BULK_MAX, { message: `At most ${BULK_MAX} returns at a time.` }),
  reason: z.enum(DECLINE_REASONS).optional(),
  note: z.string().max(500).optional(),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await request.formData();
  let ids: unknown;
  try {
    ids = JSON.parse(String(form.get("ids") ?? "[]"));
  } catch {
    return json({ error: "ids must be a JSON array." }, { status: 400 });
  }
  const parsed = BulkSchema.safeParse({ action: form.get("action"), ids, reason: form.get("reason") || undefined, note: form.get("note") || undefined });
  if (!parsed.success) return json({ error: parsed.error.issues[0]?.message ?? "Check the selection." }, { status: 400 });
  if (parsed.data.action === "decline" && !parsed.data.reason) return json({ error: "Choose a reason to decline." }, { status: 400 });
  const ctx = await contextForSession(session);
  try {
    const results = await runBulk(
      ctx,
      { action: parsed.data.action, ids: [...new Set(parsed.data.ids)], decline: parsed.data.reason ? { reason: parsed.data.reason, note: parsed.data.note } : undefined },
      // The same "who" as a single return's actions (the online user, else the session token's).
      { type: "STAFF", id: staffUserId(session, sessionToken) },
    );
    return json({ results });
  } catch (error) {
    if (error instanceof ReturnsError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
};
