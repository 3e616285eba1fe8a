/**
 * The storefront's public endpoints under attack and under honest repetition, through the
 * real routes, signed the way Shopify's proxy signs, against the stand-in's Admin API:
 * rate limits that stop guessing but never lock an owner out, lookup tokens bound to who
 * looked up and good for one filing, exchanges kept within the product, Shopify's
 * documented signature (keys with capitals and dashes), one logged_in_customer_id, and the
 * status page's headers and expiry. Each test fails with its protection removed.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// This file's own stand-in port (another test file uses the default one).
await vi.hoisted(() => import("../support/own-stand-in-port").then((m) => m.useOwnStandInPort()));

const { default: db } = await import("~/db.server");
const { action: lookup } = await import("~/routes/proxy.api.lookup");
const { action: createReturn } = await import("~/routes/proxy.api.returns");
const { loader: status } = await import("~/routes/proxy.status.$token");
const { action: preview } = await import("~/routes/proxy.api.preview");
const { savePolicy } = await import("~/services/policy.server");
const { DEFAULT_RETURN_POLICY } = await import("~/domain");
const { callProxy, startProxyHarness, SHOP, clearStorefrontState } = await import("../support/proxy-harness");
type Handler = import("../support/proxy-harness").Handler;
const { signedProxyQuery } = await import("../../simulator/platform/app-proxy");
const { GUEST_FAILURES_PER_CLIENT } = await import("~/services/rate-limit.server");
const { STATUS_LINK_DAYS_AFTER_CLOSE } = await import("~/domain");

const OWNER_EMAIL = "astrid.lindqvist@example.com";
const OWNER_ID = "3209000001"; // Astrid, who placed #1182
const OTHER_CUSTOMER = "3209000002";
let harness: Awaited<ReturnType<typeof startProxyHarness>>;

const lookupAs = (form: Record<string, string>, options: Parameters<typeof callProxy>[3] = {}) =>
  callProxy(lookup as Handler, "/api/lookup", { method: "POST", body: new URLSearchParams(form) }, options);
const fileAs = (body: unknown, options: Parameters<typeof callProxy>[3] = {}) =>
  callProxy(createReturn as Handler, "/api/returns", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, options);

async function ownerLookup(options: Parameters<typeof callProxy>[3] = {}) {
  const res = await lookupAs({ order: "#1182", email: OWNER_EMAIL }, options);
  expect(res.status).toBe(200);
  return res.json();
}

function sweaterLine(data: { order: { lines: Array<{ eligible: boolean; title: string; fulfillmentLineItemId: string; exchangeVariants: { id: string }[] }> } }) {
  return data.order.lines.find((l) => l.eligible && l.title.includes("Sweater"))!;
}

async function resetState() {
  await clearStorefrontState();
  await db.returnPolicy.deleteMany();
}

// A fresh Shopify per test: a return filed in one test must not use up the order in the next.
beforeEach(async () => {
  if (harness) harness.reset();
  else harness = await startProxyHarness();
  await resetState();
});
afterAll(async () => harness?.close());

describe("guest lookup rate limits", () => {
  it("GIVEN the owner WHEN they look up their own order ten times THEN every lookup succeeds (successes are not counted)", async () => {
    for (let i = 0; i < 10; i++) await ownerLookup({ clientIp: "198.51.100.10" });
    expect(await db.rateLimit.count()).toBe(0);
  });

  it("GIVEN five strangers guessing the e-mail of #1182 WHEN the owner looks up from a new client THEN the owner gets through, a stranger who failed does not", async () => {
    for (let s = 1; s <= 5; s++) {
      for (let i = 0; i < 2; i++) {
        const res = await lookupAs({ order: "#1182", email: `guess${i}@example.com` }, { clientIp: `192.0.2.${s}` });
        // 404 until the order is hot; then a stranger who already failed on it gets 429.
        expect([404, 429]).toContain(res.status);
      }
    }
    await ownerLookup({ clientIp: "198.51.100.20" });
    // The order is now "hot": a stranger who already failed on it cannot try again, even with the right e-mail.
    const stranger = await lookupAs({ order: "#1182", email: OWNER_EMAIL }, { clientIp: "192.0.2.1" });
    expect(stranger.status).toBe(429);
  });

  it("GIVEN one client failing on many orders WHEN it reaches the limit THEN it is refused, while another client is not", async () => {
    for (let i = 0; i < GUEST_FAILURES_PER_CLIENT.limit; i++) {
      expect((await lookupAs({ order: `#${2000 + i}`, email: "x@example.com" }, { clientIp: "192.0.2.99" })).status).toBe(404);
    }
    expect((await lookupAs({ order: "#1182", email: OWNER_EMAIL }, { clientIp: "192.0.2.99" })).status).toBe(429);
    await ownerLookup({ clientIp: "198.51.100.30" });
  });

  it("GIVEN a shopper who sends their own X-Forwarded-For WHEN Shopify appends the real address THEN the limit keys on the real one", async () => {
    for (let i = 0; i < GUEST_FAILURES_PER_CLIENT.limit; i++) {
      await lookupAs({ order: `#${3000 + i}`, email: "x@example.com" }, { clientIp: `10.0.0.${i}, 192.0.2.77` });
    }
    expect((await lookupAs({ order: "#1182", email: OWNER_EMAIL }, { clientIp: "10.0.0.200, 192.0.2.77" })).status).toBe(429);
  });

  it("GIVEN stored counters THEN their keys are salted hashes: no address or order number in them", async () => {
    await lookupAs({ order: "#1182", email: "wrong@example.com" }, { clientIp: "192.0.2.55" });
    const keys = (await db.rateLimit.findMany()).map((r) => r.key);
    expect(keys.length).toBe(3);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain("192.0.2.55");
    }
    const { createHash } = await import("node:crypto");
    expect(keys).not.toContain(createHash("sha256").update(`guest-fail-client|${SHOP}|192.0.2.55`).digest("hex"));
  });
});

describe("lookup tokens", () => {
  it("GIVEN a guest's token WHEN a logged-in customer presents it THEN 401, and a customer's token is refused for another customer", async () => {
    const data = await ownerLookup();
    const line = sweaterLine(data);
    const body = { orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] };
    const asCustomer = await fileAs(body, { customer: OWNER_ID });
    expect(asCustomer.status).toBe(401);
    expect((await asCustomer.json()).error.code).toBe("LOOKUP_OTHER_SHOPPER");

    const mine = await (await lookupAs({ order: "#1182" }, { customer: OWNER_ID })).json();
    const other = await fileAs({ ...body, lookupToken: mine.lookupToken }, { customer: OTHER_CUSTOMER });
    expect(other.status).toBe(401);
    expect(await db.returnRequest.count()).toBe(0);
  });

  it("GIVEN a token for #1182 WHEN used for another order THEN 401", async () => {
    const data = await ownerLookup();
    const res = await fileAs({ orderId: "gid://shopify/Order/3209000183", lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: sweaterLine(data).fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    expect(res.status).toBe(401);
  });

  it("GIVEN a return filed with a token WHEN the same token files again THEN 409 and there is still one return; a refused filing does not use the token up", async () => {
    const data = await ownerLookup();
    const line = sweaterLine(data);
    const bad = await fileAs({ orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 5, resolution: "REFUND" }] });
    expect(bad.status).toBe(422);
    const body = { orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] };
    const first = await fileAs(body);
    expect(first.status).toBe(201);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const again = await fileAs(body);
    expect(again.status).toBe(409);
    expect(await db.returnRequest.count()).toBe(1);
  });
});

describe("exchanges", () => {
  async function exchange(variantId: string) {
    const data = await ownerLookup();
    const line = sweaterLine(data);
    return fileAs({ orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: variantId }] });
  }
  // Variant ids straight from the stand-in's store (a sideboard: 8,995 SEK; a mug: 189 SEK).
  const SIDEBOARD = async () => {
    const store = harness.api.store.shop(SHOP);
    const find = (title: string) => {
      const product = store.products.find((p) => p.title === title)!;
      return store.variants.find((v) => v.productId === product.id)!.id;
    };
    return { sideboard: find("Oak Sideboard"), mug: find("Stoneware Mug") };
  };

  it("GIVEN the default policy WHEN a sweater is exchanged for a sideboard THEN 422 EXCHANGE_OTHER_PRODUCT and nothing is filed", async () => {
    const { sideboard } = await SIDEBOARD();
    const res = await exchange(sideboard);
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.code).toBe("EXCHANGE_OTHER_PRODUCT");
    expect(await db.returnRequest.count()).toBe(0);
  });

  it("GIVEN another size of the same sweater THEN the exchange is filed", async () => {
    const data = await ownerLookup();
    const other = sweaterLine(data).exchangeVariants[0]!.id;
    const res = await fileAs({ orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: sweaterLine(data).fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: other }] });
    expect(res.status).toBe(201);
  });

  it("GIVEN a policy allowing other products WHEN the other item costs more THEN refused; when it costs less THEN filed with the difference refunded", async () => {
    const { DEFAULT_RETURN_POLICY } = await import("~/domain");
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    await db.returnPolicy.create({ data: { shopId: shop.id, document: JSON.stringify({ ...DEFAULT_RETURN_POLICY, exchange: { surplusTo: "REFUND", allowOtherProducts: true } }) } });
    const { sideboard, mug } = await SIDEBOARD();
    const dear = await exchange(sideboard);
    expect(dear.status).toBe(422);
    expect((await dear.json()).error.details.code).toBe("EXCHANGE_COSTS_MORE");
    const cheap = await exchange(mug);
    expect(cheap.status).toBe(201);
    const ret = await db.returnRequest.findFirstOrThrow();
    expect(ret.exchangeAmount).toBe(18900);
    expect(ret.refundAmount).toBe(119900 - 18900);
  });
});

describe("app-proxy signature and identity", () => {
  it("GIVEN storefront parameters with capitals and dashes, signed as Shopify documents WHEN looked up THEN accepted", async () => {
    const res = await callProxy(lookup as Handler, "/api/lookup", { method: "POST", body: new URLSearchParams({ order: "#1182", email: OWNER_EMAIL }) }, { query: { Size: "M", "color-name": "Blue", color: "red", "utm-source": "mail", utm: "x" } });
    expect(res.status).toBe(200);
  });

  it("GIVEN logged_in_customer_id twice (validly signed) THEN 400 before anything runs", async () => {
    const query = signedProxyQuery({ shop: SHOP, loggedInCustomerId: OWNER_ID, pathPrefix: "/apps/returns", secret: process.env.SHOPIFY_API_SECRET! });
    query.append("logged_in_customer_id", OTHER_CUSTOMER);
    const { appProxySignature } = await import("~/security/app-proxy-signature");
    query.set("signature", appProxySignature(query, process.env.SHOPIFY_API_SECRET!));
    const res = await (lookup as Handler)({ request: new Request(`${process.env.SHOPIFY_APP_URL}/proxy/api/lookup?${query}`, { method: "POST", body: new URLSearchParams({ order: "#1182" }) }), params: {}, context: {} }).catch((r) => r as Response);
    expect(res.status).toBe(400);
  });
});

describe("status page", () => {
  async function fileOne() {
    const data = await ownerLookup();
    const res = await fileAs({ orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: sweaterLine(data).fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    const url: string = (await res.json()).return.statusUrl;
    return new URL(url).pathname.split("/").pop()!;
  }
  const open = (token: string) => callProxy(status as unknown as Handler, `/status/${token}`, { method: "GET" }, { params: { token } });

  it("GIVEN a filed return THEN its status page answers 200 with no-store and no-referrer, and the token is long", async () => {
    const token = await fileOne();
    expect(token.length).toBeGreaterThanOrEqual(43);
    const res = await open(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    const missing = await open("x".repeat(43));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Referrer-Policy")).toBe("no-referrer");
  });

  it(`GIVEN a return closed more than ${STATUS_LINK_DAYS_AFTER_CLOSE} days ago THEN its link answers 404; closed recently THEN 200`, async () => {
    const token = await fileOne();
    const day = 24 * 60 * 60 * 1000;
    await db.returnRequest.updateMany({ data: { status: "CLOSED", closedAt: new Date(Date.now() - (STATUS_LINK_DAYS_AFTER_CLOSE - 1) * day) } });
    expect((await open(token)).status).toBe(200);
    await db.returnRequest.updateMany({ data: { closedAt: new Date(Date.now() - (STATUS_LINK_DAYS_AFTER_CLOSE + 1) * day) } });
    expect((await open(token)).status).toBe(404);
  });
});

describe("require sign-in for returns", () => {
  it("GIVEN the merchant requires sign-in WHEN a guest previews or files with a token from before THEN 403 SIGN_IN_REQUIRED on every guest route", async () => {
    const data = await ownerLookup();
    const body = { orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: sweaterLine(data).fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] };
    const shop = await db.shop.findFirstOrThrow({ where: { domain: SHOP } });
    await savePolicy(db, shop.id, { ...DEFAULT_RETURN_POLICY, requireSignIn: true });
    const previewed = await callProxy(preview as Handler, "/api/preview", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const filed = await fileAs(body);
    const looked = await lookupAs({ order: "#1182", email: OWNER_EMAIL });
    for (const res of [previewed, filed, looked]) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("SIGN_IN_REQUIRED");
    }
    expect(await db.returnRequest.count()).toBe(0);
  });
});
