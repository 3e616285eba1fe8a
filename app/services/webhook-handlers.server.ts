/** Which service handles which webhook topic. Imported once by the webhook intake. */
import {
  handleAppUninstalled,
  handleCustomerDataRequest,
  handleCustomerRedact,
  handleShopRedact,
} from "./compliance.server";
import { onWebhook } from "./webhooks.server";
import { handleReturnsWebhook, RETURN_WEBHOOK_TOPICS } from "./return-sync.server";
import { contextForShop } from "./shop-context.server";
import { recordCustomerOrder } from "~/followup/orders-seen.server";
import { handleShopUpdate } from "~/mail/shop-facts.server";

interface CustomerPayload {
  customer?: { id?: number | string | null; email?: string | null } | null;
  orders_requested?: Array<number | string> | null;
  orders_to_redact?: Array<number | string> | null;
}

const list = (v: unknown): Array<number | string> => (Array.isArray(v) ? v.filter((x) => typeof x === "number" || typeof x === "string") : []);

onWebhook("app/uninstalled", ({ shop, client }) => handleAppUninstalled(shop, client));

onWebhook("app/scopes_update", async ({ shop, payload, client }) => {
  const current = (payload as { current?: string[] }).current;
  if (!Array.isArray(current)) return;
  await client.session.updateMany({ where: { shop }, data: { scope: current.join(",") } });
});

onWebhook("customers/data_request", async ({ shop, payload, client }) => {
  const p = payload as CustomerPayload;
  await handleCustomerDataRequest(shop, p.customer ?? {}, client, list(p.orders_requested));
});

onWebhook("customers/redact", ({ shop, payload, client }) => {
  const p = payload as CustomerPayload;
  return handleCustomerRedact(shop, p.customer ?? {}, client, list(p.orders_to_redact));
});

onWebhook("shop/redact", async ({ shop, payload, client }) => {
  await handleShopRedact(shop, client, (payload ?? {}) as { shop_domain?: unknown });
});

// ---- Returns sync: every hint leads to a re-fetch from Shopify (return-sync.server.ts).

for (const topic of [
  ...RETURN_WEBHOOK_TOPICS,
  "refunds/create",
  "orders/updated",
  "reverse_deliveries/attach_deliverable",
  "reverse_fulfillment_orders/dispose",
]) {
  onWebhook(topic, async ({ shop, payload, client }) => handleReturnsWebhook(await contextForShop(shop, client), topic, payload));
}

// ---- Follow-up: a new order stops a pending win-back offer (app/followup/orders-seen.server.ts).
onWebhook("orders/create", async ({ shop, payload, client }) => {
  await recordCustomerOrder(client, shop, payload);
});

// ---- The shop's name and currency used in e-mails: re-read from Shopify (the payload is a hint).
onWebhook("shop/update", async ({ shop, client }) => {
  await handleShopUpdate(client, shop, (await contextForShop(shop, client)).admin);
});
