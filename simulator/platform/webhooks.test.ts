import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookHmac } from "./crypto";
import { asRemixRequest, remixApp } from "./testing/remix-app";
import { startHarness, TEST_API_SECRET, type Harness } from "./testing/harness";
import { seededRandom, seededShuffle } from "./webhooks";

const SHOP = "nordic-demo.myshopify.com";
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const returnEvent = (id: number, topic = "returns/request") => ({
  shop: SHOP,
  topic,
  payload: { id, admin_graphql_api_id: `gid://shopify/Return/${id}`, status: "requested" },
});

describe("webhook delivery", () => {
  it("GIVEN a returns/request event WHEN delivered THEN it is POSTed to the toml's uri with Shopify's headers and a valid HMAC", async () => {
    const event = h.admin.emit(returnEvent(501));
    await h.standIn.webhooks.idle();

    expect(h.app.requests).toHaveLength(1);
    const req = h.app.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/webhooks/returns");
    expect(req.body.toString()).toBe(JSON.stringify(event.payload));
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["x-shopify-topic"]).toBe("returns/request");
    expect(req.headers["x-shopify-shop-domain"]).toBe(SHOP);
    expect(req.headers["x-shopify-api-version"]).toBe("2026-10");
    expect(req.headers["x-shopify-event-id"]).toBe(event.eventId);
    expect(req.headers["x-shopify-triggered-at"]).toBe(event.triggeredAt);
    expect(req.headers["x-shopify-webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.headers["x-shopify-hmac-sha256"]).toBe(webhookHmac(req.body, TEST_API_SECRET));

    const [record] = h.standIn.webhooks.log({ eventId: event.eventId });
    expect(record).toMatchObject({ status: "delivered", topic: "returns/request", shop: SHOP });
    expect(record!.attempts).toHaveLength(1);
    expect(record!.attempts[0]!.status).toBe(200);
  });

  it("GIVEN a delivered webhook WHEN the app runs authenticate.webhook (remix 6) on it THEN it is accepted with topic, ids and payload", async () => {
    const event = h.admin.emit(returnEvent(777));
    await h.standIn.webhooks.idle();
    const ctx = await remixApp.authenticate.webhook(asRemixRequest(h.app.requests[0]!));
    expect(ctx.topic).toBe("RETURNS_REQUEST");
    expect(ctx.shop).toBe(SHOP);
    expect(ctx.apiVersion).toBe("2026-10");
    expect(ctx.eventId).toBe(event.eventId);
    expect(ctx.webhookId).toBe(h.app.requests[0]!.headers["x-shopify-webhook-id"]);
    expect(ctx.payload).toEqual(event.payload);
  });

  it("GIVEN a delivered webhook with a tampered body WHEN authenticate.webhook runs THEN it answers 401", async () => {
    h.admin.emit(returnEvent(778));
    await h.standIn.webhooks.idle();
    const captured = h.app.requests[0]!;
    const tampered = {
      ...captured,
      body: Buffer.from(captured.body.toString().replace("778", "779")),
    };
    const thrown = await remixApp.authenticate
      .webhook(asRemixRequest(tampered))
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(401);
  });

  it("GIVEN a topic two subscriptions list WHEN delivered THEN each uri gets it; an unsubscribed topic is logged as skipped", async () => {
    h.admin.emit({ shop: SHOP, topic: "refunds/create", payload: { id: 1 } });
    h.admin.emit({ shop: SHOP, topic: "products/update", payload: { id: 2 } });
    await h.standIn.webhooks.idle();
    expect(h.app.requests.map((r) => r.url)).toEqual(["/webhooks/orders"]);
    expect(h.standIn.webhooks.log({ topic: "products/update" })[0]).toMatchObject({
      status: "skipped",
      uri: null,
    });
  });

  it("GIVEN duplicate mode WHEN one event is delivered THEN the app gets it twice: same event id, different webhook ids", async () => {
    h.standIn.webhooks.setModes({ duplicate: true });
    const event = h.admin.emit(returnEvent(502));
    await h.standIn.webhooks.idle();
    expect(h.app.requests).toHaveLength(2);
    const [a, b] = h.app.requests;
    expect(a!.headers["x-shopify-event-id"]).toBe(event.eventId);
    expect(b!.headers["x-shopify-event-id"]).toBe(event.eventId);
    expect(a!.headers["x-shopify-webhook-id"]).not.toBe(b!.headers["x-shopify-webhook-id"]);
    expect(a!.body.equals(b!.body)).toBe(true);
  });

  it("GIVEN outOfOrder=5 with a seed WHEN five events are emitted THEN they arrive in the seeded shuffled order, reproducibly", async () => {
    h.standIn.webhooks.setModes({ outOfOrder: 5, seed: 42 });
    const ids = [1, 2, 3, 4, 5];
    for (const id of ids.slice(0, 4)) h.admin.emit(returnEvent(id));
    await new Promise((r) => setTimeout(r, 30));
    expect(h.app.requests).toHaveLength(0); // buffered until 5 are there
    h.admin.emit(returnEvent(5));
    await h.standIn.webhooks.idle();
    const arrived = h.app.requests.map((r) => JSON.parse(r.body.toString()).id as number);
    expect(arrived).toEqual(seededShuffle(ids, seededRandom(42)));
    expect(arrived).not.toEqual(ids);
    expect([...arrived].sort()).toEqual(ids);
  });

  it("GIVEN outOfOrder with fewer events than the buffer WHEN flushed THEN the rest is delivered", async () => {
    h.standIn.webhooks.setModes({ outOfOrder: 10, seed: 7 });
    h.admin.emit(returnEvent(1));
    h.admin.emit(returnEvent(2));
    await h.standIn.webhooks.flush();
    expect(h.app.requests).toHaveLength(2);
  });

  it("GIVEN a delay WHEN an event is emitted THEN the first attempt starts no earlier than the delay", async () => {
    h.standIn.webhooks.setModes({ delayMs: 120 });
    const emittedAt = Date.now();
    h.admin.emit(returnEvent(503));
    await new Promise((r) => setTimeout(r, 40));
    expect(h.app.requests).toHaveLength(0);
    await h.standIn.webhooks.idle();
    expect(h.app.requests).toHaveLength(1);
    expect(h.app.requests[0]!.receivedAt - emittedAt).toBeGreaterThanOrEqual(110);
  });

  it("GIVEN pause WHEN events are emitted THEN nothing is sent until flush, and flush sends all in order", async () => {
    h.standIn.webhooks.pause();
    h.admin.emit(returnEvent(11));
    h.admin.emit(returnEvent(12));
    await h.standIn.webhooks.idle();
    expect(h.app.requests).toHaveLength(0);
    expect(h.standIn.webhooks.log({ status: "held" })).toHaveLength(2);
    await h.standIn.webhooks.flush();
    expect(h.app.requests.map((r) => JSON.parse(r.body.toString()).id)).toEqual([11, 12]);
    expect(h.standIn.webhooks.isPaused()).toBe(true);
    await h.standIn.webhooks.resume();
    h.admin.emit(returnEvent(13));
    await h.standIn.webhooks.idle();
    expect(h.app.requests).toHaveLength(3);
  });

  it("GIVEN the app answers 500 twice WHEN delivering THEN it is retried with the same webhook id and ends delivered", async () => {
    let calls = 0;
    h.app.handler = () => new Response("", { status: ++calls <= 2 ? 500 : 200 });
    const event = h.admin.emit(returnEvent(504));
    await h.standIn.webhooks.idle();
    expect(h.app.requests).toHaveLength(3);
    expect(new Set(h.app.requests.map((r) => r.headers["x-shopify-webhook-id"])).size).toBe(1);
    expect(new Set(h.app.requests.map((r) => r.headers["x-shopify-hmac-sha256"])).size).toBe(1);
    const [record] = h.standIn.webhooks.log({ eventId: event.eventId });
    expect(record!.status).toBe("delivered");
    expect(record!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
  });

  it("GIVEN the app never answers 2xx WHEN delivering THEN it gives up after the configured attempts and logs failed", async () => {
    h.app.handler = () => new Response("nope", { status: 503 });
    const event = h.admin.emit(returnEvent(505));
    await h.standIn.webhooks.idle();
    const [record] = h.standIn.webhooks.log({ eventId: event.eventId });
    expect(record!.status).toBe("failed");
    expect(record!.attempts).toHaveLength(3);
  });

  it("GIVEN the app hangs past the timeout WHEN delivering THEN the attempt counts as a timeout and is retried", async () => {
    h.standIn.webhooks.setModes({ timeoutMs: 80 });
    let calls = 0;
    h.app.handler = () => (++calls === 1 ? "hang" : new Response("ok"));
    const event = h.admin.emit(returnEvent(506));
    await h.standIn.webhooks.idle();
    const [record] = h.standIn.webhooks.log({ eventId: event.eventId });
    expect(record!.attempts[0]).toMatchObject({ status: null });
    expect(record!.attempts[0]!.error).toMatch(/timeout/);
    expect(record!.status).toBe("delivered");
  });

  it("GIVEN a redirect answer WHEN delivering THEN it is not followed and counts as a failure", async () => {
    h.app.handler = (req) =>
      req.url === "/webhooks/returns"
        ? new Response(null, { status: 302, headers: { location: "/elsewhere" } })
        : new Response("ok");
    const event = h.admin.emit(returnEvent(507));
    await h.standIn.webhooks.idle();
    expect(h.app.requests.every((r) => r.url === "/webhooks/returns")).toBe(true);
    expect(h.standIn.webhooks.log({ eventId: event.eventId })[0]!.status).toBe("failed");
  });
});

describe("compliance and app/uninstalled", () => {
  it.each(["customers/data_request", "customers/redact", "shop/redact"] as const)(
    "GIVEN %s on demand WHEN sent THEN it goes to the compliance uri, signed, with a Shopify-like payload",
    async (topic) => {
      const records = await h.standIn.webhooks.sendCompliance(SHOP, topic);
      expect(records[0]!.status).toBe("delivered");
      const req = h.app.requests[0]!;
      expect(req.url).toBe("/webhooks/compliance");
      expect(req.headers["x-shopify-topic"]).toBe(topic);
      const payload = JSON.parse(req.body.toString());
      expect(payload.shop_domain).toBe(SHOP);
      expect(typeof payload.shop_id).toBe("number");
      const ctx = await remixApp.authenticate.webhook(asRemixRequest(req));
      expect(ctx.topic).toBe(topic.toUpperCase().replace("/", "_"));
    },
  );

  it("GIVEN a payload override WHEN sending customers/redact THEN it is merged into the default payload", async () => {
    await h.standIn.webhooks.sendCompliance(SHOP, "customers/redact", {
      orders_to_redact: [1001, 1002],
    });
    const payload = JSON.parse(h.app.requests[0]!.body.toString());
    expect(payload.orders_to_redact).toEqual([1001, 1002]);
    expect(payload.customer.email).toBe("astrid@example.se");
  });

  it("GIVEN the HTTP endpoint WHEN POSTing /_standin/webhooks/compliance THEN the webhook is delivered", async () => {
    const res = await fetch(`${h.standIn.url}/_standin/webhooks/compliance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shop: "nordic-demo", topic: "shop/redact" }),
    });
    expect(res.status).toBe(200);
    expect(h.app.requests[0]!.headers["x-shopify-topic"]).toBe("shop/redact");
    const bad = await fetch(`${h.standIn.url}/_standin/webhooks/compliance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shop: SHOP, topic: "orders/create" }),
    });
    expect(bad.status).toBe(400);
  });

  it("GIVEN sendAppUninstalled WHEN sent THEN the admin half forgets the tokens, app/uninstalled is delivered and later events are skipped until reinstall", async () => {
    const records = await h.standIn.webhooks.sendAppUninstalled(SHOP);
    expect(h.admin.uninstalls).toEqual([SHOP]);
    expect(records[0]).toMatchObject({ status: "delivered", topic: "app/uninstalled" });
    expect(h.app.requests[0]!.url).toBe("/webhooks/app/uninstalled");
    expect(JSON.parse(h.app.requests[0]!.body.toString())).toMatchObject({
      myshopify_domain: SHOP,
    });

    h.admin.emit(returnEvent(600));
    await h.standIn.webhooks.idle();
    expect(h.app.requests).toHaveLength(1);
    expect(h.standIn.webhooks.log({ topic: "returns/request" })[0]).toMatchObject({
      status: "skipped",
      reason: "app not installed",
    });

    // Opening the app again exchanges a session token, which reinstalls.
    const res = await fetch(`${h.standIn.url}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: "standin-test-key",
        client_secret: TEST_API_SECRET,
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: h.standIn.mintSessionToken(SHOP),
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      }),
    });
    expect(res.status).toBe(200);
    h.admin.emit(returnEvent(601));
    await h.standIn.webhooks.idle();
    expect(h.app.requests).toHaveLength(2);
  });

  it("GIVEN the delivery log endpoint WHEN read THEN it lists topic, status and attempts", async () => {
    h.admin.emit(returnEvent(700));
    await h.standIn.webhooks.idle();
    const log = (await (await fetch(`${h.standIn.url}/_standin/webhooks/log`)).json()) as Array<
      Record<string, unknown>
    >;
    expect(log[0]).toMatchObject({ topic: "returns/request", status: "delivered" });
    expect(Array.isArray(log[0]!.attempts)).toBe(true);
  });
});
