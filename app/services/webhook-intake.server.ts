/**
 * The shared body of every webhook route: authenticate (bad HMAC → 401, missing headers →
 * 400, both thrown by the library before anything changes), deduplicate, persist, answer.
 */
import { authenticate } from "~/shopify.server";
import db from "~/db.server";
import "./webhook-handlers.server";
import { processInBackground, processWebhook, recordWebhook } from "./webhooks.server";

export async function acceptWebhook(request: Request, options: { processInline?: boolean } = {}) {
  const { shop, topic, payload, webhookId, eventId } = await authenticate.webhook(request);
  const { id, duplicate } = await recordWebhook({ shop, topic, webhookId, eventId, payload });
  if (!duplicate) {
    if (options.processInline) await processWebhook(id, db);
    else void processInBackground(shop, id, db);
  }
  return new Response(null, { status: 200 });
}
