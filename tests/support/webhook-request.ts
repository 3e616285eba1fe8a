/** Builds webhook requests exactly as Shopify sends them (shopify-platform.md §2.4). */
import { createHmac, randomUUID } from "node:crypto";

export function webhookRequest(options: {
  url: string;
  topic: string;
  shop: string;
  payload: unknown;
  secret: string;
  webhookId?: string;
  eventId?: string;
  hmac?: string; // override to tamper
}): Request {
  const body = JSON.stringify(options.payload);
  const hmac = options.hmac ?? createHmac("sha256", options.secret).update(body).digest("base64");
  return new Request(options.url, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}
