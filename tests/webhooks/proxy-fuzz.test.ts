/**
 * The public app-proxy endpoints answer any input with a clear 4xx (or success), never a
 * 5xx: fast-check generates thousands of lookup forms, return bodies and status tokens and
 * sends them, correctly signed, through the real routes against the offline stand-in.
 * Unsigned or tampered requests are refused before anything runs.
 */
import { createServer, type Server } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { action as lookup } from "~/routes/proxy.api.lookup";
import { action as createReturn } from "~/routes/proxy.api.returns";
import { loader as status } from "~/routes/proxy.status.$token";
import { ACCESS_SCOPES } from "~/shopify/scopes";
import { createAdminApi, NORDIC_DEMO_DOMAIN } from "../../simulator/admin/index";
import { signedProxyQuery } from "../../simulator/platform/app-proxy";

const SECRET = process.env.SHOPIFY_API_SECRET!;
const APP = process.env.SHOPIFY_APP_URL!;
const SHOP = NORDIC_DEMO_DOMAIN;
const TOKEN = "shpat_fuzz_token";
let server: Server;

beforeAll(async () => {
  // The stand-in's Admin API where the app's gateway looks for it in test mode.
  const api = createAdminApi({ shops: [{ domain: SHOP, seed: "nordic" }] });
  api.registerToken(SHOP, TOKEN, [...ACCESS_SCOPES]);
  const origin = new URL(process.env.SHOPIFY_ADMIN_ORIGIN!);
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const response = await api.handleGraphql(
      new Request(`${origin.origin}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(Number(origin.port), origin.hostname, resolve));
  await db.session.upsert({
    where: { id: `offline_${SHOP}` },
    create: { id: `offline_${SHOP}`, shop: SHOP, state: "x", isOnline: false, accessToken: TOKEN, scope: ACCESS_SCOPES.join(",") },
    update: { accessToken: TOKEN },
  });
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
});

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

async function call(handler: Handler, path: string, init: RequestInit, params: Record<string, string> = {}, customer: string | null = null) {
  const query = signedProxyQuery({ shop: SHOP, loggedInCustomerId: customer, pathPrefix: "/apps/returns", secret: SECRET });
  const request = new Request(`${APP}/proxy${path}?${query}`, init);
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom("#1182", "1182", "", "#", "#99999", "astrid.lindqvist@example.com", "' OR 1=1 --", "name:*"));

describe("app proxy under generated input", () => {
  it("control: a real shopper's lookup and return go through (so the 4xx below are not a blanket refusal)", async () => {
    const found = await call(lookup as Handler, "/api/lookup", { method: "POST", body: new URLSearchParams({ order: "#1182", email: "astrid.lindqvist@example.com" }) });
    expect(found.status).toBe(200);
    const data = await found.json();
    const line = data.order.lines.find((l: { eligible: boolean }) => l.eligible);
    const created = await call(createReturn as Handler, "/api/returns", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", storeCreditConsent: false, lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] }),
    });
    expect(created.status).toBe(201);
    expect((await created.json()).return.rma).toMatch(/^R-\d{4,}$/);
  });

  it("lookup: any form → 200 or a 4xx with a message, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.option(text), fc.option(fc.constantFrom("3209000001", "1", "abc")), async (order, email, customer) => {
        const body = new URLSearchParams({ order, ...(email !== null ? { email } : {}) });
        const response = await call(lookup as Handler, "/api/lookup", { method: "POST", body }, {}, customer);
        expect(response.status, `order=${order} email=${email}`).toBeLessThan(500);
        if (response.status >= 400) expect((await response.json()).error.message).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });

  it("create: any JSON body → a 4xx with a message, never a 5xx", async () => {
    const gidish = fc.oneof(text, fc.constantFrom("gid://shopify/Order/3209000182", "gid://shopify/FulfillmentLineItem/3209000573", "gid://shopify/Order/1"));
    const line = fc.record({ fulfillmentLineItemId: gidish, quantity: fc.oneof(fc.integer(), fc.double(), text), reasonId: fc.option(gidish), note: fc.option(text), resolution: fc.oneof(fc.constantFrom("REFUND", "STORE_CREDIT", "EXCHANGE"), text), exchangeVariantId: fc.option(gidish) }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.anything(),
      fc.record({ orderId: gidish, lookupToken: text, method: fc.oneof(fc.constantFrom("DROP_OFF", "HOME_PICKUP"), text), lines: fc.array(line, { maxLength: 4 }), storeCreditConsent: fc.oneof(fc.boolean(), text) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (json) => {
        const response = await call(createReturn as Handler, "/api/returns", { method: "POST", body: JSON.stringify(json) ?? "", headers: { "Content-Type": "application/json" } });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    // Not even valid JSON.
    const garbage = await call(createReturn as Handler, "/api/returns", { method: "POST", body: "{nope", headers: { "Content-Type": "application/json" } });
    expect(garbage.status).toBe(400);
  });

  it("status: any token → 404 or 200, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (token) => {
        const response = await call(status as unknown as Handler, `/status/${encodeURIComponent(token)}`, { method: "GET" }, { token });
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it("a tampered or unsigned request is refused before anything runs", async () => {
    const query = signedProxyQuery({ shop: SHOP, loggedInCustomerId: "3209000001", pathPrefix: "/apps/returns", secret: SECRET });
    query.set("logged_in_customer_id", "3209000002"); // someone else
    const tampered = await (lookup as Handler)({ request: new Request(`${APP}/proxy/api/lookup?${query}`, { method: "POST", body: new URLSearchParams({ order: "#1182" }) }), params: {}, context: {} }).catch((r) => r as Response);
    expect(tampered.status).toBe(400);
    const unsigned = await (lookup as Handler)({ request: new Request(`${APP}/proxy/api/lookup?shop=${SHOP}`, { method: "POST", body: new URLSearchParams({ order: "#1182" }) }), params: {}, context: {} }).catch((r) => r as Response);
    expect(unsigned.status).toBe(400);
  });
});
