import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { legacyId } from "./gid";
import { APP_SCOPES, createTestAdmin, type TestAdmin, type Json } from "./testing";
import { OTHER_SHOP_DOMAIN } from "../seed/index";

let t: TestAdmin;
const URL_ = (shop: string) => `https://${shop}/admin/api/2026-10/graphql.json`;

function post(
  shop: string,
  token: string | null,
  body: unknown,
  init: RequestInit = {},
): Promise<Response> {
  return t.api.handleGraphql(
    new Request(URL_(shop), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(token ? { "X-Shopify-Access-Token": token } : {}),
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
    }),
  );
}

beforeAll(() => {
  t = createTestAdmin();
});
beforeEach(() => {
  t.clock.set("2026-11-20T12:00:00Z");
  t.api.reset();
});

describe("HTTP and auth", () => {
  it("GIVEN an unknown token THEN 401 with Shopify's body", async () => {
    const r = await post(t.shop, "shpat_nope", { query: "{ shop { name } }" });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({
      errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    });
  });

  it("GIVEN another shop's token THEN 401 on this shop's host, and its own data on its host", async () => {
    const other = t.api.createToken(OTHER_SHOP_DOMAIN, ["read_orders"]);
    expect((await post(t.shop, other, { query: "{ shop { name } }" })).status).toBe(401);
    const own = await post(OTHER_SHOP_DOMAIN, other, { query: "{ shop { name currencyCode } }" });
    expect((await own.json()).data.shop).toEqual({ name: "Polder & Co", currencyCode: "EUR" });
  });

  it("GIVEN another shop's token WHEN it asks for this shop's order id (via a non-shop host) THEN null: ids never cross tenants", async () => {
    const other = t.api.createToken(OTHER_SHOP_DOMAIN, ["read_orders"]);
    const nordicOrder = t.api.order(t.shop, "#1182").id;
    const r = await t.api.handleGraphql(
      new Request("http://127.0.0.1:8080/admin/api/2026-10/graphql.json", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": other },
        body: JSON.stringify({
          query: "query($id: ID!) { order(id: $id) { id } }",
          variables: { id: nordicOrder },
        }),
      }),
    );
    expect((await r.json()).data.order).toBeNull();
  });

  it("GIVEN install, uninstall, reinstall THEN the token is stable per install and the old one stops working", async () => {
    const a = t.api.installApp("fresh-shop.myshopify.com", ["read_orders"]);
    expect(a.accessToken).toMatch(/^shpat_[0-9a-f]{32}$/);
    expect(
      t.api.installApp("fresh-shop.myshopify.com", ["read_orders", "read_returns"]).accessToken,
    ).toBe(a.accessToken);
    t.api.uninstallApp("fresh-shop.myshopify.com");
    expect(
      (await post("fresh-shop.myshopify.com", a.accessToken, { query: "{ shop { name } }" }))
        .status,
    ).toBe(401);
    const b = t.api.installApp("fresh-shop.myshopify.com", ["read_orders"]);
    expect(b.accessToken).not.toBe(a.accessToken);
    expect(
      (await post("fresh-shop.myshopify.com", b.accessToken, { query: "{ shop { name } }" }))
        .status,
    ).toBe(200);
  });

  it("GIVEN registerToken THEN a chosen token (e.g. a test session's) authenticates that shop", async () => {
    t.api.registerToken("session-shop.myshopify.com", "shpat_test", ["read_orders"]);
    const r = await post("session-shop.myshopify.com", "shpat_test", {
      query: "{ shop { myshopifyDomain } }",
    });
    expect((await r.json()).data.shop.myshopifyDomain).toBe("session-shop.myshopify.com");
  });

  it("GIVEN an unsupported version or a bad body THEN 404 / 400", async () => {
    const r = await t.api.handleGraphql(
      new Request(`https://${t.shop}/admin/api/2024-01/graphql.json`, {
        method: "POST",
        headers: { "X-Shopify-Access-Token": t.token },
        body: "{}",
      }),
    );
    expect(r.status).toBe(404);
    expect((await post(t.shop, t.token, "{not json")).status).toBe(400);
  });
});

