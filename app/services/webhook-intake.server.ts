/**
 * The shared body of every webhook route: authenticate (bad HMAC → 401, missing headers →
 * 400, both thrown by the library before anything changes), deduplicate, persist, answer.
 * A delivery seen before is a duplicate only if it was processed: Shopify's redelivery of
 * a delivery that failed here is processed again. Topics processed inline (privacy,
 * uninstall) answer 500 when processing fails, so Shopify retries them; the stored row is
 * retried by the background jobs as well.
 */
import { authenticate } from "~/shopify.server";
import db from "~/db.server";
import "./webhook-handlers.server";
import { enqueueJob } from "~/jobs/enqueue.server";
import { processInBackground, processWebhook, recordWebhook } from "./webhooks.server";

export async function acceptWebhook(request: Request, options: { processInline?: boolean } = {}) {
  const { shop, topic, payload, webhookId, eventId } = await authenticate.webhook(request);
  const { id, duplicate, status } = await recordWebhook({ shop, topic, webhookId, eventId, payload });
  // RECEIVED on a redelivery: an earlier try died mid-way (inline) or is still queued (background).
  const pending = !duplicate || status === "FAILED" || (options.processInline === true && status === "RECEIVED");
  if (pending && options.processInline) {
    if ((await processWebhook(id, db)) === "FAILED") return new Response(null, { status: 500 });
  } else if (pending) {
    // On the job queue (retries, backoff, one run per delivery across instances); without
    // a queue in this process (tests), in this process.
    const queued = await enqueueJob("process-webhook", { id, shop }).catch((error) => {
      console.error("webhook: could not queue its processing; processing here", error);
      return "no-queue" as const;
    });
    if (queued === "no-queue") void processInBackground(shop, id, db);
  }
  return new Response(null, { status: 200 });
}
