/**
 * Every subscribed webhook route authenticates: a bad HMAC gets 401 and changes nothing,
 * a good one gets 200 and is stored once (duplicates by event id are dropped).
 */
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { beforeEach, describe, expect, it } from "vitest";
import db from "~/db.server";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as compliance } from "~/routes/webhooks.compliance";
import { action as returns } from "~/routes/webhooks.returns";
import { action as orders } from "~/routes/webhooks.orders";
import { action as reverseLogistics } from "~/routes/webhooks.reverse-logistics";
import { action as shopUpdate } from "~/routes/webhooks.shop";
import { webhookRequest } from "../support/webhook-request";

const SECRET = process.env.SHOPIFY_API_SECRET!;
const SHOP = "webhook-test.myshopify.com";
type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

const routes: Record<string, Action> = {
  "/webhooks/app/uninstalled": appUninstalled as Action,
  "/webhooks/app/scopes_update": scopesUpdate as Action,
  "/webhooks/compliance": compliance as Action,
  "/webhooks/returns": returns as Action,
  "/webhooks/orders": orders as Action,
  "/webhooks/reverse-logistics": reverseLogistics as Action,
  "/webhooks/shop": shopUpdate as Action,
};

interface Subscription {
  topics?: string[];
  compliance_topics?: string[];
  uri: string;
}
const toml = parse(readFileSync(new URL("../../shopify.app.toml", import.meta.url), "utf8")) as unknown as {
  webhooks: { subscriptions: Subscription[] };
};
const subscribed = toml.webhooks.subscriptions.flatMap((s) =>
  [...(s.topics ?? []), ...(s.compliance_topics ?? [])].map((topic) => ({ topic, uri: s.uri })),
);

async function call(uri: string, request: Request): Promise<Response> {
  try {
    return await routes[uri]({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("webhook routes", () => {
  beforeEach(async () => {
    await db.webhookDelivery.deleteMany({ where: { shop: SHOP } });
  });

  it("has a route for every subscribed topic", () => {
    expect(subscribed).toHaveLength(19); // + orders/create (win-back, issue 11b), shop/update (issue 11)
    for (const { uri } of subscribed) expect(routes[uri], uri).toBeTypeOf("function");
  });

  it.each(subscribed)("$topic: bad HMAC → 401 and nothing stored", async ({ topic, uri }) => {
    const request = webhookRequest({
      url: `http://127.0.0.1:3999${uri}`,
      topic,
      shop: SHOP,
      payload: { id: 1 },
      secret: SECRET,
      hmac: "dGFtcGVyZWQ=",
    });
    const response = await call(uri, request);
    expect(response.status).toBe(401);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(0);
  });

  // shop/redact is left out: it deletes every row of the shop, its own delivery too, so a
  // count could not show a duplicate. Its own test below.
  it.each(subscribed.filter((s) => s.topic !== "shop/redact"))("$topic: good HMAC → 200 and stored once, even when delivered twice", async ({ topic, uri }) => {
    const make = () =>
      webhookRequest({
        url: `http://127.0.0.1:3999${uri}`,
        topic,
        shop: SHOP,
        payload: { id: 1, shop_domain: SHOP, customer: { id: 1, email: "x@example.com" } },
        secret: SECRET,
        webhookId: "wh-fixed",
        eventId: "event-fixed",
      });
    expect((await call(uri, make())).status).toBe(200);
    expect((await call(uri, make())).status).toBe(200);
    const rows = await db.webhookDelivery.findMany({ where: { shop: SHOP } });
    expect(rows).toHaveLength(1);
    // customers/redact keeps the delivery (for deduplication) but not the payload naming the customer.
    if (topic === "customers/redact") expect(rows[0]!.payload).toBe('{"redacted":true}');
  });

  it("shop/redact delivered twice → 200 both times, and nothing of the shop is left (redaction is idempotent: no row survives to deduplicate against)", async () => {
    const uri = subscribed.find((s) => s.topic === "shop/redact")!.uri;
    await db.webhookDelivery.create({ data: { shop: SHOP, dedupeKey: "event-other", topic: "orders/updated", webhookId: "wh-other", eventId: "event-other", payload: "{}", status: "PROCESSED" } });
    const make = () =>
      webhookRequest({ url: `http://127.0.0.1:3999${uri}`, topic: "shop/redact", shop: SHOP, payload: { shop_domain: SHOP }, secret: SECRET, webhookId: "wh-redact", eventId: "event-redact" });
    expect((await call(uri, make())).status).toBe(200);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(0);
    await db.webhookDelivery.create({ data: { shop: SHOP, dedupeKey: "event-later", topic: "orders/updated", webhookId: "wh-later", eventId: "event-later", payload: "{}", status: "PROCESSED" } });
    expect((await call(uri, make())).status).toBe(200);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(0);
  });

  it("missing webhook headers → 400", async () => {
    const request = webhookRequest({
      url: "http://127.0.0.1:3999/webhooks/returns",
      topic: "returns/request",
      shop: SHOP,
      payload: { id: 1 },
      secret: SECRET,
    });
    request.headers.delete("X-Shopify-Webhook-Id");
    expect((await call("/webhooks/returns", request)).status).toBe(400);
  });
});