describe("GraphQL validation and errors", () => {
  it("GIVEN a field that does not exist THEN HTTP 200 with errors and no data", async () => {
    const r = await post(t.shop, t.token, { query: "{ shop { nope } }" });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toEqual({
      errors: [
        {
          message: 'Cannot query field "nope" on type "Shop". Did you mean "name"?',
          locations: [{ line: 1, column: 10 }],
        },
      ],
    });
  });

  it("GIVEN a schema field the stand-in does not implement THEN an error that names it (never a silent null)", async () => {
    const id = t.api.order(t.shop, "#1182").id;
    const r = await t.gql("query($id: ID!) { order(id: $id) { name app { id } } }", { id });
    expect(r.errors).toEqual([
      expect.objectContaining({
        message: "Field 'Order.app' is not implemented by the offline stand-in",
        path: ["order", "app"],
        extensions: expect.objectContaining({ code: "NOT_IMPLEMENTED_BY_STAND_IN" }),
      }),
    ]);
    expect(r.data.order.name).toBe("#1182");
  });

  it("GIVEN a bad Decimal, a malformed gid, an empty @oneOf or a 251-item array THEN top-level errors and nothing runs", async () => {
    const id = t.api.order(t.shop, "#1182").id;
    const calc = "query($input: CalculateReturnInput!) { returnCalculate(input: $input) { id } }";
    const bad = await t.gql(calc, {
      input: {
        orderId: id,
        returnShippingFee: { amount: { amount: "not-a-number", currencyCode: "SEK" } },
      },
    });
    expect(bad.errors?.[0].message).toMatch(/Invalid Decimal value: "not-a-number"/);
    expect(bad.data).toBeUndefined();
    const gidErr = await t.gql('{ order(id: "1182") { id } }');
    expect(gidErr.errors?.[0].message).toMatch(/Invalid global id '1182'/);
    const oneOf = await t.gql(
      "mutation($i: ReturnProcessInput!) { returnProcess(input: $i) { userErrors { code } } }",
      { i: { returnId: "gid://shopify/Return/1", financialTransfer: {} } },
    );
    expect(oneOf.errors?.[0].message).toMatch(/exactly one key/i);
    const big = await t.gql(calc, {
      input: {
        orderId: id,
        returnLineItems: Array.from({ length: 251 }, () => ({
          fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/1",
          quantity: 1,
        })),
      },
    });
    expect(big.errors?.[0]).toMatchObject({
      message: "The input array size of 251 is greater than the maximum allowed of 250.",
      extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
    });
  });
});

