/**
 * The public app-proxy endpoints answer any input with a clear 4xx (or success), never a
 * 5xx: fast-check generates thousands of lookup forms, return bodies and status tokens and
 * sends them, correctly signed, through the real routes against the offline stand-in.
 * Unsigned or tampered requests are refused before anything runs. The deep paths too:
 * return creation with a VALID lookup token and generated lines, the status page's 200
 * path with generated query and headers, and the rate limiter under generated clients.
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
import { issueLookupToken } from "~/services/lookup-token.server";

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

async function call(handler: Handler, path: string, init: RequestInit, params: Record<string, string> = {}, customer: string | null = null, extraQuery: Record<string, string> = {}) {
  const query = signedProxyQuery({ shop: SHOP, loggedInCustomerId: customer, pathPrefix: "/apps/returns", secret: SECRET, query: extraQuery });
  const request = new Request(`${APP}/proxy${path}?${query}`, init);
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom("#1182", "1182", "", "#", "#99999", "astrid.lindqvist@example.com", "' OR 1=1 --", "name:*"));

// Hundreds of real lookups against the stand-in: ~26 s for the rate-limiter property alone on
// a quiet 2-core machine, so the file gets more than the default 30 s per test.
describe("app proxy under generated input", { timeout: 180_000 }, () => {
  let order: { id: string; lines: Array<{ fulfillmentLineItemId: string; eligible: boolean; exchangeVariants: { id: string }[] }> };
  let statusToken = "";

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
    const body = await created.json();
    expect(body.return.rma).toMatch(/^R-\d{4,}$/);
    order = data.order;
    statusToken = new URL(body.return.statusUrl).pathname.split("/").pop()!;
  });

  it("create with a VALID lookup token: generated lines, methods and flags → 201 or a 4xx, never a 5xx", async () => {
    const ids = order.lines.map((l) => l.fulfillmentLineItemId);
    const variants = order.lines.flatMap((l) => l.exchangeVariants.map((v) => v.id));
    const line = fc.record(
      {
        fulfillmentLineItemId: fc.oneof(fc.constantFrom(...ids), fc.constant("gid://shopify/FulfillmentLineItem/1")),
        quantity: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constantFrom(1, 1000, 1001)),
        reasonId: fc.option(fc.constantFrom("gid://shopify/ReturnReasonDefinition/1", "gid://shopify/ReturnReasonDefinition/999999")),
        note: fc.option(fc.string({ maxLength: 320 })),
        resolution: fc.constantFrom("REFUND", "STORE_CREDIT", "EXCHANGE", "CASH"),
        exchangeVariantId: fc.option(fc.oneof(fc.constantFrom(...(variants.length ? variants : ["gid://shopify/ProductVariant/1"])), fc.constant("gid://shopify/ProductVariant/3209000050"))),
      },
      { requiredKeys: ["fulfillmentLineItemId", "quantity", "resolution"] },
    );
    const body = fc.record({
      method: fc.constantFrom("DROP_OFF", "HOME_PICKUP", "IN_STORE", "KEEP_ITEM", "POST"),
      storeCreditConsent: fc.boolean(),
      euWithdrawal: fc.option(fc.boolean(), { nil: undefined }),
      lines: fc.array(line, { minLength: 0, maxLength: 3 }),
    });
    let filed = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        // A fresh token each time (what a lookup would give), so the single-use rule doesn't mask the deep path.
        const lookupToken = issueLookupToken(SECRET, { shop: SHOP, orderId: order.id, subject: "guest" }, new Date());
        const response = await call(createReturn as Handler, "/api/returns", { method: "POST", body: JSON.stringify({ ...b, orderId: order.id, lookupToken }), headers: { "Content-Type": "application/json" } });
        expect(response.status, JSON.stringify(b)).toBeLessThan(500);
        if (response.status === 201) filed++;
        else expect((await response.json()).error.message).toBeTruthy();
      }),
      { numRuns: 120 },
    );
    expect(filed).toBeLessThanOrEqual(2); // the order has 2 units; the rest are refused, never filed twice
  });

  it("status page 200 path: the real token with generated query, locale and headers → 200, never a 5xx", async () => {
    const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"].includes(k)), fc.string({ maxLength: 20 }), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(query, fc.option(fc.string({ maxLength: 40 })), async (extra, acceptLanguage) => {
        const headers: Record<string, string> = {};
        if (acceptLanguage !== null && /^[\x20-\x7e]*$/.test(acceptLanguage)) headers["Accept-Language"] = acceptLanguage;
        const response = await call(status as unknown as Handler, `/status/${statusToken}`, { method: "GET", headers }, { token: statusToken }, null, extra);
        expect(response.status).toBe(200);
        expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
      }),
      { numRuns: 100 },
    );
  });

  it("rate limiter under generated clients and X-Forwarded-For values → 200, 404 or 429, never a 5xx", async () => {
    const xff = fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 80 }).filter((v) => /^[\x20-\x7e]*$/.test(v)), fc.array(fc.ipV4(), { maxLength: 5 }).map((a) => a.join(", ")));
    await fc.assert(
      fc.asyncProperty(xff, fc.constantFrom("#1182", "#1001", "#9999", ""), fc.constantFrom("astrid.lindqvist@example.com", "nope@example.com"), async (client, orderName, email) => {
        const query = signedProxyQuery({ shop: SHOP, loggedInCustomerId: null, pathPrefix: "/apps/returns", secret: SECRET });
        const request = new Request(`${APP}/proxy/api/lookup?${query}`, { method: "POST", body: new URLSearchParams({ order: orderName, email }), headers: { "X-Forwarded-For": client } });
        const response = await (lookup as Handler)({ request, params: {}, context: {} }).catch((r) => r as Response);
        expect([200, 400, 404, 429]).toContain(response.status);
      }),
      { numRuns: 120 },
    );
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
