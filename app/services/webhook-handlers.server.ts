/** Which service handles which webhook topic. Imported once by the webhook intake. */
import {
  handleAppUninstalled,
  handleCustomerDataRequest,
  handleCustomerRedact,
  handleShopRedact,
} from "./compliance.server";
import { onWebhook } from "./webhooks.server";
import { findGid } from "./webhook-payloads";
import { reconcileOrder, reconcileReturn } from "./return-sync.server";
import { contextForShop } from "./shop-context.server";

interface CustomerPayload {
  customer?: { id?: number | string | null; email?: string | null } | null;
}

onWebhook("app/uninstalled", ({ shop, client }) => handleAppUninstalled(shop, client));

onWebhook("app/scopes_update", async ({ shop, payload, client }) => {
  const current = (payload as { current?: string[] }).current;
  if (!Array.isArray(current)) return;
  await client.session.updateMany({ where: { shop }, data: { scope: current.join(",") } });
});

onWebhook("customers/data_request", async ({ shop, payload, client }) => {
  await handleCustomerDataRequest(shop, (payload as CustomerPayload).customer ?? {}, client);
});

onWebhook("customers/redact", ({ shop, payload, client }) =>
  handleCustomerRedact(shop, (payload as CustomerPayload).customer ?? {}, client),
);

onWebhook("shop/redact", ({ shop, client }) => handleShopRedact(shop, client));

// ---- Returns sync: every hint leads to a re-fetch from Shopify (return-sync.server.ts).

const RETURN_TOPICS = [
  "returns/request",
  "returns/approve",
  "returns/decline",
  "returns/cancel",
  "returns/close",
  "returns/reopen",
  "returns/process",
  "returns/update",
];

for (const topic of RETURN_TOPICS) {
  onWebhook(topic, async ({ shop, payload, client }) => {
    const returnId = findGid(payload, "Return");
    if (!returnId) return;
    await reconcileReturn(await contextForShop(shop, client), returnId);
  });
}

/** Order-level hints: refunds, reverse logistics, order edits. */
async function reconcileOrderFromPayload(shop: string, payload: unknown, client: Parameters<typeof contextForShop>[1], onlyKnown: boolean) {
  const returnId = findGid(payload, "Return");
  const ctx = await contextForShop(shop, client);
  if (returnId) {
    await reconcileReturn(ctx, returnId);
    return;
  }
  const orderId = findGid(payload, "Order");
  if (!orderId) return;
  if (onlyKnown) {
    // orders/updated fires for every order change; only orders with returns matter.
    const known = await ctx.db.returnRequest.count({ where: { shopId: ctx.shop.id, orderId } });
    const mentionsReturns = JSON.stringify(payload).includes("return");
    if (!known && !mentionsReturns) return;
  }
  await reconcileOrder(ctx, orderId);
}

onWebhook("refunds/create", ({ shop, payload, client }) => reconcileOrderFromPayload(shop, payload, client, false));
onWebhook("orders/updated", ({ shop, payload, client }) => reconcileOrderFromPayload(shop, payload, client, true));
onWebhook("reverse_deliveries/attach_deliverable", ({ shop, payload, client }) => reconcileOrderFromPayload(shop, payload, client, false));
onWebhook("reverse_fulfillment_orders/dispose", ({ shop, payload, client }) => reconcileOrderFromPayload(shop, payload, client, false));
