import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signAppProxyQuery } from "./crypto";
import { asRemixRequest, remixApp } from "./testing/remix-app";
import {
  startHarness,
  TEST_API_KEY,
  TEST_API_SECRET,
  type CapturedRequest,
  type Harness,
} from "./testing/harness";

const SHOP = "nordic-demo.myshopify.com";
let h: Harness;
const api = shopifyApi({
  apiKey: TEST_API_KEY,
  apiSecretKey: TEST_API_SECRET,
  apiVersion: ApiVersion.October26,
  hostName: "127.0.0.1:3999",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.app.requests.length = 0;
  h.app.handler = () => Response.json({ ok: true });
});

const customerCookie = (legacyId: string, shop = SHOP) =>
  `standin_customer=${encodeURIComponent(`${shop}|${legacyId}`)}`;
const lastForwarded = (): CapturedRequest => h.app.requests.at(-1)!;
const forwardedQuery = () => new URL(lastForwarded().url, "http://app").searchParams;

describe("app proxy forwarding", () => {
  it("GIVEN a guest GET under /s/:shop/apps/returns WHEN proxied THEN the app gets {app_proxy.url}/rest with the original query and Shopify's signed params", async () => {
    const res = await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/status?token=abc&x=1`);
    expect(res.status).toBe(200);
    const url = new URL(lastForwarded().url, "http://app");
    expect(url.pathname).toBe("/proxy/api/status");
    const q = url.searchParams;
    expect(q.get("token")).toBe("abc");
    expect(q.get("x")).toBe("1");
    expect(q.get("shop")).toBe(SHOP);
    expect(q.get("logged_in_customer_id")).toBe("");
    expect(q.get("path_prefix")).toBe("/apps/returns");
    expect(Math.abs(Number(q.get("timestamp")) - Date.now() / 1000)).toBeLessThan(5);
    expect(q.get("signature")).toBe(signAppProxyQuery(q, TEST_API_SECRET));
  });

  it("GIVEN a forwarded request WHEN the app runs the library's validateHmac(appProxy) THEN it is valid", async () => {
    await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/lookup?a=1`);
    expect(await api.utils.validateHmac(forwardedQuery(), { signator: "appProxy" })).toBe(true);
  });

  it("GIVEN a forwarded request WHEN remix's authenticate.public.appProxy runs THEN it accepts it; a tampered query gets 400", async () => {
    await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/lookup`);
    const ctx = await remixApp.authenticate.public.appProxy(asRemixRequest(lastForwarded()));
    expect(typeof ctx.liquid).toBe("function");
    const tampered = {
      ...lastForwarded(),
      url: lastForwarded().url.replace("logged_in_customer_id=", "logged_in_customer_id=7001"),
    };
    const thrown = await remixApp.authenticate.public
      .appProxy(asRemixRequest(tampered))
      .catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(400);
  });

  it("GIVEN a logged-in customer WHEN proxied THEN logged_in_customer_id is their numeric legacy id", async () => {
    await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/lookup`, {
      headers: { cookie: customerCookie("7002") },
    });
    expect(forwardedQuery().get("logged_in_customer_id")).toBe("7002");
    expect(await api.utils.validateHmac(forwardedQuery(), { signator: "appProxy" })).toBe(true);
  });

  it("GIVEN a customer cookie of another shop WHEN proxied for this shop THEN the shopper is a guest", async () => {
    await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/lookup`, {
      headers: { cookie: customerCookie("8001", "dutch-demo.myshopify.com") },
    });
    expect(forwardedQuery().get("logged_in_customer_id")).toBe("");
  });

  it("GIVEN a shopper who puts shop/logged_in_customer_id/signature in the query WHEN proxied THEN Shopify's values replace them", async () => {
    await fetch(
      `${h.standIn.url}/s/nordic-demo/apps/returns/api/lookup?shop=evil.myshopify.com&logged_in_customer_id=1&signature=x&timestamp=1`,
    );
    const q = forwardedQuery();
    expect(q.getAll("shop")).toEqual([SHOP]);
    expect(q.getAll("logged_in_customer_id")).toEqual([""]);
    expect(q.getAll("signature")).toHaveLength(1);
    expect(await api.utils.validateHmac(q, { signator: "appProxy" })).toBe(true);
  });

  it("GIVEN repeated query keys WHEN proxied THEN they are kept and signed joined with commas", async () => {
    await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/x?extra=1&extra=2`);
    const q = forwardedQuery();
    expect(q.getAll("extra")).toEqual(["1", "2"]);
    expect(await api.utils.validateHmac(q, { signator: "appProxy" })).toBe(true);
  });

  it("GIVEN a POST with a form body and cookies WHEN proxied THEN method, content-type and body arrive untouched, cookies do not", async () => {
    const body = "order=%231001&email=astrid%40example.se";
    await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/lookup`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "accept-language": "sv",
        cookie: `${customerCookie("7001")}; _shopify_y=secret; cart=abc`,
      },
      body,
    });
    const req = lastForwarded();
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.headers["accept-language"]).toBe("sv");
    expect(req.body.toString()).toBe(body);
    expect(req.headers.cookie).toBeUndefined();
    expect(forwardedQuery().get("logged_in_customer_id")).toBe("7001");
  });

  it("GIVEN a JSON POST WHEN proxied THEN the body is byte-identical and unsigned (the signature covers only the query)", async () => {
    const body = JSON.stringify({
      orderId: "gid://shopify/Order/1",
      lines: [{ quantity: 1 }],
      note: "åäö",
    });
    await fetch(`${h.standIn.url}/apps/returns/api/returns`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `standin_shop=${SHOP}` },
      body,
    });
    expect(lastForwarded().body.toString("utf8")).toBe(body);
    expect(lastForwarded().headers["content-type"]).toBe("application/json");
  });

  it("GIVEN the root-level /apps/returns path and the shop cookie WHEN proxied THEN it works like the storefront's same-origin URL", async () => {
    await fetch(`${h.standIn.url}/apps/returns/api/lookup`, {
      headers: { cookie: `standin_shop=${SHOP}; ${customerCookie("7001")}` },
    });
    expect(forwardedQuery().get("shop")).toBe(SHOP);
    expect(forwardedQuery().get("logged_in_customer_id")).toBe("7001");
  });

  it("GIVEN no shop cookie WHEN the root-level proxy path is called THEN 404 explains what to do", async () => {
    const res = await fetch(`${h.standIn.url}/apps/returns/api/lookup`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/open \/s\/<shop>\//);
  });

  it("GIVEN the app answers 422 JSON with Set-Cookie WHEN proxied back THEN status, body and content-type pass, Set-Cookie does not", async () => {
    h.app.handler = () =>
      new Response(JSON.stringify({ ok: false, error: { code: "X", message: "Nope" } }), {
        status: 422,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "set-cookie": "app=1; Path=/",
        },
      });
    const res = await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/returns`, {
      method: "POST",
      body: "{}",
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.json()).toEqual({ ok: false, error: { code: "X", message: "Nope" } });
  });

  it("GIVEN the app redirects WHEN proxied THEN the redirect is passed back, not followed", async () => {
    h.app.handler = () =>
      new Response(null, { status: 302, headers: { location: "/apps/returns/status/t1" } });
    const res = await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/start`, {
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/apps/returns/status/t1");
    expect(h.app.requests).toHaveLength(1);
  });

  it("GIVEN Content-Type application/liquid WHEN proxied back THEN it is rendered with the shop's objects inside the theme layout", async () => {
    h.app.handler = () =>
      new Response(
        "<h1 id='x'>{{ shop.name }} – {{ customer.first_name | default: 'guest' }} – {{ 12900 | money }}</h1>",
        {
          headers: { "content-type": "application/liquid" },
        },
      );
    const res = await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/status/t1?locale=sv`, {
      headers: { cookie: customerCookie("7001") },
    });
    const html = await res.text();
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html).toContain("<h1 id='x'>Nordic Demo – Astrid – 129,00\u00a0kr</h1>");
    expect(html).toMatch(/<header class="header">/);
    expect(html).toContain('<html lang="sv">');
  });

  it("GIVEN liquid with {% layout none %} (remix liquid(…, {layout:false})) WHEN proxied back THEN it is rendered without the layout", async () => {
    h.app.handler = () => remixAppLiquid("<p>{{ shop.permanent_domain }}</p>", false);
    const html = await (await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/slip`)).text();
    expect(html.trim()).toBe(`<p>${SHOP}</p>`);
  });

  it("GIVEN the app is down WHEN proxied THEN the shopper gets a 502 page, not a crash", async () => {
    h.app.handler = () => {
      throw new Error("boom");
    };
    const res = await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/lookup`);
    expect(res.status).toBeGreaterThanOrEqual(500);
  });

  it("GIVEN signProxyUrl WHEN a test calls the app directly THEN the URL carries a valid signature for the customer", async () => {
    const url = new URL(
      h.standIn.signProxyUrl({
        shop: "nordic-demo",
        path: "/api/lookup",
        query: { a: "1" },
        loggedInCustomerId: "7001",
      }),
    );
    expect(url.origin).toBe(h.app.url);
    expect(url.pathname).toBe("/proxy/api/lookup");
    expect(url.searchParams.get("logged_in_customer_id")).toBe("7001");
    expect(await api.utils.validateHmac(url.searchParams, { signator: "appProxy" })).toBe(true);
  });

  it("GIVEN requests through the proxy WHEN reading the proxy log THEN each has the forwarded URL and status", async () => {
    await fetch(`${h.standIn.url}/s/nordic-demo/apps/returns/api/ping`);
    const entry = h.standIn.storefront.proxyLog().at(-1)!;
    expect(entry).toMatchObject({
      shop: SHOP,
      method: "GET",
      storefrontPath: "/s/nordic-demo/apps/returns/api/ping",
      status: 200,
    });
    expect(entry.forwardedUrl).toContain("/proxy/api/ping?");
    expect(entry.forwardedHeaders.cookie).toBeUndefined();
  });
});

function remixAppLiquid(body: string, layout: boolean): Response {
  // What `liquid(body, { layout: false })` from authenticate.public.appProxy returns.
  return new Response(layout ? body : `{% layout none %} ${body}`, {
    headers: { "content-type": "application/liquid" },
  });
}
