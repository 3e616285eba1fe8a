/**
 * Webhook intake: verify (the route does, via authenticate.webhook), deduplicate by
 * Shopify's event id, persist, answer fast; process after answering. A delivery that was
 * accepted is in the database before the 200 goes out, so nothing is lost if the process
 * dies: processPendingWebhooks() picks up what is left (at boot and on a timer).
 */
import db from "~/db.server";
import type { Db } from "~/db.server";

export interface IncomingWebhook {
  shop: string;
  topic: string; // "returns/request" (header form) or "RETURNS_REQUEST" (library form)
  webhookId: string;
  eventId?: string | null;
  payload: unknown;
}

export type WebhookHandler = (delivery: {
  shop: string;
  topic: string;
  payload: unknown;
  client: Db;
}) => Promise<void>;

/** "RETURNS_REQUEST" → "returns/request"; header-form topics pass through. */
export function normalizeTopic(topic: string): string {
  if (topic.includes("/")) return topic.toLowerCase();
  const lower = topic.toLowerCase();
  // The library turns "/" and "." into "_"; the resource part may itself contain "_".
  const known = [
    "reverse_fulfillment_orders_",
    "reverse_deliveries_",
    "returns_",
    "refunds_",
    "orders_",
    "app_",
    "customers_",
    "shop_",
  ];
  const prefix = known.find((p) => lower.startsWith(p));
  if (!prefix) return lower;
  return `${prefix.slice(0, -1)}/${lower.slice(prefix.length)}`;
}

const handlers = new Map<string, WebhookHandler>();

/** Registers what to do with a topic (services call this once at module load). */
export function onWebhook(topic: string, handler: WebhookHandler) {
  handlers.set(topic, handler);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Persists the delivery unless it is a duplicate. */
export async function recordWebhook(
  incoming: IncomingWebhook,
  client: Db = db,
): Promise<{ id: string; duplicate: boolean; status: string }> {
  const dedupeKey = incoming.eventId || incoming.webhookId;
  try {
    const row = await client.webhookDelivery.create({
      data: {
        shop: incoming.shop,
        dedupeKey,
        webhookId: incoming.webhookId,
        eventId: incoming.eventId ?? null,
        topic: normalizeTopic(incoming.topic),
        payload: JSON.stringify(incoming.payload ?? null),
      },
    });
    return { id: row.id, duplicate: false, status: row.status };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await client.webhookDelivery.findUniqueOrThrow({
      where: { shop_dedupeKey: { shop: incoming.shop, dedupeKey } },
    });
    return { id: existing.id, duplicate: true, status: existing.status };
  }
}

export const MAX_WEBHOOK_ATTEMPTS = 5;

/** Shopify's mandatory privacy topics: a failure here must reach a person. */
export const PRIVACY_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"];

/** Runs the topic's handler for one stored delivery; records the outcome. */
export async function processWebhook(id: string, client: Db = db): Promise<"PROCESSED" | "FAILED" | "SKIPPED"> {
  // Claim the delivery: only one worker moves it out of RECEIVED/FAILED at a time.
  const row = await client.webhookDelivery.findUnique({ where: { id } });
  if (!row || row.status === "PROCESSED") return "SKIPPED";
  const claimed = await client.webhookDelivery.updateMany({
    where: { id, status: row.status, attempts: row.attempts },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "SKIPPED";
  const handler = handlers.get(row.topic);
  try {
    if (handler) {
      await handler({ shop: row.shop, topic: row.topic, payload: JSON.parse(row.payload), client });
    }
    // updateMany: a privacy handler may have deleted this very row (it names the customer).
    await client.webhookDelivery.updateMany({
      where: { id },
      data: { status: "PROCESSED", processedAt: new Date(), error: null },
    });
    return "PROCESSED";
  } catch (error) {
    await client.webhookDelivery.updateMany({
      where: { id },
      data: { status: "FAILED", error: error instanceof Error ? error.message : String(error) },
    });
    if (PRIVACY_TOPICS.includes(row.topic) && row.attempts + 1 >= MAX_WEBHOOK_ATTEMPTS) {
      // The last automatic try: staff see it under Settings → Privacy requests (app.privacy.tsx).
      console.error(`PRIVACY REQUEST FAILED for good: ${row.topic} for ${row.shop} (delivery ${id}) after ${row.attempts + 1} tries; needs a person`);
    }
    return "FAILED";
  }
}

/** Processes deliveries left RECEIVED or FAILED (bounded attempts), oldest first. */
export async function processPendingWebhooks(client: Db = db, limit = 100): Promise<number> {
  const pending = await client.webhookDelivery.findMany({
    where: { status: { in: ["RECEIVED", "FAILED"] }, attempts: { lt: MAX_WEBHOOK_ATTEMPTS } },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  for (const { id } of pending) await processWebhook(id, client);
  return pending.length;
}

/**
 * Serialises processing per shop in this process, so deliveries of one shop are applied
 * one after another (handlers re-fetch from Shopify, so order does not decide the result).
 */
const chains = new Map<string, Promise<unknown>>();
export function processInBackground(shop: string, id: string, client: Db = db): Promise<unknown> {
  const previous = chains.get(shop) ?? Promise.resolve();
  const next = previous.then(() => processWebhook(id, client)).catch((e) => console.error("webhook processing failed", e));
  chains.set(shop, next);
  void next.finally(() => {
    if (chains.get(shop) === next) chains.delete(shop);
  });
  return next;
}