describe("access scopes", () => {
  it("GIVEN only read_orders WHEN querying a return THEN ACCESS_DENIED naming the field and the scope", async () => {
    const limited = t.api.createToken("scoped-shop.myshopify.com", ["read_orders"]);
    const r = await post("scoped-shop.myshopify.com", limited, {
      query: '{ shop { name } return(id: "gid://shopify/Return/1") { id } }',
    });
    const body = await r.json();
    expect(r.status).toBe(200);
    expect(body.errors).toEqual([
      {
        message:
          "Access denied for return field. Required access: `read_returns` access scope or `read_marketplace_returns` access scope.",
        locations: [{ line: 1, column: 17 }],
        path: ["return"],
        extensions: {
          code: "ACCESS_DENIED",
          documentation: "https://shopify.dev/api/usage/access-scopes",
          requiredAccess: "`read_returns` access scope or `read_marketplace_returns` access scope.",
        },
      },
    ]);
    expect(body.data).toEqual({ shop: { name: "scoped-shop" }, return: null });
  });

  it("GIVEN read scopes only WHEN a mutation needs write_returns THEN ACCESS_DENIED and nothing happens; write implies read", async () => {
    const token = t.api.createToken(t.shop, ["read_orders", "read_returns"]);
    const o = t.api.order(t.shop, "#1172"); // has a REQUESTED return
    const ret = t.api.store.shop(t.shop).returns.find((x) => x.orderId === o.id)!;
    const r = await t.gql(
      `mutation { returnApproveRequest(input: { id: "${ret.id}" }) { return { status } } }`,
    );
    expect(r.errors?.[0].extensions.code).toBe("ACCESS_DENIED");
    expect(r.errors?.[0].message).toBe(
      "Access denied for returnApproveRequest field. Required access: `write_returns` access scope or `write_marketplace_returns` access scope.",
    );
    expect(ret.status).toBe("REQUESTED");
    t.api.createToken(t.shop, ["read_orders", "write_returns"]); // write_returns implies read_returns
    expect(token).toBe(t.token);
    const ok = await t.gql(`query { return(id: "${ret.id}") { status } }`);
    expect(ok.data.return.status).toBe("REQUESTED");
    t.api.createToken(t.shop, APP_SCOPES);
  });

  it("GIVEN protected customer data is not approved WHEN Order.email is read THEN ACCESS_DENIED", async () => {
    t.api.setProtectedCustomerData(t.shop, false);
    const id = t.api.order(t.shop, "#1182").id;
    const r = await t.gql("query($id: ID!) { order(id: $id) { name email } }", { id });
    expect(r.errors?.[0]).toMatchObject({
      path: ["order", "email"],
      extensions: { code: "ACCESS_DENIED" },
    });
    t.api.setProtectedCustomerData(t.shop, true);
  });
});

describe("query cost and throttling", () => {
  it("GIVEN known shapes THEN requestedQueryCost follows scalar 0 / object 1 / connection 2+n / mutation 10 / max over types", async () => {
    const cost = async (q: string, v?: Record<string, unknown>) =>
      (await t.gql(q, v)).extensions.cost;
    expect(await cost("{ shop { name } }")).toMatchObject({
      requestedQueryCost: 1,
      actualQueryCost: 1,
    });
    expect(await cost("{ orders(first: 10) { nodes { id name } } }")).toMatchObject({
      requestedQueryCost: 12,
      actualQueryCost: 12,
    });
    expect(
      await cost(
        '{ orders(first: 10, query: "name:1182") { edges { cursor node { id } } pageInfo { hasNextPage } } }',
      ),
    ).toMatchObject({ requestedQueryCost: 12, actualQueryCost: 3 });
    expect(
      await cost(
        '{ node(id: "gid://shopify/Order/1") { ... on Order { customer { id } } ... on Product { id } } }',
      ),
    ).toMatchObject({ requestedQueryCost: 2, actualQueryCost: 0 });
    const ret = t.api.store.shop(t.shop).returns.find((r) => r.status === "OPEN")!;
    expect(
      await cost(
        `mutation { returnClose(id: "${ret.id}") { return { id } userErrors { field } } }`,
      ),
    ).toMatchObject({ requestedQueryCost: 12, actualQueryCost: 11 });
  });

  it("GIVEN a query over 1000 points THEN MAX_COST_EXCEEDED without executing", async () => {
    const r = await t.gql(
      "{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }",
    );
    expect(r.errors?.[0].extensions).toEqual({
      code: "MAX_COST_EXCEEDED",
      cost: 63252,
      maxCost: 1000,
      documentation: "https://shopify.dev/api/usage/limits#rate-limits",
    });
    expect(r.extensions).toBeUndefined();
    expect(t.api.throttleStatus(t.shop).currentlyAvailable).toBe(2000);
  });

  it("GIVEN a drained bucket THEN THROTTLED at HTTP 200 without data; after refill the query runs", async () => {
    t.api.setBucketAvailable(t.shop, 10);
    const res = await post(t.shop, t.token, { query: "{ orders(first: 10) { nodes { id } } }" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      errors: [
        {
          message: "Throttled",
          extensions: {
            code: "THROTTLED",
            documentation: "https://shopify.dev/api/usage/rate-limits",
          },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 12,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 10, restoreRate: 100 },
        },
      },
    });
    t.clock.advance(50); // +5 points
    expect(
      (await t.gql("{ orders(first: 10) { nodes { id } } }")).extensions.cost.throttleStatus
        .currentlyAvailable,
    ).toBe(3); // 15 − 12
    t.clock.advance(60_000);
    expect(t.api.throttleStatus(t.shop).currentlyAvailable).toBe(2000); // capped at the maximum
  });

  it("GIVEN setPlan THEN the bucket follows the preset", async () => {
    expect(t.api.throttleStatus(t.shop).maximumAvailable).toBe(2000);
    t.api.setPlan(t.shop, "plus"); // the level carries over, the size and rate change
    expect(t.api.throttleStatus(t.shop)).toEqual({
      maximumAvailable: 20000,
      currentlyAvailable: 2000,
      restoreRate: 1000,
    });
    t.clock.advance(60_000);
    expect(t.api.throttleStatus(t.shop).currentlyAvailable).toBe(20000);
    t.api.setPlan(t.shop, "legacy");
    expect(t.api.throttleStatus(t.shop)).toEqual({
      maximumAvailable: 1000,
      currentlyAvailable: 1000,
      restoreRate: 50,
    });
  });
});

