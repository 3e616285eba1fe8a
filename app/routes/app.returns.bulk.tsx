/**
 * Inbox bulk actions (resource route). POST form fields: action = approve | decline |
 * receive, ids = JSON array of return ids (1–250), and for decline reason =
 * FINAL_SALE | RETURN_PERIOD_ENDED | OTHER, note? (≤ 500). Answers 200 { results: [{ id,
 * rmaNumber, ok, status, message }] } — one per id, failures included — or 400 for bad input;
 * every message in the staff member's language (parseBulkForm, runBulk).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { ReturnsError } from "~/services/context.server";
import { contextForSession } from "~/services/shop-context.server";
import { parseBulkForm, runBulk } from "~/services/bulk-actions.server";
import { staffUserId } from "~/services/return-page-actions.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const parsed = parseBulkForm(await request.formData(), locale);
  if (!parsed.ok) return json({ error: parsed.error }, { status: 400 });
  const ctx = await contextForSession(session);
  try {
    // The same "who" as a single return's actions (the online user, else the session token's).
    const results = await runBulk(ctx, parsed.input, { type: "STAFF", id: staffUserId(session, sessionToken) }, locale);
    return json({ results });
  } catch (error) {
    if (error instanceof ReturnsError) return json({ error: error.messageIn(locale) }, { status: error.status });
    throw error;
  }
};