describe("faults", () => {
  async function statuses(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++)
      out.push((await post(t.shop, t.token, { query: "{ shop { name } }" })).status);
    return out;
  }

  it("GIVEN seeded rates THEN 429 / 503 / 5xx appear at about those rates, identically for the same seed", async () => {
    t.api.setFaults("*", { http429Rate: 0.2, http503Rate: 0.1, http5xxRate: 0.1, seed: 42 });
    const a = await statuses(400);
    t.api.setFaults("*", { http429Rate: 0.2, http503Rate: 0.1, http5xxRate: 0.1, seed: 42 });
    const b = await statuses(400);
    expect(a).toEqual(b);
    const share = (s: number[]) => a.filter((x) => s.includes(x)).length / a.length;
    expect(share([429])).toBeGreaterThan(0.14);
    expect(share([429])).toBeLessThan(0.26);
    expect(share([503])).toBeGreaterThan(0.05);
    expect(share([503])).toBeLessThan(0.15);
    expect(share([500, 502, 504])).toBeGreaterThan(0.05);
    expect(share([200])).toBeGreaterThan(0.5);
    const r429 = await (async () => {
      for (;;) {
        const r = await post(t.shop, t.token, { query: "{ shop { name } }" });
        if (r.status === 429) return r;
      }
    })();
    expect(r429.headers.get("Retry-After")).toBe("1");
    t.api.setFaults("*", {});
  });

  it("GIVEN a 503 fault WHEN a mutation is sent THEN nothing was executed", async () => {
    const o = t.api.order(t.shop, "#1182");
    t.api.setFaults(t.shop, { http503Rate: 1 });
    const flis = t.api.store.shop(t.shop).nodes.get(o.fulfillmentIds[0]) as Json;
    const r = await post(t.shop, t.token, {
      query: "mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id } } }",
      variables: {
        i: {
          orderId: o.id,
          returnLineItems: [{ fulfillmentLineItemId: flis.lineIds[0], quantity: 1 }],
        },
      },
    });
    expect(r.status).toBe(503);
    expect(o.returnIds).toHaveLength(0);
  });

  it("GIVEN faultAfterExecuteRate 1 WHEN a mutation is sent THEN it IS executed but the connection drops before the answer", async () => {
    const o = t.api.order(t.shop, "#1182");
    t.api.setFaults(t.shop, { faultAfterExecuteRate: 1 });
    const flis = t.api.store.shop(t.shop).nodes.get(o.fulfillmentIds[0]) as Json;
    const r = await post(t.shop, t.token, {
      query: "mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id } } }",
      variables: {
        i: {
          orderId: o.id,
          returnLineItems: [{ fulfillmentLineItemId: flis.lineIds[0], quantity: 1 }],
        },
      },
    });
    // No status to go by: reading the answer fails like a dropped connection.
    await expect(r.text()).rejects.toThrow(/socket hang up/);
    expect(o.returnIds).toHaveLength(1);
    expect(t.api.events.at(-2)?.topic).toBe("returns/request");
  });

  it("GIVEN a timeout fault THEN 504 after timeoutMs, or the caller's abort ends the wait", async () => {
    t.api.setFaults(t.shop, { timeoutRate: 1, timeoutMs: 20 });
    const started = Date.now();
    expect((await post(t.shop, t.token, { query: "{ shop { name } }" })).status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    t.api.setFaults(t.shop, { timeoutRate: 1 });
    const controller = new AbortController();
    const pending = post(
      t.shop,
      t.token,
      { query: "{ shop { name } }" },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("queries", () => {
  it("GIVEN the 260-line order THEN lineItems paginate forwards and backwards with cursors", async () => {
    const id = t.api.order(t.shop, "#1150").id;
    const Q =
      "query($id: ID!, $after: String, $before: String, $first: Int, $last: Int) { order(id: $id) { lineItems(first: $first, last: $last, after: $after, before: $before) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }";
    const seen: string[] = [];
    let after: string | null = null;
    const pages: number[] = [];
    for (;;) {
      const r: { data?: Json } = await t.gql(Q, { id, first: 100, after });
      const c: Json = r.data.order.lineItems;
      seen.push(...c.nodes.map((n: Json) => n.id));
      pages.push(c.nodes.length);
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(pages).toEqual([100, 100, 60]);
    expect(new Set(seen).size).toBe(260);
    const back = await t.gql(Q, { id, last: 10, before: after });
    expect(back.data.order.lineItems.nodes.map((n: Json) => n.id)).toEqual(seen.slice(189, 199)); // the 10 before the 200th
    const none = await t.gql("query($id: ID!) { order(id: $id) { lineItems { nodes { id } } } }", {
      id,
    });
    expect(none.errors?.[0].message).toBe("you must provide one of first or last");
  });

  it("GIVEN Shopify search syntax THEN orders filter by name, email, customer, dates and return status", async () => {
    const names = async (query: string, extra = "") =>
      (
        await t.gql(
          `query($q: String) { orders(first: 250, query: $q${extra}) { nodes { name } } }`,
          { q: query },
        )
      ).data.orders.nodes.map((n: Json) => n.name);
    expect(await names('name:"#1182"')).toEqual(["#1182"]);
    expect(await names("name:1182")).toEqual(["#1182"]);
    expect(await names('name:"#1182" AND email:"ASTRID.LINDQVIST@example.com"')).toEqual(["#1182"]);
    expect(await names('name:"#1182" email:"someone.else@example.com"')).toEqual([]);
    const astrid = t.api.order(t.shop, "#1182").customerId!;
    expect(await names(`customer_id:${legacyId(astrid)}`)).toContain("#1182");
    expect(await names("return_status:return_requested")).toContain("#1172");
    expect(await names("name:1182 OR name:1171")).toEqual(["#1171", "#1182"]);
    const recent = await names("created_at:>=2026-11-19", ", sortKey: PROCESSED_AT, reverse: true");
    expect(recent[0]).toBe("#1200");
    expect(recent).not.toContain("#1150");
    const warn = await t.gql('{ orders(first: 1, query: "bogus_field:1") { nodes { name } } }');
    expect(warn.extensions.search[0].warnings).toEqual([
      { field: "bogus_field", message: "Invalid search field for this query." },
    ]);
  });

  it("GIVEN return reasons THEN deleted:false hides the retired one and handles filter", async () => {
    const all = await t.gql(
      '{ returnReasonDefinitions(first: 50, query: "deleted:false") { nodes { handle deleted } } }',
    );
    const handles = all.data.returnReasonDefinitions.nodes.map((n: Json) => n.handle);
    expect(handles).toEqual([
      "size-too-small",
      "size-too-large",
      "color",
      "not-as-described",
      "defective",
      "damaged",
      "wrong-item",
      "unwanted",
      "other",
    ]);
    const some = await t.gql(
      '{ returnReasonDefinitions(first: 5, handles: ["defective", "unwanted"]) { nodes { id name } } }',
    );
    expect(some.data.returnReasonDefinitions.nodes.map((n: Json) => n.name)).toEqual([
      "Item is defective",
      "Changed my mind",
    ]);
  });

  it("GIVEN ids THEN orderByIdentifier, node and nodes resolve the main types", async () => {
    const o = t.api.order(t.shop, "#1182");
    const r = await t.gql(
      `query($id: ID!, $ids: [ID!]!) { orderByIdentifier(identifier: { id: $id }) { name } node(id: $id) { __typename ... on Order { name } } nodes(ids: $ids) { __typename id } }`,
      {
        id: o.id,
        ids: [
          o.customerId,
          o.lines[0].variantId,
          o.fulfillmentIds[0],
          "gid://shopify/ReturnReasonDefinition/1",
          "gid://shopify/Order/1",
        ],
      },
    );
    expect(r.data.orderByIdentifier.name).toBe("#1182");
    expect(r.data.node).toEqual({ __typename: "Order", name: "#1182" });
    expect(r.data.nodes.map((n: Json) => n?.__typename ?? null)).toEqual([
      "Customer",
      "ProductVariant",
      "Fulfillment",
      "ReturnReasonDefinition",
      null,
    ]);
  });

  it("GIVEN a variant THEN inventory per location and weight are readable", async () => {
    const v = t.api.store.shop(t.shop).variants.find((x) => x.sku === "NL-OSB")!;
    const r = await t.gql(
      `query($id: ID!) { productVariant(id: $id) { sku inventoryQuantity product { title productType tags } inventoryItem { measurement { weight { unit value } } inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available", "on_hand"]) { name quantity } } } } } }`,
      { id: v.id },
    );
    const pv = r.data.productVariant;
    expect(pv.product).toEqual({
      title: "Oak Sideboard",
      productType: "Furniture",
      tags: ["furniture", "oak", "heavy", "bulky"],
    });
    expect(pv.inventoryItem.measurement.weight).toEqual({ unit: "GRAMS", value: 28000 });
    expect(pv.inventoryItem.inventoryLevels.nodes.map((n: Json) => n.location.name)).toEqual([
      "Stockholm Warehouse",
      "Copenhagen Store",
      "Oslo Store",
    ]);
    const sum = pv.inventoryItem.inventoryLevels.nodes.reduce(
      (s: number, n: Json) => s + n.quantities[0].quantity,
      0,
    );
    expect(sum).toBe(pv.inventoryQuantity);
  });
});

describe("events", () => {
  it("GIVEN a listener WHEN state changes THEN it gets each event once, with unique ids, until unsubscribed", async () => {
    const got: string[] = [];
    const off = t.api.onEvent((e) => got.push(`${e.topic}|${e.eventId}|${e.shop}`));
    const ret = t.api.store.shop(t.shop).returns.find((r) => r.status === "REQUESTED")!;
    await t.gql(
      `mutation { returnApproveRequest(input: { id: "${ret.id}" }) { return { status } } }`,
    );
    off();
    await t.gql(`mutation { returnClose(id: "${ret.id}") { return { status } } }`);
    expect(got.map((g) => g.split("|")[0])).toEqual(["returns/approve", "orders/updated"]);
    expect(new Set(got.map((g) => g.split("|")[1])).size).toBe(2);
    const approve = t.api.events.find((e) => e.topic === "returns/approve")!;
    expect(approve.payload).toMatchObject({
      admin_graphql_api_id: ret.id,
      status: "open",
      order: { admin_graphql_api_id: ret.orderId },
    });
    expect(approve.triggeredAt).toBe("2026-11-20T12:00:00Z");
  });
});
